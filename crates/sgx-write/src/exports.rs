//! The exports of one batch, fed one document at a time, in the order they are to appear.
//! Nothing is visible at the destinations until [`Exports::finish`].

use std::path::{Path, PathBuf};

use sgx_model::Extraction;

use crate::csv_export::CsvExport;
use crate::jsonl::{JsonlExport, JSONL_FILE};
use crate::sqlite::{SqliteExport, SQLITE_FILE};
use crate::tables::TABLES;
use crate::{atomic, DocumentId, WriteError};

/// An export a batch can write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ExportFormat {
    /// `documents.jsonl`
    Jsonl,
    /// `documents.csv`, `priorities.csv`, `actions.csv`, `governance.csv`, `glossary.csv`
    Csv,
    /// `sgx.sqlite`
    Sqlite,
}

impl ExportFormat {
    pub const ALL: [ExportFormat; 3] = [ExportFormat::Jsonl, ExportFormat::Csv, ExportFormat::Sqlite];

    /// The files this export writes in the output folder.
    pub fn files(self) -> Vec<String> {
        match self {
            ExportFormat::Jsonl => vec![JSONL_FILE.to_string()],
            ExportFormat::Csv => TABLES.iter().map(|t| format!("{}.csv", t.name)).collect(),
            ExportFormat::Sqlite => vec![SQLITE_FILE.to_string()],
        }
    }
}

pub struct Exports {
    out_dir: PathBuf,
    jsonl: Option<JsonlExport>,
    csv: Option<CsvExport>,
    sqlite: Option<SqliteExport>,
}

impl Exports {
    /// Start the chosen exports in `out_dir`, after deleting temporary files a killed run left.
    pub fn create(out_dir: &Path, formats: &[ExportFormat]) -> Result<Exports, WriteError> {
        atomic::ensure_dir(out_dir)?;
        atomic::remove_stale_temps(out_dir)?;
        let has = |f| formats.contains(&f);
        Ok(Exports {
            out_dir: out_dir.to_path_buf(),
            jsonl: has(ExportFormat::Jsonl).then(|| JsonlExport::create(out_dir)).transpose()?,
            csv: has(ExportFormat::Csv).then(|| CsvExport::create(out_dir)).transpose()?,
            sqlite: has(ExportFormat::Sqlite).then(|| SqliteExport::create(out_dir)).transpose()?,
        })
    }

    pub fn add(&mut self, id: &DocumentId, doc: &Extraction) -> Result<(), WriteError> {
        if let Some(e) = &mut self.jsonl {
            e.add(id, doc)?;
        }
        if let Some(e) = &mut self.csv {
            e.add(id, doc)?;
        }
        if let Some(e) = &mut self.sqlite {
            e.add(id, doc)?;
        }
        Ok(())
    }

    /// Complete every export and move it into place. Returns the paths written.
    pub fn finish(self) -> Result<Vec<PathBuf>, WriteError> {
        let mut written = Vec::new();
        let mut note = |f: ExportFormat| written.extend(f.files().into_iter().map(|n| self.out_dir.join(n)));
        if let Some(e) = self.jsonl {
            e.finish()?;
            note(ExportFormat::Jsonl);
        }
        if let Some(e) = self.csv {
            e.finish()?;
            note(ExportFormat::Csv);
        }
        if let Some(e) = self.sqlite {
            e.finish()?;
            note(ExportFormat::Sqlite);
        }
        Ok(written)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tables::tests::sample;

    #[test]
    fn writes_only_the_chosen_formats() {
        let dir = tempfile::tempdir().unwrap();
        let mut exports = Exports::create(dir.path(), &[ExportFormat::Csv]).unwrap();
        exports.add(&crate::document_id(&b"x"[..]).unwrap(), &sample()).unwrap();
        let written = exports.finish().unwrap();
        assert_eq!(written.len(), 5);
        assert!(written.iter().all(|p| p.exists()));
        assert!(!dir.path().join(JSONL_FILE).exists() && !dir.path().join(SQLITE_FILE).exists());
    }

    #[test]
    fn unfinished_exports_leave_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let mut exports = Exports::create(dir.path(), &ExportFormat::ALL).unwrap();
        exports.add(&crate::document_id(&b"x"[..]).unwrap(), &sample()).unwrap();
        drop(exports);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }
}
