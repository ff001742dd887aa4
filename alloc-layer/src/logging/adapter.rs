//! `logging.LoggerAdapter`: a logger with context added to every record.

use super::logger::{LogOptions, Logger};
use super::record::{Arg, CallSite};
use alloc::borrow::Cow;
use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec::Vec;

type Process = dyn Fn(Cow<'static, str>, &mut LogOptions) -> Cow<'static, str> + Send + Sync;

/// `logging.LoggerAdapter(logger, extra)`: logs through `logger` with
/// `extra` on every record. The logging macros take an adapter as they
/// take a logger.
///
/// ```
/// use strata_alloc::logging::{self, Arg, LoggerAdapter};
/// let log = LoggerAdapter::new(logging::get_logger("doc.adapter"), [("conn", Arg::from(7))]);
/// strata_alloc::warning!(log, "closed");  // %(conn)s is 7 in the format
/// ```
pub struct LoggerAdapter {
    logger: Logger,
    extra: Vec<(String, Arg)>,
    process: Option<Box<Process>>,
}

impl LoggerAdapter {
    /// `LoggerAdapter(logger, extra)`.
    pub fn new<K: Into<String>>(logger: Logger, extra: impl IntoIterator<Item = (K, Arg)>) -> Self {
        LoggerAdapter {
            logger,
            extra: extra.into_iter().map(|(k, v)| (k.into(), v)).collect(),
            process: None,
        }
    }

    /// Replaces `process(msg, kwargs)`, as a subclass overriding it
    /// does: it may rewrite the message and the call's options. By
    /// default the options' `extra` becomes the adapter's (CPython 3.11
    /// replaces the call's own `extra`).
    pub fn with_process(
        mut self,
        process: impl Fn(Cow<'static, str>, &mut LogOptions) -> Cow<'static, str>
        + Send
        + Sync
        + 'static,
    ) -> Self {
        self.process = Some(Box::new(process));
        self
    }

    /// `logger`.
    pub fn logger(&self) -> &Logger {
        &self.logger
    }

    /// `extra`.
    pub fn extra(&self) -> &[(String, Arg)] {
        &self.extra
    }

    /// `isEnabledFor(level)`.
    #[inline]
    pub fn is_enabled_for(&self, level: i32) -> bool {
        self.logger.is_enabled_for(level)
    }

    /// `process(msg, kwargs)` then the logger's `_log`: what the macros
    /// call once the level check passed.
    pub fn log_record(
        &self,
        level: i32,
        site: &CallSite,
        msg: Cow<'static, str>,
        args: Vec<Arg>,
        mut options: LogOptions,
    ) {
        let msg = match &self.process {
            Some(process) => process(msg, &mut options),
            None => {
                options.extra = self.extra.clone();
                msg
            }
        };
        self.logger.log_record(level, site, msg, args, options);
    }

    /// `setLevel(level)` on the logger.
    pub fn set_level(&self, level: i32) {
        self.logger.set_level(level);
    }

    /// `getEffectiveLevel()` of the logger.
    pub fn get_effective_level(&self) -> i32 {
        self.logger.get_effective_level()
    }

    /// `hasHandlers()` of the logger.
    pub fn has_handlers(&self) -> bool {
        self.logger.has_handlers()
    }

    /// `name`: the logger's.
    pub fn name(&self) -> &str {
        self.logger.name()
    }
}
