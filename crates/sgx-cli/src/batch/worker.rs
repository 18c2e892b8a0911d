//! The worker side of the batch's worker processes: the work on one document, and the loop
//! that answers the batch's requests (see `protocol` for what is said on the pipes).

use std::io::{BufRead, Write};
use std::path::Path;

use anyhow::Context;
use sgx_write::DocumentStore;

use super::protocol::{self, Failed, Reply, Request, Stage};

/// A model written into the store folder: the id of the bytes it was made from, and the name
/// of its file there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    pub id: String,
    pub file: String,
}

/// The model of the requested file, written straight into a new file in the store folder as
/// the store holds it (never held as text), announcing each stage as it is entered. The id is
/// taken from the bytes read, so it names what the model was made from even if the file
/// changed after the batch listed it. `hook` runs as each stage starts (the test suite's hooks,
/// which stand in for a hostile or changing file).
pub fn work(
    request: &Request,
    announce: &mut dyn FnMut(Stage),
    hook: fn(sgx_pipeline::Stage, &Path),
) -> anyhow::Result<Written> {
    let file = request.path.as_path();
    let mut id = None;
    let model = sgx_pipeline::extract_file_with(
        file,
        &mut |stage| {
            announce(stage.into());
            hook(stage, file);
        },
        &mut |bytes| id = sgx_write::document_id(bytes).ok(),
    )?;
    let id = id.context("internal error: the document's bytes were not seen")?.to_string();
    announce(Stage::Serialise);
    let paths = protocol::paths_for(&request.id, &id, &request.paths);
    let file = DocumentStore::write_new(&request.store, &model, &paths)?;
    Ok(Written { id, file })
}

/// In the worker: answer requests until stdin closes. A panic costs only its document.
pub fn serve(hook: fn(sgx_pipeline::Stage, &Path)) -> anyhow::Result<()> {
    let stdin = std::io::stdin().lock();
    let mut out = std::io::stdout().lock();
    for line in stdin.lines() {
        let Some(request) = Request::parse(&line?) else { continue };
        let result = {
            let mut announce = |stage| {
                let _ = writeln!(out, "{}", Reply::Stage(stage)).and_then(|()| out.flush());
            };
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| work(&request, &mut announce, hook)))
        };
        let reply = match result {
            Ok(Ok(Written { id, file })) => Reply::Written { id, file },
            Ok(Err(e)) => Reply::Error(format!("{e:#}")),
            Err(panic) => Reply::Error(crate::isolate::panic_reason(panic.as_ref())),
        };
        writeln!(out, "{reply}")?;
        out.flush()?;
    }
    Ok(())
}

/// The work on one document in this process (`--in-process`): no time or memory limit.
pub fn in_process(request: &Request) -> Result<Written, Failed> {
    let mut stage = Stage::Pipeline(sgx_pipeline::Stage::Read);
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        work(request, &mut |s| stage = s, |_, _| {})
    }));
    match result {
        Ok(Ok(written)) => Ok(written),
        Ok(Err(e)) => Err(Failed::new(stage, format!("{e:#}"))),
        Err(panic) => Err(Failed::new(stage, crate::isolate::panic_reason(panic.as_ref()))),
    }
}
