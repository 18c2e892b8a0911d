//! Page furniture: navigation, banners, cookie notices and site menus, which are left out of
//! the content, and tables that lay out a page rather than tabulate (old sites put the whole
//! page, menus included, in the cells of one table).

use scraper::{ElementRef, Node};

use super::context::Ctx;
use super::headings::heading_tag_level;
use crate::common::html_grid::Layout;

/// Class / id words that mark page furniture anywhere on a page.
const FURNITURE_ANYWHERE: &[&str] =
    &["cookie", "cookies", "consent", "gdpr", "breadcrumb", "breadcrumbs", "skiplink", "skiplinks"];
/// Class / id words that mark page furniture outside the main content (and outside tables).
const FURNITURE_OUTSIDE_MAIN: &[&str] =
    &["nav", "navbar", "navigation", "menu", "sidebar", "social", "share"];
/// Furniture is small or mostly links: a "header" wrapped around a whole page is content.
const MAX_FURNITURE_CHARS: usize = 3000;

/// Navigation, banners and cookie notices, by element, ARIA role, class and id.
pub(super) fn looks_like_furniture(el: ElementRef, ctx: Ctx) -> bool {
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
pub(super) fn is_small_or_links(el: ElementRef) -> bool {
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

/// Characters of text under `el`, and how many of them are link labels.
pub(super) fn text_and_link_chars(el: ElementRef) -> (usize, usize) {
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

/// A table used to lay out a page rather than to tabulate: marked so (`role="presentation"`),
/// or without header cells and with a cell that holds a table or a heading of its own among
/// running text. Data tables title their columns and rarely nest tables in prose; page layouts
/// of old sites put the whole page, menus and content tables included, in cells.
pub(super) fn is_layout_table(el: ElementRef, layout: &Layout) -> bool {
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
