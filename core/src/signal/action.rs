//! Installing handlers and changing the signal mask.

use super::{Signal, wait::SigInfo};
use crate::errno::Errno;
use crate::sys::{nr, result};
use core::ffi::{c_ulong, c_void};
use core::sync::atomic::{AtomicU8, Ordering};
use linux_raw_sys::general as k;
use strata_arch::{HAS_SA_RESTORER, syscall4};

/// A set of signals, as the kernel's 64-bit mask.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SigSet(u64);

impl SigSet {
    /// No signals.
    pub const fn empty() -> Self {
        SigSet(0)
    }

    /// Every signal.
    pub const fn full() -> Self {
        SigSet(!0)
    }

    /// The set holding just these signals.
    pub fn of(signals: &[Signal]) -> Self {
        signals.iter().fold(SigSet(0), |set, &s| set.with(s))
    }

    /// This set plus `sig`.
    pub const fn with(self, sig: Signal) -> Self {
        SigSet(self.0 | sig.bit())
    }

    /// This set without `sig`.
    pub const fn without(self, sig: Signal) -> Self {
        SigSet(self.0 & !sig.bit())
    }

    /// Whether `sig` is in the set.
    pub const fn contains(self, sig: Signal) -> bool {
        self.0 & sig.bit() != 0
    }

    /// The signals in the set, lowest first.
    pub fn iter(self) -> impl Iterator<Item = Signal> {
        (1..super::NSIG)
            .map(Signal)
            .filter(move |&s| self.contains(s))
    }

    /// The raw kernel mask.
    pub(crate) const fn bits(self) -> u64 {
        self.0
    }
}

/// The kernel's `struct sigaction` for this architecture (riscv64 has no
/// restorer field; 32-bit arm's mask is two 32-bit words).
///
/// riscv64 carries the mask twice. The kernel reads and writes the first
/// 24 bytes (handler, flags, mask); QEMU 7.2's linux-user (Debian 12's)
/// lays the struct out with a restorer slot before the mask, as on the
/// other architectures, so it reads the mask from, and writes 32 bytes
/// into, where the second copy lies. With one copy, QEMU read the mask
/// from past the end and wrote the old action over the caller's saved
/// registers (the riscv64 `io` crash). With two, both layouts find the
/// same mask and the old action stays inside the buffer.
#[repr(C)]
#[derive(Clone, Copy)]
struct KernelSigaction {
    handler: usize,
    flags: c_ulong,
    #[cfg(not(target_arch = "riscv64"))]
    restorer: usize,
    mask: [c_ulong; MASK_WORDS],
    #[cfg(target_arch = "riscv64")]
    mask_for_qemu: [c_ulong; MASK_WORDS],
}

impl KernelSigaction {
    fn new(handler: usize, flags: c_ulong, restorer: usize, mask: u64) -> KernelSigaction {
        #[cfg(target_arch = "riscv64")]
        let _ = restorer;
        KernelSigaction {
            handler,
            flags,
            #[cfg(not(target_arch = "riscv64"))]
            restorer,
            mask: mask_words(mask),
            #[cfg(target_arch = "riscv64")]
            mask_for_qemu: mask_words(mask),
        }
    }
}

const MASK_WORDS: usize = 64 / c_ulong::BITS as usize;

fn mask_words(mask: u64) -> [c_ulong; MASK_WORDS] {
    core::array::from_fn(|i| (mask >> (i as u32 * c_ulong::BITS)) as c_ulong)
}

// `c_ulong` is u64 here but u32 on arm, where the conversion is needed.
#[allow(clippy::useless_conversion)]
fn mask_bits(words: [c_ulong; MASK_WORDS]) -> u64 {
    words.iter().enumerate().fold(0, |m, (i, &w)| {
        m | (u64::from(w) << (i as u32 * c_ulong::BITS))
    })
}

/// What a signal does when it arrives. (Not `PartialEq`: function
/// addresses are not guaranteed unique; match on the variant instead.)
#[derive(Clone, Copy, Debug)]
pub enum Handler {
    /// `signal.SIG_DFL`: the default action.
    Default,
    /// `signal.SIG_IGN`: nothing.
    Ignore,
    /// A function called with the signal number, in signal context: it may
    /// only do async-signal-safe things (atomics, `write`).
    Function(HandlerFn),
    /// A function also given the `siginfo` and the interrupted context.
    Info(InfoFn),
}

/// A plain handler: `void handler(int sig)`.
pub type HandlerFn = extern "C" fn(i32);
/// A `SA_SIGINFO` handler: `void handler(int, siginfo_t *, void *)`.
pub type InfoFn = extern "C" fn(i32, *const SigInfo, *mut c_void);

bitflags::bitflags! {
    /// How a handler behaves (`sa_flags`).
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub struct SigActionFlags: u32 {
        /// `SA_RESTART`: calls interrupted by the handler resume.
        const RESTART = k::SA_RESTART;
        /// `SA_NODEFER`: the signal is not blocked while its handler runs.
        const NODEFER = k::SA_NODEFER;
        /// `SA_RESETHAND`: the default action returns after one delivery.
        const RESETHAND = k::SA_RESETHAND;
        /// `SA_ONSTACK`: the handler runs on the alternate signal stack.
        const ONSTACK = k::SA_ONSTACK;
        /// `SA_NOCLDSTOP`: no `SIGCHLD` when a child stops.
        const NOCLDSTOP = k::SA_NOCLDSTOP;
        /// `SA_NOCLDWAIT`: children do not become zombies.
        const NOCLDWAIT = k::SA_NOCLDWAIT;
    }
}

/// A signal's disposition: C's `struct sigaction`.
#[derive(Clone, Copy, Debug)]
pub struct SigAction {
    /// What happens.
    pub handler: Handler,
    /// How.
    pub flags: SigActionFlags,
    /// Signals blocked while the handler runs (besides the signal itself,
    /// unless `NODEFER`).
    pub mask: SigSet,
}

impl SigAction {
    /// `handler` with no flags and an empty mask.
    pub const fn new(handler: Handler) -> Self {
        SigAction {
            handler,
            flags: SigActionFlags::empty(),
            mask: SigSet::empty(),
        }
    }
}

/// Which kind of function each signal's handler is, so that [`getsignal`]
/// can give back what was installed (the kernel sees only an address).
static KINDS: [AtomicU8; super::NSIG as usize] =
    [const { AtomicU8::new(KIND_FUNCTION) }; super::NSIG as usize];
const KIND_FUNCTION: u8 = 0;
const KIND_INFO: u8 = 1;

/// `sigaction(sig, action)`—installs `action` for `sig` and returns the
/// previous one.
///
/// Function handlers are always installed with `SA_SIGINFO` and, where the
/// kernel takes one, Strata's signal-return trampoline (`SA_RESTORER`).
/// `SIGKILL` and `SIGSTOP` cannot be caught: `EINVAL`.
///
/// # References
/// - [sigaction(2)](https://man7.org/linux/man-pages/man2/sigaction.2.html)
pub fn sigaction(sig: Signal, action: &SigAction) -> Result<SigAction, Errno> {
    let (handler, kind) = match action.handler {
        Handler::Default => (0, KIND_FUNCTION),
        Handler::Ignore => (1, KIND_FUNCTION),
        Handler::Function(f) => (f as *const () as usize, KIND_FUNCTION),
        Handler::Info(f) => (f as *const () as usize, KIND_INFO),
    };
    let mut flags = action.flags.bits() as c_ulong;
    if handler > 1 {
        flags |= k::SA_SIGINFO as c_ulong;
    }
    if HAS_SA_RESTORER {
        flags |= SA_RESTORER;
    }
    let restorer = if HAS_SA_RESTORER {
        strata_arch::return_from_signal as *const () as usize
    } else {
        0
    };
    let new = KernelSigaction::new(handler, flags, restorer, action.mask.bits());
    let mut old = new;
    // SAFETY: both structs have the kernel's layout for this architecture;
    // the handler, if any, is an `extern "C"` function of the right shape,
    // and the restorer is the arch layer's rt_sigreturn trampoline.
    result(unsafe {
        syscall4(
            nr(k::__NR_rt_sigaction),
            sig.as_raw() as usize,
            &new as *const KernelSigaction as usize,
            &mut old as *mut KernelSigaction as usize,
            8,
        )
    })?;
    let old_kind = KINDS[sig.as_raw() as usize].swap(kind, Ordering::Relaxed);
    Ok(decode(old, old_kind))
}

#[cfg(not(target_arch = "riscv64"))]
const SA_RESTORER: c_ulong = k::SA_RESTORER as c_ulong;
#[cfg(target_arch = "riscv64")]
const SA_RESTORER: c_ulong = 0;

fn decode(raw: KernelSigaction, kind: u8) -> SigAction {
    let handler = match raw.handler {
        0 => Handler::Default,
        1 => Handler::Ignore,
        // SAFETY: a non-trivial handler was installed by this module from
        // a function pointer of the kind recorded in KINDS (or inherited
        // across exec, which resets handlers to default, so it cannot be).
        addr if kind == KIND_INFO => {
            Handler::Info(unsafe { core::mem::transmute::<usize, InfoFn>(addr) })
        }
        // SAFETY: as above.
        addr => Handler::Function(unsafe { core::mem::transmute::<usize, HandlerFn>(addr) }),
    };
    let strata_flags = (k::SA_SIGINFO as c_ulong) | SA_RESTORER;
    SigAction {
        handler,
        flags: SigActionFlags::from_bits_truncate((raw.flags & !strata_flags) as u32),
        mask: SigSet(mask_bits(raw.mask)),
    }
}

/// The raw handler address installed for signal number `sig` (0 is
/// `SIG_DFL`, 1 `SIG_IGN`). Raw syscall only: safe in a vfork child.
pub(crate) fn raw_handler(sig: u32) -> Result<usize, Errno> {
    let mut old = KernelSigaction::new(0, 0, 0, 0);
    // SAFETY: a null new action only reads the current one into `old`,
    // a struct with room for the kernel's layout and QEMU's.
    result(unsafe {
        syscall4(
            nr(k::__NR_rt_sigaction),
            sig as usize,
            0,
            &mut old as *mut KernelSigaction as usize,
            8,
        )
    })?;
    Ok(old.handler)
}

/// Puts signal number `sig` back to `SIG_DFL` with no flags and an empty
/// mask. Raw syscall only: safe in a vfork child and while aborting.
pub(crate) fn reset_to_default(sig: u32) -> Result<(), Errno> {
    let default = KernelSigaction::new(0, 0, 0, 0);
    // SAFETY: the kernel reads `default`; no old action is written.
    result(unsafe {
        syscall4(
            nr(k::__NR_rt_sigaction),
            sig as usize,
            &default as *const KernelSigaction as usize,
            0,
            8,
        )
    })
    .map(drop)
}

/// `signal.getsignal(sig)`—the current disposition of `sig`.
pub fn getsignal(sig: Signal) -> Result<SigAction, Errno> {
    let mut old = KernelSigaction::new(0, 0, 0, 0);
    // SAFETY: a null new action only reads the current one into `old`.
    result(unsafe {
        syscall4(
            nr(k::__NR_rt_sigaction),
            sig.as_raw() as usize,
            0,
            &mut old as *mut _ as usize,
            8,
        )
    })?;
    Ok(decode(
        old,
        KINDS[sig.as_raw() as usize].load(Ordering::Relaxed),
    ))
}

/// `signal.signal(sig, handler)`—installs `handler` with `SA_RESTART`, as
/// glibc's `signal()` does, and returns the previous handler.
///
/// # References
/// - [signal(2)](https://man7.org/linux/man-pages/man2/signal.2.html)
pub fn signal(sig: Signal, handler: Handler) -> Result<Handler, Errno> {
    let action = SigAction {
        handler,
        flags: SigActionFlags::RESTART,
        mask: SigSet::empty(),
    };
    sigaction(sig, &action).map(|old| old.handler)
}

/// `signal.SIG_DFL`: the default action.
pub const SIG_DFL: Handler = Handler::Default;
/// `signal.SIG_IGN`: ignore the signal.
pub const SIG_IGN: Handler = Handler::Ignore;

/// `signal.Handlers`, the enum of `SIG_DFL` and `SIG_IGN`: Strata's
/// [`Handler`] holds those two and the function handlers.
pub type Handlers = Handler;

/// `signal.SIG_BLOCK`: [`pthread_sigmask`] adds the set to the mask.
pub const SIG_BLOCK: SigmaskHow = SigmaskHow::Block;
/// `signal.SIG_UNBLOCK`: [`pthread_sigmask`] removes the set.
pub const SIG_UNBLOCK: SigmaskHow = SigmaskHow::Unblock;
/// `signal.SIG_SETMASK`: [`pthread_sigmask`] replaces the mask by the set.
pub const SIG_SETMASK: SigmaskHow = SigmaskHow::SetMask;

/// `signal.Sigmasks`, the enum of `SIG_BLOCK`, `SIG_UNBLOCK` and
/// `SIG_SETMASK`.
pub type Sigmasks = SigmaskHow;

/// `signal.siginterrupt(sig, flag)`—whether a handler of `sig` interrupts
/// system calls (`flag`: `SA_RESTART` off) or lets them restart (`SA_RESTART`
/// on), keeping the handler, mask and other flags, as CPython does.
///
/// Strata's own blocking calls retry after `EINTR` either way unless the
/// signal [interrupts](super::catch) (PEP 475); this matters to the raw
/// calls and to code that sees `EINTR` itself.
///
/// # References
/// - [siginterrupt(3)](https://man7.org/linux/man-pages/man3/siginterrupt.3.html)
/// - [sigaction(2)](https://man7.org/linux/man-pages/man2/sigaction.2.html)
pub fn siginterrupt(sig: Signal, flag: bool) -> Result<(), Errno> {
    let mut action = getsignal(sig)?;
    action.flags.set(SigActionFlags::RESTART, !flag);
    sigaction(sig, &action).map(drop)
}

/// How [`pthread_sigmask`] changes the mask: Python's `signal.Sigmasks`
/// ([`SIG_BLOCK`], [`SIG_UNBLOCK`], [`SIG_SETMASK`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SigmaskHow {
    /// `SIG_BLOCK`: add the set.
    Block,
    /// `SIG_UNBLOCK`: remove the set.
    Unblock,
    /// `SIG_SETMASK`: replace the mask by the set.
    SetMask,
}

/// `signal.pthread_sigmask(how, set)`—changes the calling thread's signal
/// mask and returns the previous one.
///
/// # References
/// - [sigprocmask(2)](https://man7.org/linux/man-pages/man2/sigprocmask.2.html)
pub fn pthread_sigmask(how: SigmaskHow, set: SigSet) -> Result<SigSet, Errno> {
    let how = match how {
        SigmaskHow::Block => k::SIG_BLOCK,
        SigmaskHow::Unblock => k::SIG_UNBLOCK,
        SigmaskHow::SetMask => k::SIG_SETMASK,
    };
    // Signals 32 and 33 belong to the runtime (33 carries the id setters
    // to every thread): never blocked, as glibc keeps SIGSETXID open.
    let reserved = match how {
        k::SIG_UNBLOCK => 0,
        _ => (1u64 << 31) | (1u64 << 32),
    };
    let new = set.bits() & !reserved;
    let mut old = 0u64;
    // SAFETY: the kernel reads and writes one 8-byte mask each.
    result(unsafe {
        syscall4(
            nr(k::__NR_rt_sigprocmask),
            how as usize,
            &new as *const u64 as usize,
            &mut old as *mut u64 as usize,
            8,
        )
    })?;
    Ok(SigSet(old))
}

/// `signal.sigpending()`—the signals raised while blocked, waiting.
///
/// # References
/// - [sigpending(2)](https://man7.org/linux/man-pages/man2/sigpending.2.html)
pub fn sigpending() -> Result<SigSet, Errno> {
    let mut set = 0u64;
    // SAFETY: the kernel writes one 8-byte mask.
    result(unsafe {
        strata_arch::syscall2(nr(k::__NR_rt_sigpending), &mut set as *mut u64 as usize, 8)
    })?;
    Ok(SigSet(set))
}
