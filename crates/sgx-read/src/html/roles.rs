//! How an element takes part in the walk: left out, inline, a block, a heading, a list, a
//! table, preformatted text.

use scraper::ElementRef;

use super::context::Ctx;
use super::furniture::{is_small_or_links, looks_like_furniture};
use super::headings::{heading_tag_level, marked_heading_level};

/// How an element takes part in the walk.
#[derive(Debug, PartialEq)]
pub(super) enum Role {
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

pub(super) const INLINE: &[&str] = &[
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

pub(super) fn role_of(el: ElementRef, ctx: Ctx, has_h_tags: bool) -> Role {
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
