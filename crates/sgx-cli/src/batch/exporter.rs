//! The single writer of a batch: it takes each input's outcome as it arrives (from any job, in
//! any order) and writes the exports in input order, so the output is the same whatever
//! `--jobs` is. Only outcomes (ids and reasons) wait here for their turn; each document's model
//! is read back from the store when it is written, so memory stays flat.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::Path;

use sgx_write::{AtomicFile, DocumentId, DocumentStore, ExportFormat, Exports, Staged, WriteError};

use super::process::Done;
use super::protocol::{Failed, Stage};
use super::summary::Summary;

/// One line per failed input: `{"path", "stage", "reason", "document_id"}`.
pub const ERRORS_FILE: &str = "errors.jsonl";

/// A line of errors.jsonl.
#[derive(serde::Serialize)]
struct ErrorLine<'a> {
    path: &'a str,
    stage: &'a str,
    reason: &'a str,
    /// The content's id, when the file could be read at all.
    document_id: Option<&'a str>,
}

/// What became of one input.
#[derive(Debug)]
pub enum Outcome {
    Done {
        id: DocumentId,
        done: Done,
        /// Every path of the document, in input order.
        paths: Vec<String>,
    },
    /// The same content as an earlier input: one document, exported once.
    Duplicate,
    Failed {
        id: Option<DocumentId>,
        failed: Failed,
    },
}

/// The outcome of the input at `index` (its place in the input order).
#[derive(Debug)]
pub struct Finished<'p> {
    pub index: usize,
    pub path: &'p Path,
    pub outcome: Outcome,
}

pub struct Exporter<'a> {
    store: &'a DocumentStore,
    exports: Exports,
    errors: AtomicFile,
    summary: Summary,
    exported: BTreeSet<DocumentId>,
    next: usize,
    waiting: BTreeMap<usize, Finished<'a>>,
}

/// What a finished batch wrote: the exports and errors.jsonl complete on disk, not yet in place.
pub struct Written {
    pub summary: Summary,
    pub exported: BTreeSet<DocumentId>,
    pub staged: Vec<Staged>,
}

impl<'a> Exporter<'a> {
    pub fn new(
        out_dir: &Path,
        store: &'a DocumentStore,
        formats: &[&ExportFormat],
        summary: Summary,
    ) -> Result<Exporter<'a>, WriteError> {
        let exports = Exports::create(out_dir, formats)?;
        let errors = AtomicFile::create(&out_dir.join(ERRORS_FILE))?;
        Ok(Exporter {
            store,
            exports,
            errors,
            summary,
            exported: BTreeSet::new(),
            next: 0,
            waiting: BTreeMap::new(),
        })
    }

    pub fn accept(&mut self, finished: Finished<'a>) -> Result<(), WriteError> {
        self.waiting.insert(finished.index, finished);
        while let Some(f) = self.waiting.remove(&self.next) {
            self.write(f)?;
            self.next += 1;
        }
        Ok(())
    }

    fn write(&mut self, f: Finished<'a>) -> Result<(), WriteError> {
        match f.outcome {
            Outcome::Done { id, .. } if self.exported.contains(&id) => self.summary.duplicates += 1,
            Outcome::Done { id, done, paths } => match self.store.read(&id) {
                Ok(doc) => {
                    self.exports.add(&id, &doc, &paths)?;
                    self.summary.add_document(&doc, done == Done::Extracted);
                    self.exported.insert(id);
                }
                Err(e) => self.fail(f.path, Some(&id), Failed::new(Stage::Export, e.to_string()))?,
            },
            Outcome::Duplicate => self.summary.duplicates += 1,
            Outcome::Failed { id, failed } => self.fail(f.path, id.as_ref(), failed)?,
        }
        Ok(())
    }

    fn fail(&mut self, path: &Path, id: Option<&DocumentId>, failed: Failed) -> Result<(), WriteError> {
        let line = ErrorLine {
            path: &path.display().to_string(),
            stage: failed.stage.as_str(),
            reason: &failed.reason,
            document_id: id.map(DocumentId::as_str),
        };
        let line = serde_json::to_string(&line)
            .map_err(|source| WriteError::Json { path: self.errors.dest().to_path_buf(), source })?;
        writeln!(self.errors, "{line}")
            .map_err(|source| WriteError::Io { path: self.errors.dest().to_path_buf(), source })?;
        self.summary.add_failure(&failed);
        Ok(())
    }

    /// Complete every export and errors.jsonl on disk, to be moved into place together. Fails if
    /// an outcome never arrived (a job was lost), or a file cannot be completed (a full disk):
    /// then none is.
    pub fn finish(self) -> Result<Written, WriteError> {
        if self.next != self.summary.inputs {
            let detail =
                format!("the outcome of input {} of {} never arrived", self.next + 1, self.summary.inputs);
            return Err(WriteError::Io {
                path: self.errors.dest().to_path_buf(),
                source: std::io::Error::other(detail),
            });
        }
        let mut staged = self.exports.complete()?;
        staged.push(self.errors.stage()?);
        Ok(Written { summary: self.summary, exported: self.exported, staged })
    }
}
