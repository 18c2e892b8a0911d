//! Priorities: the partnership's stated strategic priorities, once each, in document order.
//!
//! **Sources, strongest first.**
//! 1. priority tables ("Priority | Description | Links to subgroups") with their performance
//!    measures and linked subgroups;
//! 2. labelled priorities in any numbering style ("Priority 1:", "Priority One –",
//!    "Priority IV."), in paragraphs, list items, headings and table cells; where the label
//!    opens a bold run, the bold run is the title;
//! 3. a list introduced by a sentence or heading about priorities (Roman numerals, numbers or
//!    plain bullets), or bold lead-ins under a priorities heading;
//! 4. failing all of those, the band rows / section headings of the action tables (upstream).
//!
//! **Vocabulary.** "Priority"/"priorities" with number words, digits or Roman numerals;
//! measure labels ("Performance measures:"); subgroup and lead header words.
//!
//! **Known limits.** Reads the action tables (upstream). Priorities stated only in running
//! prose ("we will focus on neglect and exploitation") are not found.

use std::sync::LazyLock;

use regex_lite::Regex;
use sgx_ir::{Block, BlockKind, ListItem, Provenance, Style, Table, Text};
use sgx_model::{Evidence, Priority};

use crate::found::{Found, Upstream};
use crate::table_roles::row_provenance;
use crate::util::{
    any_number, clean, contains_ignore_ascii_case, evidence, heading_text, similarity, split_names, Context,
    Cued,
};
use crate::vocab::number_words_from;

/// A priority's number: digits, a Roman numeral or a number word.
fn number() -> String {
    format!(r"\d{{1,2}}|[ivxIVX]{{1,4}}|(?i:{})", number_words_from(1))
}

static LABEL: Cued = Cued::new(&["priorit"], || {
    let label = r"(?i:(?:strategic|key|our|business)\s+)?(?i:priority|priorities)\s+(?:no\.?\s*)?";
    Regex::new(&format!(r"^\s*{label}({})\s*(?:[:.\-–—,)]\s*|\s+)(.*)$", number())).unwrap()
});
static LEADING_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"^\s*\(?({})[.):]\s+(.*)$", number())).unwrap());
static MEASURES_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^\s*(?:key\s+)?(?:performance\s+)?(?:measures|indicators|kpis)\s*(?:of\s+success)?\s*:\s*(.*)$",
    )
    .unwrap()
});

/// A sentence or heading introducing the priorities has at most this many words.
const INTRO_WORDS: usize = 40;
/// A list of priorities after such an introduction has this many items.
const LISTED_PRIORITIES: std::ops::RangeInclusive<usize> = 2..=12;
/// A bold lead-in of at most this many words is a priority's title.
const LEAD_IN_TITLE_WORDS: usize = 15;
/// "priority", "priorities", "prioritise" in any case.
fn names_priorities(text: &str) -> bool {
    contains_ignore_ascii_case(text, "priorit")
}

/// How much a candidate is trusted when two give the same priority.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Rank {
    Contents = 0,
    Heading = 1,
    Body = 2,
}

struct Candidate {
    number: Option<u32>,
    title: String,
    rank: Rank,
    measures: Vec<String>,
    subgroups: Vec<String>,
    evidence: Evidence,
}

pub(crate) fn recognise(ctx: &Context, upstream: &Upstream) -> Found<Vec<Priority>> {
    let actions = &upstream.actions;
    let mut labelled = Vec::new();
    let mut tabled = Vec::new();
    let mut listed = Vec::new();
    for (i, block) in ctx.blocks() {
        match &block.kind {
            BlockKind::Heading { text, .. } => {
                labelled_in_text(i, &block.prov, text, Rank::Heading, &mut labelled)
            }
            BlockKind::Paragraph { text } => {
                labelled_in_text(i, &block.prov, text, Rank::Body, &mut labelled)
            }
            BlockKind::List { items } => {
                for item in items {
                    labelled_in_text(i, &item.prov, &item.text, Rank::Body, &mut labelled);
                }
            }
            BlockKind::Table(t) => {
                if !actions.tables.contains(&i) && priority_table(i, block, t, &mut tabled) {
                    continue;
                }
                let rank = if is_contents(ctx, i, t) { Rank::Contents } else { Rank::Body };
                for row in &t.rows {
                    for cell in &row.cells {
                        for p in &cell.paras {
                            labelled_in_text(i, &row.prov, &p.text, rank, &mut labelled);
                        }
                    }
                }
            }
        }
        listed_after_intro(ctx, i, block, &mut listed);
    }
    let chosen = if !tabled.is_empty() {
        tabled
    } else if !labelled.is_empty() {
        labelled
    } else if !listed.is_empty() {
        listed
    } else {
        actions
            .sections
            .iter()
            .map(|s| Candidate {
                number: s.number,
                title: s.title.clone(),
                rank: Rank::Body,
                measures: Vec::new(),
                subgroups: Vec::new(),
                evidence: s.evidence.clone(),
            })
            .collect()
    };
    Found::new(dedupe(chosen))
}

/// A labelled priority at the start of each line of `text`.
fn labelled_in_text(block: usize, prov: &Provenance, text: &Text, rank: Rank, out: &mut Vec<Candidate>) {
    let bold = text.leading(Style::Bold).map(clean);
    for (k, line) in text.text.split('\n').enumerate() {
        let Some(c) = LABEL.captures(line) else { continue };
        let Some(number) = any_number(&c[1]) else { continue };
        let mut title = clean(&c[2]);
        // "**Priority One: Title.** More prose": the bold run is the title.
        if k == 0 {
            if let Some(b) = &bold {
                if let Some(bc) = LABEL.captures(b) {
                    let t = clean(&bc[2]);
                    if !t.is_empty() {
                        title = t;
                    }
                }
            }
        }
        let title = title.trim_end_matches([':', ';', ',']).trim().to_string();
        if title.is_empty() {
            continue;
        }
        out.push(Candidate {
            number: Some(number),
            title,
            rank,
            measures: Vec::new(),
            subgroups: Vec::new(),
            evidence: evidence(block, prov),
        });
    }
}

/// A table whose first header names priorities and has no action-table roles: one priority
/// per numbered row, with the rows below it adding title text, measures and subgroups.
fn priority_table(i: usize, block: &Block, t: &Table, out: &mut Vec<Candidate>) -> bool {
    let grid = t.text_grid();
    let Some(header) = grid.first() else { return false };
    let header: Vec<String> = header.iter().map(|h| clean(h).to_lowercase()).collect();
    if !header.first().is_some_and(|h| h.starts_with("priorit") || h == "no." || h == "no") {
        return false;
    }
    let desc_col = header
        .iter()
        .position(|h| {
            h.contains("description") || h.contains("priorit") && h.len() > 12 || h.contains("what")
        })
        .or(if header.len() > 1 { Some(1) } else { None });
    let Some(desc_col) = desc_col.filter(|&c| c > 0) else { return false };
    let sub_col = header.iter().position(|h| {
        h.contains("subgroup") || h.contains("sub-group") || h.contains("lead") || h.contains("group")
    });
    let mut found = Vec::new();
    let mut in_measures = false;
    for (r, row) in t.rows.iter().enumerate().skip(1) {
        if row.header {
            continue;
        }
        let number =
            row.cell_at(0).map(|c| clean(&c.text())).and_then(|s| any_number(s.trim_end_matches('.')));
        let desc = row.cell_at(desc_col);
        if let Some(n) = number {
            found.push(Candidate {
                number: Some(n),
                title: String::new(),
                rank: Rank::Body,
                measures: Vec::new(),
                subgroups: Vec::new(),
                evidence: evidence(i, &row_provenance(&t.rows[r].prov, &block.prov)),
            });
            in_measures = false;
        }
        let Some(cur) = found.last_mut() else { continue };
        if let Some(desc) = desc {
            for p in &desc.paras {
                let line = clean(&p.text.text);
                if let Some(m) = MEASURES_LABEL.captures(&line) {
                    in_measures = true;
                    cur.measures.extend(split_run_on(&clean(&m[1])));
                } else if in_measures {
                    cur.measures.extend(split_run_on(&line));
                } else if !line.is_empty() {
                    if !cur.title.is_empty() {
                        cur.title.push(' ');
                    }
                    cur.title.push_str(&line);
                }
            }
        }
        if let Some(sub) = sub_col.and_then(|c| row.cell_at(c)) {
            for p in &sub.paras {
                for name in split_names(&clean(&p.text.text)) {
                    if !cur.subgroups.contains(&name) {
                        cur.subgroups.push(name);
                    }
                }
            }
        }
    }
    found.retain(|c| !c.title.is_empty());
    if found.is_empty() {
        return false;
    }
    out.extend(found);
    true
}

/// Measures printed as one run without separators ("Audits done Use of tools Rates of X"):
/// split where a capitalised word follows a lower-case word or an acronym, when that gives
/// three or more items; otherwise the text is one measure.
fn split_run_on(s: &str) -> Vec<String> {
    if s.is_empty() {
        return Vec::new();
    }
    let tokens: Vec<&str> = s.split_whitespace().collect();
    let mut items: Vec<Vec<&str>> = vec![Vec::new()];
    for (k, tok) in tokens.iter().enumerate() {
        if k > 0 {
            let prev = tokens[k - 1];
            let prev_lower_end = prev.chars().last().is_some_and(|c| c.is_lowercase() || c == ')');
            let prev_acronym =
                prev.len() >= 2 && prev.chars().all(|c| c.is_uppercase() || c == '\'' || c == '’');
            let starts_cap = tok.chars().next().is_some_and(char::is_uppercase)
                && tok.chars().nth(1).is_some_and(char::is_lowercase);
            let prev_joiner = matches!(
                prev.to_lowercase().as_str(),
                "and"
                    | "or"
                    | "of"
                    | "the"
                    | "to"
                    | "for"
                    | "in"
                    | "with"
                    | "&"
                    | "at"
                    | "from"
                    | "on"
                    | "by"
            );
            if starts_cap && (prev_lower_end || prev_acronym) && !prev_joiner {
                items.push(Vec::new());
            }
        }
        items.last_mut().expect("non-empty").push(tok);
    }
    if items.len() < 3 {
        return vec![s.to_string()];
    }
    items.into_iter().map(|w| w.join(" ")).collect()
}

/// A contents table has at least this many rows...
const CONTENTS_MIN_ROWS: usize = 3;
/// ...and at most this many columns (title, page; perhaps a number first).
const CONTENTS_MAX_COLS: usize = 3;

/// Contents tables: under a "contents" heading, or a narrow table whose every row ends in a
/// page number.
fn is_contents(ctx: &Context, i: usize, t: &Table) -> bool {
    let page_number = |s: &str| (1..=3).contains(&s.len()) && s.chars().all(|c| c.is_ascii_digit());
    let rows: Vec<String> = t
        .rows
        .iter()
        .filter(|r| !r.header)
        .filter_map(|r| r.cells.iter().rev().map(|c| clean(&c.text())).find(|s| !s.is_empty()))
        .collect();
    let paged = t.n_cols() <= CONTENTS_MAX_COLS
        && rows.len() >= CONTENTS_MIN_ROWS
        && rows.iter().all(|s| page_number(s));
    paged || ctx.section_title(i).is_some_and(|s| s.contains("contents"))
}

/// A list (or run of bold lead-in paragraphs) introduced by a heading or sentence about
/// priorities.
fn listed_after_intro(ctx: &Context, i: usize, block: &Block, out: &mut Vec<Candidate>) {
    let intro = if i == 0 { None } else { Some(&ctx.doc.blocks[i - 1]) };
    let intro_is_priorities = intro.is_some_and(|b| {
        let t = b.plain_text();
        names_priorities(&t)
            && t.split_whitespace().count() <= INTRO_WORDS
            && (heading_text(b).is_some() || t.trim_end().ends_with([':', '.']) || !t.contains('.'))
    });
    // Or the list a section about the priorities (plural: not one priority's own section)
    // opens with, right after its heading or after a sentence introducing it.
    let opens_priorities_section = ctx.section_title(i).is_some_and(|s| s.contains("priorities"))
        && intro.is_some_and(|b| heading_text(b).is_some() || b.plain_text().trim_end().ends_with(':'));
    match &block.kind {
        BlockKind::List { items }
            if (intro_is_priorities || opens_priorities_section)
                && LISTED_PRIORITIES.contains(&items.len()) =>
        {
            for (k, item) in items.iter().enumerate() {
                out.push(from_item(i, item, k as u32 + 1));
            }
        }
        BlockKind::Paragraph { text } => {
            let under = ctx.section_title(i).is_some_and(|s| names_priorities(&s));
            if let (true, Some(lead)) = (under, text.leading(Style::Bold)) {
                let title = clean(lead).trim_end_matches([':', '.']).to_string();
                if !title.is_empty()
                    && !text.is_all(Style::Bold)
                    && title.split_whitespace().count() <= LEAD_IN_TITLE_WORDS
                {
                    let n = out.len() as u32 + 1;
                    out.push(Candidate {
                        number: Some(n),
                        title,
                        rank: Rank::Body,
                        measures: Vec::new(),
                        subgroups: Vec::new(),
                        evidence: evidence(i, &block.prov),
                    });
                }
            }
        }
        _ => {}
    }
}

fn from_item(i: usize, item: &ListItem, position: u32) -> Candidate {
    let text = clean(&item.text.text);
    let marker_number = any_number(item.marker.trim_end_matches(['.', ')']).trim_start_matches('('));
    let (number, title) = match LEADING_NUMBER.captures(&text) {
        Some(c) if any_number(&c[1]).is_some() => (any_number(&c[1]), clean(&c[2])),
        _ => (marker_number.or(Some(position)), text),
    };
    Candidate {
        number,
        title,
        rank: Rank::Body,
        measures: Vec::new(),
        subgroups: Vec::new(),
        evidence: evidence(i, &item.prov),
    }
}

/// Two unnumbered priorities whose titles share more than this (Dice over words) are one.
const SAME_TITLE_SIMILARITY: f32 = 0.8;

/// One priority per number (or per title, when unnumbered): the best-ranked, earliest
/// statement wins; numbering follows document order where none was printed.
fn dedupe(cands: Vec<Candidate>) -> Vec<Priority> {
    let mut kept: Vec<Candidate> = Vec::new();
    for c in cands {
        let same = kept.iter().position(|k| match (k.number, c.number) {
            (Some(a), Some(b)) => a == b,
            _ => similarity(&k.title, &c.title) > SAME_TITLE_SIMILARITY,
        });
        match same {
            Some(k) if c.rank > kept[k].rank => kept[k] = c,
            Some(_) => {}
            None => kept.push(c),
        }
    }
    let mut next = 1;
    kept.into_iter()
        .map(|c| {
            let number = c.number.unwrap_or(next);
            next = number + 1;
            Priority {
                number: Some(number),
                title: c.title,
                measures: c.measures,
                subgroups: c.subgroups,
                evidence: c.evidence,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn priorities(text: &str) -> Vec<(u32, String)> {
        let doc = sgx_read::read(text.as_bytes(), "t.md").unwrap();
        let ctx = Context::new(&doc);
        let upstream = Upstream {
            actions: crate::actions::recognise(&ctx, &Upstream::default()).facts,
            ..Default::default()
        };
        recognise(&ctx, &upstream).facts.into_iter().map(|p| (p.number.unwrap(), p.title)).collect()
    }

    #[test]
    fn labels_in_every_style_once_each() {
        let p = priorities(
            "- Priority 1: Keep babies safe.\n- Priority Two – Tackle neglect\n\n\
             Later we return to them.\n\n**Priority One: Keep babies safe.** More words here.\n\nPriority III. Hear children\n",
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
    fn bold_run_is_the_title() {
        let p = priorities("**Priority 4: Reduce harm online.** We will work with schools.\n");
        assert_eq!(p, vec![(4, "Reduce harm online.".into())]);
    }

    #[test]
    fn list_after_an_intro_about_priorities() {
        let p = priorities("Our three priorities are:\n\n- Early help works\n- II. Schools are safe\n- III. Voices are heard\n");
        assert_eq!(
            p,
            vec![
                (1, "Early help works".into()),
                (2, "Schools are safe".into()),
                (3, "Voices are heard".into())
            ]
        );
    }

    #[test]
    fn list_without_priority_intro_is_not_priorities() {
        assert!(priorities("We held events on:\n\n- Neglect\n- Exploitation\n").is_empty());
    }

    #[test]
    fn priority_table_with_measures_and_subgroups() {
        let doc = sgx_read::read(
            "Priority\tWhat this means\tLead subgroups\n1\tChildren grow up free from neglect\tQA Group Training Group\n\tPerformance measures:\t\n\t• Neglect plans reviewed\t\n".as_bytes(),
            "t.md",
        )
        .unwrap();
        let ctx = Context::new(&doc);
        let actions = crate::actions::recognise(&ctx, &Upstream::default()).facts;
        let p = recognise(&ctx, &Upstream { actions, ..Default::default() }).facts;
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].title, "Children grow up free from neglect");
        assert_eq!(p[0].measures, vec!["Neglect plans reviewed"]);
        assert_eq!(p[0].subgroups, vec!["QA Group", "Training Group"]);
    }

    #[test]
    fn run_on_measures_split_only_when_clearly_several() {
        assert_eq!(
            split_run_on("Audits done Use of tools Rates of CSE Children missing"),
            vec!["Audits done", "Use of tools", "Rates of CSE", "Children missing"]
        );
        assert_eq!(split_run_on("Score when Children present"), vec!["Score when Children present"]);
    }
}
