//! Figure 5's program: `basicConfig` with a RotatingFileHandler (1 MiB
//! files, 5 backups) in `handlers`, the format, one record.
//! bench/logging/run reports the size of its release binary.
//! `size_rotating PATH`.
#![no_std]
#![no_main]

extern crate alloc;

use strata_alloc::logging::handlers::RotatingFileHandler;
use strata_alloc::logging::{self, BasicConfig, FileOptions, HandlerRef};

strata_alloc::main!(main);

fn main() -> i32 {
    let path = strata_alloc::os::argv()
        .nth(1)
        .map(|a| a.to_bytes())
        .unwrap_or(b"size_rotating.log");
    let configured = RotatingFileHandler::new(path, FileOptions::default(), 1 << 20, 5).and_then(|handler| {
        let handlers: alloc::vec::Vec<HandlerRef> = alloc::vec![handler];
        logging::basic_config(BasicConfig {
            format: Some("%(asctime)s %(levelname)s %(name)s %(message)s".into()),
            level: Some(logging::INFO),
            handlers: Some(handlers),
            ..BasicConfig::default()
        })
    });
    match configured {
        Ok(()) => {
            strata_alloc::info!(logging::get_logger("size"), "record %d", 1);
            0
        }
        Err(e) => {
            strata_alloc::eprintln!("{}: {e}", e.python_class());
            1
        }
    }
}
