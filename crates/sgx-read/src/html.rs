//! Reader for HTML pages: the DOM (html5ever, through scraper) walked into IR blocks.
//!
//! Headings (h1–h6, and elements marked or styled as headings), paragraphs, nested lists,
//! definition lists (as two-column tables, the shape glossaries have), tables on their real
//! grid (see [`crate::html_table`]) with nested tables as tables of their own, and inline
//! emphasis (`<b>`, `<strong>`, `<u>`, `<i>`, CSS font-weight) as marks. Page furniture —
//! scripts, navigation, site header and footer, cookie banners — is left out. Provenance is
//! the element path and the source lines, which the tree builder reports as it goes.

use std::collections::HashMap;

use scraper::{ElementRef, Html, Node};
use sgx_ir::{
    Block, BlockKind, Cell, CellPara, Document, Format, LineRange, ListItem, Provenance, Row, Source, Style,
    Table, Text, Warning, WarningKind,
};

use crate::html_table::{self, NameCounter};
pub(crate) use text_builder::{append, split_lines, TextBuilder};

/// Elements nested deeper than this are read as plain text: the walk is recursive, and
/// pathological pages (thousands of nested `<div>`s) must not exhaust the stack.
const MAX_DEPTH: usize = 96;
/// Longest text an element classed or styled as a heading may hold.
const MAX_HEADING_CHARS: usize = 200;

/// Read an HTML page into the IR.
pub fn read(bytes: &[u8], path: &str) -> Document {
    let (text, encoding_warning) = charset::decode(bytes);
    let (dom, lines) = source_lines::parse(&text);
    let root = content_root(&dom);
    let mut walker = Walker::new(&lines, has_heading_tags(&dom));
    walker.warnings.extend(encoding_warning.map(|m| Warning::new(WarningKind::EncodingGuessed, m)));
    let ctx = Ctx { in_main: root.value().name() != "body", ..Ctx::default() };
    walker.path = element_path(root);
    walker.block_at_path(root, ctx, 0);
    walker.flush();
    Document {
        source: Source { path: path.to_string(), format: Format::Html, ..Source::default() },
        blocks: walker.out,
        warnings: walker.warnings,
    }
}

/// Markup that is an HTML page although it lacks a doctype: it opens with a comment or a
/// page-level tag (`<head>`, `<body>`, `<meta>`), or — in a file named .htm/.html — with any
/// HTML element. Converter output that merely contains tags stays text.
pub fn sniff(head: &[u8], path: &str) -> bool {
    let mut rest = head;
    // Comments before the first tag (templates often open with one).
    while rest.starts_with(b"<!--") {
        match rest.windows(3).position(|w| w == b"-->") {
            Some(end) => rest = rest[end + 3..].trim_ascii_start(),
            None => return false,
        }
    }
    let lower: Vec<u8> = rest.iter().take(32).map(u8::to_ascii_lowercase).collect();
    let tag: Vec<u8> = lower.iter().skip(1).take_while(|b| b.is_ascii_alphanumeric()).copied().collect();
    if !lower.starts_with(b"<") || tag.is_empty() {
        return false;
    }
    let tag = String::from_utf8_lossy(&tag);
    if lower.starts_with(b"<!doctype html")
        || matches!(tag.as_ref(), "html" | "head" | "body" | "meta" | "title")
    {
        return true;
    }
    let ext = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    let known = INLINE.contains(&tag.as_ref())
        || heading_tag_level(&tag).is_some()
        || matches!(
            tag.as_ref(),
            "div"
                | "p"
                | "table"
                | "ul"
                | "ol"
                | "dl"
                | "section"
                | "article"
                | "main"
                | "header"
                | "nav"
                | "center"
                | "form"
                | "pre"
                | "blockquote"
                | "tr"
                | "td"
        );
    known && matches!(ext.as_str(), "htm" | "html" | "xhtml")
}

/// Path segments ("body[1]", "main[1]") from the document down to `el`.
fn element_path(el: ElementRef) -> Vec<String> {
    let mut segments: Vec<String> = std::iter::once(el.id())
        .chain(el.ancestors().map(|a| a.id()))
        .filter_map(|id| el.tree().get(id).and_then(ElementRef::wrap))
        .map(|e| {
            let name = e.value().name();
            let before =
                e.prev_siblings().filter_map(ElementRef::wrap).filter(|s| s.value().name() == name).count();
            format!("{name}[{}]", before + 1)
        })
        .collect();
    segments.reverse();
    segments
}

/// The page's main content: `<main>` (or `role="main"`) when it holds text, else `<body>`.
fn content_root(dom: &Html) -> ElementRef<'_> {
    let elements = || dom.root_element().descendants().filter_map(ElementRef::wrap);
    let main = elements().find(|e| {
        e.value().name() == "main" || e.value().attr("role").is_some_and(|r| r.eq_ignore_ascii_case("main"))
    });
    if let Some(main) = main.filter(|m| m.text().any(|t| !t.trim().is_empty())) {
        return main;
    }
    elements().find(|e| e.value().name() == "body").unwrap_or_else(|| dom.root_element())
}

fn has_heading_tags(dom: &Html) -> bool {
    dom.root_element()
        .descendants()
        .filter_map(ElementRef::wrap)
        .any(|e| heading_tag_level(e.value().name()).is_some())
}

fn heading_tag_level(name: &str) -> Option<u8> {
    match name.as_bytes() {
        [b'h', d @ b'1'..=b'6'] => Some(d - b'0'),
        _ => None,
    }
}

/// What the walk inherits from enclosing elements.
#[derive(Debug, Clone, Copy, Default)]
struct Ctx {
    bold: bool,
    italic: bool,
    underline: bool,
    /// Inside `<pre>`: whitespace is kept.
    pre: bool,
    /// Inside `<sup>`: footnote markers are dropped, ordinal suffixes kept.
    sup: bool,
    /// Inside `<main>` / `<article>`: a `<header>` or `<footer>` here belongs to the content.
    in_main: bool,
    /// Inside a table cell: layout classes ("nav" cells) do not remove content from the grid.
    in_table: bool,
}

impl Ctx {
    fn styles(&self) -> Vec<Style> {
        let mut s = Vec::new();
        if self.bold {
            s.push(Style::Bold);
        }
        if self.italic {
            s.push(Style::Italic);
        }
        if self.underline {
            s.push(Style::Underline);
        }
        s
    }
}

/// How an element takes part in the walk.
#[derive(Debug, PartialEq)]
enum Role {
    /// Left out with its content (scripts, navigation, cookie banners...).
    Skip,
    /// Text-level element: its content continues the current paragraph.
    Inline,
    LineBreak,
    /// A block that starts and ends a paragraph of its own (p, div, section...).
    Block,
    Heading(u8),
    List {
        ordered: bool,
    },
    DefinitionList,
    Table,
    Pre,
}

const INLINE: &[&str] = &[
    "a", "abbr", "acronym", "b", "bdi", "bdo", "big", "cite", "code", "data", "del", "dfn", "em", "font",
    "i", "ins", "kbd", "label", "mark", "nobr", "q", "rp", "rt", "ruby", "s", "samp", "small", "span",
    "strike", "strong", "sub", "sup", "time", "tt", "u", "var", "wbr", "img", "picture", "abbr", "output",
    "meter", "progress",
];
const SKIP: &[&str] = &[
    "head", "script", "style", "noscript", "template", "nav", "iframe", "object", "embed", "svg", "math",
    "canvas", "button", "select", "input", "textarea", "option", "datalist", "map", "audio", "video",
    "source", "track", "dialog",
];
/// Class / id words that mark page furniture anywhere on a page.
const FURNITURE_ANYWHERE: &[&str] =
    &["cookie", "cookies", "consent", "gdpr", "breadcrumb", "breadcrumbs", "skiplink", "skiplinks"];
/// Class / id words that mark page furniture outside the main content (and outside tables).
const FURNITURE_OUTSIDE_MAIN: &[&str] =
    &["nav", "navbar", "navigation", "menu", "sidebar", "social", "share"];
/// Furniture is small or mostly links: a "header" wrapped around a whole page is content.
const MAX_FURNITURE_CHARS: usize = 3000;

fn role_of(el: ElementRef, ctx: Ctx, has_h_tags: bool) -> Role {
    let e = el.value();
    let name = e.name();
    if SKIP.contains(&name)
        || e.attr("hidden").is_some()
        || (looks_like_furniture(el, ctx) && is_small_or_links(el))
    {
        return Role::Skip;
    }
    if let Some(level) = heading_tag_level(name) {
        return Role::Heading(level);
    }
    match name {
        "br" => return Role::LineBreak,
        "ul" | "menu" | "dir" => return Role::List { ordered: false },
        "ol" => return Role::List { ordered: true },
        "dl" => return Role::DefinitionList,
        "table" => return Role::Table,
        "pre" | "listing" | "xmp" | "plaintext" => return Role::Pre,
        _ => {}
    }
    if let Some(level) = marked_heading_level(el, has_h_tags) {
        return Role::Heading(level);
    }
    if INLINE.contains(&name) {
        Role::Inline
    } else {
        Role::Block
    }
}

/// Navigation, banners and cookie notices, by element, ARIA role, class and id.
fn looks_like_furniture(el: ElementRef, ctx: Ctx) -> bool {
    let e = el.value();
    let name = e.name();
    if matches!(
        name,
        "html"
            | "body"
            | "main"
            | "article"
            | "table"
            | "thead"
            | "tbody"
            | "tfoot"
            | "tr"
            | "td"
            | "th"
            | "caption"
    ) {
        return false;
    }
    let outside_main = !ctx.in_main && !ctx.in_table;
    if outside_main && matches!(name, "header" | "footer" | "aside") {
        return true;
    }
    let role = e.attr("role").unwrap_or("").to_ascii_lowercase();
    if matches!(role.as_str(), "navigation" | "search")
        || (outside_main && matches!(role.as_str(), "banner" | "contentinfo" | "complementary"))
    {
        return true;
    }
    let words = e.classes().chain(e.id()).flat_map(|c| c.split(['-', '_'])).map(str::to_ascii_lowercase);
    for word in words {
        if FURNITURE_ANYWHERE.contains(&word.as_str())
            || (outside_main && FURNITURE_OUTSIDE_MAIN.contains(&word.as_str()))
        {
            return true;
        }
    }
    false
}

/// Little text, or text that is mostly link labels.
fn is_small_or_links(el: ElementRef) -> bool {
    let (mut all, mut in_links) = (0usize, 0usize);
    for node in el.descendants() {
        let Node::Text(t) = node.value() else { continue };
        let n = t.trim().chars().count();
        all += n;
        if is_link_label(node, el) {
            in_links += n;
        }
        if all > MAX_FURNITURE_CHARS && in_links * 2 < all {
            return false;
        }
    }
    true
}

/// A text node inside a link within `el`. A link label sits a few levels under its <a>;
/// looking further up costs too much.
fn is_link_label(node: ego_tree::NodeRef<Node>, el: ElementRef) -> bool {
    node.ancestors()
        .take_while(|a| a.id() != el.id())
        .take(8)
        .any(|a| a.value().as_element().is_some_and(|e| e.name() == "a"))
}

/// Headings without h-tags: `role="heading"`, heading-like classes ("title", "heading-2",
/// "h3"), and — only on pages that use no h-tags at all — large or bold-and-large type.
fn marked_heading_level(el: ElementRef, has_h_tags: bool) -> Option<u8> {
    let e = el.value();
    // Only blocks: a "title" span inside a sentence is a citation, not a heading.
    let block = matches!(e.name(), "div" | "p" | "section" | "header");
    let level = if e.attr("role").is_some_and(|r| r.eq_ignore_ascii_case("heading")) {
        Some(e.attr("aria-level").and_then(|l| l.trim().parse::<u8>().ok()).unwrap_or(2).clamp(1, 6))
    } else if !block {
        None
    } else if let Some(level) = e.classes().find_map(class_heading_level) {
        Some(level)
    } else if !has_h_tags {
        e.attr("style").and_then(styled_heading_level)
    } else {
        None
    };
    // A heading is short; a "title" class on a whole section is not one.
    level.filter(|_| el.text().flat_map(str::chars).take(MAX_HEADING_CHARS + 1).count() <= MAX_HEADING_CHARS)
}

fn class_heading_level(class: &str) -> Option<u8> {
    let c = class.to_ascii_lowercase();
    let digit = c.bytes().last().filter(|b| (b'1'..=b'6').contains(b)).map(|b| b - b'0');
    let stem = c.trim_end_matches(|ch: char| ch.is_ascii_digit()).trim_end_matches(['-', '_']);
    match stem {
        "h" | "heading" | "header" | "title" => digit.or(match stem {
            "title" => Some(1),
            "heading" => Some(2),
            _ => None,
        }),
        "page-title" | "doc-title" | "document-title" | "main-title" => Some(1),
        "subtitle" | "sub-title" | "section-title" | "section-heading" => Some(2),
        _ => None,
    }
}

/// Heading level from inline CSS: 20pt (≈27px) and up is a title, 16pt up a heading, 14pt
/// and bold a minor heading.
fn styled_heading_level(style: &str) -> Option<u8> {
    let decl = css_declarations(style);
    let size = decl.get("font-size").and_then(|v| font_size_pt(v))?;
    let bold = decl.get("font-weight").is_some_and(|w| is_bold_weight(w));
    match size {
        s if s >= 20.0 => Some(1),
        s if s >= 16.0 => Some(2),
        s if s >= 14.0 && bold => Some(3),
        _ => None,
    }
}

fn font_size_pt(v: &str) -> Option<f32> {
    let v = v.trim().to_ascii_lowercase();
    let named = match v.as_str() {
        "xx-large" | "xxx-large" => Some(24.0),
        "x-large" => Some(18.0),
        "large" => Some(13.5),
        _ => None,
    };
    if named.is_some() {
        return named;
    }
    let (num, unit) = v.split_at(v.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(v.len()));
    let n: f32 = num.parse().ok()?;
    match unit.trim() {
        "pt" => Some(n),
        "px" => Some(n * 0.75),
        "em" | "rem" => Some(n * 12.0),
        _ => None,
    }
}

fn is_bold_weight(v: &str) -> bool {
    let v = v.trim().to_ascii_lowercase();
    v == "bold" || v == "bolder" || v.parse::<u32>().is_ok_and(|n| n >= 600)
}

/// `property: value` pairs of a style attribute, properties lower-cased.
fn css_declarations(style: &str) -> HashMap<String, String> {
    style
        .split(';')
        .filter_map(|d| d.split_once(':'))
        .map(|(k, v)| {
            (k.trim().to_ascii_lowercase(), v.trim().trim_end_matches("!important").trim().to_string())
        })
        .collect()
}

/// The context an element's content is read in: emphasis from its tag and inline style.
fn child_ctx(el: ElementRef, mut ctx: Ctx) -> Ctx {
    let e = el.value();
    match e.name() {
        "b" | "strong" => ctx.bold = true,
        "i" | "em" | "cite" | "dfn" | "var" => ctx.italic = true,
        "u" | "ins" => ctx.underline = true,
        "sup" => ctx.sup = true,
        "main" | "article" => ctx.in_main = true,
        "td" | "th" => ctx.in_table = true,
        _ => {}
    }
    if let Some(style) = e.attr("style") {
        let decl = css_declarations(style);
        if let Some(w) = decl.get("font-weight") {
            ctx.bold = is_bold_weight(w);
        }
        if let Some(s) = decl.get("font-style") {
            ctx.italic = s.contains("italic") || s.contains("oblique");
        }
        if let Some(d) = decl.get("text-decoration").or_else(|| decl.get("text-decoration-line")) {
            ctx.underline = d.contains("underline");
        }
    }
    ctx
}

/// The paragraph being built from inline content.
#[derive(Default)]
struct Pending {
    text: TextBuilder,
    path: Option<String>,
    first_line: Option<u32>,
    last_line: u32,
}

struct Walker<'a> {
    lines: &'a source_lines::Lines,
    has_h_tags: bool,
    warnings: Vec<Warning>,
    out: Vec<Block>,
    pending: Pending,
    /// Heading level of the heading element being read, if any.
    heading: Option<u8>,
    /// Element path of the current element, one segment ("div[2]") per level.
    path: Vec<String>,
    /// How many segments of `path` lead to the innermost block element: a paragraph's path
    /// is its block's, not that of the `<span>` its first word sits in.
    block_len: usize,
    deep_warned: bool,
}

impl<'a> Walker<'a> {
    fn new(lines: &'a source_lines::Lines, has_h_tags: bool) -> Self {
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

    fn path_string(&self) -> String {
        format!("/{}", self.path.join("/"))
    }

    fn block_path(&self) -> String {
        format!("/{}", self.path[..self.block_len.min(self.path.len())].join("/"))
    }

    fn prov_of(&self, el: ElementRef) -> Provenance {
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

    fn element(&mut self, el: ElementRef<'a>, ctx: Ctx, depth: usize) {
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
    fn block_at_path(&mut self, el: ElementRef<'a>, ctx: Ctx, depth: usize) {
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
    fn flush(&mut self) {
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
    fn blocks_of(&mut self, el: ElementRef<'a>, ctx: Ctx, depth: usize) -> Vec<Block> {
        let out = std::mem::take(&mut self.out);
        let pending = std::mem::take(&mut self.pending);
        let heading = self.heading.take();
        self.block_at_path(el, ctx, depth);
        self.flush();
        self.heading = heading;
        self.pending = pending;
        std::mem::replace(&mut self.out, out)
    }

    fn list(&mut self, el: ElementRef<'a>, ctx: Ctx, ordered: bool, depth: usize) {
        let prov = self.prov_of(el);
        let mut deferred = Vec::new();
        let items = self.list_items(el, ctx, ordered, depth, &mut deferred);
        if !items.is_empty() {
            self.out.push(Block::new(BlockKind::List { items }, prov));
        }
        self.out.extend(deferred);
    }

    /// The items of a `<ul>` / `<ol>`; tables found inside items go to `deferred`.
    fn list_items(
        &mut self,
        el: ElementRef<'a>,
        ctx: Ctx,
        ordered: bool,
        depth: usize,
        deferred: &mut Vec<Block>,
    ) -> Vec<ListItem> {
        let mut numbers = OrderedNumbers::new(el, ordered);
        let mut items = Vec::new();
        let mut counts = NameCounter::default();
        for node in el.children() {
            let Some(child) = ElementRef::wrap(node) else {
                // Text straight inside the list (no <li>) is an item of its own.
                if let Node::Text(t) = node.value() {
                    let mut text = TextBuilder::default();
                    text.push_collapsed(t, &ctx.styles());
                    let text = text.finish();
                    if !text.is_empty() {
                        items.push(ListItem {
                            marker: numbers.bullet(),
                            text,
                            children: Vec::new(),
                            prov: self.prov_of(el),
                        });
                    }
                }
                continue;
            };
            let name = child.value().name();
            self.path.push(format!("{name}[{}]", counts.next(name)));
            if name == "li" {
                let marker = numbers.next(child);
                let prov = self.prov_of(child);
                let blocks = self.blocks_of(child, child_ctx(child, ctx), depth + 1);
                let item = item_from_blocks(marker, prov, blocks, deferred);
                items.extend(item);
            } else if role_of(child, ctx, self.has_h_tags) != Role::Skip {
                // Content straight inside the list (no <li>) still belongs to it.
                let blocks = self.blocks_of_element(child, ctx, depth + 1);
                for b in blocks {
                    match b.kind {
                        BlockKind::List { items: nested } => match items.last_mut() {
                            Some(last) => last.children.extend(nested),
                            None => items.extend(nested),
                        },
                        BlockKind::Paragraph { text } | BlockKind::Heading { text, .. } => {
                            items.push(ListItem {
                                marker: numbers.bullet(),
                                text,
                                children: Vec::new(),
                                prov: b.prov,
                            })
                        }
                        BlockKind::Table(_) => deferred.push(b),
                    }
                }
            }
            self.path.pop();
        }
        items
    }

    /// Blocks of one element itself (not only its children), for stray list content.
    fn blocks_of_element(&mut self, el: ElementRef<'a>, ctx: Ctx, depth: usize) -> Vec<Block> {
        let out = std::mem::take(&mut self.out);
        let pending = std::mem::take(&mut self.pending);
        self.element(el, ctx, depth);
        self.flush();
        self.pending = pending;
        std::mem::replace(&mut self.out, out)
    }

    /// `<dl>` as a two-column table: terms on the left, their descriptions on the right.
    fn definition_list(&mut self, el: ElementRef<'a>, ctx: Ctx, depth: usize) {
        let prov = self.prov_of(el);
        let mut rows: Vec<Row> = Vec::new();
        let mut deferred = Vec::new();
        let mut last_was_term = false;
        // <div> wrappers around dt/dd groups are allowed: look one level in.
        let entries: Vec<ElementRef> = el
            .children()
            .filter_map(ElementRef::wrap)
            .flat_map(|c| {
                if c.value().name() == "div" {
                    c.children().filter_map(ElementRef::wrap).collect()
                } else {
                    vec![c]
                }
            })
            .filter(|c| matches!(c.value().name(), "dt" | "dd"))
            .collect();
        let mut counts = NameCounter::default();
        for entry in entries {
            let name = entry.value().name();
            self.path.push(format!("{name}[{}]", counts.next(name)));
            let entry_prov = self.prov_of(entry);
            let blocks = self.blocks_of(entry, child_ctx(entry, Ctx { in_table: true, ..ctx }), depth + 1);
            let paras = cell_paras(blocks, &mut deferred);
            let is_term = name == "dt";
            let col = usize::from(!is_term);
            let starts_row = (is_term && !last_was_term) || (!is_term && rows.is_empty());
            if starts_row {
                rows.push(Row { cells: Vec::new(), header: false, prov: entry_prov.clone() });
            }
            if let Some(row) = rows.last_mut() {
                match row.cells.iter_mut().find(|c| c.col == col) {
                    Some(cell) => cell.paras.extend(paras),
                    None => {
                        let mut cell = Cell::new(col, paras);
                        cell.prov = Some(entry_prov);
                        row.cells.push(cell);
                    }
                }
            }
            last_was_term = is_term;
            self.path.pop();
        }
        if !rows.is_empty() {
            self.out.push(Block::new(BlockKind::Table(Table { rows }), prov));
        }
        self.out.extend(deferred);
    }

    fn table(&mut self, el: ElementRef<'a>, ctx: Ctx, depth: usize) {
        let table_path = self.path_string();
        let layout = html_table::layout(el);
        if is_layout_table(el, &layout) {
            self.layout_table(layout, ctx, depth);
            return;
        }
        let prov = self.prov_of(el);
        for caption in el.children().filter_map(ElementRef::wrap).filter(|c| c.value().name() == "caption") {
            self.path.push("caption[1]".into());
            let blocks = self.blocks_of(caption, child_ctx(caption, ctx), depth + 1);
            self.out.extend(blocks);
            self.path.pop();
        }
        let at = Provenance { path: Some(table_path.clone()), ..Provenance::default() };
        self.warnings.extend(
            layout.warnings.iter().map(|w| Warning::at(WarningKind::LimitReached, at.clone(), w.clone())),
        );
        let mut nested = Vec::new();
        let mut rows = Vec::with_capacity(layout.rows.len());
        for placed_row in layout.rows {
            let row_prov = Provenance {
                path: Some(format!("{table_path}/{}", placed_row.path)),
                ..self.prov_of(placed_row.tr)
            };
            let mut cells = Vec::with_capacity(placed_row.cells.len());
            for placed in placed_row.cells {
                let cell_path = format!("{}/{}", placed_row.path, placed.path);
                self.path.push(cell_path);
                let cell_prov = self.prov_of(placed.el);
                let inner = child_ctx(placed.el, child_ctx(placed_row.tr, Ctx { in_table: true, ..ctx }));
                let blocks = self.blocks_of(placed.el, inner, depth + 2);
                self.path.pop();
                let mut cell = Cell::new(placed.col, cell_paras(blocks, &mut nested));
                cell.colspan = placed.colspan;
                cell.rowspan = placed.rowspan;
                cell.fill = cell_fill(placed.el).or_else(|| cell_fill(placed_row.tr));
                cell.prov = Some(cell_prov);
                cells.push(cell);
            }
            rows.push(Row { cells, header: placed_row.header, prov: row_prov });
        }
        let mut table = Table { rows };
        if let Some(w) = html_table::bound_grid(&mut table) {
            self.warnings.push(Warning::at(WarningKind::LimitReached, at, w));
        }
        self.out.push(Block::new(BlockKind::Table(table), prov));
        self.out.extend(nested);
    }
}

impl<'a> Walker<'a> {
    /// A table that lays out the page: its cells are read as flow content, row by row, and
    /// side cells that are mostly links (a site menu beside the content) are left out.
    fn layout_table(&mut self, layout: html_table::Layout<'a>, ctx: Ctx, depth: usize) {
        let sizes: Vec<Vec<(usize, usize)>> =
            layout.rows.iter().map(|r| r.cells.iter().map(|c| text_and_link_chars(c.el)).collect()).collect();
        let largest = sizes.iter().flatten().map(|&(all, _)| all).max().unwrap_or(0);
        for (row, sizes) in layout.rows.iter().zip(sizes) {
            for (placed, (all, links)) in row.cells.iter().zip(sizes) {
                let menu = all * 5 < largest && links * 4 >= all;
                if menu {
                    continue;
                }
                self.path.push(format!("{}/{}", row.path, placed.path));
                self.flush();
                self.block_at_path(placed.el, child_ctx(placed.el, child_ctx(row.tr, ctx)), depth + 2);
                self.flush();
                self.path.pop();
            }
        }
    }
}

/// A table used to lay out a page rather than to tabulate: marked so (`role="presentation"`),
/// or without header cells and with a cell that holds a table or a heading of its own among
/// running text. Data tables title their columns and rarely nest tables in prose; page layouts
/// of old sites put the whole page, menus and content tables included, in cells.
fn is_layout_table(el: ElementRef, layout: &html_table::Layout) -> bool {
    if el
        .value()
        .attr("role")
        .is_some_and(|r| matches!(r.trim().to_ascii_lowercase().as_str(), "presentation" | "none"))
    {
        return true;
    }
    if layout.rows.iter().any(|r| r.header) {
        return false;
    }
    layout.rows.iter().flat_map(|r| &r.cells).any(|c| {
        let structured =
            c.el.descendants()
                .filter_map(ElementRef::wrap)
                .any(|d| d.value().name() == "table" || heading_tag_level(d.value().name()).is_some());
        structured && flow_chars(c.el) >= MIN_LAYOUT_FLOW_CHARS
    })
}

/// A layout cell holds running text besides its tables: a page's worth, not a caption.
const MIN_LAYOUT_FLOW_CHARS: usize = 200;

/// Characters of text under `el` outside nested tables (iterative: no recursion on depth).
fn flow_chars(el: ElementRef) -> usize {
    let mut stack: Vec<_> = el.children().collect();
    let mut n = 0;
    while let Some(node) = stack.pop() {
        match node.value() {
            Node::Text(t) => n += t.trim().chars().count(),
            Node::Element(e) if e.name() != "table" => stack.extend(node.children()),
            _ => {}
        }
    }
    n
}

/// Characters of text under `el`, and how many of them are link labels.
fn text_and_link_chars(el: ElementRef) -> (usize, usize) {
    let (mut all, mut links) = (0, 0);
    for node in el.descendants() {
        let Node::Text(t) = node.value() else { continue };
        let n = t.trim().chars().count();
        all += n;
        if is_link_label(node, el) {
            links += n;
        }
    }
    (all, links)
}

/// A list item from the blocks of its `<li>`: the first paragraphs are its text, nested
/// lists its children; tables go to `deferred`.
fn item_from_blocks(
    marker: String,
    prov: Provenance,
    blocks: Vec<Block>,
    deferred: &mut Vec<Block>,
) -> Option<ListItem> {
    let mut item = ListItem { marker, text: Text::default(), children: Vec::new(), prov };
    for b in blocks {
        match b.kind {
            BlockKind::Paragraph { text } | BlockKind::Heading { text, .. } => {
                if !item.text.text.is_empty() {
                    item.text.push("\n", &[]);
                }
                append(&mut item.text, text);
            }
            BlockKind::List { items } => item.children.extend(items),
            BlockKind::Table(_) => deferred.push(b),
        }
    }
    (!item.text.is_empty() || !item.children.is_empty()).then_some(item)
}

/// A cell's blocks as cell paragraphs: line breaks split paragraphs, list items become
/// bullet paragraphs; nested tables go to `nested`, to follow the outer table.
fn cell_paras(blocks: Vec<Block>, nested: &mut Vec<Block>) -> Vec<CellPara> {
    let mut paras = Vec::new();
    for b in blocks {
        match b.kind {
            BlockKind::Paragraph { text } | BlockKind::Heading { text, .. } => {
                paras.extend(split_lines(text).into_iter().map(|text| CellPara { text, bullet: None }));
            }
            BlockKind::List { items } => push_items(&items, 0, &mut paras),
            BlockKind::Table(_) => nested.push(b),
        }
    }
    paras
}

fn push_items(items: &[ListItem], level: u8, paras: &mut Vec<CellPara>) {
    for item in items {
        if !item.text.is_empty() {
            paras.push(CellPara { text: item.text.clone(), bullet: Some(level) });
        }
        push_items(&item.children, level.saturating_add(1), paras);
    }
}

/// Marker of each `<li>`: "•" in unordered lists; in ordered ones the number in the list's
/// `type`, counting from `start` (down when `reversed`), reset by an item's `value`.
struct OrderedNumbers {
    ordered: bool,
    next: i64,
    step: i64,
    kind: String,
}

impl OrderedNumbers {
    fn new(list: ElementRef, ordered: bool) -> Self {
        let e = list.value();
        let reversed = e.attr("reversed").is_some();
        let count =
            list.children().filter_map(ElementRef::wrap).filter(|c| c.value().name() == "li").count() as i64;
        let start = e.attr("start").and_then(|s| s.trim().parse::<i64>().ok()).unwrap_or(if reversed {
            count
        } else {
            1
        });
        OrderedNumbers {
            ordered,
            next: start,
            step: if reversed { -1 } else { 1 },
            kind: e.attr("type").unwrap_or("1").to_string(),
        }
    }

    fn next(&mut self, li: ElementRef) -> String {
        if !self.ordered {
            return self.bullet();
        }
        if let Some(v) = li.value().attr("value").and_then(|v| v.trim().parse::<i64>().ok()) {
            self.next = v;
        }
        let n = self.next;
        self.next = self.next.saturating_add(self.step);
        let shown = match (self.kind.as_str(), u32::try_from(n)) {
            ("a", Ok(n)) => crate::docx::alpha(n, false),
            ("A", Ok(n)) => crate::docx::alpha(n, true),
            ("i", Ok(n)) => crate::docx::roman(n, false),
            ("I", Ok(n)) => crate::docx::roman(n, true),
            _ => n.to_string(),
        };
        format!("{shown}.")
    }

    fn bullet(&self) -> String {
        "•".to_string()
    }
}

/// Background of a cell from `bgcolor` or inline CSS, as `#rrggbb`.
fn cell_fill(el: ElementRef) -> Option<String> {
    let e = el.value();
    let from_style = e.attr("style").and_then(|s| {
        let decl = css_declarations(s);
        decl.get("background-color")
            .or_else(|| decl.get("background"))
            .and_then(|v| v.split_whitespace().find_map(css_colour))
    });
    from_style.or_else(|| e.attr("bgcolor").and_then(css_colour))
}

/// `#rgb`, `#rrggbb`, `rgb(r, g, b)` or a basic colour name as `#rrggbb`.
pub(crate) fn css_colour(v: &str) -> Option<String> {
    let v = v.trim().to_ascii_lowercase();
    if let Some(hex) = v.strip_prefix('#') {
        if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        return match hex.len() {
            3 => Some(hex.chars().flat_map(|c| [c, c]).collect::<String>()).map(|h| format!("#{h}")),
            6 => Some(format!("#{hex}")),
            _ => None,
        };
    }
    if let Some(args) =
        v.strip_prefix("rgb(").or_else(|| v.strip_prefix("rgba(")).and_then(|r| r.strip_suffix(')'))
    {
        let parts: Vec<u8> = args
            .split([',', ' '])
            .filter(|p| !p.is_empty())
            .take(3)
            .filter_map(|p| p.trim().parse().ok())
            .collect();
        return (parts.len() == 3).then(|| format!("#{:02x}{:02x}{:02x}", parts[0], parts[1], parts[2]));
    }
    let named = match v.as_str() {
        "red" => "#ff0000",
        "green" => "#008000",
        "lime" => "#00ff00",
        "yellow" => "#ffff00",
        "orange" => "#ffa500",
        "white" => "#ffffff",
        "black" => "#000000",
        "gray" | "grey" => "#808080",
        "silver" => "#c0c0c0",
        "blue" => "#0000ff",
        _ => return None,
    };
    Some(named.to_string())
}

/// Building [`Text`] from pieces in linear time: marks of one style that touch are merged
/// as they are added (so a page of alternating bold and plain words stays linear).
pub(crate) mod text_builder {
    use sgx_ir::{Mark, Style, Text};

    #[derive(Default)]
    pub struct TextBuilder {
        text: String,
        marks: Vec<Mark>,
        /// Index in `marks` of the last mark of each style.
        last: [Option<usize>; 3],
    }

    fn slot(style: Style) -> usize {
        match style {
            Style::Bold => 0,
            Style::Italic => 1,
            Style::Underline => 2,
        }
    }

    impl TextBuilder {
        /// Append `s` as it is.
        pub fn push(&mut self, s: &str, styles: &[Style]) {
            let start = self.text.len();
            self.text.push_str(s);
            let end = self.text.len();
            if start == end {
                return;
            }
            for &style in styles {
                let k = slot(style);
                match self.last[k].and_then(|i| self.marks.get_mut(i)).filter(|m| m.end == start) {
                    Some(m) => m.end = end,
                    None => {
                        self.marks.push(Mark { start, end, style });
                        self.last[k] = Some(self.marks.len() - 1);
                    }
                }
            }
        }

        /// Append `s` with runs of whitespace made one space, and no space at the start of a
        /// paragraph or line (HTML's white-space rule; Word text is read the same way).
        pub fn push_collapsed(&mut self, s: &str, styles: &[Style]) {
            let mut out = String::with_capacity(s.len());
            let mut space = false;
            let at_line_start = self.text.is_empty() || self.text.ends_with([' ', '\n']);
            for c in s.chars() {
                if c.is_whitespace() {
                    space = true;
                    continue;
                }
                if space && !(out.is_empty() && at_line_start) {
                    out.push(' ');
                }
                space = false;
                out.push(c);
            }
            if space && !(out.is_empty() && at_line_start) {
                out.push(' ');
            }
            self.push(&out, styles);
        }

        /// A line break: trailing spaces dropped, then `\n` (never two in a row, never first).
        pub fn line_break(&mut self) {
            self.truncate(self.text.trim_end_matches(' ').len());
            if !self.text.is_empty() && !self.text.ends_with('\n') {
                self.push("\n", &[]);
            }
        }

        fn truncate(&mut self, len: usize) {
            self.text.truncate(len);
            // Marks are in the order they were added, so those starting past the cut are last.
            while self.marks.last().is_some_and(|m| m.start >= len) {
                self.marks.pop();
            }
            // Only the last mark of each style can have been extended up to the old end.
            for i in self.last.into_iter().flatten() {
                if let Some(m) = self.marks.get_mut(i) {
                    m.end = m.end.min(len);
                }
            }
            if let Some(m) = self.marks.last_mut() {
                m.end = m.end.min(len);
            }
            self.last = [None; 3];
        }

        /// The text trimmed at both ends, marks of one style that only whitespace separates
        /// merged.
        pub fn finish(mut self) -> Text {
            self.truncate(self.text.trim_end().len());
            let lead = self.text.len() - self.text.trim_start().len();
            let text = self.text.split_off(lead);
            let mut merged: Vec<Mark> = Vec::with_capacity(self.marks.len());
            let mut last: [Option<usize>; 3] = [None; 3];
            for m in self.marks {
                let (start, end) =
                    (m.start.saturating_sub(lead), m.end.min(lead + text.len()).saturating_sub(lead));
                if start >= end {
                    continue;
                }
                let k = slot(m.style);
                if let Some(prev) = last[k].and_then(|i| merged.get_mut(i)) {
                    if text.get(prev.end..start).is_some_and(|gap| gap.trim().is_empty()) {
                        prev.end = prev.end.max(end);
                        continue;
                    }
                }
                merged.push(Mark { start, end, style: m.style });
                last[k] = Some(merged.len() - 1);
            }
            merged.sort_by_key(|m| m.start);
            Text { text, marks: merged }
        }
    }

    /// Split at line breaks, each piece keeping its own marks; empty pieces dropped.
    pub fn split_lines(t: Text) -> Vec<Text> {
        let starts: Vec<usize> =
            std::iter::once(0).chain(t.text.match_indices('\n').map(|(i, _)| i + 1)).collect();
        let mut pieces: Vec<Text> = starts
            .iter()
            .enumerate()
            .map(|(k, &s)| {
                let e = starts.get(k + 1).map_or(t.text.len(), |&n| n - 1);
                Text::plain(&t.text[s..e])
            })
            .collect();
        for m in &t.marks {
            // The lines the mark touches: binary search keeps this linear in practice.
            let first = starts.partition_point(|&s| s <= m.start).saturating_sub(1);
            for (k, &s) in starts.iter().enumerate().skip(first) {
                if s >= m.end {
                    break;
                }
                let e = s + pieces[k].text.len();
                let (a, b) = (m.start.max(s), m.end.min(e));
                if a < b {
                    pieces[k].marks.push(Mark { start: a - s, end: b - s, style: m.style });
                }
            }
        }
        for p in &mut pieces {
            p.marks.sort_by_key(|m| m.start);
        }
        pieces.into_iter().filter(|p| !p.is_empty()).collect()
    }

    /// Append one text to another, shifting its marks.
    pub fn append(dst: &mut Text, src: Text) {
        let base = dst.text.len();
        dst.text.push_str(&src.text);
        dst.marks.extend(src.marks.into_iter().map(|m| Mark {
            start: m.start + base,
            end: m.end + base,
            style: m.style,
        }));
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn collapses_merges_and_splits() {
            let mut b = TextBuilder::default();
            b.push_collapsed("  Priority ", &[Style::Bold]);
            b.push_collapsed(" One:", &[Style::Bold]);
            b.push_collapsed(" tackle\n it ", &[]);
            b.line_break();
            b.push_collapsed("next", &[Style::Underline]);
            let t = b.finish();
            assert_eq!(t.text, "Priority One: tackle it\nnext");
            assert_eq!(t.leading(Style::Bold), Some("Priority One:"));
            let lines = split_lines(t);
            assert_eq!(lines.len(), 2);
            assert!(lines[1].is_all(Style::Underline));
            assert_eq!(lines[0].marks.len(), 1);
        }

        #[test]
        fn trimming_keeps_every_mark_inside_the_text() {
            let mut b = TextBuilder::default();
            for _ in 0..10 {
                b.push("a", &[Style::Bold, Style::Italic]);
                b.push("b", &[Style::Bold]);
            }
            b.push("  ", &[Style::Bold]);
            b.line_break();
            let t = b.finish();
            assert!(t.marks.iter().all(|m| m.end <= t.text.len()), "{t:?}");
        }

        #[test]
        fn alternating_styles_stay_linear() {
            let mut b = TextBuilder::default();
            for _ in 0..200_000 {
                b.push("a", &[Style::Bold]);
                b.push("b", &[]);
            }
            assert_eq!(b.finish().marks.len(), 200_000);
        }
    }
}

/// Which character encoding a page is in: byte order mark, then `<meta charset>` (or the
/// XML declaration), then UTF-8 if the bytes are valid UTF-8, else Windows-1252.
mod charset {
    use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

    /// How far into the page a charset declaration is looked for.
    const PRESCAN_BYTES: usize = 4096;

    pub fn decode(bytes: &[u8]) -> (String, Option<String>) {
        if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
            let (text, _) = enc.decode_without_bom_handling(&bytes[bom_len..]);
            return (text.into_owned(), None);
        }
        if let Some(label) = declared(&bytes[..bytes.len().min(PRESCAN_BYTES)]) {
            if let Some(enc) = Encoding::for_label(label.as_bytes()) {
                // A page cannot really be UTF-16 if its declaration was readable as ASCII.
                let enc = if enc.is_single_byte() || enc == UTF_8 || !enc.name().starts_with("UTF-16") {
                    enc
                } else {
                    UTF_8
                };
                let (text, _, malformed) = enc.decode(bytes);
                let warning = malformed
                    .then(|| format!("page declares {} but has bytes invalid in it: replaced", enc.name()));
                return (text.into_owned(), warning);
            }
        }
        match std::str::from_utf8(bytes) {
            Ok(s) => (s.to_string(), None),
            Err(_) => {
                let (text, _, _) = WINDOWS_1252.decode(bytes);
                (
                    text.into_owned(),
                    Some("page declares no charset and is not UTF-8: decoded as Windows-1252".into()),
                )
            }
        }
    }

    /// The charset named by a `<meta charset>`, a `<meta http-equiv content="...charset=">`
    /// or an XML declaration's `encoding`.
    fn declared(head: &[u8]) -> Option<String> {
        let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
        let lower = String::from_utf8_lossy(&lower);
        if lower.starts_with("<?xml") {
            if let Some(v) = value_after(&lower[..lower.find("?>").unwrap_or(lower.len())], "encoding") {
                return Some(v);
            }
        }
        let mut rest: &str = &lower;
        while let Some(i) = rest.find("<meta") {
            let tag_end = rest[i..].find('>').map_or(rest.len(), |e| i + e);
            let tag = &rest[i..tag_end];
            if let Some(v) = value_after(tag, "charset") {
                return Some(v);
            }
            rest = &rest[tag_end.min(rest.len())..];
            if rest.is_empty() {
                break;
            }
        }
        None
    }

    /// The value after `name=` (quoted or not).
    fn value_after(s: &str, name: &str) -> Option<String> {
        let at = s.find(name)? + name.len();
        let rest = s[at..].trim_start().strip_prefix('=')?.trim_start();
        let rest = rest.trim_start_matches(['"', '\'']);
        let value: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | ':'))
            .collect();
        (!value.is_empty()).then_some(value)
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn meta_charset_and_fallbacks() {
            let page =
                b"<html><head><meta charset=\"windows-1252\"></head><body>caf\xe9 \x93q\x94</body></html>";
            assert!(decode(page).0.contains("café “q”"));
            let page =
                b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\"><p>\xa3100";
            assert!(decode(page).0.contains("£100"));
            let (text, warning) = decode(b"<p>caf\xe9</p>");
            assert!(text.contains("café") && warning.is_some());
            let (text, warning) = decode("\u{feff}<p>naïve</p>".as_bytes());
            assert!(text.starts_with("<p>naïve") && warning.is_none());
            let utf16: Vec<u8> = [0xFF, 0xFE]
                .into_iter()
                .chain("<p>hi</p>".encode_utf16().flat_map(u16::to_le_bytes))
                .collect();
            assert_eq!(decode(&utf16).0, "<p>hi</p>");
        }
    }
}

/// The source line of each element, recorded while html5ever builds the tree: a tree sink
/// that forwards every call to scraper's and notes the tokenizer's current line.
mod source_lines {
    use std::borrow::Cow;
    use std::cell::{Cell, Ref, RefCell};
    use std::collections::HashMap;

    use ego_tree::NodeId;
    use html5ever::tendril::{StrTendril, TendrilSink};
    use html5ever::tree_builder::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
    use html5ever::{Attribute, QualName};
    use scraper::{ElementRef, Html, HtmlTreeSink};

    /// First and last source line of each element (the last line anything was added to it).
    #[derive(Default)]
    pub struct Lines {
        start: HashMap<NodeId, u32>,
        end: HashMap<NodeId, u32>,
    }

    impl Lines {
        pub fn start(&self, el: ElementRef) -> Option<u32> {
            self.start.get(&el.id()).copied()
        }

        pub fn end(&self, el: ElementRef) -> Option<u32> {
            self.end.get(&el.id()).or_else(|| self.start.get(&el.id())).copied()
        }
    }

    pub fn parse(text: &str) -> (Html, Lines) {
        let sink = LineSink {
            inner: HtmlTreeSink::new(Html::new_document()),
            line: Cell::new(1),
            lines: RefCell::default(),
        };
        html5ever::parse_document(sink, Default::default()).one(text)
    }

    struct LineSink {
        inner: HtmlTreeSink,
        line: Cell<u32>,
        lines: RefCell<Lines>,
    }

    impl LineSink {
        fn touch(&self, node: NodeId) {
            self.lines.borrow_mut().end.insert(node, self.line.get());
        }
    }

    impl TreeSink for LineSink {
        type Handle = NodeId;
        type Output = (Html, Lines);
        type ElemName<'a> = Ref<'a, QualName>;

        fn finish(self) -> Self::Output {
            (self.inner.finish(), self.lines.into_inner())
        }
        fn set_current_line(&self, line_number: u64) {
            self.line.set(u32::try_from(line_number).unwrap_or(u32::MAX));
        }
        fn parse_error(&self, msg: Cow<'static, str>) {
            self.inner.parse_error(msg)
        }
        fn get_document(&self) -> NodeId {
            self.inner.get_document()
        }
        fn elem_name<'a>(&'a self, target: &'a NodeId) -> Ref<'a, QualName> {
            self.inner.elem_name(target)
        }
        fn create_element(&self, name: QualName, attrs: Vec<Attribute>, flags: ElementFlags) -> NodeId {
            let id = self.inner.create_element(name, attrs, flags);
            self.lines.borrow_mut().start.insert(id, self.line.get());
            id
        }
        fn create_comment(&self, text: StrTendril) -> NodeId {
            self.inner.create_comment(text)
        }
        fn create_pi(&self, target: StrTendril, data: StrTendril) -> NodeId {
            self.inner.create_pi(target, data)
        }
        fn append(&self, parent: &NodeId, child: NodeOrText<NodeId>) {
            self.touch(*parent);
            self.inner.append(parent, child)
        }
        fn append_based_on_parent_node(
            &self,
            element: &NodeId,
            prev_element: &NodeId,
            child: NodeOrText<NodeId>,
        ) {
            self.inner.append_based_on_parent_node(element, prev_element, child)
        }
        fn append_doctype_to_document(&self, name: StrTendril, public_id: StrTendril, system_id: StrTendril) {
            self.inner.append_doctype_to_document(name, public_id, system_id)
        }
        fn mark_script_already_started(&self, node: &NodeId) {
            self.inner.mark_script_already_started(node)
        }
        fn pop(&self, node: &NodeId) {
            self.inner.pop(node)
        }
        fn get_template_contents(&self, target: &NodeId) -> NodeId {
            self.inner.get_template_contents(target)
        }
        fn same_node(&self, x: &NodeId, y: &NodeId) -> bool {
            self.inner.same_node(x, y)
        }
        fn set_quirks_mode(&self, mode: QuirksMode) {
            self.inner.set_quirks_mode(mode)
        }
        fn append_before_sibling(&self, sibling: &NodeId, new_node: NodeOrText<NodeId>) {
            self.inner.append_before_sibling(sibling, new_node)
        }
        fn add_attrs_if_missing(&self, target: &NodeId, attrs: Vec<Attribute>) {
            self.inner.add_attrs_if_missing(target, attrs)
        }
        fn remove_from_parent(&self, target: &NodeId) {
            self.inner.remove_from_parent(target)
        }
        fn reparent_children(&self, node: &NodeId, new_parent: &NodeId) {
            self.inner.reparent_children(node, new_parent)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(html: &str) -> Document {
        read(html.as_bytes(), "t.html")
    }

    fn kinds(d: &Document) -> Vec<String> {
        d.blocks
            .iter()
            .map(|b| match &b.kind {
                BlockKind::Heading { level, text } => format!("h{level}:{}", text.text),
                BlockKind::Paragraph { text } => format!("p:{}", text.text),
                BlockKind::List { items } => format!(
                    "list:{}",
                    items
                        .iter()
                        .map(|i| format!("{} {}", i.marker, i.text.text))
                        .collect::<Vec<_>>()
                        .join("|")
                ),
                BlockKind::Table(t) => format!("table:{}x{}", t.rows.len(), t.n_cols()),
            })
            .collect()
    }

    #[test]
    fn headings_paragraphs_lists_and_breaks() {
        let d = doc("<h1>Plan</h1><p>One<br>two</p><div>loose <b>text</b></div><ol start=3><li>a</li><li>b<ul><li>c</li></ul></li></ol>");
        assert_eq!(kinds(&d), vec!["h1:Plan", "p:One\ntwo", "p:loose text", "list:3. a|4. b"]);
        let items = d.blocks[3].as_list().unwrap();
        assert_eq!(items[1].children[0].marker, "•");
        assert_eq!(items[1].children[0].text.text, "c");
    }

    #[test]
    fn content_straight_inside_a_list_is_kept() {
        let d = doc("<ul>loose words<li>item</li><p>para</p></ul>");
        assert_eq!(kinds(&d), vec!["list:• loose words|• item|• para"]);
    }

    #[test]
    fn ordered_list_types_values_and_reversal() {
        let d = doc("<ol type=I><li>x</li><li>y</li></ol><ol type=a reversed><li>p</li><li>q</li></ol><ol><li value=7>z</li><li>w</li></ol>");
        assert_eq!(kinds(&d), vec!["list:I. x|II. y", "list:b. p|a. q", "list:7. z|8. w"]);
    }

    #[test]
    fn furniture_is_left_out_and_main_content_kept() {
        let d = doc(
            "<body><div class='cookie-banner'>We use cookies</div><header><nav><a href=/>Home</a></nav><p>Site name</p></header>\
             <main><article><header><h1>The plan</h1></header><p>Body text.</p><script>var x = 1;</script>\
             <nav>On this page</nav></article></main><aside>Related</aside><footer>Copyright</footer></body>",
        );
        assert_eq!(kinds(&d), vec!["h1:The plan", "p:Body text."]);
        // Without <main>, page-level header and footer go, the rest stays.
        let d = doc("<body><header>Site</header><div id='menu'><a href=/a>A</a></div><p>Content</p><footer>Foot</footer></body>");
        assert_eq!(kinds(&d), vec!["p:Content"]);
    }

    #[test]
    fn a_page_wrapped_in_a_header_div_is_still_read() {
        let long = "Words of the plan. ".repeat(300);
        let d = doc(&format!("<body><div id='header'><p>{long}</p></div></body>"));
        assert_eq!(d.blocks.len(), 1);
    }

    #[test]
    fn bold_from_tags_and_css_reaches_the_marks() {
        let d = doc("<p><strong>Priority One:</strong> Tackle neglect</p><p><span style='font-weight: 700'>Band</span></p><p><u>Under</u> <span style='font-weight:bold'>x</span></p>");
        let t = d.blocks[0].as_paragraph().unwrap();
        assert_eq!(t.leading(Style::Bold), Some("Priority One:"));
        assert!(d.blocks[1].as_paragraph().unwrap().is_all(Style::Bold));
        let t = d.blocks[2].as_paragraph().unwrap();
        assert_eq!(t.leading(Style::Underline), Some("Under"));
    }

    #[test]
    fn classed_and_styled_headings() {
        let d = doc(
            "<div class='title'>Annual Report</div><p role='heading' aria-level='3'>Section</p><p>Text</p>",
        );
        assert_eq!(kinds(&d), vec!["h1:Annual Report", "h3:Section", "p:Text"]);
        // Large type counts only on pages without h-tags.
        let d = doc("<p style='font-size:22pt'>Big title</p><p style='font-size:12pt'>Body</p>");
        assert_eq!(kinds(&d), vec!["h1:Big title", "p:Body"]);
        let d = doc("<h2>Real</h2><p style='font-size:22pt'>Big</p>");
        assert_eq!(kinds(&d), vec!["h2:Real", "p:Big"]);
    }

    #[test]
    fn definition_lists_become_term_tables() {
        let d = doc("<dl><dt>LSCB</dt><dd>Local Safeguarding Children Board</dd><dt>CSE</dt><dt>CCE</dt><dd>Exploitation</dd></dl>");
        let t = d.blocks[0].as_table().unwrap();
        assert_eq!(
            t.text_grid(),
            vec![vec!["LSCB", "Local Safeguarding Children Board"], vec!["CSE\nCCE", "Exploitation"]]
        );
    }

    #[test]
    fn cells_keep_breaks_and_items_apart_and_nested_tables_follow() {
        let d = doc(
            "<table><tr><th>Lead</th><th>Tasks</th></tr><tr><td bgcolor='#f00'>A<br>B</td><td><ul><li>one</li><li>two<ol><li>deep</li></ol></li></ul>\
             <table><tr><td>inner</td></tr></table></td></tr></table>",
        );
        assert_eq!(kinds(&d), vec!["table:2x2", "table:1x1"]);
        let t = d.blocks[0].as_table().unwrap();
        assert!(t.rows[0].header);
        let lead = &t.rows[1].cells[0];
        assert_eq!(lead.paras.iter().map(|p| p.text.text.as_str()).collect::<Vec<_>>(), vec!["A", "B"]);
        assert_eq!(lead.fill.as_deref(), Some("#ff0000"));
        let tasks: Vec<(&str, Option<u8>)> =
            t.rows[1].cells[1].paras.iter().map(|p| (p.text.text.as_str(), p.bullet)).collect();
        assert_eq!(tasks, vec![("one", Some(0)), ("two", Some(0)), ("deep", Some(1))]);
        let inner_path = d.blocks[1].prov.path.as_deref().unwrap();
        assert!(
            inner_path.starts_with(t.rows[1].cells[1].prov.as_ref().unwrap().path.as_deref().unwrap()),
            "{inner_path}"
        );
    }

    #[test]
    fn layout_tables_are_read_as_the_page_they_lay_out() {
        let prose = "The Board agreed this plan after its development day and will review it each quarter. "
            .repeat(3);
        let d = doc(&format!(
            "<table border=0><tr><td width=160><a href='a.htm'>Annual Report 2007-08</a><br><a href='b.htm'>Constitution</a></td>\
             <td><p><b>WORKPLAN 2008-09</b></p><p>{prose}</p>\
             <table border=1><tr><th>Task</th><th>Lead</th></tr><tr><td>Audit</td><td>Manager</td></tr></table>\
             <p>Contact the Board Manager.</p></td></tr></table>"
        ));
        assert_eq!(
            kinds(&d),
            vec![
                "p:WORKPLAN 2008-09".to_string(),
                format!("p:{}", prose.trim()),
                "table:2x2".into(),
                "p:Contact the Board Manager.".into()
            ]
        );
        // The same shape with column headers, or a cell holding only a table, is data.
        let data = doc("<table><tr><td><table><tr><td>a</td><td>b</td></tr></table></td><td>Tom</td></tr><tr><td>last</td><td>line</td></tr></table>");
        assert_eq!(kinds(&data), vec!["table:2x2", "table:1x2"]);
    }

    #[test]
    fn provenance_has_element_paths_and_source_lines() {
        let d = doc(
            "<html>\n<body>\n<h1>Title</h1>\n<p>First\nsecond</p>\n<ul>\n<li>x</li>\n</ul>\n</body></html>",
        );
        assert_eq!(d.blocks[0].prov.path.as_deref(), Some("/html[1]/body[1]/h1[1]"));
        assert_eq!(d.blocks[0].prov.lines, Some(LineRange { start: 3, end: 3 }));
        assert_eq!(d.blocks[1].prov.lines, Some(LineRange { start: 4, end: 5 }));
        assert_eq!(d.blocks[2].prov.path.as_deref(), Some("/html[1]/body[1]/ul[1]"));
        let item = &d.blocks[2].as_list().unwrap()[0];
        assert_eq!(item.prov.path.as_deref(), Some("/html[1]/body[1]/ul[1]/li[1]"));
    }

    #[test]
    fn character_references_and_footnote_markers() {
        let d =
            doc("<p>Children&rsquo;s &amp; families &#8211; 1<sup>st</sup> plan<sup>[4]</sup>&nbsp;here</p>");
        assert_eq!(d.blocks[0].as_paragraph().unwrap().text, "Children’s & families – 1st plan here");
    }

    #[test]
    fn deep_nesting_is_read_flat_with_a_warning() {
        let html = format!("{}deep text{}", "<div>".repeat(5000), "</div>".repeat(5000));
        let d = doc(&html);
        assert_eq!(kinds(&d), vec!["p:deep text"]);
        assert!(d.warnings.iter().any(|w| w.message.contains("nested deeper")));
    }

    #[test]
    fn sniffing_without_a_doctype() {
        assert!(sniff(b"<!-- saved page --> <head><title>x</title>", "a.txt"));
        assert!(sniff(b"<table><tr><td>x", "a.html"));
        assert!(!sniff(b"<table><tr><td>x", "a.md"));
        assert!(!sniff(b"Plan text <b>x</b>", "a.html"));
    }

    #[test]
    fn colours() {
        assert_eq!(css_colour("#FC0").as_deref(), Some("#ffcc00"));
        assert_eq!(css_colour("rgb(255, 0, 0)").as_deref(), Some("#ff0000"));
        assert_eq!(css_colour("green").as_deref(), Some("#008000"));
        assert_eq!(css_colour("url(x.png)"), None);
    }
}
