//! Sockets on loopback between two sockets of the module, timeouts, and
//! the hosts-file lookups against what glibc answers for the same text.

use super::*;
use crate::errno;
use std::time::Instant;

const LOCAL4: SocketAddr = SocketAddr::V4([127, 0, 0, 1], 0);

fn listener(family: Family, addr: &SocketAddr) -> Socket {
    let sock = Socket::new(family, Kind::Stream).unwrap();
    sock.set_reuse_addr(true).unwrap();
    sock.bind(addr).unwrap();
    sock.listen(8).unwrap();
    sock
}

/// A unix socket path of this test process, removed first.
fn unix_path(tag: &str) -> SocketAddr {
    let path = std::env::temp_dir().join(format!("strata-net-{}-{tag}", std::process::id()));
    let _ = std::fs::remove_file(&path);
    SocketAddr::unix(path.as_os_str().as_encoded_bytes()).unwrap()
}

/// Accepts one connection, echoes what it reads, back to end of stream.
fn echo_server(sock: Socket) -> std::thread::JoinHandle<SocketAddr> {
    std::thread::spawn(move || {
        let (conn, peer) = sock.accept().unwrap();
        let mut buf = [0u8; 4096];
        loop {
            let n = conn.recv(&mut buf).unwrap();
            if n == 0 {
                return peer;
            }
            conn.send_all(&buf[..n]).unwrap();
        }
    })
}

fn stream_round_trip(family: Family, server_addr: &SocketAddr) -> (SocketAddr, SocketAddr) {
    let server = listener(family, server_addr);
    let target = server.local_addr().unwrap();
    let server = echo_server(server);
    let mut client = Socket::new(family, Kind::Stream).unwrap();
    client.connect(&target, Some(5.0)).unwrap();
    assert_eq!(client.timeout(), None, "connect's timeout is its own");
    assert_eq!(client.peer_addr().unwrap(), target);
    let message: Vec<u8> = (0..100_000u32).map(|i| (i % 251) as u8).collect();
    let writer = {
        let fd = rustix::io::dup(&client).unwrap();
        let message = message.clone();
        std::thread::spawn(move || {
            let sock = Socket::from_fd(fd, Kind::Stream).unwrap();
            sock.send_all(&message).unwrap();
            sock.shutdown(Shutdown::Write).unwrap();
        })
    };
    let mut got = Vec::new();
    let mut buf = [0u8; 8192];
    loop {
        let n = client.recv(&mut buf).unwrap();
        if n == 0 {
            break;
        }
        got.extend_from_slice(&buf[..n]);
    }
    writer.join().unwrap();
    assert_eq!(got, message);
    (client.local_addr().unwrap(), server.join().unwrap())
}

#[test]
fn tcp_round_trip_on_loopback() {
    let (local, seen_by_server) = stream_round_trip(Family::Inet, &LOCAL4);
    assert_eq!(local, seen_by_server);
    assert!(local.to_string().starts_with("('127.0.0.1', "));
}

#[test]
fn tcp6_round_trip_on_loopback() {
    let (local, seen_by_server) = stream_round_trip(
        Family::Inet6,
        &Ip::V6(inet_pton6(b"::1").unwrap()).with_port(0),
    );
    assert_eq!(local, seen_by_server);
    assert!(local.to_string().starts_with("('::1', "));
}

#[test]
fn unix_stream_round_trip() {
    let path = unix_path("stream");
    let (local, seen_by_server) = stream_round_trip(Family::Unix, &path);
    // The client is unbound: both ends see the empty name, Python's ''.
    assert_eq!(local, SocketAddr::Unix(UnixPath::EMPTY));
    assert_eq!(seen_by_server.to_string(), "''");
    let SocketAddr::Unix(p) = path else {
        unreachable!()
    };
    let _ = std::fs::remove_file(
        <std::ffi::OsStr as std::os::unix::ffi::OsStrExt>::from_bytes(p.as_bytes()),
    );
}

#[test]
fn udp_round_trip_names_the_sender() {
    let a = Socket::new(Family::Inet, Kind::Datagram).unwrap();
    let b = Socket::new(Family::Inet, Kind::Datagram).unwrap();
    a.bind(&LOCAL4).unwrap();
    b.bind(&LOCAL4).unwrap();
    let (a_addr, b_addr) = (a.local_addr().unwrap(), b.local_addr().unwrap());
    assert_eq!(a.send_to(b"<14>hello", &b_addr).unwrap(), 9);
    let mut buf = [0u8; 64];
    assert_eq!(b.recv_from(&mut buf).unwrap(), (9, Some(a_addr)));
    assert_eq!(&buf[..9], b"<14>hello");
    // A connected datagram socket: send and recv.
    let mut c = Socket::new(Family::Inet, Kind::Datagram).unwrap();
    c.connect(&b_addr, None).unwrap();
    c.send(b"again").unwrap();
    assert_eq!(b.recv(&mut buf).unwrap(), 5);
    assert_eq!(&buf[..5], b"again");
}

#[test]
fn unix_datagram_round_trip() {
    let path = unix_path("dgram");
    let server = Socket::new(Family::Unix, Kind::Datagram).unwrap();
    server.bind(&path).unwrap();
    assert_eq!(server.local_addr().unwrap(), path);
    let client = Socket::new(Family::Unix, Kind::Datagram).unwrap();
    client.send_to(b"<13>syslog line", &path).unwrap();
    let mut buf = [0u8; 64];
    let (n, from) = server.recv_from(&mut buf).unwrap();
    assert_eq!(&buf[..n], b"<13>syslog line");
    // An unbound sender has no name.
    assert!(
        matches!(from, None | Some(SocketAddr::Unix(UnixPath::EMPTY))),
        "{from:?}"
    );
    // An abstract name: a leading NUL.
    let name = format!("\0strata-net-{}", std::process::id());
    let abs = SocketAddr::unix(name.as_bytes()).unwrap();
    let server2 = Socket::new(Family::Unix, Kind::Datagram).unwrap();
    server2.bind(&abs).unwrap();
    assert_eq!(server2.local_addr().unwrap(), abs);
    client.send_to(b"x", &abs).unwrap();
    assert_eq!(server2.recv(&mut buf).unwrap(), 1);
    let SocketAddr::Unix(p) = path else {
        unreachable!()
    };
    let _ = std::fs::remove_file(
        <std::ffi::OsStr as std::os::unix::ffi::OsStrExt>::from_bytes(p.as_bytes()),
    );
}

/// A port nothing listens on: one that was bound and then closed.
fn closed_port() -> SocketAddr {
    let sock = Socket::new(Family::Inet, Kind::Stream).unwrap();
    sock.bind(&LOCAL4).unwrap();
    sock.local_addr().unwrap()
}

#[test]
fn connect_to_a_closed_port_is_refused() {
    let addr = closed_port();
    let mut sock = Socket::new(Family::Inet, Kind::Stream).unwrap();
    let err = sock.connect(&addr, None).unwrap_err();
    assert_eq!(err, Error::Os(errno::ECONNREFUSED));
    assert_eq!(err.to_string(), "[Errno 111] Connection refused");
    let mut sock = Socket::new(Family::Inet, Kind::Stream).unwrap();
    assert_eq!(
        sock.connect(&addr, Some(2.0)),
        Err(Error::Os(errno::ECONNREFUSED))
    );
    let mut sock = Socket::new(Family::Inet, Kind::Stream).unwrap();
    sock.set_timeout(Some(2.0)).unwrap();
    assert_eq!(
        sock.connect(&addr, None),
        Err(Error::Os(errno::ECONNREFUSED))
    );
}

#[test]
fn send_all_times_out_for_the_whole_call() {
    let server = listener(Family::Inet, &LOCAL4);
    let target = server.local_addr().unwrap();
    let mut client = Socket::new(Family::Inet, Kind::Stream).unwrap();
    client.connect(&target, Some(5.0)).unwrap();
    // Accepted and never read: the buffers fill and stay full.
    let (_peer, _) = server.accept().unwrap();
    client.set_timeout(Some(0.3)).unwrap();
    let big = vec![b'x'; 64 << 20];
    let start = Instant::now();
    let err = client.send_all(&big).unwrap_err();
    let took = start.elapsed().as_secs_f64();
    assert_eq!(err, Error::Timeout);
    assert_eq!(err.to_string(), "timed out");
    assert!((0.29..3.0).contains(&took), "{took}");
}

#[test]
fn recv_times_out() {
    let server = listener(Family::Inet, &LOCAL4);
    let target = server.local_addr().unwrap();
    let mut client = Socket::new(Family::Inet, Kind::Stream).unwrap();
    client.connect(&target, None).unwrap();
    let (peer, _) = server.accept().unwrap();
    client.set_timeout(Some(0.2)).unwrap();
    let mut buf = [0u8; 16];
    let start = Instant::now();
    assert_eq!(client.recv(&mut buf), Err(Error::Timeout));
    let took = start.elapsed().as_secs_f64();
    assert!((0.19..3.0).contains(&took), "{took}");
    // Data that arrives in time is read; then blocking again.
    peer.send_all(b"late").unwrap();
    assert_eq!(client.recv(&mut buf).unwrap(), 4);
    client.set_timeout(Some(0.0)).unwrap();
    assert_eq!(client.recv(&mut buf), Err(Error::Os(errno::EAGAIN)));
    client.set_timeout(None).unwrap();
    peer.send_all(b"!").unwrap();
    assert_eq!(client.recv(&mut buf).unwrap(), 1);
}

#[test]
fn bad_timeouts_are_refused() {
    let mut sock = Socket::new(Family::Inet, Kind::Stream).unwrap();
    assert_eq!(sock.set_timeout(Some(-1.0)), Err(Error::Os(errno::EINVAL)));
    assert_eq!(
        sock.set_timeout(Some(f64::NAN)),
        Err(Error::Os(errno::EINVAL))
    );
    assert_eq!(sock.timeout(), None);
    assert_eq!(sock.peer_addr(), Err(Error::Os(errno::ENOTCONN)));
}

/// The hosts text the lookups below read; the expected answers are
/// python3 3.11's `socket.getaddrinfo(name, 80, family, SOCK_STREAM)` and
/// `socket.getfqdn(name)` on this machine's glibc 2.36 with this text
/// bound over `/etc/hosts` (`unshare -m`, `mount --bind`).
const HOSTS: &[u8] =
    b"# test hosts\n127.0.0.1\tlocalhost\n::1     localhost ip6-localhost ip6-loopback\n\
10.0.0.5   alpha.example.com alpha   # trailing comment\n10.0.0.6   Beta   alpha\n\
fe80::1%eth0 linklocal\n   10.0.0.7\tindented\r\n10.0.0.8\n10.1 short\n0x0a.0.0.9 hexy\n\
010.0.0.10 octy\n2001:db8::1 six six.example.org\n::ffff:10.0.0.11 mapped\n\
10.0.0.12 multi#comment\n#10.0.0.13 commented\n10.0.0.14 nul\0after\n10.0.0.15\x0bvtab\n\
2001:db8::2 both\n10.0.0.16 both\n10.0.0.17 last";

fn lookup(name: &str, family: Option<Family>) -> core::result::Result<Vec<String>, i32> {
    match resolve_in(HOSTS, name, 80, family) {
        Ok(addrs) => Ok(addrs
            .map(|a| {
                assert_eq!(a.port(), Some(80));
                a.ip().unwrap().to_string()
            })
            .collect()),
        Err(Error::Resolve(g)) => Err(g.code()),
        Err(e) => panic!("{e}"),
    }
}

#[test]
fn hosts_lookups_match_glibc() {
    type Want = core::result::Result<&'static [&'static str], i32>;
    let cases: &[(&str, [Want; 3])] = &[
        (
            "alpha",
            [
                Ok(&["10.0.0.5", "10.0.0.6"]),
                Ok(&["10.0.0.5", "10.0.0.6"]),
                Err(-2),
            ],
        ),
        (
            "ALPHA",
            [
                Ok(&["10.0.0.5", "10.0.0.6"]),
                Ok(&["10.0.0.5", "10.0.0.6"]),
                Err(-2),
            ],
        ),
        ("beta", [Ok(&["10.0.0.6"]), Ok(&["10.0.0.6"]), Err(-2)]),
        ("indented", [Ok(&["10.0.0.7"]), Ok(&["10.0.0.7"]), Err(-2)]),
        ("short", [Err(-2), Err(-2), Err(-2)]),
        ("hexy", [Err(-2), Err(-2), Err(-2)]),
        ("octy", [Err(-2), Err(-2), Err(-2)]),
        ("six", [Ok(&["2001:db8::1"]), Err(-2), Ok(&["2001:db8::1"])]),
        (
            "mapped",
            [
                Ok(&["::ffff:10.0.0.11"]),
                Ok(&["10.0.0.11"]),
                Ok(&["::ffff:10.0.0.11"]),
            ],
        ),
        ("multi", [Ok(&["10.0.0.12"]), Ok(&["10.0.0.12"]), Err(-2)]),
        (
            "localhost",
            [
                Ok(&["::1", "127.0.0.1"]),
                Ok(&["127.0.0.1", "127.0.0.1"]),
                Ok(&["::1"]),
            ],
        ),
        ("linklocal", [Err(-2), Err(-2), Err(-2)]),
        (
            "alpha.example.com",
            [Ok(&["10.0.0.5"]), Ok(&["10.0.0.5"]), Err(-2)],
        ),
        ("commented", [Err(-2), Err(-2), Err(-2)]),
        ("nul", [Ok(&["10.0.0.14"]), Ok(&["10.0.0.14"]), Err(-2)]),
        ("after", [Err(-2), Err(-2), Err(-2)]),
        ("vtab", [Ok(&["10.0.0.15"]), Ok(&["10.0.0.15"]), Err(-2)]),
        ("last", [Ok(&["10.0.0.17"]), Ok(&["10.0.0.17"]), Err(-2)]),
        (
            "ip6-loopback",
            [Ok(&["::1"]), Ok(&["127.0.0.1"]), Ok(&["::1"])],
        ),
        ("10.0.0.8", [Ok(&["10.0.0.8"]), Ok(&["10.0.0.8"]), Err(-9)]),
        ("10.1", [Ok(&["10.0.0.1"]), Ok(&["10.0.0.1"]), Err(-9)]),
        ("::1", [Ok(&["::1"]), Err(-9), Ok(&["::1"])]),
        ("", [Err(-2), Err(-2), Err(-2)]),
    ];
    for (name, wants) in cases {
        for (family, want) in [None, Some(Family::Inet), Some(Family::Inet6)]
            .into_iter()
            .zip(wants)
        {
            let want = want.map(|w| w.iter().map(|s| s.to_string()).collect::<Vec<_>>());
            assert_eq!(lookup(name, family), want, "{name} {family:?}");
        }
    }
    assert_eq!(lookup("alpha", Some(Family::Unix)), Err(-6));
}

#[test]
fn unspec_order_follows_the_routes() {
    // glibc here gives ['10.0.0.16', '2001:db8::2']: this machine reaches
    // 2001:db8::2 only from its ULA address fd00::2, whose label differs
    // (rule 5). Where the IPv6 source is global, IPv6 comes first (rule
    // 6); the test checks the rule with the routes this machine has.
    let got = lookup("both", None).unwrap();
    assert_eq!(got.len(), 2);
    let v6_first = got[0] == "2001:db8::2";
    let source = super::hosts::source_for(Ip::V6(inet_pton6(b"2001:db8::2").unwrap()));
    let matching = matches!(source, Some(Ip::V6(s)) if s[0] & 0xfe != 0xfc);
    assert_eq!(v6_first, matching, "{got:?} {source:?}");
}

#[test]
fn localhost_names_resolve_without_hosts_lines() {
    for name in [
        "localhost",
        "LocalHost.",
        "localhost.localdomain",
        "foo.localhost",
        "a.b.LOCALHOST.",
    ] {
        assert_eq!(
            resolve_in(b"", name, 1, Some(Family::Inet))
                .unwrap()
                .collect::<Vec<_>>(),
            [SocketAddr::V4([127, 0, 0, 1], 1)],
            "{name}"
        );
        assert_eq!(
            resolve_in(b"", name, 1, Some(Family::Inet6))
                .unwrap()
                .count(),
            1
        );
        assert_eq!(resolve_in(b"", name, 1, None).unwrap().count(), 2);
    }
    for name in ["notlocalhost", "localhost.com", "xlocalhost"] {
        assert_eq!(
            resolve_in(b"", name, 1, None).unwrap_err(),
            Error::Resolve(GaiError::NoName),
            "{name}"
        );
    }
    // A hosts line wins over the fallback.
    let addrs = resolve_in(b"10.9.9.9 foo.localhost\n", "foo.localhost", 1, None).unwrap();
    assert_eq!(addrs.ips(), [Ip::V4([10, 9, 9, 9])]);
}

#[test]
fn overlong_lines_are_skipped_whole() {
    let mut text = Vec::new();
    text.extend_from_slice(b"10.0.0.1 before\n10.0.0.2 ");
    text.extend(std::iter::repeat_n(b'x', HOSTS_LINE_MAX));
    // What follows the cut must not be read as a line of its own.
    text.extend_from_slice(b" 10.0.0.3 hidden\n10.0.0.4 after\n");
    assert_eq!(lookup_in(&text, "before"), Some(Ip::V4([10, 0, 0, 1])));
    assert_eq!(lookup_in(&text, "hidden"), None);
    assert_eq!(lookup_in(&text, "after"), Some(Ip::V4([10, 0, 0, 4])));
    // Just under the limit is read.
    let mut text = b"10.0.0.5 near ".to_vec();
    text.resize(HOSTS_LINE_MAX - 1, b'y');
    text.push(b'\n');
    text.extend_from_slice(b"10.0.0.6 next");
    assert_eq!(lookup_in(&text, "near"), Some(Ip::V4([10, 0, 0, 5])));
    assert_eq!(lookup_in(&text, "next"), Some(Ip::V4([10, 0, 0, 6])));
}

fn lookup_in(hosts: &[u8], name: &str) -> Option<Ip> {
    resolve_in(hosts, name, 0, Some(Family::Inet))
        .ok()?
        .ips()
        .first()
        .copied()
}

#[test]
fn getfqdn_matches_python() {
    for (name, want) in [
        ("alpha", "alpha.example.com"),
        ("beta", "Beta"),
        ("10.0.0.6", "Beta"),
        ("six", "six.example.org"),
        ("localhost", "localhost"),
        ("nothere", "nothere"),
        ("mapped", "mapped"),
        ("10.0.0.11", "mapped"),
        ("127.0.0.1", "localhost"),
        ("::1", "localhost"),
        ("  alpha  ", "alpha.example.com"),
        ("2001:db8::2", "both"),
        ("10.0.0.99", "10.0.0.99"),
    ] {
        assert_eq!(
            getfqdn_in(HOSTS, name).unwrap().to_str(),
            Some(want),
            "{name:?}"
        );
    }
}

#[test]
fn gethostname_is_the_node_name() {
    let name = gethostname().unwrap();
    let want = std::fs::read_to_string("/proc/sys/kernel/hostname").unwrap();
    assert_eq!(name.to_str(), Some(want.trim_end()));
    // getfqdn("") names the host itself (no hosts text: the name as is).
    assert_eq!(getfqdn_in(b"", "").unwrap(), name);
}

#[test]
fn hosts_lines_parse_as_glibc_reads_them() {
    let e = parse_hosts_line(b"  10.0.0.5\talpha.example.com alpha # c").unwrap();
    assert_eq!(e.addr, Ip::V4([10, 0, 0, 5]));
    assert_eq!(e.canonical(), b"alpha.example.com");
    assert_eq!(
        e.names().collect::<Vec<_>>(),
        [&b"alpha.example.com"[..], b"alpha"]
    );
    assert!(e.has_name(b"ALPHA"));
    for bad in [
        &b""[..],
        b"# 1.2.3.4 x",
        b"1.2.3.4",
        b"1.2.3.4   # x",
        b"10.1 x",
        b"fe80::1%lo x",
        b"x 1.2.3.4",
    ] {
        assert_eq!(
            parse_hosts_line(bad),
            None,
            "{:?}",
            String::from_utf8_lossy(bad)
        );
    }
}

#[test]
fn the_system_hosts_file_resolves_localhost() {
    // With or without a localhost line in /etc/hosts, AF_INET gives
    // 127.0.0.1 first (Debian's default file and the fallback agree).
    let first = resolve("localhost", 514, Some(Family::Inet))
        .unwrap()
        .next();
    assert_eq!(first, Some(SocketAddr::V4([127, 0, 0, 1], 514)));
    assert_eq!(
        resolve("no-such-host.invalid", 514, None)
            .unwrap_err()
            .to_string(),
        "[Errno -2] Name or service not known"
    );
    assert_eq!(
        resolve("192.0.2.1", 25, None).unwrap().collect::<Vec<_>>(),
        [SocketAddr::V4([192, 0, 2, 1], 25)]
    );
}

#[test]
fn sockets_are_close_on_exec() {
    for (family, kind) in [
        (Family::Inet, Kind::Stream),
        (Family::Inet6, Kind::Datagram),
        (Family::Unix, Kind::Datagram),
    ] {
        let sock = Socket::new(family, kind).unwrap();
        let flags = rustix::io::fcntl_getfd(&sock).unwrap();
        assert!(
            flags.contains(rustix::io::FdFlags::CLOEXEC),
            "{family:?} {kind:?}"
        );
    }
    let server = listener(Family::Inet, &LOCAL4);
    let mut client = Socket::new(Family::Inet, Kind::Stream).unwrap();
    client.connect(&server.local_addr().unwrap(), None).unwrap();
    let (conn, peer) = server.accept().unwrap();
    assert_eq!(peer, client.local_addr().unwrap());
    assert!(
        rustix::io::fcntl_getfd(&conn)
            .unwrap()
            .contains(rustix::io::FdFlags::CLOEXEC)
    );
}
