//! Paragraphs and lists: names in running text, and the lists a paragraph announces as the
//! partnership's subgroups.

use std::sync::LazyLock;

use regex_lite::Regex;
use sgx_ir::ListItem;
use sgx_model::Evidence;

use super::chart::is_name_line;
use super::Scan;
use crate::governance::fact::{Fact, FactKind, Fallback};
use crate::governance::mention::{Kind, Source};
use crate::governance::names::{cell_spans, prose_spans};
use crate::governance::phrases::{COUNTED_NAMES, FREQ_RE, LIST_INTRO};
use crate::governance::unit::Unit;
use crate::governance::vocab::is_cap;
use crate::util::{clean, evidence, Context};
use crate::vocab::{is_glossary_heading, number_word};

/// A line of at most this many words, capitalised and without a full stop, is a label or a
/// chart box rather than wrapped prose; a list item's label is at most this long too.
const LABEL_LINE_WORDS: usize = 8;

/// A field of a body's entry on a subgroups page: "Frequency: Quarterly", "Remit: …".
static FIELD_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)^\W*(frequency(?:\s+of\s+meetings)?|meetings?|meets|membership|members|remit|aims?|purpose",
        r"|chair(?:person)?|terms\s+of\s+reference)\s*:\s*(.*)$",
    ))
    .unwrap()
});
static FREQUENCY_FIELD: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)^(?:frequency|meet)").unwrap());

/// A frequency field without a recognised frequency is kept as printed when it has at most
/// this many words ("Virtual Group", "As required").
const FREQUENCY_FIELD_WORDS: usize = 5;

/// The level a body's name line opens its section at: below every printed heading.
const FIELD_NAME_LEVEL: u8 = 7;

/// A paragraph or item ending "Four subgroups report to the Business Group:" announces that
/// the list after it names subgroups (reporting to that body).
#[derive(Debug, Clone)]
pub(super) struct ListIntro {
    pub(super) target: Option<usize>,
}

pub(super) fn list_intro(unit: &Unit, target: Option<usize>) -> Option<ListIntro> {
    let text = unit.text.trim_end();
    let last = unit.sentence_text(unit.sent_start.len().saturating_sub(1));
    (text.ends_with(':') && (LIST_INTRO.is_match(last) || target.is_some())).then_some(ListIntro { target })
}

/// Blocks under a glossary heading: their expansions name bodies of every kind.
pub(super) fn in_glossary(ctx: &Context, i: usize) -> bool {
    ctx.section_title(i).is_some_and(|t| is_glossary_heading(&t))
}

impl Scan<'_> {
    /// A paragraph or list item; returns what it announces for a list that follows it.
    pub(super) fn prose(&mut self, text: &str, ev: Evidence, block: usize) -> Option<ListIntro> {
        if text.lines().count() > 1 && text.lines().any(|l| FIELD_LINE.is_match(l)) {
            self.fields(text, ev, block);
            return None;
        }
        // Short capitalised lines are boxes or labels; anything else is wrapped prose.
        let label_line = |l: &str| {
            l.split_whitespace().count() <= LABEL_LINE_WORDS
                && !l.trim_end().ends_with('.')
                && is_cap(l.trim())
        };
        let hard = text.lines().count() > 1 && text.lines().all(label_line);
        let mut unit = Unit::new(text, hard);
        for span in prose_spans(&unit) {
            self.register(&mut unit, &span, Source::Prose, ev.clone(), (block, 0));
        }
        let fallback = Fallback::Section(self.section_body());
        let target = self.facts_of(&unit, &fallback, true);
        self.counted_names(text, &ev, block);
        list_intro(&unit, target)
    }

    /// "The five sub-groups comprised A, B, C, D, and E.": where the names split into as
    /// many as the sentence counts, each is one of the partnership's bodies, as a listed item
    /// would be. A count the names do not meet (a comma inside a name) reads nothing.
    fn counted_names(&mut self, text: &str, ev: &Evidence, block: usize) {
        for c in COUNTED_NAMES.captures_iter(text) {
            let count = c[1].parse().ok().or_else(|| number_word(&c[1]));
            let names = split_series(c[2].trim());
            if count != Some(names.len() as u32) {
                continue;
            }
            for name in names {
                self.label_body(name, ev.clone(), block);
            }
        }
    }

    /// A body's name on a line of its own with its fields under it ("Frequency: Quarterly",
    /// "Membership: …", "Remit: …"): the frequency is the named body's, as printed.
    pub(super) fn fields(&mut self, text: &str, ev: Evidence, block: usize) {
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            match FIELD_LINE.captures(line) {
                Some(c) if FREQUENCY_FIELD.is_match(&c[1]) => {
                    let value = clean(&c[2]);
                    let freq = FREQ_RE.find(&value).map(|m| m.as_str().to_string());
                    let short = (1..=FREQUENCY_FIELD_WORDS).contains(&value.split_whitespace().count());
                    if let (Some(v), Some(body)) = (freq.or(short.then_some(value)), self.section_body()) {
                        self.push_direct(FactKind::Meets, v, body);
                    }
                }
                Some(c) => {
                    self.prose(&c[2], ev.clone(), block);
                }
                None if is_name_line(line) => self.heading(line, FIELD_NAME_LEVEL, ev.clone(), block),
                None => {
                    self.prose(line, ev.clone(), block);
                }
            }
        }
    }

    pub(super) fn list(&mut self, items: &[ListItem], block: usize, intro: Option<&ListIntro>) {
        for item in items {
            let ev = evidence(block, &item.prov);
            let announced = match intro {
                Some(intro) => {
                    self.listed_item(&item.text.text, ev, block, intro);
                    None
                }
                None => self.prose(&item.text.text, ev, block),
            };
            self.list(&item.children, block, announced.as_ref());
        }
    }

    /// An item of a list announced as the partnership's subgroups: the body it names (or, for
    /// a bare label such as "Policy and Procedures", the label), with what the intro says
    /// they report to and what the item says ("…, chaired by the Head of Early Help").
    pub(super) fn listed_item(&mut self, text: &str, ev: Evidence, block: usize, intro: &ListIntro) {
        let mut unit = Unit::new(text, false);
        let mut subject = None;
        for mut span in prose_spans(&unit) {
            // The name the item opens with is the listed body, capitals or not ("Strategic
            // management group"); the rest is prose.
            let opens = subject.is_none() && span.first <= 1 && !span.bare;
            let source = if opens { Source::Listed } else { Source::Prose };
            span.has_cap |= opens;
            let id = self.register(&mut unit, &span, source, ev.clone(), (block, 0));
            if opens {
                subject = id.filter(|&m| self.mentions[m].kind == Kind::Body);
            }
        }
        if subject.is_none() {
            subject = self.listed_label(text, ev, block);
        }
        let Some(subject) = subject else { return };
        self.facts_of(&unit, &Fallback::Section(Some(subject)), false);
        if let Some(target) = intro.target {
            self.facts.push(Fact::about(FactKind::ReportsTo, String::new(), subject, Some(target)));
        }
    }

    /// "Sexual Exploitation and Missing, chaired by …" → the label before the punctuation.
    pub(super) fn listed_label(&mut self, text: &str, ev: Evidence, block: usize) -> Option<usize> {
        let label = text.split([',', ';', ':', '(', '–', '—']).next().unwrap_or("");
        self.label_body(label, ev, block)
    }

    /// A bare label of the structure ("Policy and Procedures") as the body it names.
    fn label_body(&mut self, label: &str, ev: Evidence, block: usize) -> Option<usize> {
        let label = label.trim();
        let label = label.strip_prefix("the ").unwrap_or(label);
        let words = label.split_whitespace().count();
        if !(1..=LABEL_LINE_WORDS).contains(&words) || !is_cap(label) {
            return None;
        }
        let mut unit = Unit::new(label, true);
        let spans = cell_spans(&unit, true);
        let span = spans.first().filter(|s| s.first == 0 && !s.bare)?;
        self.register(&mut unit, span, Source::Listed, ev, (block, 0))
            .filter(|&m| self.mentions[m].kind == Kind::Body)
    }
}

/// The items of "A, B, C and D" or "A, B, C, and D": a series' last item follows its "and"
/// (after a comma, when the series has one there: "Governance, Accountability and Process"
/// stays one item before ", and").
fn split_series(text: &str) -> Vec<&str> {
    let (head, last) = match text.rsplit_once(", and ").or_else(|| text.rsplit_once(" and ")) {
        Some(pair) => pair,
        None => return vec![text],
    };
    let mut items: Vec<&str> = head.split(", ").map(str::trim).collect();
    items.push(last.trim());
    items.retain(|t| !t.is_empty());
    items
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_series_splits_at_commas_and_its_last_and() {
        assert_eq!(split_series("Audit, Training and Review"), ["Audit", "Training", "Review"]);
        assert_eq!(
            split_series("Audit, Policy and Process, and Review"),
            ["Audit", "Policy and Process", "Review"]
        );
        assert_eq!(split_series("Audit"), ["Audit"]);
    }

    #[test]
    fn field_lines_of_a_subgroup_entry() {
        let c = FIELD_LINE.captures("Frequency: Virtual Group").unwrap();
        assert!(FREQUENCY_FIELD.is_match(&c[1]));
        assert_eq!(&c[2], "Virtual Group");
        let c = FIELD_LINE.captures("Frequency of meetings: Quarterly").unwrap();
        assert!(FREQUENCY_FIELD.is_match(&c[1]));
        assert!(FIELD_LINE
            .captures("Remit: The group reviews cases.")
            .is_some_and(|c| !FREQUENCY_FIELD.is_match(&c[1])));
        assert!(!FIELD_LINE.is_match("The frequency of visits: weekly is enough"));
    }
}
