//! Themes: which harms and cohorts (axis `harm`) and which practices and parts of the system
//! (axis `practice`) each priority and each action names, from a versioned taxonomy, with
//! the words that decided each theme kept beside it so a researcher can audit every
//! assignment.
//!
//! Sources: a priority's title and measures; an action's section, objective and tasks (not
//! its leads, which name people and bodies, nor its measures). The document's glossary (both
//! glossary sections and acronyms defined in running text) says what its acronyms mean.
//!
//! Vocabulary: `data/themes.json` (the README's Themes section has its table), after the
//! split published analyses make between "safeguarding theme" and "practice" priorities and
//! the words real plans use. Rules, all in the data: phrases match on whole words in any
//! case, acronyms in capitals only; a phrase inside a longer matched phrase does not count;
//! `weak` phrases count only when the fact names none of their `weak_unless` themes
//! ("exploitation" alone is exploitation in general unless CSE or CCE is named);
//! `whole_field` phrases only as a field's whole text ("Prevent"); `not_themes` phrases assign
//! nothing and hide the phrases inside them ("missing data"). An acronym the document's
//! glossary defines is read through its expansion only ("CSE" defined as Child Sexual
//! Exploitation → `cse`, matched "CSE (Child Sexual Exploitation)"); the partnership's own
//! acronym is never read as a theme; `ambiguous_acronyms` (DA, HSB...) count only through the
//! glossary.
//!
//! Known limits: words, not meaning — a negated or historical mention ("no longer a
//! priority: neglect") still assigns the theme; a theme named only by a long paraphrase the
//! vocabulary lacks is missed; an acronym that is ambiguous and undefined by the document
//! assigns nothing; capitals-only acronyms in a heading typed all in capitals may be ordinary
//! words ("SEND" the verb).

mod matcher;
mod table;
mod taxonomy;
#[cfg(test)]
mod tests;
mod words;

use std::collections::{BTreeMap, BTreeSet};

use sgx_model::{Extraction, ThemeAssignment};

use matcher::{Strength, MATCHER};
pub use table::taxonomy_table;
pub use taxonomy::{Taxonomy, TaxonomyError, TAXONOMY, TAXONOMY_JSON};
use words::{acronym_of, could_be_glossary_term, words};

/// Assign themes to every priority and action of `x` and record the taxonomy's version.
pub fn assign(x: &mut Extraction) {
    let (priorities, actions) = {
        let mut terms = Terms::of(x);
        let priorities: Vec<_> = x
            .priorities
            .iter()
            .map(|p| themes_of(std::iter::once(&p.title).chain(&p.measures), &mut terms))
            .collect();
        let actions: Vec<_> = x
            .actions
            .iter()
            .map(|a| themes_of(a.section.iter().chain(&a.objective).chain(&a.tasks), &mut terms))
            .collect();
        (priorities, actions)
    };
    for (p, themes) in x.priorities.iter_mut().zip(priorities) {
        p.themes = themes;
    }
    for (a, themes) in x.actions.iter_mut().zip(actions) {
        a.themes = themes;
    }
    x.themes_version = Some(TAXONOMY.version.clone());
}

/// One piece of evidence for one theme: where in its field it was found and the words.
#[derive(Debug, Clone)]
struct Found {
    theme: usize,
    strength: Strength,
    /// The word it starts at, to keep the evidence in reading order.
    position: usize,
    evidence: String,
}

/// The document's own acronyms: its glossary, and its partnership's acronym.
struct Terms<'a> {
    glossary: BTreeMap<&'a str, &'a str>,
    partnership: Option<&'a str>,
    /// What each expansion matched, found once per document.
    expansions: BTreeMap<&'a str, Vec<Found>>,
}

impl<'a> Terms<'a> {
    fn of(x: &'a Extraction) -> Terms<'a> {
        Terms {
            // One entry per term (the recogniser keeps a glossary's entry over a text definition).
            glossary: x.glossary.iter().map(|g| (g.term.as_str(), g.expansion.as_str())).collect(),
            partnership: x.partnership.acronym.as_deref(),
            expansions: BTreeMap::new(),
        }
    }

    /// The glossary's term and expansion for a printed word, itself or its singular ("SCRs").
    fn defined(&self, printed: &str) -> Option<(&'a str, &'a str)> {
        let singular = printed.strip_suffix('s');
        [Some(printed), singular]
            .into_iter()
            .flatten()
            .find_map(|t| self.glossary.get_key_value(t).map(|(term, expansion)| (*term, *expansion)))
    }

    fn is_partnership(&self, printed: &str) -> bool {
        self.partnership.is_some_and(|p| p == printed || acronym_of(printed) == Some(p))
    }

    /// What an expansion names (anywhere in it: it is not a field of its own).
    fn expansion(&mut self, term: &'a str, expansion: &'a str) -> &[Found] {
        self.expansions.entry(term).or_insert_with(|| {
            let mut found = field(expansion, &[]);
            found.retain(|f| f.strength != Strength::WholeField);
            found
        })
    }
}

/// The themes a fact's fields name, in the taxonomy's order.
fn themes_of<'f>(fields: impl Iterator<Item = &'f String>, terms: &mut Terms) -> Vec<ThemeAssignment> {
    let mut found = Vec::new();
    for text in fields {
        found.extend(field_with_terms(text, terms));
    }
    assignments(found)
}

/// What one field names, reading the document's acronyms through its glossary.
fn field_with_terms(text: &str, terms: &mut Terms) -> Vec<Found> {
    let ws = words(text);
    // Words the document itself defines: only their expansion speaks for them.
    let mut decided = Vec::new();
    let mut through_glossary = Vec::new();
    for (position, w) in ws.iter().enumerate() {
        let printed = &text[w.start..w.end];
        if !could_be_glossary_term(printed) {
            continue;
        }
        if let Some((term, expansion)) = terms.defined(printed) {
            decided.push(position);
            // The whole expansion is shown: the reader sees what the document says it means.
            let evidence = format!("{printed} ({})", collapse_spaces(expansion));
            for f in terms.expansion(term, expansion) {
                through_glossary.push(Found { position, evidence: evidence.clone(), ..f.clone() });
            }
        } else if terms.is_partnership(printed) {
            decided.push(position);
        }
    }
    let mut found = field(text, &decided);
    found.extend(through_glossary);
    found.sort_by_key(|f| f.position);
    found
}

/// What a text names by the taxonomy's phrases, leaving out one-word matches at the
/// `decided` word positions.
fn field(text: &str, decided: &[usize]) -> Vec<Found> {
    let (lower, ws) = (text.to_ascii_lowercase(), words(text));
    let mut found = Vec::new();
    for hit in MATCHER.find(text, &lower, &ws) {
        if hit.end - hit.first == 1 && decided.contains(&hit.first) {
            continue;
        }
        let whole = hit.first == 0 && hit.end == ws.len();
        let evidence = collapse_spaces(&text[ws[hit.first].start..ws[hit.end - 1].end]);
        for &(theme, strength) in &MATCHER.phrases[hit.phrase].themes {
            if strength != Strength::WholeField || whole {
                found.push(Found { theme, strength, position: hit.first, evidence: evidence.clone() });
            }
        }
    }
    found
}

/// The themes evidence supports, weak evidence dropped where the fact names a theme that
/// overrides it; evidence once per theme (in any case), in reading order.
fn assignments(found: Vec<Found>) -> Vec<ThemeAssignment> {
    let strong: BTreeSet<usize> =
        found.iter().filter(|f| f.strength != Strength::Weak).map(|f| f.theme).collect();
    let mut by_theme: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    for f in found {
        let overridden = || MATCHER.weak_unless[f.theme].iter().any(|u| strong.contains(u));
        if f.strength == Strength::Weak && !strong.contains(&f.theme) && overridden() {
            continue;
        }
        let matched = by_theme.entry(f.theme).or_default();
        if !matched.iter().any(|m| m.eq_ignore_ascii_case(&f.evidence)) {
            matched.push(f.evidence);
        }
    }
    by_theme
        .into_iter()
        .map(|(theme, matched)| {
            let t = &TAXONOMY.themes[theme];
            ThemeAssignment { id: t.id.clone(), axis: t.axis, matched }
        })
        .collect()
}

/// Text with each run of white space (line breaks of a table cell) as one space.
fn collapse_spaces(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
