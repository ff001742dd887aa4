//! aarch64 (AAPCS64, Linux).
//!
//! - At `_start`: `sp` points at `argc`, then `argv[..]`, NULL, `envp[..]`,
//!   NULL, auxv; `sp` is 16-byte aligned. `x0` may hold an `atexit` function
//!   from a dynamic loader (ignored).
//! - Syscalls: `svc #0`; number in `x8`, arguments in `x0`-`x5`, result in
//!   `x0` (`-4095..=-1` is `-errno`); nothing else is clobbered.
//! - Thread pointer: `tpidr_el0`, written from user space with `msr`.
//!   Variant I TLS: the thread pointer points at a 16-byte header
//!   before the TLS block; glibc keeps the canary in a global
//!   (`__stack_chk_guard`), not at a thread-pointer offset.
//! - C calling convention: integer arguments in `x0`-`x7`, floats in
//!   `v0`-`v7`, return in `x0`; `x19`-`x28`, `x29` (frame pointer) and the
//!   low halves of `v8`-`v15` callee-saved; `x30` is the link register.
//! - Signals: `SA_RESTORER` is honoured; the trampoline calls
//!   `rt_sigreturn` (139).

use core::arch::asm;

/// The architecture's name as `uname -m` prints it.
pub const NAME: &str = "aarch64";

/// Whether the kernel takes a signal-return trampoline in `sa_restorer`
/// (flag `SA_RESTORER`). When false, it uses the vDSO's own.
pub const HAS_SA_RESTORER: bool = true;

/// The instructions of `_start`: clear the frame and link registers, pass
/// the initial stack pointer as the first argument to `{entry}`, which
/// never returns.
#[macro_export]
macro_rules! start_asm {
    () => {
        "mov x29, xzr
         mov x30, xzr
         mov x0, sp
         bl {entry}
         brk #1"
    };
}

define_syscalls!("svc #0", nr: "x8", ret: "x0", args: ["x0", "x1", "x2", "x3", "x4", "x5"], clobbers: []);

/// Reads the thread pointer (`tpidr_el0`; null until one is set).
///
/// # Safety
/// None beyond what the caller does with the pointer; reading the register
/// is always allowed. `unsafe` to match the other architectures.
#[inline]
pub unsafe fn thread_pointer() -> *mut u8 {
    let tp;
    // SAFETY: reading tpidr_el0 has no side effects.
    unsafe { asm!("mrs {}, tpidr_el0", out(reg) tp, options(nostack, preserves_flags, nomem)) };
    tp
}

/// Sets the thread pointer of the calling thread.
///
/// # Safety
/// `tp` must point at a thread block laid out as the code that reads it
/// expects (variant I), and outlive the thread.
#[inline]
pub unsafe fn set_thread_pointer(tp: *mut u8) {
    // SAFETY: writing tpidr_el0 only affects this thread; the caller
    // vouches for the block.
    unsafe { asm!("msr tpidr_el0, {}", in(reg) tp, options(nostack, preserves_flags)) };
}

/// The signal-return trampoline: the address to put in `sa_restorer`.
/// Calls `rt_sigreturn`, which restores the interrupted context.
///
/// # Safety
/// Only the kernel may jump here, on return from a handler installed with
/// `SA_RESTORER`; the stack must hold the kernel's signal frame.
#[unsafe(naked)]
pub unsafe extern "C" fn return_from_signal() {
    core::arch::naked_asm!("mov x8, #139", "svc #0", "brk #1")
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
            "svc #0",
            "cbnz x0, 2f",
            "mov x0, {arg}",
            "blr {entry}",
            "brk #1",
            "2:",
            arg = in(reg) arg,
            entry = in(reg) entry,
            inlateout("x0") a0 => ret,
            in("x8") nr,
            in("x1") a1,
            in("x2") 0usize,
            in("x3") 0usize,
            in("x4") 0usize,
        );
    }
    ret
}

/// Whether thread-local storage follows variant II (the TLS block lies
/// below the thread pointer, the TCB at it) rather than variant I.
pub const TLS_VARIANT_II: bool = false;

/// Variant I: the 16-byte TCB header (`dtv`, a private word) between the
/// thread pointer and the first TLS block, which the linker places at
/// `tp + align_up(16, p_align)`.
pub const TLS_ABOVE_TP: usize = 16;

/// The bytes just below the thread pointer that the ABI reserves for the
/// TCB header (variant I on riscv64); 0 elsewhere.
pub const TCB_BELOW_TP: usize = 0;

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
            "svc #0",
            "cbnz x0, 2f",
            "mov x29, xzr",
            "mov x30, xzr",
            "mov x0, x10",
            "blr x9",
            "brk #1",
            "2:",
            // Fixed registers the syscall preserves, so that clearing the
            // frame and link registers cannot clobber them.
            in("x9") entry,
            in("x10") arg,
            inlateout("x0") flags => ret,
            in("x8") linux_raw_sys::general::__NR_clone as usize,
            in("x1") stack,
            in("x2") ptid,
            in("x3") tls,
            in("x4") ctid,
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
            "svc #0",
            "mov x8, #{exit}",
            "mov x0, xzr",
            "svc #0",
            "brk #1",
            exit = const linux_raw_sys::general::__NR_exit,
            in("x8") linux_raw_sys::general::__NR_munmap as usize,
            in("x0") addr,
            in("x1") len,
            options(noreturn, nostack)
        )
    }
}
