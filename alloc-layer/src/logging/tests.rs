//! The logger tree, records, formatters and the stream handlers, checked
//! against what CPython 3.11 gives for the same calls (expected texts
//! taken from `python3`).

use super::*;
use alloc::string::String;
use alloc::sync::Arc;
use strata_core::sync::Mutex;

fn buffer_handler(logger: &Logger, fmt: &str) -> Arc<Mutex<String>> {
    let out = Arc::new(Mutex::new(String::new()));
    let handler = StreamHandler::new(out.clone());
    handler.base().set_formatter(Some(Arc::new(
        Formatter::new(Some(fmt), None, Style::Percent).unwrap(),
    )));
    logger.add_handler(handler);
    out
}

fn fixed_record() -> LogRecord {
    make_log_record(&[
        ("name", Arg::from("app.db")),
        ("levelno", Arg::from(20)),
        ("levelname", Arg::from("INFO")),
        ("msg", Arg::from("x=%d y=%s")),
        ("created", Arg::from(1700000000.123)),
        ("msecs", Arg::from(123.0)),
        ("relativeCreated", Arg::from(5.5)),
        ("pathname", Arg::from("src/main.rs")),
        ("lineno", Arg::from(42)),
        ("funcName", Arg::from("main")),
    ])
}

fn format_with(fmt: &str, style: Style, record: &mut LogRecord) -> Result<String, Error> {
    let mut f = Formatter::new(Some(fmt), None, style)?;
    f.set_converter(Converter::Gmtime);
    let mut out = String::new();
    f.format(record, &mut out)?;
    Ok(out)
}

#[test]
fn percent_formats_follow_python() {
    let cases = [
        (
            "%(levelname)-8s|%(name)s|%(message)s",
            "INFO    |app.db|x=5 y=é",
        ),
        ("%(name)10s|%(levelno)03d|%(lineno)+d", "    app.db|020|+42"),
        (
            "%(created)f %(msecs)d %(relativeCreated).1f",
            "1700000000.123000 123 5.5",
        ),
        // makeLogRecord keeps the filename and module of its empty path.
        ("%(filename)s %(module)s %(funcName)s", "  main"),
        (
            "%(asctime)s %(message)r",
            "2023-11-14 22:13:20,123 'x=5 y=é'",
        ),
        ("%(message).3s|%(name)-10.3s|", "x=5|app       |"),
    ];
    for (fmt, want) in cases {
        let mut record = fixed_record();
        record.args = alloc::vec![Arg::from(5), Arg::from("é")];
        assert_eq!(
            format_with(fmt, Style::Percent, &mut record).unwrap(),
            want,
            "{fmt}"
        );
    }
}

#[test]
fn brace_and_dollar_styles_follow_python() {
    let cases = [
        (
            "{levelname:<8}|{name!r}|{message}",
            Style::Brace,
            "INFO    |'app.db'|x=5 y=é",
        ),
        (
            "{lineno:>6}|{created:.2f}",
            Style::Brace,
            "    42|1700000000.12",
        ),
        (
            "$levelname $name ${message}!",
            Style::Dollar,
            "INFO app.db x=5 y=é!",
        ),
        ("{asctime}", Style::Brace, "2023-11-14 22:13:20,123"),
        ("${asctime}", Style::Dollar, "2023-11-14 22:13:20,123"),
    ];
    for (fmt, style, want) in cases {
        let mut record = fixed_record();
        record.args = alloc::vec![Arg::from(5), Arg::from("é")];
        assert_eq!(format_with(fmt, style, &mut record).unwrap(), want, "{fmt}");
    }
    let errors = [
        ("{x!z}", "invalid format: invalid conversion: 'z'"),
        ("hello", "invalid format: no fields"),
        ("{x:zz}", "invalid format: bad specifier: 'zz'"),
        (
            "{",
            "invalid format: Single '{' encountered in format string",
        ),
        (
            "}",
            "invalid format: Single '}' encountered in format string",
        ),
        (
            "{a-b}",
            "invalid format: invalid field name/expression: 'a-b'",
        ),
    ];
    for (fmt, want) in errors {
        let e = Formatter::new(Some(fmt), None, Style::Brace).err().unwrap();
        assert_eq!(alloc::format!("{e}"), want, "{fmt}");
    }
    for fmt in ["{0a}", "{a.b[0]}", "{x:>{w}}", "{x:*^10,.2f}"] {
        assert!(
            Formatter::new(Some(fmt), None, Style::Brace).is_ok(),
            "{fmt}"
        );
    }
    let mut record = fixed_record();
    let e = format_with("{missing}", Style::Brace, &mut record).unwrap_err();
    assert_eq!(
        alloc::format!("{e}"),
        "Formatting field not found in record: 'missing'"
    );
}

#[test]
fn datefmt_goes_through_strftime() {
    let mut record = fixed_record();
    let mut f =
        Formatter::new(Some("%(asctime)s"), Some("%d/%m/%Y %H:%M"), Style::Percent).unwrap();
    f.set_converter(Converter::Gmtime);
    let mut out = String::new();
    f.format(&mut record, &mut out).unwrap();
    assert_eq!(out, "14/11/2023 22:13");
}

#[test]
fn bad_formats_are_pythons_value_errors() {
    let cases = [
        (
            "hello",
            Style::Percent,
            "Invalid format 'hello' for '%' style",
        ),
        (
            "%(x)q",
            Style::Percent,
            "Invalid format '%(x)q' for '%' style",
        ),
        ("$", Style::Dollar, "invalid format: bare '$' not allowed"),
        ("x", Style::Dollar, "invalid format: no fields"),
    ];
    for (fmt, style, want) in cases {
        match Formatter::new(Some(fmt), None, style) {
            Err(e) => {
                assert_eq!(e.python_class(), "ValueError");
                assert_eq!(alloc::format!("{e}"), want, "{fmt}");
            }
            Ok(_) => panic!("{fmt} was accepted"),
        }
    }
    assert_eq!(
        alloc::format!("{}", Style::from_char('#').unwrap_err()),
        "Style must be one of: %,{,$"
    );
}

#[test]
fn message_errors_are_pythons() {
    let mut record = make_log_record(&[("msg", Arg::from("a %s %s"))]);
    record.args = alloc::vec![Arg::from("x")];
    let e = record.get_message().unwrap_err();
    assert_eq!(e.python_class(), "TypeError");
    assert_eq!(
        alloc::format!("{e}"),
        "not enough arguments for format string"
    );
    let mut record = fixed_record();
    let e = format_with("%(foo)s", Style::Percent, &mut record).unwrap_err();
    assert_eq!(
        alloc::format!("{e}"),
        "Formatting field not found in record: 'foo'"
    );
    // Without args, msg is the message as it is: no % processing.
    let mut record = make_log_record(&[("msg", Arg::from("100%"))]);
    assert_eq!(record.get_message().unwrap(), "100%");
}

#[test]
fn level_names_follow_python() {
    assert_eq!(get_level_name(15), "Level 15");
    assert_eq!(get_level_name_of("INFO"), LevelName::Level(20));
    assert_eq!(get_level_name_of("XX"), LevelName::Name("Level XX".into()));
    let names: alloc::vec::Vec<_> = get_level_names_mapping()
        .into_iter()
        .map(|(n, _)| n)
        .take(8)
        .collect();
    assert_eq!(
        names,
        [
            "CRITICAL", "FATAL", "ERROR", "WARN", "WARNING", "INFO", "DEBUG", "NOTSET"
        ]
    );
    add_level_name(25, "NOTICE");
    assert_eq!(get_level_name(25), "NOTICE");
    assert_eq!(check_level("NOTICE"), Ok(25));
    assert_eq!(
        alloc::format!("{}", check_level("LOUD").unwrap_err()),
        "Unknown level: 'LOUD'"
    );
}

#[test]
fn placeholders_are_fixed_up_as_python_does() {
    let c = get_logger("tree1.b.c");
    assert_eq!(c.parent().unwrap(), root());
    let a = get_logger("tree1");
    assert_eq!(c.parent().unwrap(), a);
    let b = get_logger("tree1.b");
    assert_eq!(c.parent().unwrap(), b);
    assert_eq!(b.parent().unwrap(), a);
    assert_eq!(a.get_child("b"), b);
    assert_eq!(a.get_children(), alloc::vec![b.clone()]);
    assert_eq!(get_logger("root"), root());
    assert_eq!(root().get_child("tree1"), a);
    assert_eq!(alloc::format!("{a:?}"), "<Logger tree1 (WARNING)>");
}

#[test]
fn effective_levels_and_the_cache_follow_set_level() {
    let parent = get_logger("lvl");
    let child = get_logger("lvl.child");
    parent.set_level(ERROR);
    assert!(!child.is_enabled_for(WARNING));
    assert!(child.is_enabled_for(ERROR));
    parent.set_level(DEBUG);
    assert!(child.is_enabled_for(DEBUG));
    child.set_level(CRITICAL);
    assert!(!child.is_enabled_for(ERROR));
    assert_eq!(child.get_effective_level(), CRITICAL);
    child.set_disabled(true);
    assert!(!child.is_enabled_for(CRITICAL));
    child.set_disabled(false);
    assert!(child.is_enabled_for(CRITICAL));
}

#[test]
fn propagation_filters_and_handler_levels() {
    let top = get_logger("prop");
    let low = get_logger("prop.low");
    top.set_level(DEBUG);
    let top_out = buffer_handler(&top, "top:%(name)s:%(message)s");
    let low_out = buffer_handler(&low, "low:%(levelname)s:%(message)s");
    low.info("one %s", ("a",));
    crate::warning!(low, "two %d", 2);
    assert_eq!(*low_out.lock(), "low:INFO:one a\nlow:WARNING:two 2\n");
    assert_eq!(*top_out.lock(), "top:prop.low:one a\ntop:prop.low:two 2\n");
    low.set_propagate(false);
    low.info("three", ());
    assert!(!top_out.lock().contains("three"));
    low.set_propagate(true);
    // A name filter on the top logger's handler passes only its subtree.
    let other = get_logger("prop.other");
    let handler = top.handlers()[0].clone();
    handler.base().add_filter(Filter::new("prop.low"));
    other.info("hidden", ());
    low.info("shown", ());
    assert!(!top_out.lock().contains("hidden"));
    assert!(top_out.lock().ends_with("top:prop.low:shown\n"));
    // A closure filter on a logger may change the record.
    low.add_filter(Filter::from_fn(|r| {
        r.extra.push((String::from("user"), Arg::from("ann")));
        true
    }));
    handler.base().set_level(ERROR);
    low.info("not at handler level", ());
    assert!(!top_out.lock().contains("handler level"));
}

#[test]
fn macro_records_carry_the_call_site() {
    let log = get_logger("site");
    log.set_level(DEBUG);
    let out = buffer_handler(&log, "%(filename)s|%(module)s|%(funcName)s|%(message)s");
    crate::debug!(log, "at %s", "here");
    assert_eq!(
        *out.lock(),
        "tests.rs|tests|macro_records_carry_the_call_site|at here\n"
    );
}

#[test]
fn extra_fields_and_reserved_names() {
    let log = get_logger("extra");
    log.set_level(DEBUG);
    let out = buffer_handler(&log, "%(user)s %(n)03d %(message)s");
    crate::info!(log, "in"; extra = [("user", Arg::from("bob")), ("n", Arg::from(7))]);
    assert_eq!(*out.lock(), "bob 007 in\n");
    let record = log.make_record(
        INFO,
        &CallSite::UNKNOWN,
        "m".into(),
        alloc::vec![],
        LogOptions::default().extra("message", 1),
    );
    let e = record.unwrap_err();
    assert_eq!(e.python_class(), "KeyError");
    assert_eq!(
        alloc::format!("{e}"),
        "\"Attempt to overwrite 'message' in LogRecord\""
    );
}

#[test]
fn exc_info_appends_the_error_chain() {
    #[derive(Debug)]
    struct Outer(strata_core::errno::Errno);
    impl core::fmt::Display for Outer {
        fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
            f.write_str("cannot load config")
        }
    }
    impl core::error::Error for Outer {
        fn source(&self) -> Option<&(dyn core::error::Error + 'static)> {
            Some(&self.0)
        }
    }
    let log = get_logger("exc");
    let out = buffer_handler(&log, "%(levelname)s %(message)s");
    let err = Outer(strata_core::errno::Errno::NOENT);
    crate::exception!(log, &err, "failed");
    let text = out.lock().clone();
    assert!(
        text.starts_with("ERROR failed\nError: cannot load config\nCaused by: "),
        "{text}"
    );
    assert!(text.ends_with("\n"));
}

#[test]
fn adapter_adds_its_extra() {
    let log = get_logger("adapt");
    let out = buffer_handler(&log, "[%(conn)s] %(message)s");
    let adapter = LoggerAdapter::new(log.clone(), [("conn", Arg::from(7))]);
    crate::warning!(adapter, "closed %s", "now");
    assert_eq!(*out.lock(), "[7] closed now\n");
}

#[test]
fn disable_drops_records_at_or_below_its_level() {
    // Only this test touches the global disable level.
    // Levels below DEBUG, so that the other tests' records still pass.
    let log = get_logger("dis");
    log.set_level(1);
    assert!(log.is_enabled_for(5));
    disable(5);
    assert!(!log.is_enabled_for(5));
    assert!(log.is_enabled_for(6));
    assert_eq!(disabled_level(), 5);
    disable(NOTSET);
    assert!(log.is_enabled_for(5));
}

#[test]
fn buffering_formatter_joins_records() {
    let f = BufferingFormatter::new(None).with_header_footer("<", ">");
    let mut records = [
        make_log_record(&[("msg", Arg::from("a"))]),
        make_log_record(&[("msg", Arg::from("b"))]),
    ];
    assert_eq!(f.format(&mut records).unwrap(), "<ab>");
    assert_eq!(f.format(&mut []).unwrap(), "");
}

#[test]
fn file_handler_appends_and_flushes_each_record() {
    let dir = std::env::temp_dir().join(alloc::format!("strata-logging-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("app.log");
    let path_s = path.to_str().unwrap();
    let handler = FileHandler::new(path_s).unwrap();
    let log = get_logger("file");
    log.add_handler(handler.clone());
    log.warning("first", ());
    // Flushed at once: the file has it while the handler is open.
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "first\n");
    log.warning("second %d", (2,));
    handler.close();
    log.remove_handler(&(handler.clone() as HandlerRef));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "first\nsecond 2\n");
    let missing = FileHandler::new(dir.join("no/such/dir.log").to_str().unwrap());
    let e = missing.err().unwrap();
    assert_eq!(e.python_class(), "FileNotFoundError");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn memory_handler_flushes_at_capacity_level_and_close() {
    use super::handlers::MemoryHandler;
    let log = get_logger("mem");
    log.set_level(DEBUG);
    let out = Arc::new(Mutex::new(String::new()));
    let target: HandlerRef = StreamHandler::new(out.clone());
    let memory = MemoryHandler::new(3, None, Some(target), true);
    log.add_handler(memory.clone());
    log.info("a", ());
    log.info("b", ());
    assert_eq!(*out.lock(), "");
    log.info("c", ());
    assert_eq!(*out.lock(), "a\nb\nc\n");
    log.info("d", ());
    log.error("e", ());
    assert_eq!(*out.lock(), "a\nb\nc\nd\ne\n");
    log.info("f", ());
    memory.close();
    assert_eq!(*out.lock(), "a\nb\nc\nd\ne\nf\n");
    // No target after close: records are kept, not lost or handled.
    log.info("g", ());
    assert_eq!(memory.buffered(), 1);
}

#[test]
fn queue_handler_and_listener_deliver_in_order() {
    use super::handlers::{Queue, QueueHandler, QueueListener};
    let log = get_logger("queue");
    log.set_level(DEBUG);
    log.set_propagate(false);
    let queue = Queue::new(0);
    let qh = QueueHandler::new(queue.clone());
    qh.base().set_formatter(Some(Arc::new(
        Formatter::new(Some("%(levelname)s:%(message)s"), None, Style::Percent).unwrap(),
    )));
    log.add_handler(qh);
    let out = Arc::new(Mutex::new(String::new()));
    let sink = StreamHandler::new(out.clone());
    sink.base().set_level(INFO);
    // The listener's own thread needs a Strata program (the static
    // `logging` test program runs it); here a std thread does its loop.
    let listener = QueueListener::new(queue.clone(), alloc::vec![sink as HandlerRef], true);
    let consumer = {
        let queue = queue.clone();
        std::thread::spawn(move || {
            while let Some(mut record) = queue.get() {
                listener.handle(&mut record);
            }
        })
    };
    let threads: alloc::vec::Vec<_> = (0..4)
        .map(|t| {
            let log = log.clone();
            std::thread::spawn(move || {
                for i in 0..250 {
                    log.info("t%d n%d", (t, i));
                }
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    log.debug("below the sink's level", ());
    queue.put_nowait(None).unwrap();
    consumer.join().unwrap();
    let text = out.lock().clone();
    assert_eq!(text.lines().count(), 1000);
    assert!(!text.contains("below"));
    // The message was formatted by the QueueHandler: the sink's default
    // %(message)s shows the level prefix it put there.
    for t in 0..4 {
        let mine: alloc::vec::Vec<_> = text
            .lines()
            .filter(|l| l.starts_with(&alloc::format!("INFO:t{t} ")))
            .collect();
        let want: alloc::vec::Vec<_> = (0..250).map(|i| alloc::format!("INFO:t{t} n{i}")).collect();
        assert_eq!(mine, want);
    }
}
