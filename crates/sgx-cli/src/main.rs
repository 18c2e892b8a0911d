//! The `sgx` command line. It stays thin: read → recognise → print, with errors turned into
//! one line naming the file and the reason.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(name = "sgx", version, about = "Extract structured facts from safeguarding children partnership plans and reports")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Print the extracted facts of one document as JSON (the sgx model).
    Extract { file: PathBuf },
    /// Print the intermediate representation of one document as JSON.
    Ir { file: PathBuf },
    /// Print the tables found in one document as JSON: [{"page": .., "rows": [[..]]}].
    Tables { file: PathBuf },
    /// Print the JSON Schema of the model `extract` prints.
    Schema,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    // A panic must end as one line on stderr like any other failure, not a backtrace.
    std::panic::set_hook(Box::new(|_| {}));
    let file = match &cli.command {
        Command::Extract { file } | Command::Ir { file } | Command::Tables { file } => Some(file.display().to_string()),
        Command::Schema => None,
    };
    let result = std::panic::catch_unwind(|| run(cli.command));
    let err = match result {
        Ok(Ok(())) => return ExitCode::SUCCESS,
        Ok(Err(e)) => format!("{e:#}"),
        Err(panic) => {
            let msg = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown".into());
            format!("internal error (please report): {msg}")
        }
    };
    let line = match file {
        Some(f) => format!("sgx: {f}: {err}"),
        None => format!("sgx: {err}"),
    };
    eprintln!("{}", line.replace('\n', " "));
    ExitCode::FAILURE
}

fn read(file: &PathBuf) -> anyhow::Result<sgx_ir::Document> {
    let bytes = std::fs::read(file).map_err(|e| anyhow::anyhow!("cannot read: {}", io_reason(&e)))?;
    let path = file.display().to_string();
    Ok(sgx_read::read(&bytes, &path)?)
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        std::io::ErrorKind::IsADirectory => "is a directory".into(),
        _ => e.to_string(),
    }
}

fn run(command: Command) -> anyhow::Result<()> {
    let json = match command {
        Command::Extract { file } => {
            let doc = read(&file)?;
            serde_json::to_string_pretty(&sgx_recognise::recognise(&doc))?
        }
        Command::Ir { file } => serde_json::to_string_pretty(&read(&file)?)?,
        Command::Tables { file } => {
            let doc = read(&file)?;
            let tables: Vec<serde_json::Value> = doc
                .blocks
                .iter()
                .filter_map(|b| b.as_table().map(|t| (b, t)))
                .map(|(b, t)| serde_json::json!({ "page": b.prov.page.unwrap_or(1), "rows": t.text_grid() }))
                .collect();
            serde_json::to_string_pretty(&tables)?
        }
        Command::Schema => sgx_model::json_schema(),
    };
    let mut out = std::io::stdout().lock();
    writeln!(out, "{json}").context("cannot write to stdout")?;
    Ok(())
}
