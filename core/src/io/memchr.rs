//! Byte search for line splitting: the first `\n` (or `\r`/`\n`) in a
//! buffer, and how many `\n` a buffer holds.
//!
//! ```
//! use strata_core::io::memchr;
//!
//! assert_eq!(memchr::memchr(b'\n', b"one\ntwo\n"), Some(3));
//! assert_eq!(memchr::memchr(b'x', b"none"), None);
//! ```
//!
//! On x86_64 these use SSE2, which every x86_64 CPU has, 64 bytes a step;
//! elsewhere they compare a machine word at a time. Core may not depend on
//! the `memchr` crate's runtime detection (it reads CPUID and caches the
//! answer in a static); these need neither. Tests check every path against
//! a naive reference.

/// Index of the first `needle` in `haystack`.
#[inline]
pub fn memchr(needle: u8, haystack: &[u8]) -> Option<usize> {
    imp::memchr(needle, haystack)
}

/// Index of the first byte of `haystack` that is `a` or `b`.
#[inline]
pub fn memchr2(a: u8, b: u8, haystack: &[u8]) -> Option<usize> {
    imp::memchr2(a, b, haystack)
}

/// How many times `needle` occurs in `haystack`.
#[inline]
pub fn count(needle: u8, haystack: &[u8]) -> usize {
    imp::count(needle, haystack)
}

/// The plain versions: short inputs everywhere, whole inputs elsewhere
/// than x86_64.
#[cfg_attr(all(target_arch = "x86_64", not(test)), allow(dead_code))]
mod word {
    const LO: usize = usize::from_ne_bytes([0x01; size_of::<usize>()]);
    const HI: usize = usize::from_ne_bytes([0x80; size_of::<usize>()]);
    const W: usize = size_of::<usize>();

    /// Whether some byte of `x` is zero (the classic bit trick: exact for
    /// "any", though not for "which").
    #[inline(always)]
    fn has_zero(x: usize) -> bool {
        x.wrapping_sub(LO) & !x & HI != 0
    }

    fn word_at(chunk: &[u8]) -> usize {
        let mut bytes = [0u8; W];
        bytes.copy_from_slice(chunk);
        usize::from_ne_bytes(bytes)
    }

    #[cfg_attr(all(target_arch = "x86_64", not(test)), allow(dead_code))]
    pub fn memchr(needle: u8, haystack: &[u8]) -> Option<usize> {
        let splat = LO.wrapping_mul(usize::from(needle));
        let mut chunks = haystack.chunks_exact(W);
        let mut at = 0;
        for chunk in &mut chunks {
            if has_zero(word_at(chunk) ^ splat) {
                break;
            }
            at += W;
        }
        let rest = haystack.get(at..).unwrap_or_default();
        rest.iter().position(|&b| b == needle).map(|i| at + i)
    }

    #[cfg_attr(all(target_arch = "x86_64", not(test)), allow(dead_code))]
    pub fn memchr2(a: u8, b: u8, haystack: &[u8]) -> Option<usize> {
        let (sa, sb) = (
            LO.wrapping_mul(usize::from(a)),
            LO.wrapping_mul(usize::from(b)),
        );
        let mut chunks = haystack.chunks_exact(W);
        let mut at = 0;
        for chunk in &mut chunks {
            let w = word_at(chunk);
            if has_zero(w ^ sa) || has_zero(w ^ sb) {
                break;
            }
            at += W;
        }
        let rest = haystack.get(at..).unwrap_or_default();
        rest.iter().position(|&c| c == a || c == b).map(|i| at + i)
    }

    pub fn count(needle: u8, haystack: &[u8]) -> usize {
        haystack.iter().filter(|&&b| b == needle).count()
    }
}

#[cfg(not(target_arch = "x86_64"))]
use word as imp;

#[cfg(target_arch = "x86_64")]
mod imp {
    use super::word;
    use core::arch::x86_64::{
        __m128i, _mm_add_epi64, _mm_cmpeq_epi8, _mm_cvtsi128_si64, _mm_loadu_si128,
        _mm_movemask_epi8, _mm_sad_epu8, _mm_set1_epi8, _mm_setzero_si128, _mm_srli_si128,
        _mm_sub_epi8,
    };

    /// The positions in 16 bytes at `p` equal to `v`, one bit each.
    ///
    /// # Safety
    /// 16 bytes at `p` must be readable.
    #[inline(always)]
    unsafe fn mask(p: *const u8, v: __m128i) -> u32 {
        // SAFETY: the caller guarantees 16 readable bytes; unaligned loads
        // are allowed, and SSE2 is part of x86_64.
        unsafe { _mm_movemask_epi8(_mm_cmpeq_epi8(_mm_loadu_si128(p.cast()), v)) as u32 }
    }

    /// Runs `hits` (a 16-byte mask function) over `h` 64 bytes a step,
    /// then 16, then one overlapping last step.
    #[inline(always)]
    fn search(h: &[u8], hits: impl Fn(*const u8) -> u32) -> Option<usize> {
        let len = h.len();
        let p = h.as_ptr();
        let mut i = 0;
        while i + 64 <= len {
            // SAFETY (for the pointer arithmetic in this loop and below):
            // i + 64 <= len, so every 16-byte group read is inside `h`.
            let (a, b, c, d) = unsafe {
                (
                    hits(p.add(i)),
                    hits(p.add(i + 16)),
                    hits(p.add(i + 32)),
                    hits(p.add(i + 48)),
                )
            };
            if a | b | c | d != 0 {
                let m = u64::from(a) | u64::from(b) << 16 | u64::from(c) << 32 | u64::from(d) << 48;
                return Some(i + m.trailing_zeros() as usize);
            }
            i += 64;
        }
        while i + 16 <= len {
            // SAFETY: i + 16 <= len.
            let m = hits(unsafe { p.add(i) });
            if m != 0 {
                return Some(i + m.trailing_zeros() as usize);
            }
            i += 16;
        }
        if i < len {
            // The last 16 bytes, overlapping what was already searched:
            // bits below `i` are known to be clear of matches.
            let start = len - 16;
            // SAFETY: len >= 16 here (callers send shorter inputs to the
            // word version), so start..len is inside `h`.
            let m = hits(unsafe { p.add(start) }) >> (i - start);
            if m != 0 {
                return Some(i + m.trailing_zeros() as usize);
            }
        }
        None
    }

    pub fn memchr(needle: u8, h: &[u8]) -> Option<usize> {
        if h.len() < 16 {
            return h.iter().position(|&b| b == needle);
        }
        // SAFETY: SSE2 is part of the x86_64 baseline.
        let v = unsafe { _mm_set1_epi8(needle as i8) };
        // SAFETY: `search` passes pointers with 16 readable bytes.
        search(h, |p| unsafe { mask(p, v) })
    }

    pub fn memchr2(a: u8, b: u8, h: &[u8]) -> Option<usize> {
        if h.len() < 16 {
            return h.iter().position(|&c| c == a || c == b);
        }
        // SAFETY: SSE2 is part of the x86_64 baseline.
        let (va, vb) = unsafe { (_mm_set1_epi8(a as i8), _mm_set1_epi8(b as i8)) };
        // SAFETY: `search` passes pointers with 16 readable bytes.
        search(h, |p| unsafe { mask(p, va) | mask(p, vb) })
    }

    pub fn count(needle: u8, h: &[u8]) -> usize {
        let p = h.as_ptr();
        let len = h.len();
        let mut i = 0;
        let mut total = 0usize;
        // SAFETY: SSE2 is part of the x86_64 baseline; every load reads 16
        // bytes from i with i + 16 <= len.
        unsafe {
            let v = _mm_set1_epi8(needle as i8);
            while i + 16 <= len {
                // At most 255 rounds before a lane's 8-bit counter could
                // wrap; then the lanes are summed into 64-bit halves.
                let rounds = ((len - i) / 16).min(255);
                let mut acc = _mm_setzero_si128();
                for _ in 0..rounds {
                    let eq = _mm_cmpeq_epi8(_mm_loadu_si128(p.add(i).cast()), v);
                    // A match is -1 in its lane: subtracting adds one.
                    acc = _mm_sub_epi8(acc, eq);
                    i += 16;
                }
                let sums = _mm_sad_epu8(acc, _mm_setzero_si128());
                let folded = _mm_add_epi64(sums, _mm_srli_si128::<8>(sums));
                total += _mm_cvtsi128_si64(folded) as usize;
            }
        }
        total + word::count(needle, h.get(i..).unwrap_or_default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::vec::Vec;

    fn naive(n: u8, h: &[u8]) -> Option<usize> {
        h.iter().position(|&b| b == n)
    }

    #[test]
    fn every_length_and_position_matches_the_naive_search() {
        for len in 0..200 {
            for at in 0..=len {
                let mut h: Vec<u8> = (0..len).map(|i| b'a' + (i % 7) as u8).collect();
                if at < len {
                    h[at] = b'\n';
                }
                // A second match later must not win.
                if at + 3 < len {
                    h[at + 3] = b'\n';
                }
                assert_eq!(memchr(b'\n', &h), naive(b'\n', &h), "len {len} at {at}");
                assert_eq!(word::memchr(b'\n', &h), naive(b'\n', &h));
                let want2 = h.iter().position(|&b| b == b'\n' || b == b'\r');
                assert_eq!(memchr2(b'\r', b'\n', &h), want2);
                assert_eq!(word::memchr2(b'\r', b'\n', &h), want2);
                let c = h.iter().filter(|&&b| b == b'\n').count();
                assert_eq!(count(b'\n', &h), c);
            }
        }
    }

    #[test]
    fn random_buffers_and_long_counts() {
        let mut x = 0x9e37_79b9_7f4a_7c15u64;
        for round in 0..300 {
            let len = (round * 37) % 9000;
            let h: Vec<u8> = (0..len)
                .map(|_| {
                    x ^= x << 13;
                    x ^= x >> 7;
                    x ^= x << 17;
                    if x.is_multiple_of(50) {
                        b'\n'
                    } else {
                        (x >> 8) as u8 | 0x20
                    }
                })
                .collect();
            assert_eq!(memchr(b'\n', &h), naive(b'\n', &h));
            assert_eq!(
                memchr2(b'\r', b'\n', &h),
                h.iter().position(|&b| b == b'\n' || b == b'\r')
            );
            assert_eq!(count(b'\n', &h), h.iter().filter(|&&b| b == b'\n').count());
        }
        // More than 255 * 16 matches in a row: the lane counters must not
        // wrap.
        let all = std::vec![b'\n'; 100_000];
        assert_eq!(count(b'\n', &all), 100_000);
    }
}
