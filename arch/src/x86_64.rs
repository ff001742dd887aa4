//! x86_64 (System V AMD64 ABI, Linux).
//!
//! - At `_start`: `rsp` points at `argc`; above it `argv[0..argc]`, NULL,
//!   `envp[..]`, NULL, then the auxv pairs ending in `AT_NULL`. `rsp` is
//!   16-byte aligned; `rdx` may hold a function for `atexit` (ignored: there
//!   is no dynamic loader before us).
//! - Syscalls: `syscall`; number in `rax`, arguments in `rdi`, `rsi`, `rdx`,
//!   `r10`, `r8`, `r9`; result in `rax` (`-4095..=-1` is `-errno`); the
//!   instruction clobbers `rcx` and `r11`.
//! - Thread pointer: the `fs` segment base, set with `arch_prctl(ARCH_SET_FS)`.
//!   Variant II TLS: the block's first word points at itself, so `fs:0`
//!   reads the thread pointer, and glibc-built C code finds its
//!   stack-protector canary at `fs:0x28`.
//! - C calling convention: integer arguments in `rdi`, `rsi`, `rdx`, `rcx`,
//!   `r8`, `r9`, then the stack; return in `rax`; `rbx`, `rbp`, `r12`-`r15`
//!   callee-saved; the stack 16-byte aligned at each `call`.
//! - Signals: handlers return through `sa_restorer` (`SA_RESTORER`), which
//!   must call `rt_sigreturn` (15).

use core::arch::asm;

/// The architecture's name as `uname -m` prints it.
pub const NAME: &str = "x86_64";

/// Whether the kernel takes a signal-return trampoline in `sa_restorer`
/// (flag `SA_RESTORER`). When false, it uses the vDSO's own.
pub const HAS_SA_RESTORER: bool = true;

/// The instructions of `_start`: clear the frame pointer, pass the initial
/// stack pointer as the first argument to `{entry}`, which never returns.
#[macro_export]
macro_rules! start_asm {
    () => {
        "xor ebp, ebp
         mov rdi, rsp
         and rsp, -16
         call {entry}
         ud2"
    };
}

define_syscalls!("syscall", nr: "rax", ret: "rax", args: ["rdi", "rsi", "rdx", "r10", "r8", "r9"], clobbers: ["rcx", "r11"]);

/// Reads the thread pointer.
///
/// # Safety
/// [`set_thread_pointer`] must have installed a block whose first word
/// holds its own address (the variant II convention); before that, `fs` is
/// null and this faults.
#[inline]
pub unsafe fn thread_pointer() -> *mut u8 {
    let tp;
    // SAFETY: the caller guarantees fs:0 is mapped and self-pointing.
    unsafe { asm!("mov {}, fs:0", out(reg) tp, options(nostack, preserves_flags, readonly)) };
    tp
}

/// Sets the thread pointer of the calling thread.
///
/// # Safety
/// `tp` must point at a thread block that outlives the thread and whose
/// first word holds `tp` itself; code that reads `fs`-relative memory then
/// reads that block.
#[inline]
pub unsafe fn set_thread_pointer(tp: *mut u8) {
    const ARCH_SET_FS: usize = 0x1002;
    // SAFETY: arch_prctl(ARCH_SET_FS) only changes this thread's fs base;
    // the caller vouches for the block.
    let ret = unsafe {
        syscall2(
            linux_raw_sys::general::__NR_arch_prctl as usize,
            ARCH_SET_FS,
            tp as usize,
        )
    };
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
    core::arch::naked_asm!("mov eax, 15", "syscall", "ud2")
}

/// From this size on, `rep movsb`/`rep stosb` beat a vector loop on CPUs
/// with ERMS (every x86_64 since Ivy Bridge); glibc picks 2 KiB as well.
pub(crate) const BULK_MIN: usize = 2048;

/// Copies `n` bytes forwards with `rep movsb`.
///
/// # Safety
/// As `memcpy`, except that `dst` may lie below an overlapping `src`.
#[inline]
pub(crate) unsafe fn copy_bulk(dst: *mut u8, src: *const u8, n: usize) {
    // SAFETY: the caller guarantees both ranges are valid for n bytes; the
    // direction flag is clear by ABI, so the copy runs forwards.
    unsafe {
        asm!("rep movsb", inout("rcx") n => _, inout("rdi") dst => _, inout("rsi") src => _,
             options(nostack, preserves_flags));
    }
}

/// Fills `n` bytes with `byte` using `rep stosb`.
///
/// # Safety
/// `dst` must be valid for writes of `n` bytes.
#[inline]
pub(crate) unsafe fn fill_bulk(dst: *mut u8, byte: u8, n: usize) {
    // SAFETY: the caller guarantees dst..dst+n is writable.
    unsafe {
        asm!("rep stosb", inout("rcx") n => _, inout("rdi") dst => _, in("al") byte,
             options(nostack, preserves_flags));
    }
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
            "syscall",
            "test rax, rax",
            "jnz 2f",
            "mov rdi, {arg}",
            "call {entry}",
            "ud2",
            "2:",
            arg = in(reg) arg,
            entry = in(reg) entry,
            inlateout("rax") nr => ret,
            in("rdi") a0,
            in("rsi") a1,
            in("rdx") 0usize,
            in("r10") 0usize,
            in("r8") 0usize,
            out("rcx") _,
            out("r11") _,
        );
    }
    ret
}

/// Whether thread-local storage follows variant II (the TLS block lies
/// below the thread pointer, the TCB at it) rather than variant I.
pub const TLS_VARIANT_II: bool = true;

/// Variant I only: the bytes of the ABI's TCB header between the thread
/// pointer and the first TLS block; variant II: 0.
pub const TLS_ABOVE_TP: usize = 0;

/// The bytes just below the thread pointer that the ABI reserves for the
/// TCB header (variant I on riscv64); 0 elsewhere.
pub const TCB_BELOW_TP: usize = 0;

/// Clones a thread (`clone(flags, stack, ptid, tls, ctid)`; the kernel's
/// argument order for this architecture is `flags, stack, ptid, ctid, tls`) that starts on
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
            "syscall",
            "test rax, rax",
            "jnz 2f",
            "xor ebp, ebp",
            "mov rdi, r13",
            "call r12",
            "ud2",
            "2:",
            // Fixed registers the syscall preserves, so that clearing the
            // frame pointer cannot clobber them.
            in("r12") entry,
            in("r13") arg,
            inlateout("rax") linux_raw_sys::general::__NR_clone as usize => ret,
            in("rdi") flags,
            in("rsi") stack,
            in("rdx") ptid,
            in("r10") ctid,
            in("r8") tls,
            out("rcx") _,
            out("r11") _,
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
            "syscall",
            "mov eax, {exit}",
            "xor edi, edi",
            "syscall",
            "ud2",
            exit = const linux_raw_sys::general::__NR_exit,
            in("rax") linux_raw_sys::general::__NR_munmap as usize,
            in("rdi") addr,
            in("rsi") len,
            options(noreturn, nostack)
        )
    }
}
