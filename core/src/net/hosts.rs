//! Name resolution without libc or DNS: IP literals, `/etc/hosts` (read as
//! glibc's `files` backend reads it) and the localhost names, plus
//! `gethostname` and `getfqdn`.

use super::addr::{Ip, inet_aton, inet_pton4, inet_pton6};
use super::{Error, Family, GaiError, Result, SocketAddr};
use crate::errno::Errno;
use core::fmt;
use core::ops::ControlFlow;

/// The hosts file [`resolve`] and [`getfqdn`] read.
pub const HOSTS_PATH: &core::ffi::CStr = c"/etc/hosts";

/// The buffer the hosts file is read through: a line of this many bytes
/// or more is skipped whole (glibc reads any length).
pub const HOSTS_LINE_MAX: usize = 4096;

/// At most this many addresses come back from one lookup; further
/// matching lines are not read.
pub const MAX_ADDRS: usize = 32;

/// One well-formed line of a hosts file: an address and one or more
/// names (the canonical name, then its aliases).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HostsEntry<'a> {
    /// The line's address.
    pub addr: Ip,
    names: &'a [u8],
}

impl<'a> HostsEntry<'a> {
    /// The names on the line, canonical name first; never empty.
    pub fn names(&self) -> impl Iterator<Item = &'a [u8]> + 'a {
        self.names.split(|&b| is_space(b)).filter(|n| !n.is_empty())
    }

    /// The canonical name: the first after the address.
    pub fn canonical(&self) -> &'a [u8] {
        self.names().next().unwrap_or_default()
    }

    /// Whether `name` is one of the line's names (ASCII case-insensitive,
    /// as glibc compares them).
    pub fn has_name(&self, name: &[u8]) -> bool {
        self.names().any(|n| n.eq_ignore_ascii_case(name))
    }
}

/// C's `isspace` in the C locale, which glibc's hosts parser splits on.
fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

/// Parses one line of a hosts file as glibc's `files` backend does: text
/// after a NUL byte or a `#` is ignored, fields are separated by
/// whitespace, the first is the address (strictly [`inet_pton4`] or
/// [`inet_pton6`]: no `10.1`, no octal, no zone ids), and at least one
/// name must follow. Anything else is `None`, a line to skip.
///
/// # References
/// - [hosts(5)](https://man7.org/linux/man-pages/man5/hosts.5.html)
pub fn parse_hosts_line(line: &[u8]) -> Option<HostsEntry<'_>> {
    let end = line
        .iter()
        .position(|&b| b == b'#' || b == 0)
        .unwrap_or(line.len());
    let line = &line[..end];
    let start = line.iter().position(|&b| !is_space(b))?;
    let line = &line[start..];
    let addr_end = line.iter().position(|&b| is_space(b))?;
    let text = &line[..addr_end];
    let addr = match inet_pton4(text) {
        Some(a) => Ip::V4(a),
        None => Ip::V6(inet_pton6(text)?),
    };
    let entry = HostsEntry {
        addr,
        names: &line[addr_end..],
    };
    entry.names().next()?;
    Some(entry)
}

/// The line's address as a lookup for `family` sees it (glibc's parser
/// with `af` set): for `AF_INET`, an IPv4-mapped IPv6 address is its IPv4
/// part and `::1` is `127.0.0.1`, other IPv6 lines are skipped; for
/// `AF_INET6`, IPv4 lines are skipped.
fn addr_for(addr: Ip, family: Option<Family>) -> Option<Ip> {
    match (family, addr) {
        (Some(Family::Inet), Ip::V6(a)) => {
            if a[..10] == [0; 10] && a[10..12] == [0xff; 2] {
                Some(Ip::V4([a[12], a[13], a[14], a[15]]))
            } else if a == LOOPBACK6 {
                Some(Ip::V4(LOOPBACK4))
            } else {
                None
            }
        }
        (Some(Family::Inet6), Ip::V4(_)) | (Some(Family::Unix), _) => None,
        _ => Some(addr),
    }
}

const LOOPBACK4: [u8; 4] = [127, 0, 0, 1];
const LOOPBACK6: [u8; 16] = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1];

/// Calls `f` on each line of the stream `read` gives, through a fixed
/// buffer; a line of [`HOSTS_LINE_MAX`] bytes or more is skipped whole.
fn each_line(
    mut read: impl FnMut(&mut [u8]) -> core::result::Result<usize, Errno>,
    mut f: impl FnMut(&[u8]) -> ControlFlow<()>,
) -> core::result::Result<(), Errno> {
    let mut buf = [0u8; HOSTS_LINE_MAX];
    let mut len = 0;
    let mut skipping = false;
    loop {
        let n = read(&mut buf[len..])?;
        len += n;
        let mut start = 0;
        while let Some(i) = buf[start..len].iter().position(|&b| b == b'\n') {
            if !skipping && f(&buf[start..start + i]).is_break() {
                return Ok(());
            }
            skipping = false;
            start += i + 1;
        }
        if n == 0 {
            if !skipping && start < len {
                let _ = f(&buf[start..len]);
            }
            return Ok(());
        }
        if start == 0 && len == buf.len() {
            skipping = true;
            len = 0;
        } else {
            buf.copy_within(start..len, 0);
            len -= start;
        }
    }
}

/// Where the hosts lines come from: the file, or bytes a caller gives.
#[derive(Clone, Copy)]
enum Source<'a> {
    File(&'a core::ffi::CStr),
    Bytes(&'a [u8]),
}

impl Source<'_> {
    /// Each line of the source; a missing or unreadable file has none, as
    /// glibc treats it.
    fn lines(self, f: impl FnMut(&[u8]) -> ControlFlow<()>) {
        match self {
            Source::Bytes(mut rest) => {
                let _ = each_line(
                    |buf| {
                        let n = buf.len().min(rest.len());
                        buf[..n].copy_from_slice(&rest[..n]);
                        rest = &rest[n..];
                        Ok(n)
                    },
                    f,
                );
            }
            Source::File(path) => {
                let Ok(fd) = rustix::fs::open(
                    path,
                    rustix::fs::OFlags::RDONLY | rustix::fs::OFlags::CLOEXEC,
                    rustix::fs::Mode::empty(),
                ) else {
                    return;
                };
                let _ = each_line(|buf| crate::os::read(&fd, buf), f);
            }
        }
    }
}

/// The addresses a lookup found: an iterator of [`SocketAddr`]s, all with
/// the port asked for.
#[derive(Clone, Debug)]
pub struct Addrs {
    ips: [Ip; MAX_ADDRS],
    len: usize,
    next: usize,
    port: u16,
}

impl Addrs {
    fn new(port: u16) -> Addrs {
        Addrs {
            ips: [Ip::V4([0; 4]); MAX_ADDRS],
            len: 0,
            next: 0,
            port,
        }
    }

    /// Adds `ip`; `Break` once full.
    fn push(&mut self, ip: Ip) -> ControlFlow<()> {
        if let Some(slot) = self.ips.get_mut(self.len) {
            *slot = ip;
            self.len += 1;
        }
        if self.len == MAX_ADDRS {
            ControlFlow::Break(())
        } else {
            ControlFlow::Continue(())
        }
    }

    /// The addresses not yet iterated, without ports.
    pub fn ips(&self) -> &[Ip] {
        &self.ips[self.next..self.len]
    }
}

impl Iterator for Addrs {
    type Item = SocketAddr;

    fn next(&mut self) -> Option<SocketAddr> {
        let ip = *self.ips[..self.len].get(self.next)?;
        self.next += 1;
        Some(ip.with_port(self.port))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self.len - self.next;
        (n, Some(n))
    }
}

impl ExactSizeIterator for Addrs {}

/// The source address the kernel would use to reach `ip`, `None` when it
/// has no route: glibc's probe for RFC 3484's rules, a UDP `connect`
/// (which sends nothing) and `getsockname`.
pub(super) fn source_for(ip: Ip) -> Option<Ip> {
    let family = match ip {
        Ip::V4(_) => Family::Inet,
        Ip::V6(_) => Family::Inet6,
    };
    let mut s = super::Socket::new(family, super::Kind::Datagram).ok()?;
    s.connect(&ip.with_port(0), None).ok()?;
    s.local_addr().ok()?.ip()
}

/// `ip` as IPv6, IPv4 as `::ffff:a.b.c.d`, as glibc ranks them.
fn as_v6(ip: Ip) -> [u8; 16] {
    match ip {
        Ip::V4(a) => [
            0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, a[0], a[1], a[2], a[3],
        ],
        Ip::V6(a) => a,
    }
}

/// glibc's default RFC 3484 precedence of a destination (its table when
/// `/etc/gai.conf` sets none): `::1` 50, other IPv6 40, `2002::/16` 30,
/// `::/96` 20, IPv4 (as `::ffff:0:0/96`) 10.
fn precedence(ip: Ip) -> u8 {
    match as_v6(ip) {
        LOOPBACK6 => 50,
        a if a[..12] == [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff] => 10,
        a if a[..12] == [0; 12] => 20,
        [0x20, 0x02, ..] => 30,
        _ => 40,
    }
}

/// glibc's default RFC 3484 label of an address: `::1` 0, `2002::/16` 2,
/// `::/96` 3, IPv4 4, `fec0::/10` 5, `fc00::/7` 6, `2001::/32` 7, other
/// IPv6 1.
fn label(ip: Ip) -> u8 {
    match as_v6(ip) {
        LOOPBACK6 => 0,
        a if a[..12] == [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff] => 4,
        a if a[..12] == [0; 12] => 3,
        [0x20, 0x02, ..] => 2,
        [0xfe, b, ..] if b & 0xc0 == 0xc0 => 5,
        [a, ..] if a & 0xfe == 0xfc => 6,
        [0x20, 0x01, 0, 0, ..] => 7,
        _ => 1,
    }
}

/// The sort key of RFC 3484 rules 1, 5 and 6 for `ip`: reachable, its
/// label matching its source's, its precedence; larger first.
fn rank(ip: Ip) -> (bool, bool, u8) {
    let source = source_for(ip);
    (
        source.is_some(),
        source.is_some_and(|s| label(s) == label(ip)),
        precedence(ip),
    )
}

/// `socket.getaddrinfo(host, port, family)` for the names Strata can
/// resolve without libc, giving each address once per name (not once per
/// socket type): an IP literal (IPv4 in any form [`inet_aton`] reads,
/// IPv6 as [`inet_pton6`] reads), else the lines of `/etc/hosts` that
/// name `host` (ASCII case-insensitive; each matching line gives its
/// address, in file order), else for `localhost`, `localhost.localdomain`
/// and any `*.localhost` (with or without a final dot) the loopback
/// addresses, as systemd's nss-myhostname answers them.
///
/// `family` `None` is `AF_UNSPEC`: both families, ordered by three of
/// the RFC 3484 rules glibc applies, with its default tables: addresses
/// the kernel has no route to last (found by a UDP `connect` probe, as
/// glibc does), then those whose source address has a matching label
/// (so an IPv6 address reached only from a ULA source comes after IPv4),
/// then by precedence (`::1` before `127.0.0.1`), file order otherwise.
/// glibc's scope and longest-prefix rules are not applied.
/// `Some(Family::Inet)` reads `::1` and IPv4-mapped lines as IPv4, as
/// glibc does. DNS is not done: any other name is
/// `GaiError::NoName`. An IP literal of the other family is
/// `GaiError::AddrFamily`, `Family::Unix` is `GaiError::Family`. At most
/// [`MAX_ADDRS`] addresses come back.
///
/// # References
/// - [getaddrinfo(3)](https://man7.org/linux/man-pages/man3/getaddrinfo.3.html)
/// - [hosts(5)](https://man7.org/linux/man-pages/man5/hosts.5.html)
/// - [nss-myhostname(8)](https://man7.org/linux/man-pages/man8/nss-myhostname.8.html)
#[doc(alias = "getaddrinfo")]
pub fn resolve(host: &str, port: u16, family: Option<Family>) -> Result<Addrs> {
    lookup(Source::File(HOSTS_PATH), host, port, family)
}

/// [`resolve`] with `hosts` read in place of `/etc/hosts`.
pub fn resolve_in(hosts: &[u8], host: &str, port: u16, family: Option<Family>) -> Result<Addrs> {
    lookup(Source::Bytes(hosts), host, port, family)
}

fn lookup(source: Source<'_>, host: &str, port: u16, family: Option<Family>) -> Result<Addrs> {
    if family == Some(Family::Unix) {
        return Err(Error::Resolve(GaiError::Family));
    }
    let mut out = Addrs::new(port);
    let literal = inet_aton(host.as_bytes())
        .map(Ip::V4)
        .or_else(|| inet_pton6(host.as_bytes()).map(Ip::V6));
    if let Some(ip) = literal {
        return match (family, ip) {
            (Some(Family::Inet6), Ip::V4(_)) | (Some(Family::Inet), Ip::V6(_)) => {
                Err(Error::Resolve(GaiError::AddrFamily))
            }
            _ => {
                let _ = out.push(ip);
                Ok(out)
            }
        };
    }
    let name = host.as_bytes();
    if !name.is_empty() {
        source.lines(|line| match parse_hosts_line(line) {
            Some(e) if e.has_name(name) => match addr_for(e.addr, family) {
                Some(ip) => out.push(ip),
                None => ControlFlow::Continue(()),
            },
            _ => ControlFlow::Continue(()),
        });
    }
    if out.len == 0 && is_localhost(name) {
        if family != Some(Family::Inet) {
            let _ = out.push(Ip::V6(LOOPBACK6));
        }
        if family != Some(Family::Inet6) {
            let _ = out.push(Ip::V4(LOOPBACK4));
        }
    }
    if out.len == 0 {
        return Err(Error::Resolve(GaiError::NoName));
    }
    if family.is_none() && out.len > 1 {
        // RFC 3484 rules 1, 5 and 6 as a stable insertion sort (at most
        // MAX_ADDRS entries).
        let mut keys = [(false, false, 0u8); MAX_ADDRS];
        for (key, ip) in keys.iter_mut().zip(&out.ips[..out.len]) {
            *key = rank(*ip);
        }
        for i in 1..out.len {
            let mut j = i;
            while j > 0 && keys[j - 1] < keys[j] {
                keys.swap(j - 1, j);
                out.ips.swap(j - 1, j);
                j -= 1;
            }
        }
    }
    Ok(out)
}

/// systemd's `is_localhost`: the names RFC 6761 keeps for loopback, and
/// `localhost.localdomain`.
fn is_localhost(name: &[u8]) -> bool {
    let name = name.strip_suffix(b".").unwrap_or(name);
    let ends = |suffix: &[u8]| {
        name.len() >= suffix.len() && name[name.len() - suffix.len()..].eq_ignore_ascii_case(suffix)
    };
    name.eq_ignore_ascii_case(b"localhost")
        || name.eq_ignore_ascii_case(b"localhost.localdomain")
        || ends(b".localhost")
        || ends(b".localhost.localdomain")
}

/// The longest [`HostName`].
pub const HOST_NAME_CAPACITY: usize = 255;

/// A host name held in place: what [`gethostname`] and [`getfqdn`]
/// give. `Display` shows it as UTF-8 (invalid bytes as U+FFFD).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct HostName {
    bytes: [u8; HOST_NAME_CAPACITY],
    len: u8,
}

impl HostName {
    /// `name` as a `HostName`; `None` when longer than
    /// [`HOST_NAME_CAPACITY`].
    pub fn new(name: &[u8]) -> Option<HostName> {
        let mut out = HostName {
            bytes: [0; HOST_NAME_CAPACITY],
            len: u8::try_from(name.len()).ok()?,
        };
        out.bytes.get_mut(..name.len())?.copy_from_slice(name);
        Some(out)
    }

    /// The name's bytes.
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes[..usize::from(self.len)]
    }

    /// The name as text, if it is UTF-8.
    pub fn to_str(&self) -> Option<&str> {
        core::str::from_utf8(self.as_bytes()).ok()
    }
}

impl fmt::Display for HostName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for chunk in self.as_bytes().utf8_chunks() {
            f.write_str(chunk.valid())?;
            if !chunk.invalid().is_empty() {
                f.write_str("\u{fffd}")?;
            }
        }
        Ok(())
    }
}

impl fmt::Debug for HostName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "HostName(\"{self}\")")
    }
}

/// `socket.gethostname()`—the kernel's node name (`uname -n`).
///
/// # References
/// - [gethostname(2)](https://man7.org/linux/man-pages/man2/gethostname.2.html)
/// - [uname(2)](https://man7.org/linux/man-pages/man2/uname.2.html)
pub fn gethostname() -> Result<HostName> {
    let uts = rustix::system::uname();
    HostName::new(uts.nodename().to_bytes()).ok_or(Error::Os(Errno::NAMETOOLONG))
}

/// `socket.getfqdn(name)`—a fully qualified name for `name`, as Python
/// finds it: `name` stripped of surrounding whitespace (the local host's
/// name when that leaves it empty or `0.0.0.0` or `::`), resolved as
/// [`resolve`] does, and the first line of `/etc/hosts` with its first
/// address read back: the first of its names that contains a dot, else
/// its canonical name. When the name does not resolve or no line has the
/// address, the name itself. DNS is not asked. `ENAMETOOLONG` when the
/// result does not fit a [`HostName`].
///
/// # References
/// - [gethostbyaddr(3)](https://man7.org/linux/man-pages/man3/gethostbyaddr.3.html)
pub fn getfqdn(name: &str) -> Result<HostName> {
    fqdn(Source::File(HOSTS_PATH), name)
}

/// [`getfqdn`] with `hosts` read in place of `/etc/hosts`.
pub fn getfqdn_in(hosts: &[u8], name: &str) -> Result<HostName> {
    fqdn(Source::Bytes(hosts), name)
}

fn fqdn(source: Source<'_>, name: &str) -> Result<HostName> {
    let name = name.trim();
    let own;
    let name = if name.is_empty() || name == "0.0.0.0" || name == "::" {
        own = gethostname()?;
        own.as_bytes()
    } else {
        name.as_bytes()
    };
    let too_long = Error::Os(Errno::NAMETOOLONG);
    let first = core::str::from_utf8(name)
        .ok()
        .and_then(|text| lookup(source, text, 0, None).ok())
        .and_then(|mut addrs| addrs.next())
        .and_then(|a| a.ip());
    let Some(ip) = first else {
        return HostName::new(name).ok_or(too_long);
    };
    let family = match ip {
        Ip::V4(_) => Family::Inet,
        Ip::V6(_) => Family::Inet6,
    };
    let mut found: Option<HostName> = None;
    let mut overlong = false;
    source.lines(|line| match parse_hosts_line(line) {
        Some(e) if addr_for(e.addr, Some(family)) == Some(ip) => {
            let pick = e
                .names()
                .find(|n| n.contains(&b'.'))
                .unwrap_or(e.canonical());
            found = HostName::new(pick);
            overlong = found.is_none();
            ControlFlow::Break(())
        }
        _ => ControlFlow::Continue(()),
    });
    match found {
        Some(n) => Ok(n),
        None if overlong => Err(too_long),
        None => HostName::new(name).ok_or(too_long),
    }
}
