//! Whole-document output of every corpus document, snapshot-tested: each snapshot is exactly
//! what `sgx extract corpus/<file>` prints (the same [`sgx_model::Extraction::to_json`] the CLI
//! calls), with only the value of `sgx_version` redacted, since it changes with every release.
//! `insta::glob!` makes each document its own snapshot, so every mismatch is reported, not
//! just the first. A change in what sgx extracts shows up as a snapshot diff to review
//! (`cargo insta review`).

mod common;

/// What stands for the sgx version in the snapshots.
const VERSION: &str = "[version]";

/// `json` with the value of its `sgx_version` field (which must appear once) replaced.
fn redact_version(json: &str, version: &str) -> String {
    let field = format!("\"sgx_version\": {}", serde_json::Value::from(version));
    assert_eq!(json.matches(&field).count(), 1, "one {field} in the output");
    json.replacen(&field, &format!("\"sgx_version\": \"{VERSION}\""), 1)
}

#[test]
fn corpus_documents_match_their_snapshots() {
    let mut documents = 0;
    insta::glob!("../corpus", "*.*", |path| {
        let model = common::extract(path);
        let printed = redact_version(&model.to_json(), &model.sgx_version);
        insta::with_settings!({ prepend_module_to_snapshot => false, omit_expression => true }, {
            insta::assert_snapshot!("sgx_extract", printed);
        });
        documents += 1;
    });
    assert!(documents >= 6, "the corpus holds at least six documents");
}

#[test]
fn only_the_version_is_redacted() {
    let json =
        "{\n  \"schema_version\": \"2.0.0\",\n  \"sgx_version\": \"0.1.0\",\n  \"title\": \"0.1.0\"\n}\n";
    assert_eq!(
        redact_version(json, "0.1.0"),
        "{\n  \"schema_version\": \"2.0.0\",\n  \"sgx_version\": \"[version]\",\n  \"title\": \"0.1.0\"\n}\n"
    );
}
