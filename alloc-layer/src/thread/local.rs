//! Thread-local values for Strata's own code: [`Local<T>`] and the
//! [`thread_local!`](crate::thread_local) macro (stable Rust has no
//! `#[thread_local]`).
//!
//! Each `Local` takes one of the thread block's word slots
//! (`strata_core::thread::SLOTS`) on first use; a thread's value is boxed
//! on the heap and the slot holds the pointer. Destructors run, newest
//! first, when a thread made by this module ends (values made by a
//! destructor too, up to a few rounds); the main thread's values live
//! until the process ends, as `threading.local` attributes of the main
//! thread do.

use alloc::boxed::Box;
use alloc::vec::Vec;
use core::sync::atomic::{AtomicUsize, Ordering};
use strata_core::thread as block;

/// Why a [`Local`] could not be reached.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AccessError {
    /// Every one of the thread block's slots is taken by another `Local`.
    NoSlot,
    /// No thread block (outside a Strata program, or no memory for it).
    NoBlock,
}

/// A value each thread has its own of, made by `init` on the thread's
/// first use (`threading.local`, Rust's `LocalKey`).
pub struct Local<T: 'static> {
    /// The slot's key + 1 (0: not yet given one).
    key: AtomicUsize,
    init: fn() -> T,
}

/// A value to drop at thread exit and how.
type Destructor = (*mut u8, unsafe fn(*mut u8));

/// The per-thread list of values to drop at exit, in its own slot.
struct Destructors {
    list: Vec<Destructor>,
}

static DTOR_KEY: AtomicUsize = AtomicUsize::new(0);

/// A key for `cell`, given on first use (`None` when none are left).
fn key_of(cell: &AtomicUsize) -> Option<usize> {
    let k = cell.load(Ordering::Acquire);
    if k != 0 {
        return Some(k - 1);
    }
    let fresh = block::new_slot_key()?;
    match cell.compare_exchange(0, fresh + 1, Ordering::AcqRel, Ordering::Acquire) {
        Ok(_) => Some(fresh),
        // Another thread gave it one first (the fresh key is wasted).
        Err(k) => Some(k - 1),
    }
}

impl<T: 'static> Local<T> {
    /// A thread-local whose value `init` makes on each thread's first
    /// use.
    pub const fn new(init: fn() -> T) -> Self {
        Local {
            key: AtomicUsize::new(0),
            init,
        }
    }

    /// Runs `f` with the calling thread's value; an error when no slot
    /// or thread block is to be had.
    pub fn try_with<R>(&'static self, f: impl FnOnce(&T) -> R) -> Result<R, AccessError> {
        let key = key_of(&self.key).ok_or(AccessError::NoSlot)?;
        let data = block::current().ok_or(AccessError::NoBlock)?;
        let slot = data.slot(key);
        let mut ptr = slot.load(Ordering::Relaxed) as *mut T;
        if ptr.is_null() {
            ptr = Box::into_raw(Box::new((self.init)()));
            slot.store(ptr as usize, Ordering::Relaxed);
            register(data, ptr as *mut u8, drop_box::<T>);
        }
        // SAFETY: the slot holds this thread's live box of T, freed only
        // at thread exit, after which this thread runs no more code.
        Ok(f(unsafe { &*ptr }))
    }

    /// Runs `f` with the calling thread's value.
    ///
    /// # Panics
    /// When more `Local`s exist than the thread block has slots (64), or
    /// outside a Strata program: a property of the program, not of its
    /// input, as `LocalKey::with` panics after destruction.
    pub fn with<R>(&'static self, f: impl FnOnce(&T) -> R) -> R {
        match self.try_with(f) {
            Ok(r) => r,
            Err(AccessError::NoSlot) => panic!("more than 64 thread-local values"),
            Err(AccessError::NoBlock) => panic!("no thread block for a thread-local value"),
        }
    }
}

/// # Safety
/// `p` is a `Box<T>` turned into a raw pointer, dropped once.
unsafe fn drop_box<T>(p: *mut u8) {
    // SAFETY: as the caller guarantees.
    drop(unsafe { Box::from_raw(p as *mut T) });
}

fn register(data: &block::ThreadData, ptr: *mut u8, dtor: unsafe fn(*mut u8)) {
    let Some(key) = key_of(&DTOR_KEY) else {
        return;
    };
    let slot = data.slot(key);
    let mut list = slot.load(Ordering::Relaxed) as *mut Destructors;
    if list.is_null() {
        list = Box::into_raw(Box::new(Destructors { list: Vec::new() }));
        slot.store(list as usize, Ordering::Relaxed);
    }
    // SAFETY: this thread's own list, touched only by this thread.
    unsafe { (*list).list.push((ptr, dtor)) };
}

/// Drops the calling thread's values, newest first; a destructor that
/// makes new values gets them dropped in a further round (at most four,
/// as glibc's `PTHREAD_DESTRUCTOR_ITERATIONS`).
pub(super) fn run_destructors() {
    let (Some(data), Some(key)) = (block::current(), key_of(&DTOR_KEY)) else {
        return;
    };
    for _ in 0..4 {
        let slot = data.slot(key);
        let list = slot.swap(0, Ordering::Relaxed) as *mut Destructors;
        if list.is_null() {
            return;
        }
        // SAFETY: our own list, out of the slot now.
        let list = unsafe { Box::from_raw(list) };
        // Clear the values' slots first, so that a destructor that reads
        // a Local gets a fresh value (dropped next round), never a freed
        // one.
        for s in 0..block::SLOTS {
            if s != key {
                data.slot(s).store(0, Ordering::Relaxed);
            }
        }
        for &(ptr, dtor) in list.list.iter().rev() {
            // SAFETY: each entry is a live box registered once.
            unsafe { dtor(ptr) };
        }
    }
}

/// Declares thread-local statics, as Rust's `thread_local!`:
///
/// ```ignore
/// strata_alloc::thread_local! {
///     static COUNT: core::cell::Cell<u32> = core::cell::Cell::new(0);
/// }
/// COUNT.with(|c| c.set(c.get() + 1));
/// ```
#[macro_export]
macro_rules! thread_local {
    ($($(#[$attr:meta])* $vis:vis static $name:ident: $t:ty = $init:expr;)*) => {
        $(
            $(#[$attr])*
            $vis static $name: $crate::thread::Local<$t> = $crate::thread::Local::new(|| $init);
        )*
    };
}
