//! tracing's events land in the logging tree through LoggingLayer.

#![cfg(feature = "tracing")]

use std::sync::Arc;
use strata_std::logging::{self, Formatter, Handler, Style, handlers::StreamHandler};
use strata_std::thread::sync::Mutex;
use tracing_subscriber::layer::SubscriberExt;

#[test]
fn tracing_events_reach_the_logging_tree() {
    let out = Arc::new(Mutex::new(String::new()));
    let handler = StreamHandler::new(out.clone());
    let format = "%(levelname)s:%(name)s:%(filename)s:%(lineno)d:%(message)s";
    let formatter = Formatter::new(Some(format), None, Style::Percent).unwrap();
    handler.base().set_formatter(Some(Arc::new(formatter)));
    let app = logging::get_logger("traced_app");
    app.add_handler(handler);
    app.set_level(logging::INFO);
    app.set_propagate(false);

    let subscriber = tracing_subscriber::registry().with(strata_std::tracing_layer::LoggingLayer);
    let line = line!() + 2;
    tracing::subscriber::with_default(subscriber, || {
        tracing::info!(target: "traced_app::db", rows = 3, table = "users", "query took {} ms", 7);
        tracing::debug!(target: "traced_app::db", "below INFO: dropped");
        tracing::error!(target: "traced_app", "100% failed");
    });
    assert_eq!(
        out.lock().clone(),
        format!(
            "INFO:traced_app.db:tracing_layer.rs:{line}:query took 7 ms rows=3 table=users\n\
             ERROR:traced_app:tracing_layer.rs:{}:100% failed\n",
            line + 2
        )
    );
}
