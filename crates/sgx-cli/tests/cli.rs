//! The command-line contract other tools rely on: `sgx extract FILE` prints the model JSON
//! on stdout and exits 0, or prints one line on stderr naming the file and the reason and
//! exits non-zero — never a panic, never partial output.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn sgx(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sgx")).args(args).output().expect("sgx runs")
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().unwrap()
}

fn assert_one_line_error(out: &Output, file: &str, reason: &str) {
    assert!(!out.status.success(), "expected failure for {file}");
    assert!(out.stdout.is_empty(), "no partial output on stdout");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.trim_end().lines().count(), 1, "one line on stderr, got: {err}");
    assert!(err.contains(file), "stderr names the file: {err}");
    assert!(err.contains(reason), "stderr gives the reason '{reason}': {err}");
}

#[test]
fn extract_prints_the_model() {
    let doc = repo().join("corpus/harrowfield_lscb_workplan_2009-10.txt");
    let out = sgx(&["extract", doc.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["schema_version"], sgx_model::SCHEMA_VERSION);
    assert!(v["source"]["path"].as_str().unwrap().ends_with("harrowfield_lscb_workplan_2009-10.txt"));
    assert_eq!(v["document"]["kind"], "workplan");
    assert!(!v["actions"].as_array().unwrap().is_empty());
    // Exactly Extraction::to_json, which the corpus snapshots record.
    let model: sgx_model::Extraction = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout), model.to_json());
}

#[test]
fn missing_file_is_one_line() {
    let out = sgx(&["extract", "/no/such/plan.pdf"]);
    assert_one_line_error(&out, "/no/such/plan.pdf", "no such file");
}

#[test]
fn escape_sequences_in_a_file_name_never_reach_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let name = "plan\u{1b}]0;retitled\u{7}\u{1b}[31m.txt";
    let doc = dir.path().join(name);
    std::fs::write(&doc, b"").unwrap();
    let out = sgx(&["extract", doc.to_str().unwrap()]);
    assert_one_line_error(&out, "plan\\u{1b}]0;retitled", "empty file");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.trim_end().chars().any(char::is_control), "no control character on stderr: {err:?}");
}

#[test]
fn empty_binary_and_directory_inputs_are_one_line_each() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, b"").unwrap();
    assert_one_line_error(&sgx(&["extract", empty.to_str().unwrap()]), "empty.txt", "empty file");

    let binary = dir.path().join("noise.md");
    std::fs::write(&binary, [0u8, 159, 146, 150, 0, 1, 2, 3, 0, 0, 7, 8]).unwrap();
    assert_one_line_error(&sgx(&["extract", binary.to_str().unwrap()]), "noise.md", "binary");

    let legacy = dir.path().join("plan.doc");
    std::fs::write(&legacy, [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0]).unwrap();
    assert_one_line_error(&sgx(&["extract", legacy.to_str().unwrap()]), "plan.doc", "unsupported format");

    let d = dir.path().to_str().unwrap();
    assert_one_line_error(&sgx(&["extract", d]), d, "directory");
}

#[test]
fn ir_and_tables_commands_print_json() {
    let doc = repo().join("corpus/greywater_scp_strategy_2022-2025.txt");
    let out = sgx(&["ir", doc.to_str().unwrap()]);
    assert!(out.status.success());
    let ir: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(ir["blocks"].as_array().unwrap().iter().any(|b| b["type"] == "table"));

    let out = sgx(&["tables", doc.to_str().unwrap()]);
    assert!(out.status.success());
    let tables: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let first = &tables[0];
    assert!(first["page"].as_u64().unwrap() >= 1);
    assert!(first["rows"][0].as_array().unwrap().len() >= 3);
}

#[test]
fn published_schema_is_current() {
    let out = sgx(&["schema"]);
    let committed = std::fs::read_to_string(repo().join("schema/sgx.schema.json"))
        .expect("schema/sgx.schema.json is committed");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim_end(),
        committed.trim_end(),
        "schema/sgx.schema.json is stale: regenerate with `sgx schema > schema/sgx.schema.json`"
    );
}

#[test]
#[cfg_attr(
    not(feature = "test-hooks"),
    ignore = "needs the test hooks: --features sgx-cli/test-hooks (scripts/test)"
)]
fn a_hanging_parser_costs_one_line_after_the_timeout() {
    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("hangs.txt");
    std::fs::write(&doc, "A plan.").unwrap();
    let start = std::time::Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_sgx"))
        .args(["extract", "--timeout", "1", doc.to_str().unwrap()])
        .env("SGX_TEST_HANG_ON", "hangs")
        .output()
        .unwrap();
    assert!(start.elapsed() < std::time::Duration::from_secs(20), "the timeout is enforced");
    assert_one_line_error(&out, "hangs.txt", "timed out after 1 s");
}

#[test]
#[cfg_attr(
    not(feature = "test-hooks"),
    ignore = "needs the test hooks: --features sgx-cli/test-hooks (scripts/test)"
)]
fn a_crashing_parser_costs_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("crashes.txt");
    std::fs::write(&doc, "A plan.").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_sgx"))
        .args(["extract", doc.to_str().unwrap()])
        .env("SGX_TEST_ABORT_ON", "crashes")
        .output()
        .unwrap();
    assert_one_line_error(&out, "crashes.txt", "crashed");
}

#[test]
#[cfg_attr(
    not(feature = "test-hooks"),
    ignore = "needs the test hooks: --features sgx-cli/test-hooks (scripts/test)"
)]
fn a_parser_exhausting_memory_costs_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("grows.txt");
    std::fs::write(&doc, "A plan.").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_sgx"))
        .args(["extract", "--max-memory-mb", "256", doc.to_str().unwrap()])
        .env("SGX_TEST_EXHAUST_MEMORY_ON", "grows")
        .output()
        .unwrap();
    assert_one_line_error(&out, "grows.txt", "out of memory (limit 256 MB)");
}

#[test]
fn isolation_keeps_large_output_and_the_exit_status() {
    // The worker's output passes through a pipe: a document whose JSON is far larger than a
    // pipe's buffer must arrive whole, and a good run must still exit 0.
    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("long.md");
    let body: String =
        (1..=8000).map(|i| format!("{i}. Action number {i} of the plan, led by the Board.\n")).collect();
    std::fs::write(&doc, format!("# Annual Report\n\n{body}")).unwrap();
    let isolated = sgx(&["ir", doc.to_str().unwrap()]);
    assert!(isolated.status.success(), "{}", String::from_utf8_lossy(&isolated.stderr));
    assert!(
        isolated.stdout.len() > 256 * 1024,
        "output larger than a pipe buffer: {}",
        isolated.stdout.len()
    );
    let in_process = sgx(&["ir", "--in-process", doc.to_str().unwrap()]);
    assert_eq!(isolated.stdout, in_process.stdout);
}
