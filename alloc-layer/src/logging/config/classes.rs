//! The built-in classes a configuration names (`class:`, `()`), their
//! constructors' parameters as Python binds them, and what a user adds
//! with [`register_handler_class`].

use super::error::ConfigError;
use super::value::{Dict, Value};
use crate::logging::handler::HandlerRef;
use crate::logging::handlers::{
    Code, DatagramHandler, HTTPHandler, HttpOptions, RotatingFileHandler, SMTPHandler, SmtpOptions,
    SocketHandler, SysLogHandler, SyslogAddress, TimedOptions, TimedRotatingFileHandler,
    WatchedFileHandler,
};
use crate::logging::{Error, FileHandler, FileOptions, NullHandler, StreamHandler};
use alloc::borrow::ToOwned;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use strata_core::sync::RwLock;

/// A constructor argument once the configuration's references are
/// resolved: a plain value, a standard stream (`ext://sys.stdout`,
/// `sys.stderr`), or another handler (a MemoryHandler's `target`).
#[derive(Clone)]
pub enum Param {
    /// A JSON-like value.
    Value(Value),
    /// `sys.stdout`.
    Stdout,
    /// `sys.stderr`.
    Stderr,
    /// A configured handler.
    Handler(HandlerRef),
}

impl Param {
    /// `repr()` of the argument, for error texts.
    fn describe(&self) -> String {
        match self {
            Param::Value(v) => v.to_json(),
            Param::Stdout => String::from("<stdout>"),
            Param::Stderr => String::from("<stderr>"),
            Param::Handler(_) => String::from("<Handler>"),
        }
    }
}

/// The arguments of one constructor call, bound to its parameter names
/// as Python binds `klass(*args, **kwargs)`.
pub struct Args {
    class: &'static str,
    bound: Vec<(&'static str, Param)>,
}

impl Args {
    /// The argument for `name`, if given.
    pub fn get(&self, name: &str) -> Option<&Param> {
        self.bound.iter().find(|(n, _)| *n == name).map(|(_, p)| p)
    }

    fn type_error(&self, message: String) -> ConfigError {
        ConfigError::new("TypeError", message)
    }

    /// A `str` argument (`None` when not given or `None`).
    pub fn str(&self, name: &str) -> Result<Option<String>, ConfigError> {
        match self.get(name) {
            None | Some(Param::Value(Value::None)) => Ok(None),
            Some(Param::Value(Value::Str(s))) => Ok(Some(s.clone())),
            Some(other) => Err(self.type_error(format!(
                "{}: {name} must be a str, not {}",
                self.class,
                other.describe()
            ))),
        }
    }

    /// An `int` argument (bools count, as in Python).
    pub fn int(&self, name: &str) -> Result<Option<i64>, ConfigError> {
        match self.get(name) {
            None | Some(Param::Value(Value::None)) => Ok(None),
            Some(Param::Value(Value::Int(n))) => Ok(Some(*n)),
            Some(Param::Value(Value::Bool(b))) => Ok(Some(i64::from(*b))),
            Some(other) => Err(self.type_error(format!(
                "{}: {name} must be an int, not {}",
                self.class,
                other.describe()
            ))),
        }
    }

    /// A `float` argument (ints too).
    pub fn float(&self, name: &str) -> Result<Option<f64>, ConfigError> {
        match self.get(name) {
            None | Some(Param::Value(Value::None)) => Ok(None),
            Some(Param::Value(Value::Float(x))) => Ok(Some(*x)),
            Some(Param::Value(Value::Int(n))) => Ok(Some(*n as f64)),
            Some(other) => Err(self.type_error(format!(
                "{}: {name} must be a number, not {}",
                self.class,
                other.describe()
            ))),
        }
    }

    /// An argument taken for its truth (`bool(x)`).
    pub fn truth(&self, name: &str) -> Option<bool> {
        self.get(name).map(|p| match p {
            Param::Value(v) => truthy(v),
            _ => true,
        })
    }

    /// A level argument: a number or a level name (`logging._checkLevel`).
    pub fn level(&self, name: &str) -> Result<Option<i32>, ConfigError> {
        match self.get(name) {
            None | Some(Param::Value(Value::None)) => Ok(None),
            Some(Param::Value(v)) => check_level(v).map(Some),
            Some(other) => Err(self.type_error(format!(
                "Level not an integer or a valid string: {}",
                other.describe()
            ))),
        }
    }

    /// A handler argument (`target`).
    pub fn handler(&self, name: &str) -> Option<HandlerRef> {
        match self.get(name) {
            Some(Param::Handler(h)) => Some(h.clone()),
            _ => None,
        }
    }

    /// A `(host, port)` pair, or a bare string (a host, or a unix socket
    /// path), as SysLogHandler's `address` and SMTPHandler's `mailhost`
    /// take them.
    pub fn address(&self, name: &str) -> Result<Option<(String, Option<u16>)>, ConfigError> {
        match self.get(name) {
            None | Some(Param::Value(Value::None)) => Ok(None),
            Some(Param::Value(Value::Str(s))) => Ok(Some((s.clone(), None))),
            Some(Param::Value(Value::List(pair))) if pair.len() == 2 => {
                match (&pair[0], &pair[1]) {
                    (Value::Str(host), Value::Int(port)) => match u16::try_from(*port) {
                        Ok(port) => Ok(Some((host.clone(), Some(port)))),
                        Err(_) => Err(ConfigError::new(
                            "OverflowError",
                            String::from("getsockaddrarg: port must be 0-65535."),
                        )),
                    },
                    _ => {
                        Err(self.type_error(format!("{}: bad address {}", self.class, pair.len())))
                    }
                }
            }
            Some(other) => {
                Err(self.type_error(format!("{}: bad address {}", self.class, other.describe())))
            }
        }
    }

    /// A list of strings, or one string (SMTPHandler's `toaddrs`).
    pub fn str_list(&self, name: &str) -> Result<Option<Vec<String>>, ConfigError> {
        match self.get(name) {
            None | Some(Param::Value(Value::None)) => Ok(None),
            Some(Param::Value(Value::Str(s))) => Ok(Some(alloc::vec![s.clone()])),
            Some(Param::Value(Value::List(items))) => items
                .iter()
                .map(|v| match v {
                    Value::Str(s) => Ok(s.clone()),
                    other => Err(self.type_error(format!(
                        "{}: {name} must hold strings, not {}",
                        self.class,
                        other.to_json()
                    ))),
                })
                .collect::<Result<Vec<_>, _>>()
                .map(Some),
            Some(other) => Err(self.type_error(format!(
                "{}: {name} must be a list of str, not {}",
                self.class,
                other.describe()
            ))),
        }
    }

    /// A required argument that Python's binding already checked is
    /// present, as a string.
    pub fn required_str(&self, name: &str) -> Result<String, ConfigError> {
        self.str(name)?.ok_or_else(|| {
            self.type_error(format!("{}: {name} must be a str, not None", self.class))
        })
    }
}

/// Python's truth of a configuration value.
pub(crate) fn truthy(v: &Value) -> bool {
    match v {
        Value::None => false,
        Value::Bool(b) => *b,
        Value::Int(n) => *n != 0,
        Value::Float(x) => *x != 0.0,
        Value::Str(s) => !s.is_empty(),
        Value::List(l) => !l.is_empty(),
        Value::Dict(d) => !d.is_empty(),
    }
}

/// `logging._checkLevel(level)`.
pub(crate) fn check_level(v: &Value) -> Result<i32, ConfigError> {
    match v {
        Value::Int(n) => i32::try_from(*n).map_err(|_| {
            ConfigError::new(
                "OverflowError",
                String::from("Python int too large to convert to C int"),
            )
        }),
        Value::Bool(b) => Ok(i32::from(*b)),
        Value::Str(s) => crate::logging::check_level(s)
            .map_err(|e| ConfigError::new("ValueError", format!("{e}"))),
        other => Err(ConfigError::new(
            "TypeError",
            format!(
                "Level not an integer or a valid string: {}",
                other.to_json()
            ),
        )),
    }
}

/// A handler class: its Python name, its constructor's parameters (after
/// `self`) and how many of them are required, and the constructor.
#[derive(Clone, Copy)]
pub struct HandlerClass {
    /// The qualified name in error texts (`RotatingFileHandler`).
    pub name: &'static str,
    /// The parameters, in order.
    pub params: &'static [&'static str],
    /// How many leading parameters have no default.
    pub required: usize,
    /// Makes the handler.
    pub make: fn(&Args) -> Result<HandlerRef, ConfigError>,
}

fn file_options(args: &Args, mode: &str) -> Result<FileOptions, ConfigError> {
    Ok(FileOptions {
        mode: args.str("mode")?.unwrap_or_else(|| String::from(mode)),
        encoding: args.str("encoding")?,
        errors: args.str("errors")?,
        delay: args.truth("delay").unwrap_or(false),
        ..FileOptions::default()
    })
}

fn make_stream(args: &Args) -> Result<HandlerRef, ConfigError> {
    Ok(match args.get("stream") {
        None | Some(Param::Value(Value::None)) | Some(Param::Stderr) => StreamHandler::stderr(),
        Some(Param::Stdout) => StreamHandler::new(strata_core::io::stdout()),
        Some(other) => {
            return Err(ConfigError::new(
                "AttributeError",
                format!("'{}' object has no attribute 'write'", param_type(other)),
            ));
        }
    })
}

fn param_type(p: &Param) -> &'static str {
    match p {
        Param::Value(v) => v.type_name(),
        Param::Handler(_) => "Handler",
        Param::Stdout | Param::Stderr => "TextIOWrapper",
    }
}

fn make_file(args: &Args) -> Result<HandlerRef, ConfigError> {
    let filename = args.required_str("filename")?;
    Ok(FileHandler::with_options(
        filename.as_bytes(),
        file_options(args, "a")?,
    )?)
}

fn make_null(_args: &Args) -> Result<HandlerRef, ConfigError> {
    Ok(NullHandler::new())
}

fn make_watched(args: &Args) -> Result<HandlerRef, ConfigError> {
    let filename = args.required_str("filename")?;
    Ok(WatchedFileHandler::new(
        filename.as_bytes(),
        file_options(args, "a")?,
    )?)
}

fn count<T: TryFrom<i64>>(args: &Args, name: &str) -> Result<T, ConfigError> {
    let n = args.int(name)?.unwrap_or(0);
    T::try_from(n.max(0))
        .map_err(|_| ConfigError::new("OverflowError", format!("{name} out of range: {n}")))
}

fn make_rotating(args: &Args) -> Result<HandlerRef, ConfigError> {
    let filename = args.required_str("filename")?;
    Ok(RotatingFileHandler::new(
        filename.as_bytes(),
        file_options(args, "a")?,
        count(args, "maxBytes")?,
        count(args, "backupCount")?,
    )?)
}

fn make_timed(args: &Args) -> Result<HandlerRef, ConfigError> {
    let filename = args.required_str("filename")?;
    if args
        .get("atTime")
        .is_some_and(|p| !matches!(p, Param::Value(Value::None)))
    {
        return Err(ConfigError::new(
            "TypeError",
            String::from("atTime must be a datetime.time, which a configuration cannot give"),
        ));
    }
    let options = TimedOptions {
        when: args.str("when")?.unwrap_or_else(|| String::from("h")),
        interval: args.int("interval")?.unwrap_or(1),
        backup_count: count(args, "backupCount")?,
        utc: args.truth("utc").unwrap_or(false),
        file: file_options(args, "a")?,
        ..TimedOptions::default()
    };
    Ok(TimedRotatingFileHandler::new(filename.as_bytes(), options)?)
}

fn port(args: &Args) -> Result<Option<u16>, ConfigError> {
    match args.int("port")? {
        None => Ok(None),
        Some(n) => u16::try_from(n).map(Some).map_err(|_| {
            ConfigError::new(
                "OverflowError",
                String::from("getsockaddrarg: port must be 0-65535."),
            )
        }),
    }
}

fn make_socket(args: &Args) -> Result<HandlerRef, ConfigError> {
    Ok(SocketHandler::new(&args.required_str("host")?, port(args)?))
}

fn make_datagram(args: &Args) -> Result<HandlerRef, ConfigError> {
    Ok(DatagramHandler::new(
        &args.required_str("host")?,
        port(args)?,
    ))
}

fn make_syslog(args: &Args) -> Result<HandlerRef, ConfigError> {
    let address = match args.address("address")? {
        None => SyslogAddress::default(),
        Some((path, None)) => SyslogAddress::Unix(path),
        Some((host, Some(port))) => SyslogAddress::Inet(host, port),
    };
    let facility = match args.get("facility") {
        None | Some(Param::Value(Value::None)) => Code::Number(1),
        Some(Param::Value(Value::Str(name))) => Code::Name(name.clone()),
        Some(_) => match args.int("facility")? {
            Some(n) => Code::Number(i32::try_from(n).unwrap_or(i32::MAX)),
            None => Code::Number(1),
        },
    };
    // socket.SOCK_STREAM is 1, SOCK_DGRAM 2.
    let kind = match args.int("socktype")? {
        None => None,
        Some(1) => Some(strata_core::net::Kind::Stream),
        Some(2) => Some(strata_core::net::Kind::Datagram),
        Some(n) => {
            return Err(ConfigError::new(
                "OSError",
                format!("[Errno 94] Socket type not supported: socktype {n}"),
            ));
        }
    };
    Ok(SysLogHandler::new(address, facility, kind)?)
}

/// A `(user, password)` pair.
fn credentials(args: &Args) -> Result<Option<(String, String)>, ConfigError> {
    match args.str_list("credentials")? {
        None => Ok(None),
        Some(pair) if pair.len() == 2 => Ok(Some((pair[0].clone(), pair[1].clone()))),
        Some(_) => Err(ConfigError::new(
            "ValueError",
            String::from("credentials must be a (username, password) pair"),
        )),
    }
}

fn make_smtp(args: &Args) -> Result<HandlerRef, ConfigError> {
    let (host, port) = args
        .address("mailhost")?
        .ok_or_else(|| ConfigError::new("TypeError", String::from("mailhost must be given")))?;
    let toaddrs = args.str_list("toaddrs")?.unwrap_or_default();
    let toaddrs: Vec<&str> = toaddrs.iter().map(String::as_str).collect();
    let options = SmtpOptions {
        credentials: credentials(args)?,
        secure: match args.get("secure") {
            None | Some(Param::Value(Value::None)) => None,
            Some(_) => Some(args.str_list("secure")?.unwrap_or_default()),
        },
        timeout: Some(args.float("timeout")?.unwrap_or(5.0)),
        ..SmtpOptions::default()
    };
    Ok(SMTPHandler::new(
        &host,
        port,
        &args.required_str("fromaddr")?,
        &toaddrs,
        &args.required_str("subject")?,
        options,
    )?)
}

fn make_http(args: &Args) -> Result<HandlerRef, ConfigError> {
    let options = HttpOptions {
        secure: args.truth("secure").unwrap_or(false),
        credentials: credentials(args)?,
        ..HttpOptions::default()
    };
    if args
        .get("context")
        .is_some_and(|p| !matches!(p, Param::Value(Value::None)))
    {
        return Err(ConfigError::new(
            "ValueError",
            String::from("context is for HTTPS, which HTTPHandler does not do"),
        ));
    }
    Ok(HTTPHandler::new(
        &args.required_str("host")?,
        &args.required_str("url")?,
        &args.str("method")?.unwrap_or_else(|| String::from("GET")),
        options,
    )?)
}

fn make_memory(args: &Args) -> Result<HandlerRef, ConfigError> {
    Ok(memory_handler(args)?)
}

/// `MemoryHandler(...)` itself, for `fileConfig`'s later `setTarget`.
pub(crate) fn memory_handler(
    args: &Args,
) -> Result<alloc::sync::Arc<crate::logging::handlers::MemoryHandler>, ConfigError> {
    let capacity = args.int("capacity")?.unwrap_or(0);
    Ok(crate::logging::handlers::MemoryHandler::new(
        usize::try_from(capacity).unwrap_or(0),
        args.level("flushLevel")?,
        args.handler("target"),
        args.truth("flushOnClose").unwrap_or(true),
    ))
}

/// The classes of `logging` and `logging.handlers` that a configuration
/// can name.
const BUILT_IN: &[HandlerClass] = &[
    HandlerClass {
        name: "StreamHandler",
        params: &["stream"],
        required: 0,
        make: make_stream,
    },
    HandlerClass {
        name: "FileHandler",
        params: &["filename", "mode", "encoding", "delay", "errors"],
        required: 1,
        make: make_file,
    },
    HandlerClass {
        name: "NullHandler",
        params: &[],
        required: 0,
        make: make_null,
    },
    HandlerClass {
        name: "WatchedFileHandler",
        params: &["filename", "mode", "encoding", "delay", "errors"],
        required: 1,
        make: make_watched,
    },
    HandlerClass {
        name: "RotatingFileHandler",
        params: &[
            "filename",
            "mode",
            "maxBytes",
            "backupCount",
            "encoding",
            "delay",
            "errors",
        ],
        required: 1,
        make: make_rotating,
    },
    HandlerClass {
        name: "TimedRotatingFileHandler",
        params: &[
            "filename",
            "when",
            "interval",
            "backupCount",
            "encoding",
            "delay",
            "utc",
            "atTime",
            "errors",
        ],
        required: 1,
        make: make_timed,
    },
    HandlerClass {
        name: "SocketHandler",
        params: &["host", "port"],
        required: 2,
        make: make_socket,
    },
    HandlerClass {
        name: "DatagramHandler",
        params: &["host", "port"],
        required: 2,
        make: make_datagram,
    },
    HandlerClass {
        name: "SysLogHandler",
        params: &["address", "facility", "socktype"],
        required: 0,
        make: make_syslog,
    },
    HandlerClass {
        name: "SMTPHandler",
        params: &[
            "mailhost",
            "fromaddr",
            "toaddrs",
            "subject",
            "credentials",
            "secure",
            "timeout",
        ],
        required: 4,
        make: make_smtp,
    },
    HandlerClass {
        name: "HTTPHandler",
        params: &["host", "url", "method", "secure", "credentials", "context"],
        required: 2,
        make: make_http,
    },
    HandlerClass {
        name: "MemoryHandler",
        params: &["capacity", "flushLevel", "target", "flushOnClose"],
        required: 1,
        make: make_memory,
    },
];

/// Classes added by the program, by dotted name.
static REGISTERED: RwLock<Vec<(String, HandlerClass)>> = RwLock::new(Vec::new());

/// Makes `name` (as a configuration spells it in `class:` or `()`, e.g.
/// `myapp.AuditHandler`) a handler class that `dictConfig` and
/// `fileConfig` can build.
pub fn register_handler_class(name: &str, class: HandlerClass) {
    let mut registered = REGISTERED.write();
    registered.retain(|(n, _)| n != name);
    registered.push((String::from(name), class));
}

/// Whether the program registered a class as `name`.
pub(crate) fn is_registered(name: &str) -> bool {
    REGISTERED.read().iter().any(|(n, _)| n == name)
}

/// The class a configuration names: `logging.X` and
/// `logging.handlers.X` (and, as `fileConfig` evaluates names in
/// `logging`'s namespace, `X` and `handlers.X`), or a registered one.
/// CPython's `ValueError` for an unknown name.
pub(crate) fn resolve_handler_class(name: &str) -> Result<HandlerClass, ConfigError> {
    if let Some((_, class)) = REGISTERED.read().iter().find(|(n, _)| n == name) {
        return Ok(*class);
    }
    let short = name
        .strip_prefix("logging.handlers.")
        .or_else(|| name.strip_prefix("logging."))
        .or_else(|| name.strip_prefix("handlers."))
        .unwrap_or(name);
    let in_handlers_module = name.starts_with("logging.handlers.") || name.starts_with("handlers.");
    let is_logging_own = matches!(short, "StreamHandler" | "FileHandler" | "NullHandler");
    if !short.contains('.')
        && let Some(class) = BUILT_IN.iter().find(|c| c.name == short)
        && (is_logging_own || in_handlers_module || !name.contains('.'))
    {
        return Ok(*class);
    }
    Err(cannot_resolve(name))
}

/// `ValueError: Cannot resolve 'x.y': No module named 'x'`, as
/// `BaseConfigurator.resolve` reports a name it cannot import: the
/// import of the first missing part fails, and a module that is not a
/// package (`sys`, `logging.handlers`) says so.
pub(crate) fn cannot_resolve(name: &str) -> ConfigError {
    let mut parts = name.split('.');
    let first = parts.next().unwrap_or(name);
    let reason = match first {
        "logging" | "sys" => {
            // The first part that is not one of the known modules.
            let mut used = String::from(first);
            let mut parent_is_package = first == "logging";
            for part in parts {
                let next = format!("{used}.{part}");
                if matches!(next.as_str(), "logging.handlers" | "logging.config") {
                    used = next;
                    parent_is_package = false;
                    continue;
                }
                used = next;
                break;
            }
            let parent = used.rsplit_once('.').map_or(first, |(p, _)| p);
            if parent_is_package || used == first {
                format!("No module named {}", repr(&used))
            } else {
                format!(
                    "No module named {}; {} is not a package",
                    repr(&used),
                    repr(parent)
                )
            }
        }
        _ => format!("No module named {}", repr(first)),
    };
    ConfigError::new(
        "ValueError",
        format!("Cannot resolve {}: {reason}", repr(name)),
    )
    .caused_by(ConfigError::new("ModuleNotFoundError", reason))
}

pub(crate) fn repr(s: &str) -> String {
    let mut out = String::new();
    crate::pyfmt::text::repr_str(s, &mut out);
    out
}

/// Binds `positional` then `keywords` to `class`'s parameters, with
/// Python's `TypeError`s for too many, unknown, repeated and missing
/// arguments.
pub(crate) fn bind(
    class: &HandlerClass,
    positional: Vec<Param>,
    keywords: Vec<(String, Param)>,
) -> Result<Args, ConfigError> {
    let qual = format!("{}.__init__()", class.name);
    let total = class.params.len();
    if positional.len() > total {
        let takes = if class.required == total {
            format!("{}", total + 1)
        } else {
            format!("from {} to {}", class.required + 1, total + 1)
        };
        let were = if positional.len() + 1 == 1 {
            "was"
        } else {
            "were"
        };
        return Err(ConfigError::new(
            "TypeError",
            format!(
                "{qual} takes {takes} positional argument{} but {} {were} given",
                if total == 0 { "" } else { "s" },
                positional.len() + 1
            ),
        ));
    }
    let mut bound: Vec<(&'static str, Param)> =
        class.params.iter().copied().zip(positional).collect();
    for (key, value) in keywords {
        let Some(&param) = class.params.iter().find(|p| **p == key) else {
            return Err(ConfigError::new(
                "TypeError",
                format!("{qual} got an unexpected keyword argument {}", repr(&key)),
            ));
        };
        if bound.iter().any(|(n, _)| *n == param) {
            return Err(ConfigError::new(
                "TypeError",
                format!("{qual} got multiple values for argument {}", repr(param)),
            ));
        }
        bound.push((param, value));
    }
    let missing: Vec<&str> = class.params[..class.required]
        .iter()
        .filter(|p| !bound.iter().any(|(n, _)| n == *p))
        .copied()
        .collect();
    if !missing.is_empty() {
        let names: Vec<String> = missing.iter().map(|m| repr(m)).collect();
        let list = match names.len() {
            1 => names[0].clone(),
            n => format!("{} and {}", names[..n - 1].join(", "), names[n - 1]),
        };
        return Err(ConfigError::new(
            "TypeError",
            format!(
                "{qual} missing {} required positional argument{}: {list}",
                missing.len(),
                if missing.len() == 1 { "" } else { "s" }
            ),
        ));
    }
    Ok(Args {
        class: class.name,
        bound,
    })
}

impl From<Error> for ConfigError {
    fn from(e: Error) -> ConfigError {
        ConfigError::new(e.python_class(), format!("{e}"))
    }
}

/// The keyword arguments of a configuration dict (identifier keys only,
/// `.` excluded, as `configure_handler` takes them).
pub(crate) fn keyword_items(config: &Dict) -> Vec<(String, Value)> {
    config
        .iter()
        .filter(|(k, _)| *k != "." && is_identifier(k))
        .map(|(k, v)| (k.to_owned(), v.clone()))
        .collect()
}

/// `IDENTIFIER = re.compile('^[a-z_][a-z0-9_]*$', re.I)`.
pub(crate) fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}
