//! HTML tables to IR tables with the real grid: row and column spans resolved with an
//! occupancy grid as in the WHATWG table model. Nested tables become tables of their own.
//!
//! [`layout`] places the cells of one `<table>` element on the grid and leaves their content
//! to the caller (the HTML reader walks the DOM; the text reader re-parses the inline HTML
//! of converter output). [`bound_grid`] caps the grid of any IR table, whatever its reader.

use scraper::{ElementRef, Html, Node};
use sgx_ir::{Cell, Row, Table};

use crate::text::parse_paras;

/// Spans larger than these are clamped (an unclamped colspan is a known denial of service).
pub const MAX_COLSPAN: u32 = 1000;
pub const MAX_ROWSPAN: u32 = 65534;
/// No table is wider than this: cells that would start further right are dropped.
pub const MAX_COLS: usize = 1000;
/// Recognisers build `rows × columns` grids; beyond this many slots spans are clamped so that
/// a few bytes of markup cannot ask for gigabytes.
pub const MAX_GRID_AREA: usize = 4_000_000;
/// Total area (colspan × rowspan) one table's spanning cells may claim on the occupancy grid.
const SPAN_BUDGET: u64 = 20_000_000;

/// Every table in an HTML fragment, outer tables before the tables nested in them.
pub fn tables_in_fragment(html: &str) -> Vec<Table> {
    let doc = Html::parse_fragment(html);
    let mut out = Vec::new();
    collect_tables(doc.root_element(), &mut out);
    out
}

/// Tables in document order (pre-order). Iterative, so deep nesting cannot exhaust the stack.
fn collect_tables(root: ElementRef, out: &mut Vec<Table>) {
    for node in root.descendants() {
        if let Some(el) = ElementRef::wrap(node) {
            if el.value().name() == "table" {
                out.push(convert(el));
            }
        }
    }
}

/// Convert one `<table>` element, cell content read as inline HTML.
pub fn convert(table: ElementRef) -> Table {
    let placed = layout(table);
    let rows = placed
        .rows
        .into_iter()
        .map(|row| {
            let cells = row
                .cells
                .into_iter()
                .map(|p| {
                    let mut cell = Cell::new(p.col, parse_paras(&cell_html(p.el)));
                    cell.colspan = p.colspan;
                    cell.rowspan = p.rowspan;
                    cell
                })
                .collect();
            Row { cells, header: row.header, prov: Default::default() }
        })
        .collect();
    let mut table = Table { rows };
    bound_grid(&mut table);
    table
}

/// A cell element and where it sits on the grid.
pub struct PlacedCell<'a> {
    pub el: ElementRef<'a>,
    pub col: usize,
    pub colspan: u32,
    pub rowspan: u32,
    /// Element path relative to the row ("td[2]").
    pub path: String,
}

pub struct PlacedRow<'a> {
    pub tr: ElementRef<'a>,
    /// Element path relative to the table ("tbody[1]/tr[3]").
    pub path: String,
    /// Column titles: a `<thead>` row, or a row of `<th>` only before any data row.
    pub header: bool,
    pub cells: Vec<PlacedCell<'a>>,
}

pub struct Layout<'a> {
    pub rows: Vec<PlacedRow<'a>>,
    /// What had to be clamped or dropped, for the document's warnings.
    pub warnings: Vec<String>,
}

/// One `<tr>` of a table with where it sits.
struct TableRow<'a> {
    tr: ElementRef<'a>,
    in_thead: bool,
    group: usize,
    /// Element path relative to the table ("tbody[1]/tr[3]").
    path: String,
}

/// The rows of a table in order, each with whether it sits in `<thead>` and its row group.
fn table_rows(table: ElementRef) -> Vec<TableRow> {
    let mut rows = Vec::new();
    let mut group = 0;
    let mut counts = NameCounter::default();
    for child in table.children().filter_map(ElementRef::wrap) {
        match child.value().name() {
            "tr" => {
                let path = format!("tr[{}]", counts.next("tr"));
                rows.push(TableRow { tr: child, in_thead: false, group, path });
            }
            name @ ("thead" | "tbody" | "tfoot") => {
                group += 1;
                let section = format!("{name}[{}]", counts.next(name));
                let trs = child.children().filter_map(ElementRef::wrap).filter(|e| e.value().name() == "tr");
                for (k, tr) in trs.enumerate() {
                    let path = format!("{section}/tr[{}]", k + 1);
                    rows.push(TableRow { tr, in_thead: name == "thead", group, path });
                }
                group += 1;
            }
            _ => {}
        }
    }
    rows
}

/// 1-based positions of elements among their same-named siblings, for element paths.
#[derive(Default)]
pub struct NameCounter<'a> {
    seen: Vec<(&'a str, usize)>,
}

impl<'a> NameCounter<'a> {
    pub fn next(&mut self, name: &'a str) -> usize {
        match self.seen.iter_mut().find(|(n, _)| *n == name) {
            Some((_, k)) => {
                *k += 1;
                *k
            }
            None => {
                self.seen.push((name, 1));
                1
            }
        }
    }
}

/// Place every cell of `table` on the grid (the WHATWG "forming a table" algorithm, with
/// spans clamped and a budget on the area spanning cells may claim).
pub fn layout(table: ElementRef) -> Layout {
    let rows = table_rows(table);
    let n_rows = rows.len();
    // The number of rows left in each row's group, for rowspan="0" and for clamping.
    let mut group_left = vec![0usize; n_rows];
    for r in (0..n_rows).rev() {
        let same_as_next = rows.get(r + 1).is_some_and(|next| next.group == rows[r].group);
        group_left[r] = 1 + if same_as_next { group_left[r + 1] } else { 0 };
    }
    // busy_until[c] = first row index no longer covered by a cell spanning down column c.
    let mut busy_until: Vec<usize> = Vec::new();
    let mut budget = SPAN_BUDGET;
    let mut warnings = Vec::new();
    let (mut dropped, mut clamped) = (0usize, false);
    let mut seen_data_row = false;
    let mut out = Vec::with_capacity(n_rows);
    for (r, row) in rows.into_iter().enumerate() {
        let mut cells = Vec::new();
        let mut col = 0usize;
        let mut all_th = true;
        let mut counts = NameCounter::default();
        for td in row.tr.children().filter_map(ElementRef::wrap) {
            let name = td.value().name();
            if name != "td" && name != "th" {
                continue;
            }
            all_th &= name == "th";
            let path = format!("{name}[{}]", counts.next(name));
            while busy_until.get(col).is_some_and(|&until| until > r) {
                col += 1;
            }
            if col >= MAX_COLS {
                dropped += 1;
                continue;
            }
            let mut colspan =
                span_attr(td, "colspan").unwrap_or(1).clamp(1, MAX_COLSPAN).min((MAX_COLS - col) as u32);
            let rowspan_raw = span_attr(td, "rowspan").unwrap_or(1).min(MAX_ROWSPAN);
            let mut rowspan =
                if rowspan_raw == 0 { group_left[r] } else { (rowspan_raw as usize).min(group_left[r]) }
                    .max(1);
            let area = colspan as u64 * rowspan as u64;
            if rowspan > 1 && area > budget {
                (colspan, rowspan, clamped) = (1, 1, true);
            }
            if rowspan > 1 {
                budget -= colspan as u64 * rowspan as u64;
                let end = col + colspan as usize;
                if busy_until.len() < end {
                    busy_until.resize(end, 0);
                }
                for until in &mut busy_until[col..end] {
                    *until = (*until).max(r + rowspan);
                }
            }
            cells.push(PlacedCell { el: td, col, colspan, rowspan: rowspan as u32, path });
            col += colspan as usize;
        }
        let header = row.in_thead || (all_th && !cells.is_empty() && !seen_data_row);
        seen_data_row |= !header && !cells.is_empty();
        out.push(PlacedRow { tr: row.tr, path: row.path, header, cells });
    }
    if dropped > 0 {
        warnings.push(format!("table wider than {MAX_COLS} columns: {dropped} cells dropped"));
    }
    if clamped {
        warnings.push("table spans exceed the grid budget: some spans clamped to 1".to_string());
    }
    Layout { rows: out, warnings }
}

/// Keep a table's `rows × columns` grid within [`MAX_GRID_AREA`] by narrowing it: spans are
/// clamped and cells beyond the new width dropped. Returns a warning when it had to.
pub fn bound_grid(table: &mut Table) -> Option<String> {
    let rows = table.rows.len().max(1);
    let n_cols = table.n_cols();
    if n_cols.saturating_mul(rows) <= MAX_GRID_AREA {
        return None;
    }
    // Never narrower than the row with the most cells, so no cell loses its own column.
    let most_cells = table.rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
    let width = (MAX_GRID_AREA / rows).max(most_cells).max(1);
    let mut dropped = 0;
    for row in &mut table.rows {
        let before = row.cells.len();
        row.cells.retain(|c| c.col < width);
        dropped += before - row.cells.len();
        for cell in &mut row.cells {
            let room = (width - cell.col) as u32;
            cell.colspan = cell.colspan.min(room).max(1);
        }
    }
    Some(format!(
        "table of {rows} rows × {n_cols} columns narrowed to {width} columns ({dropped} cells dropped)"
    ))
}

/// A span attribute by the HTML rules for non-negative integers: leading whitespace, an
/// optional `+`, digits; anything else is "absent".
fn span_attr(el: ElementRef, name: &str) -> Option<u32> {
    let v = el.value().attr(name)?.trim_start();
    let v = v.strip_prefix('+').unwrap_or(v);
    let digits: &str = &v[..v.bytes().take_while(u8::is_ascii_digit).count()];
    if digits.is_empty() {
        return None;
    }
    // Saturate instead of failing on absurd numbers: they are clamped anyway.
    Some(digits.parse::<u32>().unwrap_or(u32::MAX))
}

/// The inner HTML of a cell without nested tables (they are tables of their own), built
/// iteratively so that deep nesting cannot exhaust the stack.
fn cell_html(el: ElementRef) -> String {
    let mut out = String::new();
    // (node, closing?) work list in document order.
    let mut stack: Vec<_> = el.children().rev().map(|n| (n, false)).collect();
    while let Some((node, closing)) = stack.pop() {
        match node.value() {
            Node::Text(t) if !closing => out.push_str(&escape(t)),
            Node::Element(e) if closing => {
                out.push_str("</");
                out.push_str(e.name());
                out.push('>');
            }
            Node::Element(e) => {
                if e.name() == "table" {
                    out.push_str("<br>");
                    continue;
                }
                out.push('<');
                out.push_str(e.name());
                out.push('>');
                stack.push((node, true));
                stack.extend(node.children().rev().map(|n| (n, false)));
            }
            _ => {}
        }
    }
    out
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;
    use sgx_ir::CellPara;

    fn para_texts(paras: &[CellPara]) -> Vec<&str> {
        paras.iter().map(|p| p.text.text.as_str()).collect()
    }

    #[test]
    fn spans_resolve_on_the_grid() {
        let t = &tables_in_fragment(
            "<table><tr><th>A</th><th colspan=2>B</th></tr><tr><td rowspan=2>x</td><td>y</td><td>z</td></tr><tr><td>p</td><td>q</td></tr></table>",
        )[0];
        assert!(t.rows[0].header);
        assert_eq!(t.text_grid(), vec![vec!["A", "B", ""], vec!["x", "y", "z"], vec!["", "p", "q"]]);
    }

    #[test]
    fn huge_spans_are_clamped_and_rowspan_zero_runs_to_group_end() {
        let t = &tables_in_fragment("<table><tr><td colspan=4294967295>a</td></tr></table>")[0];
        assert_eq!(t.n_cols(), MAX_COLSPAN as usize);
        let t = &tables_in_fragment(
            "<table><tbody><tr><td rowspan=0>a</td><td>b</td></tr><tr><td>c</td></tr></tbody></table>",
        )[0];
        assert_eq!(t.text_grid(), vec![vec!["a", "b"], vec!["", "c"]]);
    }

    #[test]
    fn rowspan_stops_at_the_end_of_its_row_group() {
        let t = &tables_in_fragment(
            "<table><thead><tr><th rowspan=5>h</th><th>i</th></tr></thead><tbody><tr><td>a</td><td>b</td></tr></tbody></table>",
        )[0];
        assert_eq!(t.text_grid(), vec![vec!["h", "i"], vec!["a", "b"]]);
    }

    #[test]
    fn th_rows_after_data_rows_are_bands_not_headers() {
        let t = &tables_in_fragment("<table><tr><th>A</th><th>B</th></tr><tr><td>1</td><td>2</td></tr><tr><th colspan=2>Band</th></tr></table>")[0];
        assert_eq!(t.rows.iter().map(|r| r.header).collect::<Vec<_>>(), vec![true, false, false]);
    }

    #[test]
    fn span_attributes_follow_the_html_integer_rules() {
        let t = &tables_in_fragment(
            "<table><tr><td colspan=' +2x'>a</td><td colspan=0>b</td><td colspan=z>c</td></tr></table>",
        )[0];
        let spans: Vec<u32> = t.rows[0].cells.iter().map(|c| c.colspan).collect();
        assert_eq!(spans, vec![2, 1, 1]);
    }

    #[test]
    fn wide_tall_tables_are_narrowed_to_the_area_cap() {
        let rows = "<tr><td>x</td></tr>".repeat(10_000);
        let t = &tables_in_fragment(&format!("<table><tr><td colspan=1000>a</td></tr>{rows}</table>"))[0];
        assert!(t.n_cols() * t.rows.len() <= MAX_GRID_AREA);
        assert_eq!(t.rows.len(), 10_001);
    }

    #[test]
    fn nested_tables_are_separate() {
        let ts = tables_in_fragment(
            "<table><tr><td>outer<table><tr><td>inner</td></tr></table></td></tr></table>",
        );
        assert_eq!(ts.len(), 2);
        assert_eq!(ts[0].text_grid(), vec![vec!["outer"]]);
        assert_eq!(ts[1].text_grid(), vec![vec!["inner"]]);
    }

    #[test]
    fn br_and_lists_keep_cell_items_apart() {
        let t = &tables_in_fragment("<table><tr><td>one<br>two<ul><li>three</li></ul></td></tr></table>")[0];
        assert_eq!(para_texts(&t.rows[0].cells[0].paras), vec!["one", "two", "three"]);
    }
}
