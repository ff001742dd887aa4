//! `log::info!` and its siblings land in the logging tree's handlers, with
//! the target as the logger name and the call site's file and line.

use std::sync::Arc;
use strata_std::logging::{self, Formatter, Handler, Style, handlers::StreamHandler};
use strata_std::thread::sync::Mutex;

#[test]
fn log_records_reach_the_logging_tree() {
    strata_std::log_bridge::install().unwrap();
    assert!(
        strata_std::log_bridge::install().is_err(),
        "one backend only"
    );

    let out = Arc::new(Mutex::new(String::new()));
    let handler = StreamHandler::new(out.clone());
    let format = "%(levelname)s:%(name)s:%(filename)s:%(lineno)d:%(message)s";
    let formatter = Formatter::new(Some(format), None, Style::Percent).unwrap();
    handler.base().set_formatter(Some(Arc::new(formatter)));
    let app = logging::get_logger("bridge_app");
    app.add_handler(handler);
    app.set_level(logging::DEBUG);
    app.set_propagate(false);

    let line = line!() + 1;
    log::info!(target: "bridge_app::db", "{} rows in {:.1} ms", 3, 2.25);
    log::trace!(target: "bridge_app::db", "below DEBUG: dropped");
    log::warn!(target: "bridge_app", "100% sure");
    logging::get_logger("bridge_app.net").set_level(strata_std::log_bridge::TRACE);
    log::trace!(target: "bridge_app::net", "traced");
    assert!(!log::log_enabled!(target: "bridge_app::db", log::Level::Trace));
    assert!(log::log_enabled!(target: "bridge_app::db", log::Level::Debug));

    let text = out.lock().clone();
    assert_eq!(
        text,
        format!(
            "INFO:bridge_app.db:log_bridge.rs:{line}:3 rows in 2.2 ms\n\
             WARNING:bridge_app:log_bridge.rs:{}:100% sure\n\
             TRACE:bridge_app.net:log_bridge.rs:{}:traced\n",
            line + 2,
            line + 4
        )
    );
}
