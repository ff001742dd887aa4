//! Why a configuration was refused: CPython's exception, its text, and
//! the exception it was raised from.

use alloc::boxed::Box;
use alloc::string::String;
use core::fmt;

/// A configuration error: the Python exception `dictConfig` or
/// `fileConfig` raises (`ValueError: Unable to configure handler 'h'`),
/// with the one that caused it as [`source`](core::error::Error::source)
/// (Python's `raise ... from e`).
#[derive(Clone, Debug, PartialEq)]
pub struct ConfigError {
    class: &'static str,
    message: String,
    cause: Option<Box<ConfigError>>,
}

impl ConfigError {
    /// A `class` exception with `str()` `message`.
    pub fn new(class: &'static str, message: String) -> ConfigError {
        ConfigError {
            class,
            message,
            cause: None,
        }
    }

    /// `ValueError(message)`.
    pub(crate) fn value(message: String) -> ConfigError {
        ConfigError::new("ValueError", message)
    }

    /// This error, raised from `cause`.
    pub(crate) fn caused_by(mut self, cause: ConfigError) -> ConfigError {
        self.cause = Some(Box::new(cause));
        self
    }

    /// The Python exception class (`ValueError`, `TypeError`,
    /// `KeyError`…).
    pub fn python_class(&self) -> &'static str {
        self.class
    }

    /// `str(exception)`.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The exception this one was raised from.
    pub fn cause(&self) -> Option<&ConfigError> {
        self.cause.as_deref()
    }

    /// The innermost cause: the original failure.
    pub fn root_cause(&self) -> &ConfigError {
        let mut e = self;
        while let Some(c) = e.cause() {
            e = c;
        }
        e
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl core::error::Error for ConfigError {
    fn source(&self) -> Option<&(dyn core::error::Error + 'static)> {
        self.cause
            .as_deref()
            .map(|c| c as &(dyn core::error::Error + 'static))
    }
}
