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
                assert!(!member.first().is_some_and(u8::is_ascii_whitespace));
            }
        }
    }
});
