//! Size classes: 16-byte steps up to 128, then four per power of two up to
//! 64 KiB (at most 25% internal waste), 44 in all.

/// The size of class `c`'s objects.
#[inline]
pub(super) const fn size(c: usize) -> usize {
    SIZES[c] as usize
}

/// The largest size served from spans; larger blocks are mapped directly.
pub(super) const MAX_SMALL: usize = 64 * 1024;
/// The number of classes.
pub(super) const COUNT: usize = 44;
/// The largest alignment a class object can have (the data area of a span
/// is aligned to at most this).
pub(super) const MAX_SMALL_ALIGN: usize = 4096;

/// Each class's object size (`u32` keeps the table small in tiny programs).
pub(super) const SIZES: [u32; COUNT] = {
    let mut sizes = [0; COUNT];
    let mut i = 0;
    while i < 8 {
        sizes[i] = 16 * (i as u32 + 1);
        i += 1;
    }
    let mut k = 7;
    while i < COUNT {
        let base: u32 = 1 << k;
        let mut step = 1;
        while step <= 4 {
            sizes[i] = base + step * (base / 4);
            i += 1;
            step += 1;
        }
        k += 1;
    }
    sizes
};

/// The class for a request of `size` bytes (`size <= MAX_SMALL`).
#[inline]
pub(super) fn class_of(size: usize) -> usize {
    if size <= 128 {
        size.saturating_sub(1) / 16
    } else {
        // size lies in (2^k, 2^(k+1)]: four steps of 2^(k-2).
        let k = (usize::BITS - 1 - (size - 1).leading_zeros()) as usize;
        8 + (k - 7) * 4 + ((size - 1 - (1 << k)) >> (k - 2))
    }
}

/// The alignment every object of class `c` has: the largest power of two
/// dividing its size, capped at [`MAX_SMALL_ALIGN`].
#[inline]
pub(super) const fn natural_align(c: usize) -> usize {
    let a = 1usize << SIZES[c].trailing_zeros();
    if a > MAX_SMALL_ALIGN {
        MAX_SMALL_ALIGN
    } else {
        a
    }
}

/// The class for `size` bytes at alignment `align`, or `None` when no
/// class serves it (too big, or aligned beyond [`MAX_SMALL_ALIGN`]).
#[inline]
pub(super) fn class_for(size: usize, align: usize) -> Option<usize> {
    if size > MAX_SMALL {
        return None;
    }
    let mut c = class_of(size);
    if align <= 16 {
        return Some(c);
    }
    if align > MAX_SMALL_ALIGN {
        return None;
    }
    // Larger classes come round to every power of two up to 4 KiB.
    while c < COUNT && natural_align(c) < align {
        c += 1;
    }
    (c < COUNT).then_some(c)
}

/// Span sizes: 64 KiB for classes up to 4 KiB (at least 15 objects a
/// span), 256 KiB above (at least 3).
#[inline]
pub(super) const fn span_size(c: usize) -> usize {
    if SIZES[c] <= 4096 {
        SMALL_SPAN
    } else {
        BIG_SPAN
    }
}

/// The span size of the small classes.
pub(super) const SMALL_SPAN: usize = 64 * 1024;
/// The span size of the large classes.
/// 256 KiB: three 64 KiB objects, 51 of 5 KiB. A program using every
/// class above 4 KiB holds 4 MiB of address space for them, which matters
/// under a memory limit.
pub(super) const BIG_SPAN: usize = 256 * 1024;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_grow_and_end_at_max_small() {
        assert!(SIZES.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(SIZES[0], 16);
        assert_eq!(SIZES[7], 128);
        assert_eq!(SIZES[8], 160);
        assert_eq!(size(COUNT - 1), MAX_SMALL);
    }

    #[test]
    fn class_of_is_the_smallest_class_that_fits() {
        for size in 0..=MAX_SMALL {
            let c = class_of(size);
            assert!(super::size(c) >= size, "size {size} class {c}");
            assert!(
                c == 0 || super::size(c - 1) < size,
                "size {size} class {c} not smallest"
            );
        }
    }

    #[test]
    fn class_for_honours_alignment() {
        for align in [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096] {
            for size in [0, 1, 15, 17, 100, 1000, 5000, 40_000] {
                let c = class_for(size, align).unwrap();
                assert!(super::size(c) >= size && natural_align(c) >= align);
                assert_eq!(super::size(c) % align, 0, "size {size} align {align}");
            }
        }
        assert_eq!(class_for(1, 8192), None);
        assert_eq!(class_for(MAX_SMALL + 1, 8), None);
    }
}
