//! Tables that are lists: two columns, the first holding only list markers ("1.", "b)",
//! "(iii)", "•"). Old web pages and Word files number items this way to align their text;
//! the reader of the document sees a numbered list, so the IR holds one.

use sgx_ir::{Block, BlockKind, Document, ListItem, Table, Text};

use crate::common::text_builder::append;

/// Replace every top-level marker table of `doc` by the list it stands for.
pub fn lists_from_marker_tables(doc: &mut Document) {
    for block in &mut doc.blocks {
        let BlockKind::Table(table) = &block.kind else { continue };
        if let Some(items) = as_list(table) {
            *block = Block::new(BlockKind::List { items }, block.prov.clone());
        }
    }
}

fn as_list(table: &Table) -> Option<Vec<ListItem>> {
    if table.rows.len() < 2 || table.rows.iter().any(|r| r.header) {
        return None;
    }
    let mut items = Vec::with_capacity(table.rows.len());
    for row in &table.rows {
        let [marker, content] = row.cells.as_slice() else { return None };
        let marker_text = marker.text();
        let marker_text = marker_text.trim();
        if !is_marker(marker_text) || content.paras.is_empty() || marker.colspan != 1 || marker.rowspan != 1 {
            return None;
        }
        let mut text = Text::default();
        for (k, para) in content.paras.iter().enumerate() {
            if k > 0 {
                text.push("\n", &[]);
            }
            append(&mut text, para.text.clone());
        }
        if text.is_empty() {
            return None;
        }
        items.push(ListItem {
            marker: marker_text.to_string(),
            text,
            children: Vec::new(),
            prov: row.prov.clone(),
        });
    }
    Some(items)
}

/// A list marker alone: a bullet glyph, or a number, letter or Roman numeral with the
/// punctuation that makes it a marker ("1.", "2)", "(c)", "iv."). A bare "1" is a reference
/// number in a data table, not a marker.
fn is_marker(s: &str) -> bool {
    if s.chars().count() == 1 {
        return matches!(
            s.chars().next(),
            Some('•' | '●' | '▪' | '■' | '◦' | '○' | '-' | '–' | '*' | '·' | '➢' | '►' | '✓')
        );
    }
    let body = match s.strip_prefix('(') {
        Some(rest) => rest.strip_suffix(')'),
        None => s.strip_suffix(['.', ')', ':']),
    };
    let Some(body) = body.filter(|b| !b.is_empty()) else { return false };
    let numeric = body.len() <= 2 && body.bytes().all(|b| b.is_ascii_digit());
    let letter = body.len() == 1 && body.bytes().all(|b| b.is_ascii_alphabetic());
    let roman = body.len() <= 5 && body.bytes().all(|b| matches!(b.to_ascii_lowercase(), b'i' | b'v' | b'x'));
    numeric || letter || roman
}

#[cfg(test)]
mod tests {
    use super::*;
    use sgx_ir::{Cell, CellPara, Provenance, Row};

    fn table(rows: &[(&str, &str)]) -> Table {
        let cell = |col: usize, s: &str| {
            Cell::new(
                col,
                if s.is_empty() { vec![] } else { vec![CellPara { text: Text::plain(s), bullet: None }] },
            )
        };
        Table {
            rows: rows
                .iter()
                .map(|(a, b)| Row {
                    cells: vec![cell(0, a), cell(1, b)],
                    header: false,
                    prov: Provenance::default(),
                })
                .collect(),
        }
    }

    #[test]
    fn numbered_rows_are_a_list() {
        let items = as_list(&table(&[
            ("1.", "Protect children at risk."),
            ("2.", "Train the workforce."),
            ("(iii)", "Audit."),
        ]))
        .unwrap();
        let got: Vec<(&str, &str)> =
            items.iter().map(|i| (i.marker.as_str(), i.text.text.as_str())).collect();
        assert_eq!(
            got,
            [("1.", "Protect children at risk."), ("2.", "Train the workforce."), ("(iii)", "Audit.")]
        );
    }

    #[test]
    fn data_tables_stay_tables() {
        assert!(
            as_list(&table(&[("1", "Protect children."), ("2", "Train staff.")])).is_none(),
            "bare reference numbers"
        );
        assert!(
            as_list(&table(&[("ICB", "Integrated Care Board"), ("LA", "Local Authority")])).is_none(),
            "a glossary"
        );
        assert!(as_list(&table(&[("1.", "Protect children."), ("2.", "")])).is_none(), "an empty item");
        assert!(as_list(&table(&[("1.", "Protect children.")])).is_none(), "one row");
        let mut headed = table(&[("No.", "Priority"), ("1.", "Protect children."), ("2.", "Train staff.")]);
        headed.rows[0].header = true;
        assert!(as_list(&headed).is_none(), "a header row");
    }
}
