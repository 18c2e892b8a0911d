//! A bound on how deep elements nest before the page reaches the HTML parser. The HTML5 tree
//! builder looks through its stack of open elements for every tag, so a page nesting tens of
//! thousands of elements costs time quadratic in the depth (a few megabytes hold a worker for
//! a minute). Tags nested deeper than [`MAX_PARSE_DEPTH`] are left out before parsing (their
//! text stays, read flat as the walk reads anything past its own depth limit), which keeps the
//! parser's work linear in the page's size.
//!
//! The depth is counted as the tree builder would on well-formed markup: void elements, and
//! elements whose end tag may be left out (`p`, `li`, `td`, ...), do not count; an end tag
//! closes the nearest open element of its name among the [`CLOSE_SEARCH`] innermost ones.

use std::borrow::Cow;

/// Deeper than this, tags are left out. Real pages nest a few dozen levels.
pub const MAX_PARSE_DEPTH: usize = 512;

/// How far down the stack an end tag looks for its element (misnested markup).
const CLOSE_SEARCH: usize = 16;

/// Elements with no end tag, or whose end tag may be left out: they do not deepen the stack.
const NOT_COUNTED: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
    "param", "keygen", "p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody", "tfoot", "option",
    "optgroup", "colgroup", "caption", "rb", "rt", "rp", "html", "head", "body",
];

/// Elements whose content is raw text: no tag inside them is a tag.
const RAW_TEXT: &[&str] = &["script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes"];

/// `text` with the tags nested deeper than [`MAX_PARSE_DEPTH`] left out (each replaced by the
/// line breaks it held, so source lines stay right), and whether any were.
pub fn bound_nesting(text: &str) -> (Cow<'_, str>, bool) {
    let bytes = text.as_bytes();
    // Open elements: name and whether its start tag was left out.
    let mut open: Vec<(String, bool)> = Vec::new();
    let mut cut: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while let Some(lt) = memchr(b'<', &bytes[i..]) {
        let at = i + lt;
        let Some(tag) = Tag::at(bytes, at) else {
            i = at + 1;
            continue;
        };
        match &tag.kind {
            TagKind::Start { name, self_closing } => {
                if RAW_TEXT.contains(&name.as_str()) {
                    i = raw_text_end(bytes, tag.end, name);
                    continue;
                }
                if !self_closing && !NOT_COUNTED.contains(&name.as_str()) {
                    let deep = open.len() >= MAX_PARSE_DEPTH;
                    if deep {
                        cut.push((at, tag.end));
                    }
                    open.push((name.clone(), deep));
                }
            }
            TagKind::End { name } => {
                let top = open.len();
                let found = (top.saturating_sub(CLOSE_SEARCH)..top).rev().find(|&k| open[k].0 == *name);
                if let Some(k) = found {
                    if open[k].1 {
                        cut.push((at, tag.end));
                    }
                    open.truncate(k);
                }
            }
            TagKind::Other => {}
        }
        i = tag.end;
    }
    if cut.is_empty() {
        return (Cow::Borrowed(text), false);
    }
    let mut out = String::with_capacity(text.len());
    let mut from = 0;
    for (start, end) in cut {
        out.push_str(&text[from..start]);
        out.extend(text[start..end].chars().filter(|&c| c == '\n'));
        from = end;
    }
    out.push_str(&text[from..]);
    (Cow::Owned(out), true)
}

enum TagKind {
    Start {
        name: String,
        self_closing: bool,
    },
    End {
        name: String,
    },
    /// A comment, doctype or processing instruction.
    Other,
}

struct Tag {
    kind: TagKind,
    /// The byte after the tag's `>`.
    end: usize,
}

impl Tag {
    /// The tag starting at `bytes[at] == b'<'`, if it is one.
    fn at(bytes: &[u8], at: usize) -> Option<Tag> {
        let rest = &bytes[at + 1..];
        if rest.starts_with(b"!--") {
            let end = find(&rest[3..], b"-->").map_or(bytes.len(), |p| at + 4 + p + 3);
            return Some(Tag { kind: TagKind::Other, end });
        }
        if rest.starts_with(b"!") || rest.starts_with(b"?") {
            let end = memchr(b'>', rest).map_or(bytes.len(), |p| at + 2 + p);
            return Some(Tag { kind: TagKind::Other, end });
        }
        let (closing, name_at) = if rest.starts_with(b"/") { (true, 1) } else { (false, 0) };
        let name: String = rest[name_at..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || **b == b'-' || **b == b':')
            .map(|b| b.to_ascii_lowercase() as char)
            .collect();
        if name.is_empty() || !name.as_bytes()[0].is_ascii_alphabetic() {
            return None;
        }
        let end = attributes_end(bytes, at + 1 + name_at + name.len());
        let self_closing = !closing && end >= 2 && bytes[end - 2] == b'/';
        let kind = if closing { TagKind::End { name } } else { TagKind::Start { name, self_closing } };
        Some(Tag { kind, end })
    }
}

/// The byte after the `>` that ends a tag's attributes, quotes respected.
fn attributes_end(bytes: &[u8], mut i: usize) -> usize {
    let mut quote: Option<u8> = None;
    while i < bytes.len() {
        let b = bytes[i];
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if b == b'"' || b == b'\'' => quote = Some(b),
            None if b == b'>' => return i + 1,
            None => {}
        }
        i += 1;
    }
    bytes.len()
}

/// The byte after the end tag closing a raw-text element (`</script>`), or the end.
fn raw_text_end(bytes: &[u8], from: usize, name: &str) -> usize {
    let close = format!("</{name}");
    let mut i = from;
    while let Some(p) = memchr(b'<', &bytes[i..]) {
        let at = i + p;
        if bytes[at..].len() >= close.len()
            && bytes[at..at + close.len()].eq_ignore_ascii_case(close.as_bytes())
        {
            return attributes_end(bytes, at + close.len());
        }
        i = at + 1;
    }
    bytes.len()
}

fn memchr(needle: u8, hay: &[u8]) -> Option<usize> {
    hay.iter().position(|&b| b == needle)
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The deepest element of the parsed page, counted down from the root.
    fn parsed_depth(html: &str) -> usize {
        let dom = scraper::Html::parse_document(html);
        dom.tree.root().descendants().map(|n| n.ancestors().count()).max().unwrap_or(0)
    }

    #[test]
    fn deep_nesting_reaches_the_parser_bounded() {
        let depth = 4_000;
        let page =
            format!("<html><body>{}deep text{}</body></html>", "<div>".repeat(depth), "</div>".repeat(depth));
        // Unbounded, the parser's stack would hold every level (its work is quadratic in it).
        assert!(parsed_depth(&page) > depth);
        let (bounded, cut) = bound_nesting(&page);
        assert!(cut);
        assert!(parsed_depth(&bounded) <= MAX_PARSE_DEPTH + 8, "{}", parsed_depth(&bounded));
        assert!(bounded.contains("deep text"));
    }

    #[test]
    fn ordinary_pages_are_left_as_they_are() {
        let page = "<html><body><div><p>One<p>Two<ul><li>a<li>b</ul><br><img src='x>y'>\
                    <script>if (a<b) { document.write('<div>') }</script><!-- <div> -->\
                    <span>x</div></body></html>";
        let (bounded, cut) = bound_nesting(page);
        assert!(!cut);
        assert_eq!(bounded, page);
        // Thousands of paragraphs and list items without end tags do not deepen it either.
        let many = format!("<body>{}</body>", "<p>para<li>item".repeat(5000));
        assert!(!bound_nesting(&many).1);
    }

    #[test]
    fn cut_tags_keep_their_line_breaks() {
        let depth = MAX_PARSE_DEPTH + 2;
        let page = format!("{}<div\nclass='x'>text{}", "<div>".repeat(depth), "</div>".repeat(depth + 1));
        let (bounded, _) = bound_nesting(&page);
        assert_eq!(bounded.matches('\n').count(), 1);
    }
}
