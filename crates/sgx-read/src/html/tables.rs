//! Tables: data tables on their grid (cells read as flow content, nested tables following
//! the outer one), tables that lay out a page (read as the page they lay out, side menus
//! left out), and definition lists as two-column tables.

use scraper::ElementRef;
use sgx_ir::{Block, BlockKind, Cell, CellPara, ListItem, Provenance, Row, Table, Warning, WarningKind};

use super::context::{child_ctx, Ctx};
use super::css::cell_fill;
use super::furniture::{is_layout_table, text_and_link_chars};
use super::walk::Walker;
use crate::common::html_grid::{self, NameCounter};
use crate::common::table_grid::bound_grid;
use crate::common::text_builder::split_lines;

impl<'a> Walker<'a> {
    /// `<dl>` as a two-column table: terms on the left, their descriptions on the right.
    pub(super) fn definition_list(&mut self, el: ElementRef<'a>, ctx: Ctx, depth: usize) {
        let prov = self.prov_of(el);
        let mut rows: Vec<Row> = Vec::new();
        let mut deferred = Vec::new();
        let mut last_was_term = false;
        // <div> wrappers around dt/dd groups are allowed: look one level in.
        let entries: Vec<ElementRef> = el
            .children()
            .filter_map(ElementRef::wrap)
            .flat_map(|c| {
                if c.value().name() == "div" {
                    c.children().filter_map(ElementRef::wrap).collect()
                } else {
                    vec![c]
                }
            })
            .filter(|c| matches!(c.value().name(), "dt" | "dd"))
            .collect();
        let mut counts = NameCounter::default();
        for entry in entries {
            let name = entry.value().name();
            self.path.push(format!("{name}[{}]", counts.next(name)));
            let entry_prov = self.prov_of(entry);
            let blocks = self.blocks_of(entry, child_ctx(entry, Ctx { in_table: true, ..ctx }), depth + 1);
            let paras = cell_paras(blocks, &mut deferred);
            let is_term = name == "dt";
            let col = usize::from(!is_term);
            let starts_row = (is_term && !last_was_term) || (!is_term && rows.is_empty());
            if starts_row {
                rows.push(Row { cells: Vec::new(), header: false, prov: entry_prov.clone() });
            }
            if let Some(row) = rows.last_mut() {
                match row.cells.iter_mut().find(|c| c.col == col) {
                    Some(cell) => cell.paras.extend(paras),
                    None => {
                        let mut cell = Cell::new(col, paras);
                        cell.prov = Some(entry_prov);
                        row.cells.push(cell);
                    }
                }
            }
            last_was_term = is_term;
            self.path.pop();
        }
        if !rows.is_empty() {
            self.out.push(Block::new(BlockKind::Table(Table { rows }), prov));
        }
        self.out.extend(deferred);
    }

    /// A `<table>`: a data table as one table block (its caption before it, the tables nested
    /// in its cells after it), or a layout table read as flow content.
    pub(super) fn table(&mut self, el: ElementRef<'a>, ctx: Ctx, depth: usize) {
        let table_path = self.path_string();
        let layout = html_grid::layout(el);
        if is_layout_table(el, &layout) {
            self.layout_table(layout, ctx, depth);
            return;
        }
        let prov = self.prov_of(el);
        for caption in el.children().filter_map(ElementRef::wrap).filter(|c| c.value().name() == "caption") {
            self.path.push("caption[1]".into());
            let blocks = self.blocks_of(caption, child_ctx(caption, ctx), depth + 1);
            self.out.extend(blocks);
            self.path.pop();
        }
        let at = Provenance { path: Some(table_path.clone()), ..Provenance::default() };
        self.warnings.extend(
            layout.warnings.iter().map(|w| Warning::at(WarningKind::LimitReached, at.clone(), w.clone())),
        );
        let mut nested = Vec::new();
        let mut rows = Vec::with_capacity(layout.rows.len());
        for placed_row in layout.rows {
            let row_prov = Provenance {
                path: Some(format!("{table_path}/{}", placed_row.path)),
                ..self.prov_of(placed_row.tr)
            };
            let mut cells = Vec::with_capacity(placed_row.cells.len());
            for placed in placed_row.cells {
                let cell_path = format!("{}/{}", placed_row.path, placed.path);
                self.path.push(cell_path);
                let cell_prov = self.prov_of(placed.el);
                let inner = child_ctx(placed.el, child_ctx(placed_row.tr, Ctx { in_table: true, ..ctx }));
                let blocks = self.blocks_of(placed.el, inner, depth + 2);
                self.path.pop();
                let mut cell = Cell::new(placed.col, cell_paras(blocks, &mut nested));
                cell.colspan = placed.colspan;
                cell.rowspan = placed.rowspan;
                cell.fill = cell_fill(placed.el).or_else(|| cell_fill(placed_row.tr));
                cell.prov = Some(cell_prov);
                cells.push(cell);
            }
            rows.push(Row { cells, header: placed_row.header, prov: row_prov });
        }
        let mut table = Table { rows };
        if let Some(w) = bound_grid(&mut table) {
            self.warnings.push(Warning::at(WarningKind::LimitReached, at, w));
        }
        self.out.push(Block::new(BlockKind::Table(table), prov));
        self.out.extend(nested);
    }

    /// A table that lays out the page: its cells are read as flow content, row by row, and
    /// side cells that are mostly links (a site menu beside the content) are left out.
    fn layout_table(&mut self, layout: html_grid::Layout<'a>, ctx: Ctx, depth: usize) {
        let sizes: Vec<Vec<(usize, usize)>> =
            layout.rows.iter().map(|r| r.cells.iter().map(|c| text_and_link_chars(c.el)).collect()).collect();
        let largest = sizes.iter().flatten().map(|&(all, _)| all).max().unwrap_or(0);
        for (row, sizes) in layout.rows.iter().zip(sizes) {
            for (placed, (all, links)) in row.cells.iter().zip(sizes) {
                let menu = all * 5 < largest && links * 4 >= all;
                if menu {
                    continue;
                }
                self.path.push(format!("{}/{}", row.path, placed.path));
                self.flush();
                self.block_at_path(placed.el, child_ctx(placed.el, child_ctx(row.tr, ctx)), depth + 2);
                self.flush();
                self.path.pop();
            }
        }
    }
}

/// A cell's blocks as cell paragraphs: line breaks split paragraphs, list items become
/// bullet paragraphs; nested tables go to `nested`, to follow the outer table.
fn cell_paras(blocks: Vec<Block>, nested: &mut Vec<Block>) -> Vec<CellPara> {
    let mut paras = Vec::new();
    for b in blocks {
        match b.kind {
            BlockKind::Paragraph { text } | BlockKind::Heading { text, .. } => {
                paras.extend(split_lines(text).into_iter().map(|text| CellPara { text, bullet: None }));
            }
            BlockKind::List { items } => push_items(&items, 0, &mut paras),
            BlockKind::Table(_) => nested.push(b),
        }
    }
    paras
}

fn push_items(items: &[ListItem], level: u8, paras: &mut Vec<CellPara>) {
    for item in items {
        if !item.text.is_empty() {
            paras.push(CellPara { text: item.text.clone(), bullet: Some(level) });
        }
        push_items(&item.children, level.saturating_add(1), paras);
    }
}
