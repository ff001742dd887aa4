//! `logging.config.dictConfig`: version 1 of the schema, `incremental`,
//! `disable_existing_loggers`, `()` factories naming the built-in
//! classes, `ext://` and `cfg://` references, and CPython's errors.

use super::classes::{self, HandlerClass, Param, bind, check_level, keyword_items, repr, truthy};
use super::error::ConfigError;
use super::value::{Dict, Value};
use crate::logging::handler::{self, HandlerRef};
use crate::logging::logger::{self, Logger};
use crate::logging::{Filter, Format, Formatter, Style, get_logger, root};
use alloc::format;
use alloc::string::String;
use alloc::sync::{Arc, Weak};
use alloc::vec::Vec;
use strata_core::sync::Mutex;

/// `logging._handlers`: the handlers configured by name, for
/// `incremental` configurations.
static NAMED_HANDLERS: Mutex<Vec<(String, Weak<dyn handler::Handler>)>> = Mutex::new(Vec::new());

/// `_clearExistingHandlers()`: every handler flushed and closed, the
/// names forgotten.
pub(crate) fn clear_existing_handlers() {
    NAMED_HANDLERS.lock().clear();
    handler::shutdown();
}

pub(crate) fn name_handler(name: &str, handler: &HandlerRef) {
    handler.base().set_name(Some(name));
    let mut named = NAMED_HANDLERS.lock();
    named.retain(|(n, w)| n != name && w.strong_count() > 0);
    named.push((String::from(name), Arc::downgrade(handler)));
}

fn named_handler(name: &str) -> Option<HandlerRef> {
    NAMED_HANDLERS
        .lock()
        .iter()
        .find(|(n, _)| n == name)
        .and_then(|(_, w)| w.upgrade())
}

/// `logging.config.dictConfig(config)`.
///
/// ```
/// use strata_alloc::logging::{self, config::{self, Value}};
/// let json = r#"{
///   "version": 1,
///   "formatters": {"brief": {"format": "%(levelname)s:%(name)s:%(message)s"}},
///   "handlers": {"console": {"class": "logging.StreamHandler",
///                            "formatter": "brief", "stream": "ext://sys.stdout"}},
///   "loggers": {"app": {"level": "INFO", "handlers": ["console"]}}
/// }"#;
/// config::dict_config(&Value::from_json(json).unwrap()).unwrap();
/// strata_alloc::info!(logging::get_logger("app"), "configured");
/// ```
pub fn dict_config(config: &Value) -> Result<(), ConfigError> {
    let Some(config) = config.as_dict() else {
        return Err(ConfigError::new(
            "TypeError",
            format!("dictConfig() needs a dict, not {}", config.type_name()),
        ));
    };
    DictConfigurator { config }.configure()
}

/// `dictConfig(json.loads(text))`: a JSON configuration, read as Python's
/// `json` reads it (its `JSONDecodeError` text when it cannot).
pub fn dict_config_json(text: &str) -> Result<(), ConfigError> {
    let value =
        Value::from_json(text).map_err(|e| ConfigError::new("JSONDecodeError", format!("{e}")))?;
    dict_config(&value)
}

struct DictConfigurator<'a> {
    config: &'a Dict,
}

/// Configured objects by name, as CPython replaces the config's entries
/// with them.
#[derive(Default)]
struct Built {
    formatters: Vec<(String, Arc<dyn Format>)>,
    filters: Vec<(String, Filter)>,
    handlers: Vec<(String, HandlerRef)>,
}

fn find<'a, T>(list: &'a [(String, T)], name: &str) -> Option<&'a T> {
    list.iter().find(|(n, _)| n == name).map(|(_, v)| v)
}

fn empty() -> &'static Dict {
    static EMPTY: strata_core::sync::Lazy<Dict> = strata_core::sync::Lazy::new(Dict::new);
    strata_core::sync::Lazy::force(&EMPTY)
}

impl DictConfigurator<'_> {
    fn section(&self, name: &str) -> Result<&Dict, ConfigError> {
        match self.config.get(name) {
            None => Ok(empty()),
            Some(Value::Dict(d)) => Ok(d),
            Some(other) => Err(ConfigError::new(
                "AttributeError",
                format!("'{}' object has no attribute 'items'", other.type_name()),
            )),
        }
    }

    fn configure(&self) -> Result<(), ConfigError> {
        let Some(version) = self.config.get("version") else {
            return Err(ConfigError::value(String::from(
                "dictionary doesn't specify a version",
            )));
        };
        if !matches!(version, Value::Int(1) | Value::Bool(true))
            && !matches!(version, Value::Float(x) if *x == 1.0)
        {
            return Err(ConfigError::value(format!(
                "Unsupported version: {}",
                py_str(version)
            )));
        }
        let incremental = self.config.get("incremental").is_some_and(truthy);
        if incremental {
            return self.configure_incremental();
        }
        let disable_existing = self
            .config
            .get("disable_existing_loggers")
            .is_none_or(truthy);
        clear_existing_handlers();
        let mut built = Built::default();
        for (name, config) in self.section("formatters")?.iter() {
            let formatter = self
                .configure_formatter(config)
                .map_err(|e| wrap(format!("Unable to configure formatter {}", repr(name)), e))?;
            built.formatters.push((String::from(name), formatter));
        }
        for (name, config) in self.section("filters")?.iter() {
            let filter = self
                .configure_filter(config)
                .map_err(|e| wrap(format!("Unable to configure filter {}", repr(name)), e))?;
            built.filters.push((String::from(name), filter));
        }
        let handlers = self.section("handlers")?;
        let mut names: Vec<&str> = handlers.keys().collect();
        names.sort_unstable();
        let mut deferred = Vec::new();
        for name in names {
            let config = handlers.get(name).unwrap_or(&Value::None);
            match self.configure_handler(config, &built) {
                Ok(h) => {
                    name_handler(name, &h);
                    built.handlers.push((String::from(name), h));
                }
                Err(Deferrable::NotYet) => deferred.push(name),
                Err(Deferrable::Error(e)) => {
                    return Err(wrap(
                        format!("Unable to configure handler {}", repr(name)),
                        e,
                    ));
                }
            }
        }
        for name in deferred {
            let config = handlers.get(name).unwrap_or(&Value::None);
            match self.configure_handler(config, &built) {
                Ok(h) => {
                    name_handler(name, &h);
                    built.handlers.push((String::from(name), h));
                }
                Err(Deferrable::NotYet) => {
                    let e =
                        ConfigError::new("TypeError", String::from("target not configured yet"));
                    let target = config.get("target").map(py_str).unwrap_or_default();
                    let e = wrap(format!("Unable to set target handler {}", repr(&target)), e);
                    return Err(wrap(
                        format!("Unable to configure handler {}", repr(name)),
                        e,
                    ));
                }
                Err(Deferrable::Error(e)) => {
                    return Err(wrap(
                        format!("Unable to configure handler {}", repr(name)),
                        e,
                    ));
                }
            }
        }
        let mut existing = logger::existing_names();
        let mut child_loggers = Vec::new();
        for (name, config) in self.section("loggers")?.iter() {
            if let Some(at) = existing.iter().position(|e| e == name) {
                let prefixed = format!("{name}.");
                for later in &existing[at + 1..] {
                    if later.starts_with(&prefixed) {
                        child_loggers.push(later.clone());
                    }
                }
                existing.remove(at);
            }
            self.configure_logger(name, config, &built, false)
                .map_err(|e| wrap(format!("Unable to configure logger {}", repr(name)), e))?;
        }
        handle_existing_loggers(&existing, &child_loggers, disable_existing);
        if let Some(config) = self.config.get("root").filter(|r| truthy(r)) {
            self.configure_root(config, &built, false)
                .map_err(|e| wrap(String::from("Unable to configure root logger"), e))?;
        }
        Ok(())
    }

    fn configure_incremental(&self) -> Result<(), ConfigError> {
        for (name, config) in self.section("handlers")?.iter() {
            let Some(handler) = named_handler(name) else {
                return Err(ConfigError::value(format!(
                    "No handler found with name {}",
                    repr(name)
                )));
            };
            let level = config.get("level").filter(|l| truthy(l));
            if let Some(level) = level {
                let level = check_level(&self.convert_value(level)?)
                    .map_err(|e| wrap(format!("Unable to configure handler {}", repr(name)), e))?;
                handler.base().set_level(level);
            }
        }
        let built = Built::default();
        for (name, config) in self.section("loggers")?.iter() {
            self.configure_logger(name, config, &built, true)
                .map_err(|e| wrap(format!("Unable to configure logger {}", repr(name)), e))?;
        }
        if let Some(config) = self.config.get("root").filter(|r| truthy(r)) {
            self.configure_root(config, &built, true)
                .map_err(|e| wrap(String::from("Unable to configure root logger"), e))?;
        }
        Ok(())
    }

    fn configure_formatter(&self, config: &Value) -> Result<Arc<dyn Format>, ConfigError> {
        // ConvertingDict: an entry may be a cfg:// reference itself.
        let config = self.convert_value(config)?;
        let config = as_config_dict(&config)?;
        let get_str = |key: &str| -> Result<Option<String>, ConfigError> {
            match config.get(key).map(|v| self.convert_value(v)).transpose()? {
                None | Some(Value::None) => Ok(None),
                Some(Value::Str(s)) => Ok(Some(s)),
                Some(other) => Err(ConfigError::new(
                    "TypeError",
                    format!("{key} must be a str, not {}", other.type_name()),
                )),
            }
        };
        let (class, fmt_key) = match config.get("()") {
            // configure_custom: keyword arguments; `format` is retried as
            // `fmt`, as CPython does on the TypeError.
            Some(factory) => (
                Some(py_str(factory)),
                if config.contains_key("fmt") {
                    "fmt"
                } else {
                    "format"
                },
            ),
            None => (get_str("class")?, "format"),
        };
        if let Some(class) = class.filter(|c| !c.is_empty())
            && class != "logging.Formatter"
        {
            let e = classes::cannot_resolve(&class);
            // `class` goes through the module's `_resolve`, whose
            // ModuleNotFoundError is not wrapped; `()` through resolve().
            return Err(match e.cause() {
                Some(cause) if !config.contains_key("()") => cause.clone(),
                _ => e,
            });
        }
        if config.contains_key("()") {
            for key in config.keys() {
                if key != "()"
                    && key != "."
                    && classes::is_identifier(key)
                    && !matches!(key, "fmt" | "format" | "datefmt" | "style" | "validate")
                {
                    return Err(ConfigError::new(
                        "TypeError",
                        format!(
                            "Formatter.__init__() got an unexpected keyword argument {}",
                            repr(key)
                        ),
                    ));
                }
            }
        }
        let fmt = get_str(fmt_key)?;
        let datefmt = get_str("datefmt")?;
        let style = match get_str("style")? {
            None => Style::Percent,
            Some(s) => {
                let mut chars = s.chars();
                match (chars.next(), chars.next()) {
                    (Some(c), None) => Style::from_char(c)?,
                    _ => {
                        return Err(ConfigError::value(String::from(
                            "Style must be one of: %,{,$",
                        )));
                    }
                }
            }
        };
        let validate = match config.get("validate") {
            Some(v) => truthy(&self.convert_value(v)?),
            None => true,
        };
        Ok(Arc::new(Formatter::with_options(
            fmt.as_deref(),
            datefmt.as_deref(),
            style,
            validate,
            Vec::new(),
        )?))
    }

    fn configure_filter(&self, config: &Value) -> Result<Filter, ConfigError> {
        let config = self.convert_value(config)?;
        let config = as_config_dict(&config)?;
        if let Some(factory) = config.get("()") {
            let factory = py_str(factory);
            if factory != "logging.Filter" {
                return Err(classes::cannot_resolve(&factory));
            }
        }
        let name = match config
            .get("name")
            .map(|v| self.convert_value(v))
            .transpose()?
        {
            None => String::new(),
            Some(Value::Str(s)) => s,
            Some(other) => py_str(&other),
        };
        Ok(Filter::new(&name))
    }

    fn configure_handler(&self, config: &Value, built: &Built) -> Result<HandlerRef, Deferrable> {
        let config = self.convert_value(config)?;
        let config = as_config_dict(&config)?;
        let formatter = match config.get("formatter").filter(|f| truthy(f)) {
            Some(name) => {
                let name = py_str(name);
                match find(&built.formatters, &name) {
                    Some(f) => Some(f.clone()),
                    None => {
                        let e = ConfigError::new("KeyError", repr(&name));
                        return Err(
                            wrap(format!("Unable to set formatter {}", repr(&name)), e).into()
                        );
                    }
                }
            }
            None => None,
        };
        let class_name = match config.get("()").or_else(|| config.get("class")) {
            Some(v) => py_str(&self.convert_value(v)?),
            // ConvertingDict.pop('class') gives None, which resolve()
            // cannot split.
            None => {
                return Err(ConfigError::new(
                    "AttributeError",
                    String::from("'NoneType' object has no attribute 'split'"),
                )
                .into());
            }
        };
        // `resolve` imports: a bare name is a module, never logging's
        // class (fileConfig's eval in logging's namespace differs).
        if !class_name.contains('.') && !classes::is_registered(&class_name) {
            return Err(classes::cannot_resolve(&class_name).into());
        }
        let class: HandlerClass = classes::resolve_handler_class(&class_name)?;
        let factory = config.contains_key("()");
        let mut keywords = Vec::new();
        for (key, value) in keyword_items(config) {
            // With `()`, `class` is one more keyword argument.
            if matches!(key.as_str(), "formatter" | "level" | "filters")
                || (key == "class" && !factory)
            {
                continue;
            }
            let param = if class.name == "MemoryHandler" && key == "target" {
                let target = py_str(&value);
                match find(&built.handlers, &target) {
                    Some(h) => Param::Handler(h.clone()),
                    None if config_handler_names(self.config).contains(&target.as_str()) => {
                        return Err(Deferrable::NotYet);
                    }
                    None => {
                        let e = ConfigError::new("KeyError", repr(&target));
                        return Err(wrap(
                            format!("Unable to set target handler {}", repr(&target)),
                            e,
                        )
                        .into());
                    }
                }
            } else {
                self.convert(&value)?
            };
            keywords.push((key, param));
        }
        if config.get(".").is_some_and(truthy) {
            return Err(ConfigError::new(
                "TypeError",
                String::from("setting handler attributes through '.' is not supported"),
            )
            .into());
        }
        let args = bind(&class, Vec::new(), keywords)?;
        let handler = (class.make)(&args)?;
        if let Some(f) = formatter {
            handler.base().set_formatter(Some(f));
        }
        if let Some(level) = config.get("level").filter(|l| !l.is_none()) {
            handler
                .base()
                .set_level(check_level(&self.convert_value(level)?)?);
        }
        if let Some(filters) = config.get("filters").filter(|f| truthy(f)) {
            let filters = self.convert_value(filters)?;
            for name in as_list(&filters)? {
                let name = py_str(&self.convert_value(name)?);
                match find(&built.filters, &name) {
                    Some(f) => handler.base().add_filter(f.clone()),
                    None => {
                        let e = ConfigError::new("KeyError", repr(&name));
                        return Err(wrap(format!("Unable to add filter {}", repr(&name)), e).into());
                    }
                }
            }
        }
        Ok(handler)
    }

    fn common_logger_config(
        &self,
        logger: &Logger,
        config: &Dict,
        built: &Built,
        incremental: bool,
    ) -> Result<(), ConfigError> {
        if let Some(level) = config.get("level").filter(|l| !l.is_none()) {
            logger.set_level(check_level(&self.convert_value(level)?)?);
        }
        if !incremental {
            logger.clear_handlers();
            if let Some(handlers) = config.get("handlers").filter(|h| truthy(h)) {
                let handlers = self.convert_value(handlers)?;
                for name in as_list(&handlers)? {
                    let name = py_str(&self.convert_value(name)?);
                    match find(&built.handlers, &name) {
                        Some(h) => logger.add_handler(h.clone()),
                        None => {
                            let e = ConfigError::new("KeyError", repr(&name));
                            return Err(wrap(format!("Unable to add handler {}", repr(&name)), e));
                        }
                    }
                }
            }
            if let Some(filters) = config.get("filters").filter(|f| truthy(f)) {
                let filters = self.convert_value(filters)?;
                for name in as_list(&filters)? {
                    let name = py_str(&self.convert_value(name)?);
                    match find(&built.filters, &name) {
                        Some(f) => logger.add_filter(f.clone()),
                        None => {
                            let e = ConfigError::new("KeyError", repr(&name));
                            return Err(wrap(format!("Unable to add filter {}", repr(&name)), e));
                        }
                    }
                }
            }
        }
        Ok(())
    }

    fn configure_logger(
        &self,
        name: &str,
        config: &Value,
        built: &Built,
        incremental: bool,
    ) -> Result<(), ConfigError> {
        let config = self.convert_value(config)?;
        let config = as_config_dict(&config)?;
        let logger = get_logger(name);
        self.common_logger_config(&logger, config, built, incremental)?;
        logger.set_disabled(false);
        if let Some(propagate) = config.get("propagate").filter(|p| !p.is_none()) {
            logger.set_propagate(truthy(&self.convert_value(propagate)?));
        }
        Ok(())
    }

    fn configure_root(
        &self,
        config: &Value,
        built: &Built,
        incremental: bool,
    ) -> Result<(), ConfigError> {
        let config = self.convert_value(config)?;
        let config = as_config_dict(&config)?;
        self.common_logger_config(&root(), config, built, incremental)
    }

    /// `BaseConfigurator.convert` for a value used as it is: `cfg://`
    /// references followed; `ext://` names are only meaningful as
    /// streams ([`convert`](Self::convert)).
    fn convert_value(&self, value: &Value) -> Result<Value, ConfigError> {
        match self.convert(value)? {
            Param::Value(v) => Ok(v),
            _ => Ok(value.clone()),
        }
    }

    fn convert(&self, value: &Value) -> Result<Param, ConfigError> {
        let Value::Str(s) = value else {
            return Ok(Param::Value(value.clone()));
        };
        let Some((prefix, suffix)) = s.split_once("://") else {
            return Ok(Param::Value(value.clone()));
        };
        if prefix.is_empty() || !prefix.bytes().all(|b| b.is_ascii_lowercase()) {
            return Ok(Param::Value(value.clone()));
        }
        match prefix {
            "ext" => match suffix {
                "sys.stdout" => Ok(Param::Stdout),
                "sys.stderr" => Ok(Param::Stderr),
                "socket.SOCK_STREAM" => Ok(Param::Value(Value::Int(1))),
                "socket.SOCK_DGRAM" => Ok(Param::Value(Value::Int(2))),
                _ => Err(classes::cannot_resolve(suffix)),
            },
            "cfg" => self.cfg_convert(suffix).map(Param::Value),
            _ => Ok(Param::Value(value.clone())),
        }
    }

    /// `cfg_convert`: `word`, then `.word` and `[index]` steps.
    fn cfg_convert(&self, value: &str) -> Result<Value, ConfigError> {
        let unable = || ConfigError::value(format!("Unable to convert {}", repr(value)));
        let rest = value.trim_start();
        let word_len = rest
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(rest.len());
        if word_len == 0 {
            return Err(unable());
        }
        let key = &rest[..word_len];
        let mut current = self
            .config
            .get(key)
            .cloned()
            .ok_or_else(|| ConfigError::new("KeyError", repr(key)))?;
        let mut rest = rest[word_len..].trim_start();
        while !rest.is_empty() {
            let (step, after) = if let Some(after) = rest.strip_prefix('.') {
                let after = after.trim_start();
                let n = after
                    .find(|c: char| !(c.is_alphanumeric() || c == '_'))
                    .unwrap_or(after.len());
                if n == 0 {
                    return Err(ConfigError::value(format!(
                        "Unable to convert {} at {}",
                        repr(value),
                        repr(rest)
                    )));
                }
                (&after[..n], after[n..].trim_start())
            } else if let Some(after) = rest.strip_prefix('[') {
                let after = after.trim_start();
                let n = after
                    .find(|c: char| !(c.is_alphanumeric() || c == '_'))
                    .unwrap_or(after.len());
                let close = after[n..].trim_start();
                if n == 0 || !close.starts_with(']') {
                    return Err(ConfigError::value(format!(
                        "Unable to convert {} at {}",
                        repr(value),
                        repr(rest)
                    )));
                }
                (&after[..n], close[1..].trim_start())
            } else {
                return Err(ConfigError::value(format!(
                    "Unable to convert {} at {}",
                    repr(value),
                    repr(rest)
                )));
            };
            // `[digits]` indexes with an int: a list's IndexError, a
            // dict's KeyError shows the int; `.name` and other `[name]`
            // index with the str.
            let number = rest.starts_with('[') && step.bytes().all(|b| b.is_ascii_digit());
            current = match &current {
                Value::Dict(_) if number => {
                    let n = step.trim_start_matches('0');
                    let n = if n.is_empty() { "0" } else { n };
                    return Err(ConfigError::new("KeyError", String::from(n)));
                }
                Value::Dict(d) => d
                    .get(step)
                    .cloned()
                    .ok_or_else(|| ConfigError::new("KeyError", repr(step)))?,
                Value::List(items) if number => step
                    .parse::<usize>()
                    .ok()
                    .and_then(|i| items.get(i).cloned())
                    .ok_or_else(|| {
                        ConfigError::new("IndexError", String::from("list index out of range"))
                    })?,
                Value::List(_) => {
                    return Err(ConfigError::new(
                        "TypeError",
                        String::from("list indices must be integers or slices, not str"),
                    ));
                }
                _ => return Err(ConfigError::new("KeyError", repr(step))),
            };
            rest = after;
        }
        Ok(current)
    }
}

fn config_handler_names(config: &Dict) -> Vec<&str> {
    match config.get("handlers") {
        Some(Value::Dict(d)) => d.keys().collect(),
        _ => Vec::new(),
    }
}

/// A handler that waits for its target, or a failure.
enum Deferrable {
    NotYet,
    Error(ConfigError),
}

impl From<ConfigError> for Deferrable {
    fn from(e: ConfigError) -> Deferrable {
        Deferrable::Error(e)
    }
}

impl From<crate::logging::Error> for Deferrable {
    fn from(e: crate::logging::Error) -> Deferrable {
        Deferrable::Error(e.into())
    }
}

/// `raise ValueError(message) from cause`.
fn wrap(message: String, cause: ConfigError) -> ConfigError {
    ConfigError::value(message).caused_by(cause)
}

fn as_config_dict(value: &Value) -> Result<&Dict, ConfigError> {
    value.as_dict().ok_or_else(|| {
        ConfigError::new(
            "TypeError",
            format!(
                "a configuration entry must be a dict, not {}",
                value.type_name()
            ),
        )
    })
}

fn as_list(value: &Value) -> Result<&[Value], ConfigError> {
    value.as_list().ok_or_else(|| {
        ConfigError::new(
            "TypeError",
            format!(
                "'{}' object is not iterable as a list of names",
                value.type_name()
            ),
        )
    })
}

/// `_handle_existing_loggers`: loggers the configuration does not name
/// are disabled (or not), their children below a named logger reset.
pub(crate) fn handle_existing_loggers(
    existing: &[String],
    child_loggers: &[String],
    disable: bool,
) {
    for name in existing {
        let Some(logger) = logger::existing_logger(name) else {
            continue;
        };
        if child_loggers.contains(name) {
            logger.set_level(crate::logging::NOTSET);
            logger.clear_handlers();
            logger.set_propagate(true);
        } else {
            logger.set_disabled(disable);
        }
    }
}

/// Python's `str()` of a configuration value.
pub(crate) fn py_str(value: &Value) -> String {
    match value {
        Value::Str(s) => s.clone(),
        other => py_repr(other),
    }
}

/// Python's `repr()` of a configuration value.
pub(crate) fn py_repr(value: &Value) -> String {
    let mut out = String::new();
    match value {
        Value::None => out.push_str("None"),
        Value::Bool(true) => out.push_str("True"),
        Value::Bool(false) => out.push_str("False"),
        Value::Int(n) => out.push_str(&format!("{n}")),
        Value::Float(x) => crate::pyfmt::float::float_repr(*x, &mut out),
        Value::Str(s) => crate::pyfmt::text::repr_str(s, &mut out),
        Value::List(items) => {
            out.push('[');
            for (i, v) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                out.push_str(&py_repr(v));
            }
            out.push(']');
        }
        Value::Dict(d) => {
            out.push('{');
            for (i, (k, v)) in d.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                crate::pyfmt::text::repr_str(k, &mut out);
                out.push_str(": ");
                out.push_str(&py_repr(v));
            }
            out.push('}');
        }
    }
    out
}
