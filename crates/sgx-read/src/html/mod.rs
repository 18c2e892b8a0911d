//! Reader for HTML pages: the DOM (html5ever, through scraper) walked into IR blocks.
//!
//! Headings (h1–h6, and elements marked or styled as headings), paragraphs, nested lists,
//! definition lists (as two-column tables, the shape glossaries have), tables on their real
//! grid (see [`crate::common::html_grid`]) with nested tables as tables of their own, and
//! inline emphasis (`<b>`, `<strong>`, `<u>`, `<i>`, CSS font-weight) as marks. Page
//! furniture — scripts, navigation, site header and footer, cookie banners — is left out.
//! Provenance is the element path and the source lines, which the tree builder reports as it
//! goes.
//!
//! One job per file: [`charset`] decodes the page, [`nesting`] bounds how deep it nests and
//! [`source_lines`] parses it noting each element's lines; [`walk`] walks the tree into paragraphs and headings, handing lists to
//! [`lists`] and tables (data, layout and definition lists) to [`tables`]; [`roles`] says what
//! part an element plays, from [`headings`], [`furniture`] and the inherited [`context`];
//! [`css`] reads inline styles and colours.

mod charset;
mod context;
mod css;
mod furniture;
mod headings;
mod lists;
mod nesting;
mod roles;
mod source_lines;
mod tables;
#[cfg(test)]
mod tests;
mod walk;

use scraper::{ElementRef, Html};
use sgx_ir::{Document, Format, Source, Warning, WarningKind};

use context::Ctx;
use headings::heading_tag_level;
use roles::INLINE;
use walk::Walker;

/// Read an HTML page into the IR.
pub fn read(bytes: &[u8], path: &str) -> Document {
    let (text, encoding_warning) = charset::decode(bytes);
    // Past the walk's own depth limit anyway: the walk warns that it read them flat.
    let (text, _) = nesting::bound_nesting(&text);
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
