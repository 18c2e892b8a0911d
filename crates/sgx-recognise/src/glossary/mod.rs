//! Glossary: abbreviations and the terms they stand for.
//!
//! **Sources, strongest first.** Glossary sections (`source: glossary`): term / expansion
//! tables (one or several pairs per row, read column by column) under a glossary heading, or
//! without one when mostly abbreviations; lines under a glossary heading, a one-line title
//! naming a glossary, or a title opening the paragraph, in every layout: "TERM – expansion",
//! "TERM: expansion", "TERM – Expansion. Explanation", "TERM Expansion – explanation" with no
//! delimiter, entries run together on one line (a flattened table), a term alone on its line
//! with its expansion on the next (table cells printed one by one), "Expansion (TERM)";
//! blocks without a heading that hold mostly "TERM Expansion" entries whose initials agree.
//! Then acronyms defined in running text (`source: text`): "Child Death Overview Panel
//! (CDOP)", "CSE (child sexual exploitation)", the partnership's own included. One entry per
//! term: a glossary's entry beats a text definition, and the first definition wins.
//!
//! **Vocabulary.** Glossary headings ([`crate::vocab::is_glossary_heading`]); the header words
//! of a glossary table ("Acronym", "Meaning", "Stands for"), which are not entries; small words
//! the initials pass over ([`initials`]); determiners that end an area's name ([`in_text`]).
//!
//! **Known limits.** Reads no upstream facts, so it runs first. The initials decide where an
//! expansion starts and ends, except in tables and after a delimiter, where the layout does:
//! an expansion whose initials do not follow the term's letters (a letter taken from inside
//! a word, or from a word not printed) is not found in running text, and a glossary line
//! without a delimiter whose initials disagree is skipped. Plain-word glossary terms are
//! read only from glossary tables. Running text in table cells is not read for definitions
//! (governance treats a table holding glossary entries as a glossary). A term and its
//! expansion in separate blocks are not paired.

mod in_text;
mod initials;
mod sections;

use std::collections::BTreeSet;

use sgx_ir::{Block, BlockKind, Provenance};
use sgx_model::{GlossaryEntry, GlossarySource};

use crate::found::{Found, Upstream};
use crate::util::{evidence, Context};
use crate::vocab::is_glossary_heading;

/// A one-line paragraph of at most this many words that names a glossary ("Plan 2024 – Words
/// we use: a glossary") opens one like a heading.
const GLOSSARY_TITLE_WORDS: usize = 10;
/// A paragraph whose first line has a glossary's title in its first this many words opens a
/// glossary ("Abbreviations: CI = confidence interval; ...").
const TITLE_OPENING_WORDS: usize = 3;
/// A block without a glossary heading is a glossary when it holds at least this many "TERM
/// Expansion" entries...
const MIN_UNHEADED_ENTRIES: usize = 3;
/// ...and the lines holding them are at least this many of every ten.
const MOSTLY_ENTRIES_TENTHS: usize = 5;

pub(crate) fn recognise(ctx: &Context, _upstream: &Upstream) -> Found<Vec<GlossaryEntry>> {
    let mut glossary = Glossary::default();
    let last_block = ctx.doc.blocks.len().saturating_sub(1);
    // Glossary sections first: their entries beat definitions in the text.
    for (i, block) in ctx.blocks() {
        let headed = under_glossary_title(ctx, i);
        match &block.kind {
            BlockKind::Table(t) => {
                for e in sections::from_table(block, t, headed) {
                    glossary.add(i, e.term, e.expansion, &e.prov, GlossarySource::Glossary);
                }
            }
            BlockKind::List { .. } | BlockKind::Paragraph { .. } => {
                let lines = lines(block);
                let texts: Vec<&str> = lines.iter().map(|(l, _)| l.as_str()).collect();
                let entries = sections::from_lines(&texts, headed, i == last_block);
                if headed || mostly_entries(&entries, lines.len()) {
                    for e in entries {
                        let prov = lines[e.lines.0].1.merge(&lines[e.lines.1].1);
                        glossary.add(i, e.term, e.expansion, &prov, GlossarySource::Glossary);
                    }
                }
            }
            BlockKind::Heading { .. } => {}
        }
    }
    for (i, block) in ctx.blocks() {
        if block.as_table().is_some() {
            continue;
        }
        let text = block.plain_text();
        let definitions = in_text::definitions(&text);
        if definitions.is_empty() {
            continue;
        }
        let lines = lines(block);
        for d in definitions {
            let line = text[..d.at].matches('\n').count();
            let prov = lines.get(line).map_or(&block.prov, |(_, p)| p);
            glossary.add(i, d.term, d.expansion, prov, GlossarySource::Text);
        }
    }
    Found::new(glossary.entries)
}

/// The entries found so far and the terms they define.
#[derive(Default)]
struct Glossary {
    entries: Vec<GlossaryEntry>,
    terms: BTreeSet<String>,
}

impl Glossary {
    /// Add an entry unless its term is defined already (dots, spacing, case and a plural's
    /// "s" aside: "CCGs" is "CCG").
    fn add(
        &mut self,
        block: usize,
        term: String,
        expansion: String,
        prov: &Provenance,
        source: GlossarySource,
    ) {
        let bare: String = term.chars().filter(|c| *c != '.' && !c.is_whitespace()).collect();
        let singular = match bare.strip_suffix('s') {
            Some(stem) if stem.ends_with(char::is_uppercase) => stem,
            _ => &bare,
        };
        if expansion.is_empty() || !self.terms.insert(singular.to_uppercase()) {
            return;
        }
        self.entries.push(GlossaryEntry { term, expansion, source, evidence: evidence(block, prov) });
    }
}

/// Block `i` sits under a glossary heading, follows a one-line glossary title, or opens with
/// one.
fn under_glossary_title(ctx: &Context, i: usize) -> bool {
    let is_title = |line: &str| {
        let words = line.split_whitespace().count();
        (1..=GLOSSARY_TITLE_WORDS).contains(&words) && is_glossary_heading(line)
    };
    let one_line =
        |b: &Block| b.as_paragraph().filter(|t| !t.text.trim().contains('\n')).map(|t| t.text.clone());
    // "Glossary ACPC Area Child Protection Committee CAF ...": a flattened glossary opens with
    // its title.
    let opens_with_title = |line: &str| {
        let opening: Vec<&str> = line.split_whitespace().take(TITLE_OPENING_WORDS).collect();
        is_title(line) || is_glossary_heading(&opening.join(" "))
    };
    ctx.section_title(i).is_some_and(|t| is_glossary_heading(&t))
        || i.checked_sub(1).and_then(|p| one_line(&ctx.doc.blocks[p])).is_some_and(|l| is_title(&l))
        || ctx.doc.blocks[i]
            .as_paragraph()
            .and_then(|t| t.text.lines().next().map(opens_with_title))
            .unwrap_or(false)
}

/// A block holds enough entries, on most of its lines, to be a glossary without a heading
/// (one line may hold a flattened table's entries).
fn mostly_entries(entries: &[sections::LineEntry], lines: usize) -> bool {
    let with_entries: BTreeSet<usize> = entries.iter().flat_map(|e| [e.lines.0, e.lines.1]).collect();
    entries.len() >= MIN_UNHEADED_ENTRIES && with_entries.len() * 10 >= lines * MOSTLY_ENTRIES_TENTHS
}

/// The lines of a paragraph or the items of a list (the text's lines, `\n`-separated, as
/// `plain_text` joins them), each with its source lines where they can be told apart.
fn lines(block: &Block) -> Vec<(String, Provenance)> {
    match &block.kind {
        BlockKind::Paragraph { text } => {
            let lines: Vec<&str> = text.text.split('\n').collect();
            let one_to_one = block.prov.lines.is_some_and(|r| (r.end - r.start + 1) as usize == lines.len());
            lines
                .iter()
                .enumerate()
                .map(|(k, l)| {
                    let prov = match block.prov.lines {
                        Some(r) if one_to_one => {
                            let at = r.start + k as u32;
                            Provenance {
                                lines: Some(sgx_ir::LineRange { start: at, end: at }),
                                ..block.prov.clone()
                            }
                        }
                        _ => block.prov.clone(),
                    };
                    (l.to_string(), prov)
                })
                .collect()
        }
        BlockKind::List { items } => {
            let mut out = Vec::new();
            let mut stack: Vec<&sgx_ir::ListItem> = items.iter().rev().collect();
            while let Some(item) = stack.pop() {
                for l in item.text.text.split('\n') {
                    out.push((l.to_string(), item.prov.clone()));
                }
                stack.extend(item.children.iter().rev());
            }
            out
        }
        BlockKind::Heading { text, .. } => vec![(text.text.clone(), block.prov.clone())],
        BlockKind::Table(_) => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glossary(text: &str) -> Vec<(String, String, GlossarySource)> {
        let doc = sgx_read::read(text.as_bytes(), "t.md").unwrap();
        recognise(&Context::new(&doc), &Upstream::default())
            .facts
            .into_iter()
            .map(|e| (e.term, e.expansion, e.source))
            .collect()
    }

    fn terms(text: &str) -> Vec<String> {
        glossary(text).into_iter().map(|(t, _, _)| t).collect()
    }

    #[test]
    fn two_pairs_per_row_read_column_by_column() {
        let g = glossary(
            "## Glossary\n\nAB\tAlpha Board\tMN\tMeadow Network\nCD\tCare Directorate\tOP\tOutreach Panel\n",
        );
        let terms: Vec<&str> = g.iter().map(|(t, _, _)| t.as_str()).collect();
        assert_eq!(terms, vec!["AB", "CD", "MN", "OP"]);
        assert_eq!(g[2].1, "Meadow Network");
    }

    #[test]
    fn abbreviation_list_under_heading() {
        let g = glossary("# Abbreviations used\n\n- LADO – Local Authority Designated Officer\n- MASH: Multi-Agency Safeguarding Hub\n");
        assert_eq!(
            g,
            vec![
                ("LADO".into(), "Local Authority Designated Officer".into(), GlossarySource::Glossary),
                ("MASH".into(), "Multi-Agency Safeguarding Hub".into(), GlossarySource::Glossary)
            ]
        );
    }

    #[test]
    fn ordinary_two_column_table_is_not_a_glossary() {
        let g = glossary("Judgement\tGrade\nLeadership of services\tGood\nHelp and protection\tInadequate\n");
        assert!(g.is_empty());
    }

    #[test]
    fn glossary_beats_text_and_first_definition_wins() {
        let g = glossary(concat!(
            "The Youth Offending Service (YOS) and the Youth Offer Scheme (YOS) met.\n\n",
            "## Glossary\n\n- YOS – Youth Offending Team Service\n",
        ));
        assert_eq!(g, vec![("YOS".into(), "Youth Offending Team Service".into(), GlossarySource::Glossary)]);
        let g = glossary("The Youth Offending Service (YOS) and the Youth Offer Schemes (YOSs) met.\n");
        assert_eq!(g, vec![("YOS".into(), "Youth Offending Service".into(), GlossarySource::Text)]);
    }

    #[test]
    fn title_line_opens_a_glossary() {
        let t = "Plan 2024 – Words we use: a glossary\n\nCP Child Protection – keeping a child safe\nRHI Return Home Interview\n";
        assert_eq!(terms(t), vec!["CP", "RHI"]);
    }

    #[test]
    fn flattened_glossary_after_its_title() {
        let t = "Glossary of terms ACPC Area Child Protection Committee CAF Common Assessment Framework\n";
        assert_eq!(terms(t), vec!["ACPC", "CAF"]);
        let t = "We met the ACPC Area Child Protection Committee and CAF Common Assessment Framework\n";
        assert!(terms(t).is_empty());
        let t = "AB Alpha Board CD Care Directorate EF Early Families\n";
        assert_eq!(terms(t), vec!["AB", "CD", "EF"]);
    }

    #[test]
    fn unheaded_block_of_entries_is_a_glossary_only_when_mostly_entries() {
        let t = "CP Child Protection\nRHI Return Home Interview\nYOS Youth Offending Service\n";
        assert_eq!(terms(t), vec!["CP", "RHI", "YOS"]);
        let t = "CP Child Protection\nRHI Return Home Interview\nWe will do more.\nAnd more.\nAnd then more.\nStill more here.\nLast one.\n";
        assert!(terms(t).is_empty());
    }
}
