//! One CSV file per table (`documents.csv`, `priorities.csv`, ...): UTF-8, a header row, RFC 4180
//! quoting (fields with commas, quotes or line breaks are quoted, quotes doubled). Missing
//! values are empty fields, booleans `true` / `false`, lists joined with [`LIST_SEPARATOR`].

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
        Cell::Bool(b) => b.to_string(),
        Cell::Text(s) => s.to_string(),
        Cell::List(items) => items.join(LIST_SEPARATOR),
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
        let mut reader = csv::Reader::from_path(dir.path().join("actions.csv")).unwrap();
        let row = reader.records().next().unwrap().unwrap();
        assert_eq!(&row[5], "Audit cases | Train staff");
        assert_eq!(&row[12], "false");
        assert_eq!(&row[4], "", "a missing value is an empty field");
    }
}
