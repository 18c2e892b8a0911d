//! The genre's shared vocabulary: months, number words, role nouns and glossary headings,
//! defined once for every recogniser, with the thresholds that say what "short" means.

use std::sync::LazyLock;

use regex_lite::Regex;

/// Month names, January first.
#[rustfmt::skip]
pub const MONTHS: [&str; 12] = [
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
];

/// A full month name, in any case ("May", "SEPTEMBER").
pub fn is_month(word: &str) -> bool {
    MONTHS.iter().any(|m| m.eq_ignore_ascii_case(word))
}

/// The month (1-12) a name or abbreviation starts with: "Sept" → 9, "mar" → 3.
pub fn month_number(word: &str) -> Option<u32> {
    let w = word.to_ascii_lowercase();
    MONTHS.iter().position(|m| w.starts_with(&m[..3])).map(|p| p as u32 + 1)
}

/// The three-letter month abbreviations as a regex alternation ("jan|feb|…|dec").
pub fn month_abbreviations() -> String {
    MONTHS.iter().map(|m| &m[..3]).collect::<Vec<_>>().join("|")
}

/// Number words, one first: the one range every recogniser reads ("Priority Seven",
/// "meets twelve times a year", "Four subgroups report to …").
#[rustfmt::skip]
pub const NUMBER_WORDS: [&str; 20] = [
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty",
];

/// "One".."Twenty" → 1..20.
pub fn number_word(s: &str) -> Option<u32> {
    NUMBER_WORDS.iter().position(|w| w.eq_ignore_ascii_case(s)).map(|p| p as u32 + 1)
}

/// Number words from `from` on as a regex alternation, longest first so that no word stops
/// at a shorter one it starts with ("seventeen", not "seven").
pub fn number_words_from(from: u32) -> String {
    let mut words: Vec<&str> = NUMBER_WORDS.iter().skip(from as usize - 1).copied().collect();
    words.sort_by_key(|w| std::cmp::Reverse(w.len()));
    words.join("|")
}

/// Role nouns naming a person, not a body: "Chair", "Manager", "Named Nurse", "P.O".
pub const PERSON_ROLES: &str = concat!(
    r"chairs?|chairperson|chairman|vice-chairs?|managers?|officers?|co-?ordinators?|leads?|members?|",
    r"reps?|representatives?|directors?|heads?|advis[eo]rs?|administrators?|nurses?|scrutineers?|p\.?o|leaders?",
);

/// Role nouns that end one lead in a run of leads printed without separators, where a
/// capitalised word after one starts the next lead ("NSCB Manager NSCB Board Reps"). Body
/// words are among them: in a lead cell a group's name ends there too.
pub const LEAD_END_ROLES: &str = concat!(
    r"managers?|officers?|co-?ordinators?|representatives?|reps|groups?|sub-?groups?|committees?|",
    r"sub-?committees?|panels?|teams?|directors?|chairs?|networks?|forums?|\)",
);

/// Role nouns that continue a lead when they follow a body word ("Panel Chair", "Group Lead").
pub const LEAD_TAIL_ROLES: &str = concat!(
    r"chairs?|leads?|managers?|officers?|co-?ordinators?|members?|representatives?|reps|",
    r"advis[eo]rs?|administrators?|nurses?",
);

/// Headings of glossaries: "Glossary", "Abbreviations used", "Key terms", "Jargon buster".
static GLOSSARY_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:glossary|abbreviations|acronyms|terms\s+used|key\s+terms|jargon(?:\s+buster)?)\b")
        .unwrap()
});

/// A heading (lower-cased or not) that opens a glossary.
pub fn is_glossary_heading(title: &str) -> bool {
    GLOSSARY_HEADING.is_match(title)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_by_name_and_abbreviation() {
        assert!(is_month("May") && !is_month("Mayor"));
        assert_eq!(month_number("Sept"), Some(9));
        assert_eq!(month_number("dec."), Some(12));
        assert_eq!(month_number("Ma"), None);
        assert_eq!(month_abbreviations().split('|').count(), 12);
    }

    #[test]
    fn number_words_are_one_range() {
        assert_eq!(number_word("Seven"), Some(7));
        assert_eq!(number_word("twenty"), Some(20));
        let re = Regex::new(&format!("^(?:{})$", number_words_from(2))).unwrap();
        assert!(re.is_match("seventeen") && re.is_match("two") && !re.is_match("one"));
    }

    #[test]
    fn glossary_headings() {
        for h in ["Glossary", "Abbreviations used", "key terms", "Jargon buster", "Terms used in this plan"] {
            assert!(is_glossary_heading(h), "{h}");
        }
        assert!(!is_glossary_heading("Our priorities"));
    }
}
