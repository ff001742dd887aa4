//! tracing's events routed into Strata's logging tree (feature `tracing`).
//!
//! [`LoggingLayer`] is a `tracing-subscriber` layer: each event becomes a
//! record of the logger named after its target (`::` as `.`, as the `log`
//! bridge does), at the level tracing's level maps to, with the event's
//! `message` as the record's message and its other fields appended as
//! `key=value`, so the handlers and formatters see them as the program's
//! own records.
//!
//! ```
//! use tracing_subscriber::layer::SubscriberExt;
//!
//! let subscriber = tracing_subscriber::registry().with(strata_std::tracing_layer::LoggingLayer);
//! tracing::subscriber::with_default(subscriber, || {
//!     tracing::warn!(target: "doc_traced::db", rows = 3, "slow query");
//!     // stderr (the last-resort handler): slow query rows=3
//! });
//! ```

use crate::logging::{self, CallSite, LogOptions};
use std::fmt::Write as _;
use tracing::field::{Field, Visit};
use tracing::{Event, Level, Subscriber};
use tracing_subscriber::layer::{Context, Layer};

/// The layer: add it to a `tracing_subscriber::registry()`.
pub struct LoggingLayer;

/// tracing's levels as logging's numbers (`TRACE` is 5, as the `log`
/// bridge's).
pub fn level(level: &Level) -> i32 {
    match *level {
        Level::ERROR => logging::ERROR,
        Level::WARN => logging::WARNING,
        Level::INFO => logging::INFO,
        Level::DEBUG => logging::DEBUG,
        _ => 5,
    }
}

/// An event's `message` and, after it, its other fields as `key=value`.
#[derive(Default)]
struct Text {
    message: String,
    fields: String,
}

impl Visit for Text {
    fn record_str(&mut self, field: &Field, value: &str) {
        if field.name() == "message" {
            self.message.push_str(value);
        } else {
            let _ = write!(self.fields, " {}={value}", field.name());
        }
    }

    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        if field.name() == "message" {
            let _ = write!(self.message, "{value:?}");
        } else {
            let _ = write!(self.fields, " {}={value:?}", field.name());
        }
    }
}

impl<S: Subscriber> Layer<S> for LoggingLayer {
    fn on_event(&self, event: &Event<'_>, _: Context<'_, S>) {
        let meta = event.metadata();
        let logger = logging::get_logger(&meta.target().replace("::", "."));
        let levelno = level(meta.level());
        if !logger.is_enabled_for(levelno) {
            return;
        }
        let mut text = Text::default();
        event.record(&mut text);
        text.message.push_str(&text.fields);
        let site = CallSite::new(
            meta.file().unwrap_or("(unknown file)"),
            meta.line().unwrap_or(0),
            "(unknown function)",
            meta.module_path().unwrap_or(""),
        );
        logger.log_record(
            levelno,
            &site,
            text.message.into(),
            Vec::new(),
            LogOptions::default(),
        );
    }
}
