//! Reader for plain text, markdown and the output of PDF-to-text converters.
//!
//! Converter output mixes markdown (headings, emphasis, bullets), leftover inline HTML,
//! tab-separated tables (one physical line per table row, header rows repeated after page
//! breaks), HTML `<table>` fragments, GitHub pipe tables and page debris (page numbers, image
//! descriptions, running titles). This reader turns all of it into IR blocks; table rows are
//! repaired here (see [`tsv`]) because the damage is a property of the format, not the genre.

mod html_tables;
mod inline;
mod repair;
mod tsv;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

use regex::Regex;
use sgx_ir::{
    is_bullet_glyph, Block, BlockKind, Cell, Document, Format, ListItem, Provenance, Row, Source, Table,
    Text, Warning, WarningKind,
};

use crate::common::lists::nest_by_level;
use crate::common::text_builder::append;
use inline::{parse_line, parse_paras};

static HEADING: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$").unwrap());
static RULE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\s{0,3}([-*_])(\s*[-*_]){2,}\s*$").unwrap());
static NUMBERED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{1,2}[.)]|\(?[a-z][.)]|\([ivx]{1,4}\))\s+\S").unwrap());
static PAGE_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^\s*(page\s+)?\d{1,3}(\s*(of|/)\s*\d{1,3})?\s*$").unwrap());
static IMAGE_DESCRIPTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^\s*(\[?(image|picture|photo|logo|figure|graphic)\b.*\]?\s*$|(an?|the)\s+(photograph|photo|image|picture|illustration|logo|graphic|icon|clip ?art|cartoon|drawing|infographic)\s+(of|showing|shows|depicting|with)\b)",
    )
    .unwrap()
});

/// Read text or markdown into the IR.
pub fn read(text: &str, path: &str, format: Format) -> Document {
    let (text, mojibake) = repair::repair(text);
    let lines: Vec<&str> = text.lines().collect();
    let mut scanner =
        Scanner { lines: &lines, pos: 0, blocks: Vec::new(), warnings: Vec::new(), running: BTreeSet::new() };
    if mojibake > 0 {
        let message = format!("{mojibake} characters were UTF-8 read as Windows-1252 (\"â€™\"): read again");
        scanner.warnings.push(Warning::new(WarningKind::EncodingGuessed, message));
    }
    scanner.mark_running_titles();
    scanner.run();
    Document {
        source: Source { path: path.to_string(), format, pages: None, page_sizes: Vec::new() },
        blocks: scanner.blocks,
        warnings: scanner.warnings,
    }
}

struct Scanner<'a> {
    lines: &'a [&'a str],
    pos: usize,
    blocks: Vec<Block>,
    warnings: Vec<Warning>,
    /// Lines to drop as repeated running titles.
    running: BTreeSet<usize>,
}

#[derive(Debug, PartialEq)]
enum Kind {
    Blank,
    Heading,
    /// A heading typed as a line of capitals ("5. KEY PRIORITIES FOR 2006-07").
    CapsHeading,
    Rule,
    Tsv,
    Pipe,
    HtmlTable,
    Item,
    Text,
    /// Debris dropped on sight (page numbers, image descriptions, repeated running titles).
    Debris(&'static str),
}

/// A short line whose letters are all capitals, numbered or not: converters print headings
/// so ("5. KEY PRIORITIES FOR 2006-07", "HOW THE BOARD WORKS"). Called on standalone lines.
fn is_caps_heading(t: &str) -> bool {
    const MAX_WORDS: usize = 12;
    let letters: Vec<char> = t.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 4
        && letters.iter().all(|c| c.is_uppercase())
        && t.split_whitespace().count() <= MAX_WORDS
        && !t.contains('|')
}

/// A line's text as a candidate running title: the line without the page number printed
/// after a tab beside it; None for other tab rows.
fn running_title_text(line: &str) -> Option<&str> {
    let t = line.trim();
    if t.is_empty() {
        return None;
    }
    match t.split_once('\t') {
        None => Some(t),
        Some((title, number)) if !number.contains('\t') && PAGE_NUMBER.is_match(number.trim()) => {
            Some(title.trim()).filter(|t| !t.is_empty())
        }
        Some(_) => None,
    }
}

/// A bullet or number at the start of a line: (indent, marker, rest).
fn list_marker(line: &str) -> Option<(usize, String, &str)> {
    let indent = line.len() - line.trim_start().len();
    let mut rest = line.trim_start();
    let mut marker = String::new();
    loop {
        let mut chars = rest.chars();
        let Some(c) = chars.next() else { break };
        let after = chars.as_str();
        let spaced = after.starts_with([' ', '\t']) || after.is_empty();
        let is_marker = match c {
            '-' | '*' | '+' | '>' => spaced,
            // A lone "o" used as a bullet: "o Something".
            'o' => spaced && after.trim_start().starts_with(|ch: char| ch.is_uppercase()),
            _ => is_bullet_glyph(c) && (spaced || !after.starts_with(char::is_whitespace)),
        };
        if !is_marker {
            break;
        }
        if marker.is_empty() {
            marker.push(c);
        }
        rest = after.trim_start();
    }
    if !marker.is_empty() {
        if rest.is_empty() {
            return None;
        }
        return Some((indent, marker, rest));
    }
    if NUMBERED.is_match(rest) {
        let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        return Some((indent, rest[..end].to_string(), rest[end..].trim_start()));
    }
    None
}

impl<'a> Scanner<'a> {
    fn kind(&self, i: usize) -> Kind {
        let line = self.lines[i];
        let t = line.trim();
        if t.is_empty() {
            return Kind::Blank;
        }
        if self.running.contains(&i) {
            return Kind::Debris("repeated running title");
        }
        if line.contains('\t') && !t.is_empty() {
            return Kind::Tsv;
        }
        if t.to_ascii_lowercase().contains("<table") {
            return Kind::HtmlTable;
        }
        if HEADING.is_match(line) {
            return Kind::Heading;
        }
        if t.starts_with('|') && t.len() > 1 {
            return Kind::Pipe;
        }
        if RULE.is_match(line) {
            return Kind::Rule;
        }
        let alone = self.is_alone(i);
        if alone && PAGE_NUMBER.is_match(t) {
            return Kind::Debris("page number");
        }
        if IMAGE_DESCRIPTION.is_match(t) && (alone || t.len() > 60) {
            return Kind::Debris("image description");
        }
        if alone && is_caps_heading(t) {
            return Kind::CapsHeading;
        }
        if list_marker(line).is_some() {
            return Kind::Item;
        }
        Kind::Text
    }

    /// A line with blank lines (or the file's edges) on both sides.
    fn is_alone(&self, i: usize) -> bool {
        let blank = |k: Option<&&str>| k.is_none_or(|l| l.trim().is_empty());
        blank(if i == 0 { None } else { self.lines.get(i - 1) }) && blank(self.lines.get(i + 1))
    }

    /// Record that line `i` (0-based) was dropped as page furniture.
    fn drop_debris(&mut self, i: usize, what: &str) {
        let line = i as u32 + 1;
        let message = format!("dropped {what}: {}", self.lines[i].trim());
        self.warnings.push(Warning::at(WarningKind::DroppedDebris, Provenance::lines(line, line), message));
    }

    fn run(&mut self) {
        while self.pos < self.lines.len() {
            let i = self.pos;
            match self.kind(i) {
                Kind::Blank | Kind::Rule => self.pos += 1,
                Kind::Debris(what) => {
                    self.drop_debris(i, what);
                    self.pos += 1;
                }
                Kind::Heading => self.heading(),
                Kind::CapsHeading => {
                    self.push(BlockKind::Heading { level: 2, text: parse_line(self.lines[i].trim()) }, i, i);
                    self.pos += 1;
                }
                Kind::Tsv => self.tsv_table(),
                Kind::Pipe => self.pipe_table(),
                Kind::HtmlTable => self.html_table(),
                Kind::Item => self.list(),
                Kind::Text => self.paragraph(),
            }
        }
    }

    fn push(&mut self, kind: BlockKind, first: usize, last: usize) {
        self.blocks.push(Block::new(kind, Provenance::lines(first as u32 + 1, last as u32 + 1)));
    }

    fn heading(&mut self) {
        let i = self.pos;
        let caps = HEADING.captures(self.lines[i]).expect("kind() matched");
        let level = caps[1].len() as u8;
        let text = parse_line(&caps[2]);
        self.pos += 1;
        if text.is_empty() {
            return;
        }
        self.push(BlockKind::Heading { level, text }, i, i);
    }

    fn paragraph(&mut self) {
        let first = self.pos;
        let mut text = Text::default();
        while self.pos < self.lines.len() && self.kind(self.pos) == Kind::Text {
            // "===" under a line makes it a heading (setext); "---" is a rule here.
            if !text.text.is_empty() {
                text.push("\n", &[]);
            }
            append(&mut text, parse_line(self.lines[self.pos]));
            self.pos += 1;
        }
        if self.pos < self.lines.len()
            && self.lines[self.pos].trim().starts_with("===")
            && first + 1 == self.pos
        {
            self.pos += 1;
            self.push(BlockKind::Heading { level: 1, text }, first, first);
            return;
        }
        if !text.is_empty() {
            self.push(BlockKind::Paragraph { text }, first, self.pos - 1);
        }
    }

    fn list(&mut self) {
        let first = self.pos;
        // (indent, item) in order; nesting is rebuilt from indents afterwards.
        let mut flat: Vec<(usize, ListItem)> = Vec::new();
        let mut last_line = first;
        while self.pos < self.lines.len() {
            match self.kind(self.pos) {
                Kind::Item => {
                    let (indent, marker, rest) = list_marker(self.lines[self.pos]).expect("kind() matched");
                    let prov = Provenance::lines(self.pos as u32 + 1, self.pos as u32 + 1);
                    flat.push((
                        indent,
                        ListItem { marker, text: parse_line(rest), children: Vec::new(), prov },
                    ));
                    last_line = self.pos;
                    self.pos += 1;
                }
                // A plain line straight after an item continues it (lazy continuation).
                Kind::Text if self.pos == last_line + 1 && !flat.is_empty() => {
                    let (_, item) = flat.last_mut().expect("non-empty");
                    item.text.push("\n", &[]);
                    append(&mut item.text, parse_line(self.lines[self.pos].trim()));
                    item.prov = item.prov.merge(&Provenance::lines(self.pos as u32 + 1, self.pos as u32 + 1));
                    last_line = self.pos;
                    self.pos += 1;
                }
                // Blank lines between items keep one list (a "loose" list).
                Kind::Blank => {
                    let mut next = self.pos;
                    while next < self.lines.len() && self.lines[next].trim().is_empty() {
                        next += 1;
                    }
                    if next < self.lines.len() && self.kind(next) == Kind::Item && next - self.pos <= 2 {
                        self.pos = next;
                    } else {
                        break;
                    }
                }
                _ => break,
            }
        }
        let items = nest(flat);
        if !items.is_empty() {
            self.push(BlockKind::List { items }, first, last_line);
        }
    }

    /// The lines of a table that may be interrupted by page breaks: blank lines and debris
    /// between two runs of `kind` lines keep the table going.
    fn table_lines(&mut self, kind: Kind) -> Vec<(u32, &'a str)> {
        let mut out = Vec::new();
        while self.pos < self.lines.len() {
            let k = self.kind(self.pos);
            if k == kind {
                out.push((self.pos as u32 + 1, self.lines[self.pos]));
                self.pos += 1;
                continue;
            }
            if kind == Kind::Tsv && k == Kind::Text && self.is_band_line(&out) {
                out.push((self.pos as u32 + 1, self.lines[self.pos]));
                self.pos += 1;
                continue;
            }
            if !matches!(k, Kind::Blank | Kind::Debris(_)) {
                break;
            }
            let mut next = self.pos;
            while next < self.lines.len() && matches!(self.kind(next), Kind::Blank | Kind::Debris(_)) {
                next += 1;
            }
            if next < self.lines.len() && self.kind(next) == kind {
                for skipped in self.pos..next {
                    if let Kind::Debris(what) = self.kind(skipped) {
                        self.drop_debris(skipped, what);
                    }
                }
                self.pos = next;
            } else {
                break;
            }
        }
        out
    }

    /// A line without tabs inside a tab table: a band naming the section of the rows below
    /// it ("PRIORITY 2: ..." printed across the table), where the converter dropped the empty
    /// cells. It is short, and the table goes on right after it with a row of the same shape
    /// (not the header of another table).
    fn is_band_line(&self, rows_so_far: &[(u32, &str)]) -> bool {
        const MAX_BAND_WORDS: usize = 30;
        let i = self.pos;
        if rows_so_far.len() < 2 || self.lines[i].split_whitespace().count() > MAX_BAND_WORDS {
            return false;
        }
        let mut next = i + 1;
        while next < self.lines.len() && matches!(self.kind(next), Kind::Blank | Kind::Debris(_)) {
            next += 1;
        }
        if next >= self.lines.len() || self.kind(next) != Kind::Tsv {
            return false;
        }
        let fields = |l: &str| l.trim_end().split('\t').count();
        let (row, first) = (self.lines[next], rows_so_far[0].1);
        let wide = |l: &str| fields(l) >= 3;
        let same_header = tsv::same_fields(row, first);
        wide(row)
            && fields(row) <= fields(first).max(fields(rows_so_far[rows_so_far.len() - 1].1))
            && (same_header || !tsv::looks_like_header_line(row))
    }

    fn tsv_table(&mut self) {
        let lines = self.table_lines(Kind::Tsv);
        let (table, warnings) = tsv::build(&lines);
        self.warnings.extend(warnings);
        self.push_table(table, &lines);
    }

    fn pipe_table(&mut self) {
        let lines = self.table_lines(Kind::Pipe);
        let mut rows: Vec<Row> = Vec::new();
        for &(lineno, line) in &lines {
            let cells = split_pipe_row(line);
            if cells.iter().all(|c| is_pipe_separator(c)) {
                // The separator marks every row above it as a header row.
                for r in rows.iter_mut() {
                    r.header = true;
                }
                continue;
            }
            let cells = cells.iter().enumerate().map(|(col, c)| Cell::new(col, parse_paras(c))).collect();
            rows.push(Row { cells, header: false, prov: Provenance::lines(lineno, lineno) });
        }
        let table = Table { rows };
        self.push_table(table, &lines);
    }

    fn html_table(&mut self) {
        let first = self.pos;
        let mut depth = 0i32;
        let mut html = String::new();
        while self.pos < self.lines.len() {
            let line = self.lines[self.pos];
            let lower = line.to_ascii_lowercase();
            depth += lower.matches("<table").count() as i32;
            depth -= lower.matches("</table").count() as i32;
            html.push_str(line);
            html.push('\n');
            self.pos += 1;
            if depth <= 0 {
                break;
            }
        }
        let tables = html_tables::tables_in_fragment(&html);
        for mut table in tables {
            for row in &mut table.rows {
                row.prov = Provenance::lines(first as u32 + 1, self.pos as u32);
            }
            self.push(BlockKind::Table(table), first, self.pos - 1);
        }
    }

    fn push_table(&mut self, table: Table, lines: &[(u32, &str)]) {
        if table.rows.is_empty() {
            return;
        }
        let first = lines.first().map_or(0, |l| l.0);
        let last = lines.last().map_or(first, |l| l.0);
        self.blocks.push(Block::new(BlockKind::Table(table), Provenance::lines(first, last)));
    }

    /// Running titles and footers: short standalone lines printed three or more times, or
    /// twice with a page number beside one of them. All their copies are dropped but one in
    /// the opening lines (unless printed with its page number), where the same words are the
    /// document's title. A page number printed on the title's line (after a tab) or on the
    /// line above or below it goes too.
    fn mark_running_titles(&mut self) {
        let is_page_number = |k: usize| self.lines.get(k).is_some_and(|l| PAGE_NUMBER.is_match(l.trim()));
        // Blank, or a page number printed with the title.
        let apart = |k: Option<usize>| {
            k.is_none_or(|k| self.lines.get(k).is_none_or(|l| l.trim().is_empty()) || is_page_number(k))
        };
        let mut seen: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for i in 0..self.lines.len() {
            let Some(t) = running_title_text(self.lines[i]) else { continue };
            if t.split_whitespace().count() > 12
                || PAGE_NUMBER.is_match(t)
                || !apart(i.checked_sub(1))
                || !apart(Some(i + 1))
            {
                continue;
            }
            seen.entry(sgx_ir::normalize_ws(t).to_lowercase()).or_default().push(i);
        }
        let numbered = |i: usize| {
            self.lines[i].contains('\t')
                || (i.saturating_sub(3)..(i + 4).min(self.lines.len())).any(|k| k != i && is_page_number(k))
        };
        let opening = self.opening_lines(20);
        let titles: Vec<usize> = seen
            .into_values()
            .filter(|v| v.len() >= 3 || (v.len() == 2 && v.iter().any(|&i| numbered(i))))
            .flat_map(|v| {
                // A copy with its page number beside it is a running title even there.
                let keep = v.first().copied().filter(|&i| i < opening && !self.lines[i].contains('\t'));
                v.into_iter().filter(move |&i| Some(i) != keep)
            })
            .collect();
        let beside = titles.iter().flat_map(|&i| [i.wrapping_sub(1), i + 1]).filter(|&k| is_page_number(k));
        self.running = beside.chain(titles.iter().copied()).collect();
    }

    /// The index of the line after the first `n` non-blank lines.
    fn opening_lines(&self, n: usize) -> usize {
        let mut count = 0;
        for (i, l) in self.lines.iter().enumerate() {
            if !l.trim().is_empty() {
                count += 1;
                if count > n {
                    return i;
                }
            }
        }
        self.lines.len()
    }
}

/// Rebuild list nesting from the indents of a flat run of items. The first item is at the
/// top level whatever its indent (its indent counts as the run's smallest), so a list whose
/// first line is indented deeper than a later one still starts at the top.
fn nest(mut flat: Vec<(usize, ListItem)>) -> Vec<ListItem> {
    let base = flat.iter().map(|(i, _)| *i).min().unwrap_or(0);
    if let Some((first, _)) = flat.first_mut() {
        *first = base;
    }
    nest_by_level(flat)
}

fn split_pipe_row(line: &str) -> Vec<String> {
    let t = line.trim();
    let t = t.strip_prefix('|').unwrap_or(t);
    let t = t.strip_suffix('|').unwrap_or(t);
    let mut cells = Vec::new();
    let mut cur = String::new();
    let mut chars = t.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&'|') => {
                cur.push('|');
                chars.next();
            }
            '|' => cells.push(std::mem::take(&mut cur).trim().to_string()),
            _ => cur.push(c),
        }
    }
    cells.push(cur.trim().to_string());
    cells
}

fn is_pipe_separator(cell: &str) -> bool {
    let c = cell.trim();
    !c.is_empty() && c.chars().all(|ch| matches!(ch, '-' | ':' | ' ')) && c.contains('-')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(text: &str) -> Vec<Block> {
        read(text, "t.txt", Format::Text).blocks
    }

    fn table(b: &Block) -> Vec<Vec<String>> {
        b.as_table().expect("a table").text_grid()
    }

    #[test]
    fn running_titles_go_with_the_page_numbers_printed_beside_them() {
        let page = |n: u32, rows: &str| format!("Oxbury SCB | Business Plan 2014-15\t{n}\n\n{rows}\n\n");
        let text = format!(
            "{}{}Oxbury SCB | Business Plan 2014-15\n{}\n\nRef\tAction\tLead\tWhen\n3\tReview\tChair\tMay 2014\n",
            page(1, "Ref\tAction\tLead\tWhen\n1\tAudit cases\tManager\tJune 2014"),
            page(2, "2\tTrain staff\tTrainer\tJuly 2014"),
            3
        );
        let bs = blocks(&text);
        assert_eq!(bs.len(), 1, "one table, no running title or page number: {bs:?}");
        let grid = table(&bs[0]);
        let refs: Vec<&str> = grid.iter().map(|r| r[0].as_str()).collect();
        assert_eq!(refs, ["Ref", "1", "2", "Ref", "3"]);
    }

    #[test]
    fn a_band_line_without_tabs_stays_inside_its_table() {
        let text = "Ref\tAction\tLead\tWhen\n\
                    PRIORITY 1: Neglect\t\t\t\n\
                    1.1\tAudit neglect cases\tManager\tJune 2014\n\
                    1.2\tTrain staff\tTrainer\tJuly 2014\n\
                    PRIORITY 2: Exploitation\n\
                    2.1\tMap hotspots\tPolice\tMay 2014\n\
                    \n\
                    The Board will review the plan each quarter.\n\
                    \n\
                    Area\tCases\tRate\tTrend\n\
                    North\t12\t0.4\tUp\n";
        let bs = blocks(text);
        assert_eq!(bs.len(), 3, "{bs:?}");
        let grid = table(&bs[0]);
        assert_eq!(grid[4][0], "PRIORITY 2: Exploitation");
        assert_eq!(grid[5][0], "2.1");
        assert!(bs[1].as_paragraph().is_some(), "a sentence after the table is prose");
        assert_eq!(table(&bs[2])[0][0], "Area");
    }

    #[test]
    fn standalone_capital_lines_are_headings() {
        let bs =
            blocks("5. KEY PRIORITIES FOR 2006-07\n\nThe Board agreed these.\n\n1. Audit the cases\n\nNHS\n");
        let heading = bs[0].as_heading().map(|(l, t)| (l, t.text.as_str()));
        assert_eq!(heading, Some((2, "5. KEY PRIORITIES FOR 2006-07")));
        assert!(bs[1].as_paragraph().is_some());
        assert!(bs[2].as_list().is_some(), "a numbered sentence is a list item");
        assert!(bs[3].as_heading().is_none(), "too few letters for a heading");
    }

    #[test]
    fn a_caption_between_two_tables_does_not_join_them() {
        let text = "Ref\tAction\tLead\tWhen\n1\tAudit\tManager\tJune 2014\n2\tTrain\tTrainer\tJuly 2014\nTable 2: Budget\nItem\tCost\tSource\n";
        let bs = blocks(text);
        let tables = bs.iter().filter(|b| b.as_table().is_some()).count();
        assert_eq!(tables, 2, "{bs:?}");
    }
}
