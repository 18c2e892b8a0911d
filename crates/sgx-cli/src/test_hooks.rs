//! Behaviour for the test suite only: with the cargo feature `test-hooks` (which scripts/test
//! turns on), a worker hangs, crashes or exhausts memory on a file whose name contains the
//! value of `SGX_TEST_HANG_ON`, `SGX_TEST_ABORT_ON` or `SGX_TEST_EXHAUST_MEMORY_ON`, standing
//! in for a hostile file so that the tests can prove the parent survives; and it changes a file
//! whose name contains `SGX_TEST_CHANGE_ON` just before reading it (a line appended), standing
//! in for a file written to while a batch runs. Without the feature (`cargo build --release`)
//! the hook does nothing and the environment is not read.

use std::path::Path;

use sgx_pipeline::Stage;

/// Runs in the worker when `stage` of `file` starts.
#[cfg(feature = "test-hooks")]
pub fn at_stage(stage: Stage, file: &Path) {
    let name = file.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
    let on = |var: &str| std::env::var(var).is_ok_and(|v| !v.is_empty() && name.contains(&v));
    if stage == Stage::Read && on("SGX_TEST_CHANGE_ON") {
        use std::io::Write;
        let appended = std::fs::OpenOptions::new()
            .append(true)
            .open(file)
            .and_then(|mut f| f.write_all(b"\nChanged while sgx was reading it.\n"));
        appended.expect("the test hook changes the file");
    }
    if stage != Stage::Parse {
        return;
    }
    if on("SGX_TEST_HANG_ON") {
        loop {
            std::thread::sleep(std::time::Duration::from_secs(3600));
        }
    }
    if on("SGX_TEST_ABORT_ON") {
        std::process::abort();
    }
    if on("SGX_TEST_EXHAUST_MEMORY_ON") {
        let mut held: Vec<Vec<u8>> = Vec::new();
        loop {
            held.push(vec![1; 64 << 20]);
        }
    }
}

/// Runs in the worker when `stage` of `file` starts: nothing, in a build without the feature.
#[cfg(not(feature = "test-hooks"))]
pub fn at_stage(_stage: Stage, _file: &Path) {}
