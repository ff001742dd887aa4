//! `io.TextIOWrapper`: text I/O over a buffered binary stream.
//!
//! Reading decodes straight out of the buffered stream's buffer: a line
//! that needs no change (UTF-8, valid, no `\r\n` to translate) is returned
//! borrowed from that buffer, without a copy; any other is decoded into the
//! wrapper's own line buffer. Because nothing decoded is ever held back, a
//! position is simply the byte offset in the binary stream: `tell()`
//! cookies are byte offsets, equal to CPython's wherever CPython's are
//! plain offsets, and they always round-trip through `seek()`. For the same
//! reason `reconfigure` may change the encoding, errors or newline at any
//! time (CPython refuses once decoded text is pending).
//!
//! Newlines as in Python: `None` reads `\n`, `\r` and `\r\n` as `\n`;
//! `''` splits lines at any of them without translating; `'\n'`, `'\r'`,
//! `'\r\n'` split at that ending only and, when writing, `\n` becomes
//! that ending. Writes go to the buffered stream at once (so
//! `write_through` changes nothing but the flag); with `line_buffering`, a
//! write holding `\n` or `\r` is followed by a flush.
//!
//! What differs from Python: reads are measured in bytes of UTF-8, not in
//! characters; a line longer than the line buffer (or than the binary
//! stream's buffer, when borrowed) comes in pieces; under
//! `surrogateescape` undecodable bytes pass through as themselves (see
//! [`codec`](super::codec)), so such text is read with the `_bytes`
//! methods; decode error positions count bytes from the start of reading.

use super::codec::{self, Encoding, Errors};
use super::error::{ArgumentKind, BadArgument, Error, Result};
use super::memchr::{memchr, memchr2};
use super::traits::{
    BufferedIOBase, DEFAULT_BUFFER_SIZE, IOBase, Newlines, Storage, TextIOBase, Whence,
};
use core::fmt;

const DETACHED: Error = Error::Value("underlying buffer has been detached");
const BOM: &[u8] = b"\xef\xbb\xbf";

/// Python's `newline` argument.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Newline {
    /// `None`: universal newlines, translated to `\n` when reading.
    Universal,
    /// `''`: universal newlines, untranslated.
    Untranslated,
    /// `'\n'`.
    Lf,
    /// `'\r'`.
    Cr,
    /// `'\r\n'`.
    CrLf,
}

impl Newline {
    /// Whether a piece of text read under this mode ends a line (a line
    /// longer than a stream's line buffer comes in pieces, and only the
    /// last ends so): `\n` when reading translates or splits on it, `\r`
    /// or `\n` untranslated, `\r` or `\r\n` when those are the ending.
    pub fn ends_line(self, piece: &[u8]) -> bool {
        match self {
            Newline::Universal | Newline::Lf => piece.ends_with(b"\n"),
            Newline::Untranslated => piece.ends_with(b"\n") || piece.ends_with(b"\r"),
            Newline::Cr => piece.ends_with(b"\r"),
            Newline::CrLf => piece.ends_with(b"\r\n"),
        }
    }

    /// Parses Python's `newline`: `None`, `''`, `'\n'`, `'\r'` or
    /// `'\r\n'`; anything else is `ValueError: illegal newline value: X`.
    pub fn parse(newline: Option<&str>) -> Result<Newline> {
        Ok(match newline {
            None => Newline::Universal,
            Some("") => Newline::Untranslated,
            Some("\n") => Newline::Lf,
            Some("\r") => Newline::Cr,
            Some("\r\n") => Newline::CrLf,
            Some(other) => {
                return Err(Error::BadArgument(BadArgument::new(
                    ArgumentKind::Newline,
                    other,
                )));
            }
        })
    }

    /// What `\n` becomes when written, if anything.
    fn written(self) -> Option<&'static [u8]> {
        match self {
            Newline::Cr => Some(b"\r"),
            Newline::CrLf => Some(b"\r\n"),
            _ => None,
        }
    }

    fn universal(self) -> bool {
        matches!(self, Newline::Universal | Newline::Untranslated)
    }
}

/// The options of [`TextIOWrapper::with_options`] and
/// [`open`](super::open()): Python's keyword arguments, all defaulting as
/// Python's do (except that the default encoding is always UTF-8: Strata
/// has no locale).
#[derive(Clone, Copy, Debug, Default)]
pub struct TextOptions<'a> {
    /// `encoding`: `None` is `utf-8`.
    pub encoding: Option<&'a str>,
    /// `errors`: `None` is `strict`.
    pub errors: Option<&'a str>,
    /// `newline`: `None` is universal newlines.
    pub newline: Option<&'a str>,
    /// `line_buffering`.
    pub line_buffering: bool,
    /// `write_through`.
    pub write_through: bool,
}

/// [`TextIOWrapper::reconfigure`]'s arguments: `None` leaves a setting as
/// it is.
#[derive(Clone, Copy, Debug, Default)]
pub struct Reconfigure<'a> {
    /// `encoding`; given without `errors`, errors become `strict`.
    pub encoding: Option<&'a str>,
    /// `errors`.
    pub errors: Option<&'a str>,
    /// `newline`: `Some(None)` is Python's `newline=None`.
    pub newline: Option<Option<&'a str>>,
    /// `line_buffering`.
    pub line_buffering: Option<bool>,
    /// `write_through`.
    pub write_through: Option<bool>,
}

/// Whether to flush after a write holding a line ending.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum LineBuffering {
    /// On if the stream is a terminal, asked on the first line ending
    /// written (the standard output's rule). First, so that it is 0 and
    /// the standard output's static is all zero bytes.
    IfTerminal,
    Off,
    On,
}

/// What the wrapper knows apart from its two buffers.
struct State {
    encoding: Encoding,
    errors: Errors,
    newline: Newline,
    line_buffering: LineBuffering,
    write_through: bool,
    seen: Newlines,
    /// Bytes consumed since reading began (or the last seek's target):
    /// where decode errors say they are.
    offset: u64,
    /// `utf-8-sig`: a BOM may still come first when reading.
    bom_read: bool,
    /// `utf-8-sig`: a BOM is due before the first write.
    bom_write: bool,
    /// How many of the binary stream's unconsumed bytes are known to be
    /// UTF-8: checked once per buffer, in bulk, when the stream keeps its
    /// [`StableBuffer`] promise (0 otherwise, and after anything that may
    /// change those bytes).
    valid: usize,
}

/// What [`State::piece`] found.
enum Piece {
    /// This many raw bytes are the text as they stand: take them. They
    /// are valid UTF-8 (`piece` checked it).
    Borrow(usize),
    /// `consumed` raw bytes were decoded into `produced` bytes of output
    /// (possibly none: `ignore` drops bytes). Both 0 at end of file, or
    /// when not one character fits.
    Copied { produced: usize, consumed: usize },
}

/// Where a line ends, as found in the raw bytes.
enum Scan {
    /// `avail[..end]` is a line; its ending is `term` bytes of `kind`.
    Found {
        end: usize,
        term: usize,
        kind: Newlines,
    },
    /// Read more and search again from `resume`.
    More(usize),
    /// No ending can be found: `avail[..n]` is a piece of a line (the
    /// rest of the stream, or what fits in a full buffer, less a final
    /// `\r` that a `\n` may follow).
    Cut(usize),
}

/// Finds the first line ending in `avail` at or after `from`. `more`: the
/// buffer could take more; `eof`: the stream has ended.
fn scan(newline: Newline, avail: &[u8], from: usize, more: bool, eof: bool) -> Scan {
    let tail = avail.get(from..).unwrap_or_default();
    let found = |end, term, kind| Scan::Found { end, term, kind };
    let cut = || {
        let len = avail.len();
        let cr_last =
            avail.last() == Some(&b'\r') && newline != Newline::Lf && newline != Newline::Cr;
        if !eof && cr_last && len > 1 {
            Scan::Cut(len - 1)
        } else {
            Scan::Cut(len)
        }
    };
    match newline {
        Newline::Universal | Newline::Untranslated => match memchr2(b'\r', b'\n', tail) {
            Some(i) => {
                let i = from + i;
                if avail.get(i) == Some(&b'\n') {
                    found(i + 1, 1, Newlines::LF)
                } else {
                    match avail.get(i + 1) {
                        Some(b'\n') => found(i + 2, 2, Newlines::CRLF),
                        Some(_) => found(i + 1, 1, Newlines::CR),
                        None if more => Scan::More(i),
                        None if eof || i == 0 => found(i + 1, 1, Newlines::CR),
                        None => Scan::Cut(i),
                    }
                }
            }
            None if more => Scan::More(avail.len()),
            None => cut(),
        },
        Newline::Lf | Newline::Cr => {
            let (want, kind) = if newline == Newline::Lf {
                (b'\n', Newlines::LF)
            } else {
                (b'\r', Newlines::CR)
            };
            match memchr(want, tail) {
                Some(i) => found(from + i + 1, 1, kind),
                None if more => Scan::More(avail.len()),
                None => cut(),
            }
        }
        Newline::CrLf => {
            let mut at = from;
            loop {
                let rest = avail.get(at..).unwrap_or_default();
                match memchr(b'\n', rest) {
                    Some(i) => {
                        let j = at + i;
                        if j > 0 && avail.get(j - 1) == Some(&b'\r') {
                            return found(j + 1, 2, Newlines::CRLF);
                        }
                        at = j + 1;
                    }
                    None if more => return Scan::More(avail.len()),
                    None => return cut(),
                }
            }
        }
    }
}

impl State {
    fn new(options: &TextOptions<'_>) -> Result<State> {
        let encoding = Encoding::lookup(options.encoding.unwrap_or("utf-8"))?;
        let errors = Errors::lookup(options.errors.unwrap_or("strict"))?;
        let newline = Newline::parse(options.newline)?;
        Ok(State {
            encoding,
            errors,
            newline,
            line_buffering: if options.line_buffering {
                LineBuffering::On
            } else {
                LineBuffering::Off
            },
            write_through: options.write_through,
            seen: Newlines::default(),
            offset: 0,
            bom_read: encoding == Encoding::Utf8Sig,
            bom_write: encoding == Encoding::Utf8Sig,
            valid: 0,
        })
    }

    /// Skips a byte order mark at the start of a `utf-8-sig` stream.
    fn skip_bom<B: BufferedIOBase>(&mut self, buffer: &mut B) -> Result<()> {
        if self.bom_read {
            let avail = buffer.fill_buf(BOM.len())?;
            // A stream that ends inside a BOM loses it, as CPython's
            // utf-8-sig decoder drops the part it was waiting on.
            let n = if avail.starts_with(BOM) {
                BOM.len()
            } else if !avail.is_empty() && BOM.starts_with(avail) {
                avail.len()
            } else {
                0
            };
            buffer.consume(n);
            self.offset += n as u64;
            self.bom_read = false;
        }
        Ok(())
    }

    /// Finds the next line in `buffer` and either says it can be taken as
    /// it stands (`borrow` allowed, UTF-8, valid, nothing to translate) or
    /// decodes as much of it as fits into `out`. `Copied(0)` at end of
    /// file, or when not one character fits.
    fn piece<B: BufferedIOBase>(
        &mut self,
        buffer: &mut B,
        out: &mut [u8],
        borrow: bool,
    ) -> Result<Piece> {
        self.skip_bom(buffer)?;
        let mut want = 1;
        let mut from = 0;
        let (end, held, term, kind, last) = loop {
            let size = buffer.buffer_size();
            let avail = buffer.fill_buf(want)?;
            let len = avail.len();
            if len == 0 {
                return Ok(Piece::Copied {
                    produced: 0,
                    consumed: 0,
                });
            }
            let more = len >= want;
            let eof = !more && len < size;
            match scan(self.newline, avail, from, more, eof) {
                Scan::Found { end, term, kind } => break (end, 0, term, kind, true),
                Scan::More(resume) => {
                    from = resume;
                    want = len + 1;
                }
                // `last` only for the whole rest of the stream: a piece of
                // an over-long line leaves an incomplete character for the
                // next piece.
                Scan::Cut(n) => break (n, len - n, 0, Newlines::NONE, eof && n == len),
            }
        };
        let stable = buffer.stable().is_some();
        let avail = buffer.fill_buf(0)?;
        let raw = avail.get(..end).unwrap_or_default();
        let translate = self.newline == Newline::Universal && kind != Newlines::LF && term > 0;
        if borrow && !translate && matches!(self.encoding, Encoding::Utf8 | Encoding::Utf8Sig) {
            let valid = if stable {
                // Check what follows the known-good prefix, all of it at
                // once: long runs validate much faster than lines.
                if end > self.valid {
                    let rest = avail.get(self.valid..).unwrap_or_default();
                    self.valid += match core::str::from_utf8(rest) {
                        Ok(_) => rest.len(),
                        Err(e) => e.valid_up_to(),
                    };
                }
                end <= self.valid
            } else {
                core::str::from_utf8(raw).is_ok()
            };
            if valid {
                self.valid = self.valid.saturating_sub(end);
                self.account(end, term, kind);
                return Ok(Piece::Borrow(end));
            }
        }
        // A `\r` held back from a piece is decoded with it all the same (it
        // ends an incomplete character before it, as it would in one long
        // buffer), then given back: it is ASCII, one byte in, one out.
        let input = avail.get(..end + held).unwrap_or_default();
        let d = codec::decode(self.encoding, self.errors, input, out, last, self.offset);
        if let Some(e) = d.error {
            // Nothing is consumed: the same error comes again at the same
            // place until the caller changes `errors` or seeks.
            return Err(e);
        }
        let (mut consumed, mut produced) = (d.consumed, d.produced);
        if consumed > end {
            produced -= consumed - end;
            consumed = end;
        }
        if consumed < end && consumed > end - term {
            // Stopped inside a two-byte ending: leave all of it for later
            // (endings are ASCII, one output byte per input byte).
            let back = consumed - (end - term);
            consumed -= back;
            produced -= back;
        }
        if consumed == end && translate {
            // The output ends with the ending as read: make it `\n`.
            produced -= term - 1;
            if let Some(last) = out.get_mut(produced - 1) {
                *last = b'\n';
            }
        }
        buffer.consume(consumed);
        self.valid = self.valid.saturating_sub(consumed);
        if consumed == end {
            self.account(0, term, kind);
        }
        self.offset += consumed as u64;
        Ok(Piece::Copied { produced, consumed })
    }

    /// Records a line ending met (for `newlines`) and the bytes taken.
    fn account(&mut self, taken: usize, term: usize, kind: Newlines) {
        if term > 0 && self.newline.universal() {
            self.seen.add(kind);
        }
        self.offset += taken as u64;
    }
}

/// A text stream's writer for anything but plain UTF-8.
pub(crate) type Encoder<T> = fn(&mut T, &[u8]) -> Result<()>;

/// `io.TextIOWrapper`—a text stream over a [`BufferedIOBase`].
///
/// `S` is the line buffer that decoded text goes to when it cannot be
/// borrowed from the binary stream's buffer (8 KiB by default).
///
/// # References
/// - [io.TextIOWrapper](https://docs.python.org/3/library/io.html#io.TextIOWrapper)
pub struct TextIOWrapper<B: BufferedIOBase, S: Storage = [u8; DEFAULT_BUFFER_SIZE]> {
    buffer: Option<B>,
    line: S,
    state: State,
    /// The writer for anything but plain UTF-8: `None` only in the
    /// standard streams as built, so that a program that only prints
    /// carries no encoder.
    slow_write: Option<Encoder<Self>>,
}

impl<B: BufferedIOBase, S: Storage> fmt::Debug for TextIOWrapper<B, S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "TextIOWrapper(encoding={:?}, errors={:?}, newline={:?})",
            self.state.encoding.name(),
            self.state.errors.name(),
            self.state.newline
        )
    }
}

impl<B: BufferedIOBase> TextIOWrapper<B> {
    /// `TextIOWrapper(buffer)`: UTF-8, strict, universal newlines, an
    /// 8 KiB line buffer.
    pub fn new(buffer: B) -> Result<Self> {
        Self::with_options(buffer, [0; DEFAULT_BUFFER_SIZE], &TextOptions::default())
    }
}

impl<B: BufferedIOBase, S: Storage> TextIOWrapper<B, S> {
    /// `TextIOWrapper(buffer, encoding, errors, newline, line_buffering,
    /// write_through)`, decoding into `line`.
    pub fn with_options(mut buffer: B, line: S, options: &TextOptions<'_>) -> Result<Self> {
        let mut state = State::new(options)?;
        if state.bom_write && buffer.seekable() && buffer.writable() {
            // As CPython: no BOM when appending to a non-empty file.
            if buffer.tell().unwrap_or(0) != 0 {
                state.bom_write = false;
            }
        }
        let mut wrapper = TextIOWrapper {
            buffer: Some(buffer),
            line,
            state,
            slow_write: None,
        };
        wrapper.choose_writer();
        Ok(wrapper)
    }

    /// A standard stream: UTF-8, strict, newline `None`, and line
    /// buffering on if it is a terminal (asked lazily) or off.
    pub(crate) const fn stdio(buffer: B, line: S, lazy_tty: bool) -> Self {
        TextIOWrapper {
            buffer: Some(buffer),
            line,
            state: State {
                encoding: Encoding::Utf8,
                errors: Errors::Strict,
                newline: Newline::Universal,
                line_buffering: if lazy_tty {
                    LineBuffering::IfTerminal
                } else {
                    LineBuffering::Off
                },
                write_through: false,
                seen: Newlines::NONE,
                offset: 0,
                bom_read: false,
                bom_write: false,
                valid: 0,
            },
            slow_write: None,
        }
    }

    /// The encoder a write must go through, unless the text is written as
    /// it is (plain UTF-8): for the standard output's own write path.
    pub(crate) fn encoder(&self) -> Option<Encoder<Self>> {
        self.slow_write
    }

    /// Whether line buffering is on or not yet decided.
    pub(crate) fn may_line_buffer(&self) -> bool {
        self.state.line_buffering != LineBuffering::Off
    }

    fn choose_writer(&mut self) {
        let plain = self.state.encoding == Encoding::Utf8
            && self.state.newline.written().is_none()
            && !self.state.bom_write;
        self.slow_write = if plain {
            None
        } else {
            Some(Self::write_encoded)
        };
    }

    /// `buffer`—the binary stream, unless detached.
    pub fn buffer(&self) -> Option<&B> {
        self.buffer.as_ref()
    }

    /// The binary stream, mutably. Text reads keep nothing decoded, so
    /// reading it directly loses nothing.
    pub fn buffer_mut(&mut self) -> Option<&mut B> {
        // The caller may consume or refill: nothing is known any more.
        self.state.valid = 0;
        self.buffer.as_mut()
    }

    /// `detach()`—flushes and hands back the binary stream.
    // The stream comes back with its error, usable, as Python's does; the
    // error path is rare, so the size of that pair does not matter.
    #[allow(clippy::result_large_err)]
    pub fn detach(mut self) -> core::result::Result<B, (Error, Self)> {
        if let Err(e) = self.flush() {
            return Err((e, self));
        }
        match self.buffer.take() {
            Some(b) => Ok(b),
            None => Err((DETACHED, self)),
        }
    }

    /// `line_buffering`. For a standard stream not yet asked, this asks
    /// whether it is a terminal.
    pub fn line_buffering(&mut self) -> bool {
        match self.state.line_buffering {
            LineBuffering::On => true,
            LineBuffering::Off => false,
            LineBuffering::IfTerminal => {
                let tty = self
                    .buffer
                    .as_ref()
                    .is_some_and(|b| b.isatty().unwrap_or(false));
                self.state.line_buffering = if tty {
                    LineBuffering::On
                } else {
                    LineBuffering::Off
                };
                tty
            }
        }
    }

    /// `write_through`.
    pub fn write_through(&self) -> bool {
        self.state.write_through
    }

    /// The `newline` setting.
    pub fn newline(&self) -> Newline {
        self.state.newline
    }

    /// `reconfigure(...)`—flushes, then changes the settings given.
    /// Invalid values change nothing.
    pub fn reconfigure(&mut self, args: &Reconfigure<'_>) -> Result<()> {
        self.state.valid = 0;
        let encoding = match args.encoding {
            Some(e) => Some(Encoding::lookup(e)?),
            None => None,
        };
        let errors = match (args.errors, encoding) {
            (Some(e), _) => Some(Errors::lookup(e)?),
            (None, Some(_)) => Some(Errors::Strict),
            (None, None) => None,
        };
        let newline = match args.newline {
            Some(n) => Some(Newline::parse(n)?),
            None => None,
        };
        self.flush()?;
        if let Some(e) = encoding {
            self.state.encoding = e;
            self.state.bom_write = false;
            self.state.bom_read = false;
        }
        if let Some(e) = errors {
            self.state.errors = e;
        }
        if let Some(n) = newline {
            self.state.newline = n;
        }
        if let Some(l) = args.line_buffering {
            self.state.line_buffering = if l {
                LineBuffering::On
            } else {
                LineBuffering::Off
            };
        }
        if let Some(w) = args.write_through {
            self.state.write_through = w;
        }
        self.choose_writer();
        Ok(())
    }

    fn reader(&mut self) -> Result<&mut B> {
        let b = self.buffer.as_mut().ok_or(DETACHED)?;
        if b.closed() {
            return Err(Error::CLOSED);
        }
        if !b.readable() {
            return Err(Error::Unsupported("not readable"));
        }
        Ok(b)
    }

    fn writer(&mut self) -> Result<&mut B> {
        // A write drops a BufferedRandom's read-ahead.
        self.state.valid = 0;
        let b = self.buffer.as_mut().ok_or(DETACHED)?;
        if b.closed() {
            return Err(Error::CLOSED);
        }
        if !b.writable() {
            return Err(Error::Unsupported("not writable"));
        }
        Ok(b)
    }

    /// `readline()` as bytes: the next line, with its ending (translated
    /// per `newline`), empty at end of file. Under `surrogateescape`,
    /// undecodable bytes are in it as themselves.
    pub fn readline_bytes(&mut self) -> Result<&[u8]> {
        self.next_line().map(|(line, _)| line)
    }

    /// The next line or piece, and whether it is known to be UTF-8 (a
    /// borrowed line was checked on the way).
    fn next_line(&mut self) -> Result<(&[u8], bool)> {
        self.reader()?;
        let (buffer, line, state) = match self.buffer.as_mut() {
            Some(b) => {
                let line = self.line.as_mut();
                let limit = line.len();
                (
                    b,
                    line.get_mut(..limit).unwrap_or_default(),
                    &mut self.state,
                )
            }
            None => return Err(DETACHED),
        };
        // Bytes that decode to nothing (`ignore`) are passed over.
        let piece = loop {
            match state.piece(buffer, &mut *line, true)? {
                Piece::Copied {
                    produced: 0,
                    consumed: 1..,
                } => {}
                p => break p,
            }
        };
        match piece {
            Piece::Borrow(n) => {
                let stable = buffer.stable().is_some();
                Ok((buffer.take(n), stable))
            }
            Piece::Copied { produced: 0, .. } if !buffer.fill_buf(1)?.is_empty() => {
                Err(Error::Value("line buffer too small for one character"))
            }
            Piece::Copied { produced, .. } => Ok((
                self.line.as_ref().get(..produced).unwrap_or_default(),
                false,
            )),
        }
    }

    /// `readline(size)`—the next line, decoded into `out`; a line longer
    /// than `out` comes in pieces.
    pub fn readline_into<'a>(&mut self, out: &'a mut [u8]) -> Result<&'a str> {
        self.reader()?;
        let (buffer, state) = match self.buffer.as_mut() {
            Some(b) => (b, &mut self.state),
            None => return Err(DETACHED),
        };
        let n = loop {
            match state.piece(buffer, &mut *out, false)? {
                Piece::Copied {
                    produced: 0,
                    consumed: 1..,
                } => {}
                Piece::Copied { produced: 0, .. } if !buffer.fill_buf(1)?.is_empty() => {
                    return Err(Error::Value("read buffer too small for one character"));
                }
                Piece::Copied { produced, .. } => break produced,
                Piece::Borrow(_) => break 0,
            }
        };
        as_text(out.get(..n).unwrap_or_default())
    }

    /// `read(size)` as bytes: decodes into `out` until it is full or the
    /// stream ends; see [`readline_bytes`](Self::readline_bytes).
    pub fn read_bytes<'a>(&mut self, out: &'a mut [u8]) -> Result<&'a [u8]> {
        self.reader()?;
        let (buffer, state) = match self.buffer.as_mut() {
            Some(b) => (b, &mut self.state),
            None => return Err(DETACHED),
        };
        let mut n = 0;
        loop {
            let rest = out.get_mut(n..).unwrap_or_default();
            if rest.is_empty() {
                break;
            }
            match state.piece(buffer, rest, false) {
                Ok(Piece::Copied {
                    produced: 0,
                    consumed: 1..,
                }) => {}
                Ok(Piece::Copied { produced: 0, .. }) => {
                    let more = buffer.fill_buf(1).map(|a| !a.is_empty()).unwrap_or(false);
                    if n == 0 && more {
                        return Err(Error::Value("read buffer too small for one character"));
                    }
                    break;
                }
                Ok(Piece::Copied { produced, .. }) => n += produced,
                Ok(Piece::Borrow(_)) => break,
                // Text already decoded is returned first; the error comes
                // again on the next call, at the same place.
                Err(_) if n > 0 => break,
                Err(e) => return Err(e),
            }
        }
        Ok(out.get(..n).unwrap_or_default())
    }

    /// `write(s)` for text that may hold undecodable bytes (as read under
    /// `surrogateescape`): under `surrogateescape` they are written back as
    /// they were; under other handlers they are lone surrogates, which
    /// UTF-8 cannot encode.
    pub fn write_bytes(&mut self, text: &[u8]) -> Result<usize> {
        self.writer()?;
        Self::write_encoded(self, text)?;
        self.after_write(text)?;
        Ok(text.len())
    }

    /// Encodes `text` through the codec, translating `\n`.
    fn write_encoded(&mut self, text: &[u8]) -> Result<()> {
        let encoding = self.state.encoding;
        let errors = self.state.errors;
        let nl = self.state.newline.written();
        // Python reports positions in the text after translating `\n`.
        let widen = nl.map_or(0, |n| n.len() - 1);
        codec::check_encodable(encoding, errors, text, widen)?;
        let bom = core::mem::take(&mut self.state.bom_write);
        let b = self.writer()?;
        if bom {
            b.write(BOM)?;
        }
        let mut sink = |bytes: &[u8]| b.write(bytes).map(drop);
        let mut rest = text;
        loop {
            let (segment, ending) = match (nl, memchr(b'\n', rest)) {
                (Some(nl), Some(i)) => (rest.get(..i).unwrap_or_default(), Some((nl, i))),
                _ => (rest, None),
            };
            codec::encode(encoding, errors, segment, &mut sink)?;
            match ending {
                Some((nl, i)) => {
                    sink(nl)?;
                    rest = rest.get(i + 1..).unwrap_or_default();
                }
                None => break,
            }
        }
        Ok(())
    }

    #[inline]
    fn after_write(&mut self, text: &[u8]) -> Result<()> {
        if self.state.line_buffering != LineBuffering::Off
            && text.iter().any(|&c| c == b'\n' || c == b'\r')
            && self.line_buffering()
            && let Some(b) = self.buffer.as_mut()
        {
            b.flush()?;
        }
        Ok(())
    }

    /// `write(s)`, returning `s.len()`.
    #[inline]
    pub fn write_str(&mut self, s: &str) -> Result<usize> {
        match self.slow_write {
            None => {
                self.writer()?.write(s.as_bytes())?;
            }
            Some(f) => {
                self.writer()?;
                f(self, s.as_bytes())?;
            }
        }
        self.after_write(s.as_bytes())?;
        Ok(s.len())
    }

    fn position_check(&mut self) -> Result<&mut B> {
        let b = self.buffer.as_mut().ok_or(DETACHED)?;
        if b.closed() {
            return Err(Error::CLOSED);
        }
        if !b.seekable() {
            return Err(Error::Unsupported("underlying stream is not seekable"));
        }
        Ok(b)
    }
}

/// Decoded text as `&str`; only text read under `surrogateescape` can
/// fail this.
fn as_text(bytes: &[u8]) -> Result<&str> {
    core::str::from_utf8(bytes).map_err(|_| {
        Error::Value("text holds undecodable bytes (surrogateescape): use the _bytes methods")
    })
}

impl<B: BufferedIOBase, S: Storage> IOBase for TextIOWrapper<B, S> {
    fn closed(&self) -> bool {
        self.buffer.as_ref().is_none_or(|b| b.closed())
    }

    /// `close()`—flushes, then closes the binary stream even if the flush
    /// failed.
    fn close(&mut self) -> Result<()> {
        let b = self.buffer.as_mut().ok_or(DETACHED)?;
        if b.closed() {
            return Ok(());
        }
        let flushed = b.flush();
        let closed = b.close();
        flushed.and(closed)
    }

    fn fileno(&self) -> Result<i32> {
        self.buffer.as_ref().ok_or(DETACHED)?.fileno()
    }

    fn flush(&mut self) -> Result<()> {
        let b = self.buffer.as_mut().ok_or(DETACHED)?;
        if b.closed() {
            return Err(Error::CLOSED);
        }
        b.flush()
    }

    fn isatty(&self) -> Result<bool> {
        self.buffer.as_ref().ok_or(DETACHED)?.isatty()
    }

    fn readable(&self) -> bool {
        self.buffer.as_ref().is_some_and(|b| b.readable())
    }

    fn writable(&self) -> bool {
        self.buffer.as_ref().is_some_and(|b| b.writable())
    }

    fn seekable(&self) -> bool {
        self.buffer.as_ref().is_some_and(|b| b.seekable())
    }

    /// `seek(cookie, whence)`: a cookie from [`tell`](IOBase::tell) (a byte
    /// offset), `(0, Cur)` or `(0, End)`.
    fn seek(&mut self, offset: i64, whence: Whence) -> Result<u64> {
        self.state.valid = 0;
        let b = self.position_check()?;
        let pos = match whence {
            Whence::Cur if offset != 0 => {
                return Err(Error::Unsupported("can't do nonzero cur-relative seeks"));
            }
            Whence::End if offset != 0 => {
                return Err(Error::Unsupported("can't do nonzero end-relative seeks"));
            }
            Whence::Set if offset < 0 => {
                return Err(Error::BadNumber {
                    what: "negative seek position",
                    value: offset,
                });
            }
            Whence::Cur => {
                b.flush()?;
                return b.tell();
            }
            _ => {
                b.flush()?;
                b.seek(offset, whence)?
            }
        };
        self.state.offset = pos;
        let sig = self.state.encoding == Encoding::Utf8Sig;
        self.state.bom_read = sig && pos == 0;
        self.state.bom_write = sig && pos == 0;
        self.choose_writer();
        Ok(pos)
    }

    /// `tell()`—a cookie for [`seek`](IOBase::seek): the byte offset of
    /// the next character.
    fn tell(&mut self) -> Result<u64> {
        let b = self.position_check()?;
        b.flush()?;
        b.tell()
    }

    /// `truncate(pos=None)`—flushes, then truncates the binary stream.
    fn truncate(&mut self, size: Option<u64>) -> Result<u64> {
        let b = self.buffer.as_mut().ok_or(DETACHED)?;
        b.flush()?;
        b.truncate(size)
    }
}

impl<B: BufferedIOBase, S: Storage> TextIOBase for TextIOWrapper<B, S> {
    fn encoding(&self) -> &'static str {
        self.state.encoding.name()
    }

    fn errors(&self) -> &'static str {
        self.state.errors.name()
    }

    fn newlines(&self) -> Newlines {
        self.state.seen
    }

    fn read<'a>(&mut self, out: &'a mut [u8]) -> Result<&'a str> {
        let n = self.read_bytes(out)?.len();
        as_text(out.get(..n).unwrap_or_default())
    }

    fn readline(&mut self) -> Result<&str> {
        match self.next_line()? {
            // SAFETY: `piece` checked these bytes with `from_utf8` before
            // lending them, and the stream promised (`StableBuffer`) that
            // `take` returns those same bytes: checking again would double
            // the work of the fast path.
            (line, true) => Ok(unsafe { core::str::from_utf8_unchecked(line) }),
            (line, false) => as_text(line),
        }
    }

    #[inline]
    fn write(&mut self, s: &str) -> Result<usize> {
        self.write_str(s)
    }
}

impl<B: BufferedIOBase, S: Storage> fmt::Write for TextIOWrapper<B, S> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        TextIOWrapper::write_str(self, s)
            .map(drop)
            .map_err(|_| fmt::Error)
    }
}

#[cfg(test)]
mod tests;
