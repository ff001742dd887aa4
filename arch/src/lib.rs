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
//! - [`mem`]: the bodies of `memcpy`, `memmove`, `memset`, `memcmp`, `bcmp`
//!   and `strlen`. This crate is `no_builtins`, so the compiler never turns
//!   their loops back into calls to themselves.
#![no_std]
#![no_builtins]
#![deny(unsafe_op_in_unsafe_fn)]

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
    HAS_SA_RESTORER, NAME, return_from_signal, set_thread_pointer, syscall0, syscall1, syscall2,
    syscall3, syscall4, syscall5, syscall6, thread_pointer,
};
