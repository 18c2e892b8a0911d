//! Tab-separated tables as PDF-to-text converters write them: one physical line per table
//! row, header rows repeated after page breaks, leading empty cells sometimes dropped (so a
//! short row must be re-aligned to its columns), rows broken by a page break continuing
//! mid-sentence on the next line, and page numbers caught inside the table.

use std::sync::LazyLock;

use regex::Regex;
use sgx_ir::{Cell, CellPara, Provenance, Row, Style, Table, Warning, WarningKind};

use super::inline::{parse_line, parse_paras};
use crate::common::table_repair::{merge_continuations, unfinished};

static DATE_LIKE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)\b(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t(ember)?)?|oct(ober)?|nov(ember)?|dec(ember)?|(19|20)\d\d|q[1-4]|quarter(ly)?|monthly|annual(ly)?|termly|weekly|ongoing|on-going)\b|'\d\d\b",
    )
    .unwrap()
});
static SMALL_NUMBER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\d{1,3}\.?$").unwrap());

struct RawRow {
    line: u32,
    fields: Vec<String>,
}

fn norm(s: &str) -> String {
    sgx_ir::normalize_ws(&parse_line(s).text).to_lowercase()
}

fn is_date_like(s: &str) -> bool {
    let t = s.trim();
    !t.is_empty() && t.len() <= 80 && DATE_LIKE.is_match(t)
}

/// Build one IR table from the lines of a tab-separated table.
pub fn build(lines: &[(u32, &str)]) -> (Table, Vec<Warning>) {
    let mut warnings = Vec::new();
    let raw: Vec<RawRow> = lines
        .iter()
        .map(|&(line, text)| RawRow { line, fields: text.split('\t').map(str::to_string).collect() })
        .collect();
    if raw.is_empty() {
        return (Table::default(), warnings);
    }

    let header_key: Vec<String> = raw[0].fields.iter().map(|f| norm(f)).filter(|f| !f.is_empty()).collect();
    let is_header_copy = |r: &RawRow| {
        let key: Vec<String> = r.fields.iter().map(|f| norm(f)).filter(|f| !f.is_empty()).collect();
        key == header_key
    };
    let repeats = raw.iter().skip(1).any(is_header_copy);
    let has_header = repeats || looks_like_header(&raw[0].fields);

    let data_len = |r: &RawRow| r.fields.len();
    let mut n_cols =
        if has_header { raw[0].fields.len() } else { raw.iter().map(data_len).max().unwrap_or(0) };
    // A row wider than the header with text in the extra columns widens the table.
    for r in &raw {
        let last_filled = r.fields.iter().rposition(|f| !f.trim().is_empty()).map_or(0, |p| p + 1);
        n_cols = n_cols.max(last_filled);
    }

    // Column profiles from rows that have every column.
    let full: Vec<&RawRow> = raw
        .iter()
        .filter(|r| r.fields.len() >= n_cols && r.fields.iter().filter(|f| !f.trim().is_empty()).count() > 2)
        .filter(|r| !(has_header && is_header_copy(r)))
        .collect();
    let ratio = |col: usize, pred: &dyn Fn(&str) -> bool| {
        let vals: Vec<&str> = full
            .iter()
            .filter_map(|r| r.fields.get(col))
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
            .collect();
        if vals.is_empty() {
            0.0
        } else {
            vals.iter().filter(|v| pred(v)).count() as f32 / vals.len() as f32
        }
    };
    let date_cols: Vec<f32> = (0..n_cols).map(|c| ratio(c, &is_date_like)).collect();
    let number_cols: Vec<f32> =
        (0..n_cols).map(|c| ratio(c, &|s| SMALL_NUMBER.is_match(s) || s.contains("continued"))).collect();

    let mut rows: Vec<Row> = Vec::new();
    for (k, r) in raw.iter().enumerate() {
        let header = (k == 0 && has_header) || (has_header && k > 0 && is_header_copy(r));
        let mut fields: Vec<&str> = r.fields.iter().map(String::as_str).collect();
        fields.truncate(n_cols.max(fields.iter().rposition(|f| !f.trim().is_empty()).map_or(0, |p| p + 1)));
        let offset = if header || fields.len() >= n_cols {
            0
        } else {
            let prev = rows.iter().rev().find(|r| !r.header);
            best_offset(&fields, n_cols, &date_cols, prev)
        };
        let mut cells: Vec<Cell> = Vec::new();
        let filled = fields.iter().filter(|f| !f.trim().is_empty()).count();
        for (i, f) in fields.iter().enumerate() {
            let col = offset + i;
            let t = f.trim();
            // A page number caught in a column that holds no numbers.
            if !header
                && filled <= 2
                && SMALL_NUMBER.is_match(t)
                && number_cols.get(col).copied().unwrap_or(0.0) < 0.3
                && col > 0
            {
                let prov = Provenance::lines(r.line, r.line);
                let message = format!("dropped page number {t} inside a table");
                warnings.push(Warning::at(WarningKind::DroppedDebris, prov, message));
                continue;
            }
            let mut cell = Cell::new(col, parse_paras(t));
            cell.prov = Some(Provenance::lines(r.line, r.line));
            cells.push(cell);
        }
        let row = Row { cells, header, prov: Provenance::lines(r.line, r.line) };
        if header {
            rows.push(row);
            continue;
        }
        let row = merge_continuations(&mut rows, row);
        if let Some(row) = row {
            rows.push(row);
        }
    }
    rows.retain(|r| r.header || !r.is_empty());
    (Table { rows }, warnings)
}

/// Where a row with fewer fields than the table has columns starts: the offset that puts
/// date-like text in date columns and lower-case continuations under unfinished text.
fn best_offset(fields: &[&str], n_cols: usize, date_cols: &[f32], prev: Option<&Row>) -> usize {
    let mut best = (0usize, f32::MIN);
    for offset in 0..=(n_cols - fields.len()) {
        let mut score = 0.0f32;
        for (i, f) in fields.iter().enumerate() {
            let t = f.trim();
            if t.is_empty() {
                continue;
            }
            let col = offset + i;
            let date_col = date_cols.get(col).copied().unwrap_or(0.0) >= 0.5;
            if is_date_like(t) && t.split_whitespace().count() <= 8 {
                score += if date_col { 2.0 } else { -1.0 };
            } else if date_col {
                score -= 1.0;
            }
            if t.starts_with(char::is_lowercase) {
                match prev.and_then(|p| p.cell_at(col)) {
                    Some(above) if !above.is_empty() && unfinished(above) => score += 1.5,
                    _ => score -= 1.0,
                }
            }
        }
        if score > best.1 {
            best = (offset, score);
        }
    }
    best.0
}

/// A tab row of column titles (see [`looks_like_header`]).
pub fn looks_like_header_line(line: &str) -> bool {
    looks_like_header(&line.split('\t').map(str::to_string).collect::<Vec<_>>())
}

/// Two tab rows with the same non-empty fields (a header printed again after a page break).
pub fn same_fields(a: &str, b: &str) -> bool {
    let key = |l: &str| l.split('\t').map(norm).filter(|f| !f.is_empty()).collect::<Vec<_>>();
    key(a) == key(b)
}

/// A first row of short, non-sentence labels (or all bold) reads as a header row.
fn looks_like_header(fields: &[String]) -> bool {
    let paras: Vec<Vec<CellPara>> = fields.iter().map(|f| parse_paras(f)).collect();
    let filled: Vec<&Vec<CellPara>> = paras.iter().filter(|p| !p.is_empty()).collect();
    if filled.len() < 2 {
        return false;
    }
    let all_bold = filled.iter().all(|p| p.iter().all(|q| q.text.is_all(Style::Bold)));
    if all_bold {
        return true;
    }
    let labels = filled.iter().all(|p| {
        let t: String = p.iter().map(|q| q.text.text.as_str()).collect::<Vec<_>>().join(" ");
        let words = t.split_whitespace().count();
        words <= 10 && !t.trim_end().ends_with('.') && !t.chars().next().is_some_and(|c| c.is_ascii_digit())
    });
    labels
        && filled.len() >= 3
        && filled.len() == fields.iter().filter(|f| !f.trim().is_empty()).count()
        && filled.len() * 2 > fields.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid(lines: &[&str]) -> Vec<Vec<String>> {
        let numbered: Vec<(u32, &str)> = lines.iter().enumerate().map(|(i, l)| (i as u32 + 1, *l)).collect();
        let (t, _) = build(&numbered);
        t.text_grid()
    }

    #[test]
    fn repeated_header_is_flagged_not_data() {
        let (t, _) = build(&[
            (1, "Aim\tTask\tLead\tWhen"),
            (2, "1\tDo\tAnn\tMay 2020"),
            (3, "Aim\tTask\tLead\tWhen"),
            (4, "2\tGo\tBob\tJune 2020"),
        ]);
        let headers: Vec<bool> = t.rows.iter().map(|r| r.header).collect();
        assert_eq!(headers, vec![true, false, true, false]);
    }

    #[test]
    fn short_row_realigned_by_date_column() {
        let g = grid(&[
            "No\tAim\tTask\tLead\tWhen\tRAG",
            "1\tAim one.\tTask one.\tAnn\tMay 2020\t",
            "Task two.\tBob\tJune 2020",
        ]);
        assert_eq!(g[2], vec!["", "", "Task two.", "Bob", "June 2020", ""]);
    }

    #[test]
    fn lowercase_tail_after_page_break_joins_cell_above() {
        let g = grid(&[
            "No\tAim\tTask\tLead\tMeasure\tWhen\tRAG",
            "2\tThresholds are applied in line\tRequest a report on the\tQA group\tReport received\tJune 2019\t",
            "with the pathway.\tassessment process.\t\tReport to board\tOct 2019\t",
        ]);
        assert_eq!(g[1][1], "Thresholds are applied in line with the pathway.");
        assert_eq!(g[1][2], "Request a report on the assessment process.");
        // What did not continue a sentence stays a row of its own, in its own columns.
        assert_eq!(g[2], vec!["", "", "", "", "Report to board", "Oct 2019", ""]);
    }

    #[test]
    fn page_number_inside_table_is_dropped() {
        let (t, w) =
            build(&[(1, "No\tAim\tTask\tWhen"), (2, "1\tAim.\tTask.\tMay 2020"), (3, "\t\t7\tJune 2020")]);
        assert_eq!(t.text_grid()[2], vec!["", "", "", "June 2020"]);
        assert_eq!(w.len(), 1);
    }

    #[test]
    fn two_column_rows_are_not_a_header() {
        let (t, _) = build(&[(1, "ABC\tA Big Committee"), (2, "DEF\tDelivery Forum")]);
        assert!(t.rows.iter().all(|r| !r.header));
    }
}
