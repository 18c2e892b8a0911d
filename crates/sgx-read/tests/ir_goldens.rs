//! IR goldens: every document of the repository's `corpus/` and `fixtures/` folders read into
//! the IR and snapshotted as an indented tree (`sgx_ir::render_tree`). A change in what a
//! reader produces — a block kind, a heading level, a list marker, a table's shape, a cell's
//! text, a provenance — shows up here as a diff to review, before any recogniser sees it.
//!
//! Expected outputs (`expected/`, `*.gold.json`) and READMEs are not documents and are left
//! out. To accept a reviewed change: `INSTA_UPDATE=always cargo test -p sgx-read --test
//! ir_goldens` (or `cargo insta review`).

use std::path::Path;

/// The document formats the readers take, by extension.
const DOCUMENTS: &str = "**/*.{txt,md,html,docx,pdf}";

fn is_document(path: &Path) -> bool {
    let name = path.file_name().map(|n| n.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
    let expected = path.components().any(|c| c.as_os_str() == "expected");
    !expected && !name.ends_with(".gold.json") && !name.starts_with("readme") && !name.starts_with("manifest")
}

/// The tree of one document, read under its path relative to the repository root.
fn tree(path: &Path) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().unwrap();
    let rel = path.strip_prefix(&root).unwrap_or(path).to_string_lossy().replace('\\', "/");
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{rel}: {e}"));
    let doc = sgx_read::read(&bytes, &rel).unwrap_or_else(|e| panic!("{rel}: {e}"));
    sgx_ir::render_tree(&doc)
}

fn snapshot_all(name: &str, base: &str) {
    let mut seen = 0;
    insta::with_settings!({ prepend_module_to_snapshot => false }, {
        insta::glob!(base, DOCUMENTS, |path| {
            if is_document(path) {
                seen += 1;
                insta::assert_snapshot!(name, tree(path));
            }
        });
    });
    assert!(seen > 0, "no documents under {base}");
}

#[test]
fn corpus_ir() {
    snapshot_all("corpus", "../../../corpus");
}

#[test]
fn fixtures_ir() {
    snapshot_all("fixtures", "../../../fixtures");
}
