//! Hostile and broken inputs: each must end in bounded time and memory with a clear
//! outcome — a document (with warnings where something was cut) or a one-line error — and
//! never a panic. Inputs are generated here; timings are printed (`--nocapture`).

use std::io::Write;
use std::time::{Duration, Instant};

use sgx_read::{read, ReadError};

/// Generous: debug builds are slow, and the point is "finishes", not a benchmark.
const LIMIT: Duration = Duration::from_secs(120);

fn timed<T>(what: &str, f: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let out = f();
    let took = start.elapsed();
    println!("{what}: {took:.2?}");
    assert!(took < LIMIT, "{what} took {took:?}");
    out
}

// --- HTML ----------------------------------------------------------------------------------

#[test]
fn huge_spans_are_clamped_to_a_bounded_grid() {
    // Every row starts a cell spanning 1000 rows and 1000 columns: unclamped, the grid would
    // be a thousand million slots.
    let rows = "<tr><td rowspan=1000 colspan=1000>x</td><td colspan=4294967295>y</td></tr>".repeat(1000);
    let page = format!(
        "<!DOCTYPE html><table>{rows}</table><table><tr><td colspan=99999999 rowspan=0>z</td></tr></table>"
    );
    let doc = timed("html huge colspan", || read(page.as_bytes(), "spans.html")).unwrap();
    let tables: Vec<_> = doc.blocks.iter().filter_map(|b| b.as_table()).collect();
    assert_eq!(tables.len(), 2);
    for t in &tables {
        assert!(t.n_cols() <= 1000);
        assert!(t.n_cols() * t.rows.len() <= 4_000_000);
        // What recognisers do with a table: build its grid.
        assert_eq!(t.grid().len(), t.rows.len());
    }
    assert!(!doc.warnings.is_empty(), "clamping is reported");
}

#[test]
fn ten_thousand_nested_divs() {
    let page = format!(
        "<!DOCTYPE html><body>{}<p>deep</p>{}</body>",
        "<div>".repeat(10_000),
        "</div>".repeat(10_000)
    );
    let doc = timed("html 10,000 nested divs", || read(page.as_bytes(), "deep.html")).unwrap();
    assert!(doc.blocks.iter().any(|b| b.plain_text().contains("deep")));
    assert!(doc.warnings.iter().any(|w| w.message.contains("nested deeper")));
}

#[test]
fn ten_thousand_nested_tables() {
    let page = format!(
        "<!DOCTYPE html><body>{}core{}</body>",
        "<table><tr><td>".repeat(10_000),
        "</td></tr></table>".repeat(10_000)
    );
    let doc = timed("html 10,000 nested tables", || read(page.as_bytes(), "tables.html")).unwrap();
    assert!(doc.blocks.iter().any(|b| b.plain_text().contains("core")));
}

#[test]
fn fifty_megabytes_of_text() {
    let para = format!("<p>{}</p>\n", "The partnership will review its work every quarter. ".repeat(20));
    let mut page = String::from("<!DOCTYPE html><html><body>");
    while page.len() < 50 * 1024 * 1024 {
        page.push_str(&para);
    }
    page.push_str("</body></html>");
    let doc = timed("html 50 MB in paragraphs", || read(page.as_bytes(), "big.html")).unwrap();
    assert!(doc.blocks.len() > 40_000);
    // One text node of 50 MB, no markup inside.
    let page = format!("<!DOCTYPE html><p>{}</p>", "word ".repeat(10 * 1024 * 1024));
    let doc = timed("html 50 MB in one paragraph", || read(page.as_bytes(), "one.html")).unwrap();
    assert_eq!(doc.blocks.len(), 1);
}

#[test]
fn alternating_emphasis_stays_linear() {
    let page = format!("<!DOCTYPE html><p>{}</p>", "<b>a</b>b<u>c</u> ".repeat(300_000));
    let doc = timed("html 900,000 emphasis runs", || read(page.as_bytes(), "marks.html")).unwrap();
    assert_eq!(doc.blocks.len(), 1);
}

// --- DOCX ----------------------------------------------------------------------------------

const NS: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

fn zip_parts(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, bytes) in parts {
        w.start_file(*name, zip::write::SimpleFileOptions::default()).unwrap();
        w.write_all(bytes).unwrap();
    }
    w.finish().unwrap().into_inner()
}

fn docx_body(body: &str) -> Vec<u8> {
    let xml = format!(r#"<w:document {NS}><w:body>{body}</w:body></w:document>"#);
    zip_parts(&[("word/document.xml", xml.as_bytes())])
}

fn error_line(e: &ReadError) -> String {
    let s = e.to_string();
    assert!(!s.contains('\n') && !s.is_empty(), "one line: {s:?}");
    s
}

#[test]
fn not_a_zip() {
    let e = read(b"PK\x03\x04 this is not really a zip archive at all", "bad.docx").unwrap_err();
    assert!(matches!(e, ReadError::Corrupt(_)), "{e}");
    println!("not a zip: {}", error_line(&e));
}

#[test]
fn zip_without_a_document() {
    let e = read(&zip_parts(&[("hello.txt", b"hi")]), "empty.docx").unwrap_err();
    assert!(error_line(&e).contains("word/document.xml"), "{e}");
}

#[test]
fn malformed_xml() {
    let xml = format!(r#"<w:document {NS}><w:body><w:p><w:r><w:t>x</w:t></w:p></w:body></w:document>"#);
    let e = read(&zip_parts(&[("word/document.xml", xml.as_bytes())]), "broken.docx").unwrap_err();
    assert!(matches!(e, ReadError::Corrupt(_)), "{e}");
    assert!(error_line(&e).contains("word/document.xml"));
    let e = read(&docx_body("<w:p><w:r><w:t>unterminated"), "cut.docx").unwrap_err();
    println!("truncated xml: {}", error_line(&e));
}

/// A zip whose document.xml inflates to `size` bytes of spaces, compressed as it is written.
fn bomb(size: usize) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    w.start_file("word/document.xml", options).unwrap();
    w.write_all(format!(r#"<w:document {NS}><w:body><w:p><w:r><w:t>"#).as_bytes()).unwrap();
    let chunk = vec![b' '; 1 << 20];
    let mut written = 0;
    while written < size {
        w.write_all(&chunk).unwrap();
        written += chunk.len();
    }
    w.write_all(b"</w:t></w:r></w:p></w:body></w:document>").unwrap();
    w.finish().unwrap().into_inner()
}

#[test]
fn zip_bomb_by_declared_size() {
    let bytes = bomb(300 << 20);
    println!("bomb: {} KB inflating to 300 MB", bytes.len() / 1024);
    let e = timed("docx bomb, honest sizes", || read(&bytes, "bomb.docx")).unwrap_err();
    assert!(matches!(e, ReadError::TooLarge(_)), "{e}");
    println!("  {}", error_line(&e));
}

#[test]
fn zip_bomb_that_lies_about_its_size() {
    let mut bytes = bomb(300 << 20);
    // Rewrite the declared uncompressed size (local header and central directory, zip64
    // extra fields too) to something small: only the cap on inflated bytes can stop it now.
    lie_about_sizes(&mut bytes);
    let outcome = timed("docx bomb, lying sizes", || read(&bytes, "liar.docx"));
    let e = outcome.expect_err("a lying bomb is refused");
    println!("  {}", error_line(&e));
}

/// Set every uncompressed-size field in the archive to 4096.
fn lie_about_sizes(z: &mut [u8]) {
    let small = 4096u32.to_le_bytes();
    let mut i = 0;
    while i + 4 <= z.len() {
        match &z[i..i + 4] {
            // Local file header: uncompressed size at +22; zip64 extra in the extra field.
            b"PK\x03\x04" if i + 30 <= z.len() => {
                let (name_len, extra_len) = (
                    u16::from_le_bytes([z[i + 26], z[i + 27]]) as usize,
                    u16::from_le_bytes([z[i + 28], z[i + 29]]) as usize,
                );
                if z[i + 22..i + 26] != [0xFF; 4] {
                    z[i + 22..i + 26].copy_from_slice(&small);
                }
                patch_zip64(z, i + 30 + name_len, extra_len);
                i += 30;
            }
            // Central directory entry: uncompressed size at +24.
            b"PK\x01\x02" if i + 46 <= z.len() => {
                let (name_len, extra_len) = (
                    u16::from_le_bytes([z[i + 28], z[i + 29]]) as usize,
                    u16::from_le_bytes([z[i + 30], z[i + 31]]) as usize,
                );
                if z[i + 24..i + 28] != [0xFF; 4] {
                    z[i + 24..i + 28].copy_from_slice(&small);
                }
                patch_zip64(z, i + 46 + name_len, extra_len);
                i += 46;
            }
            _ => i += 1,
        }
    }
}

/// The zip64 extra field (id 1) starts with the uncompressed size as 8 bytes.
fn patch_zip64(z: &mut [u8], start: usize, len: usize) {
    let mut k = start;
    while k + 4 <= (start + len).min(z.len()) {
        let id = u16::from_le_bytes([z[k], z[k + 1]]);
        let size = u16::from_le_bytes([z[k + 2], z[k + 3]]) as usize;
        if id == 1 && size >= 8 && k + 12 <= z.len() {
            z[k + 4..k + 12].copy_from_slice(&4096u64.to_le_bytes());
        }
        k += 4 + size;
    }
}

#[test]
fn deeply_nested_docx_content() {
    let depth = 20_000;
    let body = format!(
        "{}<w:p><w:r><w:t>core</w:t></w:r></w:p>{}",
        "<w:sdt><w:sdtContent>".repeat(depth),
        "</w:sdtContent></w:sdt>".repeat(depth)
    );
    let doc = timed("docx 20,000 nested content controls", || read(&docx_body(&body), "deep.docx")).unwrap();
    assert!(doc.warnings.iter().any(|w| w.message.contains("nested deeper")));
    let cells = "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>core</w:t></w:r></w:p></w:tc></w:tr></w:tbl>";
    let nested =
        format!("{}{cells}{}", "<w:tbl><w:tr><w:tc>".repeat(5_000), "</w:tc></w:tr></w:tbl>".repeat(5_000));
    let doc = timed("docx 5,000 nested tables", || read(&docx_body(&nested), "tables.docx")).unwrap();
    assert!(doc.warnings.iter().any(|w| w.message.contains("nested deeper")));
    // Two deep places in one document: one warning.
    let twice = format!("{nested}{nested}");
    let doc = timed("docx twice 5,000 nested tables", || read(&docx_body(&twice), "twice.docx")).unwrap();
    assert_eq!(doc.warnings.iter().filter(|w| w.message.contains("nested deeper")).count(), 1);
}

#[test]
fn huge_grid_spans_in_docx() {
    let row = r#"<w:tr><w:tc><w:tcPr><w:gridSpan w:val="4000000000"/><w:vMerge w:val="restart"/></w:tcPr><w:p/></w:tc><w:tc><w:p/></w:tc></w:tr>"#;
    let body = format!("<w:tbl>{}</w:tbl>", row.repeat(20_000));
    let doc = timed("docx huge gridSpan", || read(&docx_body(&body), "spans.docx")).unwrap();
    let t = doc.blocks[0].as_table().unwrap();
    assert!(t.n_cols() <= 1000 && t.n_cols() * t.rows.len() <= 4_000_000);
}
