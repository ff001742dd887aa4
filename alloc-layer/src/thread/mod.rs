//! Threads: Python's `threading` where it fits, and a Rust `spawn` that
//! returns the closure's value.
//!
//! Python counterparts: [`Thread`] (`name`, `start`, `join(timeout)`,
//! `is_alive`, `ident`, `native_id`, `daemon`), [`current_thread`],
//! [`main_thread`], [`get_ident`], [`get_native_id`], [`active_count`],
//! [`enumerate`], [`stack_size`]; [`Local`] and [`thread_local!`](crate::thread_local)
//! stand for `threading.local`. Locks are `strata_core::sync`, re-exported
//! here as [`sync`].
//!
//! In a program built with [`main!`](crate::main) (a host test binary
//! has glibc's threads instead, so this example is only compiled):
//!
//! ```no_run
//! use strata_alloc::thread::{self, Thread, sync::Mutex};
//! use alloc::sync::Arc;
//! # extern crate alloc;
//!
//! // Rust's shape: the closure's value comes back through join.
//! let h = thread::spawn(|| 6 * 7).expect("EAGAIN: no thread");
//! assert_eq!(h.join(), 42);
//!
//! // Python's shape: a named Thread, started, joined with a timeout.
//! let total = Arc::new(Mutex::new(0u64));
//! let t = total.clone();
//! let mut worker = Thread::named("worker-1".into(), move || *t.lock() += 1);
//! worker.start().expect("EAGAIN: no thread");
//! worker.join(Some(5.0)).unwrap();
//! assert!(!worker.is_alive());
//! assert_eq!(*total.lock(), 1);
//! ```
//!
//! Each thread is one mapping: a guard page, the stack, and the thread
//! block (`strata_core::thread`: glibc's TCB layout, the program's TLS
//! image); `clone` with glibc's flags (`CLONE_VM | CLONE_FS | CLONE_FILES
//! | CLONE_SIGHAND | CLONE_THREAD | CLONE_SYSVSEM | CLONE_SETTLS |
//! CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID`); joined with a futex
//! wait on the tid word the kernel clears when the thread ends, after
//! which the joiner gives the memory back (the last four mappings are
//! kept for the next threads, as glibc keeps stacks: unmapping a stack
//! costs a TLB shootdown, a fresh one its page faults). A thread nobody will join (its
//! handle dropped) unmaps its own memory as it ends. The thread's name
//! goes to the kernel with `PR_SET_NAME` (15 bytes, as `ps` and
//! `/proc/self/task/*/comm` show it).
//!
//! What differs from Python:
//! - a thread that cannot be made (no memory for its stack,
//!   `RLIMIT_NPROC`, a cgroup's pids limit) is `Err(EAGAIN)` from
//!   `start`, where Python raises `RuntimeError: can't start new thread`;
//! - a panic in a thread ends the whole program (nothing can unwind it,
//!   and the locks it holds would stay held), with `thread 'NAME'
//!   panicked at ...` on stderr, where Python prints the traceback
//!   (`threading.excepthook`) and lets the rest run on;
//! - a thread's name is fixed once it starts;
//! - Rust [`spawn`] threads are daemons: the program does not wait for
//!   them at exit (as Rust's std); [`Thread`]s are not, unless made so,
//!   and `exit` on the main thread waits for them, as Python's shutdown
//!   does;
//! - thread-local destructors run when a thread made here ends, not for
//!   the main thread.
//!
//! # References
//! - [clone(2)](https://man7.org/linux/man-pages/man2/clone.2.html)
//! - [futex(2)](https://man7.org/linux/man-pages/man2/futex.2.html)
//! - [pthread_create(3)](https://man7.org/linux/man-pages/man3/pthread_create.3.html)

mod local;

pub use local::{AccessError, Local};
pub use strata_core::sync;
pub use strata_core::thread::{get_ident, get_native_id};

use alloc::boxed::Box;
use alloc::format;
use alloc::string::String;
use alloc::sync::Arc;
use alloc::vec::Vec;
use core::cell::UnsafeCell;
use core::sync::atomic::{AtomicBool, AtomicU32, AtomicUsize, Ordering};
use strata_core::errno::Errno;
use strata_core::sync::Mutex;
use strata_core::sync::futex::Deadline;
use strata_core::thread::raw;

/// The errors of this module, as Python raises them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Error {
    /// `RuntimeError` with its message.
    Runtime(&'static str),
    /// `ValueError` with its message.
    Value(&'static str),
    /// The thread could not be made (`EAGAIN`: Python's `RuntimeError:
    /// can't start new thread`).
    Os(Errno),
}

impl core::fmt::Display for Error {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            Error::Runtime(m) | Error::Value(m) => f.write_str(m),
            Error::Os(e) => write!(f, "can't start new thread: {e:?}"),
        }
    }
}

/// Python's `threading.stack_size()` minimum: 32 KiB.
pub const STACK_MIN: usize = 32 * 1024;
/// The stack a thread gets unless told otherwise: 2 MiB, as Rust's std
/// (reserved address space; only touched pages cost memory).
pub const STACK_DEFAULT: usize = 2 << 20;

static STACK_SIZE: AtomicUsize = AtomicUsize::new(0);

/// `threading.stack_size([size])`—the stack size for threads made from
/// now on; returns the previous setting (0: the default). A size other
/// than 0 below 32 KiB is `ValueError: size not valid: N bytes`.
pub fn stack_size(size: Option<usize>) -> Result<usize, Error> {
    match size {
        None => Ok(STACK_SIZE.load(Ordering::Relaxed)),
        Some(n) if n != 0 && n < STACK_MIN => {
            Err(Error::Value("size not valid: below 32768 bytes"))
        }
        Some(n) => Ok(STACK_SIZE.swap(n, Ordering::Relaxed)),
    }
}

/// What every handle of a thread shares (Python's `Thread` state).
struct Inner {
    name: String,
    daemon: AtomicBool,
    ident: AtomicUsize,
    native_id: AtomicU32,
    started: AtomicBool,
    /// 1 from `start` until the target has returned (2 while `exit` on
    /// the main thread waits for it); a futex word.
    alive: AtomicU32,
    /// Who gives the memory back: [`RUNNING`], [`FINISHED`], [`DETACHED`].
    reclaim: AtomicU32,
    /// The thread's memory (set before it starts).
    mapping: UnsafeCell<Option<raw::Mapping>>,
    /// Whether the handle has unmapped it after a join.
    unmapped: AtomicBool,
}

// SAFETY: `mapping` is written once before the thread starts and only
// read afterwards, by the handle that owns the memory.
unsafe impl Sync for Inner {}
// SAFETY: as above.
unsafe impl Send for Inner {}

/// The thread runs; its handle will reclaim the memory once it ends.
const RUNNING: u32 = 0;
/// The thread has finished its work and is ending; the handle reclaims.
const FINISHED: u32 = 1;
/// The handle is gone: the thread reclaims its own memory as it ends.
const DETACHED: u32 = 2;

impl Inner {
    fn new(name: String, daemon: bool) -> Arc<Inner> {
        Arc::new(Inner {
            name,
            daemon: AtomicBool::new(daemon),
            ident: AtomicUsize::new(0),
            native_id: AtomicU32::new(0),
            started: AtomicBool::new(false),
            alive: AtomicU32::new(0),
            reclaim: AtomicU32::new(RUNNING),
            mapping: UnsafeCell::new(None),
            unmapped: AtomicBool::new(false),
        })
    }

    fn mapping(&self) -> Option<raw::Mapping> {
        // SAFETY: written before the thread started, never again.
        unsafe { *self.mapping.get() }
    }

    /// Waits for the thread to end (or the deadline); then unmaps its
    /// memory. True if it has ended.
    fn join_until(&self, deadline: Option<&Deadline>) -> bool {
        let Some(mapping) = self.mapping() else {
            return true;
        };
        if self.unmapped.load(Ordering::Acquire) {
            return true;
        }
        if !raw::wait_ended(&mapping, deadline) {
            return false;
        }
        if !self.unmapped.swap(true, Ordering::AcqRel) {
            // SAFETY: the thread has ended (tid cleared) and never set
            // DETACHED (only this handle does), so the memory is ours.
            unsafe { mapping.unmap() };
        }
        true
    }

    /// The owning handle goes: reclaim now if the thread has ended, else
    /// let it reclaim its own memory.
    fn release(&self) {
        if !self.started.load(Ordering::Acquire) || self.unmapped.load(Ordering::Acquire) {
            return;
        }
        if self
            .reclaim
            .compare_exchange(RUNNING, DETACHED, Ordering::AcqRel, Ordering::Acquire)
            .is_err()
        {
            // FINISHED: it is ending, and only waits for the kernel.
            self.join_until(None);
        }
    }
}

/// Every started, living thread (Python's `_active`), main excluded.
static ACTIVE: Mutex<Vec<Arc<Inner>>> = Mutex::new(Vec::new());
/// Python's `_counter` for `Thread-N` names.
static COUNTER: AtomicUsize = AtomicUsize::new(0);

fn main_inner() -> &'static Arc<Inner> {
    static MAIN: strata_core::sync::Lazy<Arc<Inner>> = strata_core::sync::Lazy::new(|| {
        let inner = Inner::new(String::from("MainThread"), false);
        inner.ident.store(get_ident(), Ordering::Relaxed);
        inner.native_id.store(get_native_id(), Ordering::Relaxed);
        inner.started.store(true, Ordering::Relaxed);
        inner.alive.store(1, Ordering::Relaxed);
        inner
    });
    &MAIN
}

/// The function a [`Thread`] runs.
type Target = Box<dyn FnOnce() + Send + 'static>;

/// `threading.Thread`—a thread of control, made with a target and
/// started with [`start`](Thread::start).
///
/// This value owns the thread's memory: dropping it before the thread
/// ends lets the thread free its own memory when it does (it is no
/// longer joinable).
pub struct Thread {
    inner: Arc<Inner>,
    target: Option<Target>,
    stack: usize,
}

impl Thread {
    /// `threading.Thread(target=f)`: named `Thread-N`, not a daemon (as
    /// its creator, when that is the main thread).
    pub fn new(target: impl FnOnce() + Send + 'static) -> Thread {
        let n = COUNTER.fetch_add(1, Ordering::Relaxed) + 1;
        Thread::named(format!("Thread-{n}"), target)
    }

    /// `threading.Thread(target=f, name=name)`.
    pub fn named(name: String, target: impl FnOnce() + Send + 'static) -> Thread {
        let daemon = current_inner().is_some_and(|c| c.daemon.load(Ordering::Relaxed));
        Thread {
            inner: Inner::new(name, daemon),
            target: Some(Box::new(target)),
            stack: 0,
        }
    }

    /// `daemon=`—whether the program may exit without waiting for it.
    /// After `start`, `RuntimeError: cannot set daemon status of active
    /// thread`.
    pub fn set_daemon(&mut self, daemon: bool) -> Result<(), Error> {
        if self.inner.started.load(Ordering::Relaxed) {
            return Err(Error::Runtime("cannot set daemon status of active thread"));
        }
        self.inner.daemon.store(daemon, Ordering::Relaxed);
        Ok(())
    }

    /// This thread's stack size, instead of [`stack_size`]'s (0: that
    /// one). Below 32 KiB is `ValueError`.
    pub fn set_stack_size(&mut self, size: usize) -> Result<(), Error> {
        if size != 0 && size < STACK_MIN {
            return Err(Error::Value("size not valid: below 32768 bytes"));
        }
        self.stack = size;
        Ok(())
    }

    /// `Thread.start()`—starts the thread. A second call is
    /// `RuntimeError: threads can only be started once`; a thread the
    /// system cannot make is `Error::Os(EAGAIN)`.
    pub fn start(&mut self) -> Result<(), Error> {
        let Some(target) = self.target.take() else {
            return Err(Error::Runtime("threads can only be started once"));
        };
        match start(&self.inner, self.stack, target) {
            Ok(()) => Ok(()),
            Err((e, target)) => {
                self.target = Some(target);
                Err(Error::Os(e))
            }
        }
    }

    /// `Thread.join(timeout=None)`—waits until the thread ends or
    /// `timeout` seconds pass (then [`is_alive`](Thread::is_alive) says
    /// which). Before `start`: `RuntimeError: cannot join thread before it
    /// is started`; on itself: `RuntimeError: cannot join current thread`.
    pub fn join(&self, timeout: Option<f64>) -> Result<(), Error> {
        if !self.inner.started.load(Ordering::Acquire) {
            return Err(Error::Runtime("cannot join thread before it is started"));
        }
        if self.inner.ident.load(Ordering::Relaxed) == get_ident() {
            return Err(Error::Runtime("cannot join current thread"));
        }
        let deadline = timeout.map(|t| {
            Deadline::after(if t > 0.0 {
                t.min(sync::TIMEOUT_MAX)
            } else {
                0.0
            })
        });
        self.inner.join_until(deadline.as_ref());
        Ok(())
    }

    /// `Thread.is_alive()`—started and not yet finished.
    pub fn is_alive(&self) -> bool {
        self.inner.alive.load(Ordering::Acquire) != 0
    }

    /// `Thread.name`.
    pub fn name(&self) -> &str {
        &self.inner.name
    }

    /// `Thread.ident`—its [`get_ident`] value; `None` before `start`.
    pub fn ident(&self) -> Option<usize> {
        ThreadRef(self.inner.clone()).ident()
    }

    /// `Thread.native_id`—its kernel tid; `None` before `start`.
    pub fn native_id(&self) -> Option<u32> {
        ThreadRef(self.inner.clone()).native_id()
    }

    /// `Thread.daemon`.
    pub fn daemon(&self) -> bool {
        self.inner.daemon.load(Ordering::Relaxed)
    }

    /// A shared view of this thread (what [`enumerate`] gives).
    pub fn as_ref(&self) -> ThreadRef {
        ThreadRef(self.inner.clone())
    }
}

impl Drop for Thread {
    fn drop(&mut self) {
        self.inner.release();
    }
}

/// A view of a thread that does not own it: what [`current_thread`],
/// [`main_thread`] and [`enumerate`] give.
#[derive(Clone)]
pub struct ThreadRef(Arc<Inner>);

impl ThreadRef {
    /// `Thread.name`.
    pub fn name(&self) -> &str {
        &self.0.name
    }

    /// `Thread.ident`.
    pub fn ident(&self) -> Option<usize> {
        self.0
            .started
            .load(Ordering::Acquire)
            .then(|| self.0.ident.load(Ordering::Relaxed))
    }

    /// `Thread.native_id`.
    pub fn native_id(&self) -> Option<u32> {
        self.0
            .started
            .load(Ordering::Acquire)
            .then(|| self.0.native_id.load(Ordering::Relaxed))
    }

    /// `Thread.daemon`.
    pub fn daemon(&self) -> bool {
        self.0.daemon.load(Ordering::Relaxed)
    }

    /// `Thread.is_alive()`.
    pub fn is_alive(&self) -> bool {
        self.0.alive.load(Ordering::Acquire) != 0
    }
}

impl PartialEq for ThreadRef {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl core::fmt::Debug for ThreadRef {
    /// As Python's repr: `<Thread(Thread-1, started 1234)>`.
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        let kind = if Arc::ptr_eq(&self.0, main_inner()) {
            "_MainThread"
        } else {
            "Thread"
        };
        match (self.is_alive(), self.ident()) {
            (true, Some(id)) => write!(
                f,
                "<{kind}({}, started {}{id})>",
                self.name(),
                if self.daemon() { "daemon " } else { "" }
            ),
            (false, Some(_)) => write!(f, "<{kind}({}, stopped)>", self.name()),
            _ => write!(f, "<{kind}({}, initial)>", self.name()),
        }
    }
}

/// The record of the calling thread, if this module made it or it is
/// the main thread.
fn current_inner() -> Option<Arc<Inner>> {
    let data = strata_core::thread::current()?;
    let user = data.user.load(Ordering::Relaxed) as *const Inner;
    if user.is_null() {
        return Some(main_inner().clone());
    }
    // SAFETY: `user` was stored by thread_main from an Arc the thread
    // holds until it ends; we are that thread, so it is alive.
    unsafe {
        Arc::increment_strong_count(user);
        Some(Arc::from_raw(user))
    }
}

/// `threading.current_thread()`.
pub fn current_thread() -> ThreadRef {
    ThreadRef(current_inner().unwrap_or_else(|| main_inner().clone()))
}

/// `threading.main_thread()`.
pub fn main_thread() -> ThreadRef {
    ThreadRef(main_inner().clone())
}

/// `threading.active_count()`—living threads, the main one included.
pub fn active_count() -> usize {
    ACTIVE.lock().len() + 1
}

/// `threading.enumerate()`—every living thread, the main one first.
pub fn enumerate() -> Vec<ThreadRef> {
    let mut all = Vec::new();
    all.push(main_thread());
    all.extend(ACTIVE.lock().iter().cloned().map(ThreadRef));
    all
}

/// What the new thread receives.
struct Start {
    inner: Arc<Inner>,
    target: Target,
}

/// Makes the thread. On failure, the target comes back.
fn start(inner: &Arc<Inner>, stack: usize, target: Target) -> Result<(), (Errno, Target)> {
    if let Err(e) = first_thread() {
        return Err((e, target));
    }
    let stack = match stack {
        0 => match STACK_SIZE.load(Ordering::Relaxed) {
            0 => STACK_DEFAULT,
            n => n,
        },
        n => n,
    };
    let mapping = match raw::map(stack) {
        Ok(m) => m,
        Err(e) => return Err((e, target)),
    };
    // SAFETY: the thread does not exist yet; nothing else reads this.
    unsafe { *inner.mapping.get() = Some(mapping) };
    inner.ident.store(mapping.tp, Ordering::Relaxed);
    inner.started.store(true, Ordering::Release);
    inner.alive.store(1, Ordering::Release);
    ACTIVE.lock().push(inner.clone());
    let arg = Box::into_raw(Box::new(Start {
        inner: inner.clone(),
        target,
    }));
    let block = strata_core::thread::data_of(mapping.tp as *mut u8);
    // Listed (for the id setters' broadcast) with the list locked across
    // clone, so the new thread inherits new ids or is reached by them.
    // SAFETY: a fresh mapping; thread_main never returns and owns `arg`.
    let made = strata_core::thread::register_around(block, || unsafe {
        raw::clone(&mapping, thread_main, arg as *mut u8)
    });
    match made {
        Ok(tid) => {
            inner.native_id.store(tid, Ordering::Relaxed);
            Ok(())
        }
        Err(e) => {
            // SAFETY: the thread was not made, so `arg` is still ours.
            let start = unsafe { Box::from_raw(arg) };
            ACTIVE.lock().retain(|t| !Arc::ptr_eq(t, inner));
            inner.started.store(false, Ordering::Release);
            inner.alive.store(0, Ordering::Release);
            // SAFETY: unused memory of a thread that never ran.
            unsafe { mapping.unmap() };
            // SAFETY: as above: cleared so that no handle unmaps it again.
            unsafe { *inner.mapping.get() = None };
            let Start { target, .. } = *start;
            // clone's answer to RLIMIT_NPROC and pids limits is EAGAIN
            // already; anything else is reported as it came.
            Err((e, target))
        }
    }
}

/// Before the second thread: the main thread's block, the heap's locks,
/// the exit-time wait for non-daemon threads, fork's lock resets.
fn first_thread() -> Result<(), Errno> {
    static DONE: AtomicBool = AtomicBool::new(false);
    if DONE.load(Ordering::Acquire) {
        return Ok(());
    }
    strata_core::thread::ensure_installed()?;
    crate::heap::set_threaded();
    let _ = main_inner();
    strata_core::rt::set_shutdown_hook(shutdown);
    let _ = strata_core::os::register_at_fork(None, None, Some(after_fork_in_child));
    DONE.store(true, Ordering::Release);
    Ok(())
}

/// In a forked child only the caller lives on: the others leave the
/// registry (Python's `_after_fork`).
fn after_fork_in_child() {
    // SAFETY: the child has one thread; whoever held the lock is gone.
    unsafe { ACTIVE.force_unlock() };
    let me = get_ident();
    ACTIVE
        .lock()
        .retain(|t| t.ident.load(Ordering::Relaxed) == me);
}

/// Python's `threading._shutdown`: the main thread, exiting, waits for
/// every non-daemon thread.
fn shutdown() {
    loop {
        let next = ACTIVE
            .lock()
            .iter()
            .find(|t| !t.daemon.load(Ordering::Relaxed))
            .cloned();
        let Some(t) = next else { break };
        // Wait on its record, not its memory: a thread nobody joins frees
        // that as it ends.
        // 2: alive, and someone waits (so its end must wake us).
        let _ = t
            .alive
            .compare_exchange(1, 2, Ordering::AcqRel, Ordering::Acquire);
        while t.alive.load(Ordering::Acquire) != 0 {
            strata_core::sync::futex::wait(&t.alive, 2, None);
        }
    }
}

/// The new thread's first Rust code.
extern "C" fn thread_main(arg: *mut u8) -> ! {
    // SAFETY: `start` gave us this Box, and only us.
    let start = unsafe { Box::from_raw(arg as *mut Start) };
    let Start { inner, target } = *start;
    if let Some(data) = strata_core::thread::current() {
        // The parent stores it too once clone returns; the thread may look
        // before that.
        inner
            .native_id
            .store(data.tid.load(Ordering::Relaxed), Ordering::Relaxed);
        // SAFETY: `inner` (and its name) lives until this thread ends.
        unsafe { data.set_name(&inner.name) };
        data.user
            .store(Arc::as_ptr(&inner) as *mut (), Ordering::Relaxed);
    }
    raw::set_os_name(&inner.name);
    target();
    local::run_destructors();
    crate::heap::thread_exit();
    if let Some(data) = strata_core::thread::current() {
        data.user.store(core::ptr::null_mut(), Ordering::Relaxed);
        strata_core::thread::unregister(data);
    }
    ACTIVE.lock().retain(|t| !Arc::ptr_eq(t, &inner));
    // A system call only when the exiting main thread waits for us.
    if inner.alive.swap(0, Ordering::AcqRel) == 2 {
        strata_core::sync::futex::wake_all(&inner.alive);
    }
    let detached = inner
        .reclaim
        .compare_exchange(RUNNING, FINISHED, Ordering::AcqRel, Ordering::Acquire)
        .is_err();
    let mapping = inner.mapping();
    drop(inner);
    match (detached, mapping) {
        // SAFETY: nobody will join: the memory is ours to free, and
        // nothing of it is used after this call.
        (true, Some(m)) => unsafe { raw::exit_unmapping(m) },
        _ => raw::exit(),
    }
}

/// The value a [`spawn`]ed thread hands back.
struct Packet<T> {
    value: UnsafeCell<Option<T>>,
}

// SAFETY: the value is written by the thread before it ends and read by
// the handle only after the join saw it end.
unsafe impl<T: Send> Sync for Packet<T> {}
// SAFETY: as above.
unsafe impl<T: Send> Send for Packet<T> {}

/// Owns a [`spawn`]ed thread; [`join`](JoinHandle::join) gives its value.
pub struct JoinHandle<T> {
    thread: Thread,
    packet: Arc<Packet<T>>,
}

impl<T> JoinHandle<T> {
    /// Waits for the thread and returns what its closure returned.
    pub fn join(self) -> T {
        self.thread.inner.join_until(None);
        // SAFETY: the thread has ended, so it wrote the value and no
        // longer touches the packet.
        let value = unsafe { (*self.packet.value.get()).take() };
        match value {
            Some(v) => v,
            // The closure cannot have failed to return without ending the
            // program (a panic aborts), so the value is there.
            None => strata_core::rt::abort(),
        }
    }

    /// The thread, as [`current_thread`] would show it inside.
    pub fn thread(&self) -> ThreadRef {
        self.thread.as_ref()
    }

    /// Whether the closure has returned.
    pub fn is_finished(&self) -> bool {
        !self.thread.is_alive()
    }
}

/// `std::thread::spawn`: runs `f` on a new thread (a daemon, named
/// `Thread-N`); `Err(EAGAIN)` when the system cannot make one.
pub fn spawn<T: Send + 'static>(
    f: impl FnOnce() -> T + Send + 'static,
) -> Result<JoinHandle<T>, Errno> {
    Builder::new().spawn(f)
}

/// Options for [`spawn`]: name and stack size (`std::thread::Builder`).
#[derive(Default)]
pub struct Builder {
    name: Option<String>,
    stack: usize,
}

impl Builder {
    /// The defaults.
    pub fn new() -> Builder {
        Builder::default()
    }

    /// The thread's name.
    pub fn name(mut self, name: String) -> Builder {
        self.name = Some(name);
        self
    }

    /// The thread's stack size; below [`STACK_MIN`] is raised to it.
    pub fn stack_size(mut self, size: usize) -> Builder {
        self.stack = size.max(STACK_MIN);
        self
    }

    /// Starts the thread.
    pub fn spawn<T: Send + 'static>(
        self,
        f: impl FnOnce() -> T + Send + 'static,
    ) -> Result<JoinHandle<T>, Errno> {
        let packet = Arc::new(Packet {
            value: UnsafeCell::new(None),
        });
        let slot = packet.clone();
        let body = move || {
            let value = f();
            // SAFETY: only this thread writes, before it ends.
            unsafe { *slot.value.get() = Some(value) };
        };
        let mut thread = match self.name {
            Some(name) => Thread::named(name, body),
            None => Thread::new(body),
        };
        thread.inner.daemon.store(true, Ordering::Relaxed);
        thread.stack = self.stack;
        match thread.start() {
            Ok(()) => Ok(JoinHandle { thread, packet }),
            Err(Error::Os(e)) => Err(e),
            Err(_) => Err(Errno::INVAL),
        }
    }
}
