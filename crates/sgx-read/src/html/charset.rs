//! Which character encoding a page is in: byte order mark, then `<meta charset>` (or the
//! XML declaration), then UTF-8 if the bytes are valid UTF-8, else Windows-1252.

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

/// How far into the page a charset declaration is looked for.
const PRESCAN_BYTES: usize = 4096;

pub fn decode(bytes: &[u8]) -> (String, Option<String>) {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        return (text.into_owned(), None);
    }
    if let Some(label) = declared(&bytes[..bytes.len().min(PRESCAN_BYTES)]) {
        if let Some(enc) = Encoding::for_label(label.as_bytes()) {
            // A page cannot really be UTF-16 if its declaration was readable as ASCII.
            let enc = if enc.is_single_byte() || enc == UTF_8 || !enc.name().starts_with("UTF-16") {
                enc
            } else {
                UTF_8
            };
            let (text, _, malformed) = enc.decode(bytes);
            let warning = malformed
                .then(|| format!("page declares {} but has bytes invalid in it: replaced", enc.name()));
            return (text.into_owned(), warning);
        }
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => (s.to_string(), None),
        Err(_) => {
            let (text, _, _) = WINDOWS_1252.decode(bytes);
            (
                text.into_owned(),
                Some("page declares no charset and is not UTF-8: decoded as Windows-1252".into()),
            )
        }
    }
}

/// The charset named by a `<meta charset>`, a `<meta http-equiv content="...charset=">`
/// or an XML declaration's `encoding`.
fn declared(head: &[u8]) -> Option<String> {
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let lower = String::from_utf8_lossy(&lower);
    if lower.starts_with("<?xml") {
        if let Some(v) = value_after(&lower[..lower.find("?>").unwrap_or(lower.len())], "encoding") {
            return Some(v);
        }
    }
    let mut rest: &str = &lower;
    while let Some(i) = rest.find("<meta") {
        let tag_end = rest[i..].find('>').map_or(rest.len(), |e| i + e);
        let tag = &rest[i..tag_end];
        if let Some(v) = value_after(tag, "charset") {
            return Some(v);
        }
        rest = &rest[tag_end.min(rest.len())..];
        if rest.is_empty() {
            break;
        }
    }
    None
}

/// The value after `name=` (quoted or not).
fn value_after(s: &str, name: &str) -> Option<String> {
    let at = s.find(name)? + name.len();
    let rest = s[at..].trim_start().strip_prefix('=')?.trim_start();
    let rest = rest.trim_start_matches(['"', '\'']);
    let value: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | ':'))
        .collect();
    (!value.is_empty()).then_some(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meta_charset_and_fallbacks() {
        let page = b"<html><head><meta charset=\"windows-1252\"></head><body>caf\xe9 \x93q\x94</body></html>";
        assert!(decode(page).0.contains("café “q”"));
        let page = b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\"><p>\xa3100";
        assert!(decode(page).0.contains("£100"));
        let (text, warning) = decode(b"<p>caf\xe9</p>");
        assert!(text.contains("café") && warning.is_some());
        let (text, warning) = decode("\u{feff}<p>naïve</p>".as_bytes());
        assert!(text.starts_with("<p>naïve") && warning.is_none());
        let utf16: Vec<u8> =
            [0xFF, 0xFE].into_iter().chain("<p>hi</p>".encode_utf16().flat_map(u16::to_le_bytes)).collect();
        assert_eq!(decode(&utf16).0, "<p>hi</p>");
    }
}
