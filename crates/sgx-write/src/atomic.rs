//! Atomic file writes: write a temporary file in the destination's folder (so the final rename
//! never crosses a file system), then rename it over the destination. A reader sees the old
//! file or the new one, never a part of one.
//!
//! Temporary files carry [`TEMP_PREFIX`]. One dropped without [`AtomicFile::commit`] is deleted;
//! one left by a killed process is deleted by [`remove_stale_temps`] on the next run.
//!
//! Several files that must change together are each completed first ([`AtomicFile::stage`]:
//! written and synced under their temporary names, where a full disk shows) and only then
//! renamed into place ([`Staged::commit`]), so a failure leaves every destination as it was.

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use tempfile::NamedTempFile;

use crate::WriteError;

/// Name prefix of every temporary file sgx writes.
pub const TEMP_PREFIX: &str = ".sgx-tmp-";

/// A file being written; it appears at its destination only on [`AtomicFile::commit`].
pub struct AtomicFile {
    file: BufWriter<NamedTempFile>,
    dest: PathBuf,
}

impl AtomicFile {
    pub fn create(dest: &Path) -> Result<AtomicFile, WriteError> {
        let temp = temp_in(dest)?;
        Ok(AtomicFile { file: BufWriter::with_capacity(64 * 1024, temp), dest: dest.to_path_buf() })
    }

    pub fn dest(&self) -> &Path {
        &self.dest
    }

    /// Flush, sync to disk and rename over the destination.
    pub fn commit(self) -> Result<(), WriteError> {
        self.stage()?.commit()
    }

    /// Flush and sync to disk, keeping the temporary name: the file is complete, and appears
    /// at its destination on [`Staged::commit`] (or is deleted if dropped).
    pub fn stage(self) -> Result<Staged, WriteError> {
        let dest = self.dest;
        let temp = self
            .file
            .into_inner()
            .map_err(|e| WriteError::Io { path: dest.clone(), source: e.into_error() })?;
        Staged::new(temp, dest)
    }

    /// Flush and rename without syncing to disk: safe against the process being killed (the
    /// page cache survives it), not against a power cut. For the many per-document files,
    /// where a sync each would cost more than the extraction.
    pub fn commit_unsynced(self) -> Result<(), WriteError> {
        self.finish(false)
    }

    fn finish(self, sync: bool) -> Result<(), WriteError> {
        let dest = self.dest;
        let temp = self
            .file
            .into_inner()
            .map_err(|e| WriteError::Io { path: dest.clone(), source: e.into_error() })?;
        if sync {
            temp.as_file().sync_all().map_err(WriteError::io(&dest))?;
        }
        temp.persist(&dest).map_err(|e| WriteError::Io { path: dest.clone(), source: e.error })?;
        Ok(())
    }
}

/// A complete file, synced to disk under its temporary name, waiting to be renamed over its
/// destination. Dropped without [`Staged::commit`], it is deleted.
#[derive(Debug)]
pub struct Staged {
    temp: NamedTempFile,
    dest: PathBuf,
}

impl Staged {
    /// Sync `temp` (already complete) to disk for `dest`.
    pub(crate) fn new(temp: NamedTempFile, dest: PathBuf) -> Result<Staged, WriteError> {
        temp.as_file().sync_all().map_err(WriteError::io(&dest))?;
        Ok(Staged { temp, dest })
    }

    pub fn dest(&self) -> &Path {
        &self.dest
    }

    /// Rename the file over its destination.
    pub fn commit(self) -> Result<(), WriteError> {
        let dest = self.dest;
        self.temp.persist(&dest).map_err(|e| WriteError::Io { path: dest.clone(), source: e.error })?;
        Ok(())
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.file.write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.file.flush()
    }
}

/// A temporary file beside `dest`, deleted when dropped.
pub(crate) fn temp_in(dest: &Path) -> Result<NamedTempFile, WriteError> {
    let dir = parent_dir(dest);
    let mut builder = tempfile::Builder::new();
    builder.prefix(TEMP_PREFIX);
    // Temporary files are private by default; the exports are for sharing, so they get the
    // usual mode (0666 less the umask) like any file a program creates.
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    builder.tempfile_in(dir).map_err(WriteError::io(dir))
}

/// Delete the temporary files a killed run left in `dir` (not recursive). Returns how many.
pub fn remove_stale_temps(dir: &Path) -> Result<usize, WriteError> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(0),
        Err(e) => return Err(WriteError::Io { path: dir.to_path_buf(), source: e }),
    };
    let mut removed = 0;
    for entry in entries.flatten() {
        let is_temp = entry.file_name().to_string_lossy().starts_with(TEMP_PREFIX);
        if is_temp && entry.file_type().is_ok_and(|t| t.is_file()) {
            std::fs::remove_file(entry.path()).map_err(WriteError::io(entry.path()))?;
            removed += 1;
        }
    }
    Ok(removed)
}

/// Create `dir` (and its parents) if missing.
pub fn ensure_dir(dir: &Path) -> Result<(), WriteError> {
    std::fs::create_dir_all(dir).map_err(WriteError::io(dir))
}

fn parent_dir(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn appears_only_on_commit() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("out.txt");
        std::fs::write(&dest, "old").unwrap();
        let mut f = AtomicFile::create(&dest).unwrap();
        f.write_all(b"new").unwrap();
        f.flush().unwrap();
        assert_eq!(
            std::fs::read_to_string(&dest).unwrap(),
            "old",
            "the destination is untouched until commit"
        );
        f.commit().unwrap();
        assert_eq!(std::fs::read_to_string(&dest).unwrap(), "new");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "no temporary file left");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&dest).unwrap().permissions().mode();
            assert_ne!(mode & 0o044, 0, "readable by others as the umask allows, not private: {mode:o}");
        }
    }

    #[test]
    fn staged_files_appear_on_commit_and_vanish_when_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let (kept, dropped) = (dir.path().join("kept.txt"), dir.path().join("dropped.txt"));
        std::fs::write(&kept, "old").unwrap();
        let mut a = AtomicFile::create(&kept).unwrap();
        a.write_all(b"new").unwrap();
        let a = a.stage().unwrap();
        let mut b = AtomicFile::create(&dropped).unwrap();
        b.write_all(b"new").unwrap();
        let b = b.stage().unwrap();
        assert_eq!(std::fs::read_to_string(&kept).unwrap(), "old", "staged is not yet in place");
        assert_eq!(a.dest(), kept);
        a.commit().unwrap();
        drop(b);
        assert_eq!(std::fs::read_to_string(&kept).unwrap(), "new");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "the dropped one left nothing");
    }

    #[test]
    fn dropped_without_commit_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("out.txt");
        let mut f = AtomicFile::create(&dest).unwrap();
        f.write_all(b"half").unwrap();
        drop(f);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[test]
    fn stale_temps_are_removed_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(format!("{TEMP_PREFIX}abc")), "partial").unwrap();
        std::fs::write(dir.path().join("keep.json"), "{}").unwrap();
        assert_eq!(remove_stale_temps(dir.path()).unwrap(), 1);
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names, vec![std::ffi::OsString::from("keep.json")]);
    }
}
