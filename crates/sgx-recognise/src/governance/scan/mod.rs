//! Step 1: read every block into mentions and facts.
//!
//! `Scan` walks the blocks in order, keeping the headings open above the current block (the
//! body each names is the fallback subject of facts under it) and what the last paragraph
//! announced for a list after it. Each kind of block has its own file.

mod chart;
mod contents;
mod facts;
mod prose;
mod table;

use std::collections::BTreeSet;

use regex_lite::Regex;
use sgx_ir::BlockKind;
use sgx_model::{Evidence, GlossaryEntry, Partnership};

use self::chart::is_name_line;
use self::prose::{in_glossary, list_intro, ListIntro};
use super::fact::{Fact, FactKind};
use super::mention::{initials, Kind, Mention, Namer, Source, Veto};
use super::names::{prose_spans, Span};
use super::phrases::{NUMBERING, SEAT_AFTER};
use super::unit::{Placed, Unit};
use super::vocab::is_acronym;
use crate::actions::ActionTables;
use crate::util::{clean, evidence, heading_text, Context, Cued};

pub(super) struct Scan<'p> {
    pub(super) namer: Namer<'p>,
    pub(super) mentions: Vec<Mention>,
    pub(super) facts: Vec<Fact>,
    /// Headings open above the current block: level and the body each names.
    sections: Vec<(u8, Option<usize>)>,
    /// What the last paragraph announced for a list right after it.
    list_intro: Option<ListIntro>,
}

impl<'p> Scan<'p> {
    /// Scan the document's blocks, then the rows of its action tables.
    pub(super) fn run(
        ctx: &Context,
        partnership: &'p Partnership,
        actions: &ActionTables,
        glossary: &[GlossaryEntry],
    ) -> Self {
        let mut scan = Scan::new(partnership, glossary);
        scan.blocks(ctx, actions, glossary);
        scan.action_rows(actions);
        scan
    }

    fn new(partnership: &'p Partnership, glossary: &[GlossaryEntry]) -> Self {
        let acronyms = glossary
            .iter()
            .filter(|g| is_acronym(g.term.trim()))
            .map(|g| (g.term.trim().to_string(), g.expansion.clone()))
            .collect();
        Scan {
            namer: Namer { partnership, acronyms },
            mentions: Vec::new(),
            facts: Vec::new(),
            sections: Vec::new(),
            list_intro: None,
        }
    }

    // ----- blocks ---------------------------------------------------------------------------

    fn blocks(&mut self, ctx: &Context, actions: &ActionTables, glossary: &[GlossaryEntry]) {
        self.learn_acronyms(ctx);
        let glossary_blocks: BTreeSet<usize> = glossary.iter().map(|g| g.evidence.block).collect();
        let blocks = &ctx.doc.blocks;
        let mut i = 0;
        while i < blocks.len() {
            if let Some(end) = self.contents(blocks, i) {
                i = end;
                continue;
            }
            if let Some(end) = self.chart(blocks, i) {
                i = end;
                continue;
            }
            let block = &blocks[i];
            let ev = evidence(i, &block.prov);
            let intro = self.list_intro.take();
            if in_glossary(ctx, i) && block.as_heading().is_none() {
                i += 1;
                continue;
            }
            match &block.kind {
                BlockKind::Heading { level, text } => self.heading(&text.text, *level, ev, i),
                BlockKind::Paragraph { text }
                    if heading_text(block).is_some() || is_name_line(&text.text) =>
                {
                    self.heading(&text.text, 7, ev, i);
                    self.list_intro = list_intro(&Unit::new(&text.text, true), None);
                }
                BlockKind::Paragraph { text } => self.list_intro = self.prose(&text.text, ev, i),
                BlockKind::List { items } => self.list(items, i, intro.as_ref()),
                BlockKind::Table(_) if glossary_blocks.contains(&i) => {}
                BlockKind::Table(t) => self.table(t, i, actions.tables.contains(&i)),
            }
            i += 1;
        }
    }

    /// "Child Safeguarding Practice Review (CSPR)" → CSPR stands for those words.
    fn learn_acronyms(&mut self, ctx: &Context) {
        static DEFINED: Cued = Cued::new(&["("], || {
            Regex::new(r"((?:[A-Z][A-Za-z0-9_'’-]*\s+(?:(?:and|of|for|&)\s+)?){1,8})\(([A-Z][A-Z&]{1,8})\)")
                .unwrap()
        });
        for (_, b) in ctx.blocks() {
            for c in DEFINED.captures_iter(&b.plain_text()) {
                let acr = c[2].to_string();
                if self.namer.acronyms.contains_key(&acr) {
                    continue;
                }
                let words: Vec<&str> = c[1].split_whitespace().collect();
                // The shortest run of trailing words whose initials spell the acronym.
                for from in (0..words.len()).rev() {
                    let phrase = words[from..].join(" ");
                    if initials(&phrase).0 == acr {
                        self.namer.acronyms.insert(acr.clone(), phrase);
                        break;
                    }
                }
            }
        }
    }

    pub(super) fn section_body(&self) -> Option<usize> {
        self.sections.iter().rev().find_map(|(_, m)| *m)
    }

    pub(super) fn open_section(&mut self, level: u8, body: Option<usize>) {
        while self.sections.last().is_some_and(|(l, _)| *l >= level) {
            self.sections.pop();
        }
        self.sections.push((level, body));
    }

    pub(super) fn heading(&mut self, text: &str, level: u8, ev: Evidence, block: usize) {
        let stripped = NUMBERING.replace(&clean(text), "").to_string();
        let mut unit = Unit::new(&stripped, true);
        let spans = prose_spans(&unit);
        let n = unit.toks.len();
        let mut body = None;
        for mut span in spans {
            // The heading names a body when the name is what the heading ends with.
            let names_it = span.last + 1 == n && !span.bare;
            let source = if names_it { Source::Heading } else { Source::Prose };
            span.has_cap |= names_it;
            let id = self.register(&mut unit, &span, source, ev.clone(), (block, 0));
            if names_it {
                body = id.filter(|&m| matches!(self.mentions[m].kind, Kind::Body | Kind::Partnership));
            }
        }
        self.open_section(level, body);
    }

    /// Register a span as a mention of the unit; `None` for names that refer to no body.
    fn register(
        &mut self,
        unit: &mut Unit,
        span: &Span,
        source: Source,
        ev: Evidence,
        order: (usize, usize),
    ) -> Option<usize> {
        if span.role {
            self.seat(unit, span, source, ev, order);
            return None;
        }
        let mut mention = self.namer.mention(unit, span, source, ev, order)?;
        if mention.veto == Veto::None && self.coordinated_with_outside(unit, span) {
            mention.veto = Veto::Weak;
        }
        let id = self.mentions.len();
        self.mentions.push(mention);
        unit.found.push(Placed { id, first: span.first, last: span.last });
        Some(id)
    }

    /// "the Health Board and Adult Board, Neglect Strategy Group": a name coordinated right
    /// after an outside organisation's is one of its kind.
    fn coordinated_with_outside(&self, unit: &Unit, span: &Span) -> bool {
        let Some(prev) = unit.found.last().filter(|p| p.last < span.first) else { return false };
        let between = unit.work[unit.toks[prev.last].end..unit.toks[span.first].start].trim().to_lowercase();
        let between = between.strip_suffix(" the").or(between.strip_suffix("the")).unwrap_or(&between).trim();
        matches!(between, "," | "and" | "&" | ", and") && self.mentions[prev.id].kind == Kind::Outside
    }

    /// "Board members", "Board Chair": the words name people, yet they show the body has
    /// members or a chair. The body is registered, but it founds nothing and is no subject.
    fn seat(&mut self, unit: &Unit, span: &Span, source: Source, ev: Evidence, order: (usize, usize)) {
        if !SEAT_AFTER.is_match(&unit.work[unit.toks[span.last].end..]) {
            return;
        }
        let named = Span { role: false, ..span.clone() };
        if let Some(mut mention) = self.namer.mention(unit, &named, source, ev, order) {
            mention.creates = false;
            self.mentions.push(mention);
            let id = self.mentions.len() - 1;
            self.facts.push(Fact::about(FactKind::Presented, String::new(), id, None));
        }
    }
}
