use super::*;
use crate::os;

include!("../../../tests/src/termios_names.rs");

const ORACLE: &str = include_str!("../../../tests/oracle/termios.txt");

/// Names CPython has that Strata leaves out, or gives another value.
fn expected_difference(name: &str) -> bool {
    let speed = name
        .strip_prefix('B')
        .is_some_and(|n| n.bytes().all(|b| b.is_ascii_digit()));
    speed || matches!(name, "EXTA" | "EXTB" | "NCCS")
}

#[test]
fn every_name_has_cpythons_value() {
    let mut ours = std::collections::BTreeMap::new();
    termios_names(&mut |name, value| {
        ours.insert(name.to_string(), value);
    });
    let mut checked = 0;
    for line in ORACLE.lines() {
        let (name, value) = line.split_once('=').unwrap();
        let value: i64 = value.parse().unwrap();
        if expected_difference(name) {
            assert!(name == "NCCS" || !ours.contains_key(name), "{name}");
            continue;
        }
        assert_eq!(ours.get(name), Some(&value), "{name}");
        checked += 1;
    }
    assert_eq!(checked, ours.len() - 1, "names not in the fixture"); // NCCS
    assert!(checked > 190);
}

#[test]
fn nccs_is_the_length_of_special_codes() {
    assert_eq!(NCCS, 19);
    let t = attr::zeroed_termios();
    assert_eq!(attr::as_kernel(&t).c_cc.len(), NCCS);
    assert_eq!(cc_index(VMIN), 6);
    assert_eq!(cc_index(VSWTCH), cc_index(VSWTC));
}

#[test]
fn tty_re_exports_termios() {
    assert_eq!(crate::tty::ECHO, LocalModes::ECHO);
    assert_eq!(crate::tty::FIONREAD, FIONREAD);
    let (r, _w) = os::pipe().unwrap();
    assert_eq!(crate::tty::tcgetattr(&r).err(), Some(Errno::NOTTY));
}

#[test]
fn fionread_counts_a_pipes_bytes() {
    let (r, w) = os::pipe().unwrap();
    assert_eq!(ioctl_get_int(&r, FIONREAD), Ok(0));
    os::write(&w, b"hello").unwrap();
    assert_eq!(ioctl_get_int(&r, FIONREAD), Ok(5));
    assert_eq!(ioctl_get_int(&r, TIOCINQ), Ok(5));
}

#[test]
fn requests_outside_a_form_are_einval() {
    let (r, _w) = os::pipe().unwrap();
    // TIOCGWINSZ writes a struct: not through the int calls.
    assert_eq!(ioctl_get_int(&r, TIOCGWINSZ), Err(Errno::INVAL));
    assert_eq!(ioctl_set_int(&r, FIONREAD, 0), Err(Errno::INVAL));
    assert_eq!(ioctl_arg(&r, TIOCSTI, 0), Err(Errno::INVAL));
    assert_eq!(ioctl_none(&r, 0x1234_5678), Err(Errno::INVAL));
}

#[test]
fn fioclex_and_fionbio_on_a_pipe() {
    let (r, _w) = os::pipe().unwrap();
    ioctl_none(&r, FIONCLEX).unwrap();
    assert!(
        !rustix::io::fcntl_getfd(&r)
            .unwrap()
            .contains(rustix::io::FdFlags::CLOEXEC)
    );
    ioctl_none(&r, FIOCLEX).unwrap();
    assert!(
        rustix::io::fcntl_getfd(&r)
            .unwrap()
            .contains(rustix::io::FdFlags::CLOEXEC)
    );
    ioctl_set_int(&r, FIONBIO, 1).unwrap();
    assert_eq!(os::get_blocking(&r), Ok(false));
    ioctl_set_int(&r, FIONBIO, 0).unwrap();
    assert_eq!(os::get_blocking(&r), Ok(true));
}

#[test]
fn pty_ioctls() {
    let (master, slave) = crate::tty::openpty().unwrap();
    // A pty has no modem lines: Linux answers TIOCMGET with ENOTTY/EINVAL.
    let modem = ioctl_get_int(&slave, TIOCMGET);
    assert!(
        matches!(modem, Err(Errno::NOTTY) | Err(Errno::INVAL)),
        "{modem:?}"
    );
    assert_eq!(ioctl_get_int(&slave, TIOCGETD), Ok(N_TTY));
    os::write(&master, b"ab\n").unwrap();
    // The line discipline takes the bytes a moment later.
    let mut waiting = Ok(0);
    for _ in 0..100 {
        waiting = ioctl_get_int(&slave, FIONREAD);
        if waiting != Ok(0) {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    assert_eq!(waiting, Ok(3));
    let mut t = tcgetattr(&slave).unwrap();
    t.local_modes.remove(ECHO);
    tcsetattr(&slave, TCSANOW, &t).unwrap();
    assert!(!tcgetattr(&slave).unwrap().local_modes.contains(ECHO));
    tcflush(&slave, TCIFLUSH).unwrap();
    assert_eq!(ioctl_get_int(&slave, FIONREAD), Ok(0));
}
