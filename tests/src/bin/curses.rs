//! The curses scene interpreter: `curses SCENE_FILE` runs a scene of
//! tests/oracle/curses_scenes on the terminal with Strata's curses, as
//! tests/oracle/curses_scene.py runs it with Python's. The driver
//! (tests/drivers/curses_tmux.py) runs both in tmux and in a pty
//! recorder and compares the screens and the bytes.
//!
//! A command that fails is skipped, as the Python interpreter catches
//! `curses.error`; with `CURSES_SCENE_LOG=path` each failure is appended
//! there as `LINE: message`, for comparing errors too.
#![no_std]
#![no_main]

extern crate alloc;

use alloc::collections::BTreeMap;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use strata_alloc::curses::panel::{self, Panel};
use strata_alloc::curses::textpad;
use strata_alloc::curses::{self, A_ALTCHARSET, Ch, Error, Window};
use strata_core::os;

strata_alloc::main!(main);

fn main() -> i32 {
    let Some(path) = os::argv().nth(1) else {
        strata_core::eprintln!("usage: curses SCENE_FILE");
        return 2;
    };
    let Some(text) = read_file(path.to_bytes()) else {
        strata_core::eprintln!("curses: cannot read the scene");
        return 2;
    };
    let Ok(text) = core::str::from_utf8(&text) else {
        strata_core::eprintln!("curses: the scene is not UTF-8");
        return 2;
    };
    let mut scene = Scene {
        windows: BTreeMap::new(),
        panels: BTreeMap::new(),
        log: Vec::new(),
    };
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Err(e) = scene.run(line) {
            scene
                .log
                .extend_from_slice(format!("{}: {}\n", n + 1, e).as_bytes());
        }
    }
    scene.windows.clear();
    if let Some(log) = strata_alloc::os::getenv("CURSES_SCENE_LOG") {
        append(&log, &scene.log);
    }
    0
}

struct Scene {
    windows: BTreeMap<String, Window>,
    panels: BTreeMap<String, Panel>,
    log: Vec<u8>,
}

/// A command's failure: curses' own, or a scene line this interpreter
/// cannot read.
enum Failure {
    Curses(Error),
    Scene(&'static str),
}

impl From<Error> for Failure {
    fn from(e: Error) -> Failure {
        Failure::Curses(e)
    }
}

impl core::fmt::Display for Failure {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            Failure::Curses(e) => f.write_str(e.message()),
            Failure::Scene(m) => write!(f, "bad scene line: {m}"),
        }
    }
}

/// The fields of one line: the fixed ones split on spaces, then the rest
/// as text.
struct Fields<'a> {
    rest: &'a str,
}

impl<'a> Fields<'a> {
    fn word(&mut self) -> Result<&'a str, Failure> {
        if self.rest.is_empty() {
            return Err(Failure::Scene("a field is missing"));
        }
        let (w, rest) = self.rest.split_once(' ').unwrap_or((self.rest, ""));
        self.rest = rest;
        Ok(w)
    }

    fn int(&mut self) -> Result<i32, Failure> {
        self.word()?
            .parse()
            .map_err(|_| Failure::Scene("a number is expected"))
    }

    fn text(&mut self) -> Result<String, Failure> {
        unescape(core::mem::take(&mut self.rest))
    }
}

impl Scene {
    fn win(&self, name: &str) -> Result<&Window, Failure> {
        self.windows
            .get(name)
            .ok_or(Failure::Scene("no window of that name"))
    }

    fn run(&mut self, line: &str) -> Result<(), Failure> {
        let mut f = Fields { rest: line };
        let cmd = f.word()?;
        match cmd {
            "init" => {
                let std = curses::initscr()?;
                curses::noecho()?;
                curses::cbreak()?;
                std.keypad(true);
                self.windows.insert("std".into(), std);
            }
            "color" => curses::start_color()?,
            "default_colors" => curses::use_default_colors()?,
            "pair" => curses::init_pair(f.int()?, f.int()?, f.int()?)?,
            "win" => {
                let name = f.word()?.into();
                let (h, w, y, x) = (f.int()?, f.int()?, f.int()?, f.int()?);
                self.windows.insert(name, curses::newwin(h, w, y, x)?);
            }
            "sub" | "der" => {
                let name = f.word()?.into();
                let parent = self.win(f.word()?)?;
                let (h, w, y, x) = (f.int()?, f.int()?, f.int()?, f.int()?);
                let child = if cmd == "sub" {
                    parent.subwin(h, w, y, x)?
                } else {
                    parent.derwin(h, w, y, x)?
                };
                self.windows.insert(name, child);
            }
            "pad" => {
                let name = f.word()?.into();
                let (h, w) = (f.int()?, f.int()?);
                self.windows.insert(name, curses::newpad(h, w)?);
            }
            "panel" => {
                let name = f.word()?.into();
                let p = panel::new_panel(self.win(f.word()?)?)?;
                self.panels.insert(name, p);
            }
            "update_panels" => panel::update_panels()?,
            "ptop" | "pbottom" | "phide" | "pshow" | "pmove" => {
                let p = self
                    .panels
                    .get(f.word()?)
                    .ok_or(Failure::Scene("no panel of that name"))?;
                match cmd {
                    "ptop" => p.top()?,
                    "pbottom" => p.bottom()?,
                    "phide" => p.hide()?,
                    "pshow" => p.show()?,
                    _ => p.move_to(f.int()?, f.int()?)?,
                }
            }
            "textbox" | "textbox_insert" => {
                let win = self.win(f.word()?)?.clone();
                let mut tb = textpad::Textbox::with_insert_mode(win, cmd == "textbox_insert");
                let text = tb.edit()?;
                let (y, x) = (f.int()?, f.int()?);
                let std = self.win("std")?;
                std.mvaddstr(y, x, &py_repr(&text))?;
                std.refresh()?;
            }
            "rect" => {
                let w = self.win(f.word()?)?;
                textpad::rectangle(w, f.int()?, f.int()?, f.int()?, f.int()?)?;
            }
            "end" => {
                let std = self.win("std")?;
                std.getch()?;
                curses::endwin()?;
            }
            _ => self.on_window(cmd, &mut f)?,
        }
        Ok(())
    }

    /// The commands that name a window first.
    fn on_window(&self, cmd: &str, f: &mut Fields<'_>) -> Result<(), Failure> {
        if cmd == "doupdate" {
            return Ok(curses::doupdate()?);
        }
        if cmd == "curs_set" {
            return curses::curs_set(f.int()?).map(drop).map_err(Into::into);
        }
        if cmd == "key" {
            return self.win("std")?.getch().map(drop).map_err(Into::into);
        }
        let w = self.win(f.word()?)?;
        match cmd {
            "add" => {
                let (y, x) = (f.int()?, f.int()?);
                let attr = attrs(f.word()?)?;
                w.mvaddstr_attr(y, x, &f.text()?, attr)?;
            }
            "addn" => {
                let (y, x, n) = (f.int()?, f.int()?, f.int()?);
                let attr = attrs(f.word()?)?;
                w.attron(attr);
                let r = w.mvaddnstr(y, x, &f.text()?, usize::try_from(n).unwrap_or(0));
                w.attroff(attr);
                r?;
            }
            "addch" => {
                let (y, x) = (f.int()?, f.int()?);
                w.mvaddch(y, x, ch(&f.text()?)?)?;
            }
            "ins" => {
                let (y, x) = (f.int()?, f.int()?);
                w.mvinsstr(y, x, &f.text()?)?;
            }
            "insch" => {
                let (y, x) = (f.int()?, f.int()?);
                w.mvinsch(y, x, ch(&f.text()?)?)?;
            }
            "delch" => w.mvdelch(f.int()?, f.int()?)?,
            "insln" => w.insertln()?,
            "delln" => w.deleteln()?,
            "insdelln" => w.insdelln(f.int()?)?,
            "move" => w.move_to(f.int()?, f.int()?)?,
            "box" => w.box_(0, 0)?,
            "border" => w.border(0, 0, 0, 0, 0, 0, 0, 0)?,
            "hline" | "vline" => {
                let (y, x) = (f.int()?, f.int()?);
                let c = chtype(f.word()?)?;
                let n = usize::try_from(f.int()?).unwrap_or(0);
                if cmd == "hline" {
                    w.mvhline(y, x, c, n)?
                } else {
                    w.mvvline(y, x, c, n)?
                }
            }
            "attrset" => w.attrset(attrs(f.word()?)?),
            "attron" => w.attron(attrs(f.word()?)?),
            "attroff" => w.attroff(attrs(f.word()?)?),
            "bkgd" => w.bkgd(ch(&f.text()?)?)?,
            "bkgdset" => w.bkgdset(ch(&f.text()?)?),
            "scrollok" => w.scrollok(flag(f)?),
            "idlok" => w.idlok(flag(f)?),
            "leaveok" => w.leaveok(flag(f)?),
            "clearok" => w.clearok(flag(f)?),
            "immedok" => w.immedok(flag(f)?),
            "setscrreg" => w.setscrreg(f.int()?, f.int()?)?,
            "scroll" => w.scroll(f.int()?)?,
            "erase" => w.erase()?,
            "clear" => w.clear()?,
            "clrtoeol" => w.clrtoeol()?,
            "clrtobot" => w.clrtobot()?,
            "mvwin" => w.mvwin(f.int()?, f.int()?)?,
            "resize" => w.resize(f.int()?, f.int()?)?,
            "touch" => w.touchwin(),
            "untouch" => w.untouchwin(),
            "chgat" => {
                let (y, x, n) = (f.int()?, f.int()?, f.int()?);
                w.mvchgat(y, x, n, attrs(f.word()?)?)?;
            }
            "overlay" => w.overlay(self.win(f.word()?)?)?,
            "overwrite" => w.overwrite(self.win(f.word()?)?)?,
            "copywin" => {
                let dst = self.win(f.word()?)?;
                let r = [f.int()?, f.int()?, f.int()?, f.int()?, f.int()?, f.int()?];
                w.copywin(dst, r[0], r[1], r[2], r[3], r[4], r[5], f.int()? != 0)?;
            }
            "noutrefresh" => w.noutrefresh()?,
            "refresh" => w.refresh()?,
            "prefresh" | "pnoutrefresh" => {
                let r = [f.int()?, f.int()?, f.int()?, f.int()?, f.int()?, f.int()?];
                if cmd == "prefresh" {
                    w.prefresh(r[0], r[1], r[2], r[3], r[4], r[5])?
                } else {
                    w.pnoutrefresh(r[0], r[1], r[2], r[3], r[4], r[5])?
                }
            }
            "getkey" | "getch" => {
                let (y, x) = (f.int()?, f.int()?);
                let shown = if cmd == "getkey" {
                    py_repr(&w.getkey()?)
                } else {
                    format!("{}", w.getch()?)
                };
                w.mvaddstr(y, x, &shown)?;
                w.clrtoeol()?;
                w.refresh()?;
            }
            "resizewait" => {
                let (y, x) = (f.int()?, f.int()?);
                while w.getch()? != curses::KEY_RESIZE {}
                let size = format!("{}x{}", curses::lines()?, curses::cols()?);
                w.mvaddstr(y, x, &size)?;
                w.clrtoeol()?;
                w.refresh()?;
            }
            _ => return Err(Failure::Scene("unknown command")),
        }
        Ok(())
    }
}

fn flag(f: &mut Fields<'_>) -> Result<bool, Failure> {
    Ok(f.int()? != 0)
}

/// `bold|pair3` as curses attributes; `-` is none.
fn attrs(field: &str) -> Result<u32, Failure> {
    if field == "-" {
        return Ok(0);
    }
    field.split('|').try_fold(0, |acc, name| {
        let bit = match name {
            "bold" => curses::A_BOLD,
            "dim" => curses::A_DIM,
            "reverse" => curses::A_REVERSE,
            "underline" => curses::A_UNDERLINE,
            "standout" => curses::A_STANDOUT,
            "blink" => curses::A_BLINK,
            "italic" => curses::A_ITALIC,
            "invis" => curses::A_INVIS,
            "altcharset" => A_ALTCHARSET,
            p => match p.strip_prefix("pair").and_then(|n| n.parse::<u8>().ok()) {
                Some(n) => curses::color_pair(n),
                None => return Err(Failure::Scene("unknown attribute")),
            },
        };
        Ok(acc | bit)
    })
}

/// `ACS_HLINE`, `x` or `x:bold` as a character to draw.
fn ch(field: &str) -> Result<Ch, Failure> {
    let (c, attr) = match field.rsplit_once(':') {
        Some((c, a)) if !c.is_empty() => (c, attrs(a)?),
        _ => (field, 0),
    };
    if let Some(acs) = acs(c) {
        return Ok(Ch::from(acs).with_attr(attr));
    }
    let mut chars = c.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => Ok(Ch::from(c).with_attr(attr)),
        _ => Err(Failure::Scene("one character is expected")),
    }
}

/// A `chtype` for hline/vline: an ACS name or a one-byte character.
fn chtype(field: &str) -> Result<u32, Failure> {
    if let Some(acs) = acs(field) {
        return Ok(acs);
    }
    match field.as_bytes() {
        [b] => Ok(u32::from(*b)),
        _ => Err(Failure::Scene("one ASCII character is expected")),
    }
}

fn acs(name: &str) -> Option<u32> {
    use curses::*;
    Some(match name {
        "ACS_HLINE" => ACS_HLINE,
        "ACS_VLINE" => ACS_VLINE,
        "ACS_ULCORNER" => ACS_ULCORNER,
        "ACS_URCORNER" => ACS_URCORNER,
        "ACS_LLCORNER" => ACS_LLCORNER,
        "ACS_LRCORNER" => ACS_LRCORNER,
        "ACS_LTEE" => ACS_LTEE,
        "ACS_RTEE" => ACS_RTEE,
        "ACS_TTEE" => ACS_TTEE,
        "ACS_BTEE" => ACS_BTEE,
        "ACS_PLUS" => ACS_PLUS,
        "ACS_DIAMOND" => ACS_DIAMOND,
        "ACS_CKBOARD" => ACS_CKBOARD,
        "ACS_DEGREE" => ACS_DEGREE,
        "ACS_BULLET" => ACS_BULLET,
        "ACS_BLOCK" => ACS_BLOCK,
        _ => return None,
    })
}

/// The scene language's escapes: `\n`, `\t`, `\\`, `\xHH`, `\u{HEX}`.
fn unescape(s: &str) -> Result<String, Failure> {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let bad = Failure::Scene("a bad escape");
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('\\') => out.push('\\'),
            Some('x') => {
                let hex: String = chars.by_ref().take(2).collect();
                let n = u32::from_str_radix(&hex, 16).map_err(|_| bad)?;
                out.push(char::from_u32(n).ok_or(Failure::Scene("a bad escape"))?);
            }
            Some('u') => {
                if chars.next() != Some('{') {
                    return Err(bad);
                }
                let hex: String = chars.by_ref().take_while(|&c| c != '}').collect();
                let n =
                    u32::from_str_radix(&hex, 16).map_err(|_| Failure::Scene("a bad escape"))?;
                out.push(char::from_u32(n).ok_or(bad)?);
            }
            _ => return Err(bad),
        }
    }
    Ok(out)
}

/// Python's `repr()` of a short `str`, as the Python interpreter shows a
/// key.
fn py_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::from(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || (0x7f..0xa0).contains(&(c as u32)) => {
                out.push_str(&format!("\\x{:02x}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

fn read_file(path: &[u8]) -> Option<Vec<u8>> {
    let fd = os::open(path, os::OFlags::RDONLY, 0).ok()?;
    let mut out = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        match os::read(&fd, &mut buf) {
            Ok(0) => return Some(out),
            Ok(n) => out.extend_from_slice(&buf[..n]),
            Err(_) => return None,
        }
    }
}

fn append(path: &[u8], data: &[u8]) {
    let flags = os::OFlags::WRONLY | os::OFlags::CREATE | os::OFlags::APPEND;
    if let Ok(fd) = os::open(path, flags, 0o644) {
        let mut rest = data;
        while let Ok(n @ 1..) = os::write(&fd, rest) {
            rest = &rest[n..];
        }
    }
}
