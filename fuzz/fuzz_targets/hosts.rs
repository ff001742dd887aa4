//! net's hosts-file parser, lookups and IP literal parsers on arbitrary
//! bytes: never a panic, and every address they give formats and parses
//! back to itself.
#![no_main]

use libfuzzer_sys::fuzz_target;
use strata_core::net::{self, Family, Ip};

/// `ip` shown as `inet_ntop` shows it parses back to the same address.
fn round_trips(ip: Ip) {
    let text = ip.to_string();
    let back = match ip {
        Ip::V4(_) => net::inet_pton4(text.as_bytes()).map(Ip::V4),
        Ip::V6(_) => net::inet_pton6(text.as_bytes()).map(Ip::V6),
    };
    assert_eq!(back, Some(ip), "{text}");
}

fuzz_target!(|data: &[u8]| {
    for line in data.split(|&b| b == b'\n') {
        if let Some(a) = net::inet_aton(line) {
            round_trips(Ip::V4(a));
        }
        if let Some(a) = net::inet_pton4(line) {
            round_trips(Ip::V4(a));
            assert_eq!(net::inet_aton(line), Some(a));
        }
        if let Some(a) = net::inet_pton6(line) {
            round_trips(Ip::V6(a));
        }
        if let Some(entry) = net::parse_hosts_line(line) {
            round_trips(entry.addr);
            let canonical = entry.canonical();
            assert!(!canonical.is_empty());
            assert!(entry.has_name(canonical));
            assert!(entry.names().all(|n| !n.is_empty() && !n.contains(&b'#')));
        }
    }
    // Look up the first name of the first well-formed line (or the text
    // itself) in the whole text, as each family. Only the no-route
    // reordering of AF_UNSPEC (a UDP connect, sending nothing) touches
    // the system.
    let first = data
        .split(|&b| b == b'\n')
        .find_map(net::parse_hosts_line)
        .map(|e| e.canonical());
    let name = core::str::from_utf8(first.unwrap_or(data)).unwrap_or("localhost");
    for family in [None, Some(Family::Inet), Some(Family::Inet6)] {
        if let Ok(addrs) = net::resolve_in(data, name, 7, family) {
            assert!(addrs.len() <= net::MAX_ADDRS);
            for addr in addrs {
                assert_eq!(addr.port(), Some(7));
                let ip = addr.ip().unwrap();
                round_trips(ip);
                match family {
                    Some(Family::Inet) => assert!(matches!(ip, Ip::V4(_))),
                    Some(Family::Inet6) => assert!(matches!(ip, Ip::V6(_))),
                    _ => {}
                }
            }
        }
    }
    if let Ok(fqdn) = net::getfqdn_in(data, name) {
        assert!(fqdn.as_bytes().len() <= net::HOST_NAME_CAPACITY);
    }
});
