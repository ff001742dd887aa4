//! The log rotation program, for the harness's `kill -9` check: `log_rotate
//! DIR` logs the numbers 1, 2, 3, … (`%(message)s`, one a line) to
//! `DIR/app.log` through a `RotatingFileHandler` of [`MAX_BYTES`] and
//! [`BACKUP_COUNT`] backups, until it is killed.
//!
//! Whenever the kill comes — in a write, between the renames of a
//! rollover, before the new file is open — the files left must read, in
//! rotation order (`app.log.N` … `app.log.1`, `app.log`), as 1, 2, 3, …
//! without a gap, the newest one possibly ending in part of the record in
//! flight. The harness (strata-qemu's `logging rotation under kill -9`)
//! checks that.
//!
//! `log_rotate DIR COUNT` stops after COUNT records instead (exit 0), for
//! running it by hand.
#![no_std]
#![no_main]

extern crate alloc;

use alloc::string::String;
use strata_alloc::logging::handlers::RotatingFileHandler;
use strata_alloc::logging::{self, FileOptions};
use strata_alloc::{eprintln, os};

/// `maxBytes`: 1 KiB, a rollover every 170 records or so, so that a run
/// of a few milliseconds rolls over several times and one kill in six or
/// so lands inside a rollover.
pub const MAX_BYTES: u64 = 1024;

/// `backupCount`: more files than a run of the harness's makes, so none
/// is deleted (each rollover looks for every backup name, as CPython's
/// does: 200 `stat`s).
pub const BACKUP_COUNT: u32 = 200;

strata_alloc::main!(main);

fn main() -> i32 {
    let mut args = os::argv().skip(1);
    let Some(dir) = args.next() else {
        eprintln!("usage: log_rotate DIR [COUNT]");
        return 2;
    };
    let count = match args
        .next()
        .map(|c| core::str::from_utf8(c.to_bytes()).ok()?.parse::<u64>().ok())
    {
        None => u64::MAX,
        Some(Some(n)) => n,
        Some(None) => {
            eprintln!("log_rotate: COUNT must be a number");
            return 2;
        }
    };
    let mut path = String::from_utf8_lossy(dir.to_bytes()).into_owned();
    path.push_str("/app.log");
    let handler = match RotatingFileHandler::new(
        path.as_str(),
        FileOptions::default(),
        MAX_BYTES,
        BACKUP_COUNT,
    ) {
        Ok(h) => h,
        Err(e) => {
            eprintln!("log_rotate: {e}");
            return 1;
        }
    };
    let log = logging::get_logger("rotate");
    log.set_propagate(false);
    log.add_handler(handler);
    let mut n: u64 = 0;
    while n < count {
        n += 1;
        log.warning("%d", (n,));
    }
    0
}
