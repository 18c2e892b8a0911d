//! The work on one document, and the worker side of the batch's worker processes: a worker
//! reads one path a line on stdin and answers each with lines on stdout, `stage NAME` as it
//! goes (so a hang or crash can be placed), then `model JSON` or `error REASON`.

use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};

use sgx_model::Extraction;

use super::pool::WorkerPool;

/// The worker command of a batch: `sgx __worker batch -`.
pub const WORKER_KIND: &str = "batch";

/// A document that produced no model, and where in its processing that happened.
#[derive(Debug, Clone)]
pub struct Failed {
    /// `input` (the file could not be opened), then in the worker `read`, `detect`, `parse`,
    /// `recognise`, `serialise`; `worker` (no worker could be started), `output` (the worker's
    /// answer was not a model), `store` (the model could not be saved), `export`, `batch`.
    pub stage: String,
    pub reason: String,
}

impl Failed {
    pub fn new(stage: &str, reason: impl Into<String>) -> Failed {
        Failed { stage: stage.to_string(), reason: reason.into() }
    }
}

/// How a batch gets models: from worker processes, or in this process (`--in-process`, for
/// debugging: no time or memory limit).
pub enum Extractor {
    Workers(WorkerPool),
    InProcess,
}

impl Extractor {
    pub fn extract(&self, file: &Path) -> Result<Extraction, Failed> {
        let json = match self {
            Extractor::Workers(pool) => pool.extract(file)?,
            Extractor::InProcess => in_process(file)?.into_bytes(),
        };
        serde_json::from_slice(&json)
            .map_err(|e| Failed::new("output", format!("the worker's answer is not a model: {e}")))
    }
}

/// The model of `file` as one line of JSON. `at_parse` runs when parsing starts (the test
/// suite's hang and crash hooks, which stand in for a hostile file).
pub fn work(
    file: &Path,
    announce: &mut dyn FnMut(&'static str),
    at_parse: fn(&Path),
) -> anyhow::Result<String> {
    let model = sgx_pipeline::extract_file(file, &mut |stage| {
        announce(stage.as_str());
        if stage == sgx_pipeline::Stage::Parse {
            at_parse(file);
        }
    })?;
    announce("serialise");
    // Compact JSON has no line breaks, so the model is one line of the worker's answer.
    Ok(serde_json::to_string(&model)?)
}

/// In the worker: answer requests until stdin closes. A panic costs only its document.
pub fn serve(at_parse: fn(&Path)) -> anyhow::Result<()> {
    let stdin = std::io::stdin().lock();
    let mut out = std::io::stdout().lock();
    for request in stdin.lines() {
        let request = request?;
        let Ok(path) = serde_json::from_str::<String>(&request) else { continue };
        let result = {
            let mut announce = |stage: &str| {
                let _ = writeln!(out, "stage {stage}").and_then(|()| out.flush());
            };
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                work(&PathBuf::from(&path), &mut announce, at_parse)
            }))
        };
        match result {
            Ok(Ok(json)) => writeln!(out, "model {json}")?,
            Ok(Err(e)) => writeln!(out, "error {}", format!("{e:#}").replace(['\n', '\r'], " "))?,
            Err(panic) => writeln!(out, "error {}", crate::isolate::panic_reason(panic.as_ref()))?,
        }
        out.flush()?;
    }
    Ok(())
}

fn in_process(file: &Path) -> Result<String, Failed> {
    let mut stage = "read";
    let result =
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| work(file, &mut |s| stage = s, |_| {})));
    match result {
        Ok(Ok(json)) => Ok(json),
        Ok(Err(e)) => Err(Failed::new(stage, format!("{e:#}"))),
        Err(panic) => Err(Failed::new(stage, crate::isolate::panic_reason(panic.as_ref()))),
    }
}
