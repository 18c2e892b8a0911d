//! The genre score separates the genre from the rest, measured where sgx will meet both: every
//! document of the genre it has (the corpus, the genre fixtures, and, in ../shared, the seeds and
//! the real texts as published) scores at least the threshold, and every document of
//! ../shared/external (peers' test PDFs and HTML, and Ofsted's inspection reports on local
//! areas, which name the partnership and use its vocabulary throughout) scores below it.

mod common;

use std::path::{Path, PathBuf};

use sgx_recognise::GENRE_THRESHOLD;

/// The files under `dir` (recursively) that sgx reads as documents (not the sets' notes).
fn documents_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            let ext = p.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
            if p.is_dir() && p.file_name().is_some_and(|n| n != "expected" && n != "gold") {
                stack.push(p);
            } else if ["pdf", "html", "htm", "txt", "md", "docx"].contains(&ext.as_str()) {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// Each file's score (files sgx cannot read are left out: they have none), two at a time.
fn scores(files: &[PathBuf]) -> Vec<(f64, PathBuf)> {
    let half = files.len().div_ceil(2);
    std::thread::scope(|s| {
        let parts: Vec<_> = files
            .chunks(half.max(1))
            .map(|chunk| {
                s.spawn(move || {
                    chunk
                        .iter()
                        .filter_map(|f| {
                            let x = sgx_pipeline::extract_file(f, &mut |_| {}).ok()?;
                            Some((x.document.genre.score, f.clone()))
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        parts.into_iter().flat_map(|h| h.join().unwrap()).collect()
    })
}

fn below(scored: &[(f64, PathBuf)]) -> Vec<String> {
    scored.iter().filter(|(s, _)| *s < GENRE_THRESHOLD).map(|(s, p)| format!("{s} {}", p.display())).collect()
}

fn at_or_above(scored: &[(f64, PathBuf)]) -> Vec<String> {
    scored
        .iter()
        .filter(|(s, _)| *s >= GENRE_THRESHOLD)
        .map(|(s, p)| format!("{s} {}", p.display()))
        .collect()
}

#[test]
fn the_corpus_and_the_genre_fixtures_are_of_the_genre() {
    let mut files = common::files_in("corpus");
    files.extend(common::files_in("fixtures/genre"));
    let scored = scores(&files);
    assert!(scored.len() >= 25, "{}", scored.len());
    assert!(below(&scored).is_empty(), "scored below {GENRE_THRESHOLD}: {:#?}", below(&scored));
}

#[test]
fn real_texts_and_seeds_are_of_the_genre() {
    let (Some(real), Some(seeds)) = (sgx_testkit::shared("real"), sgx_testkit::shared("corpus/seeds")) else {
        return;
    };
    let mut files: Vec<PathBuf> =
        documents_under(&real).into_iter().filter(|p| p.extension().is_some_and(|e| e == "txt")).collect();
    files.extend(documents_under(&seeds));
    let scored = scores(&files);
    assert!(scored.len() >= 60, "{}", scored.len());
    assert!(below(&scored).is_empty(), "scored below {GENRE_THRESHOLD}: {:#?}", below(&scored));
}

#[test]
fn external_documents_are_not_of_the_genre() {
    let Some(external) = sgx_testkit::shared("external") else { return };
    let files = documents_under(&external);
    let scored = scores(&files);
    assert!(scored.len() >= 400, "{}", scored.len());
    let inspections =
        scored.iter().filter(|(_, p)| p.components().any(|c| c.as_os_str() == "ofsted")).count();
    assert!(inspections >= 40, "the inspection reports are read: {inspections}");
    assert!(at_or_above(&scored).is_empty(), "scored {GENRE_THRESHOLD} or more: {:#?}", at_or_above(&scored));
}
