//! `logging.handlers.BaseRotatingHandler`'s hooks (`namer`, `rotator`,
//! `rotation_filename`, `rotate`) and `RotatingFileHandler`, the handler
//! that rolls its file over at a size.

use super::stream::{FileOptions, LogFile};
use crate::logging::handler::{Handler, HandlerBase, register};
use crate::logging::{Error, LogRecord, NOTSET};
use crate::os;
use alloc::boxed::Box;
use alloc::string::String;
use alloc::sync::Arc;
use alloc::vec::Vec;
use strata_core::sync::Mutex;

/// A `namer`: the name a rotated file gets, from its default name.
pub type Namer = Box<dyn Fn(&[u8]) -> Vec<u8> + Send + Sync>;

/// A `rotator`: moves the current file (`source`) to its rotated name
/// (`dest`).
pub type Rotator = Box<dyn Fn(&[u8], &[u8]) -> Result<(), Error> + Send + Sync>;

/// What `BaseRotatingHandler` adds to `FileHandler`: the open file and
/// the `namer` and `rotator` attributes.
pub(crate) struct Rotation {
    pub(crate) file: LogFile,
    pub(crate) namer: Option<Namer>,
    pub(crate) rotator: Option<Rotator>,
}

impl Rotation {
    pub(crate) fn new(file: LogFile) -> Rotation {
        Rotation {
            file,
            namer: None,
            rotator: None,
        }
    }

    /// `rotation_filename(default_name)`: the namer's answer, else the
    /// name unchanged.
    pub(crate) fn rotation_filename(&self, default_name: &[u8]) -> Vec<u8> {
        match &self.namer {
            Some(namer) => namer(default_name),
            None => default_name.to_vec(),
        }
    }

    /// `rotate(source, dest)`: the rotator, else `os.rename` when
    /// `source` exists (with `delay` it may never have been made, CPython's
    /// issue 18940).
    pub(crate) fn rotate(&self, source: &[u8], dest: &[u8]) -> Result<(), Error> {
        match &self.rotator {
            Some(rotator) => rotator(source, dest),
            None => {
                if os::path::exists(source) {
                    os::rename(source, dest)?;
                }
                Ok(())
            }
        }
    }
}

/// `os.path.exists(p) and not os.path.isfile(p)`: a file that must never
/// roll over (bpo-45401: `/dev/null`, a FIFO…).
pub(crate) fn exists_not_regular(path: &[u8]) -> bool {
    // One stat answers both (isfile follows links, as stat does).
    match os::stat(path) {
        Ok(st) => st.st_mode & 0o170000 != 0o100000,
        Err(_) => false,
    }
}

/// `"%s.%d" % (name, i)`.
fn numbered(name: &[u8], i: u32) -> Vec<u8> {
    let mut out = name.to_vec();
    out.extend_from_slice(alloc::format!(".{i}").as_bytes());
    out
}

struct RotatingState {
    rotation: Rotation,
    max_bytes: u64,
    backup_count: u32,
    /// The formatted record, reused from record to record.
    text: String,
}

impl RotatingState {
    fn should_rollover(
        &mut self,
        base: &HandlerBase,
        record: &mut LogRecord,
    ) -> Result<bool, Error> {
        let mut text = String::new();
        base.format(record, &mut text)?;
        self.should_rollover_text(&text)
    }

    /// `shouldRollover` for a record formatted as `text`.
    fn should_rollover_text(&mut self, text: &str) -> Result<bool, Error> {
        if exists_not_regular(&self.rotation.file.path) {
            return Ok(false);
        }
        if !self.rotation.file.is_open() {
            self.rotation.file.open()?;
        }
        if self.max_bytes > 0 {
            // msg = "%s\n" % self.format(record): its length in characters.
            let len = text.chars().count() as u64 + 1;
            // CPython adds the file's size in bytes to the message's
            // length in characters.
            let pos = self.rotation.file.seek_end()?.unwrap_or(0);
            if pos + len >= self.max_bytes {
                return Ok(true);
            }
        }
        Ok(false)
    }

    fn do_rollover(&mut self) -> Result<(), Error> {
        self.rotation.file.close_stream()?;
        if self.backup_count > 0 {
            let base = self.rotation.file.path.clone();
            for i in (1..self.backup_count).rev() {
                let sfn = self.rotation.rotation_filename(&numbered(&base, i));
                let dfn = self.rotation.rotation_filename(&numbered(&base, i + 1));
                if os::path::exists(&sfn) {
                    if os::path::exists(&dfn) {
                        os::remove(&dfn)?;
                    }
                    os::rename(&sfn, &dfn)?;
                }
            }
            let dfn = self.rotation.rotation_filename(&numbered(&base, 1));
            if os::path::exists(&dfn) {
                os::remove(&dfn)?;
            }
            self.rotation.rotate(&base, &dfn)?;
        }
        if !self.rotation.file.options.delay {
            self.rotation.file.open()?;
        }
        Ok(())
    }
}

/// `logging.handlers.RotatingFileHandler`: a file that is renamed to
/// `NAME.1` (`NAME.1` to `NAME.2`, …, up to `backupCount`) when the next
/// record would make it reach `maxBytes`.
///
/// As in CPython, the test adds the file's size in bytes to the record's
/// length in characters (plus one for the newline), so a record of
/// non-ASCII text may take the file past `maxBytes`; a file that exists
/// but is not a regular file (`/dev/null`) never rolls over.
///
/// ```
/// use strata_alloc::logging::{self, FileOptions, handlers::RotatingFileHandler};
/// let dir = std::env::temp_dir().join(format!("strata-doc-rot-{}", std::process::id()));
/// std::fs::create_dir_all(&dir).unwrap();
/// let path = dir.join("app.log");
/// let h = RotatingFileHandler::new(path.to_str().unwrap(), FileOptions::default(), 20, 2)
///     .unwrap();
/// let log = logging::get_logger("doc.rotating");
/// log.add_handler(h.clone());
/// for i in 0..5 {
///     log.warning("record number %d", (i,));
/// }
/// assert_eq!(std::fs::read_to_string(&path).unwrap(), "record number 4\n");
/// assert_eq!(std::fs::read_to_string(dir.join("app.log.2")).unwrap(), "record number 2\n");
/// # std::fs::remove_dir_all(&dir).unwrap();
/// ```
pub struct RotatingFileHandler {
    base: HandlerBase,
    state: Mutex<RotatingState>,
}

impl RotatingFileHandler {
    /// `RotatingFileHandler(filename, mode, maxBytes, backupCount,
    /// encoding, delay, errors)`: `options` carries the mode (forced to
    /// `a` when `max_bytes > 0`), encoding, errors and delay.
    pub fn new(
        filename: impl AsRef<[u8]>,
        mut options: FileOptions,
        max_bytes: u64,
        backup_count: u32,
    ) -> Result<Arc<RotatingFileHandler>, Error> {
        if max_bytes > 0 {
            options.mode = String::from("a");
        }
        let file = LogFile::new(filename.as_ref(), options)?;
        Ok(register(RotatingFileHandler {
            base: HandlerBase::new(NOTSET),
            state: Mutex::new(RotatingState {
                rotation: Rotation::new(file),
                max_bytes,
                backup_count,
                text: String::new(),
            }),
        }))
    }

    /// `baseFilename`.
    pub fn base_filename(&self) -> Vec<u8> {
        self.state.lock().rotation.file.path.clone()
    }

    /// `maxBytes`.
    pub fn max_bytes(&self) -> u64 {
        self.state.lock().max_bytes
    }

    /// `backupCount`.
    pub fn backup_count(&self) -> u32 {
        self.state.lock().backup_count
    }

    /// `mode`, after the constructor's change.
    pub fn mode(&self) -> String {
        self.state.lock().rotation.file.options.mode.clone()
    }

    /// Sets the `namer` attribute (`None`: names unchanged).
    pub fn set_namer(&self, namer: Option<Namer>) {
        self.state.lock().rotation.namer = namer;
    }

    /// Sets the `rotator` attribute (`None`: `os.rename`).
    pub fn set_rotator(&self, rotator: Option<Rotator>) {
        self.state.lock().rotation.rotator = rotator;
    }

    /// `rotation_filename(default_name)`.
    pub fn rotation_filename(&self, default_name: &[u8]) -> Vec<u8> {
        self.state.lock().rotation.rotation_filename(default_name)
    }

    /// `rotate(source, dest)`.
    pub fn rotate(&self, source: &[u8], dest: &[u8]) -> Result<(), Error> {
        self.state.lock().rotation.rotate(source, dest)
    }

    /// `shouldRollover(record)` (opens the file if `delay` put it off).
    pub fn should_rollover(&self, record: &mut LogRecord) -> Result<bool, Error> {
        self.state.lock().should_rollover(&self.base, record)
    }

    /// `doRollover()`.
    pub fn do_rollover(&self) -> Result<(), Error> {
        self.state.lock().do_rollover()
    }
}

impl Handler for RotatingFileHandler {
    fn base(&self) -> &HandlerBase {
        &self.base
    }

    /// `BaseRotatingHandler.emit`: roll over if due, then write.
    fn emit(&self, record: &mut LogRecord) -> Result<(), Error> {
        let mut state = self.state.lock();
        // CPython formats the record twice, for the check and the write;
        // the text is the same, so it is made once.
        let mut text = core::mem::take(&mut state.text);
        text.clear();
        let result = self.base.format(record, &mut text).and_then(|()| {
            if state.should_rollover_text(&text)? {
                state.do_rollover()?;
            }
            state.rotation.file.emit_text(&text)
        });
        state.text = text;
        result
    }

    fn flush(&self) -> Result<(), Error> {
        self.state.lock().rotation.file.flush()
    }

    fn close(&self) {
        self.state.lock().rotation.file.close();
        self.base.mark_closed();
    }
}
