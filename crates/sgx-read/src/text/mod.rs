//! Reader for plain text, markdown and the output of PDF-to-text converters.
//!
//! Converter output mixes markdown (headings, emphasis, bullets), leftover inline HTML,
//! tab-separated tables (one physical line per table row, header rows repeated after page
//! breaks), HTML `<table>` fragments, GitHub pipe tables and page debris (page numbers, image
//! descriptions, running titles). This reader turns all of it into IR blocks; table rows are
//! repaired here (see [`tsv`]) because the damage is a property of the format, not the genre.

mod inline;
mod tsv;

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use regex::Regex;
use sgx_ir::{Block, BlockKind, Cell, Document, Format, ListItem, Provenance, Row, Source, Table, Text};

pub use inline::is_bullet_glyph;
pub(crate) use inline::{append, parse_line, parse_paras, trim_text};

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
    let lines: Vec<&str> = text.lines().collect();
    let mut scanner = Scanner { lines: &lines, pos: 0, blocks: Vec::new(), warnings: Vec::new(), running: HashSet::new() };
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
    warnings: Vec<String>,
    /// Lines to drop as repeated running titles.
    running: HashSet<usize>,
}

#[derive(Debug, PartialEq)]
enum Kind {
    Blank,
    Heading,
    Rule,
    Tsv,
    Pipe,
    HtmlTable,
    Item,
    Text,
    /// Debris dropped on sight (page numbers, image descriptions, repeated running titles).
    Debris(&'static str),
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
        if self.running.contains(&i) {
            return Kind::Debris("repeated running title");
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

    fn run(&mut self) {
        while self.pos < self.lines.len() {
            let i = self.pos;
            match self.kind(i) {
                Kind::Blank | Kind::Rule => self.pos += 1,
                Kind::Debris(what) => {
                    self.warnings.push(format!("line {}: dropped {what}: {}", i + 1, self.lines[i].trim()));
                    self.pos += 1;
                }
                Kind::Heading => self.heading(),
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
        if self.pos < self.lines.len() && self.lines[self.pos].trim().starts_with("===") && first + 1 == self.pos {
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
                    flat.push((indent, ListItem { marker, text: parse_line(rest), children: Vec::new(), prov }));
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
                        self.warnings.push(format!("line {}: dropped {what}: {}", skipped + 1, self.lines[skipped].trim()));
                    }
                }
                self.pos = next;
            } else {
                break;
            }
        }
        out
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
        let tables = crate::html_table::tables_in_fragment(&html);
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
    /// the opening lines, where the same words are the document's title.
    fn mark_running_titles(&mut self) {
        let mut seen: HashMap<String, Vec<usize>> = HashMap::new();
        for i in 0..self.lines.len() {
            let t = self.lines[i].trim();
            if t.is_empty() || t.contains('\t') || t.split_whitespace().count() > 12 || !self.is_alone(i) || PAGE_NUMBER.is_match(t) {
                continue;
            }
            seen.entry(sgx_ir::normalize_ws(t).to_lowercase()).or_default().push(i);
        }
        let near_page_number = |i: usize| {
            (i.saturating_sub(3)..(i + 4).min(self.lines.len())).any(|k| k != i && PAGE_NUMBER.is_match(self.lines[k].trim()))
        };
        let opening = self.opening_lines(20);
        self.running = seen
            .into_values()
            .filter(|v| v.len() >= 3 || (v.len() == 2 && v.iter().any(|&i| near_page_number(i))))
            .flat_map(|v| {
                let keep = v.first().copied().filter(|&i| i < opening);
                v.into_iter().filter(move |&i| Some(i) != keep)
            })
            .collect();
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

/// Rebuild list nesting from the indents of a flat run of items.
fn nest(flat: Vec<(usize, ListItem)>) -> Vec<ListItem> {
    fn take(flat: &mut std::iter::Peekable<std::vec::IntoIter<(usize, ListItem)>>, indent: usize) -> Vec<ListItem> {
        let mut out: Vec<ListItem> = Vec::new();
        while let Some((ind, _)) = flat.peek() {
            if *ind < indent {
                break;
            }
            if *ind > indent && !out.is_empty() {
                let deeper = *ind;
                let children = take(flat, deeper);
                out.last_mut().expect("non-empty").children.extend(children);
                continue;
            }
            let (_, item) = flat.next().expect("peeked");
            out.push(item);
        }
        out
    }
    let base = flat.iter().map(|(i, _)| *i).min().unwrap_or(0);
    take(&mut flat.into_iter().peekable(), base)
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
