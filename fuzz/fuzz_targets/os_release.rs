//! platform's os-release parser (CPython's rules and decoding errors) on
//! arbitrary bytes: never a panic; an answer exactly when the bytes are
//! UTF-8, with CPython's three fields first and well-formed names.
#![no_main]

use libfuzzer_sys::fuzz_target;
use strata_alloc::platform::{parse_os_release, parse_os_release_lines};

fuzz_target!(|data: &[u8]| {
    let parsed = parse_os_release(data);
    assert_eq!(parsed.is_ok(), core::str::from_utf8(data).is_ok());
    match parsed {
        Ok(info) => {
            let keys: Vec<&str> = info.items().map(|(k, _)| k).collect();
            assert_eq!(&keys[..3], ["NAME", "ID", "PRETTY_NAME"]);
            for (k, v) in info.items() {
                assert!(!k.is_empty());
                assert!(k.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_'));
                assert!(!v.contains(['\n', '\r']));
            }
            // The same lines given one by one give the same fields.
            let text = core::str::from_utf8(data).unwrap();
            let lines = text.split(['\n', '\r']).collect::<Vec<_>>();
            if !text.contains('\r') {
                assert_eq!(parse_os_release_lines(lines), info);
            }
        }
        Err(e) => {
            // Positions count within one decoded chunk (8 KiB plus at
            // most three held-back bytes).
            assert!(e.start < e.end && e.end <= 8192 + 3 && e.end <= data.len());
            let _ = e.to_string();
        }
    }
});
