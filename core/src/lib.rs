//! Strata's lowest layer: a libc-free runtime for static Linux programs,
//! shaped after Python's "Generic Operating System Services".
//!
//! `#![no_std]`, and it never allocates. A program opts into the runtime
//! with [`main!`]:
//!
//! ```ignore
//! #![no_std]
//! #![no_main]
//! strata_core::main!(main);
//!
//! fn main() {
//!     strata_core::println!("hello, world");
//! }
//! ```
//!
//! Design principles:
//! 1. Nothing happens at startup that a program may not need: a hello world
//!    makes `write` and `exit_group`, plus one lazy `ioctl` to learn whether
//!    stdout is a terminal. The heap, the thread pointer, signal handlers and
//!    the vDSO arrive on first use.
//! 2. Errors are values. Bad input and kernel errors never panic.
//! 3. Symbols that would clash with a libc (`_start`, `memcpy`, the panic
//!    handler) exist only in programs that invoke [`main!`], never in this
//!    library itself, so host test binaries keep glibc's.
//! 4. Each module is named after its Python counterpart and documents what
//!    differs from Python and why.
//! 5. It runs where it is deployed: every system call newer than the
//!    oldest kernel supported has its fallback for kernels, emulators
//!    (Debian 12's QEMU 7.2) and seccomp profiles that lack it, decided
//!    once per call in one place (the crate-private `sys::newer`).
//!
//! Modules: [`errno`], [`os`] (files, fds, processes, exec and spawn,
//! scheduler, system information, random), [`io`] (raw, buffered and text
//! streams, `open`, the print streams), [`net`] (sockets, `getaddrinfo`
//! from IP literals and `/etc/hosts`, `gethostname`, `getfqdn`), [`time`],
//! [`signal`], [`termios`] (terminal attributes, line control, the
//! constants and `ioctl` requests), [`tty`] (terminal modes and sizes, and
//! everything of `termios`), [`getopt`], [`getpass`],
//! [`curses::ascii`], [`elf`] (ELF headers, program headers, the dynamic
//! section), [`rt`] (startup and exit), [`sync`] (locks on futexes),
//! [`thread`] (the thread block: glibc's TCB layout, TLS, per-thread
//! errno).
//!
//! Cargo features, all off by default: `embedded-io` (`embedded_io`'s
//! `Read`/`BufRead`/`Write`/`Seek` for the io streams) and
//! `embedded-tzdata` (the IANA time zone database compiled in, 91 KiB,
//! `time::tzdata`: where `/usr/share/zoneinfo` lacks a zone, as in a
//! `FROM scratch` container or as PID 1, `TZ=Europe/Berlin` still means
//! Berlin rather than glibc's UTC named `Europe`). strata-alloc and
//! strata-std forward both.
#![cfg_attr(not(test), no_std)]
#![deny(unsafe_op_in_unsafe_fn)]
// The std feature: std::io bridges for a program that has std anyway.
#[cfg(all(feature = "std", not(test)))]
extern crate std;

pub mod curses;
pub mod elf;
pub mod errno;
pub mod getopt;
pub mod getpass;
pub mod io;
pub mod net;
pub mod os;
pub mod rt;
pub mod signal;
pub mod sync;
pub mod termios;
pub mod thread;
pub mod time;
pub mod tty;

mod c_symbols;
mod sys;

/// What the macros need from the layers below, and what the layers above
/// share with core; not part of the API.
#[doc(hidden)]
pub mod __private {
    pub use crate::time::unicode::write_repr;
    pub use strata_arch;
}
