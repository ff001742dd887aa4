//! Python's `signal` module: what terminal programs need.
//!
//! ```
//! use strata_core::signal::{self, Signal};
//!
//! let int = Signal::new(2).unwrap();
//! assert_eq!(int.name(), Some("SIGINT"));
//! assert_eq!(signal::strsignal(int).unwrap().to_string(), "Interrupt");
//! assert_eq!(signal::valid_signals().count(), 62);
//! ```
//!
//! - [`Signal`], the numbers with Python's names, [`strsignal`].
//! - Handlers: [`sigaction`] (flags, mask; the signal-return trampoline
//!   from `strata_arch`), [`signal`] (Python's `signal.signal`),
//!   [`getsignal`].
//! - Masks: [`pthread_sigmask`] (per thread, as the kernel keeps them;
//!   the reserved 32 and 33 are never blocked; [`SIG_BLOCK`], …),
//!   [`sigpending`]; [`siginterrupt`] (`SA_RESTART` off or on).
//! - Sending and waiting: [`raise_signal`], [`kill`], [`pthread_kill`]
//!   (one thread), [`pidfd_send_signal`], [`pause`],
//!   [`sigwait`], [`sigwaitinfo`], [`sigtimedwait`], [`signalfd`].
//! - Timers: [`setitimer`], [`getitimer`], [`alarm`].
//! - Reporting from handlers safely: [`catch`] installs Strata's own
//!   handler, which only counts (atomics) and writes the signal number to
//!   the [`set_wakeup_fd`] pipe; the program reads the counts with
//!   [`caught`]. No allocation and no lock ever happens inside a handler.
//!   [`default_int_handler`] is that handler with the interruption always
//!   marked, Strata's `KeyboardInterrupt`.
//! - Python's enums and exceptions are Strata's types: `Signals` is
//!   [`Signal`], `Handlers` [`Handler`], `Sigmasks` [`SigmaskHow`],
//!   `struct_siginfo` [`SigInfo`], `ItimerError` the [`Errno`](crate::errno::Errno)
//!   the timer calls return.
//!
//! Blocking calls in Strata retry after `EINTR` (PEP 475) unless a signal
//! caught with `interrupts: true` arrived meanwhile: that is how Ctrl-C
//! stops a blocking read, as `KeyboardInterrupt` does in Python.
//!
//! What differs from Python: handlers are `extern "C"` functions run in
//! signal context (Python runs them later, between bytecodes); use
//! [`catch`] to get Python's deferred style. As in glibc, signals 32 and
//! 33 are reserved for the runtime, so [`SIGRTMIN`] is 34.

mod action;
mod catch;
mod timer;
mod wait;

pub use action::{
    Handler, HandlerFn, Handlers, InfoFn, SIG_BLOCK, SIG_DFL, SIG_IGN, SIG_SETMASK, SIG_UNBLOCK,
    SigAction, SigActionFlags, SigSet, SigmaskHow, Sigmasks, getsignal, pthread_sigmask, sigaction,
    siginterrupt, signal, sigpending,
};
pub(crate) use action::{raw_handler, reset_to_default};
pub use catch::{catch, caught, default_int_handler, interrupted, set_wakeup_fd};
pub use timer::{
    ITIMER_PROF, ITIMER_REAL, ITIMER_VIRTUAL, ItimerError, ItimerWhich, alarm, getitimer, setitimer,
};
pub use wait::{
    SigInfo, SignalfdSiginfo, kill, pause, pidfd_send_signal, pthread_kill, raise_signal, signalfd,
    sigtimedwait, sigwait, sigwaitinfo,
};

use core::fmt;

/// A signal number, 1 to 64. Python's `signal.Signals`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[repr(transparent)]
pub struct Signal(i32);

/// The number of signal numbers plus one, as Python's `signal.NSIG`.
pub const NSIG: i32 = 65;

macro_rules! signals {
    ($($name:ident = $n:literal, $text:literal;)*) => {
        $(
            #[doc = concat!("`", stringify!($name), "` (", stringify!($n), "): ", $text, ".")]
            pub const $name: Signal = Signal($n);
        )*
        /// `(number, name, glibc's description)` of the classic signals.
        static CLASSIC: &[(i32, &str, &str)] = &[$(($n, stringify!($name), $text)),*];
    };
}

signals! {
    SIGHUP = 1, "Hangup";
    SIGINT = 2, "Interrupt";
    SIGQUIT = 3, "Quit";
    SIGILL = 4, "Illegal instruction";
    SIGTRAP = 5, "Trace/breakpoint trap";
    SIGABRT = 6, "Aborted";
    SIGBUS = 7, "Bus error";
    SIGFPE = 8, "Floating point exception";
    SIGKILL = 9, "Killed";
    SIGUSR1 = 10, "User defined signal 1";
    SIGSEGV = 11, "Segmentation fault";
    SIGUSR2 = 12, "User defined signal 2";
    SIGPIPE = 13, "Broken pipe";
    SIGALRM = 14, "Alarm clock";
    SIGTERM = 15, "Terminated";
    SIGSTKFLT = 16, "Stack fault";
    SIGCHLD = 17, "Child exited";
    SIGCONT = 18, "Continued";
    SIGSTOP = 19, "Stopped (signal)";
    SIGTSTP = 20, "Stopped";
    SIGTTIN = 21, "Stopped (tty input)";
    SIGTTOU = 22, "Stopped (tty output)";
    SIGURG = 23, "Urgent I/O condition";
    SIGXCPU = 24, "CPU time limit exceeded";
    SIGXFSZ = 25, "File size limit exceeded";
    SIGVTALRM = 26, "Virtual timer expired";
    SIGPROF = 27, "Profiling timer expired";
    SIGWINCH = 28, "Window changed";
    SIGIO = 29, "I/O possible";
    SIGPWR = 30, "Power failure";
    SIGSYS = 31, "Bad system call";
}

/// `SIGCLD`: `SIGCHLD`'s System V name.
pub const SIGCLD: Signal = SIGCHLD;
/// `SIGIOT`: `SIGABRT`'s old name (the PDP-11's IOT instruction).
pub const SIGIOT: Signal = SIGABRT;
/// `SIGPOLL`: `SIGIO`'s System V name.
pub const SIGPOLL: Signal = SIGIO;

/// `signal.Signals`, Python's enum of the signal numbers: Strata's
/// [`Signal`].
pub type Signals = Signal;

/// The first real-time signal a program may use (32 and 33 are the
/// runtime's, as in glibc).
pub const SIGRTMIN: Signal = Signal(34);
/// The last real-time signal.
pub const SIGRTMAX: Signal = Signal(64);

impl Signal {
    /// The signal numbered `n`, if `1 <= n <= 64`.
    pub const fn new(n: i32) -> Option<Signal> {
        if n >= 1 && n < NSIG {
            Some(Signal(n))
        } else {
            None
        }
    }

    /// The number.
    pub const fn as_raw(self) -> i32 {
        self.0
    }

    /// `signal.Signals(n).name`: `SIGINT`, `SIGRTMIN`, `SIGRTMAX`; `None`
    /// for the other real-time numbers and the reserved 32 and 33.
    pub fn name(self) -> Option<&'static str> {
        match self.0 {
            34 => Some("SIGRTMIN"),
            64 => Some("SIGRTMAX"),
            n => CLASSIC.iter().find(|e| e.0 == n).map(|e| e.1),
        }
    }

    /// The bit for this signal in a kernel signal mask.
    pub(crate) const fn bit(self) -> u64 {
        1 << (self.0 - 1)
    }
}

impl fmt::Display for Signal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.name() {
            Some(name) => f.write_str(name),
            None => write!(f, "signal {}", self.0),
        }
    }
}

/// `signal.strsignal(sig)`—glibc's description (`Interrupt`,
/// `Real-time signal 3`); `None` for the reserved 32 and 33, as CPython
/// on glibc gives.
///
/// # References
/// - [strsignal(3)](https://man7.org/linux/man-pages/man3/strsignal.3.html)
pub fn strsignal(sig: Signal) -> Option<Strsignal> {
    match sig.0 {
        32 | 33 => None,
        n if n >= SIGRTMIN.0 => Some(Strsignal::Realtime(n - SIGRTMIN.0)),
        n => CLASSIC
            .iter()
            .find(|e| e.0 == n)
            .map(|e| Strsignal::Text(e.2)),
    }
}

/// A signal's description; see [`strsignal`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Strsignal {
    /// A fixed text.
    Text(&'static str),
    /// `Real-time signal N`.
    Realtime(i32),
}

impl fmt::Display for Strsignal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Strsignal::Text(text) => f.write_str(text),
            Strsignal::Realtime(n) => write!(f, "Real-time signal {n}"),
        }
    }
}

/// `signal.valid_signals()`—every signal a program may use: 1 to 64
/// without the two glibc keeps for itself (32 and 33), the 62 signals
/// CPython lists on glibc.
pub fn valid_signals() -> impl Iterator<Item = Signal> {
    (1..NSIG).filter(|&n| n != 32 && n != 33).map(Signal)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// CPython on the build machine, produced by tests/oracle/signal.py.
    const ORACLE: &str = include_str!("../../../tests/oracle/signal.txt");

    #[test]
    fn names_and_descriptions_match_cpython() {
        let mut checked = 0;
        for line in ORACLE.lines() {
            let mut f = line.split('\t');
            let n: i32 = f.next().unwrap().parse().unwrap();
            let name = f.next().unwrap();
            let text = f.next().unwrap();
            let sig = Signal::new(n).unwrap();
            assert_eq!(sig.name().unwrap_or("-"), name, "name of {n}");
            let ours = strsignal(sig).map(|s| std::format!("{s}"));
            assert_eq!(ours.as_deref().unwrap_or("-"), text, "strsignal({n})");
            checked += 1;
        }
        assert_eq!(checked, 64);
        assert_eq!(Signal::new(0), None);
        assert_eq!(Signal::new(65), None);
        assert_eq!(valid_signals().count(), 62);
    }

    /// CPython's values, produced by tests/oracle/signal_values.py.
    const VALUES: &str = include_str!("../../../tests/oracle/signal_values.txt");

    #[test]
    fn integer_names_match_cpython() {
        let handler = |h: Handler| match h {
            Handler::Default => 0,
            Handler::Ignore => 1,
            _ => -1,
        };
        let how = |h: SigmaskHow| match h {
            SigmaskHow::Block => 0,
            SigmaskHow::Unblock => 1,
            SigmaskHow::SetMask => 2,
        };
        let signals = [
            ("SIGCLD", SIGCLD),
            ("SIGIOT", SIGIOT),
            ("SIGPOLL", SIGPOLL),
            ("SIGRTMIN", SIGRTMIN),
            ("SIGRTMAX", SIGRTMAX),
        ];
        let mut checked = 0;
        for line in VALUES.lines() {
            let (name, value) = line.split_once('=').unwrap();
            let value: i32 = value.parse().unwrap();
            let ours = match name {
                "NSIG" => Some(NSIG),
                "SIG_DFL" => Some(handler(SIG_DFL)),
                "SIG_IGN" => Some(handler(SIG_IGN)),
                "SIG_BLOCK" => Some(how(SIG_BLOCK)),
                "SIG_UNBLOCK" => Some(how(SIG_UNBLOCK)),
                "SIG_SETMASK" => Some(how(SIG_SETMASK)),
                _ if name.starts_with("ITIMER_") => continue,
                _ => signals
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, s)| s.as_raw())
                    .or_else(|| {
                        valid_signals()
                            .find(|s| s.name() == Some(name))
                            .map(|s| s.as_raw())
                    }),
            };
            assert_eq!(ours, Some(value), "{name}");
            checked += 1;
        }
        assert_eq!(checked, 42);
    }

    #[test]
    fn sigwaitinfo_takes_a_raised_signal_with_its_info() {
        // Blocked in this thread only, raised at this thread.
        let set = SigSet::of(&[SIGUSR1]);
        let old = pthread_sigmask(SIG_BLOCK, set).unwrap();
        raise_signal(SIGUSR1).unwrap();
        assert!(sigpending().unwrap().contains(SIGUSR1));
        let info = sigwaitinfo(set).unwrap();
        pthread_sigmask(SIG_SETMASK, old).unwrap();
        assert_eq!(info.signo(), 10);
        assert_eq!(info.code(), -6, "SI_TKILL");
        assert_eq!(info.pid(), std::process::id() as i32);
    }

    #[test]
    fn siginterrupt_toggles_sa_restart() {
        let old = sigaction(
            SIGWINCH,
            &SigAction::new(Handler::Function(default_int_handler)),
        )
        .unwrap();
        siginterrupt(SIGWINCH, false).unwrap();
        assert!(
            getsignal(SIGWINCH)
                .unwrap()
                .flags
                .contains(SigActionFlags::RESTART)
        );
        siginterrupt(SIGWINCH, true).unwrap();
        let now = getsignal(SIGWINCH).unwrap();
        assert!(!now.flags.contains(SigActionFlags::RESTART));
        assert!(matches!(now.handler, Handler::Function(_)));
        assert_eq!(siginterrupt(SIGKILL, true), Err(crate::errno::Errno::INVAL));
        sigaction(SIGWINCH, &old).unwrap();
    }

    #[test]
    fn default_int_handler_marks_an_interruption() {
        let _ = interrupted();
        let _ = caught(SIGWINCH);
        default_int_handler(SIGWINCH.as_raw());
        assert!(interrupted());
        assert!(!interrupted());
        assert_eq!(caught(SIGWINCH), 1);
    }
}
