//! `sgx compare DIR` over a batch output: the worked example of corpus/ (two fictional areas,
//! three years each, board era and partnership era) compared across years and areas.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn sgx(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sgx")).args(args).output().expect("sgx runs")
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().unwrap()
}

/// The corpus documents (files, not corpus/expected/) whose names `keep` accepts, sorted.
fn corpus_documents(keep: impl Fn(&str) -> bool) -> Vec<String> {
    let mut files: Vec<String> = std::fs::read_dir(repo().join("corpus"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file() && keep(&p.file_name().unwrap().to_string_lossy()))
        .map(|p| p.display().to_string())
        .collect();
    files.sort();
    files
}

/// The worked example's documents.
fn worked_example() -> Vec<String> {
    corpus_documents(|name| name.starts_with("wrenfield_") || name.starts_with("calder_moss_"))
}

#[test]
fn the_worked_example_compares_two_areas_across_three_years() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let docs = worked_example();
    assert_eq!(docs.len(), 6, "{docs:?}");
    let mut args = vec!["batch", "--quiet", "--out", out.to_str().unwrap()];
    args.extend(docs.iter().map(String::as_str));
    let batch = sgx(&args);
    assert!(batch.status.success(), "{}", String::from_utf8_lossy(&batch.stderr));

    let compare = sgx(&["compare", out.to_str().unwrap()]);
    assert!(compare.status.success(), "{}", String::from_utf8_lossy(&compare.stderr));
    let text = String::from_utf8_lossy(&compare.stdout);
    // One area each for the board era and the partnership era, named by the latest name.
    for (label, years) in [
        ("Wrenfield Safeguarding Children Partnership [wrenfield]", ["2013", "2016", "2020"]),
        ("Calder Moss Safeguarding Children Partnership [calder-moss]", ["2014", "2017", "2021"]),
    ] {
        let at = text.find(label).unwrap_or_else(|| panic!("{label} in:\n{text}"));
        let section = &text[at..];
        for y in years {
            assert!(section.contains(&format!("  {y}  ")), "{label} {y} in:\n{text}");
        }
    }
    assert!(!text.contains("left out"), "{text}");
    // Themes across the years: neglect named in all three of Wrenfield's documents.
    assert!(text.contains("2016 persists neglect") && text.contains("2020 persists neglect"), "{text}");

    let rows = std::fs::read_to_string(out.join("compare/priorities_by_area_year.csv")).unwrap();
    let wrenfield_rows = rows.lines().filter(|l| l.starts_with("wrenfield,")).count();
    assert_eq!(wrenfield_rows, 12, "four priorities in each of three years:\n{rows}");
    let changes = std::fs::read_to_string(out.join("compare/theme_changes.csv")).unwrap();
    assert!(changes.lines().any(|l| l == "wrenfield,neglect,2020,persists"), "{changes}");
    let coverage = std::fs::read_to_string(out.join("compare/theme_coverage.csv")).unwrap();
    assert!(coverage.lines().skip(1).all(|l| l.split(',').nth(2) == Some("2")), "two areas:\n{coverage}");
}

#[test]
fn a_folder_that_is_no_batch_output_is_one_error_line() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().to_str().unwrap();
    let out = sgx(&["compare", dir]);
    assert!(!out.status.success());
    assert!(out.stdout.is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert!(err.contains(dir) && err.contains("documents.jsonl"), "{err}");
}

/// Rows of a CSV file, header included.
fn csv_rows(path: &Path) -> Vec<Vec<String>> {
    let mut reader = csv::ReaderBuilder::new().has_headers(false).from_path(path).unwrap();
    reader.records().map(|r| r.unwrap().iter().map(str::to_string).collect()).collect()
}

/// Rows of an SQLite query, each value as the CSV writes it (shares with two decimals).
fn view_rows(conn: &rusqlite::Connection, view: &str) -> Vec<Vec<String>> {
    let mut stmt = conn.prepare(&format!("SELECT * FROM {view}")).unwrap();
    let header: Vec<String> = stmt.column_names().map(str::to_string).collect();
    let width = header.len();
    let mut rows = vec![header];
    let body = stmt
        .query_map([], |r| {
            (0..width)
                .map(|i| {
                    Ok(match r.get_ref(i)? {
                        rusqlite::types::ValueRef::Null => String::new(),
                        rusqlite::types::ValueRef::Integer(n) => n.to_string(),
                        rusqlite::types::ValueRef::Real(x) => format!("{x:.2}"),
                        rusqlite::types::ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned(),
                        rusqlite::types::ValueRef::Blob(_) => panic!("no blobs in {view}"),
                    })
                })
                .collect::<rusqlite::Result<Vec<String>>>()
        })
        .unwrap();
    rows.extend(body.map(Result::unwrap));
    rows
}

#[test]
fn the_sqlite_views_agree_with_the_comparison_csv_files() {
    // The whole corpus: the worked example, areas with one document, and documents published in
    // several formats (compared once).
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let docs = corpus_documents(|_| true);
    let mut args = vec!["batch", "--quiet", "--out", out.to_str().unwrap()];
    args.extend(docs.iter().map(String::as_str));
    let batch = sgx(&args);
    assert!(batch.status.success(), "{}", String::from_utf8_lossy(&batch.stderr));
    let compare = sgx(&["compare", out.to_str().unwrap()]);
    assert!(compare.status.success(), "{}", String::from_utf8_lossy(&compare.stderr));

    let conn = rusqlite::Connection::open(out.join("sgx.sqlite")).unwrap();
    for view in ["priorities_by_area_year", "theme_changes", "theme_coverage"] {
        let csv = csv_rows(&out.join(format!("compare/{view}.csv")));
        let sql = view_rows(&conn, view);
        assert!(csv.len() > 2, "{view}: the corpus gives rows");
        assert_eq!(sql, csv, "{view}: the SQLite view and the CSV differ");
    }
    // Twins were compared once: Harrowfield's workplan is in four formats.
    let harrowfield: i64 = conn
        .query_row("SELECT count(*) FROM compared_documents WHERE area LIKE 'harrowfield%'", [], |r| r.get(0))
        .unwrap();
    let all: i64 = conn
        .query_row("SELECT count(*) FROM documents WHERE partnership_key LIKE 'harrowfield%'", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!((harrowfield, all), (1, 4));
}
