//! Python's `logging`, `logging.config` and `logging.handlers`.

pub mod config;
