//! Which elements are headings, and at what level: h1–h6, and — where a page marks headings
//! otherwise — `role="heading"`, heading-like classes, and large or bold inline type.

use scraper::ElementRef;

use super::css::{css_declarations, font_size_pt, is_bold_weight};

/// Longest text an element classed or styled as a heading may hold.
const MAX_HEADING_CHARS: usize = 200;

pub(super) fn heading_tag_level(name: &str) -> Option<u8> {
    match name.as_bytes() {
        [b'h', d @ b'1'..=b'6'] => Some(d - b'0'),
        _ => None,
    }
}

/// Headings without h-tags: `role="heading"`, heading-like classes ("title", "heading-2",
/// "h3"), and — only on pages that use no h-tags at all — large or bold-and-large type.
pub(super) fn marked_heading_level(el: ElementRef, has_h_tags: bool) -> Option<u8> {
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
