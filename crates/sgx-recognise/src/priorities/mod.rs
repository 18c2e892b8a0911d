//! Priorities: the partnership's stated strategic priorities, once each, in document order.
//!
//! Every way the genre prints a list that may be the priorities gives a candidate list; each
//! candidate is scored on its evidence and the best complete one is the priorities. The
//! evidence is recorded on every priority (`selection`), so a reader sees why that list won.
//!
//! **Sources** (`candidates`, `labelled`, `inline`, `subsections`, `table`), strongest first:
//! 1. priority tables ("Priority | Description | Links to subgroups") with their performance
//!    measures and linked subgroups;
//! 2. labelled priorities in any numbering style ("Priority 1:", "Priority One –", "Strategic
//!    Priority B", "Priority IV."), the title after the label or on the next line, in
//!    paragraphs, list items, headings and table cells; "Theme 3", "Strategic aim 1" count
//!    less;
//! 3. lists in any marker (numbers, letters, "•", "o", "▪", "·", symbol-font glyphs), bold
//!    lead-ins, and lists run into one paragraph: flattened bullets ("o A; o B"), inline
//!    numbers ("summarised as: 1. A 2. B") and items separated after a cue ("our three
//!    priorities: A; B; and C"); numbered sub-entries ("2.1 Neglect") of an entry naming
//!    priorities, in a contents list or the body's headings;
//! 4. failing all of those, the band rows / section headings of the action tables (upstream).
//!
//! **Scoring** (`score`): the sentence or heading that introduces the list (a cue phrase such
//! as "our priorities are", "areas of focus", a count that matches), labels, numbering, list
//! size and item shape count for it; the words of the lists beside priorities (principles,
//! functions, threads, questions, strengths), the statutory objectives documents repeat and
//! question items count against it. A list needs a label, table header, cue phrase or
//! heading naming it; a tidy list alone is not priorities. A list cut off by the end of the
//! text, shorter than the count it announces, numbered from 2 on or of one item gives no
//! priorities (nor does any weaker list stand in for it).
//!
//! **Vocabulary** (`vocab`): cue, distractor and count phrases; "Priority"/"priorities" with
//! number words, digits, Roman numerals or letters; measure labels ("Performance measures:").
//!
//! **Known limits.** Reads the action tables (upstream). Priorities stated only in running
//! prose ("we will focus on neglect and exploitation") are not found; numbers printed apart
//! from titles that were run together on one line ("1. 2. 3. Title Title Title") cannot be
//! paired, so that list gives nothing. A complete list that is the very last text of a
//! document, unpunctuated and ending in a word found nowhere else, reads as cut off.

mod around;
mod candidates;
mod emit;
mod inline;
mod label;
mod labelled;
mod score;
mod subsections;
mod table;
mod title;
mod titled;
mod vocab;

use sgx_model::{Evidence, Priority};

use crate::found::{Found, Upstream};
use crate::util::Context;

/// How much a statement of a priority is trusted when two give the same priority.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Rank {
    Contents = 0,
    Heading = 1,
    Body = 2,
}

/// One priority as a candidate list states it.
#[derive(Debug, Clone)]
struct Item {
    number: Option<u32>,
    title: String,
    rank: Rank,
    measures: Vec<String>,
    subgroups: Vec<String>,
    evidence: Evidence,
}

impl Item {
    fn new(number: Option<u32>, title: String, evidence: Evidence) -> Item {
        Item { number, title, rank: Rank::Body, measures: Vec::new(), subgroups: Vec::new(), evidence }
    }
}

/// What the labels of a labelled list say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LabelNoun {
    /// "Priority 1", "Strategic Priority B", "Priority Area 3".
    Priority,
    /// "Theme 2", "Strategic aim 1", "Objective 3", "Outcome 4".
    Other,
}

/// How a candidate list is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Form {
    Table,
    Labelled(LabelNoun),
    /// A list block (or a run of its items) in any marker.
    Listed,
    /// Items run into one paragraph: flattened bullets, inline numbers, items after a cue.
    Inline,
    /// Paragraphs opening with a bold title under a heading about priorities.
    LeadIns,
    /// Numbered sub-entries ("2.1", "2.2") of a contents entry or heading naming priorities.
    Subsections,
    /// Short title lines, each followed by its description, in one block.
    Titled,
    /// The band rows / section headings of the action tables.
    Sections,
}

/// A list that may be the priorities, with what surrounds it.
#[derive(Debug, Clone)]
struct Candidate {
    form: Form,
    items: Vec<Item>,
    /// The sentences just before the list that introduce it, closest first (at most two).
    intro: Vec<String>,
    /// The heading the list sits under, when the list opens that heading's section.
    heading: Option<String>,
    /// The heading of the section, even when the list does not open it (for distractors).
    section: Option<String>,
    /// Block where the list starts (earlier wins a tie).
    block: usize,
    /// The numbers printed on the items, in order, where every item has one.
    printed_numbers: Option<Vec<u32>>,
    /// The list's last item is the last text of the document.
    at_end: bool,
    /// ...and looks cut off there: unfinished, its last word found nowhere else.
    cut_off: bool,
}

impl Candidate {
    fn new(form: Form, block: usize) -> Candidate {
        Candidate {
            form,
            items: Vec::new(),
            intro: Vec::new(),
            heading: None,
            section: None,
            block,
            printed_numbers: None,
            at_end: false,
            cut_off: false,
        }
    }
}

pub(crate) fn recognise(ctx: &Context, upstream: &Upstream) -> Found<Vec<Priority>> {
    let candidates = candidates::find(ctx, &upstream.actions);
    let (stated, fallback): (Vec<Candidate>, Vec<Candidate>) =
        candidates.into_iter().partition(|c| c.form != Form::Sections);
    // A list the document states (even one cut off) rules out the action tables' sections.
    let chosen = score::choose(stated).or_else(|| score::choose(fallback));
    let facts = match chosen {
        Some(score::Choice::List(list, selection)) => emit::priorities(list, selection),
        Some(score::Choice::Incomplete) | None => Vec::new(),
    };
    Found::new(facts)
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(super) fn priorities(text: &str) -> Vec<(u32, String)> {
        full(text).into_iter().map(|p| (p.number.unwrap(), p.title)).collect()
    }

    pub(super) fn full(text: &str) -> Vec<Priority> {
        let doc = sgx_read::read(text.as_bytes(), "t.md").unwrap();
        let ctx = Context::new(&doc);
        let upstream = Upstream {
            actions: crate::actions::recognise(&ctx, &Upstream::default()).facts,
            ..Default::default()
        };
        recognise(&ctx, &upstream).facts
    }

    #[test]
    fn labels_in_every_style_once_each() {
        let p = priorities(
            "- Priority 1: Keep babies safe.\n- Priority Two – Tackle neglect\n\n\
             Later we return to them.\n\n**Priority One: Keep babies safe.** More words here.\n\nPriority III. Hear children\n\nThe end.\n",
        );
        assert_eq!(
            p,
            vec![(1, "Keep babies safe.".into()), (2, "Tackle neglect".into()), (3, "Hear children".into())]
        );
    }

    #[test]
    fn the_list_opening_a_priorities_section_is_the_priorities() {
        let p = priorities(
            "5. KEY PRIORITIES FOR 2006-07\n\nFor its first year the Board will concentrate on:\n\n- setting up the Board\n- finding privately fostered children\n\n\
             6. PRIORITY ONE IN DETAIL\n\nWe will:\n\n- agree a constitution\n- appoint a manager\n",
        );
        assert_eq!(
            p,
            vec![(1, "setting up the Board".into()), (2, "finding privately fostered children".into())]
        );
    }

    #[test]
    fn list_without_priority_intro_is_not_priorities() {
        assert!(priorities("We held events on:\n\n- Neglect\n- Exploitation\n\nThe end.\n").is_empty());
    }

    #[test]
    fn the_priorities_beat_the_lists_beside_them() {
        let p = priorities(
            "Our work rests on these principles:\n\n- Children come first\n- We share what we know\n- We learn together\n\n\
             Our priorities for 2024-25 are:\n\n- Neglect\n- Exploitation\n- Domestic abuse\n\n\
             Two threads run through all our priorities:\n\n- The voice of the child\n- Equality\n\nThe end.\n",
        );
        assert_eq!(p, vec![(1, "Neglect".into()), (2, "Exploitation".into()), (3, "Domestic abuse".into())]);
    }

    #[test]
    fn every_priority_carries_the_evidence_of_its_list() {
        let p =
            full("Our three priorities are:\n\n1. Neglect\n2. Exploitation\n3. Domestic abuse\n\nThe end.\n");
        assert_eq!(p.len(), 3);
        let s = &p[0].selection;
        assert!(s.score >= 3, "{s:?}");
        assert!(s.signals.iter().any(|x| x.starts_with("cue phrase")), "{s:?}");
        assert!(p.iter().all(|x| x.selection == *s));
    }

    #[test]
    fn a_list_cut_off_by_the_end_of_the_text_gives_nothing() {
        assert!(priorities("Our priorities are:\n\n- Neglect\n- Exploitation\n- Domestic ab").is_empty());
        assert!(priorities("Our four priorities are:\n\n- Neglect\n- Exploitation\n- Abuse\n\nThe end.\n")
            .is_empty());
    }
}
