//! The acronym a document uses for its partnership.
//!
//! **Sources, strongest first.**
//! 1. The initials of the whole name (place and body: "Elm Vale Safeguarding Children
//!    Partnership" → EVSCP) printed anywhere as a word.
//! 2. An acronym defined in brackets after the name ("the Elm Vale Safeguarding Children
//!    Partnership's (SCP)") or before it ("EVSCP (Elm Vale Safeguarding ...)"): the
//!    document's own, even where it does not match the initials.
//! 3. The initials with two letters swapped (a typo the document repeats is still its own).
//! 4. For a "Local Safeguarding Children Board", the generic "LSCB" where printed.
//! 5. With no name: the partnership-shaped acronym the text uses most ("XSCB", "XSCP", "XSP").
//!
//! **Known limits.** Brand acronyms that are not initials (a word spelled with dots) are not
//! found unless defined in brackets.

use std::collections::BTreeMap;

use regex_lite::Regex;

use crate::util::ascii_words;

/// Words whose initials an acronym leaves out.
const SKIPPED: &[&str] = &["and", "&", "of", "upon", "on", "in", "for", "the"];

/// An acronym's brackets stand within this many bytes of the name (spacing that is not one
/// space stretches a name; the acronym itself is at most 12 letters).
const DEFINITION_REACH: usize = 40;

/// An acronym is at least this many letters.
const MIN_LETTERS: usize = 3;

/// Acronyms shaped like a partnership's or board's: "LSCB", "WSCP", "TSSP", "HSCB" — up to
/// four letters and SCB or SCP, or one to three letters and SP.
fn partnership_shaped(word: &str) -> bool {
    let upper = word.bytes().all(|b| b.is_ascii_uppercase());
    let sc = word.len() <= 7 && (word.ends_with("SCB") || word.ends_with("SCP"));
    let sp = (3..=5).contains(&word.len()) && word.ends_with("SP");
    upper && (sc || sp)
}

/// Where a pattern starting at or near `first` (a word, any case) may match `text`: for each
/// occurrence of the word, the text up to `ahead` bytes after it and the offset `back` bytes
/// before it to search from. Patterns built from a name run there instead of over the whole
/// document (regex-lite has no literal prefilter).
fn around<'t>(
    text: &'t str,
    first: &str,
    back: usize,
    ahead: usize,
) -> impl Iterator<Item = (&'t str, usize)> {
    // Up to an apostrophe, which the name's pattern lets be either kind.
    let first = first.split(['\'', '’']).next().unwrap_or(first).to_ascii_lowercase();
    let hay = text.to_ascii_lowercase();
    let starts: Vec<usize> = if first.is_empty() {
        Vec::new()
    } else {
        hay.match_indices(first.as_str()).map(|(at, _)| at).collect()
    };
    starts.into_iter().map(move |at| {
        let mut from = at.saturating_sub(back);
        while !text.is_char_boundary(from) {
            from -= 1;
        }
        let mut to = (at + ahead).min(text.len());
        while !text.is_char_boundary(to) {
            to += 1;
        }
        (&text[..to], from)
    })
}

/// The acronym for `name` (if any) in the document's `text`.
pub fn acronym(name: Option<&str>, text: &str) -> Option<String> {
    match name {
        Some(name) => for_name(name, text),
        None => most_used_shaped(text),
    }
}

fn for_name(name: &str, text: &str) -> Option<String> {
    let full = initials(name);
    if full.len() >= MIN_LETTERS && printed(&full, text) {
        return Some(full);
    }
    if let Some(defined) = defined_after(name, text).or_else(|| defined_before(name, text)) {
        return Some(defined);
    }
    if let Some(swapped) = swapped_initials(&full, text) {
        return Some(swapped);
    }
    let local = name.split_whitespace().any(|w| w.eq_ignore_ascii_case("local"));
    (local && printed("LSCB", text)).then(|| "LSCB".to_string())
}

/// The upper-case initials of a name's words ("Children's" gives C, "Multi-Agency" M).
pub fn initials(name: &str) -> String {
    name.split_whitespace()
        .filter(|w| !SKIPPED.contains(&w.to_lowercase().as_str()))
        .filter_map(|w| w.chars().find(|c| c.is_alphabetic()))
        .flat_map(char::to_uppercase)
        .collect()
}

/// Whether `acronym` is printed as a word of its own (not inside a longer word).
fn printed(acronym: &str, text: &str) -> bool {
    let is_word_char = |c: char| c.is_alphanumeric();
    text.match_indices(acronym).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + acronym.len()..].chars().next();
        !before.is_some_and(is_word_char) && !after.is_some_and(is_word_char)
    })
}

/// A pattern matching `name` with any spacing and either apostrophe.
fn name_pattern(name: &str) -> String {
    name.split_whitespace()
        .map(|w| regex_lite::escape(w).replace(['’', '\''], "['’]"))
        .collect::<Vec<_>>()
        .join(r"\s+")
}

/// "Name (ACR)" or "Name's (ACR)".
fn defined_after(name: &str, text: &str) -> Option<String> {
    let re = Regex::new(&format!(r"(?i){}(?:['’]s)?\s*\(([A-Za-z&.]{{2,12}})\)", name_pattern(name))).ok()?;
    let first = name.split_whitespace().next()?;
    let reach = 2 * name.len() + DEFINITION_REACH;
    let c = around(text, first, 0, reach).find_map(|(upto, from)| re.captures_at(upto, from))?;
    let acronym = &c[1];
    acronym.chars().any(|ch| ch.is_uppercase()).then(|| acronym.to_string())
}

/// "ACR (Name)".
fn defined_before(name: &str, text: &str) -> Option<String> {
    let re = Regex::new(&format!(r"(?i)\b([A-Z&]{{3,12}})\s*\((?:the\s+)?{}\)", name_pattern(name))).ok()?;
    let first = name.split_whitespace().next()?;
    let reach = 2 * name.len() + DEFINITION_REACH;
    let c =
        around(text, first, DEFINITION_REACH, reach).find_map(|(upto, from)| re.captures_at(upto, from))?;
    let acronym = &c[1];
    acronym.chars().all(|ch| !ch.is_lowercase()).then(|| acronym.to_string())
}

/// A printed word with the initials' letters, two of them swapped: "BCSB" for BSCB.
fn swapped_initials(full: &str, text: &str) -> Option<String> {
    if full.len() < MIN_LETTERS + 1 {
        return None;
    }
    let letters: Vec<char> = full.chars().collect();
    (0..letters.len() - 1).find_map(|i| {
        let mut swapped = letters.clone();
        swapped.swap(i, i + 1);
        let word: String = swapped.into_iter().collect();
        (word != full && printed(&word, text)).then_some(word)
    })
}

/// The partnership-shaped acronym printed most often (the earliest on a tie).
fn most_used_shaped(text: &str) -> Option<String> {
    let mut counts: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for (at, word) in ascii_words(text).filter(|(_, w)| partnership_shaped(w)) {
        let e = counts.entry(word).or_insert((0, at));
        e.0 += 1;
    }
    counts
        .into_iter()
        .max_by(|a, b| a.1 .0.cmp(&b.1 .0).then(b.1 .1.cmp(&a.1 .1)))
        .map(|(acronym, _)| acronym.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials_of_the_whole_name_where_printed() {
        let name = "Elm Vale Safeguarding Children Partnership";
        assert_eq!(initials(name), "EVSCP");
        assert_eq!(acronym(Some(name), "The EVSCP met."), Some("EVSCP".into()));
        assert_eq!(acronym(Some(name), "The partnership met."), None);
    }

    #[test]
    fn defined_in_brackets_even_when_not_the_initials() {
        let name = "Elm Vale Safeguarding Children Partnership";
        let text = "The Elm Vale Safeguarding Children Partnership’s (SCP) new arrangements";
        assert_eq!(acronym(Some(name), text), Some("SCP".into()));
        let text = "EVP (Elm Vale Safeguarding Children Partnership) agreed";
        assert_eq!(acronym(Some(name), text), Some("EVP".into()));
    }

    #[test]
    fn a_swapped_typo_and_the_generic_lscb() {
        let name = "Brookfield Safeguarding Children Board";
        assert_eq!(acronym(Some(name), "Effectiveness of BCSB subgroups"), Some("BCSB".into()));
        let local = "Ferrow Local Safeguarding Children Board";
        assert_eq!(acronym(Some(local), "the Ferrow LSCB met"), Some("LSCB".into()));
        assert_eq!(acronym(Some(name), "the LSCB met"), None);
    }

    #[test]
    fn without_a_name_the_acronym_used_most() {
        assert_eq!(acronym(None, "The TSSP Board and the TSSP Business Group; the SAB"), Some("TSSP".into()));
        assert_eq!(acronym(None, "Minutes of the LSCB. The LSCB agreed."), Some("LSCB".into()));
        assert_eq!(acronym(None, "No acronym here, only SCPs and SABs."), None);
    }
}
