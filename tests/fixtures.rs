//! Fixtures: short documents written to pin one behaviour across every format.
//!
//! `fixtures/spaces/`: the same partnership page as markdown, HTML, DOCX (scripts/make-docx.py)
//! and PDF (printed from the DOCX by scripts/make-pdfs), its words separated by the spaces
//! word processors and web pages print — no-break, thin, narrow no-break and em spaces. The
//! recognisers match ASCII whitespace only, so every reader must hand them ' ' (or '\n').

mod common;

use std::path::{Path, PathBuf};

use common::read;
use serde_json::Value;

fn fixtures(dir: &str) -> Vec<PathBuf> {
    common::files_in(&format!("fixtures/{dir}"))
}

/// Every string in a JSON value, with the key it sits under.
fn strings<'a>(v: &'a Value, key: &'a str, out: &mut Vec<(&'a str, &'a str)>) {
    match v {
        Value::String(s) => out.push((key, s)),
        Value::Array(a) => a.iter().for_each(|x| strings(x, key, out)),
        Value::Object(o) => o.iter().for_each(|(k, x)| strings(x, k, out)),
        _ => {}
    }
}

#[test]
fn every_reader_turns_unicode_spaces_into_ascii_ones() {
    let files = fixtures("spaces");
    let mut formats: Vec<&str> = files.iter().map(|f| read(f).source.format.as_str()).collect();
    formats.sort();
    assert_eq!(formats, ["docx", "html", "markdown", "pdf"]);
    for path in &files {
        let ir = serde_json::to_value(read(path)).unwrap();
        let mut found = Vec::new();
        strings(&ir["blocks"], "blocks", &mut found);
        assert!(found.len() > 20, "{}: the document has text", path.display());
        for (key, s) in found {
            let odd: Vec<char> = s.chars().filter(|c| c.is_whitespace() && *c != ' ' && *c != '\n').collect();
            assert!(odd.is_empty(), "{}: {key} {s:?} keeps {odd:?}", path.display());
        }
    }
}

#[test]
fn facts_read_through_unicode_spaces_are_the_same_in_every_format() {
    let facts = |path: &Path| {
        let mut v = common::extract_json(path);
        fn strip(v: &mut Value) {
            match v {
                Value::Object(o) => {
                    o.remove("evidence");
                    o.values_mut().for_each(strip);
                }
                Value::Array(a) => a.iter_mut().for_each(strip),
                _ => {}
            }
        }
        strip(&mut v);
        ["partnership", "document", "priorities", "actions", "governance", "glossary"].map(|k| v[k].clone())
    };
    let files = fixtures("spaces");
    let reference =
        files.iter().find(|f| f.extension().is_some_and(|e| e == "md")).expect("the markdown original");
    let [partnership, document, priorities, actions, governance, glossary] = facts(reference);
    assert_eq!(partnership["name"], "Wensley Safeguarding Children Partnership");
    assert_eq!(partnership["acronym"], "WSCP");
    assert_eq!(
        (document["period"]["start_year"].as_i64(), document["period"]["end_year"].as_i64()),
        (Some(2023), Some(2024))
    );
    assert_eq!(priorities.as_array().unwrap().len(), 2);
    let actions = actions.as_array().unwrap();
    assert_eq!(actions.len(), 2);
    assert_eq!(actions[0]["leads"][0], "Neglect Lead");
    assert_eq!(actions[1]["timescale"]["raw"], "December 2023");
    let qa = governance["bodies"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["name"] == "Quality Assurance Subgroup")
        .expect("QA subgroup");
    assert_eq!(
        (qa["meets"].as_str(), qa["reports_to"].as_str()),
        (Some("quarterly"), Some("Executive Group"))
    );
    assert_eq!(qa["chair"], "Head of Safeguarding for the ICB");
    assert_eq!(glossary[1]["expansion"], "Wensley Safeguarding Children Partnership");
    let expected = facts(reference);
    for path in &files {
        assert_eq!(facts(path), expected, "{} gives the facts of {}", path.display(), reference.display());
    }
}
