//! The one table of C symbols Strata defines.
//!
//! A libc-free Rust program still needs a few C symbols: the compiler emits
//! calls to `memcpy`, `memmove`, `memset`, `memcmp`/`bcmp`, and `CStr`
//! calls `strlen`; on aarch64, compiler-builtins asks for `getauxval` to
//! detect LSE atomics. [`main!`](crate::main) expands this macro into the
//! final program, so the symbols never reach a host binary that links
//! glibc. The bodies of the mem functions live in `strata_arch::mem`, a
//! `no_builtins` crate, so the compiler cannot turn them into calls to
//! themselves.
//!
//! Every symbol Strata defines for C is listed here and nowhere else; the
//! dynamic linker will offer exactly this list to the C libraries it loads.

/// Emits the C symbols into the final program. Used by [`main!`](crate::main).
#[doc(hidden)]
#[macro_export]
macro_rules! __c_symbols {
    () => {
        /// C `memcpy(3)`.
        ///
        /// # Safety
        /// As C's: valid, non-overlapping ranges of `n` bytes.
        #[unsafe(no_mangle)]
        pub unsafe extern "C" fn memcpy(dst: *mut u8, src: *const u8, n: usize) -> *mut u8 {
            // SAFETY: forwarded contract.
            unsafe { $crate::__private::strata_arch::mem::memcpy(dst, src, n) }
        }

        /// C `memmove(3)`.
        ///
        /// # Safety
        /// As C's: valid ranges of `n` bytes, which may overlap.
        #[unsafe(no_mangle)]
        pub unsafe extern "C" fn memmove(dst: *mut u8, src: *const u8, n: usize) -> *mut u8 {
            // SAFETY: forwarded contract.
            unsafe { $crate::__private::strata_arch::mem::memmove(dst, src, n) }
        }

        /// C `memset(3)`.
        ///
        /// # Safety
        /// As C's: `dst` valid for writes of `n` bytes.
        #[unsafe(no_mangle)]
        pub unsafe extern "C" fn memset(dst: *mut u8, c: i32, n: usize) -> *mut u8 {
            // SAFETY: forwarded contract.
            unsafe { $crate::__private::strata_arch::mem::memset(dst, c, n) }
        }

        /// C `memcmp(3)`.
        ///
        /// # Safety
        /// As C's: both ranges valid for reads of `n` bytes.
        #[unsafe(no_mangle)]
        pub unsafe extern "C" fn memcmp(a: *const u8, b: *const u8, n: usize) -> i32 {
            // SAFETY: forwarded contract.
            unsafe { $crate::__private::strata_arch::mem::memcmp(a, b, n) }
        }

        /// C `bcmp(3)`.
        ///
        /// # Safety
        /// As C's: both ranges valid for reads of `n` bytes.
        #[unsafe(no_mangle)]
        pub unsafe extern "C" fn bcmp(a: *const u8, b: *const u8, n: usize) -> i32 {
            // SAFETY: forwarded contract.
            unsafe { $crate::__private::strata_arch::mem::bcmp(a, b, n) }
        }

        /// C `strlen(3)`.
        ///
        /// # Safety
        /// As C's: `s` points at a NUL-terminated string.
        #[unsafe(no_mangle)]
        pub unsafe extern "C" fn strlen(s: *const u8) -> usize {
            // SAFETY: forwarded contract.
            unsafe { $crate::__private::strata_arch::mem::strlen(s) }
        }

        /// C `getauxval(3)`: 0 for a key the kernel did not provide.
        #[unsafe(no_mangle)]
        pub extern "C" fn getauxval(key: ::core::ffi::c_ulong) -> ::core::ffi::c_ulong {
            $crate::os::getauxval(key as usize).unwrap_or(0) as ::core::ffi::c_ulong
        }
    };
}
