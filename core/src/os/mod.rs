//! Python's `os` module, the parts that need no allocation.
//!
//! This share: the command line ([`argv`]), the environment as the
//! kernel passed it ([`environ`], [`getenv`]), the auxiliary vector
//! ([`getauxval`]), the process ids, and anonymous memory mappings for the
//! heap ([`mmap_anonymous`] and friends). What differs from Python: argv and
//! environ are bytes borrowed from the initial stack (`&'static`), not
//! decoded `str`s; use `core::str::from_utf8` where text is wanted. Changes
//! to the environment live in the alloc layer, which owns a copy.

mod args;
mod auxv;
mod fd;
mod mm;

pub use crate::errno::strerror;
pub use crate::signal::kill;
pub use args::{Args, Environ, argv, environ, getenv};
pub use auxv::{
    AT_BASE_PLATFORM, AT_EXECFN, AT_HWCAP, AT_HWCAP2, AT_PAGESZ, AT_PLATFORM, AT_RANDOM, getauxval,
    getauxval_str,
};
pub use fd::{pipe, read, set_blocking, write};
pub use mm::{madvise_dontneed, mmap_anonymous, mremap, munmap, page_size};

/// `os.getpid()`—the calling process's id.
///
/// # References
/// - [getpid(2)](https://man7.org/linux/man-pages/man2/getpid.2.html)
pub fn getpid() -> i32 {
    rustix::process::getpid().as_raw_nonzero().get()
}

/// `os.getppid()`—the parent's process id (0 for PID 1).
///
/// # References
/// - [getppid(2)](https://man7.org/linux/man-pages/man2/getppid.2.html)
pub fn getppid() -> i32 {
    rustix::process::getppid().map_or(0, |pid| pid.as_raw_nonzero().get())
}

/// `os.getuid()`—the real user id.
///
/// # References
/// - [getuid(2)](https://man7.org/linux/man-pages/man2/getuid.2.html)
pub fn getuid() -> u32 {
    rustix::process::getuid().as_raw()
}

/// `os.geteuid()`—the effective user id.
///
/// # References
/// - [geteuid(2)](https://man7.org/linux/man-pages/man2/geteuid.2.html)
pub fn geteuid() -> u32 {
    rustix::process::geteuid().as_raw()
}

/// `os.getgid()`—the real group id.
///
/// # References
/// - [getgid(2)](https://man7.org/linux/man-pages/man2/getgid.2.html)
pub fn getgid() -> u32 {
    rustix::process::getgid().as_raw()
}

/// `os.getegid()`—the effective group id.
///
/// # References
/// - [getegid(2)](https://man7.org/linux/man-pages/man2/getegid.2.html)
pub fn getegid() -> u32 {
    rustix::process::getegid().as_raw()
}
