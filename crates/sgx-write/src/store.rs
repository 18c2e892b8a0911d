//! `documents/<id>.json`: the full model of each document, as `sgx extract` prints it. The store
//! is also the batch's cache: a document whose file is here, stamped with the running sgx and
//! model versions, need not be extracted again.

use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use sgx_model::Extraction;

use crate::atomic::{self, AtomicFile};
use crate::{DocumentId, WriteError};

/// Folder of the store inside the output folder.
pub const STORE_DIR: &str = "documents";

pub struct DocumentStore {
    dir: PathBuf,
}

/// What a stored document says about how it was made, read without the whole model.
#[derive(Debug, Clone, Deserialize)]
pub struct Stamp {
    pub schema_version: String,
    pub sgx_version: String,
    pub source: StampSource,
}

#[derive(Debug, Clone, Deserialize)]
pub struct StampSource {
    pub path: String,
}

impl DocumentStore {
    /// Open (creating) the store in `out_dir`, deleting temporary files a killed run left.
    pub fn open(out_dir: &Path) -> Result<DocumentStore, WriteError> {
        let dir = out_dir.join(STORE_DIR);
        atomic::ensure_dir(&dir)?;
        atomic::remove_stale_temps(&dir)?;
        Ok(DocumentStore { dir })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn path_of(&self, id: &DocumentId) -> PathBuf {
        self.dir.join(format!("{id}.json"))
    }

    /// Write one document's model as `sgx extract` prints it ([`Extraction::to_json`]).
    pub fn write(&self, id: &DocumentId, doc: &Extraction) -> Result<(), WriteError> {
        let path = self.path_of(id);
        let mut file = AtomicFile::create(&path)?;
        file.write_all(doc.to_json().as_bytes()).map_err(WriteError::io(&path))?;
        file.commit_unsynced()
    }

    pub fn read(&self, id: &DocumentId) -> Result<Extraction, WriteError> {
        let path = self.path_of(id);
        let bytes = std::fs::read(&path).map_err(WriteError::io(&path))?;
        serde_json::from_slice(&bytes).map_err(|source| WriteError::Json { path, source })
    }

    /// The stamp of a stored document; `None` when it is absent or unreadable (then it is
    /// simply extracted again).
    pub fn stamp(&self, id: &DocumentId) -> Option<Stamp> {
        let bytes = std::fs::read(self.path_of(id)).ok()?;
        serde_json::from_slice(&bytes).ok()
    }

    /// Delete stored documents not in `keep`, so the store matches the last run's exports.
    /// Only files named like `<id>.json` are touched. Returns how many were deleted.
    pub fn retain(&self, keep: &HashSet<DocumentId>) -> Result<usize, WriteError> {
        let entries = std::fs::read_dir(&self.dir).map_err(WriteError::io(&self.dir))?;
        let mut removed = 0;
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().to_string();
            let Some(id) = name.strip_suffix(".json").and_then(DocumentId::parse) else { continue };
            if !keep.contains(&id) && entry.file_type().is_ok_and(|t| t.is_file()) {
                std::fs::remove_file(entry.path()).map_err(WriteError::io(entry.path()))?;
                removed += 1;
            }
        }
        Ok(removed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tables::tests::sample;

    #[test]
    fn write_read_stamp_retain() {
        let dir = tempfile::tempdir().unwrap();
        let store = DocumentStore::open(dir.path()).unwrap();
        let doc = sample();
        let id = crate::document_id(&b"one"[..]).unwrap();
        let other = crate::document_id(&b"two"[..]).unwrap();
        store.write(&id, &doc).unwrap();
        store.write(&other, &doc).unwrap();
        assert_eq!(store.read(&id).unwrap(), doc);
        let stamp = store.stamp(&id).unwrap();
        assert_eq!(stamp.sgx_version, doc.sgx_version);
        assert_eq!(stamp.source.path, doc.source.path);
        std::fs::write(store.dir().join("notes.json"), "{}").unwrap();
        assert_eq!(store.retain(&HashSet::from([id.clone()])).unwrap(), 1);
        assert!(store.path_of(&id).exists() && !store.path_of(&other).exists());
        assert!(store.dir().join("notes.json").exists(), "files not named like an id are not touched");
    }
}
