//! HTML `<table>` fragments in converter text: each table placed on its grid (see
//! [`crate::common::html_grid`]) with its cells' inline HTML read as converter inline markup.
//! Nested tables become tables of their own.

use scraper::{ElementRef, Html, Node};
use sgx_ir::{Cell, Row, Table};

use super::inline::parse_paras;
use crate::common::html_grid::layout;
use crate::common::table_grid::bound_grid;

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
fn convert(table: ElementRef) -> Table {
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
    use crate::common::table_grid::{MAX_COLSPAN, MAX_GRID_AREA};
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
