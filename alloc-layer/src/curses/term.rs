//! The terminal under the screen: its fds, the shell's and the program's
//! terminal modes, and what `initscr` and `endwin` send.

use super::caps::Caps;
use super::screen::Screen;
use strata_core::errno::Errno;
use strata_core::os::BorrowedFd;
use strata_core::termios::{InputModes, LocalModes, OutputModes, SpecialCodeIndex, Termios, When};

/// The fd curses reads keys from (`stdin`, as ncurses' `initscr`).
pub(crate) const INPUT: i32 = 0;
/// The fd curses draws on and sets modes of (`stdout`).
pub(crate) const OUTPUT: i32 = 1;

pub(crate) fn fd(n: i32) -> BorrowedFd<'static> {
    // SAFETY: the number is borrowed for one system call at a time; a
    // closed or reused fd gives an error or another file's answer (as in
    // ncurses, which keeps the number), never undefined behaviour.
    unsafe { BorrowedFd::borrow_raw(n) }
}

/// The program mode `initscr` starts in: no echo by the terminal (curses
/// echoes itself), no input or output newline translation (curses moves
/// the cursor down with `\n`), and cbreak: keys arrive one at a time.
pub(crate) fn prog_mode(shell: &Termios) -> Termios {
    let mut t = shell.clone();
    // ncurses starts in cbreak mode, as XPG4 asks (and SVr4 did).
    t.local_modes.remove(LocalModes::ICANON);
    t.special_codes[SpecialCodeIndex::VMIN] = 1;
    t.special_codes[SpecialCodeIndex::VTIME] = 0;
    t.local_modes.remove(LocalModes::ECHO | LocalModes::ECHONL);
    t.input_modes
        .remove(InputModes::ICRNL | InputModes::INLCR | InputModes::IGNCR);
    t.output_modes.remove(OutputModes::ONLCR);
    t
}

impl Screen {
    /// Applies the input modes (`cbreak`, `raw`, `halfdelay`, `nl`, `meta`)
    /// to the program mode and the terminal.
    pub(crate) fn apply_modes(&mut self) -> Result<(), Errno> {
        let Some(mut t) = self.prog_mode.clone() else {
            return Ok(());
        };
        let m = &self.modes;
        let raw = m.raw;
        let cbreak = m.cbreak || raw || m.halfdelay > 0;
        t.local_modes.set(LocalModes::ICANON, !cbreak);
        t.local_modes.set(LocalModes::ISIG, !raw);
        t.local_modes.set(LocalModes::IEXTEN, !raw);
        t.input_modes.set(InputModes::IXON, !raw);
        t.input_modes.set(InputModes::ICRNL, m.nl && !raw);
        if cbreak {
            t.special_codes[SpecialCodeIndex::VMIN] = 1;
            t.special_codes[SpecialCodeIndex::VTIME] = 0;
        }
        self.prog_mode = Some(t.clone());
        if self.ended {
            return Ok(());
        }
        match strata_core::termios::tcsetattr(fd(OUTPUT), When::Drain, &t) {
            // Not a terminal (output to a file or a pipe): nothing to set,
            // as ncurses carries on.
            Err(Errno::NOTTY) => Ok(()),
            other => other,
        }
    }

    /// What `initscr` and a refresh after `endwin` send first.
    pub(crate) fn enter(&mut self) {
        for cap in [&self.caps.smcup, &self.caps.enacs] {
            if let Some(s) = Caps::plain(cap) {
                self.out.extend_from_slice(&s);
            }
        }
        if let Some(s) = Caps::param(&self.caps.csr, &[0, self.lines as i64 - 1]) {
            self.out.extend_from_slice(&s);
        }
        if let Some(s) = Caps::plain(&self.caps.sgr0) {
            self.out.extend_from_slice(&s);
        }
        if self.input.keypad_sent
            && let Some(s) = Caps::plain(&self.caps.smkx)
        {
            self.out.extend_from_slice(&s);
        }
        self.phys_attr = 0;
        self.phys_pair = super::update::TERMINAL_DEFAULT;
        self.phys_cursor = None;
        self.clear_next = true;
        self.ended = false;
    }

    /// `endwin()`'s bytes: default attributes, the cursor to the bottom
    /// left and visible, the terminal's own screen back.
    pub(crate) fn leave(&mut self) {
        self.vidattr(0, super::update::TERMINAL_DEFAULT);
        if self.colors.changed {
            // The palette init_color changed, back to the terminal's.
            if let Some(oc) = Caps::plain(&self.caps.oc) {
                self.out.extend_from_slice(&oc);
            }
        }
        self.goto(self.lines - 1, 0);
        if self.modes.cursor != 1
            && let Some(s) = Caps::plain(&self.caps.cnorm)
        {
            self.out.extend_from_slice(&s);
        }
        for cap in [&self.caps.rmcup, &self.caps.rmkx] {
            if let Some(s) = Caps::plain(cap) {
                self.out.extend_from_slice(&s);
            }
        }
        self.phys_cursor = None;
        self.ended = true;
    }
}
