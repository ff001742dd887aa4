//! Issue 18's frame-time figure, Strata's side: `strata-frame [FRAMES]`
//! draws FRAMES (default 500) full frames of the terminal, each changing
//! every cell, and prints `ns_per_frame N` and the screen's size
//! (`size LINESxCOLS`) to stderr after `endwin`.
//!
//! The frame is the same in `frame.c` (ncurses) and `frame.py` (CPython).
//! Cell (y, x) of frame k holds the character `33 + (k·a + b) % 94`,
//! where `a = 1 + (x² + 7y) % 93` and `b = (x²y + 5x) % 94`: a step of
//! `a`, never 0, so every cell changes every frame, and no line of a
//! frame is a line of the one before, shifted across or moved up or down,
//! which would let an update scroll or insert instead of redrawing. The
//! frames repeat after 94; their lines are made before the clock starts.
//! Frame k writes each line in four segments of 50 columns, segment s
//! with colour pair `1 + (y + s + k) % 7` and bold when
//! `(y + s + k) % 3 == 0`, then refreshes. The clock (monotonic) runs
//! around the frame loop only.
#![no_std]
#![no_main]

extern crate alloc;

use alloc::string::String;
use alloc::vec::Vec;
use strata_alloc::curses::{self, A_BOLD, Error, Window};
use strata_alloc::{eprintln, os, time};

strata_alloc::main!(main);

/// Columns per line in a segment (the terminal is 200 wide: four).
const SEGMENT: usize = 50;
/// The printable ASCII characters the cells cycle through, and so the
/// number of different frames.
const GLYPHS: usize = 94;

fn main() -> i32 {
    let frames = match os::argv().nth(1) {
        None => 500,
        Some(arg) => match core::str::from_utf8(arg.to_bytes())
            .ok()
            .and_then(|s| s.parse::<u32>().ok())
        {
            Some(n) => n,
            None => {
                eprintln!("usage: strata-frame [FRAMES]");
                return 2;
            }
        },
    };
    match run(frames) {
        Ok((ns, lines, cols)) => {
            eprintln!("ns_per_frame {}", ns / i64::from(frames.max(1)));
            eprintln!("size {lines}x{cols}");
            0
        }
        Err(e) => {
            let _ = curses::endwin();
            eprintln!("strata-frame: {}", e.message());
            1
        }
    }
}

/// Sets the screen up, draws `frames` frames and returns the nanoseconds
/// they took, with the screen's size.
fn run(frames: u32) -> Result<(i64, i32, usize), Error> {
    let stdscr = curses::initscr()?;
    curses::start_color()?;
    for pair in 1..=7 {
        curses::init_pair(pair, pair, (pair + 4) % 8)?;
    }
    let (lines, cols) = stdscr.getmaxyx();
    let cols = usize::try_from(cols).unwrap_or(0);
    let rows = rows(usize::try_from(lines).unwrap_or(0), cols);
    let start = time::monotonic_ns();
    for k in 0..frames as usize {
        draw(&stdscr, &rows, lines, cols, k)?;
        stdscr.refresh()?;
    }
    let elapsed = time::monotonic_ns() - start;
    curses::endwin()?;
    Ok((elapsed, lines, cols))
}

/// Every line of the 94 frames: line y of frame k is `rows[y * 94 + k]`.
fn rows(lines: usize, cols: usize) -> Vec<String> {
    let mut rows = Vec::with_capacity(lines * GLYPHS);
    for y in 0..lines {
        for k in 0..GLYPHS {
            let cell = |x: usize| {
                let a = 1 + (x * x + 7 * y) % (GLYPHS - 1);
                let b = (x * x * y + 5 * x) % GLYPHS;
                char::from(33 + ((k * a + b) % GLYPHS) as u8)
            };
            rows.push((0..cols).map(cell).collect());
        }
    }
    rows
}

/// Frame `k`: every line, in segments of its own attributes.
fn draw(w: &Window, rows: &[String], lines: i32, cols: usize, k: usize) -> Result<(), Error> {
    for y in 0..lines {
        let yu = y as usize;
        let row = &rows[yu * GLYPHS + k % GLYPHS];
        for (s, x) in (0..cols).step_by(SEGMENT).enumerate() {
            let n = yu + s + k;
            let attr = curses::color_pair(1 + (n % 7) as u8)
                | if n.is_multiple_of(3) { A_BOLD } else { 0 };
            let end = (x + SEGMENT).min(cols);
            let r = w.mvaddstr_attr(y, x as i32, &row[x..end], attr);
            // The bottom right cell is drawn, but the cursor cannot move
            // past it: curses' error, as ncurses' ERR, means nothing here.
            if r.is_err() && !(y == lines - 1 && end == cols) {
                return r;
            }
        }
    }
    Ok(())
}
