//! Whole-document output of every corpus document, snapshot-tested. A change in what sgx
//! extracts shows up as a snapshot diff to review (`cargo insta review`).

mod common;

#[test]
fn corpus_documents_match_their_snapshots() {
    let files = common::files_in("corpus");
    assert!(files.len() >= 6, "the corpus holds at least six documents");
    for path in files {
        let name = path.file_name().unwrap().to_string_lossy().replace('.', "_");
        let mut value = common::extract_json(&path);
        // The tool version changes with every release; it is not part of the facts.
        value["sgx_version"] = serde_json::json!("[version]");
        insta::with_settings!({ snapshot_path => "snapshots", prepend_module_to_snapshot => false }, {
            insta::assert_json_snapshot!(name, value);
        });
    }
}
