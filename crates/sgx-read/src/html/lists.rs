//! Lists: `<ul>` / `<ol>` items with their nested lists as children, content straight inside
//! a list kept as items, and the markers a browser shows (numbers in the list's `type`,
//! counted from `start`, reversed, reset by `value`).

use scraper::{ElementRef, Node};
use sgx_ir::{Block, BlockKind, ListItem, Provenance, Text};

use super::context::{child_ctx, Ctx};
use super::roles::{role_of, Role};
use super::walk::Walker;
use crate::common::html_grid::NameCounter;
use crate::common::numbering::{html_letters, roman};
use crate::common::text_builder::{append, TextBuilder};

impl<'a> Walker<'a> {
    /// A `<ul>` / `<ol>` as one list block, followed by the tables its items held.
    pub(super) fn list(&mut self, el: ElementRef<'a>, ctx: Ctx, ordered: bool, depth: usize) {
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
            ("a", Ok(n)) => html_letters(n, false),
            ("A", Ok(n)) => html_letters(n, true),
            ("i", Ok(n)) => roman(n, false),
            ("I", Ok(n)) => roman(n, true),
            _ => n.to_string(),
        };
        format!("{shown}.")
    }

    fn bullet(&self) -> String {
        "•".to_string()
    }
}
