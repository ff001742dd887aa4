//! armv7 (EABI, hard float, ARM instruction set, Linux).
//!
//! - At `_start`: `sp` points at `argc`, then `argv[..]`, NULL, `envp[..]`,
//!   NULL, auxv; `sp` is 8-byte aligned (AAPCS needs 8 at calls). `r0` may
//!   hold an `atexit` function from a dynamic loader (ignored).
//! - Syscalls (EABI): `svc #0`; number in `r7`, arguments in `r0`-`r5`,
//!   result in `r0` (`-4095..=-1` is `-errno`); nothing else is clobbered.
//!   Private ARM calls live at `0x0f0000 + n` (`set_tls` is `0x0f0005`).
//! - Thread pointer: `TPIDRURO`, read with `mrc p15, 0, r, c13, c0, 3`
//!   and written only by the kernel (`set_tls`). Variant I TLS; glibc keeps
//!   the canary in a global (`__stack_chk_guard`).
//! - C calling convention (AAPCS-VFP): integer arguments in `r0`-`r3`,
//!   floats in `s0`-`s15`/`d0`-`d7`, then the stack; return in `r0`/`r1`
//!   or `d0`; `r4`-`r11` (`r11` is the frame pointer in ARM state) and
//!   `d8`-`d15` callee-saved; `lr` (`r14`) is the link register.
//! - Signals: `SA_RESTORER` is honoured. The trampoline calls
//!   `rt_sigreturn` (173), which matches the frame the kernel builds only
//!   for handlers installed with `SA_SIGINFO`: install handlers that way.

use core::arch::asm;

/// The architecture's name as `uname -m` prints it.
pub const NAME: &str = "armv7l";

/// Whether the kernel takes a signal-return trampoline in `sa_restorer`
/// (flag `SA_RESTORER`). When false, it uses the vDSO's own.
pub const HAS_SA_RESTORER: bool = true;

/// The instructions of `_start`: clear the frame and link registers, pass
/// the initial stack pointer as the first argument to `{entry}`, which
/// never returns.
#[macro_export]
macro_rules! start_asm {
    () => {
        "mov fp, #0
         mov lr, #0
         mov r0, sp
         bic sp, sp, #15
         bl {entry}
         udf #16"
    };
}

define_syscalls!("svc #0", nr: "r7", ret: "r0", args: ["r0", "r1", "r2", "r3", "r4", "r5"], clobbers: []);

/// Reads the thread pointer (`TPIDRURO`; null until one is set).
///
/// # Safety
/// None beyond what the caller does with the pointer; reading the register
/// is always allowed. `unsafe` to match the other architectures.
#[inline]
pub unsafe fn thread_pointer() -> *mut u8 {
    let tp;
    // SAFETY: reading TPIDRURO has no side effects.
    unsafe {
        asm!("mrc p15, 0, {}, c13, c0, 3", out(reg) tp, options(nostack, preserves_flags, nomem))
    };
    tp
}

/// Sets the thread pointer of the calling thread.
///
/// # Safety
/// `tp` must point at a thread block laid out as the code that reads it
/// expects (variant I), and outlive the thread.
#[inline]
pub unsafe fn set_thread_pointer(tp: *mut u8) {
    const ARM_SET_TLS: usize = 0x0f0005;
    // SAFETY: set_tls only changes this thread's TPIDRURO; the caller
    // vouches for the block.
    let ret = unsafe { syscall1(ARM_SET_TLS, tp as usize) };
    debug_assert_eq!(ret, 0);
}

/// The signal-return trampoline: the address to put in `sa_restorer`.
/// Calls `rt_sigreturn`, which restores the interrupted context.
///
/// # Safety
/// Only the kernel may jump here, on return from a handler installed with
/// `SA_RESTORER`; the stack must hold the kernel's signal frame.
#[unsafe(naked)]
pub unsafe extern "C" fn return_from_signal() {
    core::arch::naked_asm!("mov r7, #173", "svc #0", "udf #16")
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
            "cmp r0, #0",
            "bne 2f",
            "mov r0, {arg}",
            "blx {entry}",
            "udf #16",
            "2:",
            arg = in(reg) arg,
            entry = in(reg) entry,
            inlateout("r0") a0 => ret,
            in("r7") nr,
            in("r1") a1,
            in("r2") 0usize,
            in("r3") 0usize,
            in("r4") 0usize,
        );
    }
    ret
}

/// Whether thread-local storage follows variant II (the TLS block lies
/// below the thread pointer, the TCB at it) rather than variant I.
pub const TLS_VARIANT_II: bool = false;

/// Variant I: the 8-byte TCB header (`dtv`, a private word) between the
/// thread pointer and the first TLS block, which the linker places at
/// `tp + align_up(8, p_align)`.
pub const TLS_ABOVE_TP: usize = 8;

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
            "cmp r0, #0",
            "bne 2f",
            "mov fp, #0",
            "mov lr, #0",
            "mov r0, r8",
            "blx r5",
            "udf #16",
            "2:",
            // Fixed registers the syscall preserves, so that clearing the
            // frame and link registers cannot clobber them.
            in("r5") entry,
            in("r8") arg,
            inlateout("r0") flags => ret,
            in("r7") linux_raw_sys::general::__NR_clone as usize,
            in("r1") stack,
            in("r2") ptid,
            in("r3") tls,
            in("r4") ctid,
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
            "mov r7, #{exit}",
            "mov r0, #0",
            "svc #0",
            "udf #16",
            exit = const linux_raw_sys::general::__NR_exit,
            in("r7") linux_raw_sys::general::__NR_munmap as usize,
            in("r0") addr,
            in("r1") len,
            options(noreturn, nostack)
        )
    }
}
