//! The `os.RTLD_*` flags of `dlopen(3)`, with glibc's values, as CPython
//! on Linux exports them (`os.setdlopenflags` takes them). Strata's
//! dynamic linker (the alloc layer's future `dl` module, under `ctypes`)
//! takes the same flags, so code written against Python's names works
//! unchanged there.
//!
//! # References
//! - [dlopen(3)](https://man7.org/linux/man-pages/man3/dlopen.3.html)

/// `os.RTLD_LAZY`—resolve functions on first call.
pub const RTLD_LAZY: i32 = 0x0001;
/// `os.RTLD_NOW`—resolve every symbol before `dlopen` returns.
pub const RTLD_NOW: i32 = 0x0002;
/// `os.RTLD_NOLOAD`—do not load; succeed only if already loaded.
pub const RTLD_NOLOAD: i32 = 0x0004;
/// `os.RTLD_DEEPBIND`—prefer the library's own symbols to global ones.
pub const RTLD_DEEPBIND: i32 = 0x0008;
/// `os.RTLD_GLOBAL`—make the library's symbols available to later loads.
pub const RTLD_GLOBAL: i32 = 0x0100;
/// `os.RTLD_LOCAL`—the opposite of [`RTLD_GLOBAL`] (the default).
pub const RTLD_LOCAL: i32 = 0;
/// `os.RTLD_NODELETE`—never unload the library.
pub const RTLD_NODELETE: i32 = 0x1000;
