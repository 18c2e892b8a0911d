//! The batch's worker processes. Starting a process costs more than reading most documents
//! (the recognisers build their patterns once per process), so a worker reads many documents,
//! one at a time, each under the time limit, all under the memory limit (see `isolate`). A
//! worker that hangs, crashes or runs out of memory is ended, only the document it was reading
//! fails, and the next document gets a new worker. Workers are also replaced after
//! [`RECYCLE_AFTER`] documents, or when a large document has left one holding more than a
//! quarter of the memory limit, so that memory stays flat over a long batch.

use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use wait_timeout::ChildExt;

use super::protocol::{Failed, Reply, Request, Stage, WORKER_KIND};
use super::worker::Written;
use crate::isolate::{self, Limits};

/// Documents one worker reads before it is replaced.
const RECYCLE_AFTER: usize = 500;
/// Lines of a worker's stderr kept to explain its end, and the characters kept of each.
const STDERR_TAIL_LINES: usize = 32;
const STDERR_LINE_CHARS: usize = 1000;

/// Idle workers, shared by the batch's threads; each thread takes one for a document.
pub struct WorkerPool {
    limits: Limits,
    idle: Mutex<Vec<Worker>>,
}

impl WorkerPool {
    pub fn new(limits: Limits) -> WorkerPool {
        WorkerPool { limits, idle: Mutex::new(Vec::new()) }
    }

    /// The model of the requested file, written into the store folder by a worker.
    pub fn extract(&self, request: &Request) -> Result<Written, Failed> {
        let idle = self.idle.lock().ok().and_then(|mut idle| idle.pop());
        let mut worker = match idle {
            Some(worker) => worker,
            None => Worker::start(self.limits)?,
        };
        match worker.read(request, self.limits) {
            Answer::Written(written) => {
                self.put_back(worker);
                Ok(written)
            }
            Answer::Error(failed) => {
                self.put_back(worker);
                Err(failed)
            }
            // The worker is dropped (and so ended) here.
            Answer::Lost(failed) => Err(failed),
        }
    }

    fn put_back(&self, worker: Worker) {
        let bloated =
            resident_bytes(worker.child.id()).is_some_and(|bytes| bytes > self.limits.max_memory / 4);
        if worker.served < RECYCLE_AFTER && !bloated {
            if let Ok(mut idle) = self.idle.lock() {
                idle.push(worker);
            }
        }
    }
}

enum Answer {
    Written(Written),
    /// The document failed; the worker is fine.
    Error(Failed),
    /// The worker hung, crashed or ran out of memory on the document.
    Lost(Failed),
}

struct Worker {
    child: Child,
    stdin: Option<ChildStdin>,
    /// Lines of the worker's stdout, from a reader thread.
    lines: Receiver<String>,
    /// The last lines the worker wrote on stderr, from a reader thread: the reason a worker
    /// died (the allocator's "memory allocation … failed") can be followed by a backtrace.
    last_error: Arc<Mutex<VecDeque<String>>>,
    stderr_reader: Option<JoinHandle<()>>,
    served: usize,
}

impl Worker {
    fn start(limits: Limits) -> Result<Worker, Failed> {
        let cannot = |e: String| Failed::new(Stage::Worker, format!("cannot start a worker process: {e}"));
        let mut child = isolate::worker_command(&[WORKER_KIND.to_string(), "-".to_string()], limits)
            .map_err(cannot)?
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| cannot(e.to_string()))?;
        let (Some(stdin), Some(stdout), Some(stderr)) =
            (child.stdin.take(), child.stdout.take(), child.stderr.take())
        else {
            let _ = child.kill();
            let _ = child.wait();
            return Err(cannot("no pipes".into()));
        };
        let (send, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if send.send(line).is_err() {
                    break;
                }
            }
        });
        let last_error = Arc::new(Mutex::new(VecDeque::new()));
        let tail = Arc::clone(&last_error);
        let stderr_reader = std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if let (false, Ok(mut tail)) = (line.trim().is_empty(), tail.lock()) {
                    if tail.len() == STDERR_TAIL_LINES {
                        tail.pop_front();
                    }
                    tail.push_back(line.chars().take(STDERR_LINE_CHARS).collect());
                }
            }
        });
        Ok(Worker {
            child,
            stdin: Some(stdin),
            lines,
            last_error,
            stderr_reader: Some(stderr_reader),
            served: 0,
        })
    }

    fn read(&mut self, request: &Request, limits: Limits) -> Answer {
        self.served += 1;
        let request = request.to_line();
        let sent = self.stdin.as_mut().map(|stdin| writeln!(stdin, "{request}").and_then(|()| stdin.flush()));
        if !matches!(sent, Some(Ok(()))) {
            return Answer::Lost(Failed::new(Stage::Worker, self.exit_reason(limits)));
        }
        let deadline = Instant::now() + limits.timeout;
        let mut stage = Stage::Worker;
        loop {
            match self.lines.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
                Ok(line) => match Reply::parse(&line) {
                    Some(Reply::Stage(now)) => stage = now,
                    Some(Reply::Written { id, file }) => return Answer::Written(Written { id, file }),
                    Some(Reply::Error(reason)) => return Answer::Error(Failed::new(stage, reason)),
                    None => {}
                },
                Err(RecvTimeoutError::Timeout) => {
                    self.end();
                    return Answer::Lost(Failed::new(stage, isolate::timed_out(limits)));
                }
                Err(RecvTimeoutError::Disconnected) => {
                    return Answer::Lost(Failed::new(stage, self.exit_reason(limits)))
                }
            }
        }
    }

    /// Why the worker stopped answering: it has exited (or is ended now).
    fn exit_reason(&mut self, limits: Limits) -> String {
        let status = match self.child.wait_timeout(Duration::from_secs(2)) {
            Ok(Some(status)) => status,
            _ => {
                let _ = self.child.kill();
                match self.child.wait() {
                    Ok(status) => status,
                    Err(e) => return format!("the worker failed: {e}"),
                }
            }
        };
        // The process is gone, so its stderr is closed and the reader ends.
        if let Some(reader) = self.stderr_reader.take() {
            let _ = reader.join();
        }
        let tail = self.last_error.lock().map(|t| Vec::from(t.clone()).join("\n")).unwrap_or_default();
        isolate::exit_reason(&tail, &status, limits)
    }

    fn end(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Worker {
    /// Closing stdin asks the worker to finish; one that does not is ended.
    fn drop(&mut self) {
        drop(self.stdin.take());
        if !matches!(self.child.wait_timeout(Duration::from_secs(1)), Ok(Some(_))) {
            self.end();
        }
    }
}

/// Resident memory of a process, where the system tells it.
fn resident_bytes(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(target_os = "linux")]
    #[test]
    fn resident_memory_of_this_process_is_known() {
        let bytes = resident_bytes(std::process::id()).unwrap();
        assert!(bytes > 100 * 1024 && bytes < 64 << 30, "{bytes}");
    }
}
