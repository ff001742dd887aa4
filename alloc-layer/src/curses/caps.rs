//! The capabilities the screen uses, looked up once from the terminal's
//! entry (a name lookup per cell would cost more than the drawing).

use super::terminfo::Terminfo;
use super::tparm::Tparm;
use alloc::vec;
use alloc::vec::Vec;
use core::cell::RefCell;

macro_rules! caps {
    (flags: $($flag:ident),*; numbers: $($num:ident),*; strings: $($s:ident),*;) => {
        #[allow(non_snake_case)]
        pub(crate) struct Caps {
            $(pub $flag: bool,)*
            $(pub $num: Option<i32>,)*
            $(pub $s: Option<Vec<u8>>,)*
            /// Line drawing as Unicode characters instead of `smacs`.
            pub unicode_acs: bool,
            /// The [`Hot`] capabilities evaluated so far.
            memo: RefCell<Memo>,
        }

        impl Caps {
            pub(crate) fn new(ti: &Terminfo) -> Caps {
                Caps {
                    $($flag: ti.flag(stringify!($flag)) == Some(true),)*
                    $($num: ti.number(stringify!($num)).filter(|&n| n >= 0),)*
                    $($s: ti.string(stringify!($s)).filter(|s| !s.is_empty()).map(<[u8]>::to_vec),)*
                    unicode_acs: locale_breaks_acs(ti.number("U8")),
                    memo: RefCell::new(Memo { slots: Vec::new() }),
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

    /// Appends [`Caps::plain`]`(cap)` to `out`; false when there is none.
    pub(crate) fn put_plain(cap: &Option<Vec<u8>>, out: &mut Vec<u8>) -> bool {
        let Some(cap) = cap.as_deref() else {
            return false;
        };
        if has_padding(cap) {
            let mut s = cap.to_vec();
            strip_padding(&mut s);
            out.extend_from_slice(&s);
        } else {
            out.extend_from_slice(cap);
        }
        true
    }

    /// The length of [`Caps::plain`]`(cap)`.
    pub(crate) fn plain_len(cap: &Option<Vec<u8>>) -> Option<usize> {
        let cap = cap.as_deref()?;
        Some(if has_padding(cap) {
            let mut s = cap.to_vec();
            strip_padding(&mut s);
            s.len()
        } else {
            cap.len()
        })
    }

    fn hot(&self, h: Hot) -> &Option<Vec<u8>> {
        match h {
            Hot::Cup => &self.cup,
            Hot::Hpa => &self.hpa,
            Hot::Vpa => &self.vpa,
            Hot::Cuf => &self.cuf,
            Hot::Cub => &self.cub,
            Hot::Cuu => &self.cuu,
            Hot::Cud => &self.cud,
            Hot::Setaf => &self.setaf,
            Hot::Setab => &self.setab,
            Hot::Sgr => &self.sgr,
        }
    }

    /// `f` of [`Caps::param`]`(h, params)` (at most two parameters, or
    /// nine of 0 or 1 for `sgr`), from the memo when it was evaluated
    /// before: an update asks for the same few moves and colours over and
    /// over, and the parameter language is slow to interpret.
    pub(crate) fn with_param<R>(
        &self,
        h: Hot,
        params: &[i64],
        f: impl FnOnce(&[u8]) -> R,
    ) -> Option<R> {
        let cap = self.hot(h);
        cap.as_ref()?;
        let Some(key) = memo_key(h, params) else {
            return Caps::param(cap, params).map(|v| f(&v));
        };
        let found = self.memo.borrow().find(key);
        match found {
            Some(Some(seq)) => Some(f(seq.bytes())),
            Some(None) => None,
            None => {
                let value = Caps::param(cap, params);
                self.memo.borrow_mut().store(key, value.as_deref());
                value.map(|v| f(&v))
            }
        }
    }

    /// Appends [`Caps::param`]`(h, params)` to `out`; false when there is
    /// none.
    pub(crate) fn put_param(&self, h: Hot, params: &[i64], out: &mut Vec<u8>) -> bool {
        self.with_param(h, params, |s| out.extend_from_slice(s))
            .is_some()
    }

    /// The length of [`Caps::param`]`(h, params)`.
    pub(crate) fn param_len(&self, h: Hot, params: &[i64]) -> Option<usize> {
        self.with_param(h, params, <[u8]>::len)
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

/// The parameterized capabilities an update evaluates over and over,
/// whose results [`Caps::with_param`] keeps.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Hot {
    Cup = 1,
    Hpa,
    Vpa,
    Cuf,
    Cub,
    Cuu,
    Cud,
    Setaf,
    Setab,
    Sgr,
}

/// The longest result the memo keeps (longer ones are evaluated each
/// time).
const SEQ_MAX: usize = 23;
const MEMO_SLOTS: usize = 1024;
/// Slots tried from a key's own before one is replaced.
const MEMO_PROBE: usize = 4;

#[derive(Clone, Copy)]
struct Seq {
    /// `u8::MAX`: the capability gave nothing (an error).
    len: u8,
    bytes: [u8; SEQ_MAX],
}

impl Seq {
    fn bytes(&self) -> &[u8] {
        &self.bytes[..usize::from(self.len)]
    }
}

#[derive(Clone, Copy)]
struct Slot {
    /// 0: empty.
    key: u64,
    seq: Seq,
}

/// Evaluated capabilities by capability and parameters: a small hash
/// table with a short linear probe, an old entry replaced when the probe
/// finds no room (the table is allocated on first use).
struct Memo {
    slots: Vec<Slot>,
}

/// The memo's key for `h` with `params`, when they fit one: a byte for
/// the capability and 28 bits for each of two parameters (or the nine
/// flags of `sgr`).
fn memo_key(h: Hot, params: &[i64]) -> Option<u64> {
    const LIMIT: i64 = 1 << 28;
    let (a, b) = if h == Hot::Sgr {
        let mut mask = 0i64;
        for (i, &p) in params.iter().enumerate() {
            match p {
                0 => {}
                1 if i < 28 => mask |= 1 << i,
                _ => return None,
            }
        }
        (mask, 0)
    } else {
        match *params {
            [] => (0, 0),
            [a] => (a, 0),
            [a, b] => (a, b),
            _ => return None,
        }
    };
    if !(0..LIMIT).contains(&a) || !(0..LIMIT).contains(&b) {
        return None;
    }
    Some(h as u64 | (a as u64) << 8 | (b as u64) << 36)
}

impl Memo {
    fn home(key: u64) -> usize {
        (key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 54) as usize % MEMO_SLOTS
    }

    /// `Some(None)`: known to give nothing; `None`: not known.
    fn find(&self, key: u64) -> Option<Option<Seq>> {
        if self.slots.is_empty() {
            return None;
        }
        let home = Memo::home(key);
        for i in 0..MEMO_PROBE {
            let slot = &self.slots[(home + i) % MEMO_SLOTS];
            if slot.key == key {
                return Some((slot.seq.len != u8::MAX).then_some(slot.seq));
            }
            if slot.key == 0 {
                return None;
            }
        }
        None
    }

    fn store(&mut self, key: u64, value: Option<&[u8]>) {
        let seq = match value {
            None => Seq {
                len: u8::MAX,
                bytes: [0; SEQ_MAX],
            },
            Some(v) if v.len() <= SEQ_MAX => {
                let mut bytes = [0; SEQ_MAX];
                bytes[..v.len()].copy_from_slice(v);
                Seq {
                    len: v.len() as u8,
                    bytes,
                }
            }
            Some(_) => return,
        };
        if self.slots.is_empty() {
            let empty = Slot {
                key: 0,
                seq: Seq {
                    len: 0,
                    bytes: [0; SEQ_MAX],
                },
            };
            self.slots = vec![empty; MEMO_SLOTS];
        }
        let home = Memo::home(key);
        let at = (0..MEMO_PROBE)
            .map(|i| (home + i) % MEMO_SLOTS)
            .find(|&i| self.slots[i].key == 0)
            .unwrap_or(home);
        self.slots[at] = Slot { key, seq };
    }
}

fn has_padding(cap: &[u8]) -> bool {
    cap.windows(2).any(|w| w == b"$<")
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
