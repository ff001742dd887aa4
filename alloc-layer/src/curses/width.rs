//! How many cells a character takes: glibc's `wcwidth` in the C.UTF-8
//! locale, which is what ncurses, and so Python's curses, measures with.

#[path = "width_table.rs"]
mod table;

/// Cells `c` occupies: 0 for combining marks and other zero-width
/// characters, 2 for East Asian wide and fullwidth ones, else 1. Control
/// characters are the caller's business (curses shows them as `^X`).
pub(crate) fn width(c: char) -> usize {
    let c = u32::from(c);
    if c < 0x300 {
        // Below the combining marks every printable character is one
        // cell wide (the table's first range starts at U+0300).
        return usize::from(c != 0);
    }
    if contains(&table::ZERO, c) {
        0
    } else if contains(&table::DOUBLE, c) {
        2
    } else {
        1
    }
}

fn contains(ranges: &[(u32, u32)], c: u32) -> bool {
    ranges
        .binary_search_by(|&(lo, hi)| {
            if hi < c {
                core::cmp::Ordering::Less
            } else if lo > c {
                core::cmp::Ordering::Greater
            } else {
                core::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

#[cfg(test)]
mod tests {
    use super::width;

    unsafe extern "C" {
        fn setlocale(category: i32, locale: *const u8) -> *const u8;
        fn wcwidth(c: u32) -> i32;
    }

    /// The table is glibc's: every code point but the non-printable ones
    /// (which curses never measures) has the width glibc gives it.
    #[test]
    fn agrees_with_glibc() {
        // SAFETY: setlocale with a NUL-terminated name, from a test that
        // owns its process's locale; wcwidth only reads it.
        let ok = unsafe { !setlocale(6, c"C.UTF-8".as_ptr().cast()).is_null() };
        if !ok {
            eprintln!("no C.UTF-8 locale: width not compared with glibc");
            return;
        }
        let mut checked = 0;
        for c in (0..0x11_0000u32).filter_map(char::from_u32) {
            // SAFETY: wcwidth reads nothing but its argument and the locale.
            let glibc = unsafe { wcwidth(u32::from(c)) };
            if glibc >= 0 {
                assert_eq!(width(c) as i32, glibc, "U+{:04X}", u32::from(c));
                checked += 1;
            }
        }
        assert!(checked > 200_000, "{checked}");
    }
}
