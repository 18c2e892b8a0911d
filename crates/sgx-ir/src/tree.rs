//! A readable, deterministic rendering of a [`Document`] as an indented tree: block kinds,
//! heading levels, list nesting and markers, table shapes (rows × columns, header rows,
//! spans, fills, cell text), inline text with its marks, provenance and warnings.
//!
//! It is meant for golden tests of the readers: a change in what a reader produces shows up
//! as a line-level diff. Long texts are shortened to their start and end, with their length
//! and a hash of the whole text and marks, so any change to them still shows.

use std::fmt::Write;

use crate::{Block, BlockKind, Cell, Document, ListItem, Mark, Provenance, Style, Table, Text, Warning};

/// Texts up to this many characters are shown whole.
const SHOW_WHOLE_CHARS: usize = 100;
/// A shortened text shows this many characters from its start and from its end.
const HEAD_CHARS: usize = 60;
const TAIL_CHARS: usize = 24;
/// Marks listed one by one, per text; the rest are counted (the hash covers them all).
const SHOW_MARKS: usize = 6;

/// The document as an indented tree, one line per block, list item, row, cell and paragraph.
pub fn render_tree(doc: &Document) -> String {
    let mut out = String::new();
    let s = &doc.source;
    let _ = write!(out, "document {} format={}", s.path, s.format.as_str());
    if let Some(p) = s.pages {
        let _ = write!(out, " pages={p}");
    }
    out.push('\n');
    if !s.page_sizes.is_empty() {
        out.push_str("  page sizes:");
        for (size, n) in runs(&s.page_sizes) {
            let _ = write!(out, " {}x{}", size[0].round(), size[1].round());
            if n > 1 {
                let _ = write!(out, " ×{n}");
            }
            out.push(';');
        }
        out.pop();
        out.push('\n');
    }
    if !doc.warnings.is_empty() {
        let _ = writeln!(out, "  warnings: {}", doc.warnings.len());
        for w in &doc.warnings {
            warning(&mut out, w);
        }
    }
    let _ = writeln!(out, "  blocks: {}", doc.blocks.len());
    for (k, b) in doc.blocks.iter().enumerate() {
        block(&mut out, k, b);
    }
    out
}

/// Runs of equal page sizes, in order.
fn runs(sizes: &[[f32; 2]]) -> Vec<([f32; 2], usize)> {
    let mut out: Vec<([f32; 2], usize)> = Vec::new();
    for s in sizes {
        match out.last_mut() {
            Some((last, n)) if last == s => *n += 1,
            _ => out.push((*s, 1)),
        }
    }
    out
}

fn warning(out: &mut String, w: &Warning) {
    let kind = format!("{:?}", w.kind);
    let _ = write!(out, "    ! {kind}: {}", escape(&w.message));
    if let Some(p) = &w.prov {
        let _ = write!(out, "{}", prov(p));
    }
    out.push('\n');
}

fn block(out: &mut String, k: usize, b: &Block) {
    let pad = "    ";
    let at = prov(&b.prov);
    match &b.kind {
        BlockKind::Heading { level, text: t } => {
            let _ = writeln!(out, "  [{k}] heading h{level}{at}");
            text_line(out, pad, t);
        }
        BlockKind::Paragraph { text: t } => {
            let _ = writeln!(out, "  [{k}] paragraph{at}");
            text_line(out, pad, t);
        }
        BlockKind::List { items } => {
            let _ = writeln!(out, "  [{k}] list items={}{at}", items.len());
            for item in items {
                list_item(out, 2, item);
            }
        }
        BlockKind::Table(t) => {
            let _ = writeln!(out, "  [{k}] table {}{at}", table_shape(t));
            table(out, t);
        }
    }
}

fn list_item(out: &mut String, depth: usize, item: &ListItem) {
    let pad = "  ".repeat(depth);
    let _ = writeln!(out, "{pad}- marker {:?}{}", item.marker, prov(&item.prov));
    text_line(out, &format!("{pad}  "), &item.text);
    for child in &item.children {
        list_item(out, depth + 1, child);
    }
}

/// "5x3, header rows 0,4": rows × grid columns and which rows are header rows.
fn table_shape(t: &Table) -> String {
    let mut s = format!("{}x{}", t.rows.len(), t.n_cols());
    let headers: Vec<String> =
        t.rows.iter().enumerate().filter(|(_, r)| r.header).map(|(i, _)| i.to_string()).collect();
    if !headers.is_empty() {
        let _ = write!(s, ", header rows {}", headers.join(","));
    }
    s
}

fn table(out: &mut String, t: &Table) {
    for (r, row) in t.rows.iter().enumerate() {
        let header = if row.header { " header" } else { "" };
        let _ = writeln!(out, "    row {r}{header} cells={}{}", row.cells.len(), prov(&row.prov));
        for c in &row.cells {
            cell(out, c);
        }
    }
}

fn cell(out: &mut String, c: &Cell) {
    let mut line = format!("      cell c{}", c.col);
    if c.rowspan != 1 || c.colspan != 1 {
        let _ = write!(line, " span {}x{}", c.rowspan, c.colspan);
    }
    if let Some(fill) = &c.fill {
        let _ = write!(line, " fill {fill}");
    }
    if c.paras.is_empty() {
        line.push_str(" empty");
    }
    if let Some(p) = &c.prov {
        line.push_str(&prov(p));
    }
    out.push_str(&line);
    out.push('\n');
    for p in &c.paras {
        let pad = match p.bullet {
            Some(level) => format!("        •{level} "),
            None => "        ".to_string(),
        };
        text_line(out, &pad, &p.text);
    }
}

/// " @ p3 L10-12 /body/p[4] bbox 72,80-300,95" (nothing when the provenance is empty).
fn prov(p: &Provenance) -> String {
    let mut s = String::new();
    if let Some(page) = p.page {
        let _ = write!(s, " p{page}");
    }
    if let Some(l) = p.lines {
        let _ = write!(s, " L{}-{}", l.start, l.end);
    }
    if let Some(path) = &p.path {
        let _ = write!(s, " {path}");
    }
    if let Some(b) = p.bbox {
        let _ = write!(s, " bbox {},{}-{},{}", b.x0.round(), b.y0.round(), b.x1.round(), b.y1.round());
    }
    if s.is_empty() {
        s
    } else {
        format!(" @{s}")
    }
}

/// The text quoted (shortened when long) and its marks.
fn text_line(out: &mut String, pad: &str, t: &Text) {
    let n = t.text.chars().count();
    let shown = if n <= SHOW_WHOLE_CHARS {
        format!("\"{}\"", escape(&t.text))
    } else {
        let head: String = t.text.chars().take(HEAD_CHARS).collect();
        let tail: String = t.text.chars().skip(n - TAIL_CHARS).collect();
        format!("\"{}…{}\" ({n} chars, #{:016x})", escape(&head), escape(&tail), hash(t))
    };
    out.push_str(pad);
    out.push_str(&shown);
    if !t.marks.is_empty() {
        out.push_str(" {");
        let listed: Vec<String> = t.marks.iter().take(SHOW_MARKS).map(mark).collect();
        out.push_str(&listed.join(" "));
        if t.marks.len() > SHOW_MARKS {
            let _ = write!(out, " +{} more", t.marks.len() - SHOW_MARKS);
        }
        out.push('}');
    }
    out.push('\n');
}

fn mark(m: &Mark) -> String {
    let style = match m.style {
        Style::Bold => "b",
        Style::Italic => "i",
        Style::Underline => "u",
    };
    format!("{style}{}..{}", m.start, m.end)
}

/// Newlines, tabs and quotes made visible, so one text stays on one line.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out
}

/// FNV-1a over the text and its marks: fixed, so snapshots do not depend on the platform.
fn hash(t: &Text) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut feed = |bytes: &[u8]| {
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    };
    feed(t.text.as_bytes());
    for m in &t.marks {
        feed(mark(m).as_bytes());
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{CellPara, Format, LineRange, Row, Source};

    #[test]
    fn renders_every_kind_of_block() {
        let mut bold = Text::default();
        bold.push("Plan", &[Style::Bold]);
        let mut cell = Cell::new(1, vec![CellPara { text: Text::plain("a\nb"), bullet: Some(0) }]);
        cell.colspan = 2;
        let doc = Document {
            source: Source { path: "t.html".into(), format: Format::Html, ..Source::default() },
            blocks: vec![
                Block::new(BlockKind::Heading { level: 1, text: bold }, Provenance::lines(1, 2)),
                Block::new(
                    BlockKind::List {
                        items: vec![ListItem {
                            marker: "1.".into(),
                            text: Text::plain("x".repeat(150)),
                            children: vec![ListItem {
                                marker: "a.".into(),
                                text: Text::plain("y"),
                                children: Vec::new(),
                                prov: Provenance::default(),
                            }],
                            prov: Provenance { path: Some("/ol[1]/li[1]".into()), ..Provenance::default() },
                        }],
                    },
                    Provenance::default(),
                ),
                Block::new(
                    BlockKind::Table(Table {
                        rows: vec![Row {
                            cells: vec![cell],
                            header: true,
                            prov: Provenance {
                                lines: Some(LineRange { start: 3, end: 3 }),
                                ..Default::default()
                            },
                        }],
                    }),
                    Provenance::default(),
                ),
            ],
            warnings: Vec::new(),
        };
        let tree = render_tree(&doc);
        assert!(tree.starts_with("document t.html format=html\n  blocks: 3\n"), "{tree}");
        assert!(tree.contains("  [0] heading h1 @ L1-2\n    \"Plan\" {b0..4}\n"), "{tree}");
        assert!(tree.contains("    - marker \"1.\" @ /ol[1]/li[1]\n      \"xxx"), "{tree}");
        assert!(tree.contains("(150 chars, #"), "{tree}");
        assert!(tree.contains("      - marker \"a.\"\n        \"y\"\n"), "{tree}");
        assert!(tree.contains("  [2] table 1x3, header rows 0\n    row 0 header cells=1 @ L3-3\n"), "{tree}");
        assert!(tree.contains("      cell c1 span 1x2\n        •0 \"a\\nb\"\n"), "{tree}");
        assert_eq!(tree, render_tree(&doc.clone()), "deterministic");
    }
}
