//! Glossary sections: term / expansion tables, and lines in every layout a glossary takes —
//! "TERM – expansion", "TERM: expansion", "TERM Expansion – explanation" with no delimiter,
//! several such entries run together where a table was flattened, "Expansion (TERM)".

use std::sync::LazyLock;

use regex_lite::Regex;
use sgx_ir::{Block, Table};

use super::in_text::definitions;
use super::initials::{expansion_starting, looks_like_abbreviation, words, Strictness, Term, Word};
use crate::table_roles::row_provenance;
use crate::util::clean;

/// A term and its expansion as a glossary gives them, with the row or line they came from.
pub(super) struct Entry {
    pub(super) term: String,
    pub(super) expansion: String,
    pub(super) prov: sgx_ir::Provenance,
}

static HEADER_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)^(acronyms?|abbreviations?|terms?|meaning|description|definition|full\s+name|stands\s+for",
        r"|explanation)$",
    ))
    .unwrap()
});
static DELIMITED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*([A-Za-z0-9&()/.'’\-]{2,14})\s*(?:[-–—:=]|\t)\s*(\S.*)$").unwrap());
/// The explanation after an expansion: a spaced dash.
static EXPLANATION_DASH: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\s+[-–—]\s+").unwrap());

/// A term in a table or after a delimiter reads like an abbreviation: short, with at least
/// two capitals.
fn is_term(s: &str) -> bool {
    let words = s.split_whitespace().count();
    let caps = s.chars().filter(|c| c.is_uppercase()).count();
    (1..=3).contains(&words) && s.len() <= 16 && caps >= 2 && !s.ends_with('.')
}

/// Without a glossary heading, a table is a glossary when at least this many of every ten
/// filled pairs read as term and expansion...
const MOSTLY_ABBREVIATIONS_TENTHS: usize = 7;
/// ...and it has at least this many entries.
const MIN_UNHEADED_ENTRIES: usize = 3;
/// A name that runs on past its initials ("KMT Kestrel and Moor Trust NHS Foundation Trust")
/// takes at most this many more capitalised words.
const MAX_RUN_ON_WORDS: usize = 4;

/// The term / expansion pairs of a table, read column by column when several pairs share a
/// row, as a printed glossary is read.
pub(super) fn from_table(block: &Block, table: &Table, under_heading: bool) -> Vec<Entry> {
    let grid = table.text_grid();
    let n = table.n_cols();
    if n < 2 || !n.is_multiple_of(2) {
        return Vec::new();
    }
    let pairs_per_row = n / 2;
    // (pair column, row, term, expansion)
    let mut found: Vec<(usize, usize, String, String)> = Vec::new();
    let mut candidates = 0;
    for (r, row) in grid.iter().enumerate() {
        for p in 0..pairs_per_row {
            let term = clean(&row[2 * p]);
            let expansion = clean(&row[2 * p + 1]);
            if term.is_empty() && expansion.is_empty() {
                continue;
            }
            candidates += 1;
            if term.is_empty() || expansion.is_empty() || HEADER_WORDS.is_match(&term) {
                continue;
            }
            if is_term(&term) || (under_heading && term.split_whitespace().count() <= 4) {
                found.push((p, r, term, expansion));
            }
        }
    }
    // Without a glossary heading the table must be mostly abbreviations to count.
    let mostly = found.len() * 10 >= candidates * MOSTLY_ABBREVIATIONS_TENTHS;
    if found.is_empty() || (!under_heading && (found.len() < MIN_UNHEADED_ENTRIES || !mostly)) {
        return Vec::new();
    }
    found.sort_by_key(|(p, r, _, _)| (*p, *r));
    found
        .into_iter()
        .map(|(_, r, term, expansion)| Entry {
            term,
            expansion,
            prov: row_provenance(&table.rows[r].prov, &block.prov),
        })
        .collect()
}

/// The entries of a block's lines, with the first and last line each was read from. `headed`: the block is
/// under a glossary title, so every layout counts; otherwise only "TERM Expansion" entries
/// whose initials agree. A term alone on its line takes the next line as its expansion (a
/// two-column table printed cell by cell). `may_be_cut`: the block ends the document.
pub(super) fn from_lines(lines: &[&str], headed: bool, may_be_cut: bool) -> Vec<LineEntry> {
    let mut out = Vec::new();
    let mut k = 0;
    while k < lines.len() {
        let line = lines[k].trim();
        if let (Some(term), Some(next)) = (bare_term(line), lines.get(k + 1)) {
            let joined = format!("{term} {}", next.trim());
            let cut = may_be_cut && k + 2 == lines.len();
            if let Some((t, x)) = undelimited(&joined, cut).into_iter().next().filter(|(t, _)| t == term) {
                out.push(LineEntry { lines: (k, k + 1), term: t, expansion: x });
                k += 2;
                continue;
            }
        }
        let cut = may_be_cut && k + 1 == lines.len();
        let found = if headed { from_line(line, cut) } else { undelimited(line, cut) };
        out.extend(found.into_iter().map(|(term, expansion)| LineEntry { lines: (k, k), term, expansion }));
        k += 1;
    }
    out
}

/// An entry read from a block's lines: the first and last line it was read from.
#[derive(Debug, PartialEq)]
pub(super) struct LineEntry {
    pub(super) lines: (usize, usize),
    pub(super) term: String,
    pub(super) expansion: String,
}

/// A line that is nothing but an abbreviation (a colon after it aside).
fn bare_term(line: &str) -> Option<&str> {
    let term = line.strip_suffix(':').unwrap_or(line).trim();
    (!term.contains(char::is_whitespace) && Term::parse(term).is_some()).then_some(term)
}

/// The entries of one line of a glossary. `may_be_cut`: the line ends the document, which
/// may have been cut off mid-name.
fn from_line(line: &str, may_be_cut: bool) -> Vec<(String, String)> {
    if let Some(c) = DELIMITED.captures(line) {
        let term = clean(&c[1]);
        // "TERM – expansion – explanation": the explanation is not part of the expansion.
        let expansion = EXPLANATION_DASH.split(&c[2]).next().map(clean).unwrap_or_default();
        // A plain-word term ("Early Help – support offered early") is a definition, not an
        // abbreviation's entry.
        let abbreviation = is_term(&term) && !term.contains(char::is_whitespace);
        if abbreviation && !expansion.is_empty() {
            let expansion = before_sentence_end(&term, &expansion).unwrap_or(expansion);
            return vec![(term, expansion)];
        }
    }
    let undelimited = undelimited(line, may_be_cut);
    if !undelimited.is_empty() {
        return undelimited;
    }
    // "Expansion (TERM)" opening the line, alone or before an explanation.
    let line = clean(line);
    match definitions(&line).first() {
        Some(d) if d.at == 0 && explanation_or_nothing(&line[d.end..]) => {
            vec![(d.term.clone(), d.expansion.clone())]
        }
        _ => Vec::new(),
    }
}

/// What follows an entry is nothing, or an explanation after a dash or colon.
fn explanation_or_nothing(rest: &str) -> bool {
    let rest = rest.trim_start();
    rest.is_empty() || rest.starts_with(['-', '–', '—', ':'])
}

/// "TERM – Expansion. An explanation": the expansion ends at the full stop after the words
/// that spell the term.
fn before_sentence_end(term: &str, expansion: &str) -> Option<String> {
    let ws = words(expansion);
    let k = expansion_starting(&Term::parse(term)?, &ws, Strictness::Glossary)?;
    (k < ws.len() && ws[k - 1].raw.ends_with('.')).then(|| expansion[..ws[k - 1].end].to_string())
}

/// "TERM Expansion – explanation" entries, one at the start of the line and any others run
/// into it. The first is read as a glossary reads (lower-case words may go without a letter);
/// those within the line must agree strictly, since they share it with explanations.
fn undelimited(line: &str, may_be_cut: bool) -> Vec<(String, String)> {
    // An entry's term is a token of its own (a colon after it aside): most lines have none.
    let has_term = line.split_whitespace().any(|t| looks_like_abbreviation(t.strip_suffix(':').unwrap_or(t)));
    if !has_term {
        return Vec::new();
    }
    let ws = words(line);
    let mut out = Vec::new();
    let mut k = 0;
    while k < ws.len() {
        let strictness = if k == 0 { Strictness::Glossary } else { Strictness::Text };
        match entry_at(&ws, k, strictness, may_be_cut) {
            Some((end, term, expansion)) => {
                out.push((term, line[expansion.0..expansion.1].to_string()));
                k = end;
            }
            None => k += 1,
        }
    }
    out
}

/// The entry whose term is word `k`: (the word after it, the term, the expansion's span).
fn entry_at(
    ws: &[Word],
    k: usize,
    strictness: Strictness,
    may_be_cut: bool,
) -> Option<(usize, String, (usize, usize))> {
    let term_word = ws[k];
    let bare = term_word.raw.strip_suffix(':').unwrap_or(term_word.raw);
    if bare != term_word.core {
        return None;
    }
    let term = Term::parse(term_word.core)?;
    // An optional dash between term and expansion, then the expansion up to the next dash.
    let from = if ws.get(k + 1).is_some_and(Word::is_mark) { k + 2 } else { k + 1 };
    // Nothing past the longest expansion and its run-on words is read.
    let horizon = (from + term.max_words() + MAX_RUN_ON_WORDS + 1).min(ws.len());
    let from = from.min(horizon);
    let stop = ws[from..horizon].iter().position(Word::is_mark).map_or(horizon, |p| from + p);
    let rest = &ws[from..stop];
    let len = expansion_starting(&term, rest, strictness)?;
    let mut end = from + len;
    if !ends_cleanly(ws, end) {
        end = run_on(ws, end, stop, may_be_cut)?;
    }
    let span = (ws[from].start, ws[end - 1].end);
    Some((end, term_word.core.to_string(), span))
}

/// The expansion ends before word `end` when the line does, or punctuation, a dash, a bracket
/// or a lower-case explanation follows, or another entry.
fn ends_cleanly(ws: &[Word], end: usize) -> bool {
    let Some(next) = ws.get(end) else { return true };
    ws[end - 1].raw.ends_with([',', ';', ':', '.'])
        || next.is_mark()
        || next.raw.starts_with('(')
        || (next.is_lower() && !next.is_small())
        || next.is_number()
        || entry_at(ws, end, Strictness::Text, false).is_some()
}

/// A name that runs on past its initials in capitalised words: where it ends, at most
/// [`MAX_RUN_ON_WORDS`] words on, at punctuation, a dash or a lower-case word. A number ends
/// it too, with the label before the number ("Page 15"). At the end of a document that may
/// be cut off, a name still running is dropped (`None`).
fn run_on(ws: &[Word], end: usize, stop: usize, may_be_cut: bool) -> Option<usize> {
    let mut last_name = end;
    for (j, w) in ws.iter().enumerate().take(stop).skip(end) {
        if w.is_number() {
            return Some(last_name.min(j - 1).max(end));
        }
        if j - end >= MAX_RUN_ON_WORDS || (w.is_lower() && !w.is_small()) {
            break;
        }
        if w.is_capitalised() {
            last_name = j + 1;
        }
        if w.raw.ends_with([',', ';', ':', '.']) {
            return Some(last_name);
        }
    }
    let cut_off = may_be_cut && stop == ws.len() && last_name == ws.len();
    (!cut_off).then_some(last_name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(l: &str) -> Vec<(String, String)> {
        from_line(l, false)
    }

    fn pair(t: &str, e: &str) -> (String, String) {
        (t.to_string(), e.to_string())
    }

    #[test]
    fn delimited_lines() {
        assert_eq!(
            line("LADO – Local Authority Designated Officer"),
            vec![pair("LADO", "Local Authority Designated Officer")]
        );
        assert_eq!(
            line("MASH: Multi-Agency Safeguarding Hub"),
            vec![pair("MASH", "Multi-Agency Safeguarding Hub")]
        );
        assert_eq!(
            line("RHI - Return Home Interview - a talk with a child back from being missing"),
            vec![pair("RHI", "Return Home Interview")]
        );
        assert!(line("Our aim - to do better").is_empty());
        assert!(line("Early Help – support offered as soon as a problem appears").is_empty());
        assert_eq!(line("NUH(T) – Northfield University Hospitals (Trust)").len(), 1);
    }

    #[test]
    fn term_then_expansion_without_delimiter() {
        assert_eq!(line("YOS Youth Offending Service"), vec![pair("YOS", "Youth Offending Service")]);
        assert_eq!(
            line("PLO Public Law Outline    – the steps before care proceedings"),
            vec![pair("PLO", "Public Law Outline")]
        );
        assert_eq!(
            line("CLA Child who is Living Away, placed outside the area"),
            vec![pair("CLA", "Child who is Living Away")]
        );
        assert_eq!(
            line("EH Early Help support offered before problems grow"),
            vec![pair("EH", "Early Help")]
        );
    }

    #[test]
    fn plain_word_terms_are_not_entries() {
        assert!(line("NEGLECT Failing to meet a child's basic needs").is_empty());
        assert!(line("HOME VISIT A visit by a worker to a family at home").is_empty());
    }

    #[test]
    fn name_running_on_past_its_initials() {
        assert_eq!(
            line("KMT Kestrel and Moor Trust NHS Foundation Trust – community health"),
            vec![pair("KMT", "Kestrel and Moor Trust NHS Foundation Trust")]
        );
        assert_eq!(
            line("NRM National Referral Mechanism Page 15"),
            vec![pair("NRM", "National Referral Mechanism")]
        );
        // The last line of a text cut off mid-name: where the name ends is unknown.
        assert!(from_line("KMT Kestrel and Moor Trust NHS Founda", true).is_empty());
        assert_eq!(
            from_line("SDL Senior Designated Lead", true),
            vec![pair("SDL", "Senior Designated Lead")]
        );
    }

    #[test]
    fn entries_run_together() {
        assert_eq!(
            line(
                "CIN Child in Need CP Child Protection – when a child is at risk YOS Youth Offending Service"
            ),
            vec![
                pair("CIN", "Child in Need"),
                pair("CP", "Child Protection"),
                pair("YOS", "Youth Offending Service")
            ]
        );
    }

    #[test]
    fn explanation_after_a_full_stop() {
        assert_eq!(
            line("CIN – Child in Need. A child whose needs are met with help from social care."),
            vec![pair("CIN", "Child in Need")]
        );
        // Commas are the expansion's own.
        assert_eq!(line("RAG – Red, Amber, Green"), vec![pair("RAG", "Red, Amber, Green")]);
    }

    #[test]
    fn term_alone_takes_the_next_line() {
        let lines =
            ["CP", "Child Protection", "EHA:", "Early Help Assessment – a shared look", "A closing note"];
        let entry =
            |lines, t: &str, x: &str| LineEntry { lines, term: t.to_string(), expansion: x.to_string() };
        assert_eq!(
            from_lines(&lines, true, false),
            vec![entry((0, 1), "CP", "Child Protection"), entry((2, 3), "EHA", "Early Help Assessment")]
        );
        // The next line does not spell it: no entry.
        assert!(from_lines(&["CP", "Our plan for the year"], true, false).is_empty());
    }

    #[test]
    fn expansion_then_term_as_a_line() {
        assert_eq!(line("Return Home Interview (RHI)"), vec![pair("RHI", "Return Home Interview")]);
        assert_eq!(
            line("Early Help Assessment (EHA) – a shared assessment of a family's needs"),
            vec![pair("EHA", "Early Help Assessment")]
        );
        assert!(line("We met the Return Home Interview (RHI) team").is_empty());
    }
}
