//! `argparse.Namespace`: the parse's result, attribute name to value, in
//! the order Python's `vars()` would list them.

use super::pystr;
use super::value::{FromValue, Value};
use alloc::string::String;
use alloc::vec::Vec;
use core::any::Any;
use core::fmt;

/// `argparse.Namespace`—the attributes a parse set.
///
/// Read with typed getters (`ns.get::<i64>("count")`), test with
/// [`contains`](Self::contains) (`'count' in ns`), walk with
/// [`iter`](Self::iter) (`vars(ns).items()`). `Debug` prints Python's
/// `repr(ns)`: `Namespace(count=2, files=['a', 'b'])`.
#[derive(Clone, Default)]
pub struct Namespace {
    items: Vec<Entry>,
    /// Arguments a subparser did not recognize (Python keeps them in the
    /// attribute `_unrecognized_args` until the parse returns).
    pub(crate) unrecognized: Vec<Vec<u8>>,
}

#[derive(Clone)]
struct Entry {
    name: String,
    value: Value,
    /// Set while the value is still an action's default as it was stored
    /// (Python tests `action.default is getattr(namespace, dest)`).
    from_default: bool,
}

impl Namespace {
    /// `Namespace()`: empty.
    pub fn new() -> Self {
        Self::default()
    }

    fn find(&self, name: &str) -> Option<usize> {
        self.items.iter().position(|e| e.name == name)
    }

    /// `getattr(ns, name)` read as `T`: `None` when the attribute is
    /// missing or holds another type. [`try_get`](Self::try_get) tells
    /// the two apart, so that a misspelt name is not silently `None`.
    pub fn get<'a, T: FromValue<'a>>(&'a self, name: &str) -> Option<T> {
        self.value(name).and_then(T::from_value)
    }

    /// `getattr(ns, name)` read as `T`, or an [`AttributeError`] naming
    /// the attribute: missing (Python's `AttributeError`), or holding a
    /// value of another type.
    ///
    /// ```
    /// use strata_alloc::argparse::{Arg, ArgumentParser, Type};
    ///
    /// let mut parser = ArgumentParser::new().prog("count");
    /// parser.add_argument(Arg::new(&["--count"]).type_(Type::int()).default(1))?;
    /// let ns = parser.parse_args(&["--count", "3"])?;
    /// assert_eq!(ns.try_get::<i64>("count"), Ok(3));
    /// let typo = ns.try_get::<i64>("cuont").unwrap_err();
    /// assert_eq!(typo.to_string(), "'Namespace' object has no attribute 'cuont'");
    /// let wrong = ns.try_get::<&str>("count").unwrap_err();
    /// assert_eq!(wrong.to_string(), "attribute 'count' is int, not &str");
    /// # Ok::<(), strata_alloc::argparse::ArgumentError>(())
    /// ```
    pub fn try_get<'a, T: FromValue<'a>>(&'a self, name: &str) -> Result<T, AttributeError> {
        let value = self.value(name).ok_or_else(|| AttributeError {
            name: String::from(name),
            found: None,
            wanted: core::any::type_name::<T>(),
        })?;
        T::from_value(value).ok_or_else(|| AttributeError {
            name: String::from(name),
            found: Some(value.type_name()),
            wanted: core::any::type_name::<T>(),
        })
    }

    /// `getattr(ns, name)` as a [`Value`].
    pub fn value(&self, name: &str) -> Option<&Value> {
        self.find(name).map(|i| &self.items[i].value)
    }

    /// The Rust object stored with [`Value::object`] under `name`.
    pub fn get_object<T: Any>(&self, name: &str) -> Option<&T> {
        match self.value(name)? {
            Value::Object(object) => object.downcast_ref(),
            _ => None,
        }
    }

    /// `name in ns`.
    pub fn contains(&self, name: &str) -> bool {
        self.find(name).is_some()
    }

    /// `setattr(ns, name, value)`: replaces in place, or appends.
    pub fn set(&mut self, name: &str, value: impl Into<Value>) {
        self.set_value(name, value.into(), false);
    }

    pub(crate) fn set_value(&mut self, name: &str, value: Value, from_default: bool) {
        match self.find(name) {
            Some(i) => {
                self.items[i].value = value;
                self.items[i].from_default = from_default;
            }
            None => self.items.push(Entry {
                name: String::from(name),
                value,
                from_default,
            }),
        }
    }

    pub(crate) fn is_from_default(&self, name: &str) -> bool {
        self.find(name).is_some_and(|i| self.items[i].from_default)
    }

    /// The value under `name` for an in-place change (append, extend,
    /// count): it is no longer the default object afterwards.
    pub(crate) fn value_mut(&mut self, name: &str) -> Option<&mut Value> {
        let i = self.find(name)?;
        self.items[i].from_default = false;
        Some(&mut self.items[i].value)
    }

    /// `delattr(ns, name)`, returning the value.
    pub fn remove(&mut self, name: &str) -> Option<Value> {
        self.find(name).map(|i| self.items.remove(i).value)
    }

    /// `vars(ns).items()`, in order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Value)> {
        self.items.iter().map(|e| (e.name.as_str(), &e.value))
    }

    /// `len(vars(ns))`.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether no attribute is set.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Python's `repr(ns)`.
    pub fn py_repr(&self) -> String {
        let mut out = String::from("Namespace(");
        let mut star = Vec::new();
        let mut first = true;
        for e in &self.items {
            if is_identifier(&e.name) {
                if !first {
                    out.push_str(", ");
                }
                first = false;
                out.push_str(&e.name);
                out.push('=');
                e.value.write_repr(&mut out);
            } else {
                star.push(e);
            }
        }
        if !star.is_empty() {
            if !first {
                out.push_str(", ");
            }
            out.push_str("**{");
            for (i, e) in star.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                pystr::repr_str(&e.name, &mut out);
                out.push_str(": ");
                e.value.write_repr(&mut out);
            }
            out.push('}');
        }
        out.push(')');
        out
    }
}

/// `str.isidentifier()`, with Rust's XID properties standing in for
/// Python's (they agree on everything argparse's dests are made of).
fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) if c == '_' || c.is_alphabetic() => {}
        _ => return false,
    }
    chars.all(|c| c == '_' || c.is_alphanumeric())
}

/// Why [`Namespace::try_get`] found no value: the attribute is missing,
/// or holds a value of another type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AttributeError {
    name: String,
    /// The Python type of the value found (`int`, `str`, ...), if any.
    found: Option<&'static str>,
    wanted: &'static str,
}

impl AttributeError {
    /// The attribute asked for.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Whether the attribute is missing (rather than of another type).
    pub fn is_missing(&self) -> bool {
        self.found.is_none()
    }
}

impl fmt::Display for AttributeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.found {
            None => write!(f, "'Namespace' object has no attribute '{}'", self.name),
            Some(found) => write!(
                f,
                "attribute '{}' is {found}, not {}",
                self.name, self.wanted
            ),
        }
    }
}

impl core::error::Error for AttributeError {}

impl PartialEq for Namespace {
    /// `ns == other`: the same attributes with equal values, in any order.
    fn eq(&self, other: &Namespace) -> bool {
        self.len() == other.len() && self.iter().all(|(k, v)| other.value(k) == Some(v))
    }
}

impl fmt::Debug for Namespace {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.py_repr())
    }
}
