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

/// `logging.handlers.DEFAULT_TCP_LOGGING_PORT`: where CPython's logging
/// receivers listen for [`SocketHandler`]'s pickles.
pub const DEFAULT_TCP_LOGGING_PORT: u16 = 9020;
/// `logging.handlers.DEFAULT_UDP_LOGGING_PORT`, for [`DatagramHandler`].
pub const DEFAULT_UDP_LOGGING_PORT: u16 = 9021;
/// `logging.handlers.DEFAULT_HTTP_LOGGING_PORT`, for [`HTTPHandler`].
pub const DEFAULT_HTTP_LOGGING_PORT: u16 = 9022;
/// `logging.handlers.DEFAULT_SOAP_LOGGING_PORT` (CPython has no SOAP
/// handler; the number is kept for programs that name it).
pub const DEFAULT_SOAP_LOGGING_PORT: u16 = 9023;

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

#[cfg(test)]
mod tests {
    /// The port numbers are CPython's, as the python3 on the machine has them.
    #[test]
    fn default_ports_are_cpythons() {
        let script = "import logging.handlers as h\n\
            for p in ('TCP', 'UDP', 'HTTP', 'SOAP'): print(getattr(h, f'DEFAULT_{p}_LOGGING_PORT'))";
        let out = std::process::Command::new("python3")
            .args(["-c", script])
            .output();
        let out = out.expect("python3 runs");
        let ours = [
            super::DEFAULT_TCP_LOGGING_PORT,
            super::DEFAULT_UDP_LOGGING_PORT,
            super::DEFAULT_HTTP_LOGGING_PORT,
            super::DEFAULT_SOAP_LOGGING_PORT,
        ];
        let ours: String = ours.iter().map(|p| format!("{p}\n")).collect();
        assert_eq!(String::from_utf8_lossy(&out.stdout), ours);
    }
}
