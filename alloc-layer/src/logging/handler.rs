//! `logging.Handler`: what every handler shares (level, formatter,
//! filters, name), `handle`, `handleError`, and the registry `shutdown`
//! flushes and closes.

use super::filter::{Filter, Filters};
use super::formatter::{Format, Formatter};
use super::record::LogRecord;
use super::{Error, NOTSET};
use alloc::string::String;
use alloc::sync::{Arc, Weak};
use alloc::vec::Vec;
use core::sync::atomic::{AtomicBool, AtomicI32, Ordering};
use strata_core::sync::{Lazy, Mutex, RwLock};

/// A handler as loggers hold it.
pub type HandlerRef = Arc<dyn Handler>;

/// `logging.Handler`. A handler keeps its own state behind its own lock,
/// so [`emit`](Handler::emit) takes `&self`; records from many threads
/// reach it one at a time.
pub trait Handler: Send + Sync + 'static {
    /// The level, formatter, filters and name.
    fn base(&self) -> &HandlerBase;

    /// `emit(record)`: write the record out. An error is reported by
    /// [`handle`](Handler::handle) through `handleError`.
    fn emit(&self, record: &mut LogRecord) -> Result<(), Error>;

    /// `flush()`.
    fn flush(&self) -> Result<(), Error> {
        Ok(())
    }

    /// `close()`: release what the handler holds. Closing twice does
    /// nothing the second time.
    fn close(&self) {}

    /// `handle(record)`: the handler's filters, then `emit`; an emit
    /// error goes to `handleError`. Returns whether the filters passed.
    fn handle(&self, record: &mut LogRecord) -> bool {
        if !self.base().filters.filter(record) {
            return false;
        }
        if let Err(e) = self.emit(record) {
            self.handle_error(record, &e);
        }
        true
    }

    /// `handleError(record)`: with `raiseExceptions` on, a report on
    /// stderr as CPython prints it when it has no traceback to show; the
    /// program goes on either way.
    fn handle_error(&self, record: &LogRecord, error: &Error) {
        handle_error_text(error, Some(record));
    }

    /// `level`.
    fn level(&self) -> i32 {
        self.base().level()
    }
}

/// `handleError`'s report, for a record or (for an error before there was
/// one) without.
pub(crate) fn handle_error_text(error: &Error, record: Option<&LogRecord>) {
    if !super::raise_exceptions() {
        return;
    }
    let mut text = String::from("--- Logging error ---\n");
    text.push_str(error.python_class());
    text.push_str(": ");
    let _ = core::fmt::write(&mut text, format_args!("{error}\n"));
    if let Some(record) = record {
        let _ = core::fmt::write(
            &mut text,
            format_args!(
                "Logged from file {}, line {}\nMessage: ",
                record.filename(),
                record.lineno
            ),
        );
        crate::pyfmt::text::repr_str(&record.msg, &mut text);
        text.push_str("\nArguments: ");
        if let Some(super::Arg::Str(args)) = record.attribute("args") {
            text.push_str(&args);
        }
        text.push('\n');
    }
    match &mut *ERROR_STREAM.lock() {
        Some(stream) => {
            let _ = stream.write(&text);
        }
        None => {
            let _ = strata_core::io::stderr().write(text.as_bytes());
        }
    }
}

/// Where `handleError` reports go when not to stderr.
static ERROR_STREAM: Mutex<Option<alloc::boxed::Box<dyn super::Stream>>> = Mutex::new(None);

/// Sends `handleError`'s reports to `stream` instead of stderr (`None`:
/// back to stderr), as replacing `sys.stderr` does for CPython's.
pub fn set_error_stream(stream: Option<alloc::boxed::Box<dyn super::Stream>>) {
    *ERROR_STREAM.lock() = stream;
}

/// What every handler has: `level`, `formatter`, `filters`, `name`.
pub struct HandlerBase {
    level: AtomicI32,
    formatter: RwLock<Option<Arc<dyn Format>>>,
    /// `filters`.
    pub filters: Filters,
    name: RwLock<Option<String>>,
    closed: AtomicBool,
}

impl Default for HandlerBase {
    fn default() -> Self {
        HandlerBase::new(NOTSET)
    }
}

/// `logging._defaultFormatter`: `%(message)s`.
static DEFAULT_FORMATTER: Lazy<Formatter> = Lazy::new(Formatter::default);

impl HandlerBase {
    /// A base at `level` with no formatter (records show as
    /// `%(message)s`).
    pub fn new(level: i32) -> HandlerBase {
        HandlerBase {
            level: AtomicI32::new(level),
            formatter: RwLock::new(None),
            filters: Filters::default(),
            name: RwLock::new(None),
            closed: AtomicBool::new(false),
        }
    }

    /// `level`.
    pub fn level(&self) -> i32 {
        self.level.load(Ordering::Relaxed)
    }

    /// `setLevel(level)`.
    pub fn set_level(&self, level: i32) {
        self.level.store(level, Ordering::Relaxed);
    }

    /// `setFormatter(fmt)`.
    pub fn set_formatter(&self, formatter: Option<Arc<dyn Format>>) {
        *self.formatter.write() = formatter;
    }

    /// `formatter`.
    pub fn formatter(&self) -> Option<Arc<dyn Format>> {
        self.formatter.read().clone()
    }

    /// `name` (`get_name()`).
    pub fn name(&self) -> Option<String> {
        self.name.read().clone()
    }

    /// `set_name(name)`.
    pub fn set_name(&self, name: Option<&str>) {
        *self.name.write() = name.map(String::from);
    }

    /// `addFilter(filter)`.
    pub fn add_filter(&self, filter: Filter) {
        self.filters.add(filter);
    }

    /// `format(record)`: the handler's formatter, else `%(message)s`,
    /// appended to `out`.
    pub fn format(&self, record: &mut LogRecord, out: &mut String) -> Result<(), Error> {
        match &*self.formatter.read() {
            Some(f) => f.format(record, out),
            None => Lazy::force(&DEFAULT_FORMATTER).format(record, out),
        }
    }

    /// Marks the handler closed; true the first time (for `close()`
    /// bodies that must run once). Also drops it from the shutdown list.
    pub fn mark_closed(&self) -> bool {
        !self.closed.swap(true, Ordering::AcqRel)
    }
}

/// `logging._handlerList`: every handler made, for [`shutdown`] to flush
/// and close, newest first.
static ALL_HANDLERS: Mutex<Vec<Weak<dyn Handler>>> = Mutex::new(Vec::new());

/// Registers `handler` for [`shutdown`] at exit (CPython's
/// `_addHandlerRef`, done by every `Handler.__init__`), and hands it
/// back for use.
pub fn register<H: Handler>(handler: H) -> Arc<H> {
    let handler = Arc::new(handler);
    let weak: Weak<dyn Handler> = {
        let strong: HandlerRef = handler.clone();
        Arc::downgrade(&strong)
    };
    let mut all = ALL_HANDLERS.lock();
    all.retain(|w| w.strong_count() > 0);
    all.push(weak);
    drop(all);
    super::register_shutdown();
    handler
}

/// `logging.shutdown()`: flushes and closes every registered handler,
/// newest first; errors are ignored, as CPython ignores them at exit.
pub fn shutdown() {
    let all: Vec<_> = core::mem::take(&mut *ALL_HANDLERS.lock());
    for weak in all.iter().rev() {
        if let Some(handler) = weak.upgrade() {
            let _ = handler.flush();
            handler.close();
        }
    }
}
