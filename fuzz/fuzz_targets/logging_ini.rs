//! logging.config's INI reader (`configparser.ConfigParser`, as
//! `fileConfig` reads a file) on arbitrary bytes: never a panic or hang;
//! bytes that are not UTF-8 are an error, never a success nor a
//! `ParsingError` (the decoding error, or an error raised at once by a
//! line before the bad chunk, as in Python); every option it lists
//! has a raw value, and reading it with interpolation gives a value or an
//! error, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use strata_alloc::logging::config::{ConfigParser, IniError};

fn read_all(cp: &ConfigParser) {
    let defaults: Vec<String> = cp.defaults().map(|(k, _)| k.to_owned()).collect();
    let mut sections = vec![("DEFAULT".to_owned(), defaults)];
    for s in cp.sections() {
        let options = cp.options(s).expect("a listed section has options");
        sections.push((s.to_owned(), options.into_iter().map(String::from).collect()));
    }
    for (section, options) in &sections {
        assert!(section == "DEFAULT" || cp.has_section(section));
        for option in options {
            assert!(cp.get(section, option, true).is_ok());
            if let Err(e) = cp.get(section, option, false) {
                let _ = e.to_string();
            }
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let mut cp = ConfigParser::new();
    let read = cp.read_file(data, "fuzz.ini");
    let utf8 = core::str::from_utf8(data);
    if utf8.is_err() {
        assert!(matches!(&read, Err(e) if !matches!(e, IniError::Parsing { .. })));
    }
    if let Err(e) = &read {
        let _ = e.to_string();
    }
    read_all(&cp);
    if let Ok(text) = utf8 {
        let mut cp = ConfigParser::new();
        if let Err(e) = cp.read_string(text, "<string>") {
            let _ = e.to_string();
        }
        read_all(&cp);
    }
});
