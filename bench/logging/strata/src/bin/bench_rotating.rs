//! The logging benchmark's figure 3 on Strata: `info!(log, "record %d",
//! i)` through a RotatingFileHandler (1 MiB files, 5 backups), the
//! issue's format, nanoseconds per record (`rotating strata NS`).
//!
//! `bench_rotating DIR RECORDS`: the files are `DIR/strata-rotating.log*`.
#![no_std]
#![no_main]

extern crate alloc;

#[path = "../common.rs"]
mod common;

use strata_alloc::logging::handlers::RotatingFileHandler;
use strata_alloc::logging::{self, FileOptions, Handler};

strata_alloc::main!(main);

fn main() -> i32 {
    common::exit_code(|| {
        let dir = common::arg(1, "/tmp");
        let records = common::count(2, 1_000_000);
        let handler =
            RotatingFileHandler::new(
                alloc::format!("{dir}/strata-rotating.log"),
                FileOptions::default(),
                1 << 20,
                5,
            )?;
        handler.base().set_formatter(Some(common::formatter()?));
        let log = logging::get_logger("bench");
        log.set_level(logging::INFO);
        log.add_handler(handler.clone());
        let t = common::now();
        for i in 0..records {
            strata_alloc::info!(log, "record %d", i);
        }
        common::report("rotating", common::now() - t, records);
        handler.close();
        Ok(())
    })
}
