//! HTML tables to IR tables with the real grid: row and column spans resolved with an
//! occupancy grid as in the WHATWG table model. Nested tables become tables of their own.

use scraper::{ElementRef, Html, Node};
use sgx_ir::{Cell, Row, Table};

use crate::text::parse_paras;

/// Spans larger than these are clamped (an unclamped colspan is a known denial of service).
const MAX_COLSPAN: u32 = 1000;
const MAX_ROWSPAN: u32 = 65534;

/// Every table in an HTML fragment, outer tables before the tables nested in them.
pub fn tables_in_fragment(html: &str) -> Vec<Table> {
    let doc = Html::parse_fragment(html);
    let mut out = Vec::new();
    collect_tables(doc.root_element(), &mut out);
    out
}

fn collect_tables(el: ElementRef, out: &mut Vec<Table>) {
    for child in el.children().filter_map(ElementRef::wrap) {
        if child.value().name() == "table" {
            out.push(convert(child));
        }
        collect_tables(child, out);
    }
}

/// The rows of a table in order, each with whether it sits in `<thead>` and its row group.
fn table_rows(table: ElementRef) -> Vec<(ElementRef, bool, usize)> {
    let mut rows = Vec::new();
    let mut group = 0;
    for child in table.children().filter_map(ElementRef::wrap) {
        match child.value().name() {
            "tr" => rows.push((child, false, group)),
            name @ ("thead" | "tbody" | "tfoot") => {
                group += 1;
                for tr in child.children().filter_map(ElementRef::wrap).filter(|e| e.value().name() == "tr") {
                    rows.push((tr, name == "thead", group));
                }
                group += 1;
            }
            _ => {}
        }
    }
    rows
}

/// Convert one `<table>` element.
pub fn convert(table: ElementRef) -> Table {
    let rows = table_rows(table);
    // occupied[r] = columns taken in row r by cells spanning down from above.
    let mut occupied: Vec<Vec<bool>> = vec![Vec::new(); rows.len()];
    let mut out: Vec<Row> = Vec::new();
    for (r, (tr, in_thead, group)) in rows.iter().enumerate() {
        let mut cells = Vec::new();
        let mut col = 0usize;
        let mut all_th = true;
        for td in tr.children().filter_map(ElementRef::wrap) {
            let name = td.value().name();
            if name != "td" && name != "th" {
                continue;
            }
            all_th &= name == "th";
            while occupied[r].get(col).copied().unwrap_or(false) {
                col += 1;
            }
            let colspan = span_attr(td, "colspan", 1).clamp(1, MAX_COLSPAN);
            let rowspan_raw = span_attr(td, "rowspan", 1).min(MAX_ROWSPAN);
            // rowspan="0" runs to the end of the row group.
            let group_end = rows.iter().skip(r).take_while(|(_, _, g)| g == group).count();
            let rowspan = if rowspan_raw == 0 { group_end as u32 } else { rowspan_raw.min(group_end as u32) }.max(1);
            for rr in r..r + rowspan as usize {
                let occ = &mut occupied[rr];
                if occ.len() < col + colspan as usize {
                    occ.resize(col + colspan as usize, false);
                }
                for slot in &mut occ[col..col + colspan as usize] {
                    *slot = true;
                }
            }
            let mut cell = Cell::new(col, parse_paras(&cell_html(td)));
            cell.colspan = colspan;
            cell.rowspan = rowspan;
            cells.push(cell);
            col += colspan as usize;
        }
        let header = *in_thead || (all_th && !cells.is_empty());
        out.push(Row { cells, header, prov: Default::default() });
    }
    Table { rows: out }
}

fn span_attr(el: ElementRef, name: &str, default: u32) -> u32 {
    el.value()
        .attr(name)
        .map(|v| v.trim().chars().take_while(char::is_ascii_digit).collect::<String>())
        .and_then(|digits| if digits.is_empty() { None } else { Some(digits.parse::<u64>().unwrap_or(u64::MAX).min(u32::MAX as u64) as u32) })
        .unwrap_or(default)
}

/// The inner HTML of a cell without nested tables (they are tables of their own).
fn cell_html(el: ElementRef) -> String {
    let mut out = String::new();
    for node in el.children() {
        match node.value() {
            Node::Text(t) => out.push_str(&escape(t)),
            Node::Element(e) => {
                if e.name() == "table" {
                    out.push_str("<br>");
                    continue;
                }
                let Some(child) = ElementRef::wrap(node) else { continue };
                out.push('<');
                out.push_str(e.name());
                out.push('>');
                out.push_str(&cell_html(child));
                out.push_str("</");
                out.push_str(e.name());
                out.push('>');
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
        let t = &tables_in_fragment("<table><tbody><tr><td rowspan=0>a</td><td>b</td></tr><tr><td>c</td></tr></tbody></table>")[0];
        assert_eq!(t.text_grid(), vec![vec!["a", "b"], vec!["", "c"]]);
    }

    #[test]
    fn nested_tables_are_separate() {
        let ts = tables_in_fragment("<table><tr><td>outer<table><tr><td>inner</td></tr></table></td></tr></table>");
        assert_eq!(ts.len(), 2);
        assert_eq!(ts[0].text_grid(), vec![vec!["outer"]]);
        assert_eq!(ts[1].text_grid(), vec![vec!["inner"]]);
    }

    #[test]
    fn br_and_lists_keep_cell_items_apart() {
        let t = &tables_in_fragment("<table><tr><td>one<br>two<ul><li>three</li></ul></td></tr></table>")[0];
        let paras: Vec<&str> = t.rows[0].cells[0].paras.iter().map(|p| p.text.text.as_str()).collect();
        assert_eq!(paras, vec!["one", "two", "three"]);
    }
}
