//! The corpus documents' facts against what a careful reader extracts from them
//! (corpus/expected/<name>.gold.json, in the gold format of the shared annotations).
//! Text is compared after normalisation (case, punctuation and spacing ignored).

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use serde_json::Value;

fn norm(s: &str) -> String {
    s.to_lowercase()
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn text(v: &Value) -> String {
    match v {
        Value::String(s) => norm(s),
        Value::Array(a) => norm(&a.iter().filter_map(Value::as_str).collect::<Vec<_>>().join(" ")),
        Value::Object(o) => o.get("raw").map(text).unwrap_or_default(),
        _ => String::new(),
    }
}

fn set(v: &Value) -> BTreeSet<String> {
    v.as_array().map(|a| a.iter().filter_map(Value::as_str).map(norm).collect()).unwrap_or_default()
}

/// Token-set F1 of two names.
fn name_sim(a: &str, b: &str) -> f64 {
    let (a, b): (BTreeSet<&str>, BTreeSet<&str>) = (a.split(' ').collect(), b.split(' ').collect());
    let common = a.intersection(&b).count() as f64;
    if common == 0.0 {
        0.0
    } else {
        2.0 * common / (a.len() + b.len()) as f64
    }
}

fn check(expected: &Value, got: &Value, problems: &mut Vec<String>) {
    let doc = expected["doc"].as_str().unwrap();
    let mut bad = |what: String| problems.push(format!("{doc}: {what}"));
    if text(&expected["partnership"]["name"]) != text(&got["partnership"]["name"]) {
        bad(format!("name {} vs {}", expected["partnership"]["name"], got["partnership"]["name"]));
    }
    if text(&expected["partnership"]["acronym"]) != text(&got["partnership"]["acronym"]) {
        bad(format!("acronym {} vs {}", expected["partnership"]["acronym"], got["partnership"]["acronym"]));
    }
    if expected["document"]["kind"] != got["document"]["kind"] {
        bad(format!("kind {} vs {}", expected["document"]["kind"], got["document"]["kind"]));
    }
    for k in ["start_year", "end_year"] {
        if expected["document"][k] != got["document"]["period"][k] {
            bad(format!("{k} {} vs {}", expected["document"][k], got["document"]["period"][k]));
        }
    }
    let ep = expected["priorities"].as_array().unwrap();
    let gp = got["priorities"].as_array().unwrap();
    let key = |p: &Value| (p["number"].as_u64(), text(&p["title"]));
    let (ek, gk): (Vec<_>, Vec<_>) = (ep.iter().map(key).collect(), gp.iter().map(key).collect());
    if ek != gk {
        bad(format!("priorities {ek:?} vs {gk:?}"));
    }
    let ea: Vec<&Value> =
        expected["actions"].as_array().unwrap().iter().filter(|a| a["garbled"] != true).collect();
    let ga: Vec<&Value> =
        got["actions"].as_array().unwrap().iter().filter(|a| a["garbled"] != true).collect();
    if ea.len() != ga.len() {
        bad(format!("{} action rows, expected {}", ga.len(), ea.len()));
    }
    // Rows are paired by their tasks (or objective, for tables without a task column).
    let row_key =
        |a: &Value| if text(&a["tasks"]).is_empty() { text(&a["objective"]) } else { text(&a["tasks"]) };
    for e in &ea {
        let Some(g) = ga.iter().find(|g| row_key(g) == row_key(e)) else {
            bad(format!("action row not found: {}", row_key(e)));
            continue;
        };
        for field in ["objective_ref", "objective", "tasks", "measures", "timescale"] {
            if text(&e[field]) != text(&g[field]) {
                bad(format!("action {}: {field} {} vs {}", text(&e["tasks"]), e[field], g[field]));
            }
        }
        if set(&e["leads"]) != set(&g["leads"]) {
            bad(format!("action {}: leads {} vs {}", text(&e["tasks"]), e["leads"], g["leads"]));
        }
    }
    // The expected glossaries are the documents' glossary sections, as in the shared gold
    // format; acronyms defined in running text (source "text") are not listed there.
    let gloss = |v: &Value| -> BTreeSet<(String, String)> {
        v.as_array()
            .unwrap()
            .iter()
            .filter(|e| e["source"] != "text")
            .map(|e| (text(&e["term"]), text(&e["expansion"])))
            .collect()
    };
    if gloss(&expected["glossary"]) != gloss(&got["glossary"]) {
        bad("glossary differs".into());
    }
    // Governance: F1 over bodies matched by name.
    let eg: Vec<String> =
        expected["governance"].as_array().unwrap().iter().map(|b| text(&b["name"])).collect();
    let gg: Vec<String> =
        got["governance"]["bodies"].as_array().unwrap().iter().map(|b| text(&b["name"])).collect();
    let matched = eg.iter().filter(|e| gg.iter().any(|g| name_sim(e, g) >= 0.7)).count() as f64;
    let (p, r) = (
        if gg.is_empty() { 0.0 } else { matched / gg.len() as f64 },
        if eg.is_empty() { 1.0 } else { matched / eg.len() as f64 },
    );
    let f1 = if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) };
    if !eg.is_empty() && f1 < GOVERNANCE_MIN_F1 {
        bad(format!("governance F1 {f1:.2}: expected {eg:?}, got {gg:?}"));
    }
}

/// Governance is judged by F1 per document rather than exactly: names in prose vary.
const GOVERNANCE_MIN_F1: f64 = 0.8;

#[test]
fn corpus_facts_match_the_expected_facts() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut problems = Vec::new();
    let mut checked = 0;
    for entry in std::fs::read_dir(root.join("corpus/expected")).unwrap() {
        let path = entry.unwrap().path();
        let expected: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let doc_path = root.join("corpus").join(expected["doc"].as_str().unwrap());
        let got = common::extract_json(&doc_path);
        check(&expected, &got, &mut problems);
        checked += 1;
    }
    assert!(checked >= 6);
    assert!(problems.is_empty(), "{} differences:\n{}", problems.len(), problems.join("\n"));
}
