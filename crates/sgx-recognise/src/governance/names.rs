//! Finding names in a unit: a head word and the words before it (prose), or the chunks of a
//! cell or chart line where several names may be printed without separators.

use super::unit::Unit;
use super::vocab::{
    head_of, is_acronym, is_cap, is_role, is_role_after_head, is_stop, lower_in, Head, CONNECTORS,
    SECTION_WORDS,
};

/// A name read back from its head word spans fewer than this many tokens.
const MAX_NAME_TOKENS: usize = 12;

/// A chart box or cell label without a head word ("Media & Comms") has this many tokens.
const LABEL_TOKENS: std::ops::RangeInclusive<usize> = 2..=6;

/// A name read from a unit, before it is registered as a mention.
#[derive(Debug, Clone)]
pub(super) struct Span {
    pub(super) first: usize,
    pub(super) last: usize,
    pub(super) name: String,
    pub(super) acronym: Option<String>,
    pub(super) head: Option<Head>,
    pub(super) plural: bool,
    /// The name shows a capital that is not just a sentence start.
    pub(super) has_cap: bool,
    /// A role word follows the head ("Subgroup chairs"): a person, not the body.
    pub(super) role: bool,
    /// A lone acronym.
    pub(super) bare: bool,
}

impl Span {
    pub(super) fn bare(unit: &Unit, k: usize) -> Span {
        let name = unit.tok(k).to_string();
        Span {
            first: k,
            last: k,
            name,
            acronym: None,
            head: None,
            plural: false,
            has_cap: true,
            role: false,
            bare: true,
        }
    }
}

/// Names in running text: a head word and the capitalised words before it.
pub(super) fn prose_spans(unit: &Unit) -> Vec<Span> {
    let mut spans: Vec<Span> = Vec::new();
    for k in 0..unit.toks.len() {
        let tok = unit.tok(k);
        let Some((head, plural)) = head_of(tok) else { continue };
        let next_head = unit.adjacent_next(k) && head_of(unit.tok(k + 1)).is_some();
        if next_head || (head == Head::Executive && !is_cap(tok)) {
            continue;
        }
        // "the Chief Executive": a person.
        if head == Head::Executive && k > 0 && unit.tok(k - 1).eq_ignore_ascii_case("chief") {
            continue;
        }
        let next = unit.adjacent_next(k).then(|| unit.tok(k + 1));
        let role = next.is_some_and(is_role_after_head);
        // "Partnership Service Manager", "Board Structure": the head word is a modifier ("the
        // Board I chair" is no name).
        if next.is_some_and(|n| !role && is_cap(n) && !is_acronym(n) && n != "I") {
            continue;
        }
        let (first, has_cap) =
            if head == Head::Partnership && !is_cap(tok) { (k, false) } else { walk_back(unit, k) };
        if spans.iter().any(|s| s.last >= first) {
            continue;
        }
        let name = unit.name(first, k);
        let acronym = unit.acronym_near(unit.toks[first].start, unit.toks[k].end);
        spans.push(Span {
            first,
            last: k,
            name,
            acronym,
            head: Some(head),
            plural,
            has_cap,
            role,
            bare: false,
        });
    }
    add_bare_acronyms(unit, &mut spans);
    spans
}

pub(super) fn add_bare_acronyms(unit: &Unit, spans: &mut Vec<Span>) {
    for k in 0..unit.toks.len() {
        if is_acronym(unit.tok(k)) && !spans.iter().any(|s| s.first <= k && k <= s.last) {
            spans.push(Span::bare(unit, k));
        }
    }
    spans.sort_by_key(|s| s.first);
}

/// Where the name ending at head token `k` starts, and whether it shows a real capital.
pub(super) fn walk_back(unit: &Unit, k: usize) -> (usize, bool) {
    let mut first = k;
    let mut has_cap = is_cap(unit.tok(k)) && !unit.sentence_initial(k);
    // "Executive Board", "Partnership Subgroups": heads printed together are one name.
    while first > 0
        && unit.sent[first - 1] == unit.sent[k]
        && unit.gap(first).trim().is_empty()
        && head_of(unit.tok(first - 1)).is_some()
    {
        first -= 1;
        has_cap |= is_cap(unit.tok(first)) && !unit.sentence_initial(first);
    }
    let mut lower_run = 0;
    let mut j = first;
    while j > 0 && unit.sent[j - 1] == unit.sent[k] && k - j < MAX_NAME_TOKENS {
        let w = unit.tok(j - 1);
        // A head word inside a name is a modifier ("Cross Partnership Contextual … Group");
        // one that ends a name ends the walk ("… Group and Business Management Group",
        // "the Executive, Activity Group").
        let modifier = is_cap(w)
            && is_cap(unit.tok(j))
            && head_of(unit.tok(j)).is_none()
            && unit.gap(j).trim().is_empty();
        let ends_other = head_of(w).is_some() && !modifier;
        if !gap_joins(unit, j) || is_stop(w) || ends_other || w.starts_with(|c: char| c.is_ascii_digit()) {
            break;
        }
        if lower_in(w, CONNECTORS) {
            // A connector joins two capitalised parts, never a lower-case phrase to a name.
            // "Chair of the Board", "Director of Children's Services": a person's role ends it. A
            // sentence's first word joins only a name already showing capitals ("Policy and
            // Procedures Subgroup"), and only by "and": "Delivery of the QA subgroup's plan" is no name.
            let joins = j >= 2
                && unit.sent[j - 2] == unit.sent[k]
                && gap_joins(unit, j - 1)
                && is_cap(unit.tok(j - 2))
                && (!unit.sentence_initial(j - 2) || (has_cap && lower_in(w, &["and", "&"])))
                && !is_stop(unit.tok(j - 2))
                && !is_role(unit.tok(j - 2))
                && head_of(unit.tok(j - 2)).is_none();
            if !joins {
                break;
            }
            j -= 1;
            continue;
        }
        if is_cap(w) {
            has_cap |= !unit.sentence_initial(j - 1);
            lower_run = 0;
        } else {
            if has_cap || lower_run >= 3 {
                break;
            }
            lower_run += 1;
        }
        j -= 1;
        first = j;
    }
    (first, has_cap)
}

/// Whether the gap before token `k` may sit inside a name: spaces, brackets, quotes, a slash
/// or ampersand, or a comma between two capitalised words ("Performance, Improvement and …").
pub(super) fn gap_joins(unit: &Unit, k: usize) -> bool {
    let g = unit.gap(k).trim();
    if g.is_empty() || g.chars().all(|c| "()'’‘“”\"/&".contains(c)) {
        return true;
    }
    g == "," && is_cap(unit.tok(k - 1)) && is_cap(unit.tok(k)) && !is_stop(unit.tok(k - 1))
}

/// Names in a cell or chart line, where several may be printed without separators
/// ("QA Groups YVG Groups", "WSCB Manager/ Participation Group", "HSB CPG").
pub(super) fn cell_spans(unit: &Unit, labels: bool) -> Vec<Span> {
    let mut spans = Vec::new();
    let n = unit.toks.len();
    let mut start = 0;
    let mut k = 0;
    while k < n {
        if k > start && unit.sent[k] != unit.sent[k - 1] {
            headless_chunk(unit, start, k, labels, &mut spans);
            start = k;
        }
        let tok = unit.tok(k);
        // "Chair of the X Board": the body is what follows.
        if tok.eq_ignore_ascii_case("chair") && k + 1 < n && unit.tok(k + 1).eq_ignore_ascii_case("of") {
            headless_chunk(unit, start, k, labels, &mut spans);
            k += if k + 2 < n && unit.tok(k + 2).eq_ignore_ascii_case("the") { 3 } else { 2 };
            start = k;
            continue;
        }
        if let Some((head, plural)) = head_of(tok) {
            let at_end = k + 1 == n || unit.sent[k + 1] != unit.sent[k];
            let weak = matches!(head, Head::Partnership | Head::Executive);
            let next_head = unit.adjacent_next(k) && head_of(unit.tok(k + 1)).is_some();
            let slash_joined = !at_end && unit.gap(k + 1).contains('/');
            let next_cap = !at_end && is_cap(unit.tok(k + 1)) && !is_acronym(unit.tok(k + 1));
            if !next_head && !slash_joined && (!weak || at_end || !next_cap) {
                let role = !at_end && is_role_after_head(unit.tok(k + 1));
                spans.push(headed_chunk(unit, start, k, head, plural, role));
                k += if role { 2 } else { 1 };
                start = k;
                continue;
            }
        }
        k += 1;
    }
    headless_chunk(unit, start, n, labels, &mut spans);
    spans
}

/// A chunk ending in a head word, with a person's part in front of it removed.
pub(super) fn headed_chunk(
    unit: &Unit,
    mut a: usize,
    b: usize,
    head: Head,
    plural: bool,
    role: bool,
) -> Span {
    // "WSCB Manager/ Participation Group", "training coordinator Training sub committee".
    if let Some(r) = (a..b.saturating_sub(1)).rev().find(|&r| is_role(unit.tok(r))) {
        a = r + 1;
    }
    // "DA & Board": initials before an ampersand or slash are a person, not part of the name.
    if let Some(r) = (a + 1..=b).rev().find(|&r| unit.gap(r).contains(['&', '/'])) {
        if (a..r).all(|i| is_acronym(unit.tok(i))) {
            a = r;
        }
    }
    while a < b && (lower_in(unit.tok(a), CONNECTORS) || is_stop(unit.tok(a))) {
        a += 1;
    }
    let name = unit.name(a, b);
    let acronym = unit.acronym_near(unit.toks[a].start, unit.toks[b].end);
    Span { first: a, last: b, name, acronym, head: Some(head), plural, has_cap: true, role, bare: false }
}

/// A chunk without a head word: a run of acronyms ("YVG CPG LRG"), or, where `labels`
/// allows, a short label ("Media & Comms", a chart box "Child Exploitation").
pub(super) fn headless_chunk(unit: &Unit, mut a: usize, b: usize, labels: bool, spans: &mut Vec<Span>) {
    while a < b && (lower_in(unit.tok(a), CONNECTORS) || is_stop(unit.tok(a))) {
        a += 1;
    }
    if a >= b {
        return;
    }
    if (a..b).all(|k| is_acronym(unit.tok(k))) {
        spans.extend((a..b).map(|k| Span::bare(unit, k)));
        return;
    }
    let last = unit.tok(b - 1);
    let text = &unit.work[unit.toks[a].start..unit.toks[b - 1].end];
    let is_label = labels
        && (LABEL_TOKENS).contains(&(b - a))
        && !SECTION_WORDS.is_match(text)
        && is_cap(unit.tok(a))
        && !is_role(last)
        && !lower_in(last, &["team", "unit", "service", "services"])
        && !(a..b).any(|k| unit.tok(k).starts_with(|c: char| c.is_ascii_digit()));
    if is_label {
        let name = unit.name(a, b - 1);
        spans.push(Span {
            first: a,
            last: b - 1,
            name,
            acronym: None,
            head: None,
            plural: false,
            has_cap: true,
            role: false,
            bare: false,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(spans: &[Span]) -> Vec<&str> {
        spans.iter().map(|s| s.name.as_str()).collect()
    }

    #[test]
    fn walk_back_reads_capitals_and_connectors_back_to_a_stop_word() {
        let unit = Unit::new("The work of the Heron Audit and Quality Group is done.", false);
        let head = (0..unit.toks.len()).find(|&k| unit.tok(k) == "Group").unwrap();
        let (first, has_cap) = walk_back(&unit, head);
        assert_eq!(unit.name(first, head), "Heron Audit and Quality Group");
        assert!(has_cap);
    }

    #[test]
    fn walk_back_does_not_join_a_lower_case_phrase_through_a_connector() {
        let unit = Unit::new("We shared reports and the Kestrel Group agreed.", false);
        let head = (0..unit.toks.len()).find(|&k| unit.tok(k) == "Group").unwrap();
        let (first, _) = walk_back(&unit, head);
        assert_eq!(unit.name(first, head), "Kestrel Group");
    }

    #[test]
    fn a_first_word_joins_a_capitalised_name_only_by_and() {
        let unit = Unit::new("Policy and Guidance Subgroup", true);
        assert_eq!(names(&prose_spans(&unit)), vec!["Policy and Guidance Subgroup"]);
        let unit = Unit::new("Delivery of CDOP subgroup plan.", false);
        assert_eq!(names(&prose_spans(&unit)), vec!["CDOP subgroup"]);
    }

    #[test]
    fn a_comma_after_a_head_word_ends_the_name_before_it() {
        let unit = Unit::new("All members of the Executive, Practice Group and others", false);
        assert_eq!(names(&prose_spans(&unit)), vec!["Executive", "Practice Group"]);
    }

    #[test]
    fn prose_names_end_in_head_words_and_skip_modifiers() {
        let unit = Unit::new("The Harbour Practice Panel asked the Partnership Manager to report.", false);
        let spans = prose_spans(&unit);
        assert_eq!(names(&spans), vec!["Harbour Practice Panel", "Partnership"]);
        // "Partnership Manager" is a person: the span is marked as a role, never a body.
        assert_eq!(spans.iter().map(|s| s.role).collect::<Vec<_>>(), vec![false, true]);
    }

    #[test]
    fn cell_names_printed_without_separators() {
        let unit = Unit::new("Board Officer/ Moorland Training Group", true);
        let spans = cell_spans(&unit, false);
        assert_eq!(names(&spans), vec!["Board", "Moorland Training Group"]);
        assert!(spans[0].role, "Board Officer is a person");
        let unit = Unit::new("FTG HLP", true);
        let spans = cell_spans(&unit, false);
        assert_eq!(names(&spans), vec!["FTG", "HLP"]);
        assert!(spans.iter().all(|s| s.bare));
    }
}
