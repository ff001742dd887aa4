//! CPython's `BytesIO` and `StringIO` on random operation scripts
//! (tests/oracle/io.py wrote io_memory.txt): every result and every error
//! message must match.

use super::{BufferedIOBaseExt, BytesIO, IOBase, StringIO, TextIOBase, Whence};
use alloc::string::String;
use alloc::vec::Vec;

const MEMORY: &str = include_str!("../../../tests/oracle/io_memory.txt");

fn unesc(s: &str) -> Vec<u8> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\\' && b.get(i + 1) == Some(&b'x') {
            out.push(u8::from_str_radix(&s[i + 2..i + 4], 16).unwrap());
            i += 4;
        } else if b[i] == b'\\' {
            out.push(b'\\');
            i += 2;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    out
}

fn esc(b: &[u8]) -> String {
    let mut out = String::new();
    for &c in b {
        match c {
            b'\\' => out.push_str("\\\\"),
            0x20..=0x7e => out.push(c as char),
            _ => out.push_str(&std::format!("\\x{c:02x}")),
        }
    }
    out
}

fn text(s: &str) -> String {
    String::from_utf8(unesc(s)).unwrap()
}

enum Stream {
    Bytes(BytesIO),
    Str(StringIO),
}

/// Runs one operation, formatting its result as the fixture does.
fn run(stream: &mut Stream, op: &str, args: &[&str]) -> String {
    fn int(r: strata_core::io::Result<u64>) -> String {
        match r {
            Ok(n) => std::format!("i\t{n}"),
            Err(e) => std::format!(
                "err\t{}\t{}",
                e.python_class(),
                esc(std::format!("{e}").as_bytes())
            ),
        }
    }
    fn bytes(r: strata_core::io::Result<Vec<u8>>) -> String {
        match r {
            Ok(b) => std::format!("b\t{}", esc(&b)),
            Err(e) => std::format!(
                "err\t{}\t{}",
                e.python_class(),
                esc(std::format!("{e}").as_bytes())
            ),
        }
    }
    fn string(r: strata_core::io::Result<String>) -> String {
        match r {
            Ok(s) => std::format!("s\t{}", esc(s.as_bytes())),
            Err(e) => std::format!(
                "err\t{}\t{}",
                e.python_class(),
                esc(std::format!("{e}").as_bytes())
            ),
        }
    }
    fn list(items: Vec<Vec<u8>>) -> String {
        let mut out = String::from("l\t");
        out.push_str(&items.iter().map(|i| esc(i)).collect::<Vec<_>>().join("\t"));
        out
    }
    let size = |i: usize| -> Option<usize> {
        let n: i64 = args[i].parse().unwrap();
        (n >= 0).then_some(n as usize)
    };
    let whence = |w: &str| match w {
        "0" => Whence::Set,
        "1" => Whence::Cur,
        _ => Whence::End,
    };
    match stream {
        Stream::Bytes(b) => match op {
            "write" => {
                int(strata_core::io::BufferedIOBase::write(b, &unesc(args[0])).map(|n| n as u64))
            }
            "seek" => int(b.seek(args[0].parse().unwrap(), whence(args[1]))),
            "read" => bytes(b.read(size(0))),
            "read1" => bytes(b.read1(size(0))),
            "readline" => bytes(b.readline_vec(size(0))),
            "truncate" => int(b.truncate(args[0].parse().ok())),
            "tell" => int(b.tell()),
            "getvalue" => bytes(b.getvalue().map(|v| v.to_vec())),
            "readlines" => list(b.readlines(None).unwrap()),
            other => panic!("{other}"),
        },
        Stream::Str(s) => {
            match op {
                "write" => int(TextIOBase::write(s, &text(args[0]))
                    .map(|_| text(args[0]).chars().count() as u64)),
                "seek" => int(s.seek(args[0].parse().unwrap(), whence(args[1]))),
                "read" => string(s.read_string(size(0))),
                "readline" => string(s.readline_string(size(0))),
                "truncate" => int(s.truncate(args[0].parse().ok())),
                "tell" => int(s.tell()),
                "getvalue" => string(s.getvalue()),
                "readlines" => list(
                    s.readlines()
                        .unwrap()
                        .into_iter()
                        .map(String::into_bytes)
                        .collect(),
                ),
                other => panic!("{other}"),
            }
        }
    }
}

#[test]
fn memory_streams_match_cpython() {
    let mut stream = None;
    let (mut scripts, mut ops) = (0, 0);
    for line in MEMORY.lines() {
        let f: Vec<&str> = line.split('\t').collect();
        if f[0] == "script" {
            stream = Some(match f[1] {
                "bytesio" => Stream::Bytes(BytesIO::with_value(unesc(f[3]))),
                _ => {
                    let nl = (f[2] != "-").then(|| text(f[2]));
                    Stream::Str(StringIO::with_value(&text(f[3]), nl.as_deref()).unwrap())
                }
            });
            scripts += 1;
            continue;
        }
        let arrow = f.iter().position(|&x| x == "->").unwrap();
        let want = f[arrow + 1..].join("\t");
        let got = run(stream.as_mut().unwrap(), f[0], &f[1..arrow]);
        assert_eq!(got, want, "script {scripts}: {line}");
        ops += 1;
    }
    assert_eq!((scripts, ops), (150, 4500));
}
