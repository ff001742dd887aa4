//! A small JSON reader for the oracle fixture (tests only). Strings are
//! bytes: a lone surrogate escape `\udcXX` (XX ≥ 80) is the byte XX, the
//! way Python's `surrogateescape` wrote it.

use alloc::string::String;
use alloc::vec::Vec;

/// A JSON value.
#[derive(Clone, Debug, PartialEq)]
pub enum J {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(Vec<u8>),
    List(Vec<J>),
    Object(Vec<(String, J)>),
}

impl J {
    /// Parses one JSON document.
    pub fn parse(text: &str) -> Option<J> {
        let mut p = Reader {
            s: text.as_bytes(),
            i: 0,
        };
        let v = p.value()?;
        p.ws();
        (p.i == p.s.len()).then_some(v)
    }

    /// The member `key` of an object.
    pub fn get(&self, key: &str) -> Option<&J> {
        match self {
            J::Object(members) => members.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    pub fn str(&self) -> Option<&str> {
        match self {
            J::Str(s) => core::str::from_utf8(s).ok(),
            _ => None,
        }
    }

    pub fn bytes(&self) -> Option<&[u8]> {
        match self {
            J::Str(s) => Some(s),
            _ => None,
        }
    }

    pub fn list(&self) -> &[J] {
        match self {
            J::List(items) => items,
            _ => &[],
        }
    }

    pub fn members(&self) -> &[(String, J)] {
        match self {
            J::Object(m) => m,
            _ => &[],
        }
    }

    pub fn int(&self) -> Option<i64> {
        match self {
            J::Int(n) => Some(*n),
            _ => None,
        }
    }

    pub fn bool(&self) -> Option<bool> {
        match self {
            J::Bool(b) => Some(*b),
            _ => None,
        }
    }

    pub fn is_null(&self) -> bool {
        matches!(self, J::Null)
    }
}

struct Reader<'a> {
    s: &'a [u8],
    i: usize,
}

impl Reader<'_> {
    fn ws(&mut self) {
        while self.s.get(self.i).is_some_and(|b| b.is_ascii_whitespace()) {
            self.i += 1;
        }
    }

    fn eat(&mut self, lit: &[u8]) -> bool {
        if self.s[self.i..].starts_with(lit) {
            self.i += lit.len();
            true
        } else {
            false
        }
    }

    fn value(&mut self) -> Option<J> {
        self.ws();
        match *self.s.get(self.i)? {
            b'n' => self.eat(b"null").then_some(J::Null),
            b't' => self.eat(b"true").then_some(J::Bool(true)),
            b'f' => self.eat(b"false").then_some(J::Bool(false)),
            b'"' => self.string().map(J::Str),
            b'[' => {
                self.i += 1;
                let mut items = Vec::new();
                self.ws();
                if self.eat(b"]") {
                    return Some(J::List(items));
                }
                loop {
                    items.push(self.value()?);
                    self.ws();
                    if self.eat(b"]") {
                        return Some(J::List(items));
                    }
                    if !self.eat(b",") {
                        return None;
                    }
                }
            }
            b'{' => {
                self.i += 1;
                let mut members = Vec::new();
                self.ws();
                if self.eat(b"}") {
                    return Some(J::Object(members));
                }
                loop {
                    self.ws();
                    let key = String::from_utf8(self.string()?).ok()?;
                    self.ws();
                    if !self.eat(b":") {
                        return None;
                    }
                    members.push((key, self.value()?));
                    self.ws();
                    if self.eat(b"}") {
                        return Some(J::Object(members));
                    }
                    if !self.eat(b",") {
                        return None;
                    }
                }
            }
            _ => self.number(),
        }
    }

    fn number(&mut self) -> Option<J> {
        let start = self.i;
        while self
            .s
            .get(self.i)
            .is_some_and(|b| b"+-0123456789.eE".contains(b))
        {
            self.i += 1;
        }
        let text = core::str::from_utf8(&self.s[start..self.i]).ok()?;
        if text.contains(['.', 'e', 'E']) {
            text.parse().ok().map(J::Float)
        } else {
            text.parse().ok().map(J::Int)
        }
    }

    fn hex4(&mut self) -> Option<u32> {
        let h = core::str::from_utf8(self.s.get(self.i..self.i + 4)?).ok()?;
        self.i += 4;
        u32::from_str_radix(h, 16).ok()
    }

    fn string(&mut self) -> Option<Vec<u8>> {
        if !self.eat(b"\"") {
            return None;
        }
        let mut out = Vec::new();
        loop {
            let b = *self.s.get(self.i)?;
            self.i += 1;
            match b {
                b'"' => return Some(out),
                b'\\' => {
                    let e = *self.s.get(self.i)?;
                    self.i += 1;
                    match e {
                        b'n' => out.push(b'\n'),
                        b't' => out.push(b'\t'),
                        b'r' => out.push(b'\r'),
                        b'b' => out.push(8),
                        b'f' => out.push(12),
                        b'u' => {
                            let mut c = self.hex4()?;
                            if (0xd800..0xdc00).contains(&c) && self.s[self.i..].starts_with(b"\\u")
                            {
                                self.i += 2;
                                let low = self.hex4()?;
                                c = 0x10000 + ((c - 0xd800) << 10) + (low - 0xdc00);
                            }
                            if (0xdc80..0xdd00).contains(&c) {
                                out.push((c - 0xdc00) as u8);
                            } else {
                                let ch = char::from_u32(c)?;
                                out.extend_from_slice(ch.encode_utf8(&mut [0; 4]).as_bytes());
                            }
                        }
                        other => out.push(other),
                    }
                }
                other => out.push(other),
            }
        }
    }
}
