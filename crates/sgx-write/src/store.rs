//! `documents/<id>.json`: the full model of each document, as `sgx extract` prints it, with
//! `paths`, every path the batch found the document at. The store is also the batch's cache: a
//! document whose file is here, stamped with the running sgx and model versions, need not be
//! extracted again.
//!
//! A model is never held here as text: it is written straight into its file and read straight
//! out of it, so a batch holds at most one copy of a document at a time, as the model. A
//! batch's worker processes write models into the store folder themselves
//! ([`DocumentStore::write_new`]) and the batch moves them into place ([`DocumentStore::adopt`]).

use std::collections::BTreeSet;
use std::io::{BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sgx_model::Extraction;

use crate::atomic::{self, AtomicFile, TEMP_PREFIX};
use crate::{DocumentId, WriteError};

/// Folder of the store inside the output folder.
pub const STORE_DIR: &str = "documents";

pub struct DocumentStore {
    dir: PathBuf,
}

/// What a stored document says about how it was made and where it was found, read without
/// keeping the model.
#[derive(Debug, Clone, Deserialize)]
pub struct Stamp {
    pub schema_version: String,
    pub sgx_version: String,
    pub source: StampSource,
    #[serde(default)]
    pub paths: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct StampSource {
    pub path: String,
}

/// A model as the store holds it: [`Extraction::to_json`] with `paths` after its last field.
#[derive(Serialize)]
pub struct Stored<'a> {
    #[serde(flatten)]
    pub model: &'a Extraction,
    /// Every path the document was found at, in input order (none outside a batch).
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    pub paths: &'a [String],
}

impl Stored<'_> {
    /// Write the model as the store holds it, streamed: pretty JSON ending with a line break.
    pub fn write_to(&self, out: impl Write) -> std::io::Result<()> {
        let mut out = BufWriter::with_capacity(64 * 1024, out);
        serde_json::to_writer_pretty(&mut out, self)?;
        out.write_all(b"\n")?;
        out.flush()
    }
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

    /// Write one document's model as `sgx extract` prints it ([`Extraction::to_json`]), with
    /// the paths it was found at.
    pub fn write(&self, id: &DocumentId, doc: &Extraction, paths: &[String]) -> Result<(), WriteError> {
        let path = self.path_of(id);
        let mut file = AtomicFile::create(&path)?;
        Stored { model: doc, paths }.write_to(&mut file).map_err(WriteError::io(&path))?;
        file.commit_unsynced()
    }

    /// Write a model into a new file in the store folder `dir`, not yet any document's: from
    /// any process (a batch's worker), before the batch knows the document's id. Returns the
    /// file's name, for [`DocumentStore::adopt`]; one never adopted is deleted with the other
    /// temporary files.
    pub fn write_new(dir: &Path, doc: &Extraction, paths: &[String]) -> Result<String, WriteError> {
        let temp = atomic::temp_in(&dir.join("new.json"))?;
        Stored { model: doc, paths }.write_to(temp.as_file()).map_err(WriteError::io(temp.path()))?;
        let path =
            temp.into_temp_path().keep().map_err(|e| WriteError::Io { path: dir.into(), source: e.error })?;
        Ok(path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default())
    }

    /// Make the file [`DocumentStore::write_new`] wrote, called `name`, the model of `id`.
    pub fn adopt(&self, name: &str, id: &DocumentId) -> Result<(), WriteError> {
        let plain = name.starts_with(TEMP_PREFIX) && !name.contains(['/', '\\']) && !name.contains("..");
        if !plain {
            let source = std::io::Error::other(format!("not a file sgx writes in the store: {name:?}"));
            return Err(WriteError::Io { path: self.dir.join(name), source });
        }
        let dest = self.path_of(id);
        std::fs::rename(self.dir.join(name), &dest).map_err(WriteError::io(dest))
    }

    /// The model of `id`, read straight from its file (its `paths` are the stamp's).
    pub fn read(&self, id: &DocumentId) -> Result<Extraction, WriteError> {
        let path = self.path_of(id);
        let file = std::fs::File::open(&path).map_err(WriteError::io(&path))?;
        serde_json::from_reader(BufReader::with_capacity(64 * 1024, file))
            .map_err(|source| WriteError::Json { path, source })
    }

    /// The stamp of a stored document; `None` when it is absent or unreadable (then it is
    /// simply extracted again).
    pub fn stamp(&self, id: &DocumentId) -> Option<Stamp> {
        let file = std::fs::File::open(self.path_of(id)).ok()?;
        serde_json::from_reader(BufReader::with_capacity(64 * 1024, file)).ok()
    }

    /// Delete stored documents not in `keep`, so the store matches the last run's exports.
    /// Only files named like `<id>.json` are touched. Returns how many were deleted.
    pub fn retain(&self, keep: &BTreeSet<DocumentId>) -> Result<usize, WriteError> {
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

    /// Delete the files workers wrote that were never adopted (a worker ended half-way).
    /// Call when no worker is writing.
    pub fn remove_unadopted(&self) -> Result<usize, WriteError> {
        atomic::remove_stale_temps(&self.dir)
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
        let paths = ["a.txt".to_string(), "copy of a.txt".to_string()];
        store.write(&id, &doc, &paths).unwrap();
        store.write(&other, &doc, &[]).unwrap();
        assert_eq!(store.read(&id).unwrap(), doc);
        let stamp = store.stamp(&id).unwrap();
        assert_eq!(stamp.sgx_version, doc.sgx_version);
        assert_eq!(stamp.source.path, doc.source.path);
        assert_eq!(stamp.paths, paths);
        assert!(store.stamp(&other).unwrap().paths.is_empty());
        std::fs::write(store.dir().join("notes.json"), "{}").unwrap();
        assert_eq!(store.retain(&BTreeSet::from([id.clone()])).unwrap(), 1);
        assert!(store.path_of(&id).exists() && !store.path_of(&other).exists());
        assert!(store.dir().join("notes.json").exists(), "files not named like an id are not touched");
    }

    #[test]
    fn stored_is_the_model_as_extract_prints_it_then_its_paths() {
        let doc = sample();
        let mut plain = Vec::new();
        Stored { model: &doc, paths: &[] }.write_to(&mut plain).unwrap();
        assert_eq!(String::from_utf8(plain).unwrap(), doc.to_json(), "without paths: sgx extract's text");
        let mut with = Vec::new();
        Stored { model: &doc, paths: &["a.txt".into(), "b.txt".into()] }.write_to(&mut with).unwrap();
        let with = String::from_utf8(with).unwrap();
        let head = doc.to_json();
        let head = head.trim_end().strip_suffix('}').unwrap().trim_end();
        assert_eq!(with, format!("{head},\n  \"paths\": [\n    \"a.txt\",\n    \"b.txt\"\n  ]\n}}\n"));
    }

    #[test]
    fn a_model_written_elsewhere_is_adopted_by_name_only() {
        let dir = tempfile::tempdir().unwrap();
        let store = DocumentStore::open(dir.path()).unwrap();
        let id = crate::document_id(&b"one"[..]).unwrap();
        let name = DocumentStore::write_new(store.dir(), &sample(), &["a.txt".into()]).unwrap();
        assert!(name.starts_with(TEMP_PREFIX), "{name}");
        store.adopt(&name, &id).unwrap();
        assert_eq!(store.read(&id).unwrap(), sample());
        assert_eq!(store.stamp(&id).unwrap().paths, ["a.txt"]);
        for bad in ["../outside.json", "notes.json", ".sgx-tmp-x/../../y"] {
            assert!(store.adopt(bad, &id).is_err(), "{bad}");
        }
        let orphan = DocumentStore::write_new(store.dir(), &sample(), &[]).unwrap();
        assert_eq!(store.remove_unadopted().unwrap(), 1);
        assert!(!store.dir().join(orphan).exists());
        assert!(store.path_of(&id).exists());
    }
}
