//! logging.config against CPython 3.11's answers (taken from `python3`):
//! a JSON dictConfig and an INI fileConfig that configure and log, and
//! the errors of broken configurations, with the exception they were
//! raised from. Its own test binary: configurations replace the global
//! handlers, which no other test may share.

use std::sync::Mutex;
use strata_alloc::logging::config::{self, ConfigError};
use strata_alloc::logging::{self};

/// The tests of this file one at a time: each reconfigures the process.
static SERIAL: Mutex<()> = Mutex::new(());

fn temp(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("strata-logging-config-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

/// `type(e).__name__ | str(e) | type(cause).__name__: str(cause)`.
fn describe(e: &ConfigError) -> String {
    match e.cause() {
        Some(c) => format!("{} | {} | {}: {}", e.python_class(), e, c.python_class(), c),
        None => format!("{} | {} | ", e.python_class(), e),
    }
}

#[test]
fn dict_config_from_json_configures_and_logs() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let path = temp("dict.log");
    let json = format!(
        r#"{{"version": 1,
            "formatters": {{"f": {{"format": "%(levelname)s|%(name)s|%(message)s"}}}},
            "filters": {{"only_a": {{"name": "cfgd.a"}}}},
            "handlers": {{
              "file": {{"class": "logging.FileHandler", "filename": "{}", "mode": "w",
                        "formatter": "f", "level": "INFO", "filters": ["only_a"]}},
              "buffer": {{"class": "logging.handlers.MemoryHandler", "capacity": 2,
                          "target": "file"}}
            }},
            "loggers": {{"cfgd": {{"level": "DEBUG", "handlers": ["buffer"],
                                  "propagate": false}}}},
            "root": {{"level": "cfg://loggers.cfgd.level"}}}}"#,
        path.display()
    );
    config::dict_config_json(&json).unwrap();
    let a = logging::get_logger("cfgd.a");
    let b = logging::get_logger("cfgd.b");
    // A MemoryHandler hands its records to the target's handle(), which
    // has no level check (CPython's callHandlers has it): this one is
    // written.
    strata_alloc::debug!(a, "below the file's level");
    strata_alloc::info!(a, "one %d", 1);
    strata_alloc::warning!(b, "filtered out");
    strata_alloc::error!(a, "two");
    logging::shutdown();
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "DEBUG|cfgd.a|below the file's level\nINFO|cfgd.a|one 1\nERROR|cfgd.a|two\n"
    );
    assert_eq!(logging::root().level(), logging::DEBUG);
}

#[test]
fn file_config_reads_pythons_ini() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let log_path = temp("file.log");
    let ini = format!(
        "[DEFAULT]\nlogdir={}\n\n[loggers]\nkeys=root,app\n\n[handlers]\nkeys=file\n\n\
         [formatters]\nkeys=plain\n\n[logger_root]\nlevel=WARNING\nhandlers=\n\n\
         [logger_app]\nlevel=DEBUG\nhandlers=file\nqualname=inifile.app\npropagate=0\n\n\
         [handler_file]\nclass=FileHandler\nlevel=DEBUG\nformatter=plain\n\
         args=('%(logdir)s/file.log', 'w')\nkwargs={{'encoding': 'utf-8'}}\n\n\
         [formatter_plain]\nformat=%(levelname)s %(name)s %% %(message)s\n",
        log_path.parent().unwrap().display()
    );
    let ini_path = temp("logging.ini");
    std::fs::write(&ini_path, ini).unwrap();
    config::file_config(ini_path.to_str().unwrap(), &[], true).unwrap();
    strata_alloc::debug!(logging::get_logger("inifile.app"), "é %s", "ok");
    logging::shutdown();
    assert_eq!(
        std::fs::read_to_string(&log_path).unwrap(),
        "DEBUG inifile.app % é ok\n"
    );
}

#[test]
fn broken_dict_configs_raise_pythons_errors() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let cases = [
        ("{}", "ValueError | dictionary doesn't specify a version | "),
        (
            r#"{"version": 2}"#,
            "ValueError | Unsupported version: 2 | ",
        ),
        (
            r#"{"version": 1, "handlers": {"h": {"class": "logging.Nope"}}}"#,
            "ValueError | Unable to configure handler 'h' | ValueError: Cannot resolve 'logging.Nope': No module named 'logging.Nope'",
        ),
        (
            r#"{"version": 1, "handlers": {"h": {"class": "nope.Handler"}}}"#,
            "ValueError | Unable to configure handler 'h' | ValueError: Cannot resolve 'nope.Handler': No module named 'nope'",
        ),
        (
            r#"{"version": 1, "handlers": {"h": {"class": "logging.FileHandler"}}}"#,
            "ValueError | Unable to configure handler 'h' | TypeError: FileHandler.__init__() missing 1 required positional argument: 'filename'",
        ),
        (
            r#"{"version": 1, "handlers": {"h": {"class": "logging.StreamHandler", "formatter": "f"}}}"#,
            "ValueError | Unable to configure handler 'h' | ValueError: Unable to set formatter 'f'",
        ),
        (
            r#"{"version": 1, "handlers": {"h": {"class": "logging.StreamHandler", "bogus": 1}}}"#,
            "ValueError | Unable to configure handler 'h' | TypeError: StreamHandler.__init__() got an unexpected keyword argument 'bogus'",
        ),
        (
            r#"{"version": 1, "handlers": {"h": {"class": "logging.StreamHandler", "level": "LOUD"}}}"#,
            "ValueError | Unable to configure handler 'h' | ValueError: Unknown level: 'LOUD'",
        ),
        (
            r#"{"version": 1, "loggers": {"a": {"handlers": ["missing"]}}}"#,
            "ValueError | Unable to configure logger 'a' | ValueError: Unable to add handler 'missing'",
        ),
        (
            r#"{"version": 1, "formatters": {"f": {"format": "%(x)q"}}}"#,
            "ValueError | Unable to configure formatter 'f' | ValueError: Invalid format '%(x)q' for '%' style",
        ),
        (
            r##"{"version": 1, "formatters": {"f": {"format": "x", "style": "#"}}}"##,
            "ValueError | Unable to configure formatter 'f' | ValueError: Style must be one of: %,{,$",
        ),
        (
            r#"{"version": 1, "handlers": {"m": {"class": "logging.handlers.MemoryHandler", "capacity": 5, "target": "zz"}}}"#,
            "ValueError | Unable to configure handler 'm' | ValueError: Unable to set target handler 'zz'",
        ),
        (
            r#"{"version": 1, "handlers": {"h": {}}}"#,
            "ValueError | Unable to configure handler 'h' | AttributeError: 'NoneType' object has no attribute 'split'",
        ),
        (
            r#"{"version": 1, "incremental": true, "handlers": {"nope": {"level": "INFO"}}}"#,
            "ValueError | No handler found with name 'nope' | ",
        ),
        (
            r#"{"version": 1, "root": {"level": 5.5}}"#,
            "ValueError | Unable to configure root logger | TypeError: Level not an integer or a valid string: 5.5",
        ),
        (r#"{"version": 1, "x": "cfg://nothing"}"#, "ok"),
        (
            r#"{"version": 1, "handlers": {"h": {"class": "logging.StreamHandler", "stream": "ext://sys.nothing"}}}"#,
            "ValueError | Unable to configure handler 'h' | ValueError: Cannot resolve 'sys.nothing': No module named 'sys.nothing'; 'sys' is not a package",
        ),
    ];
    for (json, want) in cases {
        let got = match config::dict_config_json(json) {
            Ok(()) => String::from("ok"),
            Err(e) => describe(&e),
        };
        assert_eq!(got, want, "{json}");
    }
}

#[test]
fn broken_file_configs_raise_pythons_errors() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let base = "[loggers]\nkeys=root\n[handlers]\nkeys=h\n[formatters]\nkeys=\n[logger_root]\nhandlers=h\n[handler_h]\n";
    let cases = [
        ("[formatters]\nkeys=\n".to_string(), "KeyError | 'handlers' | "),
        (
            "[loggers]\nkeys=root\n[handlers]\nkeys=\n[formatters]\nkeys=\n".to_string(),
            "KeyError | 'logger_root' | ",
        ),
        (
            "[loggers]\nkeys=root\n[handlers]\nkeys=\n[formatters]\nkeys=\n[logger_root]\nlevel=INFO\nhandlers=\n".to_string(),
            "ok",
        ),
        (
            "[loggers]\nkeys=a\n[handlers]\nkeys=\n[formatters]\nkeys=\n[logger_root]\nhandlers=\n".to_string(),
            "ValueError | list.remove(x): x not in list | ",
        ),
        (
            format!("{base}class=StreamHandler\nargs=(sys.stdout, 1)\n"),
            "TypeError | StreamHandler.__init__() takes from 1 to 2 positional arguments but 3 were given | ",
        ),
        (
            format!("{base}class=FileHandler\n"),
            "TypeError | FileHandler.__init__() missing 1 required positional argument: 'filename' | ",
        ),
        (
            format!("{base}class=StreamHandler\nargs=(undefined_name,)\n"),
            "NameError | name 'undefined_name' is not defined | ",
        ),
    ];
    for (ini, want) in cases {
        let got = match config::file_config_str(&ini, &[], true) {
            Ok(()) => String::from("ok"),
            Err(e) => describe(&e),
        };
        assert_eq!(got, want, "{ini}");
    }
    let missing = config::file_config("/nonexistent/logging.ini", &[], true).unwrap_err();
    assert_eq!(
        describe(&missing),
        "FileNotFoundError | /nonexistent/logging.ini doesn't exist | "
    );
}
