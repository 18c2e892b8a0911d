//! The same input gives the same bytes: every corpus document, every fixture and every real
//! text in ../shared/real is extracted three times, each in its own `sgx extract` process
//! (so hash seeds and thread timings differ between runs), and the outputs are compared.

use std::path::{Path, PathBuf};
use std::process::Command;

/// Runs per document.
const RUNS: usize = 3;

/// Documents under `dir` (recursively), leaving out the gold annotations and notes.
fn documents(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let mut paths: Vec<PathBuf> = entries.map(|e| e.unwrap().path()).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            documents(&path, out);
        } else if matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("txt" | "md" | "html" | "htm" | "docx" | "pdf")
        ) && !matches!(path.file_stem().and_then(|s| s.to_str()), Some("README" | "MANIFEST"))
        {
            out.push(path);
        }
    }
}

fn extract(path: &Path) -> Vec<u8> {
    let out = Command::new(env!("CARGO_BIN_EXE_sgx")).arg("extract").arg(path).output().unwrap();
    // A document sgx refuses is refused the same way every time.
    [out.stdout, b"\n--stderr--\n".to_vec(), out.stderr, vec![out.status.success() as u8]].concat()
}

#[test]
fn every_document_gives_the_same_bytes_on_every_run() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut files = Vec::new();
    for dir in ["corpus", "fixtures", "crates/sgx-recognise/tests/fixtures"] {
        documents(&root.join(dir), &mut files);
    }
    let own = files.len();
    assert!(own >= 40, "the corpus and fixtures hold at least forty documents, found {own}");
    if let Some(real) = sgx_testkit::shared("real") {
        documents(&real, &mut files);
        assert!(files.len() >= own + 50, "../shared/real holds at least fifty texts");
    }
    let unstable: Vec<String> = files
        .iter()
        .filter(|path| {
            let first = extract(path);
            (1..RUNS).any(|_| extract(path) != first)
        })
        .map(|p| p.display().to_string())
        .collect();
    assert!(unstable.is_empty(), "output differs between runs: {unstable:?}");
}
