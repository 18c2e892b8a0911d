//! The text view (text, markdown, HTML, DOCX): the document as numbered units (source lines,
//! or IR blocks), each fact's units highlighted in its kind's colour, with a mark in the
//! gutter per fact that links to the fact; the mark on a fact's first unit is its anchor
//! (`box-<id>`).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

use crate::escape;
use crate::facts::Fact;

/// One unit of the document: a source line, or an IR block's text.
pub struct Unit {
    pub text: String,
    /// Shown bold (an IR heading).
    pub heading: bool,
}

impl Unit {
    pub fn line(text: &str) -> Unit {
        Unit { text: text.to_string(), heading: false }
    }

    pub fn from_block(block: &sgx_ir::Block) -> Unit {
        Unit { text: block.plain_text(), heading: block.as_heading().is_some() }
    }
}

/// The units a fact covers, by their numbers (1-based lines, or 0-based block indexes, as
/// the evidence counts them).
pub struct Span<'f, 'a> {
    pub fact: &'f Fact<'a>,
    pub first: usize,
    pub last: usize,
}

/// Each fact's source lines (facts without lines are left out).
pub fn spans_by_lines<'f, 'a>(facts: &'f [Fact<'a>]) -> Vec<Span<'f, 'a>> {
    let span = |f: &'f Fact<'a>| {
        let [a, b] = f.evidence.lines?;
        Some(Span { fact: f, first: a as usize, last: (b as usize).max(a as usize) })
    };
    facts.iter().filter_map(span).collect()
}

/// Each fact's IR block.
pub fn spans_by_block<'f, 'a>(facts: &'f [Fact<'a>]) -> Vec<Span<'f, 'a>> {
    facts.iter().map(|f| Span { fact: f, first: f.evidence.block, last: f.evidence.block }).collect()
}

/// The units as HTML (`id` = `prefix` + number; `first` is the first unit's number), and the
/// ids of the facts that were highlighted.
pub fn units_html(units: &[Unit], prefix: &str, first: usize, spans: &[Span]) -> (String, BTreeSet<String>) {
    // Unit number → the spans covering it, in fact order.
    let mut covering: BTreeMap<usize, Vec<&Span>> = BTreeMap::new();
    let last = first + units.len();
    for span in spans.iter().filter(|s| s.first >= first && s.first < last) {
        for n in span.first..=span.last.min(last - 1) {
            covering.entry(n).or_default().push(span);
        }
    }
    let shown = covering.values().flatten().map(|s| s.fact.id.clone()).collect();
    let mut html = String::from("<div class=\"text\">\n");
    for (i, unit) in units.iter().enumerate() {
        let n = first + i;
        let spans = covering.get(&n).map(Vec::as_slice).unwrap_or_default();
        // The line takes the colour of the innermost (last listed) fact over it.
        let class = spans.last().map(|s| format!(" hl k-{}", s.fact.kind.slug())).unwrap_or_default();
        let _ = write!(html, "<div class=\"u{class}\" id=\"{prefix}{n}\"><span class=\"gut\">");
        for s in spans {
            let id = &s.fact.id;
            let anchor = if s.first == n { format!(" id=\"box-{id}\"") } else { String::new() };
            let _ = write!(
                html,
                "<a class=\"mark k-{}\"{anchor} href=\"#fact-{id}\" title=\"{}\"></a>",
                s.fact.kind.slug(),
                escape(&s.fact.label)
            );
        }
        let tag = if unit.heading { "b" } else { "span" };
        let _ = writeln!(
            html,
            "</span><span class=\"no\">{n}</span><{tag} class=\"tx\">{}</{tag}></div>",
            escape(&unit.text)
        );
    }
    html.push_str("</div>\n");
    (html, shown)
}
