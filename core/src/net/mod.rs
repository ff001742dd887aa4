//! Sockets and name lookup: the part of Python's `socket` module that
//! `logging.handlers` stands on (`SocketHandler` and `HTTPHandler` and
//! `SMTPHandler` over TCP, `DatagramHandler` over UDP, `SysLogHandler`
//! over a unix datagram or stream socket, UDP or TCP).
//!
//! [`Socket`] is `socket.socket` with Python's timeout semantics
//! (`settimeout`, `sendall`'s deadline for the whole call, `socket.timeout`
//! as [`Error::Timeout`]); [`SocketAddr`] is the address, shown as Python
//! shows it; [`resolve`] is `getaddrinfo`, [`gethostname`] and [`getfqdn`]
//! are the functions of the same names. [`Error`]'s `Display` is Python's
//! exception text.
//!
//! What differs from Python, and why:
//! - No DNS. Core has no libc and no allocator, and a resolver is a large
//!   thing to own; names resolve from IP literals, `/etc/hosts` (read as
//!   glibc's `files` backend reads it, through a fixed buffer) and the
//!   localhost names nss-myhostname answers. Any other name is
//!   `[Errno -2] Name or service not known`.
//! - `getaddrinfo`'s list is an [`Addrs`] iterator of addresses (not one
//!   entry per socket type), at most [`MAX_ADDRS`] of them, ordered by
//!   RFC 3484 precedence only.
//! - No IPv6 zone ids or flow info: a `V6` address's scope is 0.
//! - Stream sends use `MSG_NOSIGNAL`, so a closed peer is `EPIPE`, not
//!   `SIGPIPE`.
//!
//! ```no_run
//! use strata_core::net::{self, Family, Kind, Socket};
//!
//! let addr = net::resolve("localhost", 514, Some(Family::Inet))?.next().unwrap();
//! let mut sock = Socket::new(Family::Inet, Kind::Datagram)?;
//! sock.set_timeout(Some(1.0))?;
//! sock.send_to(b"<14>hello", &addr)?;
//! # Ok::<(), net::Error>(())
//! ```
//!
//! # References
//! - [socket(7)](https://man7.org/linux/man-pages/man7/socket.7.html)
//! - [ip(7)](https://man7.org/linux/man-pages/man7/ip.7.html),
//!   [ipv6(7)](https://man7.org/linux/man-pages/man7/ipv6.7.html),
//!   [unix(7)](https://man7.org/linux/man-pages/man7/unix.7.html)

mod addr;
mod error;
mod hosts;
mod socket;
#[cfg(test)]
mod tests;

pub use addr::{Ip, SocketAddr, UNIX_PATH_MAX, UnixPath, inet_aton, inet_pton4, inet_pton6};
pub use error::{Error, GaiError, Result};
pub use hosts::{
    Addrs, HOST_NAME_CAPACITY, HOSTS_LINE_MAX, HOSTS_PATH, HostName, HostsEntry, MAX_ADDRS,
    getfqdn, getfqdn_in, gethostname, parse_hosts_line, resolve, resolve_in,
};
pub use socket::{Shutdown, Socket};

/// An address family: Python's `AF_UNIX`, `AF_INET`, `AF_INET6`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Family {
    /// `AF_UNIX`: local sockets named by paths.
    Unix,
    /// `AF_INET`: IPv4.
    Inet,
    /// `AF_INET6`: IPv6.
    Inet6,
}

/// A socket type: Python's `SOCK_STREAM`, `SOCK_DGRAM`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    /// `SOCK_STREAM`: a connected byte stream (TCP for the IP families).
    Stream,
    /// `SOCK_DGRAM`: datagrams (UDP for the IP families).
    Datagram,
}
