//! Glossary: abbreviations and the terms they stand for.
//!
//! **Sources, strongest first.** Term / expansion tables (one or several pairs per row, read
//! column by column) under a glossary heading; such tables without a heading when they are
//! mostly abbreviations; "TERM – expansion" lines and list items under a glossary heading.
//!
//! **Vocabulary.** Glossary headings ([`crate::vocab::is_glossary_heading`]); the header words
//! of a glossary table ("Acronym", "Meaning", "Stands for"), which are not entries.
//!
//! **Known limits.** Reads no upstream facts. Acronyms defined in running text ("the
//! Practice Review Group (PRG)") are not glossary entries; governance learns them itself.

use std::sync::LazyLock;

use regex_lite::Regex;
use sgx_ir::{Block, BlockKind, Table};
use sgx_model::{GlossaryEntry, GlossarySource};

use crate::found::{Found, Upstream};
use crate::table_roles::row_provenance;
use crate::util::{clean, evidence, Context};
use crate::vocab::is_glossary_heading;

static HEADER_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)^(acronyms?|abbreviations?|terms?|meaning|description|definition|full\s+name|stands\s+for",
        r"|explanation)$",
    ))
    .unwrap()
});
static LIST_ENTRY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*([A-Za-z0-9&()/.'’\-]{2,14})\s*(?:[-–—:=]|\t)\s*(\S.*)$").unwrap());

pub(crate) fn recognise(ctx: &Context, _upstream: &Upstream) -> Found<Vec<GlossaryEntry>> {
    let mut out = Vec::new();
    for (i, block) in ctx.blocks() {
        let under_heading = ctx.section_title(i).is_some_and(|t| is_glossary_heading(&t));
        match &block.kind {
            BlockKind::Table(t) => from_table(i, block, t, under_heading, &mut out),
            BlockKind::List { .. } | BlockKind::Paragraph { .. } if under_heading => {
                from_lines(i, block, &mut out)
            }
            _ => {}
        }
    }
    Found::new(out)
}

/// A term reads like an abbreviation: short, with at least two capitals.
fn is_term(s: &str) -> bool {
    let words = s.split_whitespace().count();
    let caps = s.chars().filter(|c| c.is_uppercase()).count();
    (1..=3).contains(&words) && s.len() <= 16 && caps >= 2 && !s.ends_with('.')
}

/// Without a glossary heading, a table is a glossary when at least this many of every ten
/// filled pairs read as term and expansion...
const MOSTLY_ABBREVIATIONS_TENTHS: usize = 7;
/// ...and it has at least this many entries.
const MIN_UNHEADED_ENTRIES: usize = 3;

fn from_table(i: usize, block: &Block, table: &Table, under_heading: bool, out: &mut Vec<GlossaryEntry>) {
    let grid = table.text_grid();
    let n = table.n_cols();
    if n < 2 || !n.is_multiple_of(2) {
        return;
    }
    let pairs_per_row = n / 2;
    // (pair column, row, term, expansion)
    let mut found: Vec<(usize, usize, String, String)> = Vec::new();
    let mut candidates = 0;
    for (r, row) in grid.iter().enumerate() {
        for p in 0..pairs_per_row {
            let term = clean(&row[2 * p]);
            let expansion = clean(&row[2 * p + 1]);
            if term.is_empty() && expansion.is_empty() {
                continue;
            }
            candidates += 1;
            if term.is_empty() || expansion.is_empty() || HEADER_WORDS.is_match(&term) {
                continue;
            }
            if is_term(&term) || (under_heading && term.split_whitespace().count() <= 4) {
                found.push((p, r, term, expansion));
            }
        }
    }
    // Without a glossary heading the table must be mostly abbreviations to count.
    let mostly = found.len() * 10 >= candidates * MOSTLY_ABBREVIATIONS_TENTHS;
    if found.is_empty() || (!under_heading && (found.len() < MIN_UNHEADED_ENTRIES || !mostly)) {
        return;
    }
    // Pairs laid out side by side read column by column, as a printed glossary does.
    found.sort_by_key(|(p, r, _, _)| (*p, *r));
    for (_, r, term, expansion) in found {
        let prov = row_provenance(&table.rows[r].prov, &block.prov);
        out.push(GlossaryEntry {
            term,
            expansion,
            source: GlossarySource::Glossary,
            evidence: evidence(i, &prov),
        });
    }
}

fn from_lines(i: usize, block: &Block, out: &mut Vec<GlossaryEntry>) {
    let lines: Vec<(String, sgx_ir::Provenance)> = match &block.kind {
        BlockKind::List { items } => items.iter().map(|it| (it.text.text.clone(), it.prov.clone())).collect(),
        BlockKind::Paragraph { text } => text.lines().map(|l| (l.to_string(), block.prov.clone())).collect(),
        _ => Vec::new(),
    };
    for (line, prov) in lines {
        if let Some(c) = LIST_ENTRY.captures(&line) {
            let term = clean(&c[1]);
            let expansion = clean(&c[2]);
            if is_term(&term) && !expansion.is_empty() {
                out.push(GlossaryEntry {
                    term,
                    expansion,
                    source: GlossarySource::Glossary,
                    evidence: evidence(i, &prov),
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glossary(text: &str) -> Vec<(String, String)> {
        let doc = sgx_read::read(text.as_bytes(), "t.md").unwrap();
        recognise(&Context::new(&doc), &Upstream::default())
            .facts
            .into_iter()
            .map(|e| (e.term, e.expansion))
            .collect()
    }

    #[test]
    fn two_pairs_per_row_read_column_by_column() {
        let g = glossary(
            "## Glossary\n\nAB\tAlpha Board\tMN\tMeadow Network\nCD\tCare Directorate\tOP\tOutreach Panel\n",
        );
        let terms: Vec<&str> = g.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(terms, vec!["AB", "CD", "MN", "OP"]);
        assert_eq!(g[2].1, "Meadow Network");
    }

    #[test]
    fn abbreviation_list_under_heading() {
        let g = glossary("# Abbreviations used\n\n- LADO – Local Authority Designated Officer\n- MASH: Multi-Agency Safeguarding Hub\n");
        assert_eq!(
            g,
            vec![
                ("LADO".to_string(), "Local Authority Designated Officer".to_string()),
                ("MASH".to_string(), "Multi-Agency Safeguarding Hub".to_string())
            ]
        );
    }

    #[test]
    fn ordinary_two_column_table_is_not_a_glossary() {
        let g = glossary("Judgement\tGrade\nLeadership of services\tGood\nHelp and protection\tInadequate\n");
        assert!(g.is_empty());
    }
}
