//! Leads into parts: every printed lead of an action (`leads`, kept as printed) read into the
//! leads it names (`lead_parts`), each with its person, role, organisations, the document's
//! expansions of its acronyms and the governance body it names.
//!
//! **Splitting.** A cell names several leads when it prints them apart: always at ";" and line
//! breaks; at "/" when both sides are leads on their own ("NSCB/Director of Children's
//! Services", but not "Interagency/cross-authority Group"); at "&", "and", "+" when the left
//! side ends in an acronym, a role, a body word or a name and the right side is a lead ("NSCB
//! Manager and task group", but not "Health and Wellbeing Board" or "Children and Families
//! Service"); before "Chair of" after a lead ("PIQAG Chair of the Early Help Board"); between
//! body acronyms printed in a row ("VCG CPG WDG"); and at commas and spaced dashes where the
//! segments do not make one lead: a role then its organisation ("Head of Safeguarding, CCG",
//! "Service Director – Children's Social Care") or a name then a role is one lead, two roles
//! or two organisations are two ("Children's Services, Police, Probation").
//!
//! **Parts** are read by [`crate::parts`]; an organisation shared by places is distributed
//! ("Nottinghamshire & Nottingham SCB Managers": one lead, role "Managers", organisations
//! "Nottinghamshire SCB" and "Nottingham SCB"). **Expansions**: one per acronym the lead
//! prints that the document's glossary (glossary or first-use definitions) defines, in printed
//! order. **Body**: the body of the document the lead's text, or failing that one of its
//! organisations, names ([`crate::graph::Bodies`]).
//!
//! Known limits: a cell longer than [`MAX_READ_LEN`] is kept as one lead with no parts (it is
//! prose, and reading it would cost more than it tells); initials ("AB/CD") are split but not
//! read as people.

use std::collections::BTreeMap;

use sgx_model::{Expansion, Extraction, Lead};

use crate::graph::Bodies;
use crate::parts::{acronym_key, is_body_head, is_role_head, segments, words, Names, Vocab, Word};

/// Longer lead texts are not split or read.
pub(crate) const MAX_READ_LEN: usize = 400;

/// Read every action's leads into `lead_parts`.
pub fn read_leads(x: &mut Extraction) {
    let all: Vec<Vec<Lead>> = {
        let reader = Reader { vocab: Vocab::of(x), bodies: Bodies::of(x), x };
        // Cells repeat down a table ("NSCB Manager" on every row): read each once.
        let mut seen: BTreeMap<&str, Vec<Lead>> = BTreeMap::new();
        x.actions
            .iter()
            .map(|a| {
                a.leads
                    .iter()
                    .flat_map(|l| seen.entry(l.as_str()).or_insert_with(|| reader.leads_of(l)).clone())
                    .collect()
            })
            .collect()
    };
    for (a, parts) in x.actions.iter_mut().zip(all) {
        a.lead_parts = parts;
    }
}

struct Reader<'a> {
    vocab: Vocab<'a>,
    bodies: Bodies,
    x: &'a Extraction,
}

type Range = (usize, usize);

impl Reader<'_> {
    fn leads_of(&self, s: &str) -> Vec<Lead> {
        if s.len() > MAX_READ_LEN {
            let text = s.trim();
            return if text.is_empty() { Vec::new() } else { vec![self.bare(text)] };
        }
        let mut out = Vec::new();
        for hard in split_at(s, (0, s.len()), |c| c == ';' || c == '\n') {
            for piece in self.split_slashes(s, hard) {
                for part in self.split_ands(s, piece) {
                    for (_, group) in self.vocab.groups(s, &segments(s, part)) {
                        for lead in self.split_words(s, group) {
                            out.extend(self.lead(s, lead));
                        }
                    }
                }
            }
        }
        out
    }

    fn bare(&self, text: &str) -> Lead {
        Lead {
            text: text.to_string(),
            person: None,
            role: None,
            organisations: Vec::new(),
            expansions: Vec::new(),
            body_id: None,
        }
    }

    /// Whether `s[r]` names a lead on its own: a person, a role, an organisation, or acronyms
    /// and initials.
    fn complete(&self, s: &str, r: Range) -> bool {
        let ws = words(&s[r.0..r.1]);
        let initials = |w: &Word| w.is_acronym() || matches!(w.lower.as_str(), "&" | "and" | "+");
        !ws.is_empty() && (ws.iter().all(initials) || !self.vocab.read(s, r).is_empty())
    }

    /// Whether `s[r]` ends where a lead can end: an acronym, a role or body word, a name or
    /// a closing bracket.
    fn strong_end(&self, s: &str, r: Range) -> bool {
        let text = s[r.0..r.1].trim_end();
        if text.ends_with(')') {
            return true;
        }
        let Some(last) = words(text).pop() else { return false };
        last.is_acronym()
            || is_role_head(&last.lower)
            || is_body_head(&last.lower)
            || self.vocab.read(s, r).person.is_some_and(|p| p.1 == r.0 + last.end)
    }

    fn split_slashes(&self, s: &str, r: Range) -> Vec<Range> {
        let pieces = split_at(s, r, |c| c == '/' || c == '\\');
        let mut out: Vec<Range> = Vec::new();
        for piece in pieces {
            match out.last_mut() {
                Some(last) if !self.complete(s, *last) || !self.complete(s, piece) => last.1 = piece.1,
                _ => out.push(piece),
            }
        }
        out
    }

    /// Split at the first "&", "and" or "+" between two leads, then in what follows.
    fn split_ands(&self, s: &str, r: Range) -> Vec<Range> {
        let ws = depth0_words(s, r);
        for (i, w) in ws.iter().enumerate() {
            if !(w.lower == "&" || w.lower == "and" || w.lower == "+") || i == 0 || i + 1 == ws.len() {
                continue;
            }
            let left = (r.0, ws[i - 1].end);
            let right = (ws[i + 1].start, r.1);
            if self.strong_end(s, left) && self.complete(s, left) && self.complete(s, right) {
                let mut out = vec![left];
                out.extend(self.split_ands(s, right));
                return out;
            }
        }
        vec![r]
    }

    /// Split before "Chair of" after a lead, and between body acronyms in a row.
    fn split_words(&self, s: &str, r: Range) -> Vec<Range> {
        let ws = depth0_words(s, r);
        let org_acronym = |w: &Word| {
            acronym_key(&w.bare).is_some_and(|k| {
                crate::parts::acronym_names(&k, &self.vocab.glossary, &self.vocab.body_acronyms)
                    == Names::Organisation
            })
        };
        for i in 1..ws.len() {
            let left = (r.0, ws[i - 1].end);
            let chair_of = matches!(ws[i].lower.as_str(), "chair" | "chairs")
                && ws.get(i + 1).is_some_and(|n| n.lower == "of")
                && self.strong_end(s, left)
                && self.complete(s, left);
            let acronym_after_body =
                org_acronym(&ws[i]) && (org_acronym(&ws[i - 1]) || is_body_head(&ws[i - 1].lower));
            if chair_of || acronym_after_body {
                let mut out = vec![left];
                out.extend(self.split_words(s, (ws[i].start, r.1)));
                return out;
            }
        }
        vec![r]
    }

    /// The lead printed at `s[r]`, if it prints anything.
    fn lead(&self, s: &str, r: Range) -> Option<Lead> {
        let (a, b) = trimmed(s, r);
        if words(&s[a..b]).is_empty() {
            return None;
        }
        let parts = self.vocab.read(s, (a, b));
        let text = &s[a..b];
        let organisations: Vec<String> = parts.organisations.iter().map(|o| o.text(s)).collect();
        let mut expansions: Vec<Expansion> = Vec::new();
        for w in words(text) {
            let Some(key) = acronym_key(&w.bare) else { continue };
            let Some(expansion) = self.vocab.glossary.get(&key) else { continue };
            if !expansions.iter().any(|e| e.term == w.bare) {
                expansions.push(Expansion { term: w.bare.clone(), expansion: expansion.to_string() });
            }
        }
        let body = std::iter::once(text)
            .chain(organisations.iter().map(String::as_str))
            .find_map(|t| self.bodies.find(t, None));
        Some(Lead {
            text: text.to_string(),
            person: parts.person.map(|(p, q)| s[p..q].to_string()),
            role: parts.role.map(|(p, q)| s[p..q].to_string()),
            organisations,
            expansions,
            body_id: body.map(|i| self.x.governance.bodies[i].id.clone()),
        })
    }
}

/// The ranges of `s[r]` between the characters `split` accepts.
fn split_at(s: &str, r: Range, split: impl Fn(char) -> bool) -> Vec<Range> {
    let mut out = Vec::new();
    let mut start = r.0;
    for (i, c) in s[r.0..r.1].char_indices() {
        if split(c) {
            out.push((start, r.0 + i));
            start = r.0 + i + c.len_utf8();
        }
    }
    out.push((start, r.1));
    out
}

/// The words of `s[r]` outside brackets, with ranges in `s`.
fn depth0_words(s: &str, r: Range) -> Vec<Word> {
    let text = &s[r.0..r.1];
    let mut depth = 0i32;
    let mut depth_at = Vec::with_capacity(text.len() + 1);
    for c in text.bytes() {
        depth_at.push(depth);
        match c {
            b'(' | b'[' => depth += 1,
            b')' | b']' => depth = (depth - 1).max(0),
            _ => {}
        }
    }
    depth_at.push(depth);
    words(text)
        .into_iter()
        .filter(|w| depth_at[w.start] == 0 && depth_at[w.end] == 0)
        .map(|w| Word { start: w.start + r.0, end: w.end + r.0, ..w })
        .collect()
}

/// `s[r]` without spaces and separators around it; a closing full stop goes too, unless it
/// ends dotted initials ("P.O.").
fn trimmed(s: &str, r: Range) -> Range {
    let text = &s[r.0..r.1];
    let lead =
        text.len() - text.trim_start_matches(|c: char| c.is_whitespace() || ",;:&+-–—".contains(c)).len();
    let mut t = text.trim_end_matches(|c: char| c.is_whitespace() || ",;:&+-–—".contains(c));
    if t.ends_with('.') && !t[..t.len() - 1].ends_with(|c: char| c.is_ascii_uppercase()) {
        t = t[..t.len() - 1].trim_end();
    }
    let end = r.0 + t.len();
    (r.0 + lead.min(t.len()), end.max(r.0 + lead.min(t.len())))
}

#[cfg(test)]
mod tests;
