//! The logging benchmark's Rust peers, printing `FIGURE NAME NS` lines
//! (nanoseconds per record or call) for bench/logging/run:
//!
//! - `file`: spdlog-rs's FileSink with the pattern nearest to
//!   `%(asctime)s %(levelname)s %(name)s %(message)s`, its default flush
//!   policy (a BufWriter flushed when full: `spdlog-buffered`), and
//!   flushed after each record (`spdlog-flush`, what Python's FileHandler
//!   does);
//! - `disabled`: spdlog-rs's `debug!` on a logger at warn (`spdlog`), and
//!   the `log` crate's `debug!` with no logger set (`log-crate`);
//! - `rotating`: RotatingFileSink, 1 MiB files, 5 kept, both flush
//!   policies;
//! - `queue`: the caller's side of an AsyncPoolSink in front of a
//!   FileSink, with the default channel and one large enough for every
//!   record (Python's QueueHandler has an unbounded queue).
//!
//! `spdlog-peer DIR RECORDS CALLS`.

use spdlog::formatter::{pattern, PatternFormatter};
use spdlog::prelude::*;
use spdlog::sink::{
    AsyncPoolSink, FileSink, OverflowPolicy, RotatingFileSink, RotationPolicy, Sink,
};
use spdlog::ThreadPool;
use std::hint::black_box;
use std::num::NonZeroUsize;
use std::path::Path;
use std::sync::Arc;

/// Nanoseconds on the benchmark's clock: monotonic, or the calling
/// thread's CPU time when `LOG_BENCH_CLOCK=cpu` (as the Strata side).
fn now_ns() -> f64 {
    let clock = if std::env::var("LOG_BENCH_CLOCK").as_deref() == Ok("cpu") {
        libc::CLOCK_THREAD_CPUTIME_ID
    } else {
        libc::CLOCK_MONOTONIC
    };
    let mut t = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `t` is a valid timespec for the call to fill.
    unsafe { libc::clock_gettime(clock, &mut t) };
    t.tv_sec as f64 * 1e9 + t.tv_nsec as f64
}

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

/// `2026-12-03 07:49:30,899 INFO bench record 0` but for the level's
/// case (spdlog-rs prints `info`).
fn formatter() -> PatternFormatter<impl spdlog::formatter::Pattern + Clone> {
    PatternFormatter::new(pattern!(
        "{date} {time},{millisecond} {level} {logger} {payload}{eol}"
    ))
}

fn logger(sink: Arc<dyn Sink>, flush_each: bool) -> Result<Arc<Logger>> {
    let mut builder = Logger::builder();
    builder.name("bench").sink(sink);
    if flush_each {
        builder.flush_level_filter(LevelFilter::All);
    }
    Ok(builder.build_arc()?)
}

/// Logs `records` records, returning nanoseconds per record.
fn records(logger: &Logger, records: u64) -> f64 {
    let t = now_ns();
    for i in 0..records {
        info!(logger: logger, "record {}", i);
    }
    (now_ns() - t) / records as f64
}

fn file_sink(path: &Path) -> Result<Arc<FileSink>> {
    let sink = FileSink::builder()
        .path(path)
        .truncate(true)
        .formatter(formatter())
        .build_arc()?;
    Ok(sink)
}

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let dir = Path::new(args.get(1).map_or("/tmp", |s| s.as_str())).to_path_buf();
    let n: u64 = args
        .get(2)
        .and_then(|s| s.parse().ok())
        .unwrap_or(1_000_000);
    let calls: u64 = args
        .get(3)
        .and_then(|s| s.parse().ok())
        .unwrap_or(100_000_000);

    for (name, flush_each) in [("spdlog-buffered", false), ("spdlog-flush", true)] {
        let sink = file_sink(&dir.join(format!("{name}.log")))?;
        let log = logger(sink, flush_each)?;
        println!("file {name} {:.2}", records(&log, n));
        log.flush();
    }

    let quiet = logger(file_sink(&dir.join("spdlog-quiet.log"))?, false)?;
    quiet.set_level_filter(LevelFilter::MoreSevereEqual(Level::Warn));
    let t = now_ns();
    for i in 0..calls {
        debug!(logger: black_box(&*quiet), "value {}", i.wrapping_mul(3));
    }
    println!("disabled spdlog {:.2}", (now_ns() - t) / calls as f64);
    let t = now_ns();
    for i in 0..calls {
        // The level is one global the optimiser may read once for the
        // whole loop: the opaque counter keeps the loop itself.
        let i = black_box(i);
        log::debug!("value {}", i.wrapping_mul(3));
    }
    println!("disabled log-crate {:.2}", (now_ns() - t) / calls as f64);

    for (name, flush_each) in [("spdlog-buffered", false), ("spdlog-flush", true)] {
        let sink = RotatingFileSink::builder()
            .base_path(dir.join(format!("{name}-rotating.log")))
            .rotation_policy(RotationPolicy::FileSize(1 << 20))
            .max_files(5)
            .rotate_on_open(true)
            .formatter(formatter())
            .build_arc()?;
        let log = logger(sink, flush_each)?;
        println!("rotating {name} {:.2}", records(&log, n));
        log.flush();
    }

    for (name, capacity) in [
        ("spdlog-async", None),
        ("spdlog-async-big", Some(n as usize + 1)),
    ] {
        let mut pool = ThreadPool::builder();
        if let Some(c) = capacity.and_then(NonZeroUsize::new) {
            let _ = pool.capacity(c);
        }
        let pool = pool.build_arc()?;
        let sink = AsyncPoolSink::builder()
            .sink(file_sink(&dir.join(format!("{name}.log")))?)
            .overflow_policy(OverflowPolicy::Block)
            .thread_pool(pool.clone())
            .build_arc()?;
        let log = logger(sink, false)?;
        let t = now_ns();
        println!("queue {name} {:.2}", records(&log, n));
        log.flush();
        drop(log);
        drop(pool);
        println!("queue-drain {name} {:.2}", (now_ns() - t) / n as f64);
    }
    Ok(())
}
