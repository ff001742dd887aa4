//! The logger tree: `getLogger`, placeholders, propagation, effective
//! levels and the `isEnabledFor` cache.

use super::filter::{Filter, Filters};
use super::handler::{HandlerRef, handle_error_text};
use super::level::{self, NOTSET, WARNING};
use super::record::{Arg, CallSite, ExcInfo, LogRecord};
use alloc::borrow::Cow;
use alloc::collections::BTreeMap;
use alloc::string::String;
use alloc::sync::Arc;
use alloc::vec::Vec;
use core::sync::atomic::{AtomicBool, AtomicI32, AtomicU32, AtomicU64, Ordering};
use strata_core::sync::{Lazy, Mutex, RwLock};

/// A node of `Manager.loggerDict`: a logger, or a placeholder standing for
/// the loggers below a name nobody has asked for yet.
enum Node {
    Logger(Logger),
    PlaceHolder(Vec<Logger>),
}

struct Manager {
    loggers: BTreeMap<String, Node>,
    emitted_no_handler_warning: bool,
}

static MANAGER: Mutex<Manager> = Mutex::new(Manager {
    loggers: BTreeMap::new(),
    emitted_no_handler_warning: false,
});

static ROOT: Lazy<Logger> = Lazy::new(|| Logger::new_node("root", WARNING));

/// `Manager.disable`: records at or below this level are dropped
/// everywhere (`logging.disable`).
static DISABLE: AtomicI32 = AtomicI32::new(NOTSET);

/// Bumped by every change that can alter an `isEnabledFor` answer, so
/// that an answer worked out across a change is not kept.
static GENERATION: AtomicU32 = AtomicU32::new(1);

/// CPython's `Manager._clear_cache`: forgets every logger's cached
/// `isEnabledFor` answer.
pub(crate) fn clear_cache() {
    GENERATION.fetch_add(1, Ordering::SeqCst);
    let manager = MANAGER.lock();
    for node in manager.loggers.values() {
        if let Node::Logger(logger) = node {
            logger.0.cache.store(0, Ordering::SeqCst);
        }
    }
    drop(manager);
    Lazy::force(&ROOT).0.cache.store(0, Ordering::SeqCst);
}

/// `logging.Logger`: a handle to one logger of the tree. Clones are the
/// same logger, as every `getLogger(name)` for one name is.
#[derive(Clone)]
pub struct Logger(Arc<Inner>);

struct Inner {
    name: Arc<str>,
    level: AtomicI32,
    propagate: AtomicBool,
    disabled: AtomicBool,
    parent: RwLock<Option<Logger>>,
    handlers: RwLock<Vec<HandlerRef>>,
    filters: Filters,
    /// The cached `isEnabledFor` threshold: the lowest enabled level,
    /// offset to be unsigned, plus one; 0 when not known.
    cache: AtomicU64,
}

impl core::fmt::Debug for Logger {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        // CPython's repr: <Logger name (LEVEL)>.
        let kind = if self.is_root() {
            "RootLogger"
        } else {
            "Logger"
        };
        write!(
            f,
            "<{kind} {} ({})>",
            self.name(),
            level::level_name(self.get_effective_level())
        )
    }
}

impl PartialEq for Logger {
    fn eq(&self, other: &Logger) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Eq for Logger {}

/// `logging.getLogger(name)`—the logger of that dotted name, made (with
/// placeholders for its missing ancestors) on first use. An empty name,
/// or `"root"`, is the root logger.
///
/// ```
/// use strata_alloc::logging;
/// let a = logging::get_logger("app.db");
/// assert_eq!(a.parent().unwrap(), logging::get_logger(""));
/// let b = logging::get_logger("app");
/// assert_eq!(a.parent().unwrap(), b);
/// ```
pub fn get_logger(name: &str) -> Logger {
    if name.is_empty() || name == "root" {
        return root();
    }
    let mut manager = MANAGER.lock();
    let placeholder = match manager.loggers.get(name) {
        Some(Node::Logger(logger)) => return logger.clone(),
        Some(Node::PlaceHolder(children)) => Some(children.clone()),
        None => None,
    };
    let logger = Logger::new_node(name, NOTSET);
    manager
        .loggers
        .insert(String::from(name), Node::Logger(logger.clone()));
    if let Some(children) = placeholder {
        fixup_children(&children, &logger);
    }
    fixup_parents(&mut manager, &logger);
    drop(manager);
    logger
}

/// The root logger (`logging.root`, `getLogger()`).
pub fn root() -> Logger {
    Lazy::force(&ROOT).clone()
}

/// Every logger made so far, by name (`Manager.loggerDict`'s loggers,
/// placeholders left out), root excluded.
pub fn loggers() -> Vec<Logger> {
    MANAGER
        .lock()
        .loggers
        .values()
        .filter_map(|node| match node {
            Node::Logger(l) => Some(l.clone()),
            Node::PlaceHolder(_) => None,
        })
        .collect()
}

/// `Manager.loggerDict`'s names, placeholders included, sorted (as
/// `dictConfig` and `fileConfig` list the existing loggers).
pub(crate) fn existing_names() -> Vec<String> {
    MANAGER.lock().loggers.keys().cloned().collect()
}

/// The logger named `name` if it exists (not a placeholder), without
/// making one.
pub(crate) fn existing_logger(name: &str) -> Option<Logger> {
    match MANAGER.lock().loggers.get(name) {
        Some(Node::Logger(logger)) => Some(logger.clone()),
        _ => None,
    }
}

/// CPython's `Manager._fixupParents`, quirks included.
fn fixup_parents(manager: &mut Manager, logger: &Logger) {
    let name = logger.name();
    let mut parent = None;
    let mut i = name.rfind('.');
    while let Some(at) = i.filter(|&at| at > 0) {
        let prefix = &name[..at];
        match manager.loggers.get_mut(prefix) {
            None => {
                manager.loggers.insert(
                    String::from(prefix),
                    Node::PlaceHolder(alloc::vec![logger.clone()]),
                );
            }
            Some(Node::Logger(found)) => {
                parent = Some(found.clone());
                break;
            }
            Some(Node::PlaceHolder(children)) => {
                if !children.contains(logger) {
                    children.push(logger.clone());
                }
            }
        }
        // name.rfind(".", 0, i - 1)
        i = name[..at - 1].rfind('.');
    }
    *logger.0.parent.write() = Some(parent.unwrap_or_else(root));
}

/// CPython's `Manager._fixupChildren`: the loggers a placeholder stood
/// for now hang below the new logger.
fn fixup_children(children: &[Logger], logger: &Logger) {
    let name = logger.name();
    for child in children {
        let mut slot = child.0.parent.write();
        let parent_name = slot.as_ref().map(|p| p.0.name.clone());
        if parent_name.is_some_and(|p| !p.starts_with(name)) {
            *logger.0.parent.write() = slot.take();
            *slot = Some(logger.clone());
        }
    }
}

/// `logging.disable(level)`—drops every record at or below `level`,
/// whatever the loggers' levels (`disable(NOTSET)` undoes it).
pub fn disable(level: i32) {
    DISABLE.store(level, Ordering::Relaxed);
    clear_cache();
}

/// The level given to [`disable`] (`logging.root.manager.disable`).
pub fn disabled_level() -> i32 {
    DISABLE.load(Ordering::Relaxed)
}

/// The keyword arguments of a logging call beyond the message and its
/// arguments: `exc_info`, `stack_info` and `extra`. (`stacklevel` is Rust's
/// `#[track_caller]`: a wrapper marked with it logs its caller's line.)
#[derive(Default)]
pub struct LogOptions {
    /// `exc_info`: an error and its sources.
    pub exc_info: Option<ExcInfo>,
    /// `stack_info=True`.
    pub stack_info: bool,
    /// `extra`: more attributes for the record.
    pub extra: Vec<(String, Arg)>,
}

impl LogOptions {
    /// Sets `exc_info` from an error.
    pub fn exc_info(mut self, error: &(dyn core::error::Error + 'static)) -> Self {
        self.exc_info = Some(ExcInfo::new(error));
        self
    }

    /// Sets `stack_info`.
    pub fn stack_info(mut self, on: bool) -> Self {
        self.stack_info = on;
        self
    }

    /// Adds one `extra` attribute.
    pub fn extra(mut self, key: &str, value: impl Into<Arg>) -> Self {
        self.extra.push((String::from(key), value.into()));
        self
    }
}

/// What `extra` may not replace besides the record's attributes
/// (CPython raises `KeyError("Attempt to overwrite 'name' in LogRecord")`);
/// `taskName` is an attribute here, as in 3.12.
const RESERVED: [&str; 4] = ["taskName", "message", "asctime", "getMessage"];

impl Logger {
    fn new_node(name: &str, level: i32) -> Logger {
        Logger(Arc::new(Inner {
            name: Arc::from(name),
            level: AtomicI32::new(level),
            propagate: AtomicBool::new(true),
            disabled: AtomicBool::new(false),
            parent: RwLock::new(None),
            handlers: RwLock::new(Vec::new()),
            filters: Filters::default(),
            cache: AtomicU64::new(0),
        }))
    }

    /// `name`.
    pub fn name(&self) -> &str {
        &self.0.name
    }

    /// The name as records share it.
    pub fn name_arc(&self) -> &Arc<str> {
        &self.0.name
    }

    fn is_root(&self) -> bool {
        Arc::ptr_eq(&self.0, &Lazy::force(&ROOT).0)
    }

    /// `level`: this logger's own level (`NOTSET` defers to its parent).
    pub fn level(&self) -> i32 {
        self.0.level.load(Ordering::Relaxed)
    }

    /// `setLevel(level)`.
    pub fn set_level(&self, level: i32) {
        self.0.level.store(level, Ordering::Relaxed);
        clear_cache();
    }

    /// `parent`: `None` only for the root.
    pub fn parent(&self) -> Option<Logger> {
        self.0.parent.read().clone()
    }

    /// `propagate`.
    pub fn propagate(&self) -> bool {
        self.0.propagate.load(Ordering::Relaxed)
    }

    /// Sets `propagate`.
    pub fn set_propagate(&self, on: bool) {
        self.0.propagate.store(on, Ordering::Relaxed);
    }

    /// `disabled`.
    pub fn disabled(&self) -> bool {
        self.0.disabled.load(Ordering::Relaxed)
    }

    /// Sets `disabled` (as `dictConfig` does to existing loggers).
    pub fn set_disabled(&self, on: bool) {
        self.0.disabled.store(on, Ordering::Relaxed);
        // Only this logger's answer depends on its `disabled`.
        GENERATION.fetch_add(1, Ordering::SeqCst);
        self.0.cache.store(0, Ordering::SeqCst);
    }

    /// `getEffectiveLevel()`: the first level set on the way to the root.
    pub fn get_effective_level(&self) -> i32 {
        let mut logger = self.clone();
        loop {
            let level = logger.level();
            if level != NOTSET {
                return level;
            }
            match logger.parent() {
                Some(parent) => logger = parent,
                None => return NOTSET,
            }
        }
    }

    /// `isEnabledFor(level)`. Cached per logger: one atomic load and a
    /// compare until a level changes somewhere.
    #[inline]
    pub fn is_enabled_for(&self, level: i32) -> bool {
        let mut cached = self.0.cache.load(Ordering::Relaxed);
        if cached == 0 {
            cached = self.refresh_cache();
        }
        // `level - i32::MIN + 1 > lowest - i32::MIN` ⇔ `level >= lowest`.
        (i64::from(level) - i64::from(i32::MIN) + 1) as u64 > cached - 1
    }

    #[cold]
    fn refresh_cache(&self) -> u64 {
        let generation = GENERATION.load(Ordering::SeqCst);
        let lowest = if self.disabled() {
            // Above every level.
            1 << 32
        } else {
            let effective = i64::from(self.get_effective_level());
            let disable = i64::from(DISABLE.load(Ordering::Relaxed));
            (effective.max(disable + 1) - i64::from(i32::MIN)) as u64
        };
        let entry = lowest + 1;
        self.0.cache.store(entry, Ordering::SeqCst);
        // A change while we looked: its clear may have come before our
        // store, so forget the answer again (the next call recomputes).
        if GENERATION.load(Ordering::SeqCst) != generation {
            self.0.cache.store(0, Ordering::SeqCst);
        }
        entry
    }

    /// `getChild(suffix)`: `getLogger(self.name + '.' + suffix)`, or
    /// `getLogger(suffix)` on the root.
    pub fn get_child(&self, suffix: &str) -> Logger {
        if self.is_root() {
            get_logger(suffix)
        } else {
            let mut name = String::from(self.name());
            name.push('.');
            name.push_str(suffix);
            get_logger(&name)
        }
    }

    /// `getChildren()` (CPython 3.12): the loggers directly below this
    /// one, placeholders skipped; ordered by name (Python gives a set).
    pub fn get_children(&self) -> Vec<Logger> {
        let depth = |l: &Logger| {
            if l.is_root() {
                0
            } else {
                1 + l.name().matches('.').count()
            }
        };
        let mine = depth(self);
        loggers()
            .into_iter()
            .filter(|l| l.parent().as_ref() == Some(self) && depth(l) == mine + 1)
            .collect()
    }

    /// `addHandler(hdlr)`; adding one already there does nothing.
    pub fn add_handler(&self, handler: HandlerRef) {
        let mut handlers = self.0.handlers.write();
        if !handlers.iter().any(|h| Arc::ptr_eq(h, &handler)) {
            handlers.push(handler);
        }
    }

    /// Removes every handler (`logger.handlers = []`).
    pub fn clear_handlers(&self) {
        self.0.handlers.write().clear();
    }

    /// `removeHandler(hdlr)`.
    pub fn remove_handler(&self, handler: &HandlerRef) {
        self.0.handlers.write().retain(|h| !Arc::ptr_eq(h, handler));
    }

    /// `handlers`: this logger's own handlers.
    pub fn handlers(&self) -> Vec<HandlerRef> {
        self.0.handlers.read().clone()
    }

    /// `hasHandlers()`: whether this logger or one it propagates to has
    /// a handler.
    pub fn has_handlers(&self) -> bool {
        let mut logger = self.clone();
        loop {
            if !logger.0.handlers.read().is_empty() {
                return true;
            }
            if !logger.propagate() {
                return false;
            }
            match logger.parent() {
                Some(p) => logger = p,
                None => return false,
            }
        }
    }

    /// `addFilter(filter)`.
    pub fn add_filter(&self, filter: Filter) {
        self.0.filters.add(filter);
    }

    /// `removeFilter(filter)` (filters compare by identity, as Python's).
    pub fn remove_filter(&self, filter: &Filter) {
        self.0.filters.remove(filter);
    }

    /// `filter(record)`: whether every filter passes the record.
    pub fn filter(&self, record: &mut LogRecord) -> bool {
        self.0.filters.filter(record)
    }

    /// `makeRecord(...)`: a record for this logger with the call's
    /// options; an `extra` key that would replace an attribute is refused
    /// as CPython refuses it.
    pub fn make_record(
        &self,
        level: i32,
        site: &CallSite,
        msg: Cow<'static, str>,
        args: Vec<Arg>,
        options: LogOptions,
    ) -> Result<LogRecord, super::Error> {
        let mut record = LogRecord::new(self.0.name.clone(), level, site, msg, args);
        record.exc_info = options.exc_info;
        if options.stack_info {
            record.stack_info = Some(alloc::format!(
                "Stack (most recent call last):\n  File \"{}\", line {}, in {}",
                site.pathname,
                site.lineno,
                site.func_name
            ));
        }
        for (key, value) in options.extra {
            if RESERVED.contains(&key.as_str()) || super::record::ATTRIBUTES.contains(&key.as_str())
            {
                let mut repr = String::new();
                crate::pyfmt::text::repr_str(&key, &mut repr);
                return Err(super::Error::key(alloc::format!(
                    "\"Attempt to overwrite {repr} in LogRecord\""
                )));
            }
            record.extra.retain(|(k, _)| *k != key);
            record.extra.push((key, value));
        }
        Ok(record)
    }

    /// `_log(level, msg, args, **options)` without the level check: makes
    /// the record and handles it. The macros call this once
    /// [`is_enabled_for`](Logger::is_enabled_for) said yes.
    pub fn log_record(
        &self,
        level: i32,
        site: &CallSite,
        msg: Cow<'static, str>,
        args: Vec<Arg>,
        options: LogOptions,
    ) {
        match self.make_record(level, site, msg, args, options) {
            Ok(mut record) => self.handle(&mut record),
            Err(e) => handle_error_text(&e, None),
        }
    }

    /// `log(level, msg, *args)` as a method: `msg` and its arguments
    /// (`()`, one value, a tuple of values, or a `Vec<Arg>`), the caller's
    /// file and line from `#[track_caller]`. The macros
    /// ([`info!`](crate::info) and its kin) also give the function name.
    #[track_caller]
    pub fn log(&self, level: i32, msg: impl Into<Cow<'static, str>>, args: impl IntoArgs) {
        if self.is_enabled_for(level) {
            let caller = core::panic::Location::caller();
            let site = CallSite::new(
                caller.file(),
                caller.line(),
                CallSite::UNKNOWN.func_name,
                "",
            );
            self.log_record(
                level,
                &site,
                msg.into(),
                args.into_args(),
                LogOptions::default(),
            );
        }
    }

    /// `debug(msg, *args)`.
    #[track_caller]
    pub fn debug(&self, msg: impl Into<Cow<'static, str>>, args: impl IntoArgs) {
        self.log(level::DEBUG, msg, args)
    }

    /// `info(msg, *args)`.
    #[track_caller]
    pub fn info(&self, msg: impl Into<Cow<'static, str>>, args: impl IntoArgs) {
        self.log(level::INFO, msg, args)
    }

    /// `warning(msg, *args)`.
    #[track_caller]
    pub fn warning(&self, msg: impl Into<Cow<'static, str>>, args: impl IntoArgs) {
        self.log(level::WARNING, msg, args)
    }

    /// `error(msg, *args)`.
    #[track_caller]
    pub fn error(&self, msg: impl Into<Cow<'static, str>>, args: impl IntoArgs) {
        self.log(level::ERROR, msg, args)
    }

    /// `critical(msg, *args)`.
    #[track_caller]
    pub fn critical(&self, msg: impl Into<Cow<'static, str>>, args: impl IntoArgs) {
        self.log(level::CRITICAL, msg, args)
    }

    /// `handle(record)`: the logger's filters, then every handler on the
    /// way up while `propagate` holds (`callHandlers`); a record no
    /// handler saw goes to [`last_resort`](super::last_resort).
    pub fn handle(&self, record: &mut LogRecord) {
        if self.disabled() || !self.filter(record) {
            return;
        }
        self.call_handlers(record);
    }

    /// `callHandlers(record)`.
    pub fn call_handlers(&self, record: &mut LogRecord) {
        let mut found = 0usize;
        let mut logger = self.clone();
        loop {
            for handler in logger.0.handlers.read().iter() {
                found += 1;
                if record.levelno >= handler.level() {
                    handler.handle(record);
                }
            }
            if !logger.propagate() {
                break;
            }
            match logger.parent() {
                Some(p) => logger = p,
                None => break,
            }
        }
        if found == 0 {
            match super::last_resort() {
                Some(handler) => {
                    if record.levelno >= handler.level() {
                        handler.handle(record);
                    }
                }
                None => {
                    let mut manager = MANAGER.lock();
                    if super::raise_exceptions() && !manager.emitted_no_handler_warning {
                        manager.emitted_no_handler_warning = true;
                        drop(manager);
                        let _ = strata_core::io::stderr().write(
                            alloc::format!(
                                "No handlers could be found for logger \"{}\"\n",
                                self.name()
                            )
                            .as_bytes(),
                        );
                    }
                }
            }
        }
    }
}

/// What a logging method takes as `*args`: nothing (`()`), one value, a
/// tuple of up to eight values, or a `Vec<Arg>`.
pub trait IntoArgs {
    /// The arguments, each as an [`Arg`].
    fn into_args(self) -> Vec<Arg>;
}

impl IntoArgs for () {
    fn into_args(self) -> Vec<Arg> {
        Vec::new()
    }
}

impl IntoArgs for Vec<Arg> {
    fn into_args(self) -> Vec<Arg> {
        self
    }
}

macro_rules! tuple_args {
    ($($name:ident),+) => {
        impl<$($name: Into<Arg>),+> IntoArgs for ($($name,)+) {
            #[allow(non_snake_case)]
            fn into_args(self) -> Vec<Arg> {
                let ($($name,)+) = self;
                alloc::vec![$($name.into()),+]
            }
        }
    };
}
tuple_args!(A);
tuple_args!(A, B);
tuple_args!(A, B, C);
tuple_args!(A, B, C, D);
tuple_args!(A, B, C, D, E);
tuple_args!(A, B, C, D, E, F);
tuple_args!(A, B, C, D, E, F, G);
tuple_args!(A, B, C, D, E, F, G, H);
