//! The signal test program: handlers run and return through the
//! trampoline, masks hold, waits and signalfd see what was sent, timers
//! fire, and an interrupted blocking read retries (PEP 475) unless the
//! signal was caught as interrupting.
#![no_std]
#![no_main]

use core::sync::atomic::{AtomicI32, AtomicU32, AtomicU64, Ordering};
use core::time::Duration;
use strata_core::errno::Errno;
use strata_core::os;
use strata_core::signal::{self as sig, Handler, SigAction, SigSet, SigmaskHow, Signal};
use strata_tests::Tap;

strata_core::main!(main);

fn main() -> i32 {
    let mut tap = Tap::new();
    handlers(&mut tap);
    masks(&mut tap);
    waits(&mut tap);
    timers(&mut tap);
    pep475(&mut tap);
    python_names(&mut tap);
    tap.finish()
}

static RAN: AtomicU32 = AtomicU32::new(0);

extern "C" fn count(_: i32) {
    RAN.fetch_add(1, Ordering::SeqCst);
}

fn handlers(tap: &mut Tap) {
    let installed = sig::sigaction(sig::SIGUSR1, &SigAction::new(Handler::Function(count)));
    tap.check(
        "sigaction installs a handler",
        matches!(installed, Ok(a) if matches!(a.handler, Handler::Default)),
    );
    let _ = sig::raise_signal(sig::SIGUSR1);
    tap.check(
        "raise_signal runs it before returning",
        RAN.load(Ordering::SeqCst) == 1,
    );
    tap.check(
        "getsignal gives the function back",
        matches!(sig::getsignal(sig::SIGUSR1), Ok(a) if matches!(a.handler, Handler::Function(_))),
    );
    let old = sig::signal(sig::SIGUSR1, Handler::Ignore);
    let _ = sig::raise_signal(sig::SIGUSR1);
    tap.check(
        "SIG_IGN ignores it",
        matches!(old, Ok(Handler::Function(_))) && RAN.load(Ordering::SeqCst) == 1,
    );
    tap.check(
        "SIGKILL cannot be caught",
        sig::signal(sig::SIGKILL, Handler::Ignore).err() == Some(Errno::INVAL),
    );

    let caught =
        sig::catch(sig::SIGUSR1, false).is_ok() && sig::kill(os::getpid(), sig::SIGUSR1).is_ok();
    tap.check(
        "catch counts a signal sent with kill",
        caught && sig::caught(sig::SIGUSR1) == 1 && sig::caught(sig::SIGUSR1) == 0,
    );

    let (r, w) = os::pipe().expect("pipe");
    let _ = os::set_blocking(&w, false);
    let previous = sig::set_wakeup_fd(rustix::fd::AsRawFd::as_raw_fd(&w));
    let _ = sig::raise_signal(sig::SIGUSR1);
    let mut byte = [0u8; 1];
    let woke = os::read(&r, &mut byte) == Ok(1) && byte[0] == 10;
    sig::set_wakeup_fd(previous);
    tap.check(
        "the wakeup fd receives the signal number",
        woke && sig::caught(sig::SIGUSR1) == 1,
    );
    tap.check(
        "strsignal and names are glibc's",
        sig::SIGINT.name() == Some("SIGINT")
            && matches!(
                sig::strsignal(sig::SIGTERM),
                Some(sig::Strsignal::Text("Terminated"))
            )
            && sig::strsignal(Signal::new(32).unwrap()).is_none(),
    );
}

fn masks(tap: &mut Tap) {
    let _ = sig::catch(sig::SIGUSR2, false);
    let old = sig::pthread_sigmask(SigmaskHow::Block, SigSet::of(&[sig::SIGUSR2]));
    let _ = sig::raise_signal(sig::SIGUSR2);
    let held = sig::caught(sig::SIGUSR2) == 0;
    let pending = sig::sigpending().is_ok_and(|p| p.contains(sig::SIGUSR2));
    tap.check(
        "a blocked signal waits, pending",
        old.is_ok() && held && pending,
    );
    let _ = sig::pthread_sigmask(SigmaskHow::Unblock, SigSet::of(&[sig::SIGUSR2]));
    tap.check("unblocking delivers it", sig::caught(sig::SIGUSR2) == 1);
    handler_masks(tap);
}

/// The signals blocked while `record_mask` ran, as (signal, blocked) bits.
static IN_HANDLER: AtomicU64 = AtomicU64::new(0);

extern "C" fn record_mask(_: i32) {
    if let Ok(now) = sig::pthread_sigmask(SigmaskHow::Block, SigSet::empty()) {
        let bits = now.iter().fold(0u64, |m, s| m | 1 << (s.as_raw() - 1));
        IN_HANDLER.store(bits, Ordering::SeqCst);
    }
}

/// The mask an action carries reaches the kernel and comes back intact.
/// QEMU 7.2's linux-user reads riscv64's struct sigaction with a restorer
/// slot the kernel does not have: with the kernel's layout alone it read
/// the mask from past the struct, and wrote the old action past it.
fn handler_masks(tap: &mut Tap) {
    let asked = SigSet::of(&[sig::SIGTERM, sig::SIGWINCH, Signal::new(40).unwrap()]);
    let mut action = SigAction::new(Handler::Function(record_mask));
    action.mask = asked;
    let _ = sig::sigaction(sig::SIGUSR1, &action);
    let _ = sig::raise_signal(sig::SIGUSR1);
    let want = asked.with(sig::SIGUSR1);
    let got = IN_HANDLER.load(Ordering::SeqCst);
    let want_bits = want.iter().fold(0u64, |m, s| m | 1 << (s.as_raw() - 1));
    tap.check(
        "a handler runs with its sa_mask and its own signal blocked",
        got == want_bits,
    );
    let back = sig::sigaction(sig::SIGUSR1, &SigAction::new(Handler::Default));
    tap.check(
        "the old action comes back with its mask",
        back.is_ok_and(|a| a.mask == asked && matches!(a.handler, Handler::Function(_))),
    );
}

fn waits(tap: &mut Tap) {
    let set = SigSet::of(&[sig::SIGUSR1, sig::SIGUSR2]);
    let _ = sig::pthread_sigmask(SigmaskHow::Block, set);
    let _ = sig::raise_signal(sig::SIGUSR2);
    tap.check(
        "sigwait takes the pending signal",
        sig::sigwait(set) == Ok(sig::SIGUSR2),
    );

    let _ = sig::kill(os::getpid(), sig::SIGUSR1);
    let info = sig::sigtimedwait(set, Duration::from_secs(5));
    let from_us =
        matches!(info, Ok(Some(i)) if i.signo() == 10 && i.pid() == os::getpid() && i.code() == 0);
    tap.check(
        "sigtimedwait returns its siginfo (SI_USER, our pid)",
        from_us,
    );

    let start = now();
    let none = sig::sigtimedwait(set, Duration::from_millis(60));
    tap.check(
        "sigtimedwait times out with None",
        matches!(none, Ok(None)) && now() - start >= Duration::from_millis(55),
    );

    match sig::signalfd(SigSet::of(&[sig::SIGUSR2]), true) {
        Ok(fd) => {
            let empty = sig::SignalfdSiginfo::read(&fd).err() == Some(Errno::AGAIN);
            let _ = sig::raise_signal(sig::SIGUSR2);
            let record = sig::SignalfdSiginfo::read(&fd);
            let ok = matches!(record, Ok(r) if r.signo == 12 && r.pid == os::getpid() as u32);
            tap.check(
                "signalfd reads what was raised, EAGAIN when empty",
                empty && ok,
            );
        }
        Err(e) => {
            strata_core::println!("# signalfd: {}", e);
            tap.check("signalfd is available", false);
        }
    }
    let _ = sig::pthread_sigmask(SigmaskHow::Unblock, set);
}

fn timers(tap: &mut Tap) {
    let _ = sig::catch(sig::SIGALRM, false);
    tap.check("alarm(5) had nothing pending", sig::alarm(5) == 0);
    tap.check(
        "alarm(0) cancels, reporting about 5 s left",
        sig::alarm(0) == 5,
    );
    let armed = sig::setitimer(sig::ITIMER_REAL, Duration::from_millis(30), Duration::ZERO);
    let left = sig::getitimer(sig::ITIMER_REAL);
    tap.check(
        "setitimer arms, getitimer reads",
        armed.is_ok()
            && matches!(left, Ok((d, _)) if !d.is_zero() && d <= Duration::from_millis(30)),
    );
    sig::pause();
    tap.check(
        "pause returns once the timer's signal is handled",
        sig::caught(sig::SIGALRM) == 1,
    );
}

static ALARMS: AtomicU32 = AtomicU32::new(0);
static WRITE_END: AtomicI32 = AtomicI32::new(-1);

/// Counts SIGALRM; on the third, writes a byte for the blocked reader.
extern "C" fn alarm_then_write(_: i32) {
    if ALARMS.fetch_add(1, Ordering::SeqCst) + 1 == 3 {
        let fd = WRITE_END.load(Ordering::SeqCst);
        // SAFETY: the fd is the pipe's open write end; write is
        // async-signal-safe.
        let _ = rustix::io::write(unsafe { rustix::fd::BorrowedFd::borrow_raw(fd) }, b"x");
    }
}

fn pep475(tap: &mut Tap) {
    let (r, w) = os::pipe().expect("pipe");
    WRITE_END.store(rustix::fd::AsRawFd::as_raw_fd(&w), Ordering::SeqCst);
    // No SA_RESTART: the kernel returns EINTR, and Strata decides.
    let _ = sig::sigaction(
        sig::SIGALRM,
        &SigAction::new(Handler::Function(alarm_then_write)),
    );
    let _ = sig::setitimer(
        sig::ITIMER_REAL,
        Duration::from_millis(20),
        Duration::from_millis(20),
    );
    let mut buf = [0u8; 4];
    let got = os::read(&r, &mut buf);
    let _ = sig::setitimer(sig::ITIMER_REAL, Duration::ZERO, Duration::ZERO);
    tap.check(
        "a read interrupted twice retries and gets the data",
        got == Ok(1) && buf[0] == b'x' && ALARMS.load(Ordering::SeqCst) >= 3,
    );

    let _ = sig::catch(sig::SIGALRM, true);
    let _ = sig::setitimer(sig::ITIMER_REAL, Duration::from_millis(20), Duration::ZERO);
    let got = os::read(&r, &mut buf);
    tap.check(
        "an interrupting signal stops a blocking read with EINTR",
        got == Err(Errno::INTR),
    );
    drop(w);
}

/// The names CPython 3.11 has that came last: sigwaitinfo, siginterrupt,
/// default_int_handler, pidfd_send_signal, the aliases.
fn python_names(tap: &mut Tap) {
    tap.check(
        "SIGCLD, SIGIOT, SIGPOLL are 17, 6, 29 as in CPython",
        sig::SIGCLD.as_raw() == 17 && sig::SIGIOT.as_raw() == 6 && sig::SIGPOLL.as_raw() == 29,
    );

    let set = SigSet::of(&[sig::SIGUSR1]);
    let _ = sig::pthread_sigmask(sig::SIG_BLOCK, set);
    let _ = sig::raise_signal(sig::SIGUSR1);
    let info = sig::sigwaitinfo(set);
    let _ = sig::pthread_sigmask(sig::SIG_UNBLOCK, set);
    tap.check(
        "sigwaitinfo returns the raised signal's siginfo (SI_TKILL, our pid)",
        matches!(info, Ok(i) if i.signo() == 10 && i.code() == -6 && i.pid() == os::getpid()),
    );

    // A child's exit, as SIGCHLD's siginfo tells it: CLD_EXITED, its pid,
    // its status; si_errno is 0 on Linux.
    let set = SigSet::of(&[sig::SIGCHLD]);
    let _ = sig::pthread_sigmask(sig::SIG_BLOCK, set);
    let child = match os::fork() {
        Ok(0) => os::_exit(3),
        other => other,
    };
    let info = sig::sigwaitinfo(set);
    let reaped = child.map(|pid| os::waitpid(pid, 0));
    let _ = sig::pthread_sigmask(sig::SIG_UNBLOCK, set);
    tap.check(
        "sigwaitinfo reports a child's exit: CLD_EXITED, pid, si_status 3, si_errno 0",
        matches!((info, child), (Ok(i), Ok(pid))
            if i.signo() == 17 && i.code() == 1 && i.pid() == pid && i.status() == 3 && i.errno() == 0)
            && matches!(reaped, Ok(Ok(_))),
    );

    let _ = sig::signal(sig::SIGUSR1, Handler::Function(count));
    let restart = |s| sig::getsignal(s).map(|a| a.flags.contains(sig::SigActionFlags::RESTART));
    let before = restart(sig::SIGUSR1);
    let off = sig::siginterrupt(sig::SIGUSR1, true).is_ok() && restart(sig::SIGUSR1) == Ok(false);
    let on = sig::siginterrupt(sig::SIGUSR1, false).is_ok() && restart(sig::SIGUSR1) == Ok(true);
    tap.check(
        "siginterrupt turns SA_RESTART off and on, keeping the handler",
        before == Ok(true)
            && off
            && on
            && matches!(sig::getsignal(sig::SIGUSR1), Ok(a) if matches!(a.handler, Handler::Function(_))),
    );
    let _ = sig::signal(sig::SIGUSR1, sig::SIG_DFL);

    // default_int_handler: Strata's KeyboardInterrupt stops a blocking read.
    let (r, w) = os::pipe().expect("pipe");
    let _ = (sig::interrupted(), sig::caught(sig::SIGALRM));
    let _ = sig::sigaction(
        sig::SIGALRM,
        &SigAction::new(Handler::Function(sig::default_int_handler)),
    );
    let _ = sig::setitimer(sig::ITIMER_REAL, Duration::from_millis(20), Duration::ZERO);
    let mut buf = [0u8; 4];
    let got = os::read(&r, &mut buf);
    tap.check(
        "default_int_handler stops a blocking read with EINTR",
        got == Err(Errno::INTR) && sig::caught(sig::SIGALRM) == 1,
    );
    let _ = sig::signal(sig::SIGALRM, sig::SIG_IGN);
    drop(w);

    let code = match os::fork() {
        Ok(0) => loop {
            sig::pause();
        },
        Ok(pid) => {
            let sent = os::pidfd_open(pid, 0).map(|fd| {
                let alive = sig::pidfd_send_signal(&fd, 0, 0);
                let term = sig::pidfd_send_signal(&fd, sig::SIGTERM.as_raw(), 0);
                let status = os::waitpid(pid, 0).map(|(_, st)| os::waitstatus_to_exitcode(st));
                let gone = sig::pidfd_send_signal(&fd, 0, 0);
                (alive, term, status, gone)
            });
            Some(sent)
        }
        Err(_) => None,
    };
    let ok = matches!(
        code,
        Some(Ok((Ok(()), Ok(()), Ok(Ok(-15)), Err(Errno::SRCH))))
    );
    if !ok {
        strata_core::println!("# pidfd_send_signal: {:?}", code);
    }
    tap.check(
        "pidfd_send_signal kills a child; signal 0 then says ESRCH",
        ok,
    );
    tap.check(
        "pidfd_send_signal with a bad signal is EINVAL",
        os::pidfd_open(os::getpid(), 0)
            .is_ok_and(|fd| sig::pidfd_send_signal(&fd, 65, 0) == Err(Errno::INVAL)),
    );
}

fn now() -> Duration {
    let t = rustix::time::clock_gettime(rustix::time::ClockId::Monotonic);
    Duration::new(t.tv_sec as u64, t.tv_nsec as u32)
}
