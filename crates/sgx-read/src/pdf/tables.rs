//! Ruled tables: drawn lines and thin rectangles → merged rulings → grids of cells with
//! row and column spans (a cell spans where the ruling between two grid slots is missing).

use super::device::{Fill, Ruling};

/// Positions closer than this are the same line.
const SNAP: f32 = 2.0;
/// Rulings shorter than this are tick marks, not table lines.
const MIN_RULING: f32 = 4.0;

/// A table found from rulings: grid lines and the cells laid on them.
#[derive(Debug, Clone)]
pub struct GridTable {
    pub xs: Vec<f32>,
    pub ys: Vec<f32>,
    pub cells: Vec<GridCell>,
    /// Drawn rulings separate its rows; an unruled table's rows are text rows, so a cell's
    /// wrapped lines arrive as rows of their own and are rejoined.
    pub ruled: bool,
}

/// A cell: its top-left grid slot, spans, box, and fill colour.
#[derive(Debug, Clone)]
pub struct GridCell {
    pub row: usize,
    pub col: usize,
    pub rowspan: usize,
    pub colspan: usize,
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
    pub fill: Option<[u8; 3]>,
}

impl GridTable {
    pub fn x0(&self) -> f32 {
        self.xs[0]
    }
    pub fn x1(&self) -> f32 {
        *self.xs.last().expect("a grid has lines")
    }
    pub fn y0(&self) -> f32 {
        self.ys[0]
    }
    pub fn y1(&self) -> f32 {
        *self.ys.last().expect("a grid has lines")
    }
    /// The cell whose box holds the point.
    pub fn cell_at(&self, x: f32, y: f32) -> Option<usize> {
        self.cells.iter().position(|c| x >= c.x0 && x < c.x1 && y >= c.y0 && y < c.y1)
    }
}

/// Merge collinear, overlapping or touching rulings.
fn merge(mut rs: Vec<Ruling>) -> Vec<Ruling> {
    rs.retain(|r| r.end - r.start >= 1.0 && r.pos.is_finite());
    rs.sort_by(|a, b| {
        a.horizontal.cmp(&b.horizontal).then(a.pos.total_cmp(&b.pos)).then(a.start.total_cmp(&b.start))
    });
    let mut out: Vec<Ruling> = Vec::new();
    for r in rs {
        // Find a ruling on the same line this one extends.
        if let Some(m) = out.iter_mut().rev().take(64).find(|m| {
            m.horizontal == r.horizontal
                && (m.pos - r.pos).abs() <= SNAP
                && r.start <= m.end + SNAP
                && r.end >= m.start - SNAP
        }) {
            m.start = m.start.min(r.start);
            m.end = m.end.max(r.end);
            continue;
        }
        out.push(r);
    }
    out.retain(|r| r.end - r.start >= MIN_RULING);
    out
}

fn crosses(h: &Ruling, v: &Ruling) -> bool {
    h.pos >= v.start - SNAP && h.pos <= v.end + SNAP && v.pos >= h.start - SNAP && v.pos <= h.end + SNAP
}

/// Group rulings into connected sets (each set a candidate table).
fn components(rs: &[Ruling]) -> Vec<Vec<usize>> {
    let n = rs.len();
    let mut parent: Vec<usize> = (0..n).collect();
    fn find(p: &mut [usize], mut i: usize) -> usize {
        while p[i] != i {
            p[i] = p[p[i]];
            i = p[i];
        }
        i
    }
    let hs: Vec<usize> = (0..n).filter(|&i| rs[i].horizontal).collect();
    let vs: Vec<usize> = (0..n).filter(|&i| !rs[i].horizontal).collect();
    for &h in &hs {
        for &v in &vs {
            if crosses(&rs[h], &rs[v]) {
                let (a, b) = (find(&mut parent, h), find(&mut parent, v));
                parent[a] = b;
            }
        }
    }
    let mut groups: std::collections::BTreeMap<usize, Vec<usize>> = std::collections::BTreeMap::new();
    for i in 0..n {
        let root = find(&mut parent, i);
        groups.entry(root).or_default().push(i);
    }
    let mut out: Vec<Vec<usize>> = groups.into_values().collect();
    out.sort();
    out
}

/// Cluster positions within SNAP of each other.
fn distinct(mut v: Vec<f32>) -> Vec<f32> {
    v.sort_by(f32::total_cmp);
    let mut out: Vec<f32> = Vec::new();
    for x in v {
        match out.last() {
            Some(&l) if x - l <= SNAP => {}
            _ => out.push(x),
        }
    }
    out
}

/// Find the ruled tables of a page.
pub fn ruled_tables(rulings: &[Ruling], fills: &[Fill]) -> Vec<GridTable> {
    // Too many rulings means a drawing (a chart or a map), not a table; cap the work.
    if rulings.len() > 20_000 {
        return Vec::new();
    }
    let rs = merge(rulings.to_vec());
    let mut tables = Vec::new();
    for group in components(&rs) {
        let h: Vec<&Ruling> = group.iter().map(|&i| &rs[i]).filter(|r| r.horizontal).collect();
        let v: Vec<&Ruling> = group.iter().map(|&i| &rs[i]).filter(|r| !r.horizontal).collect();
        if h.len() < 2 || v.len() < 2 {
            continue;
        }
        let xs = distinct(v.iter().map(|r| r.pos).collect());
        let ys = distinct(h.iter().map(|r| r.pos).collect());
        if xs.len() < 2 || ys.len() < 2 || xs.len() > 200 || ys.len() > 2000 {
            continue;
        }
        let covered_h = |y: f32, xa: f32, xb: f32| {
            h.iter().any(|r| (r.pos - y).abs() <= SNAP && r.start <= xa + SNAP && r.end >= xb - SNAP)
        };
        let covered_v = |x: f32, ya: f32, yb: f32| {
            v.iter().any(|r| (r.pos - x).abs() <= SNAP && r.start <= ya + SNAP && r.end >= yb - SNAP)
        };
        let (nr, nc) = (ys.len() - 1, xs.len() - 1);
        let mut taken = vec![vec![false; nc]; nr];
        let mut cells = Vec::new();
        for r in 0..nr {
            for c in 0..nc {
                if taken[r][c] {
                    continue;
                }
                // A slot with no ruling on its left and top belongs to no cell of its own
                // here (it is outside the drawn grid): skip slots without a left edge.
                if !covered_v(xs[c], ys[r], ys[r + 1]) && c == 0 {
                    continue;
                }
                let mut cs = 1;
                while c + cs < nc && !covered_v(xs[c + cs], ys[r], ys[r + 1]) && !taken[r][c + cs] {
                    cs += 1;
                }
                let mut rsp = 1;
                while r + rsp < nr
                    && (c..c + cs).all(|k| !covered_h(ys[r + rsp], xs[k], xs[k + 1]) && !taken[r + rsp][k])
                {
                    rsp += 1;
                }
                for row in taken.iter_mut().skip(r).take(rsp) {
                    for slot in row.iter_mut().skip(c).take(cs) {
                        *slot = true;
                    }
                }
                let (x0, y0, x1, y1) = (xs[c], ys[r], xs[c + cs], ys[r + rsp]);
                let fill = fill_of(fills, x0, y0, x1, y1);
                cells.push(GridCell { row: r, col: c, rowspan: rsp, colspan: cs, x0, y0, x1, y1, fill });
            }
        }
        // One cell, or one row / column of cells, is a box around text, not a table.
        let rows_used = cells.iter().map(|c| c.row).collect::<std::collections::BTreeSet<_>>().len();
        let cols_used = cells.iter().map(|c| c.col).collect::<std::collections::BTreeSet<_>>().len();
        if cells.len() < 2 || rows_used < 1 || cols_used < 2 && rows_used < 2 {
            continue;
        }
        tables.push(GridTable { xs, ys, cells, ruled: true });
    }
    tables.sort_by(|a, b| a.y0().total_cmp(&b.y0()));
    tables
}

/// The colour of the smallest non-white fill covering the middle of a cell.
fn fill_of(fills: &[Fill], x0: f32, y0: f32, x1: f32, y1: f32) -> Option<[u8; 3]> {
    let (cx, cy) = (((x0 + x1) / 2.0) as f64, ((y0 + y1) / 2.0) as f64);
    fills
        .iter()
        .filter(|f| {
            f.rect.contains(hayro_interpret::kurbo::Point::new(cx, cy)) && f.rgb.iter().any(|&c| c < 245)
        })
        .filter(|f| f.rect.area() <= ((x1 - x0) as f64 * (y1 - y0) as f64) * 4.0)
        .min_by(|a, b| a.rect.area().total_cmp(&b.rect.area()))
        .map(|f| f.rgb)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(y: f32, a: f32, b: f32) -> Ruling {
        Ruling { horizontal: true, pos: y, start: a, end: b }
    }
    fn v(x: f32, a: f32, b: f32) -> Ruling {
        Ruling { horizontal: false, pos: x, start: a, end: b }
    }

    #[test]
    fn grid_with_a_spanning_header() {
        // Three columns; the top row has no ruling between columns 1 and 2 (a span).
        let rs = vec![
            h(0.0, 0.0, 300.0),
            h(20.0, 0.0, 300.0),
            h(40.0, 0.0, 300.0),
            v(0.0, 0.0, 40.0),
            v(100.0, 0.0, 40.0),
            v(200.0, 20.0, 40.0),
            v(300.0, 0.0, 40.0),
        ];
        let t = &ruled_tables(&rs, &[])[0];
        assert_eq!(t.xs.len(), 4);
        let top: Vec<(usize, usize)> =
            t.cells.iter().filter(|c| c.row == 0).map(|c| (c.col, c.colspan)).collect();
        assert_eq!(top, vec![(0, 1), (1, 2)]);
        assert_eq!(t.cells.iter().filter(|c| c.row == 1).count(), 3);
    }

    #[test]
    fn pieces_of_one_line_merge() {
        let rs = merge(vec![h(10.0, 0.0, 50.0), h(10.5, 49.0, 120.0), h(30.0, 0.0, 3.0)]);
        assert_eq!(rs.len(), 1);
        assert_eq!((rs[0].start, rs[0].end), (0.0, 120.0));
    }

    #[test]
    fn a_framed_paragraph_is_not_a_table() {
        let rs = vec![h(0.0, 0.0, 300.0), h(50.0, 0.0, 300.0), v(0.0, 0.0, 50.0), v(300.0, 0.0, 50.0)];
        assert!(ruled_tables(&rs, &[]).is_empty());
    }
}
