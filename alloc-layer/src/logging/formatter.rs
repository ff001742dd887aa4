//! `logging.Formatter` in its three styles, and `BufferingFormatter`.

use super::Error;
use super::record::{Arg, LogRecord};
use crate::pyfmt::{self, Object, percent};
use alloc::borrow::Cow;
use alloc::string::String;
use alloc::vec::Vec;
use strata_core::sync::Mutex;
use strata_core::time::{self, StructTime};

/// What a handler formats records with: [`Formatter`], or anything that
/// turns a record into text (Python's formatter subclasses).
pub trait Format: Send + Sync {
    /// `format(record)`, appended to `out`.
    fn format(&self, record: &mut LogRecord, out: &mut String) -> Result<(), Error>;
}

/// A format string's style: `'%'` (`%(name)s`), `'{'` (`{name}`) or `'$'`
/// (`$name`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// `'%'`: printf-style, `%(name)s`.
    Percent,
    /// `'{'`: `str.format`, `{name}`.
    Brace,
    /// `'$'`: `string.Template`, `$name` / `${name}`.
    Dollar,
}

impl Style {
    /// The style `'%'`, `'{'` or `'$'` names; CPython's `ValueError`
    /// otherwise.
    pub fn from_char(c: char) -> Result<Style, Error> {
        match c {
            '%' => Ok(Style::Percent),
            '{' => Ok(Style::Brace),
            '$' => Ok(Style::Dollar),
            _ => Err(Error::value("Style must be one of: %,{,$")),
        }
    }

    /// The style's character.
    pub fn as_char(self) -> char {
        match self {
            Style::Percent => '%',
            Style::Brace => '{',
            Style::Dollar => '$',
        }
    }

    /// A `Formatter()`'s format in this style: the message alone.
    pub fn default_format(self) -> &'static str {
        match self {
            Style::Percent => "%(message)s",
            Style::Brace => "{message}",
            Style::Dollar => "${message}",
        }
    }

    /// `basicConfig()`'s format in this style (`BASIC_FORMAT`).
    pub fn basic_format(self) -> &'static str {
        match self {
            Style::Percent => "%(levelname)s:%(name)s:%(message)s",
            Style::Brace => "{levelname}:{name}:{message}",
            Style::Dollar => "${levelname}:${name}:${message}",
        }
    }
}

/// How a formatter turns `created` into a time: `time.localtime` (the
/// default) or `time.gmtime` (`Formatter.converter = time.gmtime`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Converter {
    /// `time.localtime`.
    #[default]
    Localtime,
    /// `time.gmtime`.
    Gmtime,
}

enum Parsed {
    Percent(percent::Parsed),
    Brace(pyfmt::format::Parsed),
    Dollar,
}

/// `logging.Formatter`.
///
/// ```
/// use strata_alloc::logging::{Formatter, LogRecord, Format, Style, INFO};
/// let f = Formatter::new(Some("%(levelname)-8s|%(name)s|%(message)s"), None, Style::Percent).unwrap();
/// let mut record = LogRecord::make("app", INFO, "ready");
/// let mut out = String::new();
/// f.format(&mut record, &mut out).unwrap();
/// assert_eq!(out, "INFO    |app|ready");
/// ```
pub struct Formatter {
    fmt: String,
    datefmt: Option<String>,
    style: Style,
    parsed: Parsed,
    /// The record attributes the format names, each once.
    keys: Vec<String>,
    uses_time: bool,
    defaults: Vec<(String, Arg)>,
    converter: Converter,
    default_time_format: String,
    default_msec_format: Option<String>,
    /// The last second formatted, and its text: records of one second
    /// share their time text.
    time_cache: Mutex<(i64, String)>,
}

impl Default for Formatter {
    fn default() -> Formatter {
        Formatter::with_options(None, None, Style::Percent, true, Vec::new())
            .unwrap_or_else(|_| unreachable_default())
    }
}

/// `%(message)s` always parses; this is never reached.
fn unreachable_default() -> Formatter {
    Formatter {
        fmt: String::from("%(message)s"),
        datefmt: None,
        style: Style::Percent,
        parsed: Parsed::Percent(percent::Parsed::parse_lenient("%(message)s")),
        keys: alloc::vec![String::from("message")],
        uses_time: false,
        defaults: Vec::new(),
        converter: Converter::Localtime,
        default_time_format: String::from("%Y-%m-%d %H:%M:%S"),
        default_msec_format: Some(String::from("%s,%03d")),
        time_cache: Mutex::new((i64::MIN, String::new())),
    }
}

impl Formatter {
    /// `Formatter(fmt, datefmt, style)`, validated.
    pub fn new(fmt: Option<&str>, datefmt: Option<&str>, style: Style) -> Result<Formatter, Error> {
        Formatter::with_options(fmt, datefmt, style, true, Vec::new())
    }

    /// `Formatter(fmt, datefmt, style, validate, defaults=...)`. With
    /// `validate`, a format that does not fit its style is CPython's
    /// `ValueError` (`Invalid format '…' for '%' style`, `invalid format:
    /// no fields`…).
    pub fn with_options(
        fmt: Option<&str>,
        datefmt: Option<&str>,
        style: Style,
        validate: bool,
        defaults: Vec<(String, Arg)>,
    ) -> Result<Formatter, Error> {
        let fmt = match fmt {
            Some(f) if !f.is_empty() => String::from(f),
            _ => String::from(style.default_format()),
        };
        if validate {
            validate_format(&fmt, style)?;
        }
        let parsed = match style {
            Style::Percent => Parsed::Percent(percent::Parsed::parse_lenient(&fmt)),
            Style::Brace => Parsed::Brace(pyfmt::format::Parsed::parse_lenient(&fmt)),
            Style::Dollar => Parsed::Dollar,
        };
        let mut keys: Vec<String> = Vec::new();
        let named: Vec<&str> = match &parsed {
            Parsed::Percent(p) => p.keys().collect(),
            Parsed::Brace(p) => p.keys().collect(),
            Parsed::Dollar => pyfmt::template::identifiers(&fmt),
        };
        for key in named {
            if !keys.iter().any(|k| k == key) {
                keys.push(String::from(key));
            }
        }
        let uses_time = match style {
            Style::Percent => fmt.contains("%(asctime)"),
            Style::Brace => fmt.contains("{asctime"),
            Style::Dollar => fmt.contains("$asctime") || fmt.contains("${asctime}"),
        };
        Ok(Formatter {
            fmt,
            datefmt: datefmt.map(String::from),
            style,
            parsed,
            keys,
            uses_time,
            defaults,
            ..unreachable_default()
        })
    }

    /// `_fmt`.
    pub fn fmt(&self) -> &str {
        &self.fmt
    }

    /// `datefmt`.
    pub fn datefmt(&self) -> Option<&str> {
        self.datefmt.as_deref()
    }

    /// The style.
    pub fn style(&self) -> Style {
        self.style
    }

    /// Sets `converter` (`time.localtime` or `time.gmtime`).
    pub fn set_converter(&mut self, converter: Converter) {
        self.converter = converter;
        self.time_cache = Mutex::new((i64::MIN, String::new()));
    }

    /// Sets `default_time_format` (`%Y-%m-%d %H:%M:%S`) and
    /// `default_msec_format` (`%s,%03d`; `None` leaves the milliseconds
    /// out).
    pub fn set_default_formats(&mut self, time_format: &str, msec_format: Option<&str>) {
        self.default_time_format = String::from(time_format);
        self.default_msec_format = msec_format.map(String::from);
        self.time_cache = Mutex::new((i64::MIN, String::new()));
    }

    /// `usesTime()`.
    pub fn uses_time(&self) -> bool {
        self.uses_time
    }

    /// `formatTime(record, datefmt)`: `created` through the converter and
    /// `time.strftime` (`datefmt`, else `default_time_format` and the
    /// milliseconds as `default_msec_format` puts them).
    pub fn format_time(&self, record: &LogRecord, datefmt: Option<&str>) -> Result<String, Error> {
        let mut out = String::new();
        self.format_time_into(record, datefmt, &mut out)?;
        Ok(out)
    }

    fn format_time_into(
        &self,
        record: &LogRecord,
        datefmt: Option<&str>,
        out: &mut String,
    ) -> Result<(), Error> {
        // time.localtime(float) rounds toward minus infinity.
        let secs = libm_floor(record.created);
        let datefmt = datefmt.filter(|d| !d.is_empty());
        let own = datefmt == self.datefmt.as_deref().filter(|d| !d.is_empty());
        {
            let cache = self.time_cache.lock();
            if own && cache.0 == secs {
                out.push_str(&cache.1);
                return self.push_msecs(datefmt, record, out);
            }
        }
        let t = match self.converter {
            Converter::Localtime => time::localtime(secs),
            Converter::Gmtime => time::gmtime(secs),
        }
        .map_err(|e| Error::value(alloc::format!("{e}")))?;
        let format = datefmt.unwrap_or(&self.default_time_format);
        let text = strftime(format, &t)?;
        out.push_str(&text);
        if own {
            *self.time_cache.lock() = (secs, text);
        }
        self.push_msecs(datefmt, record, out)
    }

    fn push_msecs(
        &self,
        datefmt: Option<&str>,
        record: &LogRecord,
        out: &mut String,
    ) -> Result<(), Error> {
        if datefmt.is_some() {
            return Ok(());
        }
        // Python tests `if self.default_msec_format:`: empty is none.
        let Some(msec_format) = self.default_msec_format.as_ref().filter(|f| !f.is_empty()) else {
            return Ok(());
        };
        if msec_format == "%s,%03d" {
            // The default, without the % machinery.
            let ms = record.msecs as i64;
            if (0..1000).contains(&ms) {
                let digits = [
                    b',',
                    b'0' + (ms / 100) as u8,
                    b'0' + (ms / 10 % 10) as u8,
                    b'0' + (ms % 10) as u8,
                ];
                out.push_str(core::str::from_utf8(&digits).unwrap_or_default());
                return Ok(());
            }
        }
        let time_text = String::from(out.as_str());
        let msecs = Arg::Float(record.msecs);
        let args: [&dyn Object; 2] = [&Arg::Str(Cow::Owned(time_text)), &msecs];
        let text = percent::format_tuple(msec_format, &args)?;
        out.clear();
        out.push_str(&text);
        Ok(())
    }

    /// `formatException(exc_info)`: the error chain's text.
    pub fn format_exception(&self, exc: &super::ExcInfo) -> String {
        let text = exc.text();
        String::from(text.strip_suffix('\n').unwrap_or(text))
    }

    /// `formatStack(stack_info)`: the text as it is.
    pub fn format_stack<'a>(&self, stack_info: &'a str) -> &'a str {
        stack_info
    }

    /// `formatMessage(record)`: the format applied to the record's
    /// attributes (`message` and, when used, `asctime` made first by
    /// [`format`](Format::format)).
    pub fn format_message(
        &self,
        record: &LogRecord,
        asctime: Option<&str>,
        out: &mut String,
    ) -> Result<(), Error> {
        let fields = Fields {
            record,
            asctime,
            defaults: &self.defaults,
        };
        // The values of the format's keys, looked up once per record, on
        // the stack for formats of up to INLINE keys.
        const INLINE: usize = 12;
        let mut inline: [Option<Value<'_>>; INLINE] = Default::default();
        let mut spill: Vec<Option<Value<'_>>> = Vec::new();
        for (i, key) in self.keys.iter().enumerate() {
            let value = fields.get(key);
            match inline.get_mut(i) {
                Some(slot) => *slot = value,
                None => spill.push(value),
            }
        }
        let mut lookup = |key: &str| {
            let i = self.keys.iter().position(|k| k == key)?;
            let value = match inline.get(i) {
                Some(slot) => slot.as_ref(),
                None => spill.get(i - INLINE)?.as_ref(),
            };
            value.map(|v| v as &dyn Object)
        };
        match &self.parsed {
            Parsed::Percent(parsed) => parsed
                .apply(
                    percent::Args::Mapping {
                        whole: None,
                        lookup: &mut lookup,
                    },
                    out,
                )
                .map_err(field_not_found),
            Parsed::Brace(parsed) => parsed.apply(&[], &mut lookup, out).map_err(field_not_found),
            Parsed::Dollar => {
                let text =
                    pyfmt::template::substitute(&self.fmt, &mut lookup).map_err(field_not_found)?;
                out.push_str(&text);
                Ok(())
            }
        }
    }
}

/// `PercentStyle.format`: a missing key is `ValueError: Formatting field
/// not found in record: 'key'`.
fn field_not_found(e: pyfmt::Error) -> Error {
    if e.kind == "KeyError" {
        Error::value(alloc::format!(
            "Formatting field not found in record: {}",
            e.message
        ))
    } else {
        e.into()
    }
}

impl Format for Formatter {
    fn format(&self, record: &mut LogRecord, out: &mut String) -> Result<(), Error> {
        record.get_message()?;
        let start = out.len();
        let mut asctime = String::new();
        if self.uses_time {
            self.format_time_into(record, self.datefmt.as_deref(), &mut asctime)?;
        }
        self.format_message(record, self.uses_time.then_some(&*asctime), out)?;
        if record.exc_text.is_none()
            && let Some(exc) = &record.exc_info
        {
            record.exc_text = Some(self.format_exception(exc));
        }
        if let Some(exc_text) = record.exc_text.as_deref().filter(|t| !t.is_empty()) {
            if !out[start..].ends_with('\n') {
                out.push('\n');
            }
            out.push_str(exc_text);
        }
        if let Some(stack) = record.stack_info.as_deref().filter(|t| !t.is_empty()) {
            if !out[start..].ends_with('\n') {
                out.push('\n');
            }
            out.push_str(self.format_stack(stack));
        }
        Ok(())
    }
}

/// A record's attributes as the formatting styles look them up: the
/// record's `__dict__` with `message` and `asctime`, over the
/// formatter's `defaults`.
struct Fields<'r> {
    record: &'r LogRecord,
    asctime: Option<&'r str>,
    defaults: &'r [(String, Arg)],
}

impl<'r> Fields<'r> {
    fn get(&self, key: &str) -> Option<Value<'r>> {
        let r = self.record;
        let value = match key {
            "name" => Value::Str(&r.name),
            "message" => Value::Str(r.message()?),
            "asctime" => Value::Str(self.asctime?),
            "levelname" => Value::Str(&r.levelname),
            "levelno" => Value::Int(r.levelno.into()),
            "msg" => Value::Str(&r.msg),
            "pathname" => Value::Str(&r.pathname),
            "filename" => Value::Str(r.filename()),
            "module" => Value::Str(r.module()),
            "lineno" => Value::Int(r.lineno.into()),
            "funcName" => Value::Str(&r.func_name),
            "created" => Value::Float(r.created),
            "msecs" => Value::Float(r.msecs),
            "relativeCreated" => Value::Float(r.relative_created),
            "thread" => r.thread.map_or(Value::None, |t| Value::Int(t as i128)),
            "threadName" => r.thread_name.as_deref().map_or(Value::None, Value::Str),
            "process" => r.process.map_or(Value::None, |p| Value::Int(p.into())),
            "processName" => r.process_name.map_or(Value::None, Value::Str),
            "taskName" => r.task_name.map_or(Value::None, Value::Str),
            "exc_text" => r.exc_text.as_deref().map_or(Value::None, Value::Str),
            "stack_info" => r.stack_info.as_deref().map_or(Value::None, Value::Str),
            _ => match r.extra(key) {
                Some(arg) => Value::Arg(arg),
                None => match r.attribute(key) {
                    Some(arg) => Value::Owned(arg),
                    None => Value::Arg(
                        self.defaults
                            .iter()
                            .find(|(k, _)| k == key)
                            .map(|(_, v)| v)?,
                    ),
                },
            },
        };
        Some(value)
    }
}

/// One attribute's value, borrowed from the record where it can be.
enum Value<'r> {
    None,
    Str(&'r str),
    Int(i128),
    Float(f64),
    Arg(&'r Arg),
    Owned(Arg),
}

impl Object for Value<'_> {
    fn write_str(&self, out: &mut String) {
        match self {
            Value::None => out.push_str("None"),
            Value::Str(s) => out.push_str(s),
            Value::Int(n) => Arg::Int(*n).write_str(out),
            Value::Float(x) => pyfmt::float::float_repr(*x, out),
            Value::Arg(a) => a.write_str(out),
            Value::Owned(a) => a.write_str(out),
        }
    }
    fn write_repr(&self, out: &mut String) {
        match self {
            Value::Str(s) => pyfmt::text::repr_str(s, out),
            Value::Arg(a) => a.write_repr(out),
            Value::Owned(a) => a.write_repr(out),
            other => other.write_str(out),
        }
    }
    fn int(&self) -> Option<i128> {
        match self {
            Value::Int(n) => Some(*n),
            Value::Arg(a) => Object::int(*a),
            Value::Owned(a) => Object::int(a),
            _ => None,
        }
    }
    fn float(&self) -> Option<f64> {
        match self {
            Value::Int(n) => Some(*n as f64),
            Value::Float(x) => Some(*x),
            Value::Arg(a) => Object::float(*a),
            Value::Owned(a) => Object::float(a),
            _ => None,
        }
    }
    fn is_float(&self) -> bool {
        match self {
            Value::Float(_) => true,
            Value::Arg(a) => a.is_float(),
            Value::Owned(a) => a.is_float(),
            _ => false,
        }
    }
    fn is_str(&self) -> bool {
        match self {
            Value::Str(_) => true,
            Value::Arg(a) => a.is_str(),
            Value::Owned(a) => a.is_str(),
            _ => false,
        }
    }
    fn type_name(&self) -> &str {
        match self {
            Value::None => "NoneType",
            Value::Str(_) => "str",
            Value::Int(_) => "int",
            Value::Float(_) => "float",
            Value::Arg(a) => a.type_name(),
            Value::Owned(a) => a.type_name(),
        }
    }
}

fn libm_floor(x: f64) -> i64 {
    let t = x as i64;
    if (t as f64) > x { t - 1 } else { t }
}

/// `time.strftime(format, t)` into a String, growing the buffer as
/// CPython does for long results.
fn strftime(format: &str, t: &StructTime) -> Result<String, Error> {
    let mut size = 256;
    loop {
        let mut buf = alloc::vec![0u8; size];
        match time::strftime(format, t, &mut buf) {
            Ok(text) => return Ok(String::from(text)),
            Err(time::Error::BufferTooSmall) if size < (1 << 20) => size *= 4,
            Err(e) => return Err(Error::value(alloc::format!("{e}"))),
        }
    }
}

/// Checks `fmt` against its style as `Formatter(validate=True)` does.
fn validate_format(fmt: &str, style: Style) -> Result<(), Error> {
    match style {
        Style::Percent => {
            if percent_field_present(fmt) {
                Ok(())
            } else {
                Err(Error::value(alloc::format!(
                    "Invalid format '{fmt}' for '%' style"
                )))
            }
        }
        Style::Brace => validate_brace(fmt)
            .map_err(|message| Error::value(alloc::format!("invalid format: {message}"))),
        Style::Dollar => {
            let mut fields = false;
            let b = fmt.as_bytes();
            let mut i = 0;
            while let Some(at) = fmt[i..].find('$').map(|p| p + i) {
                let rest = &fmt[at + 1..];
                if rest.starts_with('$') {
                    i = at + 2;
                    continue;
                }
                let ident_len = |s: &str| {
                    let s = s.as_bytes();
                    if s.first()
                        .is_some_and(|c| c.is_ascii_alphabetic() || *c == b'_')
                    {
                        s.iter()
                            .take_while(|c| c.is_ascii_alphanumeric() || **c == b'_')
                            .count()
                    } else {
                        0
                    }
                };
                let n = ident_len(rest);
                if n > 0 {
                    fields = true;
                    i = at + 1 + n;
                    continue;
                }
                if let Some(inner) = rest.strip_prefix('{') {
                    let n = ident_len(inner);
                    if n > 0 && inner.as_bytes().get(n) == Some(&b'}') {
                        fields = true;
                        i = at + 3 + n;
                        continue;
                    }
                }
                let _ = b;
                return Err(Error::value("invalid format: bare '$' not allowed"));
            }
            if fields {
                Ok(())
            } else {
                Err(Error::value("invalid format: no fields"))
            }
        }
    }
}

/// `StrFormatStyle.validate` without its `invalid format: ` prefix.
fn validate_brace(fmt: &str) -> Result<(), String> {
    let mut fields = 0;
    for field in pyfmt::format::formatter_parser(fmt).map_err(|e| e.message)? {
        if !field.name.is_empty() {
            if !is_field_spec(field.name) {
                return Err(alloc::format!(
                    "invalid field name/expression: {}",
                    repr(field.name)
                ));
            }
            fields += 1;
        }
        if let Some(c) = field.conversion
            && !"rsa".contains(c)
        {
            return Err(alloc::format!(
                "invalid conversion: {}",
                repr(c.encode_utf8(&mut [0; 4]))
            ));
        }
        if !field.spec.is_empty() && !is_fmt_spec(field.spec) {
            return Err(alloc::format!("bad specifier: {}", repr(field.spec)));
        }
    }
    if fields == 0 {
        return Err(String::from("no fields"));
    }
    Ok(())
}

fn repr(s: &str) -> String {
    let mut out = String::new();
    pyfmt::text::repr_str(s, &mut out);
    out
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// CPython's `^(\d+|\w+)(\.\w+|\[[^]]+\])*$`.
fn is_field_spec(name: &str) -> bool {
    let word_len = |s: &str| s.find(|c: char| !is_word(c)).unwrap_or(s.len());
    let n = word_len(name);
    if n == 0 {
        return false;
    }
    let mut rest = &name[n..];
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('.') {
            let n = word_len(after);
            if n == 0 {
                return false;
            }
            rest = &after[n..];
        } else if let Some(after) = rest.strip_prefix('[') {
            match after.find(']') {
                Some(n) if n > 0 => rest = &after[n + 1..],
                _ => return false,
            }
        } else {
            return false;
        }
    }
    true
}

/// CPython's `^(.?[<>=^])?[+ -]?#?0?(\d+|{\w+})?[,_]?(\.(\d+|{\w+}))?[bcdefgnosx%]?$`
/// (ignoring case).
fn is_fmt_spec(spec: &str) -> bool {
    let is_align = |c: Option<char>| matches!(c, Some('<' | '>' | '=' | '^'));
    let mut chars = spec.chars();
    let (first, second) = (chars.next(), chars.next());
    let mut starts = alloc::vec::Vec::new();
    if is_align(second) {
        starts.push(first.map_or(0, char::len_utf8) + 1);
    }
    if is_align(first) {
        starts.push(1);
    }
    starts.push(0);
    starts.into_iter().any(|at| spec_tail_matches(&spec[at..]))
}

fn spec_tail_matches(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    let take = |i: &mut usize, set: &[u8]| {
        if b.get(*i).is_some_and(|c| set.contains(c)) {
            *i += 1;
        }
    };
    // (\d+|{\w+}): digits, or a braced word.
    let number = |i: &mut usize| {
        if b.get(*i) == Some(&b'{') {
            let inner = &s[*i + 1..];
            let n = inner.find(|c: char| !is_word(c)).unwrap_or(inner.len());
            if n > 0 && inner.as_bytes().get(n) == Some(&b'}') {
                *i += n + 2;
                return true;
            }
            return false;
        }
        let start = *i;
        while b.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        *i > start
    };
    take(&mut i, b"+ -");
    take(&mut i, b"#");
    take(&mut i, b"0");
    number(&mut i);
    take(&mut i, b",_");
    if b.get(i) == Some(&b'.') {
        let mut j = i + 1;
        if number(&mut j) {
            i = j;
        }
    }
    if b.get(i)
        .is_some_and(|c| b"bcdefgnosx%".contains(&c.to_ascii_lowercase()))
    {
        i += 1;
    }
    i == b.len()
}

/// Whether `fmt` has a match of CPython's
/// `%\(\w+\)[#0+ -]*(\*|\d+)?(\.(\*|\d+))?[diouxefgcrsa%]` (ignoring case).
fn percent_field_present(fmt: &str) -> bool {
    let mut from = 0;
    while let Some(at) = fmt[from..].find("%(").map(|p| p + from) {
        from = at + 1;
        let rest = &fmt[at + 2..];
        let name_len: usize = rest
            .char_indices()
            .take_while(|(_, c)| c.is_alphanumeric() || *c == '_')
            .map(|(_, c)| c.len_utf8())
            .sum();
        if name_len == 0 || !rest[name_len..].starts_with(')') {
            continue;
        }
        let b = &rest.as_bytes()[name_len + 1..];
        let mut i = 0;
        while b.get(i).is_some_and(|c| b"#0+ -".contains(c)) {
            i += 1;
        }
        let digits_or_star = |i: &mut usize| {
            if b.get(*i) == Some(&b'*') {
                *i += 1;
            } else {
                while b.get(*i).is_some_and(u8::is_ascii_digit) {
                    *i += 1;
                }
            }
        };
        digits_or_star(&mut i);
        if b.get(i) == Some(&b'.') {
            let before = i;
            i += 1;
            let at_digits = i;
            digits_or_star(&mut i);
            if i == at_digits {
                // `(\.(\*|\d+))?` did not match: back off the dot.
                i = before;
            }
        }
        if b.get(i)
            .is_some_and(|c| b"diouxefgcrsa%".contains(&c.to_ascii_lowercase()))
        {
            return true;
        }
    }
    false
}

/// `logging.BufferingFormatter(linefmt)`: formats a batch of records,
/// each with `linefmt`, between a header and a footer (empty unless
/// given).
pub struct BufferingFormatter {
    linefmt: Option<alloc::sync::Arc<dyn Format>>,
    header: String,
    footer: String,
}

impl BufferingFormatter {
    /// `BufferingFormatter(linefmt)`; `None` formats lines as
    /// `%(message)s`.
    pub fn new(linefmt: Option<alloc::sync::Arc<dyn Format>>) -> BufferingFormatter {
        BufferingFormatter {
            linefmt,
            header: String::new(),
            footer: String::new(),
        }
    }

    /// Sets what `formatHeader` and `formatFooter` return.
    pub fn with_header_footer(mut self, header: &str, footer: &str) -> BufferingFormatter {
        self.header = String::from(header);
        self.footer = String::from(footer);
        self
    }

    /// `format(records)`: nothing for no records, else header, each
    /// record, footer.
    pub fn format(&self, records: &mut [LogRecord]) -> Result<String, Error> {
        let mut out = String::new();
        if records.is_empty() {
            return Ok(out);
        }
        out.push_str(&self.header);
        let default = Formatter::default();
        for record in records {
            match &self.linefmt {
                Some(f) => f.format(record, &mut out)?,
                None => default.format(record, &mut out)?,
            }
        }
        out.push_str(&self.footer);
        Ok(out)
    }
}
