//! PDF reader on hayro-interpret: glyphs, rulings and fills per page → lines, ruled tables
//! and blocks in reading order → one document, with running headers and footers removed and
//! tables continued across pages joined.

mod assemble;
mod device;
mod layout;
mod stream;
mod tables;

use std::panic::{catch_unwind, AssertUnwindSafe};

use hayro_interpret::hayro_syntax::{LoadPdfError, Pdf};
use hayro_interpret::kurbo::Rect;
use hayro_interpret::{interpret_page, Context, InterpreterCache, InterpreterSettings, TransformExt};
use sgx_ir::{Document, Format, Provenance, Source, Warning, WarningKind};

use crate::error::ReadError;
use device::{PageCollector, RawPage};

pub fn read(bytes: &[u8], path: &str) -> Result<Document, ReadError> {
    let pdf = Pdf::new(bytes.to_vec()).map_err(|e| match e {
        LoadPdfError::Decryption(_) => ReadError::Encrypted,
        LoadPdfError::Invalid => ReadError::Corrupt("cannot parse the PDF structure".into()),
    })?;
    let pages = pdf.pages();
    if pages.is_empty() {
        return Err(ReadError::Corrupt("the PDF has no pages".into()));
    }
    let mut warnings = Vec::new();
    let cache = InterpreterCache::new();
    let mut raw_pages = Vec::with_capacity(pages.len());
    for (i, page) in pages.iter().enumerate() {
        let (w, h) = page.render_dimensions();
        let mut collector = PageCollector::new((w, h));
        let settings = InterpreterSettings::default();
        // A page the interpreter cannot finish costs that page, not the document.
        let ok = catch_unwind(AssertUnwindSafe(|| {
            let mut ctx = Context::new(
                page.initial_transform(true).to_kurbo(),
                Rect::new(0.0, 0.0, w as f64, h as f64),
                &cache,
                pdf.xref(),
                settings,
            );
            interpret_page(page, &mut ctx, &mut collector);
        }));
        let on_page = Provenance { page: Some(i as u32 + 1), ..Provenance::default() };
        if ok.is_err() {
            let message = "could not be interpreted; skipped";
            warnings.push(Warning::at(WarningKind::PartUnreadable, on_page.clone(), message));
            collector = PageCollector::new((w, h));
        }
        collector.turn_upright();
        if collector.truncated {
            let message = "too many drawing operations; the rest of the page was skipped";
            warnings.push(Warning::at(WarningKind::LimitReached, on_page.clone(), message));
        }
        if collector.rotated > 0 {
            let message = format!("{} rotated glyphs not laid out", collector.rotated);
            warnings.push(Warning::at(WarningKind::PartUnreadable, on_page, message));
        }
        let (width, height) = collector.page_size;
        raw_pages.push(RawPage { number: i as u32 + 1, width, height, content: collector });
    }
    let n_pages = raw_pages.len() as u32;
    let page_sizes = raw_pages.iter().map(|p| [p.width, p.height]).collect();
    let glyph_count: usize = raw_pages.iter().map(|p| p.content.glyphs.len()).sum();
    let blocks = if glyph_count == 0 {
        let message = "no text layer: the PDF has pages but no extractable text (a scan?)";
        warnings.push(Warning::new(WarningKind::NoText, message));
        Vec::new()
    } else {
        assemble::document_blocks(raw_pages, &mut warnings)
    };
    Ok(Document {
        source: Source { path: path.to_string(), format: Format::Pdf, pages: Some(n_pages), page_sizes },
        blocks,
        warnings,
    })
}
