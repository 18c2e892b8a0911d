//! The theme taxonomy: `data/themes.json`, compiled into the binary and checked when it is
//! first used (a test checks it on every build, so the check never fails in a release).

use std::collections::BTreeSet;
use std::sync::LazyLock;

use serde::Deserialize;
use sgx_model::ThemeAxis;

use super::words::{is_acronym, words};

/// The taxonomy's text, as shipped.
pub const TAXONOMY_JSON: &str = include_str!("../../data/themes.json");

/// The shortest stem a `word*` entry may have: shorter ones match too many words.
const MIN_STEM_LEN: usize = 4;

/// The compiled-in taxonomy, read once per process.
pub static TAXONOMY: LazyLock<Taxonomy> =
    LazyLock::new(|| Taxonomy::parse(TAXONOMY_JSON).expect("data/themes.json is valid (tested)"));

/// The whole data file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Taxonomy {
    /// Printed in every output as `themes_version`.
    pub version: String,
    /// What the taxonomy is and how it matches, for people reading the file.
    pub about: String,
    /// Acronyms that assign a theme only through the document's own glossary.
    pub ambiguous_acronyms: Vec<AmbiguousAcronym>,
    /// Phrases that assign no theme; matched like the others, they keep a shorter phrase inside
    /// them from counting ("missing data" is not about missing children).
    pub not_themes: Vec<String>,
    pub themes: Vec<Theme>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AmbiguousAcronym {
    pub term: String,
    /// The theme it usually means in the genre ("" when none), for the README.
    pub usually: String,
    /// What else it stands for.
    pub why: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Theme {
    pub id: String,
    pub axis: ThemeAxis,
    pub label: String,
    /// Phrases that assign the theme wherever they occur.
    pub phrases: Vec<String>,
    /// Phrases that assign it only when no theme of `weak_unless` is assigned to the same fact
    /// ("exploitation" alone is exploitation in general unless CSE or CCE is named).
    #[serde(default)]
    pub weak: Vec<String>,
    #[serde(default)]
    pub weak_unless: Vec<String>,
    /// Phrases that assign it only when they are the whole text of a field (a priority titled
    /// "Prevent" is the Prevent duty; "Prevent harm" is a verb).
    #[serde(default)]
    pub whole_field: Vec<String>,
}

/// Why the data file cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum TaxonomyError {
    #[error("themes.json is not the taxonomy's JSON: {0}")]
    Json(#[from] serde_json::Error),
    #[error("themes.json: {0}")]
    Invalid(String),
}

impl Taxonomy {
    /// Read and check a taxonomy.
    pub fn parse(json: &str) -> Result<Taxonomy, TaxonomyError> {
        let taxonomy: Taxonomy = serde_json::from_str(json)?;
        taxonomy.check().map_err(TaxonomyError::Invalid)?;
        Ok(taxonomy)
    }

    /// The index of the theme with this id.
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.themes.iter().position(|t| t.id == id)
    }

    fn check(&self) -> Result<(), String> {
        if self.version.trim().is_empty() {
            return Err("no version".into());
        }
        let mut ids = BTreeSet::new();
        for theme in &self.themes {
            let id = &theme.id;
            if id.is_empty() || !id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
            {
                return Err(format!("theme id '{id}' is not snake_case"));
            }
            if !ids.insert(id.as_str()) {
                return Err(format!("theme '{id}' is listed twice"));
            }
            if theme.phrases.is_empty() {
                return Err(format!("theme '{id}' has no phrases"));
            }
            if theme.weak.is_empty() != theme.weak_unless.is_empty() {
                return Err(format!("theme '{id}': weak phrases and weak_unless go together"));
            }
            let mut seen = BTreeSet::new();
            for phrase in theme.phrases.iter().chain(&theme.weak).chain(&theme.whole_field) {
                check_phrase(phrase).map_err(|e| format!("theme '{id}': {e}"))?;
                if !seen.insert(phrase.as_str()) {
                    return Err(format!("theme '{id}' lists '{phrase}' twice"));
                }
            }
        }
        for theme in &self.themes {
            if let Some(unknown) = theme.weak_unless.iter().find(|u| !ids.contains(u.as_str())) {
                return Err(format!("theme '{}': weak_unless names no theme '{unknown}'", theme.id));
            }
        }
        for phrase in &self.not_themes {
            check_phrase(phrase).map_err(|e| format!("not_themes: {e}"))?;
        }
        for acronym in &self.ambiguous_acronyms {
            let term = &acronym.term;
            if !is_acronym(term) {
                return Err(format!("ambiguous acronym '{term}' is not in capitals"));
            }
            if !acronym.usually.is_empty() && !ids.contains(acronym.usually.as_str()) {
                return Err(format!("ambiguous acronym '{term}': no theme '{}'", acronym.usually));
            }
            let listed =
                self.themes.iter().flat_map(|t| t.phrases.iter().chain(&t.weak).chain(&t.whole_field));
            if listed.into_iter().any(|p| p.split(' ').any(|w| w == term)) {
                return Err(format!("ambiguous acronym '{term}' is also a phrase of a theme"));
            }
        }
        Ok(())
    }
}

/// A phrase is words separated by single spaces, each in lower case or an acronym in capitals,
/// with `*` only at the end of its last word, after a stem of at least [`MIN_STEM_LEN`].
fn check_phrase(phrase: &str) -> Result<(), String> {
    let parts: Vec<&str> = phrase.split(' ').collect();
    if parts.iter().any(|p| p.is_empty()) {
        return Err(format!("'{phrase}' has an empty word"));
    }
    for (i, part) in parts.iter().enumerate() {
        let word = match part.strip_suffix('*') {
            Some(stem) if i + 1 == parts.len() && stem.len() >= MIN_STEM_LEN => stem,
            Some(_) => return Err(format!("'{phrase}': a stem is its last word, {MIN_STEM_LEN}+ letters")),
            None => part,
        };
        // The text is split into words the same way, so a phrase word must be one word.
        if words(word).len() != 1 {
            return Err(format!("'{phrase}': '{word}' is not one word"));
        }
        let lower = word.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit());
        if !lower && !is_acronym(word) {
            return Err(format!("'{phrase}': '{word}' is neither lower case nor an acronym in capitals"));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_taxonomy_is_valid() {
        let t = Taxonomy::parse(TAXONOMY_JSON).unwrap();
        assert!(t.themes.len() >= 30, "{} themes", t.themes.len());
        for axis in [ThemeAxis::Harm, ThemeAxis::Practice] {
            assert!(t.themes.iter().any(|th| th.axis == axis), "no theme on {axis:?}");
        }
    }

    #[test]
    fn invalid_taxonomies_are_refused_with_a_reason() {
        let theme = |id: &str, phrases: &str, extra: &str| {
            format!(r#"{{"id": "{id}", "axis": "harm", "label": "L", "phrases": [{phrases}]{extra}}}"#)
        };
        let file = |themes: &[String], ambiguous: &str| {
            format!(
                r#"{{"version": "1", "about": "", "ambiguous_acronyms": [{ambiguous}], "not_themes": [],
                "themes": [{}]}}"#,
                themes.join(",")
            )
        };
        let cases = [
            (file(&[theme("a", r#""x""#, ""), theme("a", r#""y""#, "")], ""), "listed twice"),
            (file(&[theme("Neglect", r#""x""#, "")], ""), "snake_case"),
            (file(&[theme("a", "", "")], ""), "no phrases"),
            (file(&[theme("a", r#""Early help""#, "")], ""), "neither lower case"),
            (file(&[theme("a", r#""early  help""#, "")], ""), "empty word"),
            (file(&[theme("a", r#""rad*""#, "")], ""), "stem"),
            (file(&[theme("a", r#""self-harm""#, "")], ""), "not one word"),
            (file(&[theme("a", r#""x", "x""#, "")], ""), "twice"),
            (file(&[theme("a", r#""x""#, r#", "weak": ["y"], "weak_unless": ["b"]"#)], ""), "no theme 'b'"),
            (file(&[theme("a", r#""x""#, r#", "weak": ["y"]"#)], ""), "go together"),
            (
                file(&[theme("a", r#""DA""#, "")], r#"{"term": "DA", "usually": "a", "why": ""}"#),
                "also a phrase",
            ),
            (file(&[theme("a", r#""x""#, r#", "colour": "red""#)], ""), "unknown field"),
        ];
        for (json, reason) in cases {
            let err = Taxonomy::parse(&json).expect_err(&json).to_string();
            assert!(err.contains(reason), "{err} (expected '{reason}')");
        }
    }
}
