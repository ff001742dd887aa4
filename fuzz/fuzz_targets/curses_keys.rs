//! Fuzzes the curses key decoder (keypad mode): the first byte picks a
//! real terminal's keys (or, past them, the rest's first half is parsed
//! as a compiled terminfo entry), the rest is what the terminal sent.
//!
//! Checks: no panic and no hang; every step takes at least one byte and
//! no more than there are (asserted inside `fuzz_decode`); bytes that
//! start no sequence come back as themselves.
#![no_main]

use libfuzzer_sys::fuzz_target;
use strata_alloc::curses::fuzz_decode;

const ENTRIES: [&[u8]; 3] = [
    include_bytes!("../../alloc-layer/src/curses/terminfo/builtin/xterm-256color"),
    include_bytes!("../../alloc-layer/src/curses/terminfo/builtin/linux"),
    include_bytes!("../../alloc-layer/src/curses/terminfo/builtin/vt100"),
];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let (entry, input) = match ENTRIES.get(usize::from(pick)) {
        Some(e) => (*e, rest),
        None => rest.split_at(rest.len() / 2),
    };
    let codes = fuzz_decode(entry, input);
    assert!(codes.len() <= input.len());
    if ![0x1b, 0x7f, 0x08, 0x1a].iter().any(|b| input.contains(b)) {
        // Nothing there starts a key of these terminals (theirs begin with
        // ESC, or are kbs (DEL, ^H) or linux's kspd (^Z)).
        if (pick as usize) < ENTRIES.len() {
            let bytes: Vec<i32> = input.iter().map(|&b| i32::from(b)).collect();
            assert_eq!(codes, bytes);
        }
    }
});
