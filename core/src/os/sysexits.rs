//! The `os.EX_*` exit codes of BSD's `<sysexits.h>`, which CPython
//! exports on Linux with glibc's values (`EX_NOTFOUND` is not among them
//! there).
//!
//! # References
//! - [sysexits.h(3head)](https://man7.org/linux/man-pages/man3/sysexits.h.3head.html)

/// `os.EX_OK`—successful termination.
pub const EX_OK: i32 = 0;
/// `os.EX_USAGE`—the command was used incorrectly.
pub const EX_USAGE: i32 = 64;
/// `os.EX_DATAERR`—the input data was incorrect.
pub const EX_DATAERR: i32 = 65;
/// `os.EX_NOINPUT`—an input file did not exist or was not readable.
pub const EX_NOINPUT: i32 = 66;
/// `os.EX_NOUSER`—a specified user did not exist.
pub const EX_NOUSER: i32 = 67;
/// `os.EX_NOHOST`—a specified host did not exist.
pub const EX_NOHOST: i32 = 68;
/// `os.EX_UNAVAILABLE`—a required service is unavailable.
pub const EX_UNAVAILABLE: i32 = 69;
/// `os.EX_SOFTWARE`—an internal software error was detected.
pub const EX_SOFTWARE: i32 = 70;
/// `os.EX_OSERR`—an operating system error was detected.
pub const EX_OSERR: i32 = 71;
/// `os.EX_OSFILE`—a system file did not exist or had an error.
pub const EX_OSFILE: i32 = 72;
/// `os.EX_CANTCREAT`—an output file could not be created.
pub const EX_CANTCREAT: i32 = 73;
/// `os.EX_IOERR`—an error occurred doing I/O on some file.
pub const EX_IOERR: i32 = 74;
/// `os.EX_TEMPFAIL`—a temporary failure; retrying may succeed.
pub const EX_TEMPFAIL: i32 = 75;
/// `os.EX_PROTOCOL`—a protocol exchange was illegal or not understood.
pub const EX_PROTOCOL: i32 = 76;
/// `os.EX_NOPERM`—insufficient permissions (not for file system
/// problems).
pub const EX_NOPERM: i32 = 77;
/// `os.EX_CONFIG`—a configuration error.
pub const EX_CONFIG: i32 = 78;
