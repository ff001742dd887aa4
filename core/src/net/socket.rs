//! [`Socket`]: Python's `socket.socket` over an owned file descriptor, with
//! Python's timeout semantics built from non-blocking I/O and `ppoll`.

use super::{Error, Family, Kind, Result, SocketAddr, UnixPath};
use crate::errno::Errno;
use core::net::{Ipv4Addr, Ipv6Addr, SocketAddrV4, SocketAddrV6};
use rustix::fd::{AsFd, AsRawFd, BorrowedFd, OwnedFd};
use rustix::fs::OFlags;
use rustix::net::{
    AddressFamily, RecvFlags, SendFlags, SocketAddrAny, SocketAddrUnix, SocketFlags, SocketType,
};

/// Which direction [`Socket::shutdown`] closes: Python's `SHUT_RD`,
/// `SHUT_WR`, `SHUT_RDWR`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Shutdown {
    /// `SHUT_RD`: no more receiving.
    Read,
    /// `SHUT_WR`: no more sending; the peer reads end of stream.
    Write,
    /// `SHUT_RDWR`: both.
    Both,
}

/// `POLLIN`, `POLLOUT`, `POLLERR` as the kernel numbers them.
const POLLIN: i16 = 0x1;
const POLLOUT: i16 = 0x4;
const POLLERR: i16 = 0x8;

/// A socket: Python's `socket.socket(family, type)`.
///
/// It owns its descriptor (opened `SOCK_CLOEXEC`, closed on drop). Like
/// Python's socket it has a timeout ([`Socket::set_timeout`]): `None`
/// blocks, `Some(0.0)` is non-blocking (`EAGAIN` comes back as
/// `Error::Os`), and `Some(t)` lets each operation wait at most `t`
/// seconds before [`Error::Timeout`]; [`Socket::send_all`] counts `t`
/// for the whole call, as CPython 3.5+ does. A timeout puts the
/// descriptor in `O_NONBLOCK` mode and waits with `ppoll`, as CPython
/// does (not `SO_SNDTIMEO`/`SO_RCVTIMEO`). `EINTR` is retried.
///
/// What differs from Python: sends on stream sockets use `MSG_NOSIGNAL`,
/// so a peer that went away gives `EPIPE` (Python's `BrokenPipeError`)
/// even where `SIGPIPE` is not ignored (CPython ignores it at startup; a
/// Strata program need not).
///
/// # References
/// - [socket(2)](https://man7.org/linux/man-pages/man2/socket.2.html)
/// - [socket(7)](https://man7.org/linux/man-pages/man7/socket.7.html)
#[derive(Debug)]
pub struct Socket {
    fd: OwnedFd,
    kind: Kind,
    timeout: Option<f64>,
}

impl Socket {
    /// `socket.socket(family, type)`—a new socket, blocking (no
    /// timeout), close-on-exec.
    ///
    /// # References
    /// - [socket(2)](https://man7.org/linux/man-pages/man2/socket.2.html)
    #[doc(alias = "socket")]
    pub fn new(family: Family, kind: Kind) -> Result<Socket> {
        let af = match family {
            Family::Unix => AddressFamily::UNIX,
            Family::Inet => AddressFamily::INET,
            Family::Inet6 => AddressFamily::INET6,
        };
        let ty = match kind {
            Kind::Stream => SocketType::STREAM,
            Kind::Datagram => SocketType::DGRAM,
        };
        let fd = retry(|| rustix::net::socket_with(af, ty, SocketFlags::CLOEXEC, None))?;
        Ok(Socket {
            fd,
            kind,
            timeout: None,
        })
    }

    /// Takes ownership of a socket descriptor (Python's
    /// `socket.socket(fileno=fd)`); its timeout starts as `None`, and the
    /// descriptor's `O_NONBLOCK` flag is cleared to match.
    pub fn from_fd(fd: OwnedFd, kind: Kind) -> Result<Socket> {
        let mut sock = Socket {
            fd,
            kind,
            timeout: None,
        };
        sock.set_nonblocking(false)?;
        Ok(sock)
    }

    /// `socket.settimeout(timeout)`—how long each later operation may
    /// wait: `None` blocks, `0.0` never waits, `t` waits at most `t`
    /// seconds. A negative or NaN timeout is `EINVAL` (Python's
    /// `ValueError`).
    pub fn set_timeout(&mut self, timeout: Option<f64>) -> Result<()> {
        if let Some(t) = timeout
            && (t.is_nan() || t < 0.0)
        {
            return Err(Error::Os(Errno::INVAL));
        }
        self.set_nonblocking(timeout.is_some())?;
        self.timeout = timeout;
        Ok(())
    }

    /// `socket.gettimeout()`.
    pub fn timeout(&self) -> Option<f64> {
        self.timeout
    }

    fn set_nonblocking(&mut self, on: bool) -> Result<()> {
        let flags = rustix::fs::fcntl_getfl(&self.fd)?;
        let want = if on {
            flags | OFlags::NONBLOCK
        } else {
            flags - OFlags::NONBLOCK
        };
        if want != flags {
            rustix::fs::fcntl_setfl(&self.fd, want)?;
        }
        Ok(())
    }

    /// `socket.connect(address)`—connects, waiting at most `timeout`
    /// seconds when it is given (a non-blocking `connect` and then a
    /// `ppoll` for the result; [`Error::Timeout`] when it passes), else as
    /// the socket's own timeout says. The socket's timeout is left as it
    /// was: `socket.create_connection(address, timeout)` is
    /// `set_timeout(timeout)` and then `connect(address, None)`.
    ///
    /// # References
    /// - [connect(2)](https://man7.org/linux/man-pages/man2/connect.2.html)
    pub fn connect(&mut self, address: &SocketAddr, timeout: Option<f64>) -> Result<()> {
        let addr = to_rustix(address)?;
        let saved = self.timeout;
        if timeout.is_some() {
            self.set_timeout(timeout)?;
        }
        let result = self.connect_now(&addr);
        if timeout.is_some() {
            self.set_timeout(saved)?;
        }
        result
    }

    /// CPython's `internal_connect`: after `EINPROGRESS` (with a timeout)
    /// or `EINTR` (unless non-blocking), wait until writable and read
    /// `SO_ERROR`.
    fn connect_now(&self, addr: &SocketAddrAny) -> Result<()> {
        let err = match rustix::net::connect(&self.fd, addr) {
            Ok(()) => return Ok(()),
            Err(e) => Errno::from(e),
        };
        let wait = match self.timeout {
            _ if err == Errno::INTR => self.timeout != Some(0.0),
            Some(t) => t > 0.0 && err == Errno::INPROGRESS,
            None => false,
        };
        if !wait {
            return Err(Error::Os(err));
        }
        let deadline = self.deadline();
        loop {
            wait_for(self.fd.as_fd(), POLLOUT | POLLERR, deadline)?;
            match rustix::net::sockopt::socket_error(&self.fd)? {
                Ok(()) => return Ok(()),
                Err(e) if e == rustix::io::Errno::ISCONN => return Ok(()),
                Err(e) if e == rustix::io::Errno::INTR => continue,
                Err(e) => return Err(Error::Os(e.into())),
            }
        }
    }

    /// When the socket's timeout, started now, passes: `None` for no
    /// timeout.
    fn deadline(&self) -> Option<i64> {
        self.timeout.map(|t| {
            // Rounded up, as CPython rounds timeouts; `as` saturates.
            let exact = t * 1e9;
            let ns = exact as i64;
            let ns = if (ns as f64) < exact {
                ns.saturating_add(1)
            } else {
                ns
            };
            crate::time::monotonic_ns().saturating_add(ns)
        })
    }

    /// CPython's `sock_call`: with a positive timeout, wait for `events`
    /// and then try `op`, again while it says `EAGAIN`, until the deadline;
    /// `EINTR` is retried.
    fn io<T>(
        &self,
        events: i16,
        deadline: Option<i64>,
        mut op: impl FnMut(BorrowedFd<'_>) -> rustix::io::Result<T>,
    ) -> Result<T> {
        let waits = self.timeout.is_some_and(|t| t > 0.0);
        loop {
            if waits {
                wait_for(self.fd.as_fd(), events, deadline)?;
            }
            match op(self.fd.as_fd()) {
                Ok(v) => return Ok(v),
                Err(e) if e == rustix::io::Errno::INTR => {}
                Err(e) if waits && e == rustix::io::Errno::AGAIN => {}
                Err(e) => return Err(Error::Os(e.into())),
            }
        }
    }

    fn send_flags(&self) -> SendFlags {
        match self.kind {
            Kind::Stream => SendFlags::NOSIGNAL,
            Kind::Datagram => SendFlags::empty(),
        }
    }

    /// `socket.send(data)`—sends some of `data`, returning how much.
    ///
    /// # References
    /// - [send(2)](https://man7.org/linux/man-pages/man2/send.2.html)
    pub fn send(&self, data: &[u8]) -> Result<usize> {
        let flags = self.send_flags();
        self.io(POLLOUT, self.deadline(), |fd| {
            rustix::net::send(fd, data, flags)
        })
    }

    /// `socket.sendall(data)`—sends all of `data`; the timeout counts for
    /// the whole call. On an error the count already sent is lost, as in
    /// Python.
    ///
    /// # References
    /// - [send(2)](https://man7.org/linux/man-pages/man2/send.2.html)
    #[doc(alias = "sendall")]
    pub fn send_all(&self, mut data: &[u8]) -> Result<()> {
        let flags = self.send_flags();
        let deadline = self.deadline();
        while !data.is_empty() {
            let n = self.io(POLLOUT, deadline, |fd| rustix::net::send(fd, data, flags))?;
            data = data.get(n..).unwrap_or_default();
        }
        Ok(())
    }

    /// `socket.sendto(data, address)`—sends a datagram to `address`.
    ///
    /// # References
    /// - [sendto(2)](https://man7.org/linux/man-pages/man2/sendto.2.html)
    #[doc(alias = "sendto")]
    pub fn send_to(&self, data: &[u8], address: &SocketAddr) -> Result<usize> {
        let addr = to_rustix(address)?;
        let flags = self.send_flags();
        self.io(POLLOUT, self.deadline(), |fd| {
            rustix::net::sendto(fd, data, flags, &addr)
        })
    }

    /// `socket.recv_into(buf)`—receives into `buf`, returning how many
    /// bytes came; 0 at the end of a stream.
    ///
    /// # References
    /// - [recv(2)](https://man7.org/linux/man-pages/man2/recv.2.html)
    #[doc(alias = "recv_into")]
    pub fn recv(&self, buf: &mut [u8]) -> Result<usize> {
        self.io(POLLIN, self.deadline(), |fd| {
            rustix::net::recv(fd, &mut *buf, RecvFlags::empty()).map(|(n, _)| n)
        })
    }

    /// `socket.recvfrom_into(buf)`—receives a datagram into `buf`,
    /// returning its length (cut to `buf`) and its sender (`None` when
    /// the kernel names none, as for an unbound unix peer).
    ///
    /// # References
    /// - [recvfrom(2)](https://man7.org/linux/man-pages/man2/recvfrom.2.html)
    #[doc(alias = "recvfrom")]
    pub fn recv_from(&self, buf: &mut [u8]) -> Result<(usize, Option<SocketAddr>)> {
        let (n, from) = self.io(POLLIN, self.deadline(), |fd| {
            rustix::net::recvfrom(fd, &mut *buf, RecvFlags::empty()).map(|(n, _, a)| (n, a))
        })?;
        Ok((n, from.and_then(from_rustix)))
    }

    /// `socket.shutdown(how)`.
    ///
    /// # References
    /// - [shutdown(2)](https://man7.org/linux/man-pages/man2/shutdown.2.html)
    pub fn shutdown(&self, how: Shutdown) -> Result<()> {
        let how = match how {
            Shutdown::Read => rustix::net::Shutdown::Read,
            Shutdown::Write => rustix::net::Shutdown::Write,
            Shutdown::Both => rustix::net::Shutdown::Both,
        };
        Ok(rustix::net::shutdown(&self.fd, how)?)
    }

    /// `socket.getsockname()`.
    ///
    /// # References
    /// - [getsockname(2)](https://man7.org/linux/man-pages/man2/getsockname.2.html)
    #[doc(alias = "getsockname")]
    pub fn local_addr(&self) -> Result<SocketAddr> {
        let addr = rustix::net::getsockname(&self.fd)?;
        from_rustix(addr).ok_or(Error::Os(Errno::AFNOSUPPORT))
    }

    /// `socket.getpeername()`; `ENOTCONN` when not connected.
    ///
    /// # References
    /// - [getpeername(2)](https://man7.org/linux/man-pages/man2/getpeername.2.html)
    #[doc(alias = "getpeername")]
    pub fn peer_addr(&self) -> Result<SocketAddr> {
        let addr = rustix::net::getpeername(&self.fd)?;
        // An unnamed unix peer comes back as no address: Python gives ''.
        Ok(addr
            .and_then(from_rustix)
            .unwrap_or(SocketAddr::Unix(UnixPath::EMPTY)))
    }

    /// `socket.setsockopt(SOL_SOCKET, SO_REUSEADDR, on)`.
    ///
    /// # References
    /// - [socket(7)](https://man7.org/linux/man-pages/man7/socket.7.html)
    #[doc(alias = "SO_REUSEADDR")]
    pub fn set_reuse_addr(&self, on: bool) -> Result<()> {
        Ok(rustix::net::sockopt::set_socket_reuseaddr(&self.fd, on)?)
    }

    /// `socket.bind(address)`.
    ///
    /// # References
    /// - [bind(2)](https://man7.org/linux/man-pages/man2/bind.2.html)
    pub fn bind(&self, address: &SocketAddr) -> Result<()> {
        let addr = to_rustix(address)?;
        Ok(rustix::net::bind(&self.fd, &addr)?)
    }

    /// `socket.listen(backlog)`.
    ///
    /// # References
    /// - [listen(2)](https://man7.org/linux/man-pages/man2/listen.2.html)
    pub fn listen(&self, backlog: i32) -> Result<()> {
        Ok(rustix::net::listen(&self.fd, backlog)?)
    }

    /// `socket.accept()`—the next connection and its peer's address. The
    /// new socket is blocking (no timeout) and close-on-exec, as Python
    /// makes it when no default timeout is set.
    ///
    /// # References
    /// - [accept(2)](https://man7.org/linux/man-pages/man2/accept.2.html)
    pub fn accept(&self) -> Result<(Socket, SocketAddr)> {
        let (fd, addr) = self.io(POLLIN, self.deadline(), |fd| {
            rustix::net::acceptfrom_with(fd, SocketFlags::CLOEXEC)
        })?;
        let addr = addr
            .and_then(from_rustix)
            .unwrap_or(SocketAddr::Unix(UnixPath::EMPTY));
        let sock = Socket {
            fd,
            kind: self.kind,
            timeout: None,
        };
        Ok((sock, addr))
    }
}

impl AsFd for Socket {
    fn as_fd(&self) -> BorrowedFd<'_> {
        self.fd.as_fd()
    }
}

impl From<Socket> for OwnedFd {
    fn from(sock: Socket) -> OwnedFd {
        sock.fd
    }
}

fn retry<T>(mut f: impl FnMut() -> rustix::io::Result<T>) -> Result<T> {
    loop {
        match f() {
            Err(e) if e == rustix::io::Errno::INTR => {}
            other => return Ok(other?),
        }
    }
}

/// Waits with `ppoll` until `fd` has one of `events` (or an error or
/// hang-up, which the next call reports), or [`Error::Timeout`] once
/// `deadline` (monotonic ns) passes; `None` waits for ever.
fn wait_for(fd: BorrowedFd<'_>, events: i16, deadline: Option<i64>) -> Result<()> {
    #[repr(C)]
    struct PollFd {
        fd: i32,
        events: i16,
        revents: i16,
    }
    loop {
        let mut pfd = PollFd {
            fd: fd.as_raw_fd(),
            events,
            revents: 0,
        };
        let left = deadline.map(|d| d.saturating_sub(crate::time::monotonic_ns()).max(0));
        // The platform's own `struct timespec`, which `__NR_ppoll` takes
        // on every supported architecture (32-bit seconds on arm: a
        // timeout of more than 68 years is cut to that).
        #[allow(clippy::useless_conversion)] // `i32` fields on 32-bit arm.
        let ts = left.map(|ns| linux_raw_sys::general::timespec {
            tv_sec: (ns / 1_000_000_000).try_into().unwrap_or(i32::MAX.into()),
            tv_nsec: (ns % 1_000_000_000).try_into().unwrap_or(0),
        });
        let ts_ptr = ts
            .as_ref()
            .map_or(0, |t| t as *const linux_raw_sys::general::timespec as usize);
        // SAFETY: ppoll reads one pollfd and writes its revents, and reads
        // the timespec when its pointer is not null; no signal mask (null)
        // is passed, so the size argument is unused.
        let ret = crate::sys::result(unsafe {
            strata_arch::syscall5(
                crate::sys::nr(linux_raw_sys::general::__NR_ppoll),
                &mut pfd as *mut PollFd as usize,
                1,
                ts_ptr,
                0,
                8,
            )
        });
        match ret {
            Ok(0) => return Err(Error::Timeout),
            Ok(_) => return Ok(()),
            Err(e) if e == Errno::INTR => {}
            Err(e) => return Err(Error::Os(e)),
        }
    }
}

/// The kernel's form of `address`.
fn to_rustix(address: &SocketAddr) -> Result<SocketAddrAny> {
    Ok(match *address {
        SocketAddr::V4(a, port) => SocketAddrV4::new(Ipv4Addr::from(a), port).into(),
        SocketAddr::V6(a, port) => SocketAddrV6::new(Ipv6Addr::from(a), port, 0, 0).into(),
        SocketAddr::Unix(ref path) => match path.as_bytes() {
            [] => SocketAddrUnix::new_unnamed().into(),
            [0, name @ ..] => SocketAddrUnix::new_abstract_name(name)?.into(),
            bytes => SocketAddrUnix::new(bytes)?.into(),
        },
    })
}

/// `address` as a [`SocketAddr`], `None` for another family.
fn from_rustix(address: SocketAddrAny) -> Option<SocketAddr> {
    match address.address_family() {
        AddressFamily::INET => {
            let a = SocketAddrV4::try_from(address).ok()?;
            Some(SocketAddr::V4(a.ip().octets(), a.port()))
        }
        AddressFamily::INET6 => {
            let a = SocketAddrV6::try_from(address).ok()?;
            Some(SocketAddr::V6(a.ip().octets(), a.port()))
        }
        // An unnamed socket's address is the family alone (rustix 1.1
        // reads that length as an empty abstract name).
        AddressFamily::UNIX if address.addr_len() as usize <= size_of::<u16>() => {
            Some(SocketAddr::Unix(UnixPath::EMPTY))
        }
        AddressFamily::UNIX => {
            let a = SocketAddrUnix::try_from(address).ok()?;
            let mut bytes = [0u8; super::UNIX_PATH_MAX];
            let len = if let Some(p) = a.path_bytes() {
                bytes.get_mut(..p.len())?.copy_from_slice(p);
                p.len()
            } else if let Some(name) = a.abstract_name() {
                bytes.get_mut(1..1 + name.len())?.copy_from_slice(name);
                1 + name.len()
            } else {
                0
            };
            UnixPath::new(&bytes[..len]).map(SocketAddr::Unix)
        }
        _ => None,
    }
}
