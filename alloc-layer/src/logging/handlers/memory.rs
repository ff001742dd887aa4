//! `MemoryHandler` (with `BufferingHandler`'s buffer), `QueueHandler` and
//! `QueueListener`.

use crate::logging::handler::{Handler, HandlerBase, HandlerRef, register};
use crate::logging::{ERROR, Error, LogRecord, NOTSET};
use alloc::collections::VecDeque;
use alloc::sync::Arc;
use alloc::vec::Vec;
use core::sync::atomic::{AtomicU32, Ordering};
use strata_core::sync::{Mutex, futex};

struct Buffer {
    records: Vec<LogRecord>,
    target: Option<HandlerRef>,
}

/// `logging.handlers.MemoryHandler(capacity, flushLevel, target,
/// flushOnClose)`: keeps records until `capacity` of them are buffered or
/// one at `flushLevel` or above arrives, then hands them all to `target`.
pub struct MemoryHandler {
    base: HandlerBase,
    capacity: usize,
    flush_level: i32,
    flush_on_close: bool,
    buffer: Mutex<Buffer>,
}

impl MemoryHandler {
    /// `MemoryHandler(capacity, flushLevel=ERROR, target=None,
    /// flushOnClose=True)`.
    pub fn new(
        capacity: usize,
        flush_level: Option<i32>,
        target: Option<HandlerRef>,
        flush_on_close: bool,
    ) -> Arc<MemoryHandler> {
        register(MemoryHandler {
            base: HandlerBase::new(NOTSET),
            capacity,
            flush_level: flush_level.unwrap_or(ERROR),
            flush_on_close,
            buffer: Mutex::new(Buffer {
                records: Vec::new(),
                target,
            }),
        })
    }

    /// `setTarget(target)`.
    pub fn set_target(&self, target: Option<HandlerRef>) {
        self.buffer.lock().target = target;
    }

    /// How many records are buffered (`len(buffer)`).
    pub fn buffered(&self) -> usize {
        self.buffer.lock().records.len()
    }

    /// `flush()` with the buffer's lock held: without a target the
    /// records stay (CPython keeps them).
    fn flush_locked(buffer: &mut Buffer) {
        if let Some(target) = buffer.target.clone() {
            for mut record in buffer.records.drain(..) {
                target.handle(&mut record);
            }
        }
    }
}

impl Handler for MemoryHandler {
    fn base(&self) -> &HandlerBase {
        &self.base
    }

    fn emit(&self, record: &mut LogRecord) -> Result<(), Error> {
        let mut buffer = self.buffer.lock();
        buffer.records.push(record.clone());
        // shouldFlush: the buffer full, or a record at flushLevel.
        if buffer.records.len() >= self.capacity || record.levelno >= self.flush_level {
            MemoryHandler::flush_locked(&mut buffer);
        }
        Ok(())
    }

    fn flush(&self) -> Result<(), Error> {
        MemoryHandler::flush_locked(&mut self.buffer.lock());
        Ok(())
    }

    fn close(&self) {
        let mut buffer = self.buffer.lock();
        if self.flush_on_close {
            MemoryHandler::flush_locked(&mut buffer);
        }
        buffer.target = None;
        // BufferingHandler.close: flush() again, which now drops nothing
        // (no target); the records left stay, as in CPython.
        self.base.mark_closed();
    }
}

/// What a [`QueueHandler`] puts records on and a [`QueueListener`] takes
/// them from: `queue.Queue`, unbounded or bounded (`maxsize`).
pub struct Queue {
    items: Mutex<VecDeque<Option<LogRecord>>>,
    maxsize: usize,
    /// Bumped by every put: a getter sleeps on it (futex) only while it
    /// still holds the value it saw before finding the queue empty.
    puts: AtomicU32,
    /// Getters asleep or about to be: a put wakes only when there are.
    sleepers: AtomicU32,
}

/// Why a record could not be queued: `queue.Full`.
#[derive(Debug)]
pub struct QueueFull;

impl Queue {
    /// `queue.Queue(maxsize)`: `0` is unbounded.
    pub fn new(maxsize: usize) -> Arc<Queue> {
        Arc::new(Queue {
            items: Mutex::new(VecDeque::new()),
            maxsize,
            puts: AtomicU32::new(0),
            sleepers: AtomicU32::new(0),
        })
    }

    /// `put_nowait(item)`: `None` is the listener's stop sentinel.
    pub fn put_nowait(&self, item: Option<LogRecord>) -> Result<(), QueueFull> {
        let mut items = self.items.lock();
        if self.maxsize > 0 && items.len() >= self.maxsize {
            return Err(QueueFull);
        }
        items.push_back(item);
        drop(items);
        self.puts.fetch_add(1, Ordering::SeqCst);
        if self.sleepers.load(Ordering::SeqCst) > 0 {
            futex::wake(&self.puts, 1);
        }
        Ok(())
    }

    /// `get(block=True)`: waits for an item.
    pub fn get(&self) -> Option<LogRecord> {
        loop {
            let seen = self.puts.load(Ordering::SeqCst);
            if let Some(item) = self.items.lock().pop_front() {
                return item;
            }
            // Watch for a put a while before sleeping: a producer that
            // logs again soon then needs no system call to wake us.
            let mut spins = strata_core::sync::wait_spins();
            while spins > 0 && self.puts.load(Ordering::Relaxed) == seen {
                core::hint::spin_loop();
                spins -= 1;
            }
            if spins > 0 {
                continue;
            }
            self.sleepers.fetch_add(1, Ordering::SeqCst);
            // Returns at once if a put came after `seen` was read.
            futex::wait(&self.puts, seen, None);
            self.sleepers.fetch_sub(1, Ordering::SeqCst);
        }
    }

    /// `qsize()`.
    pub fn qsize(&self) -> usize {
        self.items.lock().len()
    }
}

/// `logging.handlers.QueueHandler(queue)`: a record's message formatted
/// on the caller's thread (`prepare`), the copy queued for a
/// [`QueueListener`] to handle.
pub struct QueueHandler {
    base: HandlerBase,
    queue: Arc<Queue>,
}

impl QueueHandler {
    /// `QueueHandler(queue)`.
    pub fn new(queue: Arc<Queue>) -> Arc<QueueHandler> {
        register(QueueHandler {
            base: HandlerBase::new(NOTSET),
            queue,
        })
    }

    /// `prepare(record)`: a copy whose `msg` and message are the record
    /// formatted by this handler's formatter, without `args`, `exc_info`,
    /// `exc_text` and `stack_info`.
    pub fn prepare(&self, record: &mut LogRecord) -> Result<LogRecord, Error> {
        let mut text = alloc::string::String::new();
        self.base.format(record, &mut text)?;
        let mut copy = record.clone();
        copy.set_message(text);
        copy.exc_info = None;
        copy.exc_text = None;
        copy.stack_info = None;
        Ok(copy)
    }
}

impl Handler for QueueHandler {
    fn base(&self) -> &HandlerBase {
        &self.base
    }

    fn emit(&self, record: &mut LogRecord) -> Result<(), Error> {
        let prepared = self.prepare(record)?;
        self.queue
            .put_nowait(Some(prepared))
            .map_err(|QueueFull| Error::Exception {
                class: "Full",
                message: alloc::string::String::new(),
            })
    }
}

/// `logging.handlers.QueueListener(queue, *handlers,
/// respect_handler_level)`: a thread that takes records off the queue
/// and hands each to the handlers.
pub struct QueueListener {
    queue: Arc<Queue>,
    handlers: Arc<Vec<HandlerRef>>,
    respect_handler_level: bool,
    thread: Option<Worker>,
}

/// The listener's thread: Strata's own in a Strata program; std's in a
/// std program (the `std` feature), where glibc owns the thread pointer.
#[cfg(not(feature = "std"))]
type Worker = crate::thread::JoinHandle<()>;
#[cfg(feature = "std")]
type Worker = std::thread::JoinHandle<()>;

impl QueueListener {
    /// `QueueListener(queue, *handlers, respect_handler_level=False)`.
    pub fn new(
        queue: Arc<Queue>,
        handlers: Vec<HandlerRef>,
        respect_handler_level: bool,
    ) -> QueueListener {
        QueueListener {
            queue,
            handlers: Arc::new(handlers),
            respect_handler_level,
            thread: None,
        }
    }

    /// `start()`: the listener's thread (a daemon in CPython; here it is
    /// stopped by [`stop`](QueueListener::stop), or at drop).
    pub fn start(&mut self) -> Result<(), strata_core::errno::Errno> {
        let queue = self.queue.clone();
        let handlers = self.handlers.clone();
        let respect = self.respect_handler_level;
        let body = move || {
            while let Some(mut record) = queue.get() {
                deliver(&handlers, respect, &mut record);
            }
        };
        #[cfg(not(feature = "std"))]
        let handle = crate::thread::Builder::new()
            .name(alloc::string::String::from("QueueListener"))
            .spawn(body)?;
        #[cfg(feature = "std")]
        let handle = std::thread::Builder::new()
            .name(alloc::string::String::from("QueueListener"))
            .spawn(body)
            .map_err(strata_core::errno::Errno::from)?;
        self.thread = Some(handle);
        Ok(())
    }

    /// `handle(record)`: hands the record to each handler (with
    /// `respect_handler_level`, to those whose level it meets), as the
    /// listener's thread does with each record it takes.
    pub fn handle(&self, record: &mut LogRecord) {
        deliver(&self.handlers, self.respect_handler_level, record);
    }

    /// `stop()`: queues the sentinel and waits for the thread to handle
    /// everything before it.
    pub fn stop(&mut self) {
        if let Some(thread) = self.thread.take() {
            // An unbounded put of the sentinel cannot fail; a bounded
            // queue may be full, so retry until the listener makes room.
            while self.queue.put_nowait(None).is_err() {
                let _ = strata_core::time::sleep(0.001);
            }
            #[cfg(not(feature = "std"))]
            thread.join();
            // A handler's panic was printed by std's hook; stop goes on.
            #[cfg(feature = "std")]
            let _ = thread.join();
        }
    }
}

impl Drop for QueueListener {
    fn drop(&mut self) {
        self.stop();
    }
}

fn deliver(handlers: &[HandlerRef], respect_handler_level: bool, record: &mut LogRecord) {
    for handler in handlers {
        if !respect_handler_level || record.levelno >= handler.level() {
            handler.handle(record);
        }
    }
}
