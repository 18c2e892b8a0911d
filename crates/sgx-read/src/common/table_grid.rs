//! The caps every reader holds its tables to, whatever the format: a few bytes of markup
//! (a colspan of four billion, a row of a million cells) must not ask for gigabytes.

use sgx_ir::Table;

/// Spans wider than this are clamped (an unclamped colspan is a known denial of service).
pub const MAX_COLSPAN: u32 = 1000;
/// No table is wider than this: cells that would start further right are dropped.
pub const MAX_COLS: usize = 1000;
/// Recognisers build `rows × columns` grids; beyond this many slots spans are clamped so that
/// a few bytes of markup cannot ask for gigabytes.
pub const MAX_GRID_AREA: usize = 4_000_000;

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

#[cfg(test)]
mod tests {
    use super::*;
    use sgx_ir::{Cell, Row};

    #[test]
    fn wide_tall_tables_are_narrowed_to_the_area_cap() {
        let wide = Row { cells: vec![Cell::new(0, Vec::new())], ..Row::default() };
        let mut rows = vec![wide; 10_001];
        rows[0].cells[0].colspan = MAX_COLSPAN;
        let mut table = Table { rows };
        assert!(bound_grid(&mut table).is_some());
        assert!(table.n_cols() * table.rows.len() <= MAX_GRID_AREA);
        assert_eq!(table.rows.len(), 10_001);
        assert!(bound_grid(&mut table).is_none(), "within the cap now");
    }
}
