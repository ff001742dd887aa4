//! The bodies of the C memory functions a libc-free Rust program needs.
//!
//! `strata_core::main!` exports them under their C names (`memcpy`, ...);
//! here they are ordinary functions so that host tests can compare them with
//! a naive reference without replacing glibc's symbols.
//!
//! Small sizes use a few overlapping unaligned loads and stores (all loads
//! before any store, so they are also correct for `memmove`); mid sizes a
//! 16-byte loop; large sizes the architecture's bulk instruction where it
//! has one ([`BULK_MIN`](crate) in each arch file). Every entry point is
//! `inline(never)`: the no-builtins guarantee of this crate must hold for the
//! code that runs, not only for the code that was written here.

#[cfg(target_arch = "x86_64")]
use crate::imp::{BULK_MIN, copy_bulk, fill_bulk};

/// Architectures without a bulk-copy instruction: the 16-byte loops serve
/// every size.
#[cfg(not(target_arch = "x86_64"))]
const BULK_MIN: usize = usize::MAX;
use core::ptr::{read_unaligned as load, write_unaligned as store};
#[cfg(not(target_arch = "x86_64"))]
use {copy_forward_loop as copy_bulk, fill_loop as fill_bulk};

/// Copies `n` bytes from `src` to `dst`, which must not overlap.
///
/// # Safety
/// Both ranges must be valid for `n` bytes and must not overlap.
#[inline(never)]
pub unsafe extern "C" fn memcpy(dst: *mut u8, src: *const u8, n: usize) -> *mut u8 {
    // SAFETY: the caller guarantees valid, non-overlapping ranges.
    unsafe {
        if n <= 32 {
            copy_small(dst, src, n);
        } else if n >= BULK_MIN {
            copy_bulk(dst, src, n);
        } else {
            copy_forward_loop(dst, src, n);
        }
    }
    dst
}

/// Copies `n` bytes from `src` to `dst`; the ranges may overlap.
///
/// # Safety
/// Both ranges must be valid for `n` bytes.
#[inline(never)]
pub unsafe extern "C" fn memmove(dst: *mut u8, src: *const u8, n: usize) -> *mut u8 {
    let gap = (dst as usize).wrapping_sub(src as usize);
    // SAFETY: the caller guarantees valid ranges; the direction is chosen
    // so that no byte is overwritten before it is read.
    unsafe {
        if n <= 32 {
            copy_small(dst, src, n);
        } else if gap >= n && (src as usize).wrapping_sub(dst as usize) >= n && n >= BULK_MIN {
            copy_bulk(dst, src, n);
        } else if gap >= n {
            // dst is below src, or the ranges are disjoint.
            copy_forward_loop(dst, src, n);
        } else {
            copy_backward_loop(dst, src, n);
        }
    }
    dst
}

/// Fills `n` bytes at `dst` with the low byte of `c`.
///
/// # Safety
/// `dst` must be valid for writes of `n` bytes.
#[inline(never)]
pub unsafe extern "C" fn memset(dst: *mut u8, c: i32, n: usize) -> *mut u8 {
    let byte = c as u8;
    // SAFETY: the caller guarantees dst..dst+n is writable.
    unsafe {
        if n >= BULK_MIN {
            fill_bulk(dst, byte, n);
        } else {
            fill_loop(dst, byte, n);
        }
    }
    dst
}

/// Compares `n` bytes as unsigned chars: negative, zero or positive as `a`
/// sorts before, equal to or after `b`.
///
/// # Safety
/// Both ranges must be valid for reads of `n` bytes.
#[inline(never)]
pub unsafe extern "C" fn memcmp(a: *const u8, b: *const u8, n: usize) -> i32 {
    let mut i = 0;
    // SAFETY: every read stays below n, which the caller guarantees valid.
    unsafe {
        while i + 8 <= n {
            let (x, y) = (load(a.add(i) as *const u64), load(b.add(i) as *const u64));
            if x != y {
                // Big-endian order makes integer order byte order.
                return if u64::from_be(x) < u64::from_be(y) {
                    -1
                } else {
                    1
                };
            }
            i += 8;
        }
        while i < n {
            let (x, y) = (*a.add(i), *b.add(i));
            if x != y {
                return i32::from(x) - i32::from(y);
            }
            i += 1;
        }
    }
    0
}

/// Returns zero when the `n` bytes at `a` and `b` are equal, non-zero
/// otherwise (what `==` on slices compiles to).
///
/// # Safety
/// Both ranges must be valid for reads of `n` bytes.
#[inline(never)]
pub unsafe extern "C" fn bcmp(a: *const u8, b: *const u8, n: usize) -> i32 {
    // SAFETY: every read stays below n, which the caller guarantees valid.
    unsafe {
        if n < 8 {
            let mut diff = 0;
            for i in 0..n {
                diff |= *a.add(i) ^ *b.add(i);
            }
            return i32::from(diff);
        }
        let mut i = 0;
        while i + 8 < n {
            if load(a.add(i) as *const u64) != load(b.add(i) as *const u64) {
                return 1;
            }
            i += 8;
        }
        // The last word, overlapping the loop's end.
        let last = n - 8;
        i32::from(load(a.add(last) as *const u64) != load(b.add(last) as *const u64))
    }
}

/// The length of the NUL-terminated string at `s`.
///
/// # Safety
/// `s` must point at a NUL-terminated string.
#[inline(never)]
pub unsafe extern "C" fn strlen(s: *const u8) -> usize {
    let mut n = 0;
    // SAFETY: the caller guarantees a NUL before the end of the object.
    unsafe {
        while *s.add(n) != 0 {
            n += 1;
        }
    }
    n
}

/// Copies up to 32 bytes: every load happens before the first store, so
/// overlapping ranges are fine.
#[inline(always)]
unsafe fn copy_small(dst: *mut u8, src: *const u8, n: usize) {
    macro_rules! two {
        ($t:ty, $w:expr) => {{
            let head = load(src as *const $t);
            let tail = load(src.add(n - $w) as *const $t);
            store(dst as *mut $t, head);
            store(dst.add(n - $w) as *mut $t, tail);
        }};
    }
    // SAFETY: the caller guarantees n valid bytes at both ends; every access
    // lies within 0..n.
    unsafe {
        match n {
            0 => {}
            1 => *dst = *src,
            2..=3 => two!(u16, 2),
            4..=7 => two!(u32, 4),
            8..=15 => two!(u64, 8),
            _ => two!(u128, 16),
        }
    }
}

/// Copies `n > 16` bytes front to back, 16 at a time; correct when `dst`
/// lies below an overlapping `src`.
///
/// # Safety
/// Both ranges valid for `n` bytes, `n > 16`.
#[inline(always)]
pub(crate) unsafe fn copy_forward_loop(dst: *mut u8, src: *const u8, n: usize) {
    // SAFETY: offsets stay within 0..n; the tail is read before any store
    // can overwrite it, and each chunk is read before it is written.
    unsafe {
        let tail = load(src.add(n - 16) as *const u128);
        let mut i = 0;
        while i < n - 16 {
            store(dst.add(i) as *mut u128, load(src.add(i) as *const u128));
            i += 16;
        }
        store(dst.add(n - 16) as *mut u128, tail);
    }
}

/// Copies `n > 16` bytes back to front, 16 at a time; correct when `dst`
/// lies above an overlapping `src`.
///
/// # Safety
/// Both ranges valid for `n` bytes, `n > 16`.
#[inline(always)]
unsafe fn copy_backward_loop(dst: *mut u8, src: *const u8, n: usize) {
    // SAFETY: offsets stay within 0..n; the head is read first, and each
    // chunk is read before a store can reach it.
    unsafe {
        let head = load(src as *const u128);
        let mut end = n;
        while end > 16 {
            end -= 16;
            store(dst.add(end) as *mut u128, load(src.add(end) as *const u128));
        }
        store(dst as *mut u128, head);
    }
}

/// Fills `n` bytes with `byte`, 16 at a time with overlapping ends.
///
/// # Safety
/// `dst` valid for writes of `n` bytes.
#[inline(always)]
pub(crate) unsafe fn fill_loop(dst: *mut u8, byte: u8, n: usize) {
    let wide = u128::from_ne_bytes([byte; 16]);
    // SAFETY: every store lies within 0..n.
    unsafe {
        match n {
            0 => {}
            1 => *dst = byte,
            2..=3 => {
                store(dst as *mut u16, wide as u16);
                store(dst.add(n - 2) as *mut u16, wide as u16);
            }
            4..=7 => {
                store(dst as *mut u32, wide as u32);
                store(dst.add(n - 4) as *mut u32, wide as u32);
            }
            8..=15 => {
                store(dst as *mut u64, wide as u64);
                store(dst.add(n - 8) as *mut u64, wide as u64);
            }
            _ => {
                let mut i = 0;
                while i < n - 16 {
                    store(dst.add(i) as *mut u128, wide);
                    i += 16;
                }
                store(dst.add(n - 16) as *mut u128, wide);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    //! Every path against a byte-at-a-time reference, on random sizes,
    //! alignments and overlaps.
    extern crate std;
    use super::*;
    use std::vec::Vec;

    /// xorshift64*: deterministic, no dependency.
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
        }
        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }
        fn size(&mut self) -> usize {
            // Mostly small and mid sizes, sometimes bulk sizes.
            match self.below(4) {
                0 => self.below(40),
                1 => self.below(300),
                2 => self.below(5000),
                _ => self.below(70_000),
            }
        }
    }

    fn random_bytes(rng: &mut Rng, n: usize) -> Vec<u8> {
        (0..n).map(|_| rng.next() as u8).collect()
    }

    #[test]
    fn memcpy_matches_reference() {
        let mut rng = Rng(0x5eed);
        for _ in 0..3000 {
            let n = rng.size();
            let (sa, da) = (rng.below(64), rng.below(64));
            let src = random_bytes(&mut rng, n + 64);
            let mut dst = random_bytes(&mut rng, n + 128);
            let mut want = dst.clone();
            want[da..da + n].copy_from_slice(&src[sa..sa + n]);
            // SAFETY: both ranges lie inside their vectors and are disjoint.
            let ret = unsafe { memcpy(dst.as_mut_ptr().add(da), src.as_ptr().add(sa), n) };
            assert_eq!(ret, dst[da..].as_mut_ptr());
            assert!(dst == want, "memcpy n={n} sa={sa} da={da}");
        }
    }

    #[test]
    fn memmove_matches_reference_on_overlaps() {
        let mut rng = Rng(0xabcd);
        for _ in 0..3000 {
            let n = rng.size();
            let len = n + 200;
            let buf = random_bytes(&mut rng, len);
            let (s, d) = (rng.below(len - n + 1), rng.below(len - n + 1));
            let mut got = buf.clone();
            let mut want = buf.clone();
            want.copy_within(s..s + n, d);
            // SAFETY: both ranges lie inside `got`; memmove allows overlap.
            unsafe { memmove(got.as_mut_ptr().add(d), got.as_ptr().add(s), n) };
            assert!(got == want, "memmove n={n} s={s} d={d}");
        }
    }

    #[test]
    fn memset_matches_reference() {
        let mut rng = Rng(0x1234);
        for _ in 0..3000 {
            let n = rng.size();
            let at = rng.below(64);
            let c = rng.next() as i32; // high bits must be ignored
            let mut got = random_bytes(&mut rng, n + 128);
            let mut want = got.clone();
            want[at..at + n].fill(c as u8);
            // SAFETY: the range lies inside `got`.
            unsafe { memset(got.as_mut_ptr().add(at), c, n) };
            assert!(got == want, "memset n={n} at={at}");
        }
    }

    #[test]
    fn memcmp_and_bcmp_match_reference() {
        let mut rng = Rng(0x9876);
        for _ in 0..5000 {
            let n = rng.size() % 2000;
            let a = random_bytes(&mut rng, n);
            let mut b = a.clone();
            if n > 0 && rng.below(4) != 0 {
                let at = rng.below(n);
                b[at] = rng.next() as u8;
            }
            let want = a.cmp(&b) as i32;
            // SAFETY: both slices hold n bytes.
            let (m, e) = unsafe {
                (
                    memcmp(a.as_ptr(), b.as_ptr(), n),
                    bcmp(a.as_ptr(), b.as_ptr(), n),
                )
            };
            assert_eq!(m.signum(), want, "memcmp n={n}");
            assert_eq!(e == 0, a == b, "bcmp n={n}");
        }
    }

    #[test]
    fn strlen_counts_to_nul() {
        for n in 0..100 {
            let mut s = std::vec![b'x'; n];
            s.push(0);
            s.extend_from_slice(b"after");
            // SAFETY: `s` holds a NUL at index n.
            assert_eq!(unsafe { strlen(s.as_ptr()) }, n);
        }
    }
}
