//! The exports of one batch, fed one document at a time, in the order they are to appear.
//! Nothing is visible at the destinations until [`Exports::finish`], or, when other files must
//! change with them, until the files [`Exports::complete`] returns are committed.
//!
//! Each export is a file in `exports/` that implements [`Export`] and is registered by one line
//! in [`EXPORTS`]; the command line's `--format` values and its list of files come from there.

mod csv;
mod jsonl;
mod parquet;
mod sqlite;

use std::fmt;
use std::path::{Path, PathBuf};

use sgx_model::Extraction;

use crate::{atomic, DocumentId, Staged, WriteError};

/// Every export a batch can write, in the order they are written.
pub static EXPORTS: &[ExportFormat] = &[jsonl::EXPORT, csv::EXPORT, sqlite::EXPORT, parquet::EXPORT];

/// An export being written: it takes documents one at a time and its files are completed, under
/// temporary names, by [`Export::finish`]; they appear when those are committed. Dropped
/// unfinished, it leaves nothing behind. `Send` because a batch writes its exports on a thread
/// of their own.
pub trait Export: Send {
    /// Add a document: its id, its model and every path it was found at, in input order.
    fn add(&mut self, id: &DocumentId, doc: &Extraction, paths: &[String]) -> Result<(), WriteError>;

    /// Complete the files on disk (where a full disk shows), not yet in place.
    fn finish(self: Box<Self>) -> Result<Vec<Staged>, WriteError>;
}

/// One entry of [`EXPORTS`]: an export a batch can be asked for.
pub struct ExportFormat {
    name: &'static str,
    files: fn() -> Vec<String>,
    create: fn(&Path) -> Result<Box<dyn Export>, WriteError>,
}

impl ExportFormat {
    /// The registered export called `name`.
    pub fn named(name: &str) -> Option<&'static ExportFormat> {
        EXPORTS.iter().find(|f| f.name == name)
    }

    /// Its value of `sgx batch --format`.
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// The files it writes in the output folder.
    pub fn files(&self) -> Vec<String> {
        (self.files)()
    }
}

// Names are unique in the registry (a test checks), so they identify an export.
impl PartialEq for ExportFormat {
    fn eq(&self, other: &ExportFormat) -> bool {
        self.name == other.name
    }
}

impl Eq for ExportFormat {}

impl fmt::Debug for ExportFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name)
    }
}

pub struct Exports {
    out_dir: PathBuf,
    running: Vec<(&'static ExportFormat, Box<dyn Export>)>,
}

impl Exports {
    /// Start the chosen exports in `out_dir`, after deleting temporary files a killed run left.
    /// Each runs once, in the order of [`EXPORTS`], however often and in whatever order it is
    /// chosen.
    pub fn create(out_dir: &Path, formats: &[&ExportFormat]) -> Result<Exports, WriteError> {
        atomic::ensure_dir(out_dir)?;
        atomic::remove_stale_temps(out_dir)?;
        let mut running = Vec::new();
        for format in EXPORTS.iter().filter(|f| formats.contains(f)) {
            running.push((format, (format.create)(out_dir)?));
        }
        Ok(Exports { out_dir: out_dir.to_path_buf(), running })
    }

    pub fn add(&mut self, id: &DocumentId, doc: &Extraction, paths: &[String]) -> Result<(), WriteError> {
        for (_, export) in &mut self.running {
            export.add(id, doc, paths)?;
        }
        Ok(())
    }

    /// Complete every export and move it into place. Returns the paths written.
    pub fn finish(self) -> Result<Vec<PathBuf>, WriteError> {
        let staged = self.complete()?;
        let written = staged.iter().map(|s| s.dest().to_path_buf()).collect();
        for file in staged {
            file.commit()?;
        }
        Ok(written)
    }

    /// Complete every export on disk under temporary names, the files of the exports in
    /// registry order, none in place yet: if one fails (a full disk), the rest are deleted and
    /// every destination is as it was.
    pub fn complete(self) -> Result<Vec<Staged>, WriteError> {
        let mut staged = Vec::new();
        for (format, export) in self.running {
            let files = export.finish()?;
            debug_assert_eq!(
                files.iter().map(|f| f.dest().to_path_buf()).collect::<Vec<_>>(),
                format.files().iter().map(|name| self.out_dir.join(name)).collect::<Vec<_>>()
            );
            staged.extend(files);
        }
        Ok(staged)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;
    use crate::tables::tests::sample;

    fn id() -> DocumentId {
        crate::document_id(&b"x"[..]).unwrap()
    }

    fn listing(dir: &Path) -> BTreeSet<String> {
        std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
            .collect()
    }

    #[test]
    fn every_export_writes_exactly_its_files() {
        for format in EXPORTS {
            let dir = tempfile::tempdir().unwrap();
            let mut exports = Exports::create(dir.path(), &[format]).unwrap();
            exports.add(&id(), &sample(), &[]).unwrap();
            let written = exports.finish().unwrap();
            let files: BTreeSet<String> = format.files().into_iter().collect();
            assert!(!files.is_empty(), "{format:?} writes something");
            assert_eq!(listing(dir.path()), files, "{format:?}: its files and nothing else");
            let expected: Vec<PathBuf> = format.files().iter().map(|f| dir.path().join(f)).collect();
            assert_eq!(written, expected, "{format:?} reports what it wrote");
            for path in &written {
                assert!(std::fs::metadata(path).unwrap().len() > 0, "{} is empty", path.display());
            }
        }
    }

    #[test]
    fn names_and_files_are_unique() {
        let names: BTreeSet<&str> = EXPORTS.iter().map(ExportFormat::name).collect();
        assert_eq!(names.len(), EXPORTS.len(), "two exports share a --format name");
        let files: Vec<String> = EXPORTS.iter().flat_map(ExportFormat::files).collect();
        assert_eq!(files.iter().collect::<BTreeSet<_>>().len(), files.len(), "two exports write one file");
        for format in EXPORTS {
            assert_eq!(ExportFormat::named(format.name()), Some(format));
        }
        assert_eq!(ExportFormat::named("xlsx"), None);
    }

    #[test]
    fn writes_only_the_chosen_formats() {
        let dir = tempfile::tempdir().unwrap();
        let csv = ExportFormat::named("csv").unwrap();
        let mut exports = Exports::create(dir.path(), &[csv, csv]).unwrap();
        exports.add(&id(), &sample(), &[]).unwrap();
        let written = exports.finish().unwrap();
        assert_eq!(written.len(), crate::tables::TABLES.len(), "one file per table, each once: {written:?}");
        assert_eq!(listing(dir.path()), csv.files().into_iter().collect());
    }

    #[test]
    fn exports_run_in_registry_order_whatever_the_choice_order() {
        let dir = tempfile::tempdir().unwrap();
        let chosen: Vec<&ExportFormat> = EXPORTS.iter().rev().collect();
        let exports = Exports::create(dir.path(), &chosen).unwrap();
        let order: Vec<&str> = exports.running.iter().map(|(f, _)| f.name()).collect();
        assert_eq!(order, EXPORTS.iter().map(ExportFormat::name).collect::<Vec<_>>());
    }

    #[test]
    fn unfinished_exports_leave_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let all: Vec<&ExportFormat> = EXPORTS.iter().collect();
        let mut exports = Exports::create(dir.path(), &all).unwrap();
        exports.add(&id(), &sample(), &[]).unwrap();
        drop(exports);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }
}
