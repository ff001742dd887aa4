//! The ways a program ends, one per mode in `argv[1]`; the harness checks
//! stdout, stderr and the exit status of each.
//!
//! | mode | expected |
//! |---|---|
//! | `return-code` | stdout `buffered`, status 42 |
//! | `result-err` | `main` returns an `io::open` error: stderr `exits: [Errno 2] No such file or directory: '/nonexistent/strata'`, status 1 |
//! | `panic` | stderr `panicked at tests/src/bin/exits.rs:L:C:\nboom 7`, status 101, stdout flushed |
//! | `atexit` | handlers run last-in first-out, one registered by a handler too |
//! | `exit` | `exit(7)` from a nested call, stdout flushed, status 7 |
//! | `_exit` | `_exit(3)`: buffered stdout is lost, status 3 |
//! | `abort` | killed by SIGABRT, no atexit output |
//! | `flood` | prints 1 MiB in lines (for closed and broken stdout) |
//! | `line-then-_exit` | `line\n` then `partial`, then `_exit(0)`: on a terminal the line was flushed at its newline; into a pipe nothing was |
#![no_std]
#![no_main]

use strata_core::{print, println, rt};

strata_core::main!(main);

fn main() -> Result<i32, strata_core::io::Error> {
    let mode = strata_core::os::argv()
        .nth(1)
        .map(|m| m.to_bytes())
        .unwrap_or(b"");
    match mode {
        b"return-code" => {
            print!("buffered");
            Ok(42)
        }
        b"result-err" => {
            strata_core::io::open("/nonexistent/strata", "r")?;
            Ok(0)
        }
        b"panic" => {
            print!("before panic");
            let n = core::hint::black_box(7);
            panic!("boom {n}");
        }
        b"atexit" => {
            let _ = rt::atexit(|| println!("atexit 1"));
            let _ = rt::atexit(|| {
                println!("atexit 2");
                let _ = rt::atexit(|| println!("atexit 2b"));
            });
            let _ = rt::atexit(|| println!("atexit 3"));
            let mut full = 3;
            while rt::atexit(|| {}).is_ok() {
                full += 1;
            }
            println!("capacity {full}");
            Ok(0)
        }
        b"exit" => {
            print!("flushed by exit");
            nested_exit()
        }
        b"_exit" => {
            print!("lost");
            rt::_exit(3)
        }
        b"line-then-_exit" => {
            println!("line");
            print!("partial");
            rt::_exit(0)
        }
        b"abort" => {
            let _ = rt::atexit(|| println!("atexit must not run"));
            rt::abort()
        }
        b"flood" => {
            for i in 0..16384 {
                println!("{i:>63}");
            }
            Ok(0)
        }
        _ => Err(strata_core::io::Error::Value("unknown mode")),
    }
}

#[inline(never)]
fn nested_exit() -> ! {
    rt::exit(7)
}
