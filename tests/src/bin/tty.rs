//! The terminal test program: a real pseudo-terminal from `openpty`, raw
//! and cbreak modes seen from the master side, a window size set with
//! TIOCSWINSZ and read back, line control, ttyname, and the COLUMNS/LINES
//! rules of `shutil.get_terminal_size` (the harness sets COLUMNS=77 and
//! leaves LINES unset).
//!
//! `tty seccomp` first installs a seccomp filter that refuses the
//! `TCGETS2`/`TCSETS2` ioctls with `ENOTTY`, as some containers do, and
//! checks that attributes still work through the `TCGETS`/`TCSETS`
//! fallback (x86_64 natively: qemu-user has no seccomp).
#![no_std]
#![no_main]

use core::time::Duration;
use strata_core::errno::Errno;
use strata_core::os;
use strata_core::termios;
use strata_core::tty::{self, LocalModes, TerminalSize, When, Winsize};
use strata_tests::Tap;

strata_core::main!(main);

fn main() -> i32 {
    if os::argv().nth(1).map(|a| a.to_bytes()) == Some(b"seccomp") {
        return without_tcgets2();
    }
    let mut tap = Tap::new();
    let (master, slave) = match tty::openpty() {
        Ok(pair) => pair,
        Err(e) => {
            strata_core::println!("# openpty: {}", e);
            tap.check("openpty", false);
            return tap.finish();
        }
    };
    tap.check(
        "openpty gives two terminals",
        tty::isatty(&master) && tty::isatty(&slave),
    );
    let (r, _w) = os::pipe().expect("pipe");
    tap.check("a pipe is not a terminal", !tty::isatty(&r));
    let mut name = [0u8; 64];
    tap.check(
        "ttyname names the slave /dev/pts/N",
        tty::ttyname(&slave, &mut name).is_ok_and(|n| n.starts_with("/dev/pts/")),
    );
    tap.check(
        "ttyname of a pipe is ENOTTY",
        tty::ttyname(&r, &mut name).err() == Some(Errno::NOTTY),
    );
    tap.check("ctermid is /dev/tty", tty::ctermid() == "/dev/tty");

    let _ = os::set_blocking(&master, false);
    let cooked = tty::tcgetattr(&slave);
    tap.check(
        "a new pty is in canonical mode with echo",
        cooked.as_ref().is_ok_and(|t| {
            t.local_modes
                .contains(LocalModes::ICANON | LocalModes::ECHO)
        }),
    );

    // Canonical mode: echo comes back, and input waits for a newline.
    let _ = os::write(&master, b"ab");
    let echoed = read_master(&master);
    let mut buf = [0u8; 16];
    let _ = os::set_blocking(&slave, false);
    let waiting = os::read(&slave, &mut buf) == Err(Errno::AGAIN);
    tap.check(
        "cooked: echoed, and no input before the newline",
        echoed.bytes() == b"ab" && waiting,
    );
    let _ = tty::tcflush(&slave, tty::QueueSelector::IOFlush);

    // Raw mode: bytes arrive one by one, nothing is echoed or translated.
    let old = tty::setraw(&slave, When::Now);
    let _ = os::write(&master, b"x\r\x03");
    sleep_a_little();
    let n = os::read(&slave, &mut buf).unwrap_or(0);
    tap.check(
        "raw: bytes arrive at once, untranslated, ^C is data",
        &buf[..n] == b"x\r\x03",
    );
    tap.check(
        "raw: nothing echoed",
        read_master(&master).bytes().is_empty(),
    );
    let raw_attrs = tty::tcgetattr(&slave);
    tap.check(
        "raw: ICANON, ECHO and ISIG are off",
        raw_attrs.is_ok_and(|t| {
            !t.local_modes
                .intersects(LocalModes::ICANON | LocalModes::ECHO | LocalModes::ISIG)
        }),
    );

    // Restore, then cbreak: no echo, no lines, but signals stay on.
    let restored = old
        .as_ref()
        .is_ok_and(|old| tty::tcsetattr(&slave, When::Now, old).is_ok());
    let back = tty::tcgetattr(&slave);
    tap.check(
        "setraw returned the mode, and restoring it works",
        restored
            && back.is_ok_and(|t| {
                t.local_modes
                    .contains(LocalModes::ICANON | LocalModes::ECHO)
            }),
    );
    let _ = tty::setcbreak(&slave, When::Drain);
    let _ = os::write(&master, b"q");
    sleep_a_little();
    let n = os::read(&slave, &mut buf).unwrap_or(0);
    let cbreak = tty::tcgetattr(&slave);
    tap.check(
        "cbreak: a byte arrives without newline, not echoed",
        &buf[..n] == b"q" && read_master(&master).bytes().is_empty(),
    );
    tap.check(
        "cbreak: ISIG stays on",
        cbreak.is_ok_and(|t| t.local_modes.contains(LocalModes::ISIG)),
    );

    // Window size.
    let set = tty::tcsetwinsize(
        &slave,
        Winsize {
            ws_row: 50,
            ws_col: 132,
            ws_xpixel: 0,
            ws_ypixel: 0,
        },
    );
    let got = tty::get_terminal_size(&slave);
    tap.check(
        "a size set with TIOCSWINSZ reads back",
        set.is_ok()
            && got
                == Ok(TerminalSize {
                    columns: 132,
                    lines: 50,
                }),
    );
    tap.check(
        "the size is the same from the master side",
        tty::tcgetwinsize(&master).is_ok_and(|w| w.ws_col == 132 && w.ws_row == 50),
    );
    tap.check(
        "get_terminal_size of a pipe is ENOTTY",
        tty::get_terminal_size(&r).err() == Some(Errno::NOTTY),
    );

    // Speeds and line control.
    let mut t = tty::tcgetattr(&slave).expect("tcgetattr");
    let speed = t.set_output_speed(9600).is_ok() && tty::tcsetattr(&slave, When::Now, &t).is_ok();
    tap.check(
        "an output speed set reads back",
        speed && tty::tcgetattr(&slave).is_ok_and(|t| t.output_speed() == 9600),
    );
    tap.check(
        "tcdrain, tcflush, tcflow and tcsendbreak work on a pty",
        tty::tcdrain(&slave).is_ok()
            && tty::tcflush(&slave, tty::QueueSelector::IFlush).is_ok()
            && tty::tcflow(&slave, tty::Action::OOff).is_ok()
            && tty::tcflow(&slave, tty::Action::OOn).is_ok()
            && tty::tcsendbreak(&slave).is_ok(),
    );

    ioctls(&mut tap, &master, &slave);
    constants(&mut tap);

    // shutil.get_terminal_size: COLUMNS from the environment, LINES from
    // the terminal on stdout if there is one, else the fallback.
    let columns = os::getenv("COLUMNS")
        .and_then(|v| core::str::from_utf8(v).ok())
        .and_then(|v| v.parse().ok());
    if let Some(columns) = columns {
        let size = tty::terminal_size(TerminalSize {
            columns: 80,
            lines: 24,
        });
        let lines_ok = if tty::isatty(unsafe_stdout()) {
            size.lines > 0
        } else {
            size.lines == 24
        };
        tap.check(
            "terminal_size takes COLUMNS, falls back for LINES",
            size.columns == columns && lines_ok,
        );
    }
    tap.finish()
}

/// The `termios` ioctl calls: FIONREAD counts, a pty has no modem lines,
/// a new session's leader takes the pty as its controlling terminal.
fn ioctls(tap: &mut Tap, master: &rustix::fd::OwnedFd, slave: &rustix::fd::OwnedFd) {
    let (r, w) = os::pipe().expect("pipe");
    let _ = os::write(&w, b"12345");
    tap.check(
        "FIONREAD on a pipe after writing 5 bytes is 5",
        termios::ioctl_get_int(&r, termios::FIONREAD) == Ok(5),
    );
    let _ = tty::setraw(slave, When::Now);
    let _ = tty::tcflush(slave, tty::QueueSelector::IOFlush);
    let _ = os::write(master, b"abcdefg");
    sleep_a_little();
    let pending = termios::ioctl_get_int(slave, termios::FIONREAD);
    tap.check(
        "FIONREAD on a pty slave after 7 bytes is 7",
        pending == Ok(7),
    );
    let _ = tty::tcflush(slave, tty::QueueSelector::IOFlush);
    let modem = termios::ioctl_get_int(slave, termios::TIOCMGET);
    tap.check(
        "TIOCMGET on a pty is ENOTTY or EINVAL (no modem lines)",
        matches!(modem, Err(Errno::NOTTY) | Err(Errno::INVAL)),
    );
    tap.check(
        "a request outside the int forms is EINVAL",
        termios::ioctl_get_int(slave, termios::TIOCGWINSZ) == Err(Errno::INVAL),
    );
    tap.check(
        "FIONCLEX/FIOCLEX toggle close-on-exec",
        termios::ioctl_none(&r, termios::FIONCLEX).is_ok()
            && os::get_inheritable(&r) == Ok(true)
            && termios::ioctl_none(&r, termios::FIOCLEX).is_ok()
            && os::get_inheritable(&r) == Ok(false),
    );
    // TIOCSCTTY: only a session leader without a terminal may.
    let code = match os::fork() {
        Ok(0) => {
            let me = os::getpid();
            let code = if os::setsid().is_err() {
                2
            } else if termios::ioctl_none(slave, termios::TIOCSCTTY).is_err() {
                3
            } else if termios::ioctl_get_int(slave, termios::TIOCGPGRP) != Ok(me) {
                4
            } else {
                0
            };
            strata_core::rt::_exit(code)
        }
        Ok(pid) => os::waitpid(pid, 0)
            .ok()
            .and_then(|(_, status)| os::waitstatus_to_exitcode(status).ok()),
        Err(_) => None,
    };
    if code != Some(0) {
        strata_core::println!("# TIOCSCTTY child: {:?}", code);
    }
    tap.check(
        "TIOCSCTTY after setsid makes the pty the child's terminal",
        code == Some(0),
    );
}

/// Every termios constant against CPython's value (the fixture was made on
/// x86_64; the asm-generic values are the same on every arch we build).
fn constants(tap: &mut Tap) {
    const ORACLE: &str = include_str!("../../oracle/termios.txt");
    let (mut seen, mut wrong) = (0, 0);
    names::termios_names(&mut |name, value| {
        seen += 1;
        let expected = ORACLE
            .lines()
            .filter_map(|l| l.split_once('='))
            .find(|(n, _)| *n == name)
            .and_then(|(_, v)| v.parse::<i64>().ok());
        // NCCS: the kernel's 19, where CPython has glibc's 32.
        let ok = if name == "NCCS" {
            value == 19
        } else {
            expected == Some(value)
        };
        if !ok {
            wrong += 1;
            strata_core::println!("# {} = {}, CPython {:?}", name, value, expected);
        }
    });
    tap.check(
        "every termios constant has CPython's value",
        seen > 190 && wrong == 0,
    );
}

mod names {
    use strata_core::termios::*;
    include!("../termios_names.rs");
}

fn unsafe_stdout() -> rustix::fd::BorrowedFd<'static> {
    // SAFETY: fd 1 is only inspected, never closed.
    unsafe { rustix::fd::BorrowedFd::borrow_raw(1) }
}

/// What the pty has written back to the master so far (non-blocking).
fn read_master(master: &rustix::fd::OwnedFd) -> Echo {
    sleep_a_little();
    let mut echo = Echo {
        buf: [0; 64],
        len: 0,
    };
    while let Ok(n @ 1..) = os::read(master, &mut echo.buf[echo.len..]) {
        echo.len += n;
    }
    echo
}

/// Bytes read back from the master.
struct Echo {
    buf: [u8; 64],
    len: usize,
}

impl Echo {
    fn bytes(&self) -> &[u8] {
        &self.buf[..self.len]
    }
}

fn sleep_a_little() {
    let _ = rustix::thread::nanosleep(&rustix::time::Timespec {
        tv_sec: 0,
        tv_nsec: Duration::from_millis(30).as_nanos() as _,
    });
}

/// Refuses TCGETS2 and the TCSETS2 family with ENOTTY for this process,
/// then checks that tcgetattr/tcsetattr still work.
fn without_tcgets2() -> i32 {
    use linux_raw_sys::ioctl::{TCGETS2, TCSETS2, TCSETSF2, TCSETSW2};
    let installed = strata_tests::seccomp::Filter::new()
        .refuse_ioctls(&[TCGETS2, TCSETS2, TCSETSW2, TCSETSF2], Errno::NOTTY)
        .install();
    let mut tap = Tap::new();
    tap.check(
        "a seccomp filter refusing TCGETS2 is installed",
        installed.is_ok(),
    );
    let Ok((_master, slave)) = tty::openpty() else {
        tap.check("openpty", false);
        return tap.finish();
    };
    let attrs = tty::tcgetattr(&slave);
    tap.check("tcgetattr falls back to TCGETS", attrs.is_ok());
    let old = tty::setraw(&slave, When::Now);
    let raw = tty::tcgetattr(&slave).is_ok_and(|t| !t.local_modes.contains(LocalModes::ICANON));
    tap.check("tcsetattr falls back to TCSETS", old.is_ok() && raw);
    tap.finish()
}
