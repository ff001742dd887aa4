//! The values a parse produces: Python's `None`, `bool`, `int`, `float`,
//! `str`, `list`, file objects and anything a user's type returns.

use super::file::File;
use super::pystr;
use alloc::rc::Rc;
use alloc::string::String;
use alloc::vec::Vec;
use core::any::Any;
use core::fmt::{self, Write};

/// A value in a [`Namespace`](super::Namespace), a default, a `const` or a
/// choice: one of the Python objects argparse deals in.
///
/// Strings are bytes, so an argument that is not UTF-8 keeps its bytes;
/// text shows them as Python shows the `surrogateescape` code points
/// (`'\udcff'`). Equality follows Python's `==`: `True == 1 == 1.0`.
#[derive(Clone, Default)]
pub enum Value {
    /// `None`.
    #[default]
    None,
    /// `True` or `False`.
    Bool(bool),
    /// `int` (Strata's is 64-bit; Python's has no bound).
    Int(i64),
    /// `float`.
    Float(Float),
    /// `str`, as the bytes the kernel passed.
    Str(Vec<u8>),
    /// `list`.
    List(Vec<Value>),
    /// A file opened by [`FileType`](super::FileType).
    File(Rc<File>),
    /// Anything else, e.g. a function stored with `set_defaults(func=…)`.
    /// Shown as `<object>`; equal only to itself.
    Object(Rc<dyn Any>),
}

/// A Python `float`. Its text form is produced by a function chosen where
/// the float is made, so programs that never make one do not link float
/// formatting.
#[derive(Clone, Copy)]
pub struct Float {
    value: f64,
    repr: fn(f64, &mut String),
}

impl Float {
    /// A float with Python's `repr()`.
    pub fn new(value: f64) -> Self {
        Float {
            value,
            repr: crate::pyfmt::float::float_repr,
        }
    }

    /// The number.
    pub fn get(self) -> f64 {
        self.value
    }
}

impl Value {
    /// A `str` value from text.
    pub fn str(s: impl AsRef<[u8]>) -> Self {
        Value::Str(s.as_ref().to_vec())
    }

    /// A `float` value.
    pub fn float(x: f64) -> Self {
        Value::Float(Float::new(x))
    }

    /// A value holding any Rust object (Python: an arbitrary object, as in
    /// `set_defaults(func=handler)`); read it back with
    /// [`Namespace::get_object`](super::Namespace::get_object).
    pub fn object<T: Any>(object: T) -> Self {
        Value::Object(Rc::new(object))
    }

    /// Whether this is `None`.
    pub fn is_none(&self) -> bool {
        matches!(self, Value::None)
    }

    /// The bytes of a `str`.
    pub fn as_bytes(&self) -> Option<&[u8]> {
        match self {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }

    /// The text of a `str` that is UTF-8.
    pub fn as_str(&self) -> Option<&str> {
        self.as_bytes().and_then(|b| core::str::from_utf8(b).ok())
    }

    /// Whether this is argparse's `SUPPRESS` marker, the string
    /// `'==SUPPRESS=='`.
    pub(crate) fn is_suppress(&self) -> bool {
        self.as_bytes() == Some(super::SUPPRESS.as_bytes())
    }

    /// Python's type name, as `type(v).__name__`.
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::None => "NoneType",
            Value::Bool(_) => "bool",
            Value::Int(_) => "int",
            Value::Float(_) => "float",
            Value::Str(_) => "str",
            Value::List(_) => "list",
            Value::File(_) => "file",
            Value::Object(_) => "object",
        }
    }

    /// Python's `str(v)`.
    pub fn py_str(&self) -> String {
        let mut out = String::new();
        self.write_str(&mut out);
        out
    }

    /// Python's `repr(v)`.
    pub fn py_repr(&self) -> String {
        let mut out = String::new();
        self.write_repr(&mut out);
        out
    }

    pub(crate) fn write_str(&self, out: &mut String) {
        match self {
            Value::Str(s) => out.push_str(&pystr::decode(s)),
            other => other.write_repr(out),
        }
    }

    pub(crate) fn write_repr(&self, out: &mut String) {
        match self {
            Value::None => out.push_str("None"),
            Value::Bool(true) => out.push_str("True"),
            Value::Bool(false) => out.push_str("False"),
            Value::Int(n) => {
                let _ = write!(out, "{n}");
            }
            Value::Float(f) => (f.repr)(f.value, out),
            Value::Str(s) => pystr::repr_bytes(s, out),
            Value::List(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    item.write_repr(out);
                }
                out.push(']');
            }
            Value::File(file) => file.write_repr(out),
            Value::Object(_) => out.push_str("<object>"),
        }
    }

    /// The value as a number, for Python's numeric equality.
    fn number(&self) -> Option<f64> {
        match *self {
            Value::Bool(b) => Some(f64::from(u8::from(b))),
            Value::Int(n) => Some(n as f64),
            Value::Float(f) => Some(f.value),
            _ => None,
        }
    }

    /// Whether Python would truth-test this as true.
    pub fn truthy(&self) -> bool {
        match self {
            Value::None => false,
            Value::Bool(b) => *b,
            Value::Int(n) => *n != 0,
            Value::Float(f) => f.value != 0.0,
            Value::Str(s) => !s.is_empty(),
            Value::List(l) => !l.is_empty(),
            Value::File(_) | Value::Object(_) => true,
        }
    }
}

impl crate::pyfmt::Object for Value {
    fn write_str(&self, out: &mut String) {
        Value::write_str(self, out);
    }
    fn write_repr(&self, out: &mut String) {
        Value::write_repr(self, out);
    }
    fn int(&self) -> Option<i128> {
        match *self {
            Value::Int(n) => Some(n.into()),
            Value::Bool(b) => Some(b.into()),
            _ => None,
        }
    }
    fn float(&self) -> Option<f64> {
        self.number()
    }
    fn is_float(&self) -> bool {
        matches!(self, Value::Float(_))
    }
    fn is_str(&self) -> bool {
        matches!(self, Value::Str(_))
    }
    fn type_name(&self) -> &str {
        Value::type_name(self)
    }
}

impl PartialEq for Value {
    fn eq(&self, other: &Value) -> bool {
        match (self, other) {
            (Value::None, Value::None) => true,
            (Value::Str(a), Value::Str(b)) => a == b,
            (Value::List(a), Value::List(b)) => a == b,
            (Value::File(a), Value::File(b)) => Rc::ptr_eq(a, b),
            (Value::Object(a), Value::Object(b)) => Rc::ptr_eq(a, b),
            (Value::Int(a), Value::Int(b)) => a == b,
            (a, b) => match (a.number(), b.number()) {
                (Some(x), Some(y)) => x == y,
                _ => false,
            },
        }
    }
}

impl fmt::Debug for Value {
    /// Python's `repr()`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.py_repr())
    }
}

impl fmt::Display for Value {
    /// Python's `str()`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.py_str())
    }
}

impl From<bool> for Value {
    fn from(b: bool) -> Self {
        Value::Bool(b)
    }
}

impl From<i64> for Value {
    fn from(n: i64) -> Self {
        Value::Int(n)
    }
}

impl From<i32> for Value {
    fn from(n: i32) -> Self {
        Value::Int(n.into())
    }
}

impl From<u32> for Value {
    fn from(n: u32) -> Self {
        Value::Int(n.into())
    }
}

impl From<f64> for Value {
    fn from(x: f64) -> Self {
        Value::float(x)
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Self {
        Value::Str(s.as_bytes().to_vec())
    }
}

impl From<String> for Value {
    fn from(s: String) -> Self {
        Value::Str(s.into_bytes())
    }
}

impl From<&[u8]> for Value {
    fn from(s: &[u8]) -> Self {
        Value::Str(s.to_vec())
    }
}

impl<T: Into<Value>> From<Vec<T>> for Value {
    fn from(items: Vec<T>) -> Self {
        Value::List(items.into_iter().map(Into::into).collect())
    }
}

impl<T: Into<Value>> From<Option<T>> for Value {
    fn from(v: Option<T>) -> Self {
        v.map_or(Value::None, Into::into)
    }
}

/// Types a [`Value`] can be read as, for
/// [`Namespace::get`](super::Namespace::get).
pub trait FromValue<'a>: Sized {
    /// The value as `Self`, or `None` when it is of another type.
    fn from_value(value: &'a Value) -> Option<Self>;
}

impl<'a> FromValue<'a> for &'a Value {
    fn from_value(value: &'a Value) -> Option<Self> {
        Some(value)
    }
}

impl FromValue<'_> for bool {
    fn from_value(value: &Value) -> Option<Self> {
        match value {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }
}

impl FromValue<'_> for i64 {
    fn from_value(value: &Value) -> Option<Self> {
        match value {
            Value::Int(n) => Some(*n),
            Value::Bool(b) => Some(i64::from(*b)),
            _ => None,
        }
    }
}

macro_rules! int_from_value {
    ($($t:ty)*) => {$(
        impl FromValue<'_> for $t {
            fn from_value(value: &Value) -> Option<Self> {
                i64::from_value(value).and_then(|n| <$t>::try_from(n).ok())
            }
        }
    )*};
}
int_from_value!(i32 u32 u64 usize u16 u8 i16 i8);

impl FromValue<'_> for f64 {
    fn from_value(value: &Value) -> Option<Self> {
        match value {
            Value::Float(f) => Some(f.value),
            Value::Int(n) => Some(*n as f64),
            _ => None,
        }
    }
}

impl<'a> FromValue<'a> for &'a str {
    fn from_value(value: &'a Value) -> Option<Self> {
        value.as_str()
    }
}

impl<'a> FromValue<'a> for &'a [u8] {
    fn from_value(value: &'a Value) -> Option<Self> {
        value.as_bytes()
    }
}

impl FromValue<'_> for String {
    fn from_value(value: &Value) -> Option<Self> {
        value.as_str().map(String::from)
    }
}

impl<'a> FromValue<'a> for &'a File {
    fn from_value(value: &'a Value) -> Option<Self> {
        match value {
            Value::File(f) => Some(f),
            _ => None,
        }
    }
}

impl<'a, T: FromValue<'a>> FromValue<'a> for Vec<T> {
    fn from_value(value: &'a Value) -> Option<Self> {
        match value {
            Value::List(items) => items.iter().map(T::from_value).collect(),
            _ => None,
        }
    }
}

impl<'a, T: FromValue<'a>> FromValue<'a> for Option<T> {
    /// `None` reads as `Some(None)`; a value of type `T` as `Some(Some(_))`.
    fn from_value(value: &'a Value) -> Option<Self> {
        match value {
            Value::None => Some(None),
            v => T::from_value(v).map(Some),
        }
    }
}
