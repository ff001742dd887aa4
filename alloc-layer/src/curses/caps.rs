//! The capabilities the screen uses, looked up once from the terminal's
//! entry (a name lookup per cell would cost more than the drawing).

use super::terminfo::Terminfo;
use super::tparm::Tparm;
use alloc::vec::Vec;

macro_rules! caps {
    (flags: $($flag:ident),*; numbers: $($num:ident),*; strings: $($s:ident),*;) => {
        #[allow(non_snake_case)]
        pub(crate) struct Caps {
            $(pub $flag: bool,)*
            $(pub $num: Option<i32>,)*
            $(pub $s: Option<Vec<u8>>,)*
            /// Line drawing as Unicode characters instead of `smacs`.
            pub unicode_acs: bool,
        }

        impl Caps {
            pub(crate) fn new(ti: &Terminfo) -> Caps {
                Caps {
                    $($flag: ti.flag(stringify!($flag)) == Some(true),)*
                    $($num: ti.number(stringify!($num)).filter(|&n| n >= 0),)*
                    $($s: ti.string(stringify!($s)).filter(|s| !s.is_empty()).map(<[u8]>::to_vec),)*
                    unicode_acs: locale_breaks_acs(ti.number("U8")),
                }
            }
        }
    };
}

caps! {
    flags: am, xenl, msgr, bce, ccc;
    numbers: colors, pairs, lines, cols;
    strings:
        cup, hpa, vpa, cuf, cub, cuu, cud, cuf1, cub1, cuu1, cud1, cr, home,
        el, ed, clear, csr, ind, ri, indn, rin, il, dl, il1, dl1,
        ich, ich1, dch, dch1, smir, rmir,
        sgr, sgr0, smso, rmso, smul, rmul, rev, blink, dim, bold, invis,
        sitm, ritm, smacs, rmacs, acsc, enacs, smam, rmam,
        setaf, setab, op, oc, initc,
        smcup, rmcup, smkx, rmkx, civis, cnorm, cvvis, bel, flash, XM, kmous;
}

impl Caps {
    /// Evaluates a parameterized capability, without its padding.
    pub(crate) fn param(cap: &Option<Vec<u8>>, params: &[i64]) -> Option<Vec<u8>> {
        let cap = cap.as_deref()?;
        let mut out = Tparm::new().tparm(cap, params).ok()?;
        strip_padding(&mut out);
        Some(out)
    }

    /// A capability's bytes without padding, for output.
    pub(crate) fn plain(cap: &Option<Vec<u8>>) -> Option<Vec<u8>> {
        let mut out = cap.clone()?;
        strip_padding(&mut out);
        Some(out)
    }

    /// The character the terminal draws for line-drawing character `ch`
    /// under `smacs`, from `acsc` (pairs of "vt100 name, this terminal's").
    pub(crate) fn acs_char(&self, ch: u8) -> Option<u8> {
        let map = self.acsc.as_deref()?;
        map.chunks_exact(2).find(|p| p[0] == ch).map(|p| p[1])
    }
}

/// Whether line drawing goes out as Unicode characters: ncurses's
/// `_nc_locale_breaks_acs` in a UTF-8 locale (Strata's only one) — asked
/// for by `NCURSES_NO_UTF8_ACS`, by the entry's `U8` number, or because
/// `TERM` names the Linux console, which ignores `smacs` in UTF-8 mode.
fn locale_breaks_acs(u8_number: Option<i32>) -> bool {
    let env = |name| crate::os::getenv(name);
    if let Some(v) = env("NCURSES_NO_UTF8_ACS") {
        return core::str::from_utf8(&v)
            .ok()
            .and_then(|v| v.trim().parse::<i32>().ok())
            .is_some_and(|n| n > 0);
    }
    if let Some(n) = u8_number.filter(|&n| n >= 0) {
        return n > 0;
    }
    env("TERM").is_some_and(|t| t.windows(5).any(|w| w == b"linux"))
}

/// Removes `$<…>` padding (a delay for slow terminals, which no terminal
/// emulator needs), as `tputs` does at high speeds.
pub(crate) fn strip_padding(bytes: &mut Vec<u8>) {
    if !bytes.windows(2).any(|w| w == b"$<") {
        return;
    }
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'$'
            && bytes.get(i + 1) == Some(&b'<')
            && let Some(end) = bytes[i..].iter().position(|&b| b == b'>')
        {
            let inner = &bytes[i + 2..i + end];
            if inner
                .iter()
                .all(|b| b.is_ascii_digit() || b"./*".contains(b))
            {
                i += end + 1;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    *bytes = out;
}

#[cfg(test)]
mod tests {
    use super::strip_padding;

    #[test]
    fn padding_goes() {
        let mut b = b"\x1b[?5h$<100/>\x1b[?5l".to_vec();
        strip_padding(&mut b);
        assert_eq!(b, b"\x1b[?5h\x1b[?5l");
        let mut keep = b"$<x>$".to_vec();
        strip_padding(&mut keep);
        assert_eq!(keep, b"$<x>$");
    }
}
