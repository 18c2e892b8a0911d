//! From interpreted pages to IR blocks: tables and lines per page, running headers and
//! footers dropped, reading order by XY-cut, lines grouped into headings, list items and
//! paragraphs, and tables continued across a page break joined into one.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use regex::Regex;
use sgx_ir::{
    is_bullet_glyph, BBox, Block, BlockKind, Cell, CellPara, ListItem, Provenance, Row, Style, Table, Text,
    Warning, WarningKind,
};

use super::device::{Glyph, RawPage};
use super::layout::{list_marker, row_lines, rows, Line, Vocabulary};
use super::stream::stream_tables;
use super::tables::{ruled_tables, GridTable};
use crate::common::table_repair::merge_continuations;

static PAGE_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[\s\-–—|]*(page\s*)?\d{1,4}(\s*(of|/)\s*\d{1,4})?[\s\-–—|]*$").unwrap()
});

/// Share of the page height at the top and bottom where running headers and footers live.
const MARGIN: f32 = 0.1;
/// Gap, in ems, that separates two columns' text on one baseline.
const GUTTER_EM: f32 = 1.0;

/// One page after layout: free lines and tables, each with its box.
struct LaidOutPage {
    number: u32,
    height: f32,
    lines: Vec<Line>,
    tables: Vec<(GridTable, Vec<Vec<Line>>)>,
}

pub fn document_blocks(pages: Vec<RawPage>, warnings: &mut Vec<Warning>) -> Vec<Block> {
    let mut laid: Vec<LaidOutPage> = pages.into_iter().map(lay_out_page).collect();
    let mut vocab = Vocabulary::default();
    for p in &laid {
        for l in p.lines.iter().chain(p.tables.iter().flat_map(|(_, cells)| cells.iter().flatten())) {
            vocab.add(&l.text.text);
        }
    }
    drop_running_lines(&mut laid, warnings);
    let levels = HeadingLevels::new(&laid);
    let mut blocks = Vec::new();
    for page in laid {
        page_blocks(page, &vocab, &levels, &mut blocks);
    }
    join_tables_across_pages(blocks)
}

fn lay_out_page(page: RawPage) -> LaidOutPage {
    let content = page.content;
    let grids = ruled_tables(&content.rulings, &content.fills);
    let mut cell_glyphs: Vec<Vec<Vec<&Glyph>>> =
        grids.iter().map(|t| vec![Vec::new(); t.cells.len()]).collect();
    let mut free: Vec<&Glyph> = Vec::new();
    for g in &content.glyphs {
        let (cx, cy) = ((g.x0 + g.x1) / 2.0, g.baseline - g.size * 0.3);
        let hit = grids.iter().enumerate().find_map(|(t, grid)| grid.cell_at(cx, cy).map(|c| (t, c)));
        match hit {
            Some((t, c)) => cell_glyphs[t][c].push(g),
            None => free.push(g),
        }
    }
    let lines: Vec<Line> = rows(&free).iter().flat_map(|r| row_lines(&free, r, Some(GUTTER_EM))).collect();
    let mut tables: Vec<(GridTable, Vec<Vec<Line>>)> = grids
        .into_iter()
        .zip(cell_glyphs)
        .map(|(grid, cells)| {
            let cell_lines = cells
                .iter()
                .map(|gs| rows(gs).iter().flat_map(|r| row_lines(gs, r, None)).collect())
                .collect();
            (grid, cell_lines)
        })
        .filter(|(_, cells): &(GridTable, Vec<Vec<Line>>)| cells.iter().any(|c| !c.is_empty()))
        .collect();
    // Unruled tables among the remaining lines.
    let found = stream_tables(&lines);
    let used: std::collections::BTreeSet<usize> = found.iter().flat_map(|t| t.used.iter().copied()).collect();
    tables.extend(found.into_iter().map(|t| (t.grid, t.cell_lines)));
    let lines = lines.into_iter().enumerate().filter(|(i, _)| !used.contains(i)).map(|(_, l)| l).collect();
    LaidOutPage { number: page.number, height: page.height, lines, tables }
}

/// Lines in the top or bottom margin that repeat on several pages (digits aside), and page
/// numbers there, are running headers and footers.
fn drop_running_lines(pages: &mut [LaidOutPage], warnings: &mut Vec<Warning>) {
    let key = |l: &Line| {
        l.plain().to_lowercase().chars().map(|c| if c.is_ascii_digit() { '#' } else { c }).collect::<String>()
    };
    let in_margin = |l: &Line, h: f32| l.bottom < h * MARGIN || l.top > h * (1.0 - MARGIN);
    let mut count: BTreeMap<String, usize> = BTreeMap::new();
    for p in pages.iter() {
        let mut seen = std::collections::BTreeSet::new();
        for l in p.lines.iter().filter(|l| in_margin(l, p.height)) {
            if seen.insert(key(l)) {
                *count.entry(key(l)).or_default() += 1;
            }
        }
    }
    let min_pages = ((pages.len() as f32) * 0.3).ceil().max(2.0) as usize;
    let mut dropped = 0;
    for p in pages.iter_mut() {
        let h = p.height;
        p.lines.retain(|l| {
            let running = in_margin(l, h)
                && (PAGE_NUMBER.is_match(l.plain()) || count.get(&key(l)).is_some_and(|&n| n >= min_pages));
            dropped += running as usize;
            !running
        });
    }
    if dropped > 0 {
        let message = format!("dropped {dropped} running header, footer and page-number lines");
        warnings.push(Warning::new(WarningKind::DroppedDebris, message));
    }
}

/// Heading levels from font sizes larger than the body text's.
struct HeadingLevels {
    body: f32,
    sizes: Vec<f32>,
}

impl HeadingLevels {
    fn new(pages: &[LaidOutPage]) -> Self {
        let mut weight: BTreeMap<i32, usize> = BTreeMap::new();
        for l in pages.iter().flat_map(|p| &p.lines) {
            *weight.entry((l.size * 2.0).round() as i32).or_default() += l.text.text.len();
        }
        let body = weight.iter().max_by_key(|(s, w)| (**w, -**s)).map_or(10.0, |(s, _)| *s as f32 / 2.0);
        let mut sizes: Vec<f32> =
            weight.keys().map(|&s| s as f32 / 2.0).filter(|&s| s >= body * 1.15).collect();
        sizes.sort_by(|a, b| b.total_cmp(a));
        HeadingLevels { body, sizes }
    }

    /// The heading level of a line, if it reads as a heading by size.
    fn level(&self, l: &Line) -> Option<u8> {
        let rounded = (l.size * 2.0).round() / 2.0;
        if rounded < self.body * 1.15 || l.plain().split_whitespace().count() > 25 {
            return None;
        }
        let rank = self.sizes.iter().position(|&s| (s - rounded).abs() < 0.3).unwrap_or(self.sizes.len());
        Some((rank as u8 + 1).min(5))
    }

    fn bold_level(&self) -> u8 {
        (self.sizes.len() as u8 + 1).min(6)
    }
}

/// A thing on the page to put in reading order.
enum Item {
    Line(Line),
    Table(Box<(GridTable, Vec<Vec<Line>>)>),
}

impl Item {
    fn bbox(&self) -> BBox {
        match self {
            Item::Line(l) => l.bbox(),
            Item::Table(t) => BBox { x0: t.0.x0(), y0: t.0.y0(), x1: t.0.x1(), y1: t.0.y1() },
        }
    }
}

fn page_blocks(page: LaidOutPage, vocab: &Vocabulary, levels: &HeadingLevels, out: &mut Vec<Block>) {
    let mut items: Vec<Item> = page.lines.into_iter().map(Item::Line).collect();
    items.extend(page.tables.into_iter().map(|t| Item::Table(Box::new(t))));
    let boxes: Vec<BBox> = items.iter().map(Item::bbox).collect();
    let order = xy_cut((0..items.len()).collect(), &boxes);
    let mut slots: Vec<Option<Item>> = items.into_iter().map(Some).collect();
    let mut pending: Vec<Line> = Vec::new();
    for i in order {
        match slots[i].take().expect("each item once") {
            Item::Line(l) => pending.push(l),
            Item::Table(t) => {
                flush_lines(&mut pending, page.number, vocab, levels, out);
                out.push(table_block(&t.0, t.1, page.number, vocab));
            }
        }
    }
    flush_lines(&mut pending, page.number, vocab, levels, out);
}

/// Reading order by recursive XY-cut: split at the widest whitespace band, preferring a
/// column gutter when it is clearly wider than the gaps between lines.
fn xy_cut(idx: Vec<usize>, boxes: &[BBox]) -> Vec<usize> {
    if idx.len() <= 1 {
        return idx;
    }
    let (hgap, hcut) = widest_gap(&idx, boxes, |b| (b.y0, b.y1));
    let (vgap, vcut) = widest_gap(&idx, boxes, |b| (b.x0, b.x1));
    let vertical_ok = vgap >= 12.0 && vgap > hgap * 1.5 && {
        let (left, right): (Vec<usize>, Vec<usize>) = idx.iter().partition(|&&i| boxes[i].x1 <= vcut);
        left.len() >= 3 && right.len() >= 3
    };
    if vertical_ok {
        let (left, right): (Vec<usize>, Vec<usize>) = idx.into_iter().partition(|&i| boxes[i].x1 <= vcut);
        let mut out = xy_cut(left, boxes);
        out.extend(xy_cut(right, boxes));
        return out;
    }
    if hgap > 0.0 {
        let (top, bottom): (Vec<usize>, Vec<usize>) = idx.into_iter().partition(|&i| boxes[i].y1 <= hcut);
        let mut out = xy_cut(top, boxes);
        out.extend(xy_cut(bottom, boxes));
        return out;
    }
    // Nothing separates them (overlapping boxes): top to bottom, left to right.
    let mut idx = idx;
    idx.sort_by(|&a, &b| boxes[a].y0.total_cmp(&boxes[b].y0).then(boxes[a].x0.total_cmp(&boxes[b].x0)));
    idx
}

/// The widest gap between the boxes projected on one axis: (width, middle of the gap).
fn widest_gap(idx: &[usize], boxes: &[BBox], span: impl Fn(&BBox) -> (f32, f32)) -> (f32, f32) {
    let mut spans: Vec<(f32, f32)> = idx.iter().map(|&i| span(&boxes[i])).collect();
    spans.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut best = (0.0f32, 0.0f32);
    let mut reach = spans[0].1;
    for &(a, b) in &spans[1..] {
        if a > reach && a - reach > best.0 {
            best = (a - reach, (a + reach) / 2.0);
        }
        reach = reach.max(b);
    }
    best
}

fn prov(page: u32, bbox: BBox) -> Provenance {
    Provenance { page: Some(page), bbox: Some(bbox), ..Default::default() }
}

/// Group lines (already in reading order) into headings, lists and paragraphs.
fn flush_lines(
    lines: &mut Vec<Line>,
    page: u32,
    vocab: &Vocabulary,
    levels: &HeadingLevels,
    out: &mut Vec<Block>,
) {
    let lines = std::mem::take(lines);
    let mut k = 0;
    while k < lines.len() {
        let l = &lines[k];
        let follows = |a: &Line, b: &Line| {
            let gap = b.top - a.bottom;
            gap > -0.5 * a.size && gap < 0.75 * a.size.max(b.size) && (a.size - b.size).abs() < 0.15 * a.size
        };
        if let Some(level) = levels.level(l) {
            // A heading may wrap over several lines of the same size.
            let mut text = l.text.clone();
            let mut bbox = l.bbox();
            let mut j = k + 1;
            while j < lines.len()
                && levels.level(&lines[j]) == Some(level)
                && follows(&lines[j - 1], &lines[j])
            {
                vocab.join(&mut text, lines[j].text.clone());
                bbox = bbox.union(&lines[j].bbox());
                j += 1;
            }
            out.push(Block::new(BlockKind::Heading { level, text }, prov(page, bbox)));
            k = j;
            continue;
        }
        if list_marker(l.plain()).is_some() {
            let mut items = Vec::new();
            let mut bbox = l.bbox();
            while k < lines.len() {
                let Some((marker, _)) = list_marker(lines[k].plain()) else { break };
                let item_x = lines[k].x0;
                let mut text = strip_marker(&lines[k].text, &marker);
                let mut ibox = lines[k].bbox();
                let mut j = k + 1;
                // Continuation lines hang under the item's text.
                while j < lines.len()
                    && list_marker(lines[j].plain()).is_none()
                    && lines[j].x0 > item_x + 0.3 * lines[j].size
                    && follows(&lines[j - 1], &lines[j])
                {
                    vocab.join(&mut text, lines[j].text.clone());
                    ibox = ibox.union(&lines[j].bbox());
                    j += 1;
                }
                bbox = bbox.union(&ibox);
                items.push(ListItem { marker, text, children: Vec::new(), prov: prov(page, ibox) });
                if j < lines.len()
                    && !follows(&lines[j - 1], &lines[j])
                    && list_marker(lines[j].plain()).is_some()
                    && lines[j].top - lines[j - 1].bottom > 2.0 * lines[j].size
                {
                    k = j;
                    break;
                }
                k = j;
            }
            out.push(Block::new(BlockKind::List { items }, prov(page, bbox)));
            continue;
        }
        // A paragraph: following lines close below, same size, not a new item or heading.
        let mut text = l.text.clone();
        let mut bbox = l.bbox();
        let mut j = k + 1;
        while j < lines.len()
            && follows(&lines[j - 1], &lines[j])
            && list_marker(lines[j].plain()).is_none()
            && levels.level(&lines[j]).is_none()
        {
            // A short bold line on its own is a heading, not the start of this paragraph.
            if j == k + 1 && l.is_bold() && !lines[j].is_bold() && l.plain().split_whitespace().count() <= 12
            {
                break;
            }
            vocab.join(&mut text, lines[j].text.clone());
            bbox = bbox.union(&lines[j].bbox());
            j += 1;
        }
        let single_bold = j == k + 1
            && l.is_bold()
            && l.plain().split_whitespace().count() <= 12
            && !l.plain().ends_with('.');
        let kind = if single_bold {
            BlockKind::Heading { level: levels.bold_level(), text }
        } else {
            BlockKind::Paragraph { text }
        };
        out.push(Block::new(kind, prov(page, bbox)));
        k = j;
    }
}

/// The text after a list marker, marks kept.
fn strip_marker(t: &Text, marker: &str) -> Text {
    let start = t.text.find(marker).map_or(0, |p| p + marker.len());
    let rest = &t.text[start..];
    let skip = start + (rest.len() - rest.trim_start().len());
    let mut out = Text::plain(&t.text[skip..]);
    out.marks = t
        .marks
        .iter()
        .filter(|m| m.end > skip)
        .map(|m| sgx_ir::Mark { start: m.start.saturating_sub(skip), end: m.end - skip, style: m.style })
        .collect();
    out
}

/// One ruled table as an IR table block.
fn table_block(grid: &GridTable, cell_lines: Vec<Vec<Line>>, page: u32, vocab: &Vocabulary) -> Block {
    let n_rows = grid.ys.len() - 1;
    let mut rows: Vec<Row> = (0..n_rows)
        .map(|r| Row {
            cells: Vec::new(),
            header: false,
            prov: prov(page, BBox { x0: grid.x0(), y0: grid.ys[r], x1: grid.x1(), y1: grid.ys[r + 1] }),
        })
        .collect();
    for (cell, lines) in grid.cells.iter().zip(cell_lines) {
        // Ruled cells keep their text a few points inside the box.
        let right = grid.ruled.then_some(cell.x1 - 6.0);
        let mut c = Cell::new(cell.col, cell_paras(&lines, vocab, right));
        c.colspan = cell.colspan as u32;
        c.rowspan = cell.rowspan as u32;
        c.fill = cell.fill.map(|[r, g, b]| format!("#{r:02x}{g:02x}{b:02x}"));
        c.prov = Some(prov(page, BBox { x0: cell.x0, y0: cell.y0, x1: cell.x1, y1: cell.y1 }));
        rows[cell.row].cells.push(c);
    }
    // Rows that only hold the lower part of cells spanning from above carry no cells.
    rows.retain(|r| !r.cells.is_empty());
    for r in &mut rows {
        r.cells.sort_by_key(|c| c.col);
    }
    if !grid.ruled {
        // An unruled table's wrapped cells arrive as rows of their own: rejoin them. A row
        // that fills most columns is a row, whatever case its cells start in.
        let n_cols = grid.xs.len() - 1;
        let mut joined: Vec<Row> = Vec::new();
        for row in rows {
            let filled = row.cells.iter().filter(|c| !c.is_empty()).count();
            if filled * 2 > n_cols {
                joined.push(row);
            } else if let Some(rest) = merge_continuations(&mut joined, row) {
                joined.push(rest);
            }
        }
        rows = joined;
    }
    if let Some(first) = rows.first() {
        let filled: Vec<&Cell> = first.cells.iter().filter(|c| !c.is_empty()).collect();
        let all_bold =
            !filled.is_empty() && filled.iter().all(|c| c.paras.iter().all(|p| p.text.is_all(Style::Bold)));
        let shaded_alone = first.cells.iter().any(|c| c.fill.is_some())
            && rows.get(1).is_some_and(|r| r.cells.iter().all(|c| c.fill.is_none()));
        rows[0].header = all_bold || shaded_alone;
    }
    let bbox = BBox { x0: grid.x0(), y0: grid.y0(), x1: grid.x1(), y1: grid.y1() };
    Block::new(BlockKind::Table(Table { rows }), prov(page, bbox))
}

/// The paragraphs of a cell. Bullets and numbers start items; otherwise a line break is
/// deliberate — a new item — when the next line's first word would have fitted at the end of
/// the line before it (a wrapped line breaks only because it did not), or when a paragraph
/// gap separates them. `right` is where the cell's text can reach (for a ruled cell its box
/// less the padding; for an unruled one its widest line).
fn cell_paras(lines: &[Line], vocab: &Vocabulary, right: Option<f32>) -> Vec<CellPara> {
    let right = right.unwrap_or_else(|| lines.iter().map(|l| l.x1).fold(f32::MIN, f32::max));
    let mut paras: Vec<CellPara> = Vec::new();
    let mut prev: Option<&Line> = None;
    for l in lines {
        if let Some((marker, _)) = list_marker(l.plain()) {
            let level =
                if paras.iter().any(|p| p.bullet.is_some()) && prev.is_some_and(|p| l.x0 > p.x0 + l.size) {
                    1
                } else {
                    0
                };
            // Bullet glyphs are layout; a number ("3.", "b)") is part of what the cell says.
            let glyph = marker.chars().all(|c| is_bullet_glyph(c) || matches!(c, '-' | '–' | '*'));
            let text = if glyph { strip_marker(&l.text, &marker) } else { l.text.clone() };
            paras.push(CellPara { text, bullet: Some(level) });
            prev = Some(l);
            continue;
        }
        let new_para = match prev {
            None => true,
            Some(p) => {
                // Wrapped lines sit about 1.2 em apart; more means paragraph spacing.
                let spaced = l.baseline - p.baseline > 1.45 * l.size.max(p.size);
                let first_word = l.words.first().map_or(0.0, |w| w.x1 - w.x0);
                // With a margin: a word that only just fits may have been pushed down by
                // padding or kerning this layout cannot see.
                let would_fit = p.x1 + 0.3 * l.size + first_word < right - 0.5 * l.size;
                spaced || would_fit
            }
        };
        if new_para {
            paras.push(CellPara { text: l.text.clone(), bullet: None });
        } else if let Some(last) = paras.last_mut() {
            vocab.join(&mut last.text, l.text.clone());
        }
        prev = Some(l);
    }
    paras
}

/// A table that ends one page and one that starts the next with the same columns are one
/// table: repeated header rows are flagged and a row broken by the page break is rejoined.
fn join_tables_across_pages(blocks: Vec<Block>) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    // Short lines in a page margin between the two parts (a header the running-line pass
    // could not confirm) do not separate them; they move after the joined table.
    let mut held: Vec<Block> = Vec::new();
    for b in blocks {
        if matches!(b.kind, BlockKind::Paragraph { .. })
            && in_margin_note(&b)
            && matches!(out.last().map(|l| &l.kind), Some(BlockKind::Table(_)))
        {
            held.push(b);
            continue;
        }
        let continues = match (out.last(), &b.kind) {
            (Some(prev), BlockKind::Table(next)) => match &prev.kind {
                BlockKind::Table(t) => {
                    // The page the table (perhaps already joined) last ran on.
                    let last_page = t.rows.last().and_then(|r| r.prov.page).or(prev.prov.page);
                    last_page.is_some_and(|p| Some(p + 1) == b.prov.page) && same_columns(t, next, prev, &b)
                }
                _ => false,
            },
            _ => false,
        };
        if !continues {
            out.append(&mut held);
            out.push(b);
            continue;
        }
        let prev = out.last_mut().expect("checked");
        let BlockKind::Table(t) = &mut prev.kind else { unreachable!("checked") };
        let BlockKind::Table(next) = b.kind else { unreachable!("checked") };
        let header_key = t.rows.first().map(row_key);
        for (k, mut row) in next.rows.into_iter().enumerate() {
            if Some(row_key(&row)) == header_key {
                row.header = true;
                t.rows.push(row);
                continue;
            }
            if k <= 1 {
                if let Some(rest) = merge_continuations(&mut t.rows, row) {
                    t.rows.push(rest);
                }
                continue;
            }
            t.rows.push(row);
        }
        out.append(&mut held);
    }
    out.append(&mut held);
    out
}

/// A short line near the top or bottom edge of its page.
fn in_margin_note(b: &Block) -> bool {
    let short = b.plain_text().split_whitespace().count() <= 8;
    short && b.prov.bbox.is_some_and(|bb| bb.y0 < 50.0)
}

fn row_key(r: &Row) -> Vec<String> {
    r.cells.iter().map(|c| sgx_ir::normalize_ws(&c.text()).to_lowercase()).collect()
}

/// Same column count and the same column edges (within a few points).
fn same_columns(a: &Table, b: &Table, ab: &Block, bb: &Block) -> bool {
    if a.n_cols() != b.n_cols() {
        return false;
    }
    let edges = |t: &Table| -> Vec<f32> {
        let mut e: Vec<f32> = t
            .rows
            .iter()
            .flat_map(|r| r.cells.iter())
            .filter(|c| c.colspan == 1)
            .filter_map(|c| c.prov.as_ref()?.bbox.map(|b| b.x0))
            .collect();
        e.sort_by(f32::total_cmp);
        e.dedup_by(|x, y| (*x - *y).abs() < 3.0);
        e
    };
    let (ea, eb) = (edges(a), edges(b));
    let close = ea.len() == eb.len() && ea.iter().zip(&eb).all(|(x, y)| (x - y).abs() < 4.0);
    let widths = ab
        .prov
        .bbox
        .zip(bb.prov.bbox)
        .is_some_and(|(x, y)| (x.x0 - y.x0).abs() < 4.0 && (x.x1 - y.x1).abs() < 4.0);
    close || widths
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bb(x0: f32, y0: f32, x1: f32, y1: f32) -> BBox {
        BBox { x0, y0, x1, y1 }
    }

    #[test]
    fn two_columns_read_down_then_across_under_a_full_width_title() {
        let mut boxes = vec![bb(50.0, 40.0, 550.0, 60.0)];
        for k in 0..4 {
            let y = 80.0 + 14.0 * k as f32;
            boxes.push(bb(50.0, y, 290.0, y + 10.0)); // left column
            boxes.push(bb(310.0, y, 550.0, y + 10.0)); // right column
        }
        let order = xy_cut((0..boxes.len()).collect(), &boxes);
        assert_eq!(order, vec![0, 1, 3, 5, 7, 2, 4, 6, 8]);
    }

    #[test]
    fn a_table_like_grid_of_short_pieces_is_not_cut_into_columns_per_line() {
        // Lines close together with a narrow gap between pieces: read row by row.
        let boxes = vec![
            bb(50.0, 80.0, 100.0, 90.0),
            bb(108.0, 80.0, 150.0, 90.0),
            bb(50.0, 94.0, 100.0, 104.0),
            bb(108.0, 94.0, 150.0, 104.0),
        ];
        assert_eq!(xy_cut((0..4).collect(), &boxes), vec![0, 1, 2, 3]);
    }
}
