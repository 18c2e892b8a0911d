//! The seed documents in ../shared scored against their gold annotations with the shared
//! scorer, through the real `sgx extract`. Skips (passing) where ../shared is absent.

use std::path::Path;
use std::process::Command;

#[test]
fn seed_scores_meet_the_targets() {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    let (seeds, gold, scorer) = (shared.join("corpus/seeds"), shared.join("gold"), shared.join("eval/score.py"));
    if !seeds.is_dir() || !scorer.is_file() {
        eprintln!("skipped: {} not present", shared.display());
        return;
    }
    let out = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(&seeds).unwrap() {
        let path = entry.unwrap().path();
        let result = Command::new(env!("CARGO_BIN_EXE_sgx")).arg("extract").arg(&path).output().unwrap();
        assert!(result.status.success(), "{}: {}", path.display(), String::from_utf8_lossy(&result.stderr));
        let name = format!("{}.json", path.file_name().unwrap().to_string_lossy());
        std::fs::write(out.path().join(name), &result.stdout).unwrap();
    }
    let report = out.path().join("score.json");
    let status = Command::new("python3").arg(&scorer).arg(&gold).arg(out.path()).arg("--json").arg(&report).status();
    let status = status.expect("python3 runs the shared scorer");
    assert!(status.success());
    let summary: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    let s = &summary["summary"];
    let f = |v: &serde_json::Value| v.as_f64().unwrap_or(0.0);
    let checks = [
        ("priorities F1", f(&s["priorities"]["f1"]), 0.90),
        ("actions F1", f(&s["actions"]["f1"]), 0.85),
        ("action objective", f(&s["action_fields"]["objective"]), 0.85),
        ("action leads", f(&s["action_fields"]["leads"]), 0.85),
        ("action timescale", f(&s["action_fields"]["timescale"]), 0.85),
        ("governance F1", f(&s["governance"]["f1"]), 0.70),
        ("glossary F1", f(&s["glossary"]["f1"]), 0.95),
        ("metadata", f(&s["metadata_acc"]), 0.95),
    ];
    let failed: Vec<String> = checks.iter().filter(|(_, got, min)| got < min).map(|(n, got, min)| format!("{n} {got:.3} < {min}")).collect();
    eprintln!("seed scores: {s}");
    assert!(failed.is_empty(), "below target: {failed:?}");
}
