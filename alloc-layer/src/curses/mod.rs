//! Python's `curses` package on the terminfo database, for a libc-free
//! program: the screen and its windows and pads ([`initscr`],
//! [`Window`]), attributes and colour pairs, keys decoded from the
//! terminal's escape sequences, wide characters, and an update that sends
//! the fewest bytes it can ([`doupdate`]); its [`ascii`], [`panel`] and
//! [`textpad`] modules; the terminfo functions ([`setupterm`], [`tigetflag`], [`tigetnum`],
//! [`tigetstr`], [`tparm`]) and the parser [`Terminfo`] of compiled
//! entries (term(5)).
//!
//! One screen exists at a time, as with Python's module (ncurses'
//! `initscr`); a [`Window`] is a handle to one of its windows. Functions
//! called before [`initscr`] give Python's `must call initscr() first`.
//!
//! ```no_run
//! use strata_alloc::curses::{self, A_BOLD};
//!
//! let stdscr = curses::initscr()?;
//! stdscr.mvaddstr_attr(0, 0, "hello", A_BOLD)?;
//! stdscr.refresh()?;
//! curses::endwin()?;
//! # Ok::<(), curses::Error>(())
//! ```
//!
//! When no terminfo directory has the terminal, entries for
//! `xterm-256color`, `linux` and `vt100` built into the program are used.
//!
//! ```
//! use strata_alloc::curses::ascii;
//!
//! assert_eq!(ascii::ctrl(b'c'), 3);
//! ```

mod attr;
mod caps;
mod cell;
mod color;
mod input;
pub(crate) mod keys;
mod lifecycle;
pub mod panel;
mod screen;
mod scroll;
mod term;
pub mod terminfo;
pub mod textpad;
mod tparm;
mod update;
mod width;
mod window;

pub use attr::*;
pub use color::{
    can_change_color, color_content, color_pairs, colors, has_colors, init_color, init_pair,
    pair_content, start_color, use_default_colors,
};
pub use input::{
    WideKey, flushinp, get_escdelay, getmouse, has_key, mouseinterval, mousemask, set_escdelay,
    unget_wch, ungetch, ungetmouse,
};
pub use keys::*;
pub use lifecycle::{
    beep, cbreak, cols, curs_set, doupdate, echo, endwin, erasechar, flash, halfdelay, has_ic,
    has_il, initscr, is_term_resized, isendwin, killchar, lines, longname, meta, napms, newpad,
    newwin, nl, nocbreak, noecho, nonl, noraw, raw, resize_term, resizeterm, termname, unctrl,
    wrapper,
};
pub use strata_core::curses::ascii;
pub use terminfo::{Error, Terminfo, setupterm, tigetflag, tigetnum, tigetstr};
pub use tparm::{MAX_OUTPUT, Tparm, TparmError, tparm};
pub use window::{Ch, Window};

use screen::Screen;
use strata_core::sync::Mutex;

/// The screen [`initscr`] made; `None` before it.
static SCREEN: Mutex<Option<Screen>> = Mutex::new(None);

/// Runs `f` on the screen, or gives Python's error before [`initscr`].
/// The lock is not re-entrant: `f` must not drop a [`Window`].
pub(crate) fn with_screen<T>(f: impl FnOnce(&mut Screen) -> Result<T, Error>) -> Result<T, Error> {
    match SCREEN.lock().as_mut() {
        Some(s) => f(s),
        None => Err(err("must call initscr() first")),
    }
}

/// `curses.error` with Python's message.
pub(crate) const fn err(message: &'static str) -> Error {
    Error::new(message)
}

/// How `unctrl` shows a control character: `^A`, `^?`, or `~@` for the
/// C1 controls (0x80–0x9f), as ncurses does.
pub(crate) fn unctrl_pair(c: char) -> (char, char) {
    let n = c as u32;
    match n {
        0x7f => ('^', '?'),
        0..=0x1f => ('^', char::from(n as u8 + 0x40)),
        0x80..=0x9f => ('~', char::from((n - 0x80) as u8 + 0x40)),
        _ => (' ', c),
    }
}
