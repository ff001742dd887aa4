//! The constants of Python's `termios` module, typed by what they go
//! with; the tests compare every value with CPython's
//! (`tests/oracle/termios_names.py`).

use super::{Action, ControlModes, InputModes, LocalModes, OutputModes, QueueSelector, When};
use linux_raw_sys::general as k;
use rustix::termios::SpecialCodeIndex;

// Input modes (`c_iflag`).
/// `termios.IGNBRK`: ignore a break condition.
pub const IGNBRK: InputModes = InputModes::IGNBRK;
/// `termios.BRKINT`: a break flushes the queues and sends `SIGINT`.
pub const BRKINT: InputModes = InputModes::BRKINT;
/// `termios.IGNPAR`: ignore bytes with framing or parity errors.
pub const IGNPAR: InputModes = InputModes::IGNPAR;
/// `termios.PARMRK`: mark parity errors with `\377 \0`.
pub const PARMRK: InputModes = InputModes::PARMRK;
/// `termios.INPCK`: check input parity.
pub const INPCK: InputModes = InputModes::INPCK;
/// `termios.ISTRIP`: strip the eighth bit.
pub const ISTRIP: InputModes = InputModes::ISTRIP;
/// `termios.INLCR`: translate NL to CR on input.
pub const INLCR: InputModes = InputModes::INLCR;
/// `termios.IGNCR`: ignore CR on input.
pub const IGNCR: InputModes = InputModes::IGNCR;
/// `termios.ICRNL`: translate CR to NL on input.
pub const ICRNL: InputModes = InputModes::ICRNL;
/// `termios.IUCLC`: map upper case to lower case on input.
pub const IUCLC: InputModes = InputModes::IUCLC;
/// `termios.IXON`: XON/XOFF flow control of output.
pub const IXON: InputModes = InputModes::IXON;
/// `termios.IXANY`: any byte restarts stopped output.
pub const IXANY: InputModes = InputModes::IXANY;
/// `termios.IXOFF`: XON/XOFF flow control of input.
pub const IXOFF: InputModes = InputModes::IXOFF;
/// `termios.IMAXBEL`: ring the bell when the input queue is full.
pub const IMAXBEL: InputModes = InputModes::IMAXBEL;

// Output modes (`c_oflag`).
/// `termios.OPOST`: process output.
pub const OPOST: OutputModes = OutputModes::OPOST;
/// `termios.OLCUC`: map lower case to upper case on output.
pub const OLCUC: OutputModes = OutputModes::OLCUC;
/// `termios.ONLCR`: translate NL to CR-NL on output.
pub const ONLCR: OutputModes = OutputModes::ONLCR;
/// `termios.OCRNL`: translate CR to NL on output.
pub const OCRNL: OutputModes = OutputModes::OCRNL;
/// `termios.ONOCR`: no CR at column 0.
pub const ONOCR: OutputModes = OutputModes::ONOCR;
/// `termios.ONLRET`: NL does the CR function.
pub const ONLRET: OutputModes = OutputModes::ONLRET;
/// `termios.OFILL`: send fill bytes for a delay.
pub const OFILL: OutputModes = OutputModes::OFILL;
/// `termios.OFDEL`: the fill byte is DEL, not NUL.
pub const OFDEL: OutputModes = OutputModes::OFDEL;
/// `termios.NLDLY`: the newline delay mask.
pub const NLDLY: OutputModes = OutputModes::NLDLY;
/// `termios.NL0`: newline delay: none.
pub const NL0: OutputModes = OutputModes::NL0;
/// `termios.NL1`: newline delay: type 1.
pub const NL1: OutputModes = OutputModes::NL1;
/// `termios.CRDLY`: the carriage-return delay mask.
pub const CRDLY: OutputModes = OutputModes::CRDLY;
/// `termios.CR0`: carriage-return delay: none.
pub const CR0: OutputModes = OutputModes::CR0;
// rustix leaves the delay values other than 0 out on musl targets; the
// kernel's (asm-generic) values are the same for every libc.
/// `termios.CR1`: carriage-return delay: type 1.
pub const CR1: OutputModes = OutputModes::from_bits_retain(k::CR1);
/// `termios.CR2`: carriage-return delay: type 2.
pub const CR2: OutputModes = OutputModes::from_bits_retain(k::CR2);
/// `termios.CR3`: carriage-return delay: type 3.
pub const CR3: OutputModes = OutputModes::from_bits_retain(k::CR3);
/// `termios.TABDLY`: the horizontal-tab delay mask.
pub const TABDLY: OutputModes = OutputModes::TABDLY;
/// `termios.TAB0`: tab delay: none.
pub const TAB0: OutputModes = OutputModes::TAB0;
/// `termios.TAB1`: tab delay: type 1.
pub const TAB1: OutputModes = OutputModes::from_bits_retain(k::TAB1);
/// `termios.TAB2`: tab delay: type 2.
pub const TAB2: OutputModes = OutputModes::from_bits_retain(k::TAB2);
/// `termios.TAB3`: tab delay: expand tabs to spaces.
pub const TAB3: OutputModes = OutputModes::from_bits_retain(k::TAB3);
/// `termios.XTABS`: expand tabs to spaces (`TAB3`).
pub const XTABS: OutputModes = OutputModes::XTABS;
/// `termios.BSDLY`: the backspace delay mask.
pub const BSDLY: OutputModes = OutputModes::BSDLY;
/// `termios.BS0`: backspace delay: none.
pub const BS0: OutputModes = OutputModes::BS0;
/// `termios.BS1`: backspace delay: type 1.
pub const BS1: OutputModes = OutputModes::from_bits_retain(k::BS1);
/// `termios.VTDLY`: the vertical-tab delay mask.
pub const VTDLY: OutputModes = OutputModes::VTDLY;
/// `termios.VT0`: vertical-tab delay: none.
pub const VT0: OutputModes = OutputModes::VT0;
/// `termios.VT1`: vertical-tab delay: type 1.
pub const VT1: OutputModes = OutputModes::from_bits_retain(k::VT1);
/// `termios.FFDLY`: the form-feed delay mask.
pub const FFDLY: OutputModes = OutputModes::FFDLY;
/// `termios.FF0`: form-feed delay: none.
pub const FF0: OutputModes = OutputModes::FF0;
/// `termios.FF1`: form-feed delay: type 1.
pub const FF1: OutputModes = OutputModes::from_bits_retain(k::FF1);

// Control modes (`c_cflag`).
/// `termios.CSIZE`: the character size mask.
pub const CSIZE: ControlModes = ControlModes::CSIZE;
/// `termios.CS5`: 5-bit characters.
pub const CS5: ControlModes = ControlModes::CS5;
/// `termios.CS6`: 6-bit characters.
pub const CS6: ControlModes = ControlModes::CS6;
/// `termios.CS7`: 7-bit characters.
pub const CS7: ControlModes = ControlModes::CS7;
/// `termios.CS8`: 8-bit characters.
pub const CS8: ControlModes = ControlModes::CS8;
/// `termios.CSTOPB`: two stop bits.
pub const CSTOPB: ControlModes = ControlModes::CSTOPB;
/// `termios.CREAD`: enable the receiver.
pub const CREAD: ControlModes = ControlModes::CREAD;
/// `termios.PARENB`: generate and check parity.
pub const PARENB: ControlModes = ControlModes::PARENB;
/// `termios.PARODD`: odd parity.
pub const PARODD: ControlModes = ControlModes::PARODD;
/// `termios.HUPCL`: hang up on last close.
pub const HUPCL: ControlModes = ControlModes::HUPCL;
/// `termios.CLOCAL`: ignore modem control lines.
pub const CLOCAL: ControlModes = ControlModes::CLOCAL;
/// `termios.CRTSCTS`: RTS/CTS flow control.
pub const CRTSCTS: ControlModes = ControlModes::CRTSCTS;

// The speed masks, for code that reads the raw bits.
/// `termios.CBAUD`: the output speed mask (the speed is a number on `Termios`).
pub const CBAUD: ControlModes = ControlModes::from_bits_retain(k::CBAUD);
/// `termios.CBAUDEX`: the extended-speed bit of `CBAUD`.
pub const CBAUDEX: ControlModes = ControlModes::from_bits_retain(k::CBAUDEX);
/// `termios.CIBAUD`: the input speed mask.
pub const CIBAUD: ControlModes = ControlModes::from_bits_retain(k::CIBAUD);

// Local modes (`c_lflag`).
/// `termios.ISIG`: keys send `SIGINT`, `SIGQUIT`, `SIGTSTP`.
pub const ISIG: LocalModes = LocalModes::ISIG;
/// `termios.ICANON`: canonical (line by line) input.
pub const ICANON: LocalModes = LocalModes::ICANON;
/// `termios.XCASE`: upper-case terminal emulation.
pub const XCASE: LocalModes = LocalModes::XCASE;
/// `termios.ECHO`: echo input.
pub const ECHO: LocalModes = LocalModes::ECHO;
/// `termios.ECHOE`: ERASE erases the previous character.
pub const ECHOE: LocalModes = LocalModes::ECHOE;
/// `termios.ECHOK`: KILL erases the line.
pub const ECHOK: LocalModes = LocalModes::ECHOK;
/// `termios.ECHONL`: echo NL even without `ECHO`.
pub const ECHONL: LocalModes = LocalModes::ECHONL;
/// `termios.NOFLSH`: no flush on interrupt keys.
pub const NOFLSH: LocalModes = LocalModes::NOFLSH;
/// `termios.TOSTOP`: `SIGTTOU` to background writers.
pub const TOSTOP: LocalModes = LocalModes::TOSTOP;
/// `termios.ECHOCTL`: echo control characters as `^X`.
pub const ECHOCTL: LocalModes = LocalModes::ECHOCTL;
/// `termios.ECHOPRT`: echo erased characters.
pub const ECHOPRT: LocalModes = LocalModes::ECHOPRT;
/// `termios.ECHOKE`: KILL erases each character of the line.
pub const ECHOKE: LocalModes = LocalModes::ECHOKE;
/// `termios.FLUSHO`: output is being flushed.
pub const FLUSHO: LocalModes = LocalModes::FLUSHO;
/// `termios.PENDIN`: reprint pending input at the next read.
pub const PENDIN: LocalModes = LocalModes::PENDIN;
/// `termios.IEXTEN`: implementation-defined input processing.
pub const IEXTEN: LocalModes = LocalModes::IEXTEN;

// Indices into `Termios::special_codes` (`c_cc`); `cc_index` gives the number.
/// `termios.VDISCARD`: the discard key.
pub const VDISCARD: SpecialCodeIndex = SpecialCodeIndex::VDISCARD;
/// `termios.VEOF`: the end-of-file key.
pub const VEOF: SpecialCodeIndex = SpecialCodeIndex::VEOF;
/// `termios.VEOL`: an extra end-of-line key.
pub const VEOL: SpecialCodeIndex = SpecialCodeIndex::VEOL;
/// `termios.VEOL2`: a second extra end-of-line key.
pub const VEOL2: SpecialCodeIndex = SpecialCodeIndex::VEOL2;
/// `termios.VERASE`: the erase key.
pub const VERASE: SpecialCodeIndex = SpecialCodeIndex::VERASE;
/// `termios.VINTR`: the interrupt key (`SIGINT`).
pub const VINTR: SpecialCodeIndex = SpecialCodeIndex::VINTR;
/// `termios.VKILL`: the kill-line key.
pub const VKILL: SpecialCodeIndex = SpecialCodeIndex::VKILL;
/// `termios.VLNEXT`: the literal-next key.
pub const VLNEXT: SpecialCodeIndex = SpecialCodeIndex::VLNEXT;
/// `termios.VMIN`: the least bytes a read returns (non-canonical mode).
pub const VMIN: SpecialCodeIndex = SpecialCodeIndex::VMIN;
/// `termios.VQUIT`: the quit key (`SIGQUIT`).
pub const VQUIT: SpecialCodeIndex = SpecialCodeIndex::VQUIT;
/// `termios.VREPRINT`: the reprint key.
pub const VREPRINT: SpecialCodeIndex = SpecialCodeIndex::VREPRINT;
/// `termios.VSTART`: the XON key.
pub const VSTART: SpecialCodeIndex = SpecialCodeIndex::VSTART;
/// `termios.VSTOP`: the XOFF key.
pub const VSTOP: SpecialCodeIndex = SpecialCodeIndex::VSTOP;
/// `termios.VSUSP`: the suspend key (`SIGTSTP`).
pub const VSUSP: SpecialCodeIndex = SpecialCodeIndex::VSUSP;
/// `termios.VSWTC`: the switch key (unused on Linux).
pub const VSWTC: SpecialCodeIndex = SpecialCodeIndex::VSWTC;
/// `termios.VSWTCH`: the switch key, `VSWTC`'s other name.
pub const VSWTCH: SpecialCodeIndex = SpecialCodeIndex::VSWTC;
/// `termios.VTIME`: the read timeout in tenths of a second (non-canonical mode).
pub const VTIME: SpecialCodeIndex = SpecialCodeIndex::VTIME;
/// `termios.VWERASE`: the erase-word key.
pub const VWERASE: SpecialCodeIndex = SpecialCodeIndex::VWERASE;

// The default control characters (glibc's `<sys/ttydefaults.h>`).
/// `termios.CEOF`: the default control character, `^D`.
pub const CEOF: u8 = 4;
/// `termios.CEOL`: the default control character, none (`_POSIX_VDISABLE`).
pub const CEOL: u8 = 0;
/// `termios.CEOT`: the default control character, `^D`.
pub const CEOT: u8 = 4;
/// `termios.CERASE`: the default control character, DEL.
pub const CERASE: u8 = 127;
/// `termios.CFLUSH`: the default control character, `^O`.
pub const CFLUSH: u8 = 15;
/// `termios.CINTR`: the default control character, `^C`.
pub const CINTR: u8 = 3;
/// `termios.CKILL`: the default control character, `^U`.
pub const CKILL: u8 = 21;
/// `termios.CLNEXT`: the default control character, `^V`.
pub const CLNEXT: u8 = 22;
/// `termios.CQUIT`: the default control character, `^\\`.
pub const CQUIT: u8 = 28;
/// `termios.CRPRNT`: the default control character, `^R`.
pub const CRPRNT: u8 = 18;
/// `termios.CSTART`: the default control character, `^Q`.
pub const CSTART: u8 = 17;
/// `termios.CSTOP`: the default control character, `^S`.
pub const CSTOP: u8 = 19;
/// `termios.CSUSP`: the default control character, `^Z`.
pub const CSUSP: u8 = 26;
/// `termios.CDSUSP`: the default control character, `^Y`.
pub const CDSUSP: u8 = 25;
/// `termios.CWERASE`: the default control character, `^W`.
pub const CWERASE: u8 = 23;

// Line disciplines (`<linux/tty.h>`), for `TIOCGETD` and `TIOCSETD`.
/// `termios.N_MOUSE`: the serial mouse line discipline.
pub const N_MOUSE: core::ffi::c_int = 2;
/// `termios.N_PPP`: the PPP line discipline.
pub const N_PPP: core::ffi::c_int = 3;
/// `termios.N_SLIP`: the SLIP line discipline.
pub const N_SLIP: core::ffi::c_int = 1;
/// `termios.N_STRIP`: the Metricom radio line discipline.
pub const N_STRIP: core::ffi::c_int = 4;
/// `termios.N_TTY`: the ordinary terminal line discipline.
pub const N_TTY: core::ffi::c_int = 0;

// When `tcsetattr` applies a change, what `tcflush` discards, what `tcflow` does.
/// `termios.TCSANOW`.
pub const TCSANOW: When = When::Now;
/// `termios.TCSADRAIN`.
pub const TCSADRAIN: When = When::Drain;
/// `termios.TCSAFLUSH`.
pub const TCSAFLUSH: When = When::Flush;
/// `termios.TCIFLUSH`.
pub const TCIFLUSH: QueueSelector = QueueSelector::IFlush;
/// `termios.TCOFLUSH`.
pub const TCOFLUSH: QueueSelector = QueueSelector::OFlush;
/// `termios.TCIOFLUSH`.
pub const TCIOFLUSH: QueueSelector = QueueSelector::IOFlush;
/// `termios.TCOOFF`.
pub const TCOOFF: Action = Action::OOff;
/// `termios.TCOON`.
pub const TCOON: Action = Action::OOn;
/// `termios.TCIOFF`.
pub const TCIOFF: Action = Action::IOff;
/// `termios.TCION`.
pub const TCION: Action = Action::IOn;

// Modem bits, for `TIOCMGET`, `TIOCMSET`, `TIOCMBIS`, `TIOCMBIC`, `TIOCMIWAIT`.
/// `termios.TIOCM_CAR`: carrier detect.
pub const TIOCM_CAR: core::ffi::c_int = k::TIOCM_CAR as core::ffi::c_int;
/// `termios.TIOCM_CD`: carrier detect (`TIOCM_CAR`).
pub const TIOCM_CD: core::ffi::c_int = k::TIOCM_CD as core::ffi::c_int;
/// `termios.TIOCM_CTS`: clear to send.
pub const TIOCM_CTS: core::ffi::c_int = k::TIOCM_CTS as core::ffi::c_int;
/// `termios.TIOCM_DSR`: data set ready.
pub const TIOCM_DSR: core::ffi::c_int = k::TIOCM_DSR as core::ffi::c_int;
/// `termios.TIOCM_DTR`: data terminal ready.
pub const TIOCM_DTR: core::ffi::c_int = k::TIOCM_DTR as core::ffi::c_int;
/// `termios.TIOCM_LE`: line enable (DSR).
pub const TIOCM_LE: core::ffi::c_int = k::TIOCM_LE as core::ffi::c_int;
/// `termios.TIOCM_RI`: ring (`TIOCM_RNG`).
pub const TIOCM_RI: core::ffi::c_int = k::TIOCM_RI as core::ffi::c_int;
/// `termios.TIOCM_RNG`: ring.
pub const TIOCM_RNG: core::ffi::c_int = k::TIOCM_RNG as core::ffi::c_int;
/// `termios.TIOCM_RTS`: request to send.
pub const TIOCM_RTS: core::ffi::c_int = k::TIOCM_RTS as core::ffi::c_int;
/// `termios.TIOCM_SR`: secondary receive.
pub const TIOCM_SR: core::ffi::c_int = k::TIOCM_SR as core::ffi::c_int;
/// `termios.TIOCM_ST`: secondary transmit.
pub const TIOCM_ST: core::ffi::c_int = k::TIOCM_ST as core::ffi::c_int;

// The status byte before each read from a pseudo-terminal master in packet mode (`TIOCPKT`).
/// `termios.TIOCPKT_DATA`: an ordinary data packet.
pub const TIOCPKT_DATA: u8 = k::TIOCPKT_DATA as u8;
/// `termios.TIOCPKT_DOSTOP`: the stop and start keys are `^S`/`^Q`.
pub const TIOCPKT_DOSTOP: u8 = k::TIOCPKT_DOSTOP as u8;
/// `termios.TIOCPKT_FLUSHREAD`: the read queue was flushed.
pub const TIOCPKT_FLUSHREAD: u8 = k::TIOCPKT_FLUSHREAD as u8;
/// `termios.TIOCPKT_FLUSHWRITE`: the write queue was flushed.
pub const TIOCPKT_FLUSHWRITE: u8 = k::TIOCPKT_FLUSHWRITE as u8;
/// `termios.TIOCPKT_NOSTOP`: the stop and start keys are not `^S`/`^Q`.
pub const TIOCPKT_NOSTOP: u8 = k::TIOCPKT_NOSTOP as u8;
/// `termios.TIOCPKT_START`: output was restarted.
pub const TIOCPKT_START: u8 = k::TIOCPKT_START as u8;
/// `termios.TIOCPKT_STOP`: output was stopped.
pub const TIOCPKT_STOP: u8 = k::TIOCPKT_STOP as u8;

// Sizes.
/// `termios.TIOCSER_TEMT`: `TIOCSERGETLSR`'s bit: the transmitter is empty.
pub const TIOCSER_TEMT: core::ffi::c_int = k::TIOCSER_TEMT as core::ffi::c_int;
/// `termios.IOCSIZE_MASK`: the argument-size bits of an ioctl request number.
pub const IOCSIZE_MASK: u32 = k::IOCSIZE_MASK;
/// `termios.IOCSIZE_SHIFT`: where they start.
pub const IOCSIZE_SHIFT: u32 = k::IOCSIZE_SHIFT;
/// `termios.NCC`: the length of `c_cc` in the old `struct termio`.
pub const NCC: usize = k::NCC as usize;
/// `termios.NCCS`: the length of `Termios::special_codes`, the kernel's
/// 19. CPython's is glibc's 32, the size of glibc's own `struct termios`.
pub const NCCS: usize = k::NCCS as usize;
