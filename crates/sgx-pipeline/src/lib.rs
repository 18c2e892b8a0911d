//! sgx on one document: read the file, detect its format, parse it into the intermediate
//! representation, recognise the facts and build the model. This is the one place the stages
//! are joined; the CLI, the batch worker, the tests and the benchmarks all call it, so a new
//! stage (or a new order of recognisers) is wired once.
//!
//! Each function reports the stage it enters through `on_stage`, so that a caller that must
//! place a hang or a crash (the batch worker) knows where the document was, and a failure
//! carries the stage it happened in.

use std::path::Path;

use sgx_ir::Document;
use sgx_model::Extraction;
pub use sgx_read::ReadError;

/// The stages of one document, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Reading the file's bytes.
    Read,
    /// Detecting the format from the content.
    Detect,
    /// Parsing the bytes into the intermediate representation.
    Parse,
    /// Recognising the facts and building the model.
    Recognise,
}

impl Stage {
    /// Every stage, in order.
    pub const ALL: [Stage; 4] = [Stage::Read, Stage::Detect, Stage::Parse, Stage::Recognise];

    /// The stage's name as batch errors print it.
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Read => "read",
            Stage::Detect => "detect",
            Stage::Parse => "parse",
            Stage::Recognise => "recognise",
        }
    }
}

/// Why a document produced no result, and the stage it failed in.
#[derive(Debug, thiserror::Error)]
#[error("{error}")]
pub struct Failure {
    pub stage: Stage,
    pub error: Error,
}

/// The reasons a document fails, in words a user can act on.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("cannot read: {0}")]
    Io(String),
    #[error(transparent)]
    Read(#[from] ReadError),
}

/// The model of the file at `path`.
pub fn extract_file(path: &Path, on_stage: &mut dyn FnMut(Stage)) -> Result<Extraction, Failure> {
    extract_file_with(path, on_stage, &mut |_| {})
}

/// The model of the file at `path`; `on_read` sees the very bytes the model is made from, once
/// they are read (the batch worker takes the document's id from them: a file can change
/// between two reads of it).
pub fn extract_file_with(
    path: &Path,
    on_stage: &mut dyn FnMut(Stage),
    on_read: &mut dyn FnMut(&[u8]),
) -> Result<Extraction, Failure> {
    // The bytes are freed before the facts are recognised: one document's peak is its IR and
    // model, not its file as well.
    let doc = {
        let bytes = read_bytes(path, on_stage)?;
        on_read(&bytes);
        parse(&bytes, &path.display().to_string(), on_stage)?
    };
    Ok(recognise(&doc, on_stage))
}

/// The model of a document whose bytes are `bytes`; `path` is recorded as its source.
pub fn extract(bytes: &[u8], path: &str, on_stage: &mut dyn FnMut(Stage)) -> Result<Extraction, Failure> {
    let doc = parse(bytes, path, on_stage)?;
    Ok(recognise(&doc, on_stage))
}

fn recognise(doc: &Document, on_stage: &mut dyn FnMut(Stage)) -> Extraction {
    on_stage(Stage::Recognise);
    let mut x = sgx_recognise::recognise(doc);
    sgx_normalise::normalise(&mut x);
    x
}

/// The intermediate representation of the file at `path` (for `sgx ir` and `sgx tables`).
pub fn read_file(path: &Path, on_stage: &mut dyn FnMut(Stage)) -> Result<Document, Failure> {
    let bytes = read_bytes(path, on_stage)?;
    parse(&bytes, &path.display().to_string(), on_stage)
}

fn read_bytes(path: &Path, on_stage: &mut dyn FnMut(Stage)) -> Result<Vec<u8>, Failure> {
    on_stage(Stage::Read);
    std::fs::read(path).map_err(|e| Failure { stage: Stage::Read, error: Error::Io(io_reason(&e)) })
}

fn parse(bytes: &[u8], path: &str, on_stage: &mut dyn FnMut(Stage)) -> Result<Document, Failure> {
    on_stage(Stage::Detect);
    let failed = |stage| move |e: ReadError| Failure { stage, error: Error::Read(e) };
    let format = sgx_read::detect(bytes, path).map_err(failed(Stage::Detect))?;
    on_stage(Stage::Parse);
    sgx_read::read_as(bytes, path, format).map_err(failed(Stage::Parse))
}

/// An I/O error in the words of a file manager rather than of the OS.
pub fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        std::io::ErrorKind::IsADirectory => "is a directory".into(),
        _ => e.to_string(),
    }
}

/// The one-line reason for a caught panic.
pub fn panic_reason(panic: &(dyn std::any::Any + Send)) -> String {
    let msg = panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown".into());
    format!("internal error (please report): {}", msg.replace(['\n', '\r'], " "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_each_stage_in_order() {
        let mut seen = Vec::new();
        let model = extract(b"# Greyford Safeguarding Partnership\n\nSome words.\n", "plan.md", &mut |s| {
            seen.push(s)
        })
        .unwrap();
        assert_eq!(seen, [Stage::Detect, Stage::Parse, Stage::Recognise]);
        assert_eq!(model.source.path, "plan.md");
    }

    #[test]
    fn every_stage_is_listed_once_in_order() {
        let mut seen = Vec::new();
        extract(b"# Greyford Safeguarding Partnership\n", "plan.md", &mut |s| seen.push(s)).unwrap();
        assert_eq!(Stage::ALL[1..], seen[..], "all but Read, which extract (from bytes) skips");
        assert_eq!(Stage::ALL[0], Stage::Read);
        let names: std::collections::BTreeSet<&str> = Stage::ALL.iter().map(|s| s.as_str()).collect();
        assert_eq!(names.len(), Stage::ALL.len());
    }

    #[test]
    fn on_read_sees_the_bytes_the_model_is_made_from() {
        let dir = std::env::temp_dir().join(format!("sgx-pipeline-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("plan.md");
        std::fs::write(&file, "# Greyford Safeguarding Partnership\n").unwrap();
        let mut seen = Vec::new();
        let model = extract_file_with(&file, &mut |_| {}, &mut |bytes| seen = bytes.to_vec()).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        assert_eq!(seen, b"# Greyford Safeguarding Partnership\n");
        assert_eq!(model.source.path, file.display().to_string());
    }

    #[test]
    fn a_failure_names_its_stage() {
        let err = extract(b"  \n", "empty.txt", &mut |_| {}).unwrap_err();
        assert_eq!(err.stage, Stage::Detect);
        assert_eq!(err.to_string(), "empty file");
        let err = extract_file(Path::new("/nonexistent/plan.pdf"), &mut |_| {}).unwrap_err();
        assert_eq!((err.stage, err.to_string().as_str()), (Stage::Read, "cannot read: no such file"));
    }
}
