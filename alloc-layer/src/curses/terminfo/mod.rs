//! The terminfo database: Python's `curses.setupterm`, `tigetflag`,
//! `tigetnum` and `tigetstr`, on compiled entries read without ncurses
//! (term(5), terminfo(5)).
//!
//! [`Terminfo`] parses one entry; [`find`] looks one up as ncurses does;
//! [`setupterm`] loads the process's current terminal, which the
//! `tiget*` functions read.
//!
//! What differs from Python: the `tiget*` functions return a `Result`,
//! since calling them before [`setupterm`] is Python's `curses.error`
//! (`must call (at least) setupterm() first`); `tigetstr` gives an owned
//! copy. As in Python, only the first successful [`setupterm`] has an
//! effect. As ncurses does, it sets `lines` and `cols` to the size of the
//! terminal on `fd`, overridden by `$LINES`/`$COLUMNS`, else the entry's,
//! else 24 × 80 (so `tigetnum("cols")` can differ from the file).

mod names;
mod parse;
#[cfg(test)]
mod tests;

pub use names::{BOOLEANS, NUMBERS, STRINGS};
pub use parse::{ParseError, Section, Terminfo};

use alloc::borrow::Cow;
use alloc::vec::Vec;
use core::fmt;
use strata_core::errno::Errno;
use strata_core::os::OFlags;
use strata_core::sync::Mutex;

/// Python's `curses.error`, with its message (e.g.
/// `setupterm: could not find terminal`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    message: Cow<'static, str>,
}

impl Error {
    /// An error with Python's message for it.
    pub(crate) const fn new(message: &'static str) -> Error {
        Error {
            message: Cow::Borrowed(message),
        }
    }

    /// An error whose message is made at run time (one with a number in
    /// it, as Python's `Color pair is greater than COLOR_PAIRS-1 (63).`).
    pub(crate) fn owned(message: alloc::string::String) -> Error {
        Error {
            message: Cow::Owned(message),
        }
    }

    /// The message, as Python's `str(curses.error)`.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl core::error::Error for Error {}

const NOT_SET_UP: Error = Error::new("must call (at least) setupterm() first");
const NOT_FOUND: Error = Error::new("setupterm: could not find terminal");
const NO_DATABASE: Error = Error::new("setupterm: could not find terminfo database");

/// ncurses' compiled-in list, after the environment's directories.
const SYSTEM_DIRS: [&[u8]; 3] = [b"/etc/terminfo", b"/lib/terminfo", b"/usr/share/terminfo"];
/// What an empty element of `$TERMINFO_DIRS` stands for.
const DEFAULT_DIR: &[u8] = b"/usr/share/terminfo";

/// The directories ncurses searches, in order: `$TERMINFO`,
/// `$HOME/.terminfo`, each of `$TERMINFO_DIRS` (an empty element being
/// `/usr/share/terminfo`), then `/etc/terminfo`, `/lib/terminfo`,
/// `/usr/share/terminfo` (terminfo(5), "Fetching Compiled Descriptions").
pub fn search_dirs() -> Vec<Vec<u8>> {
    let env = crate::os::getenv;
    dirs_from(env("TERMINFO"), env("HOME"), env("TERMINFO_DIRS"))
}

/// [`search_dirs`] for these values of `$TERMINFO`, `$HOME` and
/// `$TERMINFO_DIRS`.
fn dirs_from(
    terminfo: Option<Vec<u8>>,
    home: Option<Vec<u8>>,
    terminfo_dirs: Option<Vec<u8>>,
) -> Vec<Vec<u8>> {
    let mut dirs = Vec::new();
    if let Some(t) = terminfo.filter(|t| !t.is_empty()) {
        dirs.push(t);
    }
    if let Some(mut h) = home.filter(|h| !h.is_empty()) {
        h.extend_from_slice(b"/.terminfo");
        dirs.push(h);
    }
    if let Some(list) = terminfo_dirs {
        for d in list.split(|&b| b == b':') {
            dirs.push(if d.is_empty() { DEFAULT_DIR } else { d }.to_vec());
        }
    }
    dirs.extend(SYSTEM_DIRS.iter().map(|d| d.to_vec()));
    dirs
}

/// ncurses' limit on a compiled entry (`MAX_ENTRY_SIZE`, 32-bit format).
const MAX_ENTRY_SIZE: usize = 32768;

/// The whole file at `path`, or `None` if it cannot be read or is larger
/// than any entry ncurses reads (so `/dev/zero` cannot exhaust the heap).
fn read_file(path: &[u8]) -> Option<Vec<u8>> {
    let fd = strata_core::os::open(path, OFlags::RDONLY, 0).ok()?;
    let mut out = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        match strata_core::os::read(&fd, &mut buf) {
            Ok(0) => return Some(out),
            Ok(_) if out.len() > MAX_ENTRY_SIZE => return None,
            Ok(n) => out.extend_from_slice(buf.get(..n)?),
            Err(Errno::INTR) => continue,
            Err(_) => return None,
        }
    }
}

/// The compiled entry for `term` in `dir`: `dir/x/xterm`, else the hex
/// layout `dir/78/xterm` (term(5), "Storage Location").
pub fn read_entry(dir: &[u8], term: &str) -> Option<Vec<u8>> {
    let first = *term.as_bytes().first()?;
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let subdirs = [
        &[first][..],
        &[HEX[usize::from(first >> 4)], HEX[usize::from(first & 15)]][..],
    ];
    subdirs.iter().find_map(|sub| {
        let mut path = dir.to_vec();
        path.push(b'/');
        path.extend_from_slice(sub);
        path.push(b'/');
        path.extend_from_slice(term.as_bytes());
        read_file(&path)
    })
}

/// `find(term)`—the raw compiled entry for `term` from the first
/// directory of [`search_dirs`] that has one, as ncurses'
/// `_nc_read_entry`. A name that is empty, `.`, `..` or holds a `/` is
/// never looked up.
pub fn find(term: &str) -> Option<Vec<u8>> {
    if term.is_empty() || term == "." || term == ".." || term.contains('/') {
        return None;
    }
    search_dirs()
        .iter()
        .find_map(|d| read_entry(d, term))
        .or_else(|| builtin(term).map(<[u8]>::to_vec))
}

/// Entries compiled in for a system without a terminfo database (PID 1,
/// a `FROM scratch` container), as ncurses' `--with-fallbacks`: Debian's
/// ncurses-base 6.4 entries, used only when no directory has the name.
const BUILTIN: [(&str, &[u8]); 3] = [
    ("xterm-256color", include_bytes!("builtin/xterm-256color")),
    ("linux", include_bytes!("builtin/linux")),
    ("vt100", include_bytes!("builtin/vt100")),
];

fn builtin(term: &str) -> Option<&'static [u8]> {
    BUILTIN
        .iter()
        .find(|(name, _)| *name == term)
        .map(|(_, e)| *e)
}

/// The entry [`setupterm`] loaded, for `initscr`.
pub(crate) fn current() -> Option<Terminfo> {
    CURRENT.lock().clone()
}

static CURRENT: Mutex<Option<Terminfo>> = Mutex::new(None);

/// `setupterm(term=None, fd=-1)`—Python's `curses.setupterm`: loads the
/// entry for `term` (`None`: `$TERM`) as the current terminal, which
/// [`tigetflag`], [`tigetnum`] and [`tigetstr`] read. As in Python, once
/// one call has succeeded later calls do nothing. `fd` (-1: 1, stdout)
/// is the terminal whose size becomes `lines` and `cols` (see the module
/// doc).
///
/// # Errors
///
/// Python's messages: `setupterm: could not find terminal` for a name
/// with no entry or a malformed one, `setupterm: could not find terminfo
/// database` when `term` is `None` and `$TERM` is unset or empty.
///
/// # References
///
/// setupterm(3X), term(5).
#[doc(alias = "curses.setupterm")]
pub fn setupterm(term: Option<&str>, fd: i32) -> Result<(), Error> {
    let mut current = CURRENT.lock();
    if current.is_some() {
        return Ok(());
    }
    let env;
    let name = match term {
        Some(t) => t,
        None => {
            env = crate::os::getenv("TERM").unwrap_or_default();
            match core::str::from_utf8(&env) {
                Ok("") => return Err(NO_DATABASE),
                Ok(t) => t,
                Err(_) => return Err(NOT_FOUND),
            }
        }
    };
    let data = find(name).ok_or(NOT_FOUND)?;
    let mut entry = Terminfo::parse(&data).map_err(|_| NOT_FOUND)?;
    let fd = if fd == -1 { 1 } else { fd };
    let size = if fd >= 0 {
        // SAFETY: the fd number is borrowed only for one TIOCGWINSZ ioctl
        // within this call, as ncurses does with it; a closed or reused
        // number gives an error or another file's answer, never UB.
        let fd = unsafe { strata_core::os::BorrowedFd::borrow_raw(fd) };
        strata_core::tty::get_terminal_size(fd).ok()
    } else {
        None
    };
    let env = |name: &str| {
        let v = crate::os::getenv(name)?;
        core::str::from_utf8(&v)
            .ok()?
            .trim()
            .parse::<i32>()
            .ok()
            .filter(|&n| n > 0)
    };
    let lines = env("LINES").or(size.map(|s| i32::from(s.lines)).filter(|&n| n > 0));
    let cols = env("COLUMNS").or(size.map(|s| i32::from(s.columns)).filter(|&n| n > 0));
    entry.set_screen_size(lines, cols);
    *current = Some(entry);
    Ok(())
}

fn with_current<T>(f: impl FnOnce(&Terminfo) -> T) -> Result<T, Error> {
    CURRENT.lock().as_ref().map(f).ok_or(NOT_SET_UP)
}

/// `tigetflag(capname)`—Python's `curses.tigetflag`: 1 if the current
/// terminal has the boolean capability, 0 if it is absent or cancelled,
/// -1 if `cap` is no boolean capability.
///
/// # Errors
///
/// `must call (at least) setupterm() first` before [`setupterm`].
///
/// # References
///
/// curs_terminfo(3X), terminfo(5).
#[doc(alias = "curses.tigetflag")]
pub fn tigetflag(cap: &str) -> Result<i32, Error> {
    with_current(|t| match t.kind(cap) {
        Some(0) => i32::from(t.flag(cap) == Some(true)),
        _ => -1,
    })
}

/// `tigetnum(capname)`—Python's `curses.tigetnum`: the current
/// terminal's numeric capability, -1 if absent or cancelled, -2 if `cap`
/// is no numeric capability.
///
/// # Errors
///
/// `must call (at least) setupterm() first` before [`setupterm`].
///
/// # References
///
/// curs_terminfo(3X), terminfo(5).
#[doc(alias = "curses.tigetnum")]
pub fn tigetnum(cap: &str) -> Result<i32, Error> {
    with_current(|t| match t.kind(cap) {
        Some(1) => t.number(cap).unwrap_or(-1),
        _ => -2,
    })
}

/// `tigetstr(capname)`—Python's `curses.tigetstr`: the current
/// terminal's string capability as bytes, `None` if absent, cancelled or
/// not a string capability.
///
/// # Errors
///
/// `must call (at least) setupterm() first` before [`setupterm`].
///
/// # References
///
/// curs_terminfo(3X), terminfo(5).
#[doc(alias = "curses.tigetstr")]
pub fn tigetstr(cap: &str) -> Result<Option<Vec<u8>>, Error> {
    with_current(|t| t.string(cap).map(<[u8]>::to_vec))
}
