//! `sgx batch`: hostile inputs cost one errors.jsonl line each and never the batch; the exports
//! agree with each other and with the JSON; output is the same whatever `--jobs` is; re-runs
//! are incremental; a batch killed half-way completes on the next run with nothing duplicated
//! or half-written; `--out` is kept away from the inputs.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

#[test]
#[cfg_attr(
    not(feature = "test-hooks"),
    ignore = "needs the test hooks: --features sgx-cli/test-hooks (scripts/test)"
)]
fn a_mixed_folder_exports_every_good_document_and_one_error_line_per_bad_one() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    let mut good: Vec<String> = copy_corpus_samples(&input);

    std::fs::write(input.join("corrupt.pdf"), b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> garbage")
        .unwrap();
    std::fs::write(input.join("empty.txt"), b"").unwrap();
    std::fs::write(input.join("noise.pdf"), noise(4096)).unwrap();
    write_zip_bomb(&input.join("bomb.docx"));
    // An unreadable input. Tests run as root here, and root reads a chmod 000 file anyway, so
    // chmod cannot make one: a dangling symbolic link is the unreadable file, and a named pipe
    // (which would block a naive reader forever) the unreadable special file.
    std::os::unix::fs::symlink(dir.path().join("deleted.txt"), input.join("dangling.txt")).unwrap();
    let pipe = input.join("pipe.pdf");
    assert!(Command::new("mkfifo").arg(&pipe).status().unwrap().success());
    // chmod 000 is still tried: a failure for a normal user, a good document for root.
    let locked = input.join("locked.txt");
    std::fs::write(&locked, variant(&repo().join("corpus/hollinsby_scb_business_plan_2012-2014.txt"), 1))
        .unwrap();
    set_mode(&locked, 0o000);
    let locked_is_readable = std::fs::read(&locked).is_ok();
    if locked_is_readable {
        good.push("locked.txt".into());
    }
    // The test hooks make the worker hang on, or abort on, these names (distinct contents, or
    // the second would be a copy of the first and never parsed).
    std::fs::write(
        input.join("hangs.txt"),
        "Harrowfield Safeguarding Children Partnership\nA plan that hangs.",
    )
    .unwrap();
    std::fs::write(
        input.join("crashes.txt"),
        "Harrowfield Safeguarding Children Partnership\nA plan that crashes.",
    )
    .unwrap();

    let out = dir.path().join("out");
    let start = Instant::now();
    let run = Command::new(sgx())
        .args([
            "batch",
            input.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "--timeout",
            "2",
            "--jobs",
            "2",
        ])
        .env("SGX_TEST_HANG_ON", "hangs")
        .env("SGX_TEST_ABORT_ON", "crashes")
        .output()
        .unwrap();
    assert!(start.elapsed() < Duration::from_secs(120), "the hang costs its timeout, not the batch");
    assert_eq!(
        run.status.code(),
        Some(3),
        "3: some documents failed, the rest written\n{}",
        String::from_utf8_lossy(&run.stderr)
    );

    let exported: BTreeSet<String> = read_jsonl(&out.join("documents.jsonl"))
        .iter()
        .map(|d| file_name(d["source"]["path"].as_str().unwrap()))
        .collect();
    assert_eq!(exported, good.iter().cloned().collect::<BTreeSet<_>>(), "every good document is exported");

    let errors = read_jsonl(&out.join("errors.jsonl"));
    let mut expected = vec![
        ("corrupt.pdf", "parse", "corrupt"),
        ("empty.txt", "detect", "empty file"),
        ("noise.pdf", "detect", "binary"),
        ("bomb.docx", "parse", "too large"),
        ("dangling.txt", "input", "no such file"),
        ("pipe.pdf", "input", "not a regular file"),
        ("hangs.txt", "parse", "timed out after 2 s"),
        ("crashes.txt", "parse", "crashed"),
    ];
    if !locked_is_readable {
        expected.push(("locked.txt", "input", "permission denied"));
    }
    assert_eq!(errors.len(), expected.len(), "one line per bad input: {errors:#?}");
    for (name, stage, reason) in expected {
        let lines: Vec<_> =
            errors.iter().filter(|e| file_name(e["path"].as_str().unwrap()) == name).collect();
        assert_eq!(lines.len(), 1, "{name}: exactly one errors.jsonl line");
        assert_eq!(lines[0]["stage"], stage, "{name}: {}", lines[0]);
        assert!(lines[0]["reason"].as_str().unwrap().contains(reason), "{name}: {}", lines[0]);
    }
    let summary = read_json(&out.join("summary.json"));
    assert_eq!(summary["failed"], errors.len());
    assert_eq!(summary["documents"], good.len());
    assert_exports_agree(&out);
    set_mode(&locked, 0o644);
}

#[test]
fn output_is_the_same_whatever_jobs_is_and_copies_are_one_document() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    let names = copy_corpus_samples(&input);
    std::fs::copy(input.join(&names[0]), input.join("zz_copy_of_first")).unwrap();
    let one = dir.path().join("one");
    let two = dir.path().join("two");
    assert_eq!(
        batch(&[input.to_str().unwrap(), "--out", one.to_str().unwrap(), "--jobs", "1"]).status.code(),
        Some(0)
    );
    assert_eq!(
        batch(&[input.to_str().unwrap(), "--out", two.to_str().unwrap(), "--jobs", "2"]).status.code(),
        Some(0)
    );
    for file in [
        "documents.jsonl",
        "documents.csv",
        "priorities.csv",
        "actions.csv",
        "governance.csv",
        "glossary.csv",
        "themes.csv",
    ] {
        assert_eq!(
            std::fs::read(one.join(file)).unwrap(),
            std::fs::read(two.join(file)).unwrap(),
            "{file} differs between --jobs 1 and 2"
        );
    }
    let docs = read_jsonl(&one.join("documents.jsonl"));
    assert_eq!(docs.len(), names.len(), "the copy is the same document");
    let paths: Vec<String> = docs.iter().map(|d| file_name(d["source"]["path"].as_str().unwrap())).collect();
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted, "documents appear in input order");
    assert_eq!(read_json(&one.join("summary.json"))["duplicates"], 1);
    assert_exports_agree(&one);
}

#[test]
fn a_rerun_skips_unchanged_documents_and_force_redoes_them() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    let names = copy_corpus_samples(&input);
    let out = dir.path().join("out");
    let args = [input.to_str().unwrap(), "--out", out.to_str().unwrap()];
    assert!(batch(&args).status.success());
    let first = read_json(&out.join("summary.json"));
    assert_eq!(first["extracted"], names.len());

    // A renamed file keeps its id and is not extracted again; its new path is recorded.
    std::fs::rename(input.join(&names[0]), input.join(format!("renamed_{}", names[0]))).unwrap();
    assert!(batch(&args).status.success());
    let second = read_json(&out.join("summary.json"));
    assert_eq!(
        (second["extracted"].as_u64(), second["unchanged"].as_u64()),
        (Some(0), Some(names.len() as u64))
    );
    let paths: Vec<String> = read_jsonl(&out.join("documents.jsonl"))
        .iter()
        .map(|d| file_name(d["source"]["path"].as_str().unwrap()))
        .collect();
    assert!(paths.contains(&format!("renamed_{}", names[0])), "{paths:?}");

    // A removed input leaves the exports and the store.
    std::fs::remove_file(input.join(&names[1])).unwrap();
    let mut forced = args.to_vec();
    forced.push("--force");
    assert!(batch(&forced).status.success());
    let third = read_json(&out.join("summary.json"));
    assert_eq!(
        (third["extracted"].as_u64(), third["unchanged"].as_u64()),
        (Some(names.len() as u64 - 1), Some(0))
    );
    assert_exports_agree(&out);
}

#[test]
fn a_batch_killed_half_way_completes_on_the_next_run_without_duplicates_or_partial_files() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    let source = repo().join("corpus/harrowfield_lscb_workplan_2009-10.txt");
    let total = 300;
    for i in 0..total {
        std::fs::write(input.join(format!("plan_{i:03}.txt")), variant(&source, i)).unwrap();
    }
    let out = dir.path().join("out");
    // Inherited by the workers, so the test can tell its own workers from other tests'.
    let mark = format!("SGX_KILL_TEST_MARK={}", std::process::id());
    let mut child = Command::new(sgx())
        .args(["batch", input.to_str().unwrap(), "--out", out.to_str().unwrap(), "--jobs", "2", "--quiet"])
        .env("SGX_KILL_TEST_MARK", std::process::id().to_string())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while stored(&out).len() < 15 {
        assert!(start.elapsed() < Duration::from_secs(120), "the batch makes progress");
        assert!(child.try_wait().unwrap().is_none(), "the batch was meant to be killed before it finished");
        std::thread::sleep(Duration::from_millis(10));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let kept = stored(&out);
    assert!(kept.len() < total, "killed half-way");
    for f in &kept {
        serde_json::from_slice::<serde_json::Value>(&std::fs::read(f).unwrap())
            .expect("every stored model is whole");
    }
    assert!(!out.join("documents.jsonl").exists(), "exports appear only when complete");
    assert_no_worker_left(&mark);

    let rerun = batch(&[input.to_str().unwrap(), "--out", out.to_str().unwrap(), "--jobs", "2"]);
    assert_eq!(rerun.status.code(), Some(0), "{}", String::from_utf8_lossy(&rerun.stderr));
    let summary = read_json(&out.join("summary.json"));
    assert_eq!(summary["documents"], total);
    assert!(
        summary["unchanged"].as_u64().unwrap() >= kept.len() as u64 - 2,
        "the killed run's models are reused: {summary}"
    );
    let ids: Vec<String> = read_jsonl(&out.join("documents.jsonl"))
        .iter()
        .map(|d| d["document_id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids.iter().collect::<BTreeSet<_>>().len(), total, "no duplicate");
    assert_exports_agree(&out);
}

#[test]
fn out_inside_an_input_folder_is_refused_and_nothing_is_touched() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    copy_corpus_samples(&input);
    let before = listing(&input);
    let run = batch(&[input.to_str().unwrap(), "--out", input.join("out").to_str().unwrap()]);
    assert_eq!(run.status.code(), Some(1));
    let err = String::from_utf8_lossy(&run.stderr);
    assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
    assert!(err.contains("inside the input folder"), "{err}");
    assert_eq!(listing(&input), before, "the input folder is untouched");

    // An input that is one of the files the batch writes is refused too.
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    std::fs::copy(input.join(listing(&input)[0].clone()), out.join("documents.jsonl")).unwrap();
    let run = batch(&[out.join("documents.jsonl").to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert_eq!(run.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&run.stderr).contains("would be overwritten"));
}

#[test]
fn paths_from_stdin_and_chosen_formats() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    let names = copy_corpus_samples(&input);
    let out = dir.path().join("out");
    let list: String = names.iter().take(2).map(|n| format!("{}\n", input.join(n).display())).collect();
    let mut child = Command::new(sgx())
        .args(["batch", "-", "--out", out.to_str().unwrap(), "--format", "csv", "--quiet"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::io::Write::write_all(&mut child.stdin.take().unwrap(), list.as_bytes()).unwrap();
    let run = child.wait_with_output().unwrap();
    assert_eq!(run.status.code(), Some(0));
    assert!(run.stdout.is_empty() && run.stderr.is_empty(), "--quiet prints nothing");
    assert!(out.join("documents.csv").exists() && out.join("actions.csv").exists());
    assert!(
        !out.join("documents.jsonl").exists() && !out.join("sgx.sqlite").exists(),
        "only the chosen exports"
    );
    assert_eq!(csv_rows(&out.join("documents.csv")), 2);
    assert_eq!(stored(&out).len(), 2);
}

#[test]
fn progress_lines_and_summary_when_not_quiet() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    let names = copy_corpus_samples(&input);
    let run = batch(&[input.to_str().unwrap(), "--out", dir.path().join("out").to_str().unwrap()]);
    let err = String::from_utf8_lossy(&run.stderr);
    let out = String::from_utf8_lossy(&run.stdout);
    assert!(
        err.contains(&format!("sgx batch: {} inputs", names.len())),
        "a plain line on stderr when it is not a terminal: {err}"
    );
    assert!(!err.contains('\r') && !err.contains('\u{1b}'), "no terminal codes in a log: {err:?}");
    for part in ["documents:", "pages:", "facts:", "priorities", "actions", "speed:"] {
        assert!(out.contains(part), "the summary names {part}: {out}");
    }
}

#[test]
#[cfg_attr(
    not(feature = "test-hooks"),
    ignore = "needs the test hooks: --features sgx-cli/test-hooks (scripts/test)"
)]
fn a_worker_out_of_memory_is_reported_as_out_of_memory() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    std::fs::write(input.join("grows.txt"), "Harrowfield Safeguarding Children Partnership\nA plan.")
        .unwrap();
    let out = dir.path().join("out");
    // With a backtrace asked for, the allocator's message is not the last line on stderr.
    let run = Command::new(sgx())
        .args(["batch", input.to_str().unwrap(), "--out", out.to_str().unwrap(), "--max-memory-mb", "256"])
        .env("SGX_TEST_EXHAUST_MEMORY_ON", "grows")
        .env("RUST_BACKTRACE", "1")
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(3), "{}", String::from_utf8_lossy(&run.stderr));
    let errors = read_jsonl(&out.join("errors.jsonl"));
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0]["reason"], "out of memory (limit 256 MB)", "as `sgx extract` says it");
    assert_eq!(errors[0]["stage"], "parse");
}

#[test]
fn options_out_of_bounds_are_refused_with_a_reason_before_anything_runs() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    copy_corpus_samples(&input);
    let out = dir.path().join("out");
    for (option, value, says) in [
        ("--jobs", "100000", "256"),
        ("--jobs", "0", "at least 1"),
        ("--timeout", "18446744073709551615", "--timeout"),
        ("--timeout", "0", "--timeout"),
        ("--max-memory-mb", "17592186044416", "--max-memory-mb"),
        ("--max-memory-mb", "1", "--max-memory-mb"),
    ] {
        let run = batch(&[input.to_str().unwrap(), "--out", out.to_str().unwrap(), option, value]);
        let err = String::from_utf8_lossy(&run.stderr);
        assert_eq!(run.status.code(), Some(2), "{option} {value}: the command line is wrong: {err}");
        assert!(err.contains(value) && err.contains(says), "{option} {value}: {err}");
        assert!(!out.exists(), "{option} {value}: nothing is written");
    }
}

#[test]
fn a_stderr_that_cannot_be_written_does_not_stop_the_batch() {
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
        eprintln!("skipped: no /dev/full on this system");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    let names = copy_corpus_samples(&input);
    let out = dir.path().join("out");
    let run = Command::new(sgx())
        .args(["batch", input.to_str().unwrap(), "--out", out.to_str().unwrap()])
        .stderr(full)
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(0), "progress lines that cannot be written are dropped");
    assert_eq!(read_jsonl(&out.join("documents.jsonl")).len(), names.len());
    assert_exports_agree(&out);
}

#[test]
fn an_out_that_is_not_an_sgx_output_is_refused_and_nothing_in_it_is_touched() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    copy_corpus_samples(&input);
    // Someone's folder, with a file named like a stored model that sgx did not write.
    let out = dir.path().join("home");
    std::fs::create_dir_all(out.join("documents")).unwrap();
    std::fs::write(out.join("notes.txt"), "mine").unwrap();
    std::fs::write(out.join("documents/0123456789abcdef0123456789abcdef.json"), "{}").unwrap();
    let before = tree(&out);
    let run = batch(&[input.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert_eq!(run.status.code(), Some(1));
    let err = String::from_utf8_lossy(&run.stderr);
    assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
    assert!(err.contains(out.to_str().unwrap()) && err.contains("not an sgx output folder"), "{err}");
    assert_eq!(tree(&out), before, "nothing in the folder is touched, nothing is added");
}

#[test]
fn a_new_or_empty_out_is_marked_as_sgx_output_and_an_unmarked_one_sgx_wrote_is_adopted() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    let names = copy_corpus_samples(&input);
    let new = dir.path().join("new/out");
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    for out in [&new, &empty] {
        let run = batch(&[input.to_str().unwrap(), "--out", out.to_str().unwrap()]);
        assert_eq!(run.status.code(), Some(0), "{}", String::from_utf8_lossy(&run.stderr));
        assert!(out.join(".sgx-output").is_file(), "{} is marked as sgx's", out.display());
    }
    // An output folder written before the marker existed: sgx's layout and summary.json.
    std::fs::remove_file(new.join(".sgx-output")).unwrap();
    let run = batch(&[input.to_str().unwrap(), "--out", new.to_str().unwrap()]);
    assert_eq!(run.status.code(), Some(0), "{}", String::from_utf8_lossy(&run.stderr));
    assert!(new.join(".sgx-output").is_file(), "adopted: the marker is added");
    assert_eq!(read_json(&new.join("summary.json"))["unchanged"], names.len());
}

#[test]
fn a_rerun_with_fewer_formats_removes_the_exports_it_no_longer_writes() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    let names = copy_corpus_samples(&input);
    let out = dir.path().join("out");
    assert!(batch(&[input.to_str().unwrap(), "--out", out.to_str().unwrap()]).status.success());
    assert!(out.join("documents.jsonl").exists() && out.join("sgx.sqlite").exists());
    std::fs::write(out.join("notes.txt"), "the user's own file").unwrap();
    let run = batch(&[input.to_str().unwrap(), "--out", out.to_str().unwrap(), "--format", "csv"]);
    assert_eq!(run.status.code(), Some(0), "{}", String::from_utf8_lossy(&run.stderr));
    assert!(!out.join("documents.jsonl").exists(), "the last run wrote no JSONL");
    assert!(!out.join("sgx.sqlite").exists(), "the last run wrote no SQLite");
    assert_eq!(csv_rows(&out.join("documents.csv")), names.len());
    assert!(out.join("notes.txt").exists(), "only what sgx wrote is removed");
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_leaves_the_previous_exports_whole_and_says_so() {
    use std::os::unix::process::CommandExt;

    const LIMIT: u64 = 88 * 1024;
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let run_on = |name: &str, text: &str, max_file_bytes: Option<u64>| {
        let input = dir.path().join(name);
        std::fs::create_dir(&input).unwrap();
        std::fs::write(input.join(format!("{name}.txt")), text).unwrap();
        let mut command = Command::new(sgx());
        command.args(["batch", input.to_str().unwrap(), "--out", out.to_str().unwrap(), "--quiet"]);
        if let Some(bytes) = max_file_bytes {
            // A disk that fills up: any file written past this size fails (EFBIG, the signal
            // that would kill the writer ignored). The JSON and CSV files of one short document
            // are under 1 KB; the SQLite file, a 4 KB page per table and index, has its tables
            // (about 76 KB since the action_leads table) when the documents are added and fails
            // at the end, on its indexes (100 KB), after the other exports are complete.
            // SAFETY: setrlimit and signal are async-signal-safe.
            unsafe {
                command.pre_exec(move || {
                    let limit = libc::rlimit { rlim_cur: bytes, rlim_max: bytes };
                    libc::setrlimit(libc::RLIMIT_FSIZE, &limit);
                    libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
                    Ok(())
                });
            }
        }
        command.output().unwrap()
    };
    let first =
        run_on("first", "Harrowfield Safeguarding Children Partnership\nBusiness plan 2020-21.\n", None);
    assert_eq!(first.status.code(), Some(0), "{}", String::from_utf8_lossy(&first.stderr));
    let exports = [
        "documents.jsonl",
        "documents.csv",
        "actions.csv",
        "sgx.sqlite",
        "documents.parquet",
        "actions.parquet",
        "summary.json",
        "errors.jsonl",
    ];
    let before: Vec<Vec<u8>> = exports.iter().map(|f| std::fs::read(out.join(f)).unwrap()).collect();
    assert!(before[3].len() > LIMIT as usize, "the SQLite file is over the limit below");

    let second = run_on("second", "Greyford Safeguarding Partnership\nWorkplan 2021-22.\n", Some(LIMIT));
    assert_eq!(second.status.code(), Some(1), "the batch could not write its output");
    let err = String::from_utf8_lossy(&second.stderr);
    assert!(
        err.contains("sgx.sqlite") && err.contains("not written"),
        "says what failed and what it means: {err}"
    );
    for (file, old) in exports.iter().zip(&before) {
        let now = std::fs::read(out.join(file)).unwrap();
        assert!(&now == old, "{file} is still the previous run's, whole: {}", String::from_utf8_lossy(&now));
    }
    assert_no_temp_files(&out);
}

#[cfg(target_os = "linux")]
#[test]
fn a_file_whose_name_is_not_utf8_is_read_in_a_folder_and_as_an_argument() {
    use std::os::unix::ffi::OsStrExt;

    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    let in_folder = input.join(std::ffi::OsStr::from_bytes(b"plan_\xff\xfe.txt"));
    std::fs::write(&in_folder, "Harrowfield Safeguarding Children Partnership\nBusiness plan 2020-21.\n")
        .unwrap();
    let argument = dir.path().join(std::ffi::OsStr::from_bytes(b"report_\xe9.txt"));
    std::fs::write(&argument, "Greyford Safeguarding Partnership\nAnnual report 2021-22.\n").unwrap();
    let out = dir.path().join("out");
    let run = Command::new(sgx())
        .arg("batch")
        .arg(&input)
        .arg(&argument)
        .args(["--out", out.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&std::fs::read(out.join("errors.jsonl")).unwrap_or_default())
    );
    let paths: Vec<String> = read_jsonl(&out.join("documents.jsonl"))
        .iter()
        .map(|d| d["source"]["path"].as_str().unwrap().to_string())
        .collect();
    // The JSON holds text: the invalid bytes are written as U+FFFD, as the schema says.
    assert_eq!(
        paths,
        [in_folder.to_string_lossy().to_string(), argument.to_string_lossy().to_string()],
        "both read, their paths written lossily"
    );
    assert!(paths.iter().all(|p| p.contains('\u{FFFD}')));
    assert_exports_agree(&out);
}

#[test]
#[cfg_attr(
    not(feature = "test-hooks"),
    ignore = "needs the test hooks: --features sgx-cli/test-hooks (scripts/test)"
)]
fn a_file_changed_while_it_is_read_is_stored_under_the_id_of_what_was_read() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    let file = input.join("changing.txt");
    let copy = input.join("copy.txt");
    let before = "Harrowfield Safeguarding Children Partnership\nBusiness plan 2020-21.\n";
    std::fs::write(&file, before).unwrap();
    std::fs::write(&copy, before).unwrap();
    let out = dir.path().join("out");
    let args = [input.to_str().unwrap(), "--out", out.to_str().unwrap()];
    let id_of = |bytes: &[u8]| sgx_write::document_id(bytes).unwrap().to_string();
    let display = |p: &Path| p.display().to_string();

    // The batch hashes both files (one content, one document), then the worker's read of
    // changing.txt finds a line appended: what it read is another document, and the copy,
    // still as listed, is read in its own right.
    let run =
        Command::new(sgx()).arg("batch").args(args).env("SGX_TEST_CHANGE_ON", "changing").output().unwrap();
    assert_eq!(run.status.code(), Some(0), "{}", String::from_utf8_lossy(&run.stderr));
    let read = std::fs::read(&file).unwrap();
    assert_ne!(read, before.as_bytes(), "the hook changed the file");
    let docs = read_jsonl(&out.join("documents.jsonl"));
    let ids: Vec<&str> = docs.iter().map(|d| d["document_id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        [id_of(&read), id_of(before.as_bytes())],
        "each model under the id of the bytes it was made from"
    );
    assert_eq!(docs[0]["paths"], serde_json::json!([display(&file)]));
    assert_eq!(docs[1]["paths"], serde_json::json!([display(&copy)]));
    assert_exports_agree(&out);

    // Back to the first content: not served the changed content's facts as unchanged.
    std::fs::write(&file, before).unwrap();
    std::fs::remove_file(&copy).unwrap();
    std::fs::remove_dir_all(&out).unwrap();
    let run =
        Command::new(sgx()).arg("batch").args(args).env("SGX_TEST_CHANGE_ON", "changing").output().unwrap();
    assert_eq!(run.status.code(), Some(0), "{}", String::from_utf8_lossy(&run.stderr));
    let read = std::fs::read(&file).unwrap();
    std::fs::write(&file, before).unwrap();
    assert_eq!(batch(&args).status.code(), Some(0));
    let summary = read_json(&out.join("summary.json"));
    assert_eq!(
        (summary["extracted"].as_u64(), summary["unchanged"].as_u64()),
        (Some(1), Some(0)),
        "{summary}"
    );
    let docs = read_jsonl(&out.join("documents.jsonl"));
    assert_eq!(docs[0]["document_id"], id_of(before.as_bytes()));
    assert!(
        !out.join(format!("documents/{}.json", id_of(&read))).exists(),
        "the changed content's model went"
    );
    assert_exports_agree(&out);
}

#[test]
fn every_path_of_a_document_is_listed_and_kept_current_on_a_rerun() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    let names = copy_corpus_samples(&input);
    let first = input.join(&names[0]);
    let copies = [input.join("zz_copy_of_first"), input.join("zz_second_copy")];
    for copy in &copies {
        std::fs::copy(&first, copy).unwrap();
    }
    let out = dir.path().join("out");
    let args = [input.to_str().unwrap(), "--out", out.to_str().unwrap()];
    let paths_of = |out: &Path| -> Vec<Vec<String>> {
        let docs = read_jsonl(&out.join("documents.jsonl"));
        for doc in &docs {
            let stored =
                read_json(&out.join(format!("documents/{}.json", doc["document_id"].as_str().unwrap())));
            assert_eq!(stored["paths"], doc["paths"], "the stored model lists them too");
            assert_eq!(doc["paths"][0], doc["source"]["path"], "source.path is the first");
        }
        docs.iter().map(|d| serde_json::from_value(d["paths"].clone()).unwrap()).collect()
    };
    let display = |p: &Path| p.display().to_string();
    assert_eq!(batch(&args).status.code(), Some(0));
    let paths = paths_of(&out);
    assert_eq!(paths.len(), names.len(), "the copies are one document");
    assert_eq!(
        paths[0],
        [display(&first), display(&copies[0]), display(&copies[1])],
        "every path, in input order"
    );
    for (listed, name) in paths.iter().zip(&names).skip(1) {
        assert_eq!(listed, &[display(&input.join(name))]);
    }

    // A copy removed: the document is not extracted again, and its paths are the current ones.
    std::fs::remove_file(&copies[0]).unwrap();
    assert_eq!(batch(&args).status.code(), Some(0));
    assert_eq!(read_json(&out.join("summary.json"))["unchanged"], names.len());
    assert_eq!(paths_of(&out)[0], [display(&first), display(&copies[1])]);
    assert_exports_agree(&out);
}

/// Every path below `dir` with the content of each file.
fn tree(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut all = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            all.push((path.clone(), Vec::new()));
            all.extend(tree(&path));
        } else {
            all.push((path.clone(), std::fs::read(&path).unwrap()));
        }
    }
    all.sort();
    all
}

fn listing(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().into()).collect();
    v.sort();
    v
}

/// No worker of the killed batch is still running (they end with their parent): no process
/// has the environment variable `mark` the batch was started with.
fn assert_no_worker_left(mark: &str) {
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let left: Vec<String> = std::fs::read_dir("/proc")
            .unwrap()
            .filter_map(|e| {
                let dir = e.ok()?.path();
                let environ = std::fs::read(dir.join("environ")).ok()?;
                environ.split(|&b| b == 0).any(|v| v == mark.as_bytes()).then(|| dir.display().to_string())
            })
            .collect();
        if left.is_empty() {
            return;
        }
        assert!(Instant::now() < deadline, "workers outlived the killed batch: {left:?}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

// ---- helpers ----

fn sgx() -> &'static str {
    env!("CARGO_BIN_EXE_sgx")
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().unwrap()
}

fn batch(args: &[&str]) -> std::process::Output {
    Command::new(sgx()).arg("batch").args(args).output().unwrap()
}

/// One corpus document of each format present (by extension), copied into `dir`; their names.
fn copy_corpus_samples(dir: &Path) -> Vec<String> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(repo().join("corpus"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    let mut seen = BTreeSet::new();
    let mut names = Vec::new();
    for f in files {
        let ext = f.extension().map(|e| e.to_string_lossy().to_string()).unwrap_or_default();
        if seen.insert(ext) {
            let name = file_name(f.to_str().unwrap());
            std::fs::copy(&f, dir.join(&name)).unwrap();
            names.push(name);
        }
    }
    assert!(names.len() >= 3, "the corpus has documents in several formats");
    names.sort();
    names
}

/// A text document with distinct content (so a distinct document) made from a corpus file.
fn variant(source: &Path, i: usize) -> Vec<u8> {
    let mut bytes = std::fs::read(source).unwrap();
    bytes.extend_from_slice(format!("\n\nVariant {i} of this plan.\n").as_bytes());
    bytes
}

/// Bytes that look like nothing: a fixed pseudo-random sequence with zero bytes in it.
fn noise(len: usize) -> Vec<u8> {
    let mut x: u32 = 0x9e37_79b9;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            (x >> 24) as u8
        })
        .collect()
}

/// A small .docx whose document part inflates to 160 MB, over the reader's cap.
fn write_zip_bomb(path: &Path) {
    let file = std::fs::File::create(path).unwrap();
    let mut zip = zip::ZipWriter::new(file);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(1))
        .large_file(true);
    zip.start_file("word/document.xml", options).unwrap();
    let chunk = vec![b' '; 1 << 20];
    std::io::Write::write_all(&mut zip, b"<w:document>").unwrap();
    for _ in 0..160 {
        std::io::Write::write_all(&mut zip, &chunk).unwrap();
    }
    zip.finish().unwrap();
    assert!(std::fs::metadata(path).unwrap().len() < 2 << 20, "the bomb is small on disk");
}

fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

fn file_name(path: &str) -> String {
    Path::new(path).file_name().unwrap().to_string_lossy().to_string()
}

fn read_json(path: &Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display())))
        .unwrap()
}

fn read_jsonl(path: &Path) -> Vec<serde_json::Value> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

/// The models in `out/documents/`.
fn stored(out: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(out.join("documents")) else { return Vec::new() };
    entries.map(|e| e.unwrap().path()).filter(|p| p.extension().is_some_and(|e| e == "json")).collect()
}

fn csv_rows(path: &Path) -> usize {
    let mut reader = csv::Reader::from_path(path).unwrap();
    let mut rows = 0;
    for record in reader.records() {
        record.expect("a well-formed CSV record");
        rows += 1;
    }
    rows
}

/// Everything a batch wrote agrees: the JSONL with the store, the CSVs (read with the csv crate
/// and with Python's csv module) and SQLite (with rusqlite and the sqlite3 CLI) with the JSON;
/// foreign keys hold; no temporary file is left.
fn assert_exports_agree(out: &Path) {
    let docs = read_jsonl(&out.join("documents.jsonl"));
    let ids: Vec<String> = docs.iter().map(|d| d["document_id"].as_str().unwrap().to_string()).collect();
    assert_eq!(ids.iter().collect::<BTreeSet<_>>().len(), ids.len(), "each document once");
    let stored_ids: BTreeSet<String> =
        stored(out).iter().map(|p| p.file_stem().unwrap().to_string_lossy().to_string()).collect();
    assert_eq!(
        stored_ids,
        ids.iter().cloned().collect::<BTreeSet<_>>(),
        "documents/ holds exactly the exported documents"
    );
    for doc in &docs {
        let mut line = doc.clone();
        let id = line.as_object_mut().unwrap().remove("document_id").unwrap();
        assert_eq!(
            read_json(&out.join(format!("documents/{}.json", id.as_str().unwrap()))),
            line,
            "the JSONL line is the stored model"
        );
    }
    let count = |f: &dyn Fn(&serde_json::Value) -> &serde_json::Value| {
        docs.iter().map(|d| f(d).as_array().unwrap().len()).sum::<usize>()
    };
    let expected = [
        ("documents", docs.len()),
        ("priorities", count(&|d| &d["priorities"])),
        ("actions", count(&|d| &d["actions"])),
        (
            "action_leads",
            docs.iter()
                .flat_map(|d| d["actions"].as_array().unwrap())
                .map(|a| a["lead_parts"].as_array().unwrap().len())
                .sum(),
        ),
        ("governance", count(&|d| &d["governance"]["bodies"])),
        ("glossary", count(&|d| &d["glossary"])),
        ("themes", themes_assigned(&docs)),
    ];
    for (table, n) in expected {
        assert_eq!(csv_rows(&out.join(format!("{table}.csv"))), n, "{table}.csv rows");
    }
    let db = rusqlite::Connection::open(out.join("sgx.sqlite")).unwrap();
    for (table, n) in expected {
        let rows: i64 = db.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0)).unwrap();
        assert_eq!(rows as usize, n, "{table} rows in SQLite");
    }
    let violations: i64 =
        db.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0)).unwrap();
    assert_eq!(violations, 0, "foreign keys hold");
    let integrity: String = db.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(integrity, "ok");
    python_csv_counts_agree(out, &expected);
    sqlite3_cli_agrees(out, expected[2].1);
    assert_no_temp_files(out);
}

/// Theme assignments of every priority and action: the rows of the themes table.
fn themes_assigned(docs: &[serde_json::Value]) -> usize {
    let facts = |d: &serde_json::Value| {
        let facts = d["priorities"].as_array().unwrap().iter().chain(d["actions"].as_array().unwrap());
        facts.map(|f| f["themes"].as_array().unwrap().len()).sum::<usize>()
    };
    docs.iter().map(facts).sum()
}

/// Python's csv module reads the same number of records (skipped when there is no python3).
fn python_csv_counts_agree(out: &Path, expected: &[(&str, usize)]) {
    let script = "import csv, json, sys\nprint(json.dumps({t: sum(1 for _ in csv.DictReader(open(f'{sys.argv[1]}/{t}.csv', newline='', encoding='utf-8'))) for t in sys.argv[2:]}))";
    let tables: Vec<&str> = expected.iter().map(|(t, _)| *t).collect();
    let Ok(run) = Command::new("python3").arg("-c").arg(script).arg(out).args(&tables).output() else {
        eprintln!("python3 not found: CSV check with Python skipped");
        return;
    };
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let counts: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
    for (table, n) in expected {
        assert_eq!(counts[*table].as_u64(), Some(*n as u64), "{table}.csv rows read by Python");
    }
}

/// The sqlite3 command-line shell opens the file and finds no foreign-key violation (skipped
/// when the shell is not installed; scripts/batch-throughput installs it).
fn sqlite3_cli_agrees(out: &Path, actions: usize) {
    let db = out.join("sgx.sqlite");
    let Ok(run) = Command::new("sqlite3")
        .arg("-bail")
        .arg(&db)
        .arg("PRAGMA foreign_key_check; SELECT count(*) FROM actions_with_document;")
        .output()
    else {
        eprintln!("sqlite3 not found: check with the sqlite3 shell skipped");
        return;
    };
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    assert_eq!(
        String::from_utf8_lossy(&run.stdout).trim(),
        actions.to_string(),
        "no violation rows, then the count"
    );
}

fn assert_no_temp_files(dir: &Path) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let entry = entry.unwrap();
        assert!(
            !entry.file_name().to_string_lossy().starts_with(".sgx-tmp-"),
            "left over: {}",
            entry.path().display()
        );
        if entry.file_type().unwrap().is_dir() {
            assert_no_temp_files(&entry.path());
        }
    }
}
