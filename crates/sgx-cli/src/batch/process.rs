//! One input through the batch: its stable id from its content, then its model, taken from the
//! store when it is unchanged since the last run, else extracted (by a worker process, see
//! `pool`, which writes it into the store folder) and moved into place. The batch never holds
//! a model's text; see `sgx_write::DocumentStore`.

use std::path::Path;

use sgx_write::{DocumentId, DocumentStore, Stamp};

use super::inputs::Input;
use super::pool::WorkerPool;
use super::protocol::{Failed, Request, Stage};
use super::worker::{self, Written};

/// How a batch gets models: from worker processes, or in this process (`--in-process`, for
/// debugging: no time or memory limit).
pub enum Extractor {
    Workers(WorkerPool),
    InProcess,
    /// In the unit tests: a worker's answer, already written.
    #[cfg(test)]
    Answered(Written),
}

impl Extractor {
    pub fn extract(&self, request: &Request) -> Result<Written, Failed> {
        match self {
            Extractor::Workers(pool) => pool.extract(request),
            Extractor::InProcess => worker::in_process(request),
            #[cfg(test)]
            Extractor::Answered(written) => Ok(written.clone()),
        }
    }
}

/// How a document got its model.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Done {
    Extracted,
    /// Same content and sgx version as a stored model, which was kept.
    Unchanged,
}

/// The id of an input's content; a file that cannot be opened fails here, at stage `input`.
pub fn identify(input: &Input) -> Result<DocumentId, Failed> {
    if let Some(problem) = &input.problem {
        return Err(Failed::new(Stage::Input, problem.clone()));
    }
    let cannot_read = |e: std::io::Error| {
        Failed::new(Stage::Input, format!("cannot read: {}", sgx_pipeline::io_reason(&e)))
    };
    let meta = std::fs::metadata(&input.path).map_err(cannot_read)?;
    if meta.is_dir() {
        return Err(Failed::new(Stage::Input, "cannot read: is a directory"));
    }
    // Opening a pipe would block until something writes to it; devices never end.
    if !meta.is_file() {
        return Err(Failed::new(Stage::Input, "cannot read: not a regular file (a pipe, socket or device)"));
    }
    let file = std::fs::File::open(&input.path).map_err(cannot_read)?;
    sgx_write::document_id(file).map_err(cannot_read)
}

/// Make sure the store holds the model of the document at `path`, whose content had id `id`
/// when it was listed and was found at `paths` (`path` first). Returns the id it is stored
/// under: `id`, or, if the file changed since it was listed, the id of the content that was
/// read, which is what the model was made from.
pub fn process(
    path: &Path,
    id: &DocumentId,
    paths: &[String],
    store: &DocumentStore,
    extractor: &Extractor,
    force: bool,
) -> Result<(DocumentId, Done), Failed> {
    let store_failed = |e: sgx_write::WriteError| Failed::new(Stage::Store, e.to_string());
    let here = path.display().to_string();
    if !force {
        if let Some(stamp) = store.stamp(id).filter(is_current) {
            if stamp.source.path != here || stamp.paths != paths {
                // A renamed, moved or copied file keeps its id; record where it is now.
                let mut doc = store.read(id).map_err(store_failed)?;
                doc.source.path = here;
                store.write(id, &doc, paths).map_err(store_failed)?;
            }
            return Ok((id.clone(), Done::Unchanged));
        }
    }
    let request = Request {
        path: path.to_path_buf(),
        id: id.to_string(),
        paths: paths.to_vec(),
        store: store.dir().to_path_buf(),
    };
    let written = extractor.extract(&request)?;
    let read = DocumentId::parse(&written.id).ok_or_else(|| {
        Failed::new(Stage::Output, format!("the worker's answer is not a document id: {:?}", written.id))
    })?;
    store.adopt(&written.file, &read).map_err(store_failed)?;
    Ok((read, Done::Extracted))
}

/// Whether a stored model was made by this sgx (same version, same model version).
fn is_current(stamp: &Stamp) -> bool {
    stamp.sgx_version == env!("CARGO_PKG_VERSION") && stamp.schema_version == sgx_model::SCHEMA_VERSION
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unreadable_inputs_fail_at_the_input_stage() {
        let dir = tempfile::tempdir().unwrap();
        let missing = Input { path: dir.path().join("gone.txt"), problem: None };
        let err = identify(&missing).unwrap_err();
        assert_eq!(err, Failed::new(Stage::Input, "cannot read: no such file"));
        let folder = Input { path: dir.path().to_path_buf(), problem: None };
        assert!(identify(&folder).unwrap_err().reason.contains("directory"));
        let ok = dir.path().join("a.txt");
        std::fs::write(&ok, "A plan.").unwrap();
        assert_eq!(
            identify(&Input { path: ok, problem: None }).unwrap(),
            sgx_write::document_id(&b"A plan."[..]).unwrap()
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_pipe_is_refused_without_blocking() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("plan.pdf");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if !made.is_ok_and(|s| s.success()) {
            return; // no mkfifo on this system: nothing to test
        }
        let err = identify(&Input { path: fifo, problem: None }).unwrap_err();
        assert!(err.reason.contains("not a regular file"), "{}", err.reason);
    }
}
