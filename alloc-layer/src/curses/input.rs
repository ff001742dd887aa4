//! Reading keys: `getch`, `get_wch`, `getkey`, `getstr` and the modes and
//! queues around them, as ncurses' `wgetch` does it — a refresh first, a
//! wait as the window's delay says, escape sequences decoded from the
//! terminal's key capabilities (waiting `ESCDELAY` for the rest of one),
//! the mouse, `KEY_RESIZE` on `SIGWINCH`, and curses' own echo.

use super::keys::{self, Decoded, KeyMap, MouseEvent};
use super::screen::Screen;
use super::term::{INPUT, fd};
use super::window::Window;
use super::{Error, err, with_screen};
use alloc::collections::VecDeque;
use alloc::string::String;
use alloc::vec::Vec;
use strata_core::errno::Errno;
use strata_core::signal;

/// What `ungetch` and `unget_wch` push back.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Pushed {
    Code(i32),
    Char(char),
}

/// A key as `get_wch` returns it: a character, or a `KEY_*` code for a
/// function key (Python's `str` or `int` result).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WideKey {
    /// A character typed.
    Char(char),
    /// A function key: [`KEY_UP`](super::KEY_UP) …, [`KEY_RESIZE`](super::KEY_RESIZE),
    /// [`KEY_MOUSE`](super::KEY_MOUSE).
    Key(i32),
}

pub(crate) struct Input {
    /// Bytes read from the terminal and not yet decoded.
    pub pending: VecDeque<u8>,
    pub pushed: Vec<Pushed>,
    pub keys: KeyMap,
    /// Milliseconds to wait for the rest of an escape sequence.
    pub escdelay: i32,
    pub mouse_mask: u32,
    pub mouse_events: VecDeque<MouseEvent>,
    pub mouse_interval: i32,
    /// Whether `smkx` (keypad transmit) has been sent.
    pub keypad_sent: bool,
}

impl Input {
    pub(crate) fn new(keys: KeyMap) -> Input {
        let escdelay = crate::os::getenv("ESCDELAY")
            .and_then(|v| core::str::from_utf8(&v).ok()?.trim().parse::<i32>().ok())
            .filter(|&n| n >= 0)
            .unwrap_or(1000);
        Input {
            pending: VecDeque::new(),
            pushed: Vec::new(),
            keys,
            escdelay,
            mouse_mask: 0,
            mouse_events: VecDeque::new(),
            mouse_interval: 166,
            keypad_sent: false,
        }
    }
}

/// One step of reading: a byte, a decoded key, or nothing within the
/// wait.
enum Got {
    Byte(u8),
    Code(i32),
    Nothing,
}

impl Screen {
    /// The wait before giving up on input for window `id`, in ms (`None`:
    /// for ever).
    fn wait_ms(&self, id: usize) -> Option<u32> {
        let w = self.win(id);
        if w.delay >= 0 {
            return Some(w.delay as u32);
        }
        if self.modes.halfdelay > 0 {
            return Some(u32::from(self.modes.halfdelay) * 100);
        }
        None
    }

    /// Reads what the terminal has into `pending`, waiting at most `ms`;
    /// false on timeout (or end of input).
    fn fill(&mut self, ms: Option<u32>) -> Result<bool, Got> {
        loop {
            if signal::caught(signal::SIGWINCH) > 0 {
                return Err(Got::Code(self.resize_from_terminal()));
            }
            match strata_core::tty::wait_readable(fd(INPUT), ms) {
                Ok(true) => {}
                Ok(false) => return Ok(false),
                Err(Errno::INTR) => continue,
                Err(_) => return Ok(false),
            }
            let mut buf = [0u8; 256];
            return match strata_core::os::read(fd(INPUT), &mut buf) {
                Ok(0) => Ok(false),
                Ok(n) => {
                    self.input.pending.extend(&buf[..n]);
                    Ok(true)
                }
                Err(Errno::INTR) => continue,
                Err(_) => Ok(false),
            };
        }
    }

    /// Takes the next key for window `id`: decoded when `keypad` is on.
    fn next_key(&mut self, id: usize) -> Got {
        let wait = self.wait_ms(id);
        if self.input.pending.is_empty() {
            match self.fill(wait) {
                Ok(true) => {}
                Ok(false) => return Got::Nothing,
                Err(got) => return got,
            }
        }
        let (keypad, notimeout) = {
            let w = self.win(id);
            (w.keypad, w.notimeout)
        };
        loop {
            if !keypad {
                return self
                    .input
                    .pending
                    .pop_front()
                    .map_or(Got::Nothing, Got::Byte);
            }
            let bytes: Vec<u8> = self.input.pending.iter().copied().collect();
            match self.input.keys.decode(&bytes) {
                Decoded::Key { code, len } => {
                    self.input
                        .pending
                        .drain(..len.min(self.input.pending.len()));
                    return Got::Code(code);
                }
                Decoded::Mouse { event, len } => {
                    self.input
                        .pending
                        .drain(..len.min(self.input.pending.len()));
                    if event.bstate & self.input.mouse_mask != 0 {
                        self.input.mouse_events.push_back(event);
                        return Got::Code(keys::KEY_MOUSE);
                    }
                    if self.input.pending.is_empty() {
                        match self.fill(wait) {
                            Ok(true) => continue,
                            Ok(false) => return Got::Nothing,
                            Err(got) => return got,
                        }
                    }
                }
                Decoded::Prefix => {
                    // The start of a key's sequence: wait ESCDELAY for the
                    // rest, else it was only the bytes typed.
                    let more = if notimeout {
                        None
                    } else {
                        Some(self.input.escdelay.max(0) as u32)
                    };
                    match self.fill(more) {
                        Ok(true) => continue,
                        Ok(false) => {
                            return self
                                .input
                                .pending
                                .pop_front()
                                .map_or(Got::Nothing, Got::Byte);
                        }
                        Err(got) => return got,
                    }
                }
                Decoded::Byte => {
                    return self
                        .input
                        .pending
                        .pop_front()
                        .map_or(Got::Nothing, Got::Byte);
                }
            }
        }
    }

    /// ncurses' `wgetch` before reading: pushed-back keys first, then a
    /// refresh of the window if it changed or its cursor moved.
    fn before_read(&mut self, id: usize) -> Result<Option<Pushed>, Error> {
        if let Some(p) = self.input.pushed.pop() {
            return Ok(Some(p));
        }
        let w = self.win(id);
        let touched = w.first.iter().any(|&f| f != super::screen::NOCHANGE);
        if !w.is_pad && (touched || w.moved) {
            self.reenter();
            self.noutrefresh(id);
            self.doupdate().map_err(|_| err("refresh() returned ERR"))?;
        }
        if w_keypad(self, id) != self.input.keypad_sent {
            self.set_keypad_transmit(w_keypad(self, id));
        }
        Ok(None)
    }

    pub(crate) fn set_keypad_transmit(&mut self, on: bool) {
        let cap = if on { &self.caps.smkx } else { &self.caps.rmkx };
        if let Some(s) = super::caps::Caps::plain(cap) {
            self.out.extend_from_slice(&s);
            let _ = self.flush();
        }
        self.input.keypad_sent = on;
    }

    /// A byte as curses returns it: `\r` as `\n` in `nl` mode, echoed when
    /// `echo` is on.
    fn cook(&mut self, id: usize, byte: u8) -> i32 {
        let b = if byte == b'\r' && self.modes.nl {
            b'\n'
        } else {
            byte
        };
        self.echo(id, i32::from(b));
        i32::from(b)
    }

    fn echo(&mut self, id: usize, code: i32) {
        if !self.modes.echo || self.win(id).is_pad || !(0..256).contains(&code) {
            return;
        }
        let _ = self.put(id, super::cell::Cell::new(char::from(code as u8), 0, 0));
        self.noutrefresh(id);
        let _ = self.doupdate();
    }

    pub(crate) fn getch(&mut self, id: usize) -> Result<i32, Error> {
        if let Some(p) = self.before_read(id)? {
            return Ok(match p {
                Pushed::Code(c) => c,
                Pushed::Char(c) => {
                    let mut b = [0; 4];
                    let bytes = c.encode_utf8(&mut b).as_bytes();
                    // The rest of a pushed-back character's bytes come next.
                    for &x in bytes[1..].iter().rev() {
                        self.input.pushed.push(Pushed::Code(i32::from(x)));
                    }
                    i32::from(bytes[0])
                }
            });
        }
        Ok(match self.next_key(id) {
            Got::Byte(b) => self.cook(id, b),
            Got::Code(c) => c,
            Got::Nothing => -1,
        })
    }

    pub(crate) fn get_wch(&mut self, id: usize) -> Result<WideKey, Error> {
        if let Some(p) = self.before_read(id)? {
            return Ok(match p {
                Pushed::Code(c) => WideKey::Key(c),
                Pushed::Char(c) => WideKey::Char(c),
            });
        }
        let first = match self.next_key(id) {
            Got::Byte(b) => b,
            Got::Code(c) => return Ok(WideKey::Key(c)),
            Got::Nothing => return Err(err("no input")),
        };
        let mut bytes = alloc::vec![first];
        loop {
            match keys::decode_utf8(&bytes) {
                keys::Utf8::Char(c) => {
                    let c = if c == '\r' && self.modes.nl { '\n' } else { c };
                    if self.modes.echo && !self.win(id).is_pad {
                        let _ = self.put(id, super::cell::Cell::new(c, 0, 0));
                        self.noutrefresh(id);
                        let _ = self.doupdate();
                    }
                    return Ok(WideKey::Char(c));
                }
                keys::Utf8::Invalid => return Ok(WideKey::Char(char::from(first))),
                keys::Utf8::Prefix => {
                    if self.input.pending.is_empty() {
                        match self.fill(Some(self.input.escdelay.max(0) as u32)) {
                            Ok(true) => {}
                            _ => return Ok(WideKey::Char(char::from(first))),
                        }
                    }
                    match self.input.pending.pop_front() {
                        Some(b) => bytes.push(b),
                        None => return Ok(WideKey::Char(char::from(first))),
                    }
                }
            }
        }
    }
}

fn w_keypad(s: &Screen, id: usize) -> bool {
    s.win(id).keypad
}

impl Window {
    /// `window.getch()`—the next key: a byte (0–255) or, with
    /// [`keypad`](Self::keypad) on, a `KEY_*` code; -1 when none came
    /// within the window's delay ([`nodelay`](Self::nodelay),
    /// [`timeout`](Self::timeout), [`halfdelay`](super::halfdelay)).
    /// Refreshes the window first if it changed.
    pub fn getch(&self) -> Result<i32, Error> {
        with_screen(|s| s.getch(self.id))
    }

    /// `window.getch(y, x)`.
    pub fn mvgetch(&self, y: i32, x: i32) -> Result<i32, Error> {
        self.move_to(y, x)?;
        self.getch()
    }

    /// `window.get_wch()`—the next character (UTF-8 decoded) or function
    /// key.
    ///
    /// # Errors
    ///
    /// `no input` when nothing came within the delay.
    pub fn get_wch(&self) -> Result<WideKey, Error> {
        with_screen(|s| s.get_wch(self.id))
    }

    /// `window.getkey()`—as [`getch`](Self::getch), the key as a string: a
    /// byte as the character of that code point, a function key by its
    /// [`keyname`](super::keyname) (`"KEY_UP"`).
    ///
    /// # Errors
    ///
    /// `no input` when nothing came within the delay.
    pub fn getkey(&self) -> Result<String, Error> {
        let code = self.getch()?;
        if code < 0 {
            return Err(err("no input"));
        }
        if code <= 255 {
            return Ok(String::from(char::from(code as u8)));
        }
        let name = keys::keyname(code).unwrap_or_default();
        Ok(String::from_utf8_lossy(&name).into_owned())
    }

    /// `window.getstr(n=1023)`—reads a line (up to `\n` or `\r`, not kept)
    /// of at most `n` bytes, with the erase and kill characters editing it
    /// and curses' echo.
    pub fn getstr(&self, n: usize) -> Result<Vec<u8>, Error> {
        with_screen(|s| {
            let id = self.id;
            let (erase, kill) = s.edit_chars();
            // ncurses reads the line in cbreak mode, echoing itself.
            let echo = s.modes.echo;
            s.modes.echo = false;
            let mut line: Vec<u8> = Vec::new();
            let result = loop {
                let code = match s.getch(id) {
                    Ok(c) => c,
                    Err(e) => break Err(e),
                };
                if code < 0 {
                    break Ok(());
                }
                if code == i32::from(b'\n') || code == i32::from(b'\r') || code == keys::KEY_ENTER {
                    break Ok(());
                }
                if code == i32::from(erase) || code == keys::KEY_BACKSPACE || code == keys::KEY_LEFT
                {
                    if line.pop().is_some() && echo {
                        rub_out(s, id);
                    }
                    continue;
                }
                if code == i32::from(kill) {
                    while line.pop().is_some() {
                        if echo {
                            rub_out(s, id);
                        }
                    }
                    continue;
                }
                if code >= 256 {
                    continue;
                }
                if line.len() < n {
                    line.push(code as u8);
                    if echo {
                        let _ = s.put(id, super::cell::Cell::new(char::from(code as u8), 0, 0));
                        s.noutrefresh(id);
                        let _ = s.doupdate();
                    }
                } else if let Some(bel) = super::caps::Caps::plain(&s.caps.bel) {
                    s.out.extend_from_slice(&bel);
                    let _ = s.flush();
                }
            };
            s.modes.echo = echo;
            result.map(|()| line)
        })
    }

    /// `window.getstr(y, x, n)`.
    pub fn mvgetstr(&self, y: i32, x: i32, n: usize) -> Result<Vec<u8>, Error> {
        self.move_to(y, x)?;
        self.getstr(n)
    }

    /// `window.keypad(flag)`—decode function keys' escape sequences into
    /// `KEY_*` codes (and turn the terminal's keypad transmit mode on).
    pub fn keypad(&self, flag: bool) {
        let _ = with_screen(|s| {
            s.win_mut(self.id).keypad = flag;
            s.set_keypad_transmit(flag);
            Ok(())
        });
    }

    /// `window.nodelay(flag)`—[`getch`](Self::getch) does not wait.
    pub fn nodelay(&self, flag: bool) {
        self.timeout(if flag { 0 } else { -1 });
    }

    /// `window.timeout(delay)`—[`getch`](Self::getch) waits `delay` ms (0:
    /// not at all, negative: for ever).
    pub fn timeout(&self, delay: i32) {
        let _ = with_screen(|s| {
            s.win_mut(self.id).delay = delay.max(-1);
            Ok(())
        });
    }

    /// `window.notimeout(flag)`—wait for the rest of an escape sequence
    /// for ever instead of `ESCDELAY`.
    pub fn notimeout(&self, flag: bool) {
        let _ = with_screen(|s| {
            s.win_mut(self.id).notimeout = flag;
            Ok(())
        });
    }
}

/// Erases the last echoed character (backspace, space, backspace).
fn rub_out(s: &mut Screen, id: usize) {
    let w = s.win_mut(id);
    if w.curx > 0 {
        w.curx -= 1;
    } else if w.cury > 0 {
        w.cury -= 1;
        w.curx = w.cols - 1;
    }
    let (y, x) = (w.cury, w.curx);
    s.set(id, y, x, super::cell::Cell::BLANK);
    s.noutrefresh(id);
    let _ = s.doupdate();
}

impl Screen {
    /// The terminal's erase and kill characters (`erasechar`, `killchar`).
    pub(crate) fn edit_chars(&self) -> (u8, u8) {
        use strata_core::termios::SpecialCodeIndex;
        match &self.shell_mode {
            Some(t) => (
                t.special_codes[SpecialCodeIndex::VERASE],
                t.special_codes[SpecialCodeIndex::VKILL],
            ),
            None => (0x7f, 0x15),
        }
    }
}

/// `curses.ungetch(ch)`—pushes a key back: the next
/// [`getch`](Window::getch) returns it.
pub fn ungetch(ch: i32) -> Result<(), Error> {
    with_screen(|s| {
        s.input.pushed.push(Pushed::Code(ch));
        Ok(())
    })
}

/// `curses.unget_wch(ch)`—pushes a character back for
/// [`get_wch`](Window::get_wch).
pub fn unget_wch(ch: char) -> Result<(), Error> {
    with_screen(|s| {
        s.input.pushed.push(Pushed::Char(ch));
        Ok(())
    })
}

/// `curses.flushinp()`—throws away typed-ahead input.
pub fn flushinp() -> Result<(), Error> {
    with_screen(|s| {
        s.input.pending.clear();
        let _ =
            strata_core::termios::tcflush(fd(INPUT), strata_core::termios::QueueSelector::IFlush);
        Ok(())
    })
}

/// `curses.mousemask(mask)`—which mouse events [`getch`](Window::getch)
/// reports (as `KEY_MOUSE`, read with [`getmouse`]); returns Python's
/// `(availmask, oldmask)`. A non-zero mask turns the terminal's mouse
/// reporting on.
pub fn mousemask(mask: u32) -> Result<(u32, u32), Error> {
    with_screen(|s| {
        let old = s.input.mouse_mask;
        let avail = mask & keys::ALL_MOUSE_EVENTS_AND_POSITION;
        s.input.mouse_mask = avail;
        if s.caps.kmous.is_some() {
            let seq = keys::mouse_mode_sequence(&s.caps.XM, avail != 0);
            s.out.extend_from_slice(&seq);
            let _ = s.flush();
        }
        Ok((avail, old))
    })
}

/// `curses.getmouse()`—the mouse event `KEY_MOUSE` announced: `(id, x, y,
/// z, bstate)`.
///
/// # Errors
///
/// `getmouse() returned ERR` when there is none.
pub fn getmouse() -> Result<(i16, i32, i32, i32, u32), Error> {
    with_screen(|s| {
        let e = s
            .input
            .mouse_events
            .pop_front()
            .ok_or(err("getmouse() returned ERR"))?;
        Ok((e.id, e.x, e.y, e.z, e.bstate))
    })
}

/// `curses.ungetmouse(id, x, y, z, bstate)`—queues a mouse event and a
/// `KEY_MOUSE` for it.
pub fn ungetmouse(id: i16, x: i32, y: i32, z: i32, bstate: u32) -> Result<(), Error> {
    with_screen(|s| {
        s.input.mouse_events.push_back(MouseEvent {
            id,
            x,
            y,
            z,
            bstate,
        });
        s.input.pushed.push(Pushed::Code(keys::KEY_MOUSE));
        Ok(())
    })
}

/// `curses.mouseinterval(interval)`—the longest press-release gap, in ms,
/// that counts as a click; returns the previous one.
pub fn mouseinterval(interval: i32) -> Result<i32, Error> {
    with_screen(|s| Ok(core::mem::replace(&mut s.input.mouse_interval, interval)))
}

/// `curses.get_escdelay()`—ms to wait for the rest of an escape sequence.
pub fn get_escdelay() -> i32 {
    with_screen(|s| Ok(s.input.escdelay)).unwrap_or(1000)
}

/// `curses.set_escdelay(ms)`.
///
/// # Errors
///
/// Python's `ValueError: ms must be >= 0` as [`Error`] for a negative value.
pub fn set_escdelay(ms: i32) -> Result<(), Error> {
    if ms < 0 {
        return Err(err("ms must be >= 0"));
    }
    with_screen(|s| {
        s.input.escdelay = ms;
        Ok(())
    })
}

/// `curses.has_key(ch)`—whether the terminal has a key that sends `ch`.
pub fn has_key(ch: i32) -> Result<bool, Error> {
    with_screen(|s| Ok(s.input.keys.has_code(ch)))
}
