//! What the logging benchmark's Strata programs share: the format of
//! the issue, the arguments, the clock, the output lines.

use alloc::string::String;
use alloc::sync::Arc;
use strata_alloc::logging::{Error, Format, Formatter, Style};

/// The format every side of the benchmark writes (spdlog-rs's pattern is
/// its nearest equivalent).
pub const FORMAT: &str = "%(asctime)s %(levelname)s %(name)s %(message)s";

/// A `%`-style [`Formatter`] of [`FORMAT`].
pub fn formatter() -> Result<Arc<dyn Format>, Error> {
    Ok(Arc::new(Formatter::new(
        Some(FORMAT),
        None,
        Style::Percent,
    )?))
}

/// Argument `n` (from 1) as text, or `default`.
pub fn arg(n: usize, default: &str) -> String {
    strata_alloc::os::argv()
        .nth(n)
        .map(|a| String::from_utf8_lossy(a.to_bytes()).into_owned())
        .unwrap_or_else(|| String::from(default))
}

/// Argument `n` as a count, or `default`.
pub fn count(n: usize, default: u64) -> u64 {
    arg(n, "").parse().unwrap_or(default)
}

/// Seconds on the benchmark's clock: the monotonic clock, or the calling
/// thread's CPU time when `LOG_BENCH_CLOCK=cpu` (on a shared machine,
/// time spent waiting for a core is then left out; the kernel's time in
/// the thread's system calls is still in).
pub fn now() -> f64 {
    if strata_alloc::os::getenv("LOG_BENCH_CLOCK").as_deref() == Some(b"cpu") {
        strata_alloc::time::thread_time()
    } else {
        strata_alloc::time::monotonic()
    }
}

/// Prints `FIGURE strata NS` (nanoseconds per operation), the line
/// bench/logging/run collects.
pub fn report(figure: &str, seconds: f64, ops: u64) {
    strata_alloc::println!("{figure} strata {:.2}", seconds * 1e9 / ops as f64);
}

/// Runs `body`, printing its error (and exiting 1) if it fails.
pub fn exit_code(body: impl FnOnce() -> Result<(), Error>) -> i32 {
    match body() {
        Ok(()) => 0,
        Err(e) => {
            strata_alloc::eprintln!("{}: {e}", e.python_class());
            1
        }
    }
}
