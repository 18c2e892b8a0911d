//! Priorities on the real-document set (`../shared/real`, texts as published, with golds of
//! what a careful reader sees). Skipped where the set is absent.
//!
//! Two checks: where a gold lists the priorities, the titles found match them (F1 over titles,
//! matched as the set's scorer matches them); where a gold lists none (no list visible, or
//! only a list cut off by the end of the excerpt), sgx finds none — a document without a
//! visible list must not get one made up from its principles, functions or strengths.

mod common;

use std::path::{Path, PathBuf};

use serde_json::Value;

/// Title F1 on the documents whose gold lists priorities must stay at least this.
const MIN_TITLE_F1: f64 = 0.85;
/// At most this many documents without a visible list may get priorities.
const MAX_LISTS_WHERE_NONE_VISIBLE: usize = 1;
/// Two titles match at this similarity (as the set's scorer: after normalisation).
const SAME_TITLE: f64 = 0.70;

fn real_set() -> Option<PathBuf> {
    let dir = common::root().join("../shared/real");
    dir.is_dir().then_some(dir)
}

/// Lower-case words of letters and digits, "&" read as "and".
fn norm(s: &str) -> Vec<char> {
    let s = s.to_lowercase().replace('&', " and ");
    let words: Vec<String> =
        s.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_string).collect();
    words.join(" ").chars().collect()
}

/// 2·LCS / (|a| + |b|) over normalised characters.
fn similarity(a: &str, b: &str) -> f64 {
    let (a, b) = (norm(a), norm(b));
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let mut prev = vec![0usize; b.len() + 1];
    for x in &a {
        let mut cur = vec![0usize; b.len() + 1];
        for (j, y) in b.iter().enumerate() {
            cur[j + 1] = if x == y { prev[j] + 1 } else { prev[j + 1].max(cur[j]) };
        }
        prev = cur;
    }
    2.0 * prev[b.len()] as f64 / (a.len() + b.len()) as f64
}

/// Gold titles matched one-to-one, greedily, by predicted titles.
fn matched(gold: &[String], predicted: &[String]) -> usize {
    let mut used = vec![false; predicted.len()];
    let mut hits = 0;
    for g in gold {
        let best = (0..predicted.len())
            .filter(|&k| !used[k])
            .map(|k| (similarity(g, &predicted[k]), k))
            .max_by(|a, b| a.0.total_cmp(&b.0));
        if let Some((_, k)) = best.filter(|(s, _)| *s >= SAME_TITLE) {
            used[k] = true;
            hits += 1;
        }
    }
    hits
}

fn gold(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn priorities_on_the_real_set() {
    let Some(dir) = real_set() else {
        eprintln!("skipped: no real-document set next to the repository");
        return;
    };
    let (mut hits, mut n_gold, mut n_pred) = (0, 0, 0);
    let mut made_up = Vec::new();
    let mut texts: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    texts.sort();
    for text in texts {
        let gold_path = PathBuf::from(format!("{}.gold.json", text.display()));
        if !gold_path.exists() {
            continue;
        }
        let predicted: Vec<String> = common::extract(&text).priorities.into_iter().map(|p| p.title).collect();
        match gold(&gold_path).get("priorities").and_then(Value::as_array) {
            Some(list) => {
                let titles: Vec<String> =
                    list.iter().filter_map(|t| t.as_str().map(str::to_string)).collect();
                hits += matched(&titles, &predicted);
                n_gold += titles.len();
                n_pred += predicted.len();
            }
            None if !predicted.is_empty() => {
                made_up.push(text.file_name().unwrap().to_string_lossy().to_string())
            }
            None => {}
        }
    }
    let precision = if n_pred == 0 { 1.0 } else { hits as f64 / n_pred as f64 };
    let recall = if n_gold == 0 { 1.0 } else { hits as f64 / n_gold as f64 };
    let f1 = if precision + recall == 0.0 { 0.0 } else { 2.0 * precision * recall / (precision + recall) };
    assert!(f1 >= MIN_TITLE_F1, "title F1 {f1:.2} ({hits}/{n_gold} gold, {n_pred} predicted)");
    assert!(made_up.len() <= MAX_LISTS_WHERE_NONE_VISIBLE, "priorities where none is visible: {made_up:?}");
}

#[test]
fn title_similarity_is_the_scorers() {
    assert!(similarity("Domestic Abuse", "domestic abuse.") > 0.99);
    assert!(similarity("Neglect", "Neglect led by the Trust") < SAME_TITLE);
    assert_eq!(matched(&["Neglect".into(), "Early Help".into()], &["early help".into()]), 1);
}
