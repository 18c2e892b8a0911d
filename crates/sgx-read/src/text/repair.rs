//! Repairs for text as document-hosting sites give it, before its lines are read.
//!
//! - **Mojibake.** UTF-8 that went through Windows-1252 on its way ("â€™" for "’", "â€“" for
//!   "–"): a run of characters whose Windows-1252 bytes form one valid UTF-8 character is that
//!   character. Where the lead byte was lost ("€¦"), a continuation pair after "€" is general
//!   punctuation (U+2000–U+203F, the only block whose UTF-8 starts E2 80).
//! - **Letter-spaced words.** Logos and covers printed letter by letter ("S A F E G U A R D I N
//!   G   B O A R D") are joined, and the genre's body words inside a joined run get their
//!   spaces back ("WARRINGTONSAFEGUARDINGCHILDRENBOARD" → "WARRINGTON SAFEGUARDING CHILDREN
//!   BOARD").
//!
//! Neither adds or removes a line break, so source lines stay right.

use std::borrow::Cow;

/// Windows-1252's characters for the bytes 0x80–0x9F (undefined bytes as C1 controls, as
/// decoders pass them through).
const CP1252_HIGH: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž', '\u{8F}', '\u{90}',
    '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}', 'ž', 'Ÿ',
];

/// A run of at least this many spaced single letters is a letter-spaced word.
const SPACED_LETTERS: usize = 4;

/// Words that a letter-spaced cover spells, given their spaces back when joined.
const BODY_WORDS: &[&str] = &[
    "SAFEGUARDING",
    "CHILDREN",
    "PARTNERSHIP",
    "BOARD",
    "LOCAL",
    "ANNUAL",
    "REPORT",
    "BUSINESS",
    "PLAN",
    "STRATEGY",
];

/// The text repaired, and how many mojibake sequences were.
pub fn repair(text: &str) -> (Cow<'_, str>, usize) {
    let (text, mojibake) = fix_mojibake(text);
    let text = match join_spaced_letters(&text) {
        Cow::Owned(joined) => Cow::Owned(joined),
        Cow::Borrowed(_) => text,
    };
    (text, mojibake)
}

/// The Windows-1252 byte a character stands for, if it is one.
fn cp1252_byte(c: char) -> Option<u8> {
    match c as u32 {
        0xA0..=0xFF => Some(c as u32 as u8),
        _ => CP1252_HIGH.iter().position(|&h| h == c).map(|p| 0x80 + p as u8),
    }
}

fn is_continuation(b: u8) -> bool {
    (0x80..=0xBF).contains(&b)
}

fn fix_mojibake(text: &str) -> (Cow<'_, str>, usize) {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::new();
    let mut fixed = 0;
    let mut i = 0;
    let mut last_copied = 0;
    while i < chars.len() {
        if let Some((replacement, used)) = mojibake_at(&chars[i..]) {
            out.extend(&chars[last_copied..i]);
            out.push(replacement);
            fixed += 1;
            i += used;
            last_copied = i;
        } else {
            i += 1;
        }
    }
    if fixed == 0 {
        return (Cow::Borrowed(text), 0);
    }
    out.extend(&chars[last_copied..]);
    (Cow::Owned(out), fixed)
}

/// The character a mojibake sequence at the start of `chars` stands for, and its length.
fn mojibake_at(chars: &[char]) -> Option<(char, usize)> {
    let lead = cp1252_byte(chars[0])?;
    let continuations = match lead {
        0xC2..=0xDF => 1,
        0xE0..=0xEF => 2,
        0xF0..=0xF4 => 3,
        // "€" with its lead byte (E2) lost: general punctuation.
        0x80 => {
            let b = chars.get(1).copied().and_then(cp1252_byte).filter(|&b| is_continuation(b))?;
            let c = std::str::from_utf8(&[0xE2, 0x80, b]).ok()?.chars().next()?;
            return Some((c, 2));
        }
        _ => return None,
    };
    let mut bytes = vec![lead];
    for &c in chars.get(1..=continuations)? {
        bytes.push(cp1252_byte(c).filter(|&b| is_continuation(b))?);
    }
    let decoded = std::str::from_utf8(&bytes).ok()?.chars().next()?;
    Some((decoded, 1 + continuations))
}

fn join_spaced_letters(text: &str) -> Cow<'_, str> {
    let mut changed = false;
    let lines: Vec<String> = text
        .split('\n')
        .map(|line| match join_in_line(line) {
            Some(joined) => {
                changed = true;
                joined
            }
            None => line.to_string(),
        })
        .collect();
    if changed {
        Cow::Owned(lines.join("\n"))
    } else {
        Cow::Borrowed(text)
    }
}

/// The line with its runs of spaced capitals joined, if it has any.
fn join_in_line(line: &str) -> Option<String> {
    let tokens: Vec<&str> = line.split(' ').collect();
    let single = |t: &str| t.chars().count() == 1 && t.chars().all(|c| c.is_ascii_uppercase());
    let mut out: Vec<String> = Vec::new();
    let mut changed = false;
    let mut i = 0;
    while i < tokens.len() {
        // A run of single capitals, allowing the wider gap ("" tokens) between spaced words.
        let mut j = i;
        let mut letters = String::new();
        while j < tokens.len() && (single(tokens[j]) || (tokens[j].is_empty() && !letters.is_empty())) {
            letters.push_str(tokens[j]);
            j += 1;
        }
        if letters.len() >= SPACED_LETTERS {
            out.push(spaced_body_words(&letters));
            changed = true;
            i = j;
        } else {
            out.push(tokens[i].to_string());
            i += 1;
        }
    }
    changed.then(|| out.join(" "))
}

/// "XSAFEGUARDINGCHILDRENBOARD" → "X SAFEGUARDING CHILDREN BOARD".
fn spaced_body_words(joined: &str) -> String {
    let mut out = joined.to_string();
    for word in BODY_WORDS {
        out = out.replace(word, &format!(" {word} "));
    }
    sgx_ir::normalize_ws(&out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_read_as_windows_1252_is_read_again() {
        let (text, n) = repair("The Boardâ€™s â€œplanâ€\u{9d} â€“ 2019â€¦ cafÃ©");
        assert_eq!(text, "The Board’s “plan” – 2019… café");
        assert_eq!(n, 6);
        // The lead byte lost: a pair after "€" is general punctuation.
        assert_eq!(repair("Hosting site: Annual Report€¦").0, "Hosting site: Annual Report…");
        // Text that is what it says is left alone.
        let plain = "Costs £20 or €30 – “quoted” naïve café";
        assert_eq!(repair(plain), (Cow::Borrowed(plain), 0));
    }

    #[test]
    fn letter_spaced_covers_are_joined() {
        let (text, _) =
            repair("Report 2019 B R A C K L E Y S A F E G U A R D I N G C H I L D R E N B O A R D\nnext");
        assert_eq!(text, "Report 2019 BRACKLEY SAFEGUARDING CHILDREN BOARD\nnext");
        // Initials and short runs stay as they are.
        let plain = "Plan A B C and the I T team";
        assert_eq!(repair(plain).0, plain);
    }
}
