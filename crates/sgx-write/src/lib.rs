//! Writers of the batch exports. They read only the model ([`sgx_model::Extraction`]) and the
//! document's stable id, and every file they produce is written atomically: into a temporary
//! file in the same folder, renamed over the destination only when complete, so an interrupted
//! run never leaves a half-written file (see [`atomic`]).
//!
//! - [`DocumentStore`]: `documents/<id>.json`, the full model per document; also the cache that
//!   makes re-runs incremental.
//! - [`Exports`]: `documents.jsonl`, one CSV and one Parquet file per entity and `sgx.sqlite`, fed one document at a
//!   time so that memory stays flat however many documents a batch has. Each is an [`Export`],
//!   listed once in [`EXPORTS`].
//!
//! The tables of the CSV, SQLite and Parquet exports are defined once, in [`tables`].

pub mod atomic;
mod exports;
mod id;
mod store;
pub mod tables;

pub use atomic::{AtomicFile, Staged};
pub use exports::{Export, ExportFormat, Exports, EXPORTS};
pub use id::{document_id, DocumentId};
pub use store::{DocumentStore, Stamp, Stored, STORE_DIR};
pub use tables::LIST_SEPARATOR;

use std::path::PathBuf;

/// Why an export could not be written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("{path}: not a valid sgx model: {source}")]
    Json { path: PathBuf, source: serde_json::Error },
    #[error("{path}: {source}")]
    Csv { path: PathBuf, source: csv::Error },
    #[error("{path}: {source}")]
    Sqlite { path: PathBuf, source: rusqlite::Error },
    #[error("{path}: {source}")]
    Parquet { path: PathBuf, source: parquet::errors::ParquetError },
    #[error("{path}: failed its integrity check: {detail}")]
    Integrity { path: PathBuf, detail: String },
}

impl WriteError {
    fn io(path: impl Into<PathBuf>) -> impl FnOnce(std::io::Error) -> WriteError {
        let path = path.into();
        move |source| WriteError::Io { path, source }
    }
}
