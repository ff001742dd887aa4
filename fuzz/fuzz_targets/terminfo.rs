//! `strata_alloc::curses::Terminfo::parse` (term(5) compiled entries) on
//! arbitrary bytes.
//!
//! Input: a compiled terminfo entry (the seeds are real ones from
//! /lib/terminfo and /usr/share/terminfo). Checks: no panic; an error is
//! a value whose message is not empty; for an accepted entry, every
//! standard capability name (and some extended ones) can be looked up as
//! each kind, a standard boolean name always answers `flag`, numbers are
//! never negative, and no string is longer than the input. (An entry's
//! extended section may reuse a standard name for another kind, so a
//! name can answer more than one kind.)
#![no_main]

use libfuzzer_sys::fuzz_target;
use strata_alloc::curses::Terminfo;
use strata_alloc::curses::terminfo::{BOOLEANS, NUMBERS, STRINGS};

const EXTENDED: [&str; 6] = ["Tc", "RGB", "Smulx", "kUP5", "XT", "Ss"];

fuzz_target!(|data: &[u8]| {
    let t = match Terminfo::parse(data) {
        Ok(t) => t,
        Err(e) => {
            assert!(!e.to_string().is_empty());
            return;
        }
    };
    assert!(t.names().len() <= data.len());
    for cap in BOOLEANS {
        assert!(t.flag(cap).is_some());
    }
    for cap in NUMBERS {
        assert!(t.number(cap).is_none_or(|n| n >= 0));
    }
    for cap in STRINGS.iter().chain(&EXTENDED) {
        let _ = (t.flag(cap), t.number(cap));
        assert!(t.string(cap).is_none_or(|s| s.len() < data.len()));
    }
});
