//! logging's QueueListener in a std program runs on a std thread (Strata's
//! own threads need Strata's startup), and delivers every record.

use std::sync::Arc;
use strata_std::logging::handlers::{Queue, QueueHandler, QueueListener, StreamHandler};
use strata_std::logging::{self, Formatter, Handler, HandlerRef, Style};
use strata_std::thread::sync::Mutex;

#[test]
fn queue_listener_delivers_on_a_std_thread() {
    let out = Arc::new(Mutex::new(String::new()));
    let sink = StreamHandler::new(out.clone());
    let formatter = Formatter::new(Some("%(threadName)s %(message)s"), None, Style::Percent);
    sink.base()
        .set_formatter(Some(Arc::new(formatter.unwrap())));
    let queue = Queue::new(0);
    let sinks: Vec<HandlerRef> = vec![sink];
    let mut listener = QueueListener::new(queue.clone(), sinks, false);
    listener.start().expect("a std thread starts");

    let log = logging::get_logger("queue_std");
    log.set_propagate(false);
    log.set_level(logging::INFO);
    log.add_handler(QueueHandler::new(queue));
    let caller = std::thread::spawn(move || {
        for i in 0..100 {
            log.info("record %d", (i,));
        }
    });
    caller.join().unwrap();
    listener.stop();

    let text = out.lock().clone();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 100);
    assert!(
        lines
            .iter()
            .enumerate()
            .all(|(i, l)| l.ends_with(&format!("record {i}")))
    );
}
