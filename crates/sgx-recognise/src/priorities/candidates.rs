//! Candidate lists: every list in the document that may be the priorities, with the
//! sentences and heading that introduce it. List blocks are cut into the runs a reader sees
//! (a change of marker, or prose run into an item, ends a run); bold lead-ins under a
//! heading about priorities make a list; labelled, inline and tabled lists come from their
//! own modules.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use regex_lite::Regex;
use sgx_ir::{BlockKind, ListItem, Style};

use super::around::{ends_document, intro_before, last_sentences, opened_section, section_of};
use super::title::title_of;
use super::vocab::priority_cue;
use super::{inline, labelled, subsections, table, titled, Candidate, Form, Item};
use crate::actions::ActionTables;
use crate::util::{any_number, evidence, words, Context};

/// A number printed at the start of an item's text ("II. Schools are safe").
static LEADING_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*\(?(\d{1,2}|[ivxIVX]{1,4})[.):]\s+(.*)$").unwrap());

/// A bold lead-in of at most this many words is a priority's title.
const LEAD_IN_TITLE_WORDS: usize = 15;
/// A line run into a list item that has at least this many words and ends a sentence is
/// prose after the list, not the item's continuation.
const PROSE_LINE_WORDS: usize = 8;

/// Every candidate list of the document.
pub fn find(ctx: &Context, actions: &ActionTables) -> Vec<Candidate> {
    let tabled = table::candidates(ctx, actions);
    let priority_tables = tabled.as_ref().map(table::blocks).unwrap_or_default();
    let mut out: Vec<Candidate> = tabled.into_iter().collect();
    out.extend(labelled::candidates(ctx, actions, &priority_tables));
    for (i, block) in ctx.blocks() {
        match &block.kind {
            BlockKind::List { items } => listed(ctx, i, items, &mut out),
            BlockKind::Paragraph { text } => {
                inline::candidates(ctx, i, &block.prov, &text.text, &mut out);
                titled::candidates(ctx, i, &block.prov, &text.text, &mut out);
            }
            _ => {}
        }
    }
    out.extend(lead_ins(ctx));
    out.extend(subsections::candidates(ctx));
    out.extend(sections(actions));
    if out.iter().any(|c| c.at_end) {
        let words = document_words(ctx);
        for c in out.iter_mut().filter(|c| c.at_end) {
            c.cut_off = c.items.last().is_none_or(|i| looks_cut(&i.title, &words));
        }
    }
    out
}

/// How often each word (lower-cased) occurs in the document.
fn document_words(ctx: &Context) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    for b in &ctx.doc.blocks {
        for w in words(&b.plain_text()) {
            *counts.entry(w).or_insert(0) += 1;
        }
    }
    counts
}

/// The last item of a list at the end of the text looks cut off: it does not end a sentence
/// and its last word is a joiner ("children missing from") or a fragment found nowhere else
/// in the document ("Tackli", "for chil").
fn looks_cut(title: &str, counts: &BTreeMap<String, usize>) -> bool {
    let title = title.trim_end();
    if title.is_empty() {
        return true;
    }
    if title.ends_with(['.', '!', '?', ')', '”', '"', '’']) {
        return false;
    }
    let last = words(title).pop().unwrap_or_default();
    ends_with_joiner(title) || counts.get(&last).is_none_or(|&n| n < 2)
}

/// The runs of a list block: a run ends where the marker changes kind (numbers to bullets)
/// or where prose is run into an item (a reader that joined the lines after a list to its
/// last item); bullets flattened into one item are split.
fn listed(ctx: &Context, i: usize, items: &[ListItem], out: &mut Vec<Candidate>) {
    let mut run = Candidate::new(Form::Listed, i);
    run.intro = intro_before(ctx, i);
    let mut family = None;
    let mut numbers = Vec::new();
    for (k, item) in items.iter().enumerate() {
        let kind = marker_kind(&item.marker);
        if family.is_some_and(|f| f != kind) {
            let intro = k.checked_sub(1).map(|p| last_sentences(&items[p].text.text)).unwrap_or_default();
            flush(ctx, &mut run, &mut numbers, false, out);
            run = Candidate::new(Form::Listed, i);
            run.intro = intro;
        }
        family = Some(kind);
        let (own, prose) = split_prose(&item.text.text);
        let marker_number = marker_number(&item.marker);
        for (p, piece) in inline::split_bullets(&own).into_iter().enumerate() {
            let (number, title) = match LEADING_NUMBER.captures(piece) {
                Some(c) if any_number(&c[1]).is_some() => (any_number(&c[1]), title_of(&c[2])),
                _ => (marker_number.filter(|_| p == 0), title_of(piece)),
            };
            numbers.push(number);
            run.items.push(Item::new(number, title, evidence(i, &item.prov)));
        }
        if let Some(prose) = prose {
            flush(ctx, &mut run, &mut numbers, false, out);
            run = Candidate::new(Form::Listed, i);
            run.intro = last_sentences(&prose);
            family = None;
        }
    }
    let at_end = ends_document(ctx, i);
    flush(ctx, &mut run, &mut numbers, at_end, out);
}

/// Close a run of items into a candidate.
fn flush(
    ctx: &Context,
    run: &mut Candidate,
    numbers: &mut Vec<Option<u32>>,
    at_end: bool,
    out: &mut Vec<Candidate>,
) {
    let printed: Option<Vec<u32>> = numbers.drain(..).collect();
    let mut c = std::mem::replace(run, Candidate::new(Form::Listed, run.block));
    c.items.retain(|i| !i.title.is_empty());
    if c.items.is_empty() {
        return;
    }
    c.printed_numbers = printed;
    c.at_end = at_end;
    c.heading = opened_section(ctx, c.block);
    c.section = section_of(ctx, c.block);
    out.push(c);
}

/// What kind of marker an item has: a number, a letter or a bullet glyph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum MarkerKind {
    Number,
    Letter,
    Bullet,
}

fn marker_kind(marker: &str) -> MarkerKind {
    let core = marker.trim_matches(|c: char| matches!(c, '(' | ')' | '.' | ':')).trim();
    if !core.is_empty() && core.chars().all(|c| c.is_ascii_digit()) {
        MarkerKind::Number
    } else if any_number(core).is_some() && core != "o" {
        // Roman numerals, "i" included (a lettered list seldom reaches "i").
        MarkerKind::Number
    } else if core.chars().count() == 1 && core.chars().all(|c| c.is_ascii_alphabetic()) && core != "o" {
        MarkerKind::Letter
    } else {
        MarkerKind::Bullet
    }
}

/// The number a marker prints ("3.", "(iv)"), if it prints one.
fn marker_number(marker: &str) -> Option<u32> {
    any_number(marker.trim_matches(|c: char| matches!(c, '(' | ')' | '.' | ':')).trim())
}

/// An item's own lines, and the prose a reader ran into it: a line that starts a sentence
/// of its own after a line that ended one, long enough to be prose (or introducing the
/// next list with a colon).
fn split_prose(text: &str) -> (String, Option<String>) {
    let lines: Vec<&str> = text.split('\n').collect();
    for k in 1..lines.len() {
        let (prev, line) = (lines[k - 1].trim_end(), lines[k].trim());
        let prev_done = !prev.ends_with([',', '-', '–', '&', '/', '(']) && !ends_with_joiner(prev);
        let starts_sentence = line.starts_with(|c: char| c.is_uppercase());
        let words = line.split_whitespace().count();
        let prose =
            (words >= PROSE_LINE_WORDS && line.ends_with(['.', ':', '?', '!'])) || line.ends_with(':');
        if prev_done && starts_sentence && prose {
            return (lines[..k].join("\n"), Some(lines[k..].join("\n")));
        }
    }
    (text.to_string(), None)
}

/// Whether a line ends in a word that joins it to the next ("and", "of", "the").
fn ends_with_joiner(line: &str) -> bool {
    let last = line.trim_end().rsplit(' ').next().unwrap_or("").to_lowercase();
    matches!(
        last.as_str(),
        "and" | "or" | "of" | "the" | "to" | "for" | "in" | "with" | "a" | "an" | "by" | "on"
    )
}

/// Paragraphs opening with a bold title under a heading about priorities, one list per
/// section.
fn lead_ins(ctx: &Context) -> Vec<Candidate> {
    let mut out: Vec<Candidate> = Vec::new();
    for (i, block) in ctx.blocks() {
        let BlockKind::Paragraph { text } = &block.kind else { continue };
        let Some(section) = section_of(ctx, i).filter(|s| priority_cue(s).is_some()) else { continue };
        let Some(lead) = text.leading(Style::Bold) else { continue };
        let title = title_of(lead).trim_end_matches([':', '.']).to_string();
        if title.is_empty()
            || text.is_all(Style::Bold)
            || title.split_whitespace().count() > LEAD_IN_TITLE_WORDS
        {
            continue;
        }
        let same_section = out.last().is_some_and(|c| ctx.section[c.block] == ctx.section[i]);
        if !same_section {
            let mut c = Candidate::new(Form::LeadIns, i);
            c.heading = Some(section.clone());
            c.section = Some(section);
            c.intro = intro_before(ctx, i);
            out.push(c);
        }
        let c = out.last_mut().expect("pushed above");
        let n = c.items.len() as u32 + 1;
        c.items.push(Item::new(Some(n), title, evidence(i, &block.prov)));
        c.at_end = ends_document(ctx, i);
    }
    out
}

/// The band rows / section headings of the action tables, as one list.
fn sections(actions: &ActionTables) -> Option<Candidate> {
    let first = actions.sections.first()?;
    let mut c = Candidate::new(Form::Sections, first.evidence.block);
    c.items =
        actions.sections.iter().map(|s| Item::new(s.number, s.title.clone(), s.evidence.clone())).collect();
    Some(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prose_run_into_the_last_item_is_split_off() {
        let (own, prose) = split_prose(
            "Teenagers at risk of exploitation\nThese priorities let us carry on the work we began last year.\nMore.",
        );
        assert_eq!(own, "Teenagers at risk of exploitation");
        assert!(prose.unwrap().starts_with("These priorities"));
        // A wrapped item stays whole.
        let (own, prose) = split_prose("To improve the way we work and to\nensure lessons are acted upon;");
        assert!(prose.is_none());
        assert!(own.ends_with("acted upon;"));
    }

    #[test]
    fn a_list_ending_the_text_is_cut_when_its_last_word_is_a_fragment() {
        let counts: BTreeMap<String, usize> =
            [("help", 3), ("early", 2), ("tackli", 1)].into_iter().map(|(w, n)| (w.to_string(), n)).collect();
        assert!(!looks_cut("Early Help", &counts));
        assert!(looks_cut("Tackli", &counts));
        assert!(looks_cut("Children missing from", &counts));
        assert!(!looks_cut("Children who go missing.", &counts));
    }

    #[test]
    fn marker_kinds() {
        assert_eq!(marker_kind("3."), MarkerKind::Number);
        assert_eq!(marker_kind("(iv)"), MarkerKind::Number);
        assert_eq!(marker_kind("b)"), MarkerKind::Letter);
        assert_eq!(marker_kind("o"), MarkerKind::Bullet);
        assert_eq!(marker_kind("•"), MarkerKind::Bullet);
    }

    #[test]
    fn a_change_of_marker_starts_a_new_list() {
        let p = super::super::tests::priorities(
            "1. This report covers the year.\n2. It sets out the priority areas of the plan:\n\
             - Early help\n- Exploitation\n- Fathers\n3. The partners publish a report.\n\nThe end.\n",
        );
        assert_eq!(p, vec![(1, "Early help".into()), (2, "Exploitation".into()), (3, "Fathers".into())]);
    }
}
