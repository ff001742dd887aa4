//! The io issue's four figures, Strata beside its peers in one run:
//!
//! 1. count the lines of a big file: Strata's zero-copy `readline_ref`
//!    and its `\n` count over the buffer, beside GNU `wc -l`, std's
//!    `BufRead::read_until` and CPython's `for line in f` (binary);
//! 2. copy the file through `open()` streams: Strata's `copyfileobj` (the
//!    kernel copies) and its plain buffered read/write loop, beside `cat`
//!    and `std::io::copy`;
//! 3. 10 M writes of 20-byte lines: Strata's `BufferedWriter` beside std's
//!    `BufWriter` (8 KiB and 128 KiB) and CPython;
//! 4. decode and iterate the lines of the file as UTF-8 text: Strata's
//!    `TextIOWrapper.readline` beside std's `lines()`, `read_line` and
//!    CPython's `TextIOWrapper`.
//!
//! Each in-process variant runs three times and keeps its best time; each
//! outside program runs once (CPython) or twice (wc, cat). The file stays
//! in the page cache throughout, so these measure the code, not the disk.
//! Ratios are peer time / Strata time: above 1, Strata is faster.
//!
//! `bench-io all DIR MIB` runs everything with a MIB-sized file in DIR.

use std::hint::black_box;
use std::io::{BufRead, BufReader, BufWriter, Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use strata_alloc::io::{
    self as sio, BufferedIOBase, IOBase, OpenOptions, TextIOBase, TextIOWrapperExt, copyfileobj,
};

/// Best of `runs` timings of `f`, and its last result.
fn best<T>(runs: usize, mut f: impl FnMut() -> T) -> (Duration, T) {
    let mut best = Duration::MAX;
    let mut out = None;
    for _ in 0..runs {
        let t = Instant::now();
        let r = f();
        best = best.min(t.elapsed());
        out = Some(r);
    }
    (best, out.expect("runs > 0"))
}

/// Times a shell command line (best of `runs`), returning its stdout.
fn shell(runs: usize, line: &str) -> (Duration, String) {
    best(runs, || {
        let out = Command::new("sh")
            .arg("-c")
            .arg(line)
            .stderr(Stdio::inherit())
            .output()
            .expect("sh");
        assert!(out.status.success(), "{line} failed");
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    })
}

struct Table {
    bytes: u64,
    base: Duration,
}

impl Table {
    fn new(title: &str, bytes: u64) -> Table {
        println!("\n## {title}");
        println!(
            "{:<46} {:>9} {:>8} {:>7}",
            "variant", "seconds", "MB/s", "ratio"
        );
        Table {
            bytes,
            base: Duration::ZERO,
        }
    }

    /// The first row is Strata's: the others' ratios are to it.
    fn row(&mut self, name: &str, t: Duration) {
        if self.base.is_zero() {
            self.base = t;
        }
        let secs = t.as_secs_f64();
        println!(
            "{:<46} {:>9.3} {:>8.0} {:>7.2}",
            name,
            secs,
            self.bytes as f64 / secs / 1e6,
            secs / self.base.as_secs_f64()
        );
    }
}

/// xorshift64*: the same file every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
}

/// Lines of 1 to 120 bytes (about 60 on average): ASCII words, with one
/// non-ASCII character (é, €, 😀) in every few lines.
fn generate(path: &Path, mib: u64) {
    let words = [
        "the", "io", "stream", "buffer", "line", "of", "text", "strata", "kernel", "read", "write",
        "python", "0123", "data",
    ];
    let extra = ["é", "€", "😀"];
    let mut rng = Rng(0x1234_5678_9abc_def1);
    let mut w = BufWriter::with_capacity(1 << 20, std::fs::File::create(path).expect("create"));
    let target = mib << 20;
    let mut written = 0u64;
    let mut line = String::new();
    while written < target {
        line.clear();
        let len = 1 + (rng.next() % 120) as usize;
        while line.len() < len {
            let r = rng.next();
            if r % 11 == 0 {
                line.push_str(extra[(r >> 8) as usize % 3]);
            } else {
                line.push_str(words[(r >> 8) as usize % words.len()]);
            }
            line.push(' ');
        }
        line.push('\n');
        w.write_all(line.as_bytes()).expect("write");
        written += line.len() as u64;
    }
    w.flush().expect("flush");
}

fn strata_open(path: &Path, mode: &str, buffering: i64) -> sio::HeapFile {
    let options = OpenOptions {
        buffering,
        ..OpenOptions::default()
    };
    sio::open_with(path.to_str().expect("utf-8 path"), mode, options).expect("open")
}

fn count_lines(path: &Path, bytes: u64) {
    let mut t = Table::new(
        &format!(
            "count lines of a {} MiB file (goal: >= 1.0 x GNU wc -l)",
            bytes >> 20
        ),
        bytes,
    );
    let (s1, n1) = best(3, || {
        let mut f = strata_open(path, "rb", -1);
        let b = f.binary().expect("binary");
        let mut n = 0u64;
        loop {
            let line = b.readline_ref().expect("read");
            if line.is_empty() {
                break n;
            }
            n += 1;
        }
    });
    t.row("strata: for line in f (readline_ref, 128 KiB)", s1);
    let (s2, n2) = best(3, || {
        let mut f = strata_open(path, "rb", -1);
        let b = f.binary().expect("binary");
        let mut n = 0;
        loop {
            let chunk = b.fill_buf(1).expect("read");
            if chunk.is_empty() {
                break n as u64;
            }
            n += sio::memchr::count(b'\n', chunk);
            let len = chunk.len();
            b.consume(len);
        }
    });
    t.row("strata: count b'\\n' over the buffer", s2);
    let (wc, out) = shell(2, &format!("wc -l < '{}'", path.display()));
    t.row("GNU wc -l", wc);
    let std_until = |cap: usize| {
        let mut r = BufReader::with_capacity(cap, std::fs::File::open(path).expect("open"));
        let mut line = Vec::new();
        let mut n = 0u64;
        loop {
            line.clear();
            if r.read_until(b'\n', &mut line).expect("read") == 0 {
                break n;
            }
            n += 1;
        }
    };
    let (s3, n3) = best(3, || std_until(8192));
    t.row("std BufRead::read_until (8 KiB)", s3);
    let (s4, _) = best(3, || std_until(128 << 10));
    t.row("std BufRead::read_until (128 KiB)", s4);
    let (py, pyn) = shell(
        1,
        &format!(
            "python3 -c 'import sys\nn = 0\nwith open(sys.argv[1], \"rb\") as f:\n    for line in f: n += 1\nprint(n)' '{}'",
            path.display()
        ),
    );
    t.row("CPython: for line in open(p, 'rb')", py);
    assert!(
        n1 == n2 && n2 == n3 && out == n1.to_string() && pyn == out,
        "counts differ"
    );
    println!("({n1} lines)");
}

fn copy_file(src: &Path, dir: &Path, bytes: u64) {
    let dst = dir.join("copy");
    let mut t = Table::new(
        &format!(
            "copy a {} MiB file through open() streams (goal: >= 1.0 x cat)",
            bytes >> 20
        ),
        bytes,
    );
    let size = || std::fs::metadata(&dst).map(|m| m.len()).unwrap_or(0);
    let (s1, _) = best(3, || {
        let _ = std::fs::remove_file(&dst);
        let mut a = strata_open(src, "rb", -1);
        let mut b = strata_open(&dst, "wb", -1);
        let n = copyfileobj(a.binary().expect("a"), b.binary().expect("b")).expect("copy");
        b.close().expect("close");
        n
    });
    assert_eq!(size(), bytes);
    t.row("strata: copyfileobj (copy_file_range)", s1);
    let (s2, _) = best(3, || {
        let _ = std::fs::remove_file(&dst);
        let mut a = strata_open(src, "rb", -1);
        let mut b = strata_open(&dst, "wb", -1);
        let (r, w) = (a.binary().expect("a"), b.binary().expect("b"));
        loop {
            let chunk = r.fill_buf(1).expect("read");
            if chunk.is_empty() {
                break;
            }
            let n = chunk.len();
            w.write(chunk).expect("write");
            r.consume(n);
        }
        b.close().expect("close");
    });
    assert_eq!(size(), bytes);
    t.row("strata: buffered read/write loop (128 KiB)", s2);
    let _ = std::fs::remove_file(&dst);
    let (cat, _) = shell(2, &format!("cat '{}' > '{}'", src.display(), dst.display()));
    assert_eq!(size(), bytes);
    t.row("cat", cat);
    let (s3, _) = best(3, || {
        let _ = std::fs::remove_file(&dst);
        let mut a = std::fs::File::open(src).expect("open");
        let mut b = std::fs::File::create(&dst).expect("create");
        std::io::copy(&mut a, &mut b).expect("copy")
    });
    assert_eq!(size(), bytes);
    t.row("std::io::copy (File to File)", s3);
    let (s4, _) = best(3, || {
        let _ = std::fs::remove_file(&dst);
        let mut a = BufReader::with_capacity(128 << 10, std::fs::File::open(src).expect("open"));
        let mut b =
            BufWriter::with_capacity(128 << 10, std::fs::File::create(&dst).expect("create"));
        // Through the buffers: what a generic Read/Write copy does.
        let mut buf = vec![0u8; 128 << 10];
        loop {
            let n = a.read(&mut buf).expect("read");
            if n == 0 {
                break;
            }
            b.write_all(&buf[..n]).expect("write");
        }
        b.flush().expect("flush");
    });
    assert_eq!(size(), bytes);
    t.row("std BufReader -> BufWriter loop (128 KiB)", s4);
    let _ = std::fs::remove_file(&dst);
}

const WRITES: usize = 10_000_000;

fn many_writes(dir: &Path) {
    let dst = dir.join("writes");
    let line: &[u8] = black_box(&b"write number 000000\n"[..]);
    let mut t = Table::new(
        "10 M writes of 20-byte lines to a file (goal: >= 1.2 x std BufWriter)",
        (WRITES * 20) as u64,
    );
    let strata = |buffering: i64| {
        let mut f = strata_open(&dst, "wb", buffering);
        let w = f.binary().expect("binary");
        for _ in 0..WRITES {
            w.write(black_box(line)).expect("write");
        }
        f.close().expect("close");
    };
    let (s1, _) = best(3, || strata(-1));
    t.row("strata: BufferedWriter.write (128 KiB)", s1);
    let (s2, _) = best(3, || strata(8192));
    t.row("strata: BufferedWriter.write (8 KiB)", s2);
    let std_w = |cap: usize| {
        let mut w = BufWriter::with_capacity(cap, std::fs::File::create(&dst).expect("create"));
        for _ in 0..WRITES {
            w.write_all(black_box(line)).expect("write");
        }
        w.flush().expect("flush");
    };
    let (s3, _) = best(3, || std_w(8192));
    t.row("std BufWriter::write_all (8 KiB, its default)", s3);
    let (s4, _) = best(3, || std_w(128 << 10));
    t.row("std BufWriter::write_all (128 KiB)", s4);
    let (py, _) = shell(
        1,
        &format!(
            "python3 -c 'import sys\nline = b\"write number 000000\\n\"\nwith open(sys.argv[1], \"wb\") as f:\n    w = f.write\n    for _ in range({WRITES}): w(line)' '{}'",
            dst.display()
        ),
    );
    t.row("CPython: f.write(line)", py);
    let _ = std::fs::remove_file(&dst);
}

fn text_lines(path: &Path, bytes: u64) {
    let mut t = Table::new(
        &format!(
            "decode and iterate the lines of {} MiB of UTF-8 (goal: >= 1.0 x std lines())",
            bytes >> 20
        ),
        bytes,
    );
    let (s1, (n1, c1)) = best(3, || {
        let mut f = strata_open(path, "r", -1);
        let text = f.text().expect("text");
        let (mut n, mut chars) = (0u64, 0u64);
        loop {
            let line = text.readline().expect("read");
            if line.is_empty() {
                break (n, chars);
            }
            n += 1;
            chars += line.len() as u64 - 1;
        }
    });
    t.row("strata: TextIOWrapper.readline (utf-8)", s1);
    let (s1b, (n1b, _)) = best(3, || {
        let mut f = strata_open(path, "r", -1);
        let text = f.text().expect("text");
        let mut n = 0u64;
        for line in text.lines() {
            black_box(line.expect("read"));
            n += 1;
        }
        (n, 0)
    });
    t.row("strata: for line in f (owned Strings, alloc)", s1b);
    let (s2, (n2, c2)) = best(3, || {
        let r = BufReader::new(std::fs::File::open(path).expect("open"));
        let (mut n, mut chars) = (0u64, 0u64);
        for line in r.lines() {
            n += 1;
            chars += line.expect("read").len() as u64;
        }
        (n, chars)
    });
    t.row("std BufRead::lines (8 KiB)", s2);
    let (s3, _) = best(3, || {
        let mut r = BufReader::with_capacity(128 << 10, std::fs::File::open(path).expect("open"));
        let mut line = String::new();
        let mut n = 0u64;
        loop {
            line.clear();
            if r.read_line(&mut line).expect("read") == 0 {
                break n;
            }
            n += 1;
        }
    });
    t.row("std read_line into one String (128 KiB)", s3);
    let (py, pyn) = shell(
        1,
        &format!(
            "python3 -c 'import sys\nn = 0\nwith open(sys.argv[1], encoding=\"utf-8\") as f:\n    for line in f: n += 1\nprint(n)' '{}'",
            path.display()
        ),
    );
    t.row("CPython: for line in open(p, encoding='utf-8')", py);
    assert!(
        n1 == n2 && n1b == n1 && c1 == c2 && pyn == n1.to_string(),
        "counts differ"
    );
    println!("({n1} lines)");
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    match args.get(1).map(String::as_str) {
        Some("all") if args.len() == 4 => {
            let dir = Path::new(&args[2]);
            let mib: u64 = args[3].parse().expect("MiB");
            let path = dir.join("lines.txt");
            generate(&path, mib);
            let bytes = std::fs::metadata(&path).expect("stat").len();
            // Warm the page cache before anything is timed.
            let _ = std::fs::read(&path).map(|v| black_box(v.len()));
            println!("# io: {bytes} bytes in {}", path.display());
            count_lines(&path, bytes);
            copy_file(&path, dir, bytes);
            many_writes(dir);
            text_lines(&path, bytes);
        }
        // One figure alone, for a profiler.
        Some("count") if args.len() == 3 => {
            let path = Path::new(&args[2]);
            count_lines(path, std::fs::metadata(path).expect("stat").len());
        }
        Some("copy") if args.len() == 3 => {
            let path = Path::new(&args[2]);
            let dir = path.parent().expect("folder");
            copy_file(path, dir, std::fs::metadata(path).expect("stat").len());
        }
        Some("writes") if args.len() == 3 => many_writes(Path::new(&args[2])),
        Some("text") if args.len() == 3 => {
            let path = Path::new(&args[2]);
            text_lines(path, std::fs::metadata(path).expect("stat").len());
        }
        _ => {
            eprintln!(
                "usage: bench-io all DIR MIB | count FILE | copy FILE | writes DIR | text FILE"
            );
            std::process::exit(2);
        }
    }
}
