//! `json.loads` and `json.dumps` for [`Value`], following CPython 3.11's
//! C scanner (`Modules/_json.c`) step by step, so that every error has
//! Python's message and position (`char` counts code points).
//!
//! Differs from Python, where a Rust value cannot hold what Python's can:
//! an integer outside `i64` and a `\uXXXX` escape of a lone surrogate are
//! errors (see [`JsonErrorKind`]). Python limits nesting by its recursion
//! limit; here a document nests at most [`MAX_DEPTH`] arrays and objects,
//! the depth at which `json.loads` fails when called from a script's top
//! level.

use super::value::{Dict, Value, float_repr};
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

/// The deepest nesting of arrays and objects accepted; one more is
/// Python's `RecursionError`.
pub const MAX_DEPTH: usize = 995;

/// Why a JSON document was rejected.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum JsonErrorKind {
    /// `Expecting value`.
    ExpectingValue,
    /// `Expecting property name enclosed in double quotes`.
    ExpectingPropertyName,
    /// `Expecting ':' delimiter`.
    ExpectingColon,
    /// `Expecting ',' delimiter`.
    ExpectingComma,
    /// `Extra data`: something after the document.
    ExtraData,
    /// `Unterminated string starting at`.
    UnterminatedString,
    /// `Invalid control character at`: a character below U+0020 in a
    /// string.
    InvalidControlCharacter,
    /// `Invalid \escape`.
    InvalidEscape,
    /// `Invalid \uXXXX escape`.
    InvalidUnicodeEscape,
    /// `Unexpected UTF-8 BOM (decode using utf-8-sig)`.
    UnexpectedBom,
    /// Not Python's: `Integer out of range` for an integer outside `i64`
    /// (Python keeps it exactly). Reported at the number's first
    /// character, and only when the document has no error Python reports.
    IntegerOutOfRange,
    /// Not Python's: `Lone surrogate in string` for a `\uXXXX` escape of
    /// a surrogate that does not pair with the escape after it (Python
    /// keeps it in its `str`; a Rust `String` cannot). Reported at the
    /// backslash, and only when the document has no error Python reports.
    LoneSurrogate,
    /// Python's `RecursionError`: more than [`MAX_DEPTH`] nested arrays
    /// (`array` true) or objects.
    TooDeep {
        /// Whether the container that went too deep is an array.
        array: bool,
    },
}

/// Python's `json.JSONDecodeError`: what went wrong and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JsonError {
    /// What went wrong.
    pub kind: JsonErrorKind,
    /// `pos`: the code-point index in the document.
    pub pos: usize,
    /// `lineno`: 1 for the first line.
    pub lineno: usize,
    /// `colno`: 1 for the first code point of a line.
    pub colno: usize,
}

impl JsonError {
    /// `err.msg`: Python's message without the position.
    pub fn msg(&self) -> &'static str {
        match self.kind {
            JsonErrorKind::ExpectingValue => "Expecting value",
            JsonErrorKind::ExpectingPropertyName => {
                "Expecting property name enclosed in double quotes"
            }
            JsonErrorKind::ExpectingColon => "Expecting ':' delimiter",
            JsonErrorKind::ExpectingComma => "Expecting ',' delimiter",
            JsonErrorKind::ExtraData => "Extra data",
            JsonErrorKind::UnterminatedString => "Unterminated string starting at",
            JsonErrorKind::InvalidControlCharacter => "Invalid control character at",
            JsonErrorKind::InvalidEscape => "Invalid \\escape",
            JsonErrorKind::InvalidUnicodeEscape => "Invalid \\uXXXX escape",
            JsonErrorKind::UnexpectedBom => "Unexpected UTF-8 BOM (decode using utf-8-sig)",
            JsonErrorKind::IntegerOutOfRange => "Integer out of range",
            JsonErrorKind::LoneSurrogate => "Lone surrogate in string",
            JsonErrorKind::TooDeep { array: true } => {
                "maximum recursion depth exceeded while decoding a JSON array from a unicode string"
            }
            JsonErrorKind::TooDeep { array: false } => {
                "maximum recursion depth exceeded while decoding a JSON object from a unicode string"
            }
        }
    }
}

/// `str(err)`: `Expecting value: line 1 column 1 (char 0)`; a
/// `RecursionError` has no position.
impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let JsonErrorKind::TooDeep { .. } = self.kind {
            return f.write_str(self.msg());
        }
        write!(
            f,
            "{}: line {} column {} (char {})",
            self.msg(),
            self.lineno,
            self.colno,
            self.pos
        )
    }
}

impl core::error::Error for JsonError {}

fn is_ws(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r')
}

struct Parser {
    s: Vec<char>,
    depth: usize,
    /// The first error Python would not make (a lone surrogate, a too
    /// large integer), reported only if the document is otherwise good.
    deferred: Option<(JsonErrorKind, usize)>,
}

type Step<T> = Result<T, (JsonErrorKind, usize)>;

/// `json.loads(text)`.
pub(crate) fn parse(text: &str) -> Result<Value, JsonError> {
    let mut p = Parser {
        s: text.chars().collect(),
        depth: 0,
        deferred: None,
    };
    let result = p.document();
    let result = result.and_then(|v| match p.deferred {
        Some(e) => Err(e),
        None => Ok(v),
    });
    result.map_err(|(kind, pos)| error_at(&p.s, kind, pos))
}

fn error_at(s: &[char], kind: JsonErrorKind, pos: usize) -> JsonError {
    // JSONDecodeError: lineno = doc.count('\n', 0, pos) + 1,
    // colno = pos - doc.rfind('\n', 0, pos).
    let before = &s[..pos.min(s.len())];
    let lineno = before.iter().filter(|&&c| c == '\n').count() + 1;
    let colno = match before.iter().rposition(|&c| c == '\n') {
        Some(nl) => pos - nl,
        None => pos + 1,
    };
    JsonError {
        kind,
        pos,
        lineno,
        colno,
    }
}

impl Parser {
    fn at(&self, i: usize) -> Option<char> {
        self.s.get(i).copied()
    }

    fn skip_ws(&self, mut i: usize) -> usize {
        while self.at(i).is_some_and(is_ws) {
            i += 1;
        }
        i
    }

    fn document(&mut self) -> Step<Value> {
        if self.at(0) == Some('\u{feff}') {
            return Err((JsonErrorKind::UnexpectedBom, 0));
        }
        let start = self.skip_ws(0);
        let (value, end) = self.scan_once(start)?;
        let end = self.skip_ws(end);
        if end != self.s.len() {
            return Err((JsonErrorKind::ExtraData, end));
        }
        Ok(value)
    }

    fn matches(&self, i: usize, word: &str) -> bool {
        (i..).zip(word.chars()).all(|(j, w)| self.at(j) == Some(w))
    }

    /// `scan_once_unicode`: the value at `i` and the index after it. A
    /// missing value is StopIteration, which `raw_decode` reports as
    /// `Expecting value` at `i`.
    fn scan_once(&mut self, i: usize) -> Step<(Value, usize)> {
        let Some(c) = self.at(i) else {
            return Err((JsonErrorKind::ExpectingValue, i));
        };
        let constant = |word: &str, v: Value| (v, i + word.chars().count());
        match c {
            '"' => {
                let (s, end) = self.scan_string(i + 1)?;
                Ok((Value::Str(s), end))
            }
            '{' | '[' => {
                let array = c == '[';
                if self.depth >= MAX_DEPTH {
                    return Err((JsonErrorKind::TooDeep { array }, i));
                }
                self.depth += 1;
                let r = if array {
                    self.parse_array(i + 1)
                } else {
                    self.parse_object(i + 1)
                };
                self.depth -= 1;
                r
            }
            'n' if self.matches(i, "null") => Ok(constant("null", Value::None)),
            't' if self.matches(i, "true") => Ok(constant("true", Value::Bool(true))),
            'f' if self.matches(i, "false") => Ok(constant("false", Value::Bool(false))),
            'N' if self.matches(i, "NaN") => Ok(constant("NaN", Value::Float(f64::NAN))),
            'I' if self.matches(i, "Infinity") => {
                Ok(constant("Infinity", Value::Float(f64::INFINITY)))
            }
            '-' if self.matches(i, "-Infinity") => {
                Ok(constant("-Infinity", Value::Float(f64::NEG_INFINITY)))
            }
            'n' | 't' | 'f' | 'N' | 'I' => Err((JsonErrorKind::ExpectingValue, i)),
            _ => self.match_number(i),
        }
    }

    /// `_match_number_unicode`.
    fn match_number(&mut self, start: usize) -> Step<(Value, usize)> {
        let digit = |p: &Self, i: usize| p.at(i).is_some_and(|c| c.is_ascii_digit());
        let mut i = start;
        if self.at(i) == Some('-') {
            i += 1;
        }
        match self.at(i) {
            Some('1'..='9') => {
                i += 1;
                while digit(self, i) {
                    i += 1;
                }
            }
            Some('0') => i += 1,
            _ => return Err((JsonErrorKind::ExpectingValue, start)),
        }
        let mut is_float = false;
        if self.at(i) == Some('.') && digit(self, i + 1) {
            is_float = true;
            i += 2;
            while digit(self, i) {
                i += 1;
            }
        }
        if matches!(self.at(i), Some('e' | 'E')) && i + 1 < self.s.len() {
            let e_start = i;
            i += 1;
            if matches!(self.at(i), Some('-' | '+')) && i + 1 < self.s.len() {
                i += 1;
            }
            while digit(self, i) {
                i += 1;
            }
            if digit(self, i - 1) {
                is_float = true;
            } else {
                i = e_start;
            }
        }
        let text: String = self.s[start..i].iter().collect();
        let value = if is_float {
            Value::Float(text.parse().unwrap_or(f64::NAN))
        } else {
            match text.parse::<i64>() {
                Ok(n) => Value::Int(n),
                Err(_) => {
                    self.defer(JsonErrorKind::IntegerOutOfRange, start);
                    Value::None
                }
            }
        };
        Ok((value, i))
    }

    fn defer(&mut self, kind: JsonErrorKind, pos: usize) {
        self.deferred.get_or_insert((kind, pos));
    }

    fn hex4(&self, from: usize) -> Option<u32> {
        let mut v = 0;
        for i in from..from + 4 {
            v = v * 16 + self.at(i)?.to_digit(16)?;
        }
        Some(v)
    }

    /// `scanstring_unicode`: the string whose opening quote is at
    /// `end - 1`, and the index after its closing quote.
    fn scan_string(&mut self, mut end: usize) -> Step<(String, usize)> {
        let begin = end - 1;
        let len = self.s.len();
        let mut out = String::new();
        loop {
            let mut next = end;
            let mut c = None;
            while next < len {
                let d = self.s[next];
                if d == '"' || d == '\\' {
                    c = Some(d);
                    break;
                }
                if (d as u32) <= 0x1f {
                    return Err((JsonErrorKind::InvalidControlCharacter, next));
                }
                next += 1;
            }
            let Some(c) = c else {
                return Err((JsonErrorKind::UnterminatedString, begin));
            };
            out.extend(&self.s[end..next]);
            next += 1;
            if c == '"' {
                return Ok((out, next));
            }
            // A backslash at `next - 1`.
            let Some(e) = self.at(next) else {
                return Err((JsonErrorKind::UnterminatedString, begin));
            };
            if e != 'u' {
                end = next + 1;
                out.push(match e {
                    '"' => '"',
                    '\\' => '\\',
                    '/' => '/',
                    'b' => '\u{8}',
                    'f' => '\u{c}',
                    'n' => '\n',
                    'r' => '\r',
                    't' => '\t',
                    _ => return Err((JsonErrorKind::InvalidEscape, end - 2)),
                });
                continue;
            }
            let u = next;
            end = u + 5;
            if end >= len {
                return Err((JsonErrorKind::InvalidUnicodeEscape, u));
            }
            let Some(mut cp) = self.hex4(u + 1) else {
                return Err((JsonErrorKind::InvalidUnicodeEscape, u));
            };
            if (0xd800..0xdc00).contains(&cp)
                && end + 6 < len
                && self.s[end] == '\\'
                && self.s[end + 1] == 'u'
            {
                let Some(low) = self.hex4(end + 2) else {
                    return Err((JsonErrorKind::InvalidUnicodeEscape, end + 1));
                };
                if (0xdc00..0xe000).contains(&low) {
                    cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
                    end += 6;
                }
            }
            match char::from_u32(cp) {
                Some(ch) => out.push(ch),
                None => {
                    self.defer(JsonErrorKind::LoneSurrogate, u - 1);
                    out.push('\u{fffd}');
                }
            }
        }
    }

    /// `_parse_object_unicode`, after the `{` at `i - 1`.
    fn parse_object(&mut self, i: usize) -> Step<(Value, usize)> {
        let mut d = Dict::new();
        let mut i = self.skip_ws(i);
        if self.at(i) != Some('}') {
            loop {
                if self.at(i) != Some('"') {
                    return Err((JsonErrorKind::ExpectingPropertyName, i));
                }
                let (key, next) = self.scan_string(i + 1)?;
                i = self.skip_ws(next);
                if self.at(i) != Some(':') {
                    return Err((JsonErrorKind::ExpectingColon, i));
                }
                i = self.skip_ws(i + 1);
                let (value, next) = self.scan_once(i)?;
                d.insert(key, value);
                i = self.skip_ws(next);
                if self.at(i) == Some('}') {
                    break;
                }
                if self.at(i) != Some(',') {
                    return Err((JsonErrorKind::ExpectingComma, i));
                }
                i = self.skip_ws(i + 1);
            }
        }
        Ok((Value::Dict(d), i + 1))
    }

    /// `_parse_array_unicode`, after the `[` at `i - 1`.
    fn parse_array(&mut self, i: usize) -> Step<(Value, usize)> {
        let mut items = Vec::new();
        let mut i = self.skip_ws(i);
        if self.at(i) != Some(']') {
            loop {
                let (value, next) = self.scan_once(i)?;
                items.push(value);
                i = self.skip_ws(next);
                if self.at(i) == Some(']') {
                    break;
                }
                if self.at(i) != Some(',') {
                    return Err((JsonErrorKind::ExpectingComma, i));
                }
                i = self.skip_ws(i + 1);
            }
        }
        Ok((Value::List(items), i + 1))
    }
}

/// `json.dumps(value)` appended to `out`.
pub(crate) fn write(value: &Value, out: &mut String) {
    match value {
        Value::None => out.push_str("null"),
        Value::Bool(true) => out.push_str("true"),
        Value::Bool(false) => out.push_str("false"),
        Value::Int(i) => {
            let _ = fmt::Write::write_fmt(out, format_args!("{i}"));
        }
        Value::Float(x) if x.is_nan() => out.push_str("NaN"),
        Value::Float(x) if x.is_infinite() => {
            out.push_str(if *x > 0.0 { "Infinity" } else { "-Infinity" });
        }
        Value::Float(x) => float_repr(*x, out),
        Value::Str(s) => write_str(s, out),
        Value::List(items) => {
            out.push('[');
            for (n, item) in items.iter().enumerate() {
                if n > 0 {
                    out.push_str(", ");
                }
                write(item, out);
            }
            out.push(']');
        }
        Value::Dict(d) => {
            out.push('{');
            for (n, (k, v)) in d.iter().enumerate() {
                if n > 0 {
                    out.push_str(", ");
                }
                write_str(k, out);
                out.push_str(": ");
                write(v, out);
            }
            out.push('}');
        }
    }
}

/// `py_encode_basestring_ascii`: printable ASCII as is, the rest escaped.
fn write_str(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            ' '..='~' => out.push(c),
            _ => {
                let mut units = [0u16; 2];
                for u in c.encode_utf16(&mut units) {
                    let _ = fmt::Write::write_fmt(out, format_args!("\\u{u:04x}"));
                }
            }
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Python's own results, made by `tests/gen_json.py`.
    mod cases {
        include!("tests/json_cases.rs");
    }

    #[test]
    fn agrees_with_python() {
        for &(input, want) in cases::CASES {
            let got = Value::from_json(input);
            match (want, &got) {
                (Ok(dumped), Ok(v)) => assert_eq!(v.to_json(), dumped, "{input:?}"),
                (Err(msg), Err(e)) => assert_eq!(e.to_string(), msg, "{input:?}"),
                _ => panic!("{input:.80?}: got {got:.200?}, Python: {want:?}"),
            }
        }
    }

    #[test]
    fn nesting_stops_at_the_limit() {
        let ok = "[".repeat(MAX_DEPTH) + &"]".repeat(MAX_DEPTH);
        assert!(Value::from_json(&ok).is_ok());
        let deep = "[".repeat(100_000);
        let e = Value::from_json(&deep).unwrap_err();
        assert_eq!(e.kind, JsonErrorKind::TooDeep { array: true });
        assert_eq!(e.pos, MAX_DEPTH);
    }
}
