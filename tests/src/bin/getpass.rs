//! getpass driven from outside: tests/drivers/getpass_pty.py runs this
//! program on a pseudo-terminal (or without one) and checks what the
//! terminal saw.
//!
//! `getpass read EXPECTED`: reads a password, prints `match` or
//! `mismatch` (exit 0) and, if echo could not be turned off, `warning:`
//! and the GetPassWarning; `eof` (exit 3), `interrupted SIG` (exit 4) or
//! the error (exit 5). `getpass fallback EXPECTED`: the same through
//! fallback_getpass. `getpass user`: prints getuser().
#![no_std]
#![no_main]

use strata_core::getpass::{GetpassError, fallback_getpass, getpass, getuser};
use strata_core::{os, println};

strata_core::main!(main);

fn main() -> i32 {
    let mut args = os::argv().skip(1);
    match args.next().map(|a| a.to_bytes()) {
        Some(mode @ (b"read" | b"fallback")) => {
            let expected = args.next().map(|a| a.to_bytes()).unwrap_or(b"");
            let mut buf = [0u8; 128];
            let read = if mode == b"read" {
                getpass("Password: ", None, &mut buf)
            } else {
                fallback_getpass("Password: ", None, &mut buf)
            };
            match read {
                Ok(p) => {
                    println!(
                        "{}",
                        if p.as_bytes() == expected {
                            "match"
                        } else {
                            "mismatch"
                        }
                    );
                    if let Some(w) = p.warning() {
                        println!("warning: {w}");
                    }
                }
                Err(GetpassError::Eof) => {
                    println!("eof");
                    return 3;
                }
                Err(GetpassError::Interrupted(sig)) => {
                    println!("interrupted {sig}");
                    return 4;
                }
                Err(e) => {
                    println!("{e}");
                    return 5;
                }
            }
            0
        }
        Some(b"user") => {
            let mut buf = [0u8; 256];
            match getuser(&mut buf) {
                Ok(name) => println!("{}", core::str::from_utf8(name).unwrap_or("?")),
                Err(e) => println!("getuser: {}", e),
            }
            0
        }
        _ => 2,
    }
}
