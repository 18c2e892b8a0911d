//! Whole-document output of every corpus document, snapshot-tested. A change in what sgx
//! extracts shows up as a snapshot diff to review (`cargo insta review`).

use std::path::{Path, PathBuf};

fn corpus_files() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("corpus/ exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
}

/// The model as `sgx extract` prints it, with the path made relative so snapshots do not
/// depend on where the repository is checked out.
fn extract(path: &Path) -> serde_json::Value {
    let bytes = std::fs::read(path).unwrap();
    let rel = path.strip_prefix(env!("CARGO_MANIFEST_DIR")).unwrap().display().to_string();
    let doc = sgx_read::read(&bytes, &rel).unwrap_or_else(|e| panic!("{rel}: {e}"));
    serde_json::to_value(sgx_recognise::recognise(&doc)).unwrap()
}

#[test]
fn corpus_documents_match_their_snapshots() {
    let files = corpus_files();
    assert!(files.len() >= 6, "the corpus holds at least six documents");
    for path in files {
        let name = path.file_name().unwrap().to_string_lossy().replace('.', "_");
        let mut value = extract(&path);
        // The tool version changes with every release; it is not part of the facts.
        value["sgx_version"] = serde_json::json!("[version]");
        insta::with_settings!({ snapshot_path => "snapshots", prepend_module_to_snapshot => false }, {
            insta::assert_json_snapshot!(name, value);
        });
    }
}
