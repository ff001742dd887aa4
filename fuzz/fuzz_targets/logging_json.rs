//! logging.config's JSON reader (`json.loads`) on arbitrary bytes: never a
//! panic; a parsed value written back (`json.dumps`) is ASCII, reads back
//! as the same value and writes out the same again; an error's position
//! lies within the text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use strata_alloc::logging::config::Value;

/// Equality with a NaN equal to itself (`json.dumps(nan)` reads back as a
/// new NaN).
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Float(x), Value::Float(y)) => x == y || (x.is_nan() && y.is_nan()),
        (Value::List(x), Value::List(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same(p, q))
        }
        (Value::Dict(x), Value::Dict(y)) => {
            x.len() == y.len()
                && x.iter().zip(y.iter()).all(|((k, p), (l, q))| k == l && same(p, q))
        }
        _ => a == b,
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = core::str::from_utf8(data) else {
        return;
    };
    match Value::from_json(text) {
        Ok(value) => {
            let dumped = value.to_json();
            assert!(dumped.is_ascii());
            let again = Value::from_json(&dumped).expect("json.dumps output reads back");
            assert!(same(&value, &again), "{dumped}");
            assert_eq!(again.to_json(), dumped);
        }
        Err(e) => {
            assert!(e.pos <= text.chars().count());
            assert!(e.lineno >= 1 && e.colno >= 1);
            let _ = e.to_string();
        }
    }
});
