//! riscv64 (LP64D, Linux).
//!
//! - At `_start`: `sp` points at `argc`, then `argv[..]`, NULL, `envp[..]`,
//!   NULL, auxv; `sp` is 16-byte aligned. `a0` may hold an `atexit` function
//!   from a dynamic loader (ignored). `gp` is left alone: lld does not relax
//!   accesses to be `gp`-relative unless asked to (`--relax-gp`).
//! - Syscalls: `ecall`; number in `a7`, arguments in `a0`-`a5`, result in
//!   `a0` (`-4095..=-1` is `-errno`); nothing else is clobbered.
//! - Thread pointer: the `tp` register, written directly. Variant I TLS;
//!   glibc keeps the canary in a global (`__stack_chk_guard`).
//! - C calling convention: integer arguments in `a0`-`a7`, floats in
//!   `fa0`-`fa7`, return in `a0`/`a1`; `s0`-`s11` (`s0` is the frame
//!   pointer) and `fs0`-`fs11` callee-saved; `ra` is the link register.
//! - Signals: riscv has no `SA_RESTORER`: the kernel always returns through
//!   the vDSO's `__vdso_rt_sigreturn`. [`return_from_signal`] exists so that
//!   every architecture exports the same names; it calls `rt_sigreturn`
//!   (139) like the vDSO's.

use core::arch::asm;

/// The architecture's name as `uname -m` prints it.
pub const NAME: &str = "riscv64";

/// Whether the kernel takes a signal-return trampoline in `sa_restorer`
/// (flag `SA_RESTORER`). When false, it uses the vDSO's own.
pub const HAS_SA_RESTORER: bool = false;

/// The instructions of `_start`: clear the frame and link registers, pass
/// the initial stack pointer as the first argument to `{entry}`, which
/// never returns.
#[macro_export]
macro_rules! start_asm {
    () => {
        "li fp, 0
         li ra, 0
         mv a0, sp
         andi sp, sp, -16
         call {entry}
         unimp"
    };
}

macro_rules! syscall_fn {
    ($(#[$m:meta])* $name:ident($($a:ident: $reg:tt),*)) => {
        $(#[$m])*
        /// Returns the raw result: `-4095..=-1` is a negated errno.
        ///
        /// # Safety
        /// The caller guarantees that the call, with these arguments, upholds
        /// what the kernel's documentation of `nr` requires (valid pointers,
        /// no aliasing of memory Rust owns, ...).
        #[inline]
        pub unsafe fn $name(nr: usize $(, $a: usize)*) -> usize {
            let ret;
            // SAFETY: the caller upholds the syscall's contract; `ecall`
            // clobbers only a0, declared here.
            unsafe {
                asm!("ecall", in("a7") nr, $(in($reg) $a,)* lateout("a0") ret,
                     options(nostack, preserves_flags));
            }
            ret
        }
    };
}

syscall_fn!(/// A system call with no arguments.
    syscall0());
syscall_fn!(/// A system call with one argument.
    syscall1(a0: "a0"));
syscall_fn!(/// A system call with two arguments.
    syscall2(a0: "a0", a1: "a1"));
syscall_fn!(/// A system call with three arguments.
    syscall3(a0: "a0", a1: "a1", a2: "a2"));
syscall_fn!(/// A system call with four arguments.
    syscall4(a0: "a0", a1: "a1", a2: "a2", a3: "a3"));
syscall_fn!(/// A system call with five arguments.
    syscall5(a0: "a0", a1: "a1", a2: "a2", a3: "a3", a4: "a4"));
syscall_fn!(/// A system call with six arguments.
    syscall6(a0: "a0", a1: "a1", a2: "a2", a3: "a3", a4: "a4", a5: "a5"));

/// Reads the thread pointer (`tp`; null until one is set).
///
/// # Safety
/// None beyond what the caller does with the pointer; reading the register
/// is always allowed. `unsafe` to match the other architectures.
#[inline]
pub unsafe fn thread_pointer() -> *mut u8 {
    let tp;
    // SAFETY: reading tp has no side effects.
    unsafe { asm!("mv {}, tp", out(reg) tp, options(nostack, preserves_flags, nomem)) };
    tp
}

/// Sets the thread pointer of the calling thread.
///
/// # Safety
/// `tp` must point at a thread block laid out as the code that reads it
/// expects (variant I), and outlive the thread.
#[inline]
pub unsafe fn set_thread_pointer(tp: *mut u8) {
    // SAFETY: writing tp only affects this thread; the caller vouches for
    // the block.
    unsafe { asm!("mv tp, {}", in(reg) tp, options(nostack, preserves_flags)) };
}

/// The signal-return trampoline: the address to put in `sa_restorer`.
/// Calls `rt_sigreturn`, which restores the interrupted context.
///
/// # Safety
/// Only reachable on return from a signal handler, with the kernel's signal
/// frame on the stack.
#[unsafe(naked)]
pub unsafe extern "C" fn return_from_signal() {
    core::arch::naked_asm!("li a7, 139", "ecall", "unimp")
}

/// No bulk-copy instruction here: the portable 16-byte loop serves every
/// size.
pub(crate) const BULK_MIN: usize = usize::MAX;

/// Copies `n` bytes forwards (the portable loop).
///
/// # Safety
/// As `memcpy`, except that `dst` may lie below an overlapping `src`.
#[inline]
pub(crate) unsafe fn copy_bulk(dst: *mut u8, src: *const u8, n: usize) {
    // SAFETY: forwarded contract.
    unsafe { crate::mem::copy_forward_loop(dst, src, n) }
}

/// Fills `n` bytes with `byte` (the portable loop).
///
/// # Safety
/// `dst` must be valid for writes of `n` bytes.
#[inline]
pub(crate) unsafe fn fill_bulk(dst: *mut u8, byte: u8, n: usize) {
    // SAFETY: forwarded contract.
    unsafe { crate::mem::fill_loop(dst, byte, n) }
}
