//! Priority tables ("Priority | Description | Links to subgroups"): one priority per
//! numbered row, the rows below it adding title text, performance measures and subgroups;
//! and contents tables, whose labels rank below the body's.

use std::sync::LazyLock;

use regex_lite::Regex;
use sgx_ir::{Block, BlockKind, Table};

use super::{Candidate, Form, Item};
use crate::actions::ActionTables;
use crate::table_roles::row_provenance;
use crate::util::{any_number, clean, evidence, split_names, Context};

static MEASURES_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^\s*(?:key\s+)?(?:performance\s+)?(?:measures|indicators|kpis)\s*(?:of\s+success)?\s*:\s*(.*)$",
    )
    .unwrap()
});

/// The priority tables (tables the action recogniser did not take) as one candidate: a
/// plan may print one table per priority.
pub fn candidates(ctx: &Context, actions: &ActionTables) -> Option<Candidate> {
    let mut list: Option<Candidate> = None;
    for (i, block) in ctx.blocks() {
        let BlockKind::Table(t) = &block.kind else { continue };
        if actions.tables.contains(&i) {
            continue;
        }
        let items = priority_table(i, block, t);
        if items.is_empty() {
            continue;
        }
        let c = list.get_or_insert_with(|| {
            let mut c = Candidate::new(Form::Table, i);
            c.intro = super::around::intro_before(ctx, i);
            c.heading = super::around::opened_section(ctx, i);
            c.section = super::around::section_of(ctx, i);
            c
        });
        c.items.extend(items);
    }
    if let Some(c) = &mut list {
        c.printed_numbers = Some(c.items.iter().filter_map(|i| i.number).collect());
    }
    list
}

/// The blocks of the priority tables.
pub fn blocks(list: &Candidate) -> Vec<usize> {
    let mut blocks: Vec<usize> = list.items.iter().map(|i| i.evidence.block).collect();
    blocks.dedup();
    blocks
}

/// A table whose first header names priorities and has no action-table roles: one priority
/// per numbered row, with the rows below it adding title text, measures and subgroups.
fn priority_table(i: usize, block: &Block, t: &Table) -> Vec<Item> {
    let grid = t.text_grid();
    let Some(header) = grid.first() else { return Vec::new() };
    let header: Vec<String> = header.iter().map(|h| clean(h).to_lowercase()).collect();
    if !header.first().is_some_and(|h| h.starts_with("priorit") || h == "no." || h == "no") {
        return Vec::new();
    }
    let desc_col = header
        .iter()
        .position(|h| {
            h.contains("description") || h.contains("priorit") && h.len() > 12 || h.contains("what")
        })
        .or(if header.len() > 1 { Some(1) } else { None });
    let Some(desc_col) = desc_col.filter(|&c| c > 0) else { return Vec::new() };
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
            found.push(Item::new(
                Some(n),
                String::new(),
                evidence(i, &row_provenance(&t.rows[r].prov, &block.prov)),
            ));
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
    found
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
pub fn is_contents(ctx: &Context, i: usize, t: &Table) -> bool {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::found::Upstream;

    #[test]
    fn priority_table_with_measures_and_subgroups() {
        let doc = sgx_read::read(
            "Priority\tWhat this means\tLead subgroups\n1\tChildren grow up free from neglect\tQA Group Training Group\n\tPerformance measures:\t\n\t• Neglect plans reviewed\t\n".as_bytes(),
            "t.md",
        )
        .unwrap();
        let ctx = Context::new(&doc);
        let actions = crate::actions::recognise(&ctx, &Upstream::default()).facts;
        let p = super::super::recognise(&ctx, &Upstream { actions, ..Default::default() }).facts;
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
