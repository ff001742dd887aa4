//! The screen's life: `initscr` and `endwin`, the terminal modes, sizes
//! and resizing, the bell, the cursor, and putting the terminal back when
//! the program panics or a signal ends it.

use super::caps::Caps;
use super::cell::Cell;
use super::color::Colors;
use super::input::Input;
use super::keys::{KEY_RESIZE, KeyMap};
use super::screen::{Modes, Screen};
use super::term::{OUTPUT, fd, prog_mode};
use super::window::{Window, resize_window};
use super::{Error, SCREEN, err, terminfo, with_screen};
use alloc::vec;
use alloc::vec::Vec;
use strata_core::signal::{self, Handler, Signal};
use strata_core::sync::Mutex;
use strata_core::termios::{SpecialCodeIndex, Termios, When};

/// What puts the terminal back when the program cannot call `endwin`
/// (a panic, a signal that ends it): the shell's modes and `endwin`'s
/// bytes, kept apart from the screen so that a handler never waits on
/// the screen's lock.
struct Restore {
    active: bool,
    shell: Option<Termios>,
    bytes: Vec<u8>,
}

static RESTORE: Mutex<Restore> = Mutex::new(Restore {
    active: false,
    shell: None,
    bytes: Vec::new(),
});

/// Signals whose default ends the program: ncurses catches `SIGINT` and
/// `SIGTERM` for this; a program with no handler of its own for the
/// others loses the terminal as surely.
const FATAL: [Signal; 4] = [
    signal::SIGHUP,
    signal::SIGINT,
    signal::SIGQUIT,
    signal::SIGTERM,
];

/// Puts the terminal back if the screen is active; async-signal-safe (a
/// try-lock, a write and an ioctl, no allocation).
fn restore_terminal() {
    let Some(mut r) = RESTORE.try_lock() else {
        return;
    };
    if !core::mem::take(&mut r.active) {
        return;
    }
    let mut rest = &r.bytes[..];
    while let Ok(n @ 1..) = strata_core::os::write(fd(OUTPUT), rest) {
        rest = &rest[n..];
    }
    if let Some(shell) = &r.shell {
        let _ = strata_core::termios::tcsetattr(fd(OUTPUT), When::Now, shell);
    }
}

extern "C" fn on_fatal_signal(sig: i32) {
    restore_terminal();
    // Then die of the signal as if it had not been caught.
    if let Some(sig) = Signal::new(sig) {
        let _ = signal::signal(sig, Handler::Default);
        let _ = signal::pthread_sigmask(signal::SIG_UNBLOCK, signal::SigSet::of(&[sig]));
        let _ = signal::raise_signal(sig);
    }
}

impl Screen {
    fn new(ti: &terminfo::Terminfo) -> Screen {
        let caps = Caps::new(ti);
        let lines = caps.lines.unwrap_or(24).max(1) as usize;
        let cols = caps.cols.unwrap_or(80).max(1) as usize;
        let shell = strata_core::termios::tcgetattr(fd(OUTPUT)).ok();
        let prog = shell.as_ref().map(prog_mode);
        let mut s = Screen {
            caps,
            lines,
            cols,
            bufs: Vec::new(),
            wins: Vec::new(),
            stdscr: 0,
            newscr: vec![Cell::BLANK; lines * cols],
            new_cursor: Some((0, 0)),
            curscr: vec![Cell::BLANK; lines * cols],
            phys_cursor: None,
            phys_attr: 0,
            phys_pair: super::update::TERMINAL_DEFAULT,
            clear_next: true,
            out: Vec::new(),
            colors: Colors::new(),
            modes: Modes {
                echo: true,
                cbreak: true,
                raw: false,
                nl: true,
                halfdelay: 0,
                meta: true,
                cursor: 1,
            },
            input: Input::new(KeyMap::new(ti)),
            shell_mode: shell,
            prog_mode: prog,
            ended: false,
            panels: Default::default(),
        };
        s.stdscr = s.new_window(lines, cols, 0, 0, false);
        s
    }

    /// `endwin()`'s bytes, as a string the restore path can also send.
    fn leave_bytes(&mut self) -> Vec<u8> {
        let saved = core::mem::take(&mut self.out);
        let (attr, pair, cursor) = (self.phys_attr, self.phys_pair, self.phys_cursor);
        self.leave();
        let bytes = core::mem::replace(&mut self.out, saved);
        (self.phys_attr, self.phys_pair, self.phys_cursor) = (attr, pair, cursor);
        self.ended = false;
        bytes
    }

    /// Keeps what [`restore_terminal`] sends in step with the screen.
    fn arm_restore(&mut self) {
        let bytes = self.leave_bytes();
        let mut r = RESTORE.lock();
        r.bytes = bytes;
        r.shell = self.shell_mode.clone();
        r.active = true;
    }

    /// A refresh after `endwin`: the program's modes and screen back, and
    /// everything redrawn.
    pub(crate) fn reenter(&mut self) {
        if !self.ended {
            return;
        }
        if let Some(p) = &self.prog_mode {
            let _ = strata_core::termios::tcsetattr(fd(OUTPUT), When::Drain, p);
        }
        self.enter();
        self.arm_restore();
    }

    /// `resize_term(lines, cols)`: stdscr takes the new size, other
    /// windows are pulled in to fit, and the next update redraws all.
    pub(crate) fn resize(&mut self, lines: usize, cols: usize) -> Result<(), ()> {
        if lines == 0 || cols == 0 || Screen::check_size(lines, cols).is_err() {
            return Err(());
        }
        for id in 0..self.wins.len() {
            let Some(w) = self.wins[id].as_ref() else {
                continue;
            };
            if w.parent.is_some() || w.is_pad {
                continue;
            }
            let (nl, nc) = if id == self.stdscr {
                (lines, cols)
            } else {
                let (by, bx) = (w.begy.max(0) as usize, w.begx.max(0) as usize);
                // A window past the new edge moves in, then shrinks.
                let w = self.win_mut(id);
                w.begy = by.min(lines - 1) as i32;
                w.begx = bx.min(cols - 1) as i32;
                let (by, bx) = (w.begy as usize, w.begx as usize);
                (w.lines.min(lines - by), w.cols.min(cols - bx))
            };
            let w = self.win(id);
            if (nl, nc) != (w.lines, w.cols) {
                resize_window(self, id, nl as i32, nc as i32).map_err(|_| ())?;
            }
        }
        self.lines = lines;
        self.cols = cols;
        self.newscr = vec![Cell::BLANK; lines * cols];
        self.curscr = vec![Cell::BLANK; lines * cols];
        self.clear_next = true;
        self.phys_cursor = None;
        if let Some(csr) = Caps::param(&self.caps.csr, &[0, lines as i64 - 1]) {
            self.out.extend_from_slice(&csr);
        }
        let stdscr = self.stdscr;
        self.win_mut(stdscr).clearok = false;
        let w = self.win_mut(stdscr);
        w.first.iter_mut().for_each(|f| *f = 0);
        w.last.iter_mut().for_each(|l| *l = cols - 1);
        if !self.ended {
            self.arm_restore();
        }
        Ok(())
    }

    /// `SIGWINCH` came: the terminal's new size, and `KEY_RESIZE` for
    /// `getch` (ncurses' `_nc_update_screensize`).
    pub(crate) fn resize_from_terminal(&mut self) -> i32 {
        if let Ok(size) = strata_core::tty::get_terminal_size(fd(OUTPUT)) {
            let (l, c) = (usize::from(size.lines), usize::from(size.columns));
            if (l, c) != (self.lines, self.cols) {
                let _ = self.resize(l, c);
            }
        }
        KEY_RESIZE
    }
}

/// `curses.initscr()`—sets up the terminal named by `$TERM` (its terminfo
/// entry, its size from the terminal or `$LINES`/`$COLUMNS`), enters the
/// program's screen and modes, and returns `stdscr`, the window covering
/// it. Called again, it refreshes `stdscr` and returns it.
///
/// The terminal is put back by [`endwin`], and also when the program
/// panics or `SIGHUP`, `SIGINT`, `SIGQUIT` or `SIGTERM` (left at their
/// default) ends it.
///
/// # Errors
///
/// `setupterm: could not find terminal` for a terminal with no entry
/// (none of the built-in ones either), `setupterm: could not find
/// terminfo database` with `$TERM` unset.
#[doc(alias = "curses.initscr")]
pub fn initscr() -> Result<Window, Error> {
    let mut guard = SCREEN.lock();
    if let Some(s) = guard.as_mut() {
        let id = s.stdscr;
        s.win_mut(id).handles += 1;
        s.reenter();
        s.noutrefresh(id);
        let _ = s.doupdate();
        return Ok(Window { id });
    }
    terminfo::setupterm(None, OUTPUT)?;
    let ti = terminfo::current().ok_or(err("setupterm: could not find terminal"))?;
    let mut s = Screen::new(&ti);
    if let Some(p) = &s.prog_mode {
        let _ = strata_core::termios::tcsetattr(fd(OUTPUT), When::Drain, p);
    }
    s.enter();
    for cap in [&s.caps.rmir, &s.caps.smam] {
        if let Some(b) = Caps::plain(cap) {
            s.out.extend_from_slice(&b);
        }
    }
    let _ = s.flush();
    s.arm_restore();
    let _ = signal::catch(signal::SIGWINCH, true);
    for sig in FATAL {
        if matches!(signal::getsignal(sig), Ok(a) if matches!(a.handler, Handler::Default)) {
            let _ = signal::signal(sig, Handler::Function(on_fatal_signal));
        }
    }
    strata_core::rt::set_panic_hook(restore_terminal);
    let _ = strata_core::rt::atexit(restore_terminal);
    let id = s.stdscr;
    *guard = Some(s);
    Ok(Window { id })
}

/// `curses.endwin()`—puts the terminal back as the shell had it: default
/// attributes, the cursor at the bottom left and visible, the shell's
/// screen and modes. The next refresh returns to the program's screen.
///
/// # Errors
///
/// `endwin() returned ERR` when the output is no terminal (its bytes are
/// written even so), as ncurses.
#[doc(alias = "curses.endwin")]
pub fn endwin() -> Result<(), Error> {
    with_screen(|s| {
        if s.ended {
            return Ok(());
        }
        s.leave();
        let _ = s.flush();
        RESTORE.lock().active = false;
        match &s.shell_mode {
            Some(shell) => strata_core::termios::tcsetattr(fd(OUTPUT), When::Drain, shell)
                .map_err(|_| err("endwin() returned ERR")),
            None => Err(err("endwin() returned ERR")),
        }
    })
}

/// `curses.isendwin()`—whether [`endwin`] was called with no refresh
/// since.
pub fn isendwin() -> Result<bool, Error> {
    with_screen(|s| Ok(s.ended))
}

/// `curses.wrapper(func)`—runs `func(stdscr)` in a curses screen set up
/// as Python's wrapper does (`cbreak`, `noecho`, keypad on, colours
/// started where the terminal has them) and puts the terminal back
/// afterwards, whatever `func` returns.
///
/// # Errors
///
/// [`initscr`]'s errors.
pub fn wrapper<T>(func: impl FnOnce(&Window) -> T) -> Result<T, Error> {
    let stdscr = initscr()?;
    let _ = noecho();
    let _ = cbreak();
    stdscr.keypad(true);
    let _ = super::start_color();
    let result = func(&stdscr);
    stdscr.keypad(false);
    let _ = echo();
    let _ = nocbreak();
    endwin()?;
    Ok(result)
}

/// `curses.doupdate()`—draws on the terminal what the windows marked
/// with `noutrefresh` hold, in one write.
///
/// # Errors
///
/// `doupdate() returned ERR` when the terminal cannot be written.
pub fn doupdate() -> Result<(), Error> {
    with_screen(|s| {
        s.reenter();
        s.doupdate().map_err(|_| err("doupdate() returned ERR"))
    })
}

/// `curses.newwin(nlines, ncols, begin_y=0, begin_x=0)`—a window; 0 lines
/// or columns stand for "to the bottom" or "to the right edge".
///
/// # Errors
///
/// `curses function returned NULL` for a negative size or one too big.
pub fn newwin(nlines: i32, ncols: i32, begin_y: i32, begin_x: i32) -> Result<Window, Error> {
    with_screen(|s| {
        if nlines < 0 || ncols < 0 || begin_y < 0 || begin_x < 0 {
            return Err(err("curses function returned NULL"));
        }
        let fit = |n: i32, total: usize, begin: i32| {
            if n == 0 { total as i32 - begin } else { n }
        };
        let (l, c) = (fit(nlines, s.lines, begin_y), fit(ncols, s.cols, begin_x));
        if l <= 0 || c <= 0 || Screen::check_size(l as usize, c as usize).is_err() {
            return Err(err("curses function returned NULL"));
        }
        let id = s.new_window(l as usize, c as usize, begin_y, begin_x, false);
        Ok(Window { id })
    })
}

/// `curses.newpad(nlines, ncols)`—a pad: a window not tied to the screen,
/// shown a part at a time by [`Window::prefresh`].
///
/// # Errors
///
/// `curses function returned NULL` for a size below 1 or too big.
pub fn newpad(nlines: i32, ncols: i32) -> Result<Window, Error> {
    with_screen(|s| {
        if nlines <= 0 || ncols <= 0 || Screen::check_size(nlines as usize, ncols as usize).is_err()
        {
            return Err(err("curses function returned NULL"));
        }
        let id = s.new_window(nlines as usize, ncols as usize, 0, 0, true);
        Ok(Window { id })
    })
}

/// The terminal's height: Python's `curses.LINES`, kept current through
/// resizes.
pub fn lines() -> Result<i32, Error> {
    with_screen(|s| Ok(s.lines as i32))
}

/// The terminal's width: Python's `curses.COLS`.
pub fn cols() -> Result<i32, Error> {
    with_screen(|s| Ok(s.cols as i32))
}

/// `curses.resizeterm(nlines, ncols)`—resizes the screen to a size the
/// terminal now has (what `KEY_RESIZE` does by itself).
///
/// # Errors
///
/// `resizeterm() returned ERR` for a size below 1 or too big.
pub fn resizeterm(nlines: i32, ncols: i32) -> Result<(), Error> {
    resize_with(nlines, ncols, "resizeterm() returned ERR")
}

/// `curses.resize_term(nlines, ncols)`—as [`resizeterm`]; ncurses'
/// lower-level form, which here does the same.
///
/// # Errors
///
/// `resize_term() returned ERR` for a size below 1 or too big.
pub fn resize_term(nlines: i32, ncols: i32) -> Result<(), Error> {
    resize_with(nlines, ncols, "resize_term() returned ERR")
}

fn resize_with(nlines: i32, ncols: i32, message: &'static str) -> Result<(), Error> {
    with_screen(|s| {
        let (Ok(l), Ok(c)) = (usize::try_from(nlines), usize::try_from(ncols)) else {
            return Err(err(message));
        };
        s.resize(l, c).map_err(|_| err(message))
    })
}

/// `curses.is_term_resized(nlines, ncols)`—whether the screen's size
/// differs from the one given.
pub fn is_term_resized(nlines: i32, ncols: i32) -> Result<bool, Error> {
    with_screen(|s| Ok((nlines, ncols) != (s.lines as i32, s.cols as i32)))
}

fn set_modes(f: impl FnOnce(&mut Modes), name: &'static str) -> Result<(), Error> {
    with_screen(|s| {
        f(&mut s.modes);
        s.apply_modes().map_err(|_| err(name))
    })
}

/// `curses.cbreak()`—keys reach the program as typed, not a line at a
/// time; interrupt and suspend characters still work.
pub fn cbreak() -> Result<(), Error> {
    set_modes(
        |m| {
            m.cbreak = true;
            m.halfdelay = 0;
        },
        "cbreak() returned ERR",
    )
}

/// `curses.nocbreak()`—back to a line at a time.
pub fn nocbreak() -> Result<(), Error> {
    set_modes(
        |m| {
            m.cbreak = false;
            m.halfdelay = 0;
        },
        "nocbreak() returned ERR",
    )
}

/// `curses.raw()`—as [`cbreak`], and the interrupt, quit, suspend and
/// flow-control characters arrive as keys.
pub fn raw() -> Result<(), Error> {
    set_modes(|m| m.raw = true, "raw() returned ERR")
}

/// `curses.noraw()`.
pub fn noraw() -> Result<(), Error> {
    set_modes(|m| m.raw = false, "noraw() returned ERR")
}

/// `curses.echo()`—curses shows the keys `getch` reads.
pub fn echo() -> Result<(), Error> {
    set_modes(|m| m.echo = true, "echo() returned ERR")
}

/// `curses.noecho()`.
pub fn noecho() -> Result<(), Error> {
    set_modes(|m| m.echo = false, "noecho() returned ERR")
}

/// `curses.nl()`—Enter (`\r`) reads as `\n`.
pub fn nl() -> Result<(), Error> {
    set_modes(|m| m.nl = true, "nl() returned ERR")
}

/// `curses.nonl()`—Enter reads as `\r`.
pub fn nonl() -> Result<(), Error> {
    set_modes(|m| m.nl = false, "nonl() returned ERR")
}

/// `curses.halfdelay(tenths)`—cbreak mode in which `getch` waits at most
/// `tenths` tenths of a second.
///
/// # Errors
///
/// `halfdelay() returned ERR` for 0, as ncurses (1–255 are allowed).
pub fn halfdelay(tenths: u8) -> Result<(), Error> {
    if tenths == 0 {
        return Err(err("halfdelay() returned ERR"));
    }
    set_modes(
        |m| {
            m.cbreak = true;
            m.halfdelay = tenths;
        },
        "halfdelay() returned ERR",
    )
}

/// `curses.meta(flag)`—whether input keeps all 8 bits (`CS8`, and the
/// terminal's meta mode `smm`/`rmm` where it has one).
pub fn meta(flag: bool) -> Result<(), Error> {
    set_modes(|m| m.meta = flag, "meta() returned ERR")
}

/// `curses.curs_set(visibility)`—hides (0), shows (1) or emphasises (2)
/// the cursor; returns the previous visibility.
///
/// # Errors
///
/// `curs_set() returned ERR` for another value or a terminal without
/// the capability.
pub fn curs_set(visibility: i32) -> Result<i32, Error> {
    with_screen(|s| {
        let cap = match visibility {
            0 => &s.caps.civis,
            1 => &s.caps.cnorm,
            2 => &s.caps.cvvis,
            _ => return Err(err("curs_set() returned ERR")),
        };
        let bytes = Caps::plain(cap).ok_or(err("curs_set() returned ERR"))?;
        let old = core::mem::replace(&mut s.modes.cursor, visibility);
        if old != visibility {
            s.out.extend_from_slice(&bytes);
            let _ = s.flush();
            s.arm_restore();
        }
        Ok(old)
    })
}

/// `curses.beep()`—the audible bell, else the visible one.
///
/// # Errors
///
/// `beep() returned ERR` when the terminal has neither.
pub fn beep() -> Result<(), Error> {
    bell(false)
}

/// `curses.flash()`—the visible bell, else the audible one.
///
/// # Errors
///
/// `flash() returned ERR` when the terminal has neither.
pub fn flash() -> Result<(), Error> {
    bell(true)
}

fn bell(visible: bool) -> Result<(), Error> {
    with_screen(|s| {
        let (first, second, name) = if visible {
            (&s.caps.flash, &s.caps.bel, "flash() returned ERR")
        } else {
            (&s.caps.bel, &s.caps.flash, "beep() returned ERR")
        };
        let bytes = Caps::plain(first)
            .or_else(|| Caps::plain(second))
            .ok_or(err(name))?;
        s.out.extend_from_slice(&bytes);
        s.flush().map_err(|_| err(name))
    })
}

/// `curses.napms(ms)`—sleeps `ms` milliseconds; returns them, as Python.
pub fn napms(ms: i32) -> i32 {
    let ms_u = ms.max(0);
    let _ = strata_core::time::sleep(f64::from(ms_u) / 1000.0);
    ms
}

/// `curses.erasechar()`—the terminal's erase character (`b"\x7f"`).
pub fn erasechar() -> Result<u8, Error> {
    special(SpecialCodeIndex::VERASE)
}

/// `curses.killchar()`—the terminal's line-kill character (`b"\x15"`).
pub fn killchar() -> Result<u8, Error> {
    special(SpecialCodeIndex::VKILL)
}

fn special(index: SpecialCodeIndex) -> Result<u8, Error> {
    with_screen(|s| Ok(s.shell_mode.as_ref().map_or(0, |t| t.special_codes[index])))
}

/// `curses.termname()`—the terminal's name as its entry gives it first
/// (up to 14 bytes, as ncurses).
pub fn termname() -> Result<Vec<u8>, Error> {
    names(|n| {
        let first = n.split(|&b| b == b'|').next().unwrap_or(&[]);
        first[..first.len().min(14)].to_vec()
    })
}

/// `curses.longname()`—the terminal's description, the last field of its
/// names (`b"xterm with 256 colors"`).
pub fn longname() -> Result<Vec<u8>, Error> {
    names(|n| n.rsplit(|&b| b == b'|').next().unwrap_or(&[]).to_vec())
}

fn names(f: impl FnOnce(&[u8]) -> Vec<u8>) -> Result<Vec<u8>, Error> {
    with_screen(|_| {
        let ti = terminfo::current().ok_or(err("must call initscr() first"))?;
        Ok(f(ti.names()))
    })
}

/// `curses.has_ic()`—whether the terminal can insert and delete
/// characters.
pub fn has_ic() -> Result<bool, Error> {
    with_screen(|s| {
        let c = &s.caps;
        let insert = c.ich.is_some() || c.ich1.is_some() || (c.smir.is_some() && c.rmir.is_some());
        Ok(insert && (c.dch.is_some() || c.dch1.is_some()))
    })
}

/// `curses.has_il()`—whether the terminal can insert and delete lines
/// (or scroll a region).
pub fn has_il() -> Result<bool, Error> {
    with_screen(|s| {
        let c = &s.caps;
        Ok(
            ((c.il1.is_some() || c.il.is_some()) && (c.dl1.is_some() || c.dl.is_some()))
                || c.csr.is_some(),
        )
    })
}

/// `curses.unctrl(ch)`—how curses shows a character: `b"^A"` for a
/// control, `b"~@"` for a C1 control, `b"M-H"` for another byte past
/// 127 (as ncurses does for `chtype` values), the character itself
/// otherwise.
pub fn unctrl(ch: u32) -> Vec<u8> {
    let b = ch & 0xff;
    match b {
        0..=0x1f | 0x7f | 0x80..=0x9f => {
            let (a, c) = super::unctrl_pair(char::from(b as u8));
            vec![a as u8, c as u8]
        }
        0xa0..=0xff => vec![b'M', b'-', (b - 0x80) as u8],
        _ => vec![b as u8],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unctrl_as_ncurses() {
        assert_eq!(unctrl(1), b"^A");
        assert_eq!(unctrl(127), b"^?");
        assert_eq!(unctrl(128), b"~@");
        assert_eq!(unctrl(0x9b), b"~[");
        assert_eq!(unctrl(200), b"M-H");
        assert_eq!(unctrl(u32::from(b'a')), b"a");
    }

    #[test]
    fn before_initscr_python_error() {
        // No test in this binary calls initscr: curses needs a terminal.
        assert_eq!(
            newwin(1, 1, 0, 0).unwrap_err().message(),
            "must call initscr() first"
        );
        assert_eq!(cols().unwrap_err().message(), "must call initscr() first");
    }
}
