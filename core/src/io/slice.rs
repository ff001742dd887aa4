//! Byte copies with no panic path: these sit under every `print!`, and a
//! program that only prints must not carry Rust's panic machinery (nor
//! `core::fmt`, which the panic message needs). Each checks its bounds
//! and then copies; a copy that does not fit does nothing and says so.

/// Copies `src` into `dst` at `at`; `false` (and no copy) if it does not
/// fit.
#[inline]
pub(crate) fn put(dst: &mut [u8], at: usize, src: &[u8]) -> bool {
    match dst.get_mut(at..) {
        Some(tail) if tail.len() >= src.len() => {
            // SAFETY: `tail` has at least `src.len()` bytes, and a shared
            // and a mutable slice cannot overlap.
            unsafe { core::ptr::copy_nonoverlapping(src.as_ptr(), tail.as_mut_ptr(), src.len()) };
            true
        }
        _ => false,
    }
}

/// Copies `buf[from..to]` to the start of `buf`; does nothing if the
/// range is not inside `buf`.
#[inline]
pub(crate) fn shift_down(buf: &mut [u8], from: usize, to: usize) {
    if from == 0 || from > to || to > buf.len() {
        return;
    }
    // SAFETY: from <= to <= buf.len(), so both ranges are inside `buf`;
    // `copy` allows the overlap.
    unsafe { core::ptr::copy(buf.as_ptr().add(from), buf.as_mut_ptr(), to - from) };
}

#[cfg(test)]
mod tests {
    #[test]
    fn copies_only_what_fits() {
        let mut b = [0u8; 4];
        assert!(super::put(&mut b, 1, b"ab"));
        assert_eq!(b, [0, b'a', b'b', 0]);
        assert!(!super::put(&mut b, 3, b"ab"));
        assert!(!super::put(&mut b, 9, b""));
        assert!(super::put(&mut b, 4, b""));
        super::shift_down(&mut b, 1, 3);
        assert_eq!(&b[..2], b"ab");
        super::shift_down(&mut b, 3, 9);
        assert_eq!(&b[..2], b"ab");
    }
}
