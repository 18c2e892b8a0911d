//! Table accuracy on the peers' expected tables (../shared/external/tables), scored by
//! scripts/table-score with `sgx tables`: ICDAR-2013 adjacency F1, mean per folder, against
//! the targets. Skips, saying so, when ../shared is absent (fails instead with
//! SGX_REQUIRE_SHARED=1; see sgx-testkit).

use std::path::Path;
use std::process::Command;

#[test]
fn table_scores_meet_the_targets() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let Some(tables) = sgx_testkit::shared("external/tables") else { return };
    let out = Command::new("python3")
        .arg(root.join("scripts/table-score"))
        .args(["--sgx", env!("CARGO_BIN_EXE_sgx")])
        .arg("--tables")
        .arg(&tables)
        .output()
        .expect("python3 runs the table scorer");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let report = String::from_utf8_lossy(&out.stdout);
    eprintln!("{report}");
    let mean = |folder: &str| -> f64 {
        let line =
            report.lines().find(|l| l.starts_with(folder)).unwrap_or_else(|| panic!("no {folder} line"));
        line.rsplit("F1=")
            .next()
            .and_then(|s| s.split_whitespace().next())
            .and_then(|s| s.parse().ok())
            .expect("a mean")
    };
    assert!(mean("icdar2013") >= 0.80, "icdar2013 below 0.80");
    assert!(mean("tabula") >= 0.75, "tabula below 0.75");
}
