//! Format twins: corpus documents published as text/markdown and again as an HTML page or a
//! Word file. The readers differ, the IR they produce differs (real table spans instead of
//! page-broken tab rows, list numbering instead of typed numbers), but the facts a reader of
//! the document finds are the same — so the model must be the same, field for field.
//!
//! Compared: partnership, document, priorities, actions, governance and glossary. Not
//! compared: evidence (block indices, lines and paths differ by format), the priorities'
//! selection (the layout a list was chosen on: a heading in HTML is a plain line in text),
//! the RAG cells' shading (text has no colours; the status read from the words is compared),
//! the genre score's signals (how many of the genre's terms fall within the span read depends on
//! how much markup the format adds; the score is compared), source and warnings.

mod common;

use serde_json::Value;

/// (text original, twin) pairs under corpus/.
const TWINS: &[(&str, &str)] = &[
    ("harrowfield_lscb_workplan_2009-10.txt", "harrowfield_lscb_workplan_2009-10.html"),
    ("greywater_scp_strategy_2022-2025.txt", "greywater_scp_strategy_2022-2025.html"),
    ("northmoor_scp_business_plan_2019-22.md", "northmoor_scp_business_plan_2019-22.docx"),
    ("harrowfield_lscb_workplan_2009-10.txt", "harrowfield_lscb_workplan_2009-10.docx"),
    // PDF twins: the DOCX twins printed by LibreOffice (scripts/make-pdfs), tables running
    // over page breaks with repeated header rows.
    ("harrowfield_lscb_workplan_2009-10.txt", "harrowfield_lscb_workplan_2009-10.pdf"),
    ("northmoor_scp_business_plan_2019-22.md", "northmoor_scp_business_plan_2019-22.pdf"),
];

use common::FACTS;

/// The model of one corpus file as JSON.
fn extract(name: &str) -> Value {
    common::extract_json(&common::root().join("corpus").join(name))
}

/// The facts without their evidence (and the priorities' selection evidence). Governance bodies are compared as a set: the order the
/// recogniser lists them in is not part of the facts.
fn facts(model: &Value, fact: &str) -> Value {
    fn strip(v: &Value) -> Value {
        match v {
            Value::Object(o) => Value::Object(
                o.iter()
                    .filter(|(k, _)| !["evidence", "selection", "rag_fill", "signals"].contains(&k.as_str()))
                    .map(|(k, v)| (k.clone(), strip(v)))
                    .collect(),
            ),
            Value::Array(a) => Value::Array(a.iter().map(strip).collect()),
            other => other.clone(),
        }
    }
    let mut v = strip(&model[fact]);
    if let Some(bodies) = v.get_mut("bodies").and_then(Value::as_array_mut) {
        bodies.sort_by_key(|b| b.to_string());
    }
    v
}

#[test]
fn twins_have_the_same_facts_as_their_text_originals() {
    let mut problems = Vec::new();
    for (original, twin) in TWINS {
        let (a, b) = (extract(original), extract(twin));
        let ext = twin.rsplit('.').next().unwrap_or("");
        let format = if ext == "htm" { "html" } else { ext };
        assert_eq!(b["source"]["format"], format, "{twin} read by its own reader");
        for fact in FACTS {
            let (fa, fb) = (facts(&a, fact), facts(&b, fact));
            if fa != fb {
                problems.push(format!(
                    "{twin} vs {original}: {fact} differ\n  original: {}\n  twin:     {}",
                    serde_json::to_string(&fa).unwrap_or_default(),
                    serde_json::to_string(&fb).unwrap_or_default()
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn twins_have_facts_to_compare() {
    // Equal but empty models would prove nothing: every twin has actions and priorities.
    for (_, twin) in TWINS {
        let m = extract(twin);
        assert!(m["actions"].as_array().is_some_and(|a| a.len() >= 8), "{twin}: too few actions");
        assert!(m["priorities"].as_array().is_some_and(|p| p.len() >= 3), "{twin}: too few priorities");
        assert!(m["partnership"]["name"].is_string(), "{twin}: no partnership");
    }
}
