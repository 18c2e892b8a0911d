//! One CSV file per table (`documents.csv`, `priorities.csv`, ...): UTF-8, a header row, RFC 4180
//! quoting (fields with commas, quotes or line breaks are quoted, quotes doubled). Missing
//! values are empty fields, booleans `true` / `false`, lists joined with [`LIST_SEPARATOR`].

use std::path::Path;

use sgx_model::Extraction;

use crate::tables::{Cell, Table, LIST_SEPARATOR, TABLES};
use crate::{AtomicFile, DocumentId, WriteError};

pub struct CsvExport {
    files: Vec<(&'static Table, csv::Writer<AtomicFile>)>,
}

impl CsvExport {
    pub fn create(out_dir: &Path) -> Result<CsvExport, WriteError> {
        let mut files = Vec::new();
        for table in TABLES {
            let path = out_dir.join(format!("{}.csv", table.name));
            let mut writer = csv::WriterBuilder::new().from_writer(AtomicFile::create(&path)?);
            writer
                .write_record(table.columns.iter().map(|c| c.name))
                .map_err(|source| WriteError::Csv { path, source })?;
            files.push((table, writer));
        }
        Ok(CsvExport { files })
    }

    pub fn add(&mut self, id: &DocumentId, doc: &Extraction) -> Result<(), WriteError> {
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

    pub fn finish(self) -> Result<(), WriteError> {
        for (_, writer) in self.files {
            let file = writer.into_inner().map_err(|e| {
                let source = std::io::Error::new(e.error().kind(), e.error().to_string());
                WriteError::Io { path: e.into_inner().get_ref().dest().to_path_buf(), source }
            })?;
            file.commit()?;
        }
        Ok(())
    }
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
        let mut export = CsvExport::create(dir.path()).unwrap();
        let id = crate::document_id(&b"x"[..]).unwrap();
        export.add(&id, &sample()).unwrap();
        export.finish().unwrap();
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
