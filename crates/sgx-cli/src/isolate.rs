//! Per-document isolation: the work on one document runs in a child process under a
//! wall-clock limit and an address-space limit, so a parser that hangs, crashes or runs away
//! with memory costs that document one error line and never the program.
//!
//! One-file commands fork (`run_forked`): the child is this process as it stands, so it pays
//! no second start-up (which cost as much as reading a short PDF). `sgx batch` starts
//! long-lived workers instead (this binary re-run with a hidden subcommand, `run` and
//! `batch::pool`), because a batch process has threads and must not fork.

use std::process::Command;
use std::time::Duration;

/// The hidden subcommand the child runs.
pub const WORKER: &str = "__worker";
/// Environment variable carrying the memory limit (bytes) to the child.
const MEMORY_ENV: &str = "SGX_WORKER_MAX_MEMORY";

#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub timeout: Duration,
    pub max_memory: u64,
}

/// Run `sgx __worker ARGS...` and return its stdout, or the reason it failed (one-file
/// commands where fork is not available).
#[cfg(not(unix))]
pub fn run(args: &[String], limits: Limits) -> Result<Vec<u8>, String> {
    use std::io::Read;
    use std::process::Stdio;
    use wait_timeout::ChildExt;

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
    let status =
        match child.wait_timeout(limits.timeout).map_err(|e| format!("cannot wait for the worker: {e}"))? {
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

/// Run `work` in a forked child under the limits and return what it produced, or the reason
/// it failed. The child's stderr is captured, so its last line can explain a crash (the
/// allocator's "memory allocation … failed", say) without reaching the user's terminal.
///
/// Call only while this process has a single thread: a forked child inherits no other
/// thread, and a lock another thread held would stay locked in it.
#[cfg(unix)]
pub fn run_forked(work: impl FnOnce() -> Result<Vec<u8>, String>, limits: Limits) -> Result<Vec<u8>, String> {
    use std::os::fd::AsRawFd;
    use std::os::unix::process::ExitStatusExt;

    let pipe = || std::io::pipe().map_err(|e| format!("cannot create a pipe for the worker: {e}"));
    let (out_r, out_w) = pipe()?;
    let (err_r, err_w) = pipe()?;
    // SAFETY: the caller guarantees a single-threaded process, so the child may run any code.
    let pid = unsafe { libc::fork() };
    if pid < 0 {
        return Err(format!("cannot start a worker process: {}", std::io::Error::last_os_error()));
    }
    if pid == 0 {
        drop((out_r, err_r));
        // SAFETY: dup2 onto fd 2 replaces this process's stderr with the pipe; _exit ends the
        // child without running the parent's exit handlers or flushing its copied buffers.
        unsafe {
            libc::dup2(err_w.as_raw_fd(), 2);
        }
        drop(err_w);
        apply_limits(limits.max_memory);
        let code = match std::panic::catch_unwind(std::panic::AssertUnwindSafe(work)) {
            Ok(Ok(bytes)) => write_all(&out_w, &bytes).map_or(1, |()| 0),
            Ok(Err(reason)) => fail(&reason),
            Err(panic) => fail(&panic_reason(&*panic)),
        };
        unsafe { libc::_exit(code) }
    }
    drop((out_w, err_w));
    let deadline = std::time::Instant::now() + limits.timeout;
    let drained = drain(&out_r, &err_r, deadline);
    if drained.is_none() {
        // SAFETY: pid is our child, not yet reaped.
        unsafe {
            libc::kill(pid, libc::SIGKILL);
        }
    }
    let status = reap(pid)?;
    let Some((out, err)) = drained else { return Err(timed_out(limits)) };
    let status = std::process::ExitStatus::from_raw(status);
    if status.success() {
        return Ok(out);
    }
    Err(exit_reason(String::from_utf8_lossy(&err).trim(), &status, limits))
}

/// In a forked child: the reason as the last line of stderr, and the exit code for failure.
#[cfg(unix)]
fn fail(reason: &str) -> i32 {
    let _ = write_all(&std::io::stderr(), format!("{}\n", reason.replace('\n', " ")).as_bytes());
    1
}

#[cfg(unix)]
fn write_all(mut to: impl std::io::Write, bytes: &[u8]) -> Result<(), ()> {
    to.write_all(bytes).map_err(drop)
}

/// Read both pipes to their end, or give up at the deadline (None).
#[cfg(unix)]
fn drain(
    out: &std::io::PipeReader,
    err: &std::io::PipeReader,
    deadline: std::time::Instant,
) -> Option<(Vec<u8>, Vec<u8>)> {
    use std::os::fd::AsRawFd;

    let mut bufs = [Vec::new(), Vec::new()];
    let mut open = [true, true];
    let readers = [out, err];
    let mut chunk = vec![0u8; 1 << 16];
    while open.iter().any(|&o| o) {
        let left = deadline.saturating_duration_since(std::time::Instant::now());
        if left.is_zero() {
            return None;
        }
        let mut fds: Vec<libc::pollfd> = (0..2)
            .filter(|&i| open[i])
            .map(|i| libc::pollfd { fd: readers[i].as_raw_fd(), events: libc::POLLIN, revents: 0 })
            .collect();
        let ms = left.as_millis().clamp(1, i32::MAX as u128) as i32;
        // SAFETY: fds is a valid array of fds.len() pollfd structs.
        let ready = unsafe { libc::poll(fds.as_mut_ptr(), fds.len() as libc::nfds_t, ms) };
        if ready < 0 {
            if std::io::Error::last_os_error().kind() == std::io::ErrorKind::Interrupted {
                continue;
            }
            return None;
        }
        for fd in fds.iter().filter(|fd| fd.revents != 0) {
            let i = if fd.fd == readers[0].as_raw_fd() { 0 } else { 1 };
            match std::io::Read::read(&mut &*readers[i], &mut chunk) {
                Ok(0) | Err(_) => open[i] = false,
                Ok(n) => bufs[i].extend_from_slice(&chunk[..n]),
            }
        }
    }
    let [out, err] = bufs;
    Some((out, err))
}

/// Wait for the child to end; its raw wait status.
#[cfg(unix)]
fn reap(pid: libc::pid_t) -> Result<i32, String> {
    let mut status = 0;
    loop {
        // SAFETY: status is a valid out-pointer; pid is our child.
        if unsafe { libc::waitpid(pid, &mut status, 0) } == pid {
            return Ok(status);
        }
        let e = std::io::Error::last_os_error();
        if e.kind() != std::io::ErrorKind::Interrupted {
            return Err(format!("cannot wait for the worker: {e}"));
        }
    }
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

/// Why a worker ended without success, from the end of its stderr and its exit status: the
/// last line that is not part of a backtrace (`RUST_BACKTRACE` may be set).
pub fn exit_reason(stderr: &str, status: &std::process::ExitStatus, limits: Limits) -> String {
    if stderr.contains("memory allocation") || stderr.contains("out of memory") {
        return format!("out of memory (limit {} MB)", limits.max_memory / (1024 * 1024));
    }
    if let Some(reason) = stderr.lines().rev().find(|l| !is_backtrace(l)) {
        return reason.to_string();
    }
    match signal(status) {
        Some(sig) => format!("the parser crashed (signal {sig})"),
        None => format!("the worker failed (exit code {:?})", status.code()),
    }
}

/// A line of a backtrace, or of the notes around one, or an empty line.
fn is_backtrace(line: &str) -> bool {
    line.trim().is_empty()
        || line.starts_with(char::is_whitespace)
        || line.starts_with("stack backtrace:")
        || line.starts_with("note: ")
}

#[cfg(unix)]
fn signal(status: &std::process::ExitStatus) -> Option<i32> {
    std::os::unix::process::ExitStatusExt::signal(status)
}

#[cfg(not(unix))]
fn signal(_: &std::process::ExitStatus) -> Option<i32> {
    None
}

/// In an exec'd worker: apply the memory limit the parent passed.
pub fn apply_worker_limits() {
    if let Some(bytes) = std::env::var(MEMORY_ENV).ok().and_then(|v| v.parse::<u64>().ok()) {
        apply_limits(bytes);
    }
}

/// In a worker: limit its address space, and end it with the parent (a run killed half-way
/// must not leave a hanging worker behind).
fn apply_limits(max_memory: u64) {
    #[cfg(target_os = "linux")]
    // SAFETY: prctl(PR_SET_PDEATHSIG) only sets a flag of this process.
    unsafe {
        libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL);
    }
    #[cfg(unix)]
    let _ = rlimit::setrlimit(rlimit::Resource::AS, max_memory, max_memory);
}

// Shared with the Python package: one wording of a panic everywhere.
pub use sgx_pipeline::panic_reason;

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::process::ExitStatusExt;

    #[test]
    fn the_reason_is_found_above_a_backtrace() {
        let limits = Limits { timeout: Duration::from_secs(1), max_memory: 256 << 20 };
        let aborted = std::process::ExitStatus::from_raw(6); // SIGABRT
        let oom = "memory allocation of 67108864 bytes failed\nstack backtrace:\n   0: std::backtrace\n\
                   note: Some details are omitted, run with `RUST_BACKTRACE=full` for a verbose backtrace.";
        assert_eq!(exit_reason(oom, &aborted, limits), "out of memory (limit 256 MB)");
        let crash = "corrupt stream\nstack backtrace:\n   0: main\n             at src/main.rs:1\nnote: run with `RUST_BACKTRACE=full`";
        assert_eq!(exit_reason(crash, &aborted, limits), "corrupt stream");
        assert_eq!(exit_reason("", &aborted, limits), "the parser crashed (signal 6)");
    }
}
