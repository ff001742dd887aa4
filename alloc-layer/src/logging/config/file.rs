//! `logging.config.fileConfig`: Python's INI configuration files, read as
//! `configparser` reads them, `args=` and `kwargs=` evaluated without a
//! Python interpreter.

use super::classes::{self, Param, bind, check_level, repr};
use super::dict::{clear_existing_handlers, handle_existing_loggers, name_handler};
use super::error::ConfigError;
use super::ini::{ConfigParser, IniError};
use super::literal::Literal;
use super::value::Value;
use crate::logging::handler::HandlerRef;
use crate::logging::logger;
use crate::logging::{Format, Formatter, Style, get_logger, root};
use alloc::format;
use alloc::string::String;
use alloc::sync::Arc;
use alloc::vec::Vec;

/// `logging.config.fileConfig(fname, defaults, disable_existing_loggers,
/// encoding)` for a file: CPython's `FileNotFoundError` (`x doesn't
/// exist`) and `RuntimeError` (`x is an empty file`, `x is invalid: …`).
pub fn file_config(
    path: &str,
    defaults: &[(&str, &str)],
    disable_existing_loggers: bool,
) -> Result<(), ConfigError> {
    let bytes = match read_all(path) {
        Ok(bytes) => bytes,
        Err(strata_core::errno::Errno::NOENT) => {
            return Err(ConfigError::new(
                "FileNotFoundError",
                format!("{path} doesn't exist"),
            ));
        }
        Err(e) => return Err(ConfigError::new("OSError", format!("{e}: {}", repr(path)))),
    };
    if bytes.is_empty() {
        return Err(ConfigError::new(
            "RuntimeError",
            format!("{path} is an empty file"),
        ));
    }
    let mut cp = parser(defaults)?;
    cp.read_file(&bytes, path).map_err(|e| invalid(path, e))?;
    apply(&cp, disable_existing_loggers)
}

/// `fileConfig` on text already read (Python's `fileConfig(io.StringIO(text))`).
pub fn file_config_str(
    text: &str,
    defaults: &[(&str, &str)],
    disable_existing_loggers: bool,
) -> Result<(), ConfigError> {
    let mut cp = parser(defaults)?;
    cp.read_string(text, "<string>")
        .map_err(|e| invalid("<string>", e))?;
    apply(&cp, disable_existing_loggers)
}

fn read_all(path: &str) -> Result<Vec<u8>, strata_core::errno::Errno> {
    let fd = strata_core::os::open(path, strata_core::os::O_RDONLY, 0)?;
    let mut out = Vec::new();
    let mut buf = [0u8; 8192];
    loop {
        match strata_core::os::read(&fd, &mut buf) {
            Ok(0) => return Ok(out),
            Ok(n) => out.extend_from_slice(&buf[..n]),
            Err(strata_core::errno::Errno::INTR) => {}
            Err(e) => return Err(e),
        }
    }
}

fn parser(defaults: &[(&str, &str)]) -> Result<ConfigParser, ConfigError> {
    if defaults.is_empty() {
        Ok(ConfigParser::new())
    } else {
        ConfigParser::with_defaults(defaults.iter().copied()).map_err(ini_error)
    }
}

/// A `ParsingError` (and its subclass `MissingSectionHeaderError`) is
/// reported as `RuntimeError: <fname> is invalid: <error>`.
fn invalid(fname: &str, e: IniError) -> ConfigError {
    match e {
        IniError::Parsing { .. } | IniError::MissingSectionHeader { .. } => {
            ConfigError::new("RuntimeError", format!("{fname} is invalid: {e}"))
        }
        other => ini_error(other),
    }
}

fn ini_error(e: IniError) -> ConfigError {
    ConfigError::new(e.python_name(), format!("{e}"))
}

/// `cp[section][option]`: a `KeyError` naming the section or the option
/// when either is missing.
fn item(cp: &ConfigParser, section: &str, option: &str) -> Result<String, ConfigError> {
    if !cp.has_section(section) {
        return Err(ConfigError::new("KeyError", repr(section)));
    }
    if !cp.has_option(section, option) {
        return Err(ConfigError::new("KeyError", repr(option)));
    }
    cp.get(section, option, false).map_err(ini_error)
}

/// `cp[section].get(option, fallback)`.
fn item_or(
    cp: &ConfigParser,
    section: &str,
    option: &str,
    fallback: &str,
) -> Result<String, ConfigError> {
    if !cp.has_section(section) {
        return Err(ConfigError::new("KeyError", repr(section)));
    }
    match cp.get_opt(section, option, false).map_err(ini_error)? {
        Some(v) => Ok(v),
        None => Ok(String::from(fallback)),
    }
}

fn names(list: &str) -> Vec<String> {
    list.split(',')
        .map(|s| String::from(crate::pyfmt::text::strip(s)))
        .collect()
}

fn apply(cp: &ConfigParser, disable_existing: bool) -> Result<(), ConfigError> {
    let formatters = create_formatters(cp)?;
    clear_existing_handlers();
    let handlers = install_handlers(cp, &formatters)?;
    install_loggers(cp, &handlers, disable_existing)
}

/// Formatters by name.
type Formatters = Vec<(String, Arc<dyn Format>)>;

fn create_formatters(cp: &ConfigParser) -> Result<Formatters, ConfigError> {
    let list = item(cp, "formatters", "keys")?;
    let mut formatters = Vec::new();
    if list.is_empty() {
        return Ok(formatters);
    }
    for name in names(&list) {
        let section = format!("formatter_{name}");
        let raw = |option: &str| cp.get_opt(&section, option, true).map_err(ini_error);
        let fmt = raw("format")?;
        let datefmt = raw("datefmt")?;
        let style = raw("style")?.unwrap_or_else(|| String::from("%"));
        if let Some(class) = item_or(cp, &section, "class", "")?
            .as_str()
            .strip_prefix("")
            && !class.is_empty()
            && class != "logging.Formatter"
        {
            return Err(imported(classes::cannot_resolve(class)));
        }
        let mut chars = style.chars();
        let style = match (chars.next(), chars.next()) {
            (Some(c), None) => Style::from_char(c)?,
            _ => {
                return Err(ConfigError::value(String::from(
                    "Style must be one of: %,{,$",
                )));
            }
        };
        let formatter = Formatter::new(fmt.as_deref(), datefmt.as_deref(), style)?;
        formatters.push((name, Arc::new(formatter) as Arc<dyn Format>));
    }
    Ok(formatters)
}

/// `eval(text, vars(logging))` for the literal forms `args=` and
/// `kwargs=` use: names are the standard streams and logging's
/// constants.
fn evaluate(text: &str) -> Result<Literal, ConfigError> {
    Literal::parse(text).map_err(|e| ConfigError::new("SyntaxError", format!("{e}")))
}

fn param(lit: &Literal) -> Result<Param, ConfigError> {
    Ok(match lit {
        Literal::Name(name) => match name.as_str() {
            "sys.stdout" => Param::Stdout,
            "sys.stderr" => Param::Stderr,
            other => Param::Value(constant(other)?),
        },
        other => Param::Value(value(other)?),
    })
}

fn value(lit: &Literal) -> Result<Value, ConfigError> {
    Ok(match lit {
        Literal::None => Value::None,
        Literal::Bool(b) => Value::Bool(*b),
        Literal::Int(n) => Value::Int(*n),
        Literal::Float(x) => Value::Float(*x),
        Literal::Str(s) => Value::Str(s.clone()),
        Literal::Tuple(items) | Literal::List(items) => {
            Value::List(items.iter().map(value).collect::<Result<_, _>>()?)
        }
        Literal::Dict(pairs) => {
            let mut d = super::value::Dict::new();
            for (k, v) in pairs {
                let Literal::Str(k) = k else {
                    return Err(ConfigError::new(
                        "TypeError",
                        String::from("keywords must be strings"),
                    ));
                };
                d.insert(k.clone(), value(v)?);
            }
            Value::Dict(d)
        }
        Literal::Name(name) => constant(name)?,
    })
}

/// The names of `logging`'s namespace a configuration file uses as
/// values: levels, the default ports, and SysLogHandler's facilities and
/// priorities.
fn constant(name: &str) -> Result<Value, ConfigError> {
    // `logging` itself is no name in logging's namespace; `handlers`
    // (the submodule) is.
    let short = name.strip_prefix("handlers.").unwrap_or(name);
    let short = short.strip_prefix("SysLogHandler.").unwrap_or(short);
    let n: i64 = match short {
        "CRITICAL" | "FATAL" => 50,
        "ERROR" => 40,
        "WARNING" | "WARN" => 30,
        "INFO" => 20,
        "DEBUG" => 10,
        "NOTSET" => 0,
        "DEFAULT_TCP_LOGGING_PORT" => 9020,
        "DEFAULT_UDP_LOGGING_PORT" => 9021,
        "DEFAULT_HTTP_LOGGING_PORT" => 9022,
        "DEFAULT_SOAP_LOGGING_PORT" => 9023,
        "SYSLOG_UDP_PORT" | "SYSLOG_TCP_PORT" => 514,
        "socket.SOCK_STREAM" => 1,
        "socket.SOCK_DGRAM" => 2,
        other => match syslog_constant(other) {
            Some(n) => n,
            None => {
                let first = name.split('.').next().unwrap_or(name);
                return Err(ConfigError::new(
                    "NameError",
                    format!("name {} is not defined", repr(first)),
                ));
            }
        },
    };
    Ok(Value::Int(n))
}

/// `SysLogHandler.LOG_*`.
fn syslog_constant(name: &str) -> Option<i64> {
    Some(match name {
        "LOG_EMERG" => 0,
        "LOG_ALERT" => 1,
        "LOG_CRIT" => 2,
        "LOG_ERR" => 3,
        "LOG_WARNING" => 4,
        "LOG_NOTICE" => 5,
        "LOG_INFO" => 6,
        "LOG_DEBUG" => 7,
        "LOG_KERN" => 0,
        "LOG_USER" => 1,
        "LOG_MAIL" => 2,
        "LOG_DAEMON" => 3,
        "LOG_AUTH" => 4,
        "LOG_SYSLOG" => 5,
        "LOG_LPR" => 6,
        "LOG_NEWS" => 7,
        "LOG_UUCP" => 8,
        "LOG_CRON" => 9,
        "LOG_AUTHPRIV" => 10,
        "LOG_FTP" => 11,
        "LOG_NTP" => 12,
        "LOG_SECURITY" => 13,
        "LOG_CONSOLE" => 14,
        "LOG_SOLARIS_CRON" => 15,
        "LOG_LOCAL0" => 16,
        "LOG_LOCAL1" => 17,
        "LOG_LOCAL2" => 18,
        "LOG_LOCAL3" => 19,
        "LOG_LOCAL4" => 20,
        "LOG_LOCAL5" => 21,
        "LOG_LOCAL6" => 22,
        "LOG_LOCAL7" => 23,
        _ => return None,
    })
}

fn install_handlers(
    cp: &ConfigParser,
    formatters: &Formatters,
) -> Result<Vec<(String, HandlerRef)>, ConfigError> {
    let list = item(cp, "handlers", "keys")?;
    let mut handlers: Vec<(String, HandlerRef)> = Vec::new();
    if list.is_empty() {
        return Ok(handlers);
    }
    // MemoryHandlers get their targets once all handlers are made
    // (CPython's fixups and setTarget), so handlers are made, and at
    // shutdown closed, in the order of the list.
    let mut fixups = Vec::new();
    for name in names(&list) {
        let section = format!("handler_{name}");
        let class_name = item(cp, &section, "class")?;
        // eval in logging's namespace knows logging's own classes bare;
        // any other bare name goes to _resolve, an import.
        if !class_name.contains('.')
            && !matches!(
                class_name.as_str(),
                "StreamHandler" | "FileHandler" | "NullHandler"
            )
            && !classes::is_registered(&class_name)
        {
            return Err(imported(classes::cannot_resolve(&class_name)));
        }
        let class = classes::resolve_handler_class(&class_name).map_err(imported)?;
        let args = build(cp, &section, &class)?;
        let handler: HandlerRef = if class.name == "MemoryHandler" {
            let memory = classes::memory_handler(&args)?;
            let target = item_or(cp, &section, "target", "")?;
            if !target.is_empty() {
                fixups.push((memory.clone(), target));
            }
            memory
        } else {
            (class.make)(&args)?
        };
        finish(cp, &section, &name, &handler, formatters)?;
        handlers.push((name, handler));
    }
    for (memory, target) in fixups {
        match handlers.iter().find(|(n, _)| *n == target) {
            Some((_, h)) => memory.set_target(Some(h.clone())),
            None => return Err(ConfigError::new("KeyError", repr(&target))),
        }
    }
    Ok(handlers)
}

/// `fileConfig`'s `_resolve` imports names itself: its
/// `ModuleNotFoundError` is not wrapped in dictConfig's `ValueError`.
fn imported(e: ConfigError) -> ConfigError {
    match e.cause() {
        Some(cause) if e.message().starts_with("Cannot resolve ") => cause.clone(),
        _ => e,
    }
}

/// How Python names a class's call in a `TypeError`.
fn callable_name(class: &classes::HandlerClass) -> String {
    match class.name {
        "StreamHandler" | "FileHandler" | "NullHandler" => format!("logging.{}()", class.name),
        name if classes::resolve_handler_class(&format!("logging.handlers.{name}")).is_ok() => {
            format!("logging.handlers.{name}()")
        }
        name => format!("{name}()"),
    }
}

/// The type of an evaluated `args=` or `kwargs=` that is not a tuple or
/// dict (a name not in logging's namespace is eval's `NameError`).
fn evaluated_type(lit: &Literal) -> Result<&'static str, ConfigError> {
    Ok(match lit {
        Literal::Name(n) if n == "sys.stdout" || n == "sys.stderr" => "TextIOWrapper",
        Literal::Name(n) => constant(n)?.type_name(),
        other => literal_type(other),
    })
}

/// The arguments of a handler section's class, bound.
fn build(
    cp: &ConfigParser,
    section: &str,
    class: &classes::HandlerClass,
) -> Result<classes::Args, ConfigError> {
    let args = evaluate(&item_or(cp, section, "args", "()")?)?;
    let positional = match &args {
        Literal::Tuple(items) | Literal::List(items) => {
            items.iter().map(param).collect::<Result<Vec<_>, _>>()?
        }
        other => {
            let kind = evaluated_type(other)?;
            return Err(ConfigError::new(
                "TypeError",
                format!(
                    "{} argument after * must be an iterable, not {kind}",
                    callable_name(class)
                ),
            ));
        }
    };
    let kwargs = evaluate(&item_or(cp, section, "kwargs", "{}")?)?;
    let Literal::Dict(pairs) = kwargs else {
        let kind = evaluated_type(&kwargs)?;
        return Err(ConfigError::new(
            "TypeError",
            format!(
                "{} argument after ** must be a mapping, not {kind}",
                callable_name(class)
            ),
        ));
    };
    let mut keywords = Vec::new();
    for (k, v) in &pairs {
        let Literal::Str(k) = k else {
            return Err(ConfigError::new(
                "TypeError",
                String::from("keywords must be strings"),
            ));
        };
        keywords.push((k.clone(), param(v)?));
    }
    bind(class, positional, keywords)
}

fn literal_type(lit: &Literal) -> &'static str {
    match lit {
        Literal::None => "NoneType",
        Literal::Bool(_) => "bool",
        Literal::Int(_) => "int",
        Literal::Float(_) => "float",
        Literal::Str(_) => "str",
        Literal::Tuple(_) => "tuple",
        Literal::List(_) => "list",
        Literal::Dict(_) => "dict",
        Literal::Name(_) => "object",
    }
}

fn finish(
    cp: &ConfigParser,
    section: &str,
    name: &str,
    handler: &HandlerRef,
    formatters: &[(String, Arc<dyn Format>)],
) -> Result<(), ConfigError> {
    name_handler(name, handler);
    if cp.has_option(section, "level") {
        let level = item(cp, section, "level")?;
        handler.base().set_level(check_level(&Value::Str(level))?);
    }
    let fmt = item_or(cp, section, "formatter", "")?;
    if !fmt.is_empty() {
        match formatters.iter().find(|(n, _)| *n == fmt) {
            Some((_, f)) => handler.base().set_formatter(Some(f.clone())),
            None => return Err(ConfigError::new("KeyError", repr(&fmt))),
        }
    }
    Ok(())
}

fn install_loggers(
    cp: &ConfigParser,
    handlers: &[(String, HandlerRef)],
    disable_existing: bool,
) -> Result<(), ConfigError> {
    let list = item(cp, "loggers", "keys")?;
    let mut list = names(&list);
    match list.iter().position(|n| n == "root") {
        Some(at) => {
            list.remove(at);
        }
        None => {
            return Err(ConfigError::value(String::from(
                "list.remove(x): x not in list",
            )));
        }
    }
    let add_handlers = |logger: &logger::Logger, section: &str| -> Result<(), ConfigError> {
        let hlist = item(cp, section, "handlers")?;
        if !hlist.is_empty() {
            for name in names(&hlist) {
                match handlers.iter().find(|(n, _)| *n == name) {
                    Some((_, h)) => logger.add_handler(h.clone()),
                    None => return Err(ConfigError::new("KeyError", repr(&name))),
                }
            }
        }
        Ok(())
    };
    let root = root();
    if !cp.has_section("logger_root") {
        return Err(ConfigError::new("KeyError", repr("logger_root")));
    }
    if cp.has_option("logger_root", "level") {
        root.set_level(check_level(&Value::Str(item(cp, "logger_root", "level")?))?);
    }
    root.clear_handlers();
    add_handlers(&root, "logger_root")?;
    let mut existing = logger::existing_names();
    let mut child_loggers = Vec::new();
    for name in list {
        let section = format!("logger_{name}");
        let qualname = item(cp, &section, "qualname")?;
        let propagate = item_or(cp, &section, "propagate", "1")?;
        let propagate: i64 = crate::pyfmt::text::strip(&propagate).parse().map_err(|_| {
            ConfigError::value(format!(
                "invalid literal for int() with base 10: {}",
                repr(&propagate)
            ))
        })?;
        let logger = get_logger(&qualname);
        if let Some(at) = existing.iter().position(|e| *e == qualname) {
            let prefixed = format!("{qualname}.");
            for later in &existing[at + 1..] {
                if later.starts_with(&prefixed) {
                    child_loggers.push(later.clone());
                }
            }
            existing.remove(at);
        }
        if cp.has_option(&section, "level") {
            logger.set_level(check_level(&Value::Str(item(cp, &section, "level")?))?);
        }
        logger.clear_handlers();
        logger.set_propagate(propagate != 0);
        logger.set_disabled(false);
        add_handlers(&logger, &section)?;
    }
    handle_existing_loggers(&existing, &child_loggers, disable_existing);
    Ok(())
}
