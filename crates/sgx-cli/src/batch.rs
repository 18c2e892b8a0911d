//! `sgx batch INPUT... --out DIR`: every document under the inputs, in parallel (rayon), each in
//! an isolated worker process (see `pool`), into exports a researcher loads (see `sgx_write`). Results stream: each
//! model goes to `DIR/documents/<id>.json` as soon as it is made, and the exports are written
//! in input order by one writer thread.

mod exporter;
mod inputs;
mod owner;
mod pool;
mod process;
mod progress;
mod protocol;
mod summary;
mod worker;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::Instant;

use anyhow::Context;
use clap::builder::{PossibleValuesParser, TypedValueParser};
use rayon::prelude::*;
use sgx_write::{AtomicFile, DocumentId, DocumentStore, ExportFormat, EXPORTS, LIST_SEPARATOR, STORE_DIR};

use exporter::{Exporter, Finished, Outcome, ERRORS_FILE};
use progress::Progress;
pub use protocol::WORKER_KIND;
use summary::Summary;
pub use worker::serve;

/// Every document succeeded.
pub const EXIT_OK: u8 = 0;
/// The batch could not run or could not write its output.
pub const EXIT_FATAL: u8 = 1;
/// Some documents failed; everything else was written (see errors.jsonl).
pub const EXIT_SOME_FAILED: u8 = 3;

/// Machine-readable summary of the last run.
const SUMMARY_FILE: &str = "summary.json";
/// Held locked while a batch writes to the folder.
const LOCK_FILE: &str = ".sgx-lock";

/// The help after the options ends with these; the list of files before them is made from
/// the exports (see [`after_help`]).
const EXIT_CODES_HELP: &str = "\
Exit codes: 0 every document succeeded; 3 some documents failed and everything else was
written; 1 the batch could not run or write its output; 2 the command line is wrong.";

/// Width the help after the options is wrapped to (clap wraps only its own text).
const HELP_WIDTH: usize = 95;

#[derive(clap::Args)]
#[command(after_help = after_help())]
pub struct BatchArgs {
    /// Files and folders to read (folders recursively); `-` reads paths from stdin, one a line.
    #[arg(required = true, value_name = "INPUT")]
    inputs: Vec<PathBuf>,
    /// Folder to write to (created if missing; never inside an input folder).
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// Documents processed at once, 1 to 256 (or to the number of cores, if more) [default:
    /// the number of cores].
    #[arg(long, short = 'j', value_name = "N", value_parser = jobs)]
    jobs: Option<usize>,
    /// Extract every document again, even those unchanged since the last run.
    #[arg(long)]
    force: bool,
    /// Exports to write, comma-separated [default: all]. documents/, errors.jsonl and
    /// summary.json are always written.
    #[arg(long, value_parser = export_format(), value_delimiter = ',', value_name = "FORMAT")]
    format: Vec<&'static ExportFormat>,
    /// Print nothing: no progress, no summary (errors.jsonl and the exit code still tell).
    #[arg(long, short = 'q')]
    quiet: bool,
    #[command(flatten)]
    limits: crate::LimitArgs,
}

/// The most `--jobs`: 256, or the number of cores on a machine with more.
const MAX_JOBS: usize = 256;

fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// `--jobs`: at least 1 and at most [`MAX_JOBS`] or the number of cores (each job is a thread
/// and a worker process; tens of thousands of them exhaust the system before any work is done).
fn jobs(value: &str) -> Result<usize, String> {
    let n: usize = value.parse().map_err(|e| format!("{value} is not a number of jobs: {e}"))?;
    let most = MAX_JOBS.max(cores());
    match n {
        0 => Err("0 jobs: must be at least 1".into()),
        n if n > most => Err(format!("{n} is more than {most}, the most jobs a batch runs at once")),
        n => Ok(n),
    }
}

/// `--format`: the name of an export in [`EXPORTS`].
fn export_format() -> impl TypedValueParser<Value = &'static ExportFormat> {
    let names = EXPORTS.iter().map(ExportFormat::name);
    PossibleValuesParser::new(names).try_map(|name: String| {
        ExportFormat::named(&name).ok_or_else(|| format!("no export is called {name}"))
    })
}

/// What a batch writes (the store, every export, the errors and the summary), then the exit codes.
fn after_help() -> String {
    let exports: Vec<String> = EXPORTS.iter().flat_map(ExportFormat::files).collect();
    let files = format!(
        "Writes to DIR: {STORE_DIR}/<id>.json (one model per document; the id comes from the content), \
         {}, {ERRORS_FILE} (one line per failed input) and {SUMMARY_FILE}. CSV list fields are joined \
         with \"{LIST_SEPARATOR}\". A re-run skips documents whose content and sgx version are unchanged.",
        exports.join(", ")
    );
    format!("{}\n\n{EXIT_CODES_HELP}", wrap(&files, HELP_WIDTH))
}

/// `text` with its spaces turned into line breaks where a line would pass `width`.
fn wrap(text: &str, width: usize) -> String {
    let mut wrapped = String::new();
    let mut line_len = 0;
    for word in text.split(' ') {
        if line_len > 0 && line_len + 1 + word.len() > width {
            wrapped.push('\n');
            line_len = 0;
        } else if line_len > 0 {
            wrapped.push(' ');
            line_len += 1;
        }
        wrapped.push_str(word);
        line_len += word.len();
    }
    wrapped
}

/// Run a batch and turn its result into the documented exit code.
pub fn main(args: BatchArgs) -> ExitCode {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| run(args))) {
        Ok(Ok(summary)) if summary.failed == 0 => ExitCode::from(EXIT_OK),
        Ok(Ok(_)) => ExitCode::from(EXIT_SOME_FAILED),
        Ok(Err(e)) => {
            crate::message::stderr_line(&format!("sgx batch: {e:#}"));
            ExitCode::from(EXIT_FATAL)
        }
        Err(panic) => {
            crate::message::stderr_line(&format!(
                "sgx batch: {}",
                crate::isolate::panic_reason(panic.as_ref())
            ));
            ExitCode::from(EXIT_FATAL)
        }
    }
}

fn run(args: BatchArgs) -> anyhow::Result<Summary> {
    let start = Instant::now();
    let out = args.out.as_path();
    let inputs = inputs::collect(&args.inputs, std::io::stdin().lock());
    inputs::check_out_dir(out, &inputs, &output_files(), sgx_write::STORE_DIR).map_err(anyhow::Error::msg)?;
    owner::claim(out, SUMMARY_FILE)?;
    let _lock = lock(out)?;
    let store = DocumentStore::open(out)?;
    let formats: Vec<&ExportFormat> =
        if args.format.is_empty() { EXPORTS.iter().collect() } else { args.format.clone() };
    let jobs = args.jobs.unwrap_or_else(cores);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .build()
        .context("cannot start the worker threads")?;
    let extractor = if args.limits.in_process {
        process::Extractor::InProcess
    } else {
        // The same limits as `sgx extract`.
        process::Extractor::Workers(pool::WorkerPool::new((&args.limits).into()))
    };

    let progress = Progress::new(inputs.files.len(), args.quiet);
    progress.note(&format!(
        "sgx batch: {} inputs, {jobs} jobs, writing to {}",
        inputs.files.len(),
        out.display()
    ));
    let summary = Summary { inputs: inputs.files.len(), jobs, ..Summary::default() };
    let exporter = Exporter::new(out, &store, &formats, summary)?;
    let work =
        Work { pool: &pool, store: &store, extractor: &extractor, progress: &progress, force: args.force };
    let not_written = "the exports were not written (those of the previous run, if any, are as they were)";
    let written = work.extract_and_export(&inputs.files, exporter).context(not_written);
    progress.finish();
    // No worker is writing now: a model one left half-written (it was ended) goes. A failure
    // here costs nothing (the next run removes them).
    let _ = store.remove_unadopted();
    let written = written?;

    let mut summary = written.summary;
    summary.wall_seconds = start.elapsed().as_secs_f64();
    let summary_file = stage_summary(out, &summary).context(not_written)?;
    // Every file is complete: only renames are left, the summary last.
    for file in written.staged.into_iter().chain([summary_file]) {
        file.commit().context("the exports were only partly moved into place")?;
    }
    // The folder reflects this run: exports it was not asked for are a previous run's.
    for format in EXPORTS.iter().filter(|f| !formats.contains(f)) {
        for name in format.files() {
            remove_if_present(&out.join(name))?;
        }
    }
    // The store now matches the exports: models of documents no longer among the inputs go.
    store.retain(&written.exported)?;
    if !args.quiet {
        // Everything is written: a stdout that cannot take the summary changes nothing.
        let mut stdout = std::io::stdout().lock();
        let _ = write!(stdout, "{}", summary.text(&out.display().to_string())).and_then(|()| stdout.flush());
    }
    Ok(summary)
}

/// What the threads of a batch share.
struct Work<'a> {
    pool: &'a rayon::ThreadPool,
    store: &'a DocumentStore,
    extractor: &'a process::Extractor,
    progress: &'a Progress,
    force: bool,
}

/// One document as the inputs list it: the id of its content, and every input with that
/// content (index in the input order, path), in input order.
struct Job<'a> {
    id: DocumentId,
    members: Vec<(usize, &'a Path)>,
}

impl Work<'_> {
    /// Extract the inputs in parallel while one writer thread exports the outcomes in input order.
    fn extract_and_export<'a>(
        &self,
        inputs: &'a [inputs::Input],
        mut exporter: Exporter<'a>,
    ) -> Result<exporter::Written, sgx_write::WriteError> {
        let ids: Vec<Result<DocumentId, protocol::Failed>> =
            self.pool.install(|| inputs.par_iter().map(process::identify).collect());
        let (send, receive) = mpsc::channel::<Finished>();
        let abort = AtomicBool::new(false);
        std::thread::scope(|scope| {
            let writer = scope.spawn(|| {
                for finished in receive {
                    if let Err(e) = exporter.accept(finished) {
                        abort.store(true, Ordering::Relaxed);
                        return Err(e);
                    }
                }
                exporter.finish()
            });
            // Inputs that cannot be read are settled here; the rest become one job per
            // document, in input order, its copies with it.
            let mut job_of: std::collections::BTreeMap<DocumentId, usize> = std::collections::BTreeMap::new();
            let mut jobs: Vec<Job> = Vec::new();
            for (index, (input, id)) in inputs.iter().zip(ids).enumerate() {
                match id {
                    Err(failed) => {
                        let outcome = Outcome::Failed { id: None, failed };
                        let _ = send.send(Finished { index, path: &input.path, outcome });
                        self.progress.advance();
                    }
                    Ok(id) => match job_of.entry(id.clone()) {
                        std::collections::btree_map::Entry::Occupied(job) => {
                            jobs[*job.get()].members.push((index, input.path.as_path()));
                        }
                        std::collections::btree_map::Entry::Vacant(job) => {
                            job.insert(jobs.len());
                            jobs.push(Job { id, members: vec![(index, input.path.as_path())] });
                        }
                    },
                }
            }
            // par_bridge hands jobs out in order as threads free up, so the writer rarely waits.
            self.pool.install(|| {
                jobs.into_iter().par_bridge().for_each_with(send, |send, job| self.run(job, send, &abort))
            });
            writer.join().unwrap_or_else(|panic| {
                Err(sgx_write::WriteError::Io {
                    path: ERRORS_FILE.into(),
                    source: std::io::Error::other(crate::isolate::panic_reason(panic.as_ref())),
                })
            })
        })
    }

    /// One document: its first input extracted (or found unchanged), the others its copies.
    /// A first input that changed after it was listed is a document of its own, and the next
    /// input is taken in its place.
    fn run<'a>(&self, job: Job<'a>, send: &mpsc::Sender<Finished<'a>>, abort: &AtomicBool) {
        let mut members = job.members.as_slice();
        while let [(index, path), copies @ ..] = members {
            if abort.load(Ordering::Relaxed) {
                return;
            }
            let paths: Vec<String> = members.iter().map(|(_, p)| p.display().to_string()).collect();
            let outcome = self.extract(path, &job.id, paths);
            let changed = matches!(&outcome, Outcome::Done { id, .. } if *id != job.id);
            let _ = send.send(Finished { index: *index, path, outcome });
            self.progress.advance();
            if changed {
                members = copies;
                continue;
            }
            for &(index, path) in copies {
                let _ = send.send(Finished { index, path, outcome: Outcome::Duplicate });
                self.progress.advance();
            }
            return;
        }
    }

    /// One document's outcome; a panic here costs only this document.
    fn extract(&self, path: &Path, id: &DocumentId, paths: Vec<String>) -> Outcome {
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            process::process(path, id, &paths, self.store, self.extractor, self.force)
        }));
        match result {
            Ok(Ok((read, done))) => {
                let paths = protocol::paths_for(id.as_str(), read.as_str(), &paths);
                Outcome::Done { id: read, done, paths }
            }
            Ok(Err(failed)) => Outcome::Failed { id: Some(id.clone()), failed },
            Err(panic) => Outcome::Failed {
                id: Some(id.clone()),
                failed: protocol::Failed::new(
                    protocol::Stage::Batch,
                    crate::isolate::panic_reason(panic.as_ref()),
                ),
            },
        }
    }
}

/// Every file a batch may write in DIR (whatever `--format` says): no input may be one.
fn output_files() -> Vec<String> {
    let mut files: Vec<String> =
        [ERRORS_FILE, SUMMARY_FILE, LOCK_FILE, owner::MARKER].map(String::from).to_vec();
    files.extend(EXPORTS.iter().flat_map(ExportFormat::files));
    files
}

/// Hold DIR for this batch: two batches writing one folder would remove each other's files.
fn lock(out: &Path) -> anyhow::Result<std::fs::File> {
    let path = out.join(LOCK_FILE);
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .with_context(|| format!("cannot create {}", path.display()))?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(std::fs::TryLockError::WouldBlock) => {
            anyhow::bail!("another sgx batch is writing to {}", out.display())
        }
        Err(std::fs::TryLockError::Error(e)) => {
            Err(e).with_context(|| format!("cannot lock {}", path.display()))
        }
    }
}

/// summary.json, complete on disk, to be moved into place with the exports.
fn stage_summary(out: &Path, summary: &Summary) -> anyhow::Result<sgx_write::Staged> {
    let path = out.join(SUMMARY_FILE);
    let mut file = AtomicFile::create(&path)?;
    let json = serde_json::to_string_pretty(&summary.to_json())?;
    writeln!(file, "{json}").with_context(|| format!("cannot write {}", path.display()))?;
    Ok(file.stage()?)
}

/// Remove a file sgx wrote in an earlier run, if it is there.
fn remove_if_present(path: &Path) -> anyhow::Result<()> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            Err(e).with_context(|| format!("cannot remove {}", path.display()))
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::*;

    #[derive(clap::Parser)]
    struct Cli {
        #[command(flatten)]
        batch: BatchArgs,
    }

    fn formats(args: &[&str]) -> Result<Vec<&'static str>, clap::Error> {
        let cli = Cli::try_parse_from(["sgx", "in", "--out", "out"].iter().chain(args))?;
        Ok(cli.batch.format.iter().map(|f| f.name()).collect())
    }

    #[test]
    fn format_takes_the_name_of_every_export_and_nothing_else() {
        for export in EXPORTS {
            assert_eq!(formats(&["--format", export.name()]).unwrap(), [export.name()]);
        }
        let all: Vec<&str> = EXPORTS.iter().map(ExportFormat::name).collect();
        assert_eq!(formats(&["--format", &all.join(",")]).unwrap(), all);
        assert_eq!(formats(&[]).unwrap(), Vec::<&str>::new(), "no --format: all, decided in run()");
        let wrong = formats(&["--format", "xlsx"]).unwrap_err().to_string();
        assert!(wrong.contains(&format!("[possible values: {}]", all.join(", "))), "{wrong}");
    }

    #[test]
    fn options_that_no_system_call_could_take_are_refused_at_parse_time() {
        let parse = |args: &[&str]| Cli::try_parse_from(["sgx", "in", "--out", "out"].iter().chain(args));
        for (args, says) in [
            (["--jobs", "100000"], "256"),
            (["--jobs", "0"], "at least 1"),
            (["--timeout", "18446744073709551615"], "604800"),
            (["--timeout", "0"], "604800"),
            (["--max-memory-mb", "17592186044416"], "16777216"),
            (["--max-memory-mb", "1"], "64"),
        ] {
            let err = parse(&args).err().unwrap_or_else(|| panic!("{args:?} is accepted")).to_string();
            assert!(err.contains(args[1]) && err.contains(says), "{args:?}: {err}");
        }
        let ok = parse(&["--jobs", "256", "--timeout", "604800", "--max-memory-mb", "16777216"]).unwrap();
        let limits = crate::isolate::Limits::from(&ok.batch.limits);
        assert_eq!(limits.max_memory, 16 << 40, "the largest limit in bytes, without overflow");
        assert_eq!(ok.batch.jobs, Some(256));
    }

    /// Bytes allocated on each thread, now and at the most (the test below counts what one
    /// thread holds; other tests' threads do not disturb it).
    mod counting {
        use std::alloc::{GlobalAlloc, Layout, System};
        use std::cell::Cell;

        pub struct Counting;

        thread_local! {
            static NOW: Cell<isize> = const { Cell::new(0) };
            static PEAK: Cell<isize> = const { Cell::new(0) };
        }

        fn change(by: isize) {
            let _ = NOW.try_with(|now| {
                now.set(now.get() + by);
                let _ = PEAK.try_with(|peak| peak.set(peak.get().max(now.get())));
            });
        }

        // SAFETY: every call is passed on to the system allocator unchanged.
        unsafe impl GlobalAlloc for Counting {
            unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
                let p = unsafe { System.alloc(layout) };
                if !p.is_null() {
                    change(layout.size() as isize);
                }
                p
            }

            unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
                let p = unsafe { System.alloc_zeroed(layout) };
                if !p.is_null() {
                    change(layout.size() as isize);
                }
                p
            }

            unsafe fn dealloc(&self, p: *mut u8, layout: Layout) {
                unsafe { System.dealloc(p, layout) };
                change(-(layout.size() as isize));
            }

            unsafe fn realloc(&self, p: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
                let q = unsafe { System.realloc(p, layout, new_size) };
                if !q.is_null() {
                    change(new_size as isize - layout.size() as isize);
                }
                q
            }
        }

        /// What `f` returns, the most it held at once on this thread, and what it still holds.
        pub fn measure<T>(f: impl FnOnce() -> T) -> (T, isize, isize) {
            let start = NOW.with(Cell::get);
            PEAK.with(|peak| peak.set(start));
            let value = f();
            (value, PEAK.with(Cell::get) - start, NOW.with(Cell::get) - start)
        }
    }

    #[global_allocator]
    static COUNTING: counting::Counting = counting::Counting;

    #[test]
    fn the_batch_holds_at_most_one_copy_of_a_document_and_never_its_text() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path();
        let store = DocumentStore::open(out).unwrap();
        // A large model: the actions of a corpus workplan many times over.
        let corpus =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus/harrowfield_lscb_workplan_2009-10.txt");
        let mut model = sgx_pipeline::extract_file(&corpus, &mut |_| {}).unwrap();
        assert!(!model.actions.is_empty());
        model.actions = model.actions.iter().cycle().take(20_000).cloned().collect();
        let id = sgx_write::document_id(&b"large"[..]).unwrap();
        let paths = vec![corpus.display().to_string()];
        // The worker's side: the model written into the store folder.
        let file = DocumentStore::write_new(store.dir(), &model, &paths).unwrap();
        drop(model);
        let text = std::fs::metadata(store.dir().join(&file)).unwrap().len() as isize;
        let (copy, _, one_copy) = counting::measure(|| {
            let file = std::fs::File::open(store.dir().join(&file)).unwrap();
            serde_json::from_reader::<_, sgx_model::Extraction>(std::io::BufReader::new(file)).unwrap()
        });
        drop(copy);
        assert!(one_copy > 10 << 20 && text > 10 << 20, "a large document: {one_copy} B, {text} B of text");

        // The batch's side of the extraction: the worker's answer taken and the model stored.
        let answered = process::Extractor::Answered(worker::Written { id: id.to_string(), file });
        let (stored, taking, _) =
            counting::measure(|| process::process(&corpus, &id, &paths, &store, &answered, true).unwrap());
        assert_eq!(stored, (id.clone(), process::Done::Extracted));

        // The export: the document in every format.
        let ((), exporting, _) = counting::measure(|| {
            let formats: Vec<&ExportFormat> = EXPORTS.iter().collect();
            let summary = Summary { inputs: 1, ..Summary::default() };
            let mut exporter = Exporter::new(out, &store, &formats, summary).unwrap();
            let outcome = Outcome::Done { id: id.clone(), done: process::Done::Extracted, paths };
            exporter.accept(Finished { index: 0, path: &corpus, outcome }).unwrap();
            for file in exporter.finish().unwrap().staged {
                file.commit().unwrap();
            }
        });
        eprintln!("model: {text} B of text, {one_copy} B as a model; the batch held {taking} B taking it, {exporting} B exporting it");
        assert!(taking < 1 << 20, "taking a model from a worker holds none of it: {taking} B");
        // One model, and while a table is written the references to its rows; never the
        // model's text beside it, nor a second model.
        assert!(
            exporting < one_copy + one_copy / 2,
            "exporting held {exporting} B, one model is {one_copy} B"
        );
        assert_eq!(store.read(&id).unwrap().actions.len(), 20_000);
    }

    #[test]
    fn after_help_names_every_file_a_batch_writes() {
        let help = after_help();
        for file in output_files().iter().filter(|f| ![LOCK_FILE, owner::MARKER].contains(&f.as_str())) {
            assert!(help.contains(file.as_str()), "{file} is missing from: {help}");
        }
        assert!(help.lines().all(|line| line.chars().count() <= HELP_WIDTH), "{help}");
    }

    #[test]
    fn wrap_breaks_at_spaces_before_the_width() {
        assert_eq!(wrap("one two three four", 9), "one two\nthree\nfour");
        assert_eq!(wrap("a-word-longer-than-the-width b", 5), "a-word-longer-than-the-width\nb");
    }
}
