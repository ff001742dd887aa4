//! Addresses: the IP literal parsers and formatter (`inet_aton`,
//! `inet_pton`, `inet_ntop` as glibc has them) and [`SocketAddr`].

use core::fmt;

/// An IP address without a port: what a hosts-file line or an IP literal
/// gives.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Ip {
    /// An IPv4 address, in network order.
    V4([u8; 4]),
    /// An IPv6 address, in network order.
    V6([u8; 16]),
}

impl Ip {
    /// The address with `port`, as a socket address.
    pub fn with_port(self, port: u16) -> SocketAddr {
        match self {
            Ip::V4(a) => SocketAddr::V4(a, port),
            Ip::V6(a) => SocketAddr::V6(a, port),
        }
    }
}

impl fmt::Display for Ip {
    /// `socket.inet_ntop(family, packed)`: dotted quad, or glibc's IPv6
    /// text (the longest run of two or more zero groups as `::`, the first
    /// of equal runs; `::a.b.c.d` and `::ffff:a.b.c.d` for the addresses
    /// that embed IPv4).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Ip::V4(a) => write_v4(f, a),
            Ip::V6(a) => write_v6(f, a),
        }
    }
}

fn write_v4(f: &mut impl fmt::Write, a: &[u8; 4]) -> fmt::Result {
    write!(f, "{}.{}.{}.{}", a[0], a[1], a[2], a[3])
}

fn write_v6(f: &mut impl fmt::Write, a: &[u8; 16]) -> fmt::Result {
    let words: [u16; 8] = core::array::from_fn(|i| u16::from_be_bytes([a[2 * i], a[2 * i + 1]]));
    // The longest run of zero words (the first of equal ones), if it is at
    // least two long: glibc's inet_ntop6.
    let (mut best, mut best_len, mut cur, mut cur_len) = (0, 0, 0, 0);
    for (i, &w) in words.iter().enumerate() {
        if w == 0 {
            if cur_len == 0 {
                cur = i;
            }
            cur_len += 1;
            if cur_len > best_len {
                (best, best_len) = (cur, cur_len);
            }
        } else {
            cur_len = 0;
        }
    }
    if best_len < 2 {
        best_len = 0;
    }
    let mut i = 0;
    while i < 8 {
        if best_len > 0 && i == best {
            f.write_str(if i == 0 { "::" } else { ":" })?;
            i += best_len;
            continue;
        }
        if i == 6 && best == 0 && (best_len == 6 || (best_len == 5 && words[5] == 0xffff)) {
            return write_v4(f, &[a[12], a[13], a[14], a[15]]);
        }
        write!(f, "{:x}", words[i])?;
        i += 1;
        if i < 8 {
            f.write_char(':')?;
        }
    }
    Ok(())
}

/// `inet_pton(AF_INET, text)`—strictly four decimal numbers 0 to 255
/// without leading zeros, as glibc's inet_pton and its hosts-file parser
/// read them.
///
/// # References
/// - [inet_pton(3)](https://man7.org/linux/man-pages/man3/inet_pton.3.html)
#[doc(alias = "inet_pton")]
pub fn inet_pton4(text: &[u8]) -> Option<[u8; 4]> {
    let mut out = [0u8; 4];
    let mut parts = text.split(|&b| b == b'.');
    for slot in &mut out {
        let part = parts.next()?;
        if part.is_empty() || part.len() > 3 || (part.len() > 1 && part[0] == b'0') {
            return None;
        }
        let mut n = 0u16;
        for &d in part {
            if !d.is_ascii_digit() {
                return None;
            }
            n = n * 10 + u16::from(d - b'0');
        }
        *slot = u8::try_from(n).ok()?;
    }
    parts.next().is_none().then_some(out)
}

/// `socket.inet_pton(AF_INET6, text)`—the RFC 4291 text forms: eight
/// groups of one to four hex digits, one `::` standing for one or more
/// zero groups, and a dotted quad (as [`inet_pton4`]) in place of the last
/// two groups. Zone ids (`%eth0`) and brackets are not part of it.
///
/// # References
/// - [inet_pton(3)](https://man7.org/linux/man-pages/man3/inet_pton.3.html)
/// - [RFC 4291 section 2.2](https://www.rfc-editor.org/rfc/rfc4291#section-2.2)
#[doc(alias = "inet_pton")]
pub fn inet_pton6(text: &[u8]) -> Option<[u8; 16]> {
    let mut out = [0u8; 16];
    let mut len = 0; // bytes written
    let mut gap: Option<usize> = None; // where `::` stands
    let mut rest = text;
    if let Some(after) = rest.strip_prefix(b"::") {
        gap = Some(0);
        rest = after;
    } else if rest.first() == Some(&b':') {
        return None;
    }
    while !rest.is_empty() {
        let end = rest.iter().position(|&b| b == b':').unwrap_or(rest.len());
        let group = &rest[..end];
        if group.contains(&b'.') {
            // A dotted quad ends the text and fills four bytes.
            if end != rest.len() || len + 4 > 16 {
                return None;
            }
            out[len..len + 4].copy_from_slice(&inet_pton4(group)?);
            len += 4;
            break;
        }
        if group.is_empty() || group.len() > 4 || len + 2 > 16 {
            return None;
        }
        let mut w = 0u16;
        for &d in group {
            w = w << 4 | u16::from(char::from(d).to_digit(16)? as u8);
        }
        out[len..len + 2].copy_from_slice(&w.to_be_bytes());
        len += 2;
        rest = &rest[end..];
        if let Some(after) = rest.strip_prefix(b"::") {
            if gap.is_some() {
                return None;
            }
            gap = Some(len);
            rest = after;
        } else if let Some(after) = rest.strip_prefix(b":") {
            if after.is_empty() {
                return None;
            }
            rest = after;
        }
    }
    match gap {
        Some(at) => {
            if len == 16 {
                return None;
            }
            let tail = len - at;
            out.copy_within(at..len, 16 - tail);
            out[at..16 - tail].fill(0);
        }
        None if len != 16 => return None,
        None => {}
    }
    Some(out)
}

/// The numeric IPv4 forms `getaddrinfo` accepts (glibc's
/// `__inet_aton_exact`): `a.b.c.d`, `a.b.c` (c is 16 bits), `a.b` (b is
/// 24 bits) and `a` (32 bits), each number decimal, `0x` hex or `0`
/// octal, and nothing after it. Python's own `socket.inet_aton` also
/// accepts trailing text after a space; this does not.
///
/// # References
/// - [inet_aton(3)](https://man7.org/linux/man-pages/man3/inet_aton.3.html)
pub fn inet_aton(text: &[u8]) -> Option<[u8; 4]> {
    let mut parts = [0u32; 4];
    let mut n = 0;
    for part in text.split(|&b| b == b'.') {
        if n == 4 {
            return None;
        }
        parts[n] = aton_number(part)?;
        n += 1;
    }
    let value = match n {
        1 => parts[0],
        2 if parts[0] <= 0xff && parts[1] <= 0xff_ffff => parts[0] << 24 | parts[1],
        3 if parts[0] <= 0xff && parts[1] <= 0xff && parts[2] <= 0xffff => {
            parts[0] << 24 | parts[1] << 16 | parts[2]
        }
        4 if parts.iter().all(|&p| p <= 0xff) => {
            parts[0] << 24 | parts[1] << 16 | parts[2] << 8 | parts[3]
        }
        _ => return None,
    };
    Some(value.to_be_bytes())
}

/// One number of an inet_aton address: C's `strtoul(part, 0)` on the whole
/// part, at most 32 bits.
fn aton_number(part: &[u8]) -> Option<u32> {
    let (digits, radix) = match part {
        [b'0', b'x' | b'X', hex @ ..] => (hex, 16),
        [b'0', oct @ ..] => (oct, 8),
        _ => (part, 10),
    };
    if digits.is_empty() && radix != 8 {
        return None;
    }
    digits.iter().try_fold(0u32, |n, &d| {
        let d = char::from(d).to_digit(radix)?;
        n.checked_mul(radix)?.checked_add(d)
    })
}

/// The longest `AF_UNIX` path: the size of `sun_path`.
pub const UNIX_PATH_MAX: usize = 108;

/// An `AF_UNIX` socket path held in place (core does not allocate): a
/// filesystem path, or with a leading NUL byte an abstract name, as
/// Python's `AF_UNIX` addresses are; empty for an unnamed socket.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct UnixPath {
    bytes: [u8; UNIX_PATH_MAX],
    len: u8,
}

impl UnixPath {
    /// The empty path: an unnamed socket.
    pub const EMPTY: UnixPath = UnixPath {
        bytes: [0; UNIX_PATH_MAX],
        len: 0,
    };

    /// The path `bytes`, or `None` when it is longer than
    /// [`UNIX_PATH_MAX`] bytes (Python's `OSError: AF_UNIX path too
    /// long`).
    pub fn new(bytes: &[u8]) -> Option<UnixPath> {
        let mut path = UnixPath {
            bytes: [0; UNIX_PATH_MAX],
            len: u8::try_from(bytes.len()).ok()?,
        };
        path.bytes.get_mut(..bytes.len())?.copy_from_slice(bytes);
        Some(path)
    }

    /// The path's bytes.
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes[..usize::from(self.len)]
    }
}

impl fmt::Debug for UnixPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "UnixPath({:?})", BytesRepr(self.as_bytes()))
    }
}

/// Bytes as Python's repr of the `str` it decodes them to with
/// surrogateescape.
struct BytesRepr<'a>(&'a [u8]);

impl BytesRepr<'_> {
    /// The code points of the surrogateescape decoding.
    fn code_points(&self) -> impl Iterator<Item = u32> + Clone + '_ {
        self.0.utf8_chunks().flat_map(|chunk| {
            chunk
                .valid()
                .chars()
                .map(u32::from)
                .chain(chunk.invalid().iter().map(|&b| 0xdc00 | u32::from(b)))
        })
    }
}

impl fmt::Debug for BytesRepr<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        crate::time::unicode::write_repr(f, self.code_points())
    }
}

/// A socket address: what `connect`, `bind` and `sendto` take and
/// `getsockname`, `getpeername` and `recvfrom` give.
///
/// `Display` is Python's repr of the address object a socket method
/// returns: `('127.0.0.1', 514)`, `('::1', 514, 0, 0)` (flow info and
/// scope id are always 0 here: zone ids are not supported), `'/dev/log'`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SocketAddr {
    /// `AF_UNIX`: a path (or an abstract name after a NUL byte).
    Unix(UnixPath),
    /// `AF_INET`: address (network order) and port.
    V4([u8; 4], u16),
    /// `AF_INET6`: address (network order) and port.
    V6([u8; 16], u16),
}

impl SocketAddr {
    /// An `AF_UNIX` address for `path`; `None` when it is longer than
    /// [`UNIX_PATH_MAX`].
    pub fn unix(path: &[u8]) -> Option<SocketAddr> {
        UnixPath::new(path).map(SocketAddr::Unix)
    }

    /// The address family.
    pub fn family(&self) -> super::Family {
        match self {
            SocketAddr::Unix(_) => super::Family::Unix,
            SocketAddr::V4(..) => super::Family::Inet,
            SocketAddr::V6(..) => super::Family::Inet6,
        }
    }

    /// The IP address, for the IP families.
    pub fn ip(&self) -> Option<Ip> {
        match *self {
            SocketAddr::Unix(_) => None,
            SocketAddr::V4(a, _) => Some(Ip::V4(a)),
            SocketAddr::V6(a, _) => Some(Ip::V6(a)),
        }
    }

    /// The port, for the IP families.
    pub fn port(&self) -> Option<u16> {
        match *self {
            SocketAddr::Unix(_) => None,
            SocketAddr::V4(_, p) | SocketAddr::V6(_, p) => Some(p),
        }
    }
}

impl fmt::Display for SocketAddr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SocketAddr::Unix(p) => write!(f, "{:?}", BytesRepr(p.as_bytes())),
            SocketAddr::V4(a, port) => write!(f, "('{}', {port})", Ip::V4(*a)),
            SocketAddr::V6(a, port) => write!(f, "('{}', {port}, 0, 0)", Ip::V6(*a)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex16(s: &str) -> [u8; 16] {
        core::array::from_fn(|i| u8::from_str_radix(&s[2 * i..2 * i + 2], 16).unwrap())
    }

    /// `(text, socket.inet_pton(AF_INET6, text).hex(), inet_ntop of it)`,
    /// from python3 3.11 on glibc; `None`: inet_pton raises.
    const PTON6: &[(&str, Option<(&str, &str)>)] = &[
        (
            "0:0:0:0:0:0:0:1",
            Some(("00000000000000000000000000000001", "::1")),
        ),
        (
            "0:0:0:0:0:0:1:0",
            Some(("00000000000000000000000000010000", "::0.1.0.0")),
        ),
        (
            "0:0:0:0:0:ffff:0:0",
            Some(("00000000000000000000ffff00000000", "::ffff:0.0.0.0")),
        ),
        (
            "0:0:0:0:0:ffff:1:2",
            Some(("00000000000000000000ffff00010002", "::ffff:0.1.0.2")),
        ),
        (
            "1:0:0:1:0:0:0:1",
            Some(("00010000000000010000000000000001", "1:0:0:1::1")),
        ),
        (
            "1:0:0:2:0:0:3:4",
            Some(("00010000000000020000000000030004", "1::2:0:0:3:4")),
        ),
        (
            "0:0:0:0:0:1:0:0",
            Some(("00000000000000000000000100000000", "::1:0:0")),
        ),
        (
            "0:1:0:0:0:0:0:0",
            Some(("00000001000000000000000000000000", "0:1::")),
        ),
        (
            "ffff:0:0:0:0:0:0:0",
            Some(("ffff0000000000000000000000000000", "ffff::")),
        ),
        (
            "0:0:0:0:1:ffff:1:1",
            Some(("00000000000000000001ffff00010001", "::1:ffff:1:1")),
        ),
        (
            "1:0:1:0:1:0:1:0",
            Some(("00010000000100000001000000010000", "1:0:1:0:1:0:1:0")),
        ),
        (
            "::0:1.2.3.4",
            Some(("00000000000000000000000001020304", "::1.2.3.4")),
        ),
        (
            "::ffff:0:1.2.3.4",
            Some(("0000000000000000ffff000001020304", "::ffff:0:102:304")),
        ),
        (
            "::FFFF:1.2.3.4",
            Some(("00000000000000000000ffff01020304", "::ffff:1.2.3.4")),
        ),
        (
            "0000:0000:0000:0000:0000:00:0:0001",
            Some(("00000000000000000000000000000001", "::1")),
        ),
        (
            "::1:2:3:4:5:6:7",
            Some(("00000001000200030004000500060007", "0:1:2:3:4:5:6:7")),
        ),
        (
            "1:2:3:4:5:6:7::",
            Some(("00010002000300040005000600070000", "1:2:3:4:5:6:7:0")),
        ),
        ("1::", Some(("00010000000000000000000000000000", "1::"))),
        ("::", Some(("00000000000000000000000000000000", "::"))),
        (
            "ABCD::EF",
            Some(("abcd00000000000000000000000000ef", "abcd::ef")),
        ),
        (
            "::0.0.0.1",
            Some(("00000000000000000000000000000001", "::1")),
        ),
        (
            "1:2:3:4:5:6:1.2.3.4",
            Some(("00010002000300040005000601020304", "1:2:3:4:5:6:102:304")),
        ),
        (
            "1:2:3:4:5::1.2.3.4",
            Some(("00010002000300040005000001020304", "1:2:3:4:5:0:102:304")),
        ),
        ("1:2:3:4:5:6::1.2.3.4", None),
        ("1:2:3:4:5:6:7:1.2.3.4", None),
        ("1::2:3:4:5:6:7:8", None),
        ("0::0:0:0:0:0:0:0", None),
        ("1:2:3:4:5:6:7:8:9", None),
        ("1:::2", None),
        (":1::2", None),
        ("1::2:", None),
        ("1:2:3:4:5:6:7:8:", None),
        ("::ffff:1.2.3.04", None),
        ("::ffff:1.2.3", None),
        ("::1.2.3.4:1", None),
        ("1.2.3.4::", None),
        ("abcde::", None),
        ("::1.2.3.4.5", None),
        (":", None),
        ("", None),
        ("[::1]", None),
        ("fe80::1%eth0", None),
        ("12345::", None),
    ];

    #[test]
    fn inet_pton6_and_ntop_match_python() {
        for &(text, want) in PTON6 {
            let got = inet_pton6(text.as_bytes());
            match want {
                None => assert_eq!(got, None, "{text}"),
                Some((hex, shown)) => {
                    let a = got.unwrap_or_else(|| panic!("{text} refused"));
                    assert_eq!(a, hex16(hex), "{text}");
                    assert_eq!(Ip::V6(a).to_string(), shown, "{text}");
                    assert_eq!(inet_pton6(shown.as_bytes()), Some(a), "{shown}");
                }
            }
        }
    }

    #[test]
    fn inet_aton_takes_getaddrinfo_forms() {
        // python3: socket.getaddrinfo(text, 80)[0][4][0], or gaierror.
        for (text, want) in [
            ("10.1", Some([10, 0, 0, 1])),
            ("0x0a.0.0.9", Some([10, 0, 0, 9])),
            ("010.0.0.10", Some([8, 0, 0, 10])),
            ("1", Some([0, 0, 0, 1])),
            ("4294967295", Some([255; 4])),
            ("1.2.65535", Some([1, 2, 255, 255])),
            ("1.2.3.04", Some([1, 2, 3, 4])),
            ("1.2.3.0x4", Some([1, 2, 3, 4])),
            ("0", Some([0; 4])),
            ("4294967296", None),
            ("1.2.3.4 ", None),
            (" 1.2.3.4", None),
            ("1.2.3.4.", None),
            ("1.2.3.256", None),
            ("0x", None),
            ("08.1.1.1", None),
            ("1..2.3", None),
            ("1.2.3.4x", None),
            ("1.2.3.4.5", None),
            ("", None),
        ] {
            assert_eq!(inet_aton(text.as_bytes()), want, "{text:?}");
        }
    }

    #[test]
    fn inet_pton4_is_strict() {
        assert_eq!(inet_pton4(b"10.0.0.5"), Some([10, 0, 0, 5]));
        assert_eq!(inet_pton4(b"255.255.255.255"), Some([255; 4]));
        assert_eq!(inet_pton4(b"0.0.0.0"), Some([0; 4]));
        for bad in [
            "10.1",
            "010.0.0.10",
            "0x0a.0.0.9",
            "1.2.3.256",
            "1.2.3.4.",
            "1.2.3.4 ",
            "1.2.3",
            "+1.2.3.4",
            "1.2.3.0004",
        ] {
            assert_eq!(inet_pton4(bad.as_bytes()), None, "{bad}");
        }
    }

    #[test]
    fn socket_addrs_display_as_python_reprs() {
        assert_eq!(
            SocketAddr::V4([127, 0, 0, 1], 514).to_string(),
            "('127.0.0.1', 514)"
        );
        let mut six = [0; 16];
        six[15] = 1;
        assert_eq!(SocketAddr::V6(six, 80).to_string(), "('::1', 80, 0, 0)");
        assert_eq!(
            SocketAddr::unix(b"/dev/log").unwrap().to_string(),
            "'/dev/log'"
        );
        assert_eq!(
            SocketAddr::unix(b"\0x'y\xff").unwrap().to_string(),
            "\"\\x00x'y\\udcff\""
        );
        assert!(SocketAddr::unix(&[b'a'; 108]).is_some());
        assert!(SocketAddr::unix(&[b'a'; 109]).is_none());
    }
}
