//! Labelled priorities: "Priority 1: Title", "Priority One – Title", "Strategic Priority B:
//! Title", "Priority IV." with the title on the same line or, where the label stands alone
//! ("Priority One" / "Prevent abuse"), on the next line; "Theme 3", "Strategic aim 1" as a
//! weaker kind of label. All labels of one kind in a document make one candidate list, one
//! item per number: the best-ranked, earliest statement wins.

use std::sync::LazyLock;

use regex_lite::Regex;
use sgx_ir::{BlockKind, Provenance, Style, Text};

use super::around::{ends_document, intro_before, last_sentences, opened_section, section_of};
use super::label::label;
use super::table::is_contents;
use super::title::title_of;
use super::{Candidate, Form, Item, LabelNoun, Rank};
use crate::actions::ActionTables;
use crate::util::{clean, evidence, Context};

/// Dot leaders, or a page number after the title: a line of a contents list.
static CONTENTS_ENTRY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:\.\s?){4,}|…{2,}|\.{3,}\s*\d{1,3}\s*$").unwrap());

fn is_contents_entry(line: &str) -> bool {
    CONTENTS_ENTRY.is_match(line)
}

/// A title on the line after a lone label has at most this many words.
const NEXT_LINE_TITLE_WORDS: usize = 25;

/// One label as read, before the labels are grouped into lists.
struct Labelled {
    noun: LabelNoun,
    block: usize,
    item: Item,
    at_end: bool,
    /// The text before the label in its block, if the label is not its block's first line.
    before: Option<String>,
}

/// Candidate lists of labelled priorities, one per kind of label.
pub fn candidates(ctx: &Context, actions: &ActionTables, priority_tables: &[usize]) -> Vec<Candidate> {
    let mut found = Vec::new();
    for (i, block) in ctx.blocks() {
        match &block.kind {
            BlockKind::Heading { text, .. } => in_text(ctx, i, &block.prov, text, Rank::Heading, &mut found),
            BlockKind::Paragraph { text } => in_text(ctx, i, &block.prov, text, Rank::Body, &mut found),
            BlockKind::List { items } => {
                for item in items {
                    in_text(ctx, i, &item.prov, &item.text, Rank::Body, &mut found);
                }
            }
            BlockKind::Table(t) if !priority_tables.contains(&i) => {
                let rank = if !actions.tables.contains(&i) && is_contents(ctx, i, t) {
                    Rank::Contents
                } else {
                    Rank::Body
                };
                for row in &t.rows {
                    for cell in &row.cells {
                        for p in &cell.paras {
                            in_text(ctx, i, &row.prov, &p.text, rank, &mut found);
                        }
                    }
                }
            }
            BlockKind::Table(_) => {}
        }
    }
    [LabelNoun::Priority, LabelNoun::Other]
        .into_iter()
        .filter_map(|noun| group(ctx, found.iter().filter(|l| l.noun == noun).collect(), noun))
        .collect()
}

/// The labels of one kind as one list, one item per number. The list is introduced where
/// its best-ranked statement starts (the body's, not the contents').
fn group(ctx: &Context, labels: Vec<&Labelled>, noun: LabelNoun) -> Option<Candidate> {
    let best = labels.iter().map(|l| l.item.rank).max()?;
    let first = labels.iter().find(|l| l.item.rank == best)?;
    let mut c = Candidate::new(Form::Labelled(noun), first.block);
    c.intro = match &first.before {
        Some(before) => last_sentences(before),
        None => intro_before(ctx, first.block),
    };
    c.heading = opened_section(ctx, first.block);
    c.section = section_of(ctx, first.block);
    for l in labels {
        let same = c.items.iter().position(|k| k.number == l.item.number);
        let kept = match same {
            Some(k) if l.item.rank > c.items[k].rank => {
                c.items[k] = l.item.clone();
                true
            }
            Some(_) => false,
            None => {
                c.items.push(l.item.clone());
                true
            }
        };
        // The text ends on this list only if it ends on its last item, not on a repeat.
        c.at_end = l.at_end && kept && c.items.iter().all(|k| k.number <= l.item.number);
    }
    c.items.sort_by_key(|i| i.number);
    c.printed_numbers = Some(c.items.iter().filter_map(|i| i.number).collect());
    Some(c)
}

/// Labels at the start of each line of `text`.
fn in_text(ctx: &Context, block: usize, prov: &Provenance, text: &Text, rank: Rank, out: &mut Vec<Labelled>) {
    let bold = text.leading(Style::Bold).map(clean);
    let lines: Vec<&str> = text.text.split('\n').collect();
    for (k, line) in lines.iter().enumerate() {
        let Some((noun, number, rest)) = label(line) else { continue };
        let mut raw = rest.to_string();
        // "**Priority One: Title.** More prose": the bold run is the title.
        if let Some((_, _, bold_rest)) = bold.as_deref().filter(|_| k == 0).and_then(label) {
            if !bold_rest.trim().is_empty() {
                raw = bold_rest.to_string();
            }
        }
        let mut last_line = k;
        if clean(&raw).is_empty() {
            if let Some((t, in_block)) = next_line_title(ctx, block, &lines[k + 1..]) {
                raw = t;
                last_line += usize::from(in_block);
            }
        }
        let title = title_of(&raw);
        // A contents entry ("Priority 1: Neglect ....... 5") ranks below the body's statement.
        let rank =
            if is_contents_entry(line) || section_of(ctx, block).is_some_and(|s| s.contains("contents")) {
                Rank::Contents
            } else {
                rank
            };
        let last_in_block = lines[last_line + 1..].iter().all(|l| l.trim().is_empty());
        let at_end = last_in_block && ends_document(ctx, block);
        // A label without a title is kept only where the text ends on it ("Priority 3" and
        // nothing after): the list is cut there.
        if title.is_empty() && !at_end {
            continue;
        }
        let before = lines[..k].join("\n");
        out.push(Labelled {
            noun,
            block,
            item: Item { rank, ..Item::new(Some(number), title, evidence(block, prov)) },
            at_end,
            before: (!before.trim().is_empty()).then_some(before),
        });
    }
}

/// The title printed on the line after a lone label: the next line of the block, or the
/// first line of the next block; not another label, not a long sentence. Also says whether
/// it was read inside the block.
fn next_line_title(ctx: &Context, block: usize, after: &[&str]) -> Option<(String, bool)> {
    let (line, in_block) = match after.iter().find(|l| !l.trim().is_empty()) {
        Some(l) => (l.to_string(), true),
        None => {
            let next = ctx.doc.blocks.get(block + 1)?;
            let first = match &next.kind {
                BlockKind::Paragraph { text } | BlockKind::Heading { text, .. } => text.lines().next(),
                BlockKind::List { items } => items.first().and_then(|i| i.text.lines().next()),
                BlockKind::Table(_) => None,
            }?;
            (first.to_string(), false)
        }
    };
    let fits = label(&line).is_none() && line.split_whitespace().count() <= NEXT_LINE_TITLE_WORDS;
    fits.then_some((line, in_block))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_in_every_numbering_style() {
        assert_eq!(label("Priority 1: Neglect").map(|l| (l.1, l.2)), Some((1, "Neglect")));
        assert_eq!(label("Priority Two – Abuse").map(|l| (l.1, l.2)), Some((2, "Abuse")));
        assert_eq!(label("Priority IV. Voice").map(|l| (l.1, l.2)), Some((4, "Voice")));
        assert_eq!(
            label("Strategic Priority B: Exploitation").map(|l| (l.1, l.2)),
            Some((2, "Exploitation"))
        );
        assert_eq!(label("Priority Area 3: Missing").map(|l| (l.1, l.2)), Some((3, "Missing")));
        assert_eq!(label("Priority One").map(|l| (l.1, l.2)), Some((1, "")));
        assert_eq!(label("Theme 2: Learning").map(|l| (l.0, l.1)), Some((LabelNoun::Other, 2)));
        assert_eq!(label("Strategic aim 1 - Early help").map(|l| (l.0, l.1)), Some((LabelNoun::Other, 1)));
        assert_eq!(label("DEVELOPMENT AREA 3: Quality").map(|l| (l.0, l.1)), Some((LabelNoun::Other, 3)));
        assert!(label("Area 3 covers the north").is_none());
    }

    #[test]
    fn not_labels() {
        assert!(label("Priority A focus on neglect").is_none());
        assert!(label("Priority areas for 2020 include neglect").is_none());
        assert!(label("Priority 2020/21 plan").is_none());
        assert!(label("Priorities 2013-2016").is_none());
        assert!(label("Our priorities are").is_none());
    }

    #[test]
    fn a_lone_label_takes_the_next_line_as_title() {
        let p = super::super::tests::priorities(
            "The Board agreed two priorities.\n\nPriority One\nPrevent harm\nPriority Two\nLearn from reviews\n\nThe end.\n",
        );
        assert_eq!(p, vec![(1, "Prevent harm".into()), (2, "Learn from reviews".into())]);
    }
}
