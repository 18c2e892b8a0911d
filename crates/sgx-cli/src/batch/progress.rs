//! Progress on stderr: a bar with count, rate and ETA when stderr is a terminal; a plain line
//! every few seconds when it is not (a log file, CI); nothing with `--quiet`.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressState, ProgressStyle};

/// Time between two plain progress lines.
const LINE_INTERVAL: Duration = Duration::from_secs(5);

pub struct Progress {
    mode: Mode,
    total: u64,
    done: AtomicU64,
    start: Instant,
}

enum Mode {
    Bar(ProgressBar),
    Lines { last: Mutex<Instant> },
    Quiet,
}

impl Progress {
    pub fn new(total: usize, quiet: bool) -> Progress {
        let total = total as u64;
        let mode = if quiet {
            Mode::Quiet
        } else if std::io::stderr().is_terminal() {
            let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
            let style = ProgressStyle::with_template(
                "{spinner} {elapsed_precise} [{wide_bar}] {pos}/{len} documents, {rate}, ETA {eta}",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .with_key("rate", |state: &ProgressState, w: &mut dyn std::fmt::Write| {
                let _ = write!(w, "{:.1}/s", state.per_sec());
            });
            bar.set_style(style.progress_chars("=> "));
            bar.enable_steady_tick(Duration::from_millis(200));
            Mode::Bar(bar)
        } else {
            Mode::Lines { last: Mutex::new(Instant::now()) }
        };
        Progress { mode, total, done: AtomicU64::new(0), start: Instant::now() }
    }

    /// A line for the user above the bar (or on its own), unless quiet.
    pub fn note(&self, line: &str) {
        match &self.mode {
            Mode::Bar(bar) => bar.println(line),
            Mode::Lines { .. } => crate::message::stderr_line(line),
            Mode::Quiet => {}
        }
    }

    /// One more document is done.
    pub fn advance(&self) {
        let done = self.done.fetch_add(1, Ordering::Relaxed) + 1;
        match &self.mode {
            Mode::Bar(bar) => bar.inc(1),
            Mode::Lines { last } => {
                let Ok(mut last) = last.lock() else { return };
                if last.elapsed() >= LINE_INTERVAL {
                    *last = Instant::now();
                    crate::message::stderr_line(&self.line(done));
                }
            }
            Mode::Quiet => {}
        }
    }

    pub fn finish(&self) {
        if let Mode::Bar(bar) = &self.mode {
            bar.finish_and_clear();
        }
    }

    fn line(&self, done: u64) -> String {
        let secs = self.start.elapsed().as_secs_f64();
        let rate = done as f64 / secs.max(1e-9);
        let left = (self.total.saturating_sub(done)) as f64 / rate.max(1e-9);
        let percent = 100 * done / self.total.max(1);
        format!(
            "sgx batch: {done}/{} documents ({percent}%), {rate:.1}/s, about {} left",
            self.total,
            duration(left)
        )
    }
}

fn duration(secs: f64) -> String {
    let s = secs.round() as u64;
    match s {
        0..=59 => format!("{s}s"),
        60..=3599 => format!("{}m{:02}s", s / 60, s % 60),
        _ => format!("{}h{:02}m", s / 3600, (s % 3600) / 60),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_line_has_count_rate_and_eta() {
        let p = Progress {
            mode: Mode::Quiet,
            total: 200,
            done: AtomicU64::new(0),
            start: Instant::now() - Duration::from_secs(10),
        };
        let line = p.line(50);
        assert!(line.starts_with("sgx batch: 50/200 documents (25%), 5.0/s, about 30s left"), "{line}");
        assert_eq!(duration(3725.0), "1h02m");
    }
}
