//! Short date texts (a timescale cell, a printed period) split into tokens: words, numbers
//! (with their digit count, so "07" and "2007" differ), ordinals ("31st"), apostrophes,
//! slashes, dashes of every width, and other punctuation. A number glued to a word splits
//! ("Oct07" → "oct", "07"), so the readers see the genre's glued spellings as spaced ones.
//!
//! Known limits: letters outside ASCII are kept in words but never match the English
//! vocabulary; numbers longer than [`MAX_DIGITS`] digits are read as unreadable.

/// A number with more digits than this is no date part.
const MAX_DIGITS: usize = 8;

/// Suffixes of an ordinal day ("1st", "22nd", "3rd", "31st").
const ORDINAL_SUFFIXES: [&str; 4] = ["st", "nd", "rd", "th"];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A run of letters, lower-cased in [`Token::lower`].
    Word,
    /// A run of digits: [`Token::value`] and [`Token::digits`].
    Number,
    /// Digits with an ordinal suffix: "31st".
    Ordinal,
    /// ' ’ ‘ (an elided century: "'07").
    Apostrophe,
    Slash,
    /// - – — and the other dashes.
    Dash,
    Dot,
    Comma,
    /// & or +, read as "and".
    Ampersand,
    /// Any other punctuation (brackets, colons, semicolons).
    Other,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub kind: Kind,
    /// Byte range in the text.
    pub start: usize,
    pub end: usize,
    /// A word in lower case; empty for other kinds.
    pub lower: String,
    /// A number's or ordinal's value; 0 for other kinds.
    pub value: i32,
    /// A number's digit count.
    pub digits: usize,
    /// Whether a word begins with a capital letter as printed.
    pub capitalised: bool,
}

impl Token {
    pub fn is_word(&self, word: &str) -> bool {
        self.kind == Kind::Word && self.lower == word
    }

    pub fn is_number(&self) -> bool {
        self.kind == Kind::Number
    }
}

fn is_dash(c: char) -> bool {
    matches!(c, '-' | '‐' | '‑' | '‒' | '–' | '—' | '―' | '−')
}

/// The tokens of `text`, spaces dropped.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        let mut end = start + c.len_utf8();
        let token = |kind, end| Token {
            kind,
            start,
            end,
            lower: String::new(),
            value: 0,
            digits: 0,
            capitalised: false,
        };
        if c.is_whitespace() {
            continue;
        }
        if c.is_alphabetic() {
            while let Some(&(i, n)) = chars.peek() {
                if !n.is_alphabetic() {
                    break;
                }
                end = i + n.len_utf8();
                chars.next();
            }
            let mut t = token(Kind::Word, end);
            t.lower = text[start..end].to_lowercase();
            t.capitalised = c.is_uppercase();
            tokens.push(t);
        } else if c.is_ascii_digit() {
            while let Some(&(i, n)) = chars.peek() {
                if !n.is_ascii_digit() {
                    break;
                }
                end = i + 1;
                chars.next();
            }
            let digits = &text[start..end];
            let mut t = token(Kind::Number, end);
            t.digits = digits.len();
            t.value = if t.digits <= MAX_DIGITS { digits.parse().unwrap_or(i32::MAX) } else { i32::MAX };
            if let Some(suffix_end) = ordinal_suffix_end(text, end) {
                t.kind = Kind::Ordinal;
                t.end = suffix_end;
                // Skip the suffix's two letters.
                chars.next();
                chars.next();
            }
            tokens.push(t);
        } else {
            let kind = match c {
                '\'' | '’' | '‘' | '`' => Kind::Apostrophe,
                '/' => Kind::Slash,
                '.' => Kind::Dot,
                ',' => Kind::Comma,
                '&' | '+' => Kind::Ampersand,
                c if is_dash(c) => Kind::Dash,
                _ => Kind::Other,
            };
            tokens.push(token(kind, end));
        }
    }
    tokens
}

/// Where an ordinal suffix starting at `at` ends, if one does: "st" in "31st " but not in "1stop".
fn ordinal_suffix_end(text: &str, at: usize) -> Option<usize> {
    let rest = text.get(at..)?;
    let suffix = rest.get(..2)?;
    let is_suffix = ORDINAL_SUFFIXES.iter().any(|s| s.eq_ignore_ascii_case(suffix));
    let then_letter = rest[2..].chars().next().is_some_and(char::is_alphabetic);
    (is_suffix && !then_letter).then_some(at + 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(Kind, String)> {
        tokenize(text)
            .into_iter()
            .map(|t| {
                let shown = match t.kind {
                    Kind::Word => t.lower,
                    Kind::Number | Kind::Ordinal => format!("{}/{}", t.value, t.digits),
                    _ => text[t.start..t.end].to_string(),
                };
                (t.kind, shown)
            })
            .collect()
    }

    #[test]
    fn glued_spellings_split_like_spaced_ones() {
        use Kind::*;
        assert_eq!(kinds("Oct07"), vec![(Word, "oct".into()), (Number, "7/2".into())]);
        assert_eq!(
            kinds("May'07"),
            vec![(Word, "may".into()), (Apostrophe, "'".into()), (Number, "7/2".into())]
        );
        assert_eq!(
            kinds("Sept. ’09"),
            vec![(Word, "sept".into()), (Dot, ".".into()), (Apostrophe, "’".into()), (Number, "9/2".into())]
        );
    }

    #[test]
    fn ordinals_numbers_and_dashes() {
        use Kind::*;
        assert_eq!(kinds("31st March")[0], (Ordinal, "31/2".into()));
        assert_eq!(kinds("1stop")[0], (Number, "1/1".into()));
        assert_eq!(kinds("2019–20")[1], (Dash, "–".into()));
        assert_eq!(kinds("Q3")[1], (Number, "3/1".into()));
        assert_eq!(kinds("123456789012")[0].0, Number);
        assert!(tokenize("").is_empty());
        assert!(tokenize("   ").is_empty());
    }

    #[test]
    fn words_remember_their_capital() {
        let t = tokenize("March march");
        assert!(t[0].capitalised);
        assert!(!t[1].capitalised);
        assert_eq!(&"x March"[tokenize("x March")[1].start..], "March");
    }
}
