//! Whose folder `--out` is. A batch removes and replaces files in its output folder (models of
//! documents no longer among the inputs, exports of formats not asked for), so it writes only
//! to a folder it owns: a new or empty one, which it marks with [`MARKER`], or one that has the
//! marker. An output folder written before the marker existed (sgx's layout and its
//! `summary.json`) is adopted; any other folder is refused before anything in it is touched.

use std::path::Path;

use anyhow::Context;
use sgx_write::{AtomicFile, STORE_DIR};

/// The file that marks a folder as an sgx output folder.
pub const MARKER: &str = ".sgx-output";

/// The layout of the output folder this sgx writes; a marker with a later one is refused (a
/// newer sgx may keep files there this one would remove).
const LAYOUT: u64 = 1;

/// Make sure `out` is an sgx output folder (creating and marking a new one, marking an empty
/// one or an unmarked one sgx wrote), or say why it cannot be one.
pub fn claim(out: &Path, summary_file: &str) -> anyhow::Result<()> {
    let refuse = |why: &str| {
        anyhow::anyhow!(
            "--out {}: not an sgx output folder: {why}; choose a new or empty folder, or one an \
             earlier sgx batch wrote",
            out.display()
        )
    };
    let marker = out.join(MARKER);
    match std::fs::read_to_string(&marker) {
        Ok(text) => {
            let layout = serde_json::from_str::<serde_json::Value>(&text)
                .ok()
                .and_then(|v| v.get("layout").and_then(serde_json::Value::as_u64));
            return match layout {
                Some(n) if n <= LAYOUT => Ok(()),
                Some(n) => Err(refuse(&format!("its {MARKER} says layout {n}, written by a newer sgx"))),
                None => Err(refuse(&format!("its {MARKER} is not one sgx wrote"))),
            };
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", marker.display())),
    }
    match std::fs::read_dir(out) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            std::fs::create_dir_all(out).with_context(|| format!("cannot create --out {}", out.display()))?;
        }
        Err(e) => return Err(e).with_context(|| format!("cannot read --out {}", out.display())),
        Ok(mut entries) => {
            let empty = entries.next().is_none();
            if !empty && !written_by_sgx(out, summary_file) {
                return Err(refuse(&format!("it is not empty and has no {MARKER}")));
            }
        }
    }
    let mut file = AtomicFile::create(&marker)?;
    let text = serde_json::json!({ "layout": LAYOUT, "sgx_version": env!("CARGO_PKG_VERSION") });
    std::io::Write::write_all(&mut file, format!("{text}\n").as_bytes())
        .with_context(|| format!("cannot write {}", marker.display()))?;
    file.commit()?;
    Ok(())
}

/// Whether `out` is an output folder an sgx without the marker wrote: its store folder and
/// its summary.
fn written_by_sgx(out: &Path, summary_file: &str) -> bool {
    let summary = std::fs::read(out.join(summary_file))
        .ok()
        .and_then(|bytes| serde_json::from_slice::<serde_json::Value>(&bytes).ok());
    let is_summary = summary.is_some_and(|s| {
        s.get("sgx_version").is_some_and(serde_json::Value::is_string)
            && s.get("documents").is_some_and(serde_json::Value::is_u64)
    });
    is_summary && out.join(STORE_DIR).is_dir()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_empty_marked_and_adopted_folders_are_claimed_others_refused() {
        let dir = tempfile::tempdir().unwrap();
        let new = dir.path().join("a/new");
        claim(&new, "summary.json").unwrap();
        assert!(new.join(MARKER).is_file());
        claim(&new, "summary.json").unwrap();

        let theirs = dir.path().join("theirs");
        std::fs::create_dir_all(theirs.join(STORE_DIR)).unwrap();
        std::fs::write(theirs.join("summary.json"), "[]").unwrap();
        let err = claim(&theirs, "summary.json").unwrap_err().to_string();
        assert!(err.contains("theirs") && err.contains("not an sgx output folder"), "{err}");
        assert!(!theirs.join(MARKER).exists());

        std::fs::write(theirs.join("summary.json"), r#"{"sgx_version": "0.1.0", "documents": 3}"#).unwrap();
        claim(&theirs, "summary.json").unwrap();
        assert!(theirs.join(MARKER).is_file(), "adopted");

        let newer = dir.path().join("newer");
        std::fs::create_dir(&newer).unwrap();
        std::fs::write(newer.join(MARKER), r#"{"layout": 99}"#).unwrap();
        assert!(claim(&newer, "summary.json").unwrap_err().to_string().contains("newer sgx"));
    }
}
