//! The CPython oracles of `os.path` and `fnmatch` (tests/oracle/posixpath.py
//! and fnmatch.py wrote the fixtures), checked in one place for two
//! callers: the static `path` program (tiers 2-4) and strata-alloc's host
//! test (tier 1), which both include this file.
//!
//! Each group of records is one [`Group`]: how many records it checked and
//! the first mismatches, for the caller to report.

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use strata_alloc::fnmatch;
use strata_alloc::os::path;

/// One group of oracle records, checked.
pub struct Group {
    /// What the group checks.
    pub name: &'static str,
    /// Records checked.
    pub checked: usize,
    /// Records that did not match.
    pub failed: usize,
    /// The first few mismatches, described.
    pub first: Vec<String>,
    /// Why the group was not checked, if it was not.
    pub skipped: Option<String>,
}

impl Group {
    fn new(name: &'static str) -> Self {
        Group {
            name,
            checked: 0,
            failed: 0,
            first: Vec::new(),
            skipped: None,
        }
    }

    fn check(&mut self, ok: bool, what: impl FnOnce() -> String) {
        self.checked += 1;
        if !ok {
            if self.first.len() < 5 {
                self.first.push(what());
            }
            self.failed += 1;
        }
    }

    /// Whether every record matched (and there were some).
    pub fn passed(&self) -> bool {
        self.failed == 0 && (self.checked > 0 || self.skipped.is_some())
    }
}

/// The fixtures' escaping (`\xHH`, `\\`) undone.
pub fn unesc(s: &str) -> Vec<u8> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        match (c, b.get(i + 1)) {
            (b'\\', Some(b'x')) => {
                let hex = s.get(i + 2..i + 4).unwrap_or("");
                out.push(u8::from_str_radix(hex, 16).unwrap_or(0));
                i += 4;
            }
            (b'\\', _) => {
                out.push(b'\\');
                i += 2;
            }
            _ => {
                out.push(c);
                i += 1;
            }
        }
    }
    out
}

/// The fixtures' escaping applied, for messages.
pub fn esc(b: &[u8]) -> String {
    let mut out = String::new();
    for &c in b {
        match c {
            b'\\' => out.push_str("\\\\"),
            0x21..=0x7e => out.push(char::from(c)),
            _ => out.push_str(&format!("\\x{c:02x}")),
        }
    }
    out
}

/// A result field: `Ok(bytes)` or `Err(exception class)`.
fn field(s: &str) -> Result<Vec<u8>, &str> {
    match s.strip_prefix('!') {
        Some(class) => Err(class),
        None => Ok(unesc(s)),
    }
}

fn show<E: core::fmt::Debug>(r: &Result<Vec<u8>, E>) -> String {
    match r {
        Ok(b) => esc(b),
        Err(e) => format!("error {e:?}"),
    }
}

/// Checks tests/oracle/posixpath.txt. The caller's working directory must
/// be `/` (the fixture's abspath and realpath were made there); `uid` is
/// the uid the program runs as (the fixture's `@UID@`).
pub fn posixpath(fixture: &str, uid: u32) -> Vec<Group> {
    let mut pure = Group::new("normpath, split, splitext, basename, dirname, isabs");
    let mut vars = Group::new("expandvars (the fixture's environment)");
    let mut resolve = Group::new("abspath and realpath from / (nothing of the corpus in /)");
    let mut user = Group::new("expanduser (the fixture's HOME and passwd)");
    let mut joins = Group::new("join of two and three parts");
    let mut rel = Group::new("relpath from /");
    let mut common = Group::new("commonpath and commonprefix");

    let mut env: Vec<(Vec<u8>, Vec<u8>)> = Vec::new();
    let mut dbs: Vec<(String, Vec<u8>)> = Vec::new();
    let uid_text = format!("{uid}");
    for line in fixture.lines() {
        let f: Vec<&str> = line.split('\t').collect();
        match f.as_slice() {
            ["absent", name] => {
                let mut p = b"/".to_vec();
                p.extend(unesc(name));
                if path::lexists(&p) && resolve.skipped.is_none() {
                    resolve.skipped = Some(format!("{} exists here", esc(&p)));
                }
            }
            ["env", k, v] => env.push((unesc(k), unesc(v))),
            ["passwd", db, entry] => {
                let entry = unesc(entry);
                let mut line = Vec::new();
                // `@UID@` is the uid of whoever runs the test.
                let mut rest = &entry[..];
                while let Some(at) = rest.windows(5).position(|w| w == b"@UID@") {
                    line.extend_from_slice(&rest[..at]);
                    line.extend_from_slice(uid_text.as_bytes());
                    rest = &rest[at + 5..];
                }
                line.extend_from_slice(rest);
                line.push(b'\n');
                match dbs.iter_mut().find(|(name, _)| name == db) {
                    Some((_, text)) => text.extend(line),
                    None => dbs.push((String::from(*db), line)),
                }
            }
            [
                "p",
                p,
                norm,
                head,
                tail,
                root,
                ext,
                base,
                dir,
                isabs,
                abs,
                real,
                expanded,
            ] => {
                let p = unesc(p);
                let got_split = path::split(&p);
                let got_ext = path::splitext(&p);
                let ok = path::normpath(&p) == unesc(norm)
                    && got_split == (unesc(head), unesc(tail))
                    && got_ext == (unesc(root), unesc(ext))
                    && path::basename(&p) == unesc(base)
                    && path::dirname(&p) == unesc(dir)
                    && path::isabs(&p) == (*isabs == "1");
                pure.check(ok, || {
                    format!(
                        "{}: normpath {}, split ({}, {}), splitext ({}, {})",
                        esc(&p),
                        esc(&path::normpath(&p)),
                        esc(&got_split.0),
                        esc(&got_split.1),
                        esc(&got_ext.0),
                        esc(&got_ext.1)
                    )
                });
                let got = path::expandvars_with(&p, |name| {
                    env.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone())
                });
                vars.check(got == unesc(expanded), || {
                    format!("expandvars({}) = {}, want {expanded}", esc(&p), esc(&got))
                });
                if resolve.skipped.is_none() {
                    let got_abs = path::abspath(&p);
                    let got_real = path::realpath(&p);
                    let want_real = field(real);
                    let real_ok = match (&got_real, &want_real) {
                        (Ok(g), Ok(w)) => g == w,
                        (Err(e), Err("ValueError")) => e.errno() == strata_alloc::errno::EINVAL,
                        _ => false,
                    };
                    resolve.check(
                        got_abs.as_ref().ok() == Some(&unesc(abs)) && real_ok,
                        || {
                            format!(
                                "{}: abspath {}, realpath {}; want {abs}, {real}",
                                esc(&p),
                                show(&got_abs),
                                show(&got_real)
                            )
                        },
                    );
                }
            }
            ["u", db, home, p, want] => {
                let passwd = dbs
                    .iter()
                    .find(|(name, _)| name == db)
                    .map_or(&[][..], |(_, t)| &t[..]);
                let home = (*home != "!unset").then(|| unesc(home));
                let p = unesc(p);
                let got = path::expanduser_with(&p, home.as_deref(), passwd);
                // Where Python raises (a user name that is not ASCII or
                // holds a NUL), Strata leaves the path unchanged.
                let want = field(want).unwrap_or_else(|_| p.clone());
                user.check(got == want, || {
                    format!(
                        "expanduser({}) with {db}, HOME {:?} = {}, want {}",
                        esc(&p),
                        home.as_deref().map(esc),
                        esc(&got),
                        esc(&want)
                    )
                });
            }
            ["j", a, b, want] => {
                let got = path::join(unesc(a), unesc(b));
                joins.check(got == unesc(want), || {
                    format!("join({a}, {b}) = {}, want {want}", esc(&got))
                });
            }
            ["j3", a, b, c, want] => {
                let got = path::join_all(unesc(a), [unesc(b), unesc(c)]);
                joins.check(got == unesc(want), || {
                    format!("join({a}, {b}, {c}) = {}, want {want}", esc(&got))
                });
            }
            ["r", p, start, want] => {
                let got = path::relpath(unesc(p), unesc(start));
                let ok = match (&got, field(want)) {
                    (Ok(g), Ok(w)) => *g == w,
                    (Err(path::Error::Value(_)), Err("ValueError")) => true,
                    _ => false,
                };
                rel.check(ok, || {
                    format!("relpath({p}, {start}) = {}, want {want}", show(&got))
                });
            }
            ["c", n, rest @ ..] => {
                let n: usize = n.parse().unwrap_or(usize::MAX);
                if rest.len() != n.saturating_add(2) {
                    common.check(false, || format!("bad record {line:?}"));
                    continue;
                }
                let paths: Vec<Vec<u8>> = rest[..n].iter().map(|s| unesc(s)).collect();
                let got = path::commonpath(&paths);
                let cp_ok = match (&got, field(rest[n])) {
                    (Ok(g), Ok(w)) => *g == w,
                    (Err(_), Err("ValueError")) => true,
                    _ => false,
                };
                let prefix = path::commonprefix(&paths);
                common.check(cp_ok && prefix == unesc(rest[n + 1]), || {
                    format!(
                        "{line}: commonpath {}, commonprefix {}",
                        show(&got),
                        esc(&prefix)
                    )
                });
            }
            _ => pure.check(false, || format!("unknown record {line:?}")),
        }
    }
    alloc::vec![pure, vars, resolve, user, joins, rel, common]
}

/// Checks tests/oracle/fnmatch.txt.
pub fn fnmatch(fixture: &str) -> Vec<Group> {
    let mut translate = Group::new("translate of str patterns, text for text");
    let mut matching = Group::new("fnmatchcase on str (by characters)");
    let mut translate_b = Group::new("translate of bytes patterns (Latin-1)");
    let mut matching_b = Group::new("fnmatchcase on bytes");
    let mut filtering = Group::new("filter keeps exactly the matching names, in order");

    let mut pat = String::new();
    let mut bpat: Vec<u8> = Vec::new();
    let mut names: Vec<(Vec<u8>, bool)> = Vec::new();
    let mut compiled = fnmatch::StrPattern::new("");
    let mut compiled_b = fnmatch::Pattern::new("");
    let mut str_mode = true;

    let mut flush = |names: &mut Vec<(Vec<u8>, bool)>, str_mode: bool, pat: &str, bpat: &[u8]| {
        if names.is_empty() {
            return;
        }
        let ok = if str_mode {
            let all: Vec<&str> = names
                .iter()
                .filter_map(|(n, _)| core::str::from_utf8(n).ok())
                .collect();
            let want: Vec<&str> = names
                .iter()
                .filter(|(_, m)| *m)
                .filter_map(|(n, _)| core::str::from_utf8(n).ok())
                .collect();
            fnmatch::filter_str(all, pat) == want
        } else {
            let want: Vec<&Vec<u8>> = names.iter().filter(|(_, m)| *m).map(|(n, _)| n).collect();
            fnmatch::filter(names.iter().map(|(n, _)| n), bpat) == want
        };
        filtering.check(ok, || format!("filter with {}", esc(bpat)));
        names.clear();
    };

    for line in fixture.lines() {
        let f: Vec<&str> = line.split('\t').collect();
        match f.as_slice() {
            ["t", p, want] => {
                flush(&mut names, str_mode, &pat, &bpat);
                str_mode = true;
                pat = String::from_utf8_lossy(&unesc(p)).into_owned();
                bpat = pat.as_bytes().to_vec();
                compiled = fnmatch::StrPattern::new(&pat);
                let got = fnmatch::translate(&pat);
                translate.check(got.as_bytes() == unesc(want), || {
                    format!("translate({p}) = {}, want {want}", esc(got.as_bytes()))
                });
            }
            ["m", name, want] => {
                let name = unesc(name);
                let text = String::from_utf8_lossy(&name).into_owned();
                let want = *want == "1";
                let got = compiled.matches(&text);
                let got2 = fnmatch::fnmatch_str(&text, &pat);
                matching.check(got == want && got2 == want, || {
                    format!(
                        "fnmatchcase({}, {}) = {got}",
                        esc(&name),
                        esc(pat.as_bytes())
                    )
                });
                names.push((name, want));
            }
            ["tb", p, want] => {
                flush(&mut names, str_mode, &pat, &bpat);
                str_mode = false;
                bpat = unesc(p);
                compiled_b = fnmatch::Pattern::new(&bpat);
                let got = fnmatch::translate_bytes(&bpat);
                translate_b.check(got == unesc(want), || {
                    format!("translate_bytes({p}) = {}, want {want}", esc(&got))
                });
            }
            ["mb", name, want] => {
                let name = unesc(name);
                let want = *want == "1";
                let got = compiled_b.matches(&name);
                let got2 = fnmatch::fnmatch(&name, &bpat);
                matching_b.check(got == want && got2 == want, || {
                    format!("fnmatchcase({}, {}) = {got}", esc(&name), esc(&bpat))
                });
                names.push((name, want));
            }
            _ => translate.check(false, || format!("unknown record {line:?}")),
        }
    }
    flush(&mut names, str_mode, &pat, &bpat);
    alloc::vec![translate, matching, translate_b, matching_b, filtering]
}
