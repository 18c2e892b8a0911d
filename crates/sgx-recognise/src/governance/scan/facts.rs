//! Chairs, meeting frequencies and reporting lines stated in a unit, with the mentions that
//! may be their subject.

use super::Scan;
use crate::governance::fact::{Fact, FactKind, Fallback};
use crate::governance::mention::Kind;
use crate::governance::phrases::{
    ANAPHOR, CELL_TO, CHAIRED_BY, CHAIRED_INDEPENDENTLY, CHAIR_LABEL, CHAIR_NAMED, CHAIR_TAIL, DISTRIBUTIVE,
    FREQ_MEETINGS, FREQ_RE, LED_BY_CHAIR, MEETS, REPORTS, SEAT_AFTER, SEAT_BEFORE, SIGNATURE,
};
use crate::governance::unit::Unit;
use crate::governance::vocab::head_of;

/// A signature line ("Jo Bloggs, Director of X and Chair of the ABC") has at most this many
/// words; longer lines are prose.
const SIGNATURE_LINE_WORDS: usize = 40;

/// "The group …" refers back to one of this many mentions before its sentence at most (a
/// paragraph's earlier mentions are kept for it, nearest first).
const PRIOR_MENTIONS: usize = 12;

impl Scan<'_> {
    /// Chairs, meeting frequencies and reporting lines stated in a unit.
    /// Returns the body a "subgroups report to X:" phrase at the unit's end names, for the
    /// list that follows.
    pub(super) fn facts_of(&mut self, unit: &Unit, fallback: &Fallback, signatures: bool) -> Option<usize> {
        let text = unit.text.as_str();
        for c in CHAIRED_BY.captures_iter(text) {
            let value = chair_value(&c[1]);
            self.fact(unit, FactKind::Chair, value, c.get(0).unwrap().start(), fallback, None);
        }
        for m in CHAIRED_INDEPENDENTLY.find_iter(text) {
            self.fact(unit, FactKind::Chair, m.as_str().trim().to_string(), m.start(), fallback, None);
        }
        for c in LED_BY_CHAIR.captures_iter(text) {
            self.fact(unit, FactKind::Chair, c[1].to_string(), c.get(0).unwrap().start(), fallback, None);
        }
        for c in CHAIR_LABEL.captures_iter(text) {
            self.fact(unit, FactKind::Chair, chair_value(&c[1]), c.get(0).unwrap().start(), fallback, None);
        }
        for c in CHAIR_NAMED.captures_iter(text) {
            let at = c.get(0).unwrap().start();
            // A label opening its line is read by CHAIR_LABEL.
            let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
            if text[line_start..at].chars().any(char::is_alphanumeric) {
                self.fact(unit, FactKind::Chair, c[1].to_string(), at, fallback, None);
            }
        }
        if signatures {
            self.signatures(unit);
        }
        self.seats(unit);
        self.meets_facts(unit, fallback);
        let mut announced = None;
        for m in REPORTS.find_iter(&unit.work) {
            let Some(target) = mention_at(unit, m.end()) else { continue };
            if !self.distributive(unit, m.start()) {
                self.fact(unit, FactKind::ReportsTo, String::new(), m.start(), fallback, Some(target));
                continue;
            }
            for subject in self.enumerated(unit, m.start()) {
                self.facts.push(Fact::about(FactKind::ReportsTo, String::new(), subject, Some(target)));
            }
            announced = Some(target);
        }
        announced
    }

    /// The subject before byte `at` names several bodies ("Each subgroup", "Four subgroups")
    /// and no single one.
    pub(super) fn distributive(&self, unit: &Unit, at: usize) -> bool {
        let s = unit.sentence_of(at);
        let prefix = &unit.work[unit.sent_start[s]..at];
        let names_one = unit.found.iter().any(|f| {
            unit.sentence_of(unit.toks[f.first].start) == s
                && unit.toks[f.last].end <= at
                && self.mentions[f.id].kind == Kind::Body
        });
        DISTRIBUTIVE.is_match(prefix) && !names_one
    }

    /// The bodies a distributive subject stands for: those listed after a colon next to it
    /// ("… four subgroups: the A Subgroup, the B Subgroup … Each subgroup reports to …",
    /// "… report to the X: the A Subgroup, the B Subgroup").
    pub(super) fn enumerated(&self, unit: &Unit, at: usize) -> Vec<usize> {
        let s = unit.sentence_of(at);
        let bodies_in = |t: usize| -> Vec<usize> {
            unit.found
                .iter()
                .filter(|f| unit.sent[f.first] == t && self.mentions[f.id].kind == Kind::Body)
                .map(|f| f.id)
                .collect()
        };
        let listed = |t: usize| -> bool {
            let first = unit.sent.iter().position(|&x| x == t);
            first.is_some_and(|k| k > 0 && unit.gap(k).contains(':'))
        };
        [s + 1, s.wrapping_sub(1)]
            .into_iter()
            .filter(|&t| t < unit.sent_start.len() && listed(t))
            .map(bodies_in)
            .find(|b| b.len() >= 2)
            .unwrap_or_default()
    }

    /// Frequencies are read from the work text, where "(DSL)" does not break a name.
    pub(super) fn meets_facts(&mut self, unit: &Unit, fallback: &Fallback) {
        let text = unit.work.as_str();
        for c in MEETS.captures_iter(text) {
            self.fact(unit, FactKind::Meets, c[1].to_string(), c.get(0).unwrap().start(), fallback, None);
        }
        for c in FREQ_MEETINGS.captures_iter(text) {
            let inner = c.get(2).unwrap();
            let inside = unit.found.iter().find(|f| {
                unit.toks[f.first].start >= inner.start()
                    && unit.toks[f.last].end <= inner.end()
                    && self.mentions[f.id].kind != Kind::Acronym
            });
            if let Some(f) = inside {
                self.push_direct(FactKind::Meets, c[1].to_string(), f.id);
            }
        }
        // "Continued running of the Schools Network 3 times a year."
        for m in FREQ_RE.find_iter(text) {
            let s = unit.sentence_of(m.start());
            if unit.sentence_text(s).to_lowercase().contains("report") {
                continue;
            }
            let before = unit.found.iter().find(|f| {
                let end = unit.toks[f.last].end;
                end <= m.start() && unit.work[end..m.start()].trim().is_empty()
            });
            if let Some(f) = before {
                self.push_direct(FactKind::Meets, m.as_str().to_string(), f.id);
            }
        }
    }

    /// "Chair of the Board", "XSCB Independent Chair", "members of the Board": the body named
    /// there has a chair, members or meetings.
    pub(super) fn seats(&mut self, unit: &Unit) {
        let mut seated: Vec<usize> =
            SEAT_BEFORE.find_iter(&unit.work).filter_map(|m| mention_at(unit, m.end())).collect();
        seated.extend(
            unit.found
                .iter()
                .filter(|f| SEAT_AFTER.is_match(&unit.work[unit.toks[f.last].end..]))
                .map(|f| f.id),
        );
        seated.sort_unstable();
        seated.dedup();
        for m in seated {
            self.push_direct(FactKind::Presented, String::new(), m);
        }
    }

    /// "Jane Doe, Director of X and Chair of the ABC (2022-23)": the chair of ABC.
    pub(super) fn signatures(&mut self, unit: &Unit) {
        let mut offset = 0;
        for line in unit.text.split('\n') {
            if line.split_whitespace().count() <= SIGNATURE_LINE_WORDS {
                if let Some(c) = SIGNATURE.captures(line) {
                    let after = offset + c.get(0).unwrap().end();
                    let end = offset + line.len();
                    let subject = unit
                        .found
                        .iter()
                        .find(|f| unit.toks[f.first].start >= after && unit.toks[f.first].start < end);
                    if let Some(f) = subject {
                        let value = c[1]
                            .trim_matches(|ch: char| ch == '*' || ch == '_' || ch.is_whitespace())
                            .to_string();
                        self.push_direct(FactKind::Chair, value, f.id);
                    }
                }
            }
            offset += line.len() + 1;
        }
    }

    /// A measure cell "X to PBG" (or "Subgroup to PBG", whose subject is the row's body).
    pub(super) fn cell_to(&mut self, unit: &Unit, fallback: &Fallback) {
        let Some(c) = CELL_TO.captures(&unit.text) else { return };
        let prefix = c.get(1).unwrap();
        let Some(target) = mention_at(unit, c.get(0).unwrap().end()) else { return };
        let subject = unit.found.iter().find(|f| {
            unit.toks[f.first].start <= prefix.start() + 1 && unit.toks[f.last].end == prefix.end()
        });
        match subject {
            Some(f) if f.id != target => {
                self.facts.push(Fact::about(FactKind::ReportsTo, String::new(), f.id, Some(target)))
            }
            None if head_of(prefix.as_str().trim()).is_some() => {
                self.facts.push(Fact::about_row(FactKind::ReportsTo, Some(target), fallback.clone()))
            }
            _ => {}
        }
    }

    pub(super) fn push_direct(&mut self, kind: FactKind, value: String, subject: usize) {
        self.facts.push(Fact::about(kind, value, subject, None));
    }

    /// A fact whose phrase starts at byte `at`: its possible subjects are the mentions before
    /// it in its sentence, then (for "the group …") earlier sentences, then the fallback.
    pub(super) fn fact(
        &mut self,
        unit: &Unit,
        kind: FactKind,
        value: String,
        at: usize,
        fallback: &Fallback,
        target: Option<usize>,
    ) {
        if kind != FactKind::ReportsTo && value.trim().is_empty() {
            return;
        }
        let s = unit.sentence_of(at);
        let mut same: Vec<(usize, bool)> = Vec::new();
        let mut qualifiers = Vec::new();
        let mut prior = Vec::new();
        let mut nearer_start: Option<usize> = None;
        for f in unit.found.iter().rev().filter(|f| unit.toks[f.last].end <= at && Some(f.id) != target) {
            let start = unit.toks[f.first].start;
            if unit.sentence_of(start) != s {
                if prior.len() < PRIOR_MENTIONS {
                    prior.push(f.id);
                }
                continue;
            }
            let sentence_start = unit.sent_start[s];
            let before = unit.work[sentence_start..start].trim_end().to_lowercase();
            // "the work of the partnership", "updates to PBG": a complement, not the subject.
            let complement = [" of the", " of", " to the", " to"].iter().any(|p| before.ends_with(p));
            if complement {
                qualifiers.push((f.id, false));
                continue;
            }
            let linked = nearer_start.is_some_and(|ns| {
                // "X and Y", "X, Y", "X and the Y": the article belongs to the next name.
                let between = unit.work[unit.toks[f.last].end..ns].trim().to_lowercase();
                let between = between.strip_suffix("the").unwrap_or(&between).trim_end();
                matches!(between, "and" | "," | "&" | ", and")
            });
            same.push((f.id, linked));
            nearer_start = Some(start);
        }
        same.extend(qualifiers);
        let sentence_start = unit.sent_start.get(s).copied().unwrap_or(0);
        let anaphoric = ANAPHOR.is_match(&unit.work[sentence_start..at.max(sentence_start)]);
        self.facts.push(Fact { kind, value, same, prior, anaphoric, fallback: fallback.clone(), target });
    }
}

/// The mention starting at byte `at` (allowing a few spaces).
pub(super) fn mention_at(unit: &Unit, at: usize) -> Option<usize> {
    unit.found
        .iter()
        .find(|f| {
            let s = unit.toks[f.first].start;
            s >= at && unit.work[at..s].trim().is_empty()
        })
        .map(|f| f.id)
}

pub(super) fn chair_value(raw: &str) -> String {
    let cut = CHAIR_TAIL.replace(raw, "");
    cut.trim().trim_end_matches([',', '.', ':']).trim().to_string()
}
