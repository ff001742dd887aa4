//! `~` and `$VAR` expansion.

use crate::os::PathLike;
use alloc::vec::Vec;
use strata_core::getpass::parse_line;

/// `os.path.expanduser(path)`—a leading `~` replaced by the home
/// directory, `~user` by that user's: `HOME` for `~` (the password
/// database's entry for [`getuid`](strata_core::os::getuid) when `HOME`
/// is unset), `/etc/passwd`'s entry for `~user`. Trailing slashes of the
/// home directory are dropped; a path that does not start with `~`, or
/// whose user is not found, comes back unchanged (never an error, as in
/// Python).
///
/// ```
/// use strata_alloc::os::path::expanduser;
/// strata_alloc::os::putenv("HOME", "/home/ada/").unwrap();
/// assert_eq!(expanduser("~/notes"), b"/home/ada/notes");
/// assert_eq!(expanduser("a/~"), b"a/~");
/// ```
///
/// # References
/// - [passwd(5)](https://man7.org/linux/man-pages/man5/passwd.5.html)
/// - [getpwnam(3)](https://man7.org/linux/man-pages/man3/getpwnam.3.html)
pub fn expanduser(path: impl PathLike) -> Vec<u8> {
    let path = path.path_bytes();
    if path.first() != Some(&b'~') {
        return path.to_vec();
    }
    let home = crate::os::getenv("HOME");
    // The password file is read only when it is needed.
    let needs_passwd = home.is_none() || path.get(1).is_some_and(|&b| b != b'/');
    let passwd = if needs_passwd {
        read_passwd()
    } else {
        Vec::new()
    };
    expanduser_with(path, home.as_deref(), &passwd)
}

/// `os.path.expanduser(path)` with `HOME` (`None`: unset) and the
/// password database (the text of an `/etc/passwd`) given by the caller:
/// [`expanduser`]'s rules, for tests and for programs that look into
/// another root.
///
/// ```
/// use strata_alloc::os::path::expanduser_with;
/// let passwd = b"root:x:0:0:root:/root:/bin/sh\nada:x:1000:1000::/home/ada:/bin/sh\n";
/// assert_eq!(expanduser_with("~ada/src", None, passwd), b"/home/ada/src");
/// assert_eq!(expanduser_with("~", Some(b"/"), passwd), b"/");
/// assert_eq!(expanduser_with("~nobody/x", None, passwd), b"~nobody/x");
/// ```
pub fn expanduser_with(path: impl PathLike, home: Option<&[u8]>, passwd: &[u8]) -> Vec<u8> {
    let path = path.path_bytes();
    if path.first() != Some(&b'~') {
        return path.to_vec();
    }
    let i = path[1..]
        .iter()
        .position(|&b| b == b'/')
        .map_or(path.len(), |k| k + 1);
    let entries = || passwd.split(|&b| b == b'\n').filter_map(parse_line);
    let userhome: &[u8] = if i == 1 {
        match home {
            Some(h) => h,
            None => {
                let uid = strata_core::os::getuid();
                match entries().find(|e| e.uid == uid) {
                    Some(e) => e.dir,
                    None => return path.to_vec(),
                }
            }
        }
    } else {
        let name = &path[1..i];
        // Python decodes the name as ASCII (UnicodeDecodeError otherwise)
        // and pwd refuses a NUL (ValueError): no entry can match either.
        if !name.is_ascii() || name.contains(&0) {
            return path.to_vec();
        }
        match entries().find(|e| e.name == name) {
            Some(e) => e.dir,
            None => return path.to_vec(),
        }
    };
    let end = userhome
        .iter()
        .rposition(|&b| b != b'/')
        .map_or(0, |k| k + 1);
    let mut out = userhome[..end].to_vec();
    out.extend_from_slice(&path[i..]);
    if out.is_empty() {
        out.push(b'/');
    }
    out
}

/// `/etc/passwd`'s text; empty if it cannot be read (as PID 1 with
/// nothing mounted, or in a `FROM scratch` container).
fn read_passwd() -> Vec<u8> {
    let mut text = Vec::new();
    let Ok(fd) = strata_core::os::open(
        "/etc/passwd",
        strata_core::os::O_RDONLY | strata_core::os::O_CLOEXEC,
        0,
    ) else {
        return text;
    };
    let mut buf = [0u8; 4096];
    loop {
        match strata_core::os::read(&fd, &mut buf) {
            Ok(0) => return text,
            Ok(n) => text.extend_from_slice(&buf[..n]),
            Err(_) => return Vec::new(),
        }
    }
}

/// `os.path.expandvars(path)`—`$name` and `${name}` replaced by the
/// variable's value from the process environment ([`getenv`]); `name`
/// is ASCII letters, digits and `_` (the braced form takes anything up to
/// `}`). Unknown variables, a lone `$` and an unclosed `${` stay as they
/// are; values are not expanded again.
///
/// ```
/// use strata_alloc::os::{path::expandvars, putenv};
/// putenv("PROJECT", "strata").unwrap();
/// assert_eq!(expandvars("$PROJECT/${PROJECT}.toml"), b"strata/strata.toml");
/// assert_eq!(expandvars("$NO_SUCH_VARIABLE_X/$"), b"$NO_SUCH_VARIABLE_X/$");
/// ```
///
/// [`getenv`]: crate::os::getenv
pub fn expandvars(path: impl PathLike) -> Vec<u8> {
    expandvars_with(path, |name| crate::os::getenv(name))
}

/// `os.path.expandvars(path)` with the variables looked up by `getenv`
/// (`None`: unset): [`expandvars`]'s rules over another environment.
///
/// ```
/// use strata_alloc::os::path::expandvars_with;
/// let env = |name: &[u8]| (name == b"HOME").then(|| b"/root".to_vec());
/// assert_eq!(expandvars_with("${HOME}/$HOME$", env), b"/root//root$");
/// ```
pub fn expandvars_with(
    path: impl PathLike,
    mut getenv: impl FnMut(&[u8]) -> Option<Vec<u8>>,
) -> Vec<u8> {
    let mut path = path.path_bytes().to_vec();
    let mut i = 0;
    while let Some((start, end, name)) = next_variable(&path, i) {
        match getenv(&path[name.0..name.1]) {
            None => i = end,
            Some(value) => {
                let tail = path.split_off(end);
                path.truncate(start);
                path.extend_from_slice(&value);
                i = path.len();
                path.extend_from_slice(&tail);
            }
        }
    }
    path
}

/// The first match of Python's `\$(\w+|\{[^}]*\})` (ASCII) at or after
/// `from`: the span of the whole match and of the name (braces dropped).
fn next_variable(path: &[u8], from: usize) -> Option<(usize, usize, (usize, usize))> {
    let word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let mut at = from;
    while let Some(k) = path.get(at..)?.iter().position(|&b| b == b'$') {
        let dollar = at + k;
        let after = dollar + 1;
        match path.get(after) {
            Some(&b) if word(b) => {
                let len = path[after..].iter().take_while(|&&b| word(b)).count();
                return Some((dollar, after + len, (after, after + len)));
            }
            Some(b'{') => {
                if let Some(close) = path[after + 1..].iter().position(|&b| b == b'}') {
                    let close = after + 1 + close;
                    return Some((dollar, close + 1, (after + 1, close)));
                }
            }
            _ => {}
        }
        at = after;
    }
    None
}
