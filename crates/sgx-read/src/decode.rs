//! Text decoding: UTF-8 (with or without BOM), UTF-16 with a BOM, and Windows-1252 for the
//! older files that are neither (with a warning, since it is a guess).

use sgx_ir::{Warning, WarningKind};

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
    match std::str::from_utf8(bytes) {
        Ok(s) => (s.replace("\r\n", "\n").replace('\r', "\n"), None),
        Err(_) => {
            let s: String = bytes.iter().map(|&b| cp1252(b)).collect();
            (
                s.replace("\r\n", "\n").replace('\r', "\n"),
                Some(Warning::new(
                    WarningKind::EncodingGuessed,
                    "text is not valid UTF-8: decoded as Windows-1252",
                )),
            )
        }
    }
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
    fn utf16_with_bom() {
        let (s, w) = decode_text(b"\xFF\xFEh\x00i\x00");
        assert_eq!(s, "hi");
        assert!(w.is_none());
    }
}
