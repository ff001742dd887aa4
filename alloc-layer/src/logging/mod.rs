//! Python's `logging`, `logging.config` and `logging.handlers`, byte for
//! byte, in a `no_std` + `alloc` program.
//!
//! The logger tree ([`get_logger`]), levels, [`LogRecord`]s with every
//! attribute Python documents, [`Formatter`] in the three styles,
//! [`Filter`]s, [`LoggerAdapter`], [`basic_config`], and the handlers.
//! A program that used Python's logging keeps its format strings and its
//! configuration files: the same calls print the same bytes.
//!
//! ```
//! use strata_alloc::logging::{self, BasicConfig};
//! logging::basic_config(BasicConfig {
//!     format: Some("%(levelname)s %(name)s: %(message)s".into()),
//!     level: Some(logging::INFO),
//!     ..BasicConfig::default()
//! })
//! .unwrap();
//! let log = logging::get_logger("app");
//! strata_alloc::info!(log, "listening on port %d", 8080);
//! // stderr: INFO app: listening on port 8080
//! ```
//!
//! The macros ([`debug!`](crate::debug), [`info!`](crate::info),
//! [`warning!`](crate::warning), [`error!`](crate::error),
//! [`critical!`](crate::critical), [`exception!`](crate::exception),
//! [`log!`](crate::log)) check the level first, so the arguments of a
//! disabled call are never evaluated into a record, and give the record
//! the file, line and function of the call. Arguments are formatted with
//! Python's `%` operator, once, however many handlers see the record.
//!
//! Errors inside logging never fail the program: as in CPython, a handler
//! that cannot write reports on stderr (`--- Logging error ---`) and the
//! program goes on ([`set_raise_exceptions`] turns the report off).

mod adapter;
pub mod config;
mod filter;
mod formatter;
mod handler;
pub mod handlers;
mod level;
mod logger;
mod record;

pub use adapter::LoggerAdapter;
pub use filter::{Filter, Filters};
pub use formatter::{BufferingFormatter, Converter, Format, Formatter, Style};
pub use handler::{Handler, HandlerBase, HandlerRef, register, set_error_stream, shutdown};
pub use handlers::{FileHandler, FileOptions, NullHandler, Stream, StreamHandler};
pub use level::{
    CRITICAL, DEBUG, ERROR, FATAL, INFO, LevelName, NOTSET, UnknownLevel, WARN, WARNING,
    add_level_name, check_level, get_level_name, get_level_name_of, get_level_names_mapping,
};
pub use logger::{IntoArgs, LogOptions, Logger, disable, disabled_level, get_logger, root};
pub use record::{Arg, CallSite, ExcInfo, LogRecord};

use alloc::string::String;
use alloc::sync::Arc;
use alloc::vec::Vec;
use core::fmt;
use core::sync::atomic::{AtomicBool, Ordering};
use strata_core::sync::{Lazy, Once, RwLock};

/// What goes wrong inside logging: a Python exception (its class and
/// text, as CPython would raise it), or an I/O error.
#[derive(Debug, Clone)]
pub enum Error {
    /// A Python exception other than `OSError`: `class` is `ValueError`,
    /// `TypeError`, `KeyError`…, `message` its `str()`.
    Exception {
        /// The exception class.
        class: &'static str,
        /// `str(exception)`.
        message: String,
    },
    /// An I/O error (`OSError` and its subclasses).
    Io(strata_core::io::Error),
    /// A socket error.
    Net(strata_core::net::Error),
}

impl Error {
    /// `ValueError(message)`.
    pub fn value(message: impl Into<String>) -> Error {
        Error::Exception {
            class: "ValueError",
            message: message.into(),
        }
    }

    /// `TypeError(message)`.
    pub fn type_error(message: impl Into<String>) -> Error {
        Error::Exception {
            class: "TypeError",
            message: message.into(),
        }
    }

    /// `KeyError(key)`, `message` being `str()` of it (a repr, quotes
    /// included).
    pub fn key(message: impl Into<String>) -> Error {
        Error::Exception {
            class: "KeyError",
            message: message.into(),
        }
    }

    /// The Python exception class this error stands for.
    pub fn python_class(&self) -> &'static str {
        match self {
            Error::Exception { class, .. } => class,
            Error::Io(e) => e.python_class(),
            Error::Net(e) => e.python_class(),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Exception { message, .. } => f.write_str(message),
            Error::Io(e) => e.fmt(f),
            Error::Net(e) => e.fmt(f),
        }
    }
}

impl core::error::Error for Error {
    fn source(&self) -> Option<&(dyn core::error::Error + 'static)> {
        match self {
            Error::Io(e) => Some(e),
            Error::Net(e) => Some(e),
            Error::Exception { .. } => None,
        }
    }
}

impl From<strata_core::io::Error> for Error {
    fn from(e: strata_core::io::Error) -> Error {
        Error::Io(e)
    }
}

impl From<strata_core::net::Error> for Error {
    fn from(e: strata_core::net::Error) -> Error {
        Error::Net(e)
    }
}

impl From<crate::os::Error> for Error {
    fn from(e: crate::os::Error) -> Error {
        Error::Io(e.into())
    }
}

impl From<strata_core::errno::Errno> for Error {
    fn from(e: strata_core::errno::Errno) -> Error {
        Error::Io(e.into())
    }
}

impl From<crate::pyfmt::Error> for Error {
    fn from(e: crate::pyfmt::Error) -> Error {
        Error::Exception {
            class: e.kind,
            message: e.message,
        }
    }
}

impl From<UnknownLevel> for Error {
    fn from(e: UnknownLevel) -> Error {
        Error::value(alloc::format!("{e}"))
    }
}

static RAISE_EXCEPTIONS: AtomicBool = AtomicBool::new(true);

/// `logging.raiseExceptions`: whether handler errors are reported on
/// stderr (they never stop the program either way).
pub fn raise_exceptions() -> bool {
    RAISE_EXCEPTIONS.load(Ordering::Relaxed)
}

/// Sets `logging.raiseExceptions`.
pub fn set_raise_exceptions(on: bool) {
    RAISE_EXCEPTIONS.store(on, Ordering::Relaxed);
}

/// `logging.lastResort`: the handler for records that found no handler
/// (level `WARNING`, the bare message to the stderr of the moment).
static LAST_RESORT: Lazy<RwLock<Option<HandlerRef>>> = Lazy::new(|| {
    let handler = handlers::LastResort::new();
    RwLock::new(Some(handler))
});

/// `logging.lastResort`.
pub fn last_resort() -> Option<HandlerRef> {
    Lazy::force(&LAST_RESORT).read().clone()
}

/// Sets `logging.lastResort` (`None`: CPython's one-time `No handlers
/// could be found for logger "x"` instead).
pub fn set_last_resort(handler: Option<HandlerRef>) {
    *Lazy::force(&LAST_RESORT).write() = handler;
}

crate::thread_local! {
    static THREAD_NAME: core::cell::RefCell<Option<Arc<str>>> = core::cell::RefCell::new(None);
}

/// The calling thread's name, for `threadName` (kept per thread: a
/// thread's name is fixed once it runs).
pub(crate) fn thread_name() -> Arc<str> {
    let fresh = || Arc::from(crate::thread::current_thread().name());
    THREAD_NAME
        .try_with(|cell| cell.borrow_mut().get_or_insert_with(fresh).clone())
        .unwrap_or_else(|_| fresh())
}

/// `os.getpid()` for `process`, asked once and again in a forked child.
pub(crate) fn process_id() -> i32 {
    use core::sync::atomic::AtomicI32;
    static PID: AtomicI32 = AtomicI32::new(0);
    fn forget() {
        PID.store(0, Ordering::Relaxed);
    }
    match PID.load(Ordering::Relaxed) {
        0 => {
            static HOOK: Once = Once::new();
            HOOK.call_once(|| {
                let _ = strata_core::os::register_at_fork(None, None, Some(forget));
            });
            let pid = strata_core::os::getpid();
            PID.store(pid, Ordering::Relaxed);
            pid
        }
        pid => pid,
    }
}

/// Runs [`shutdown`] at exit, once handlers exist.
pub(crate) fn register_shutdown() {
    static REGISTERED: Once = Once::new();
    REGISTERED.call_once(|| {
        let _ = strata_core::rt::atexit(shutdown);
    });
}

/// `logging.basicConfig(**kwargs)`'s keyword arguments.
#[derive(Default)]
pub struct BasicConfig {
    /// `filename`: log to this file (a [`FileHandler`]).
    pub filename: Option<String>,
    /// `filemode`: `"a"` when `None`.
    pub filemode: Option<String>,
    /// `format`: the style's default (`%(levelname)s:%(name)s:%(message)s`)
    /// when `None`.
    pub format: Option<String>,
    /// `datefmt`.
    pub datefmt: Option<String>,
    /// `style`: `'%'`, `'{'` or `'$'`; `'%'` when `None`.
    pub style: Option<char>,
    /// `level`: the root logger's level.
    pub level: Option<i32>,
    /// `stream`: log to this stream (stderr when neither this nor
    /// `filename` nor `handlers` is given).
    pub stream: Option<alloc::boxed::Box<dyn Stream>>,
    /// `handlers`: add these (each given the format unless it has one).
    pub handlers: Option<Vec<HandlerRef>>,
    /// `force`: remove and close the root's handlers first.
    pub force: bool,
    /// `encoding` of the file.
    pub encoding: Option<String>,
    /// `errors` of the file: `backslashreplace` when `None`.
    pub errors: Option<String>,
}

/// `logging.basicConfig(...)`: gives the root logger a handler and a
/// format, unless it already has handlers (and `force` is off). Errors
/// are CPython's `ValueError`s.
pub fn basic_config(config: BasicConfig) -> Result<(), Error> {
    let root = root();
    if config.force {
        for h in root.handlers() {
            root.remove_handler(&h);
            h.close();
        }
    }
    if !root.handlers().is_empty() {
        return Ok(());
    }
    let handlers = match config.handlers {
        Some(handlers) => {
            if config.stream.is_some() || config.filename.is_some() {
                return Err(Error::value(
                    "'stream' or 'filename' should not be specified together with 'handlers'",
                ));
            }
            handlers
        }
        None => {
            if config.stream.is_some() && config.filename.is_some() {
                return Err(Error::value(
                    "'stream' and 'filename' should not be specified together",
                ));
            }
            let handler: HandlerRef = match config.filename.filter(|f| !f.is_empty()) {
                Some(filename) => {
                    let mode = config.filemode.unwrap_or_else(|| String::from("a"));
                    let errors = if mode.contains('b') {
                        None
                    } else {
                        Some(
                            config
                                .errors
                                .unwrap_or_else(|| String::from("backslashreplace")),
                        )
                    };
                    FileHandler::with_options(
                        filename.as_bytes(),
                        FileOptions {
                            mode,
                            encoding: config.encoding,
                            errors,
                            delay: false,
                        },
                    )?
                }
                None => match config.stream {
                    Some(stream) => StreamHandler::new(stream),
                    None => StreamHandler::stderr(),
                },
            };
            alloc::vec![handler]
        }
    };
    let style = Style::from_char(config.style.unwrap_or('%'))?;
    let format = config
        .format
        .unwrap_or_else(|| String::from(style.basic_format()));
    let formatter: Arc<dyn Format> = Arc::new(Formatter::with_options(
        Some(&format),
        config.datefmt.as_deref(),
        style,
        true,
        Vec::new(),
    )?);
    for h in handlers {
        if h.base().formatter().is_none() {
            h.base().set_formatter(Some(formatter.clone()));
        }
        root.add_handler(h);
    }
    if let Some(level) = config.level {
        root.set_level(level);
    }
    Ok(())
}

impl Stream for alloc::boxed::Box<dyn Stream> {
    fn write(&mut self, text: &str) -> Result<(), Error> {
        (**self).write(text)
    }
    fn flush(&mut self) -> Result<(), Error> {
        (**self).flush()
    }
    fn close(&mut self) -> Result<(), Error> {
        (**self).close()
    }
}

/// The root logger, configured by `basicConfig()` when it has no handler:
/// what the module-level functions (`logging.info(...)`) log through.
pub fn root_configured() -> Logger {
    let root = root();
    if root.handlers().is_empty() {
        let _ = basic_config(BasicConfig::default());
    }
    root
}

/// `logging.makeLogRecord(attrdict)`: a record from attribute values (as
/// a socket receiver rebuilds one); unknown names become `extra`.
pub fn make_log_record(attributes: &[(&str, Arg)]) -> LogRecord {
    // CPython starts from LogRecord(None, None, "", 0, "", (), None, None).
    let site = CallSite {
        pathname: "",
        lineno: 0,
        func_name: "None",
        module_path: "",
    };
    let mut record = LogRecord::new(Arc::from("None"), NOTSET, &site, "".into(), Vec::new());
    record.levelname = Arc::from("Level None");
    for (key, value) in attributes {
        record.set_attribute(key, value.clone());
    }
    record
}

/// Implementation details of the macros; not part of the API.
#[doc(hidden)]
pub mod __macro {
    pub use super::record::CallSite;
    pub use alloc::vec;
}

/// `logger.log(level, msg, *args, **options)`—the macro the level macros
/// expand to. `options` after a `;`: `exc_info = &error`,
/// `stack_info = true`, `extra = [("key", value), …]`.
///
/// ```
/// use strata_alloc::logging;
/// let log = logging::get_logger("doc.log");
/// strata_alloc::log!(log, logging::WARNING, "%s is %d", "answer", 42);
/// ```
#[macro_export]
macro_rules! log {
    ($logger:expr, $level:expr, $msg:expr $(, $arg:expr)* $(,)? $(; $($key:ident = $value:expr),+ $(,)?)?) => {{
        let logger = &$logger;
        let level: i32 = $level;
        if logger.is_enabled_for(level) {
            fn __strata_f() {}
            let site = $crate::logging::__macro::CallSite {
                pathname: file!(),
                lineno: line!(),
                func_name: $crate::logging::__macro::CallSite::func_from_type_name(
                    ::core::any::type_name_of_val(&__strata_f),
                ),
                module_path: module_path!(),
            };
            #[allow(unused_mut)]
            let mut options = $crate::logging::LogOptions::default();
            $($( options = $crate::__log_option!(options, $key, $value); )+)?
            logger.log_record(
                level,
                &site,
                ::core::convert::Into::into($msg),
                $crate::logging::__macro::vec![$($crate::logging::Arg::from($arg)),*],
                options,
            );
        }
    }};
}

/// One `key = value` option of a logging macro.
#[doc(hidden)]
#[macro_export]
macro_rules! __log_option {
    ($options:expr, exc_info, $value:expr) => {
        $options.exc_info($value)
    };
    ($options:expr, stack_info, $value:expr) => {
        $options.stack_info($value)
    };
    ($options:expr, extra, $value:expr) => {{
        let mut options = $options;
        for (key, value) in $value {
            options = options.extra(key, value);
        }
        options
    }};
}

/// `logger.debug(msg, *args)`; without a logger, `logging.debug(...)` on
/// the root (configured by `basicConfig()` if it has no handler).
#[macro_export]
macro_rules! debug {
    ($msg:literal $($rest:tt)*) => { $crate::log!($crate::logging::root_configured(), $crate::logging::DEBUG, $msg $($rest)*) };
    ($logger:expr, $($rest:tt)+) => { $crate::log!($logger, $crate::logging::DEBUG, $($rest)+) };
}

/// `logger.info(msg, *args)`; without a logger, `logging.info(...)`.
#[macro_export]
macro_rules! info {
    ($msg:literal $($rest:tt)*) => { $crate::log!($crate::logging::root_configured(), $crate::logging::INFO, $msg $($rest)*) };
    ($logger:expr, $($rest:tt)+) => { $crate::log!($logger, $crate::logging::INFO, $($rest)+) };
}

/// `logger.warning(msg, *args)`; without a logger, `logging.warning(...)`.
#[macro_export]
macro_rules! warning {
    ($msg:literal $($rest:tt)*) => { $crate::log!($crate::logging::root_configured(), $crate::logging::WARNING, $msg $($rest)*) };
    ($logger:expr, $($rest:tt)+) => { $crate::log!($logger, $crate::logging::WARNING, $($rest)+) };
}

/// `logger.error(msg, *args)`; without a logger, `logging.error(...)`.
#[macro_export]
macro_rules! error {
    ($msg:literal $($rest:tt)*) => { $crate::log!($crate::logging::root_configured(), $crate::logging::ERROR, $msg $($rest)*) };
    ($logger:expr, $($rest:tt)+) => { $crate::log!($logger, $crate::logging::ERROR, $($rest)+) };
}

/// `logger.critical(msg, *args)`; without a logger,
/// `logging.critical(...)`.
#[macro_export]
macro_rules! critical {
    ($msg:literal $($rest:tt)*) => { $crate::log!($crate::logging::root_configured(), $crate::logging::CRITICAL, $msg $($rest)*) };
    ($logger:expr, $($rest:tt)+) => { $crate::log!($logger, $crate::logging::CRITICAL, $($rest)+) };
}

/// `logger.exception(msg, *args)`: an `ERROR` record with the error (and
/// its sources) as `exc_info`.
///
/// ```
/// use strata_alloc::logging;
/// let log = logging::get_logger("doc.exception");
/// let err = strata_core::errno::Errno::NOENT;
/// strata_alloc::exception!(log, &err, "cannot open %s", "config.json");
/// ```
#[macro_export]
macro_rules! exception {
    ($logger:expr, $error:expr, $msg:expr $(, $arg:expr)* $(,)?) => {
        $crate::log!($logger, $crate::logging::ERROR, $msg $(, $arg)*; exc_info = $error)
    };
}
#[cfg(test)]
mod tests;
