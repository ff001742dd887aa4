//! Fuzzes `strata_alloc::curses::tparm` (Python's `curses.tparm`).
//!
//! Input: `N PARAMS CAP`: N's low bits pick how many parameters (0..=9)
//! follow as 8-byte little-endian `i64`s; the rest is the capability.
//!
//! Checks: no panic and no hang; the output is bounded and NUL-free; a
//! string without `%` comes back as it is; the free function equals a
//! fresh `Tparm`; and a state's static variables are all a second call
//! depends on.
#![no_main]

use libfuzzer_sys::fuzz_target;
use strata_alloc::curses::{MAX_OUTPUT, Tparm, TparmError, tparm};

fuzz_target!(|data: &[u8]| {
    let Some((&n, rest)) = data.split_first() else {
        return;
    };
    let n = usize::from(n % 10).min(rest.len() / 8);
    let (raw, cap) = rest.split_at(n * 8);
    let params: Vec<i64> = raw
        .chunks_exact(8)
        .map(|c| i64::from_le_bytes(c.try_into().unwrap()))
        .collect();
    let got = tparm(cap, &params);
    match &got {
        Ok(out) => {
            assert!(out.len() <= MAX_OUTPUT);
            assert!(!out.contains(&0));
            if !cap.contains(&b'%') {
                assert_eq!(out, cap);
            }
        }
        Err(TparmError::Nul) => assert!(cap.contains(&0)),
        Err(_) => {}
    }
    let mut state = Tparm::new();
    assert_eq!(state.tparm(cap, &params), got);
    // Same statics in, same output out.
    let mut copy = state.clone();
    assert_eq!(state.tparm(cap, &params), copy.tparm(cap, &params));
    assert_eq!(state, copy);
});
