//! One CSV file per table (`documents.csv`, `priorities.csv`, ...): UTF-8, a header row, RFC 4180
//! quoting (fields with commas, quotes or line breaks are quoted, quotes doubled). Missing
//! values are empty fields, booleans `true` / `false`, lists joined with [`LIST_SEPARATOR`].
//!
//! Text fields that a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, a
//! tab or a carriage return) get a leading `'`, as OWASP recommends against CSV injection:
//! a plan's cell "=HYPERLINK(...)" opens as text, not as a link. Numeric columns are never
//! touched, so pandas and R still read them as numbers; JSONL and SQLite keep every value
//! as extracted.

use std::path::Path;

use sgx_model::Extraction;

use super::{Export, ExportFormat};
use crate::tables::{Cell, Table, LIST_SEPARATOR, TABLES};
use crate::{AtomicFile, DocumentId, Staged, WriteError};

pub(super) const EXPORT: ExportFormat = ExportFormat {
    name: "csv",
    files: || TABLES.iter().map(|t| file_name(t)).collect(),
    create: |out_dir| Ok(Box::new(CsvExport::create(out_dir)?)),
};

struct CsvExport {
    files: Vec<(&'static Table, csv::Writer<AtomicFile>)>,
}

impl CsvExport {
    fn create(out_dir: &Path) -> Result<CsvExport, WriteError> {
        let mut files = Vec::new();
        for table in TABLES {
            let path = out_dir.join(file_name(table));
            let mut writer = csv::WriterBuilder::new().from_writer(AtomicFile::create(&path)?);
            writer
                .write_record(table.columns.iter().map(|c| c.name))
                .map_err(|source| WriteError::Csv { path, source })?;
            files.push((table, writer));
        }
        Ok(CsvExport { files })
    }
}

impl Export for CsvExport {
    fn add(&mut self, id: &DocumentId, doc: &Extraction, _paths: &[String]) -> Result<(), WriteError> {
        for (table, writer) in &mut self.files {
            for row in (table.rows)(id, doc) {
                let fields: Vec<String> = row.iter().map(field).collect();
                writer.write_record(&fields).map_err(|source| WriteError::Csv {
                    path: writer.get_ref().dest().to_path_buf(),
                    source,
                })?;
            }
        }
        Ok(())
    }

    fn finish(self: Box<Self>) -> Result<Vec<Staged>, WriteError> {
        let mut staged = Vec::new();
        for (_, writer) in self.files {
            let file = writer.into_inner().map_err(|e| {
                let source = std::io::Error::new(e.error().kind(), e.error().to_string());
                WriteError::Io { path: e.into_inner().get_ref().dest().to_path_buf(), source }
            })?;
            staged.push(file.stage()?);
        }
        Ok(staged)
    }
}

fn file_name(table: &Table) -> String {
    format!("{}.csv", table.name)
}

fn field(cell: &Cell) -> String {
    match cell {
        Cell::Null => String::new(),
        Cell::Int(n) => n.to_string(),
        Cell::Real(x) => x.to_string(),
        Cell::Bool(b) => b.to_string(),
        Cell::Text(s) => neutralised(s),
        Cell::List(items) => neutralised(&items.join(LIST_SEPARATOR)),
    }
}

/// Characters that make a spreadsheet read a cell as a formula when they open it.
const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// `text` as a spreadsheet shows it: a leading `'` where it would start a formula.
fn neutralised(text: &str) -> String {
    if text.starts_with(FORMULA_START) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tables::tests::sample;

    #[test]
    fn writes_quoted_csv_with_headers() {
        let dir = tempfile::tempdir().unwrap();
        let mut export = (EXPORT.create)(dir.path()).unwrap();
        let id = crate::document_id(&b"x"[..]).unwrap();
        export.add(&id, &sample(), &[]).unwrap();
        for file in export.finish().unwrap() {
            file.commit().unwrap();
        }
        let docs = std::fs::read_to_string(dir.path().join("documents.csv")).unwrap();
        assert!(docs.starts_with("document_id,path,format,"));
        assert!(docs.contains("\"plans/a \"\"quoted\"\", plan.txt\""), "RFC 4180 quoting: {docs}");
        let (header, row) = first_row(&dir.path().join("actions.csv"));
        let field = |name: &str| row[header.iter().position(|h| h == name).unwrap()].to_string();
        assert_eq!(field("tasks"), "Audit cases | Train staff");
        assert_eq!(field("garbled"), "false");
        assert_eq!(field("section"), "", "a missing value is an empty field");
        assert_eq!(field("due"), "2021-06", "dates as ISO text");
        assert_eq!(field("status"), "green");
    }

    #[test]
    fn text_that_would_run_as_a_formula_is_neutralised() {
        let mut doc = sample();
        doc.source.path = "=HYPERLINK(\"http://x\",\"plan\").txt".into();
        doc.priorities[0].title = "+cmd|' /C calc'!A0".into();
        doc.actions[0].leads = vec!["@SUM(A1)".into(), "Board".into()];
        doc.actions[0].objective = Some("-2+3".into());
        doc.actions[0].progress = Some("\tTabbed".into());
        let dir = tempfile::tempdir().unwrap();
        let mut export = (EXPORT.create)(dir.path()).unwrap();
        export.add(&crate::document_id(&b"x"[..]).unwrap(), &doc, &[]).unwrap();
        for file in export.finish().unwrap() {
            file.commit().unwrap();
        }
        let row = |file: &str| {
            let mut reader = csv::Reader::from_path(dir.path().join(file)).unwrap();
            reader.records().next().unwrap().unwrap()
        };
        assert_eq!(&row("documents.csv")[1], "'=HYPERLINK(\"http://x\",\"plan\").txt");
        assert_eq!(&row("priorities.csv")[3], "'+cmd|' /C calc'!A0");
        let (header, action) = first_row(&dir.path().join("actions.csv"));
        let field = |name: &str| action[header.iter().position(|h| h == name).unwrap()].to_string();
        assert_eq!(field("objective"), "'-2+3");
        assert_eq!(field("leads"), "'@SUM(A1) | Board");
        assert_eq!(field("progress"), "'\tTabbed");
        // Numbers stay numbers: the position column is written as is.
        assert_eq!(field("position"), "1");
    }

    /// A CSV file's header and first row.
    fn first_row(path: &std::path::Path) -> (csv::StringRecord, csv::StringRecord) {
        let mut reader = csv::Reader::from_path(path).unwrap();
        let header = reader.headers().unwrap().clone();
        (header, reader.records().next().unwrap().unwrap())
    }
}
