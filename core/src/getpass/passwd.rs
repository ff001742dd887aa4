//! Reading the password database (`/etc/passwd`) without allocating: a
//! line parser that skips what it cannot read, and a streaming lookup.

use crate::errno::Errno;

/// One well-formed `/etc/passwd` line: `name:password:uid:gid:gecos:dir:shell`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PasswdEntry<'a> {
    /// `pw_name`.
    pub name: &'a [u8],
    /// `pw_uid`.
    pub uid: u32,
    /// `pw_gid`.
    pub gid: u32,
    /// `pw_gecos`.
    pub gecos: &'a [u8],
    /// `pw_dir`.
    pub dir: &'a [u8],
    /// `pw_shell`.
    pub shell: &'a [u8],
}

/// Parses one line; `None` for anything malformed (too few fields, an
/// empty name, a uid or gid that is not a 32-bit number, a comment), which
/// lookups skip as glibc does.
pub fn parse_line(line: &[u8]) -> Option<PasswdEntry<'_>> {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    if line.first() == Some(&b'#') {
        return None;
    }
    let mut fields = line.split(|&b| b == b':');
    let name = fields.next().filter(|n| !n.is_empty())?;
    let _password = fields.next()?;
    let uid = number(fields.next()?)?;
    let gid = number(fields.next()?)?;
    let gecos = fields.next()?;
    let dir = fields.next()?;
    let shell = fields.next()?;
    if fields.next().is_some() {
        return None;
    }
    Some(PasswdEntry {
        name,
        uid,
        gid,
        gecos,
        dir,
        shell,
    })
}

fn number(field: &[u8]) -> Option<u32> {
    if field.is_empty() || field.len() > 10 || !field.iter().all(u8::is_ascii_digit) {
        return None;
    }
    field.iter().try_fold(0u32, |n, &d| {
        n.checked_mul(10)?.checked_add(u32::from(d - b'0'))
    })
}

/// The name of the first well-formed entry for `uid` in `path`, copied into
/// `buf`. `Ok(None)` when there is none. Lines longer than 1 KiB are
/// skipped.
pub fn name_for_uid<'b>(
    path: &core::ffi::CStr,
    uid: u32,
    buf: &'b mut [u8],
) -> Result<Option<&'b [u8]>, Errno> {
    let fd = rustix::fs::open(
        path,
        rustix::fs::OFlags::RDONLY | rustix::fs::OFlags::CLOEXEC,
        rustix::fs::Mode::empty(),
    )?;
    let mut chunk = [0u8; 1024];
    let mut line = [0u8; 1024];
    let mut len = 0;
    let mut overlong = false;
    loop {
        let n = crate::os::read(&fd, &mut chunk)?;
        let mut rest = &chunk[..n];
        while !rest.is_empty() || n == 0 {
            let (piece, done) = match rest.iter().position(|&b| b == b'\n') {
                Some(i) => (&rest[..i], true),
                None if n == 0 => (rest, true),
                None => (rest, false),
            };
            rest = rest
                .get(piece.len() + usize::from(done && !rest.is_empty())..)
                .unwrap_or_default();
            match line.get_mut(len..len + piece.len()) {
                Some(room) if !overlong => {
                    room.copy_from_slice(piece);
                    len += piece.len();
                }
                _ => overlong = true,
            }
            if done {
                if !overlong && let Some(entry) = parse_line(&line[..len]).filter(|e| e.uid == uid)
                {
                    let out = buf.get_mut(..entry.name.len()).ok_or(Errno::RANGE)?;
                    out.copy_from_slice(entry.name);
                    return Ok(Some(out));
                }
                len = 0;
                overlong = false;
            }
            if n == 0 {
                return Ok(None);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn well_formed_lines_parse() {
        let e = parse_line(b"root:x:0:0:root:/root:/bin/bash\n").unwrap();
        assert_eq!(
            (e.name, e.uid, e.gid, e.dir, e.shell),
            (&b"root"[..], 0, 0, &b"/root"[..], &b"/bin/bash"[..])
        );
        let e = parse_line(b"nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin").unwrap();
        assert_eq!(e.uid, 65534);
        assert_eq!(
            parse_line(b"a::4294967295:1:::").map(|e| e.uid),
            Some(u32::MAX)
        );
    }

    #[test]
    fn malformed_lines_are_skipped_not_fatal() {
        for bad in [
            &b""[..],
            b"# comment:x:0:0::/:/bin/sh",
            b"short:x:0",
            b":x:0:0::/:/bin/sh",
            b"neg:x:-1:0::/:/bin/sh",
            b"big:x:4294967296:0::/:/bin/sh",
            b"hex:x:0x10:0::/:/bin/sh",
            b"many:x:0:0::/:/bin/sh:extra",
            b"\xff\xfe",
        ] {
            assert_eq!(parse_line(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn lookup_streams_a_real_file_and_tolerates_junk() {
        let dir = std::env::temp_dir().join(std::format!("strata-passwd-{}", std::process::id()));
        let mut text = std::string::String::from("junk\n::::\n");
        text.push_str(&"x".repeat(3000));
        text.push_str(":x:7:7::/:/bin/sh\n");
        for i in 0..500 {
            text.push_str(&std::format!(
                "user{i}:x:{}:100::/home/u:/bin/sh\n",
                1000 + i
            ));
        }
        text.push_str("last:x:42:42::/:/bin/sh"); // no final newline
        std::fs::write(&dir, text).unwrap();
        let path = std::ffi::CString::new(dir.to_str().unwrap()).unwrap();
        let mut buf = [0u8; 64];
        assert_eq!(
            name_for_uid(&path, 1499, &mut buf).unwrap(),
            Some(&b"user499"[..])
        );
        assert_eq!(
            name_for_uid(&path, 42, &mut buf).unwrap(),
            Some(&b"last"[..])
        );
        assert_eq!(
            name_for_uid(&path, 7, &mut buf).unwrap(),
            None,
            "an over-long line is skipped"
        );
        assert_eq!(name_for_uid(&path, 5, &mut buf).unwrap(), None);
        std::fs::remove_file(&dir).unwrap();
    }
}
