//! `logging.LogRecord`: what a logging call produces, with every
//! attribute Python documents.

use super::level;
use alloc::borrow::Cow;
use alloc::boxed::Box;
use alloc::string::{String, ToString};
use alloc::sync::Arc;
use alloc::vec::Vec;
use core::fmt::Write;
use strata_core::sync::Once;

/// One argument of a logging call, or an `extra` value: the Python
/// objects a record carries (`%s` shows them as `str()`, `%r` as
/// `repr()`).
#[derive(Clone, Debug, PartialEq)]
pub enum Arg {
    /// `None`.
    None,
    /// `True` / `False`.
    Bool(bool),
    /// `int`.
    Int(i128),
    /// `float`.
    Float(f64),
    /// `str`.
    Str(Cow<'static, str>),
}

impl Arg {
    /// `str(x)`.
    pub fn write_str(&self, out: &mut String) {
        match self {
            Arg::None => out.push_str("None"),
            Arg::Bool(true) => out.push_str("True"),
            Arg::Bool(false) => out.push_str("False"),
            Arg::Int(n) => {
                let _ = write!(out, "{n}");
            }
            Arg::Float(x) => crate::pyfmt::float::float_repr(*x, out),
            Arg::Str(s) => out.push_str(s),
        }
    }

    /// `repr(x)`.
    pub fn write_repr(&self, out: &mut String) {
        match self {
            Arg::Str(s) => crate::pyfmt::text::repr_str(s, out),
            other => other.write_str(out),
        }
    }
}

impl crate::pyfmt::Object for Arg {
    fn write_str(&self, out: &mut String) {
        Arg::write_str(self, out)
    }
    fn write_repr(&self, out: &mut String) {
        Arg::write_repr(self, out)
    }
    fn int(&self) -> Option<i128> {
        match *self {
            Arg::Int(n) => Some(n),
            Arg::Bool(b) => Some(b.into()),
            _ => None,
        }
    }
    fn float(&self) -> Option<f64> {
        match *self {
            Arg::Int(n) => Some(n as f64),
            Arg::Bool(b) => Some(f64::from(u8::from(b))),
            Arg::Float(x) => Some(x),
            _ => None,
        }
    }
    fn is_float(&self) -> bool {
        matches!(self, Arg::Float(_))
    }
    fn is_str(&self) -> bool {
        matches!(self, Arg::Str(_))
    }
    fn type_name(&self) -> &str {
        match self {
            Arg::None => "NoneType",
            Arg::Bool(_) => "bool",
            Arg::Int(_) => "int",
            Arg::Float(_) => "float",
            Arg::Str(_) => "str",
        }
    }
}

macro_rules! arg_from_int {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(n: $t) -> Arg {
                Arg::Int(n as i128)
            }
        }
    )*};
}
arg_from_int!(i8, i16, i32, i64, i128, isize, u8, u16, u32, u64, usize);

impl From<u128> for Arg {
    fn from(n: u128) -> Arg {
        match i128::try_from(n) {
            Ok(n) => Arg::Int(n),
            Err(_) => Arg::Str(Cow::Owned(n.to_string())),
        }
    }
}

impl From<f64> for Arg {
    fn from(x: f64) -> Arg {
        Arg::Float(x)
    }
}

impl From<f32> for Arg {
    fn from(x: f32) -> Arg {
        Arg::Float(f64::from(x))
    }
}

impl From<bool> for Arg {
    fn from(b: bool) -> Arg {
        Arg::Bool(b)
    }
}

impl From<&'static str> for Arg {
    fn from(s: &'static str) -> Arg {
        Arg::Str(Cow::Borrowed(s))
    }
}

impl From<String> for Arg {
    fn from(s: String) -> Arg {
        Arg::Str(Cow::Owned(s))
    }
}

impl From<&String> for Arg {
    fn from(s: &String) -> Arg {
        Arg::Str(Cow::Owned(s.clone()))
    }
}

impl From<char> for Arg {
    fn from(c: char) -> Arg {
        Arg::Str(Cow::Owned(c.to_string()))
    }
}

impl<T: Into<Arg>> From<Option<T>> for Arg {
    fn from(v: Option<T>) -> Arg {
        v.map_or(Arg::None, Into::into)
    }
}

impl<T: Into<Arg> + Clone> From<&T> for Arg
where
    T: NotStr,
{
    fn from(v: &T) -> Arg {
        v.clone().into()
    }
}

/// The argument types passed by reference as well as by value (not `str`,
/// whose `&'static` form is borrowed as it is).
#[doc(hidden)]
pub trait NotStr {}
macro_rules! not_str {
    ($($t:ty),*) => {$( impl NotStr for $t {} )*};
}
not_str!(
    i8, i16, i32, i64, i128, isize, u8, u16, u32, u64, u128, usize, f32, f64, bool, char
);

/// Where a logging call was made; filled in by the logging macros.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CallSite {
    /// `pathname`: the source file (`file!()`).
    pub pathname: &'static str,
    /// `lineno` (`line!()`).
    pub lineno: u32,
    /// `funcName`: the enclosing function, as the macros find it.
    pub func_name: &'static str,
    /// The Rust module path (`module_path!()`); Python's `module` is
    /// derived from `pathname` instead.
    pub module_path: &'static str,
    /// `filename`: the last part of `pathname`.
    pub filename: &'static str,
    /// `module`: `filename` without its extension.
    pub module: &'static str,
}

impl CallSite {
    /// A call site for records made without the macros: `(unknown file)`,
    /// line 0, `(unknown function)`, as CPython's `findCaller` gives when
    /// it cannot find one.
    pub const UNKNOWN: CallSite = CallSite {
        pathname: "(unknown file)",
        lineno: 0,
        func_name: "(unknown function)",
        module_path: "",
        filename: "(unknown file)",
        module: "(unknown file)",
    };

    /// A call site, `filename` and `module` derived from `pathname` as
    /// `LogRecord.__init__` derives them. The macros make one per call
    /// site, once.
    pub fn new(
        pathname: &'static str,
        lineno: u32,
        func_name: &'static str,
        module_path: &'static str,
    ) -> CallSite {
        let (filename, module) = file_parts(pathname);
        CallSite {
            pathname,
            lineno,
            func_name,
            module_path,
            filename,
            module,
        }
    }

    /// The function name from the type name of a function nested in it
    /// (`crate::module::outer::__f`), as the macros pass it: `outer`, or
    /// `<closure>`-free text for closures (`outer`).
    #[doc(hidden)]
    pub fn func_from_type_name(name: &'static str) -> &'static str {
        let name = name.strip_suffix("::__strata_f").unwrap_or(name);
        let mut parts = name.rsplit("::");
        for part in parts.by_ref() {
            if part != "{{closure}}" {
                return part;
            }
        }
        name
    }
}

/// An error and its sources as a record carries it (`exc_info`): shown as
/// its traceback text, the error first and each source below it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExcInfo {
    text: String,
}

impl ExcInfo {
    /// The chain of `error`: its message, then each `source()` as
    /// `Caused by: …` lines (Rust's counterpart of Python's chained
    /// tracebacks).
    pub fn new(error: &(dyn core::error::Error + 'static)) -> ExcInfo {
        let mut text = String::new();
        let _ = write!(text, "Error: {error}");
        let mut source = error.source();
        while let Some(e) = source {
            let _ = write!(text, "\nCaused by: {e}");
            source = e.source();
        }
        ExcInfo { text }
    }

    /// Exception text given as it is (`formatException`'s result).
    pub fn from_text(text: impl Into<String>) -> ExcInfo {
        ExcInfo { text: text.into() }
    }

    /// The text `Formatter.formatException` gives.
    pub fn text(&self) -> &str {
        &self.text
    }
}

/// `logging.LogRecord`.
///
/// Fields are public, as a Python record's attributes are; `message` is
/// computed once ([`get_message`](LogRecord::get_message)) however many
/// handlers format the record.
#[derive(Clone, Debug)]
pub struct LogRecord {
    /// `name`: the logger's name.
    pub name: Arc<str>,
    /// `msg`: the format string (or the message itself).
    pub msg: Cow<'static, str>,
    /// `args`: the `%` arguments of `msg`.
    pub args: Vec<Arg>,
    /// `levelno`.
    pub levelno: i32,
    /// `levelname`.
    pub levelname: Arc<str>,
    /// `pathname`.
    pub pathname: Cow<'static, str>,
    /// `filename`: the last part of `pathname`.
    pub filename: Cow<'static, str>,
    /// `module`: `filename` without its extension.
    pub module: Cow<'static, str>,
    /// `lineno`.
    pub lineno: u32,
    /// `funcName`.
    pub func_name: Cow<'static, str>,
    /// `created`: `time.time()` when the record was made.
    pub created: f64,
    /// `msecs`: the millisecond part of `created` (CPython 3.11's rule).
    pub msecs: f64,
    /// `relativeCreated`: milliseconds since logging started.
    pub relative_created: f64,
    /// `thread`: `threading.get_ident()`.
    pub thread: Option<usize>,
    /// `threadName`.
    pub thread_name: Option<Arc<str>>,
    /// `process`: `os.getpid()`.
    pub process: Option<i32>,
    /// `processName`: `MainProcess`.
    pub process_name: Option<&'static str>,
    /// `taskName`: `None` (no asyncio task runs a Strata program).
    pub task_name: Option<&'static str>,
    /// `exc_info`: the error being logged, if any.
    pub exc_info: Option<ExcInfo>,
    /// `exc_text`: the cached formatted error, set by the first formatter.
    pub exc_text: Option<String>,
    /// `stack_info`.
    pub stack_info: Option<String>,
    /// `extra` fields, by name.
    pub extra: Vec<(String, Arg)>,
    /// The `getMessage()` result, once computed.
    message: Option<Result<String, super::Error>>,
}

/// `os.path.basename(pathname)` and `os.path.splitext` of it, as
/// `LogRecord.__init__` derives `filename` and `module`.
fn file_parts(pathname: &str) -> (&str, &str) {
    let filename = pathname.rsplit('/').next().unwrap_or(pathname);
    // splitext: a dot that only leads the name is not an extension.
    let leading = filename.len() - filename.trim_start_matches('.').len();
    let module = match filename[leading..].rfind('.') {
        Some(dot) => &filename[..leading + dot],
        None => filename,
    };
    (filename, module)
}

/// The attributes `LogRecord.__init__` sets, in CPython 3.11's order:
/// its `__dict__` before the `extra` fields (3.11 has no `taskName`).
pub(crate) const ATTRIBUTES: [&str; 20] = [
    "name",
    "msg",
    "args",
    "levelname",
    "levelno",
    "pathname",
    "filename",
    "module",
    "exc_info",
    "exc_text",
    "stack_info",
    "lineno",
    "funcName",
    "created",
    "msecs",
    "relativeCreated",
    "thread",
    "threadName",
    "processName",
    "process",
];

/// The time logging started, for `relativeCreated` (CPython takes it when
/// the module is imported; Strata when logging is first used).
static START: Once = Once::new();
static START_TIME: core::sync::atomic::AtomicU64 = core::sync::atomic::AtomicU64::new(0);

/// `time.time()` when logging was first used.
pub(crate) fn start_time() -> f64 {
    START.call_once(|| {
        START_TIME.store(
            strata_core::time::time().to_bits(),
            core::sync::atomic::Ordering::Relaxed,
        )
    });
    f64::from_bits(START_TIME.load(core::sync::atomic::Ordering::Relaxed))
}

impl LogRecord {
    /// A record with the attributes a call cannot give left empty: no
    /// time, thread or process (`makeLogRecord` starts here).
    fn bare(name: Arc<str>, levelno: i32, msg: Cow<'static, str>) -> LogRecord {
        LogRecord {
            name,
            msg,
            args: Vec::new(),
            levelno,
            levelname: level::level_name(levelno),
            pathname: Cow::Borrowed(""),
            filename: Cow::Borrowed(""),
            module: Cow::Borrowed(""),
            lineno: 0,
            func_name: Cow::Borrowed("None"),
            created: 0.0,
            msecs: 0.0,
            relative_created: 0.0,
            thread: None,
            thread_name: None,
            process: None,
            process_name: None,
            task_name: None,
            exc_info: None,
            exc_text: None,
            stack_info: None,
            extra: Vec::new(),
            message: None,
        }
    }

    /// `LogRecord(name, level, pathname, lineno, msg, args, exc_info,
    /// func, sinfo)`—a record made now, on this thread, as a logger's
    /// `makeRecord` makes it.
    pub fn new(
        name: Arc<str>,
        levelno: i32,
        site: &CallSite,
        msg: Cow<'static, str>,
        args: Vec<Arg>,
    ) -> LogRecord {
        let mut record = LogRecord::bare(name, levelno, msg);
        record.args = args;
        record.pathname = Cow::Borrowed(site.pathname);
        record.filename = Cow::Borrowed(site.filename);
        record.module = Cow::Borrowed(site.module);
        record.lineno = site.lineno;
        record.func_name = Cow::Borrowed(site.func_name);
        let ct = strata_core::time::time();
        record.created = ct;
        // CPython 3.11: int((ct - int(ct)) * 1000) + 0.0 (gh-89047).
        record.msecs = ((ct - ct as i64 as f64) * 1000.0) as i64 as f64 + 0.0;
        record.relative_created = (ct - start_time()) * 1000.0;
        record.thread = Some(strata_core::thread::get_ident());
        record.thread_name = Some(super::thread_name());
        record.process = Some(super::process_id());
        record.process_name = Some("MainProcess");
        record
    }

    /// `logging.makeLogRecord(dict)`'s start: a record with `name`,
    /// `levelno` and `msg` and CPython's placeholder values elsewhere
    /// (`created` and the thread and process are those of now, as
    /// `makeLogRecord` makes them).
    pub fn make(name: &str, levelno: i32, msg: impl Into<Cow<'static, str>>) -> LogRecord {
        LogRecord::new(
            Arc::from(name),
            levelno,
            &CallSite::UNKNOWN,
            msg.into(),
            Vec::new(),
        )
    }

    /// `filename`.
    pub fn filename(&self) -> &str {
        &self.filename
    }

    /// `module`.
    pub fn module(&self) -> &str {
        &self.module
    }

    /// `getMessage()`: `str(msg)`, then `% args` when there are args.
    /// Computed once; an error is Python's (`TypeError: not all arguments
    /// converted during string formatting`), reported by the handler.
    pub fn get_message(&mut self) -> Result<&str, super::Error> {
        if self.message.is_none() {
            self.message = Some(if self.args.is_empty() {
                Ok(String::from(&*self.msg))
            } else {
                let args: Vec<&dyn crate::pyfmt::Object> = self
                    .args
                    .iter()
                    .map(|a| a as &dyn crate::pyfmt::Object)
                    .collect();
                crate::pyfmt::percent::format_tuple(&self.msg, &args).map_err(super::Error::from)
            });
        }
        match &self.message {
            Some(Ok(text)) => Ok(text),
            Some(Err(e)) => Err(e.clone()),
            None => Ok(""),
        }
    }

    /// The message as [`get_message`](LogRecord::get_message) last made
    /// it (`record.message`), if it has.
    pub fn message(&self) -> Option<&str> {
        match &self.message {
            Some(Ok(text)) => Some(text),
            _ => None,
        }
    }

    /// Sets the message outright, as `QueueHandler.prepare` does: `msg`
    /// becomes the message and `args` are dropped.
    pub fn set_message(&mut self, message: String) {
        self.args.clear();
        self.msg = Cow::Owned(message.clone());
        self.message = Some(Ok(message));
    }

    /// Sets attribute `key` as `makeLogRecord` and a socket receiver do:
    /// the documented attributes by their Python names, anything else as
    /// an `extra` field.
    pub fn set_attribute(&mut self, key: &str, value: Arg) {
        fn text(v: &Arg) -> String {
            let mut s = String::new();
            v.write_str(&mut s);
            s
        }
        let int = |v: &Arg| match v {
            Arg::Int(n) => Some(*n),
            Arg::Bool(b) => Some((*b).into()),
            _ => None,
        };
        let float = |v: &Arg| match v {
            Arg::Float(x) => Some(*x),
            Arg::Int(n) => Some(*n as f64),
            _ => None,
        };
        match key {
            "name" => self.name = Arc::from(text(&value)),
            "msg" => {
                self.msg = Cow::Owned(text(&value));
                self.message = None;
            }
            "levelname" => self.levelname = Arc::from(text(&value)),
            "levelno" => {
                if let Some(n) = int(&value) {
                    self.levelno = n as i32;
                }
            }
            "pathname" => self.pathname = Cow::Owned(text(&value)),
            "filename" => self.filename = Cow::Owned(text(&value)),
            "module" => self.module = Cow::Owned(text(&value)),
            "lineno" => {
                if let Some(n) = int(&value) {
                    self.lineno = n as u32;
                }
            }
            "funcName" => self.func_name = Cow::Owned(text(&value)),
            "created" => {
                if let Some(x) = float(&value) {
                    self.created = x;
                }
            }
            "msecs" => {
                if let Some(x) = float(&value) {
                    self.msecs = x;
                }
            }
            "relativeCreated" => {
                if let Some(x) = float(&value) {
                    self.relative_created = x;
                }
            }
            "thread" => self.thread = int(&value).map(|n| n as usize),
            "threadName" => {
                self.thread_name = (value != Arg::None).then(|| Arc::from(text(&value)))
            }
            "process" => self.process = int(&value).map(|n| n as i32),
            "exc_text" => self.exc_text = (value != Arg::None).then(|| text(&value)),
            "stack_info" => self.stack_info = (value != Arg::None).then(|| text(&value)),
            _ => {
                self.extra.retain(|(k, _)| k != key);
                self.extra.push((String::from(key), value));
            }
        }
    }

    /// `record.__dict__` as CPython 3.11 fills it: the attributes in
    /// `LogRecord.__init__`'s order, then the `extra` fields, then
    /// `message` once a formatter has made it (what HTTPHandler sends
    /// and a socket receiver rebuilds a record from).
    pub fn dict(&self) -> Vec<(String, Arg)> {
        let mut out: Vec<(String, Arg)> = ATTRIBUTES
            .iter()
            .map(|&k| (String::from(k), self.attribute(k).unwrap_or(Arg::None)))
            .collect();
        for (k, v) in &self.extra {
            out.push((k.clone(), v.clone()));
        }
        if let Some(message) = self.message() {
            out.push((
                String::from("message"),
                Arg::Str(Cow::Owned(String::from(message))),
            ));
        }
        out
    }

    /// An `extra` field, by name.
    pub fn extra(&self, key: &str) -> Option<&Arg> {
        self.extra.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// The value of attribute `key` as the `%`, `{}` and `$` styles look it
    /// up in the record's `__dict__` (the message and `asctime` are the
    /// formatter's to supply).
    pub fn attribute(&self, key: &str) -> Option<Arg> {
        fn text(s: &str) -> Arg {
            Arg::Str(Cow::Owned(String::from(s)))
        }
        fn opt<T: Into<Arg>>(v: Option<T>) -> Arg {
            v.map_or(Arg::None, Into::into)
        }
        Some(match key {
            "name" => text(&self.name),
            "msg" => text(&self.msg),
            "message" => return self.message().map(text),
            "levelname" => text(&self.levelname),
            "levelno" => Arg::Int(self.levelno.into()),
            "pathname" => text(&self.pathname),
            "filename" => text(self.filename()),
            "module" => text(self.module()),
            "lineno" => Arg::Int(self.lineno.into()),
            "funcName" => text(&self.func_name),
            "created" => Arg::Float(self.created),
            "msecs" => Arg::Float(self.msecs),
            "relativeCreated" => Arg::Float(self.relative_created),
            "thread" => opt(self.thread),
            "threadName" => opt(self.thread_name.as_deref().map(String::from)),
            "process" => opt(self.process),
            "processName" => opt(self.process_name),
            "taskName" => opt(self.task_name),
            "exc_text" => opt(self.exc_text.clone()),
            "stack_info" => opt(self.stack_info.clone()),
            "exc_info" => match &self.exc_info {
                Some(e) => text(e.text()),
                None => Arg::None,
            },
            "args" => {
                let mut s = String::from("(");
                for (i, a) in self.args.iter().enumerate() {
                    if i > 0 {
                        s.push_str(", ");
                    }
                    a.write_repr(&mut s);
                }
                if self.args.len() == 1 {
                    s.push(',');
                }
                s.push(')');
                Arg::Str(Cow::Owned(s))
            }
            _ => return self.extra(key).cloned(),
        })
    }
}

/// Makes `Box<dyn Error>` and friends loggable as `exc_info`.
impl From<&(dyn core::error::Error + 'static)> for ExcInfo {
    fn from(e: &(dyn core::error::Error + 'static)) -> ExcInfo {
        ExcInfo::new(e)
    }
}

impl From<Box<dyn core::error::Error>> for ExcInfo {
    fn from(e: Box<dyn core::error::Error>) -> ExcInfo {
        ExcInfo::new(&*e)
    }
}
