//! `logging.handlers`: every handler of Python's module, and (re-exported
//! at [`logging`](super)) `logging`'s own [`StreamHandler`],
//! [`FileHandler`] and [`NullHandler`].

mod http;
mod memory;
mod pickle;
mod rotating;
mod smtp;
mod socket;
mod stream;
mod syslog;
mod timed;
mod watched;

pub use http::{HTTP_PORT, HTTPHandler, HttpOptions, MapFn, Method, quote_plus, urlencode};
pub use memory::{MemoryHandler, Queue, QueueFull, QueueHandler, QueueListener};
pub use rotating::{Namer, RotatingFileHandler, Rotator};
pub use smtp::{SMTP_PORT, SMTPHandler, SmtpOptions, SubjectFn};
pub use socket::{DatagramHandler, SocketHandler};
pub use stream::{FileHandler, FileOptions, NullHandler, Stream, StreamHandler};
pub use syslog::{Code, SysLogHandler, SyslogAddress};
pub use timed::{AtTime, TimeSource, TimedOptions, TimedRotatingFileHandler};
pub use watched::WatchedFileHandler;

use super::handler::{Handler, HandlerBase};
use super::{Error, LogRecord, WARNING};
use alloc::string::String;
use alloc::sync::Arc;

/// `logging._StderrHandler`, the `lastResort`: `WARNING` and above, the
/// message alone, to stderr.
pub(crate) struct LastResort {
    base: HandlerBase,
}

impl LastResort {
    pub(crate) fn new() -> Arc<LastResort> {
        Arc::new(LastResort {
            base: HandlerBase::new(WARNING),
        })
    }
}

impl Handler for LastResort {
    fn base(&self) -> &HandlerBase {
        &self.base
    }

    fn emit(&self, record: &mut LogRecord) -> Result<(), Error> {
        let mut text = String::new();
        self.base.format(record, &mut text)?;
        text.push('\n');
        Ok(strata_core::io::stderr().write(text.as_bytes())?)
    }
}
