//! Numbered headings under a heading about priorities, in a contents list or in the body:
//! "2 Our priorities 5 / 2.1 Neglect 6 / 2.2 Exploitation 8" (a contents list, perhaps run
//! into one line, page numbers glued on) or the body's "2.1 Neglect" headings under "2. Our
//! priorities". The sub-entries N.1, N.2 … of an entry N whose title names priorities are
//! the list.

use std::sync::LazyLock;

use regex_lite::Regex;
use sgx_ir::{BlockKind, Provenance};

use super::around::{opened_section, section_of};
use super::title::title_of;
use super::vocab::priority_cue;
use super::{Candidate, Form, Item, Rank};
use crate::util::{evidence, Context};

/// "2.1 Title": a sub-entry number, then a capital.
static SUB_ENTRY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|\s)(\d{1,2})\.(\d{1,2})\.?\s+[A-Z]").unwrap());

/// Any entry number followed by a capital ("3 Governance", "3. Governance", "2.4 Voice"):
/// where one entry's title ends.
static ANY_ENTRY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\s\d{1,2}(?:\.\d{1,2})?\.?\s+[A-Z]").unwrap());

/// A page number glued to the end of a contents entry ("Neglect 6").
static PAGE_NUMBER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\s+\d{1,3}$").unwrap());

/// One line of a paragraph, heading or list item (its marker put back), where it was read.
struct Line<'a> {
    block: usize,
    prov: &'a Provenance,
    text: String,
}

/// One sub-entry as read.
struct Entry {
    line: usize,
    parent: u32,
    number: u32,
    title: String,
    contents: bool,
}

/// Candidate lists of numbered sub-entries under an entry naming priorities.
pub fn candidates(ctx: &Context) -> Vec<Candidate> {
    let lines = lines(ctx);
    let entries = entries(ctx, &lines);
    let mut out = Vec::new();
    let mut k = 0;
    while k < entries.len() {
        let first = &entries[k];
        let run_len = entries[k..]
            .iter()
            .enumerate()
            .take_while(|(j, e)| e.parent == first.parent && e.number == first.number + *j as u32)
            .count();
        let run = &entries[k..k + run_len];
        k += run_len.max(1);
        if first.number != 1 || run.len() < 2 {
            continue;
        }
        let Some(parent) = parent_title(&lines, first) else { continue };
        if priority_cue(&parent).is_none() {
            continue;
        }
        let at = &lines[first.line];
        let mut c = Candidate::new(Form::Subsections, at.block);
        c.intro = vec![parent];
        c.heading = opened_section(ctx, at.block);
        c.section = section_of(ctx, at.block);
        c.printed_numbers = Some(run.iter().map(|e| e.number).collect());
        c.items = run
            .iter()
            .map(|e| {
                let l = &lines[e.line];
                let rank = if e.contents { Rank::Contents } else { Rank::Heading };
                Item { rank, ..Item::new(Some(e.number), e.title.clone(), evidence(l.block, l.prov)) }
            })
            .collect();
        out.push(c);
    }
    out
}

/// Every line of the document's paragraphs, headings and list items, in order. A reader
/// may have taken "2. Our priorities" for a list item: its marker is put back.
fn lines<'a>(ctx: &Context<'a>) -> Vec<Line<'a>> {
    let mut out = Vec::new();
    for (i, block) in ctx.blocks() {
        match &block.kind {
            BlockKind::Paragraph { text } | BlockKind::Heading { text, .. } => {
                let prov = &block.prov;
                out.extend(text.text.split('\n').map(|t| Line { block: i, prov, text: t.to_string() }));
            }
            BlockKind::List { items } => {
                for item in items {
                    let first = item.text.text.split('\n').next().unwrap_or("");
                    let text = format!("{} {first}", item.marker);
                    out.push(Line { block: i, prov: &item.prov, text });
                }
            }
            BlockKind::Table(_) => {}
        }
    }
    out
}

/// The sub-entries of every line, in document order.
fn entries(ctx: &Context, lines: &[Line]) -> Vec<Entry> {
    let mut out = Vec::new();
    for (n, line) in lines.iter().enumerate() {
        let text = line.text.as_str();
        // A sub-entry number is a digit, a full stop and a digit: most lines have none.
        let numbered = text
            .as_bytes()
            .windows(3)
            .any(|w| w[0].is_ascii_digit() && w[1] == b'.' && w[2].is_ascii_digit());
        if !numbered {
            continue;
        }
        let in_contents = section_of(ctx, line.block).is_some_and(|s| s.contains("contents"));
        for c in SUB_ENTRY.captures_iter(text) {
            let whole = c.get(0).expect("match");
            // The title starts at the capital the pattern ends on.
            let start = whole.end() - 1;
            let end = ANY_ENTRY.find(&text[start..]).map_or(text.len(), |m| start + m.start());
            let raw = text[start..end].trim();
            let paged = PAGE_NUMBER.is_match(raw) || raw.contains("...");
            let title = title_of(&PAGE_NUMBER.replace(raw, ""));
            let (Ok(parent), Ok(number)) = (c[1].parse(), c[2].parse()) else { continue };
            if !title.is_empty() {
                out.push(Entry { line: n, parent, number, title, contents: in_contents || paged });
            }
        }
    }
    out
}

/// The title of entry N that the sub-entries N.1, N.2 … belong to: earlier on the same line
/// (a contents list run into one line) or the nearest line before that opens with N.
fn parent_title(lines: &[Line], first: &Entry) -> Option<String> {
    let parent = Regex::new(&format!(r"(?:^|\s){}\.?\s+([A-Z][^\n]*)$", first.parent)).ok()?;
    let line = lines[first.line].text.as_str();
    let before = &line[..line.find(&format!("{}.1", first.parent))?];
    if let Some(c) = parent.captures(before.trim_end()) {
        return Some(PAGE_NUMBER.replace(c[1].trim(), "").to_string());
    }
    let number = first.parent.to_string();
    lines[..first.line].iter().rev().find_map(|l| {
        let t = l.text.trim();
        // The pattern, anchored at the line's start, needs the number there.
        let opens = t
            .strip_prefix(number.as_str())
            .is_some_and(|rest| rest.starts_with(|c: char| c == '.' || c.is_whitespace()));
        if !opens {
            return None;
        }
        let c = parent.captures(t).filter(|c| c.get(0).is_some_and(|m| m.start() == 0))?;
        Some(PAGE_NUMBER.replace(c[1].trim(), "").to_string())
    })
}

#[cfg(test)]
mod tests {
    use super::super::tests::priorities;

    #[test]
    fn contents_run_into_one_line() {
        let p = priorities(
            "Contents 1 Introduction 3 2 Our priorities for 2020-22 5 2.1 Neglect 6 2.2 Exploitation 8 \
             2.3 Voice of the child 9 3 Governance 11\n\nText.\n",
        );
        assert_eq!(
            p,
            vec![(1, "Neglect".into()), (2, "Exploitation".into()), (3, "Voice of the child".into())]
        );
    }

    #[test]
    fn numbered_headings_in_the_body() {
        let p = priorities(
            "2 Our priorities\n\n2.1 Safer sleep\n\nWe will give advice.\n\n2.2 Missing children\n\nWe will offer interviews.\n\n3 Governance\n\nText.\n",
        );
        assert_eq!(p, vec![(1, "Safer sleep".into()), (2, "Missing children".into())]);
    }

    #[test]
    fn sub_entries_under_another_heading_are_not_priorities() {
        assert!(priorities("4 Our structure\n4.1 Executive Group 12\n4.2 Subgroups 13\n\nText.\n").is_empty());
    }
}
