//! `sgx.sqlite`: one table per entity ([`crate::tables`]) with primary and foreign keys, indexes
//! on partnership, year and kind, and views to start from: `<entity>_with_document` (each fact
//! beside its document's partnership, kind and period), `partnerships` (one row each) and the
//! views of `sgx compare` (`priorities_by_area_year`, `theme_changes`, `theme_coverage`: see
//! `compare_views.sql`).
//! Lists are JSON arrays: `SELECT value FROM actions, json_each(actions.leads)`.

use std::path::{Path, PathBuf};

use rusqlite::types::{ToSqlOutput, Value};
use rusqlite::{Connection, ToSql};
use sgx_model::Extraction;
use tempfile::NamedTempFile;

use super::{Export, ExportFormat};
use crate::atomic;
use crate::tables::{Cell, Column, ColumnType, Table, TABLES};
use crate::{DocumentId, Staged, WriteError};

const SQLITE_FILE: &str = "sgx.sqlite";

pub(super) const EXPORT: ExportFormat = ExportFormat {
    name: "sqlite",
    files: || vec![SQLITE_FILE.to_string()],
    create: |out_dir| Ok(Box::new(SqliteExport::create(out_dir)?)),
};

const INDEXES: &str = "
CREATE INDEX documents_partnership ON documents (partnership);
CREATE INDEX documents_year ON documents (start_year, end_year);
CREATE INDEX documents_kind ON documents (kind);
CREATE INDEX documents_partnership_key ON documents (partnership_key);
CREATE INDEX areas_new_la_code ON areas (new_la_code);
CREATE INDEX areas_old_la_code ON areas (old_la_code);
";

const PARTNERSHIPS_VIEW: &str = "
CREATE VIEW partnerships AS
SELECT partnership, max(partnership_acronym) AS acronym, count(*) AS documents,
       min(start_year) AS first_year, max(end_year) AS last_year,
       sum(priority_count) AS priorities, sum(action_count) AS actions
FROM documents GROUP BY partnership;
";

/// `sgx compare`'s three views and the two they are built on.
const COMPARE_VIEWS: &str = include_str!("compare_views.sql");

struct SqliteExport {
    conn: Connection,
    // Held so the file is deleted if the export is dropped unfinished.
    temp: NamedTempFile,
    dest: PathBuf,
    inserts: Vec<String>,
}

impl SqliteExport {
    fn create(out_dir: &Path) -> Result<SqliteExport, WriteError> {
        let dest = out_dir.join(SQLITE_FILE);
        let temp = atomic::temp_in(&dest)?;
        let err = sql_error(dest.clone());
        let conn = Connection::open(temp.path()).map_err(&err)?;
        // The file becomes visible only by rename when complete, so SQLite's own journal
        // would only slow the bulk load down.
        conn.execute_batch("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA foreign_keys = ON;")
            .map_err(&err)?;
        let mut schema = String::new();
        for table in TABLES {
            schema.push_str(&create_table(table));
        }
        conn.execute_batch(&schema).map_err(&err)?;
        conn.execute_batch("BEGIN").map_err(&err)?;
        let inserts = TABLES.iter().map(|t| insert(t)).collect();
        Ok(SqliteExport { conn, temp, dest, inserts })
    }
}

impl Export for SqliteExport {
    fn add(&mut self, id: &DocumentId, doc: &Extraction, _paths: &[String]) -> Result<(), WriteError> {
        let err = sql_error(self.dest.clone());
        for (table, sql) in TABLES.iter().zip(&self.inserts) {
            let mut stmt = self.conn.prepare_cached(sql).map_err(&err)?;
            for row in (table.rows)(id, doc) {
                stmt.execute(rusqlite::params_from_iter(row.iter())).map_err(&err)?;
            }
        }
        Ok(())
    }

    fn finish(self: Box<Self>) -> Result<Vec<Staged>, WriteError> {
        let SqliteExport { conn, temp, dest, .. } = *self;
        let err = sql_error(dest.clone());
        conn.execute_batch("COMMIT").map_err(&err)?;
        // Indexes after the bulk load: building them once is faster than keeping them up to date.
        let mut views = String::from(INDEXES);
        for table in &TABLES[1..] {
            views.push_str(&with_document_view(table));
        }
        views.push_str(PARTNERSHIPS_VIEW);
        views.push_str(COMPARE_VIEWS);
        conn.execute_batch(&views).map_err(&err)?;
        check_foreign_keys(&conn, &dest)?;
        conn.close().map_err(|(_, e)| err(e))?;
        Ok(vec![Staged::new(temp, dest)?])
    }
}

impl ToSql for Cell<'_> {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(match self {
            Cell::Null => ToSqlOutput::Owned(Value::Null),
            Cell::Int(n) => ToSqlOutput::Owned(Value::Integer(*n)),
            Cell::Real(x) => ToSqlOutput::Owned(Value::Real(*x)),
            Cell::Bool(b) => ToSqlOutput::Owned(Value::Integer(i64::from(*b))),
            Cell::Text(s) => ToSqlOutput::Borrowed(rusqlite::types::ValueRef::Text(s.as_bytes())),
            Cell::List(items) => ToSqlOutput::Owned(Value::Text(
                serde_json::to_string(items.as_ref())
                    .map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?,
            )),
        })
    }
}

fn create_table(table: &Table) -> String {
    let mut parts: Vec<String> = table.columns.iter().map(column_sql).collect();
    if !table.constraints.is_empty() {
        parts.push(table.constraints.to_string());
    }
    format!("CREATE TABLE {} (\n  {}\n);\n", table.name, parts.join(",\n  "))
}

/// A column's declaration: name, SQL type and column constraint.
fn column_sql(column: &Column) -> String {
    // SQLite has no boolean or list type: booleans are 0 / 1, lists JSON arrays (see `ToSql`).
    let ty = match column.ty {
        ColumnType::Text | ColumnType::Date | ColumnType::List => "TEXT",
        ColumnType::Int | ColumnType::Bool => "INTEGER",
        ColumnType::Real => "REAL",
    };
    // The key is declared without NOT NULL, as it always has been; it is never null all the same.
    let constraint = match (column.primary_key, column.nullable) {
        (true, _) => " PRIMARY KEY",
        (false, false) => " NOT NULL",
        (false, true) => "",
    };
    format!("{} {ty}{constraint}", column.name)
}

fn insert(table: &Table) -> String {
    let names: Vec<&str> = table.columns.iter().map(|c| c.name).collect();
    let marks = vec!["?"; names.len()].join(", ");
    format!("INSERT INTO {} ({}) VALUES ({marks})", table.name, names.join(", "))
}

/// Each fact beside the document facts a researcher filters by.
fn with_document_view(table: &Table) -> String {
    format!(
        "CREATE VIEW {name}_with_document AS
SELECT d.partnership, d.partnership_acronym, d.kind, d.start_year, d.end_year, d.period,
       d.title AS document_title, d.path, t.*
FROM {name} AS t JOIN documents AS d ON d.document_id = t.document_id;\n",
        name = table.name
    )
}

fn check_foreign_keys(conn: &Connection, dest: &Path) -> Result<(), WriteError> {
    let err = sql_error(dest.to_path_buf());
    let mut stmt = conn.prepare("PRAGMA foreign_key_check").map_err(&err)?;
    let violations: Vec<String> =
        stmt.query_map([], |row| row.get::<_, String>(0)).map_err(&err)?.filter_map(Result::ok).collect();
    if violations.is_empty() {
        Ok(())
    } else {
        Err(WriteError::Integrity {
            path: dest.to_path_buf(),
            detail: format!("{} rows violate foreign keys (in {})", violations.len(), violations[0]),
        })
    }
}

fn sql_error(path: PathBuf) -> impl Fn(rusqlite::Error) -> WriteError {
    move |source| WriteError::Sqlite { path: path.clone(), source }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tables::tests::sample;

    #[test]
    fn tables_keys_and_views() {
        let dir = tempfile::tempdir().unwrap();
        let mut export = (EXPORT.create)(dir.path()).unwrap();
        let a = crate::document_id(&b"a"[..]).unwrap();
        let b = crate::document_id(&b"b"[..]).unwrap();
        export.add(&a, &sample(), &[]).unwrap();
        export.add(&b, &sample(), &[]).unwrap();
        for file in export.finish().unwrap() {
            file.commit().unwrap();
        }
        let conn = Connection::open(dir.path().join(SQLITE_FILE)).unwrap();
        let n: i64 = conn.query_row("SELECT count(*) FROM actions_with_document WHERE kind = 'annual_report' AND start_year = 2021", [], |r| r.get(0)).unwrap();
        assert_eq!(n, 2);
        let leads: String = conn
            .query_row("SELECT value FROM actions, json_each(actions.leads) LIMIT 1", [], |r| r.get(0))
            .unwrap();
        assert_eq!(leads, "Board Manager");
        let (role, body): (String, String) = conn
            .query_row("SELECT role, body_id FROM action_leads_with_document LIMIT 1", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .unwrap();
        assert_eq!((role.as_str(), body.as_str()), ("Manager", "executive-group"));
        let partnerships: i64 =
            conn.query_row("SELECT documents FROM partnerships", [], |r| r.get(0)).unwrap();
        assert_eq!(partnerships, 2);
        conn.execute_batch("PRAGMA foreign_keys = ON").unwrap();
        let orphan =
            conn.execute("INSERT INTO glossary VALUES ('nope', 1, 't', 'e', 0, NULL, NULL, NULL)", []);
        assert!(orphan.is_err(), "the foreign key is declared");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "no temporary or journal file left");
    }

    #[test]
    fn column_types_declare_the_expected_schema() {
        // The tables as sgx.sqlite declared them before columns were typed, byte for byte (with
        // the themes table and `themes_version` of model 2.2.0, the action_leads table and the
        // governance graph's columns of 2.3.0).
        let expected = "\
CREATE TABLE documents (
  document_id TEXT PRIMARY KEY,
  path TEXT NOT NULL,
  format TEXT NOT NULL,
  pages INTEGER,
  partnership TEXT,
  partnership_acronym TEXT,
  partnership_key TEXT,
  joint INTEGER,
  kind TEXT NOT NULL,
  genre_score REAL NOT NULL,
  title TEXT,
  start_year INTEGER,
  end_year INTEGER,
  period TEXT,
  period_start TEXT,
  period_end TEXT,
  time_period_first INTEGER,
  time_period_last INTEGER,
  priority_count INTEGER NOT NULL,
  action_count INTEGER NOT NULL,
  body_count INTEGER NOT NULL,
  glossary_count INTEGER NOT NULL,
  warning_count INTEGER NOT NULL,
  schema_version TEXT NOT NULL,
  sgx_version TEXT NOT NULL,
  themes_version TEXT
);
CREATE TABLE priorities (
  document_id TEXT NOT NULL,
  position INTEGER NOT NULL,
  number INTEGER,
  title TEXT NOT NULL,
  measures TEXT NOT NULL,
  subgroups TEXT NOT NULL,
  selection_score INTEGER NOT NULL,
  selection_signals TEXT NOT NULL,
  block INTEGER NOT NULL,
  page INTEGER,
  first_line INTEGER,
  last_line INTEGER,
  PRIMARY KEY (document_id, position), FOREIGN KEY (document_id) REFERENCES documents (document_id)
);
CREATE TABLE actions (
  document_id TEXT NOT NULL,
  position INTEGER NOT NULL,
  objective_ref TEXT,
  objective TEXT,
  section TEXT,
  tasks TEXT NOT NULL,
  leads TEXT NOT NULL,
  measures TEXT NOT NULL,
  timescale TEXT,
  timescale_dates TEXT NOT NULL,
  due TEXT,
  recurrence TEXT,
  timescale_resolution TEXT,
  progress TEXT,
  rag TEXT,
  status TEXT,
  garbled INTEGER NOT NULL,
  block INTEGER NOT NULL,
  page INTEGER,
  first_line INTEGER,
  last_line INTEGER,
  PRIMARY KEY (document_id, position), FOREIGN KEY (document_id) REFERENCES documents (document_id)
);
CREATE TABLE action_leads (
  document_id TEXT NOT NULL,
  action_position INTEGER NOT NULL,
  lead_position INTEGER NOT NULL,
  text TEXT NOT NULL,
  person TEXT,
  role TEXT,
  organisations TEXT NOT NULL,
  expansions TEXT NOT NULL,
  body_id TEXT,
  PRIMARY KEY (document_id, action_position, lead_position), FOREIGN KEY (document_id, action_position) REFERENCES actions (document_id, position)
);
CREATE TABLE governance (
  document_id TEXT NOT NULL,
  position INTEGER NOT NULL,
  id TEXT NOT NULL,
  name TEXT NOT NULL,
  acronym TEXT,
  chair TEXT,
  chair_person TEXT,
  chair_role TEXT,
  chair_organisation TEXT,
  meets TEXT,
  meets_per_year REAL,
  reports_to TEXT,
  reports_to_id TEXT,
  block INTEGER NOT NULL,
  page INTEGER,
  first_line INTEGER,
  last_line INTEGER,
  PRIMARY KEY (document_id, position), FOREIGN KEY (document_id) REFERENCES documents (document_id)
);
CREATE TABLE glossary (
  document_id TEXT NOT NULL,
  position INTEGER NOT NULL,
  term TEXT NOT NULL,
  expansion TEXT NOT NULL,
  source TEXT NOT NULL,
  block INTEGER NOT NULL,
  page INTEGER,
  first_line INTEGER,
  last_line INTEGER,
  PRIMARY KEY (document_id, position), FOREIGN KEY (document_id) REFERENCES documents (document_id)
);
CREATE TABLE themes (
  document_id TEXT NOT NULL,
  fact TEXT NOT NULL,
  fact_position INTEGER NOT NULL,
  theme TEXT NOT NULL,
  axis TEXT NOT NULL,
  matched TEXT NOT NULL,
  PRIMARY KEY (document_id, fact, fact_position, theme), FOREIGN KEY (document_id) REFERENCES documents (document_id)
);
CREATE TABLE areas (
  document_id TEXT NOT NULL,
  position INTEGER NOT NULL,
  la_name TEXT NOT NULL,
  new_la_code TEXT,
  old_la_code TEXT,
  region TEXT NOT NULL,
  joint INTEGER NOT NULL,
  partnership_key TEXT,
  named_as TEXT NOT NULL,
  matched TEXT NOT NULL,
  successor_of TEXT,
  former_gss_codes TEXT NOT NULL,
  PRIMARY KEY (document_id, position), FOREIGN KEY (document_id) REFERENCES documents (document_id)
);
";
        let schema: String = TABLES.iter().map(|t| create_table(t)).collect();
        assert_eq!(schema, expected);
    }

    #[test]
    fn duplicate_document_is_an_error_not_a_second_row() {
        let dir = tempfile::tempdir().unwrap();
        let mut export = (EXPORT.create)(dir.path()).unwrap();
        let a = crate::document_id(&b"a"[..]).unwrap();
        export.add(&a, &sample(), &[]).unwrap();
        assert!(export.add(&a, &sample(), &[]).is_err());
    }
}
