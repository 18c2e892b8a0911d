//! The tables of the CSV and SQLite exports, defined once so the two always agree: one table
//! per entity, each row keyed by `document_id` (and, below a document, by `position`, the
//! 1-based order of the fact in the document).
//!
//! List fields (tasks, leads, measures...) are joined with [`LIST_SEPARATOR`] in CSV and stored
//! as JSON arrays in SQLite (read them with `json_each`). The JSON exports keep true lists.

use std::borrow::Cow;

use sgx_model::{Evidence, Extraction};

use crate::DocumentId;

/// Separator of list items inside one CSV field. Split with it exactly (it is not a regex);
/// an item that itself contains it cannot be told apart, which the JSON exports avoid.
pub const LIST_SEPARATOR: &str = " | ";

/// One value of a row.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell<'a> {
    Null,
    Int(i64),
    Bool(bool),
    Text(Cow<'a, str>),
    List(&'a [String]),
}

/// A column: its name and its SQL declaration (type and column constraints).
pub struct Column {
    pub name: &'static str,
    pub sql: &'static str,
}

/// Rows of one table for one document, in column order.
pub type RowsFn = for<'a> fn(&'a DocumentId, &'a Extraction) -> Vec<Vec<Cell<'a>>>;

pub struct Table {
    /// Table name in SQLite; the CSV file is `<name>.csv`.
    pub name: &'static str,
    pub columns: &'static [Column],
    /// SQL table constraints after the columns (keys).
    pub constraints: &'static str,
    pub rows: RowsFn,
}

/// Every table, parents first (the order rows must be inserted in for the foreign keys).
pub static TABLES: [&Table; 5] = [&DOCUMENTS, &PRIORITIES, &ACTIONS, &GOVERNANCE, &GLOSSARY];

const fn col(name: &'static str, sql: &'static str) -> Column {
    Column { name, sql }
}

const CHILD_KEYS: &str =
    "PRIMARY KEY (document_id, position), FOREIGN KEY (document_id) REFERENCES documents (document_id)";

pub static DOCUMENTS: Table = Table {
    name: "documents",
    columns: &[
        col("document_id", "TEXT PRIMARY KEY"),
        col("path", "TEXT NOT NULL"),
        col("format", "TEXT NOT NULL"),
        col("pages", "INTEGER"),
        col("partnership", "TEXT"),
        col("partnership_acronym", "TEXT"),
        col("kind", "TEXT NOT NULL"),
        col("title", "TEXT"),
        col("start_year", "INTEGER"),
        col("end_year", "INTEGER"),
        col("period", "TEXT"),
        col("priority_count", "INTEGER NOT NULL"),
        col("action_count", "INTEGER NOT NULL"),
        col("body_count", "INTEGER NOT NULL"),
        col("glossary_count", "INTEGER NOT NULL"),
        col("warning_count", "INTEGER NOT NULL"),
        col("schema_version", "TEXT NOT NULL"),
        col("sgx_version", "TEXT NOT NULL"),
    ],
    constraints: "",
    rows: document_rows,
};

pub static PRIORITIES: Table = Table {
    name: "priorities",
    columns: &[
        col("document_id", "TEXT NOT NULL"),
        col("position", "INTEGER NOT NULL"),
        col("number", "INTEGER"),
        col("title", "TEXT NOT NULL"),
        col("measures", "TEXT NOT NULL"),
        col("subgroups", "TEXT NOT NULL"),
        col("block", "INTEGER NOT NULL"),
        col("page", "INTEGER"),
        col("first_line", "INTEGER"),
        col("last_line", "INTEGER"),
    ],
    constraints: CHILD_KEYS,
    rows: priority_rows,
};

pub static ACTIONS: Table = Table {
    name: "actions",
    columns: &[
        col("document_id", "TEXT NOT NULL"),
        col("position", "INTEGER NOT NULL"),
        col("objective_ref", "TEXT"),
        col("objective", "TEXT"),
        col("section", "TEXT"),
        col("tasks", "TEXT NOT NULL"),
        col("leads", "TEXT NOT NULL"),
        col("measures", "TEXT NOT NULL"),
        col("timescale", "TEXT"),
        col("timescale_dates", "TEXT NOT NULL"),
        col("progress", "TEXT"),
        col("rag", "TEXT"),
        col("garbled", "INTEGER NOT NULL"),
        col("block", "INTEGER NOT NULL"),
        col("page", "INTEGER"),
        col("first_line", "INTEGER"),
        col("last_line", "INTEGER"),
    ],
    constraints: CHILD_KEYS,
    rows: action_rows,
};

pub static GOVERNANCE: Table = Table {
    name: "governance",
    columns: &[
        col("document_id", "TEXT NOT NULL"),
        col("position", "INTEGER NOT NULL"),
        col("name", "TEXT NOT NULL"),
        col("acronym", "TEXT"),
        col("chair", "TEXT"),
        col("meets", "TEXT"),
        col("reports_to", "TEXT"),
        col("block", "INTEGER NOT NULL"),
        col("page", "INTEGER"),
        col("first_line", "INTEGER"),
        col("last_line", "INTEGER"),
    ],
    constraints: CHILD_KEYS,
    rows: governance_rows,
};

pub static GLOSSARY: Table = Table {
    name: "glossary",
    columns: &[
        col("document_id", "TEXT NOT NULL"),
        col("position", "INTEGER NOT NULL"),
        col("term", "TEXT NOT NULL"),
        col("expansion", "TEXT NOT NULL"),
        col("block", "INTEGER NOT NULL"),
        col("page", "INTEGER"),
        col("first_line", "INTEGER"),
        col("last_line", "INTEGER"),
    ],
    constraints: CHILD_KEYS,
    rows: glossary_rows,
};

fn document_rows<'a>(id: &'a DocumentId, d: &'a Extraction) -> Vec<Vec<Cell<'a>>> {
    let period = d.document.period.as_ref();
    vec![vec![
        text(id.as_str()),
        text(&d.source.path),
        text(d.source.format.as_str()),
        opt_int(d.source.pages),
        opt_text(&d.partnership.name),
        opt_text(&d.partnership.acronym),
        Cell::Text(Cow::Owned(snake_case(&d.document.kind))),
        opt_text(&d.document.title),
        opt_int(period.map(|p| p.start_year)),
        opt_int(period.map(|p| p.end_year)),
        period.map_or(Cell::Null, |p| text(&p.raw)),
        count(d.priorities.len()),
        count(d.actions.len()),
        count(d.governance.bodies.len()),
        count(d.glossary.len()),
        count(d.warnings.len()),
        text(&d.schema_version),
        text(&d.sgx_version),
    ]]
}

fn priority_rows<'a>(id: &'a DocumentId, d: &'a Extraction) -> Vec<Vec<Cell<'a>>> {
    child_rows(id, &d.priorities, |p| {
        (
            vec![opt_int(p.number), text(&p.title), Cell::List(&p.measures), Cell::List(&p.subgroups)],
            &p.evidence,
        )
    })
}

fn action_rows<'a>(id: &'a DocumentId, d: &'a Extraction) -> Vec<Vec<Cell<'a>>> {
    child_rows(id, &d.actions, |a| {
        let timescale = a.timescale.as_ref();
        let cells = vec![
            opt_text(&a.objective_ref),
            opt_text(&a.objective),
            opt_text(&a.section),
            Cell::List(&a.tasks),
            Cell::List(&a.leads),
            Cell::List(&a.measures),
            timescale.map_or(Cell::Null, |t| text(&t.raw)),
            Cell::List(timescale.map_or(&[][..], |t| &t.dates)),
            opt_text(&a.progress),
            opt_text(&a.rag),
            Cell::Bool(a.garbled),
        ];
        (cells, &a.evidence)
    })
}

fn governance_rows<'a>(id: &'a DocumentId, d: &'a Extraction) -> Vec<Vec<Cell<'a>>> {
    child_rows(id, &d.governance.bodies, |b| {
        (
            vec![
                text(&b.name),
                opt_text(&b.acronym),
                opt_text(&b.chair),
                opt_text(&b.meets),
                opt_text(&b.reports_to),
            ],
            &b.evidence,
        )
    })
}

fn glossary_rows<'a>(id: &'a DocumentId, d: &'a Extraction) -> Vec<Vec<Cell<'a>>> {
    child_rows(id, &d.glossary, |g| (vec![text(&g.term), text(&g.expansion)], &g.evidence))
}

/// Rows of a table below a document: id, position, the item's own cells, its evidence.
fn child_rows<'a, T>(
    id: &'a DocumentId,
    items: &'a [T],
    cells: impl Fn(&'a T) -> (Vec<Cell<'a>>, &'a Evidence),
) -> Vec<Vec<Cell<'a>>> {
    items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let (own, evidence) = cells(item);
            let mut row = Vec::with_capacity(own.len() + 6);
            row.push(text(id.as_str()));
            row.push(count(i + 1));
            row.extend(own);
            row.extend(evidence_cells(evidence));
            row
        })
        .collect()
}

fn evidence_cells(e: &Evidence) -> [Cell<'static>; 4] {
    [count(e.block), opt_int(e.page), opt_int(e.lines.map(|l| l[0])), opt_int(e.lines.map(|l| l[1]))]
}

fn text(s: &str) -> Cell<'_> {
    Cell::Text(Cow::Borrowed(s))
}

fn opt_text(s: &Option<String>) -> Cell<'_> {
    s.as_deref().map_or(Cell::Null, text)
}

fn opt_int<N: Into<i64>>(n: Option<N>) -> Cell<'static> {
    n.map_or(Cell::Null, |n| Cell::Int(n.into()))
}

fn count(n: usize) -> Cell<'static> {
    Cell::Int(i64::try_from(n).unwrap_or(i64::MAX))
}

/// The model's own name for an enum value ("annual_report"), so exports match the JSON.
fn snake_case(value: &impl serde::Serialize) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use sgx_model::*;

    /// A small model with every entity, some fields empty, one list with two items.
    pub(crate) fn sample() -> Extraction {
        let ev = |block| Evidence { block, page: Some(2), lines: Some([10, 12]), ..Default::default() };
        Extraction {
            schema_version: SCHEMA_VERSION.into(),
            sgx_version: "0.1.0".into(),
            source: SourceInfo {
                path: "plans/a \"quoted\", plan.txt".into(),
                format: sgx_model::Format::Text,
                pages: None,
            },
            partnership: Partnership {
                name: Some("Harrowfield Safeguarding Children Partnership".into()),
                acronym: Some("HSCP".into()),
                evidence: None,
            },
            document: DocumentInfo {
                kind: DocumentKind::AnnualReport,
                title: Some("Annual report,\nfirst line".into()),
                period: Some(Period { start_year: 2021, end_year: 2022, raw: "2021/22".into() }),
                evidence: None,
            },
            priorities: vec![Priority {
                number: Some(1),
                title: "Neglect".into(),
                measures: vec![],
                subgroups: vec!["QA".into()],
                evidence: ev(3),
            }],
            actions: vec![Action {
                objective_ref: Some("1".into()),
                objective: Some("Tackle neglect".into()),
                section: None,
                tasks: vec!["Audit cases".into(), "Train staff".into()],
                leads: vec!["Board Manager".into()],
                measures: vec![],
                timescale: Some(Timescale { raw: "June 2021".into(), dates: vec!["2021-06".into()] }),
                progress: None,
                rag: Some("G".into()),
                garbled: false,
                evidence: ev(7),
            }],
            governance: Governance {
                bodies: vec![Body {
                    name: "Executive Group".into(),
                    acronym: None,
                    chair: None,
                    meets: Some("monthly".into()),
                    reports_to: None,
                    evidence: ev(5),
                }],
            },
            glossary: vec![GlossaryEntry {
                term: "LADO".into(),
                expansion: "Local Authority Designated Officer".into(),
                evidence: ev(9),
            }],
            warnings: vec![sgx_model::Warning {
                kind: sgx_model::WarningKind::DroppedDebris,
                message: "dropped page number".into(),
                page: None,
                lines: Some([4, 4]),
                path: None,
            }],
        }
    }

    #[test]
    fn every_row_fills_every_column() {
        let doc = sample();
        let id = crate::document_id(&b"x"[..]).unwrap();
        for table in TABLES {
            let rows = (table.rows)(&id, &doc);
            assert_eq!(rows.len(), 1, "{}", table.name);
            assert_eq!(rows[0].len(), table.columns.len(), "{} row length", table.name);
            assert_eq!(
                rows[0][0],
                Cell::Text(Cow::Borrowed(id.as_str())),
                "{} is keyed by document_id",
                table.name
            );
        }
    }

    #[test]
    fn kind_uses_the_model_name() {
        let doc = sample();
        let id = crate::document_id(&b"x"[..]).unwrap();
        let row = &(DOCUMENTS.rows)(&id, &doc)[0];
        let kind = DOCUMENTS.columns.iter().position(|c| c.name == "kind").unwrap();
        assert_eq!(row[kind], Cell::Text(Cow::Owned("annual_report".into())));
    }
}
