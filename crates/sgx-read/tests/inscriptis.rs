//! The HTML reader's table grids against the inscriptis test pages in
//! ../shared/external/html/inscriptis: each `<case>.expected.json` lists the tables of
//! `<case>.html` (document order, nested tables after their parent, spanned slots empty).
//!
//! The expected grids were derived with html5lib's `textContent`, so a few differences are
//! the reference's, not sgx's, and are normalised away before comparing:
//! - cell text is compared whitespace-normalised, and failing that with all whitespace
//!   removed (`textContent` runs list items and cells together: "aktuellprojekte");
//! - a cell holding a nested table: sgx keeps the nested table apart (its own IR table), the
//!   reference includes its text in the outer cell, so that text is removed first;
//! - comments: the reference counts `<!--comment-->` text as cell text;
//! - footnote markers: sgx drops `<sup>` text other than ordinal suffixes ("[6]"), as its
//!   text reader does, the reference keeps it;
//! - pages without a charset that are UTF-8: the reference decoded them as Windows-1252
//!   ("LÃ¤nge"); sgx reads UTF-8, so the expected text is repaired before comparing;
//! - a table whose rows have no cells has no columns: `[]` in the reference.
//!
//! Skips, saying so, when ../shared is absent (a checkout without the shared data); fails
//! instead with SGX_REQUIRE_SHARED=1 (see sgx-testkit).

use std::path::PathBuf;

use serde_json::Value;
use sgx_ir::{Block, Table};

/// Cases left out of the comparison, with the reason.
const SKIPPED: &[(&str, &str)] = &[];

fn no_ws(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Text mis-decoded as Windows-1252 turned back into the UTF-8 it was, if it was.
fn repair_mojibake(s: &str) -> Option<String> {
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(s);
    if unmappable {
        return None;
    }
    String::from_utf8(bytes.into_owned()).ok().filter(|r| r != s)
}

/// Text sgx leaves out by design and the reference keeps: comments and `<sup>` footnote
/// markers (tags inside them stripped), without whitespace.
fn dropped_texts(html: &str) -> Vec<String> {
    let mut out = between(html, "<!--", "-->");
    out.extend(
        between(html, "<sup", "</sup>")
            .iter()
            .map(|s| strip_tags(s.split_once('>').map_or("", |(_, rest)| rest))),
    );
    out.into_iter().filter(|c| !c.is_empty()).collect()
}

fn between(html: &str, open: &str, close: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find(open) {
        let after = &rest[start + open.len()..];
        let Some(end) = after.find(close) else { break };
        out.push(no_ws(&after[..end]));
        rest = &after[end + close.len()..];
    }
    out
}

/// Tags removed and numeric character references decoded ("&#91;8&#93;" → "[8]").
fn strip_tags(s: &str) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    let mut out = String::new();
    let mut rest = text.as_str();
    while let Some(amp) = rest.find("&#") {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 2..];
        let end = after.find(';').unwrap_or(0);
        let code = match after[..end].strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok(),
            None => after[..end].parse().ok(),
        };
        match code.and_then(char::from_u32) {
            Some(c) if end > 0 => {
                out.push(c);
                rest = &after[end + 1..];
            }
            _ => {
                out.push_str("&#");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

struct Ours<'a> {
    table: &'a Table,
    path: String,
}

/// Text of the tables nested under a cell (by element path), in document order, no spaces.
fn nested_text(cell_path: &str, tables: &[Ours]) -> String {
    let prefix = format!("{cell_path}/");
    tables
        .iter()
        .filter(|t| t.path.starts_with(&prefix))
        .flat_map(|t| t.table.rows.iter().flat_map(|r| r.cells.iter().map(|c| no_ws(&c.text()))))
        .collect()
}

fn cell_matches(expected: &str, ours: &str, nested: &str, dropped: &[String]) -> bool {
    let candidates = std::iter::once(expected.to_string()).chain(repair_mojibake(expected));
    for exp in candidates {
        if sgx_ir::normalize_ws(&exp) == sgx_ir::normalize_ws(ours) {
            return true;
        }
        let mut exp = no_ws(&exp);
        if !nested.is_empty() {
            exp = exp.replacen(nested, "", 1);
        }
        for d in dropped {
            if exp != no_ws(ours) {
                exp = exp.replacen(d.as_str(), "", 1);
            }
        }
        if exp == no_ws(ours) {
            return true;
        }
    }
    false
}

/// Differences between one case's expected tables and sgx's, as readable lines.
fn compare(case: &str, html: &str, expected: &Value, tables: &[Ours]) -> Vec<String> {
    let mut problems = Vec::new();
    let Some(exp_tables) = expected["tables"].as_array() else {
        return vec![format!("{case}: no \"tables\" in the expected file")];
    };
    if exp_tables.len() != tables.len() {
        problems.push(format!("{case}: {} tables, expected {}", tables.len(), exp_tables.len()));
    }
    let dropped = dropped_texts(html);
    for (t, (exp, ours)) in exp_tables.iter().zip(tables).enumerate() {
        let exp_rows: Vec<Vec<String>> = exp
            .as_array()
            .map(|rows| {
                rows.iter()
                    .map(|r| {
                        r.as_array()
                            .map(|c| c.iter().map(|x| x.as_str().unwrap_or("").to_string()).collect())
                            .unwrap_or_default()
                    })
                    .collect()
            })
            .unwrap_or_default();
        let grid = ours.table.grid();
        let width = ours.table.n_cols();
        let our_rows = if width == 0 { 0 } else { grid.len() };
        if exp_rows.len() != our_rows {
            problems.push(format!("{case} table {t}: {our_rows} rows, expected {}", exp_rows.len()));
            continue;
        }
        for (r, (exp_row, our_row)) in exp_rows.iter().zip(&grid).enumerate() {
            if exp_row.len() != our_row.len() {
                problems.push(format!(
                    "{case} table {t} row {r}: {} columns, expected {}",
                    our_row.len(),
                    exp_row.len()
                ));
                continue;
            }
            for (c, (exp_cell, slot)) in exp_row.iter().zip(our_row).enumerate() {
                let (text, nested) = match slot {
                    Some((cell, true)) => {
                        let path = cell.prov.as_ref().and_then(|p| p.path.clone()).unwrap_or_default();
                        (cell.text(), nested_text(&path, tables))
                    }
                    _ => (String::new(), String::new()),
                };
                if !cell_matches(exp_cell, &text, &nested, &dropped) {
                    problems.push(format!("{case} table {t} [{r}][{c}]: {text:?}, expected {exp_cell:?}"));
                }
            }
        }
    }
    problems
}

fn tables_of(blocks: &[Block]) -> Vec<Ours<'_>> {
    blocks
        .iter()
        .filter_map(|b| {
            b.as_table().map(|table| Ours { table, path: b.prov.path.clone().unwrap_or_default() })
        })
        .collect()
}

#[test]
fn inscriptis_table_grids_match() {
    let Some(dir) = sgx_testkit::shared("external/html/inscriptis") else { return };
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("readable dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".expected.json"))
        .collect();
    cases.sort();
    let (mut passed, mut problems) = (Vec::new(), Vec::new());
    for path in &cases {
        let case = path.file_name().unwrap().to_string_lossy().trim_end_matches(".expected.json").to_string();
        if let Some((_, why)) = SKIPPED.iter().find(|(name, _)| *name == case) {
            println!("skip {case}: {why}");
            continue;
        }
        let expected: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        let html_path = dir.join(expected["html"].as_str().unwrap_or(&format!("{case}.html")));
        let raw = std::fs::read(&html_path).unwrap();
        // As the peer's tests do: the snippet wrapped in a page.
        let page: Vec<u8> = [b"<html><body>".as_slice(), &raw, b"</body></html>"].concat();
        let doc = sgx_read::read(&page, &html_path.display().to_string()).unwrap();
        let html = String::from_utf8_lossy(&raw);
        let found = compare(&case, &html, &expected, &tables_of(&doc.blocks));
        if found.is_empty() {
            passed.push(case);
        } else {
            problems.extend(found);
        }
    }
    println!("inscriptis: {} of {} cases pass: {}", passed.len(), cases.len(), passed.join(", "));
    assert!(!cases.is_empty());
    assert!(problems.is_empty(), "{} differences:\n{}", problems.len(), problems.join("\n"));
}
