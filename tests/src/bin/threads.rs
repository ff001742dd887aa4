//! The threads test program: locks under contention, a bounded queue on a
//! Condition, RLock re-entry, Python's Thread rules, 10,000 short threads
//! joined without leaking stacks (RSS and /proc/self/maps), the heap under
//! four threads passing blocks to each other (contents, RSS after), thread-local
//! destructors counted, the thread block's canary and TLS image, and a
//! thread that cannot be made as `EAGAIN`.
//!
//! Other modes, for the harness: `threads panic` (a thread panics: the
//! program aborts naming it), `threads exit` (a thread calls exit: the
//! handlers run once), `threads nproc` (under `prlimit --nproc=1`: as
//! root it first becomes nobody, since root is not held to the limit;
//! starting a thread is then `EAGAIN`).
#![no_std]
#![no_main]

extern crate alloc;

use alloc::collections::VecDeque;
use alloc::string::String;
use alloc::vec::Vec;
use core::cell::{Cell, UnsafeCell};
use core::sync::atomic::{AtomicUsize, Ordering};
use strata_alloc::thread::{self, Thread, sync};
use strata_alloc::{os, println};
use strata_tests::Tap;

strata_alloc::main!(main);

fn main() -> i32 {
    match os::argv().nth(1).map(|a| a.to_bytes()) {
        Some(b"panic") => return panic_in_thread(),
        Some(b"exit") => return exit_in_thread(),
        Some(b"nproc") => return nproc(),
        Some(b"shutdown") => return shutdown(),
        #[cfg(strata_c_tests)]
        Some(b"smash") => return c_code::smash(),
        _ => {}
    }
    let mut tap = Tap::new();
    block(&mut tap);
    #[cfg(strata_c_tests)]
    c_code::checks(&mut tap);
    lock_counts(&mut tap);
    queue(&mut tap);
    rlock(&mut tap);
    python_rules(&mut tap);
    spawn_values(&mut tap);
    locals(&mut tap);
    many_threads(&mut tap);
    heap_across_threads(&mut tap);
    heap_contention(&mut tap);
    signals_to_one_thread(&mut tap);
    fork_with_threads(&mut tap);
    thread_clocks(&mut tap);
    cannot_start(&mut tap);
    // Last: it gives up root for good.
    ids_on_every_thread(&mut tap);
    tap.finish()
}

/// Small stacks for the stress tests: the memory-limit tier runs this
/// program under an 8 MiB address space.
const SMALL: usize = 64 * 1024;

fn small(f: impl FnOnce() + Send + 'static) -> Thread {
    let mut t = Thread::new(f);
    t.set_stack_size(SMALL).unwrap();
    t
}

/// Data shared without a lock of its own: only touched under `lock`.
struct Shared<T> {
    lock: sync::Lock,
    value: UnsafeCell<T>,
}
// SAFETY: `value` is only touched with `lock` held.
unsafe impl<T: Send> Sync for Shared<T> {}

fn block(tap: &mut Tap) {
    let ident = thread::get_ident();
    tap.check("get_ident is the thread pointer, not 0", ident != 0);
    tap.check(
        "get_native_id of the main thread is the pid",
        thread::get_native_id() == os::getpid() as u32,
    );
    #[cfg(target_arch = "x86_64")]
    {
        let (zero, canary): (usize, usize);
        // SAFETY: the block is installed (get_ident above); fs:0 and
        // fs:0x28 are inside its header.
        unsafe {
            core::arch::asm!("mov {}, fs:0", out(reg) zero);
            core::arch::asm!("mov {}, fs:0x28", out(reg) canary);
        }
        tap.check("%fs:0 holds the thread pointer itself", zero == ident);
        tap.check(
            "%fs:0x28 holds the stack-protector canary",
            canary == strata_alloc::rt::stack_guard() && canary != 0,
        );
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        unsafe extern "C" {
            static __stack_chk_guard: usize;
        }
        // SAFETY: main! defines it; startup wrote it before main.
        let guard = unsafe { core::ptr::read_volatile(&raw const __stack_chk_guard) };
        tap.check(
            "__stack_chk_guard holds the stack-protector canary",
            guard == strata_alloc::rt::stack_guard() && guard != 0,
        );
    }
    let main_value = tls_image::read();
    tap.check(
        "the program's PT_TLS image is where the linker's offsets say",
        main_value == tls_image::INITIAL,
    );
    let h = thread::spawn(|| {
        let first = tls_image::read();
        tls_image::write(7);
        (first, tls_image::read(), thread::get_ident())
    })
    .unwrap();
    let (first, after, ident2) = h.join();
    tap.check(
        "a thread's TLS starts from the image and is its own",
        first == tls_image::INITIAL && after == 7 && tls_image::read() == tls_image::INITIAL,
    );
    tap.check("a thread's ident differs from main's", ident2 != ident);
}

/// gcc-built C code (tests/c/runtime_test.c, `-fstack-protector-all`)
/// finding the canary and its `errno` where a glibc program would.
#[cfg(strata_c_tests)]
mod c_code {
    use core::ffi::c_char;
    use strata_alloc::thread;
    use strata_tests::Tap;

    // SAFETY: the signatures of tests/c/runtime_test.c's functions, which
    // build.rs compiles and links into this program.
    unsafe extern "C" {
        fn c_canary() -> usize;
        fn c_sum_through_stack(s: *const c_char) -> usize;
        fn c_smash_stack(n: usize);
        fn c_errno_roundtrip(value: i32) -> i32;
        fn c_errno_address() -> *mut i32;
    }

    const TEXT: &core::ffi::CStr = c"the canary is where gcc reads it";

    fn expected_sum() -> usize {
        TEXT.to_bytes().iter().map(|&b| usize::from(b)).sum()
    }

    /// What one thread sees: the canary, a protected call's result, its
    /// errno round trip and address.
    fn observe(value: i32) -> (usize, usize, i32, usize) {
        // SAFETY: the C functions take a valid C string and plain values;
        // the thread block is installed (the caller used it already).
        unsafe {
            (
                c_canary(),
                c_sum_through_stack(TEXT.as_ptr()),
                c_errno_roundtrip(value),
                c_errno_address() as usize,
            )
        }
    }

    pub fn checks(tap: &mut Tap) {
        let (canary, sum, errno, address) = observe(11);
        tap.check(
            "C (-fstack-protector-all) reads the runtime's canary",
            canary == strata_alloc::rt::stack_guard() && canary != 0,
        );
        tap.check(
            "a protected C function returns through its canary check",
            sum == expected_sum(),
        );
        let (canary2, sum2, errno2, address2) = thread::spawn(|| observe(22)).unwrap().join();
        tap.check(
            "in a thread, C reads the same canary and returns through the check",
            canary2 == canary && sum2 == expected_sum(),
        );
        tap.check(
            "C's errno is per thread: each sees its own value at its own address",
            errno == 11
                && errno2 == 22
                && address != address2
                && address == strata_core::thread::errno_location() as usize,
        );
        // SAFETY: a plain read back through the C side.
        let again = unsafe { c_errno_roundtrip(33) };
        tap.check("main's errno is untouched by the thread's", again == 33);
    }

    /// `threads smash`: C overruns a stack buffer in a thread; its
    /// canary check reports and aborts.
    pub fn smash() -> i32 {
        let h = thread::spawn(|| {
            // SAFETY: deliberately overruns the callee's own 16-byte buffer
            // by 32 bytes, over its canary: the C side never returns.
            unsafe { c_smash_stack(48) }
        })
        .unwrap();
        h.join();
        0
    }
}

/// A variable in `.tdata` (a real PT_TLS segment), read and written with
/// each architecture's local-exec TLS sequence, as compiled C code would.
mod tls_image {
    pub const INITIAL: usize = 0x5eed_1234;

    #[cfg(target_pointer_width = "64")]
    core::arch::global_asm!(
        ".section .tdata,\"awT\",%progbits",
        ".p2align 3",
        ".globl strata_test_tls",
        "strata_test_tls:",
        ".quad 0x5eed1234",
        ".text",
    );
    #[cfg(target_pointer_width = "32")]
    core::arch::global_asm!(
        ".section .tdata,\"awT\",%progbits",
        ".p2align 2",
        ".globl strata_test_tls",
        "strata_test_tls:",
        ".long 0x5eed1234",
        ".text",
    );

    /// The address of this thread's copy.
    fn addr() -> *mut usize {
        let p: *mut usize;
        // SAFETY: the local-exec sequences only compute an address from
        // the thread pointer, which the thread block installed.
        unsafe {
            #[cfg(target_arch = "x86_64")]
            core::arch::asm!("mov {p}, fs:0", "lea {p}, [{p} + strata_test_tls@tpoff]", p = out(reg) p);
            #[cfg(target_arch = "aarch64")]
            core::arch::asm!(
                "mrs {p}, tpidr_el0",
                "add {p}, {p}, #:tprel_hi12:strata_test_tls, lsl #12",
                "add {p}, {p}, #:tprel_lo12_nc:strata_test_tls",
                p = out(reg) p
            );
            #[cfg(target_arch = "riscv64")]
            core::arch::asm!(
                "lui {p}, %tprel_hi(strata_test_tls)",
                "add {p}, {p}, tp, %tprel_add(strata_test_tls)",
                "addi {p}, {p}, %tprel_lo(strata_test_tls)",
                p = out(reg) p
            );
            #[cfg(target_arch = "arm")]
            core::arch::asm!(
                "ldr {o}, 1f",
                "mrc p15, 0, {p}, c13, c0, 3",
                "add {p}, {p}, {o}",
                "b 2f",
                "1: .word strata_test_tls(tpoff)",
                "2:",
                p = out(reg) p,
                o = out(reg) _
            );
        }
        p
    }

    pub fn read() -> usize {
        // Make sure the block is in place before using the pointer.
        let _ = strata_alloc::thread::get_ident();
        // SAFETY: this thread's TLS copy, inside its block.
        unsafe { core::ptr::read_volatile(addr()) }
    }

    pub fn write(v: usize) {
        let _ = strata_alloc::thread::get_ident();
        // SAFETY: as above.
        unsafe { core::ptr::write_volatile(addr(), v) }
    }
}

fn lock_counts(tap: &mut Tap) {
    const THREADS: usize = 4;
    const EACH: u64 = 50_000;
    let shared = alloc::sync::Arc::new(Shared {
        lock: sync::Lock::new(),
        value: UnsafeCell::new(0u64),
    });
    let mut threads: Vec<Thread> = (0..THREADS)
        .map(|_| {
            let s = shared.clone();
            small(move || {
                for _ in 0..EACH {
                    let _g = s.lock.lock();
                    // SAFETY: under the lock.
                    unsafe { *s.value.get() += 1 };
                }
            })
        })
        .collect();
    for t in &mut threads {
        t.start().unwrap();
    }
    for t in &threads {
        t.join(None).unwrap();
    }
    // SAFETY: every thread has ended.
    let total = unsafe { *shared.value.get() };
    tap.check(
        "4 threads x 50,000 increments under Lock lose none",
        total == THREADS as u64 * EACH,
    );
    let m = alloc::sync::Arc::new(sync::Mutex::new(0u64));
    let handles: Vec<_> = (0..THREADS)
        .map(|_| {
            let m = m.clone();
            thread::Builder::new()
                .stack_size(SMALL)
                .spawn(move || {
                    for _ in 0..EACH {
                        *m.lock() += 1;
                    }
                })
                .unwrap()
        })
        .collect();
    for h in handles {
        h.join();
    }
    tap.check(
        "4 threads x 50,000 increments under Mutex<u64> lose none",
        *m.lock() == THREADS as u64 * EACH,
    );
}

/// A bounded queue (16 slots) on one Condition: a producer and a consumer
/// move ITEMS numbers; the consumer's sum must match.
fn queue(tap: &mut Tap) {
    const ITEMS: u64 = 1_000_000;
    struct Queue {
        cond: sync::Condition,
        items: UnsafeCell<VecDeque<u64>>,
    }
    // SAFETY: `items` only under the condition's lock.
    unsafe impl Sync for Queue {}
    let q = alloc::sync::Arc::new(Queue {
        cond: sync::Condition::new(),
        items: UnsafeCell::new(VecDeque::with_capacity(16)),
    });
    let producer = {
        let q = q.clone();
        thread::Builder::new()
            .stack_size(SMALL)
            .spawn(move || {
                for i in 0..ITEMS {
                    let g = q.cond.lock();
                    // SAFETY: under the lock.
                    let _ = g.wait_for(|| unsafe { (*q.items.get()).len() } < 16, None);
                    // SAFETY: under the lock.
                    unsafe { (*q.items.get()).push_back(i) };
                    g.notify(1);
                }
            })
            .unwrap()
    };
    let mut sum: u64 = 0;
    let mut checksum: u64 = 0;
    for _ in 0..ITEMS {
        let g = q.cond.lock();
        // SAFETY: under the lock.
        let _ = g.wait_for(|| unsafe { !(*q.items.get()).is_empty() }, None);
        // SAFETY: under the lock.
        let v = unsafe { (*q.items.get()).pop_front() }.unwrap_or(u64::MAX);
        g.notify(1);
        sum = sum.wrapping_add(v);
        checksum = checksum.rotate_left(5) ^ v;
    }
    producer.join();
    let mut want = 0u64;
    for v in 0..ITEMS {
        want = want.rotate_left(5) ^ v;
    }
    tap.check(
        "a bounded queue on a Condition moves 1,000,000 items in order (sum and checksum)",
        sum == ITEMS * (ITEMS - 1) / 2 && checksum == want,
    );
}

fn rlock(tap: &mut Tap) {
    let r = alloc::sync::Arc::new(sync::RLock::new());
    let nested = r.acquire(true, -1.0) == Ok(true)
        && r.acquire(true, -1.0) == Ok(true)
        && r.acquire(false, -1.0) == Ok(true);
    let r2 = r.clone();
    let other = thread::spawn(move || {
        (
            r2.acquire(false, -1.0),
            r2.release(),
            r2.acquire(true, 0.05),
        )
    })
    .unwrap()
    .join();
    let released = r.release().is_ok() && r.release().is_ok() && r.locked() && r.release().is_ok();
    tap.check(
        "RLock: the owner re-enters three times; another thread can neither take nor release it",
        nested
            && other
                == (
                    Ok(false),
                    Err(sync::Error::Runtime("cannot release un-acquired lock")),
                    Ok(false),
                ),
    );
    tap.check(
        "RLock: three releases unlock it, a fourth is RuntimeError",
        released
            && !r.locked()
            && r.release() == Err(sync::Error::Runtime("cannot release un-acquired lock")),
    );
}

fn python_rules(tap: &mut Tap) {
    let mut t = {
        let mut t = Thread::named(String::from("worker-7"), || {
            let me = thread::current_thread();
            if me.name() != "worker-7" || me.native_id() != Some(thread::get_native_id()) {
                strata_alloc::rt::abort();
            }
            sync_point().wait(None).unwrap();
            sync_point().wait(None).unwrap();
        });
        t.set_stack_size(SMALL).unwrap();
        t
    };
    tap.check(
        "join before start is RuntimeError",
        t.join(None)
            == Err(thread::Error::Runtime(
                "cannot join thread before it is started",
            )),
    );
    tap.check(
        "not alive before start, no ident",
        !t.is_alive() && t.ident().is_none(),
    );
    t.start().unwrap();
    tap.check(
        "a second start is RuntimeError",
        t.start() == Err(thread::Error::Runtime("threads can only be started once")),
    );
    sync_point().wait(None).unwrap();
    let names: Vec<String> = thread::enumerate()
        .iter()
        .map(|r| String::from(r.name()))
        .collect();
    tap.check(
        "enumerate lists MainThread and worker-7; active_count is 2",
        names == ["MainThread", "worker-7"] && thread::active_count() == 2,
    );
    tap.check(
        "the kernel knows the thread's name (/proc/self/task/TID/comm)",
        matches!(
            comm(t.native_id().unwrap_or(0)).as_deref(),
            Some("worker-7") | None
        ),
    );
    t.join(Some(0.05)).unwrap();
    tap.check(
        "join(timeout) returns while it is still alive",
        t.is_alive(),
    );
    sync_point().wait(None).unwrap();
    t.join(None).unwrap();
    tap.check(
        "after join it is not alive and has left enumerate",
        !t.is_alive() && thread::active_count() == 1,
    );
    tap.check(
        "main_thread is MainThread and is current on main",
        thread::main_thread().name() == "MainThread"
            && thread::current_thread() == thread::main_thread(),
    );
    let mut own = Thread::new(|| {});
    own.set_daemon(true).unwrap();
    own.start().unwrap();
    tap.check(
        "set_daemon after start is RuntimeError",
        own.set_daemon(false)
            == Err(thread::Error::Runtime(
                "cannot set daemon status of active thread",
            )),
    );
    own.join(None).unwrap();
    tap.check(
        "stack sizes below 32 KiB are ValueError",
        Thread::new(|| {}).set_stack_size(4096).is_err() && thread::stack_size(Some(100)).is_err(),
    );
}

/// Where the worker of `python_rules` and the main thread meet.
fn sync_point() -> &'static sync::Barrier {
    static B: sync::Lazy<sync::Barrier> =
        sync::Lazy::new(|| sync::Barrier::new(2, None, None).unwrap());
    &B
}

/// A thread's name as the kernel shows it; None without /proc.
fn comm(tid: u32) -> Option<String> {
    let path = alloc::format!("/proc/self/task/{tid}/comm");
    let text = read_file(&path)?;
    Some(String::from(text.trim_end()))
}

fn read_file(path: &str) -> Option<String> {
    let fd = os::open(path, os::O_RDONLY, 0).ok()?;
    let mut out = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        let n = os::read(&fd, &mut buf).ok()?;
        if n == 0 {
            break;
        }
        out.extend_from_slice(&buf[..n]);
    }
    String::from_utf8(out).ok()
}

fn spawn_values(tap: &mut Tap) {
    let handles: Vec<_> = (0..8u64)
        .map(|i| {
            thread::Builder::new()
                .stack_size(SMALL)
                .spawn(move || i * i)
                .unwrap()
        })
        .collect();
    let values: Vec<u64> = handles.into_iter().map(|h| h.join()).collect();
    tap.check(
        "spawn returns each closure's value through join",
        values == [0, 1, 4, 9, 16, 25, 36, 49],
    );
    let s = thread::Builder::new()
        .name(String::from("named"))
        .stack_size(SMALL)
        .spawn(|| String::from(thread::current_thread().name()))
        .unwrap()
        .join();
    tap.check("Builder::name names the thread", s == "named");
}

static DROPS: AtomicUsize = AtomicUsize::new(0);

struct Counted(usize);
impl Drop for Counted {
    fn drop(&mut self) {
        DROPS.fetch_add(self.0, Ordering::SeqCst);
    }
}

strata_alloc::thread_local! {
    static COUNTER: Cell<u32> = Cell::new(0);
    static COUNTED: Counted = Counted(1);
    static TEN: Counted = Counted(10);
}

fn locals(tap: &mut Tap) {
    COUNTER.with(|c| c.set(100));
    const THREADS: usize = 20;
    let handles: Vec<_> = (0..THREADS)
        .map(|i| {
            thread::Builder::new()
                .stack_size(SMALL)
                .spawn(move || {
                    COUNTER.with(|c| c.set(c.get() + i as u32));
                    COUNTED.with(|_| {});
                    if i % 2 == 0 {
                        TEN.with(|_| {});
                    }
                    COUNTER.with(|c| c.get())
                })
                .unwrap()
        })
        .collect();
    let seen: Vec<u32> = handles.into_iter().map(|h| h.join()).collect();
    tap.check(
        "each thread has its own thread_local value",
        seen.iter().enumerate().all(|(i, &v)| v == i as u32) && COUNTER.with(|c| c.get()) == 100,
    );
    tap.check(
        "thread-local destructors ran once per value at thread exit (20 x 1 + 10 x 10)",
        DROPS.load(Ordering::SeqCst) == THREADS + 10 * THREADS / 2,
    );
}

/// What /proc says of the process's memory: lines of /proc/self/maps,
/// the bytes they map, and resident pages when statm describes this
/// program (under qemu-user it describes the emulator, whose mapped size
/// is far from the guest's: then `None`).
fn memory() -> Option<(usize, usize, Option<usize>)> {
    let maps = read_file("/proc/self/maps")?;
    let mut lines = 0;
    let mut mapped = 0usize;
    for line in maps.lines() {
        lines += 1;
        let range = line.split(' ').next()?;
        let (a, b) = range.split_once('-')?;
        let (a, b) = (
            usize::from_str_radix(a, 16).ok()?,
            usize::from_str_radix(b, 16).ok()?,
        );
        mapped += b.saturating_sub(a);
    }
    let statm = read_file("/proc/self/statm")?;
    let mut fields = statm.split(' ');
    let size: usize = fields.next()?.parse().ok()?;
    let rss: usize = fields.next()?.parse().ok()?;
    let page = os::page_size();
    let ours = size * page <= mapped + (1 << 20) && mapped <= size * page + (1 << 20);
    Some((lines, mapped, ours.then_some(rss)))
}

fn many_threads(tap: &mut Tap) {
    const N: usize = 10_000;
    // Warm up: the heap's spans and the first stack of each kind exist.
    for _ in 0..10 {
        thread::Builder::new()
            .stack_size(SMALL)
            .spawn(|| {})
            .unwrap()
            .join();
    }
    let before = memory();
    let counter = alloc::sync::Arc::new(AtomicUsize::new(0));
    let mut ok = true;
    for i in 0..N {
        let c = counter.clone();
        let h = thread::Builder::new().stack_size(SMALL).spawn(move || {
            c.fetch_add(1, Ordering::Relaxed);
        });
        match h {
            Ok(h) => {
                // Every tenth one is dropped unjoined: it frees its own
                // stack as it ends.
                if i % 10 == 0 {
                    drop(h);
                } else {
                    h.join();
                }
            }
            Err(_) => ok = false,
        }
    }
    // The dropped ones may still be ending.
    let deadline = strata_alloc::time::monotonic() + 10.0;
    while counter.load(Ordering::Relaxed) < N && strata_alloc::time::monotonic() < deadline {
        os::sched_yield();
    }
    let _ = strata_alloc::time::sleep(0.05);
    let after = memory();
    tap.check(
        "10,000 short threads started and ran (a tenth never joined)",
        ok && counter.load(Ordering::Relaxed) == N,
    );
    match (before, after) {
        (Some((lines0, mapped0, rss0)), Some((lines1, mapped1, rss1))) => {
            println!(
                "# /proc/self/maps: {lines0} -> {lines1} lines, {} -> {} KiB; RSS pages {rss0:?} -> {rss1:?}",
                mapped0 >> 10,
                mapped1 >> 10
            );
            tap.check(
                "no stacks leaked: /proc/self/maps has at most 4 more lines and 4 MiB more mapped (all 10,000 stacks: 680 MB)",
                lines1 <= lines0 + 4 && mapped1 <= mapped0 + (4 << 20),
            );
            match (rss0, rss1) {
                (Some(r0), Some(r1)) => tap.check(
                    "no stacks leaked: RSS at most 256 pages more",
                    r1 <= r0 + 256,
                ),
                _ => {
                    println!("# statm describes the emulator, not this program: RSS check skipped")
                }
            }
        }
        _ => println!("# /proc is not mounted: leak check skipped"),
    }
}

/// Blocks allocated on one thread and freed on another, in both
/// directions, many times over; every byte checked. The two meet at a
/// barrier each round, so that at most two rounds' blocks live at once
/// (the memory-limit tier runs this in 8 MiB).
fn heap_across_threads(tap: &mut Tap) {
    const ROUNDS: usize = 200;
    const BLOCKS: usize = 125;
    type Pile = alloc::sync::Arc<sync::Mutex<Vec<Vec<u8>>>>;
    let (to_worker, to_main): (Pile, Pile) = Default::default();
    let meet = alloc::sync::Arc::new(sync::Barrier::new(2, None, None).unwrap());
    fn check(pile: &Pile) -> usize {
        let got: Vec<Vec<u8>> = core::mem::take(&mut *pile.lock());
        got.iter()
            .map(|b| b.iter().filter(|&&x| x != b.len() as u8).count())
            .sum()
    }
    fn make(pile: &Pile, round: usize, mul: usize) {
        let blocks: Vec<Vec<u8>> = (0..BLOCKS)
            .map(|i| {
                let n = 8 + (i * mul + round) % 1500;
                alloc::vec![n as u8; n]
            })
            .collect();
        pile.lock().extend(blocks);
    }
    let worker = {
        let (to_worker, to_main, meet) = (to_worker.clone(), to_main.clone(), meet.clone());
        thread::Builder::new()
            .stack_size(SMALL)
            .spawn(move || {
                let mut bad = 0;
                for round in 0..ROUNDS {
                    make(&to_main, round, 37);
                    let _ = meet.wait(None);
                    bad += check(&to_worker);
                    let _ = meet.wait(None);
                }
                bad
            })
            .unwrap()
    };
    let mut bad = 0;
    for round in 0..ROUNDS {
        make(&to_worker, round, 53);
        let _ = meet.wait(None);
        bad += check(&to_main);
        let _ = meet.wait(None);
    }
    bad += worker.join();
    tap.check(
        "blocks freed by the other thread, both ways, 50,000 of them: every byte intact",
        bad == 0 && to_worker.lock().is_empty() && to_main.lock().is_empty(),
    );
}

/// Four threads allocating and freeing mixed sizes at once, passing
/// blocks to each other through a queue, so that most frees are of
/// another thread's blocks and go through the heap's per-thread caches.
/// Every byte is checked. All five (main too) meet at a barrier when the
/// workers hold the most, for main to read the peak RSS; after the
/// workers end, their caches flushed back to the spans, RSS must be down
/// again (the memory-limit tier runs this in 8 MiB, so the peak is kept
/// near 1.5 MiB).
fn heap_contention(tap: &mut Tap) {
    const WORKERS: usize = 4;
    const STEPS: usize = 20_000;
    /// The most blocks waiting in the queue; a producer frees its block
    /// itself when it is full.
    const QUEUED: usize = 256;
    /// The most blocks a worker holds of its own.
    const HELD: usize = 200;
    type Queue = alloc::sync::Arc<sync::Mutex<VecDeque<(u8, Vec<u8>)>>>;
    fn bad_bytes(tag: u8, b: &[u8]) -> usize {
        b.iter().filter(|&&x| x != tag ^ b.len() as u8).count()
    }
    fn run(id: usize, queue: &Queue, meet: &sync::Barrier) -> usize {
        let mut rng = 0x9e37_79b9_7f4a_7c15u64 ^ (id as u64 + 1);
        let mut next = move || {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            rng
        };
        let mut bad = 0;
        let mut held: Vec<(u8, Vec<u8>)> = Vec::with_capacity(HELD);
        for step in 0..STEPS {
            if step == STEPS / 2 {
                // Hold the most, for main to read the peak; then let go.
                while held.len() < HELD {
                    let n = 512 + (next() % 3000) as usize;
                    held.push((1, alloc::vec![1 ^ n as u8; n]));
                }
                let _ = meet.wait(None);
                let _ = meet.wait(None);
                for (tag, b) in held.drain(..) {
                    bad += bad_bytes(tag, &b);
                }
            }
            let r = next();
            let n = match r % 16 {
                0..=9 => 1 + ((r >> 8) % 128) as usize,
                10..=14 => 129 + ((r >> 8) % 2000) as usize,
                _ => 2129 + ((r >> 8) % 6000) as usize,
            };
            let tag = (r >> 24) as u8;
            let block = (tag, alloc::vec![tag ^ n as u8; n]);
            match (r >> 32) % 4 {
                0 | 1 => {
                    let mut q = queue.lock();
                    if q.len() < QUEUED {
                        q.push_back(block);
                    } else {
                        drop(q);
                        bad += bad_bytes(block.0, &block.1);
                    }
                }
                2 if held.len() < HELD => held.push(block),
                _ => bad += bad_bytes(block.0, &block.1),
            }
            if (r >> 40) % 2 == 0 {
                let got = queue.lock().pop_front();
                if let Some((tag, b)) = got {
                    bad += bad_bytes(tag, &b);
                }
            }
            if (r >> 44) % 3 == 0 && !held.is_empty() {
                let (tag, b) = held.swap_remove(((r >> 48) % held.len() as u64) as usize);
                bad += bad_bytes(tag, &b);
            }
        }
        // Nobody pushes past this barrier: the queue drains for good.
        let _ = meet.wait(None);
        loop {
            let got = queue.lock().pop_front();
            let Some((tag, b)) = got else { break };
            bad += bad_bytes(tag, &b);
        }
        for (tag, b) in held {
            bad += bad_bytes(tag, &b);
        }
        bad
    }
    // Twice: the first round leaves each class its working and spare
    // spans (kept by design), the second is measured against that.
    let mut bad = 0;
    let (mut before, mut peak, mut after) = (None, None, None);
    let queue: Queue = Default::default();
    for _ in 0..2 {
        let meet = alloc::sync::Arc::new(sync::Barrier::new(WORKERS + 1, None, None).unwrap());
        before = memory();
        let workers: Vec<_> = (0..WORKERS)
            .map(|id| {
                let (queue, meet) = (queue.clone(), meet.clone());
                thread::Builder::new()
                    .stack_size(SMALL)
                    .spawn(move || run(id, &queue, &meet))
                    .unwrap()
            })
            .collect();
        let _ = meet.wait(None);
        peak = memory();
        let _ = meet.wait(None);
        let _ = meet.wait(None);
        bad += workers.into_iter().map(|w| w.join()).sum::<usize>();
        after = memory();
    }
    tap.check(
        "4 threads passing mixed-size blocks through a queue, 2 x 80,000 steps: every byte intact",
        bad == 0 && queue.lock().is_empty(),
    );
    match (before, peak, after) {
        (Some((_, _, Some(r0))), Some((_, _, Some(r1))), Some((_, _, Some(r2)))) => {
            println!("# heap under contention: RSS pages before {r0}, peak {r1}, after {r2}");
            tap.check(
                "and once they end (their caches flushed), RSS is back within 128 pages of before",
                r1 > r0 + 128 && r2 <= r0 + 128,
            );
        }
        _ => println!("# statm describes the emulator, or /proc is not mounted: RSS check skipped"),
    }
}

/// pthread_kill reaches the one thread it names: the worker blocks
/// SIGUSR1 and waits for it with sigtimedwait; main does not block it, so
/// a signal sent to the process could only have come to main.
fn signals_to_one_thread(tap: &mut Tap) {
    use strata_alloc::signal::{self, SigSet, SigmaskHow};
    let ready = alloc::sync::Arc::new(sync::Event::new());
    let r = ready.clone();
    let worker = thread::Builder::new()
        .stack_size(SMALL)
        .spawn(move || {
            let set = SigSet::empty().with(signal::SIGUSR1);
            let _ = signal::pthread_sigmask(SigmaskHow::Block, set);
            r.set();
            let got = signal::sigtimedwait(set, core::time::Duration::from_secs(10));
            matches!(got, Ok(Some(_)))
        })
        .unwrap();
    let _ = ready.wait(None);
    let sent = signal::pthread_kill(worker.thread().ident().unwrap_or(0), 10);
    tap.check(
        "pthread_kill delivers to the named thread only",
        sent.is_ok() && worker.join(),
    );
    tap.check(
        "pthread_kill of a thread that has ended is ESRCH",
        signal::pthread_kill(12345, 0) == Err(strata_alloc::errno::Errno::SRCH),
    );
    wakeup_fd_from_another_thread(tap);
    let blocked = signal::pthread_sigmask(SigmaskHow::Block, SigSet::full());
    let now = signal::pthread_sigmask(SigmaskHow::SetMask, blocked.unwrap_or(SigSet::empty()));
    tap.check(
        "blocking every signal leaves the runtime's 32 and 33 open",
        now.is_ok_and(|m| {
            signal::Signal::new(32)
                .zip(signal::Signal::new(33))
                .is_some_and(|(a, b)| !m.contains(a) && !m.contains(b))
        }),
    );
}

/// `signal.set_wakeup_fd` with threads: main blocks SIGUSR2, so the
/// kernel runs the handler on the worker, and its byte still reaches the
/// wakeup pipe main reads.
fn wakeup_fd_from_another_thread(tap: &mut Tap) {
    use rustix::fd::AsRawFd;
    use strata_alloc::signal::{self, SigSet, SigmaskHow};
    let Ok((read_end, write_end)) = os::pipe2(os::OFlags::NONBLOCK | os::OFlags::CLOEXEC) else {
        tap.check("set_wakeup_fd: a pipe", false);
        return;
    };
    let usr2 = SigSet::empty().with(signal::SIGUSR2);
    let installed = signal::catch(signal::SIGUSR2, false).is_ok();
    let previous = signal::set_wakeup_fd(write_end.as_raw_fd());
    let done = alloc::sync::Arc::new(sync::Event::new());
    let d = done.clone();
    // The worker, started before main blocks SIGUSR2 (a thread inherits
    // its creator's mask), leaves it open and waits: the one thread that
    // can take it.
    let mut worker = small(move || {
        let _ = d.wait(Some(10.0));
    });
    let started = worker.start().is_ok();
    let old_mask = signal::pthread_sigmask(SigmaskHow::Block, usr2);
    let sent = signal::kill(os::getpid(), signal::SIGUSR2).is_ok();
    let mut byte = [0u8; 1];
    let mut got = 0;
    for _ in 0..1000 {
        if let Ok(1) = os::read(&read_end, &mut byte) {
            got = byte[0];
            break;
        }
        let _ = strata_alloc::time::sleep(0.01);
    }
    done.set();
    let _ = worker.join(None);
    let _ = signal::pthread_sigmask(SigmaskHow::SetMask, old_mask.unwrap_or(SigSet::empty()));
    signal::set_wakeup_fd(previous);
    let count = signal::caught(signal::SIGUSR2);
    tap.check(
        "set_wakeup_fd: a signal handled on another thread writes its number to the pipe",
        installed && started && sent && got == 12 && count == 1,
    );
}

/// A busy thread's CPU clock (pthread_getcpuclockid) advances, and its
/// affinity can be set apart from the process's.
fn thread_clocks(tap: &mut Tap) {
    let stop = alloc::sync::Arc::new(AtomicUsize::new(0));
    let s = stop.clone();
    let busy = thread::Builder::new()
        .stack_size(SMALL)
        .spawn(move || {
            let mut n = 0u64;
            while s.load(Ordering::Relaxed) == 0 {
                n = core::hint::black_box(n.wrapping_add(1));
            }
            n
        })
        .unwrap();
    let ident = busy.thread().ident().unwrap_or(0);
    let clock = strata_alloc::time::pthread_getcpuclockid(ident);
    let first = clock.map(strata_alloc::time::clock_gettime);
    let _ = strata_alloc::time::sleep(0.2);
    let second = clock.map(strata_alloc::time::clock_gettime);
    let mine = strata_alloc::time::pthread_getcpuclockid(thread::get_ident())
        .map(strata_alloc::time::clock_gettime);
    let tid = busy.thread().native_id().unwrap_or(0) as i32;
    let mut one = os::CpuSet::default();
    let pinned = os::sched_getaffinity(0)
        .ok()
        .and_then(|all| all.iter().next())
        .map(|cpu| {
            let _ = one.insert(cpu);
            os::sched_setaffinity(tid, &one).is_ok()
                && os::sched_getaffinity(tid).is_ok_and(|m| m.count() == 1)
        });
    stop.store(1, Ordering::Relaxed);
    busy.join();
    tap.check(
        "a busy thread's CPU clock (pthread_getcpuclockid) advances",
        matches!((first, second), (Ok(Ok(a)), Ok(Ok(b))) if b > a)
            && matches!(mine, Ok(Ok(t)) if t >= 0.0),
    );
    tap.check(
        "sched_setaffinity on one thread's tid pins that thread",
        pinned.unwrap_or(false),
    );
    tap.check(
        "process_cpu_count counts the process's CPUs",
        os::process_cpu_count().is_some_and(|n| n >= 1),
    );
}

/// fork while other threads allocate: the child has one thread and a
/// working heap (a lock held by a thread that is not copied would hang
/// it: an alarm turns a hang into a failure).
fn fork_with_threads(tap: &mut Tap) {
    let stop = alloc::sync::Arc::new(AtomicUsize::new(0));
    let churners: Vec<_> = (0..2)
        .map(|_| {
            let stop = stop.clone();
            thread::Builder::new()
                .stack_size(SMALL)
                .spawn(move || {
                    let mut n = 0usize;
                    while stop.load(Ordering::Relaxed) == 0 {
                        let v: Vec<u8> = alloc::vec![n as u8; 16 + n % 2000];
                        n = n.wrapping_add(v.len());
                    }
                    n
                })
                .unwrap()
        })
        .collect();
    let mut ok = true;
    for _ in 0..20 {
        let _ = strata_alloc::io::stdout().flush();
        match os::fork() {
            Ok(0) => {
                strata_alloc::signal::alarm(10);
                let big: Vec<u64> = (0..100_000).collect();
                let small: Vec<String> = (0..1000).map(|i| alloc::format!("{i}")).collect();
                // (Not a thread made in the child: qemu-user 10 on riscv64
                // sometimes hangs making one in a forked child, its own bug.)
                let alone = thread::active_count() == 1 && thread::enumerate().len() == 1;
                let fine = big.len() == 100_000 && small.len() == 1000 && alone;
                strata_alloc::rt::_exit(if fine { 0 } else { 1 });
            }
            Ok(pid) => match os::waitpid(pid, 0) {
                Ok((_, status)) => ok &= os::WIFEXITED(status) && os::WEXITSTATUS(status) == 0,
                Err(_) => ok = false,
            },
            Err(_) => ok = false,
        }
    }
    stop.store(1, Ordering::Relaxed);
    for c in churners {
        c.join();
    }
    tap.check(
        "fork beside allocating threads: 20 children with one thread and a working heap",
        ok,
    );
}

/// setgroups/setresgid/setresuid with three more threads running: every
/// thread's ids change (read from /proc/self/task/TID/status), as glibc
/// broadcasts them. Root only (the program stays nobody afterwards, so
/// this runs last); skipped without /proc.
fn ids_on_every_thread(tap: &mut Tap) {
    if os::getuid() != 0 {
        println!("# not root: the id broadcast is not checked");
        return;
    }
    if read_file("/proc/self/status").is_none() {
        println!("# /proc is not mounted: the id broadcast is not checked");
        return;
    }
    let go = alloc::sync::Arc::new(sync::Event::new());
    let workers: Vec<_> = (0..3)
        .map(|_| {
            let go = go.clone();
            thread::Builder::new()
                .stack_size(SMALL)
                .spawn(move || {
                    let _ = go.wait(None);
                })
                .unwrap()
        })
        .collect();
    let mut tids: Vec<u32> = workers
        .iter()
        .filter_map(|w| w.thread().native_id())
        .collect();
    tids.push(thread::get_native_id());
    let set = os::setgroups(&[65534, 65533]).is_ok()
        && os::setresgid(Some(65534), Some(65534), Some(65534)).is_ok()
        && os::setresuid(Some(65534), Some(65534), Some(65534)).is_ok();
    if !set || tids.len() != 4 {
        println!("# the id calls failed, or a thread has no tid: {tids:?}");
    }
    let mut all = set && tids.len() == 4;
    for tid in &tids {
        let text = read_file(&alloc::format!("/proc/self/task/{tid}/status")).unwrap_or_default();
        let field = |name: &str| {
            text.lines()
                .find_map(|l| l.strip_prefix(name))
                .map(|v| String::from(v.trim()))
                .unwrap_or_default()
        };
        let (uid, gid, groups) = (field("Uid:"), field("Gid:"), field("Groups:"));
        let same = uid.split_whitespace().all(|v| v == "65534")
            && gid.split_whitespace().all(|v| v == "65534")
            && groups == "65533 65534";
        if !same {
            println!("# thread {tid}: Uid {uid:?}, Gid {gid:?}, Groups {groups:?}");
        }
        all &= same;
    }
    go.set();
    for w in workers {
        w.join();
    }
    tap.check(
        "setgroups, setresgid and setresuid change every thread's ids (/proc/self/task/*/status)",
        all,
    );
}

fn cannot_start(tap: &mut Tap) {
    // A stack larger than any address space: the mapping fails.
    let mut t = Thread::new(|| {});
    t.set_stack_size(usize::MAX / 8 * 7).unwrap();
    tap.check(
        "a thread whose stack cannot be mapped is EAGAIN, not an abort",
        t.start() == Err(thread::Error::Os(strata_alloc::errno::Errno::AGAIN)),
    );
    tap.check(
        "and it can be retried later (still not started)",
        !t.is_alive(),
    );
}

fn panic_in_thread() -> i32 {
    let h = thread::Builder::new()
        .name(String::from("doomed"))
        .spawn(|| panic!("boom in a thread"))
        .unwrap();
    h.join();
    println!("not reached");
    0
}

fn exit_in_thread() -> i32 {
    fn handler() {
        println!("exit handler ran");
    }
    strata_alloc::rt::atexit(handler).unwrap();
    let h = thread::spawn(|| strata_alloc::rt::exit(3)).unwrap();
    h.join();
    println!("not reached");
    0
}

/// `threads shutdown`: main returns while a non-daemon thread still
/// works and a daemon sleeps for good; exit waits for the first only
/// (Python's `threading._shutdown`), then runs the exit handler.
fn shutdown() -> i32 {
    fn handler() {
        println!("exit handler ran");
    }
    strata_alloc::rt::atexit(handler).unwrap();
    let mut worker = small(|| {
        let _ = strata_alloc::time::sleep(0.3);
        println!("worker done");
    });
    worker.start().unwrap();
    let mut sleeper = small(|| {
        let _ = strata_alloc::time::sleep(1000.0);
    });
    sleeper.set_daemon(true).unwrap();
    sleeper.start().unwrap();
    println!("main returns");
    0
}

fn nproc() -> i32 {
    if os::getuid() == 0 {
        // Root is not held to RLIMIT_NPROC; nobody is.
        if let Err(e) = os::setuid(65534) {
            println!("setuid: {e:?}");
            return 2;
        }
    }
    match thread::spawn(|| 0) {
        Err(e) if e == strata_alloc::errno::Errno::AGAIN => {
            println!("EAGAIN");
            0
        }
        Err(e) => {
            println!("unexpected {e:?}");
            1
        }
        Ok(h) => {
            h.join();
            println!("started");
            1
        }
    }
}
