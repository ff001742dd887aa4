//! C code (tests/c/malloc_test.c, compiled by gcc in build.rs) calling
//! Strata's malloc family, on each of the four architectures (Debian's
//! cross gcc builds the C side for the other three).
#![no_std]
#![no_main]

use core::ffi::{CStr, c_char};
use core::sync::atomic::{AtomicU32, Ordering};
use strata_tests::Tap;

strata_alloc::main!(main);

static COUNT: AtomicU32 = AtomicU32::new(0);
static FAILED: AtomicU32 = AtomicU32::new(0);

#[cfg(strata_c_tests)]
unsafe extern "C" {
    fn c_malloc_tests(report: extern "C" fn(*const c_char, i32));
}

extern "C" fn report(name: *const c_char, ok: i32) {
    // SAFETY: the C side passes string literals.
    let name = unsafe { CStr::from_ptr(name) }.to_str().unwrap_or("?");
    let n = COUNT.fetch_add(1, Ordering::Relaxed) + 1;
    if ok != 0 {
        strata_alloc::println!("ok {n} - C: {name}");
    } else {
        FAILED.fetch_add(1, Ordering::Relaxed);
        strata_alloc::println!("not ok {n} - C: {name}");
    }
}

fn main() -> i32 {
    #[cfg(strata_c_tests)]
    // SAFETY: the C function only calls `report` and the malloc family.
    unsafe {
        c_malloc_tests(report)
    };
    #[cfg(not(strata_c_tests))]
    report(c"no C compiler known for this target".as_ptr(), 0);
    let mut tap = Tap::continuing(
        COUNT.load(Ordering::Relaxed),
        FAILED.load(Ordering::Relaxed),
    );
    tap.check(
        "the C side reported no failure",
        FAILED.load(Ordering::Relaxed) == 0,
    );
    tap.finish()
}
