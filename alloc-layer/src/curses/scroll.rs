//! Line moves in the update: rows the terminal shows that reappear
//! shifted in `newscr` (a scrolled window, inserted or deleted lines) are
//! moved by the terminal — with the scrolling region (`csr` and
//! `ind`/`ri`) or by deleting and inserting lines (`dl`/`il`) — when that
//! costs fewer bytes than drawing them again.

use super::caps::Caps;
use super::cell::Cell;
use super::screen::Screen;
use alloc::vec::Vec;

/// How a move is made.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Method {
    /// `csr` around `top..=bottom`, then `ind`/`ri` at its edge.
    Region,
    /// `dl`/`il` at `top`, which shifts every line below it.
    Lines,
    /// `dl`/`il` at `top`, and again below the moved block, which leaves
    /// the lines below `bottom` where they are.
    LinesKept,
}

/// Rows `top..=bottom` shifted by `n`: up (towards row 0) when positive.
#[derive(Clone, Copy)]
struct Move {
    top: usize,
    bottom: usize,
    n: i32,
    method: Method,
}

impl Screen {
    /// Makes the line moves that pay, the most saving first (a few per
    /// update: an edit rarely moves more blocks than that).
    pub(super) fn move_lines(&mut self) {
        if self.lines < 2 {
            return;
        }
        for _ in 0..4 {
            let Some(m) = self.best_move() else {
                break;
            };
            self.apply(m);
        }
    }

    fn best_move(&self) -> Option<Move> {
        let (lines, cols) = (self.lines, self.cols);
        if !self.may_move() {
            return None;
        }
        let new: Vec<u64> = (0..lines)
            .map(|y| row_hash(&self.newscr[y * cols..][..cols]))
            .collect();
        let cur: Vec<u64> = (0..lines)
            .map(|y| row_hash(&self.curscr[y * cols..][..cols]))
            .collect();
        let same = |y: usize, src: usize| {
            new[y] == cur[src]
                && self.newscr[y * cols..][..cols] == self.curscr[src * cols..][..cols]
        };
        let blank_row = row_hash(&[Cell::BLANK].repeat(cols));
        let mut best: Option<(isize, Move)> = None;
        for k in 1..lines {
            for n in [k as i32, -(k as i32)] {
                // Runs of rows y whose line is at y + n now, and not at y.
                let mut y = 0;
                while y < lines {
                    let src = y as i32 + n;
                    // Blank lines do not start a block (they are erased,
                    // not moved), but one can take in those beside it.
                    let moves = |y: usize| {
                        let src = y as i32 + n;
                        (0..lines as i32).contains(&src)
                            && new[y] != cur[y]
                            && same(y, src as usize)
                    };
                    let moved = |y: usize| moves(y) && new[y] != blank_row;
                    if !(0..lines as i32).contains(&src) || !moved(y) {
                        y += 1;
                        continue;
                    }
                    let mut first = y;
                    while first > 0 && moves(first - 1) {
                        first -= 1;
                    }
                    while y < lines && moves(y) {
                        y += 1;
                    }
                    let last = y - 1;
                    let (top, bottom) = if n > 0 {
                        (first, last + k)
                    } else {
                        (first - k, last)
                    };
                    // The scrolling region around the block, or down to
                    // the bottom (the lines under it shift too, which may
                    // be what the screen wants).
                    let candidates = [
                        (Method::Region, bottom),
                        (Method::Region, lines - 1),
                        (Method::Lines, bottom),
                        (Method::LinesKept, bottom),
                    ];
                    for (method, bottom) in candidates {
                        let m = Move {
                            top,
                            bottom,
                            n,
                            method,
                        };
                        let Some(bytes) = self.move_bytes(m) else {
                            continue;
                        };
                        let gain = self.saving(m) - bytes.len() as isize;
                        if gain > 0 && best.as_ref().is_none_or(|b| gain > b.0) {
                            best = Some((gain, m));
                        }
                    }
                }
            }
        }
        best.map(|b| b.1)
    }

    /// Whether some changed row of `newscr` that is not blank may be a
    /// row of `curscr` elsewhere: a few cells of each compared, which
    /// rules out a move far sooner than hashing every row does.
    fn may_move(&self) -> bool {
        let (lines, cols) = (self.lines, self.cols);
        let cur: Vec<u64> = (0..lines)
            .map(|y| sample(&self.curscr[y * cols..][..cols]))
            .collect();
        (0..lines).any(|y| {
            let want = &self.newscr[y * cols..][..cols];
            if want == &self.curscr[y * cols..][..cols] || want.iter().all(|c| *c == Cell::BLANK) {
                return false;
            }
            let s = sample(want);
            cur.iter().enumerate().any(|(src, &c)| c == s && src != y)
        })
    }

    /// The rows a move shifts, and the row it leaves blank first.
    fn span(&self, m: Move) -> (usize, usize) {
        match m.method {
            Method::Lines => (m.top, self.lines - 1),
            Method::Region | Method::LinesKept => (m.top, m.bottom),
        }
    }

    /// What the terminal would show in row `y` after move `m`: `Some(row)`
    /// of `curscr`, or `None` for a blank line.
    fn source(&self, m: Move, y: usize) -> Option<usize> {
        let (top, bottom) = self.span(m);
        let src = y as i32 + m.n;
        (src >= top as i32 && src <= bottom as i32).then_some(src as usize)
    }

    /// Bytes saved in drawing the rows after the move (before the move's
    /// own cost).
    fn saving(&self, m: Move) -> isize {
        let (top, bottom) = self.span(m);
        let cols = self.cols;
        let blank = self.erased_blank();
        let mut saved = 0;
        for y in top..=bottom {
            let want = &self.newscr[y * cols..][..cols];
            let before = draw_cost(want, &self.curscr[y * cols..][..cols]);
            let after = match self.source(m, y) {
                Some(src) => draw_cost(want, &self.curscr[src * cols..][..cols]),
                None => draw_cost(want, &[blank].repeat(cols)),
            };
            saved += before as isize - after as isize;
        }
        saved
    }

    /// The blank a scrolled-in or inserted line shows.
    fn erased_blank(&self) -> Cell {
        Cell {
            pair: self.blank_pair(&Cell::BLANK),
            ..Cell::BLANK
        }
    }

    /// The bytes that make move `m`, or `None` when the terminal cannot.
    fn move_bytes(&self, m: Move) -> Option<Vec<u8>> {
        let k = m.n.unsigned_abs() as usize;
        let lines = self.lines;
        let mut out = Vec::new();
        match m.method {
            Method::Region => {
                let csr = self.caps.csr.as_ref()?;
                let full = m.top == 0 && m.bottom == lines - 1;
                let (one, many, at) = if m.n > 0 {
                    (&self.caps.ind, &self.caps.indn, m.bottom)
                } else {
                    (&self.caps.ri, &self.caps.rin, m.top)
                };
                let step = cheapest([repeat(one, k), Caps::param(many, &[k as i64])])?;
                let region =
                    |t: usize, b: usize| Caps::param(&Some(csr.clone()), &[t as i64, b as i64]);
                if !full {
                    out.extend(region(m.top, m.bottom)?);
                }
                // csr moves the cursor home on most terminals.
                let from = if full { self.phys_cursor } else { None };
                self.put_motion(from, (at, 0), &mut out);
                out.extend(step);
                if !full {
                    out.extend(region(0, lines - 1)?);
                }
            }
            Method::Lines | Method::LinesKept => {
                if m.method == Method::LinesKept && m.bottom == lines - 1 {
                    return None;
                }
                let del = cheapest([
                    repeat(&self.caps.dl1, k),
                    Caps::param(&self.caps.dl, &[k as i64]),
                ])?;
                let ins = cheapest([
                    repeat(&self.caps.il1, k),
                    Caps::param(&self.caps.il, &[k as i64]),
                ])?;
                let below = m.bottom + 1 - k;
                let mut at = self.phys_cursor;
                let mut step = |out: &mut Vec<u8>, y: usize, op: &[u8]| {
                    self.put_motion(at, (y, 0), out);
                    out.extend_from_slice(op);
                    at = Some((y, 0));
                };
                match (m.n > 0, m.method == Method::LinesKept) {
                    (true, kept) => {
                        step(&mut out, m.top, &del);
                        if kept {
                            step(&mut out, below, &ins);
                        }
                    }
                    (false, kept) => {
                        if kept {
                            step(&mut out, below, &del);
                        }
                        step(&mut out, m.top, &ins);
                    }
                }
            }
        }
        Some(out)
    }

    fn apply(&mut self, m: Move) {
        // The blanks moved in take the current background colour.
        self.vidattr(0, Cell::BLANK.pair);
        let Some(bytes) = self.move_bytes(m) else {
            return;
        };
        self.out.extend_from_slice(&bytes);
        let full = m.top == 0 && m.bottom == self.lines - 1;
        self.phys_cursor = match m.method {
            Method::Region if !full => None,
            Method::Region => Some((if m.n > 0 { m.bottom } else { m.top }, 0)),
            // Where the last dl/il was sent.
            Method::LinesKept if m.n > 0 => Some((m.bottom + 1 - m.n as usize, 0)),
            Method::Lines | Method::LinesKept => Some((m.top, 0)),
        };
        let (top, bottom) = self.span(m);
        let cols = self.cols;
        let blank = self.erased_blank();
        let region = self.curscr[top * cols..(bottom + 1) * cols].to_vec();
        for y in top..=bottom {
            let shown = self.source(m, y);
            let dst = &mut self.curscr[y * cols..][..cols];
            match shown {
                Some(src) => dst.copy_from_slice(&region[(src - top) * cols..][..cols]),
                None => dst.fill(blank),
            }
        }
    }
}

/// About the bytes that make a terminal row `have` show `want`: a byte a
/// differing cell and a motion for each run of them, the blank tail
/// erased (`el`) when it is longer than that.
fn draw_cost(want: &[Cell], have: &[Cell]) -> usize {
    let tail = want
        .iter()
        .rev()
        .take_while(|c| c.is_blank() && c.attr == 0)
        .count();
    let body = want.len() - tail;
    let mut cost = runs_cost(&want[..body], &have[..body]);
    if want[body..] != have[body..] {
        cost += runs_cost(&want[body..], &have[body..]).min(8);
    }
    cost
}

fn runs_cost(want: &[Cell], have: &[Cell]) -> usize {
    let mut cost = 0;
    let mut in_run = false;
    for (w, h) in want.iter().zip(have) {
        if w != h {
            cost += if in_run { 1 } else { 5 };
            in_run = true;
        } else {
            in_run = false;
        }
    }
    cost
}

/// A hash of five cells of a row spread across it: rows that differ
/// there differ.
fn sample(row: &[Cell]) -> u64 {
    let n = row.len();
    let mut h: u64 = 0;
    for i in [0, n / 4, n / 2, n - n / 4 - 1, n - 1] {
        let c = &row[i];
        let v = u64::from(c.text[0] as u32)
            ^ u64::from(c.attr) << 21
            ^ u64::from(c.pair) << 40
            ^ (c.kind as u64) << 56
            ^ u64::from(c.text[1] as u32) << 3;
        h = (h ^ v).wrapping_mul(0x9e37_79b9_7f4a_7c15).rotate_left(29);
    }
    h
}

/// FNV-1a over a row's cells: rows are compared by hash first.
fn row_hash(row: &[Cell]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut mix = |v: u64| {
        h ^= v;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    };
    for c in row {
        mix(u64::from(c.text[0] as u32) | u64::from(c.attr) << 21);
        mix(u64::from(c.pair) | (c.kind as u64) << 16);
        if c.text[1] != '\0' {
            c.text[1..].iter().for_each(|&m| mix(u64::from(m as u32)));
        }
    }
    h
}

pub(super) fn repeat(cap: &Option<Vec<u8>>, n: usize) -> Option<Vec<u8>> {
    let one = Caps::plain(cap)?;
    if n > 16 {
        return None;
    }
    Some(one.repeat(n))
}

pub(super) fn cheapest(options: impl IntoIterator<Item = Option<Vec<u8>>>) -> Option<Vec<u8>> {
    options.into_iter().flatten().min_by_key(Vec::len)
}
