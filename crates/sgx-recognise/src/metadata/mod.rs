//! Metadata: the partnership that published the document (name and acronym), the kind of
//! document and the period it covers.
//!
//! **Sources, strongest first.** The name: the genre's body names with their place
//! ([`name`]) printed in the title region (the first [`FRONT_BLOCKS`] blocks, read as one
//! text), then anywhere; printings add up, the title region's counting most, and a name whose
//! initials are the document's own acronym wins a tie. The acronym: [`acronym`]. The kind:
//! [`kind`] (papers about a document are `other`). The period: the first year range
//! ([`period`]) from the title on, else in the title region, else in the opening prose.
//!
//! **Vocabulary.** In the submodules: body names, place words and the words that are never
//! a place; kind phrases and the cue lines of committee papers, news and web pages; month
//! names and range connectors.
//!
//! **Known limits.** Reads no upstream facts. A name printed letter-spaced or broken inside
//! words, and a period only inferred (a report "about the year before the priorities it
//! lists"), are not found.

mod acronym;
mod kind;
mod name;
mod period;

use sgx_ir::{Warning, WarningKind};
use sgx_model::{DocumentInfo, DocumentKind, Partnership};

pub use crate::found::Metadata;
use crate::found::{Found, Upstream};
use crate::util::{clean, evidence, Context};

/// How many leading blocks count as the title region.
const FRONT_BLOCKS: usize = 12;

/// How many leading lines hold a cover's title and name.
const TITLE_LINES: usize = 3;

/// A longer title is a paragraph that happened to name the kind of document.
const MAX_TITLE_BYTES: usize = 200;

/// How many blocks from the title on may print the period.
const PERIOD_AFTER_TITLE_BLOCKS: usize = 4;

/// How many opening blocks may say "this <kind>" when no title names the kind.
const THIS_KIND_BLOCKS: usize = 4;

/// A name printed once, outside the title region, is an outside body's when the document
/// uses another partnership's acronym at least this often.
const OWN_ACRONYM_USES: usize = 2;

pub(crate) fn recognise(ctx: &Context, _upstream: &Upstream) -> Found<Metadata> {
    let texts = block_texts(ctx);
    let mut warnings = Vec::new();
    let partnership = partnership(ctx, &texts);
    let document = document_info(ctx, &texts, &mut warnings);
    Found { facts: Metadata { partnership, document }, warnings }
}

/// Block texts with line breaks flattened.
fn block_texts(ctx: &Context) -> Vec<String> {
    ctx.doc.blocks.iter().map(|b| sgx_ir::normalize_ws(&b.plain_text())).collect()
}

/// Block texts with the spacing of each line evened out and the line breaks kept.
fn block_lines(ctx: &Context) -> Vec<String> {
    let lines =
        |b: &sgx_ir::Block| b.plain_text().lines().map(sgx_ir::normalize_ws).collect::<Vec<_>>().join("\n");
    ctx.doc.blocks.iter().map(lines).collect()
}

fn partnership(ctx: &Context, texts: &[String]) -> Partnership {
    let all = texts.join("\n");
    let mut candidates = name::candidates(&name::mentions(&block_lines(ctx), FRONT_BLOCKS));
    let own_acronym = acronym::acronym(None, &all);
    let own_uses = own_acronym.as_deref().map_or(0, |a| count_word(a, &all));
    let agrees = |n: &str| own_acronym.as_deref().is_some_and(|a| acronym::initials(n) == a);
    candidates.retain(|c| {
        c.front_line.is_some_and(|l| l < TITLE_LINES)
            || c.printings > 1
            || own_uses < OWN_ACRONYM_USES
            || agrees(&c.name)
            || generic(&own_acronym)
    });
    // Heaviest first; a name agreeing with the document's acronym, then the earliest, on a tie.
    let best = candidates.into_iter().max_by(|a, b| {
        a.weight
            .total_cmp(&b.weight)
            .then(agrees(&a.name).cmp(&agrees(&b.name)))
            .then(b.first_block.cmp(&a.first_block))
    });
    let Some(best) = best else {
        // No name printed whole: a place before the generic acronym ("Slough LSCB") is one.
        let acronym = acronym::acronym(None, &all);
        return match name::place_with_generic_acronym(texts) {
            Some((name, block)) => Partnership {
                name: Some(name),
                acronym,
                evidence: ctx.doc.blocks.get(block).map(|b| evidence(block, &b.prov)),
                ..Partnership::default()
            },
            None => Partnership { acronym, ..Partnership::default() },
        };
    };
    let acronym = acronym::acronym(Some(&best.name), &all);
    let lower = best.name.to_lowercase();
    let block = texts.iter().position(|t| t.to_lowercase().contains(&lower)).unwrap_or(best.first_block);
    Partnership {
        name: Some(best.name),
        acronym,
        evidence: ctx.doc.blocks.get(block).map(|b| evidence(block, &b.prov)),
        ..Partnership::default()
    }
}

/// "LSCB" and its like name no one partnership, so they contradict no name.
fn generic(acronym: &Option<String>) -> bool {
    acronym.as_deref().is_some_and(|a| matches!(a, "LSCB" | "SCB" | "SCP" | "LSCP"))
}

fn count_word(word: &str, text: &str) -> usize {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| *w == word).count()
}

fn document_info(ctx: &Context, texts: &[String], warnings: &mut Vec<Warning>) -> DocumentInfo {
    let about = kind::is_about_a_document(texts);
    // The earliest kind phrase in a title-like block (a heading or a short line) of the
    // title region names the document; failing that, "this <kind>" in the opening prose.
    let title_like = |i: usize, t: &str| ctx.doc.blocks[i].as_heading().is_some() || kind::reads_as_title(t);
    let titled = texts
        .iter()
        .enumerate()
        .take(FRONT_BLOCKS)
        .filter(|(i, t)| title_like(*i, t))
        .find_map(|(i, t)| kind::kind_phrase(t).map(|(_, k)| (i, k)));
    let named = titled.or_else(|| {
        texts.iter().enumerate().take(THIS_KIND_BLOCKS).find_map(|(i, t)| kind::this_kind(t).map(|k| (i, k)))
    });
    let title_block = named.map(|(i, _)| i);
    let kind = match named {
        _ if about => DocumentKind::Other,
        Some((_, k)) => k,
        None => DocumentKind::Other,
    };
    let period = period(texts, title_block.unwrap_or(0));
    if let Some((block, found)) = &period {
        if let Some(printed) = found.repaired_from {
            let message = format!(
                "the period's end year is printed {printed}, which makes no range; read as {} (a year printed elsewhere)",
                found.period.end_year
            );
            let prov = ctx.doc.blocks[*block].prov.clone();
            warnings.push(Warning::at(WarningKind::Garbled, prov, message));
        }
    }
    let ev_block = title_block.or(period.as_ref().map(|p| p.0));
    DocumentInfo {
        kind,
        title: title_block.map(|b| clean(&texts[b])).filter(|t| t.len() <= MAX_TITLE_BYTES),
        period: period.map(|(_, f)| f.period),
        evidence: ev_block.and_then(|b| ctx.doc.blocks.get(b).map(|bl| evidence(b, &bl.prov))),
        // Scored by the genre recogniser, which reads every other fact.
        genre: Default::default(),
    }
}

/// The first year range from the title on, else in the title region.
fn period(texts: &[String], from: usize) -> Option<(usize, period::Found)> {
    let years = period::years_in(&texts.join("\n"));
    texts
        .iter()
        .enumerate()
        .skip(from)
        .take(PERIOD_AFTER_TITLE_BLOCKS)
        .chain(texts.iter().enumerate().take(FRONT_BLOCKS))
        .find_map(|(i, t)| period::year_range(t, &years).map(|p| (i, p)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(text: &str) -> Metadata {
        let doc = sgx_read::read(text.as_bytes(), "t.md").unwrap();
        recognise(&Context::new(&doc), &Upstream::default()).facts
    }

    #[test]
    fn name_acronym_kind_and_period_from_the_title() {
        let m = meta(
            "WESTBROOK\nSAFEGUARDING CHILDREN BOARD\n\nAnnual Report 2010 - 2011\n\n\
             The Westbrook Safeguarding Children Board (WSCB) met four times.\n\nThe WSCB agreed a business plan.\n",
        );
        assert_eq!(m.partnership.name.as_deref(), Some("Westbrook Safeguarding Children Board"));
        assert_eq!(m.partnership.acronym.as_deref(), Some("WSCB"));
        assert_eq!(m.document.kind, DocumentKind::AnnualReport);
        let p = m.document.period.unwrap();
        assert_eq!((p.start_year, p.end_year), (2010, 2011));
    }

    #[test]
    fn no_acronym_when_the_document_uses_none() {
        let m =
            meta("# Upper Dale and Fenwick Safeguarding Children Partnership Strategy 2021-2024\n\nText.\n");
        assert_eq!(
            m.partnership.name.as_deref(),
            Some("Upper Dale and Fenwick Safeguarding Children Partnership")
        );
        assert_eq!(m.partnership.acronym, None);
        assert_eq!(m.document.kind, DocumentKind::Strategy);
    }
}
