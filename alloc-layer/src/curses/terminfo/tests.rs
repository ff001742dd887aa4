use super::*;
use alloc::string::String;
use alloc::vec;

/// CPython's values for every cap of the host's compiled entries
/// (tests/oracle/terminfo.py).
const ORACLE: &str = include_str!("../../../../tests/oracle/terminfo.txt");

fn unhex(s: &str) -> Vec<u8> {
    (0..s.len() / 2)
        .map(|i| u8::from_str_radix(&s[2 * i..2 * i + 2], 16).unwrap())
        .collect()
}

/// What Python's tiget* give, computed from a parsed entry.
fn py_flag(t: &Terminfo, cap: &str) -> i32 {
    match t.kind(cap) {
        Some(0) => i32::from(t.flag(cap) == Some(true)),
        _ => -1,
    }
}

fn py_num(t: &Terminfo, cap: &str) -> i32 {
    match t.kind(cap) {
        Some(1) => t.number(cap).unwrap_or(-1),
        _ => -2,
    }
}

#[test]
fn oracle_every_value() {
    let mut current: Option<Terminfo> = None;
    let mut term = "";
    let (mut terms, mut values, mut skipped) = (0, 0, 0);
    for line in ORACLE.lines() {
        let mut w = line.split(' ');
        let (kind, cap, value) = (w.next().unwrap(), w.next().unwrap(), w.next().unwrap());
        if kind == "term" {
            term = cap;
            current = match std::fs::read(value) {
                Ok(data) => {
                    terms += 1;
                    let mut t = Terminfo::parse(&data).unwrap_or_else(|e| panic!("{cap}: {e}"));
                    // The oracle ran on a pipe without $LINES/$COLUMNS.
                    t.set_screen_size(None, None);
                    assert!(!t.names().is_empty());
                    Some(t)
                }
                Err(_) => {
                    skipped += 1;
                    None
                }
            };
            continue;
        }
        let Some(t) = &current else { continue };
        values += 1;
        match kind {
            "flag" => assert_eq!(py_flag(t, cap).to_string(), value, "{term}: {line}"),
            "num" => assert_eq!(py_num(t, cap).to_string(), value, "{term}: {line}"),
            "str" => {
                let want = match value {
                    "-" => None,
                    "\"\"" => Some(Vec::new()),
                    hex => Some(unhex(hex)),
                };
                assert_eq!(t.string(cap).map(<[u8]>::to_vec), want, "{term}: {line}");
            }
            _ => panic!("bad oracle line {line}"),
        }
    }
    std::eprintln!("terminfo oracle: {terms} terminals, {values} values, {skipped} skipped");
    assert!(terms > 0 || skipped > 0);
}

/// A legacy entry: names "t|test", am set, cols 80, cup "\x1b[H",
/// with one extended boolean "Tc" and string "Ss".
fn sample(wide: bool) -> Vec<u8> {
    let mut d = Vec::new();
    let put = |d: &mut Vec<u8>, v: i16| d.extend_from_slice(&v.to_le_bytes());
    put(&mut d, if wide { 0o1036 } else { 0o432 });
    for v in [7, 2, 1, 11, 4] {
        put(&mut d, v);
    }
    d.extend_from_slice(b"t|test\0");
    d.extend_from_slice(&[0, 1]); // bw, am
    d.push(0); // pad: 12 + 7 + 2 is odd
    if wide {
        d.extend_from_slice(&80i32.to_le_bytes());
    } else {
        put(&mut d, 80);
    }
    for i in 0..11 {
        put(&mut d, if i == 10 { 0 } else { -1 }); // "cup" is string 10
    }
    d.extend_from_slice(b"\x1b[H\0");
    // Extended: 1 bool, 0 numbers, 1 string; items 1 + 2; table 3 + 6.
    for v in [1, 0, 1, 3, 9] {
        put(&mut d, v);
    }
    d.push(1);
    d.push(0); // align
    put(&mut d, 0); // Ss at 0
    put(&mut d, 0); // "Tc" at names+0
    put(&mut d, 3); // "Ss" at names+3
    d.extend_from_slice(b"ab\0Tc\0Ss\0");
    d
}

#[test]
fn sample_entries() {
    for wide in [false, true] {
        let t = Terminfo::parse(&sample(wide)).unwrap();
        assert_eq!(t.names(), b"t|test");
        assert_eq!(t.flag("am"), Some(true));
        assert_eq!(t.flag("bw"), Some(false));
        assert_eq!(t.flag("xenl"), Some(false));
        assert_eq!(t.flag("cols"), None);
        assert_eq!(t.number("cols"), Some(80));
        assert_eq!(t.number("lines"), None);
        assert_eq!(t.string("cup"), Some(&b"\x1b[H"[..]));
        assert_eq!(t.string("cbt"), None);
        assert_eq!(t.flag("Tc"), Some(true));
        assert_eq!(t.string("Ss"), Some(&b"ab"[..]));
        assert_eq!(t.string("Tc"), None);
        assert_eq!(t.kind("Nope"), None);
    }
}

fn err(data: &[u8]) -> ParseError {
    Terminfo::parse(data).unwrap_err()
}

#[test]
fn malformed() {
    let good = sample(false);
    assert!(matches!(
        err(&[]),
        ParseError::Truncated {
            section: Section::Header,
            ..
        }
    ));
    assert!(matches!(
        err(&good[..7]),
        ParseError::Truncated {
            section: Section::Header,
            ..
        }
    ));
    assert_eq!(
        err(b"\x1a\x02\0\0\0\0\0\0\0\0\0\0"),
        ParseError::BadMagic(0o1032)
    );
    // Every cut short of the whole entry is an error, never a panic.
    // (A cut inside the extended header leaves no extended section, as
    // in ncurses, which reads one only if its 10-byte header is there.)
    for n in (0..50).chain(60..good.len()) {
        let e = err(&good[..n]);
        assert!(!e.to_string().is_empty());
    }
    // Counts too large for the data, and negative.
    let mut big = good.clone();
    big[6] = 0xff;
    big[7] = 0x7f;
    assert!(matches!(
        err(&big),
        ParseError::Truncated {
            section: Section::Numbers,
            ..
        }
    ));
    let mut neg = good.clone();
    neg[3] = 0x80;
    assert!(matches!(
        err(&neg),
        ParseError::NegativeCount {
            section: Section::Names,
            ..
        }
    ));
    // A string offset past the table (cup is at 12 + 7 + 2 + 1 + 2 + 20).
    let mut off = good.clone();
    off[44] = 9;
    assert_eq!(
        err(&off),
        ParseError::OffsetOutOfRange {
            section: Section::StringTable,
            index: 10,
            offset: 9,
            size: 4
        }
    );
    // An unterminated string.
    let mut unterminated = good.clone();
    unterminated[49] = b'x';
    assert!(matches!(
        err(&unterminated),
        ParseError::Unterminated { .. }
    ));
    // An extended name offset past its table.
    let mut name = good.clone();
    let at = name.len() - 9 - 2;
    name[at] = 50;
    assert!(matches!(
        err(&name),
        ParseError::OffsetOutOfRange {
            section: Section::ExtNames,
            ..
        }
    ));
    // Extended counts too large for the data.
    let mut ext = good.clone();
    ext[52] = 0x40;
    assert!(matches!(
        err(&ext),
        ParseError::Truncated {
            section: Section::ExtNumbers,
            ..
        }
    ));
    let e: &dyn core::error::Error = &ParseError::BadMagic(1);
    assert_eq!(e.to_string(), "bad terminfo magic number 0o1");
}

#[test]
fn entry_lookup_layouts() {
    let dir = std::env::temp_dir().join(std::format!("strata-ti-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("78")).unwrap();
    std::fs::create_dir_all(dir.join("q")).unwrap();
    std::fs::write(dir.join("78/xhex"), b"hex").unwrap();
    std::fs::write(dir.join("q/qq"), b"letter").unwrap();
    let d = dir.to_str().unwrap().as_bytes();
    assert_eq!(read_entry(d, "xhex"), Some(vec![b'h', b'e', b'x']));
    assert_eq!(read_entry(d, "qq").as_deref(), Some(&b"letter"[..]));
    assert_eq!(read_entry(d, "none"), None);
    assert_eq!(find("../etc/passwd"), None);
    assert_eq!(find(""), None);
    // Larger than any entry: not read to the end.
    assert_eq!(read_file(b"/dev/zero"), None);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The only test that touches the process-global terminal.
#[test]
fn global_terminal() {
    assert_eq!(tigetflag("am").unwrap_err().to_string(), NOT_SET_UP.message);
    assert_eq!(tigetstr("cup"), Err(NOT_SET_UP));
    assert_eq!(
        setupterm(Some("strata-no-such-terminal"), 1)
            .unwrap_err()
            .to_string(),
        "setupterm: could not find terminal"
    );
    // CPython gives this message for these names too.
    for name in ["a/b", "", ".."] {
        assert_eq!(setupterm(Some(name), 1), Err(NOT_FOUND));
    }
    if find("xterm").is_none() {
        return;
    }
    setupterm(Some("xterm"), 1).unwrap();
    assert_eq!(tigetflag("am"), Ok(1));
    assert_eq!(tigetflag("cols"), Ok(-1));
    assert_eq!(tigetnum("colors"), Ok(8));
    assert_eq!(tigetnum("am"), Ok(-2));
    assert_eq!(tigetstr("colors"), Ok(None));
    assert_eq!(
        tigetstr("cup").unwrap().map(String::from_utf8),
        Some(Ok("\x1b[%i%p1%d;%p2%dH".into()))
    );
    // As in Python, a later call keeps the first terminal.
    setupterm(Some("vt100"), 1).unwrap();
    assert_eq!(tigetnum("colors"), Ok(8));
}

/// The 32-bit format (magic 01036): xterm-256color recompiled by
/// ncurses' tic with `colors#0x1000000`, which needs 32-bit numbers.
/// CPython reads colors 16777216, pairs 65536 from it.
const XTERM_32BIT: &[u8] = include_bytes!("testdata/xterm-256color-32bit");

#[test]
fn wide_numbers() {
    assert_eq!(&XTERM_32BIT[..2], &0o1036u16.to_le_bytes());
    let t = Terminfo::parse(XTERM_32BIT).unwrap();
    assert!(t.names().starts_with(b"xterm-256color|"));
    assert_eq!(t.number("colors"), Some(0x100_0000));
    assert_eq!(t.number("pairs"), Some(65536));
    assert_eq!(t.number("cols"), Some(80));
    assert_eq!(t.flag("XT"), Some(true));
    assert_eq!(t.string("cup"), Some(&b"\x1b[%i%p1%d;%p2%dH"[..]));
    assert_eq!(t.string("kUP5"), Some(&b"\x1b[1;5A"[..]));
}

#[test]
fn search_order() {
    let v = |s: &str| Some(s.as_bytes().to_vec());
    let dirs = dirs_from(v("/ti"), v("/home/u"), v("/a::/b"));
    let want: [&[u8]; 8] = [
        b"/ti",
        b"/home/u/.terminfo",
        b"/a",
        b"/usr/share/terminfo",
        b"/b",
        b"/etc/terminfo",
        b"/lib/terminfo",
        b"/usr/share/terminfo",
    ];
    assert_eq!(dirs, want);
    let dirs = dirs_from(v(""), None, None);
    assert_eq!(dirs, SYSTEM_DIRS);
}

/// Every compiled entry installed on the host parses (with ncurses-term,
/// some 2800).
#[test]
fn every_host_entry_parses() {
    let mut n = 0;
    for top in ["/etc/terminfo", "/lib/terminfo", "/usr/share/terminfo"] {
        let Ok(subdirs) = std::fs::read_dir(top) else {
            continue;
        };
        for sub in subdirs.flatten() {
            let Ok(files) = std::fs::read_dir(sub.path()) else {
                continue;
            };
            for f in files.flatten() {
                let Ok(data) = std::fs::read(f.path()) else {
                    continue;
                };
                if let Err(e) = Terminfo::parse(&data) {
                    panic!("{}: {e}", f.path().display());
                }
                n += 1;
            }
        }
    }
    std::eprintln!("{n} host entries parsed");
}

/// The built-in entries, for a machine with no database: each parses, is
/// the terminal it is named for, has what the screen needs to draw, and
/// `find` gives it for a name no directory has.
#[test]
fn builtin_entries() {
    for (name, bytes) in BUILTIN {
        let t = Terminfo::parse(bytes).unwrap_or_else(|e| panic!("{name}: {e:?}"));
        let names = core::str::from_utf8(t.names()).unwrap();
        assert!(names.split('|').any(|n| n == name), "{name}: {names}");
        for cap in ["cup", "clear", "el", "sgr0"] {
            assert!(
                t.string(cap).is_some_and(|s| !s.is_empty()),
                "{name}: no {cap}"
            );
        }
        assert_eq!(builtin(name), Some(bytes));
    }
    assert_eq!(builtin("strata-no-such-terminal"), None);
    assert!(find("strata-no-such-terminal").is_none());
}
