//! The story of a Word document (body, footnotes, text boxes): paragraphs and tables in
//! reading order, by recursive descent over document.xml.
//!
//! What Word shows is what is read: tracked insertions kept and deletions dropped (changes
//! accepted), fields by their result not their code, content controls and text boxes in
//! place, hidden text left out. Footnote references are skipped — notes are read apart.

use sgx_ir::{is_bullet_glyph, Cell, CellPara, Provenance, Row, Style, Table, Text, Warning, WarningKind};

use super::numbering::{bullet_glyph, Label, Numbering};
use super::styles::{parse_num_pr, NumRef, RunProps, Styles};
use super::xml::{Cursor, El, Ev, Ns};
use crate::common::table_grid::{bound_grid, MAX_COLS, MAX_COLSPAN};
use crate::common::text_builder::{split_lines, TextBuilder};
use crate::error::ReadError;

/// Deeper nesting (tables in tables, content controls in content controls...) is skipped:
/// the descent is recursive and a hostile file must not exhaust the stack.
const MAX_NESTING: usize = 48;

/// A paragraph or a table, with where it came from.
pub enum Piece {
    Para(Para),
    Table(TablePiece),
}

pub struct Para {
    pub text: Text,
    /// Heading level from the paragraph's style or outline level.
    pub heading: Option<u8>,
    /// The list number or bullet, for paragraphs in a list.
    pub label: Option<Label>,
    /// List level (0 = top).
    pub level: u8,
    pub path: String,
}

pub struct TablePiece {
    pub table: Table,
    pub path: String,
    /// Tables nested in this one's cells, in document order.
    pub nested: Vec<TablePiece>,
}

/// Positions of paragraphs and tables in one container, for paths.
#[derive(Default)]
struct Counts {
    p: usize,
    tbl: usize,
}

pub struct BodyReader<'s> {
    styles: &'s Styles,
    numbering: &'s mut Numbering,
    /// Complex fields open here: `true` once past the separator, in the field's result.
    fields: Vec<bool>,
    depth: usize,
    pub warnings: Vec<Warning>,
    /// The nesting-cap warning was given (once per document).
    deep_warned: bool,
}

/// The paragraph being read.
struct ParaState {
    text: TextBuilder,
    style: Option<String>,
    num: Option<NumRef>,
    outline: Option<u8>,
    /// Emphasis the paragraph style gives its runs.
    run_base: RunProps,
    /// Text box content, read after the paragraph that anchors it.
    boxes: Vec<Piece>,
    n_boxes: usize,
    path: String,
}

/// A vertical merge mark on a cell (`w:vMerge`), or a legacy horizontal one (`w:hMerge`).
#[derive(Debug, Clone, Copy, PartialEq)]
enum Merge {
    Restart,
    Continue,
}

struct RawCell {
    span: u32,
    vmerge: Option<Merge>,
    hmerge: Option<Merge>,
    fill: Option<String>,
    pieces: Vec<Piece>,
    path: String,
}

#[derive(Default)]
struct RawRow {
    grid_before: usize,
    header: bool,
    deleted: bool,
    cells: Vec<RawCell>,
}

impl<'s> BodyReader<'s> {
    pub fn new(styles: &'s Styles, numbering: &'s mut Numbering) -> Self {
        BodyReader {
            styles,
            numbering,
            fields: Vec::new(),
            depth: 0,
            warnings: Vec::new(),
            deep_warned: false,
        }
    }

    /// Read the block content of the current element (body, cell, text box, note) to its end.
    pub fn blocks(&mut self, cur: &mut Cursor, prefix: &str) -> Result<Vec<Piece>, ReadError> {
        let mut out = Vec::new();
        self.blocks_into(cur, prefix, &mut Counts::default(), &mut out)?;
        Ok(out)
    }

    /// Guard the recursion: false (and the element skipped) when nested too deeply.
    fn enter(&mut self, cur: &mut Cursor) -> Result<bool, ReadError> {
        if self.depth >= MAX_NESTING {
            cur.skip()?;
            if !self.deep_warned {
                let message = format!("content nested deeper than {MAX_NESTING} levels skipped");
                self.warnings.push(Warning::new(WarningKind::LimitReached, message));
                self.deep_warned = true;
            }
            return Ok(false);
        }
        self.depth += 1;
        Ok(true)
    }

    fn leave(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }

    fn blocks_into(
        &mut self,
        cur: &mut Cursor,
        prefix: &str,
        counts: &mut Counts,
        out: &mut Vec<Piece>,
    ) -> Result<(), ReadError> {
        if !self.enter(cur)? {
            return Ok(());
        }
        loop {
            match cur.next()? {
                Ev::Start(el) => self.block_child(cur, el, prefix, counts, out)?,
                Ev::End => break,
                Ev::Text(_) => {}
                Ev::Eof => return Err(cur.corrupt("unexpected end of part")),
            }
        }
        self.leave();
        Ok(())
    }

    /// One child of a block container.
    fn block_child(
        &mut self,
        cur: &mut Cursor,
        el: El,
        prefix: &str,
        counts: &mut Counts,
        out: &mut Vec<Piece>,
    ) -> Result<(), ReadError> {
        match (el.ns, el.local.as_str()) {
            (Ns::W, "p") => {
                counts.p += 1;
                let path = format!("{prefix}/p[{}]", counts.p);
                let (para, boxes) = self.paragraph(cur, path)?;
                out.push(Piece::Para(para));
                out.extend(boxes);
            }
            (Ns::W, "tbl") => {
                counts.tbl += 1;
                let path = format!("{prefix}/tbl[{}]", counts.tbl);
                let table = self.table(cur, path)?;
                out.push(Piece::Table(table));
            }
            // Containers whose content is read in place: content controls, custom XML,
            // tracked insertions and moves.
            (Ns::W, "sdt" | "sdtContent" | "customXml" | "ins" | "moveTo" | "smartTag") => {
                self.blocks_into(cur, prefix, counts, out)?
            }
            (Ns::Mc, "AlternateContent") => {
                self.alternate(cur, |this, cur| this.blocks_into(cur, prefix, counts, out))?
            }
            // Tracked deletions, section and content-control properties, everything else.
            _ => cur.skip()?,
        }
        Ok(())
    }

    /// `mc:AlternateContent`: read the first choice (or the fallback if there is none).
    fn alternate(
        &mut self,
        cur: &mut Cursor,
        mut read: impl FnMut(&mut Self, &mut Cursor) -> Result<(), ReadError>,
    ) -> Result<(), ReadError> {
        let mut done = false;
        cur.each_child(|cur, el| {
            if !done && el.ns == Ns::Mc && (el.local == "Choice" || el.local == "Fallback") {
                done = true;
                read(self, cur)
            } else {
                cur.skip()
            }
        })
    }

    fn paragraph(&mut self, cur: &mut Cursor, path: String) -> Result<(Para, Vec<Piece>), ReadError> {
        let mut st = ParaState {
            text: TextBuilder::default(),
            style: None,
            num: None,
            outline: None,
            run_base: self.styles.run_props(self.styles.default_paragraph()).or(self.styles.defaults()),
            boxes: Vec::new(),
            n_boxes: 0,
            path,
        };
        self.para_content(cur, &mut st)?;
        // A field code never runs past its paragraph: an unclosed one (a damaged file) must
        // not hide the rest of the document.
        while self.fields.last() == Some(&false) {
            self.fields.pop();
        }
        let style = st.style.as_deref().or(self.styles.default_paragraph());
        let heading = match st.outline {
            Some(o) if o < 9 => Some(o + 1),
            Some(_) => None,
            None => style.and_then(|s| self.styles.heading_level(s)),
        };
        let num = merge_num(st.num.as_ref(), style.and_then(|s| self.styles.num_ref(s)));
        let (label, level) = match num {
            Some((id, level)) => (self.numbering.label(&id, level, self.styles), level),
            None => (None, 0),
        };
        let mut text = st.text.finish();
        // Bullets typed by hand ("•<tab>text") instead of list numbering.
        let label = match label {
            None if heading.is_none() => match strip_bullet_glyph(&text) {
                Some((glyph, rest)) => {
                    text = rest;
                    Some(Label { text: bullet_glyph(&glyph.to_string()), bullet: true })
                }
                None => None,
            },
            label => label,
        };
        Ok((Para { text, heading, label, level, path: st.path }, st.boxes))
    }

    /// Runs and the containers that hold runs, to the end of the current element.
    fn para_content(&mut self, cur: &mut Cursor, st: &mut ParaState) -> Result<(), ReadError> {
        if !self.enter(cur)? {
            return Ok(());
        }
        loop {
            let el = match cur.next()? {
                Ev::Start(el) => el,
                Ev::End => break,
                Ev::Text(_) => continue,
                Ev::Eof => return Err(cur.corrupt("unexpected end of part")),
            };
            match (el.ns, el.local.as_str()) {
                (Ns::W, "pPr") => self.paragraph_props(cur, st)?,
                (Ns::W, "r") => self.run(cur, st)?,
                (
                    Ns::W,
                    "hyperlink" | "ins" | "moveTo" | "smartTag" | "customXml" | "fldSimple" | "sdt"
                    | "sdtContent" | "dir" | "bdo",
                ) => self.para_content(cur, st)?,
                (Ns::Mc, "AlternateContent") => {
                    self.alternate(cur, |this, cur| this.para_content(cur, st))?
                }
                _ => cur.skip()?,
            }
        }
        self.leave();
        Ok(())
    }

    fn paragraph_props(&mut self, cur: &mut Cursor, st: &mut ParaState) -> Result<(), ReadError> {
        cur.each_child(|cur, el| {
            match el.local.as_str() {
                "pStyle" if el.is("pStyle") => st.style = el.val().map(str::to_string),
                "outlineLvl" if el.is("outlineLvl") => st.outline = el.val().and_then(|v| v.parse().ok()),
                "numPr" if el.is("numPr") => {
                    st.num = Some(parse_num_pr(cur)?);
                    return Ok(());
                }
                _ => {}
            }
            cur.skip()
        })?;
        let style = st.style.as_deref().or(self.styles.default_paragraph());
        st.run_base = self.styles.run_props(style).or(self.styles.defaults());
        Ok(())
    }

    fn run(&mut self, cur: &mut Cursor, st: &mut ParaState) -> Result<(), ReadError> {
        let mut props = st.run_base;
        loop {
            let el = match cur.next()? {
                Ev::Start(el) => el,
                Ev::End => return Ok(()),
                Ev::Text(_) => continue,
                Ev::Eof => return Err(cur.corrupt("unexpected end of part")),
            };
            let visible = props.hidden != Some(true) && self.fields.iter().all(|&in_result| in_result);
            match (el.ns, el.local.as_str()) {
                (Ns::W, "rPr") => {
                    props = self.run_props(cur)?.or(st.run_base);
                    continue;
                }
                (Ns::W, "t") => {
                    let t = cur.text()?;
                    if visible {
                        st.text.push_collapsed(&t, &styles_of(props));
                    }
                    continue;
                }
                (Ns::W, "tab" | "ptab") if visible => st.text.push_collapsed(" ", &[]),
                (Ns::W, "br") if visible && matches!(el.attr("type"), Some("page" | "column")) => {
                    st.text.push_collapsed(" ", &[])
                }
                (Ns::W, "br" | "cr") if visible => st.text.line_break(),
                (Ns::W, "noBreakHyphen") if visible => st.text.push("-", &styles_of(props)),
                (Ns::W, "sym") if visible => {
                    let c = el
                        .attr("char")
                        .and_then(|h| u32::from_str_radix(h, 16).ok())
                        .and_then(char::from_u32);
                    if let Some(c) = c {
                        st.text.push(&c.to_string(), &styles_of(props));
                    }
                }
                (Ns::W, "fldChar") => self.field_char(el.attr("fldCharType")),
                (Ns::W, "drawing" | "pict" | "object") => {
                    self.text_boxes(cur, st)?;
                    continue;
                }
                (Ns::Mc, "AlternateContent") => {
                    self.alternate(cur, |this, cur| this.text_boxes(cur, st))?;
                    continue;
                }
                // Field codes, deleted text, note references, page-break marks...
                _ => {}
            }
            cur.skip()?;
        }
    }

    /// `w:rPr` of a run: its own emphasis over its character style's.
    fn run_props(&mut self, cur: &mut Cursor) -> Result<RunProps, ReadError> {
        let mut own = RunProps::default();
        let mut char_style = None;
        cur.each_child(|cur, el| {
            if el.is("rStyle") {
                char_style = el.val().map(str::to_string);
            } else {
                own.set(&el);
            }
            cur.skip()
        })?;
        Ok(own.or(self.styles.run_props(char_style.as_deref())))
    }

    /// Track complex fields: text between `begin` and `separate` is the field code (hidden),
    /// between `separate` and `end` its result (shown).
    fn field_char(&mut self, kind: Option<&str>) {
        match kind {
            Some("begin") if self.fields.len() < MAX_NESTING => self.fields.push(false),
            Some("separate") => {
                if let Some(top) = self.fields.last_mut() {
                    *top = true;
                }
            }
            Some("end") => {
                self.fields.pop();
            }
            _ => {}
        }
    }

    /// Look inside a drawing, picture or object for text boxes (`w:txbxContent`).
    fn text_boxes(&mut self, cur: &mut Cursor, st: &mut ParaState) -> Result<(), ReadError> {
        if !self.enter(cur)? {
            return Ok(());
        }
        loop {
            match cur.next()? {
                Ev::Start(el) if el.is("txbxContent") => {
                    st.n_boxes += 1;
                    let prefix = format!("{}/txbx[{}]", st.path, st.n_boxes);
                    let pieces = self.blocks(cur, &prefix)?;
                    st.boxes.extend(pieces);
                }
                Ev::Start(el) if el.ns == Ns::Mc && el.local == "AlternateContent" => {
                    self.alternate(cur, |this, cur| this.text_boxes(cur, st))?
                }
                Ev::Start(_) => self.text_boxes(cur, st)?,
                Ev::End => break,
                Ev::Text(_) => {}
                Ev::Eof => return Err(cur.corrupt("unexpected end of part")),
            }
        }
        self.leave();
        Ok(())
    }

    fn table(&mut self, cur: &mut Cursor, path: String) -> Result<TablePiece, ReadError> {
        let mut grid = TableGrid::new(path);
        if self.enter(cur)? {
            self.table_content(cur, &mut grid)?;
            self.leave();
        }
        Ok(grid.finish(&mut self.warnings))
    }

    /// Rows, possibly wrapped in content controls or custom XML.
    fn table_content(&mut self, cur: &mut Cursor, grid: &mut TableGrid) -> Result<(), ReadError> {
        cur.each_child(|cur, el| match (el.ns, el.local.as_str()) {
            (Ns::W, "tr") => {
                let path = format!("{}/tr[{}]", grid.path, grid.n_tr + 1);
                grid.n_tr += 1;
                let mut row = RawRow::default();
                self.row_content(cur, &mut row, &path)?;
                grid.add_row(row, path);
                Ok(())
            }
            (Ns::W, "sdt" | "sdtContent" | "customXml") => self.table_content(cur, grid),
            _ => cur.skip(),
        })
    }

    fn row_content(&mut self, cur: &mut Cursor, row: &mut RawRow, path: &str) -> Result<(), ReadError> {
        cur.each_child(|cur, el| match (el.ns, el.local.as_str()) {
            (Ns::W, "trPr") => cur.each_child(|cur, p| {
                match p.local.as_str() {
                    "gridBefore" if p.is("gridBefore") => {
                        row.grid_before = p.val().and_then(|v| v.parse().ok()).unwrap_or(0)
                    }
                    "tblHeader" if p.is("tblHeader") => row.header = p.on(),
                    // A row deleted with changes tracked: accepted, so gone.
                    "del" if p.is("del") => row.deleted = true,
                    _ => {}
                }
                cur.skip()
            }),
            (Ns::W, "tc") => {
                let cell_path = format!("{path}/tc[{}]", row.cells.len() + 1);
                let cell = self.cell(cur, cell_path)?;
                row.cells.push(cell);
                Ok(())
            }
            (Ns::W, "sdt" | "sdtContent" | "customXml") => self.row_content(cur, row, path),
            _ => cur.skip(),
        })
    }

    fn cell(&mut self, cur: &mut Cursor, path: String) -> Result<RawCell, ReadError> {
        let mut cell = RawCell { span: 1, vmerge: None, hmerge: None, fill: None, pieces: Vec::new(), path };
        let mut counts = Counts::default();
        let prefix = cell.path.clone();
        loop {
            match cur.next()? {
                Ev::Start(el) if el.is("tcPr") => cell_props(cur, &mut cell)?,
                Ev::Start(el) => self.block_child(cur, el, &prefix, &mut counts, &mut cell.pieces)?,
                Ev::End => return Ok(cell),
                Ev::Text(_) => {}
                Ev::Eof => return Err(cur.corrupt("unexpected end of part")),
            }
        }
    }
}

/// A paragraph's list: its own `w:numPr` over its style's; `w:numId="0"` means none.
fn merge_num(own: Option<&NumRef>, from_style: Option<NumRef>) -> Option<(String, u8)> {
    let id =
        own.and_then(|n| n.num_id.clone()).or_else(|| from_style.as_ref().and_then(|n| n.num_id.clone()))?;
    let level = own.and_then(|n| n.level).or_else(|| from_style.as_ref().and_then(|n| n.level)).unwrap_or(0);
    (id != "0").then_some((id, level.min(8)))
}

fn styles_of(p: RunProps) -> Vec<Style> {
    let mut s = Vec::new();
    if p.bold == Some(true) {
        s.push(Style::Bold);
    }
    if p.italic == Some(true) {
        s.push(Style::Italic);
    }
    if p.underline == Some(true) {
        s.push(Style::Underline);
    }
    s
}

fn cell_props(cur: &mut Cursor, cell: &mut RawCell) -> Result<(), ReadError> {
    cur.each_child(|cur, el| {
        match el.local.as_str() {
            "gridSpan" if el.is("gridSpan") => {
                cell.span = el.val().and_then(|v| v.parse::<u32>().ok()).unwrap_or(1)
            }
            "vMerge" if el.is("vMerge") => cell.vmerge = Some(merge_kind(&el)),
            "hMerge" if el.is("hMerge") => cell.hmerge = Some(merge_kind(&el)),
            "shd" if el.is("shd") => cell.fill = shading(&el),
            _ => {}
        }
        cur.skip()
    })
}

fn merge_kind(el: &El) -> Merge {
    if el.val() == Some("restart") {
        Merge::Restart
    } else {
        Merge::Continue
    }
}

/// `w:shd` as `#rrggbb`: the fill, or the pattern colour when the pattern is solid.
fn shading(el: &El) -> Option<String> {
    let hex = |v: Option<&str>| {
        v.filter(|h| h.len() == 6 && h.bytes().all(|b| b.is_ascii_hexdigit()))
            .map(|h| format!("#{}", h.to_ascii_lowercase()))
    };
    if el.val() == Some("solid") {
        if let Some(c) = hex(el.attr("color")) {
            return Some(c);
        }
    }
    hex(el.attr("fill"))
}

/// Rows of one table as they are read, with vertical merges resolved on the grid.
struct TableGrid {
    path: String,
    n_tr: usize,
    rows: Vec<Row>,
    /// Open vertical merges by start column: (row, cell index) of the merge's first cell and
    /// the last row it reached.
    open: std::collections::BTreeMap<usize, (usize, usize, usize)>,
    nested: Vec<TablePiece>,
    dropped: usize,
}

impl TableGrid {
    fn new(path: String) -> Self {
        TableGrid {
            path,
            n_tr: 0,
            rows: Vec::new(),
            open: Default::default(),
            nested: Vec::new(),
            dropped: 0,
        }
    }

    fn add_row(&mut self, raw: RawRow, path: String) {
        if raw.deleted {
            return;
        }
        let r = self.rows.len();
        let mut col = raw.grid_before.min(MAX_COLS);
        let mut cells: Vec<Cell> = Vec::new();
        for rc in raw.cells {
            let paras = cell_paras(rc.pieces, &mut self.nested);
            if col >= MAX_COLS {
                self.dropped += 1;
                continue;
            }
            let span = rc.span.clamp(1, MAX_COLSPAN).min((MAX_COLS - col) as u32);
            if rc.hmerge == Some(Merge::Continue) {
                if let Some(prev) = cells.last_mut() {
                    prev.colspan += span;
                    prev.paras.extend(paras);
                    col += span as usize;
                    continue;
                }
            }
            if rc.vmerge == Some(Merge::Continue) {
                if let Some(&(orow, oidx, last)) = self.open.get(&col) {
                    if last + 1 == r {
                        if let Some(origin) = self.rows.get_mut(orow).and_then(|row| row.cells.get_mut(oidx))
                        {
                            origin.rowspan += 1;
                            origin.paras.extend(paras);
                        }
                        self.open.insert(col, (orow, oidx, r));
                        col += span as usize;
                        continue;
                    }
                }
            }
            if rc.vmerge == Some(Merge::Restart) {
                self.open.insert(col, (r, cells.len(), r));
            } else {
                self.open.remove(&col);
            }
            let mut cell = Cell::new(col, paras);
            cell.colspan = span;
            cell.fill = rc.fill;
            cell.prov = Some(Provenance { path: Some(rc.path), ..Provenance::default() });
            cells.push(cell);
            col += span as usize;
        }
        self.rows.push(Row {
            cells,
            header: raw.header,
            prov: Provenance { path: Some(path), ..Provenance::default() },
        });
    }

    fn finish(self, warnings: &mut Vec<Warning>) -> TablePiece {
        let mut table = Table { rows: self.rows };
        let at = Provenance { path: Some(self.path.clone()), ..Provenance::default() };
        if self.dropped > 0 {
            let message = format!("table wider than {MAX_COLS} columns: {} cells dropped", self.dropped);
            warnings.push(Warning::at(WarningKind::LimitReached, at.clone(), message));
        }
        if let Some(w) = bound_grid(&mut table) {
            warnings.push(Warning::at(WarningKind::LimitReached, at, w));
        }
        TablePiece { table, path: self.path, nested: self.nested }
    }
}

/// A cell's pieces as cell paragraphs: line breaks split paragraphs, list paragraphs are
/// bullet items (numbered ones keep their number), nested tables go to `nested`.
fn cell_paras(pieces: Vec<Piece>, nested: &mut Vec<TablePiece>) -> Vec<CellPara> {
    let mut paras = Vec::new();
    for piece in pieces {
        match piece {
            Piece::Para(p) => {
                let bullet = p.label.as_ref().filter(|_| p.heading.is_none()).map(|_| p.level);
                let text = match &p.label {
                    Some(l) if !l.bullet && !l.text.is_empty() => with_label(&l.text, p.text),
                    _ => p.text,
                };
                for (k, line) in split_lines(text).into_iter().enumerate() {
                    paras.push(CellPara { text: line, bullet: if k == 0 { bullet } else { None } });
                }
            }
            Piece::Table(t) => nested.push(t),
        }
    }
    paras
}

/// A paragraph that opens with a bullet glyph and a space: the glyph and the rest.
fn strip_bullet_glyph(text: &Text) -> Option<(char, Text)> {
    let mut chars = text.text.chars();
    let glyph = chars.next().filter(|&c| is_bullet_glyph(c))?;
    let after = chars.as_str();
    let rest = after.trim_start();
    if rest.is_empty() || rest.len() == after.len() {
        return None;
    }
    let cut = text.text.len() - rest.len();
    let marks = text
        .marks
        .iter()
        .filter(|m| m.end > cut)
        .map(|m| sgx_ir::Mark { start: m.start.max(cut) - cut, end: m.end - cut, style: m.style })
        .collect();
    Some((glyph, Text { text: rest.to_string(), marks }))
}

/// "1." + "Do this" → "1. Do this", marks shifted.
pub fn with_label(label: &str, text: Text) -> Text {
    let mut out = Text::plain(format!("{label} "));
    let base = out.text.len();
    out.text.push_str(&text.text);
    out.marks = text
        .marks
        .into_iter()
        .map(|m| sgx_ir::Mark { start: m.start + base, end: m.end + base, style: m.style })
        .collect();
    out
}
