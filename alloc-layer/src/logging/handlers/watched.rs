//! `logging.handlers.WatchedFileHandler`: a file handler that reopens its
//! file when someone else (logrotate, newsyslog) moved or deleted it.

use super::stream::{FileOptions, LogFile};
use crate::errno::ENOENT;
use crate::logging::handler::{Handler, HandlerBase, register};
use crate::logging::{Error, LogRecord, NOTSET};
use crate::os;
use alloc::sync::Arc;
use alloc::vec::Vec;
use strata_core::sync::Mutex;

struct WatchedState {
    file: LogFile,
    /// `(self.dev, self.ino)` of the open stream; `None` is CPython's
    /// `-1, -1` (nothing stat'ed yet).
    id: Option<(u64, u64)>,
}

impl WatchedState {
    /// `_statstream()`: the device and inode of the open stream.
    fn stat_stream(&mut self) -> Result<(), Error> {
        if let Some(st) = self.file.fstat()? {
            self.id = Some((st.st_dev, st.st_ino));
        }
        Ok(())
    }

    /// `reopenIfNeeded()`: one `stat` of the path; if the file is gone or
    /// is another file than the open stream's, close and reopen.
    fn reopen_if_needed(&mut self) -> Result<(), Error> {
        let now = match os::stat(&self.file.path) {
            Ok(st) => Some((st.st_dev, st.st_ino)),
            Err(e) if e.errno() == ENOENT => None,
            Err(e) => return Err(e.into()),
        };
        if (now.is_none() || now != self.id) && self.file.is_open() {
            self.file.close_stream()?;
            self.file.open()?;
            self.stat_stream()?;
        }
        Ok(())
    }
}

/// `logging.handlers.WatchedFileHandler`: before each record, `stat`s
/// the path and reopens the file if its device or inode changed or it
/// was deleted, so that a log rotated by another program is followed.
///
/// As in CPython, a file first opened by a record (`delay`) is not
/// stat'ed then, so the next record reopens it once.
///
/// ```
/// use strata_alloc::logging::{self, FileOptions, handlers::WatchedFileHandler};
/// let dir = std::env::temp_dir().join(format!("strata-doc-watch-{}", std::process::id()));
/// std::fs::create_dir_all(&dir).unwrap();
/// let path = dir.join("app.log");
/// let h = WatchedFileHandler::new(path.to_str().unwrap(), FileOptions::default()).unwrap();
/// let log = logging::get_logger("doc.watched");
/// log.add_handler(h.clone());
/// log.warning("before", ());
/// std::fs::rename(&path, dir.join("app.log.1")).unwrap();
/// log.warning("after", ());
/// assert_eq!(std::fs::read_to_string(&path).unwrap(), "after\n");
/// assert_eq!(std::fs::read_to_string(dir.join("app.log.1")).unwrap(), "before\n");
/// # std::fs::remove_dir_all(&dir).unwrap();
/// ```
pub struct WatchedFileHandler {
    base: HandlerBase,
    state: Mutex<WatchedState>,
}

impl WatchedFileHandler {
    /// `WatchedFileHandler(filename, mode, encoding, delay, errors)`.
    pub fn new(
        filename: impl AsRef<[u8]>,
        options: FileOptions,
    ) -> Result<Arc<WatchedFileHandler>, Error> {
        let mut state = WatchedState {
            file: LogFile::new(filename.as_ref(), options)?,
            id: None,
        };
        state.stat_stream()?;
        Ok(register(WatchedFileHandler {
            base: HandlerBase::new(NOTSET),
            state: Mutex::new(state),
        }))
    }

    /// `baseFilename`.
    pub fn base_filename(&self) -> Vec<u8> {
        self.state.lock().file.path.clone()
    }

    /// `(dev, ino)` of the open stream as last stat'ed (CPython's
    /// `-1, -1` is `None`).
    pub fn dev_ino(&self) -> Option<(u64, u64)> {
        self.state.lock().id
    }

    /// `reopenIfNeeded()`.
    pub fn reopen_if_needed(&self) -> Result<(), Error> {
        self.state.lock().reopen_if_needed()
    }
}

impl Handler for WatchedFileHandler {
    fn base(&self) -> &HandlerBase {
        &self.base
    }

    fn emit(&self, record: &mut LogRecord) -> Result<(), Error> {
        let mut state = self.state.lock();
        state.reopen_if_needed()?;
        state.file.emit(&self.base, record)
    }

    fn flush(&self) -> Result<(), Error> {
        self.state.lock().file.flush()
    }

    fn close(&self) {
        self.state.lock().file.close();
        self.base.mark_closed();
    }
}
