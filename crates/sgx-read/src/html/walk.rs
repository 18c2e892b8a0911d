//! The walk over the DOM: flow content into paragraphs and headings, inline text into the
//! paragraph being built, each element dispatched by its role. Lists and tables are read by
//! the Walker's methods in [`super::lists`] and [`super::tables`].

use scraper::{ElementRef, Node};
use sgx_ir::{Block, BlockKind, LineRange, Provenance, Warning, WarningKind};

use super::context::{child_ctx, Ctx};
use super::roles::{role_of, Role};
use super::source_lines::Lines;
use crate::common::html_grid::NameCounter;
use crate::common::text_builder::TextBuilder;

/// Elements nested deeper than this are read as plain text: the walk is recursive, and
/// pathological pages (thousands of nested `<div>`s) must not exhaust the stack.
const MAX_DEPTH: usize = 96;

/// The paragraph being built from inline content.
#[derive(Default)]
pub(super) struct Pending {
    text: TextBuilder,
    path: Option<String>,
    first_line: Option<u32>,
    last_line: u32,
}

/// The walk's state: the blocks read so far, the paragraph being built, where it is.
pub(super) struct Walker<'a> {
    lines: &'a Lines,
    pub(super) has_h_tags: bool,
    pub(super) warnings: Vec<Warning>,
    pub(super) out: Vec<Block>,
    pub(super) pending: Pending,
    /// Heading level of the heading element being read, if any.
    heading: Option<u8>,
    /// Element path of the current element, one segment ("div[2]") per level.
    pub(super) path: Vec<String>,
    /// How many segments of `path` lead to the innermost block element: a paragraph's path
    /// is its block's, not that of the `<span>` its first word sits in.
    block_len: usize,
    /// The nesting-cap warning was given (once per page).
    deep_warned: bool,
}

impl<'a> Walker<'a> {
    pub(super) fn new(lines: &'a Lines, has_h_tags: bool) -> Self {
        Walker {
            lines,
            has_h_tags,
            warnings: Vec::new(),
            out: Vec::new(),
            pending: Pending::default(),
            heading: None,
            path: Vec::new(),
            block_len: 0,
            deep_warned: false,
        }
    }

    pub(super) fn path_string(&self) -> String {
        format!("/{}", self.path.join("/"))
    }

    fn block_path(&self) -> String {
        format!("/{}", self.path[..self.block_len.min(self.path.len())].join("/"))
    }

    pub(super) fn prov_of(&self, el: ElementRef) -> Provenance {
        let start = self.lines.start(el);
        Provenance {
            lines: start.map(|s| LineRange { start: s, end: self.lines.end(el).unwrap_or(s).max(s) }),
            path: Some(self.path_string()),
            ..Provenance::default()
        }
    }

    /// Walk the children of `el` as flow content.
    fn block(&mut self, el: ElementRef<'a>, ctx: Ctx, depth: usize) {
        let mut counts = NameCounter::default();
        for node in el.children() {
            match node.value() {
                Node::Text(t) => self.text(t, ctx, el),
                Node::Element(e) => {
                    let Some(child) = ElementRef::wrap(node) else { continue };
                    let index = counts.next(e.name());
                    self.path.push(format!("{}[{index}]", e.name()));
                    self.element(child, ctx, depth + 1);
                    self.path.pop();
                }
                _ => {}
            }
        }
    }

    pub(super) fn element(&mut self, el: ElementRef<'a>, ctx: Ctx, depth: usize) {
        if depth > MAX_DEPTH {
            self.flatten_deep(el, ctx);
            return;
        }
        let role = role_of(el, ctx, self.has_h_tags);
        let inner = child_ctx(el, ctx);
        match role {
            Role::Skip => {}
            Role::Inline => self.block(el, inner, depth),
            Role::LineBreak => self.line_break(),
            Role::Block => {
                self.flush();
                self.block_at_path(el, inner, depth);
                self.flush();
            }
            Role::Heading(level) => {
                self.flush();
                let outer = self.heading.replace(level);
                self.block_at_path(el, inner, depth);
                self.flush();
                self.heading = outer;
            }
            Role::Pre => {
                self.flush();
                self.block_at_path(el, Ctx { pre: true, ..inner }, depth);
                self.flush();
            }
            Role::List { ordered } => {
                self.flush();
                self.list(el, inner, ordered, depth);
            }
            Role::DefinitionList => {
                self.flush();
                self.definition_list(el, inner, depth);
            }
            Role::Table => {
                self.flush();
                self.table(el, inner, depth);
            }
        }
    }

    /// Walk a block element's children with it as the block that paragraphs are named after.
    pub(super) fn block_at_path(&mut self, el: ElementRef<'a>, ctx: Ctx, depth: usize) {
        let outer = std::mem::replace(&mut self.block_len, self.path.len());
        self.block(el, ctx, depth);
        self.block_len = outer;
    }

    /// Past [`MAX_DEPTH`] the subtree's text is read as one run (iteratively).
    fn flatten_deep(&mut self, el: ElementRef<'a>, ctx: Ctx) {
        if !self.deep_warned {
            let message = format!("markup nested deeper than {MAX_DEPTH} levels: read as plain text");
            self.warnings.push(Warning::new(WarningKind::LimitReached, message));
            self.deep_warned = true;
        }
        for t in el.text() {
            self.text(t, ctx, el);
        }
    }

    fn text(&mut self, t: &str, ctx: Ctx, parent: ElementRef) {
        if ctx.sup && !matches!(t.trim(), "st" | "nd" | "rd" | "th") {
            return;
        }
        if self.pending.path.is_none() && !t.trim().is_empty() {
            self.pending.path = Some(self.block_path());
            self.pending.first_line = self.lines.start(parent);
        }
        if let Some(end) = self.lines.end(parent) {
            self.pending.last_line = self.pending.last_line.max(end);
        }
        if ctx.pre {
            self.pending.text.push(t, &ctx.styles());
        } else {
            self.pending.text.push_collapsed(t, &ctx.styles());
        }
    }

    fn line_break(&mut self) {
        self.pending.text.line_break();
    }

    /// End the current paragraph (or heading), if it holds any text.
    pub(super) fn flush(&mut self) {
        let pending = std::mem::take(&mut self.pending);
        let text = pending.text.finish();
        if text.is_empty() {
            return;
        }
        let lines = pending.first_line.map(|s| LineRange { start: s, end: pending.last_line.max(s) });
        let prov = Provenance { lines, path: pending.path, ..Provenance::default() };
        let kind = match self.heading {
            Some(level) => BlockKind::Heading { level, text },
            None => BlockKind::Paragraph { text },
        };
        self.out.push(Block::new(kind, prov));
    }

    /// Walk `el`'s content into blocks of its own (a list item, a cell, a definition).
    pub(super) fn blocks_of(&mut self, el: ElementRef<'a>, ctx: Ctx, depth: usize) -> Vec<Block> {
        let out = std::mem::take(&mut self.out);
        let pending = std::mem::take(&mut self.pending);
        let heading = self.heading.take();
        self.block_at_path(el, ctx, depth);
        self.flush();
        self.heading = heading;
        self.pending = pending;
        std::mem::replace(&mut self.out, out)
    }
}
