//! `SysLogHandler`: formatted records sent to a syslog daemon over a
//! unix socket (datagram, else stream), UDP or TCP, as CPython 3.11
//! sends them: `<PRI>`, the `ident`, the message, a NUL, in UTF-8, with
//! no octet-count framing on streams.
//!
//! What differs from CPython 3.11, and why:
//! - A timeout (`timeout`, 1 s unless given): CPython 3.11's sockets
//!   here have none, so a daemon that stops reading a TCP or unix stream
//!   (or a unix datagram socket whose queue is full) stalls the program
//!   in its logging call for ever. With it, connecting and each send wait
//!   at most that long and then fail through `handleError`
//!   (`TimeoutError: timed out`); the bytes sent are unchanged.
//!   `None` gives CPython's blocking sockets.
//! - `facility` and the priorities are [`Code`]s (a number or a name),
//!   where Python takes an `int` or a `str`.

use super::socket::create_connection;
use crate::logging::handler::{Handler, HandlerBase, register};
use crate::logging::{Error, LogRecord, NOTSET};
use alloc::string::String;
use alloc::sync::Arc;
use alloc::vec::Vec;
use core::fmt::Write;
use strata_core::net::{self, Family, Kind, Socket, SocketAddr};
use strata_core::sync::Mutex;

/// A facility or a priority as `encodePriority` takes it: a number, or a
/// name looked up in [`SysLogHandler::FACILITY_NAMES`] or
/// [`SysLogHandler::PRIORITY_NAMES`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Code {
    /// An `int`.
    Number(i32),
    /// A `str`.
    Name(String),
}

impl From<i32> for Code {
    fn from(n: i32) -> Code {
        Code::Number(n)
    }
}

impl From<&str> for Code {
    fn from(s: &str) -> Code {
        Code::Name(String::from(s))
    }
}

impl From<String> for Code {
    fn from(s: String) -> Code {
        Code::Name(s)
    }
}

/// Where a [`SysLogHandler`] sends: a unix socket's path (Python's `str`
/// address) or `(host, port)`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SyslogAddress {
    /// A unix socket, e.g. `/dev/log`.
    Unix(String),
    /// `(host, port)`: UDP unless the socket type is stream.
    Inet(String, u16),
}

impl Default for SyslogAddress {
    /// `('localhost', SYSLOG_UDP_PORT)`.
    fn default() -> SyslogAddress {
        SyslogAddress::Inet(String::from("localhost"), SysLogHandler::SYSLOG_UDP_PORT)
    }
}

/// The handler's socket: `Closed` is CPython's socket object that
/// `_connect_unixsocket` closed on a failure and left in place.
enum Sock {
    None,
    Closed,
    Open(Socket),
}

struct State {
    socket: Sock,
    socktype: Option<Kind>,
    unixsocket: bool,
    /// The address family of an inet socket, for `sendto`'s lookup.
    family: Family,
    ident: String,
    append_nul: bool,
    priority_map: Vec<(String, String)>,
    facility: Code,
}

/// `logging.handlers.SysLogHandler(address=('localhost', 514),
/// facility=LOG_USER, socktype=None)`.
///
/// Each record is formatted and sent as `<PRI>`, `ident`, the message
/// and a NUL (when `append_nul`), PRI being `encodePriority(facility,
/// mapPriority(levelname))`. A unix address tries a datagram socket, then
/// a stream one (unless `socktype` says which), and reconnects when a
/// send fails; `(host, port)` is UDP, or TCP with [`Kind::Stream`].
///
/// # References
/// - [syslog(3)](https://man7.org/linux/man-pages/man3/syslog.3.html),
///   [RFC 3164](https://www.rfc-editor.org/rfc/rfc3164)
pub struct SysLogHandler {
    base: HandlerBase,
    address: SyslogAddress,
    timeout: Option<f64>,
    state: Mutex<State>,
}

impl SysLogHandler {
    /// `SYSLOG_UDP_PORT`.
    pub const SYSLOG_UDP_PORT: u16 = 514;
    /// `SYSLOG_TCP_PORT`.
    pub const SYSLOG_TCP_PORT: u16 = 514;

    /// `LOG_EMERG`, a priority: system is unusable.
    pub const LOG_EMERG: i32 = 0;
    /// `LOG_ALERT`, a priority: action must be taken immediately.
    pub const LOG_ALERT: i32 = 1;
    /// `LOG_CRIT`, a priority: critical conditions.
    pub const LOG_CRIT: i32 = 2;
    /// `LOG_ERR`, a priority: error conditions.
    pub const LOG_ERR: i32 = 3;
    /// `LOG_WARNING`, a priority: warning conditions.
    pub const LOG_WARNING: i32 = 4;
    /// `LOG_NOTICE`, a priority: normal but significant condition.
    pub const LOG_NOTICE: i32 = 5;
    /// `LOG_INFO`, a priority: informational.
    pub const LOG_INFO: i32 = 6;
    /// `LOG_DEBUG`, a priority: debug-level messages.
    pub const LOG_DEBUG: i32 = 7;

    /// `LOG_KERN`, a facility: kernel messages.
    pub const LOG_KERN: i32 = 0;
    /// `LOG_USER`, a facility: random user-level messages.
    pub const LOG_USER: i32 = 1;
    /// `LOG_MAIL`, a facility: mail system.
    pub const LOG_MAIL: i32 = 2;
    /// `LOG_DAEMON`, a facility: system daemons.
    pub const LOG_DAEMON: i32 = 3;
    /// `LOG_AUTH`, a facility: security/authorization messages.
    pub const LOG_AUTH: i32 = 4;
    /// `LOG_SYSLOG`, a facility: messages generated internally by syslogd.
    pub const LOG_SYSLOG: i32 = 5;
    /// `LOG_LPR`, a facility: line printer subsystem.
    pub const LOG_LPR: i32 = 6;
    /// `LOG_NEWS`, a facility: network news subsystem.
    pub const LOG_NEWS: i32 = 7;
    /// `LOG_UUCP`, a facility: UUCP subsystem.
    pub const LOG_UUCP: i32 = 8;
    /// `LOG_CRON`, a facility: clock daemon.
    pub const LOG_CRON: i32 = 9;
    /// `LOG_AUTHPRIV`, a facility: security/authorization messages (private).
    pub const LOG_AUTHPRIV: i32 = 10;
    /// `LOG_FTP`, a facility: FTP daemon.
    pub const LOG_FTP: i32 = 11;
    /// `LOG_NTP`, a facility: NTP subsystem.
    pub const LOG_NTP: i32 = 12;
    /// `LOG_SECURITY`, a facility: log audit.
    pub const LOG_SECURITY: i32 = 13;
    /// `LOG_CONSOLE`, a facility: log alert.
    pub const LOG_CONSOLE: i32 = 14;
    /// `LOG_SOLCRON`, a facility: scheduling daemon (Solaris).
    pub const LOG_SOLCRON: i32 = 15;
    /// `LOG_LOCAL0`, a facility: reserved for local use.
    pub const LOG_LOCAL0: i32 = 16;
    /// `LOG_LOCAL1`, a facility: reserved for local use.
    pub const LOG_LOCAL1: i32 = 17;
    /// `LOG_LOCAL2`, a facility: reserved for local use.
    pub const LOG_LOCAL2: i32 = 18;
    /// `LOG_LOCAL3`, a facility: reserved for local use.
    pub const LOG_LOCAL3: i32 = 19;
    /// `LOG_LOCAL4`, a facility: reserved for local use.
    pub const LOG_LOCAL4: i32 = 20;
    /// `LOG_LOCAL5`, a facility: reserved for local use.
    pub const LOG_LOCAL5: i32 = 21;
    /// `LOG_LOCAL6`, a facility: reserved for local use.
    pub const LOG_LOCAL6: i32 = 22;
    /// `LOG_LOCAL7`, a facility: reserved for local use.
    pub const LOG_LOCAL7: i32 = 23;

    /// `priority_names`, in CPython's order.
    pub const PRIORITY_NAMES: &'static [(&'static str, i32)] = &[
        ("alert", 1),
        ("crit", 2),
        ("critical", 2),
        ("debug", 7),
        ("emerg", 0),
        ("err", 3),
        ("error", 3),
        ("info", 6),
        ("notice", 5),
        ("panic", 0),
        ("warn", 4),
        ("warning", 4),
    ];

    /// `facility_names`, in CPython's order.
    pub const FACILITY_NAMES: &'static [(&'static str, i32)] = &[
        ("auth", 4),
        ("authpriv", 10),
        ("console", 14),
        ("cron", 9),
        ("daemon", 3),
        ("ftp", 11),
        ("kern", 0),
        ("lpr", 6),
        ("mail", 2),
        ("news", 7),
        ("ntp", 12),
        ("security", 13),
        ("solaris-cron", 15),
        ("syslog", 5),
        ("user", 1),
        ("uucp", 8),
        ("local0", 16),
        ("local1", 17),
        ("local2", 18),
        ("local3", 19),
        ("local4", 20),
        ("local5", 21),
        ("local6", 22),
        ("local7", 23),
    ];

    /// The class's `priority_map`: level names to priority names.
    pub const PRIORITY_MAP: &'static [(&'static str, &'static str)] = &[
        ("DEBUG", "debug"),
        ("INFO", "info"),
        ("WARNING", "warning"),
        ("ERROR", "error"),
        ("CRITICAL", "critical"),
    ];
}

/// `encodePriority(facility, priority)` on its own: `(facility << 3) |
/// priority`, names looked up first (an unknown one is `KeyError`).
fn encode(facility: &Code, priority: &Code) -> Result<i32, Error> {
    fn lookup(code: &Code, table: &[(&str, i32)]) -> Result<i32, Error> {
        match code {
            Code::Number(n) => Ok(*n),
            Code::Name(name) => table
                .iter()
                .find(|(k, _)| k == name)
                .map(|&(_, v)| v)
                .ok_or_else(|| {
                    let mut repr = String::new();
                    crate::pyfmt::text::repr_str(name, &mut repr);
                    Error::key(repr)
                }),
        }
    }
    let f = lookup(facility, SysLogHandler::FACILITY_NAMES)?;
    let p = lookup(priority, SysLogHandler::PRIORITY_NAMES)?;
    Ok((f << 3) | p)
}

impl SysLogHandler {
    /// `SysLogHandler(address, facility, socktype)` with a 1 s timeout on
    /// the sockets it makes (see the module doc). A unix socket that
    /// cannot be reached yet is not an error (the first record tries
    /// again); a TCP connection that fails, or a host that does not
    /// resolve, is, as in CPython.
    pub fn new(
        address: SyslogAddress,
        facility: impl Into<Code>,
        socktype: Option<Kind>,
    ) -> Result<Arc<SysLogHandler>, Error> {
        SysLogHandler::with_timeout(address, facility, socktype, Some(1.0))
    }

    /// [`new`](SysLogHandler::new) with the sockets' timeout given
    /// (`None`: block, as CPython 3.11 does).
    pub fn with_timeout(
        address: SyslogAddress,
        facility: impl Into<Code>,
        socktype: Option<Kind>,
        timeout: Option<f64>,
    ) -> Result<Arc<SysLogHandler>, Error> {
        let handler = SysLogHandler {
            base: HandlerBase::new(NOTSET),
            address,
            timeout,
            state: Mutex::new(State {
                socket: Sock::None,
                socktype,
                unixsocket: false,
                family: Family::Inet,
                ident: String::new(),
                append_nul: true,
                priority_map: SysLogHandler::PRIORITY_MAP
                    .iter()
                    .map(|&(k, v)| (String::from(k), String::from(v)))
                    .collect(),
                facility: facility.into(),
            }),
        };
        handler.create_socket_locked(&mut handler.state.lock())?;
        Ok(register(handler))
    }

    /// `address`.
    pub fn address(&self) -> &SyslogAddress {
        &self.address
    }

    /// The sockets' timeout.
    pub fn timeout(&self) -> Option<f64> {
        self.timeout
    }

    /// `socktype`: what was asked for, or (once a socket is made) what
    /// is used.
    pub fn socktype(&self) -> Option<Kind> {
        self.state.lock().socktype
    }

    /// `unixsocket`.
    pub fn unixsocket(&self) -> bool {
        self.state.lock().unixsocket
    }

    /// `facility`.
    pub fn facility(&self) -> Code {
        self.state.lock().facility.clone()
    }

    /// Sets `facility`.
    pub fn set_facility(&self, facility: impl Into<Code>) {
        self.state.lock().facility = facility.into();
    }

    /// `ident`: prepended to every message (empty by default).
    pub fn ident(&self) -> String {
        self.state.lock().ident.clone()
    }

    /// Sets `ident`.
    pub fn set_ident(&self, ident: &str) {
        self.state.lock().ident = String::from(ident);
    }

    /// `append_nul`: end every message with a NUL (on by default).
    pub fn append_nul(&self) -> bool {
        self.state.lock().append_nul
    }

    /// Sets `append_nul`.
    pub fn set_append_nul(&self, on: bool) {
        self.state.lock().append_nul = on;
    }

    /// This handler's `priority_map` (level name → priority name).
    pub fn priority_map(&self) -> Vec<(String, String)> {
        self.state.lock().priority_map.clone()
    }

    /// Sets this handler's `priority_map` (an instance attribute shadowing
    /// the class's).
    pub fn set_priority_map(&self, map: Vec<(String, String)>) {
        self.state.lock().priority_map = map;
    }

    /// `mapPriority(levelName)`: the priority name for a level name,
    /// `"warning"` for one the map lacks.
    pub fn map_priority(&self, level_name: &str) -> String {
        self.state
            .lock()
            .priority_map
            .iter()
            .find(|(k, _)| k == level_name)
            .map_or_else(|| String::from("warning"), |(_, v)| v.clone())
    }

    /// `encodePriority(facility, priority)`: `(facility << 3) |
    /// priority`, names looked up in [`FACILITY_NAMES`](Self::FACILITY_NAMES)
    /// and [`PRIORITY_NAMES`](Self::PRIORITY_NAMES) (`KeyError` for an
    /// unknown one).
    pub fn encode_priority(
        &self,
        facility: impl Into<Code>,
        priority: impl Into<Code>,
    ) -> Result<i32, Error> {
        encode(&facility.into(), &priority.into())
    }

    /// Whether a socket is open.
    pub fn has_socket(&self) -> bool {
        matches!(self.state.lock().socket, Sock::Open(_))
    }

    /// `createSocket()`: make the socket (and connect it when it is a
    /// stream, or a unix socket).
    pub fn create_socket(&self) -> Result<(), Error> {
        self.create_socket_locked(&mut self.state.lock())
    }

    fn new_socket(&self, family: Family, kind: Kind) -> Result<Socket, net::Error> {
        let mut sock = Socket::new(family, kind)?;
        sock.set_timeout(self.timeout)?;
        Ok(sock)
    }

    /// `_connect_unixsocket(address)`: the asked-for type, or datagram
    /// and then stream on any `OSError`; the type that worked is kept.
    fn connect_unixsocket(&self, st: &mut State, path: &str) -> Result<(), Error> {
        let addr = SocketAddr::unix(path.as_bytes()).ok_or_else(|| Error::Exception {
            class: "OSError",
            message: String::from("AF_UNIX path too long"),
        })?;
        let first = st.socktype.unwrap_or(Kind::Datagram);
        let attempt = |kind| -> Result<Socket, net::Error> {
            let mut sock = self.new_socket(Family::Unix, kind)?;
            sock.connect(&addr, None)?;
            Ok(sock)
        };
        match attempt(first) {
            Ok(sock) => {
                st.socket = Sock::Open(sock);
                st.socktype = Some(first);
                Ok(())
            }
            Err(e) => {
                st.socket = Sock::Closed;
                if st.socktype.is_some() {
                    return Err(e.into());
                }
                let sock = attempt(Kind::Stream)?;
                st.socket = Sock::Open(sock);
                st.socktype = Some(Kind::Stream);
                Ok(())
            }
        }
    }

    fn create_socket_locked(&self, st: &mut State) -> Result<(), Error> {
        match &self.address {
            SyslogAddress::Unix(path) => {
                st.unixsocket = true;
                // Ignored, as C's openlog() ignores it: emit tries again.
                let _ = self.connect_unixsocket(st, path);
                Ok(())
            }
            SyslogAddress::Inet(host, port) => {
                st.unixsocket = false;
                let kind = st.socktype.unwrap_or(Kind::Datagram);
                // getaddrinfo(host, port, 0, socktype): the first address
                // that gives a socket (and, for a stream, connects).
                let sock = match kind {
                    Kind::Stream => create_connection(host, *port, self.timeout)?,
                    Kind::Datagram => {
                        let addr = net::resolve(host, *port, None)?.next().ok_or_else(|| {
                            Error::Exception {
                                class: "OSError",
                                message: String::from("getaddrinfo returns an empty list"),
                            }
                        })?;
                        st.family = addr.family();
                        self.new_socket(addr.family(), Kind::Datagram)?
                    }
                };
                st.socket = Sock::Open(sock);
                st.socktype = Some(kind);
                Ok(())
            }
        }
    }

    /// The bytes `emit` sends for `record`.
    fn encode_record(&self, record: &mut LogRecord) -> Result<Vec<u8>, Error> {
        let mut msg = String::new();
        self.base.format(record, &mut msg)?;
        let (ident, append_nul, facility) = {
            let st = self.state.lock();
            (st.ident.clone(), st.append_nul, st.facility.clone())
        };
        if !ident.is_empty() {
            msg.insert_str(0, &ident);
        }
        if append_nul {
            msg.push('\0');
        }
        let priority = Code::Name(self.map_priority(&record.levelname));
        let mut out = String::new();
        let _ = write!(out, "<{}>", encode(&facility, &priority)?);
        out.push_str(&msg);
        Ok(out.into_bytes())
    }
}

impl Handler for SysLogHandler {
    fn base(&self) -> &HandlerBase {
        &self.base
    }

    fn emit(&self, record: &mut LogRecord) -> Result<(), Error> {
        let msg = self.encode_record(record)?;
        let mut st = self.state.lock();
        if matches!(st.socket, Sock::None) {
            self.create_socket_locked(&mut st)?;
        }
        if let SyslogAddress::Unix(path) = &self.address {
            let sent = match &st.socket {
                Sock::Open(sock) => sock.send(&msg).map(|_| ()),
                // CPython's send on its closed socket object: EBADF.
                _ => Err(net::Error::Os(strata_core::errno::Errno::BADF)),
            };
            if sent.is_err() {
                st.socket = Sock::Closed;
                self.connect_unixsocket(&mut st, path)?;
                if let Sock::Open(sock) = &st.socket {
                    sock.send(&msg)?;
                }
            }
            return Ok(());
        }
        let Sock::Open(sock) = &st.socket else {
            return Err(Error::Exception {
                class: "AttributeError",
                message: String::from("'NoneType' object has no attribute 'sendall'"),
            });
        };
        match (st.socktype, &self.address) {
            (Some(Kind::Datagram), SyslogAddress::Inet(host, port)) => {
                let addr = net::resolve(host, *port, Some(st.family))?
                    .next()
                    .ok_or(net::Error::Resolve(net::GaiError::NoName))?;
                sock.send_to(&msg, &addr)?;
            }
            _ => sock.send_all(&msg)?,
        }
        Ok(())
    }

    fn close(&self) {
        self.state.lock().socket = Sock::None;
        self.base.mark_closed();
    }
}
