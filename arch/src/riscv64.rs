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

define_syscalls!("ecall", nr: "a7", ret: "a0", args: ["a0", "a1", "a2", "a3", "a4", "a5"], clobbers: []);

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

/// Clones a child that shares this address space and this stack
/// (`clone`/`clone3` with `CLONE_VM | CLONE_VFORK`: `nr` with `a0`, `a1`;
/// no new stack), which at once calls `entry(arg)` and never returns here.
/// The parent gets the raw result once the child has exec'd or exited.
///
/// One assembly block from the system call to the child's call, because
/// nothing compiled may run in the child before it: a spill, or the return
/// from a non-inlined wrapper, would overwrite stack the parent still
/// uses. The block is not `nostack`, so the stack is aligned for the call
/// and nothing live lies below the stack pointer, where the child writes.
///
/// # Safety
/// `entry` never returns and only does what is allowed in a vfork child
/// (no allocation, no locks; exec or `_exit`); `arg` is valid for it.
#[inline(never)]
pub unsafe fn clone_vfork(
    nr: usize,
    a0: usize,
    a1: usize,
    entry: extern "C" fn(*const ()) -> !,
    arg: *const (),
) -> usize {
    let ret: usize;
    // SAFETY: the caller vouches for `entry` and `arg`; in the parent only
    // `ret` changes, and the child never comes back into this frame.
    unsafe {
        asm!(
            "ecall",
            "bnez a0, 2f",
            "mv a0, {arg}",
            "jalr {entry}",
            "unimp",
            "2:",
            arg = in(reg) arg,
            entry = in(reg) entry,
            inlateout("a0") a0 => ret,
            in("a7") nr,
            in("a1") a1,
            in("a2") 0usize,
            in("a3") 0usize,
            in("a4") 0usize,
        );
    }
    ret
}

/// Whether thread-local storage follows variant II (the TLS block lies
/// below the thread pointer, the TCB at it) rather than variant I.
pub const TLS_VARIANT_II: bool = false;

/// Variant I with the TLS block right at the thread pointer (the psABI's
/// `tp` offset 0): no header between them.
pub const TLS_ABOVE_TP: usize = 0;

/// The TCB header (`dtv`, a private word) that glibc keeps just below the
/// thread pointer.
pub const TCB_BELOW_TP: usize = 16;

/// Clones a thread (`clone(flags, stack, ptid, tls, ctid)`; the kernel's
/// argument order for this architecture is `flags, stack, ptid, tls, ctid`) that starts on
/// `stack` (16-byte aligned, the top of a fresh mapping) and at once calls
/// `entry(arg)`, which never returns. The parent gets the raw result: the
/// child's tid or a negated errno.
///
/// One assembly block from the system call to the child's call: the child
/// has no valid frame of this function on its new stack, so nothing
/// compiled may run in it first. `entry` and `arg` stay in fixed
/// registers the system call preserves.
///
/// # Safety
/// `flags` include `CLONE_VM` and `CLONE_THREAD` with the matching
/// pointers valid for the thread's life; `stack` is the top of memory only
/// the new thread uses; `entry` never returns and `arg` is valid for it.
#[inline(never)]
#[allow(clippy::too_many_arguments)]
pub unsafe fn clone_thread(
    flags: usize,
    stack: *mut u8,
    ptid: *mut u32,
    tls: *mut u8,
    ctid: *mut u32,
    entry: extern "C" fn(*mut u8) -> !,
    arg: *mut u8,
) -> usize {
    let ret: usize;
    // SAFETY: the caller vouches for the arguments; in the parent only
    // `ret` changes, and the child never comes back into this frame.
    unsafe {
        asm!(
            "ecall",
            "bnez a0, 2f",
            "li fp, 0",
            "li ra, 0",
            "mv a0, t1",
            "jalr t0",
            "unimp",
            "2:",
            // Fixed registers the syscall preserves, so that clearing the
            // frame and return registers cannot clobber them.
            in("t0") entry,
            in("t1") arg,
            inlateout("a0") flags => ret,
            in("a7") linux_raw_sys::general::__NR_clone as usize,
            in("a1") stack,
            in("a2") ptid,
            in("a3") tls,
            in("a4") ctid,
        );
    }
    ret
}

/// Unmaps `len` bytes at `addr` (the calling thread's own stack and
/// thread block) and ends the thread with `exit(0)`, with no memory
/// access in between.
///
/// # Safety
/// The caller's stack lies in the mapping and nothing of it is used
/// again; all signals are blocked and `set_tid_address(NULL)` was called,
/// so neither a handler nor the kernel's `CHILD_CLEARTID` write touches
/// the memory once it is gone.
pub unsafe fn exit_thread_unmapping(addr: *mut u8, len: usize) -> ! {
    // SAFETY: as the caller guarantees; the block ends in exit, which
    // does not return.
    unsafe {
        asm!(
            "ecall",
            "li a7, {exit}",
            "li a0, 0",
            "ecall",
            "unimp",
            exit = const linux_raw_sys::general::__NR_exit,
            in("a7") linux_raw_sys::general::__NR_munmap as usize,
            in("a0") addr,
            in("a1") len,
            options(noreturn, nostack)
        )
    }
}
