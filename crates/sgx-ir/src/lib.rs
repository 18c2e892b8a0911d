//! The intermediate representation (IR) of a document.
//!
//! Every reader (text, markdown, PDF, HTML, DOCX) turns its input into a [`Document`]: a flat
//! sequence of [`Block`]s — headings, paragraphs, lists and tables — each carrying the
//! [`Provenance`] a reader can check against the source. Recognisers only ever read this type,
//! so a new input format never touches them.

use serde::{Deserialize, Serialize};

mod text;
mod tree;
mod warning;
pub use text::{is_bullet_glyph, normalize_ws, Mark, Style, Text, BULLET_GLYPHS};
pub use tree::render_tree;
pub use warning::{Warning, WarningKind};

/// One input document in reading order.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Document {
    pub source: Source,
    pub blocks: Vec<Block>,
    /// Things the reader noticed but could recover from (dropped debris, encoding guesses...).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<Warning>,
}

/// Where the document came from.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Source {
    pub path: String,
    pub format: Format,
    /// Number of pages, where the format has pages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pages: Option<u32>,
    /// Width and height of each page in points (PDF), to read bounding boxes against.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub page_sizes: Vec<[f32; 2]>,
}

#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum Format {
    #[default]
    Text,
    Markdown,
    Pdf,
    Html,
    Docx,
}

impl Format {
    /// The format's name as the model and messages print it.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Markdown => "markdown",
            Format::Pdf => "pdf",
            Format::Html => "html",
            Format::Docx => "docx",
        }
    }
}

/// A block of the document with where it came from.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Block {
    #[serde(flatten)]
    pub kind: BlockKind,
    pub prov: Provenance,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum BlockKind {
    Heading { level: u8, text: Text },
    Paragraph { text: Text },
    List { items: Vec<ListItem> },
    Table(Table),
}

impl Block {
    pub fn new(kind: BlockKind, prov: Provenance) -> Self {
        Block { kind, prov }
    }

    /// The heading level and text, if this block is a heading.
    pub fn as_heading(&self) -> Option<(u8, &Text)> {
        match &self.kind {
            BlockKind::Heading { level, text } => Some((*level, text)),
            _ => None,
        }
    }

    pub fn as_paragraph(&self) -> Option<&Text> {
        match &self.kind {
            BlockKind::Paragraph { text } => Some(text),
            _ => None,
        }
    }

    pub fn as_list(&self) -> Option<&[ListItem]> {
        match &self.kind {
            BlockKind::List { items } => Some(items),
            _ => None,
        }
    }

    pub fn as_table(&self) -> Option<&Table> {
        match &self.kind {
            BlockKind::Table(t) => Some(t),
            _ => None,
        }
    }

    /// All the text of the block, blocks' parts separated by newlines.
    pub fn plain_text(&self) -> String {
        match &self.kind {
            BlockKind::Heading { text, .. } | BlockKind::Paragraph { text } => text.text.clone(),
            BlockKind::List { items } => {
                let mut out = String::new();
                for item in items {
                    item.push_text(&mut out);
                }
                out
            }
            BlockKind::Table(t) => t
                .rows
                .iter()
                .map(|r| r.cells.iter().map(Cell::text).collect::<Vec<_>>().join("\t"))
                .collect::<Vec<_>>()
                .join("\n"),
        }
    }
}

/// A list item; nested lists hang off `children`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ListItem {
    /// The bullet glyph or number as printed ("•", "3.", "ii)").
    pub marker: String,
    pub text: Text,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<ListItem>,
    pub prov: Provenance,
}

impl ListItem {
    fn push_text(&self, out: &mut String) {
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&self.text.text);
        for c in &self.children {
            c.push_text(out);
        }
    }
}

/// A table as rows of cells. Cells covered by another cell's span are not stored: each cell
/// records its first column, and [`Table::grid`] rebuilds the full grid.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Table {
    pub rows: Vec<Row>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Row {
    pub cells: Vec<Cell>,
    /// A header row (column titles), including header rows repeated after a page break.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub header: bool,
    pub prov: Provenance,
}

/// A table cell. Its content keeps its inner structure: each paragraph or bullet item of the
/// cell is one [`CellPara`], so several items in one cell stay separable.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Cell {
    /// 0-based column of the cell's top-left corner.
    pub col: usize,
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub colspan: u32,
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub rowspan: u32,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub paras: Vec<CellPara>,
    /// Background fill as `#rrggbb`, where the source shades the cell (RAG ratings often are).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fill: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prov: Option<Provenance>,
}

fn one() -> u32 {
    1
}
fn is_one(n: &u32) -> bool {
    *n == 1
}

/// One paragraph or list item inside a cell.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct CellPara {
    pub text: Text,
    /// Nesting level (0 = top) when the paragraph is a bullet item.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bullet: Option<u8>,
}

impl Cell {
    pub fn new(col: usize, paras: Vec<CellPara>) -> Self {
        Cell { col, colspan: 1, rowspan: 1, paras, fill: None, prov: None }
    }

    /// The cell's text, paragraphs joined by newlines.
    pub fn text(&self) -> String {
        self.paras.iter().map(|p| p.text.text.as_str()).collect::<Vec<_>>().join("\n")
    }

    pub fn is_empty(&self) -> bool {
        self.paras.iter().all(|p| p.text.text.trim().is_empty())
    }
}

impl Table {
    /// Number of grid columns: the right edge of the widest row.
    pub fn n_cols(&self) -> usize {
        self.rows.iter().flat_map(|r| r.cells.iter().map(|c| c.col + c.colspan as usize)).max().unwrap_or(0)
    }

    /// The full grid: `grid[r][c]` is the cell whose area covers row `r`, column `c`, with a
    /// flag telling whether (r, c) is that cell's top-left corner.
    pub fn grid(&self) -> Vec<Vec<Option<(&Cell, bool)>>> {
        let n = self.n_cols();
        let mut grid: Vec<Vec<Option<(&Cell, bool)>>> = vec![vec![None; n]; self.rows.len()];
        for (r, row) in self.rows.iter().enumerate() {
            for cell in &row.cells {
                let rows_end = (r + cell.rowspan.max(1) as usize).min(self.rows.len());
                let cols_end = (cell.col + cell.colspan.max(1) as usize).min(n);
                for (rr, grid_row) in grid.iter_mut().enumerate().take(rows_end).skip(r) {
                    for (cc, slot) in grid_row.iter_mut().enumerate().take(cols_end).skip(cell.col) {
                        if slot.is_none() {
                            *slot = Some((cell, rr == r && cc == cell.col));
                        }
                    }
                }
            }
        }
        grid
    }

    /// Plain text grid: a spanning cell's text in its top-left slot, covered slots empty.
    pub fn text_grid(&self) -> Vec<Vec<String>> {
        self.grid()
            .into_iter()
            .map(|row| {
                row.into_iter()
                    .map(|slot| match slot {
                        Some((cell, true)) => cell.text(),
                        _ => String::new(),
                    })
                    .collect()
            })
            .collect()
    }
}

impl Row {
    /// The cell starting at column `col`, if any.
    pub fn cell_at(&self, col: usize) -> Option<&Cell> {
        self.cells.iter().find(|c| c.col == col)
    }

    pub fn is_empty(&self) -> bool {
        self.cells.iter().all(Cell::is_empty)
    }
}

/// Where a block, row or cell came from. Every field is optional because formats differ in
/// what they can tell: text has lines, PDF has pages and boxes, HTML and DOCX have paths.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Provenance {
    /// 1-based page number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    /// 1-based, inclusive source line range.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lines: Option<LineRange>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bbox: Option<BBox>,
    /// Element path (HTML) or paragraph/table index path (DOCX).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
}

impl Provenance {
    pub fn lines(start: u32, end: u32) -> Self {
        Provenance { lines: Some(LineRange { start, end }), ..Default::default() }
    }

    /// The smallest provenance covering both (line ranges and boxes are merged).
    pub fn merge(&self, other: &Provenance) -> Provenance {
        Provenance {
            page: match (self.page, other.page) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            },
            lines: match (self.lines, other.lines) {
                (Some(a), Some(b)) => Some(LineRange { start: a.start.min(b.start), end: a.end.max(b.end) }),
                (a, b) => a.or(b),
            },
            bbox: match (self.bbox, other.bbox) {
                (Some(a), Some(b)) if self.page == other.page => Some(a.union(&b)),
                (a, b) => a.or(b),
            },
            path: self.path.clone().or_else(|| other.path.clone()),
        }
    }
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
pub struct LineRange {
    pub start: u32,
    pub end: u32,
}

/// A box in page coordinates (PDF points, origin top-left).
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq)]
pub struct BBox {
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
}

impl BBox {
    pub fn union(&self, o: &BBox) -> BBox {
        BBox { x0: self.x0.min(o.x0), y0: self.y0.min(o.y0), x1: self.x1.max(o.x1), y1: self.y1.max(o.y1) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(col: usize, span: (u32, u32), s: &str) -> Cell {
        let mut c = Cell::new(col, vec![CellPara { text: Text::plain(s), bullet: None }]);
        c.rowspan = span.0;
        c.colspan = span.1;
        c
    }

    #[test]
    fn grid_places_spanning_cells_once() {
        let t = Table {
            rows: vec![
                Row { cells: vec![cell(0, (2, 1), "a"), cell(1, (1, 2), "b")], ..Default::default() },
                Row { cells: vec![cell(1, (1, 1), "c"), cell(2, (1, 1), "d")], ..Default::default() },
            ],
        };
        assert_eq!(t.n_cols(), 3);
        assert_eq!(t.text_grid(), vec![vec!["a", "b", ""], vec!["", "c", "d"]]);
    }

    #[test]
    fn provenance_merge_widens_line_range() {
        let a = Provenance::lines(3, 4);
        let b = Provenance::lines(1, 2);
        assert_eq!(a.merge(&b).lines, Some(LineRange { start: 1, end: 4 }));
    }
}
