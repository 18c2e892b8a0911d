//! Unruled tables: runs of text rows whose pieces (text split at column-wide gaps) line up in
//! the same columns. The columns come from the rows with the most pieces; a piece that
//! crosses a gutter spans columns.

use super::layout::Line;
use super::tables::{GridCell, GridTable};
use crate::common::text_builder::append;

/// A table found by alignment: its grid, each cell's lines, and the page lines it used.
pub struct StreamTable {
    pub grid: GridTable,
    pub cell_lines: Vec<Vec<Line>>,
    pub used: Vec<usize>,
}

/// Rows of lines sharing a baseline, top to bottom, each sorted left to right.
fn baseline_rows(lines: &[Line]) -> Vec<Vec<usize>> {
    let mut idx: Vec<usize> = (0..lines.len()).collect();
    idx.sort_by(|&a, &b| {
        lines[a].baseline.total_cmp(&lines[b].baseline).then(lines[a].x0.total_cmp(&lines[b].x0))
    });
    let mut rows: Vec<Vec<usize>> = Vec::new();
    for i in idx {
        let joins = rows.last().is_some_and(|r| {
            let l = &lines[r[0]];
            (lines[i].baseline - l.baseline).abs() < 0.5 * l.size.min(lines[i].size)
        });
        if joins {
            rows.last_mut().expect("checked").push(i);
        } else {
            rows.push(vec![i]);
        }
    }
    for r in &mut rows {
        r.sort_by(|&a, &b| lines[a].x0.total_cmp(&lines[b].x0));
    }
    rows
}

fn words(l: &Line) -> usize {
    l.plain().split_whitespace().count()
}

pub fn stream_tables(lines: &[Line]) -> Vec<StreamTable> {
    let rows = baseline_rows(lines);
    let mut out = Vec::new();
    let mut start = 0;
    while start < rows.len() {
        // Grow a run of close rows that are not prose.
        let mut end = start;
        while end + 1 < rows.len() {
            let (a, b) = (&rows[end], &rows[end + 1]);
            let bottom = a.iter().map(|&i| lines[i].bottom).fold(f32::MIN, f32::max);
            let top = b.iter().map(|&i| lines[i].top).fold(f32::MAX, f32::min);
            let size = lines[a[0]].size.max(lines[b[0]].size);
            let prose = b.len() == 1 && words(&lines[b[0]]) >= 10;
            // A line set larger than the row above is a heading: the next table's title.
            let heading = b.len() == 1
                && lines[b[0]].size > 1.2 * a.iter().map(|&i| lines[i].size).fold(f32::MIN, f32::max);
            if top - bottom > 1.6 * size || prose || heading {
                break;
            }
            end += 1;
        }
        if let Some(t) = table_in_run(lines, &rows[start..=end]) {
            out.push(t);
        }
        start = end + 1;
    }
    out
}

fn table_in_run(lines: &[Line], run: &[Vec<usize>]) -> Option<StreamTable> {
    // Trim single-piece rows at the edges: titles above, notes below — but a piece below
    // that starts in lower case continues a wrapped cell.
    let first = run.iter().position(|r| r.len() >= 2)?;
    let mut last = run.iter().rposition(|r| r.len() >= 2)?;
    while last + 1 < run.len()
        && run[last + 1].len() == 1
        && lines[run[last + 1][0]].plain().starts_with(char::is_lowercase)
    {
        last += 1;
    }
    let run = &run[first..=last];
    let multi = run.iter().filter(|r| r.len() >= 2).count();
    let continuations =
        run.iter().filter(|r| r.len() == 1 && lines[r[0]].plain().starts_with(char::is_lowercase)).count();
    if multi < 3 || multi * 2 < run.len() - continuations {
        return None;
    }
    // Columns from the rows with the most pieces.
    let mut counts: Vec<usize> = run.iter().map(Vec::len).filter(|&n| n >= 2).collect();
    counts.sort_unstable();
    let typical = counts[counts.len() / 2];
    let mut spans: Vec<(f32, f32)> =
        run.iter().filter(|r| r.len() >= typical).flatten().map(|&i| (lines[i].x0, lines[i].x1)).collect();
    spans.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut cols: Vec<(f32, f32)> = Vec::new();
    for (a, b) in spans {
        match cols.last_mut() {
            Some(c) if a <= c.1 + 1.0 => c.1 = c.1.max(b),
            _ => cols.push((a, b)),
        }
    }
    if cols.len() < 2 {
        return None;
    }
    let original = lines.len();
    // A piece running across a gutter is two cells whose gap was narrow: split it there.
    let mut lines: Vec<Line> = lines.to_vec();
    let mut run: Vec<Vec<usize>> = run.to_vec();
    for row in &mut run {
        let mut k = 0;
        while k < row.len() {
            let l = &lines[row[k]];
            // The next column's left edge inside the piece: split at the word gap there.
            let edge = cols.iter().skip(1).map(|c| c.0).find(|&x| l.x0 < x - 1.0 && l.x1 > x + 1.0);
            if let Some((left, right)) = edge.and_then(|x| l.split_at_gap(x)) {
                lines[row[k]] = left;
                lines.push(right);
                row.insert(k + 1, lines.len() - 1);
            }
            k += 1;
        }
    }
    let lines = &lines[..];
    let run = &run[..];
    // Two wide columns of long lines are a two-column page, not a table.
    let pieces: Vec<usize> = run.iter().flatten().copied().collect();
    let mean_words = pieces.iter().map(|&i| words(&lines[i])).sum::<usize>() as f32 / pieces.len() as f32;
    if cols.len() == 2 && mean_words > 6.0 {
        return None;
    }
    // Column edges: the table's left edge, the middle of each gutter, its right edge.
    let mut xs = vec![pieces.iter().map(|&i| lines[i].x0).fold(f32::MAX, f32::min)];
    for w in cols.windows(2) {
        xs.push((w[0].1 + w[1].0) / 2.0);
    }
    xs.push(pieces.iter().map(|&i| lines[i].x1).fold(f32::MIN, f32::max));
    let col_of = |x: f32| {
        xs.windows(2).position(|w| x >= w[0] - 0.5 && x < w[1]).unwrap_or(if x < xs[0] {
            0
        } else {
            cols.len() - 1
        })
    };
    // Row edges: each row's top, then the last row's bottom.
    let mut ys: Vec<f32> =
        run.iter().map(|r| r.iter().map(|&i| lines[i].top).fold(f32::MAX, f32::min)).collect();
    ys.push(run.last().expect("non-empty").iter().map(|&i| lines[i].bottom).fold(f32::MIN, f32::max));
    for k in 1..ys.len() {
        if ys[k] <= ys[k - 1] {
            ys[k] = ys[k - 1] + 0.1;
        }
    }
    let mut cells: Vec<GridCell> = Vec::new();
    let mut cell_lines: Vec<Vec<Line>> = Vec::new();
    for (r, row) in run.iter().enumerate() {
        let mut by_col: Vec<Option<usize>> = vec![None; cols.len()];
        for &i in row {
            let (c0, c1) = (col_of(lines[i].x0), col_of(lines[i].x1 - 0.5).max(col_of(lines[i].x0)));
            match by_col[c0] {
                Some(k) => {
                    // Two pieces in one column: one cell.
                    let mut joined = cell_lines[k].pop().expect("a cell has a line");
                    joined.text.push(" ", &[]);
                    append(&mut joined.text, lines[i].text.clone());
                    joined.x1 = lines[i].x1;
                    cell_lines[k].push(joined);
                }
                None => {
                    by_col[c0] = Some(cells.len());
                    cells.push(GridCell {
                        row: r,
                        col: c0,
                        rowspan: 1,
                        colspan: c1 - c0 + 1,
                        x0: xs[c0],
                        y0: ys[r],
                        x1: xs[c1 + 1],
                        y1: ys[r + 1],
                        fill: None,
                    });
                    cell_lines.push(vec![lines[i].clone()]);
                }
            }
        }
    }
    let used = pieces.into_iter().filter(|&i| i < original).collect();
    Some(StreamTable { grid: GridTable { xs, ys, cells, ruled: false }, cell_lines, used })
}

#[cfg(test)]
mod tests {
    use super::*;
    use sgx_ir::Text;

    fn line(text: &str, x0: f32, x1: f32, baseline: f32) -> Line {
        let words = vec![super::super::layout::WordSpan { start: 0, end: text.len(), x0, x1 }];
        Line {
            text: Text::plain(text),
            x0,
            x1,
            top: baseline - 8.0,
            bottom: baseline + 2.0,
            baseline,
            size: 10.0,
            words,
        }
    }

    #[test]
    fn aligned_rows_make_a_table_and_prose_does_not() {
        let mut lines =
            vec![line("This paragraph of running text is long enough to be prose here.", 50.0, 500.0, 80.0)];
        for (k, (a, b, c)) in
            [("Area", "Cases", "Rate"), ("North", "12", "0.4"), ("South", "7", "0.2"), ("East", "30", "1.1")]
                .iter()
                .enumerate()
        {
            let y = 100.0 + 14.0 * k as f32;
            lines.push(line(a, 50.0, 90.0, y));
            lines.push(line(b, 200.0, 230.0, y));
            lines.push(line(c, 350.0, 380.0, y));
        }
        let ts = stream_tables(&lines);
        assert_eq!(ts.len(), 1);
        let t = &ts[0];
        assert_eq!(t.grid.xs.len(), 4);
        assert_eq!(t.grid.cells.len(), 12);
        assert!(!t.used.contains(&0));
    }

    #[test]
    fn a_heading_between_two_tables_ends_the_first() {
        let mut lines = Vec::new();
        let mut y = 100.0;
        for (a, b, c) in [
            ("Ref", "Action", "Lead"),
            ("1", "Audit cases", "Board Manager"),
            ("2", "Train staff", "Trainer"),
            ("3", "Review", "Chair"),
        ] {
            lines.extend([line(a, 50.0, 70.0, y), line(b, 150.0, 220.0, y), line(c, 300.0, 380.0, y)]);
            y += 14.0;
        }
        let mut heading = line("Glossary", 50.0, 120.0, y + 6.0);
        heading.size = 14.0;
        lines.push(heading);
        y += 24.0;
        for (a, b) in [("Term", "Meaning"), ("ICB", "Integrated Care Board"), ("LA", "Local Authority")] {
            lines.extend([line(a, 50.0, 80.0, y), line(b, 150.0, 280.0, y)]);
            y += 14.0;
        }
        let ts = stream_tables(&lines);
        let shapes: Vec<(usize, usize)> =
            ts.iter().map(|t| (t.grid.ys.len() - 1, t.grid.xs.len() - 1)).collect();
        assert_eq!(shapes, [(4, 3), (3, 2)], "two tables, the heading in neither");
    }
}
