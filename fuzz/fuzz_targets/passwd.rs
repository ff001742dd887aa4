//! getpass's /etc/passwd line parser on arbitrary bytes: never a panic,
//! and whatever it accepts is a well-formed entry.
#![no_main]

use libfuzzer_sys::fuzz_target;
use strata_core::getpass::parse_line;

fuzz_target!(|data: &[u8]| {
    for line in data.split(|&b| b == b'\n') {
        if let Some(entry) = parse_line(line) {
            assert!(!entry.name.is_empty());
            assert!(!entry.name.contains(&b':'));
            assert!(!entry.shell.contains(&b':'));
            assert_ne!(line.first(), Some(&b'#'));
        }
    }
});
