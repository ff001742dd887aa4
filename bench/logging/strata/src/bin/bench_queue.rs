//! The logging benchmark's figure 4 on Strata: what `info!(log, "record
//! %d", i)` costs its caller when the logger's handler is a QueueHandler
//! and a QueueListener thread writes the records to a FileHandler (the
//! issue's format): nanoseconds per record on the caller's side
//! (`queue strata NS`); the listener's drain is timed apart
//! (`queue-drain strata NS`, per record, from the first record to the
//! listener's stop).
//!
//! It builds once `strata_alloc::logging::handlers::{Queue,
//! QueueHandler, QueueListener}` exist with CPython's shape
//! (`QueueHandler(queue)`, `QueueListener(queue, *handlers)`, `start()`,
//! `stop()`); until then bench/logging/run skips it with a message.
//! `bench_queue DIR RECORDS`: the file is `DIR/strata-queue.log`.
#![no_std]
#![no_main]

extern crate alloc;

#[path = "../common.rs"]
mod common;

use strata_alloc::logging::handlers::{Queue, QueueHandler, QueueListener};
use strata_alloc::logging::{self, FileHandler, FileOptions, Handler, HandlerRef};

strata_alloc::main!(main);

fn main() -> i32 {
    common::exit_code(|| {
        let dir = common::arg(1, "/tmp");
        let records = common::count(2, 1_000_000);
        let file = FileHandler::with_options(
            alloc::format!("{dir}/strata-queue.log"),
            FileOptions {
                mode: "w".into(),
                ..FileOptions::default()
            },
        )?;
        file.base().set_formatter(Some(common::formatter()?));
        let queue = Queue::new(0);
        let handler = QueueHandler::new(queue.clone());
        let file: HandlerRef = file;
        let mut listener = QueueListener::new(queue, alloc::vec![file], false);
        listener.start()?;
        let log = logging::get_logger("bench");
        log.set_level(logging::INFO);
        log.add_handler(handler);
        let t = common::now();
        for i in 0..records {
            strata_alloc::info!(log, "record %d", i);
        }
        common::report("queue", common::now() - t, records);
        listener.stop();
        common::report("queue-drain", common::now() - t, records);
        Ok(())
    })
}
