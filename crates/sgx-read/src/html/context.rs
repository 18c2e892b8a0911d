//! What the walk inherits from enclosing elements: emphasis (from tags and inline CSS),
//! preformatted text, superscripts, and whether it is inside the main content or a table.

use scraper::ElementRef;
use sgx_ir::Style;

use super::css::{css_declarations, is_bold_weight};

/// What the walk inherits from enclosing elements.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Ctx {
    pub bold: bool,
    pub italic: bool,
    pub underline: bool,
    /// Inside `<pre>`: whitespace is kept.
    pub pre: bool,
    /// Inside `<sup>`: footnote markers are dropped, ordinal suffixes kept.
    pub sup: bool,
    /// Inside `<main>` / `<article>`: a `<header>` or `<footer>` here belongs to the content.
    pub in_main: bool,
    /// Inside a table cell: layout classes ("nav" cells) do not remove content from the grid.
    pub in_table: bool,
}

impl Ctx {
    pub(super) fn styles(&self) -> Vec<Style> {
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

/// The context an element's content is read in: emphasis from its tag and inline style.
pub(super) fn child_ctx(el: ElementRef, mut ctx: Ctx) -> Ctx {
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
