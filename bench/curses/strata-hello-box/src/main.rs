//! Issue 18's size figure: "hello" in a boxed window on a panel, then a
//! key, as a static libc-free program (`hello_box.c` is the C ncurses
//! peer, with libpanel).
#![no_std]
#![no_main]

use strata_alloc::curses::{self, Error, panel};

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
    curses::initscr()?;
    let win = curses::newwin(3, 9, 1, 2)?;
    win.box_(0, 0)?;
    win.mvaddstr(1, 2, "hello")?;
    let _hello = panel::new_panel(&win)?;
    panel::update_panels()?;
    curses::doupdate()?;
    win.getch()?;
    curses::endwin()
}
