//! Drawing: `wnoutrefresh` copies a window's changed cells into the
//! screen the program wants (`newscr`); `doupdate` sends the terminal
//! the bytes that turn what it shows (`curscr`) into that, in one write.
//!
//! The bytes are chosen by cost, as ncurses' mvcur does: each cursor move
//! is the shortest of the absolute and relative motions terminfo offers
//! (and of rewriting the cells in between), a line's blank tail is
//! erased with `el` when that is shorter, the screen's blank bottom with
//! `ed`, and lines that moved are scrolled with `csr` and `ind`/`ri`
//! instead of redrawn.

use super::attr::{
    A_ALTCHARSET, A_BLINK, A_BOLD, A_DIM, A_INVIS, A_ITALIC, A_REVERSE, A_STANDOUT, A_UNDERLINE,
    acs_fallback, acs_unicode,
};
use super::caps::Caps;
use super::cell::{Cell, Kind};
use super::screen::{NOCHANGE, Screen};
use super::scroll::{cheapest, repeat};
use alloc::vec::Vec;

/// The colour pair `curscr` records for cells the terminal shows in its
/// own default colours (after a clear without colours set).
pub(crate) const TERMINAL_DEFAULT: u16 = u16::MAX;

/// Attribute bits a terminal is told about.
const SHOWN: u32 = A_STANDOUT
    | A_UNDERLINE
    | A_REVERSE
    | A_BLINK
    | A_DIM
    | A_BOLD
    | A_INVIS
    | A_ITALIC
    | A_ALTCHARSET;

impl Screen {
    /// `wnoutrefresh(win)` for a window; pads go through [`Screen::pad_noutrefresh`].
    pub(crate) fn noutrefresh(&mut self, id: usize) {
        let (begy, begx, lines, cols) = {
            let w = self.win(id);
            (w.begy, w.begx, w.lines, w.cols)
        };
        self.copy_out(id, 0, 0, begy, begx, lines, cols);
        let w = self.win_mut(id);
        w.moved = false;
        let cursor = (!w.leaveok).then(|| (begy + w.cury as i32, begx + w.curx as i32));
        if core::mem::take(&mut w.clearok) {
            self.clear_next = true;
        }
        self.set_new_cursor(cursor);
    }

    /// `pnoutrefresh`: the pad's rectangle from (pminrow, pmincol) shown in
    /// the screen's from (sminrow, smincol) to (smaxrow, smaxcol).
    pub(crate) fn pad_noutrefresh(&mut self, id: usize, rect: [i32; 6]) -> Result<(), ()> {
        let [pminrow, pmincol, sminrow, smincol, smaxrow, smaxcol] = rect.map(|v| v.max(0));
        let (plines, pcols) = {
            let w = self.win(id);
            (w.lines as i32, w.cols as i32)
        };
        let smaxrow = smaxrow.min(self.lines as i32 - 1);
        let smaxcol = smaxcol.min(self.cols as i32 - 1);
        if smaxrow < sminrow || smaxcol < smincol {
            return Err(());
        }
        let height = (smaxrow - sminrow + 1).min(plines - pminrow);
        let width = (smaxcol - smincol + 1).min(pcols - pmincol);
        if height <= 0 || width <= 0 {
            return Err(());
        }
        self.copy_out(
            id,
            pminrow as usize,
            pmincol as usize,
            sminrow - pminrow,
            smincol - pmincol,
            (pminrow + height) as usize,
            (pmincol + width) as usize,
        );
        let w = self.win_mut(id);
        let (cy, cx) = (w.cury as i32, w.curx as i32);
        let inside =
            (pminrow..pminrow + height).contains(&cy) && (pmincol..pmincol + width).contains(&cx);
        let leaveok = w.leaveok;
        if core::mem::take(&mut w.clearok) {
            self.clear_next = true;
        }
        // A pad's cursor outside the rectangle leaves the screen's where
        // the last refresh put it, as ncurses' pnoutrefresh does.
        if leaveok {
            self.new_cursor = None;
        } else if inside {
            self.set_new_cursor(Some((cy - pminrow + sminrow, cx - pmincol + smincol)));
        }
        Ok(())
    }

    fn set_new_cursor(&mut self, cursor: Option<(i32, i32)>) {
        self.new_cursor = cursor.and_then(|(y, x)| {
            (y >= 0 && x >= 0 && (y as usize) < self.lines && (x as usize) < self.cols)
                .then_some((y as usize, x as usize))
        });
    }

    /// Copies the changed cells of lines `y0..y1`, columns `x0..x1` of a
    /// window into `newscr`, the window's (0, 0) at screen (`top`, `left`),
    /// and forgets those changes.
    #[allow(clippy::too_many_arguments)]
    fn copy_out(
        &mut self,
        id: usize,
        y0: usize,
        x0: usize,
        top: i32,
        left: i32,
        y1: usize,
        x1: usize,
    ) {
        let (lines, cols) = (self.lines as i32, self.cols as i32);
        let Screen {
            wins, bufs, newscr, ..
        } = self;
        let win = wins[id].as_mut().expect("a handle names a live window");
        let buf = bufs[win.buf].as_ref().expect("a window's buffer lives");
        for y in y0..y1.min(win.lines) {
            let (first, last) = (win.first[y], win.last[y]);
            if first == NOCHANGE {
                continue;
            }
            let sy = top + y as i32;
            if (0..lines).contains(&sy) {
                let from = first.max(x0);
                let to = last.min(x1.saturating_sub(1));
                for x in from..=to.max(from) {
                    if x > to {
                        break;
                    }
                    let sx = left + x as i32;
                    if !(0..cols).contains(&sx) {
                        continue;
                    }
                    let mut cell = buf.cells[win.index(buf, y, x)];
                    // Half a wide character at an edge of the screen or of
                    // the copied rectangle shows as a blank.
                    let cut = match cell.kind {
                        Kind::WideLeft => sx + 1 >= cols || x + 1 >= x1,
                        Kind::WideRight => sx == 0 || x == x0,
                        Kind::Narrow => false,
                    };
                    if cut {
                        cell = Cell {
                            kind: Kind::Narrow,
                            text: Cell::BLANK.text,
                            ..cell
                        };
                    }
                    newscr[sy as usize * cols as usize + sx as usize] = cell;
                }
            }
            // Only the copied part of the line counts as shown.
            if first >= x0 && last < x1 {
                win.first[y] = NOCHANGE;
                win.last[y] = NOCHANGE;
            }
        }
    }

    /// `doupdate()`: makes the terminal show `newscr`, in one write.
    pub(crate) fn doupdate(&mut self) -> Result<(), strata_core::errno::Errno> {
        if core::mem::take(&mut self.clear_next) {
            self.clear_screen();
        }
        self.move_lines();
        self.clear_bottom();
        for y in 0..self.lines {
            let row = y * self.cols..(y + 1) * self.cols;
            if self.newscr[row.clone()] != self.curscr[row] {
                self.transform_line(y);
            }
        }
        if let Some((y, x)) = self.new_cursor {
            self.goto(y, x)
        }
        self.flush()
    }

    pub(crate) fn flush(&mut self) -> Result<(), strata_core::errno::Errno> {
        let mut out = core::mem::take(&mut self.out);
        let mut rest = &out[..];
        while !rest.is_empty() {
            match strata_core::os::write(super::term::fd(super::term::OUTPUT), rest) {
                Ok(0) => break,
                Ok(n) => rest = &rest[n..],
                Err(strata_core::errno::Errno::INTR) => {}
                Err(e) => {
                    out.clear();
                    self.out = out;
                    return Err(e);
                }
            }
        }
        out.clear();
        self.out = out;
        Ok(())
    }

    /// Clears the terminal (the first update, `clear()`, `clearok`).
    fn clear_screen(&mut self) {
        let blank = Cell::BLANK;
        let pair = self.blank_pair(&blank);
        self.vidattr(0, pair);
        if let Some(clear) = Caps::plain(&self.caps.clear) {
            self.out.extend_from_slice(&clear);
        } else {
            self.goto(0, 0);
            if let Some(ed) = Caps::plain(&self.caps.ed) {
                self.out.extend_from_slice(&ed);
            }
        }
        let shown = Cell { pair, ..blank };
        self.curscr.fill(shown);
        self.phys_cursor = Some((0, 0));
    }

    /// The pair `curscr` records for a blank erased with the current
    /// colours: the blank's own pair when the terminal erases in colour
    /// (`bce`) or the pair is the terminal's default, else the default.
    pub(super) fn blank_pair(&self, blank: &Cell) -> u16 {
        if !self.colors.on() || self.caps.bce {
            return blank.pair;
        }
        if self.colors.pair(blank.pair) == (-1, -1) {
            blank.pair
        } else {
            TERMINAL_DEFAULT
        }
    }

    /// Whether `cell` can be made by erasing (el, ed, clear) rather than
    /// by writing spaces.
    fn clearable(&self, cell: &Cell) -> bool {
        if !cell.is_blank() || cell.attr & SHOWN != 0 {
            return false;
        }
        !self.colors.on() || self.caps.bce || self.colors.pair(cell.pair) == (-1, -1)
    }

    /// Erases the screen's bottom with `ed` when every line from some row
    /// down is blank in `newscr` and that is cheaper than erasing each.
    fn clear_bottom(&mut self) {
        let Some(ed) = Caps::plain(&self.caps.ed) else {
            return;
        };
        let cols = self.cols;
        let blank = self.newscr[self.newscr.len() - 1];
        if !self.clearable(&blank) {
            return;
        }
        let mut top = self.lines;
        while top > 0 {
            let row = &self.newscr[(top - 1) * cols..top * cols];
            if row.iter().all(|c| *c == blank) {
                top -= 1;
            } else {
                break;
            }
        }
        // Worth it only for several lines that are not blank already.
        let shown = Cell {
            pair: self.blank_pair(&blank),
            ..blank
        };
        let dirty = (top..self.lines)
            .filter(|&y| {
                self.curscr[y * cols..(y + 1) * cols]
                    .iter()
                    .any(|c| *c != shown)
            })
            .count();
        if dirty < 2 {
            return;
        }
        self.goto(top, 0);
        self.vidattr(0, blank.pair);
        self.out.extend_from_slice(&ed);
        self.curscr[top * cols..].fill(shown);
    }

    /// Rewrites one line of the terminal to match `newscr`.
    fn transform_line(&mut self, y: usize) {
        let cols = self.cols;
        let row = y * cols;
        let differs = |s: &Screen, x: usize| s.newscr[row + x] != s.curscr[row + x];
        let Some(mut first) = (0..cols).find(|&x| differs(self, x)) else {
            return;
        };
        let last_diff = (0..cols).rev().find(|&x| differs(self, x)).unwrap_or(first);
        // The tail that can be erased instead of written.
        let tail_blank = self.newscr[row + cols - 1];
        let mut erase_from = cols;
        if self.caps.el.is_some() && self.clearable(&tail_blank) {
            let mut x = cols;
            while x > 0 && self.newscr[row + x - 1] == tail_blank {
                x -= 1;
            }
            let shown = Cell {
                pair: self.blank_pair(&tail_blank),
                ..tail_blank
            };
            let old_dirty = (x..cols).filter(|&i| self.curscr[row + i] != shown).count();
            // el costs about its length plus a move; writing costs a byte
            // per blank the terminal does not show yet.
            if old_dirty > 3 {
                erase_from = x;
            }
        }
        if self.newscr[row + first].kind == Kind::WideRight && first > 0 {
            first -= 1;
        }
        let end = if erase_from < cols {
            erase_from.min(last_diff + 1)
        } else {
            last_diff + 1
        };
        self.draw_span(y, first, end);
        if erase_from < cols {
            let blank = tail_blank;
            self.goto(y, erase_from);
            self.vidattr(0, blank.pair);
            if let Some(el) = Caps::plain(&self.caps.el) {
                self.out.extend_from_slice(&el);
            }
            let shown = Cell {
                pair: self.blank_pair(&blank),
                ..blank
            };
            self.curscr[row + erase_from..row + cols].fill(shown);
            // Anything after the erase that still differs (a blank in
            // other colours the terminal cannot erase with) is written.
            let rest = (erase_from..cols).find(|&x| differs(self, x));
            if let Some(from) = rest {
                self.draw_span(y, from, cols);
            }
        }
    }

    /// Writes the differing cells of `y` in `from..to`, rewriting short
    /// runs of equal cells between them when that is cheaper than moving.
    fn draw_span(&mut self, y: usize, from: usize, to: usize) {
        let row = y * self.cols;
        let mut x = from;
        while x < to {
            if self.newscr[row + x] == self.curscr[row + x] {
                x += 1;
                continue;
            }
            if self.newscr[row + x].kind == Kind::WideRight && x > 0 {
                x -= 1;
            }
            self.goto(y, x);
            // Write this run; carry on through equal cells when cheaper.
            loop {
                let cell = self.newscr[row + x];
                let w = self.put_cell(y, x, cell);
                x += w;
                if x >= to {
                    break;
                }
                if self.newscr[row + x] != self.curscr[row + x] {
                    continue;
                }
                let gap = (x..to)
                    .take_while(|&i| self.newscr[row + i] == self.curscr[row + i])
                    .count();
                if x + gap >= to {
                    break;
                }
                let rewrite = self.rewrite_cost(y, x, x + gap);
                let here = self.phys_cursor;
                let jump = self.motion(here, (y, x + gap)).len();
                if rewrite.is_some_and(|r| r <= jump) {
                    continue;
                }
                break;
            }
        }
    }

    /// Bytes to rewrite cells `from..to` of `y` as they are, when they all
    /// have the attributes the terminal is in (else `None`).
    fn rewrite_cost(&self, y: usize, from: usize, to: usize) -> Option<usize> {
        let row = y * self.cols;
        let mut n = 0;
        for c in &self.curscr[row + from..row + to] {
            let pair_differs = self.colors.on() && c.pair != self.phys_pair;
            if c.kind != Kind::Narrow || c.attr != self.phys_attr || pair_differs {
                return None;
            }
            n += c.chars().map(char::len_utf8).sum::<usize>();
        }
        Some(n)
    }

    /// Writes one cell at the cursor (which is at (y, x)); returns the
    /// cells it covered.
    fn put_cell(&mut self, y: usize, x: usize, cell: Cell) -> usize {
        let cols = self.cols;
        let last_cell = y + 1 == self.lines && x + 1 == cols;
        let wide = cell.kind == Kind::WideLeft && x + 1 < cols;
        let width = if wide { 2 } else { 1 };
        if last_cell && self.caps.am && !self.caps.xenl {
            // Writing the bottom-right cell would scroll the screen.
            match (Caps::plain(&self.caps.rmam), Caps::plain(&self.caps.smam)) {
                (Some(off), Some(on)) => {
                    self.out.extend_from_slice(&off);
                    self.emit_cell(&cell);
                    self.out.extend_from_slice(&on);
                }
                _ => return 1,
            }
        } else {
            self.emit_cell(&cell);
        }
        let row = y * cols;
        self.curscr[row + x] = cell;
        if wide {
            self.curscr[row + x + 1] = self.newscr[row + x + 1];
        }
        self.phys_cursor = if x + width < cols {
            Some((y, x + width))
        } else {
            // Past the margin: the terminal may or may not have wrapped.
            None
        };
        width
    }

    fn emit_cell(&mut self, cell: &Cell) {
        let mut attr = cell.attr;
        let mut text = cell.text;
        if attr & A_ALTCHARSET != 0 {
            let ch = text[0] as u32 as u8;
            let unicode = acs_unicode(ch).filter(|_| self.caps.unicode_acs);
            match (unicode, self.caps.acs_char(ch), self.caps.smacs.is_some()) {
                (Some(u), _, _) => {
                    attr &= !A_ALTCHARSET;
                    text[0] = u;
                }
                (None, Some(mapped), true) => text[0] = char::from(mapped),
                _ => {
                    attr &= !A_ALTCHARSET;
                    text[0] = char::from(acs_fallback(ch));
                }
            }
        }
        self.vidattr(attr, cell.pair);
        if cell.kind == Kind::WideRight {
            // The right half of a character whose left half is off the
            // screen: a blank stands in.
            self.out.push(b' ');
            return;
        }
        let mut utf8 = [0; 4];
        for c in text.iter().take_while(|&&c| c != '\0') {
            self.out
                .extend_from_slice(c.encode_utf8(&mut utf8).as_bytes());
        }
    }

    /// Puts the terminal into attributes `attr` and colour pair `pair`:
    /// by each attribute's own capability, or by `sgr` (all at once) when
    /// that is shorter or standout goes on — ncurses draws standout as
    /// `sgr` says, which on some terminals is more than `smso`.
    pub(crate) fn vidattr(&mut self, attr: u32, pair: u16) {
        let new = attr & SHOWN;
        let start = self.out.len();
        let before = (self.phys_attr, self.phys_pair);
        self.attrs_by_caps(new);
        self.set_colors(pair);
        let changed = new != before.0 & SHOWN;
        let Some(sgr) = changed.then(|| self.sgr(new)).flatten() else {
            return;
        };
        let by_caps = self.out.split_off(start);
        let after_caps = (self.phys_attr, self.phys_pair);
        // sgr resets the colours too.
        (self.phys_attr, self.phys_pair) = (new, TERMINAL_DEFAULT);
        self.out.extend_from_slice(&sgr);
        self.set_colors(pair);
        let standout_on = new & A_STANDOUT != 0 && before.0 & A_STANDOUT == 0;
        if !standout_on && self.out.len() - start > by_caps.len() {
            self.out.truncate(start);
            self.out.extend_from_slice(&by_caps);
            (self.phys_attr, self.phys_pair) = after_caps;
        }
    }

    /// `sgr` with `attr`'s bits, when the terminal has it and it can
    /// express them all.
    fn sgr(&self, attr: u32) -> Option<Vec<u8>> {
        if attr & A_ITALIC != 0 {
            return None;
        }
        let on = |bit: u32| i64::from(attr & bit != 0);
        let params = [
            A_STANDOUT,
            A_UNDERLINE,
            A_REVERSE,
            A_BLINK,
            A_DIM,
            A_BOLD,
            A_INVIS,
            0,
            A_ALTCHARSET,
        ];
        Caps::param(&self.caps.sgr, &params.map(on))
    }

    /// Changes the terminal's attributes to `new` by each one's capability.
    fn attrs_by_caps(&mut self, new: u32) {
        let mut old = self.phys_attr & SHOWN;
        if new != old {
            let off = old & !new;
            if off != 0 {
                let specific = [
                    (A_STANDOUT, &self.caps.rmso),
                    (A_UNDERLINE, &self.caps.rmul),
                    (A_ITALIC, &self.caps.ritm),
                    (A_ALTCHARSET, &self.caps.rmacs),
                ];
                let all_specific =
                    specific.iter().fold(
                        off,
                        |rest, (bit, cap)| if cap.is_some() { rest & !bit } else { rest },
                    ) == 0;
                if all_specific {
                    for (bit, cap) in specific {
                        if off & bit != 0
                            && let Some(s) = Caps::plain(cap)
                        {
                            self.out.extend_from_slice(&s);
                        }
                    }
                    old &= !off;
                } else {
                    if let Some(s) = Caps::plain(&self.caps.sgr0) {
                        self.out.extend_from_slice(&s);
                    }
                    old = 0;
                    self.phys_pair = TERMINAL_DEFAULT;
                }
            }
            let on = new & !old;
            let caps = [
                (A_BOLD, &self.caps.bold),
                (A_DIM, &self.caps.dim),
                (A_REVERSE, &self.caps.rev),
                (A_BLINK, &self.caps.blink),
                (A_UNDERLINE, &self.caps.smul),
                (A_STANDOUT, &self.caps.smso),
                (A_ITALIC, &self.caps.sitm),
                (A_INVIS, &self.caps.invis),
                (A_ALTCHARSET, &self.caps.smacs),
            ];
            for (bit, cap) in caps {
                if on & bit != 0
                    && let Some(s) = Caps::plain(cap)
                {
                    self.out.extend_from_slice(&s);
                }
            }
            self.phys_attr = new;
        }
    }

    /// Changes the terminal's colours to pair `pair`'s.
    fn set_colors(&mut self, pair: u16) {
        if self.colors.on() && pair != self.phys_pair {
            // The terminal's own colours, or unknown (a pair redefined
            // under the cells), which matches no colour.
            let colors_of = |p: u16| match p {
                TERMINAL_DEFAULT => (-1, -1),
                super::color::STALE_PAIR => (i32::MIN, i32::MIN),
                p => self.colors.pair(p),
            };
            let (fg, bg) = colors_of(pair);
            let (mut ofg, mut obg) = colors_of(self.phys_pair);
            if (fg < 0 && ofg != -1) || (bg < 0 && obg != -1) {
                if let Some(op) = Caps::plain(&self.caps.op) {
                    self.out.extend_from_slice(&op);
                }
                (ofg, obg) = (-1, -1);
            }
            if fg >= 0
                && fg != ofg
                && let Some(s) = Caps::param(&self.caps.setaf, &[i64::from(fg)])
            {
                self.out.extend_from_slice(&s);
            }
            if bg >= 0
                && bg != obg
                && let Some(s) = Caps::param(&self.caps.setab, &[i64::from(bg)])
            {
                self.out.extend_from_slice(&s);
            }
            self.phys_pair = pair;
        }
    }

    /// Moves the terminal's cursor to (y, x) by the cheapest motion.
    pub(crate) fn goto(&mut self, y: usize, x: usize) {
        if self.phys_cursor == Some((y, x)) {
            return;
        }
        if !self.caps.msgr && self.phys_attr & !A_ALTCHARSET != 0 {
            // Moving in standout mode garbles some terminals.
            if let Some(s) = Caps::plain(&self.caps.sgr0) {
                self.out.extend_from_slice(&s);
            }
            self.phys_attr = 0;
            self.phys_pair = TERMINAL_DEFAULT;
        }
        let bytes = self.motion(self.phys_cursor, (y, x));
        self.out.extend_from_slice(&bytes);
        self.phys_cursor = Some((y, x));
    }

    /// The cheapest bytes that move the cursor from `from` (unknown:
    /// `None`) to `to`.
    pub(crate) fn motion(&self, from: Option<(usize, usize)>, to: (usize, usize)) -> Vec<u8> {
        let (y, x) = to;
        let mut best = Caps::param(&self.caps.cup, &[y as i64, x as i64]).unwrap_or_default();
        let mut consider = |candidate: Option<Vec<u8>>| {
            if let Some(c) = candidate
                && (c.len() < best.len() || best.is_empty())
            {
                best = c;
            }
        };
        if let Some(home) = Caps::plain(&self.caps.home) {
            if (y, x) == (0, 0) {
                consider(Some(home.clone()));
            }
            let mut via_home = home;
            if let (Some(v), Some(h)) = (self.vertical(0, y), self.horizontal(y, 0, x)) {
                via_home.extend_from_slice(&v);
                via_home.extend_from_slice(&h);
                consider(Some(via_home));
            }
        }
        if let Some((fy, fx)) = from {
            if let (Some(v), Some(h)) = (self.vertical(fy, y), self.horizontal(y, fx, x)) {
                let mut m = v;
                m.extend_from_slice(&h);
                consider(Some(m));
            }
            if let (Some(v), Some(h)) = (
                self.vertical(fy, y),
                Caps::param(&self.caps.hpa, &[x as i64]),
            ) {
                let mut m = v;
                m.extend_from_slice(&h);
                consider(Some(m));
            }
            if let Some(mut m) = Caps::param(&self.caps.vpa, &[y as i64])
                && let Some(h) = self.horizontal(y, fx, x)
            {
                m.extend_from_slice(&h);
                consider(Some(m));
            }
        }
        best
    }

    /// Moving from row `from` to row `to` in the same column.
    fn vertical(&self, from: usize, to: usize) -> Option<Vec<u8>> {
        use core::cmp::Ordering::*;
        let (n, one, many) = match to.cmp(&from) {
            Equal => return Some(Vec::new()),
            Greater => (to - from, &self.caps.cud1, &self.caps.cud),
            Less => (from - to, &self.caps.cuu1, &self.caps.cuu),
        };
        cheapest([repeat(one, n), Caps::param(many, &[n as i64])])
    }

    /// Moving from column `from` to column `to` on row `y`.
    fn horizontal(&self, y: usize, from: usize, to: usize) -> Option<Vec<u8>> {
        if from == to {
            return Some(Vec::new());
        }
        let mut options: Vec<Option<Vec<u8>>> = Vec::new();
        if to > from {
            let n = to - from;
            options.push(repeat(&self.caps.cuf1, n));
            options.push(Caps::param(&self.caps.cuf, &[n as i64]));
            options.push(self.rewrite(y, from, to));
        } else {
            let n = from - to;
            options.push(repeat(&self.caps.cub1, n));
            options.push(Caps::param(&self.caps.cub, &[n as i64]));
        }
        if let Some(cr) = Caps::plain(&self.caps.cr) {
            let tail = if to == 0 {
                Some(Vec::new())
            } else {
                cheapest([
                    repeat(&self.caps.cuf1, to),
                    Caps::param(&self.caps.cuf, &[to as i64]),
                    self.rewrite(y, 0, to),
                ])
            };
            if let Some(t) = tail {
                let mut m = cr;
                m.extend_from_slice(&t);
                options.push(Some(m));
            }
        }
        cheapest(options)
    }

    /// The cells `from..to` of row `y` written again as the terminal shows
    /// them, when the terminal is in their attributes.
    fn rewrite(&self, y: usize, from: usize, to: usize) -> Option<Vec<u8>> {
        self.rewrite_cost(y, from, to)?;
        if to - from > 8 {
            return None;
        }
        let row = y * self.cols;
        let mut out = Vec::new();
        let mut utf8 = [0; 4];
        for c in &self.curscr[row + from..row + to] {
            for ch in c.chars() {
                out.extend_from_slice(ch.encode_utf8(&mut utf8).as_bytes());
            }
        }
        Some(out)
    }
}
