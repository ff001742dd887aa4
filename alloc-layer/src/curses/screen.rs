//! The screen's state: the windows, the cells they draw in, the screen
//! the program wants (`newscr`) and the one the terminal shows
//! (`curscr`), the terminal's modes and pending input.
//!
//! Windows live in an arena and [`super::Window`] is a handle into it,
//! so that a subwindow can share its parent's cells as in ncurses (a
//! change through either shows in both) without shared mutable
//! references. Every operation takes the one lock of the current screen.

use super::attr::{A_ALTCHARSET, A_CHARTEXT, A_COLOR, pair_number};
use super::caps::Caps;
use super::cell::{Cell, Kind};
use super::width::width;
use super::{Error, err};
use alloc::vec;
use alloc::vec::Vec;
use strata_core::termios::Termios;

/// No change on this line (`_NOCHANGE`).
pub(crate) const NOCHANGE: usize = usize::MAX;

/// The cells one or more windows share: a window and its subwindows.
pub(crate) struct Buf {
    pub cols: usize,
    pub cells: Vec<Cell>,
    /// Windows that use these cells.
    pub users: usize,
}

/// One window: a rectangle of a [`Buf`] with its own cursor, attributes,
/// change marks and modes.
pub(crate) struct Win {
    pub buf: usize,
    /// Where this window's cell (0, 0) is in its buffer.
    pub off_y: usize,
    pub off_x: usize,
    pub lines: usize,
    pub cols: usize,
    /// Position on the screen (0, 0 for pads).
    pub begy: i32,
    pub begx: i32,
    /// The parent, and the position in it, for subwindows.
    pub parent: Option<usize>,
    pub pary: i32,
    pub parx: i32,
    pub cury: usize,
    pub curx: usize,
    pub attr: u32,
    pub pair: u16,
    /// The background: its character fills blanks, its attributes are
    /// added to every character written.
    pub bkgd: Cell,
    /// The `chtype` last given to `bkgd`/`bkgdset` (`getbkgd`).
    pub bkgd_chtype: u32,
    /// First and last changed column of each line, [`NOCHANGE`] if none.
    pub first: Vec<usize>,
    pub last: Vec<usize>,
    pub scroll: bool,
    pub top: usize,
    pub bottom: usize,
    pub leaveok: bool,
    pub clearok: bool,
    pub idlok: bool,
    pub immedok: bool,
    pub syncok: bool,
    pub keypad: bool,
    /// Input wait: negative blocks, 0 does not wait, n waits n ms.
    pub delay: i32,
    pub notimeout: bool,
    pub is_pad: bool,
    /// Whether the cursor moved since the last refresh (`_HASMOVED`).
    pub moved: bool,
    /// Python's handles to this window, and its subwindows.
    pub handles: usize,
    pub children: usize,
}

/// The terminal's input and output modes as curses keeps them.
pub(crate) struct Modes {
    pub echo: bool,
    pub cbreak: bool,
    pub raw: bool,
    /// Input `\r` reads as `\n` (`nl()`); output `\n` is not translated
    /// either way, as ncurses turns `ONLCR` off.
    pub nl: bool,
    /// `halfdelay(tenths)`, 0 when off.
    pub halfdelay: u8,
    pub meta: bool,
    pub cursor: i32,
}

pub(crate) struct Screen {
    pub caps: Caps,
    pub lines: usize,
    pub cols: usize,
    pub bufs: Vec<Option<Buf>>,
    pub wins: Vec<Option<Win>>,
    pub stdscr: usize,
    /// What the next [`super::doupdate`] draws, and where it leaves the
    /// cursor (`None`: wherever it ends up, `leaveok`).
    pub newscr: Vec<Cell>,
    pub new_cursor: Option<(usize, usize)>,
    /// What the terminal shows.
    pub curscr: Vec<Cell>,
    /// Where the terminal's cursor is, `None` when unknown (after a write
    /// into the last column, or before the first update).
    pub phys_cursor: Option<(usize, usize)>,
    pub phys_attr: u32,
    pub phys_pair: u16,
    /// The next update clears the screen first (the first one, `clear()`,
    /// `clearok`).
    pub clear_next: bool,
    pub out: Vec<u8>,
    pub colors: super::color::Colors,
    pub modes: Modes,
    pub input: super::input::Input,
    pub shell_mode: Option<Termios>,
    pub prog_mode: Option<Termios>,
    pub ended: bool,
    pub panels: super::panel::Deck,
}

impl Screen {
    pub(crate) fn win(&self, id: usize) -> &Win {
        self.wins[id]
            .as_ref()
            .expect("a handle names a live window")
    }

    pub(crate) fn win_mut(&mut self, id: usize) -> &mut Win {
        self.wins[id]
            .as_mut()
            .expect("a handle names a live window")
    }

    /// A window and its cells, both writable.
    pub(crate) fn parts(&mut self, id: usize) -> (&mut Win, &mut Buf) {
        let Screen { wins, bufs, .. } = self;
        let win = wins[id].as_mut().expect("a handle names a live window");
        let buf = bufs[win.buf].as_mut().expect("a window's buffer lives");
        (win, buf)
    }

    pub(crate) fn view(&self, id: usize) -> (&Win, &Buf) {
        let win = self.win(id);
        let buf = self.bufs[win.buf]
            .as_ref()
            .expect("a window's buffer lives");
        (win, buf)
    }

    /// Makes a window with cells of its own.
    pub(crate) fn new_window(
        &mut self,
        lines: usize,
        cols: usize,
        begy: i32,
        begx: i32,
        is_pad: bool,
    ) -> usize {
        let buf = Buf {
            cols,
            cells: vec![Cell::BLANK; lines * cols],
            users: 0,
        };
        let buf = insert(&mut self.bufs, buf);
        self.add_view(buf, 0, 0, lines, cols, begy, begx, None, is_pad)
    }

    /// Makes a window over part of `parent`'s cells.
    pub(crate) fn new_subwindow(
        &mut self,
        parent: usize,
        lines: usize,
        cols: usize,
        pary: usize,
        parx: usize,
    ) -> usize {
        let p = self.win(parent);
        let (buf, off_y, off_x, is_pad) = (p.buf, p.off_y + pary, p.off_x + parx, p.is_pad);
        let (begy, begx) = (p.begy + pary as i32, p.begx + parx as i32);
        let (attr, pair, bkgd) = (p.attr, p.pair, p.bkgd);
        self.win_mut(parent).children += 1;
        let id = self.add_view(
            buf,
            off_y,
            off_x,
            lines,
            cols,
            begy,
            begx,
            Some(parent),
            is_pad,
        );
        let w = self.win_mut(id);
        w.pary = pary as i32;
        w.parx = parx as i32;
        w.attr = attr;
        w.pair = pair;
        w.bkgd = bkgd;
        w.bkgd_chtype = bkgd.chtype();
        id
    }

    #[allow(clippy::too_many_arguments)]
    fn add_view(
        &mut self,
        buf: usize,
        off_y: usize,
        off_x: usize,
        lines: usize,
        cols: usize,
        begy: i32,
        begx: i32,
        parent: Option<usize>,
        is_pad: bool,
    ) -> usize {
        if let Some(b) = self.bufs[buf].as_mut() {
            b.users += 1;
        }
        let win = Win {
            buf,
            off_y,
            off_x,
            lines,
            cols,
            begy,
            begx,
            parent,
            pary: -1,
            parx: -1,
            cury: 0,
            curx: 0,
            attr: 0,
            pair: 0,
            bkgd: Cell::BLANK,
            bkgd_chtype: 0,
            // A new window is all changed: its first refresh draws it.
            first: vec![0; lines],
            last: vec![cols.saturating_sub(1); lines],
            scroll: false,
            top: 0,
            bottom: lines.saturating_sub(1),
            leaveok: false,
            clearok: false,
            idlok: false,
            immedok: false,
            syncok: false,
            keypad: false,
            delay: -1,
            notimeout: false,
            is_pad,
            moved: false,
            handles: 1,
            children: 0,
        };
        insert(&mut self.wins, win)
    }

    /// Drops one handle; the window goes with its last one, and its cells
    /// with their last window.
    pub(crate) fn release(&mut self, id: usize) {
        let Some(win) = self.wins[id].as_mut() else {
            return;
        };
        win.handles -= 1;
        if win.handles > 0 || win.children > 0 || id == self.stdscr {
            return;
        }
        let Some(win) = self.wins[id].take() else {
            return;
        };
        if let Some(parent) = win.parent
            && let Some(p) = self.wins[parent].as_mut()
        {
            p.children -= 1;
            if p.handles == 0 && p.children == 0 {
                p.handles = 1;
                self.release(parent);
            }
        }
        if let Some(b) = self.bufs[win.buf].as_mut() {
            b.users -= 1;
            if b.users == 0 {
                self.bufs[win.buf] = None;
            }
        }
    }
}

/// Puts `value` in the first free slot (or a new one); its index.
pub(crate) fn insert<T>(slots: &mut Vec<Option<T>>, value: T) -> usize {
    match slots.iter().position(Option::is_none) {
        Some(i) => {
            slots[i] = Some(value);
            i
        }
        None => {
            slots.push(Some(value));
            slots.len() - 1
        }
    }
}

impl Win {
    pub(crate) fn index(&self, buf: &Buf, y: usize, x: usize) -> usize {
        (self.off_y + y) * buf.cols + self.off_x + x
    }

    pub(crate) fn touch(&mut self, y: usize, from: usize, to: usize) {
        if y >= self.lines {
            return;
        }
        if self.first[y] == NOCHANGE || from < self.first[y] {
            self.first[y] = from;
        }
        if self.last[y] == NOCHANGE || to > self.last[y] {
            self.last[y] = to.min(self.cols.saturating_sub(1));
        }
    }

    pub(crate) fn touch_lines(&mut self, from: usize, count: usize, changed: bool) {
        let end = from.saturating_add(count).min(self.lines);
        for y in from..end {
            if changed {
                self.first[y] = 0;
                self.last[y] = self.cols.saturating_sub(1);
            } else {
                self.first[y] = NOCHANGE;
                self.last[y] = NOCHANGE;
            }
        }
    }

    /// The cell a blank of this window is: the background.
    pub(crate) fn blank(&self) -> Cell {
        self.bkgd
    }

    /// `ch` with the window's attributes and background merged in, as
    /// ncurses' `render_char`.
    pub(crate) fn render(&self, mut cell: Cell) -> Cell {
        let bk = self.bkgd;
        if cell.is_blank() && cell.attr == 0 && cell.pair == 0 {
            let mut b = bk;
            b.attr |= self.attr;
            if self.pair != 0 {
                b.pair = self.pair;
            }
            return b;
        }
        cell.attr |= self.attr | bk.attr;
        if cell.pair == 0 {
            cell.pair = if self.pair != 0 { self.pair } else { bk.pair };
        }
        cell
    }
}

impl Screen {
    /// `waddch`: writes `cell`'s character at the cursor (controls do what
    /// they do), advancing and wrapping it. `Err` is ncurses' ERR.
    pub(crate) fn put(&mut self, id: usize, cell: Cell) -> Result<(), ()> {
        let ch = cell.ch();
        let attr_only = Cell { ..cell };
        match ch {
            '\n' => {
                self.clrtoeol(id);
                let (w, _) = self.parts(id);
                w.moved = true;
                w.curx = 0;
                return self.newline(id);
            }
            '\r' => {
                let w = self.win_mut(id);
                w.curx = 0;
                w.moved = true;
                return Ok(());
            }
            '\u{8}' => {
                let w = self.win_mut(id);
                w.curx = w.curx.saturating_sub(1);
                w.moved = true;
                return Ok(());
            }
            '\t' => {
                let x = self.win(id).curx;
                let n = 8 - x % 8;
                for _ in 0..n {
                    self.put(id, Cell::new(' ', attr_only.attr, attr_only.pair))?;
                    if self.win(id).curx == 0 {
                        break;
                    }
                }
                return Ok(());
            }
            _ => {}
        }
        if (ch as u32) < 0x20 || ch == '\u{7f}' || ('\u{80}'..'\u{a0}').contains(&ch) {
            // Shown as ^X or ~X, as unctrl does.
            let (a, b) = super::unctrl_pair(ch);
            self.put(id, Cell::new(a, cell.attr, cell.pair))?;
            return self.put(id, Cell::new(b, cell.attr, cell.pair));
        }
        let w_cells = width(ch);
        if w_cells == 0 {
            // A combining mark joins the character before the cursor.
            let (w, buf) = self.parts(id);
            let (y, x) = if w.curx > 0 {
                (w.cury, w.curx - 1)
            } else {
                (w.cury, 0)
            };
            let i = w.index(buf, y, x);
            let mut i = i;
            if buf.cells[i].kind == Kind::WideRight && x > 0 {
                i -= 1;
            }
            buf.cells[i].combine(ch);
            w.touch(y, x.saturating_sub(1), x);
            return Ok(());
        }
        let rendered = self.win(id).render(cell);
        let (w, buf) = self.parts(id);
        if w_cells == 2 && w.curx + 1 >= w.cols {
            // A wide character that does not fit wraps whole, the rest of
            // the line blanked, as ncurses does.
            if w.cols < 2 {
                return Err(());
            }
            while w.curx < w.cols {
                let i = w.index(buf, w.cury, w.curx);
                buf.cells[i] = w.render(Cell::BLANK);
                w.touch(w.cury, w.curx, w.curx);
                w.curx += 1;
            }
            w.curx = w.cols - 1;
            if !self.wrap(id) {
                return Err(());
            }
            return self.put(id, cell);
        }
        let (w, buf) = self.parts(id);
        let (y, x) = (w.cury, w.curx);
        clear_wide_neighbours(w, buf, y, x, w_cells);
        let i = w.index(buf, y, x);
        buf.cells[i] = rendered;
        if w_cells == 2 {
            buf.cells[i].kind = Kind::WideLeft;
            buf.cells[i + 1] = Cell {
                kind: Kind::WideRight,
                ..rendered
            };
        }
        w.touch(y, x, x + w_cells - 1);
        w.moved = true;
        if x + w_cells >= w.cols {
            w.curx = w.cols - 1;
            if !self.wrap(id) {
                return Err(());
            }
        } else {
            w.curx = x + w_cells;
        }
        Ok(())
    }

    /// `waddnstr`: at most `n` characters of `s` as [`Screen::put`] writes
    /// them, each with attributes `attr` and pair `pair`; stops at the first
    /// that cannot be written.
    pub(crate) fn put_str(
        &mut self,
        id: usize,
        s: &str,
        n: usize,
        attr: u32,
        pair: u16,
    ) -> Result<(), ()> {
        let (mut rest, mut left) = (s, n);
        while left > 0 {
            let run = self.put_ascii(id, rest.as_bytes(), left, attr, pair);
            // Runs are whole ASCII bytes: `rest` stays on a character.
            rest = &rest[run..];
            left -= run;
            if run > 0 {
                continue;
            }
            let Some(c) = rest.chars().next() else {
                break;
            };
            self.put(id, Cell::new(c, attr, pair))?;
            rest = &rest[c.len_utf8()..];
            left -= 1;
        }
        Ok(())
    }

    /// The leading printable ASCII of `text` (at most `n` bytes) that fits
    /// on the cursor's line before its last column, written as
    /// [`Screen::put`] would write each character (the wrap at the last
    /// column is left to it); returns how many were written.
    fn put_ascii(&mut self, id: usize, text: &[u8], n: usize, attr: u32, pair: u16) -> usize {
        let (w, buf) = self.parts(id);
        let (y, x) = (w.cury, w.curx);
        if y >= w.lines || x + 1 >= w.cols {
            return 0;
        }
        let room = (w.cols - 1 - x).min(n);
        let run = text
            .iter()
            .take(room)
            .take_while(|b| (0x20..0x7f).contains(*b))
            .count();
        if run == 0 {
            return 0;
        }
        // A space without attributes renders as the background; any
        // other character takes the window's attributes.
        let glyph = w.render(Cell::new('!', attr, pair));
        let space = w.render(Cell::new(' ', attr, pair));
        let blank = w.bkgd;
        let cols = w.cols;
        let base = w.index(buf, y, 0);
        let (mut lo, mut hi) = (x, x + run - 1);
        for (p, &b) in (x..).zip(&text[..run]) {
            let i = base + p;
            // Half a wide character cut by the write becomes a blank
            // (clear_wide_neighbours, one cell at a time).
            match buf.cells[i].kind {
                Kind::WideRight if p > 0 => {
                    buf.cells[i - 1] = blank;
                    lo = lo.min(p - 1);
                }
                Kind::WideLeft if p + 1 < cols => {
                    buf.cells[i + 1] = blank;
                    hi = hi.max(p + 1);
                }
                _ => {}
            }
            buf.cells[i] = if b == b' ' {
                space
            } else {
                Cell {
                    text: [char::from(b), '\0', '\0', '\0', '\0'],
                    ..glyph
                }
            };
        }
        w.touch(y, lo, hi);
        w.moved = true;
        w.curx = x + run;
        run
    }

    /// Moves the cursor to the start of the next line, scrolling at the
    /// bottom of the scrolling region; false when it cannot.
    fn wrap(&mut self, id: usize) -> bool {
        match self.newline(id) {
            Ok(()) => {
                self.win_mut(id).curx = 0;
                true
            }
            Err(()) => false,
        }
    }

    /// Down one line, scrolling at the bottom of the region (ncurses'
    /// `newline_forces_scroll`).
    fn newline(&mut self, id: usize) -> Result<(), ()> {
        let w = self.win_mut(id);
        w.moved = true;
        if w.cury == w.bottom {
            if !w.scroll {
                return Err(());
            }
            let (top, bottom) = (w.top, w.bottom);
            self.scroll_region(id, top, bottom, 1);
            return Ok(());
        }
        if w.cury + 1 < w.lines {
            w.cury += 1;
            Ok(())
        } else {
            Err(())
        }
    }

    /// Scrolls lines `top..=bottom` up by `n` (down when negative),
    /// filling with blanks.
    pub(crate) fn scroll_region(&mut self, id: usize, top: usize, bottom: usize, n: i32) {
        let (w, buf) = self.parts(id);
        if bottom >= w.lines || top > bottom {
            return;
        }
        let height = bottom - top + 1;
        let blank = w.blank();
        let row = |w: &Win, buf: &Buf, y: usize| w.index(buf, y, 0);
        if n > 0 {
            let n = (n as usize).min(height);
            for y in top..=bottom {
                let dst = row(w, buf, y);
                if y + n <= bottom {
                    let src = row(w, buf, y + n);
                    buf.cells.copy_within(src..src + w.cols, dst);
                } else {
                    buf.cells[dst..dst + w.cols].fill(blank);
                }
            }
        } else if n < 0 {
            let n = (n.unsigned_abs() as usize).min(height);
            for y in (top..=bottom).rev() {
                let dst = row(w, buf, y);
                if y >= top + n {
                    let src = row(w, buf, y - n);
                    buf.cells.copy_within(src..src + w.cols, dst);
                } else {
                    buf.cells[dst..dst + w.cols].fill(blank);
                }
            }
        }
        w.touch_lines(top, height, true);
    }

    /// `wclrtoeol`.
    pub(crate) fn clrtoeol(&mut self, id: usize) {
        let (w, buf) = self.parts(id);
        let (y, x) = (w.cury, w.curx);
        if y >= w.lines || x >= w.cols {
            return;
        }
        let blank = w.blank();
        clear_wide_neighbours(w, buf, y, x, 1);
        let i = w.index(buf, y, x);
        buf.cells[i..i + (w.cols - x)].fill(blank);
        w.touch(y, x, w.cols - 1);
    }

    /// `wclrtobot`.
    pub(crate) fn clrtobot(&mut self, id: usize) {
        self.clrtoeol(id);
        let (w, buf) = self.parts(id);
        let blank = w.blank();
        for y in w.cury + 1..w.lines {
            let i = w.index(buf, y, 0);
            buf.cells[i..i + w.cols].fill(blank);
        }
        let from = w.cury + 1;
        w.touch_lines(from, w.lines, true);
    }

    /// `werase`.
    pub(crate) fn erase(&mut self, id: usize) {
        let (w, buf) = self.parts(id);
        let blank = w.blank();
        for y in 0..w.lines {
            let i = w.index(buf, y, 0);
            buf.cells[i..i + w.cols].fill(blank);
        }
        w.touch_lines(0, w.lines, true);
        w.cury = 0;
        w.curx = 0;
    }

    /// Inserts `cell` at the cursor, shifting the rest of the line right
    /// (`winsch`); the cursor stays.
    pub(crate) fn insert_cell(&mut self, id: usize, cell: Cell) {
        let rendered = self.win(id).render(cell);
        let (w, buf) = self.parts(id);
        let (y, x) = (w.cury, w.curx);
        let i = w.index(buf, y, x);
        let end = w.index(buf, y, w.cols - 1);
        buf.cells.copy_within(i..end, i + 1);
        buf.cells[i] = rendered;
        // A wide character cut in two at the right edge becomes a blank.
        if buf.cells[end].kind == Kind::WideLeft {
            buf.cells[end] = w.blank();
        }
        if x + 1 < w.cols && buf.cells[i + 1].kind == Kind::WideRight {
            buf.cells[i + 1] = w.blank();
        }
        w.touch(y, x, w.cols - 1);
    }

    /// `wdelch`: deletes the cell at the cursor, the rest of the line moving
    /// left and a blank coming in at the right.
    pub(crate) fn delete_cell(&mut self, id: usize) {
        let (w, buf) = self.parts(id);
        let (y, x) = (w.cury, w.curx);
        let i = w.index(buf, y, x);
        let end = w.index(buf, y, w.cols - 1);
        let n = if buf.cells[i].kind == Kind::WideLeft && x + 1 < w.cols {
            2
        } else {
            1
        };
        buf.cells.copy_within(i + n..=end, i);
        for c in &mut buf.cells[end + 1 - n..=end] {
            *c = w.bkgd;
        }
        if buf.cells[i].kind == Kind::WideRight {
            buf.cells[i] = w.blank();
        }
        w.touch(y, x, w.cols - 1);
    }

    /// `winsdelln(n)`: inserts `n` blank lines above the cursor's (deletes
    /// when negative), between it and the bottom of the window.
    pub(crate) fn insdelln(&mut self, id: usize, n: i32) {
        let w = self.win(id);
        let (y, bottom) = (w.cury, w.lines.saturating_sub(1));
        self.scroll_region(id, y, bottom, -n);
        self.win_mut(id).curx = 0;
    }

    /// The text of one cell, as `instr` and `inch` see it.
    pub(crate) fn cell(&self, id: usize, y: usize, x: usize) -> Cell {
        let (w, buf) = self.view(id);
        buf.cells[w.index(buf, y, x)]
    }

    /// Sets the cell at (y, x) without moving the cursor (border, lines).
    pub(crate) fn set(&mut self, id: usize, y: usize, x: usize, cell: Cell) {
        let (w, buf) = self.parts(id);
        if y >= w.lines || x >= w.cols {
            return;
        }
        let cell = w.render(cell);
        clear_wide_neighbours(w, buf, y, x, 1);
        let i = w.index(buf, y, x);
        buf.cells[i] = cell;
        w.touch(y, x, x);
    }

    /// A chtype as a cell, with `acs` characters kept as line drawing.
    pub(crate) fn chtype_cell(ch: u32) -> Cell {
        let mut cell = Cell::from_chtype(ch);
        if ch & A_ALTCHARSET != 0 {
            cell.text[0] = char::from((ch & A_CHARTEXT) as u8);
        }
        cell.pair = u16::from(pair_number(ch & A_COLOR));
        cell
    }

    pub(crate) fn check_size(lines: usize, cols: usize) -> Result<(), Error> {
        if lines == 0 || cols == 0 || lines > i16::MAX as usize || cols > i16::MAX as usize {
            return Err(err("curses function returned NULL"));
        }
        Ok(())
    }
}

/// Before a write of `n` cells at (y, x), blanks the other half of any
/// wide character the write cuts in two.
fn clear_wide_neighbours(w: &mut Win, buf: &mut Buf, y: usize, x: usize, n: usize) {
    let blank = w.bkgd;
    let i = w.index(buf, y, x);
    if buf.cells[i].kind == Kind::WideRight && x > 0 {
        buf.cells[i - 1] = blank;
        w.touch(y, x - 1, x - 1);
    }
    let last = x + n - 1;
    if last < w.cols {
        let j = w.index(buf, y, last);
        if buf.cells[j].kind == Kind::WideLeft && last + 1 < w.cols {
            buf.cells[j + 1] = blank;
            w.touch(y, last + 1, last + 1);
        }
    }
}
