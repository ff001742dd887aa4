//! Python's `logging.config`: `dictConfig` and `fileConfig`.
//!
//! The inputs they read: [`Value`] (the dict `dictConfig` takes, built in
//! code or read by [`Value::from_json`], Python's `json.loads`),
//! [`ConfigParser`] (Python's `configparser.ConfigParser` as `fileConfig`
//! uses it) and [`Literal`] (the Python expressions `fileConfig` evaluates
//! for `args=` and `kwargs=`).

mod classes;
mod dict;
mod error;
mod file;
mod ini;
mod json;
mod literal;
mod value;

pub use classes::{Args, HandlerClass, Param, register_handler_class};
pub use dict::{dict_config, dict_config_json};
pub use error::ConfigError;
pub use file::{file_config, file_config_str};
pub use ini::{ConfigParser, DecodeError, IniError};
pub use json::{JsonError, JsonErrorKind, MAX_DEPTH};
pub use literal::{Literal, LiteralError};
pub use value::{Dict, Value};
