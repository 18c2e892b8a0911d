//! `sgx review FILE -o PAGE`: the model extracted as `sgx extract` does, and the review page
//! (sgx-review) made from it and the very bytes it was made from, both in the isolated worker
//! (rendering a PDF is parsing it too); then the page written atomically.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;

/// The most pages `--max-pages` accepts.
pub const MAX_PAGES: u64 = 10_000;

/// The page's HTML for `file`, made in this process (the worker's side).
pub fn produce(file: &Path, max_pages: usize) -> anyhow::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    let model = sgx_pipeline::extract_file_with(file, &mut |_| {}, &mut |b| bytes = b.to_vec())?;
    let opts = sgx_review::Options { max_pages, ..sgx_review::Options::default() };
    Ok(sgx_review::review_html(&bytes, &model, &opts)?.into_bytes())
}

/// Refuse an output that is the input itself (before anything is read or written).
pub fn check_output(input: &Path, output: &Path) -> anyhow::Result<()> {
    if output.is_dir() {
        anyhow::bail!("cannot write {}: is a directory", output.display());
    }
    let same = match (input.canonicalize(), output.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => input == output,
    };
    if same {
        anyhow::bail!("refusing to overwrite the input with its review ({})", output.display());
    }
    Ok(())
}

/// Write `bytes` to `path` whole or not at all: a temporary file beside it, synced, then
/// renamed over it; on any failure the temporary file is removed and `path` is untouched.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let name =
        path.file_name().with_context(|| format!("cannot write {}: not a file name", path.display()))?;
    let mut tmp_name = std::ffi::OsString::from(".");
    tmp_name.push(name);
    tmp_name.push(format!(".tmp-{}", std::process::id()));
    let tmp: PathBuf = path.with_file_name(tmp_name);
    let written = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&tmp)
        .and_then(|mut f| f.write_all(bytes).and_then(|()| f.sync_all()))
        .and_then(|()| std::fs::rename(&tmp, path));
    if let Err(e) = written {
        let _ = std::fs::remove_file(&tmp);
        return Err(anyhow::anyhow!("cannot write {}: {}", path.display(), sgx_pipeline::io_reason(&e)));
    }
    Ok(())
}

/// `sgx review`: check the output path, make the page in a worker under the limits (as `sgx
/// extract` reads its file), write it.
pub fn run(file: &Path, output: &Path, max_pages: u64, limits: crate::LimitArgs) -> anyhow::Result<()> {
    check_output(file, output)?;
    let max_pages = usize::try_from(max_pages.min(MAX_PAGES)).unwrap_or(usize::MAX);
    let html = if limits.in_process || cfg!(not(unix)) {
        produce(file, max_pages)?
    } else {
        forked(file, max_pages, &limits)?
    };
    write_atomically(output, &html)
}

#[cfg(unix)]
fn forked(file: &Path, max_pages: usize, limits: &crate::LimitArgs) -> anyhow::Result<Vec<u8>> {
    // Single-threaded here: nothing has started a thread yet.
    let work = || {
        crate::test_hooks::at_stage(sgx_pipeline::Stage::Parse, file);
        produce(file, max_pages).map_err(|e| format!("{e:#}"))
    };
    crate::isolate::run_forked(work, limits.into()).map_err(anyhow::Error::msg)
}

#[cfg(not(unix))]
fn forked(file: &Path, max_pages: usize, _: &crate::LimitArgs) -> anyhow::Result<Vec<u8>> {
    produce(file, max_pages)
}
