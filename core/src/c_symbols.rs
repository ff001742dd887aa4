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
//! For C code built with a stack protector and for per-thread `errno`:
//! `__stack_chk_guard` (not on x86_64, where the canary is in the thread
//! block) in every program, `__stack_chk_fail` and `__errno_location`
//! in those that link C code ([`__c_runtime_symbols`]).
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

        /// The stack-protector canary that gcc reads on aarch64, riscv64
        /// and armv7 (`-mstack-protector-guard=global`, their default);
        /// set from `AT_RANDOM` at startup, before any C code runs. On
        /// x86_64 gcc reads `%fs:0x28` in the thread block instead.
        #[cfg(not(target_arch = "x86_64"))]
        #[unsafe(no_mangle)]
        pub static mut __stack_chk_guard: usize = 0;

        /// C `getauxval(3)`: 0 for a key the kernel did not provide.
        #[unsafe(no_mangle)]
        pub extern "C" fn getauxval(key: ::core::ffi::c_ulong) -> ::core::ffi::c_ulong {
            $crate::os::getauxval(key as usize).unwrap_or(0) as ::core::ffi::c_ulong
        }
    };
}

/// Emits the C symbols that only C code linked into the program needs
/// (`strata_alloc::main!` expands it with strata-alloc's `c-runtime`
/// feature): a program without C code keeps its size.
#[doc(hidden)]
#[macro_export]
macro_rules! __c_runtime_symbols {
    () => {
        /// C's `errno` (`__errno_location()`, what `errno` expands to in
        /// glibc's headers): the calling thread's own.
        #[unsafe(no_mangle)]
        pub extern "C" fn __errno_location() -> *mut i32 {
            $crate::thread::errno_location()
        }

        /// Called by code built with `-fstack-protector` when a canary was
        /// overwritten: reports it and aborts, as glibc does.
        #[unsafe(no_mangle)]
        pub extern "C" fn __stack_chk_fail() -> ! {
            $crate::rt::stack_smashing_detected()
        }
    };
}
