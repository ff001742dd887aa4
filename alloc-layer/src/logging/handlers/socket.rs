//! `SocketHandler` and `DatagramHandler`: records pickled as CPython
//! pickles them (`makePickle`), sent over TCP or a unix stream socket, or
//! as UDP or unix datagrams, so that CPython's own receivers
//! (`pickle.loads` + `logging.makeLogRecord`) read them.
//!
//! What differs from CPython 3.11, and why:
//! - The datagram socket gets the handler's [`timeout`](SocketHandler::timeout)
//!   too (CPython's blocks): a unix datagram receiver whose queue is full
//!   would otherwise stall the logging call for ever. A send that times
//!   out goes through `handleError` as `TimeoutError: timed out`.
//! - The pickled dict is the record's attributes as `LogRecord.__init__`
//!   and `makeRecord` set them; a CPython record formatted earlier with
//!   `%(asctime)s` also carries `asctime`, which a Strata record does not
//!   keep.
//! - A `str` attribute is one Python object per slice (see
//!   [`pickle`](super::pickle)); where CPython would share an object
//!   that Strata holds twice (or the reverse), the memo references
//!   differ, not the unpickled dict.

use super::pickle::{self, Value};
use crate::logging::handler::{Handler, HandlerBase, register};
use crate::logging::{Arg, Error, LogRecord, NOTSET};
use alloc::string::String;
use alloc::sync::Arc;
use alloc::vec::Vec;
use strata_core::net::{self, Family, Kind, Socket, SocketAddr};
use strata_core::sync::Mutex;

/// What a socket handler changes as it runs: the socket and the backoff.
struct State {
    sock: Option<Socket>,
    close_on_error: bool,
    retry_time: Option<f64>,
    retry_period: f64,
    retry_start: f64,
    retry_max: f64,
    retry_factor: f64,
    timeout: f64,
}

/// What [`SocketHandler`] and [`DatagramHandler`] share (CPython's
/// `DatagramHandler` subclasses `SocketHandler`).
struct Core {
    base: HandlerBase,
    host: String,
    port: Option<u16>,
    kind: Kind,
    state: Mutex<State>,
}

/// `OSError("AF_UNIX path too long")`, as `socket.connect` raises it.
fn unix_addr(path: &str) -> Result<SocketAddr, Error> {
    SocketAddr::unix(path.as_bytes()).ok_or_else(|| Error::Exception {
        class: "OSError",
        message: String::from("AF_UNIX path too long"),
    })
}

/// `socket.create_connection((host, port), timeout)`: each address
/// `getaddrinfo` gives, in turn; the last error if none connects.
pub(crate) fn create_connection(
    host: &str,
    port: u16,
    timeout: Option<f64>,
) -> Result<Socket, Error> {
    let mut last = None;
    for addr in net::resolve(host, port, None)? {
        let attempt = (|| {
            let mut sock = Socket::new(addr.family(), Kind::Stream)?;
            sock.set_timeout(timeout)?;
            sock.connect(&addr, None)?;
            Ok::<Socket, net::Error>(sock)
        })();
        match attempt {
            Ok(sock) => return Ok(sock),
            Err(e) => last = Some(e),
        }
    }
    Err(match last {
        Some(e) => e.into(),
        None => Error::Exception {
            class: "OSError",
            message: String::from("getaddrinfo returns an empty list"),
        },
    })
}

/// `time.time()`, the clock CPython's backoff reads.
fn now() -> f64 {
    strata_core::time::time()
}

impl Core {
    fn new(host: &str, port: Option<u16>, kind: Kind) -> Core {
        Core {
            base: HandlerBase::new(NOTSET),
            host: String::from(host),
            port,
            kind,
            state: Mutex::new(State {
                sock: None,
                close_on_error: false,
                retry_time: None,
                retry_period: 0.0,
                retry_start: 1.0,
                retry_max: 30.0,
                retry_factor: 2.0,
                timeout: 1.0,
            }),
        }
    }

    /// `makeSocket(timeout=1)`.
    fn make_socket(&self, timeout: f64) -> Result<Socket, Error> {
        match (self.kind, self.port) {
            (Kind::Stream, Some(port)) => create_connection(&self.host, port, Some(timeout)),
            (Kind::Stream, None) => {
                let addr = unix_addr(&self.host)?;
                let mut sock = Socket::new(Family::Unix, Kind::Stream)?;
                sock.set_timeout(Some(timeout))?;
                sock.connect(&addr, None)?;
                Ok(sock)
            }
            (Kind::Datagram, port) => {
                let family = if port.is_some() {
                    Family::Inet
                } else {
                    Family::Unix
                };
                let mut sock = Socket::new(family, Kind::Datagram)?;
                sock.set_timeout(Some(timeout))?;
                Ok(sock)
            }
        }
    }

    /// `createSocket()`: a new socket unless the backoff says it is not
    /// yet time; a failure only pushes the next attempt back.
    fn create_socket(&self, st: &mut State) {
        let now = now();
        let attempt = st.retry_time.is_none_or(|t| now >= t);
        if !attempt {
            return;
        }
        match self.make_socket(st.timeout) {
            Ok(sock) => {
                st.sock = Some(sock);
                st.retry_time = None;
            }
            Err(_) => {
                if st.retry_time.is_none() {
                    st.retry_period = st.retry_start;
                } else {
                    st.retry_period *= st.retry_factor;
                    if st.retry_period > st.retry_max {
                        st.retry_period = st.retry_max;
                    }
                }
                st.retry_time = Some(now + st.retry_period);
            }
        }
    }

    /// `SocketHandler.send(s)`: `sendall`; a failure closes the socket
    /// (the next call reconnects) and is otherwise silent, as in CPython.
    fn send_stream(&self, data: &[u8]) {
        let mut st = self.state.lock();
        if st.sock.is_none() {
            self.create_socket(&mut st);
        }
        if let Some(sock) = &st.sock
            && sock.send_all(data).is_err()
        {
            st.sock = None;
        }
    }

    /// `DatagramHandler.send(s)`: `sendto` the address; errors go to the
    /// caller (and so to `handleError`).
    fn send_datagram(&self, data: &[u8]) -> Result<(), Error> {
        let mut st = self.state.lock();
        if st.sock.is_none() {
            self.create_socket(&mut st);
        }
        let Some(sock) = &st.sock else {
            return Err(Error::Exception {
                class: "AttributeError",
                message: String::from("'NoneType' object has no attribute 'sendto'"),
            });
        };
        let addr = match self.port {
            Some(port) => net::resolve(&self.host, port, Some(Family::Inet))?
                .next()
                .ok_or(net::Error::Resolve(net::GaiError::NoName))?,
            None => unix_addr(&self.host)?,
        };
        sock.send_to(data, &addr)?;
        Ok(())
    }

    /// `makePickle(record)`.
    fn make_pickle(&self, record: &mut LogRecord) -> Result<Vec<u8>, Error> {
        if record.exc_info.is_some() {
            // Only to put the traceback text into exc_text.
            let mut dummy = String::new();
            self.base.format(record, &mut dummy)?;
        }
        record.get_message()?;
        let mut out = alloc::vec![0; 4];
        pickle::dumps(&record_dict(record), &mut out);
        let len = u32::try_from(out.len() - 4).map_err(|_| Error::Exception {
            class: "struct.error",
            message: String::from("'L' format requires 0 <= number <= 4294967295"),
        })?;
        out[..4].copy_from_slice(&len.to_be_bytes());
        Ok(out)
    }

    /// `SocketHandler.handleError(record)`.
    fn handle_error(&self, record: &LogRecord, error: &Error) {
        let mut st = self.state.lock();
        if st.close_on_error && st.sock.is_some() {
            st.sock = None;
        } else {
            drop(st);
            crate::logging::handler::handle_error_text(error, Some(record));
        }
    }

    fn close(&self) {
        self.state.lock().sock = None;
        self.base.mark_closed();
    }
}

/// The dict `makePickle` pickles: `record.__dict__` in CPython 3.11's
/// attribute order, `msg` the message, `args` and `exc_info` `None`,
/// no `message`; the message must have been made.
fn record_dict(record: &LogRecord) -> Value<'_> {
    fn opt_str(s: Option<&str>) -> Value<'_> {
        s.map_or(Value::None, Value::Str)
    }
    fn arg(a: &Arg) -> Value<'_> {
        match a {
            Arg::None => Value::None,
            Arg::Bool(b) => Value::Bool(*b),
            Arg::Int(n) => Value::Int(*n),
            Arg::Float(x) => Value::Float(*x),
            Arg::Str(s) => Value::Str(s),
        }
    }
    let message = record.message().unwrap_or("");
    let mut items = alloc::vec![
        (Value::Str("name"), Value::Str(&record.name)),
        (Value::Str("msg"), Value::Str(message)),
        (Value::Str("args"), Value::None),
        (Value::Str("levelname"), Value::Str(&record.levelname)),
        (Value::Str("levelno"), Value::Int(record.levelno.into())),
        (Value::Str("pathname"), Value::Str(&record.pathname)),
        (Value::Str("filename"), Value::Str(&record.filename)),
        (Value::Str("module"), Value::Str(&record.module)),
        (Value::Str("exc_info"), Value::None),
        (Value::Str("exc_text"), opt_str(record.exc_text.as_deref())),
        (
            Value::Str("stack_info"),
            opt_str(record.stack_info.as_deref())
        ),
        (Value::Str("lineno"), Value::Int(record.lineno.into())),
        (Value::Str("funcName"), Value::Str(&record.func_name)),
        (Value::Str("created"), Value::Float(record.created)),
        (Value::Str("msecs"), Value::Float(record.msecs)),
        (
            Value::Str("relativeCreated"),
            Value::Float(record.relative_created)
        ),
        (
            Value::Str("thread"),
            record.thread.map_or(Value::None, |t| Value::Int(t as i128)),
        ),
        (
            Value::Str("threadName"),
            opt_str(record.thread_name.as_deref())
        ),
        (Value::Str("processName"), opt_str(record.process_name)),
        (
            Value::Str("process"),
            record.process.map_or(Value::None, |p| Value::Int(p.into())),
        ),
    ];
    for (key, value) in &record.extra {
        items.push((Value::Str(key), arg(value)));
    }
    Value::Dict(items)
}

macro_rules! common_api {
    () => {
        /// `host` (a unix socket's path when `port` is `None`).
        pub fn host(&self) -> &str {
            &self.core.host
        }

        /// `port`.
        pub fn port(&self) -> Option<u16> {
            self.core.port
        }

        /// `closeOnError`: on a `handleError`, close the socket silently
        /// (reopened on the next call) instead of reporting.
        pub fn close_on_error(&self) -> bool {
            self.core.state.lock().close_on_error
        }

        /// Sets `closeOnError`.
        pub fn set_close_on_error(&self, on: bool) {
            self.core.state.lock().close_on_error = on;
        }

        /// `retryTime`: when (`time.time()`) the next connection attempt
        /// may be made; `None` right after a success or before any
        /// failure.
        pub fn retry_time(&self) -> Option<f64> {
            self.core.state.lock().retry_time
        }

        /// Sets `retryTime` (`None`: the next call tries at once).
        pub fn set_retry_time(&self, time: Option<f64>) {
            self.core.state.lock().retry_time = time;
        }

        /// `retryStart`, `retryFactor`, `retryMax`: the first wait after a
        /// failed attempt (1.0 s), what each further failure multiplies it
        /// by (2.0), and its cap (30.0 s).
        pub fn retry_params(&self) -> (f64, f64, f64) {
            let st = self.core.state.lock();
            (st.retry_start, st.retry_factor, st.retry_max)
        }

        /// Sets `retryStart`, `retryFactor` and `retryMax`.
        pub fn set_retry_params(&self, start: f64, factor: f64, max: f64) {
            let mut st = self.core.state.lock();
            st.retry_start = start;
            st.retry_factor = factor;
            st.retry_max = max;
        }

        /// The timeout in seconds `makeSocket` gives new sockets
        /// (CPython's `makeSocket(timeout=1)` default argument): the
        /// connection and every send wait at most this long.
        pub fn timeout(&self) -> f64 {
            self.core.state.lock().timeout
        }

        /// Sets the timeout for sockets made from now on.
        pub fn set_timeout(&self, timeout: f64) {
            self.core.state.lock().timeout = timeout;
        }

        /// Whether the handler holds a socket (`sock is not None`).
        pub fn has_socket(&self) -> bool {
            self.core.state.lock().sock.is_some()
        }

        /// `createSocket()`: connect now, unless the backoff's retry time
        /// has not come; a failure sets the next retry time.
        pub fn create_socket(&self) {
            let mut st = self.core.state.lock();
            self.core.create_socket(&mut st);
        }

        /// `makePickle(record)`: the record's attributes pickled with
        /// protocol 1 behind a 4-byte big-endian length, as CPython's
        /// receivers read them.
        pub fn make_pickle(&self, record: &mut LogRecord) -> Result<Vec<u8>, Error> {
            self.core.make_pickle(record)
        }
    };
}

/// `logging.handlers.SocketHandler(host, port)`: each record pickled and
/// sent over a TCP connection to `(host, port)`, or a unix stream socket
/// at the path `host` when `port` is `None`, kept open across calls.
///
/// A connection that cannot be made, or breaks, loses the record
/// silently, as in CPython; the next call reconnects, after an
/// exponential backoff (1 s, doubling, at most 30 s) once an attempt
/// has failed. Each connection attempt and each send waits at most
/// [`timeout`](SocketHandler::timeout) seconds.
///
/// # References
/// - [connect(2)](https://man7.org/linux/man-pages/man2/connect.2.html),
///   [send(2)](https://man7.org/linux/man-pages/man2/send.2.html)
pub struct SocketHandler {
    core: Core,
}

impl SocketHandler {
    /// `SocketHandler(host, port)`: no connection until the first record.
    pub fn new(host: &str, port: Option<u16>) -> Arc<SocketHandler> {
        register(SocketHandler {
            core: Core::new(host, port, Kind::Stream),
        })
    }

    common_api!();

    /// `send(s)`: all of `data` over the connection, connecting first if
    /// there is none (and the backoff allows); a failure closes the
    /// socket and drops the data.
    pub fn send(&self, data: &[u8]) {
        self.core.send_stream(data);
    }
}

impl Handler for SocketHandler {
    fn base(&self) -> &HandlerBase {
        &self.core.base
    }

    fn emit(&self, record: &mut LogRecord) -> Result<(), Error> {
        let data = self.core.make_pickle(record)?;
        self.core.send_stream(&data);
        Ok(())
    }

    fn handle_error(&self, record: &LogRecord, error: &Error) {
        self.core.handle_error(record, error);
    }

    fn close(&self) {
        self.core.close();
    }
}

/// `logging.handlers.DatagramHandler(host, port)`: each record pickled
/// as [`SocketHandler`] pickles it and sent as one UDP datagram to
/// `(host, port)`, or a unix datagram to the path `host` when `port` is
/// `None`. A failed send goes through `handleError`.
///
/// # References
/// - [sendto(2)](https://man7.org/linux/man-pages/man2/sendto.2.html),
///   [udp(7)](https://man7.org/linux/man-pages/man7/udp.7.html)
pub struct DatagramHandler {
    core: Core,
}

impl DatagramHandler {
    /// `DatagramHandler(host, port)`.
    pub fn new(host: &str, port: Option<u16>) -> Arc<DatagramHandler> {
        register(DatagramHandler {
            core: Core::new(host, port, Kind::Datagram),
        })
    }

    common_api!();

    /// `send(s)`: one datagram to the handler's address.
    pub fn send(&self, data: &[u8]) -> Result<(), Error> {
        self.core.send_datagram(data)
    }
}

impl Handler for DatagramHandler {
    fn base(&self) -> &HandlerBase {
        &self.core.base
    }

    fn emit(&self, record: &mut LogRecord) -> Result<(), Error> {
        let data = self.core.make_pickle(record)?;
        self.core.send_datagram(&data)
    }

    fn handle_error(&self, record: &LogRecord, error: &Error) {
        self.core.handle_error(record, error);
    }

    fn close(&self) {
        self.core.close();
    }
}
