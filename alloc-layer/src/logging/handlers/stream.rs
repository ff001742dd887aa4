//! `StreamHandler`, `FileHandler` and `NullHandler` (the handlers of
//! `logging` itself; those of `logging.handlers` are beside this file).

use crate::io::{HeapFile, open_with};
use crate::logging::handler::{Handler, HandlerBase, register};
use crate::logging::{Error, LogRecord, NOTSET};
use alloc::boxed::Box;
use alloc::string::String;
use alloc::sync::Arc;
use alloc::vec::Vec;
use strata_core::io::{IOBase, OpenOptions, TextIOBase};
use strata_core::sync::Mutex;

/// Where a [`StreamHandler`] writes: anything with `write` and `flush`,
/// as Python's stream argument.
pub trait Stream: Send + 'static {
    /// `stream.write(text)`.
    fn write(&mut self, text: &str) -> Result<(), Error>;
    /// `stream.flush()`.
    fn flush(&mut self) -> Result<(), Error> {
        Ok(())
    }
    /// `stream.close()`, for the streams a handler opened itself.
    fn close(&mut self) -> Result<(), Error> {
        Ok(())
    }
    /// `stream.seek(0, 2)` then `stream.tell()`: the size of the file in
    /// bytes, for `RotatingFileHandler`; `UnsupportedOperation` for a
    /// stream that is no file.
    fn seek_end(&mut self) -> Result<u64, Error> {
        Err(strata_core::io::Error::Unsupported("seek").into())
    }
    /// `os.fstat(stream.fileno())`, for `WatchedFileHandler`;
    /// `UnsupportedOperation` for a stream that is no file.
    fn fstat(&self) -> Result<crate::os::StatResult, Error> {
        Err(strata_core::io::Error::Unsupported("fileno").into())
    }
}

impl Stream for strata_core::io::Stderr {
    fn write(&mut self, text: &str) -> Result<(), Error> {
        Ok(strata_core::io::Stderr::write(self, text.as_bytes())?)
    }
}

impl Stream for strata_core::io::Stdout {
    fn write(&mut self, text: &str) -> Result<(), Error> {
        Ok(self.write_str(text)?)
    }
    fn flush(&mut self) -> Result<(), Error> {
        Ok(strata_core::io::Stdout::flush(self)?)
    }
}

impl Stream for String {
    fn write(&mut self, text: &str) -> Result<(), Error> {
        self.push_str(text);
        Ok(())
    }
}

impl Stream for HeapFile {
    fn write(&mut self, text: &str) -> Result<(), Error> {
        TextIOBase::write(self.text()?, text)?;
        Ok(())
    }
    fn flush(&mut self) -> Result<(), Error> {
        Ok(IOBase::flush(self)?)
    }
    fn close(&mut self) -> Result<(), Error> {
        Ok(IOBase::close(self)?)
    }
    fn seek_end(&mut self) -> Result<u64, Error> {
        IOBase::seek(self, 0, strata_core::io::Whence::End)?;
        Ok(IOBase::tell(self)?)
    }
    fn fstat(&self) -> Result<crate::os::StatResult, Error> {
        let fd = IOBase::fileno(self)?;
        // SAFETY: `fileno` succeeded, so the descriptor is open, and it
        // stays open while `self` is borrowed; the borrow ends here.
        let fd = unsafe { crate::os::BorrowedFd::borrow_raw(fd) };
        Ok(crate::os::fstat(fd)?)
    }
}

/// A log file in UTF-8 text mode, written as bytes straight to its
/// descriptor: what the text layer would write (UTF-8 takes every Rust
/// string; Linux translates no newlines), without copying through it.
struct RawFile {
    file: strata_core::io::FileIO,
    /// Bytes not yet written (only when records are not flushed each).
    pending: Vec<u8>,
    buffered: bool,
}

/// How much a [`RawFile`] keeps before writing, when it keeps any.
const PENDING_MAX: usize = 64 * 1024;

impl RawFile {
    /// The raw file for `options`, or `None` when the text layer is
    /// needed (another encoding, or a binary mode).
    fn open(path: &[u8], options: &FileOptions) -> Result<Option<RawFile>, Error> {
        let utf8 = options.encoding.as_deref().is_none_or(|e| {
            let e = e.to_ascii_lowercase().replace('_', "-");
            e == "utf-8" || e == "utf8"
        });
        if !utf8 || options.mode.contains('b') {
            return Ok(None);
        }
        let mut mode = options.mode.clone();
        mode.push('b');
        // Probe the mode as open() would: a bad one is open()'s ValueError.
        let file = strata_core::io::FileIO::open(path, &mode.replace('t', ""))
            .map_err(|e| Error::from(e.with_filename(path)))?;
        Ok(Some(RawFile {
            file,
            pending: Vec::new(),
            buffered: !options.flush_each_record,
        }))
    }

    fn write_out(&mut self, mut bytes: &[u8]) -> Result<(), Error> {
        use strata_core::io::RawIOBase;
        while !bytes.is_empty() {
            let n = self.file.write(bytes)?;
            bytes = bytes.get(n..).unwrap_or_default();
        }
        Ok(())
    }
}

impl Stream for RawFile {
    fn write(&mut self, text: &str) -> Result<(), Error> {
        if !self.buffered {
            return self.write_out(text.as_bytes());
        }
        self.pending.extend_from_slice(text.as_bytes());
        if self.pending.len() >= PENDING_MAX {
            self.flush()?;
        }
        Ok(())
    }
    fn flush(&mut self) -> Result<(), Error> {
        let pending = core::mem::take(&mut self.pending);
        let result = self.write_out(&pending);
        // Keep the allocation for the next records.
        self.pending = pending;
        self.pending.clear();
        result
    }
    fn close(&mut self) -> Result<(), Error> {
        let flushed = self.flush();
        let closed = IOBase::close(&mut self.file).map_err(Error::from);
        flushed.and(closed)
    }
    fn seek_end(&mut self) -> Result<u64, Error> {
        let end = IOBase::seek(&mut self.file, 0, strata_core::io::Whence::End)?;
        Ok(end + self.pending.len() as u64)
    }
    fn fstat(&self) -> Result<crate::os::StatResult, Error> {
        let fd = IOBase::fileno(&self.file)?;
        // SAFETY: `fileno` succeeded, so the descriptor is open, and it
        // stays open while `self` is borrowed; the borrow ends here.
        let fd = unsafe { crate::os::BorrowedFd::borrow_raw(fd) };
        Ok(crate::os::fstat(fd)?)
    }
}

/// A stream shared with its owner: the owner reads what the handler
/// wrote (Python's `StringIO` passed to a handler).
impl<S: Stream> Stream for Arc<Mutex<S>> {
    fn write(&mut self, text: &str) -> Result<(), Error> {
        self.lock().write(text)
    }
    fn flush(&mut self) -> Result<(), Error> {
        self.lock().flush()
    }
}

/// The state a stream handler keeps behind its lock.
struct StreamState {
    stream: Option<Box<dyn Stream>>,
    /// Whether `emit` flushes after each record (StreamHandler always).
    flush_each: bool,
    terminator: String,
    /// The formatted record, reused from record to record.
    buf: String,
}

/// Formats `record` and writes it with the terminator in one write, then
/// flushes: CPython's `StreamHandler.emit`.
fn emit_to(
    base: &HandlerBase,
    state: &mut StreamState,
    record: &mut LogRecord,
) -> Result<(), Error> {
    write_line(state, |buf| base.format(record, buf))
}

/// Writes the text `fill` puts in the state's buffer, then the
/// terminator, in one write; flushes when the state says so.
fn write_line(
    state: &mut StreamState,
    fill: impl FnOnce(&mut String) -> Result<(), Error>,
) -> Result<(), Error> {
    let mut buf = core::mem::take(&mut state.buf);
    buf.clear();
    let result = fill(&mut buf).and_then(|()| {
        buf.push_str(&state.terminator);
        match state.stream.as_mut() {
            Some(stream) => stream.write(&buf).and_then(|()| {
                if state.flush_each {
                    stream.flush()
                } else {
                    Ok(())
                }
            }),
            None => Ok(()),
        }
    });
    // Keep the allocation, but not a huge one.
    if buf.capacity() <= 64 * 1024 {
        state.buf = buf;
    }
    result
}

/// `logging.StreamHandler`: each record, formatted, then the terminator
/// (`"\n"`), written to a stream and flushed.
///
/// ```
/// use strata_alloc::logging::{self, StreamHandler};
/// use strata_core::sync::Mutex;
/// use std::sync::Arc;
/// let out = Arc::new(Mutex::new(String::new()));
/// let log = logging::get_logger("doc.stream");
/// log.add_handler(StreamHandler::new(out.clone()));
/// log.warning("disk %d%% full", (91,));
/// assert_eq!(*out.lock(), "disk 91% full\n");
/// ```
pub struct StreamHandler {
    base: HandlerBase,
    state: Mutex<StreamState>,
}

impl StreamHandler {
    /// `StreamHandler(stream)`.
    pub fn new(stream: impl Stream) -> Arc<StreamHandler> {
        register(StreamHandler::unregistered(Some(Box::new(stream))))
    }

    /// `StreamHandler()`: to `sys.stderr`.
    pub fn stderr() -> Arc<StreamHandler> {
        StreamHandler::new(strata_core::io::stderr())
    }

    fn unregistered(stream: Option<Box<dyn Stream>>) -> StreamHandler {
        StreamHandler {
            base: HandlerBase::new(NOTSET),
            state: Mutex::new(StreamState {
                stream,
                flush_each: true,
                terminator: String::from("\n"),
                buf: String::new(),
            }),
        }
    }

    /// `setStream(stream)`: flushes the old stream and returns it.
    pub fn set_stream(&self, stream: impl Stream) -> Option<Box<dyn Stream>> {
        let mut state = self.state.lock();
        if let Some(old) = state.stream.as_mut() {
            let _ = old.flush();
        }
        state.stream.replace(Box::new(stream))
    }

    /// `terminator`.
    pub fn terminator(&self) -> String {
        self.state.lock().terminator.clone()
    }

    /// Sets `terminator` (`""` writes records back to back).
    pub fn set_terminator(&self, terminator: &str) {
        self.state.lock().terminator = String::from(terminator);
    }
}

impl Handler for StreamHandler {
    fn base(&self) -> &HandlerBase {
        &self.base
    }

    fn emit(&self, record: &mut LogRecord) -> Result<(), Error> {
        emit_to(&self.base, &mut self.state.lock(), record)
    }

    fn flush(&self) -> Result<(), Error> {
        match self.state.lock().stream.as_mut() {
            Some(stream) => stream.flush(),
            None => Ok(()),
        }
    }
}

/// `logging.NullHandler`: takes records and does nothing (a library's
/// handler, so that its records never reach `lastResort`).
#[derive(Default)]
pub struct NullHandler {
    base: HandlerBase,
}

impl NullHandler {
    /// `NullHandler()`.
    pub fn new() -> Arc<NullHandler> {
        register(NullHandler::default())
    }
}

impl Handler for NullHandler {
    fn base(&self) -> &HandlerBase {
        &self.base
    }
    fn emit(&self, _record: &mut LogRecord) -> Result<(), Error> {
        Ok(())
    }
    fn handle(&self, _record: &mut LogRecord) -> bool {
        true
    }
}

/// How a [`FileHandler`] opens its file: `open()`'s mode, `encoding`,
/// `errors`, and `delay` (open at the first record).
#[derive(Clone, Debug)]
pub struct FileOptions {
    /// `mode`, `"a"` by default.
    pub mode: String,
    /// `encoding`, UTF-8 when `None`.
    pub encoding: Option<String>,
    /// `errors`, `strict` when `None`.
    pub errors: Option<String>,
    /// `delay`.
    pub delay: bool,
    /// Whether each record is flushed to the file as it is written
    /// (Python's behaviour, and the default). `false` keeps up to 64 KiB
    /// in memory and writes it when full, at `flush()`, `close()` and
    /// `shutdown()` at exit: far fewer system calls, but records still
    /// in memory are lost if the process is killed.
    pub flush_each_record: bool,
}

impl Default for FileOptions {
    fn default() -> Self {
        FileOptions {
            mode: String::from("a"),
            encoding: None,
            errors: None,
            delay: false,
            flush_each_record: true,
        }
    }
}

/// An open log file and how to open it again: the part of `FileHandler`
/// the rotating and watching handlers share.
pub(crate) struct LogFile {
    /// `baseFilename`: the absolute path.
    pub(crate) path: Vec<u8>,
    pub(crate) options: FileOptions,
    state: StreamState,
    closed: bool,
}

impl LogFile {
    pub(crate) fn new(filename: &[u8], options: FileOptions) -> Result<LogFile, Error> {
        let path = crate::os::path::abspath(filename)?;
        let mut file = LogFile {
            path,
            options,
            state: StreamState {
                stream: None,
                flush_each: true,
                terminator: String::from("\n"),
                buf: String::new(),
            },
            closed: false,
        };
        if !file.options.delay {
            file.open()?;
        }
        Ok(file)
    }

    /// `_open()`: opens `baseFilename` with the handler's mode.
    pub(crate) fn open(&mut self) -> Result<(), Error> {
        self.state.flush_each = self.options.flush_each_record;
        if let Some(raw) = RawFile::open(&self.path, &self.options)? {
            self.state.stream = Some(Box::new(raw));
            return Ok(());
        }
        let options = OpenOptions {
            encoding: self.options.encoding.as_deref(),
            errors: self.options.errors.as_deref(),
            ..OpenOptions::default()
        };
        let file = open_with(self.path.as_slice(), &self.options.mode, options)
            .map_err(|e| Error::from(e.with_filename(&self.path)))?;
        self.state.stream = Some(Box::new(file));
        Ok(())
    }

    pub(crate) fn is_open(&self) -> bool {
        self.state.stream.is_some()
    }

    /// `stream.seek(0, 2); stream.tell()`: the open file's size in bytes
    /// (`None` with no stream open).
    pub(crate) fn seek_end(&mut self) -> Result<Option<u64>, Error> {
        self.state.stream.as_mut().map(|s| s.seek_end()).transpose()
    }

    /// `os.fstat(stream.fileno())` (`None` with no stream open).
    pub(crate) fn fstat(&self) -> Result<Option<crate::os::StatResult>, Error> {
        self.state.stream.as_ref().map(|s| s.fstat()).transpose()
    }

    /// `FileHandler.emit`: opens the file first when `delay` put it off
    /// (not after `close()` in mode `w`, CPython's issue 42378).
    pub(crate) fn emit(&mut self, base: &HandlerBase, record: &mut LogRecord) -> Result<(), Error> {
        if self.state.stream.is_none() {
            if self.options.mode != "w" || !self.closed {
                self.open()?;
            } else {
                return Ok(());
            }
        }
        emit_to(base, &mut self.state, record)
    }

    /// `emit` of a record already formatted as `text` (the rotating
    /// handlers format once for both the rollover check and the write).
    pub(crate) fn emit_text(&mut self, text: &str) -> Result<(), Error> {
        if self.state.stream.is_none() {
            if self.options.mode != "w" || !self.closed {
                self.open()?;
            } else {
                return Ok(());
            }
        }
        write_line(&mut self.state, |buf| {
            buf.push_str(text);
            Ok(())
        })
    }

    pub(crate) fn flush(&mut self) -> Result<(), Error> {
        match self.state.stream.as_mut() {
            Some(stream) => stream.flush(),
            None => Ok(()),
        }
    }

    /// Flushes and closes the stream (it opens again at the next record,
    /// as after a rollover).
    pub(crate) fn close_stream(&mut self) -> Result<(), Error> {
        match self.state.stream.take() {
            Some(mut stream) => {
                let flushed = stream.flush();
                let closed = stream.close();
                flushed.and(closed)
            }
            None => Ok(()),
        }
    }

    pub(crate) fn close(&mut self) {
        let _ = self.close_stream();
        self.closed = true;
    }
}

/// `logging.FileHandler`: records appended to a file (by default; any
/// `open()` mode), flushed after each one.
pub struct FileHandler {
    base: HandlerBase,
    file: Mutex<LogFile>,
}

impl FileHandler {
    /// `FileHandler(filename)`: mode `a`, UTF-8, opened now.
    pub fn new(filename: impl AsRef<[u8]>) -> Result<Arc<FileHandler>, Error> {
        FileHandler::with_options(filename, FileOptions::default())
    }

    /// `FileHandler(filename, mode, encoding, delay, errors)`.
    pub fn with_options(
        filename: impl AsRef<[u8]>,
        options: FileOptions,
    ) -> Result<Arc<FileHandler>, Error> {
        let file = LogFile::new(filename.as_ref(), options)?;
        Ok(register(FileHandler {
            base: HandlerBase::new(NOTSET),
            file: Mutex::new(file),
        }))
    }

    /// `baseFilename`.
    pub fn base_filename(&self) -> Vec<u8> {
        self.file.lock().path.clone()
    }
}

impl Handler for FileHandler {
    fn base(&self) -> &HandlerBase {
        &self.base
    }

    fn emit(&self, record: &mut LogRecord) -> Result<(), Error> {
        self.file.lock().emit(&self.base, record)
    }

    fn flush(&self) -> Result<(), Error> {
        self.file.lock().flush()
    }

    fn close(&self) {
        self.file.lock().close();
        self.base.mark_closed();
    }
}
