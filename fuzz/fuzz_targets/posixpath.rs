//! os.path's string functions on arbitrary bytes: never a panic, and the
//! guarantees posixpath documents hold: normpath is idempotent and keeps
//! a path absolute or relative; split's parts join back to the same
//! location; splitext's parts concatenate to the path; relpath leads from
//! start to path; commonpath and commonprefix are prefixes; expandvars
//! with nothing set, and expanduser of a path without `~`, change nothing.
#![no_main]

use libfuzzer_sys::fuzz_target;
use strata_alloc::os::path;

fuzz_target!(|data: &[u8]| {
    let Some((&split, rest)) = data.split_first() else {
        return;
    };
    let cut = usize::from(split).min(rest.len());
    let (p, q) = rest.split_at(cut);

    let norm = path::normpath(p);
    assert_eq!(path::normpath(&norm), norm, "normpath({p:?})");
    assert_eq!(path::isabs(&norm), path::isabs(p));
    assert!(!norm.is_empty());

    let (head, tail) = path::split(p);
    assert_eq!(path::normpath(path::join(&head, &tail)), norm);
    assert_eq!(path::basename(p), tail);
    assert_eq!(path::dirname(p), head);
    assert!(!tail.contains(&b'/'));

    let (root, ext) = path::splitext(p);
    assert_eq!([&root[..], &ext[..]].concat(), p);
    assert!(ext.is_empty() || (ext[0] == b'.' && !ext.contains(&b'/')));

    // Absolute paths need no working directory.
    if path::isabs(p) && path::isabs(q) {
        let rel = path::relpath(p, q).expect("relpath of two absolute paths");
        let there = path::normpath(path::join(q, &rel));
        let trim = |b: &[u8]| b.iter().position(|&c| c != b'/').unwrap_or(b.len());
        assert_eq!(
            there[trim(&there)..],
            norm[trim(&norm)..],
            "relpath({p:?}, {q:?})"
        );
    }
    if path::isabs(p) == path::isabs(q) {
        let common = path::commonpath([p, q]).expect("commonpath of the same kind");
        let comps = |b: &[u8]| -> Vec<Vec<u8>> {
            b.split(|&c| c == b'/')
                .filter(|c| !c.is_empty() && *c != b".")
                .map(<[u8]>::to_vec)
                .collect()
        };
        let c = comps(&common);
        assert!(comps(p).starts_with(&c) && comps(q).starts_with(&c));
    } else {
        assert!(path::commonpath([p, q]).is_err());
    }
    let prefix = path::commonprefix([p, q]);
    assert!(p.starts_with(&prefix) && q.starts_with(&prefix));

    assert_eq!(path::expandvars_with(p, |_| None), p);
    let filled = path::expandvars_with(p, |name| Some(name.to_vec()));
    assert!(filled.len() <= p.len());
    let user = path::expanduser_with(p, Some(q), q);
    if p.first() != Some(&b'~') {
        assert_eq!(user, p);
    }
});
