//! The documents of a batch output, as the comparison needs them.

use std::path::Path;

use serde_json::Value;

use crate::CompareError;

/// Words of a partnership's name that are not its place.
const GENERIC_WORDS: &[&str] = &[
    "local",
    "safeguarding",
    "children",
    "children's",
    "childrens",
    "child",
    "board",
    "partnership",
    "partnerships",
    "and",
    "young",
    "people",
    "people's",
    "for",
    "the",
    "of",
];

/// One document of the batch, reduced to what is compared.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub document_id: String,
    /// The area key: the model's partnership key, or the place words of the name.
    pub area: String,
    /// The partnership's name as printed (the latest one is the area's label).
    pub partnership: String,
    pub year: i32,
    pub kind: String,
    pub priorities: Vec<Priority>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Priority {
    pub title: String,
    pub themes: Vec<String>,
}

/// The documents of the batch output in `dir`, in the batch's order, and how many were left
/// out for want of an area or a period.
pub fn load(dir: &Path) -> Result<(Vec<Document>, usize), CompareError> {
    let path = dir.join("documents.jsonl");
    let shown = path.display().to_string();
    let text = std::fs::read_to_string(&path).map_err(|e| CompareError::Read {
        path: shown.clone(),
        reason: format!("{e} (is this an `sgx batch --out` folder with the jsonl export?)"),
    })?;
    let mut docs = Vec::new();
    let mut left_out = 0;
    for (k, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let v: Value = serde_json::from_str(line).map_err(|e| CompareError::Parse {
            path: shown.clone(),
            line: k + 1,
            reason: e.to_string(),
        })?;
        match document(&v) {
            Some(d) => docs.push(d),
            None => left_out += 1,
        }
    }
    Ok((docs, left_out))
}

fn document(v: &Value) -> Option<Document> {
    let name = v["partnership"]["name"].as_str()?;
    let area = match v["partnership"]["key"].as_str() {
        Some(key) if !key.is_empty() => key.to_string(),
        _ => place_key(name)?,
    };
    let year = v["document"]["period"]["start_year"].as_i64()? as i32;
    let priorities = v["priorities"]
        .as_array()
        .map(|ps| {
            ps.iter()
                .map(|p| Priority {
                    title: p["title"].as_str().unwrap_or_default().to_string(),
                    themes: p["themes"]
                        .as_array()
                        .map(|ts| ts.iter().filter_map(|t| t["id"].as_str().map(str::to_string)).collect())
                        .unwrap_or_default(),
                })
                .collect()
        })
        .unwrap_or_default();
    Some(Document {
        document_id: v["document_id"].as_str().unwrap_or_default().to_string(),
        area,
        partnership: name.to_string(),
        year,
        kind: v["document"]["kind"].as_str().unwrap_or("other").to_string(),
        priorities,
    })
}

/// The place words of a partnership's name, lower-cased and joined by "-"; none when the
/// name has no place ("Local Safeguarding Children Board").
pub fn place_key(name: &str) -> Option<String> {
    let words: Vec<String> = name
        .split(|c: char| c.is_whitespace() || c == ',')
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’').to_lowercase())
        .map(|w| w.replace('’', "'"))
        .filter(|w| !w.is_empty() && !GENERIC_WORDS.contains(&w.as_str()))
        .collect();
    (!words.is_empty()).then(|| words.join("-"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn board_and_partnership_names_of_one_area_share_a_key() {
        assert_eq!(place_key("Wrenfield Local Safeguarding Children Board").as_deref(), Some("wrenfield"));
        assert_eq!(place_key("Wrenfield Safeguarding Children Partnership").as_deref(), Some("wrenfield"));
        assert_eq!(place_key("Calder Moss Safeguarding Children Board").as_deref(), Some("calder-moss"));
        assert_eq!(place_key("Local Safeguarding Children Board"), None);
    }
}
