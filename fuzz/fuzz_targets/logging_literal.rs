//! logging.config's reader of `args=` and `kwargs=` expressions on
//! arbitrary text: never a panic; a literal's repr (infinities aside,
//! which have no literal) reads back as the same literal; an error's
//! position lies within the text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use strata_alloc::logging::config::Literal;

fn has_inf(l: &Literal) -> bool {
    match l {
        Literal::Float(x) => x.is_infinite(),
        Literal::Tuple(items) | Literal::List(items) => items.iter().any(has_inf),
        Literal::Dict(items) => items.iter().any(|(k, v)| has_inf(k) || has_inf(v)),
        _ => false,
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = core::str::from_utf8(data) else {
        return;
    };
    match Literal::parse(text) {
        Ok(value) => {
            if !has_inf(&value) {
                let shown = value.to_string();
                assert_eq!(Literal::parse(&shown).as_ref(), Ok(&value), "{shown}");
            }
        }
        Err(e) => {
            assert!(e.pos <= text.chars().count());
            let _ = e.to_string();
        }
    }
});
