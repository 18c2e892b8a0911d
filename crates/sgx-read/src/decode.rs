//! Text decoding: UTF-8 (with or without BOM), UTF-16 with a BOM, and Windows-1252 for the
//! bytes that are not UTF-8 (with a warning, since it is a guess). Only the bytes that are
//! not valid UTF-8 are read as Windows-1252: one stray byte in a UTF-8 file leaves the rest
//! of the file as written, and an older all-Windows-1252 file still reads whole.

use sgx_ir::{LineRange, Provenance, Warning, WarningKind};

/// Decode text bytes; the second value is a warning when the encoding had to be guessed.
pub fn decode_text(bytes: &[u8]) -> (String, Option<Warning>) {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return decode_text(rest);
    }
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        let le = bytes[0] == 0xFF;
        let units: Vec<u16> = bytes[2..]
            .chunks_exact(2)
            .map(|c| if le { u16::from_le_bytes([c[0], c[1]]) } else { u16::from_be_bytes([c[0], c[1]]) })
            .collect();
        return (String::from_utf16_lossy(&units), None);
    }
    let (text, guessed) = utf8_else_cp1252(bytes);
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let warning = guessed.map(|Guessed { bytes, first_line, last_line }| {
        let what = if bytes == 1 { "1 byte is".to_string() } else { format!("{bytes} bytes are") };
        let message = format!("{what} not valid UTF-8: decoded as Windows-1252");
        let lines = Some(LineRange { start: first_line, end: last_line });
        Warning::at(WarningKind::EncodingGuessed, Provenance { lines, ..Default::default() }, message)
    });
    (text, warning)
}

/// How many bytes were read as Windows-1252, and the lines they are on (1-based).
struct Guessed {
    bytes: usize,
    first_line: u32,
    last_line: u32,
}

/// UTF-8 where the bytes are valid UTF-8, each other byte as Windows-1252.
fn utf8_else_cp1252(bytes: &[u8]) -> (String, Option<Guessed>) {
    let mut text = String::with_capacity(bytes.len());
    let mut guessed: Option<Guessed> = None;
    let mut line: u32 = 1;
    for chunk in bytes.utf8_chunks() {
        let valid = chunk.valid();
        text.push_str(valid);
        line += valid.matches('\n').count() as u32;
        let invalid = chunk.invalid();
        if invalid.is_empty() {
            continue;
        }
        text.extend(invalid.iter().map(|&b| cp1252(b)));
        let g = guessed.get_or_insert(Guessed { bytes: 0, first_line: line, last_line: line });
        g.bytes += invalid.len();
        g.last_line = line;
    }
    (text, guessed)
}

/// Many NUL or control bytes in the first 8 KiB: not text.
pub fn looks_binary(bytes: &[u8]) -> bool {
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return false;
    }
    let head = &bytes[..bytes.len().min(8192)];
    let control = head.iter().filter(|&&b| b < 0x09 || (0x0E..0x20).contains(&b) && b != 0x1B).count();
    head.contains(&0) || control * 20 > head.len()
}

fn cp1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž', '\u{8F}',
        '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}', 'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9F => HIGH[(b - 0x80) as usize],
        _ => b as char,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_1252_fallback_warns() {
        let (s, w) = decode_text(b"caf\xe9 \x93quoted\x94");
        assert_eq!(s, "café “quoted”");
        assert!(w.is_some());
    }

    #[test]
    fn one_stray_byte_leaves_the_rest_of_a_utf8_file_alone() {
        let bytes = ["Partnership – “Plan”\nline two caf".as_bytes(), &[0xE9], b"\n"].concat();
        let (s, w) = decode_text(&bytes);
        assert_eq!(s, "Partnership – “Plan”\nline two café\n");
        let w = w.expect("a warning");
        assert_eq!(w.message, "1 byte is not valid UTF-8: decoded as Windows-1252");
        assert_eq!(w.prov.and_then(|p| p.lines), Some(LineRange { start: 2, end: 2 }));
    }

    #[test]
    fn utf16_with_bom() {
        let (s, w) = decode_text(b"\xFF\xFEh\x00i\x00");
        assert_eq!(s, "hi");
        assert!(w.is_none());
    }
}
