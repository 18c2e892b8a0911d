//! A priority's title from the text of its item: markup, bullets and labels trimmed, the
//! description after a short "Title: description" head dropped, a lead's name after "led by"
//! dropped, and the punctuation that joins list items ("; and") removed.

use std::borrow::Cow;
use std::sync::LazyLock;

use regex_lite::Regex;

use super::label::strip_label;
use crate::util::{clean, Cued};

/// "… led by X", "… led on behalf of the Board by X": who leads it, not what it is.
// Titles are cleaned (one space between words), so "led by" is printed as such.
static LED_BY: Cued = Cued::new(&["led by", "led on", "led of"], || {
    Regex::new(r"(?i)\s*[-–—(,]?\s+led\s+(?:(?:on|of)\s+behalf\s+of\s+.+?\s+)?by\s+\S.*$").unwrap()
});

/// Dot leaders and the page number after them, in a contents entry.
static DOT_LEADERS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\s*(?:\.\s?){3,}.*$|…+\s*\d*\s*$").unwrap());

/// "VEMT (vulnerable, exploited, missing …)": an acronym with its expansion in brackets.
static ACRONYM_EXPANDED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^([A-Z]{2,6})\s*\([^()]{8,}\)$").unwrap());

/// A head of at most this many words before ":" or a spaced dash is a title...
const DESCRIBED_HEAD_WORDS: usize = 6;
/// ...when at least this many words of description follow it.
const DESCRIPTION_MIN_WORDS: usize = 8;

/// An enumerator opening an item run into a sentence: "(ii) ", "b) ", "(3) ".
static ENUMERATOR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\(?(?:[ivxIVX]{1,4}|[a-hA-H]|\d{1,2})\)\s+").unwrap());

/// The title of a priority printed as `raw`.
pub fn title_of(raw: &str) -> String {
    let text = clean(raw);
    let text = strip_label(&text).unwrap_or(&text);
    let text = match text.starts_with(|c: char| c == '(' || c.is_ascii_alphanumeric()) {
        true => ENUMERATOR.find(text).map_or(text, |m| &text[m.end()..]),
        false => text,
    };
    // Dot leaders need two dots or an ellipsis (the pattern runs on every item of every list).
    let dotted = text.contains("..") || text.contains(". .") || text.contains('…');
    let text = if dotted { DOT_LEADERS.replace(text, "") } else { Cow::Borrowed(text) };
    let text = LED_BY.replace_all(&text, "");
    let text = first_sentence_of_described(head_of_described(&text));
    let text = trim_joiners(text);
    match text.ends_with(')').then(|| ACRONYM_EXPANDED.captures(text)).flatten() {
        Some(c) => c[1].to_string(),
        None => text.to_string(),
    }
}

/// A first sentence of at most this many words before a description is the title...
const TITLE_SENTENCE_WORDS: usize = 12;
/// ...when the whole item has more than this many words.
const DESCRIBED_ITEM_WORDS: usize = 25;

/// "Early help. We will make sure that families …": a short first sentence before a long
/// description is the title.
fn first_sentence_of_described(s: &str) -> &str {
    if s.split_whitespace().count() <= DESCRIBED_ITEM_WORDS {
        return s;
    }
    let sentences = super::around::sentences(s);
    match sentences.first() {
        Some(first) if sentences.len() > 1 && first.split_whitespace().count() <= TITLE_SENTENCE_WORDS => {
            first
        }
        _ => s,
    }
}

/// "Neglect: children living with neglect are helped early" → "Neglect"; "Think Family –
/// to support families where …" → "Think Family". A colon or dash closer to the end, or a
/// short tail, is part of the title.
fn head_of_described(s: &str) -> &str {
    for sep in [": ", " – ", " — ", " - "] {
        if let Some(at) = s.find(sep) {
            let (head, tail) = (&s[..at], &s[at + sep.len()..]);
            let head_words = head.split_whitespace().count();
            // After a colon any description; after a dash only one that runs on in lower case
            // ("Think Family – to support …"), not a second title ("Neglect – Early Help").
            let runs_on = sep == ": " || tail.starts_with(|c: char| c.is_lowercase());
            if (1..=DESCRIBED_HEAD_WORDS).contains(&head_words)
                && tail.split_whitespace().count() >= DESCRIPTION_MIN_WORDS
                && runs_on
            {
                return head.trim();
            }
        }
    }
    s
}

/// Trailing list punctuation and a dangling "and"/"or" ("…timely help; and"), leading "and".
pub fn trim_joiners(s: &str) -> &str {
    let mut s = s.trim().trim_end_matches([';', ',', ':']).trim_end();
    for joiner in [" and", " or"] {
        if let Some(rest) = s.strip_suffix(joiner) {
            s = rest.trim_end().trim_end_matches([';', ',']).trim_end();
        }
    }
    for joiner in ["and ", "or "] {
        if let Some(rest) = s.strip_prefix(joiner) {
            s = rest.trim_start();
        }
    }
    s.trim_matches(|c: char| matches!(c, '"' | '“' | '”' | '‘' | '’') || c.is_whitespace())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enumerators_run_into_a_sentence_are_dropped() {
        assert_eq!(title_of("(ii) contextual safeguarding"), "contextual safeguarding");
        assert_eq!(title_of("b) Early help"), "Early help");
        assert_eq!(title_of("(3) Neglect"), "Neglect");
        assert_eq!(title_of("Voice (of the child)"), "Voice (of the child)");
        assert_eq!(title_of("I) nothing like a word"), "nothing like a word");
        assert_eq!(title_of("In the year"), "In the year");
    }

    #[test]
    fn titles_without_leads_labels_and_joiners() {
        assert_eq!(title_of("• Neglect led on behalf of the Board by A Person of the Trust"), "Neglect");
        assert_eq!(title_of("Exploitation – led by the Police"), "Exploitation");
        assert_eq!(title_of("Priority Two: Early help"), "Early help");
        assert_eq!(
            title_of("A focus on wellbeing in all our work; and"),
            "A focus on wellbeing in all our work"
        );
        assert_eq!(title_of("and Embedding early help”"), "Embedding early help");
        assert_eq!(title_of("VEMT (vulnerable, exploited and missing children)"), "VEMT");
        assert_eq!(title_of("Neglect ............ 12"), "Neglect");
    }

    #[test]
    fn a_short_first_sentence_before_a_long_description_is_the_title() {
        assert_eq!(
            title_of(
                "Tackling exploitation. We will strengthen the response for children at risk of \
                 exploitation by working with schools, the police and the voluntary sector across the area."
            ),
            "Tackling exploitation."
        );
    }

    #[test]
    fn a_short_head_before_a_description_is_the_title() {
        assert_eq!(
            title_of("Think Family – to support children and adults in families where risk is highest"),
            "Think Family"
        );
        assert_eq!(
            title_of("Neglect: children living with neglect are identified and helped early"),
            "Neglect"
        );
        // Not a description: the tail is short, or the head is long.
        assert_eq!(title_of("Domestic Abuse- children as victims."), "Domestic Abuse- children as victims.");
        assert_eq!(
            title_of("Teenagers – exploitation and violence"),
            "Teenagers – exploitation and violence"
        );
    }
}
