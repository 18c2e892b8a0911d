//! Structure charts flattened into short lines: a box naming a body, then its chair and
//! meeting lines.

use std::sync::LazyLock;

use regex_lite::Regex;
use sgx_ir::{Block, BlockKind};
use sgx_model::Evidence;

use super::facts::chair_value;
use super::Scan;
use crate::governance::fact::{Fact, FactKind};
use crate::governance::mention::{Kind, Source};
use crate::governance::names::cell_spans;
use crate::governance::phrases::{freq, NUMBERING};
use crate::governance::unit::Unit;
use crate::util::{clean, evidence};

/// A chart line (a box's name, "Meet three times per year") has at most this many words...
const CHART_LINE_WORDS: usize = 16;
/// ...and a chart box at most this many in all.
const CHART_BOX_WORDS: usize = 40;
/// A box whose lines have at most this many words each is one name wrapped to its width.
const WRAPPED_BOX_LINE_WORDS: usize = 2;

impl Scan<'_> {
    // ----- structure charts -----------------------------------------------------------------

    /// A structure chart flattened into short lines: a line naming a body followed by its
    /// "Independent Chair" / "Meet three times per year" lines, then more boxes. Returns the
    /// index after the chart's last block.
    pub(super) fn chart(&mut self, blocks: &[Block], start: usize) -> Option<usize> {
        let first = short_text(&blocks[start])?;
        if !is_name_line(&first) {
            return None;
        }
        let announces = blocks[start + 1..blocks.len().min(start + 3)]
            .iter()
            .filter_map(short_text)
            .any(|t| chair_line(&t).is_some() || meets_line(&t).is_some());
        if !announces {
            return None;
        }
        let mut last: Option<usize> = None;
        let mut k = start;
        while k < blocks.len() {
            let Some(text) = short_text(&blocks[k]) else { break };
            let heading_level = blocks[k].as_heading().map(|(l, _)| l);
            if k > start && heading_level.is_some() && !is_name_line(&text) {
                break;
            }
            let ev = evidence(k, &blocks[k].prov);
            if let Some(v) = chair_line(&text) {
                self.chart_fact(FactKind::Chair, v, last);
            } else if let Some(v) = meets_line(&text) {
                self.chart_fact(FactKind::Meets, v, last);
            } else {
                let ids = self.chart_line(&text, ev, k);
                last = ids.last().copied().or(last);
                if let Some(level) = heading_level {
                    self.open_section(level, ids.last().copied());
                }
            }
            k += 1;
        }
        Some(k)
    }

    pub(super) fn chart_line(&mut self, text: &str, ev: Evidence, block: usize) -> Vec<usize> {
        let lines: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
        // A box whose words wrapped one or two to a line is one name.
        let joined = if lines.iter().all(|l| l.split_whitespace().count() <= WRAPPED_BOX_LINE_WORDS) {
            vec![lines.join(" ")]
        } else {
            lines.iter().map(|l| l.to_string()).collect()
        };
        let mut ids = Vec::new();
        for line in joined {
            let mut unit = Unit::new(&clean(&line), true);
            for span in cell_spans(&unit, true) {
                if let Some(id) = self.register(&mut unit, &span, Source::Chart, ev.clone(), (block, 0)) {
                    if self.mentions[id].kind == Kind::Body {
                        ids.push(id);
                    }
                }
            }
        }
        ids
    }

    pub(super) fn chart_fact(&mut self, kind: FactKind, value: String, subject: Option<usize>) {
        if let Some(m) = subject {
            self.facts.push(Fact::about(kind, value, m, None));
        }
    }
}

/// The text of a heading or of a short paragraph (a chart box, a label line).
pub(super) fn short_text(b: &Block) -> Option<String> {
    match &b.kind {
        BlockKind::Heading { text, .. } => Some(text.text.clone()),
        BlockKind::Paragraph { text } => {
            let t = text.text.trim();
            let short = t.lines().all(|l| l.split_whitespace().count() <= CHART_LINE_WORDS)
                && t.split_whitespace().count() <= CHART_BOX_WORDS;
            (short && !t.is_empty() && !t.ends_with('.')).then(|| t.to_string())
        }
        _ => None,
    }
}

/// A single short line that ends in a body's head word: "Business Management Group (BMG):".
pub(super) fn is_name_line(text: &str) -> bool {
    let t = NUMBERING.replace(&clean(text), "").to_string();
    if t.contains('\n') || t.split_whitespace().count() > CHART_LINE_WORDS || t.ends_with('.') {
        return false;
    }
    let t = t.strip_prefix("The ").unwrap_or(&t);
    let unit = Unit::new(t, true);
    let n = unit.toks.len();
    // One name (or a chart's run of names) from the first word to the last.
    let spans = cell_spans(&unit, false);
    let whole = spans.first().is_some_and(|s| s.first == 0)
        && spans.last().is_some_and(|s| s.last + 1 == n && !s.plural && s.head.is_some());
    whole && spans.iter().all(|s| !s.bare || s.head.is_some())
}

/// "Independent Chair, NCC, CCG, Police" → "Independent Chair"; "Chair: Jane Doe" → "Jane Doe".
pub(super) fn chair_line(text: &str) -> Option<String> {
    static LINE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)^\W*(?:(independent\s+chair(?:\s*person)?)|chair(?:ed\s+by|person)?\s*[:\-–]?\s+(.+))",
        )
        .unwrap()
    });
    let t = clean(text);
    let c = LINE.captures(&t)?;
    let v = c.get(1).or_else(|| c.get(2))?.as_str();
    Some(chair_value(v.split(',').next().unwrap_or(v)))
}

/// "Meet three times per year" → "three times per year".
pub(super) fn meets_line(text: &str) -> Option<String> {
    static LINE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(&format!(r"(?i)^\W*meets?\b.*?({})", freq())).unwrap());
    LINE.captures(&clean(text)).map(|c| c[1].to_string())
}
