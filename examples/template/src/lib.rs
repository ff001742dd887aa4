//! `wc`: counts the lines, words and bytes of files, or of stdin: a small
//! real program on Strata, laid out as a program of your own should be.
//!
//! The logic lives here, in the lib: `#![no_std]` in the program, std
//! under `cargo test`, so the tests below run with the std harness while
//! the binary (src/main.rs, `test = false`) stays static and libc-free.
//!
//! What it counts is what Python counts: lines are `data.count(b"\n")`,
//! words `len(data.split())` (runs of bytes other than ASCII whitespace),
//! bytes `len(data)`, as GNU `wc` does in the C locale. What differs from
//! GNU `wc`: the columns are as wide as the widest number printed (GNU
//! sizes them from the files' sizes before reading), and a file that
//! cannot be read prints only its error, not a row of zeros.
#![cfg_attr(not(test), no_std)]

extern crate alloc;

use alloc::string::String;
use alloc::vec::Vec;
use strata_alloc::argparse::{Action, Arg, ArgumentParser, Nargs};
use strata_alloc::io::{BufferedIOBase, HeapFile, OpenOptions};

/// The three counts of one input.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Newlines.
    pub lines: u64,
    /// Runs of non-whitespace bytes.
    pub words: u64,
    /// Bytes.
    pub bytes: u64,
}

impl Counts {
    fn add(&mut self, other: Counts) {
        self.lines += other.lines;
        self.words += other.words;
        self.bytes += other.bytes;
    }
}

/// Counts a stream fed in chunks of any size: a word that spans two
/// chunks is one word.
#[derive(Debug, Default)]
pub struct Counter {
    counts: Counts,
    in_word: bool,
}

/// Python's `bytes.split()` whitespace: space, `\t`, `\n`, `\v`, `\f`,
/// `\r` (C's `isspace` in the C locale).
fn is_space(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r')
}

impl Counter {
    /// Counts `chunk`, the next piece of the input.
    pub fn feed(&mut self, chunk: &[u8]) {
        for &byte in chunk {
            if byte == b'\n' {
                self.counts.lines += 1;
            }
            let space = is_space(byte);
            if !space && !self.in_word {
                self.counts.words += 1;
            }
            self.in_word = !space;
        }
        self.counts.bytes += chunk.len() as u64;
    }

    /// The counts so far.
    pub fn counts(&self) -> Counts {
        self.counts
    }
}

/// Which counts to print: `-l`, `-w`, `-c`; none of them means all three.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Columns {
    /// `-l`.
    pub lines: bool,
    /// `-w`.
    pub words: bool,
    /// `-c`.
    pub bytes: bool,
}

/// What the command line asked for.
#[derive(Debug, PartialEq, Eq)]
pub struct Options {
    /// The counts to print.
    pub columns: Columns,
    /// The files, in order; empty means stdin.
    pub files: Vec<Vec<u8>>,
}

/// The program's parser: `wc [-h] [-l] [-w] [-c] [file ...]`.
pub fn parser() -> ArgumentParser {
    let mut p = ArgumentParser::new()
        .prog("wc")
        .description("Print newline, word and byte counts for each FILE, and a total line if more than one FILE is given. With no FILE, read standard input.");
    let args = [
        Arg::new(&["-l", "--lines"])
            .action(Action::StoreTrue)
            .help("print the newline counts"),
        Arg::new(&["-w", "--words"])
            .action(Action::StoreTrue)
            .help("print the word counts"),
        Arg::new(&["-c", "--bytes"])
            .action(Action::StoreTrue)
            .help("print the byte counts"),
        Arg::new(&["file"])
            .nargs(Nargs::ZeroOrMore)
            .help("files to count (default: standard input)"),
    ];
    for arg in args {
        // Fixed definitions: the tests below parse with this parser, so a
        // definition error cannot reach a user.
        let _ = p.add_argument(arg);
    }
    p
}

/// Parses `args` (without the program name), or returns what argparse
/// would print and the exit status (`-h` is 0, a bad option 2).
pub fn parse(args: &[&[u8]]) -> Result<Options, strata_alloc::argparse::ArgumentError> {
    let ns = parser().parse_args(args)?;
    let flag = |name| ns.get::<bool>(name).unwrap_or(false);
    let (lines, words, bytes) = (flag("lines"), flag("words"), flag("bytes"));
    let any = lines || words || bytes;
    Ok(Options {
        columns: Columns {
            lines: lines || !any,
            words: words || !any,
            bytes: bytes || !any,
        },
        files: ns
            .get::<Vec<&[u8]>>("file")
            .unwrap_or_default()
            .into_iter()
            .map(<[u8]>::to_vec)
            .collect(),
    })
}

/// The output: one row per input (`counts name`, no name for stdin),
/// then `total` when there is more than one; right-aligned columns as
/// wide as the widest number printed.
pub fn format(rows: &[(Counts, Option<&[u8]>)], columns: Columns) -> Vec<u8> {
    let mut total = Counts::default();
    for (counts, _) in rows {
        total.add(*counts);
    }
    let mut all: Vec<(Counts, Option<&[u8]>)> = rows.to_vec();
    if rows.len() > 1 {
        all.push((total, Some(b"total")));
    }
    let chosen = |c: &Counts| {
        [
            (columns.lines, c.lines),
            (columns.words, c.words),
            (columns.bytes, c.bytes),
        ]
        .into_iter()
        .filter(|(on, _)| *on)
        .map(|(_, n)| n)
    };
    let width = all
        .iter()
        .flat_map(|(c, _)| chosen(c))
        .map(|n| decimal(n).len())
        .max()
        .unwrap_or(1);
    let mut out = Vec::new();
    for (counts, name) in &all {
        let mut first = true;
        for n in chosen(counts) {
            if !first {
                out.push(b' ');
            }
            first = false;
            let digits = decimal(n);
            out.resize(out.len() + width - digits.len(), b' ');
            out.extend_from_slice(digits.as_bytes());
        }
        if let Some(name) = name {
            out.push(b' ');
            out.extend_from_slice(name);
        }
        out.push(b'\n');
    }
    out
}

fn decimal(n: u64) -> String {
    alloc::format!("{n}")
}

/// Why an input could not be counted: `wc: NAME: MESSAGE`, as GNU tools
/// say it (the message is the errno's `strerror` text).
#[derive(Debug, PartialEq, Eq)]
pub struct ReadError {
    /// The file name as given (`-` for stdin).
    pub name: Vec<u8>,
    /// `strerror(errno)`, or io's message.
    pub message: String,
}

fn read_error(name: &[u8], error: strata_alloc::io::Error) -> ReadError {
    let message = match error.errno() {
        Some(errno) => alloc::format!("{}", strata_alloc::errno::strerror(errno.raw_os_error())),
        None => alloc::format!("{error}"),
    };
    ReadError {
        name: name.to_vec(),
        message,
    }
}

/// Counts everything `file` has left to read.
fn count_stream(file: &mut HeapFile, name: &[u8]) -> Result<Counts, ReadError> {
    let reader = file.binary().map_err(|e| read_error(name, e))?;
    let mut counter = Counter::default();
    let mut chunk = alloc::vec![0u8; 64 * 1024];
    loop {
        match reader.readinto(&mut chunk) {
            Ok(0) => return Ok(counter.counts()),
            Ok(n) => counter.feed(&chunk[..n]),
            Err(e) => return Err(read_error(name, e)),
        }
    }
}

/// Counts the file at `path`.
pub fn count_path(path: &[u8]) -> Result<Counts, ReadError> {
    let mut file = strata_alloc::io::open(path, "rb").map_err(|e| read_error(path, e))?;
    count_stream(&mut file, path)
}

/// Counts standard input (left open).
pub fn count_stdin() -> Result<Counts, ReadError> {
    let options = OpenOptions {
        closefd: false,
        ..OpenOptions::default()
    };
    let mut stdin = strata_alloc::io::open_fd(0, "rb", options).map_err(|e| read_error(b"-", e))?;
    count_stream(&mut stdin, b"-")
}

/// The whole program: parses `args`, counts, prints; returns the exit
/// status (1 if any input could not be read).
pub fn main(args: &[&[u8]]) -> i32 {
    let options = match parse(args) {
        Ok(options) => options,
        Err(e) => e.exit(),
    };
    let mut status = 0;
    let mut rows = Vec::new();
    let mut report = |result: Result<Counts, ReadError>, name: Option<&[u8]>| match result {
        Ok(counts) => rows.push((counts, name.map(<[u8]>::to_vec))),
        Err(e) => {
            strata_alloc::eprintln!("wc: {}: {}", String::from_utf8_lossy(&e.name), e.message);
            status = 1;
        }
    };
    if options.files.is_empty() {
        report(count_stdin(), None);
    } else {
        for file in &options.files {
            report(count_path(file), Some(file));
        }
    }
    let rows: Vec<(Counts, Option<&[u8]>)> = rows.iter().map(|(c, n)| (*c, n.as_deref())).collect();
    if strata_alloc::io::stdout()
        .write(&format(&rows, options.columns))
        .is_err()
    {
        status = 1;
    }
    status
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: Columns = Columns {
        lines: true,
        words: true,
        bytes: true,
    };

    fn count(data: &[u8]) -> Counts {
        let mut c = Counter::default();
        c.feed(data);
        c.counts()
    }

    #[test]
    fn counts_lines_words_bytes() {
        assert_eq!(
            count(b"one two\nthree\n"),
            Counts {
                lines: 2,
                words: 3,
                bytes: 14
            }
        );
        assert_eq!(count(b""), Counts::default());
        // No final newline: the last line has words but no newline.
        assert_eq!(
            count(b"  a\tb\x0bc\x0cd\re"),
            Counts {
                lines: 0,
                words: 5,
                bytes: 11
            }
        );
        // Non-ASCII and NUL bytes are word bytes, as in bytes.split().
        assert_eq!(count(b"\xff\x00 \xc3\xa9\n").words, 2);
    }

    #[test]
    fn a_word_across_chunks_is_one_word() {
        let data = b"alpha beta\n gamma  delta\n\nepsilon";
        let whole = count(data);
        for split in 0..=data.len() {
            let mut c = Counter::default();
            c.feed(&data[..split]);
            c.feed(&data[split..]);
            assert_eq!(c.counts(), whole, "split at {split}");
        }
    }

    #[test]
    fn words_are_python_bytes_split() {
        // Every byte value next to a letter: a word boundary exactly where
        // bytes.split() makes one.
        for byte in 0..=255u8 {
            let data = [b'a', byte, b'b'];
            let expect = if b" \t\n\r\x0b\x0c".contains(&byte) {
                2
            } else {
                1
            };
            assert_eq!(count(&data).words, expect, "byte {byte:#x}");
        }
    }

    #[test]
    fn options() {
        let o = parse(&[b"-l".as_slice(), b"a", b"b\xff"]).unwrap();
        assert_eq!(
            o.columns,
            Columns {
                lines: true,
                words: false,
                bytes: false
            }
        );
        assert_eq!(o.files, [b"a".to_vec(), b"b\xff".to_vec()]);
        assert_eq!(parse(&[]).unwrap().columns, ALL);
        assert!(parse(&[b"-wc".as_slice()]).unwrap().columns.bytes);
        assert!(parse(&[b"--nope".as_slice()]).is_err());
    }

    #[test]
    fn help_names_the_options() {
        let help = parser().format_help();
        assert!(
            help.starts_with("usage: wc [-h] [-l] [-w] [-c] [file ...]\n"),
            "{help}"
        );
        assert!(help.contains("print the word counts"), "{help}");
    }

    #[test]
    fn rows_and_total_align() {
        let a = Counts {
            lines: 2,
            words: 3,
            bytes: 14,
        };
        let b = Counts {
            lines: 100,
            words: 0,
            bytes: 1000,
        };
        assert_eq!(format(&[(a, Some(b"a"))], ALL), b" 2  3 14 a\n");
        assert_eq!(
            format(&[(a, Some(b"a")), (b, Some(b"b"))], ALL),
            b"   2    3   14 a\n 100    0 1000 b\n 102    3 1014 total\n"
        );
        let lines_only = Columns {
            lines: true,
            words: false,
            bytes: false,
        };
        assert_eq!(format(&[(a, None)], lines_only), b"2\n");
    }

    #[test]
    fn counts_a_file_and_names_a_missing_one() {
        let path = std::env::temp_dir().join(format!("wc-template-{}", std::process::id()));
        std::fs::write(&path, "one two\nthree\n".repeat(10_000)).unwrap();
        let counts = count_path(path.to_str().unwrap().as_bytes());
        std::fs::remove_file(&path).unwrap();
        assert_eq!(
            counts,
            Ok(Counts {
                lines: 20_000,
                words: 30_000,
                bytes: 140_000
            })
        );
        let missing = count_path(b"/nonexistent/wc-template").unwrap_err();
        assert_eq!(missing.name, b"/nonexistent/wc-template");
        assert_eq!(missing.message, "No such file or directory");
    }
}
