//! Acronyms defined where running text first uses them: "the Child Death Overview Panel
//! (CDOP)", "CSE (child sexual exploitation)". Strict: the initials must agree.

use std::sync::LazyLock;

use regex_lite::{Captures, Regex};

use super::initials::{expansion_ending, expansion_starting, words, Strictness, Term, Word};

/// "(ACR)", "(the ACR)", "(‘ACR’)", "(known as the ACR)"; also "(ACR ..." where a host cut
/// the text off.
static ACRONYM_IN_BRACKETS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"\(\s*(?:(?:hereafter|known\s+as)\s+)?(?:the\s+)?[‘“'"]?([A-Z][A-Za-z0-9&.]{1,13})[’”'"]?\s*(?:\)|\s*(?:\.\.\.|…)|$)"#)
        .unwrap()
});
/// "ACR (expansion)".
static EXPANSION_IN_BRACKETS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"([A-Z][A-Za-z0-9&.]{1,13})\s*\(([^()]{3,160})\)").unwrap());

/// A name may run on past its initials by this many capitalised words ("Parent and Carer
/// Forum Members (PCF)", "... Learning Task Group (LRL)").
const MAX_TRAILING_NAME_WORDS: usize = 2;
/// "ACR (expansion)": words after the initials that still belong to the bracket's expansion
/// when there are at most this many and all are lower case ("... runaway children and
/// young people").
const MAX_QUALIFIER_WORDS: usize = 4;
/// An area's name before "Safeguarding Children Partnership (SCP)" has at most this many
/// words ("Upper and Lower Ashwick Vale").
const MAX_AREA_WORDS: usize = 5;
/// Determiners that open a sentence rather than an area's name.
const DETERMINERS: &[&str] = &["the", "a", "an", "this", "our", "their", "its", "each", "every"];

/// A term and its expansion, with the byte span of the definition (expansion and term).
#[derive(Debug, PartialEq)]
pub(super) struct Defined {
    pub(super) term: String,
    pub(super) expansion: String,
    pub(super) at: usize,
    pub(super) end: usize,
}

/// Every acronym the text defines, in the order they appear.
pub(super) fn definitions(text: &str) -> Vec<Defined> {
    if !text.contains('(') {
        return Vec::new();
    }
    let mut out = Vec::new();
    // The text's words, split once and only when a bracket holds a term.
    let mut ws: Option<Vec<Word>> = None;
    for c in acronyms_in_brackets(text) {
        let (open, end) = c.get(0).map_or((0, 0), |m| (m.start(), m.end()));
        let term = &c[1];
        let Some(parsed) = Term::parse(term) else { continue };
        let ws = ws.get_or_insert_with(|| words(text));
        // Only the words an expansion, its run-on words and an area's name can reach.
        let upto = ws.partition_point(|w| w.end <= open);
        let reach = parsed.max_words() + MAX_TRAILING_NAME_WORDS + MAX_AREA_WORDS + 1;
        let before = &ws[upto.saturating_sub(reach)..upto];
        if let Some((from, to)) = name_before(&parsed, clause_tail(before)) {
            let expansion = span(text, from, to);
            out.push(Defined { term: term.to_string(), expansion, at: from.start, end });
        }
    }
    for c in expansions_in_brackets(text) {
        let (term, inner, end) = (c.get(1).unwrap(), c.get(2).unwrap(), c.get(0).unwrap().end());
        let starts_word = text[..term.start()].chars().next_back().is_none_or(|ch| !ch.is_alphanumeric());
        let Some(parsed) = Term::parse(term.as_str()).filter(|_| starts_word) else { continue };
        let inner_words: Vec<Word> =
            words(inner.as_str()).into_iter().map(|w| shifted(w, inner.start())).collect();
        if let Some((from, to)) = name_in_brackets(&parsed, &inner_words) {
            let expansion = span(text, from, to);
            out.push(Defined { term: term.as_str().to_string(), expansion, at: term.start(), end });
        }
    }
    out.sort_by_key(|d| d.at);
    out
}

// regex-lite runs its automaton over every byte it is given, and most of a report is not
// brackets: the two patterns below are run only on the stretch around each "(" a match
// could cover, with the same matches as running them over the whole text.

/// Non-space bytes "(known as the ‘ACRONYM1234567’ …" can hold at most.
const ACRONYM_BRACKET_BYTES: usize = 40;

/// [`ACRONYM_IN_BRACKETS`] over `text`, match by match.
fn acronyms_in_brackets(text: &str) -> Vec<Captures<'_>> {
    let mut out = Vec::new();
    let mut last_end = 0;
    for (p, _) in text.match_indices('(') {
        if p < last_end {
            continue;
        }
        // As far as the pattern can reach: its non-space bytes, then any spaces.
        let mut solid = 0;
        let mut end = text.len();
        for (i, ch) in text[p..].char_indices() {
            if solid >= ACRONYM_BRACKET_BYTES && !ch.is_whitespace() {
                end = p + i;
                break;
            }
            solid += if ch.is_whitespace() { 0 } else { ch.len_utf8() };
        }
        let Some(c) = ACRONYM_IN_BRACKETS.captures_at(&text[..end], p) else { continue };
        let m = c.get(0).expect("match");
        // A later bracket's match is read at its own bracket; and the end of the stretch is
        // not the end of the text the pattern's "$" means.
        let closed = m.as_str().ends_with([')', '…']) || m.as_str().ends_with("...");
        if m.start() != p || (m.end() == end && end < text.len() && !closed) {
            continue;
        }
        last_end = m.end();
        out.push(c);
    }
    out
}

/// The letters of "ACR (expansion)" before the bracket are at most this many bytes.
const TERM_BYTES: usize = 14;

/// [`EXPANSION_IN_BRACKETS`] over `text`, match by match.
fn expansions_in_brackets(text: &str) -> Vec<Captures<'_>> {
    let mut out = Vec::new();
    let mut last_end = 0;
    for (p, _) in text.match_indices('(') {
        if p < last_end {
            continue;
        }
        // The bracket closes before any other opens, and the term stands just before it.
        let Some(k) = text[p + 1..].find(['(', ')']) else { continue };
        if !text[p + 1 + k..].starts_with(')') {
            continue;
        }
        let end = p + 1 + k + 1;
        let spaced = text[..p].trim_end_matches(char::is_whitespace).len();
        let mut from = spaced.saturating_sub(TERM_BYTES).max(last_end);
        while !text.is_char_boundary(from) {
            from += 1;
        }
        let Some(c) = EXPANSION_IN_BRACKETS.captures_at(&text[..end], from) else { continue };
        if c.get(2).is_some_and(|inner| inner.start() == p + 1) {
            last_end = c.get(0).expect("match").end();
            out.push(c);
        }
    }
    out
}

/// A word of a substring, placed in the whole text.
fn shifted(w: Word<'_>, by: usize) -> Word<'_> {
    Word { start: w.start + by, end: w.end + by, ..w }
}

/// Quotes and brackets an expansion may open, with their closers.
const PAIRS: &[(char, char)] = &[('‘', '’'), ('“', '”'), ('(', ')')];

/// The text from one word to another, without a possessive at the end, with the closing
/// quote or bracket of one it opened ("Workshops to Raise Awareness of ‘Prevent’").
fn span(text: &str, from: Word, to: Word) -> String {
    let mut end = to.end;
    for &(open, close) in PAIRS {
        let inside = &text[from.start..end];
        if inside.matches(open).count() > inside.matches(close).count() && text[end..].starts_with(close) {
            end += close.len_utf8();
        }
    }
    let s = &text[from.start..end];
    let s = s.strip_suffix("’s").or_else(|| s.strip_suffix("'s")).unwrap_or(s);
    crate::util::clean(s)
}

/// The words after the last clause boundary: a full stop, semicolon or colon, a dash, an
/// ellipsis (contents leaders), another bracket.
fn clause_tail<'w, 'a>(before: &'w [Word<'a>]) -> &'w [Word<'a>] {
    let boundary = |w: &Word| {
        let trailing = &w.raw[w.raw.len() - w.raw.trim_end_matches(|c: char| !c.is_alphanumeric()).len()..];
        w.is_mark()
            || w.raw.contains(['(', ')', '…'])
            || w.raw.contains("...")
            || trailing.contains(['.', ';', ':', '!', '?'])
    };
    // The word right before the bracket may end in a possessive or a comma, never a boundary
    // of its own.
    let last = before.len().saturating_sub(1);
    let from = before[..last].iter().rposition(boundary).map_or(0, |p| p + 1);
    if before.last().is_some_and(|w| w.is_mark() || w.raw.contains(['(', ')'])) {
        return &[];
    }
    &before[from..]
}

/// "Expansion (ACR)": the shortest run of words before the bracket that spells the term,
/// with up to [`MAX_TRAILING_NAME_WORDS`] capitalised words after it, and the area's name in
/// front of "Safeguarding Children ..." when the term leaves the area out.
fn name_before<'a>(term: &Term, words: &[Word<'a>]) -> Option<(Word<'a>, Word<'a>)> {
    let last = *words.last()?;
    for trailing in 0..=MAX_TRAILING_NAME_WORDS.min(words.len() - 1) {
        let end = words.len() - trailing;
        if !words[end..].iter().all(|w| w.is_capitalised() && !w.is_small()) {
            break;
        }
        if let Some(from) = expansion_ending(term, &words[..end], Strictness::Text) {
            let from = with_area(words, from);
            return Some((words[from], last));
        }
    }
    None
}

/// "Dunmere Safeguarding Children Partnership (SCP)": the acronym leaves the area out but
/// the partnership's name has it, so the expansion takes the capitalised words before
/// "Safeguarding" (joined by "and", "upon", "&"), never a determiner.
fn with_area(words: &[Word], from: usize) -> usize {
    if !words[from].core.to_lowercase().starts_with("safeguarding") {
        return from;
    }
    let joins = |w: &Word| ["and", "upon", "&"].iter().any(|j| w.core.eq_ignore_ascii_case(j));
    let mut start = from;
    while start > 0 && from - start < MAX_AREA_WORDS {
        let w = &words[start - 1];
        let determiner = DETERMINERS.iter().any(|d| w.core.eq_ignore_ascii_case(d));
        if !(joins(w) || (w.is_capitalised() && !determiner)) || w.raw.ends_with(',') {
            break;
        }
        start -= 1;
    }
    while start < from && joins(&words[start]) {
        start += 1;
    }
    start
}

/// "ACR (expansion)": the bracket opens with words that spell the term. The whole bracket is
/// the expansion when the words after the initials are a short lower-case qualifier;
/// otherwise it stops where the initials are used up.
fn name_in_brackets<'a>(term: &Term, words: &[Word<'a>]) -> Option<(Word<'a>, Word<'a>)> {
    let k = expansion_starting(term, words, Strictness::Text)?;
    let rest = &words[k..];
    let delimited = words[k - 1].raw.ends_with([',', ';', ':']) || rest.first().is_some_and(Word::is_mark);
    let qualifier = rest.len() <= MAX_QUALIFIER_WORDS && rest.iter().all(|w| w.is_lower() || w.is_small());
    let to = if !rest.is_empty() && !delimited && qualifier { words.len() } else { k };
    Some((words[0], words[to - 1]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(text: &str) -> Vec<(String, String)> {
        definitions(text).into_iter().map(|d| (d.term, d.expansion)).collect()
    }

    fn pair(t: &str, e: &str) -> (String, String) {
        (t.to_string(), e.to_string())
    }

    #[test]
    fn name_then_acronym() {
        assert_eq!(
            pairs("Cases referred by the Child Death Overview Panel (CDOP) this year."),
            vec![pair("CDOP", "Child Death Overview Panel")]
        );
        assert_eq!(
            pairs("the Quarrydale Safeguarding Children Board’s (QSCB) plan"),
            vec![pair("QSCB", "Quarrydale Safeguarding Children Board")]
        );
    }

    #[test]
    fn acronym_then_name() {
        assert_eq!(
            pairs("CSE (child sexual exploitation) and RHI (return home interviews, which follow)"),
            vec![pair("CSE", "child sexual exploitation"), pair("RHI", "return home interviews")]
        );
        assert_eq!(
            pairs("HARM (hidden, abused, runaway, missing young people)"),
            vec![pair("HARM", "hidden, abused, runaway, missing young people")]
        );
    }

    #[test]
    fn known_as() {
        assert_eq!(
            pairs("the Dunmere Safeguarding Children Partnership (known as the DSCP) met"),
            vec![pair("DSCP", "Dunmere Safeguarding Children Partnership")]
        );
    }

    #[test]
    fn closing_quote_kept() {
        assert_eq!(
            pairs("Sessions to Raise Awareness of ‘Guard’ (SRAG) ran."),
            vec![pair("SRAG", "Sessions to Raise Awareness of ‘Guard’")]
        );
    }

    #[test]
    fn unmatched_initials_are_no_definition() {
        assert!(pairs("Scrutiny and Learning Panel (QA) and the board (LSCB)").is_empty());
        assert!(pairs("Work of the Board (BX7) in 2019").is_empty());
    }

    #[test]
    fn name_runs_on_past_its_initials() {
        assert_eq!(
            pairs("Parent and Carer Forum Members (PCF)"),
            vec![pair("PCF", "Parent and Carer Forum Members")]
        );
    }

    #[test]
    fn area_kept_before_safeguarding() {
        assert_eq!(
            pairs("The Ashby and Thorne Safeguarding Children Partnership (SCP) meets."),
            vec![pair("SCP", "Ashby and Thorne Safeguarding Children Partnership")]
        );
        // The area is in the acronym: nothing to add.
        assert_eq!(
            pairs("the Ashby Safeguarding Children Partnership (ASCP)"),
            vec![pair("ASCP", "Ashby Safeguarding Children Partnership")]
        );
    }

    #[test]
    fn stops_at_clause_boundaries() {
        assert_eq!(
            pairs("page 4... a. Youth Offending Service (YOS)...5"),
            vec![pair("YOS", "Youth Offending Service")]
        );
        assert!(pairs("Safeguarding. Children Board (SCB)").is_empty());
    }

    #[test]
    fn cut_off_bracket() {
        assert_eq!(
            pairs("Report of the Lowmoor Safeguarding Children Partnership (LSCP ..."),
            vec![pair("LSCP", "Lowmoor Safeguarding Children Partnership")]
        );
    }

    /// The bracket-by-bracket search finds exactly what the patterns find over the whole text.
    #[test]
    fn bracket_windows_match_the_whole_text_search() {
        let spaces = " ".repeat(70);
        let texts = [
            "The Child Death Overview Panel (CDOP) met. CSE (child sexual exploitation) rose (a lot)."
                .to_string(),
            "Ends cut off (ACR".to_string(),
            "Ends cut off (ACR ...".to_string(),
            format!("Spaced ({spaces}known   as  the ‘FOX’{spaces})"),
            format!("Spaced ({spaces}FOX{spaces}"),
            format!("Not at the end (FOX{spaces}and more words) then (DEF)"),
            "Nested (A (BCD) e) and ABC(xyz) and ABCDEFGHIJKLMNOPQ (too long term) X  (two spaces)"
                .to_string(),
            "Two (AB) (CD) (EF)(GH) kinds GHI (first one) JKL(second one)".to_string(),
            "Multi-byte ‘(Ærø)’ and (É) then WSCP (the Wold Safeguarding Children Partnership)".to_string(),
        ];
        let spans = |cs: Vec<Captures>| -> Vec<Vec<Option<(usize, usize)>>> {
            cs.iter().map(|c| c.iter().map(|m| m.map(|m| (m.start(), m.end()))).collect()).collect()
        };
        for t in &texts {
            assert_eq!(
                spans(acronyms_in_brackets(t)),
                spans(ACRONYM_IN_BRACKETS.captures_iter(t).collect()),
                "{t:?}"
            );
            assert_eq!(
                spans(expansions_in_brackets(t)),
                spans(EXPANSION_IN_BRACKETS.captures_iter(t).collect()),
                "{t:?}"
            );
        }
    }
}
