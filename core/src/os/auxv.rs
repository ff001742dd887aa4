//! The auxiliary vector: what the kernel tells a new process about itself
//! and the machine. Python has no counterpart; C has `getauxval(3)`.

use core::ffi::CStr;

/// The system page size.
pub const AT_PAGESZ: usize = 6;
/// A string naming the CPU for library search (`x86_64`, `aarch64`, `v7l`).
pub const AT_PLATFORM: usize = 15;
/// CPU feature bits (`/proc/cpuinfo`'s flags, arch-specific).
pub const AT_HWCAP: usize = 16;
/// The address of 16 random bytes.
pub const AT_RANDOM: usize = 25;
/// More CPU feature bits.
pub const AT_HWCAP2: usize = 26;
/// The path the program was executed by.
pub const AT_EXECFN: usize = 31;
/// A string naming the base CPU, where it differs from `AT_PLATFORM`.
pub const AT_BASE_PLATFORM: usize = 24;

/// `getauxval(key)`—the value the kernel passed for `key`, or `None` if it
/// passed none (C returns 0 and sets `ENOENT`).
///
/// Reads the vector on the initial stack; no system call. `None` in a
/// program that did not start through `strata_core::main!`.
///
/// # References
/// - [getauxval(3)](https://man7.org/linux/man-pages/man3/getauxval.3.html)
pub fn getauxval(key: usize) -> Option<usize> {
    crate::rt::auxv_entry(key)
}

/// The string an auxv entry points at, for the keys whose value is a
/// string ([`AT_PLATFORM`], [`AT_BASE_PLATFORM`], [`AT_EXECFN`]); `None`
/// for any other key or a missing entry.
pub fn getauxval_str(key: usize) -> Option<&'static CStr> {
    if !matches!(key, AT_PLATFORM | AT_BASE_PLATFORM | AT_EXECFN) {
        return None;
    }
    let ptr = getauxval(key).filter(|&p| p != 0)?;
    // SAFETY: for these keys the kernel passes a pointer to a C string it
    // placed on the initial stack, which lives as long as the process.
    Some(unsafe { CStr::from_ptr(ptr as *const core::ffi::c_char) })
}
