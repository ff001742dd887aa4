//! Issue 18's size figure: "hello" in a boxed window, then a key, as a
//! static libc-free program (`hello_box.c` is the C ncurses peer).
#![no_std]
#![no_main]

use strata_alloc::curses::{self, Error};

strata_alloc::main!(main);

fn main() -> i32 {
    match run() {
        Ok(()) => 0,
        Err(e) => {
            let _ = curses::endwin();
            strata_alloc::eprintln!("strata-hello-box: {}", e.message());
            1
        }
    }
}

fn run() -> Result<(), Error> {
    let stdscr = curses::initscr()?;
    // ncurses' initscr enters cbreak itself (XPG4), so that a key needs
    // no Enter; Strata's leaves lines cooked (and Enter no newline, with
    // ICRNL off), so this program asks for it.
    curses::cbreak()?;
    stdscr.refresh()?;
    let win = curses::newwin(3, 9, 1, 2)?;
    win.box_(0, 0)?;
    win.mvaddstr(1, 2, "hello")?;
    win.refresh()?;
    win.getch()?;
    curses::endwin()
}
