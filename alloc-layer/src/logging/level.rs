//! Levels and their names: `logging.DEBUG` … `logging.CRITICAL`,
//! `addLevelName`, `getLevelName`, `getLevelNamesMapping`.

use alloc::borrow::Cow;
use alloc::format;
use alloc::string::String;
use alloc::sync::Arc;
use alloc::vec::Vec;
use strata_core::sync::RwLock;

/// `logging.CRITICAL`.
pub const CRITICAL: i32 = 50;
/// `logging.FATAL`, the same as [`CRITICAL`].
pub const FATAL: i32 = CRITICAL;
/// `logging.ERROR`.
pub const ERROR: i32 = 40;
/// `logging.WARNING`.
pub const WARNING: i32 = 30;
/// `logging.WARN`, the same as [`WARNING`].
pub const WARN: i32 = WARNING;
/// `logging.INFO`.
pub const INFO: i32 = 20;
/// `logging.DEBUG`.
pub const DEBUG: i32 = 10;
/// `logging.NOTSET`.
pub const NOTSET: i32 = 0;

/// Level numbers and names both ways, in the order names were added (the
/// order `getLevelNamesMapping` shows). Names are shared with every record.
struct Names {
    by_level: Vec<(i32, Arc<str>)>,
    by_name: Vec<(Arc<str>, i32)>,
}

static NAMES: RwLock<Option<Names>> = RwLock::new(None);

fn with_names<R>(f: impl FnOnce(&mut Names) -> R) -> R {
    let mut guard = NAMES.write();
    let names = guard.get_or_insert_with(|| {
        // CPython's _levelToName and _nameToLevel, in its order.
        let levels: [(i32, &str); 6] = [
            (CRITICAL, "CRITICAL"),
            (ERROR, "ERROR"),
            (WARNING, "WARNING"),
            (INFO, "INFO"),
            (DEBUG, "DEBUG"),
            (NOTSET, "NOTSET"),
        ];
        let by_level: Vec<(i32, Arc<str>)> =
            levels.iter().map(|&(l, n)| (l, Arc::from(n))).collect();
        let mut by_name: Vec<_> = by_level.iter().map(|(l, n)| (n.clone(), *l)).collect();
        by_name.insert(1, (Arc::from("FATAL"), FATAL));
        by_name.insert(3, (Arc::from("WARN"), WARNING));
        Names { by_level, by_name }
    });
    f(names)
}

/// `logging.addLevelName(level, levelName)`—names `level` (both ways),
/// replacing an earlier name of the same level.
pub fn add_level_name(level: i32, name: &str) {
    with_names(|names| {
        let name: Arc<str> = Arc::from(name);
        match names.by_level.iter_mut().find(|(l, _)| *l == level) {
            Some(slot) => slot.1 = name.clone(),
            None => names.by_level.push((level, name.clone())),
        }
        match names.by_name.iter_mut().find(|(n, _)| *n == name) {
            Some(slot) => slot.1 = level,
            None => names.by_name.push((name, level)),
        }
    });
}

/// The name a record of `level` shows as `%(levelname)s`: the registered
/// name, else `Level N` as CPython's `getLevelName(N)` gives.
pub fn level_name(level: i32) -> Arc<str> {
    if let Some(guard) = NAMES.read().as_ref()
        && let Some((_, name)) = guard.by_level.iter().find(|(l, _)| *l == level)
    {
        return name.clone();
    }
    with_names(|names| {
        names
            .by_level
            .iter()
            .find(|(l, _)| *l == level)
            .map(|(_, n)| n.clone())
            .unwrap_or_else(|| Arc::from(format!("Level {level}")))
    })
}

/// What `logging.getLevelName(x)` returns: a name for a number, a number
/// for a name, and for neither CPython's `"Level %s" % x`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LevelName {
    /// The level's name (`getLevelName(10)` is `'DEBUG'`).
    Name(Cow<'static, str>),
    /// The named level's number (`getLevelName('DEBUG')` is `10`).
    Level(i32),
}

/// `logging.getLevelName(level)` for a number: its name, or `Level N`.
pub fn get_level_name(level: i32) -> String {
    String::from(&*level_name(level))
}

/// `logging.getLevelName(name)` for a string: the level of that name, or
/// the text `Level NAME` as CPython returns for an unknown one.
pub fn get_level_name_of(name: &str) -> LevelName {
    match name_to_level(name) {
        Some(level) => LevelName::Level(level),
        None => LevelName::Name(Cow::Owned(format!("Level {name}"))),
    }
}

/// `logging.getLevelNamesMapping()`—every name and its level (CPython
/// 3.11), `FATAL` and `WARN` included.
pub fn get_level_names_mapping() -> Vec<(String, i32)> {
    with_names(|names| {
        names
            .by_name
            .iter()
            .map(|(n, l)| (String::from(&**n), *l))
            .collect()
    })
}

/// The level a registered name stands for.
pub fn name_to_level(name: &str) -> Option<i32> {
    with_names(|names| {
        names
            .by_name
            .iter()
            .find(|(n, _)| &**n == name)
            .map(|(_, l)| *l)
    })
}

/// Why a level given as text or number is not one (`logging._checkLevel`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownLevel(pub String);

impl core::fmt::Display for UnknownLevel {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        // CPython: ValueError("Unknown level: %r" % level).
        f.write_str("Unknown level: ")?;
        let mut repr = String::new();
        crate::pyfmt::text::repr_str(&self.0, &mut repr);
        f.write_str(&repr)
    }
}

impl core::error::Error for UnknownLevel {}

/// `logging._checkLevel(level)` for a level given by name, as
/// `setLevel('INFO')`, `basicConfig(level='INFO')` and the configuration
/// files give it.
pub fn check_level(name: &str) -> Result<i32, UnknownLevel> {
    name_to_level(name).ok_or_else(|| UnknownLevel(String::from(name)))
}
