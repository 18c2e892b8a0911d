//! `sgx review FILE -o PAGE`: writes one self-contained page and nothing on stdout, or one
//! error line naming the file and the reason and no page (not even a partial one); never
//! overwrites its input. The screenshot check is `review_screenshot.rs`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn sgx(args: &[&Path]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sgx")).arg("review").args(args).output().expect("sgx runs")
}

fn corpus(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus").join(name)
}

/// Exit 1, nothing on stdout, one stderr line naming `file` and giving `reason`.
fn assert_one_line_error(out: &Output, file: &Path, reason: &str) {
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
    assert!(err.starts_with(&format!("sgx: {}: ", file.display())), "names the file: {err}");
    assert!(err.contains(reason), "says '{reason}': {err}");
}

/// The names in `dir`: an error leaves no page and no temporary file behind.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_pdf_review_is_one_self_contained_page() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("review.html");
    std::fs::write(&page, "an older review").unwrap();
    let out = sgx(&[&corpus("harrowfield_lscb_workplan_2009-10.pdf"), Path::new("-o"), &page]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.stdout.is_empty() && out.stderr.is_empty());
    assert_eq!(names(dir.path()), ["review.html"], "replaced in place, no temporary file left");
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>") && html.ends_with("</html>\n"));
    assert_eq!(html.matches("<img src=\"data:image/png;base64,").count(), 5, "five pages drawn");
    assert!(!html.contains("http://") && !html.contains("https://"), "nothing fetched from elsewhere");
    assert!(html.contains("id=\"box-action-15\""));
}

#[test]
fn max_pages_limits_the_pages_drawn() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("review.html");
    let args: [&Path; 5] = [
        &corpus("harrowfield_lscb_workplan_2009-10.pdf"),
        Path::new("-o"),
        &page,
        Path::new("--max-pages"),
        Path::new("1"),
    ];
    assert!(sgx(&args).status.success());
    let html = std::fs::read_to_string(&page).unwrap();
    assert_eq!(html.matches("<img src=\"data:image/png").count(), 1);
    assert!(html.contains("Pages 2 to 5 are not drawn"));
}

#[test]
fn a_text_review_highlights_lines() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("review.html");
    let out = sgx(&[&corpus("harrowfield_lscb_workplan_2009-10.txt"), Path::new("-o"), &page]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(html.contains("class=\"u hl k-priority\"") && html.contains("id=\"box-priority-1\""));
}

#[test]
fn a_corrupt_pdf_is_one_line_and_no_page() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("plan.pdf");
    std::fs::write(&input, b"%PDF-1.7\n1 0 obj << /Type /Catalog").unwrap();
    let page = dir.path().join("review.html");
    let out = sgx(&[&input, Path::new("-o"), &page]);
    assert_one_line_error(&out, &input, "corrupt file");
    assert_eq!(names(dir.path()), ["plan.pdf"]);
}

#[test]
fn a_missing_file_is_one_line_and_no_page() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("missing.pdf");
    let page = dir.path().join("review.html");
    let out = sgx(&[&input, Path::new("-o"), &page]);
    assert_one_line_error(&out, &input, "cannot read: no such file");
    assert!(names(dir.path()).is_empty());
}

#[test]
fn the_input_is_never_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("plan.md");
    let text = "# Greyford Safeguarding Children Partnership\n";
    std::fs::write(&input, text).unwrap();
    // The same file, and the same file by another path.
    for output in [input.clone(), dir.path().join(".").join("plan.md")] {
        let out = sgx(&[&input, Path::new("-o"), &output]);
        assert_one_line_error(&out, &input, "refusing to overwrite the input");
        assert_eq!(std::fs::read_to_string(&input).unwrap(), text);
        assert_eq!(names(dir.path()), ["plan.md"]);
    }
}

#[test]
fn an_output_that_cannot_be_written_is_one_line_and_no_page() {
    let dir = tempfile::tempdir().unwrap();
    let input = corpus("harrowfield_lscb_workplan_2009-10.txt");
    let page = dir.path().join("no/such/folder/review.html");
    let out = sgx(&[&input, Path::new("-o"), &page]);
    assert_one_line_error(&out, &input, "cannot write");
    assert!(names(dir.path()).is_empty());
    let out = sgx(&[&input, Path::new("-o"), dir.path()]);
    assert_one_line_error(&out, &input, "is a directory");
}
