//! sgx readers: one entry point, [`read`], turns the bytes of an input file into the IR.
//!
//! The format is detected from the content (magic bytes, markup sniffing), not the file
//! extension; a mismatch between the two is reported in the document's warnings.

mod common;
mod decode;
mod docx;
mod error;
mod html;
mod marker_table;
mod pdf;
mod text;

use sgx_ir::{Document, Format, Warning, WarningKind};

pub use decode::decode_text;
pub use error::ReadError;

/// Detect the format of `bytes`. `path` is used only as a tie-breaker between text and
/// markdown, which are read by the same reader.
pub fn detect(bytes: &[u8], path: &str) -> Result<Format, ReadError> {
    let head = &bytes[..bytes.len().min(1024)];
    let trimmed = trim_ascii_start(skip_bom(head));
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ReadError::Empty);
    }
    if find(head, b"%PDF-").is_some() {
        return Ok(Format::Pdf);
    }
    if head.starts_with(b"PK\x03\x04") {
        return Ok(Format::Docx);
    }
    if head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(ReadError::Unsupported("legacy Word .doc (OLE2): convert to DOCX or PDF".into()));
    }
    if head.starts_with(b"{\\rtf") {
        return Err(ReadError::Unsupported("RTF: convert to DOCX or PDF".into()));
    }
    let lower: Vec<u8> = trimmed.iter().take(256).map(u8::to_ascii_lowercase).collect();
    if lower.starts_with(b"<!doctype html")
        || lower.starts_with(b"<html")
        || (lower.starts_with(b"<?xml") && find(&lower, b"<html").is_some())
    {
        return Ok(Format::Html);
    }
    if html::sniff(trimmed, path) {
        return Ok(Format::Html);
    }
    if decode::looks_binary(bytes) {
        return Err(ReadError::Binary);
    }
    let ext = path.rsplit('.').next().unwrap_or("").to_ascii_lowercase();
    Ok(if matches!(ext.as_str(), "md" | "markdown") { Format::Markdown } else { Format::Text })
}

/// Read one document. `path` is recorded in the IR's provenance and used for warnings.
pub fn read(bytes: &[u8], path: &str) -> Result<Document, ReadError> {
    read_as(bytes, path, detect(bytes, path)?)
}

/// Read one document whose format [`detect`] has found.
pub fn read_as(bytes: &[u8], path: &str, format: Format) -> Result<Document, ReadError> {
    let mut doc = match format {
        Format::Text | Format::Markdown => {
            let (text, warning) = decode_text(bytes);
            let mut doc = text::read(&text, path, format);
            doc.warnings.extend(warning);
            doc
        }
        Format::Pdf => pdf::read(bytes, path)?,
        Format::Html => html::read(bytes, path),
        Format::Docx => docx::read(bytes, path)?,
    };
    marker_table::lists_from_marker_tables(&mut doc);
    if let Some(w) = extension_mismatch(path, format) {
        doc.warnings.insert(0, w);
    }
    Ok(doc)
}

fn extension_mismatch(path: &str, format: Format) -> Option<Warning> {
    let ext = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase())?;
    let expected = match ext.as_str() {
        "pdf" => Format::Pdf,
        "docx" => Format::Docx,
        "htm" | "html" => Format::Html,
        "md" | "markdown" => Format::Markdown,
        "txt" | "text" => Format::Text,
        _ => return None,
    };
    let same = expected == format
        || matches!((expected, format), (Format::Text, Format::Markdown) | (Format::Markdown, Format::Text));
    let format = format.as_str();
    (!same).then(|| {
        let message = format!("file extension .{ext} but content is {format}; read as {format}");
        Warning::new(WarningKind::FormatMismatch, message)
    })
}

fn skip_bom(b: &[u8]) -> &[u8] {
    b.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(b)
}

fn trim_ascii_start(b: &[u8]) -> &[u8] {
    let n = b.iter().take_while(|c| c.is_ascii_whitespace()).count();
    &b[n..]
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_by_content_not_extension() {
        assert_eq!(detect(b"%PDF-1.7\n...", "a.txt").unwrap(), Format::Pdf);
        assert_eq!(detect(b"\n<!DOCTYPE html><p>x", "a.pdf").unwrap(), Format::Html);
        assert_eq!(detect(b"# Plan", "a.md").unwrap(), Format::Markdown);
        assert!(matches!(detect(b"  \n ", "a.txt"), Err(ReadError::Empty)));
        assert!(matches!(detect(b"\x00\x01\x02\x03binary\x00\x00", "a.txt"), Err(ReadError::Binary)));
    }

    #[test]
    fn mismatch_is_a_warning() {
        let doc = read(b"Plain words.", "plan.pdf").unwrap();
        let w = &doc.warnings[0];
        assert_eq!(w.kind, WarningKind::FormatMismatch);
        assert_eq!(w.message, "file extension .pdf but content is text; read as text");
        let doc = read(b"Plain words.", "plan.html").unwrap();
        assert!(doc.warnings[0].message.contains(".html"));
    }
}
