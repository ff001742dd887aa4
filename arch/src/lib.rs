//! Strata's per-architecture layer: everything that must be written in
//! assembly or depends on the ABI, and nothing else.
//!
//! One file per architecture (`x86_64.rs`, `aarch64.rs`, `riscv64.rs`,
//! `arm.rs` for armv7 hard float), each exporting the same names and opening
//! with its ABI. Any other target is a compile error.
//!
//! What lives here:
//! - [`start_asm!`]: the body of `_start`, which hands the initial stack
//!   pointer to the runtime's entry. It is a macro, not a symbol, so that
//!   `_start` only exists in programs that ask for it (`strata_core::main!`),
//!   never in host test binaries that link glibc.
//! - `syscall0`..`syscall6`: raw system calls, for the few that rustix keeps
//!   private (exit_group, rt_sigaction with a restorer, ...).
//! - the thread pointer: [`thread_pointer`], [`set_thread_pointer`].
//! - [`return_from_signal`]: the trampoline a signal handler returns through.
//! - [`clone_vfork`]: a vfork-style child that calls a function at once
//!   (for `posix_spawn`).
//! - [`clone_thread`]: a thread on a fresh stack that calls a function at
//!   once, and [`exit_thread_unmapping`], which frees a thread's own stack
//!   as it ends; the TLS layout facts ([`TLS_VARIANT_II`],
//!   [`TLS_ABOVE_TP`], [`TCB_BELOW_TP`]).
//! - [`mem`]: the bodies of `memcpy`, `memmove`, `memset`, `memcmp`, `bcmp`
//!   and `strlen`. This crate is `no_builtins`, so the compiler never turns
//!   their loops back into calls to themselves.
#![no_std]
#![no_builtins]
#![deny(unsafe_op_in_unsafe_fn)]

/// Defines `syscall0`..`syscall6` for an architecture from its trap
/// instruction, the registers of the number, the result and the six
/// arguments, and what else the instruction clobbers.
macro_rules! define_syscalls {
    ($insn:literal, nr: $nr:tt, ret: $ret:tt, args: [$r0:tt, $r1:tt, $r2:tt, $r3:tt, $r4:tt, $r5:tt], clobbers: [$($c:tt),*]) => {
        define_syscalls!(@one $insn, $nr, $ret, [$($c),*], syscall0, "no arguments", ());
        define_syscalls!(@one $insn, $nr, $ret, [$($c),*], syscall1, "one argument", (a0: $r0));
        define_syscalls!(@one $insn, $nr, $ret, [$($c),*], syscall2, "two arguments", (a0: $r0, a1: $r1));
        define_syscalls!(@one $insn, $nr, $ret, [$($c),*], syscall3, "three arguments", (a0: $r0, a1: $r1, a2: $r2));
        define_syscalls!(@one $insn, $nr, $ret, [$($c),*], syscall4, "four arguments",
            (a0: $r0, a1: $r1, a2: $r2, a3: $r3));
        define_syscalls!(@one $insn, $nr, $ret, [$($c),*], syscall5, "five arguments",
            (a0: $r0, a1: $r1, a2: $r2, a3: $r3, a4: $r4));
        define_syscalls!(@one $insn, $nr, $ret, [$($c),*], syscall6, "six arguments",
            (a0: $r0, a1: $r1, a2: $r2, a3: $r3, a4: $r4, a5: $r5));
    };
    (@one $insn:literal, $nr:tt, $ret:tt, [$($c:tt),*], $name:ident, $what:literal, ($($a:ident: $reg:tt),*)) => {
        #[doc = concat!("A system call with ", $what, ".")]
        ///
        /// Returns the raw result: `-4095..=-1` is a negated errno.
        ///
        /// # Safety
        /// The caller guarantees that the call, with these arguments, upholds
        /// what the kernel's documentation of `nr` requires (valid pointers,
        /// no aliasing of memory Rust owns, ...).
        #[inline]
        pub unsafe fn $name(nr: usize $(, $a: usize)*) -> usize {
            let ret;
            // SAFETY: the caller upholds the syscall's contract; the trap
            // clobbers only the result register and those declared here.
            unsafe {
                core::arch::asm!($insn, in($nr) nr, $(in($reg) $a,)* lateout($ret) ret,
                    $(lateout($c) _,)* options(nostack, preserves_flags));
            }
            ret
        }
    };
}

#[cfg_attr(target_arch = "x86_64", path = "x86_64.rs")]
#[cfg_attr(target_arch = "aarch64", path = "aarch64.rs")]
#[cfg_attr(target_arch = "riscv64", path = "riscv64.rs")]
#[cfg_attr(target_arch = "arm", path = "arm.rs")]
mod imp;

#[cfg(not(any(
    target_arch = "x86_64",
    target_arch = "aarch64",
    target_arch = "riscv64",
    target_arch = "arm"
)))]
compile_error!("Strata supports x86_64, aarch64, riscv64 and armv7 (arm) only");

#[cfg(not(target_os = "linux"))]
compile_error!("Strata talks to the Linux kernel directly: target_os must be linux");

pub mod mem;

pub use imp::{
    HAS_SA_RESTORER, NAME, TCB_BELOW_TP, TLS_ABOVE_TP, TLS_VARIANT_II, clone_thread, clone_vfork,
    exit_thread_unmapping, return_from_signal, set_thread_pointer, syscall0, syscall1, syscall2,
    syscall3, syscall4, syscall5, syscall6, thread_pointer,
};
