//! `sgx review`: one self-contained HTML page on which a reader checks each fact of a document
//! against its source. A consumer of the model, like the writers: it reads an `Extraction` and
//! the bytes the model was made from, never the recognisers.
//!
//! - PDF: each page drawn to a PNG (hayro) and embedded as a data URI, with a box over every
//!   fact whose evidence has a `bbox` (page points, origin top-left) scaled to the image.
//! - Text and markdown: the source's lines; HTML and DOCX: the IR's blocks (read again from
//!   the bytes); each fact's lines or block highlighted.
//!
//! Beside the document, the facts (partnership, document, priorities, actions, governance
//! bodies, glossary), each a link to its box or highlight (`#box-<id>`), which links back
//! (`#fact-<id>`). Plain anchors, no script; all document text is escaped.

mod facts;
mod page;
mod pdf;
mod text;

use sgx_model::{Extraction, Format};

/// How the page is made.
#[derive(Debug, Clone)]
pub struct Options {
    /// Image pixels per PDF point (1.5 = 108 dpi).
    pub scale: f32,
    /// PDF pages drawn; later pages are left out with a note (their facts stay listed).
    pub max_pages: usize,
    /// The most pixels of one page image; a larger page is drawn at a smaller scale.
    pub max_page_pixels: u64,
}

impl Default for Options {
    fn default() -> Self {
        Options { scale: 1.5, max_pages: 50, max_page_pixels: 4_000_000 }
    }
}

/// Why no page was made.
#[derive(Debug, thiserror::Error)]
pub enum ReviewError {
    #[error("cannot render the PDF: {0}")]
    Pdf(String),
    #[error(transparent)]
    Read(#[from] sgx_read::ReadError),
}

/// The review page of the document whose bytes are `bytes` and whose model is `x` (made from
/// those very bytes: the evidence's pages, lines and blocks point into them).
pub fn review_html(bytes: &[u8], x: &Extraction, opts: &Options) -> Result<String, ReviewError> {
    let facts = facts::facts(x);
    let mut notes = Vec::new();
    let (body, shown) = match x.source.format {
        Format::Pdf => {
            let (pages, total) = pdf::render_pages(bytes, opts)?;
            if total > pages.len() {
                notes.push(format!(
                    "Pages {} to {total} are not drawn (at most {} pages); their facts are listed without a box.",
                    pages.len() + 1,
                    opts.max_pages
                ));
            }
            page::pdf_pages(&pages, &facts)
        }
        Format::Text | Format::Markdown => {
            let (source, _) = sgx_read::decode_text(bytes);
            let lines: Vec<text::Unit> = source.lines().map(text::Unit::line).collect();
            text::units_html(&lines, "L", 1, &text::spans_by_lines(&facts))
        }
        Format::Html | Format::Docx => {
            let doc = sgx_read::read_as(bytes, &x.source.path, x.source.format)?;
            let blocks: Vec<text::Unit> = doc.blocks.iter().map(text::Unit::from_block).collect();
            text::units_html(&blocks, "B", 0, &text::spans_by_block(&facts))
        }
    };
    Ok(page::document(x, &facts, &shown, &notes, &body))
}

/// `text` with the five characters HTML gives meaning to written as references, so document
/// text (untrusted) can only ever be text, in an element or an attribute value.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_text_is_escaped() {
        assert_eq!(
            escape(r#"<script>alert("x&y")</script>'"#),
            "&lt;script&gt;alert(&quot;x&amp;y&quot;)&lt;/script&gt;&#39;"
        );
    }
}
