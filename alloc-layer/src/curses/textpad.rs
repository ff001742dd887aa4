//! `curses.textpad`: [`rectangle`], and [`Textbox`], an editing widget in
//! a window with Emacs-like keys, as CPython 3.11's `curses/textpad.py`
//! (the same keys, edge cases and result).
//!
//! ```no_run
//! use strata_alloc::curses::{self, textpad};
//!
//! let stdscr = curses::initscr()?;
//! let win = curses::newwin(1, 30, 2, 2)?;
//! textpad::rectangle(&stdscr, 1, 1, 3, 32)?;
//! stdscr.refresh()?;
//! let text = textpad::Textbox::new(win).edit()?; // Ctrl-G or Enter ends
//! curses::endwin()?;
//! # Ok::<(), curses::Error>(())
//! ```

use super::{
    ACS_HLINE, ACS_LLCORNER, ACS_LRCORNER, ACS_ULCORNER, ACS_URCORNER, ACS_VLINE, Error,
    KEY_BACKSPACE, KEY_DOWN, KEY_LEFT, KEY_RIGHT, KEY_UP, Window,
};
use alloc::string::String;
use strata_core::curses::ascii::{
    self, ACK, BEL, BS, DLE, ENQ, EOT, FF, NL, SI, SO, SOH, SP, STX, VT,
};

/// `curses.textpad.rectangle(win, uly, ulx, lry, lrx)`—draws a box of
/// line-drawing characters with these corners.
///
/// # Errors
///
/// The window's, when a corner is outside it.
pub fn rectangle(win: &Window, uly: i32, ulx: i32, lry: i32, lrx: i32) -> Result<(), Error> {
    let (height, width) = (
        (lry - uly - 1).max(0) as usize,
        (lrx - ulx - 1).max(0) as usize,
    );
    win.mvvline(uly + 1, ulx, ACS_VLINE, height)?;
    win.mvhline(uly, ulx + 1, ACS_HLINE, width)?;
    win.mvhline(lry, ulx + 1, ACS_HLINE, width)?;
    win.mvvline(uly + 1, lrx, ACS_VLINE, height)?;
    win.mvaddch(uly, ulx, ACS_ULCORNER)?;
    win.mvaddch(uly, lrx, ACS_URCORNER)?;
    // The bottom-right corner of a window cannot advance the cursor:
    // ncurses draws it and says ERR, which Python raises.
    win.mvaddch(lry, lrx, ACS_LRCORNER)?;
    win.mvaddch(lry, ulx, ACS_LLCORNER)
}

/// `curses.textpad.Textbox`: edits the text of a window.
///
/// | key | does |
/// |---|---|
/// | Ctrl-A | to the left edge |
/// | Ctrl-B, Left, Ctrl-H, Backspace | left, to the end of the line above at the edge; Ctrl-H and Backspace delete there |
/// | Ctrl-D | deletes the character under the cursor |
/// | Ctrl-E | to the end of the line (the right edge without `stripspaces`) |
/// | Ctrl-F, Right | right, to the next line at the edge |
/// | Ctrl-G | ends editing |
/// | Ctrl-J | ends a one-line box; else to the next line |
/// | Ctrl-K | deletes a blank line, else clears to its end |
/// | Ctrl-L | refreshes |
/// | Ctrl-N, Down / Ctrl-P, Up | a line down / up |
/// | Ctrl-O | inserts a blank line |
pub struct Textbox {
    win: Window,
    /// Typed characters push the rest of the line right instead of
    /// overwriting it.
    pub insert_mode: bool,
    /// Trailing blanks are not text: Ctrl-E stops after the last
    /// character, and [`gather`](Self::gather) leaves them out (default).
    pub stripspaces: bool,
    /// The last key [`do_command`](Self::do_command) was given.
    pub lastcmd: Option<i32>,
    maxy: i32,
    maxx: i32,
}

impl Textbox {
    /// `Textbox(win)`, overwriting; keypad mode is turned on for `win`.
    pub fn new(win: Window) -> Textbox {
        Textbox::with_insert_mode(win, false)
    }

    /// `Textbox(win, insert_mode)`.
    pub fn with_insert_mode(win: Window, insert_mode: bool) -> Textbox {
        win.keypad(true);
        let mut tb = Textbox {
            win,
            insert_mode,
            stripspaces: true,
            lastcmd: None,
            maxy: 0,
            maxx: 0,
        };
        tb.update_max_yx();
        tb
    }

    /// The window being edited.
    pub fn win(&self) -> &Window {
        &self.win
    }

    fn update_max_yx(&mut self) {
        let (y, x) = self.win.getmaxyx();
        self.maxy = y - 1;
        self.maxx = x - 1;
    }

    /// The column after the last non-blank of line `y` (0 for a blank
    /// line; the right edge when the line is full).
    fn end_of_line(&mut self, y: i32) -> Result<i32, Error> {
        self.update_max_yx();
        let mut last = self.maxx;
        loop {
            if ascii::ascii(self.win.mvinch(y, last)?) != u32::from(SP) {
                return Ok(self.maxx.min(last + 1));
            }
            if last == 0 {
                return Ok(0);
            }
            last -= 1;
        }
    }

    fn insert_printable_char(&mut self, ch: i32) -> Result<(), Error> {
        self.update_max_yx();
        let (mut y, mut x) = self.win.getyx();
        let mut ch = ch as u32;
        let mut back = None;
        while y < self.maxy || x < self.maxx {
            let old = if self.insert_mode {
                Some(self.win.inch()?)
            } else {
                None
            };
            // The bottom-right cell cannot advance the cursor: the
            // character is drawn and the error is Python's to ignore.
            let _ = self.win.addch(ch);
            let Some(old) = old.filter(|&o| ascii::isprint(o)) else {
                break;
            };
            ch = old;
            (y, x) = self.win.getyx();
            back.get_or_insert((y, x));
        }
        if let Some((y, x)) = back {
            self.win.move_to(y, x)?;
        }
        Ok(())
    }

    /// `do_command(ch)`—one key's edit; `false` when the key ends
    /// editing (Ctrl-G, or Ctrl-J in a one-line box).
    ///
    /// # Errors
    ///
    /// The window's (a move outside it cannot happen from these keys).
    pub fn do_command(&mut self, ch: i32) -> Result<bool, Error> {
        self.update_max_yx();
        let (y, x) = self.win.getyx();
        self.lastcmd = Some(ch);
        let is = |c: u8| ch == i32::from(c);
        if ascii::isprint(ch) {
            if y < self.maxy || x < self.maxx {
                self.insert_printable_char(ch)?;
            }
        } else if is(SOH) {
            self.win.move_to(y, 0)?;
        } else if is(STX) || ch == KEY_LEFT || is(BS) || ch == KEY_BACKSPACE {
            if x > 0 {
                self.win.move_to(y, x - 1)?;
            } else if y == 0 {
            } else if self.stripspaces {
                let end = self.end_of_line(y - 1)?;
                self.win.move_to(y - 1, end)?;
            } else {
                self.win.move_to(y - 1, self.maxx)?;
            }
            if is(BS) || ch == KEY_BACKSPACE {
                self.win.delch()?;
            }
        } else if is(EOT) {
            self.win.delch()?;
        } else if is(ENQ) {
            let to = if self.stripspaces {
                self.end_of_line(y)?
            } else {
                self.maxx
            };
            self.win.move_to(y, to)?;
        } else if is(ACK) || ch == KEY_RIGHT {
            if x < self.maxx {
                self.win.move_to(y, x + 1)?;
            } else if y != self.maxy {
                self.win.move_to(y + 1, 0)?;
            }
        } else if is(BEL) {
            return Ok(false);
        } else if is(NL) {
            if self.maxy == 0 {
                return Ok(false);
            }
            if y < self.maxy {
                self.win.move_to(y + 1, 0)?;
            }
        } else if is(VT) {
            if x == 0 && self.end_of_line(y)? == 0 {
                self.win.deleteln()?;
            } else {
                // First undo end_of_line's move.
                self.win.move_to(y, x)?;
                self.win.clrtoeol()?;
            }
        } else if is(FF) {
            self.win.refresh()?;
        } else if is(SO) || ch == KEY_DOWN {
            if y < self.maxy {
                self.move_keeping_column(y + 1, x)?;
            }
        } else if is(SI) {
            self.win.insertln()?;
        } else if (is(DLE) || ch == KEY_UP) && y > 0 {
            self.move_keeping_column(y - 1, x)?;
        }
        Ok(true)
    }

    /// To column `x` of line `y`, or to the line's end when it is shorter.
    fn move_keeping_column(&mut self, y: i32, x: i32) -> Result<(), Error> {
        self.win.move_to(y, x)?;
        let end = self.end_of_line(y)?;
        if x > end {
            self.win.move_to(y, end)?;
        }
        Ok(())
    }

    /// `gather()`—the window's text, a line each (with `\n` after each
    /// when the box has several), characters as their low seven bits as
    /// Python's does; with `stripspaces`, blank lines and trailing blanks
    /// are left out.
    pub fn gather(&mut self) -> Result<String, Error> {
        let mut result = String::new();
        self.update_max_yx();
        for y in 0..=self.maxy {
            self.win.move_to(y, 0)?;
            let stop = self.end_of_line(y)?;
            if stop == 0 && self.stripspaces {
                continue;
            }
            for x in 0..=self.maxx {
                if self.stripspaces && x > stop {
                    break;
                }
                let c = ascii::ascii(self.win.mvinch(y, x)?);
                result.push(char::from(c as u8));
            }
            if self.maxy > 0 {
                result.push('\n');
            }
        }
        Ok(result)
    }

    /// `edit()`—reads keys and edits until Ctrl-G (or Ctrl-J in a
    /// one-line box), refreshing after each; returns [`gather`](Self::gather).
    pub fn edit(&mut self) -> Result<String, Error> {
        self.edit_with(|ch| ch)
    }

    /// `edit(validate)`—as [`edit`](Self::edit), each key first given to
    /// `validate`, whose result is the key to use (0: none).
    pub fn edit_with(&mut self, mut validate: impl FnMut(i32) -> i32) -> Result<String, Error> {
        loop {
            let ch = validate(self.win.getch()?);
            if ch == 0 {
                continue;
            }
            if !self.do_command(ch)? {
                break;
            }
            self.win.refresh()?;
        }
        self.gather()
    }
}
