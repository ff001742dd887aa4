//! The raw and cbreak modes of Python's `tty`.

use crate::errno::Errno;
use crate::termios::{
    ControlModes, InputModes, LocalModes, OutputModes, SpecialCodeIndex, Termios, When, tcgetattr,
    tcsetattr,
};
use rustix::fd::AsFd;

/// `tty.cfmakeraw(mode)`—raw mode as Python 3.12 makes it: no input
/// translation, no output processing, 8-bit characters, no echo, no
/// canonical lines, no signals from keys; reads return after one byte.
pub fn cfmakeraw(t: &mut Termios) {
    t.input_modes.remove(
        InputModes::IGNBRK
            | InputModes::BRKINT
            | InputModes::IGNPAR
            | InputModes::PARMRK
            | InputModes::INPCK
            | InputModes::ISTRIP
            | InputModes::INLCR
            | InputModes::IGNCR
            | InputModes::ICRNL
            | InputModes::IXON
            | InputModes::IXANY
            | InputModes::IXOFF,
    );
    t.output_modes.remove(OutputModes::OPOST);
    t.control_modes
        .remove(ControlModes::PARENB | ControlModes::CSIZE);
    t.control_modes.insert(ControlModes::CS8);
    t.local_modes.remove(
        LocalModes::ECHO
            | LocalModes::ECHOE
            | LocalModes::ECHOK
            | LocalModes::ECHONL
            | LocalModes::ICANON
            | LocalModes::IEXTEN
            | LocalModes::ISIG
            | LocalModes::NOFLSH
            | LocalModes::TOSTOP,
    );
    t.special_codes[SpecialCodeIndex::VMIN] = 1;
    t.special_codes[SpecialCodeIndex::VTIME] = 0;
}

/// `tty.cfmakecbreak(mode)`—cbreak mode as Python 3.12 makes it: no echo,
/// no canonical lines (keys still send signals); reads return after one
/// byte.
pub fn cfmakecbreak(t: &mut Termios) {
    t.local_modes.remove(LocalModes::ECHO | LocalModes::ICANON);
    t.special_codes[SpecialCodeIndex::VMIN] = 1;
    t.special_codes[SpecialCodeIndex::VTIME] = 0;
}

/// `tty.setraw(fd, when)`—puts the terminal in raw mode; returns the mode
/// to restore with [`tcsetattr`].
pub fn setraw(fd: impl AsFd, when: When) -> Result<Termios, Errno> {
    let old = tcgetattr(&fd)?;
    let mut raw = old.clone();
    cfmakeraw(&mut raw);
    tcsetattr(&fd, when, &raw)?;
    Ok(old)
}

/// `tty.setcbreak(fd, when)`—puts the terminal in cbreak mode; returns the
/// mode to restore.
pub fn setcbreak(fd: impl AsFd, when: When) -> Result<Termios, Errno> {
    let old = tcgetattr(&fd)?;
    let mut cbreak = old.clone();
    cfmakecbreak(&mut cbreak);
    tcsetattr(&fd, when, &cbreak)?;
    Ok(old)
}
