//! HTML tables on their real grid: the cells of one `<table>` element placed with an
//! occupancy grid as in the WHATWG table model, row and column spans resolved and clamped.
//! The cells' content is left to the caller: the HTML reader walks the DOM, the text reader
//! re-parses the inline HTML of converter output.

use scraper::ElementRef;

use super::table_grid::{MAX_COLS, MAX_COLSPAN};

/// Row spans longer than this are clamped.
const MAX_ROWSPAN: u32 = 65534;
/// Total area (colspan × rowspan) one table's spanning cells may claim on the occupancy grid.
const SPAN_BUDGET: u64 = 20_000_000;

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

#[cfg(test)]
mod tests {
    use super::*;
    use scraper::Html;

    #[test]
    fn cells_are_placed_around_row_spans() {
        let html = Html::parse_fragment(
            "<table><thead><tr><th>A</th><th>B</th></tr></thead>\
             <tr><td rowspan=2 colspan=+2>x</td><td>y</td></tr><tr><td>z</td></tr></table>",
        );
        let table = html
            .root_element()
            .descendants()
            .filter_map(ElementRef::wrap)
            .find(|e| e.value().name() == "table");
        let placed = layout(table.unwrap());
        let got: Vec<Vec<(usize, u32, u32, &str)>> = placed
            .rows
            .iter()
            .map(|r| r.cells.iter().map(|c| (c.col, c.rowspan, c.colspan, c.path.as_str())).collect())
            .collect();
        assert_eq!(
            got,
            vec![
                vec![(0, 1, 1, "th[1]"), (1, 1, 1, "th[2]")],
                vec![(0, 2, 2, "td[1]"), (2, 1, 1, "td[2]")],
                vec![(2, 1, 1, "td[1]")]
            ]
        );
        assert_eq!(placed.rows.iter().map(|r| r.header).collect::<Vec<_>>(), vec![true, false, false]);
        assert_eq!(placed.rows[1].path, "tbody[1]/tr[1]");
    }
}
