//! fnmatch's matcher against a plain recursive model of translate's rules
//! (written from the rules, not from the matcher's parser), on short
//! patterns and names, bytes and str; and on inputs of any length, no
//! panic and no hang (the matcher backtracks only to the last star).
#![no_main]

use libfuzzer_sys::fuzz_target;
use strata_alloc::fnmatch;

/// Whether `c` is in the set whose text between the brackets is `inner`:
/// `!` first negates; left to right, `x-y` (with `y` present) is a range,
/// empty when reversed, anything else itself.
fn in_set(inner: &[u32], c: u32) -> bool {
    let (negated, body) = match inner.first() {
        Some(&b) if b == u32::from(b'!') => (true, &inner[1..]),
        _ => (false, inner),
    };
    let mut found = false;
    let mut k = 0;
    while k < body.len() {
        if body.get(k + 1) == Some(&u32::from(b'-')) && k + 2 < body.len() {
            found |= body[k] <= c && c <= body[k + 2];
            k += 3;
        } else {
            found |= body[k] == c;
            k += 1;
        }
    }
    found != negated
}

fn model(pat: &[u32], name: &[u32]) -> bool {
    let Some(&p) = pat.first() else {
        return name.is_empty();
    };
    if p == u32::from(b'*') {
        return model(&pat[1..], name) || (!name.is_empty() && model(pat, &name[1..]));
    }
    let Some(&c) = name.first() else {
        return false;
    };
    if p == u32::from(b'?') {
        return model(&pat[1..], &name[1..]);
    }
    if p == u32::from(b'[') {
        let mut j = 1;
        if pat.get(j) == Some(&u32::from(b'!')) {
            j += 1;
        }
        if pat.get(j) == Some(&u32::from(b']')) {
            j += 1;
        }
        while j < pat.len() && pat[j] != u32::from(b']') {
            j += 1;
        }
        if j < pat.len() {
            return in_set(&pat[1..j], c) && model(&pat[j + 1..], &name[1..]);
        }
    }
    p == c && model(&pat[1..], &name[1..])
}

fuzz_target!(|data: &[u8]| {
    let Some((&split, rest)) = data.split_first() else {
        return;
    };
    let cut = usize::from(split).min(rest.len());
    let (pat, name) = rest.split_at(cut);
    let pattern = fnmatch::Pattern::new(pat);
    let got = pattern.matches(name);
    assert_eq!(got, fnmatch::fnmatch(name, pat));
    let _ = fnmatch::translate_bytes(pat);
    if pat.len() <= 10 && name.len() <= 12 {
        let units = |b: &[u8]| b.iter().map(|&x| u32::from(x)).collect::<Vec<u32>>();
        assert_eq!(
            got,
            model(&units(pat), &units(name)),
            "bytes {pat:?} {name:?}"
        );
        if let (Ok(p), Ok(n)) = (core::str::from_utf8(pat), core::str::from_utf8(name)) {
            let chars = |s: &str| s.chars().map(u32::from).collect::<Vec<u32>>();
            let got = fnmatch::fnmatch_str(n, p);
            assert_eq!(got, model(&chars(p), &chars(n)), "str {p:?} {n:?}");
            let _ = fnmatch::translate(p);
        }
    }
});
