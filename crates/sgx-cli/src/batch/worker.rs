//! The worker side of the batch's worker processes: the work on one document, and the loop
//! that answers the batch's requests (see `protocol` for what is said on the pipes).

use std::io::{BufRead, Write};
use std::path::Path;

use super::protocol::{self, Failed, Reply, Stage};

/// The model of `file` as one line of JSON, announcing each stage as it is entered.
/// `at_parse` runs when parsing starts (the test suite's hang and crash hooks, which stand in
/// for a hostile file).
pub fn work(file: &Path, announce: &mut dyn FnMut(Stage), at_parse: fn(&Path)) -> anyhow::Result<String> {
    let model = sgx_pipeline::extract_file(file, &mut |stage| {
        announce(stage.into());
        if stage == sgx_pipeline::Stage::Parse {
            at_parse(file);
        }
    })?;
    announce(Stage::Serialise);
    // Compact JSON has no line breaks, so the model is one line of the worker's answer.
    Ok(serde_json::to_string(&model)?)
}

/// In the worker: answer requests until stdin closes. A panic costs only its document.
pub fn serve(at_parse: fn(&Path)) -> anyhow::Result<()> {
    let stdin = std::io::stdin().lock();
    let mut out = std::io::stdout().lock();
    for request in stdin.lines() {
        let Some(path) = protocol::parse_request(&request?) else { continue };
        let result = {
            let mut announce = |stage| {
                let _ = writeln!(out, "{}", Reply::Stage(stage)).and_then(|()| out.flush());
            };
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| work(&path, &mut announce, at_parse)))
        };
        let reply = match result {
            Ok(Ok(json)) => Reply::Model(json),
            Ok(Err(e)) => Reply::Error(format!("{e:#}")),
            Err(panic) => Reply::Error(crate::isolate::panic_reason(panic.as_ref())),
        };
        writeln!(out, "{reply}")?;
        out.flush()?;
    }
    Ok(())
}

/// The work on one document in this process (`--in-process`): no time or memory limit.
pub fn in_process(file: &Path) -> Result<String, Failed> {
    let mut stage = Stage::Pipeline(sgx_pipeline::Stage::Read);
    let result =
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| work(file, &mut |s| stage = s, |_| {})));
    match result {
        Ok(Ok(json)) => Ok(json),
        Ok(Err(e)) => Err(Failed::new(stage, format!("{e:#}"))),
        Err(panic) => Err(Failed::new(stage, crate::isolate::panic_reason(panic.as_ref()))),
    }
}
