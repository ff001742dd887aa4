//! The value `dictConfig` takes: what Python's `json.loads` returns, or
//! what a program builds in code.
//!
//! Differs from Python: `Int` holds an `i64` (Python's int is unbounded;
//! [`Value::from_json`] rejects an integer outside `i64`), and equality is
//! structural (`Int(1) != Float(1.0)`, and a NaN is unequal to itself),
//! where Python's `1 == 1.0`.

use super::json::{self, JsonError};
use alloc::string::String;
use alloc::vec::Vec;

/// A dict-config value: Python's `None`, `bool`, `int`, `float`, `str`,
/// `list` and `dict`.
#[derive(Clone, Debug, PartialEq, Default)]
pub enum Value {
    /// `None` (JSON `null`).
    #[default]
    None,
    /// `True` / `False`.
    Bool(bool),
    /// An `int` that fits in 64 bits.
    Int(i64),
    /// A `float` (NaN and the infinities included).
    Float(f64),
    /// A `str`.
    Str(String),
    /// A `list`.
    List(Vec<Value>),
    /// A `dict` with string keys, in insertion order.
    Dict(Dict),
}

/// A `dict` with `str` keys that keeps insertion order, as Python's does:
/// setting a key that is already there replaces its value in place.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Dict {
    items: Vec<(String, Value)>,
}

impl Dict {
    /// `{}`.
    pub fn new() -> Self {
        Dict { items: Vec::new() }
    }

    /// The dict with `d[key] = value` done: for building in code,
    /// `Dict::new().with("version", 1).with("disable_existing_loggers", false)`.
    #[must_use]
    pub fn with(mut self, key: impl Into<String>, value: impl Into<Value>) -> Self {
        self.insert(key, value);
        self
    }

    /// `d[key] = value`: a new key goes last, an existing one keeps its
    /// place. Returns the value it replaced.
    pub fn insert(&mut self, key: impl Into<String>, value: impl Into<Value>) -> Option<Value> {
        let key = key.into();
        let value = value.into();
        match self.items.iter_mut().find(|(k, _)| *k == key) {
            Some(slot) => Some(core::mem::replace(&mut slot.1, value)),
            None => {
                self.items.push((key, value));
                None
            }
        }
    }

    /// `d.get(key)`.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.items.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// A mutable reference to `d[key]`.
    pub fn get_mut(&mut self, key: &str) -> Option<&mut Value> {
        self.items
            .iter_mut()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v)
    }

    /// `key in d`.
    pub fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// `d.pop(key, None)`: removes the key, keeping the others' order.
    pub fn remove(&mut self, key: &str) -> Option<Value> {
        let i = self.items.iter().position(|(k, _)| k == key)?;
        Some(self.items.remove(i).1)
    }

    /// `len(d)`.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// `not d`.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// `d.items()`, in insertion order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Value)> {
        self.items.iter().map(|(k, v)| (k.as_str(), v))
    }

    /// `d.keys()`, in insertion order.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.items.iter().map(|(k, _)| k.as_str())
    }
}

impl<K: Into<String>, V: Into<Value>> FromIterator<(K, V)> for Dict {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Self {
        let mut d = Dict::new();
        for (k, v) in iter {
            d.insert(k, v);
        }
        d
    }
}

impl Value {
    /// `json.loads(text)`—parses a JSON document as Python's `json`
    /// module does by default (`NaN`, `Infinity` and `-Infinity`
    /// accepted; a repeated key keeps its first place and its last
    /// value), failing with the text of Python's `JSONDecodeError`. See
    /// [`JsonError`] for the two cases where Python succeeds and this
    /// cannot.
    pub fn from_json(text: &str) -> Result<Value, JsonError> {
        json::parse(text)
    }

    /// `json.dumps(value)`—Python's default output: `", "` and `": "`
    /// separators, non-ASCII as `\uXXXX` (`ensure_ascii`), floats as
    /// `repr()` writes them, `NaN`, `Infinity`, `-Infinity`.
    pub fn to_json(&self) -> String {
        let mut out = String::new();
        json::write(self, &mut out);
        out
    }

    /// The Python type's name: `NoneType`, `bool`, `int`, `float`, `str`,
    /// `list` or `dict` (for messages such as Python's `TypeError`s).
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::None => "NoneType",
            Value::Bool(_) => "bool",
            Value::Int(_) => "int",
            Value::Float(_) => "float",
            Value::Str(_) => "str",
            Value::List(_) => "list",
            Value::Dict(_) => "dict",
        }
    }

    /// `value.get(key)` when the value is a dict; `None` otherwise.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.as_dict()?.get(key)
    }

    /// `value is None`.
    pub fn is_none(&self) -> bool {
        matches!(self, Value::None)
    }

    /// The `bool`, if it is one.
    pub fn as_bool(&self) -> Option<bool> {
        match *self {
            Value::Bool(b) => Some(b),
            _ => None,
        }
    }

    /// The `int`, if it is one (a `bool` is not).
    pub fn as_i64(&self) -> Option<i64> {
        match *self {
            Value::Int(i) => Some(i),
            _ => None,
        }
    }

    /// The number as a float: a `float`, or an `int` converted.
    pub fn as_f64(&self) -> Option<f64> {
        match *self {
            Value::Int(i) => Some(i as f64),
            Value::Float(x) => Some(x),
            _ => None,
        }
    }

    /// The `str`, if it is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }

    /// The `list`, if it is one.
    pub fn as_list(&self) -> Option<&[Value]> {
        match self {
            Value::List(l) => Some(l),
            _ => None,
        }
    }

    /// The `dict`, if it is one.
    pub fn as_dict(&self) -> Option<&Dict> {
        match self {
            Value::Dict(d) => Some(d),
            _ => None,
        }
    }

    /// The `dict`, mutable, if it is one.
    pub fn as_dict_mut(&mut self) -> Option<&mut Dict> {
        match self {
            Value::Dict(d) => Some(d),
            _ => None,
        }
    }
}

impl From<bool> for Value {
    fn from(b: bool) -> Self {
        Value::Bool(b)
    }
}

macro_rules! from_int {
    ($($t:ty),*) => {$(
        impl From<$t> for Value {
            fn from(i: $t) -> Self {
                Value::Int(i64::from(i))
            }
        }
    )*};
}
from_int!(i8, i16, i32, i64, u8, u16, u32);

impl From<f64> for Value {
    fn from(x: f64) -> Self {
        Value::Float(x)
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Self {
        Value::Str(s.into())
    }
}

impl From<String> for Value {
    fn from(s: String) -> Self {
        Value::Str(s)
    }
}

impl From<Dict> for Value {
    fn from(d: Dict) -> Self {
        Value::Dict(d)
    }
}

impl<T: Into<Value>> From<Vec<T>> for Value {
    fn from(l: Vec<T>) -> Self {
        Value::List(l.into_iter().map(Into::into).collect())
    }
}

impl<T: Into<Value>> From<Option<T>> for Value {
    fn from(o: Option<T>) -> Self {
        o.map_or(Value::None, Into::into)
    }
}

pub(crate) use crate::pyfmt::float::float_repr;

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec;

    #[test]
    fn dict_keeps_first_place_and_last_value() {
        let d = Dict::new().with("b", 1).with("a", 2).with("b", 3);
        assert_eq!(d.keys().collect::<Vec<_>>(), ["b", "a"]);
        assert_eq!(d.get("b"), Some(&Value::Int(3)));
        let mut d = d;
        assert_eq!(d.remove("b"), Some(Value::Int(3)));
        assert_eq!(d.keys().collect::<Vec<_>>(), ["a"]);
    }

    #[test]
    fn built_in_code_matches_parsed() {
        let built = Value::from(
            Dict::new()
                .with("version", 1)
                .with("disable_existing_loggers", false)
                .with("handlers", vec!["console", "file"])
                .with("level", Option::<&str>::None)
                .with("ratio", 0.5),
        );
        let parsed = Value::from_json(
            r#"{"version": 1, "disable_existing_loggers": false,
                "handlers": ["console", "file"], "level": null, "ratio": 0.5}"#,
        )
        .unwrap();
        assert_eq!(built, parsed);
        assert_eq!(built.get("version").and_then(Value::as_i64), Some(1));
        assert_eq!(
            built
                .get("handlers")
                .and_then(Value::as_list)
                .map(<[_]>::len),
            Some(2)
        );
        assert_eq!(built.get("ratio").and_then(Value::as_f64), Some(0.5));
        assert!(built.get("level").is_some_and(Value::is_none));
        assert_eq!(built.get("nope"), None);
        assert_eq!(Value::from("x").as_str(), Some("x"));
        assert_eq!(Value::from(true).type_name(), "bool");
    }

    #[test]
    fn float_repr_follows_python() {
        // From python3: repr(float(x)) for each.
        for (x, want) in [
            (0.0, "0.0"),
            (-0.0, "-0.0"),
            (1.5, "1.5"),
            (1e16, "1e+16"),
            (1e15, "1000000000000000.0"),
            (0.0001, "0.0001"),
            (0.00001, "1e-05"),
            (1.5e-7, "1.5e-07"),
            (123456789.125, "123456789.125"),
            (f64::MAX, "1.7976931348623157e+308"),
            (5e-324, "5e-324"),
            (f64::INFINITY, "inf"),
            (f64::NEG_INFINITY, "-inf"),
            (f64::NAN, "nan"),
            (0.1 + 0.2, "0.30000000000000004"),
        ] {
            let mut s = String::new();
            float_repr(x, &mut s);
            assert_eq!(s, want);
        }
    }
}
