//! The Python expressions `logging.config.fileConfig` evaluates for a
//! handler's `args=` and `kwargs=` (`eval(args, vars(logging))`): literals,
//! the containers made of them, and dotted names left for the caller to
//! resolve (`sys.stdout`, `handlers.SYSLOG_UDP_PORT`).
//!
//! What `eval` accepts here: strings in every quote form with the `r` and
//! `u` prefixes, Python's escapes and adjacent-literal concatenation;
//! integers (decimal, `0x`, `0o`, `0b`, underscores) and floats; `True`,
//! `False`, `None`; tuples (a bare `a, b` too), lists and dicts; dotted
//! names; unary `-` and `+` on numbers; comments, line continuations and
//! newlines inside brackets.
//!
//! Rejected, with an error naming the place: anything else `eval` would
//! compute (calls, operators, subscripts, comprehensions, sets, lambdas),
//! bytes and f-strings, complex numbers, `\N{...}` escapes, escapes of a
//! lone surrogate (a Rust `String` cannot hold one), integers outside
//! `i64` (Python's are unbounded) and more than 200 nested brackets
//! (Python's "too many nested parentheses"). The messages are Strata's
//! own, not Python's `SyntaxError` texts. `\r\n` and `\r` count as `\n`,
//! as Python's tokenizer reads them, and positions count in that text.

use super::value::float_repr;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

/// The most brackets that may be open at once (the tokenizer's
/// `MAXLEVEL`).
const MAX_NESTING: usize = 200;

const KEYWORDS: [&str; 32] = [
    "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del", "elif",
    "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda",
    "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
];

/// The value of a literal expression, as `eval` builds it; names are not
/// resolved.
#[derive(Clone, Debug, PartialEq)]
pub enum Literal {
    /// `None`.
    None,
    /// `True` / `False`.
    Bool(bool),
    /// An `int` that fits in 64 bits.
    Int(i64),
    /// A `float`.
    Float(f64),
    /// A `str`.
    Str(String),
    /// A `tuple`.
    Tuple(Vec<Literal>),
    /// A `list`.
    List(Vec<Literal>),
    /// A `dict`: a key given twice keeps its first place and its last
    /// value, as Python's dict display does (keys compare as Python's do:
    /// `1`, `1.0` and `True` are one key; two names are one key when they
    /// are the same dotted name).
    Dict(Vec<(Literal, Literal)>),
    /// A name or dotted name (`sys.stdout`), for the caller to look up.
    Name(String),
}

impl Literal {
    /// `eval(text)` for a literal expression (see the module's doc for
    /// what is accepted).
    pub fn parse(text: &str) -> Result<Literal, LiteralError> {
        let mut s = Vec::with_capacity(text.len());
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '\r' {
                chars.next_if_eq(&'\n');
                s.push('\n');
            } else {
                s.push(c);
            }
        }
        let mut p = Parser { s, i: 0, depth: 0 };
        p.top().map_err(|(msg, pos)| {
            let before = &p.s[..pos.min(p.s.len())];
            let lineno = before.iter().filter(|&&c| c == '\n').count() + 1;
            let colno = match before.iter().rposition(|&c| c == '\n') {
                Some(nl) => pos - nl,
                None => pos + 1,
            };
            LiteralError {
                msg,
                pos,
                lineno,
                colno,
            }
        })
    }

    /// Python's `type(x).__name__` (`str` for a name: its value's type is
    /// unknown until resolved, so `name` is given).
    fn type_name(&self) -> &'static str {
        match self {
            Literal::None => "NoneType",
            Literal::Bool(_) => "bool",
            Literal::Int(_) => "int",
            Literal::Float(_) => "float",
            Literal::Str(_) => "str",
            Literal::Tuple(_) => "tuple",
            Literal::List(_) => "list",
            Literal::Dict(_) => "dict",
            Literal::Name(_) => "name",
        }
    }
}

/// `repr()` of the value `eval` would give, a name written as itself.
impl fmt::Display for Literal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let seq = |f: &mut fmt::Formatter<'_>, items: &[Literal]| {
            for (n, item) in items.iter().enumerate() {
                if n > 0 {
                    f.write_str(", ")?;
                }
                item.fmt(f)?;
            }
            Ok(())
        };
        match self {
            Literal::None => f.write_str("None"),
            Literal::Bool(true) => f.write_str("True"),
            Literal::Bool(false) => f.write_str("False"),
            Literal::Int(i) => write!(f, "{i}"),
            Literal::Float(x) => {
                let mut s = String::new();
                float_repr(*x, &mut s);
                f.write_str(&s)
            }
            Literal::Str(s) => strata_core::__private::write_repr(f, s.chars().map(u32::from)),
            Literal::Tuple(items) => {
                f.write_str("(")?;
                seq(f, items)?;
                f.write_str(if items.len() == 1 { ",)" } else { ")" })
            }
            Literal::List(items) => {
                f.write_str("[")?;
                seq(f, items)?;
                f.write_str("]")
            }
            Literal::Dict(items) => {
                f.write_str("{")?;
                for (n, (k, v)) in items.iter().enumerate() {
                    if n > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{k}: {v}")?;
                }
                f.write_str("}")
            }
            Literal::Name(name) => f.write_str(name),
        }
    }
}

/// Why an expression is not a literal this parser takes, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LiteralError {
    /// What is wrong.
    pub msg: String,
    /// The code-point index where it is.
    pub pos: usize,
    /// Its line, from 1.
    pub lineno: usize,
    /// Its column, from 1.
    pub colno: usize,
}

/// `MESSAGE: line L column C (char P)`.
impl fmt::Display for LiteralError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: line {} column {} (char {})",
            self.msg, self.lineno, self.colno, self.pos
        )
    }
}

impl core::error::Error for LiteralError {}

type Step<T> = Result<T, (String, usize)>;

fn err<T>(msg: impl Into<String>, pos: usize) -> Step<T> {
    Err((msg.into(), pos))
}

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    /// An int's magnitude (signs come as operators), or a float.
    Int(u128),
    Float(f64),
    Str(String),
    Name(String),
    Op(char),
    Newline,
    End,
}

struct Parser {
    s: Vec<char>,
    i: usize,
    /// Brackets open.
    depth: usize,
}

fn is_id_start(c: char) -> bool {
    c == '_' || c.is_alphabetic()
}

fn is_id_continue(c: char) -> bool {
    c == '_' || c.is_alphanumeric()
}

/// Python's `==` between hashable literals; `None` for an unhashable one.
fn key_eq(a: &Literal, b: &Literal) -> Option<bool> {
    fn num(l: &Literal) -> Option<Result<i128, f64>> {
        match *l {
            Literal::Bool(b) => Some(Ok(i128::from(b))),
            Literal::Int(i) => Some(Ok(i128::from(i))),
            Literal::Float(x) => Some(Err(x)),
            _ => None,
        }
    }
    hashable(a)?;
    hashable(b)?;
    Some(match (a, b) {
        (Literal::Str(x), Literal::Str(y)) | (Literal::Name(x), Literal::Name(y)) => x == y,
        (Literal::None, Literal::None) => true,
        (Literal::Tuple(x), Literal::Tuple(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| key_eq(p, q) == Some(true))
        }
        _ => match (num(a), num(b)) {
            (Some(Ok(x)), Some(Ok(y))) => x == y,
            (Some(Err(x)), Some(Err(y))) => x == y,
            (Some(Ok(i)), Some(Err(x))) | (Some(Err(x)), Some(Ok(i))) => {
                x.is_finite() && x == i as f64 && x as i128 == i
            }
            _ => false,
        },
    })
}

/// `Some(())` when `hash(l)` works; `None` names a list or dict in it.
fn hashable(l: &Literal) -> Option<()> {
    match l {
        Literal::List(_) | Literal::Dict(_) => None,
        Literal::Tuple(items) => items.iter().try_for_each(hashable),
        _ => Some(()),
    }
}

fn first_unhashable(l: &Literal) -> &'static str {
    match l {
        Literal::Tuple(items) => items
            .iter()
            .find(|x| hashable(x).is_none())
            .map_or("tuple", first_unhashable),
        other => other.type_name(),
    }
}

impl Parser {
    fn at(&self, i: usize) -> Option<char> {
        self.s.get(i).copied()
    }

    /// Skips what separates tokens; inside brackets newlines too.
    fn skip(&mut self) -> Step<()> {
        loop {
            match self.at(self.i) {
                Some(' ' | '\t' | '\u{c}') => self.i += 1,
                Some('#') => {
                    while self.at(self.i).is_some_and(|c| c != '\n') {
                        self.i += 1;
                    }
                }
                Some('\\') => {
                    if self.at(self.i + 1) != Some('\n') {
                        return err("unexpected character after line continuation", self.i);
                    }
                    let at = self.i;
                    self.i += 2;
                    if self.i == self.s.len() {
                        return err("unexpected end of input after a line continuation", at);
                    }
                }
                Some('\n') if self.depth > 0 => self.i += 1,
                _ => return Ok(()),
            }
        }
    }

    /// The next token and where it starts.
    fn token(&mut self) -> Step<(Tok, usize)> {
        self.skip()?;
        let start = self.i;
        let Some(c) = self.at(start) else {
            return Ok((Tok::End, start));
        };
        if c == '\n' {
            self.i += 1;
            return Ok((Tok::Newline, start));
        }
        if c.is_ascii_digit()
            || (c == '.' && self.at(start + 1).is_some_and(|d| d.is_ascii_digit()))
        {
            return self.number(start).map(|t| (t, start));
        }
        if c == '"' || c == '\'' {
            return self.string(start, "").map(|t| (t, start));
        }
        if is_id_start(c) {
            let mut j = start;
            while self.at(j).is_some_and(is_id_continue) {
                j += 1;
            }
            let word: String = self.s[start..j].iter().collect();
            if matches!(self.at(j), Some('"' | '\'')) {
                let prefix = word.to_ascii_lowercase();
                if ["r", "u", "b", "br", "rb", "f", "fr", "rf"].contains(&prefix.as_str()) {
                    if prefix.contains('b') {
                        return err("bytes literals are not supported", start);
                    }
                    if prefix.contains('f') {
                        return err("f-strings are not supported", start);
                    }
                    self.i = j;
                    return self.string(j, &prefix).map(|t| (t, start));
                }
            }
            self.i = j;
            return Ok((Tok::Name(word), start));
        }
        self.i += 1;
        if "()[]{},:.+-".contains(c) {
            return Ok((Tok::Op(c), start));
        }
        let two: String = self.s[start..(start + 2).min(self.s.len())]
            .iter()
            .collect();
        let what = match c {
            '*' | '/' | '%' | '@' | '&' | '|' | '^' | '~' | '<' | '>' | '=' | '!' => {
                if two == "**" { "'**'" } else { "an operator" }
            }
            ';' => "';'",
            _ => "this character",
        };
        err(alloc::format!("{what} is not allowed in a literal"), start)
    }

    /// Digits with single underscores between them; the count of digits.
    fn digits(&mut self, out: &mut String, radix: u32) -> Step<usize> {
        let mut n = 0;
        loop {
            match self.at(self.i) {
                Some(d) if d.is_digit(radix) => {
                    out.push(d);
                    n += 1;
                    self.i += 1;
                }
                Some('_') if n > 0 && self.at(self.i + 1).is_some_and(|d| d.is_digit(radix)) => {
                    self.i += 1;
                }
                Some('_') => return err("invalid number: misplaced '_'", self.i),
                _ => return Ok(n),
            }
        }
    }

    fn number(&mut self, start: usize) -> Step<Tok> {
        let radix = match (
            self.at(start),
            self.at(start + 1).map(|c| c.to_ascii_lowercase()),
        ) {
            (Some('0'), Some('x')) => 16,
            (Some('0'), Some('o')) => 8,
            (Some('0'), Some('b')) => 2,
            _ => 10,
        };
        let mut text = String::new();
        let tok = if radix != 10 {
            self.i = start + 2;
            if self.at(self.i) == Some('_') {
                self.i += 1;
            }
            if self.digits(&mut text, radix)? == 0 {
                return err("invalid number: no digits after its base prefix", start);
            }
            Tok::Int(
                u128::from_str_radix(&text, radix)
                    .map_err(|_| (String::from("integer out of range"), start))?,
            )
        } else {
            self.i = start;
            self.digits(&mut text, 10)?;
            let mut is_float = false;
            if self.at(self.i) == Some('.') {
                is_float = true;
                text.push('.');
                self.i += 1;
                if self.at(self.i).is_some_and(|c| c.is_ascii_digit()) {
                    self.digits(&mut text, 10)?;
                }
            }
            if matches!(self.at(self.i), Some('e' | 'E')) {
                let save = self.i;
                let mut exp = String::from("e");
                self.i += 1;
                if let Some(sign @ ('+' | '-')) = self.at(self.i) {
                    exp.push(sign);
                    self.i += 1;
                }
                if self.digits(&mut exp, 10)? == 0 {
                    self.i = save;
                    return err("invalid number: no digits in its exponent", save);
                }
                is_float = true;
                text.push_str(&exp);
            }
            if matches!(self.at(self.i), Some('j' | 'J')) {
                return err("complex numbers are not supported", start);
            }
            if is_float {
                Tok::Float(
                    text.parse()
                        .map_err(|_| (String::from("invalid number"), start))?,
                )
            } else {
                if text.len() > 1 && text.starts_with('0') && text.bytes().any(|b| b != b'0') {
                    return err(
                        "leading zeros in decimal integer literals are not permitted",
                        start,
                    );
                }
                Tok::Int(
                    text.parse()
                        .map_err(|_| (String::from("integer out of range"), start))?,
                )
            }
        };
        if self.at(self.i).is_some_and(is_id_continue) {
            return err("invalid number: a letter follows it", self.i);
        }
        Ok(tok)
    }

    /// A string whose opening quote is at `q`, after `prefix` (lower-case).
    fn string(&mut self, q: usize, prefix: &str) -> Step<Tok> {
        let raw = prefix.contains('r');
        let quote = self.s[q];
        let triple = self.at(q + 1) == Some(quote) && self.at(q + 2) == Some(quote);
        let start = q - prefix.chars().count();
        self.i = q + if triple { 3 } else { 1 };
        let mut out = String::new();
        loop {
            let Some(c) = self.at(self.i) else {
                let what = if triple {
                    "unterminated triple-quoted string literal"
                } else {
                    "unterminated string literal"
                };
                return err(what, start);
            };
            if c == quote
                && (!triple
                    || (self.at(self.i + 1) == Some(quote) && self.at(self.i + 2) == Some(quote)))
            {
                self.i += if triple { 3 } else { 1 };
                return Ok(Tok::Str(out));
            }
            if c == '\n' && !triple {
                return err("unterminated string literal", start);
            }
            if c != '\\' {
                out.push(c);
                self.i += 1;
                continue;
            }
            let Some(e) = self.at(self.i + 1) else {
                self.i += 1;
                continue; // reported as unterminated next round
            };
            if raw {
                out.push('\\');
                out.push(e);
                self.i += 2;
                continue;
            }
            let esc = self.i;
            self.i += 2;
            let simple = match e {
                '\n' => Some(None),
                '\\' => Some(Some('\\')),
                '\'' => Some(Some('\'')),
                '"' => Some(Some('"')),
                'a' => Some(Some('\u{7}')),
                'b' => Some(Some('\u{8}')),
                'f' => Some(Some('\u{c}')),
                'n' => Some(Some('\n')),
                'r' => Some(Some('\r')),
                't' => Some(Some('\t')),
                'v' => Some(Some('\u{b}')),
                _ => None,
            };
            if let Some(ch) = simple {
                out.extend(ch);
                continue;
            }
            let cp = match e {
                '0'..='7' => {
                    let mut v = 0;
                    let mut n = 0;
                    self.i = esc + 1;
                    while n < 3 && self.at(self.i).is_some_and(|d| d.is_digit(8)) {
                        v = v * 8 + self.s[self.i].to_digit(8).unwrap_or(0);
                        self.i += 1;
                        n += 1;
                    }
                    v
                }
                'x' | 'u' | 'U' => {
                    let n = match e {
                        'x' => 2,
                        'u' => 4,
                        _ => 8,
                    };
                    let mut v: u32 = 0;
                    for k in 0..n {
                        match self.at(self.i + k).and_then(|d| d.to_digit(16)) {
                            Some(d) => v = v.wrapping_mul(16).wrapping_add(d),
                            None => {
                                let form = ["\\xXX", "\\uXXXX", "\\UXXXXXXXX"][n / 4];
                                return err(alloc::format!("truncated {form} escape"), esc);
                            }
                        }
                    }
                    self.i += n;
                    if n == 8 && v > 0x10ffff {
                        return err("illegal Unicode character", esc);
                    }
                    v
                }
                'N' => return err("\\N{...} escapes are not supported", esc),
                _ => {
                    // An unknown escape keeps its backslash.
                    out.push('\\');
                    self.i = esc + 1;
                    continue;
                }
            };
            match char::from_u32(cp) {
                Some(ch) => out.push(ch),
                None => return err("a lone surrogate cannot be in a string", esc),
            }
        }
    }

    fn peek(&mut self) -> Step<(Tok, usize)> {
        let save = self.i;
        let t = self.token();
        self.i = save;
        t
    }

    fn expect_op(&mut self, op: char) -> Step<bool> {
        let save = self.i;
        if let (Tok::Op(c), _) = self.token()?
            && c == op
        {
            return Ok(true);
        }
        self.i = save;
        Ok(false)
    }

    fn top(&mut self) -> Step<Literal> {
        // eval() drops leading spaces and tabs.
        while matches!(self.at(self.i), Some(' ' | '\t')) {
            self.i += 1;
        }
        self.blank_lines()?;
        let value = self.expr_list(None)?;
        loop {
            match self.token()? {
                (Tok::Newline, _) => self.blank_lines()?,
                (Tok::End, _) => return Ok(value),
                (t, pos) => return err(unexpected(&t), pos),
            }
        }
    }

    /// At the start of a line outside brackets: skips blank and comment
    /// lines, as the tokenizer's indentation loop does. A line that starts
    /// indented is Python's IndentationError (`unexpected indent`), the
    /// first continuation's column deciding; a continuation at the end is
    /// its SyntaxError.
    fn blank_lines(&mut self) -> Step<()> {
        loop {
            let (mut col, mut cont_col) = (0, 0);
            loop {
                match self.at(self.i) {
                    Some(' ') => col += 1,
                    Some('\t') => col = (col / 8 + 1) * 8,
                    // A form feed sets the column back to 0.
                    Some('\u{c}') => col = 0,
                    Some('\\') => {
                        if cont_col == 0 {
                            cont_col = col;
                        }
                        if self.at(self.i + 1) != Some('\n') {
                            return err("unexpected character after line continuation", self.i);
                        }
                        if self.i + 2 == self.s.len() {
                            return err(
                                "unexpected end of input after a line continuation",
                                self.i,
                            );
                        }
                        self.i += 1;
                    }
                    _ => break,
                }
                self.i += 1;
            }
            match self.at(self.i) {
                Some('\n') => self.i += 1,
                Some('#') => {
                    while self.at(self.i).is_some_and(|c| c != '\n') {
                        self.i += 1;
                    }
                    if self.at(self.i).is_none() {
                        return Ok(());
                    }
                    self.i += 1;
                }
                _ => {
                    let col = if cont_col != 0 { cont_col } else { col };
                    return if col > 0 {
                        err("unexpected indent", self.i)
                    } else {
                        Ok(())
                    };
                }
            }
        }
    }

    /// `a`, or `a, b, ...` as a tuple, until `close` (or the end).
    fn expr_list(&mut self, close: Option<char>) -> Step<Literal> {
        let first = self.expr()?;
        let mut items = alloc::vec![first];
        let mut tuple = false;
        while self.expect_op(',')? {
            tuple = true;
            match self.peek()? {
                (Tok::Op(c), _) if Some(c) == close => break,
                (Tok::Newline | Tok::End, _) if close.is_none() => break,
                _ => items.push(self.expr()?),
            }
        }
        Ok(if tuple {
            Literal::Tuple(items)
        } else {
            items.remove(0)
        })
    }

    /// A unary expression: signs, then an atom.
    fn expr(&mut self) -> Step<Literal> {
        let mut negate = false;
        let mut signs = None;
        while let (Tok::Op(c @ ('-' | '+')), pos) = self.peek()? {
            self.token()?;
            negate ^= c == '-';
            signs.get_or_insert(pos);
        }
        let (mut atom, pos) = self.atom()?;
        // `(sys).stdout` is `sys.stdout`.
        if let Num::Other(Literal::Name(name)) = atom {
            atom = Num::Other(Literal::Name(self.dotted(name)?));
        }
        let value = match atom {
            Num::Int(m) => {
                let v = if negate { -(m as i128) } else { m as i128 };
                Literal::Int(
                    i64::try_from(v).map_err(|_| (String::from("integer out of range"), pos))?,
                )
            }
            Num::Other(Literal::Float(x)) if negate => Literal::Float(-x),
            Num::Other(Literal::Int(i)) if negate => Literal::Int(
                i.checked_neg()
                    .ok_or_else(|| (String::from("integer out of range"), pos))?,
            ),
            Num::Other(l @ (Literal::Int(_) | Literal::Float(_))) => l,
            Num::Other(l) => match signs {
                Some(at) => {
                    return err(
                        alloc::format!("a sign applies to a number, not to a {}", l.type_name()),
                        at,
                    );
                }
                None => l,
            },
        };
        // What would make it more than a literal.
        match self.peek()? {
            (Tok::Op('('), p) => err("a call is not a literal", p),
            (Tok::Op('['), p) => err("a subscript is not a literal", p),
            (Tok::Op('.'), p) => err("an attribute of a value that is not a name", p),
            (Tok::Name(n), p) if n == "if" || n == "for" || n == "async" => {
                err(alloc::format!("'{n}' is not allowed in a literal"), p)
            }
            _ => Ok(value),
        }
    }

    /// `name` and the `.part`s after it.
    fn dotted(&mut self, mut name: String) -> Step<String> {
        while self.expect_op('.')? {
            match self.token()? {
                (Tok::Name(part), _)
                    if !KEYWORDS.contains(&part.as_str())
                        && !["True", "False", "None"].contains(&part.as_str()) =>
                {
                    name.push('.');
                    name.push_str(&part);
                }
                (t, p) => return err(unexpected(&t), p),
            }
        }
        Ok(name)
    }

    fn open(&mut self, pos: usize) -> Step<()> {
        self.depth += 1;
        if self.depth > MAX_NESTING {
            return err("too many nested parentheses", pos);
        }
        Ok(())
    }

    fn atom(&mut self) -> Step<(Num, usize)> {
        let (tok, pos) = self.token()?;
        let lit = match tok {
            Tok::Int(m) => return Ok((Num::Int(m), pos)),
            Tok::Float(x) => Literal::Float(x),
            Tok::Str(mut s) => {
                while let (Tok::Str(_), _) = self.peek()? {
                    if let (Tok::Str(more), _) = self.token()? {
                        s.push_str(&more);
                    }
                }
                Literal::Str(s)
            }
            Tok::Name(n) => match n.as_str() {
                "True" => Literal::Bool(true),
                "False" => Literal::Bool(false),
                "None" => Literal::None,
                _ if KEYWORDS.contains(&n.as_str()) => {
                    return err(alloc::format!("'{n}' is not allowed in a literal"), pos);
                }
                _ => Literal::Name(self.dotted(n)?),
            },
            Tok::Op('(') => {
                // `-(9223372036854775808)`: an int alone in parentheses
                // keeps its magnitude for the sign outside.
                self.open(pos)?;
                let save = self.i;
                if let (Tok::Int(m), _) = self.token()?
                    && self.expect_op(')')?
                {
                    self.depth -= 1;
                    return Ok((Num::Int(m), pos));
                }
                self.i = save;
                let v = if self.expect_op(')')? {
                    Literal::Tuple(Vec::new())
                } else {
                    let v = self.expr_list(Some(')'))?;
                    self.close(')')?;
                    v
                };
                self.depth -= 1;
                v
            }
            Tok::Op('[') => {
                self.open(pos)?;
                let items = self.items(']')?;
                self.depth -= 1;
                Literal::List(items)
            }
            Tok::Op('{') => {
                self.open(pos)?;
                let d = self.dict(pos)?;
                self.depth -= 1;
                d
            }
            t => return err(unexpected(&t), pos),
        };
        Ok((Num::Other(lit), pos))
    }

    fn close(&mut self, c: char) -> Step<()> {
        match self.token()? {
            (Tok::Op(x), _) if x == c => Ok(()),
            (t, p) => err(unexpected(&t), p),
        }
    }

    /// A list's items up to `close`.
    fn items(&mut self, close: char) -> Step<Vec<Literal>> {
        let mut items = Vec::new();
        loop {
            if self.expect_op(close)? {
                return Ok(items);
            }
            items.push(self.expr()?);
            if !self.expect_op(',')? {
                self.close(close)?;
                return Ok(items);
            }
        }
    }

    /// A dict display after its `{` at `open`.
    fn dict(&mut self, open: usize) -> Step<Literal> {
        let mut items: Vec<(Literal, Literal)> = Vec::new();
        loop {
            if self.expect_op('}')? {
                return Ok(Literal::Dict(items));
            }
            let key_pos = self.peek()?.1;
            let key = self.expr()?;
            if !self.expect_op(':')? {
                return match self.peek()? {
                    (Tok::Op(',' | '}'), _) => err("a set is not a literal", open),
                    (t, p) => err(unexpected(&t), p),
                };
            }
            let value = self.expr()?;
            if hashable(&key).is_none() {
                return err(
                    alloc::format!("unhashable type: '{}'", first_unhashable(&key)),
                    key_pos,
                );
            }
            match items
                .iter_mut()
                .find(|(k, _)| key_eq(k, &key) == Some(true))
            {
                Some(slot) => slot.1 = value,
                None => items.push((key, value)),
            }
            if !self.expect_op(',')? {
                self.close('}')?;
                return Ok(Literal::Dict(items));
            }
        }
    }
}

/// An atom before its sign is applied.
enum Num {
    Int(u128),
    Other(Literal),
}

fn unexpected(t: &Tok) -> String {
    match t {
        Tok::End => "unexpected end of input".into(),
        Tok::Newline => "unexpected end of line".into(),
        Tok::Op(c) => alloc::format!("unexpected '{c}'"),
        Tok::Name(n) => alloc::format!("unexpected name '{n}'"),
        Tok::Int(_) | Tok::Float(_) => "unexpected number".into(),
        Tok::Str(_) => "unexpected string".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::ToString;

    /// Python's `repr(eval(input))`, made by `tests/gen_literal.py`.
    mod cases {
        include!("tests/literal_cases.rs");
    }

    #[test]
    fn agrees_with_python() {
        for &(input, want) in cases::CASES {
            match Literal::parse(input) {
                Ok(v) => assert_eq!(v.to_string(), want, "{input:?}"),
                Err(e) => panic!("{input:?}: {e}"),
            }
        }
    }

    /// Mutations of those cases: Python's repr where its AST holds only
    /// what this parser accepts, `None` (an error here) otherwise.
    #[test]
    fn mutations_agree_with_python() {
        for &(input, want) in cases::MUTATIONS {
            let got = Literal::parse(input).map(|v| v.to_string()).ok();
            assert_eq!(got.as_deref(), want, "{input:?}");
        }
    }

    #[test]
    fn names_stay_names() {
        assert_eq!(
            Literal::parse("(sys.stdout,)"),
            Ok(Literal::Tuple(alloc::vec![Literal::Name(
                "sys.stdout".into()
            )]))
        );
        assert_eq!(
            Literal::parse("logging . handlers.SysLogHandler.LOG_USER"),
            Ok(Literal::Name(
                "logging.handlers.SysLogHandler.LOG_USER".into()
            ))
        );
    }

    #[test]
    fn rejects_what_is_not_a_literal() {
        for (input, want) in [
            ("f(1)", "a call is not a literal: line 1 column 2 (char 1)"),
            (
                "(sys.stdout.write('x'),)",
                "a call is not a literal: line 1 column 18 (char 17)",
            ),
            ("1 + 2", "unexpected '+': line 1 column 3 (char 2)"),
            (
                "1 * 2",
                "an operator is not allowed in a literal: line 1 column 3 (char 2)",
            ),
            (
                "[x for x in y]",
                "'for' is not allowed in a literal: line 1 column 4 (char 3)",
            ),
            (
                "lambda: 1",
                "'lambda' is not allowed in a literal: line 1 column 1 (char 0)",
            ),
            ("{1, 2}", "a set is not a literal: line 1 column 1 (char 0)"),
            (
                "{**d}",
                "'**' is not allowed in a literal: line 1 column 2 (char 1)",
            ),
            (
                "ext://sys.stdout",
                "unexpected ':': line 1 column 4 (char 3)",
            ),
            (
                "a[0]",
                "a subscript is not a literal: line 1 column 2 (char 1)",
            ),
            (
                "'x'.upper",
                "an attribute of a value that is not a name: line 1 column 4 (char 3)",
            ),
            (
                "-'x'",
                "a sign applies to a number, not to a str: line 1 column 1 (char 0)",
            ),
            (
                "-sys.maxsize",
                "a sign applies to a number, not to a name: line 1 column 1 (char 0)",
            ),
            (
                "b'x'",
                "bytes literals are not supported: line 1 column 1 (char 0)",
            ),
            (
                "f'{x}'",
                "f-strings are not supported: line 1 column 1 (char 0)",
            ),
            (
                "1j",
                "complex numbers are not supported: line 1 column 1 (char 0)",
            ),
            (
                "'\\N{BULLET}'",
                "\\N{...} escapes are not supported: line 1 column 2 (char 1)",
            ),
            (
                "'\\ud800'",
                "a lone surrogate cannot be in a string: line 1 column 2 (char 1)",
            ),
            ("'\\x4'", "truncated \\xXX escape: line 1 column 2 (char 1)"),
            (
                "'\\u12'",
                "truncated \\uXXXX escape: line 1 column 2 (char 1)",
            ),
            (
                "'\\U00110000'",
                "illegal Unicode character: line 1 column 2 (char 1)",
            ),
            (
                "'abc",
                "unterminated string literal: line 1 column 1 (char 0)",
            ),
            (
                "'a\nb'",
                "unterminated string literal: line 1 column 1 (char 0)",
            ),
            (
                "('''a)",
                "unterminated triple-quoted string literal: line 1 column 2 (char 1)",
            ),
            (
                "r'\\'",
                "unterminated string literal: line 1 column 1 (char 0)",
            ),
            (
                "9223372036854775808",
                "integer out of range: line 1 column 1 (char 0)",
            ),
            (
                "-9223372036854775809",
                "integer out of range: line 1 column 2 (char 1)",
            ),
            (
                "0x1_0000_0000_0000_0000",
                "integer out of range: line 1 column 1 (char 0)",
            ),
            (
                "010",
                "leading zeros in decimal integer literals are not permitted: line 1 column 1 (char 0)",
            ),
            (
                "1__0",
                "invalid number: misplaced '_': line 1 column 2 (char 1)",
            ),
            (
                "1_",
                "invalid number: misplaced '_': line 1 column 2 (char 1)",
            ),
            (
                "0x",
                "invalid number: no digits after its base prefix: line 1 column 1 (char 0)",
            ),
            (
                "1e",
                "invalid number: no digits in its exponent: line 1 column 2 (char 1)",
            ),
            (
                "1abc",
                "invalid number: a letter follows it: line 1 column 2 (char 1)",
            ),
            ("", "unexpected end of input: line 1 column 1 (char 0)"),
            ("(1,", "unexpected end of input: line 1 column 4 (char 3)"),
            ("1\n2", "unexpected number: line 2 column 1 (char 2)"),
            ("1 2", "unexpected number: line 1 column 3 (char 2)"),
            (
                "{[1]: 2}",
                "unhashable type: 'list': line 1 column 2 (char 1)",
            ),
            (
                "{(1, {}): 2}",
                "unhashable type: 'dict': line 1 column 2 (char 1)",
            ),
            (
                "1;",
                "';' is not allowed in a literal: line 1 column 2 (char 1)",
            ),
            (
                "1 \\ 2",
                "unexpected character after line continuation: line 1 column 3 (char 2)",
            ),
            (
                "True.x",
                "an attribute of a value that is not a name: line 1 column 5 (char 4)",
            ),
            ("sys.", "unexpected end of input: line 1 column 5 (char 4)"),
            ("sys.if", "unexpected name 'if': line 1 column 5 (char 4)"),
            ("x.None", "unexpected name 'None': line 1 column 3 (char 2)"),
            ("1\n\t", "unexpected indent: line 2 column 2 (char 3)"),
            ("\n  1", "unexpected indent: line 2 column 3 (char 3)"),
            ("#c\n 1", "unexpected indent: line 2 column 2 (char 4)"),
            (
                "1 \\\n",
                "unexpected end of input after a line continuation: line 1 column 3 (char 2)",
            ),
            (
                "1\n \\\n",
                "unexpected end of input after a line continuation: line 2 column 2 (char 3)",
            ),
            ("1\n \\\n1", "unexpected indent: line 3 column 1 (char 5)"),
            (
                "1\n \\\n\u{c}",
                "unexpected indent: line 3 column 2 (char 6)",
            ),
        ] {
            let got = Literal::parse(input).map_err(|e| e.to_string());
            assert_eq!(got, Err(want.into()), "{input:?}");
        }
        let deep = "[".repeat(MAX_NESTING + 1);
        let e = Literal::parse(&deep).unwrap_err();
        assert_eq!(
            (e.msg.as_str(), e.pos),
            ("too many nested parentheses", MAX_NESTING)
        );
        let ok = "[".repeat(MAX_NESTING) + &"]".repeat(MAX_NESTING);
        assert!(Literal::parse(&ok).is_ok());
    }
}
