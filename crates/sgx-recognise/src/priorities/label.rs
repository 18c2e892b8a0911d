//! Priority labels: "Priority 1:", "Priority One –", "Strategic Priority B:", "Priority IV.",
//! and the weaker "Theme 3", "Strategic aim 1". Read by the labelled lists and by titles,
//! which drop a label printed before them.

use regex_lite::Regex;

use super::LabelNoun;
use crate::util::{any_number, Cued};
use crate::vocab::number_words_from;

/// A label's number: digits, a Roman numeral, a number word or a capital letter.
fn number() -> String {
    format!(r"\d{{1,2}}|[ivxIVX]{{1,4}}|(?i:{})|[A-H]", number_words_from(1))
}

/// What may follow a label's number: a separator, spaces, or the end of the line (not more
/// digits: "Priorities 2013-2016" is no label).
const AFTER_NUMBER: &str = r"(?:\s*([:.\-–—,)])\s*|\s+|$)(.*)$";

static PRIORITY_LABEL: Cued = Cued::new(&["priorit"], || {
    let qualifier = r"(?:[A-Z]{2,6}\s+)?(?i:(?:strategic|key|our|business|thematic)\s+)?";
    let noun = r"(?i:priority|priorities)\s+(?i:(?:area|theme|no\.?)\s*)?";
    Regex::new(&format!(r"^\s*{qualifier}{noun}({}){AFTER_NUMBER}", number())).unwrap()
});

static OTHER_LABEL: Cued =
    Cued::new(&["theme", "aim", "objective", "outcome", "goal", "ambition", "area"], || {
        // "Development Area 2", "Key Area 1": an area only with its qualifier ("Area 2" alone is
        // a place or a page's region).
        let area = r"(?:development|improvement|focus|key)\s+area";
        let noun = format!(
            r"(?i:(?:strategic|key|our)\s+)?(?i:theme|aim|objective|outcome|goal|ambition|{area})\s+"
        );
        Regex::new(&format!(r"^\s*{noun}({}){AFTER_NUMBER}", number())).unwrap()
    });

/// A label at the start of `line`: its kind, number and the rest of the line.
pub fn label(line: &str) -> Option<(LabelNoun, u32, &str)> {
    // A label's noun is one of its first three words: most lines are no label, and the
    // patterns (number words, letters, Roman numerals) are costly to start.
    let nouns = ["priorit", "theme", "aim", "objective", "outcome", "goal", "ambition", "area"];
    let noun_first = line.split_whitespace().take(3).any(|w| {
        let w = w.as_bytes();
        nouns.iter().any(|n| w.len() >= n.len() && w[..n.len()].eq_ignore_ascii_case(n.as_bytes()))
    });
    if !noun_first {
        return None;
    }
    let (noun, c) = match PRIORITY_LABEL.captures(line) {
        Some(c) => (LabelNoun::Priority, c),
        None => (LabelNoun::Other, OTHER_LABEL.captures(line)?),
    };
    let printed = c.get(1)?.as_str();
    let separator = c.get(2).map_or("", |m| m.as_str());
    let rest = c.get(3).map_or("", |m| m.as_str());
    let letter = printed.len() == 1 && printed.chars().all(|ch| ch.is_ascii_uppercase());
    let number = match any_number(printed) {
        Some(n) => n,
        // "Strategic Priority B:" — a letter needs a separator or the end of the line, so
        // that "Priority A focus on…" is not read as one.
        None if letter && (!separator.is_empty() || rest.is_empty()) => {
            u32::from(printed.as_bytes()[0] - b'A') + 1
        }
        None => return None,
    };
    Some((noun, number, rest))
}

/// The text after a label at the start of `line`, if it opens with one.
pub fn strip_label(line: &str) -> Option<&str> {
    label(line).map(|(_, _, rest)| rest)
}
