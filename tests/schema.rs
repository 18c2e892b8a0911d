//! The published schema is the contract other tools rely on: every output of every corpus and
//! fixture document validates against it (with a JSON Schema validator, not our own reading of
//! it), and every field it declares says what it is.

mod common;

use std::path::PathBuf;

use serde_json::Value;

fn schema() -> Value {
    serde_json::from_str(&sgx_model::json_schema()).expect("the schema is JSON")
}

/// Every corpus and fixture document.
fn documents() -> Vec<PathBuf> {
    let mut files = common::files_in("corpus");
    for dir in ["fixtures/genre", "fixtures/spaces"] {
        files.extend(common::files_in(dir));
    }
    files
}

#[test]
fn every_corpus_and_fixture_output_validates_against_the_schema() {
    let validator = jsonschema::validator_for(&schema()).expect("the schema is a valid JSON Schema");
    let mut checked = 0;
    let mut invalid = Vec::new();
    for path in documents() {
        let Ok(bytes) = std::fs::read(&path) else { continue };
        let rel = common::relative(&path);
        // Files that are not documents (expected outputs, notes) fail to read: nothing to check.
        let Ok(model) = sgx_pipeline::extract(&bytes, &rel, &mut |_| {}) else { continue };
        let json = serde_json::to_value(&model).expect("the model serialises");
        for error in validator.iter_errors(&json) {
            invalid.push(format!("{rel}: {error} at {}", error.instance_path()));
        }
        checked += 1;
    }
    assert!(checked >= 20, "only {checked} documents were checked");
    assert!(invalid.is_empty(), "outputs that break the schema:\n{}", invalid.join("\n"));
}

#[test]
fn every_field_of_the_schema_has_a_description() {
    fn walk(node: &Value, at: &str, missing: &mut Vec<String>) {
        let Some(object) = node.as_object() else { return };
        if let Some(Value::Object(properties)) = object.get("properties") {
            for (name, property) in properties {
                let described =
                    property.get("description").and_then(Value::as_str).is_some_and(|d| !d.is_empty());
                if !described {
                    missing.push(format!("{at}.{name}"));
                }
                walk(property, &format!("{at}.{name}"), missing);
            }
        }
        for key in ["$defs", "definitions"] {
            if let Some(Value::Object(defs)) = object.get(key) {
                for (name, def) in defs {
                    walk(def, name, missing);
                }
            }
        }
    }
    let mut missing = Vec::new();
    walk(&schema(), "Extraction", &mut missing);
    assert!(missing.is_empty(), "fields without a description: {missing:?}");
}

/// The validator is not a formality: an output with a field of the wrong type, or a kind the
/// schema's closed enum lacks, is rejected.
#[test]
fn an_output_that_breaks_the_schema_is_rejected() {
    let validator = jsonschema::validator_for(&schema()).expect("the schema is a valid JSON Schema");
    let path = common::root().join("corpus/hollinsby_scb_business_plan_2012-2014.txt");
    let good = common::extract_json(&path);
    assert!(validator.is_valid(&good));
    let mut wrong_type = good.clone();
    wrong_type["priorities"] = Value::String("neglect".into());
    assert!(!validator.is_valid(&wrong_type));
    let mut open_enum = good;
    open_enum["document"]["kind"] = Value::String("newsletter".into());
    assert!(!validator.is_valid(&open_enum));
}
