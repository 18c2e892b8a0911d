//! Repairs shared by the readers whose tables arrive one physical row at a time (converter
//! text, PDF pages): a row broken by a page break continues mid-sentence in the next row.

use sgx_ir::{Cell, Row};

use super::text_builder::append;

/// Text that ends mid-sentence (so a lower-case line below it continues it).
pub fn unfinished(cell: &Cell) -> bool {
    cell.paras.last().is_some_and(|p| {
        let t = p.text.text.trim_end();
        t.chars().last().is_some_and(|c| c.is_alphabetic() || matches!(c, ',' | '-' | '–' | '&' | '('))
    })
}

pub fn starts_lowercase(cell: &Cell) -> bool {
    cell.paras.first().and_then(|p| p.text.text.chars().next()).is_some_and(char::is_lowercase)
}

/// Cells that start in lower case under a cell that ends mid-sentence continue that cell (a
/// row broken by a page break); they move up. What is left of the row, if anything, stays a
/// row of its own.
pub fn merge_continuations(rows: &mut [Row], mut row: Row) -> Option<Row> {
    let Some(prev) = rows.iter_mut().rev().find(|r| !r.header) else {
        return Some(row);
    };
    let mut keep = Vec::new();
    for cell in row.cells.drain(..) {
        let above = prev.cells.iter_mut().find(|c| c.col == cell.col);
        match above {
            Some(above) if !cell.is_empty() && starts_lowercase(&cell) && unfinished(above) => {
                let mut paras = cell.paras.into_iter();
                if let (Some(last), Some(first)) = (above.paras.last_mut(), paras.next()) {
                    last.text.push(" ", &[]);
                    append(&mut last.text, first.text);
                }
                above.paras.extend(paras);
                if let (Some(a), Some(b)) = (&above.prov, &cell.prov) {
                    above.prov = Some(a.merge(b));
                }
                prev.prov = prev.prov.merge(&row.prov);
            }
            _ => keep.push(cell),
        }
    }
    row.cells = keep;
    if row.is_empty() {
        None
    } else {
        Some(row)
    }
}
