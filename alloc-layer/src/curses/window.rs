//! Python's `curses.window`: a handle to a window or a pad of the current
//! screen, with the methods that draw in it.

use super::cell::{Cell, Kind};
use super::screen::{NOCHANGE, Screen};
use super::{Error, err, with_screen};
use alloc::vec::Vec;

/// A character to draw: a `char`, or a `chtype` (`u32`: the character in
/// the low byte with `A_*` attributes and a [`color_pair`](super::color_pair)
/// above, such as `ACS_HLINE | A_BOLD`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ch(Cell);

impl From<char> for Ch {
    fn from(c: char) -> Ch {
        Ch(Cell::new(c, 0, 0))
    }
}

impl From<u8> for Ch {
    fn from(b: u8) -> Ch {
        Ch(Cell::new(char::from(b), 0, 0))
    }
}

impl From<u32> for Ch {
    fn from(ch: u32) -> Ch {
        Ch(Screen::chtype_cell(ch))
    }
}

impl Ch {
    /// `ch` with attributes (and a colour pair) `attr` added.
    pub fn with_attr(self, attr: u32) -> Ch {
        let mut cell = self.0;
        cell.attr |= attr & super::attr::A_ATTRIBUTES & !super::attr::A_COLOR;
        let pair = super::attr::pair_number(attr);
        if pair != 0 {
            cell.pair = u16::from(pair);
        }
        Ch(cell)
    }
}

/// `curses.window`: a window or pad of the screen [`initscr`](super::initscr)
/// set up. Cloning gives another handle to the same window, as assigning
/// a Python window object does; the window goes with its last handle
/// (and not before its subwindows).
///
/// Coordinates are (y, x) from the window's top left, as in Python.
/// Methods that Python spells with optional leading `y, x` are here the
/// ncurses `mv…` forms (`mvaddstr(y, x, s)` is Python's `addstr(y, x, s)`).
pub struct Window {
    pub(crate) id: usize,
}

impl Clone for Window {
    fn clone(&self) -> Window {
        let _ = with_screen(|s| {
            s.win_mut(self.id).handles += 1;
            Ok(())
        });
        Window { id: self.id }
    }
}

impl Drop for Window {
    fn drop(&mut self) {
        let _ = with_screen(|s| {
            s.release(self.id);
            Ok(())
        });
    }
}

impl core::fmt::Debug for Window {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "<curses.window {}>", self.id)
    }
}

fn returned_err(name: &'static str) -> Error {
    err(name)
}

impl Window {
    /// Sets one of the window's own flags (recorded, nothing drawn).
    fn set(&self, f: impl FnOnce(&mut super::screen::Win)) {
        let _ = self.with(|s, id| {
            f(s.win_mut(id));
            Ok(())
        });
    }

    fn with<T>(&self, f: impl FnOnce(&mut Screen, usize) -> Result<T, Error>) -> Result<T, Error> {
        with_screen(|s| f(s, self.id))
    }

    /// Runs `f`, then refreshes the window if `immedok` is on (ncurses'
    /// `_nc_synchook`).
    fn change<T>(
        &self,
        f: impl FnOnce(&mut Screen, usize) -> Result<T, Error>,
    ) -> Result<T, Error> {
        with_screen(|s| {
            let r = f(s, self.id);
            let w = s.win(self.id);
            if w.immedok && !w.is_pad {
                s.noutrefresh(self.id);
                s.doupdate().map_err(|_| err("refresh() returned ERR"))?;
            }
            if w_syncok(s, self.id) {
                sync_up(s, self.id);
            }
            r
        })
    }

    // --- Writing -------------------------------------------------------

    /// `window.addch(ch)`—writes `ch` at the cursor and advances it.
    /// Control characters do what they do (`\n` clears to the end of the
    /// line and moves down, `\t` to the next tab stop) or show as `^X`.
    ///
    /// # Errors
    ///
    /// Python's `add_wch() returned ERR` when the cursor cannot advance
    /// (the bottom right of a window that does not scroll); the character
    /// is drawn even so.
    pub fn addch(&self, ch: impl Into<Ch>) -> Result<(), Error> {
        let cell = ch.into().0;
        self.change(|s, id| {
            s.put(id, cell)
                .map_err(|()| returned_err("add_wch() returned ERR"))
        })
    }

    /// `window.addch(y, x, ch)`: moves, then [`addch`](Self::addch).
    pub fn mvaddch(&self, y: i32, x: i32, ch: impl Into<Ch>) -> Result<(), Error> {
        self.move_or(y, x, "add_wch() returned ERR")?;
        self.addch(ch)
    }

    /// `window.addstr(str)`—writes `s` from the cursor, as
    /// [`addch`](Self::addch) would each character (combining marks join
    /// the character before them).
    ///
    /// # Errors
    ///
    /// `addwstr() returned ERR` when the text runs past the bottom right
    /// of a window that does not scroll; what fits is drawn.
    pub fn addstr(&self, s: &str) -> Result<(), Error> {
        self.add_chars(s, usize::MAX, 0, "addwstr() returned ERR")
    }

    /// `window.addstr(y, x, str)`.
    pub fn mvaddstr(&self, y: i32, x: i32, s: &str) -> Result<(), Error> {
        self.move_or(y, x, "addwstr() returned ERR")?;
        self.addstr(s)
    }

    /// `window.addstr(str, attr)`—with attributes `attr` for this text
    /// only (the window's own are restored after).
    pub fn addstr_attr(&self, s: &str, attr: u32) -> Result<(), Error> {
        self.add_chars(s, usize::MAX, attr, "addwstr() returned ERR")
    }

    /// `window.addstr(y, x, str, attr)`.
    pub fn mvaddstr_attr(&self, y: i32, x: i32, s: &str, attr: u32) -> Result<(), Error> {
        self.move_or(y, x, "addwstr() returned ERR")?;
        self.addstr_attr(s, attr)
    }

    /// `window.addnstr(str, n)`—at most `n` characters of `s`.
    pub fn addnstr(&self, s: &str, n: usize) -> Result<(), Error> {
        self.add_chars(s, n, 0, "addnwstr() returned ERR")
    }

    /// `window.addnstr(y, x, str, n)`.
    pub fn mvaddnstr(&self, y: i32, x: i32, s: &str, n: usize) -> Result<(), Error> {
        self.move_or(y, x, "addnwstr() returned ERR")?;
        self.addnstr(s, n)
    }

    fn add_chars(&self, s: &str, n: usize, attr: u32, name: &'static str) -> Result<(), Error> {
        let Cell { attr, pair, .. } = Ch::from(' ').with_attr(attr).0;
        self.change(|scr, id| {
            scr.put_str(id, s, n, attr, pair)
                .map_err(|()| returned_err(name))
        })
    }

    /// `window.echochar(ch)`—[`addch`](Self::addch), then
    /// [`refresh`](Self::refresh).
    pub fn echochar(&self, ch: impl Into<Ch>) -> Result<(), Error> {
        self.addch(ch)?;
        self.refresh()
    }

    /// `window.insch(ch)`—inserts `ch` at the cursor, the rest of the line
    /// moving right (its last character lost); the cursor stays.
    pub fn insch(&self, ch: impl Into<Ch>) -> Result<(), Error> {
        let cell = ch.into().0;
        self.change(|s, id| {
            s.insert_cell(id, cell);
            Ok(())
        })
    }

    /// `window.insch(y, x, ch)`.
    pub fn mvinsch(&self, y: i32, x: i32, ch: impl Into<Ch>) -> Result<(), Error> {
        self.move_or(y, x, "insch() returned ERR")?;
        self.insch(ch)
    }

    /// `window.insstr(str)`—inserts `s` before the cursor's character,
    /// shifting the line right; what passes the right edge is lost. The
    /// cursor stays.
    pub fn insstr(&self, s: &str) -> Result<(), Error> {
        self.insnstr(s, usize::MAX)
    }

    /// `window.insstr(y, x, str)`.
    pub fn mvinsstr(&self, y: i32, x: i32, s: &str) -> Result<(), Error> {
        self.move_or(y, x, "inswstr() returned ERR")?;
        self.insstr(s)
    }

    /// `window.insnstr(str, n)`—at most `n` characters of `s`.
    pub fn insnstr(&self, s: &str, n: usize) -> Result<(), Error> {
        self.change(|scr, id| {
            let (y, x) = {
                let w = scr.win(id);
                (w.cury, w.curx)
            };
            // Inserted back to front, each at the cursor: the text ends up
            // in order. Controls other than newline show as ^X.
            let chars: Vec<char> = s.chars().take(n).take_while(|&c| c != '\n').collect();
            for &c in chars.iter().rev() {
                if (c as u32) < 0x20 || c == '\u{7f}' {
                    let (a, b) = super::unctrl_pair(c);
                    scr.insert_cell(id, Cell::new(b, 0, 0));
                    scr.insert_cell(id, Cell::new(a, 0, 0));
                } else if super::width::width(c) == 0 {
                    continue;
                } else {
                    scr.insert_cell(id, Cell::new(c, 0, 0));
                }
            }
            let w = scr.win_mut(id);
            w.cury = y;
            w.curx = x;
            Ok(())
        })
    }

    /// `window.delch()`—deletes the character at the cursor.
    pub fn delch(&self) -> Result<(), Error> {
        self.change(|s, id| {
            s.delete_cell(id);
            Ok(())
        })
    }

    /// `window.delch(y, x)`.
    pub fn mvdelch(&self, y: i32, x: i32) -> Result<(), Error> {
        self.move_or(y, x, "mvwdelch() returned ERR")?;
        self.delch()
    }

    /// `window.deleteln()`—deletes the cursor's line; the lines below move
    /// up and a blank one appears at the bottom.
    pub fn deleteln(&self) -> Result<(), Error> {
        self.insdelln(-1)
    }

    /// `window.insertln()`—inserts a blank line above the cursor's.
    pub fn insertln(&self) -> Result<(), Error> {
        self.insdelln(1)
    }

    /// `window.insdelln(n)`—inserts `n` blank lines above the cursor
    /// (deletes `-n` lines from it when negative).
    pub fn insdelln(&self, n: i32) -> Result<(), Error> {
        self.change(|s, id| {
            s.insdelln(id, n);
            Ok(())
        })
    }

    // --- Reading -------------------------------------------------------

    /// `window.inch()`—the `chtype` at the cursor: its character's low
    /// byte, attributes and colour pair.
    pub fn inch(&self) -> Result<u32, Error> {
        self.with(|s, id| {
            let w = s.win(id);
            Ok(s.cell(id, w.cury, w.curx).chtype())
        })
    }

    /// `window.inch(y, x)`.
    pub fn mvinch(&self, y: i32, x: i32) -> Result<u32, Error> {
        self.move_to(y, x)?;
        self.inch()
    }

    /// `window.instr(n)`—the text from the cursor to the end of the line
    /// (at most `n` characters), without attributes, as UTF-8.
    pub fn instr(&self, n: usize) -> Result<Vec<u8>, Error> {
        self.with(|s, id| {
            let w = s.win(id);
            let (y, x0, cols) = (w.cury, w.curx, w.cols);
            let mut out = Vec::new();
            let mut utf8 = [0; 4];
            let mut count = 0;
            for x in x0..cols {
                let cell = s.cell(id, y, x);
                if cell.kind == Kind::WideRight {
                    continue;
                }
                if count >= n {
                    break;
                }
                let mut text = cell.text;
                if cell.attr & super::attr::A_ALTCHARSET != 0 {
                    // ncurses' winnstr gives line drawing as its vt100 letter.
                    text[1..].fill('\0');
                }
                for c in text.iter().take_while(|&&c| c != '\0') {
                    out.extend_from_slice(c.encode_utf8(&mut utf8).as_bytes());
                }
                count += 1;
            }
            Ok(out)
        })
    }

    /// `window.instr(y, x, n)`.
    pub fn mvinstr(&self, y: i32, x: i32, n: usize) -> Result<Vec<u8>, Error> {
        self.move_to(y, x)?;
        self.instr(n)
    }

    // --- Lines and borders -----------------------------------------------

    /// `window.border(ls, rs, ts, bs, tl, tr, bl, br)`—draws a border on
    /// the window's edges; a `0` takes the default line-drawing character.
    #[allow(clippy::too_many_arguments)]
    pub fn border(
        &self,
        ls: u32,
        rs: u32,
        ts: u32,
        bs: u32,
        tl: u32,
        tr: u32,
        bl: u32,
        br: u32,
    ) -> Result<(), Error> {
        use super::attr::*;
        let pick = |c: u32, default: u32| Screen::chtype_cell(if c == 0 { default } else { c });
        let [ls, rs, ts, bs, tl, tr, bl, br] = [
            pick(ls, ACS_VLINE),
            pick(rs, ACS_VLINE),
            pick(ts, ACS_HLINE),
            pick(bs, ACS_HLINE),
            pick(tl, ACS_ULCORNER),
            pick(tr, ACS_URCORNER),
            pick(bl, ACS_LLCORNER),
            pick(br, ACS_LRCORNER),
        ];
        self.change(|s, id| {
            let w = s.win(id);
            let (ymax, xmax) = (w.lines - 1, w.cols - 1);
            for x in 1..xmax {
                s.set(id, 0, x, ts);
                s.set(id, ymax, x, bs);
            }
            for y in 1..ymax {
                s.set(id, y, 0, ls);
                s.set(id, y, xmax, rs);
            }
            s.set(id, 0, 0, tl);
            s.set(id, 0, xmax, tr);
            s.set(id, ymax, 0, bl);
            s.set(id, ymax, xmax, br);
            Ok(())
        })
    }

    /// `window.box(vertch, horch)`—[`border`](Self::border) with `vertch`
    /// for the sides and `horch` for the top and bottom (`0, 0` for the
    /// line-drawing defaults). `box` is a Rust keyword, hence the `_`.
    #[doc(alias = "box")]
    pub fn box_(&self, vertch: u32, horch: u32) -> Result<(), Error> {
        self.border(vertch, vertch, horch, horch, 0, 0, 0, 0)
    }

    /// `window.hline(ch, n)`—a horizontal line of at most `n` `ch`s from
    /// the cursor, which does not move (`0` draws `ACS_HLINE`).
    pub fn hline(&self, ch: u32, n: usize) -> Result<(), Error> {
        let cell = Screen::chtype_cell(if ch == 0 { super::attr::ACS_HLINE } else { ch });
        self.change(|s, id| {
            let w = s.win(id);
            let (y, x) = (w.cury, w.curx);
            for i in x..(x.saturating_add(n)).min(w.cols) {
                s.set(id, y, i, cell);
            }
            Ok(())
        })
    }

    /// `window.hline(y, x, ch, n)`.
    pub fn mvhline(&self, y: i32, x: i32, ch: u32, n: usize) -> Result<(), Error> {
        self.move_to(y, x)?;
        self.hline(ch, n)
    }

    /// `window.vline(ch, n)`—a vertical line down from the cursor (`0`
    /// draws `ACS_VLINE`).
    pub fn vline(&self, ch: u32, n: usize) -> Result<(), Error> {
        let cell = Screen::chtype_cell(if ch == 0 { super::attr::ACS_VLINE } else { ch });
        self.change(|s, id| {
            let w = s.win(id);
            let (y, x) = (w.cury, w.curx);
            for i in y..(y.saturating_add(n)).min(w.lines) {
                s.set(id, i, x, cell);
            }
            Ok(())
        })
    }

    /// `window.vline(y, x, ch, n)`.
    pub fn mvvline(&self, y: i32, x: i32, ch: u32, n: usize) -> Result<(), Error> {
        self.move_to(y, x)?;
        self.vline(ch, n)
    }

    // --- Clearing ------------------------------------------------------

    /// `window.erase()`—blanks the window (with its background).
    pub fn erase(&self) -> Result<(), Error> {
        self.change(|s, id| {
            s.erase(id);
            Ok(())
        })
    }

    /// `window.clear()`—[`erase`](Self::erase), and the next refresh
    /// repaints the whole screen.
    pub fn clear(&self) -> Result<(), Error> {
        self.change(|s, id| {
            s.erase(id);
            s.win_mut(id).clearok = true;
            Ok(())
        })
    }

    /// `window.clrtobot()`—blanks from the cursor to the end of the window.
    pub fn clrtobot(&self) -> Result<(), Error> {
        self.change(|s, id| {
            s.clrtobot(id);
            Ok(())
        })
    }

    /// `window.clrtoeol()`—blanks from the cursor to the end of its line.
    pub fn clrtoeol(&self) -> Result<(), Error> {
        self.change(|s, id| {
            s.clrtoeol(id);
            Ok(())
        })
    }

    // --- The cursor and geometry ------------------------------------------

    /// `window.move(new_y, new_x)`—moves the cursor (`move` is a Rust
    /// keyword).
    ///
    /// # Errors
    ///
    /// `wmove() returned ERR` outside the window.
    #[doc(alias = "move")]
    pub fn move_to(&self, y: i32, x: i32) -> Result<(), Error> {
        self.with(|s, id| {
            let w = s.win_mut(id);
            if y < 0 || x < 0 || y as usize >= w.lines || x as usize >= w.cols {
                return Err(err("wmove() returned ERR"));
            }
            w.cury = y as usize;
            w.curx = x as usize;
            w.moved = true;
            Ok(())
        })
    }

    /// Moves for a `mv…` call, failing with that call's own error as
    /// Python's does (`addwstr() returned ERR`, not `wmove()`'s).
    fn move_or(&self, y: i32, x: i32, message: &'static str) -> Result<(), Error> {
        self.move_to(y, x).map_err(|_| err(message))
    }

    /// `window.getyx()`—the cursor's position.
    pub fn getyx(&self) -> (i32, i32) {
        self.with(|s, id| {
            let w = s.win(id);
            Ok((w.cury as i32, w.curx as i32))
        })
        .unwrap_or((-1, -1))
    }

    /// `window.getbegyx()`—the window's top left on the screen.
    pub fn getbegyx(&self) -> (i32, i32) {
        self.with(|s, id| {
            let w = s.win(id);
            Ok((w.begy, w.begx))
        })
        .unwrap_or((-1, -1))
    }

    /// `window.getmaxyx()`—the window's height and width.
    pub fn getmaxyx(&self) -> (i32, i32) {
        self.with(|s, id| {
            let w = s.win(id);
            Ok((w.lines as i32, w.cols as i32))
        })
        .unwrap_or((-1, -1))
    }

    /// `window.getparyx()`—the position in the parent window, `(-1, -1)`
    /// for a window that is no subwindow.
    pub fn getparyx(&self) -> (i32, i32) {
        self.with(|s, id| {
            let w = s.win(id);
            Ok((w.pary, w.parx))
        })
        .unwrap_or((-1, -1))
    }

    /// `window.enclose(y, x)`—whether screen position (y, x) is inside
    /// the window.
    pub fn enclose(&self, y: i32, x: i32) -> bool {
        let (by, bx) = self.getbegyx();
        let (h, w) = self.getmaxyx();
        (by..by + h).contains(&y) && (bx..bx + w).contains(&x)
    }

    /// `window.mvwin(new_y, new_x)`—moves the window on the screen.
    ///
    /// # Errors
    ///
    /// `mvwin() returned ERR` when it would not fit, and for subwindows
    /// and pads.
    pub fn mvwin(&self, y: i32, x: i32) -> Result<(), Error> {
        self.with(|s, id| {
            let (lines, cols) = (s.lines as i32, s.cols as i32);
            let w = s.win_mut(id);
            if w.is_pad
                || w.parent.is_some()
                || y < 0
                || x < 0
                || y + w.lines as i32 > lines
                || x + w.cols as i32 > cols
            {
                return Err(err("mvwin() returned ERR"));
            }
            w.begy = y;
            w.begx = x;
            w.touch_lines(0, w.lines, true);
            Ok(())
        })
    }

    /// `window.mvderwin(y, x)`—moves a subwindow's view inside its parent.
    pub fn mvderwin(&self, y: i32, x: i32) -> Result<(), Error> {
        self.with(|s, id| {
            let parent = s.win(id).parent.ok_or(err("mvderwin() returned ERR"))?;
            let p = s.win(parent);
            let (poy, pox, pl, pc, pby, pbx) = (p.off_y, p.off_x, p.lines, p.cols, p.begy, p.begx);
            let w = s.win_mut(id);
            if y < 0 || x < 0 || y as usize + w.lines > pl || x as usize + w.cols > pc {
                return Err(err("mvderwin() returned ERR"));
            }
            w.off_y = poy + y as usize;
            w.off_x = pox + x as usize;
            w.pary = y;
            w.parx = x;
            w.begy = pby + y;
            w.begx = pbx + x;
            w.touch_lines(0, w.lines, true);
            Ok(())
        })
    }

    /// `window.subwin(nlines, ncols, begin_y, begin_x)`—a window sharing
    /// this one's cells, at screen position (`begin_y`, `begin_x`); 0 lines
    /// or columns reach this window's edge.
    ///
    /// # Errors
    ///
    /// `curses function returned NULL` when it would not fit inside.
    pub fn subwin(&self, nlines: i32, ncols: i32, y: i32, x: i32) -> Result<Window, Error> {
        let (by, bx) = self.getbegyx();
        self.derwin(nlines, ncols, y - by, x - bx)
    }

    /// `window.derwin(nlines, ncols, begin_y, begin_x)`—as
    /// [`subwin`](Self::subwin), placed relative to this window.
    pub fn derwin(&self, nlines: i32, ncols: i32, y: i32, x: i32) -> Result<Window, Error> {
        self.with(|s, id| {
            let w = s.win(id);
            let (pl, pc) = (w.lines as i32, w.cols as i32);
            let nlines = if nlines == 0 { pl - y } else { nlines };
            let ncols = if ncols == 0 { pc - x } else { ncols };
            if y < 0 || x < 0 || nlines <= 0 || ncols <= 0 || y + nlines > pl || x + ncols > pc {
                return Err(err("curses function returned NULL"));
            }
            let child =
                s.new_subwindow(id, nlines as usize, ncols as usize, y as usize, x as usize);
            Ok(Window { id: child })
        })
    }

    /// `window.subpad(nlines, ncols, begin_y, begin_x)`—a pad sharing
    /// this pad's cells, at (`begin_y`, `begin_x`) in it.
    pub fn subpad(&self, nlines: i32, ncols: i32, y: i32, x: i32) -> Result<Window, Error> {
        if !self.is_pad() {
            return Err(err("curses function returned NULL"));
        }
        self.derwin(nlines, ncols, y, x)
    }

    fn is_pad(&self) -> bool {
        self.with(|s, id| Ok(s.win(id).is_pad)).unwrap_or(false)
    }

    /// `window.resize(nlines, ncols)`—gives the window a new size; new
    /// cells are blank (the background).
    ///
    /// # Errors
    ///
    /// `wresize() returned ERR` for a size below 1 × 1 and for a subwindow
    /// that would leave its parent.
    pub fn resize(&self, nlines: i32, ncols: i32) -> Result<(), Error> {
        self.with(|s, id| resize_window(s, id, nlines, ncols))
    }

    // --- Scrolling -------------------------------------------------------

    /// `window.scroll(lines=1)`—scrolls the scrolling region up `n` lines
    /// (down when negative).
    ///
    /// # Errors
    ///
    /// `scroll() returned ERR` unless [`scrollok`](Self::scrollok) is on.
    pub fn scroll(&self, n: i32) -> Result<(), Error> {
        self.change(|s, id| {
            let w = s.win(id);
            if !w.scroll {
                return Err(err("scroll() returned ERR"));
            }
            let (top, bottom) = (w.top, w.bottom);
            s.scroll_region(id, top, bottom, n);
            Ok(())
        })
    }

    /// `window.scrollok(flag)`—whether writing past the bottom of the
    /// scrolling region scrolls the window.
    pub fn scrollok(&self, flag: bool) {
        self.set(|w| w.scroll = flag);
    }

    /// `window.setscrreg(top, bottom)`—the scrolling region, lines `top`
    /// to `bottom` inclusive.
    ///
    /// # Errors
    ///
    /// `wsetscrreg() returned ERR` for lines outside the window or
    /// `top > bottom`.
    pub fn setscrreg(&self, top: i32, bottom: i32) -> Result<(), Error> {
        self.with(|s, id| {
            let w = s.win_mut(id);
            if top < 0 || bottom < top || bottom as usize >= w.lines {
                return Err(err("wsetscrreg() returned ERR"));
            }
            w.top = top as usize;
            w.bottom = bottom as usize;
            Ok(())
        })
    }

    /// `window.idlok(flag)`—allow insert/delete line for this window. The
    /// screen scrolls moved lines whenever that is cheaper, so this is
    /// recorded only.
    pub fn idlok(&self, flag: bool) {
        self.set(|w| w.idlok = flag);
    }

    /// `window.leaveok(flag)`—leave the terminal's cursor wherever drawing
    /// ends instead of at this window's cursor.
    pub fn leaveok(&self, flag: bool) {
        self.set(|w| w.leaveok = flag);
    }

    /// `window.clearok(flag)`—the next refresh repaints the whole screen.
    pub fn clearok(&self, flag: bool) {
        self.set(|w| w.clearok = flag);
    }

    /// `window.immedok(flag)`—refresh after every change.
    pub fn immedok(&self, flag: bool) {
        self.set(|w| w.immedok = flag);
    }

    /// `window.syncok(flag)`—mark the ancestors changed after every change
    /// (as [`syncup`](Self::syncup)).
    pub fn syncok(&self, flag: bool) {
        self.set(|w| w.syncok = flag);
    }

    /// `window.syncup()`—marks the changes of this window in its ancestors.
    pub fn syncup(&self) {
        let _ = self.with(|s, id| {
            sync_up(s, id);
            Ok(())
        });
    }

    /// `window.syncdown()`—marks this window changed where an ancestor is.
    pub fn syncdown(&self) {
        let _ = self.with(|s, id| {
            let mut p = s.win(id).parent;
            while let Some(pid) = p {
                let (poy, pox) = (s.win(pid).off_y, s.win(pid).off_x);
                let marks: Vec<(usize, usize)> = {
                    let pw = s.win(pid);
                    pw.first
                        .iter()
                        .copied()
                        .zip(pw.last.iter().copied())
                        .collect()
                };
                let w = s.win_mut(id);
                for y in 0..w.lines {
                    let py = w.off_y - poy + y;
                    if let Some(&(f, l)) = marks.get(py)
                        && f != NOCHANGE
                    {
                        let x0 = w.off_x - pox;
                        let (f, l) = (f.saturating_sub(x0), l.saturating_sub(x0));
                        if l < w.cols || f < w.cols {
                            w.touch(y, f.min(w.cols - 1), l.min(w.cols - 1));
                        }
                    }
                }
                p = s.win(pid).parent;
            }
            Ok(())
        });
    }

    /// `window.cursyncup()`—moves the ancestors' cursors to this window's.
    pub fn cursyncup(&self) {
        let _ = self.with(|s, id| {
            let (mut y, mut x) = {
                let w = s.win(id);
                (w.cury + w.off_y, w.curx + w.off_x)
            };
            let mut p = s.win(id).parent;
            while let Some(pid) = p {
                let pw = s.win_mut(pid);
                pw.cury = y - pw.off_y;
                pw.curx = x - pw.off_x;
                (y, x) = (pw.cury + pw.off_y, pw.curx + pw.off_x);
                p = pw.parent;
            }
            Ok(())
        });
    }

    // --- Changes -------------------------------------------------------

    /// `window.touchwin()`—marks the whole window changed.
    pub fn touchwin(&self) {
        self.touchline(0, i32::MAX, true);
    }

    /// `window.untouchwin()`—marks the window unchanged.
    pub fn untouchwin(&self) {
        self.touchline(0, i32::MAX, false);
    }

    /// `window.touchline(start, count, changed=True)`.
    pub fn touchline(&self, start: i32, count: i32, changed: bool) {
        let _ = self.with(|s, id| {
            s.win_mut(id)
                .touch_lines(start.max(0) as usize, count.max(0) as usize, changed);
            Ok(())
        });
    }

    /// `window.is_wintouched()`—whether anything changed since the last
    /// refresh.
    pub fn is_wintouched(&self) -> bool {
        self.with(|s, id| Ok(s.win(id).first.iter().any(|&f| f != NOCHANGE)))
            .unwrap_or(false)
    }

    /// `window.is_linetouched(line)`.
    ///
    /// # Errors
    ///
    /// `is_linetouched: line number outside of boundaries`, Python's text.
    pub fn is_linetouched(&self, line: i32) -> Result<bool, Error> {
        self.with(|s, id| {
            let w = s.win(id);
            if line < 0 || line as usize >= w.lines {
                return Err(err("is_linetouched: line number outside of boundaries"));
            }
            Ok(w.first[line as usize] != NOCHANGE)
        })
    }

    /// `window.redrawwin()`—the next refresh redraws the whole window, as
    /// if the terminal had lost it.
    pub fn redrawwin(&self) {
        self.redrawln(0, i32::MAX);
    }

    /// `window.redrawln(beg, num)`—as [`redrawwin`](Self::redrawwin) for
    /// `num` lines from `beg`.
    pub fn redrawln(&self, beg: i32, num: i32) {
        let _ = self.with(|s, id| {
            let (begy, begx, lines, cols) = {
                let w = s.win(id);
                (w.begy, w.begx, w.lines, w.cols)
            };
            let beg = beg.max(0) as usize;
            let end = beg.saturating_add(num.max(0) as usize).min(lines);
            s.win_mut(id)
                .touch_lines(beg, end.saturating_sub(beg), true);
            // Forget what the terminal shows there, so that it is sent again.
            let (sl, sc) = (s.lines as i32, s.cols as i32);
            for y in beg..end {
                let sy = begy + y as i32;
                if !(0..sl).contains(&sy) {
                    continue;
                }
                for x in 0..cols {
                    let sx = begx + x as i32;
                    if (0..sc).contains(&sx) {
                        let i = sy as usize * s.cols + sx as usize;
                        s.curscr[i] = Cell::new('\0', 0, 0);
                    }
                }
            }
            Ok(())
        });
    }

    /// `window.overlay(destwin)`—copies this window's non-blank cells onto
    /// `dest` where they overlap on the screen.
    pub fn overlay(&self, dest: &Window) -> Result<(), Error> {
        self.copy_overlapping(dest, true)
    }

    /// `window.overwrite(destwin)`—copies every cell onto `dest` where the
    /// windows overlap.
    pub fn overwrite(&self, dest: &Window) -> Result<(), Error> {
        self.copy_overlapping(dest, false)
    }

    fn copy_overlapping(&self, dest: &Window, skip_blanks: bool) -> Result<(), Error> {
        let (sy, sx) = self.getbegyx();
        let (sh, sw) = self.getmaxyx();
        let (dy, dx) = dest.getbegyx();
        let (dh, dw) = dest.getmaxyx();
        let top = sy.max(dy);
        let left = sx.max(dx);
        let bottom = (sy + sh).min(dy + dh) - 1;
        let right = (sx + sw).min(dx + dw) - 1;
        if bottom < top || right < left {
            return Ok(());
        }
        self.copywin(
            dest,
            top - sy,
            left - sx,
            top - dy,
            left - dx,
            bottom - dy,
            right - dx,
            skip_blanks,
        )
    }

    /// `window.overlay(destwin, sminrow, smincol, dminrow, dmincol,
    /// dmaxrow, dmaxcol)` and its overwrite form, ncurses' `copywin`: the
    /// rectangle from (`sminrow`, `smincol`) of this window onto `dest`'s
    /// from (`dminrow`, `dmincol`) to (`dmaxrow`, `dmaxcol`); with
    /// `overlay`, blanks are not copied.
    ///
    /// # Errors
    ///
    /// `copywin() returned ERR` when the rectangle leaves either window.
    #[allow(clippy::too_many_arguments)]
    pub fn copywin(
        &self,
        dest: &Window,
        sminrow: i32,
        smincol: i32,
        dminrow: i32,
        dmincol: i32,
        dmaxrow: i32,
        dmaxcol: i32,
        overlay: bool,
    ) -> Result<(), Error> {
        let (src, dst) = (self.id, dest.id);
        with_screen(|s| {
            let (sl, sc) = {
                let w = s.win(src);
                (w.lines as i32, w.cols as i32)
            };
            let (dl, dc) = {
                let w = s.win(dst);
                (w.lines as i32, w.cols as i32)
            };
            let height = dmaxrow - dminrow + 1;
            let width = dmaxcol - dmincol + 1;
            if [sminrow, smincol, dminrow, dmincol].iter().any(|&v| v < 0)
                || height <= 0
                || width <= 0
                || sminrow + height > sl
                || smincol + width > sc
                || dmaxrow >= dl
                || dmaxcol >= dc
            {
                return Err(err("copywin() returned ERR"));
            }
            for y in 0..height as usize {
                let cells: Vec<Cell> = (0..width as usize)
                    .map(|x| s.cell(src, sminrow as usize + y, smincol as usize + x))
                    .collect();
                let (w, buf) = s.parts(dst);
                let (ty, tx) = (dminrow as usize + y, dmincol as usize);
                let mut changed = None;
                for (x, cell) in cells.into_iter().enumerate() {
                    if overlay && cell.is_blank() {
                        continue;
                    }
                    let i = w.index(buf, ty, tx + x);
                    if buf.cells[i] != cell {
                        buf.cells[i] = cell;
                        changed = Some(changed.map_or((x, x), |(a, _)| (a, x)));
                    }
                }
                if let Some((a, b)) = changed {
                    w.touch(ty, tx + a, tx + b);
                }
            }
            Ok(())
        })
    }

    // --- Attributes and background ----------------------------------------

    /// `window.attron(attr)`—turns attributes on for what is written next.
    pub fn attron(&self, attr: u32) {
        let _ = self.with(|s, id| {
            let w = s.win_mut(id);
            w.attr |= attr & super::attr::A_ATTRIBUTES & !super::attr::A_COLOR;
            let pair = super::attr::pair_number(attr);
            if pair != 0 {
                w.pair = u16::from(pair);
            }
            Ok(())
        });
    }

    /// `window.attroff(attr)`—turns attributes off (a colour pair in
    /// `attr` turns the colour off).
    pub fn attroff(&self, attr: u32) {
        let _ = self.with(|s, id| {
            let w = s.win_mut(id);
            w.attr &= !(attr & !super::attr::A_COLOR);
            if attr & super::attr::A_COLOR != 0 {
                w.pair = 0;
            }
            Ok(())
        });
    }

    /// `window.attrset(attr)`—sets the attributes to exactly `attr`.
    pub fn attrset(&self, attr: u32) {
        let _ = self.with(|s, id| {
            let w = s.win_mut(id);
            w.attr = attr & super::attr::A_ATTRIBUTES & !super::attr::A_COLOR;
            w.pair = u16::from(super::attr::pair_number(attr));
            Ok(())
        });
    }

    /// `window.standout()`—`attrset(A_STANDOUT)`.
    pub fn standout(&self) {
        self.attrset(super::attr::A_STANDOUT);
    }

    /// `window.standend()`—`attrset(A_NORMAL)`.
    pub fn standend(&self) {
        self.attrset(0);
    }

    /// `window.chgat(num, attr)`—sets the attributes of `num` characters
    /// from the cursor (`-1`: to the end of the line), keeping their text.
    pub fn chgat(&self, num: i32, attr: u32) -> Result<(), Error> {
        self.change(|s, id| {
            let (w, buf) = s.parts(id);
            let (y, x) = (w.cury, w.curx);
            let end = if num < 0 {
                w.cols
            } else {
                (x + num as usize).min(w.cols)
            };
            let a = attr & super::attr::A_ATTRIBUTES & !super::attr::A_COLOR;
            let pair = u16::from(super::attr::pair_number(attr));
            for i in x..end {
                let j = w.index(buf, y, i);
                buf.cells[j].attr = a;
                buf.cells[j].pair = pair;
            }
            if end > x {
                w.touch(y, x, end - 1);
            }
            Ok(())
        })
    }

    /// `window.chgat(y, x, num, attr)`.
    pub fn mvchgat(&self, y: i32, x: i32, num: i32, attr: u32) -> Result<(), Error> {
        self.move_or(y, x, "chgat() returned ERR")?;
        self.chgat(num, attr)
    }

    /// `window.bkgdset(ch)`—the background: its attributes join every
    /// character written, its character fills what is erased.
    pub fn bkgdset(&self, ch: impl Into<Ch>) {
        let cell = ch.into().0;
        let _ = self.with(|s, id| {
            let w = s.win_mut(id);
            w.bkgd = cell;
            w.bkgd_chtype = cell.chtype();
            Ok(())
        });
    }

    /// `window.bkgd(ch)`—[`bkgdset`](Self::bkgdset), and every cell of the
    /// window takes the new background: blanks become its character,
    /// attributes of the old background give way to the new one's.
    pub fn bkgd(&self, ch: impl Into<Ch>) -> Result<(), Error> {
        let cell = ch.into().0;
        self.change(|s, id| {
            let (w, buf) = s.parts(id);
            let old = w.bkgd;
            for y in 0..w.lines {
                for x in 0..w.cols {
                    let i = w.index(buf, y, x);
                    let c = &mut buf.cells[i];
                    if c.text == old.text && c.kind == Kind::Narrow {
                        c.text = cell.text;
                    }
                    c.attr = (c.attr & !old.attr) | cell.attr;
                    if c.pair == old.pair {
                        c.pair = cell.pair;
                    }
                }
            }
            w.bkgd = cell;
            w.bkgd_chtype = cell.chtype();
            w.touch_lines(0, w.lines, true);
            Ok(())
        })
    }

    /// `window.getbkgd()`—the background as last set (0 before any).
    pub fn getbkgd(&self) -> u32 {
        self.with(|s, id| Ok(s.win(id).bkgd_chtype)).unwrap_or(0)
    }

    // --- Refreshing --------------------------------------------------------

    /// `window.refresh()`—shows the window's changes on the terminal.
    ///
    /// # Errors
    ///
    /// Python's `refresh() for a pad requires 6 arguments` for a pad.
    pub fn refresh(&self) -> Result<(), Error> {
        self.with(|s, id| {
            if s.win(id).is_pad {
                return Err(err("refresh() for a pad requires 6 arguments"));
            }
            s.reenter();
            s.noutrefresh(id);
            s.doupdate().map_err(|_| err("refresh() returned ERR"))
        })
    }

    /// `window.noutrefresh()`—marks the window's changes for the next
    /// [`doupdate`](super::doupdate) without drawing.
    pub fn noutrefresh(&self) -> Result<(), Error> {
        self.with(|s, id| {
            if s.win(id).is_pad {
                return Err(err("noutrefresh() called for a pad requires 6 arguments"));
            }
            s.noutrefresh(id);
            Ok(())
        })
    }

    /// A pad's `refresh(pminrow, pmincol, sminrow, smincol, smaxrow,
    /// smaxcol)`: shows the pad from (`pminrow`, `pmincol`) in the screen's
    /// rectangle from (`sminrow`, `smincol`) to (`smaxrow`, `smaxcol`).
    ///
    /// # Errors
    ///
    /// `prefresh() returned ERR` for a window that is not a pad and for an
    /// empty rectangle.
    pub fn prefresh(
        &self,
        pminrow: i32,
        pmincol: i32,
        sminrow: i32,
        smincol: i32,
        smaxrow: i32,
        smaxcol: i32,
    ) -> Result<(), Error> {
        self.with(|s, id| {
            if !s.win(id).is_pad {
                return Err(err("prefresh() returned ERR"));
            }
            s.reenter();
            s.pad_noutrefresh(id, [pminrow, pmincol, sminrow, smincol, smaxrow, smaxcol])
                .map_err(|()| err("prefresh() returned ERR"))?;
            s.doupdate().map_err(|_| err("prefresh() returned ERR"))
        })
    }

    /// A pad's `noutrefresh(pminrow, …, smaxcol)`, ncurses' `pnoutrefresh`.
    pub fn pnoutrefresh(
        &self,
        pminrow: i32,
        pmincol: i32,
        sminrow: i32,
        smincol: i32,
        smaxrow: i32,
        smaxcol: i32,
    ) -> Result<(), Error> {
        self.with(|s, id| {
            if !s.win(id).is_pad {
                return Err(err("pnoutrefresh() returned ERR"));
            }
            s.pad_noutrefresh(id, [pminrow, pmincol, sminrow, smincol, smaxrow, smaxcol])
                .map_err(|()| err("pnoutrefresh() returned ERR"))
        })
    }
}

fn w_syncok(s: &Screen, id: usize) -> bool {
    s.win(id).syncok
}

/// Marks a subwindow's changes in each ancestor (`wsyncup`).
fn sync_up(s: &mut Screen, id: usize) {
    let mut child = id;
    while let Some(pid) = s.win(child).parent {
        let (coy, cox, marks): (usize, usize, Vec<(usize, usize)>) = {
            let c = s.win(child);
            (
                c.off_y,
                c.off_x,
                c.first
                    .iter()
                    .copied()
                    .zip(c.last.iter().copied())
                    .collect(),
            )
        };
        let p = s.win_mut(pid);
        for (y, (f, l)) in marks.into_iter().enumerate() {
            if f != NOCHANGE {
                let py = coy - p.off_y + y;
                let dx = cox - p.off_x;
                p.touch(py, f + dx, l + dx);
            }
        }
        child = pid;
    }
}

/// `wresize`: a window of its own gets new cells (the old ones kept where
/// they fit); a subwindow only changes its view of its parent's.
pub(crate) fn resize_window(
    s: &mut Screen,
    id: usize,
    nlines: i32,
    ncols: i32,
) -> Result<(), Error> {
    if nlines <= 0 || ncols <= 0 {
        return Err(err("wresize() returned ERR"));
    }
    let (nl, nc) = (nlines as usize, ncols as usize);
    Screen::check_size(nl, nc).map_err(|_| err("wresize() returned ERR"))?;
    let w = s.win(id);
    if let Some(pid) = w.parent {
        let p = s.win(pid);
        if w.off_y - p.off_y + nl > p.lines || w.off_x - p.off_x + nc > p.cols {
            return Err(err("wresize() returned ERR"));
        }
    } else {
        if w.children > 0 && (nl < w.lines || nc < w.cols) {
            // Its subwindows would reach outside the new cells.
            return Err(err("wresize() returned ERR"));
        }
        let (w, buf) = s.parts(id);
        let blank = w.bkgd;
        let mut cells = alloc::vec![blank; nl * nc];
        for y in 0..nl.min(w.lines) {
            for x in 0..nc.min(w.cols) {
                cells[y * nc + x] = buf.cells[w.index(buf, y, x)];
            }
        }
        buf.cells = cells;
        buf.cols = nc;
    }
    let w = s.win_mut(id);
    w.lines = nl;
    w.cols = nc;
    w.first = alloc::vec![0; nl];
    w.last = alloc::vec![nc - 1; nl];
    w.cury = w.cury.min(nl - 1);
    w.curx = w.curx.min(nc - 1);
    w.top = 0;
    w.bottom = nl - 1;
    Ok(())
}
