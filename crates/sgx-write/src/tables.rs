//! The tables of the CSV and SQLite exports, defined once so the two always agree: one table
//! per entity, each row keyed by `document_id` (and, below a document, by `position`, the
//! 1-based order of the fact in the document).
//!
//! List fields (tasks, leads, measures...) are joined with [`LIST_SEPARATOR`] in CSV and stored
//! as JSON arrays in SQLite (read them with `json_each`). The JSON and Parquet exports keep true
//! lists.
//!
//! A table below a document also names the kind of fact its rows are ([`FactKind`]), which is
//! how the batch summary counts facts without a list of its own.

use std::borrow::Cow;

use sgx_model::{Evidence, Extraction};

use crate::DocumentId;
use ColumnType::{Bool, Date, Int, List, Real, Text};

/// Separator of list items inside one CSV field. Split with it exactly (it is not a regex);
/// an item that itself contains it cannot be told apart, which the JSON exports avoid.
pub const LIST_SEPARATOR: &str = " | ";

/// One value of a row.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell<'a> {
    Null,
    Int(i64),
    Real(f64),
    Bool(bool),
    Text(Cow<'a, str>),
    List(Cow<'a, [String]>),
}

/// What a column holds; each export maps it to its own type (see `sqlite.rs` for SQL).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnType {
    /// [`Cell::Text`]
    Text,
    /// [`Cell::Int`]
    Int,
    /// [`Cell::Real`]: a number that may have a fraction.
    Real,
    /// [`Cell::Bool`]
    Bool,
    /// [`Cell::Text`] holding a calendar date, `YYYY-MM-DD` (text in CSV and SQLite, a DATE in Parquet).
    Date,
    /// [`Cell::List`]: never null, an empty list instead.
    List,
}

/// A column of a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    pub name: &'static str,
    pub ty: ColumnType,
    /// Whether a row may hold [`Cell::Null`] here.
    pub nullable: bool,
    /// The table's key on its own (the documents table's `document_id`); child tables are keyed
    /// by [`Table::constraints`] instead.
    pub primary_key: bool,
}

/// A column that always has a value.
const fn required(name: &'static str, ty: ColumnType) -> Column {
    Column { name, ty, nullable: false, primary_key: false }
}

/// A column that may be empty ([`Cell::Null`]).
const fn optional(name: &'static str, ty: ColumnType) -> Column {
    Column { name, ty, nullable: true, primary_key: false }
}

/// The table's own key: a value in every row, no two rows alike.
const fn primary_key(name: &'static str, ty: ColumnType) -> Column {
    Column { name, ty, nullable: false, primary_key: true }
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
    /// The facts its rows are, counted in the batch summary; `None` for the documents table.
    pub facts: Option<FactKind>,
}

/// A kind of fact, as the batch summary counts it.
#[derive(Debug)]
pub struct FactKind {
    /// Its key in `summary.json` ("governance_bodies").
    pub key: &'static str,
    /// Its plural for people ("governance bodies").
    pub noun: &'static str,
    /// How many a document has: the rows of the table, without making them.
    pub count: fn(&Extraction) -> usize,
}

/// Every kind of fact, in the order of [`TABLES`].
pub fn fact_kinds() -> impl Iterator<Item = &'static FactKind> {
    TABLES.iter().filter_map(|t| t.facts.as_ref())
}

/// Every table, parents first (the order rows must be inserted in for the foreign keys).
pub static TABLES: [&Table; 8] =
    [&DOCUMENTS, &PRIORITIES, &ACTIONS, &ACTION_LEADS, &GOVERNANCE, &GLOSSARY, &THEMES, &AREAS];

const CHILD_KEYS: &str =
    "PRIMARY KEY (document_id, position), FOREIGN KEY (document_id) REFERENCES documents (document_id)";

pub static DOCUMENTS: Table = Table {
    name: "documents",
    columns: &[
        primary_key("document_id", Text),
        required("path", Text),
        required("format", Text),
        optional("pages", Int),
        optional("partnership", Text),
        optional("partnership_acronym", Text),
        optional("partnership_key", Text),
        optional("joint", Bool),
        required("kind", Text),
        required("genre_score", Real),
        optional("title", Text),
        optional("start_year", Int),
        optional("end_year", Int),
        optional("period", Text),
        optional("period_start", Date),
        optional("period_end", Date),
        optional("time_period_first", Int),
        optional("time_period_last", Int),
        required("priority_count", Int),
        required("action_count", Int),
        required("body_count", Int),
        required("glossary_count", Int),
        required("warning_count", Int),
        required("schema_version", Text),
        required("sgx_version", Text),
        optional("themes_version", Text),
    ],
    constraints: "",
    rows: document_rows,
    facts: None,
};

/// One row per document and local authority its partnership covers: join DfE statistics on
/// `new_la_code` (GSS) or `old_la_code` (DfE's 3 digits). A joint partnership has a row per
/// authority, each with `joint` true; its figures are the partnership's, not the authority's.
pub static AREAS: Table = Table {
    name: "areas",
    columns: &[
        required("document_id", Text),
        required("position", Int),
        required("la_name", Text),
        optional("new_la_code", Text),
        optional("old_la_code", Text),
        required("region", Text),
        required("joint", Bool),
        optional("partnership_key", Text),
        required("named_as", Text),
        required("matched", Text),
        optional("successor_of", Text),
        required("former_gss_codes", List),
    ],
    constraints: CHILD_KEYS,
    rows: area_rows,
    facts: Some(FactKind { key: "areas", noun: "local authorities", count: |d| d.areas.len() }),
};

pub static PRIORITIES: Table = Table {
    name: "priorities",
    columns: &[
        required("document_id", Text),
        required("position", Int),
        optional("number", Int),
        required("title", Text),
        required("measures", List),
        required("subgroups", List),
        required("selection_score", Int),
        required("selection_signals", List),
        required("block", Int),
        optional("page", Int),
        optional("first_line", Int),
        optional("last_line", Int),
    ],
    constraints: CHILD_KEYS,
    rows: priority_rows,
    facts: Some(FactKind { key: "priorities", noun: "priorities", count: |d| d.priorities.len() }),
};

pub static ACTIONS: Table = Table {
    name: "actions",
    columns: &[
        required("document_id", Text),
        required("position", Int),
        optional("objective_ref", Text),
        optional("objective", Text),
        optional("section", Text),
        required("tasks", List),
        required("leads", List),
        required("measures", List),
        optional("timescale", Text),
        required("timescale_dates", List),
        optional("due", Text),
        optional("recurrence", Text),
        optional("timescale_resolution", Text),
        optional("progress", Text),
        optional("rag", Text),
        optional("status", Text),
        required("garbled", Bool),
        required("block", Int),
        optional("page", Int),
        optional("first_line", Int),
        optional("last_line", Int),
    ],
    constraints: CHILD_KEYS,
    rows: action_rows,
    facts: Some(FactKind { key: "actions", noun: "actions", count: |d| d.actions.len() }),
};

/// One row per lead an action names (`actions[].lead_parts`): `action_position` is the
/// action's `position` in the actions table, `lead_position` the lead's order in the row.
/// `expansions` are "TERM = expansion" (the document's own glossary).
pub static ACTION_LEADS: Table = Table {
    name: "action_leads",
    columns: &[
        required("document_id", Text),
        required("action_position", Int),
        required("lead_position", Int),
        required("text", Text),
        optional("person", Text),
        optional("role", Text),
        required("organisations", List),
        required("expansions", List),
        optional("body_id", Text),
    ],
    constraints: "PRIMARY KEY (document_id, action_position, lead_position), \
        FOREIGN KEY (document_id, action_position) REFERENCES actions (document_id, position)",
    rows: action_lead_rows,
    facts: Some(FactKind {
        key: "action_leads",
        noun: "action leads",
        count: |d| d.actions.iter().map(|a| a.lead_parts.len()).sum(),
    }),
};

pub static GOVERNANCE: Table = Table {
    name: "governance",
    columns: &[
        required("document_id", Text),
        required("position", Int),
        required("id", Text),
        required("name", Text),
        optional("acronym", Text),
        optional("chair", Text),
        optional("chair_person", Text),
        optional("chair_role", Text),
        optional("chair_organisation", Text),
        optional("meets", Text),
        optional("meets_per_year", Real),
        optional("reports_to", Text),
        optional("reports_to_id", Text),
        required("block", Int),
        optional("page", Int),
        optional("first_line", Int),
        optional("last_line", Int),
    ],
    constraints: CHILD_KEYS,
    rows: governance_rows,
    facts: Some(FactKind {
        key: "governance_bodies",
        noun: "governance bodies",
        count: |d| d.governance.bodies.len(),
    }),
};

pub static GLOSSARY: Table = Table {
    name: "glossary",
    columns: &[
        required("document_id", Text),
        required("position", Int),
        required("term", Text),
        required("expansion", Text),
        required("source", Text),
        required("block", Int),
        optional("page", Int),
        optional("first_line", Int),
        optional("last_line", Int),
    ],
    constraints: CHILD_KEYS,
    rows: glossary_rows,
    facts: Some(FactKind { key: "glossary_entries", noun: "glossary entries", count: |d| d.glossary.len() }),
};

/// One row per theme assigned to a priority or an action, so a researcher counts coverage
/// with one `GROUP BY theme`; `fact_position` is the fact's `position` in its own table.
pub static THEMES: Table = Table {
    name: "themes",
    columns: &[
        required("document_id", Text),
        required("fact", Text),
        required("fact_position", Int),
        required("theme", Text),
        required("axis", Text),
        required("matched", List),
    ],
    constraints: "PRIMARY KEY (document_id, fact, fact_position, theme), \
        FOREIGN KEY (document_id) REFERENCES documents (document_id)",
    rows: theme_rows,
    facts: Some(FactKind {
        key: "theme_assignments",
        noun: "theme assignments",
        count: |d| {
            d.priorities.iter().map(|p| p.themes.len()).sum::<usize>()
                + d.actions.iter().map(|a| a.themes.len()).sum::<usize>()
        },
    }),
};

/// The `fact` column's values: the table the fact is a row of.
const PRIORITY_FACT: &str = "priority";
const ACTION_FACT: &str = "action";

fn document_rows<'a>(id: &'a DocumentId, d: &'a Extraction) -> Vec<Vec<Cell<'a>>> {
    let period = d.document.period.as_ref();
    vec![vec![
        text(id.as_str()),
        text(&d.source.path),
        text(d.source.format.as_str()),
        opt_int(d.source.pages),
        opt_text(&d.partnership.name),
        opt_text(&d.partnership.acronym),
        opt_text(&d.partnership.key),
        d.partnership.joint.map_or(Cell::Null, Cell::Bool),
        Cell::Text(Cow::Owned(snake_case(&d.document.kind))),
        Cell::Real(d.document.genre.score),
        opt_text(&d.document.title),
        opt_int(period.map(|p| p.start_year)),
        opt_int(period.map(|p| p.end_year)),
        period.map_or(Cell::Null, |p| text(&p.raw)),
        opt_str(period.and_then(|p| p.start_date.as_deref())),
        opt_str(period.and_then(|p| p.end_date.as_deref())),
        opt_int(period.and_then(|p| p.time_periods.first().copied())),
        opt_int(period.and_then(|p| p.time_periods.last().copied())),
        count(d.priorities.len()),
        count(d.actions.len()),
        count(d.governance.bodies.len()),
        count(d.glossary.len()),
        count(d.warnings.len()),
        text(&d.schema_version),
        text(&d.sgx_version),
        opt_text(&d.themes_version),
    ]]
}

fn area_rows<'a>(id: &'a DocumentId, d: &'a Extraction) -> Vec<Vec<Cell<'a>>> {
    let joint = d.areas.len() > 1;
    d.areas
        .iter()
        .enumerate()
        .map(|(i, a)| {
            vec![
                text(id.as_str()),
                count(i + 1),
                text(&a.name),
                opt_text(&a.gss_code),
                opt_text(&a.dfe_code),
                text(&a.region),
                Cell::Bool(joint),
                opt_text(&d.partnership.key),
                text(&a.named_as),
                text(a.matched.as_str()),
                opt_text(&a.successor_of),
                list(&a.former_gss_codes),
            ]
        })
        .collect()
}

fn priority_rows<'a>(id: &'a DocumentId, d: &'a Extraction) -> Vec<Vec<Cell<'a>>> {
    child_rows(id, &d.priorities, |p| {
        (
            vec![
                opt_int(p.number),
                text(&p.title),
                list(&p.measures),
                list(&p.subgroups),
                Cell::Int(p.selection.score.into()),
                list(&p.selection.signals),
            ],
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
            list(&a.tasks),
            list(&a.leads),
            list(&a.measures),
            timescale.map_or(Cell::Null, |t| text(&t.raw)),
            list(timescale.map_or(&[][..], |t| &t.dates)),
            opt_str(timescale.and_then(|t| t.due.as_deref())),
            opt_enum(timescale.and_then(|t| t.recurrence.map(|r| r.kind))),
            opt_enum(timescale.map(|t| t.resolution)),
            opt_text(&a.progress),
            opt_text(&a.rag),
            opt_enum(a.status),
            Cell::Bool(a.garbled),
        ];
        (cells, &a.evidence)
    })
}

fn governance_rows<'a>(id: &'a DocumentId, d: &'a Extraction) -> Vec<Vec<Cell<'a>>> {
    child_rows(id, &d.governance.bodies, |b| {
        let chair = b.chair_parts.as_ref();
        (
            vec![
                text(&b.id),
                text(&b.name),
                opt_text(&b.acronym),
                opt_text(&b.chair),
                opt_str(chair.and_then(|c| c.person.as_deref())),
                opt_str(chair.and_then(|c| c.role.as_deref())),
                opt_str(chair.and_then(|c| c.organisation.as_deref())),
                opt_text(&b.meets),
                b.meeting_frequency.and_then(|r| r.times_per_year).map_or(Cell::Null, Cell::Real),
                opt_text(&b.reports_to),
                opt_text(&b.reports_to_id),
            ],
            &b.evidence,
        )
    })
}

fn action_lead_rows<'a>(id: &'a DocumentId, d: &'a Extraction) -> Vec<Vec<Cell<'a>>> {
    d.actions
        .iter()
        .enumerate()
        .flat_map(|(i, a)| {
            a.lead_parts.iter().enumerate().map(move |(j, l)| {
                let expansions: Vec<String> =
                    l.expansions.iter().map(|e| format!("{} = {}", e.term, e.expansion)).collect();
                vec![
                    text(id.as_str()),
                    count(i + 1),
                    count(j + 1),
                    text(&l.text),
                    opt_text(&l.person),
                    opt_text(&l.role),
                    list(&l.organisations),
                    Cell::List(Cow::Owned(expansions)),
                    opt_text(&l.body_id),
                ]
            })
        })
        .collect()
}

fn glossary_rows<'a>(id: &'a DocumentId, d: &'a Extraction) -> Vec<Vec<Cell<'a>>> {
    child_rows(id, &d.glossary, |g| {
        (vec![text(&g.term), text(&g.expansion), text(g.source.as_str())], &g.evidence)
    })
}

fn theme_rows<'a>(id: &'a DocumentId, d: &'a Extraction) -> Vec<Vec<Cell<'a>>> {
    let priorities = d.priorities.iter().map(|p| &p.themes).enumerate().map(|(i, t)| (PRIORITY_FACT, i, t));
    let actions = d.actions.iter().map(|a| &a.themes).enumerate().map(|(i, t)| (ACTION_FACT, i, t));
    priorities
        .chain(actions)
        .flat_map(|(fact, i, themes)| {
            themes.iter().map(move |theme| {
                vec![
                    text(id.as_str()),
                    text(fact),
                    count(i + 1),
                    text(&theme.id),
                    text(theme.axis.as_str()),
                    list(&theme.matched),
                ]
            })
        })
        .collect()
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

fn list(items: &[String]) -> Cell<'_> {
    Cell::List(Cow::Borrowed(items))
}

fn text(s: &str) -> Cell<'_> {
    Cell::Text(Cow::Borrowed(s))
}

fn opt_text(s: &Option<String>) -> Cell<'_> {
    s.as_deref().map_or(Cell::Null, text)
}

fn opt_str(s: Option<&str>) -> Cell<'_> {
    s.map_or(Cell::Null, text)
}

/// An optional enum value by the model's own name for it.
fn opt_enum(value: Option<impl serde::Serialize>) -> Cell<'static> {
    value.map_or(Cell::Null, |v| Cell::Text(Cow::Owned(snake_case(&v))))
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
    // Every field is set; `..Default::default()` is there so a new fact's field needs no edit here.
    #[allow(clippy::needless_update)]
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
                key: Some("cumbria".into()),
                joint: Some(false),
                evidence: None,
            },
            document: DocumentInfo {
                kind: DocumentKind::AnnualReport,
                title: Some("Annual report,\nfirst line".into()),
                period: Some(Period {
                    start_date: Some("2021-04-01".into()),
                    end_date: Some("2022-03-31".into()),
                    basis: Some(PeriodBasis::YearsOnly),
                    financial_years: vec!["2021-22".into()],
                    time_periods: vec![202122],
                    ..Period::new(2021, 2022, "2021/22".into())
                }),
                evidence: None,
                genre: Default::default(),
            },
            areas: vec![Area {
                name: "Cumberland".into(),
                gss_code: Some("E06000063".into()),
                dfe_code: Some("942".into()),
                region: "North West".into(),
                former_gss_codes: vec![],
                named_as: "Cumbria".into(),
                matched: AreaMatch::Successor,
                successor_of: Some("Cumbria".into()),
            }],
            priorities: vec![Priority {
                number: Some(1),
                title: "Neglect".into(),
                measures: vec![],
                subgroups: vec!["QA".into()],
                selection: ListSelection { score: 5, signals: vec!["numbered 1-1 +1".into()] },
                themes: vec![ThemeAssignment {
                    id: "neglect".into(),
                    axis: ThemeAxis::Harm,
                    matched: vec!["Neglect".into()],
                }],
                evidence: ev(3),
            }],
            actions: vec![Action {
                lead_parts: vec![Lead {
                    text: "Board Manager".into(),
                    person: Some("Jo Bloggs".into()),
                    role: Some("Manager".into()),
                    organisations: vec!["Board".into()],
                    expansions: vec![Expansion {
                        term: "LADO".into(),
                        expansion: "Designated Officer".into(),
                    }],
                    body_id: Some("executive-group".into()),
                }],
                objective_ref: Some("1".into()),
                objective: Some("Tackle neglect".into()),
                section: None,
                tasks: vec!["Audit cases".into(), "Train staff".into()],
                leads: vec!["Board Manager".into()],
                measures: vec![],
                timescale: Some(Timescale {
                    spans: vec![TimeSpan {
                        form: SpanForm::Month,
                        start: Some("2021-06".into()),
                        end: Some("2021-06".into()),
                        text: "June 2021".into(),
                    }],
                    recurrence: Some(Recurrence {
                        kind: RecurrenceKind::Quarterly,
                        times_per_year: Some(4.0),
                    }),
                    due: Some("2021-06".into()),
                    resolution: Resolution::Resolved,
                    ..Timescale::new("June 2021 then quarterly".into(), vec!["2021-06".into()])
                }),
                progress: None,
                rag: Some("G".into()),
                rag_fill: Some("#00b050".into()),
                status: Some(Status::Green),
                garbled: false,
                themes: vec![],
                evidence: ev(7),
            }],
            governance: Governance {
                bodies: vec![Body {
                    id: "executive-group".into(),
                    chair: Some("Jo Bloggs, Director".into()),
                    chair_parts: Some(ChairParts {
                        person: Some("Jo Bloggs".into()),
                        role: Some("Director".into()),
                        organisation: Some("Council".into()),
                    }),
                    meets: Some("monthly".into()),
                    meeting_frequency: Some(Recurrence {
                        kind: RecurrenceKind::Monthly,
                        times_per_year: Some(12.0),
                    }),
                    reports_to: Some("Board".into()),
                    reports_to_id: Some("board".into()),
                    ..Body::new("Executive Group".into(), ev(5))
                }],
            },
            glossary: vec![GlossaryEntry {
                term: "LADO".into(),
                expansion: "Local Authority Designated Officer".into(),
                source: GlossarySource::Glossary,
                evidence: ev(9),
            }],
            themes_version: Some("1.0.0".into()),
            warnings: vec![sgx_model::Warning {
                kind: sgx_model::WarningKind::DroppedDebris,
                message: "dropped page number".into(),
                page: None,
                lines: Some([4, 4]),
                path: None,
            }],
            ..Default::default()
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

    /// The sample with every optional field empty.
    fn sparse() -> Extraction {
        let mut d = sample();
        let bare = |e: &mut Evidence| {
            e.page = None;
            e.lines = None;
        };
        d.source.pages = None;
        d.partnership = Partnership::default();
        d.document.title = None;
        d.document.period = None;
        d.themes_version = None;
        for a in &mut d.areas {
            (a.gss_code, a.dfe_code, a.successor_of) = (None, None, None);
        }
        for p in &mut d.priorities {
            p.number = None;
            bare(&mut p.evidence);
        }
        for a in &mut d.actions {
            (a.objective_ref, a.objective, a.section, a.progress, a.rag) = (None, None, None, None, None);
            (a.rag_fill, a.status) = (None, None);
            a.timescale = None;
            bare(&mut a.evidence);
        }
        for a in &mut d.actions {
            for l in &mut a.lead_parts {
                (l.person, l.role, l.body_id) = (None, None, None);
            }
        }
        for b in &mut d.governance.bodies {
            (b.acronym, b.chair, b.meets, b.reports_to) = (None, None, None, None);
            (b.chair_parts, b.meeting_frequency, b.reports_to_id) = (None, None, None);
            bare(&mut b.evidence);
        }
        for g in &mut d.glossary {
            bare(&mut g.evidence);
        }
        d
    }

    #[test]
    fn cells_have_their_column_types() {
        let id = crate::document_id(&b"x"[..]).unwrap();
        for (doc, all_empty) in [(sample(), false), (sparse(), true)] {
            for table in TABLES {
                for row in (table.rows)(&id, &doc) {
                    for (cell, column) in row.iter().zip(table.columns) {
                        let fits = matches!(
                            (cell, column.ty),
                            (Cell::Null, _)
                                | (Cell::Text(_), Text | Date)
                                | (Cell::Int(_), Int)
                                | (Cell::Real(_), Real)
                                | (Cell::Bool(_), Bool)
                                | (Cell::List(_), List)
                        );
                        assert!(fits, "{}.{}: {cell:?} in a {:?} column", table.name, column.name, column.ty);
                        if *cell == Cell::Null || all_empty {
                            // With every optional field empty, exactly the nullable columns are null.
                            assert_eq!(
                                *cell == Cell::Null,
                                column.nullable,
                                "{}.{}: {cell:?}",
                                table.name,
                                column.name
                            );
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn fact_counts_are_row_counts() {
        let id = crate::document_id(&b"x"[..]).unwrap();
        let mut doc = sample();
        doc.actions.push(doc.actions[0].clone());
        for table in TABLES {
            if let Some(kind) = &table.facts {
                assert_eq!((kind.count)(&doc), (table.rows)(&id, &doc).len(), "{}", table.name);
            }
        }
        let keys: std::collections::BTreeSet<&str> = fact_kinds().map(|k| k.key).collect();
        assert_eq!(keys.len(), fact_kinds().count(), "each kind has its own key in summary.json");
    }

    #[test]
    fn theme_rows_name_their_fact_its_position_and_the_evidence() {
        let id = crate::document_id(&b"x"[..]).unwrap();
        let mut doc = sample();
        doc.actions.insert(0, doc.actions[0].clone());
        doc.actions[1].themes = vec![
            ThemeAssignment { id: "cse".into(), axis: ThemeAxis::Harm, matched: vec!["CSE".into()] },
            ThemeAssignment {
                id: "workforce_training".into(),
                axis: ThemeAxis::Practice,
                matched: vec!["training".into(), "briefings".into()],
            },
        ];
        let rows = (THEMES.rows)(&id, &doc);
        let key = |row: &Vec<Cell<'_>>| format!("{:?} {:?} {:?} {:?}", row[1], row[2], row[3], row[4]);
        assert_eq!(
            rows.iter().map(key).collect::<Vec<_>>(),
            [
                r#"Text("priority") Int(1) Text("neglect") Text("harm")"#,
                r#"Text("action") Int(2) Text("cse") Text("harm")"#,
                r#"Text("action") Int(2) Text("workforce_training") Text("practice")"#,
            ]
        );
        assert_eq!(rows[2][5], list(&doc.actions[1].themes[1].matched));
    }

    #[test]
    fn a_joint_partnership_has_a_row_per_authority_each_flagged_joint() {
        let id = crate::document_id(&b"x"[..]).unwrap();
        let mut doc = sample();
        let column = |name| AREAS.columns.iter().position(|c| c.name == name).unwrap();
        let rows = (AREAS.rows)(&id, &doc);
        assert_eq!(rows[0][column("joint")], Cell::Bool(false));
        let mut second = doc.areas[0].clone();
        (second.name, second.gss_code, second.dfe_code) =
            ("Westmorland and Furness".into(), Some("E06000064".into()), Some("943".into()));
        doc.areas.push(second);
        let rows = (AREAS.rows)(&id, &doc);
        assert_eq!(rows.len(), 2);
        for (row, code) in rows.iter().zip(["942", "943"]) {
            assert_eq!(row[column("joint")], Cell::Bool(true));
            assert_eq!(row[column("old_la_code")], Cell::Text(Cow::Borrowed(code)));
            assert_eq!(row[column("partnership_key")], Cell::Text(Cow::Borrowed("cumbria")));
        }
    }

    #[test]
    fn normalised_values_are_typed_columns() {
        let doc = sample();
        let id = crate::document_id(&b"x"[..]).unwrap();
        let cell = |table: &Table, name: &str| {
            let row = (table.rows)(&id, &doc).remove(0);
            row[table.columns.iter().position(|c| c.name == name).unwrap()].clone()
        };
        let owned = |s: &str| Cell::Text(Cow::Owned(s.into()));
        assert_eq!(cell(&ACTIONS, "due"), Cell::Text(Cow::Borrowed("2021-06")));
        assert_eq!(cell(&ACTIONS, "recurrence"), owned("quarterly"));
        assert_eq!(cell(&ACTIONS, "timescale_resolution"), owned("resolved"));
        assert_eq!(cell(&ACTIONS, "status"), owned("green"));
        assert_eq!(cell(&DOCUMENTS, "period_start"), Cell::Text(Cow::Borrowed("2021-04-01")));
        assert_eq!(cell(&DOCUMENTS, "period_end"), Cell::Text(Cow::Borrowed("2022-03-31")));
        assert_eq!(cell(&DOCUMENTS, "time_period_first"), Cell::Int(202122));
        assert_eq!(cell(&DOCUMENTS, "time_period_last"), Cell::Int(202122));
    }

    #[test]
    fn governance_graph_and_lead_parts_are_columns() {
        let doc = sample();
        let id = crate::document_id(&b"x"[..]).unwrap();
        let cell = |table: &Table, name: &str| {
            let row = (table.rows)(&id, &doc).remove(0);
            row[table.columns.iter().position(|c| c.name == name).unwrap()].clone()
        };
        let borrowed = |s: &'static str| Cell::Text(Cow::Borrowed(s));
        assert_eq!(cell(&GOVERNANCE, "id"), borrowed("executive-group"));
        assert_eq!(cell(&GOVERNANCE, "reports_to_id"), borrowed("board"));
        assert_eq!(cell(&GOVERNANCE, "chair_person"), borrowed("Jo Bloggs"));
        assert_eq!(cell(&GOVERNANCE, "chair_role"), borrowed("Director"));
        assert_eq!(cell(&GOVERNANCE, "chair_organisation"), borrowed("Council"));
        assert_eq!(cell(&GOVERNANCE, "meets_per_year"), Cell::Real(12.0));
        assert_eq!(cell(&ACTION_LEADS, "action_position"), Cell::Int(1));
        assert_eq!(cell(&ACTION_LEADS, "lead_position"), Cell::Int(1));
        assert_eq!(cell(&ACTION_LEADS, "role"), borrowed("Manager"));
        assert_eq!(cell(&ACTION_LEADS, "body_id"), borrowed("executive-group"));
        assert_eq!(
            cell(&ACTION_LEADS, "expansions"),
            Cell::List(Cow::Owned(vec!["LADO = Designated Officer".to_string()]))
        );
        let after_actions = TABLES.iter().position(|t| t.name == "actions").unwrap() + 1;
        assert_eq!(TABLES[after_actions].name, "action_leads");
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
