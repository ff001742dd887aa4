//! The /etc/group line parser (os.getgrouplist, os.initgroups) on
//! arbitrary bytes: never a panic, and what it accepts holds together.
#![no_main]

use libfuzzer_sys::fuzz_target;
use strata_core::os::parse_group_line;

fuzz_target!(|data: &[u8]| {
    for line in data.split(|&b| b == b'\n') {
        if let Some(entry) = parse_group_line(line) {
            assert!(!entry.name.contains(&b':'));
            assert!(!entry.password.contains(&b':'));
            for member in entry.members() {
                assert!(!member.is_empty());
                assert!(!member.contains(&b','));
                // C's isspace: Rust's is_ascii_whitespace, and \v.
                let space = |b: &u8| b.is_ascii_whitespace() || *b == 0x0b;
                assert!(!member.first().is_some_and(space));
            }
        }
    }
});
