//! Strata's alloc layer: the heap, and the modules that need one.
//!
//! `#![no_std]` + `alloc`. It re-exports [`strata_core`], so a program
//! depends on this crate alone:
//!
//! ```ignore
//! #![no_std]
//! #![no_main]
//! extern crate alloc;
//! strata_alloc::main!(main);
//!
//! fn main() {
//!     let greeting = alloc::string::String::from("hello, heap");
//!     strata_alloc::println!("{greeting}");
//! }
//! ```
//!
//! Modules of this layer: [`argparse`] (Python's `argparse`, byte for
//! byte), [`heap`] (the global allocator and, with the `c-malloc`
//! feature, C's `malloc` family), [`io`] (core's `io` plus `BytesIO`,
//! `StringIO` and reads that return owned data), [`os`] (core's `os` plus
//! owned results, directory trees, the environment as `os.environ`, and
//! errors that carry the path; [`os::path`], Python's `os.path` on
//! bytes), `fnmatch` (Python's `fnmatch`, shell wildcards without a regex
//! engine; the `fnmatch` feature, on by default), `platform` (Python's `platform`: uname,
//! the platform string, `architecture` from the ELF header, `libc_ver`,
//! `freedesktop_os_release`, the runtime's build; the `platform` feature,
//! on by default), `thread` (Python's `threading`: threads, `spawn`,
//! `thread_local!`; the `thread` feature, on by default), `logging`
//! (Python's `logging`, `logging.handlers` and `logging.config`, byte for
//! byte; the `logging` feature, on by default). Re-exported from core: [`errno`], [`time`],
//! [`signal`], [`termios`], [`tty`], [`getopt`], [`getpass`], [`curses`] (its `ascii`
//! module), [`rt`], `elf`, [`net`].
//!
//! Errors: every error type implements `core::error::Error`, and `?`
//! converts [`errno::Errno`] into [`os::Error`] and [`io::Error`], and
//! [`os::Error`] into [`io::Error`]; a `main` that mixes them returns
//! `Result<(), Box<dyn core::error::Error>>`. An error returned from
//! `main` prints as `prog: MESSAGE` and exits 1.
#![cfg_attr(not(test), no_std)]
#![deny(unsafe_op_in_unsafe_fn)]

extern crate alloc;
// The std feature: std::io bridges for a program that has std anyway.
#[cfg(all(feature = "std", not(test)))]
extern crate std;

pub mod argparse;
#[cfg(feature = "fnmatch")]
pub mod fnmatch;
pub mod heap;
pub mod io;
#[cfg(feature = "logging")]
pub mod logging;
pub mod os;
#[cfg(feature = "platform")]
pub mod platform;
mod pyfmt;
#[cfg(feature = "thread")]
pub mod thread;

pub mod curses;
pub use strata_core::{elf, errno, getopt, getpass, net, rt, signal, termios, time, tty};
pub use strata_core::{eprint, eprintln, print, println};

/// What the macros need; not part of the API.
#[doc(hidden)]
pub mod __private {
    pub use strata_core;
}

/// Emits core's C runtime symbols (with the `c-runtime` feature).
#[cfg(feature = "c-runtime")]
#[doc(hidden)]
#[macro_export]
macro_rules! __c_runtime {
    () => {
        $crate::__private::strata_core::__c_runtime_symbols!();
    };
}

/// Without the `c-runtime` feature, none.
#[cfg(not(feature = "c-runtime"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __c_runtime {
    () => {};
}

/// Declares the program's entry, like `strata_core::main!`, and installs
/// Strata's heap as the global allocator (plus C's `malloc` family with the
/// `c-malloc` feature).
///
/// The heap makes no system call until the first allocation.
#[macro_export]
macro_rules! main {
    ($main:path) => {
        $crate::__private::strata_core::main!($main);

        // Under `cargo test`, core's macro has already stopped the build.
        #[cfg(not(test))]
        const _: () = {
            #[global_allocator]
            static HEAP: $crate::heap::Heap = $crate::heap::Heap;

            $crate::__malloc_symbols!();
            $crate::__c_runtime!();
        };
    };
}
