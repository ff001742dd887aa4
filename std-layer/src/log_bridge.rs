//! The `log` facade routed into Strata's logging tree (feature `log`, on
//! by default).
//!
//! After [`install`], `log::info!` and its siblings, from any library the
//! program uses, become records of the logger named after the call's
//! target (`my_crate::db` is the logger `my_crate.db`, a child of
//! `my_crate`), so the same handlers, formatters, filters and levels see
//! them as see the program's own records. `trace` is level 5, named
//! `TRACE`; the other four are Python's `DEBUG` … `ERROR`.
//!
//! ```
//! use strata_std::logging;
//!
//! strata_std::log_bridge::install().unwrap();
//! logging::get_logger("doc_app").set_level(logging::WARNING);
//! log::warn!(target: "doc_app::db", "pool has {} connections left", 1);
//! // stderr (the last-resort handler): pool has 1 connections left
//! assert!(!log::log_enabled!(target: "doc_app::db", log::Level::Info));
//! ```

use crate::logging::{self, CallSite, LogOptions};
use std::borrow::Cow;

/// `log`'s levels as logging's numbers: `Trace` is 5 (`TRACE`).
pub fn level(level: log::Level) -> i32 {
    match level {
        log::Level::Error => logging::ERROR,
        log::Level::Warn => logging::WARNING,
        log::Level::Info => logging::INFO,
        log::Level::Debug => logging::DEBUG,
        log::Level::Trace => TRACE,
    }
}

/// The level `log::trace!` records get: below `DEBUG`, named `TRACE`.
pub const TRACE: i32 = 5;

/// A `log` target as a logger name: Rust's `::` paths become Python's
/// dotted names, so the module tree is the logger tree.
pub fn logger_name(target: &str) -> String {
    target.replace("::", ".")
}

struct Bridge;

static BRIDGE: Bridge = Bridge;

impl log::Log for Bridge {
    fn enabled(&self, metadata: &log::Metadata<'_>) -> bool {
        logging::get_logger(&logger_name(metadata.target())).is_enabled_for(level(metadata.level()))
    }

    fn log(&self, record: &log::Record<'_>) {
        let logger = logging::get_logger(&logger_name(record.target()));
        let levelno = level(record.level());
        if !logger.is_enabled_for(levelno) {
            return;
        }
        // CPython's names for a call site it cannot see.
        let site = CallSite::new(
            record.file_static().unwrap_or("(unknown file)"),
            record.line().unwrap_or(0),
            "(unknown function)",
            record.module_path_static().unwrap_or(""),
        );
        let msg = match record.args().as_str() {
            Some(text) => Cow::Borrowed(text),
            None => Cow::Owned(record.args().to_string()),
        };
        // No arguments: the message is not %-formatted again.
        logger.log_record(levelno, &site, msg, Vec::new(), LogOptions::default());
    }

    fn flush(&self) {}
}

/// Routes the `log` facade into the logging tree: every level passes
/// `log`'s own filter, and each logger's level decides. Fails if another
/// `log` backend was installed first.
pub fn install() -> Result<(), log::SetLoggerError> {
    log::set_logger(&BRIDGE)?;
    logging::add_level_name(TRACE, "TRACE");
    log::set_max_level(log::LevelFilter::Trace);
    Ok(())
}
