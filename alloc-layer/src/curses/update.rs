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
use super::caps::{Caps, Hot};
use super::cell::{Cell, Kind};
use super::screen::{NOCHANGE, Screen};
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
                // The changed columns that are on the screen.
                let from = first.max(x0).max((-left).max(0) as usize);
                let to = last.min(x1.saturating_sub(1));
                let on_screen = usize::try_from(cols - 1 - left).ok();
                if let Some(to) = on_screen.map(|max| to.min(max))
                    && from <= to
                {
                    let src = win.index(buf, y, from);
                    let dst = sy as usize * cols as usize + (left + from as i32) as usize;
                    let n = to - from + 1;
                    newscr[dst..dst + n].copy_from_slice(&buf.cells[src..src + n]);
                    // Half a wide character at an edge of the screen or of
                    // the copied rectangle shows as a blank: only the
                    // first and last cells copied can be at one.
                    let cut = |cell: &mut Cell| {
                        *cell = Cell {
                            kind: Kind::Narrow,
                            text: Cell::BLANK.text,
                            ..*cell
                        };
                    };
                    let (sx0, sx1) = (left + from as i32, left + to as i32);
                    if newscr[dst].kind == Kind::WideRight && (sx0 == 0 || from == x0) {
                        cut(&mut newscr[dst]);
                    }
                    let end = dst + n - 1;
                    if newscr[end].kind == Kind::WideLeft && (sx1 + 1 >= cols || to + 1 >= x1) {
                        cut(&mut newscr[end]);
                    }
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
        // The terminal is left in normal attributes between updates, as
        // ncurses leaves it, for whatever else writes to it (echoed keys,
        // a shell after a crash).
        self.vidattr(0, Cell::BLANK.pair);
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
        if !Caps::put_plain(&self.caps.clear, &mut self.out) {
            self.goto(0, 0);
            Caps::put_plain(&self.caps.ed, &mut self.out);
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
        if self.caps.ed.is_none() {
            return;
        }
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
        Caps::put_plain(&self.caps.ed, &mut self.out);
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
            // el costs its length (and leaves the cursor where the text
            // ends); writing costs a byte per blank not shown yet.
            if old_dirty >= self.caps.el.as_ref().map_or(usize::MAX, Vec::len) {
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
            Caps::put_plain(&self.caps.el, &mut self.out);
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
                let w = match self.put_plain_run(y, x, to) {
                    0 => self.put_cell(y, x, self.newscr[row + x]),
                    n => n,
                };
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
                let jump = self.motion_len(here, (y, x + gap));
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

    /// Writes the differing cells of `y` from `x` (where the cursor is)
    /// up to `to` and before the last column that are one ASCII character
    /// in the terminal's attributes, as [`Screen::put_cell`] would, a
    /// byte each; returns how many.
    fn put_plain_run(&mut self, y: usize, x: usize, to: usize) -> usize {
        let row = y * self.cols;
        let end = to.min(self.cols - 1);
        let (attr, pair, colors) = (self.phys_attr & SHOWN, self.phys_pair, self.colors.on());
        let Screen {
            newscr,
            curscr,
            out,
            ..
        } = self;
        let mut n = 0;
        for (want, have) in newscr[row + x..row + end]
            .iter()
            .zip(&mut curscr[row + x..row + end])
        {
            let plain = want.kind == Kind::Narrow
                && want.text[1] == '\0'
                && want.text[0].is_ascii()
                && want.attr & A_ALTCHARSET == 0
                && want.attr & SHOWN == attr
                && (!colors || want.pair == pair);
            if !plain || want == have {
                break;
            }
            out.push(want.text[0] as u8);
            *have = *want;
            n += 1;
        }
        if n > 0 {
            self.phys_cursor = Some((y, x + n));
        }
        n
    }

    /// Writes one cell at the cursor (which is at (y, x)); returns the
    /// cells it covered.
    fn put_cell(&mut self, y: usize, x: usize, cell: Cell) -> usize {
        let cols = self.cols;
        let last_cell = y + 1 == self.lines && x + 1 == cols;
        let wide = cell.kind == Kind::WideLeft && x + 1 < cols;
        let width = if wide { 2 } else { 1 };
        let margins = self.caps.rmam.is_some() && self.caps.smam.is_some();
        if last_cell && self.caps.am && !margins && !wide && self.put_by_insert(y, cell) {
            return 1;
        }
        if last_cell && self.caps.am && !self.caps.xenl {
            // Writing the bottom-right cell would scroll the screen.
            if !margins {
                return 1;
            }
            Caps::put_plain(&self.caps.rmam, &mut self.out);
            self.emit_cell(&cell);
            Caps::put_plain(&self.caps.smam, &mut self.out);
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

    /// The bottom-right cell drawn as ncurses draws it where the margin
    /// cannot be turned off: written one column left, then pushed into
    /// place by inserting the cell that belongs there — which leaves the
    /// cursor at a known place, where a write into the corner leaves it
    /// past the margin. False when the terminal cannot insert.
    fn put_by_insert(&mut self, y: usize, cell: Cell) -> bool {
        let cols = self.cols;
        if cols < 2 {
            return false;
        }
        let row = y * cols;
        let left = self.newscr[row + cols - 2];
        if cell.kind != Kind::Narrow || left.kind != Kind::Narrow {
            return false;
        }
        // What goes before and after the inserted cell, the shortest.
        let insert = [
            Caps::plain(&self.caps.ich1).map(|i| (i, Vec::new())),
            Caps::param(&self.caps.ich, &[1]).map(|i| (i, Vec::new())),
            Caps::plain(&self.caps.smir).zip(Caps::plain(&self.caps.rmir)),
        ]
        .into_iter()
        .flatten()
        .min_by_key(|(a, b)| a.len() + b.len());
        let Some((before, after)) = insert else {
            return false;
        };
        self.goto(y, cols - 2);
        self.emit_cell(&cell);
        self.phys_cursor = Some((y, cols - 1));
        self.goto(y, cols - 2);
        self.out.extend_from_slice(&before);
        self.emit_cell(&left);
        self.out.extend_from_slice(&after);
        self.curscr[row + cols - 2] = left;
        self.curscr[row + cols - 1] = cell;
        self.phys_cursor = Some((y, cols - 1));
        true
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
        if text[1] == '\0' && text[0].is_ascii() {
            self.out.push(text[0] as u8);
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
        if new == self.phys_attr & SHOWN && (!self.colors.on() || pair == self.phys_pair) {
            return;
        }
        let start = self.out.len();
        let before = (self.phys_attr, self.phys_pair);
        self.attrs_by_caps(new);
        self.set_colors(pair);
        if new == before.0 & SHOWN {
            return;
        }
        let Some(params) = sgr_params(new) else {
            return;
        };
        // Both ways are written, the sgr one after the other, and the
        // longer dropped.
        let mid = self.out.len();
        if !self.caps.put_param(Hot::Sgr, &params, &mut self.out) {
            return;
        }
        let after_caps = (self.phys_attr, self.phys_pair);
        // sgr resets the colours too.
        (self.phys_attr, self.phys_pair) = (new, TERMINAL_DEFAULT);
        self.set_colors(pair);
        let standout_on = new & A_STANDOUT != 0 && before.0 & A_STANDOUT == 0;
        let (by_caps, by_sgr) = (mid - start, self.out.len() - mid);
        if !standout_on && by_sgr > by_caps {
            self.out.truncate(mid);
            (self.phys_attr, self.phys_pair) = after_caps;
        } else {
            self.out.copy_within(mid.., start);
            self.out.truncate(start + by_sgr);
        }
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
                        if off & bit != 0 {
                            Caps::put_plain(cap, &mut self.out);
                        }
                    }
                    old &= !off;
                } else {
                    Caps::put_plain(&self.caps.sgr0, &mut self.out);
                    old = 0;
                    self.phys_pair = TERMINAL_DEFAULT;
                }
            }
            let on = new & !old;
            if on != 0 {
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
                    if on & bit != 0 {
                        Caps::put_plain(cap, &mut self.out);
                    }
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
                Caps::put_plain(&self.caps.op, &mut self.out);
                (ofg, obg) = (-1, -1);
            }
            if fg >= 0 && fg != ofg {
                self.caps
                    .put_param(Hot::Setaf, &[i64::from(fg)], &mut self.out);
            }
            if bg >= 0 && bg != obg {
                self.caps
                    .put_param(Hot::Setab, &[i64::from(bg)], &mut self.out);
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
            Caps::put_plain(&self.caps.sgr0, &mut self.out);
            self.phys_attr = 0;
            self.phys_pair = TERMINAL_DEFAULT;
        }
        let mut out = core::mem::take(&mut self.out);
        self.put_motion(self.phys_cursor, (y, x), &mut out);
        self.out = out;
        self.phys_cursor = Some((y, x));
    }

    /// Appends the cheapest bytes that move the cursor from `from`
    /// (unknown: `None`) to `to`.
    pub(crate) fn put_motion(
        &self,
        from: Option<(usize, usize)>,
        to: (usize, usize),
        out: &mut Vec<u8>,
    ) {
        let path = self.motion(from, to);
        self.put_path(&path, out);
    }

    /// The length of [`Screen::put_motion`]'s bytes.
    pub(crate) fn motion_len(&self, from: Option<(usize, usize)>, to: (usize, usize)) -> usize {
        self.motion(from, to).len
    }

    /// The cheapest way from `from` (unknown: `None`) to `to`: the
    /// shortest of the candidates, the first of equal ones, as costed
    /// without writing them.
    fn motion<'a>(&'a self, from: Option<(usize, usize)>, to: (usize, usize)) -> Path<'a> {
        let (y, x) = to;
        let mut best: Path<'a> = match self.caps.param_len(Hot::Cup, &[y as i64, x as i64]) {
            Some(len) => Path::one(len, Step::Param(Hot::Cup, y, x)),
            None => Path::EMPTY,
        };
        let mut consider = |candidate: Option<Path<'a>>| {
            if let Some(c) = candidate
                && (c.len < best.len || best.len == 0)
            {
                best = c;
            }
        };
        if let Some(home_len) = Caps::plain_len(&self.caps.home) {
            let home = Path::one(home_len, Step::Plain(&self.caps.home, 1));
            if (y, x) == (0, 0) {
                consider(Some(home));
            }
            if let (Some(v), Some(h)) = (self.vertical(0, y), self.horizontal(y, 0, x)) {
                consider(Some(home.then(v).then(h)));
            }
        }
        if let Some((fy, fx)) = from {
            let v = self.vertical(fy, y);
            if let (Some(v), Some(h)) = (v, self.horizontal(y, fx, x)) {
                consider(Some(v.then(h)));
            }
            if let Some(v) = v
                && let Some(len) = self.caps.param_len(Hot::Hpa, &[x as i64])
            {
                consider(Some(v.then(Path::one(len, Step::Param(Hot::Hpa, x, 0)))));
            }
            if let Some(len) = self.caps.param_len(Hot::Vpa, &[y as i64])
                && let Some(h) = self.horizontal(y, fx, x)
            {
                consider(Some(Path::one(len, Step::Param(Hot::Vpa, y, 0)).then(h)));
            }
        }
        best
    }

    /// Moving from row `from` to row `to` in the same column.
    fn vertical(&self, from: usize, to: usize) -> Option<Path<'_>> {
        use core::cmp::Ordering::*;
        let (n, one, many) = match to.cmp(&from) {
            Equal => return Some(Path::EMPTY),
            Greater => (to - from, &self.caps.cud1, Hot::Cud),
            Less => (from - to, &self.caps.cuu1, Hot::Cuu),
        };
        cheapest([self.repeat(one, n), self.param1(many, n)])
    }

    /// Moving from column `from` to column `to` on row `y`.
    fn horizontal(&self, y: usize, from: usize, to: usize) -> Option<Path<'_>> {
        if from == to {
            return Some(Path::EMPTY);
        }
        let mut best = if to > from {
            let n = to - from;
            cheapest([
                self.repeat(&self.caps.cuf1, n),
                self.param1(Hot::Cuf, n),
                self.rewrite(y, from, to),
            ])
        } else {
            let n = from - to;
            cheapest([self.repeat(&self.caps.cub1, n), self.param1(Hot::Cub, n)])
        };
        if let Some(cr_len) = Caps::plain_len(&self.caps.cr) {
            let tail = if to == 0 {
                Some(Path::EMPTY)
            } else {
                cheapest([
                    self.repeat(&self.caps.cuf1, to),
                    self.param1(Hot::Cuf, to),
                    self.rewrite(y, 0, to),
                ])
            };
            if let Some(t) = tail {
                let m = Path::one(cr_len, Step::Plain(&self.caps.cr, 1)).then(t);
                if best.is_none_or(|b| m.len < b.len) {
                    best = Some(m);
                }
            }
        }
        best
    }

    /// `cap` `n` times (a few at most).
    fn repeat<'a>(&self, cap: &'a Option<Vec<u8>>, n: usize) -> Option<Path<'a>> {
        let one = Caps::plain_len(cap)?;
        if n > 16 {
            return None;
        }
        Some(Path::one(one * n, Step::Plain(cap, n)))
    }

    fn param1(&self, h: Hot, n: usize) -> Option<Path<'static>> {
        let len = self.caps.param_len(h, &[n as i64])?;
        Some(Path::one(len, Step::Param(h, n, 0)))
    }

    /// The cells `from..to` of row `y` written again as the terminal shows
    /// them, when the terminal is in their attributes.
    fn rewrite(&self, y: usize, from: usize, to: usize) -> Option<Path<'static>> {
        let len = self.rewrite_cost(y, from, to)?;
        if to - from > 8 {
            return None;
        }
        Some(Path::one(len, Step::Rewrite(y, from, to)))
    }

    fn put_path(&self, path: &Path<'_>, out: &mut Vec<u8>) {
        for step in &path.steps[..path.n] {
            match *step {
                Step::Plain(cap, n) => {
                    for _ in 0..n {
                        Caps::put_plain(cap, out);
                    }
                }
                Step::Param(h @ Hot::Cup, y, x) => {
                    self.caps.put_param(h, &[y as i64, x as i64], out);
                }
                Step::Param(h, n, _) => {
                    self.caps.put_param(h, &[n as i64], out);
                }
                Step::Rewrite(y, from, to) => {
                    let row = y * self.cols;
                    let mut utf8 = [0; 4];
                    for c in &self.curscr[row + from..row + to] {
                        for ch in c.chars() {
                            out.extend_from_slice(ch.encode_utf8(&mut utf8).as_bytes());
                        }
                    }
                }
            }
        }
    }
}

/// `sgr`'s nine parameters for `attr`, when `sgr` can express it.
fn sgr_params(attr: u32) -> Option<[i64; 9]> {
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
    Some(params.map(on))
}

/// One part of a cursor motion.
#[derive(Clone, Copy)]
enum Step<'a> {
    /// A capability, `n` times.
    Plain(&'a Option<Vec<u8>>, usize),
    /// A parameterized capability (`cup` takes both numbers).
    Param(Hot, usize, usize),
    /// The cells of row `y` from `from` to `to` written again.
    Rewrite(usize, usize, usize),
}

/// A cursor motion of up to four parts, and its length in bytes.
#[derive(Clone, Copy)]
struct Path<'a> {
    len: usize,
    n: usize,
    steps: [Step<'a>; 4],
}

impl<'a> Path<'a> {
    const EMPTY: Path<'static> = Path {
        len: 0,
        n: 0,
        steps: [Step::Rewrite(0, 0, 0); 4],
    };

    fn one(len: usize, step: Step<'a>) -> Path<'a> {
        let mut p = Path { len, ..Path::EMPTY };
        p.steps[0] = step;
        p.n = 1;
        p
    }

    /// This path, then `next`.
    fn then(mut self, next: Path<'a>) -> Path<'a> {
        self.steps[self.n..self.n + next.n].copy_from_slice(&next.steps[..next.n]);
        self.n += next.n;
        self.len += next.len;
        self
    }
}

/// The shortest path of `options`, the first of equal ones.
fn cheapest<'a, const N: usize>(options: [Option<Path<'a>>; N]) -> Option<Path<'a>> {
    options.into_iter().flatten().min_by_key(|p| p.len)
}
