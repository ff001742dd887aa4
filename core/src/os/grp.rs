//! Group membership from the group database: `os.getgrouplist` and
//! `os.initgroups`, and the `/etc/group` line parser under them.
//!
//! glibc asks NSS, which on a system without other sources reads
//! `/etc/group`; Strata reads that file only (no LDAP, no `systemd`
//! users). The file is read whole into a temporary anonymous mapping, so
//! lines of any length (a big group's member list) parse.
//!
//! # References
//! - [group(5)](https://man7.org/linux/man-pages/man5/group.5.html)
//! - [getgrouplist(3)](https://man7.org/linux/man-pages/man3/getgrouplist.3.html)

use crate::errno::Errno;
use core::ptr::NonNull;
use rustix::fs::OFlags;

/// Where the group database is.
const GROUP_FILE: &[u8] = b"/etc/group";

/// One `/etc/group` line: `name:password:gid:user1,user2`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GroupEntry<'a> {
    /// `gr_name`.
    pub name: &'a [u8],
    /// `gr_passwd`.
    pub password: &'a [u8],
    /// `gr_gid`.
    pub gid: u32,
    /// `gr_mem`, comma-separated: iterate with [`GroupEntry::members`].
    pub member_list: &'a [u8],
}

impl<'a> GroupEntry<'a> {
    /// The member names, each without its leading white space; empty
    /// ones (as in `a,,b`) are skipped. As glibc's.
    pub fn members(&self) -> impl Iterator<Item = &'a [u8]> + use<'a> {
        self.member_list
            .split(|&b| b == b',')
            .map(trim_c_space)
            .filter(|m| !m.is_empty())
    }
}

/// Parses one `/etc/group` line as glibc 2.36's files backend does for
/// `getgrouplist`; `None` for what it rejects: fewer than three fields or
/// a gid that is not a 32-bit decimal number (leading white space and a
/// `+` allowed, nothing after the digits). Everything after the third
/// `:` is the member list, colons included; a line without one has no
/// members. Like glibc's, it takes empty names and `#` lines as entries
/// and keeps a `\r`. A trailing `\n` is ignored.
pub fn parse_group_line(line: &[u8]) -> Option<GroupEntry<'_>> {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    let mut fields = line.splitn(4, |&b| b == b':');
    let name = fields.next()?;
    let password = fields.next()?;
    let gid = number(fields.next()?)?;
    let member_list = fields.next().unwrap_or_default();
    Some(GroupEntry {
        name,
        password,
        gid,
        member_list,
    })
}

/// `s` without its leading white space as C's `isspace` sees it (Rust's
/// `trim_ascii_start` keeps `\v`).
fn trim_c_space(s: &[u8]) -> &[u8] {
    let start = s
        .iter()
        .position(|&b| !matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r'))
        .unwrap_or(s.len());
    &s[start..]
}

/// glibc's gid field: `strtoul` base 10, which must end at the field's
/// end and fit 32 bits.
fn number(field: &[u8]) -> Option<u32> {
    let field = trim_c_space(field);
    let field = field.strip_prefix(b"+").unwrap_or(field);
    if field.is_empty() || !field.iter().all(u8::is_ascii_digit) {
        return None;
    }
    field.iter().try_fold(0u32, |n, &d| {
        n.checked_mul(10)?.checked_add(u32::from(d - b'0'))
    })
}

/// The groups `user` belongs to by `text` (a group file's contents):
/// `group` first, then the gid of every entry listing `user`, in file
/// order, each once. Calls `f` with each gid.
pub(crate) fn grouplist_in(text: &[u8], user: &[u8], group: u32, mut f: impl FnMut(u32)) {
    f(group);
    for line in text.split(|&b| b == b'\n') {
        let Some(entry) = parse_group_line(line) else {
            continue;
        };
        // glibc skips entries for `group` itself and keeps any other
        // gid as often as it is listed.
        if entry.gid != group && entry.members().any(|m| m == user) {
            f(entry.gid);
        }
    }
}

/// A file's contents in a temporary anonymous mapping.
struct Contents {
    map: NonNull<u8>,
    map_len: usize,
    len: usize,
}

impl Contents {
    fn read(path: &[u8]) -> Result<Contents, Errno> {
        let fd = super::open(path, OFlags::RDONLY, 0)?;
        let size = usize::try_from(super::fstat(&fd)?.st_size).map_err(|_| Errno::FBIG)?;
        // One byte more than the size, to see the end of a file that grew.
        let map_len = size.checked_add(1).ok_or(Errno::FBIG)?;
        let map = super::mmap_anonymous(map_len)?;
        let mut contents = Contents {
            map,
            map_len,
            len: 0,
        };
        loop {
            // SAFETY: the mapping is `map_len` bytes, ours, and `len`
            // stays below `map_len`.
            let room = unsafe {
                core::slice::from_raw_parts_mut(
                    map.as_ptr().add(contents.len),
                    map_len - contents.len,
                )
            };
            match super::read(&fd, room)? {
                0 => return Ok(contents),
                n => contents.len += n,
            }
            if contents.len == map_len {
                // It grew while read: the part read is what we use.
                return Ok(contents);
            }
        }
    }

    fn bytes(&self) -> &[u8] {
        // SAFETY: the first `len` bytes of the mapping were written by read.
        unsafe { core::slice::from_raw_parts(self.map.as_ptr(), self.len) }
    }
}

impl Drop for Contents {
    fn drop(&mut self) {
        // SAFETY: the mapping was made in `read` and nothing borrows it
        // past `self`.
        let _ = unsafe { super::munmap(self.map.as_ptr(), self.map_len) };
    }
}

/// `os.getgrouplist(user, group)`—the groups `user` is in according to
/// `/etc/group`, with `group` (normally the user's group from the password
/// database) first, written into `buf`; `ERANGE` if `buf` is too small
/// (the alloc layer returns an owned list).
///
/// # References
/// - [getgrouplist(3)](https://man7.org/linux/man-pages/man3/getgrouplist.3.html)
pub fn getgrouplist(user: impl AsRef<[u8]>, group: u32, buf: &mut [u32]) -> Result<&[u32], Errno> {
    grouplist_from(GROUP_FILE, user.as_ref(), group, buf)
}

pub(crate) fn grouplist_from<'b>(
    file: &[u8],
    user: &[u8],
    group: u32,
    buf: &'b mut [u32],
) -> Result<&'b [u32], Errno> {
    if user.contains(&0) {
        return Err(Errno::INVAL);
    }
    // No group file: just `group`, as glibc answers.
    let contents = match Contents::read(file) {
        Ok(c) => Some(c),
        Err(Errno::NOENT) => None,
        Err(e) => return Err(e),
    };
    let text = contents.as_ref().map_or(&[][..], Contents::bytes);
    let mut len = 0;
    grouplist_in(text, user, group, |gid| {
        if let Some(slot) = buf.get_mut(len) {
            *slot = gid;
        }
        len += 1;
    });
    if len > buf.len() {
        return Err(Errno::RANGE);
    }
    Ok(&buf[..len])
}

/// `os.initgroups(username, gid)`—sets this process's supplementary
/// groups to `username`'s by [`getgrouplist`] (`gid` included) with
/// [`setgroups`](super::setgroups); needs `CAP_SETGID`.
///
/// # References
/// - [initgroups(3)](https://man7.org/linux/man-pages/man3/initgroups.3.html)
pub fn initgroups(username: impl AsRef<[u8]>, gid: u32) -> Result<(), Errno> {
    let user = username.as_ref();
    let mut small = [0u32; 256];
    match getgrouplist(user, gid, &mut small) {
        Ok(groups) => return super::setgroups(groups),
        Err(Errno::RANGE) => {}
        Err(e) => return Err(e),
    }
    let len = (super::NGROUPS_MAX + 1) * size_of::<u32>();
    let map = super::mmap_anonymous(len)?;
    // SAFETY: the mapping is fresh, `len` bytes, aligned for u32, ours.
    let all = unsafe {
        core::slice::from_raw_parts_mut(map.as_ptr().cast::<u32>(), super::NGROUPS_MAX + 1)
    };
    let result = getgrouplist(user, gid, all).and_then(super::setgroups);
    // SAFETY: the mapping was made above and `all` is not used again.
    let _ = unsafe { super::munmap(map.as_ptr(), len) };
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_parse_as_glibcs() {
        let e = parse_group_line(b"wheel:x:10:root, alice\n").unwrap();
        assert_eq!((e.name, e.password, e.gid), (&b"wheel"[..], &b"x"[..], 10));
        assert!(e.members().eq([&b"root"[..], b"alice"]));
        let e = parse_group_line(b"nobody::65534:").unwrap();
        assert_eq!(e.members().count(), 0);
        assert_eq!(parse_group_line(b"d:x:23").unwrap().members().count(), 0);
        assert!(
            parse_group_line(b"g:x:1:a,,b\r")
                .unwrap()
                .members()
                .eq([&b"a"[..], b"b\r"])
        );
        assert!(
            parse_group_line(b"c:x:22:a:b")
                .unwrap()
                .members()
                .eq([&b"a:b"[..]])
        );
        assert_eq!(parse_group_line(b":x: +24:u").unwrap().gid, 24);
        assert_eq!(parse_group_line(b"#c:x:11:u").unwrap().name, b"#c");
        assert_eq!(parse_group_line(b"m:x:4294967295:u").unwrap().gid, u32::MAX);
    }

    #[test]
    fn what_glibc_rejects_is_rejected() {
        for line in [
            &b""[..],
            b"   ",
            b"wheel:x",
            b"wheel:x::root",
            b"wheel:x:21x:root",
            b"wheel:x:-26:root",
            b"wheel:x:32 :root",
            b"wheel:x:0x20:root",
            b"wheel:x:4294967296:root",
        ] {
            assert_eq!(parse_group_line(line), None, "{line:?}");
        }
    }

    fn list(text: &[u8], user: &[u8], group: u32) -> Vec<u32> {
        let mut v = Vec::new();
        grouplist_in(text, user, group, |g| v.push(g));
        v
    }

    #[test]
    fn grouplist_is_the_group_then_memberships_in_file_order() {
        // What glibc 2.36 answered for this file (bound over /etc/group).
        let text = b"root:x:0:\nwheel:x:10:root,alice\nbad line\nusers:x:100:alice\n\
            alice:x:1000:alice\nother:x:7:bob\nwheel2:x:10:alice\n#c:x:11:alice\n  d:x:12:alice\n\
            d2 :x:13:alice\nd3:x:14: alice\ne:x:015:alice\nf:x:16:alice\r\ng:x:+17:alice\nh::18:alice,\n";
        let all = [10, 100, 10, 11, 12, 13, 14, 15, 17, 18];
        assert_eq!(list(text, b"alice", 1000), [&[1000][..], &all].concat());
        assert_eq!(
            list(text, b"alice", 1),
            [1, 10, 100, 1000, 10, 11, 12, 13, 14, 15, 17, 18]
        );
        assert_eq!(
            list(text, b"alice", 10),
            [10, 100, 1000, 11, 12, 13, 14, 15, 17, 18]
        );
        assert_eq!(list(text, b"bob", 5), [5, 7]);
        assert_eq!(list(text, b"nobody", 3), [3]);
    }

    #[test]
    fn a_real_file_is_read_and_the_buffer_checked() {
        let dir = std::env::temp_dir().join(format!("strata-grp-{}", std::process::id()));
        std::fs::write(&dir, "a:x:1:u\nb:x:2:v,u\n").unwrap();
        let path = dir.as_os_str().as_encoded_bytes();
        let mut buf = [0u32; 3];
        assert_eq!(grouplist_from(path, b"u", 9, &mut buf), Ok(&[9, 1, 2][..]));
        assert_eq!(
            grouplist_from(path, b"u", 9, &mut buf[..2]),
            Err(Errno::RANGE)
        );
        assert_eq!(
            grouplist_from(b"/nonexistent", b"u", 9, &mut buf),
            Ok(&[9][..])
        );
        assert_eq!(grouplist_from(path, b"u\0", 9, &mut buf), Err(Errno::INVAL));
        std::fs::remove_file(&dir).unwrap();
    }
}
