//! The logging benchmark's figures 1 and 2 on Strata (bench/logging/run
//! runs the peers beside it):
//!
//! - `file`: `info!(log, "record %d", i)` through a FileHandler (mode
//!   `w`, flushed after each record, as CPython's) with the issue's
//!   format, nanoseconds per record;
//! - `disabled`: `debug!` on a logger at WARNING, its argument computed
//!   from the loop counter, nanoseconds per call;
//! - two parts of `file`, to see where its time goes: `file-null`, the
//!   same records to a NullHandler (the record made and dispatched, no
//!   formatting), and `file-format`, to a StreamHandler whose stream
//!   drops the text (made and formatted, nothing written).
//!
//! `bench_logging DIR RECORDS CALLS`: the file is `DIR/strata.log`.
#![no_std]
#![no_main]

extern crate alloc;

#[path = "../common.rs"]
mod common;

use core::hint::black_box;
use strata_alloc::logging::{
    self, Error, FileHandler, FileOptions, HandlerRef, NullHandler, Stream, StreamHandler,
};

/// A stream that takes the text and drops it.
struct Discard;

impl Stream for Discard {
    fn write(&mut self, text: &str) -> Result<(), Error> {
        black_box(text);
        Ok(())
    }
}

/// `records` records through `handler` alone, nanoseconds per record
/// printed as `figure`.
fn records_to(figure: &str, handler: HandlerRef, records: u64) -> Result<(), Error> {
    handler.base().set_formatter(Some(common::formatter()?));
    let log = logging::get_logger("bench");
    log.set_level(logging::INFO);
    log.add_handler(handler.clone());
    let t = common::now();
    for i in 0..records {
        strata_alloc::info!(log, "record %d", i);
    }
    common::report(figure, common::now() - t, records);
    log.remove_handler(&handler);
    handler.close();
    Ok(())
}

strata_alloc::main!(main);

fn main() -> i32 {
    common::exit_code(|| {
        let dir = common::arg(1, "/tmp");
        let records = common::count(2, 1_000_000);
        let calls = common::count(3, 100_000_000);

        let file = FileHandler::with_options(
            alloc::format!("{dir}/strata.log"),
            FileOptions {
                mode: "w".into(),
                ..FileOptions::default()
            },
        )?;
        records_to("file", file, records)?;
        // Strata's opt-in: records kept in 64 KiB and written when full
        // (spdlog-rs's default policy).
        let buffered = FileHandler::with_options(
            alloc::format!("{dir}/strata-buffered.log"),
            FileOptions {
                mode: "w".into(),
                flush_each_record: false,
                ..FileOptions::default()
            },
        )?;
        records_to("file-buffered", buffered.clone(), records)?;
        strata_alloc::logging::Handler::close(&*buffered);
        records_to("file-null", NullHandler::new(), records)?;
        records_to("file-format", StreamHandler::new(Discard), records)?;

        let quiet = logging::get_logger("bench.quiet");
        quiet.set_level(logging::WARNING);
        let t = common::now();
        for i in 0..calls {
            // The logger is opaque to the optimiser, so the level check
            // runs on every turn; the argument is only computed when the
            // record is made.
            strata_alloc::debug!(black_box(&quiet), "value %d", i.wrapping_mul(3));
        }
        common::report("disabled", common::now() - t, calls);
        Ok(())
    })
}
