//! logging in a static program: records from Strata threads through
//! handlers shared between them, a QueueListener on its own thread,
//! `basicConfig` and the module-level calls, the FileHandler on disk, and
//! `shutdown` at exit flushing a MemoryHandler into its target file.
#![no_std]
#![no_main]

extern crate alloc;

use alloc::format;
use alloc::string::String;
use alloc::sync::Arc;
use alloc::vec::Vec;
use strata_alloc::logging::handlers::{MemoryHandler, Queue, QueueHandler, QueueListener};
use strata_alloc::logging::{
    self, BasicConfig, FileHandler, Formatter, Handler, HandlerRef, Logger, Stream, StreamHandler,
    Style,
};
use strata_alloc::{os, println, thread};
use strata_core::sync::Mutex;
use strata_tests::Tap;

strata_alloc::main!(main);

fn main() -> i32 {
    let mut tap = Tap::new();
    // Small stacks (threading.stack_size), so the program's threads fit
    // the 8 MiB address-space tier.
    let _ = thread::stack_size(Some(256 * 1024));
    let dir = temp_dir();
    threads_share_a_handler(&mut tap);
    queue_listener_thread(&mut tap);
    record_attributes(&mut tap);
    file_handler(&mut tap, &dir);
    shutdown_at_exit(&mut tap, &dir);
    basic_config(&mut tap);
    if let Ok(names) = os::listdir(&dir) {
        for name in names {
            let _ = os::remove(os::path::join(dir.as_bytes(), &name));
        }
    }
    let _ = os::rmdir(&dir);
    tap.finish()
}

fn buffer(logger: &Logger, fmt: &str) -> Arc<Mutex<String>> {
    let out = Arc::new(Mutex::new(String::new()));
    let handler = StreamHandler::new(out.clone());
    let formatter = Formatter::new(Some(fmt), None, Style::Percent).unwrap();
    handler.base().set_formatter(Some(Arc::new(formatter)));
    logger.add_handler(handler);
    out
}

/// Four threads, 500 records each, through one StreamHandler: every line
/// whole, every thread's lines in its order.
fn threads_share_a_handler(tap: &mut Tap) {
    let log = logging::get_logger("threads");
    log.set_level(logging::DEBUG);
    let out = buffer(&log, "%(threadName)s %(message)s");
    let workers: Vec<_> = (0..4)
        .map(|t| {
            let log = log.clone();
            thread::Builder::new()
                .name(format!("worker-{t}"))
                .spawn(move || {
                    for i in 0..500 {
                        strata_alloc::info!(log, "n%d", i);
                    }
                })
                .unwrap()
        })
        .collect();
    for w in workers {
        w.join();
    }
    let text = out.lock().clone();
    let mut ok = text.lines().count() == 2000;
    for t in 0..4 {
        let prefix = format!("worker-{t} n");
        let mine: Vec<&str> = text.lines().filter(|l| l.starts_with(&prefix)).collect();
        let want: Vec<String> = (0..500).map(|i| format!("worker-{t} n{i}")).collect();
        ok &= mine == want;
    }
    tap.check(
        "4 threads share a StreamHandler: 2,000 whole lines, each thread's in order",
        ok,
    );
}

/// A QueueListener's own thread handles what QueueHandlers on other
/// threads queued, and stop() waits for all of it.
fn queue_listener_thread(tap: &mut Tap) {
    let log = logging::get_logger("queued");
    log.set_level(logging::DEBUG);
    log.set_propagate(false);
    let queue = Queue::new(0);
    log.add_handler(QueueHandler::new(queue.clone()));
    let sink_out = Arc::new(Mutex::new(String::new()));
    let sink = StreamHandler::new(sink_out.clone());
    sink.base().set_formatter(Some(Arc::new(
        Formatter::new(Some("%(threadName)s|%(message)s"), None, Style::Percent).unwrap(),
    )));
    let mut listener = QueueListener::new(queue, alloc::vec![sink as HandlerRef], false);
    let started = listener.start().is_ok();
    let workers: Vec<_> = (0..3)
        .map(|t| {
            let log = log.clone();
            thread::Builder::new()
                .name(format!("producer-{t}"))
                .spawn(move || {
                    for i in 0..300 {
                        strata_alloc::warning!(log, "%d:%d", t, i);
                    }
                })
                .unwrap()
        })
        .collect();
    for w in workers {
        w.join();
    }
    listener.stop();
    let text = sink_out.lock().clone();
    let mut ok = started && text.lines().count() == 900;
    for t in 0..3 {
        let prefix = format!("producer-{t}|{t}:");
        let mine: Vec<&str> = text.lines().filter(|l| l.starts_with(&prefix)).collect();
        ok &= mine.len() == 300
            && mine
                .iter()
                .enumerate()
                .all(|(i, l)| *l == format!("{prefix}{i}"));
    }
    tap.check(
        "QueueListener thread: 900 records from 3 threads, in order, before stop() returns",
        ok,
    );
}

/// thread, threadName, process and the call site, from a record made here.
fn record_attributes(tap: &mut Tap) {
    let log = logging::get_logger("attrs");
    let out = buffer(
        &log,
        "%(process)d|%(threadName)s|%(thread)d|%(filename)s|%(funcName)s",
    );
    strata_alloc::warning!(log, "x");
    let want = format!(
        "{}|MainThread|{}|logging.rs|record_attributes\n",
        os::getpid(),
        strata_core::thread::get_ident()
    );
    let got = out.lock().clone();
    if got != want {
        println!("# got {got:?}, want {want:?}");
    }
    tap.check(
        "process, threadName, thread, filename and funcName of a record",
        got == want,
    );
}

fn file_handler(tap: &mut Tap, dir: &str) {
    let path = format!("{dir}/app.log");
    let handler = FileHandler::new(path.as_str()).unwrap();
    let log = logging::get_logger("file");
    log.add_handler(handler.clone());
    strata_alloc::warning!(log, "written %s", "é");
    let first = read(&path);
    strata_alloc::error!(log, "and flushed");
    let second = read(&path);
    tap.check(
        "FileHandler writes each record through at once",
        first == "written é\n" && second == "written é\nand flushed\n",
    );
}

/// A child configures a MemoryHandler that only flushes at capacity and
/// returns from main: the exit handlers' `shutdown()` flushes it.
fn shutdown_at_exit(tap: &mut Tap, dir: &str) {
    let path = format!("{dir}/at-exit.log");
    // The child must not print what the parent has buffered.
    let _ = strata_core::io::stdout().flush();
    match os::fork() {
        Ok(0) => {
            let target = FileHandler::new(path.as_str()).unwrap();
            let memory = MemoryHandler::new(1000, Some(logging::CRITICAL + 1), Some(target), true);
            let log = logging::get_logger("exit");
            log.add_handler(memory);
            strata_alloc::error!(log, "kept until exit");
            strata_core::rt::exit(0);
        }
        Ok(pid) => {
            let status = os::waitpid(pid, 0).map(|(_, s)| s);
            tap.check(
                "shutdown() at exit flushes a MemoryHandler into its file",
                status == Ok(0) && read(&path) == "kept until exit\n",
            );
        }
        Err(_) => tap.check("fork for the at-exit check", false),
    }
}

fn basic_config(tap: &mut Tap) {
    let out = Arc::new(Mutex::new(String::new()));
    let config = BasicConfig {
        format: Some(String::from("%(levelname)s:%(name)s:%(message)s")),
        level: Some(logging::INFO),
        stream: Some(alloc::boxed::Box::new(out.clone()) as alloc::boxed::Box<dyn Stream>),
        ..BasicConfig::default()
    };
    let configured = logging::basic_config(config).is_ok();
    strata_alloc::info!("module-level %s", "info");
    strata_alloc::debug!("below the level");
    // A second basicConfig does nothing: the root has a handler.
    let again = logging::basic_config(BasicConfig {
        format: Some(String::from("other")),
        ..BasicConfig::default()
    });
    strata_alloc::warning!("still the first format");
    let text = out.lock().clone();
    tap.check(
        "basicConfig(format, level, stream) and the module-level calls",
        configured
            && again.is_ok()
            && text == "INFO:root:module-level info\nWARNING:root:still the first format\n",
    );
}

fn read(path: &str) -> String {
    let Ok(fd) = os::open(path, os::O_RDONLY, 0) else {
        return String::new();
    };
    let mut out = Vec::new();
    let mut buf = [0u8; 4096];
    while let Ok(n @ 1..) = os::read(&fd, &mut buf) {
        out.extend_from_slice(&buf[..n]);
    }
    String::from_utf8(out).unwrap_or_default()
}

fn temp_dir() -> String {
    let base = os::getenv("TMPDIR").unwrap_or_else(|| b"/tmp".to_vec());
    let base = String::from_utf8(base).unwrap_or_else(|_| String::from("/tmp"));
    let mut n = 0;
    loop {
        let dir = format!("{base}/strata-logging-{}-{n}", os::getpid());
        match os::mkdir(&dir, 0o700) {
            Ok(()) => return dir,
            Err(_) if n < 100 => n += 1,
            Err(e) => {
                println!("Bail out! cannot make a temporary directory: {e}");
                os::_exit(1);
            }
        }
    }
}
