//! fnmatch's matcher against a plain recursive model of translate's rules
//! (written from the rules, not from the matcher's parser), on short
//! patterns and names, bytes and str; and on inputs of any length, no
//! panic and no hang (the matcher backtracks only to the last star).
#![no_main]

use libfuzzer_sys::fuzz_target;
use strata_alloc::fnmatch;

const BANG: u32 = b'!' as u32;
const DASH: u32 = b'-' as u32;

/// CPython 3.11 translate's chunks of a set's text (`inner`, between the
/// brackets): split at each `-` that can make a range (searching on two
/// past the last one, and never at the very first character or the
/// first after a `!`); a trailing `-` stays a character; then, right to
/// left, each reversed range is dropped with its two ends.
fn cpython_chunks(inner: &[u32]) -> Vec<Vec<u32>> {
    if !inner.contains(&DASH) {
        return vec![inner.to_vec()];
    }
    let mut chunks: Vec<Vec<u32>> = Vec::new();
    let mut i = 0;
    let mut k = if inner.first() == Some(&BANG) { 2 } else { 1 };
    while let Some(off) = inner
        .get(k..)
        .and_then(|rest| rest.iter().position(|&x| x == DASH))
    {
        let at = k + off;
        chunks.push(inner[i..at].to_vec());
        i = at + 1;
        k = at + 3;
    }
    let last = inner[i..].to_vec();
    match chunks.last_mut() {
        Some(prev) if last.is_empty() => prev.push(DASH),
        _ => chunks.push(last),
    }
    for k in (1..chunks.len()).rev() {
        if let (Some(&a), Some(&b)) = (chunks[k - 1].last(), chunks[k].first()) {
            if a > b {
                let tail = chunks.remove(k);
                let prev = &mut chunks[k - 1];
                prev.pop();
                prev.extend_from_slice(&tail[1..]);
            }
        }
    }
    chunks
}

/// Whether `c` is in the set whose text between the brackets is `inner`,
/// as the regex CPython builds from the chunks reads it: between two
/// chunks a range (from the last character of one to the first of the
/// next), every other character itself; a `!` first (after the empty
/// ranges went) negates, a lone `!` is any character, nothing at all is
/// no character; a range left with nothing before it is a `-` and its
/// end.
fn in_set(inner: &[u32], c: u32) -> bool {
    let mut chunks = cpython_chunks(inner);
    if chunks.len() == 1 && chunks[0].is_empty() {
        return false;
    }
    if chunks.len() == 1 && chunks[0] == [BANG] {
        return true;
    }
    let negated = chunks[0].first() == Some(&BANG);
    if negated {
        chunks[0].remove(0);
    }
    let mut found = false;
    for (k, chunk) in chunks.iter().enumerate() {
        let joined = k > 0 && !chunks[k - 1].is_empty();
        if k > 0 && !joined {
            found |= c == DASH;
        }
        for (m, &x) in chunk.iter().enumerate() {
            if m + 1 == chunk.len() && k + 1 < chunks.len() {
                found |= x <= c && c <= chunks[k + 1][0];
            } else if !(m == 0 && joined) {
                found |= x == c;
            }
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
        if pat.get(j) == Some(&BANG) {
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
