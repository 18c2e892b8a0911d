//! Words of a text as the theme matcher sees them: runs of letters and digits, so hyphens,
//! slashes and other punctuation separate words ("peer-on-peer" is three words); a
//! possessive 's ("child's", "children’s") is not a word of its own. Each word keeps its place
//! in the text (to quote what matched, as printed) and is compared in ASCII lower case, except
//! acronyms, which the taxonomy matches in capitals only.

/// One word: its byte range in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Word {
    pub start: usize,
    pub end: usize,
}

/// The apostrophes a possessive is printed with.
const APOSTROPHES: [char; 2] = ['\'', '\u{2019}'];

/// The words of `text`, in order.
pub(crate) fn words(text: &str) -> Vec<Word> {
    let mut out: Vec<Word> = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                start = None;
                if !is_possessive(text, s, i, out.last()) {
                    out.push(Word { start: s, end: i });
                }
            }
            _ => {}
        }
    }
    out
}

/// Whether the word `text[start..end]` is the `s` of a possessive: "s" right after an
/// apostrophe that follows the previous word directly.
fn is_possessive(text: &str, start: usize, end: usize, previous: Option<&Word>) -> bool {
    let Some(previous) = previous else { return false };
    if !text[start..end].eq_ignore_ascii_case("s") {
        return false;
    }
    let between = &text[previous.end..start];
    between.chars().count() == 1 && between.starts_with(APOSTROPHES)
}

/// Whether a word of the taxonomy is an acronym, matched in capitals only: two or more
/// characters, capital letters and digits, at least one letter ("CSE", "GCP2", "S11").
pub(crate) fn is_acronym(word: &str) -> bool {
    word.len() >= 2
        && word.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        && word.chars().any(|c| c.is_ascii_uppercase())
}

/// The acronym a printed word is, if it is one in capitals: itself, or without a plural 's'
/// ("SCRs" → "SCR").
pub(crate) fn acronym_of(word: &str) -> Option<&str> {
    if is_acronym(word) {
        return Some(word);
    }
    let singular = word.strip_suffix('s')?;
    is_acronym(singular).then_some(singular)
}

/// Whether a printed word could be a term the document's glossary defines: it has two or more
/// capitals ("CSE", "SCRs", "CiC"); ordinary words have at most one.
pub(crate) fn could_be_glossary_term(word: &str) -> bool {
    word.chars().filter(char::is_ascii_uppercase).take(2).count() == 2
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<&str> {
        words(text).iter().map(|w| &text[w.start..w.end]).collect()
    }

    #[test]
    fn punctuation_separates_words_and_possessives_are_dropped() {
        let cases: [(&str, &[&str]); 6] = [
            ("peer-on-peer abuse", &["peer", "on", "peer", "abuse"]),
            ("the child's voice", &["the", "child", "voice"]),
            ("children\u{2019}s mental health", &["children", "mental", "health"]),
            ("CSE/CCE (2019-20)", &["CSE", "CCE", "2019", "20"]),
            ("ACE's and SCRs", &["ACE", "and", "SCRs"]),
            // An "s" that is a word of its own stays one.
            ("plan s 11", &["plan", "s", "11"]),
        ];
        for (text, expected) in cases {
            assert_eq!(texts(text), expected, "{text}");
        }
    }

    #[test]
    fn acronyms_are_capitals_with_an_optional_plural() {
        for (word, acronym) in [
            ("CSE", Some("CSE")),
            ("SCRs", Some("SCR")),
            ("GCP2", Some("GCP2")),
            ("S11", Some("S11")),
            ("Cse", None),
            ("A", None),
            ("2019", None),
            ("s", None),
        ] {
            assert_eq!(acronym_of(word), acronym, "{word}");
        }
        assert!(could_be_glossary_term("CiC") && could_be_glossary_term("LADOs"));
        assert!(!could_be_glossary_term("Neglect") && !could_be_glossary_term("early"));
    }
}
