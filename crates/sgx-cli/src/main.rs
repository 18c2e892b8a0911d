//! The `sgx` command line. It stays thin: read → recognise → print, with errors turned into
//! one line naming the file and the reason. Each document is processed in a worker process
//! (see `isolate`) so that no input can hang or crash the program.

mod batch;
mod isolate;
mod message;
mod review;
mod test_hooks;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::Context;
use clap::{Args, Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "sgx",
    version,
    about = "Extract structured facts from safeguarding children partnership plans and reports"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// The longest `--timeout`, in seconds (a week): any longer is a mistake, and a far longer
/// one would overflow the clock's arithmetic.
const MAX_TIMEOUT_SECS: u64 = 7 * 24 * 3600;
/// The least `--max-memory-mb`: below it no document can be read.
const MIN_MEMORY_MB: u64 = 64;
/// The most `--max-memory-mb` (16 TiB): more than any machine has, and far from the value
/// whose bytes no longer fit in 64 bits.
const MAX_MEMORY_MB: u64 = 16 << 20;

#[derive(Args, Clone, Copy)]
struct LimitArgs {
    /// Seconds one document may take before it is abandoned (1 to 604800, a week).
    #[arg(long, default_value_t = 60, global = true,
          value_parser = clap::value_parser!(u64).range(1..=MAX_TIMEOUT_SECS))]
    timeout: u64,
    /// Memory one document may use, in MB (64 to 16777216).
    #[arg(long, default_value_t = 2048, global = true,
          value_parser = clap::value_parser!(u64).range(MIN_MEMORY_MB..=MAX_MEMORY_MB))]
    max_memory_mb: u64,
    /// Process the document in this process (no time or memory limit): for debugging.
    #[arg(long, global = true, hide = true)]
    in_process: bool,
}

/// The limits one document is read under, from the command line, within the bounds the
/// parser enforces (so also for a `LimitArgs` made another way).
impl From<&LimitArgs> for isolate::Limits {
    fn from(args: &LimitArgs) -> isolate::Limits {
        isolate::Limits {
            timeout: Duration::from_secs(args.timeout.clamp(1, MAX_TIMEOUT_SECS)),
            max_memory: args.max_memory_mb.clamp(MIN_MEMORY_MB, MAX_MEMORY_MB) << 20,
        }
    }
}

#[derive(Subcommand)]
enum Command {
    /// Print the extracted facts of one document as JSON (the sgx model).
    Extract {
        file: PathBuf,
        #[command(flatten)]
        limits: LimitArgs,
    },
    /// Print the intermediate representation of one document as JSON.
    Ir {
        file: PathBuf,
        #[command(flatten)]
        limits: LimitArgs,
    },
    /// Print the tables found in one document as JSON: [{"page": .., "rows": [[..]]}].
    Tables {
        file: PathBuf,
        #[command(flatten)]
        limits: LimitArgs,
    },
    /// Print the JSON Schema of the model `extract` prints.
    Schema,
    /// Extract every document under INPUT... into DIR: per-document JSON, JSONL, CSV, SQLite.
    Batch(batch::BatchArgs),
    /// Compare the partnerships of a batch output DIR across areas and years: prints the
    /// comparison and writes its CSVs into DIR/compare/.
    Compare { dir: PathBuf },
    /// Write a review page of one document: each fact shown on its page (PDF: a box on the
    /// page's image) or its lines (other formats), linked to the list of facts beside it.
    Review {
        file: PathBuf,
        /// The HTML file to write (one self-contained page).
        #[arg(short = 'o', long = "output")]
        output: PathBuf,
        /// PDF pages drawn (1 to 10000); later pages' facts are listed without a box.
        #[arg(long, default_value_t = 50, value_parser = clap::value_parser!(u64).range(1..=review::MAX_PAGES))]
        max_pages: u64,
        #[command(flatten)]
        limits: LimitArgs,
    },
    /// Run one command in this process (the isolated worker; not for direct use).
    #[command(name = isolate::WORKER, hide = true)]
    Worker { kind: String, file: PathBuf },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    // A panic must end as one line on stderr like any other failure, not a backtrace.
    std::panic::set_hook(Box::new(|_| {}));
    let command = match cli.command {
        Command::Batch(args) => return batch::main(args),
        command => command,
    };
    let file = match &command {
        Command::Extract { file, .. }
        | Command::Ir { file, .. }
        | Command::Tables { file, .. }
        | Command::Review { file, .. }
        | Command::Worker { file, .. } => Some(file.display().to_string()),
        Command::Compare { dir } => Some(dir.display().to_string()),
        Command::Schema | Command::Batch(_) => None,
    };
    let worker = matches!(command, Command::Worker { .. });
    let result = std::panic::catch_unwind(|| run(command));
    let err = match result {
        Ok(Ok(())) => return ExitCode::SUCCESS,
        Ok(Err(e)) => format!("{e:#}"),
        Err(panic) => isolate::panic_reason(&*panic),
    };
    // The worker reports the bare reason; the parent names the file.
    let line = match (worker, file) {
        (true, _) => err,
        (false, Some(f)) => format!("sgx: {f}: {err}"),
        (false, None) => format!("sgx: {err}"),
    };
    message::stderr_line(&line);
    ExitCode::FAILURE
}

fn run(command: Command) -> anyhow::Result<()> {
    let output = match command {
        Command::Schema => sgx_model::json_schema().into_bytes(),
        Command::Compare { dir } => {
            let (docs, left_out) = sgx_compare::load(&dir)?;
            let comparison = sgx_compare::Comparison::new(docs, left_out);
            comparison.write_csv(&dir.join("compare"))?;
            comparison.render().into_bytes()
        }
        Command::Worker { kind, .. } if kind == batch::WORKER_KIND => {
            isolate::apply_worker_limits();
            return batch::serve(test_hooks::at_stage);
        }
        Command::Worker { kind, file } => {
            isolate::apply_worker_limits();
            test_hooks::at_stage(sgx_pipeline::Stage::Parse, &file);
            produce(&kind, &file)?.into_bytes()
        }
        Command::Batch(_) => anyhow::bail!("internal error: batch runs from main"),
        Command::Extract { file, limits } => isolated("extract", &file, limits)?,
        Command::Ir { file, limits } => isolated("ir", &file, limits)?,
        Command::Tables { file, limits } => isolated("tables", &file, limits)?,
        Command::Review { file, output, max_pages, limits } => {
            return review::run(&file, &output, max_pages, limits);
        }
    };
    let mut out = std::io::stdout().lock();
    out.write_all(&output)
        .and_then(|()| if output.ends_with(b"\n") { Ok(()) } else { out.write_all(b"\n") })
        .context("cannot write to stdout")?;
    Ok(())
}

/// Run one command on one file in a worker process under the limits (or in this process).
fn isolated(kind: &str, file: &std::path::Path, limits: LimitArgs) -> anyhow::Result<Vec<u8>> {
    if limits.in_process {
        return Ok(produce(kind, file)?.into_bytes());
    }
    let l = isolate::Limits::from(&limits);
    // Single-threaded here: nothing has started a thread yet.
    #[cfg(unix)]
    let output = isolate::run_forked(
        || {
            test_hooks::at_stage(sgx_pipeline::Stage::Parse, file);
            produce(kind, file).map(String::into_bytes).map_err(|e| format!("{e:#}"))
        },
        l,
    );
    #[cfg(not(unix))]
    let output = isolate::run(&[kind.to_string(), file.display().to_string()], l);
    output.map_err(anyhow::Error::msg)
}

/// The JSON one command prints for one file.
fn produce(kind: &str, file: &std::path::Path) -> anyhow::Result<String> {
    if kind == "extract" {
        return Ok(sgx_pipeline::extract_file(file, &mut |_| {})?.to_json());
    }
    let doc = sgx_pipeline::read_file(file, &mut |_| {})?;
    Ok(match kind {
        "ir" => serde_json::to_string_pretty(&doc)?,
        "tables" => {
            let tables: Vec<serde_json::Value> = doc
                .blocks
                .iter()
                .filter_map(|b| b.as_table().map(|t| (b, t)))
                .map(|(b, t)| table_json(&doc, b, t))
                .collect();
            serde_json::to_string_pretty(&tables)?
        }
        other => anyhow::bail!("unknown worker command {other}"),
    })
}

/// One table for `sgx tables`: the page it starts on and its text grid, plus (where the
/// format has them) the table's box, each grid slot's cell box and the page size, so that a
/// consumer can check a cell against the page.
fn table_json(doc: &sgx_ir::Document, block: &sgx_ir::Block, table: &sgx_ir::Table) -> serde_json::Value {
    let page = block.prov.page.unwrap_or(1);
    let mut v = serde_json::json!({ "page": page, "rows": table.text_grid() });
    if let Some(b) = block.prov.bbox {
        v["bbox"] = serde_json::json!([b.x0, b.y0, b.x1, b.y1]);
        let boxes: Vec<Vec<Option<[f32; 4]>>> = table
            .grid()
            .into_iter()
            .map(|row| {
                row.into_iter()
                    .map(|slot| match slot {
                        Some((cell, true)) => {
                            cell.prov.as_ref().and_then(|p| p.bbox).map(|b| [b.x0, b.y0, b.x1, b.y1])
                        }
                        _ => None,
                    })
                    .collect()
            })
            .collect();
        v["cell_boxes"] = serde_json::json!(boxes);
    }
    if let Some(size) = doc.source.page_sizes.get(page as usize - 1) {
        v["page_size"] = serde_json::json!(size);
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_come_from_the_options_with_a_floor() {
        let args = |timeout, max_memory_mb| LimitArgs { timeout, max_memory_mb, in_process: false };
        let limits = isolate::Limits::from(&args(30, 512));
        assert_eq!((limits.timeout, limits.max_memory), (Duration::from_secs(30), 512 << 20));
        let floor = isolate::Limits::from(&args(0, 1));
        assert_eq!((floor.timeout, floor.max_memory), (Duration::from_secs(1), 64 << 20));
    }
}
