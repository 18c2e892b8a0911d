//! Per-document isolation: the work on one document runs in a child process (this binary
//! re-run with a hidden subcommand) under a wall-clock limit and an address-space limit, so
//! a parser that hangs, crashes or runs away with memory costs that document one error line
//! and never the program. `sgx batch` keeps such workers for many documents, one at a time
//! (`batch::pool`).

use std::io::Read;
use std::process::{Command, Stdio};
use std::time::Duration;

use wait_timeout::ChildExt;

/// The hidden subcommand the child runs.
pub const WORKER: &str = "__worker";
/// Environment variable carrying the memory limit (bytes) to the child.
const MEMORY_ENV: &str = "SGX_WORKER_MAX_MEMORY";

#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub timeout: Duration,
    pub max_memory: u64,
}

/// Run `sgx __worker ARGS...` and return its stdout, or the reason it failed.
pub fn run(args: &[String], limits: Limits) -> Result<Vec<u8>, String> {
    let mut child = worker_command(args, limits)?
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start a worker process: {e}"))?;
    // Drain both pipes while waiting, so a large output cannot block the child.
    let mut stdout = child.stdout.take().expect("piped");
    let mut stderr = child.stderr.take().expect("piped");
    let out_reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = stdout.read_to_end(&mut buf);
        buf
    });
    let err_reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = stderr.read_to_end(&mut buf);
        buf
    });
    let status = match child.wait_timeout(limits.timeout).map_err(|e| format!("cannot wait for the worker: {e}"))? {
        Some(status) => status,
        None => {
            let _ = child.kill();
            let _ = child.wait();
            return Err(timed_out(limits));
        }
    };
    let out = out_reader.join().unwrap_or_default();
    let err = String::from_utf8_lossy(&err_reader.join().unwrap_or_default()).trim().to_string();
    if status.success() {
        return Ok(out);
    }
    Err(exit_reason(&err, &status, limits))
}

/// The command that starts a worker, `sgx __worker ARGS...`, carrying the memory limit.
pub fn worker_command(args: &[String], limits: Limits) -> Result<Command, String> {
    let exe = std::env::current_exe().map_err(|e| format!("cannot find the sgx executable: {e}"))?;
    let mut command = Command::new(exe);
    command.arg(WORKER).args(args).env(MEMORY_ENV, limits.max_memory.to_string());
    Ok(command)
}

/// The reason for a worker that outlived the time limit.
pub fn timed_out(limits: Limits) -> String {
    format!("timed out after {} s", limits.timeout.as_secs())
}

/// Why a worker ended without success, from the end of its stderr and its exit status.
pub fn exit_reason(stderr: &str, status: &std::process::ExitStatus, limits: Limits) -> String {
    if stderr.contains("memory allocation") || stderr.contains("out of memory") {
        return format!("out of memory (limit {} MB)", limits.max_memory / (1024 * 1024));
    }
    if let Some(reason) = stderr.lines().last().filter(|l| !l.is_empty()) {
        return reason.to_string();
    }
    match signal(status) {
        Some(sig) => format!("the parser crashed (signal {sig})"),
        None => format!("the worker failed (exit code {:?})", status.code()),
    }
}

#[cfg(unix)]
fn signal(status: &std::process::ExitStatus) -> Option<i32> {
    std::os::unix::process::ExitStatusExt::signal(status)
}

#[cfg(not(unix))]
fn signal(_: &std::process::ExitStatus) -> Option<i32> {
    None
}

/// In the worker: apply the memory limit the parent passed, and end with the parent (a batch
/// killed half-way must not leave a hanging worker behind).
pub fn apply_worker_limits() {
    #[cfg(target_os = "linux")]
    // SAFETY: prctl(PR_SET_PDEATHSIG) only sets a flag of this process.
    unsafe {
        libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL);
    }
    #[cfg(unix)]
    if let Some(bytes) = std::env::var(MEMORY_ENV).ok().and_then(|v| v.parse::<u64>().ok()) {
        let _ = rlimit::setrlimit(rlimit::Resource::AS, bytes, bytes);
    }
}

/// The one-line reason for a caught panic.
pub fn panic_reason(panic: &(dyn std::any::Any + Send)) -> String {
    let msg = panic.downcast_ref::<&str>().map(|s| s.to_string()).or_else(|| panic.downcast_ref::<String>().cloned()).unwrap_or_else(|| "unknown".into());
    format!("internal error (please report): {}", msg.replace(['\n', '\r'], " "))
}
