//! What the workspace tests share: where the corpus and fixtures are, and sgx on one file
//! through the same entry point the CLI uses.
#![allow(dead_code)] // each test file uses its own part

use std::path::{Path, PathBuf};

use sgx_model::Extraction;

/// The facts of the model, in the order it prints them.
pub const FACTS: &[&str] = &["partnership", "document", "priorities", "actions", "governance", "glossary"];

/// The repository root.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The files (not folders) in `dir` under the repository root, in name order.
pub fn files_in(dir: &str) -> Vec<PathBuf> {
    let dir = root().join(dir);
    let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    let mut files: Vec<PathBuf> = entries.map(|e| e.unwrap().path()).filter(|p| p.is_file()).collect();
    files.sort();
    files
}

/// The path relative to the repository root, so outputs do not depend on the checkout.
pub fn relative(path: &Path) -> String {
    path.strip_prefix(root()).unwrap_or(path).display().to_string()
}

/// The model of one file, as `sgx extract` builds it (source path relative to the root).
pub fn extract(path: &Path) -> Extraction {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let rel = relative(path);
    sgx_pipeline::extract(&bytes, &rel, &mut |_| {}).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The model of one file as JSON.
pub fn extract_json(path: &Path) -> serde_json::Value {
    serde_json::to_value(extract(path)).expect("the model serialises")
}

/// The intermediate representation of one file.
pub fn read(path: &Path) -> sgx_ir::Document {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let rel = relative(path);
    sgx_read::read(&bytes, &rel).unwrap_or_else(|e| panic!("{rel}: {e}"))
}
