//! `configparser.ConfigParser()` with the defaults `logging.config.fileConfig`
//! uses: CPython 3.11's `RawConfigParser._read` and `BasicInterpolation`
//! step by step, with Python's exception messages (`str(exc)`).
//!
//! The defaults: `=` and `:` delimiters; `#` and `;` comment whole lines
//! only (no inline comments); an empty line inside a value stays in it
//! (`empty_lines_in_values`); a line indented deeper than its option
//! continues its value; option names are lower-cased (`optionxform`),
//! section names are not; `[DEFAULT]`'s options show through every
//! section; a section or option given twice in one read is an error
//! (`strict`); no valueless options; `%(name)s` and `%%` interpolated on
//! [`ConfigParser::get`] unless `raw`.
//!
//! Differs from Python: `str.lower` is Rust's `to_lowercase` (the same
//! mappings, final sigma included, from the Unicode version Rust has);
//! after an error the parser keeps what it read so far, values joined.

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

/// How deep `%(name)s` references may nest (`MAX_INTERPOLATION_DEPTH`).
const MAX_INTERPOLATION_DEPTH: usize = 10;

/// How many `%(name)s` references one read may resolve: Python's
/// substitution takes time exponential in the nesting (a value naming
/// another twice, ten levels deep), so a small file could take hours.
const MAX_INTERPOLATION_STEPS: usize = 100_000;

/// The bytes TextIOWrapper decodes at a time (`_CHUNK_SIZE`), which
/// decides what a decoding error reports.
const CHUNK: usize = 8192;

/// The section whose options every section sees (`default_section`).
const DEFAULT: &str = "DEFAULT";

/// `str(s)` written as Python's `repr(s)`.
struct Repr<'a>(&'a str);

impl fmt::Display for Repr<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        strata_core::__private::write_repr(f, self.0.chars().map(u32::from))
    }
}

/// Python's `str.isspace()`: Unicode White_Space plus the four
/// information separators U+001C..U+001F.
fn is_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

fn strip(s: &str) -> &str {
    s.trim_matches(is_space)
}

/// Python's `UnicodeDecodeError` from the `utf-8` codec, as reading a
/// file that is not UTF-8 raises it (positions relative to the chunk
/// being decoded, as CPython's text layer reports them).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecodeError {
    /// The first byte that could not be decoded.
    pub byte: u8,
    /// `start`: its position in the chunk.
    pub start: usize,
    /// `end`: one past the bad sequence.
    pub end: usize,
    /// `reason`: `invalid start byte`, `invalid continuation byte` or
    /// `unexpected end of data`.
    pub reason: &'static str,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.end - self.start == 1 {
            write!(
                f,
                "'utf-8' codec can't decode byte {:#04x} in position {}: {}",
                self.byte, self.start, self.reason
            )
        } else {
            write!(
                f,
                "'utf-8' codec can't decode bytes in position {}-{}: {}",
                self.start,
                self.end - 1,
                self.reason
            )
        }
    }
}

/// The first decoding error and where the text decoded before it ends:
/// CPython decodes 8 KiB chunks with an incremental decoder that holds
/// back an incomplete sequence at a chunk's end (and a `\xed` followed by
/// `\xa0..\xbf`, a surrogate's start), so positions count from the start
/// of the held-back bytes.
fn chunked_error(bytes: &[u8]) -> Option<(usize, DecodeError)> {
    let mut pending_start = 0;
    let mut at = 0;
    loop {
        let read_end = (at + CHUNK).min(bytes.len());
        let last = read_end == at;
        let input = &bytes[pending_start..read_end];
        if let Err(e) = core::str::from_utf8(input) {
            let bad = e.valid_up_to();
            let b = input[bad];
            let error = |start, end, reason| {
                Some((
                    pending_start,
                    DecodeError {
                        byte: b,
                        start,
                        end,
                        reason,
                    },
                ))
            };
            match e.error_len() {
                None if !last => pending_start += bad,
                None => return error(bad, input.len(), "unexpected end of data"),
                Some(_)
                    if !last
                        && b == 0xed
                        && input.len() - bad == 2
                        && (0xa0..=0xbf).contains(&input[bad + 1]) =>
                {
                    pending_start += bad;
                }
                Some(len) => {
                    let reason = if len == 1 && !(0xc2..=0xf4).contains(&b) {
                        "invalid start byte"
                    } else {
                        "invalid continuation byte"
                    };
                    return error(bad, bad + len, reason);
                }
            }
        } else {
            pending_start = read_end;
        }
        if last {
            return None;
        }
        at = read_end;
    }
}

/// A `configparser` exception, its `str()` Python's text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IniError {
    /// `UnicodeDecodeError`: the file is not UTF-8.
    Decode(DecodeError),
    /// `MissingSectionHeaderError`: an option before any `[section]`.
    MissingSectionHeader {
        /// The source's name (`fpname`).
        source: String,
        /// The line's number, from 1.
        lineno: usize,
        /// The line, with its newline.
        line: String,
    },
    /// `ParsingError`: lines that are neither a section, an option, a
    /// comment nor a continuation (reported after the whole source).
    Parsing {
        /// The source's name.
        source: String,
        /// Each bad line's number and text (with its newline).
        errors: Vec<(usize, String)>,
    },
    /// `DuplicateSectionError`: a section given twice in one source.
    DuplicateSection {
        /// The section.
        section: String,
        /// The source's name.
        source: String,
        /// The second header's line.
        lineno: usize,
    },
    /// `DuplicateOptionError`: an option given twice in one section of
    /// one source.
    DuplicateOption {
        /// The section.
        section: String,
        /// The option (lower-cased).
        option: String,
        /// The source's name (`<dict>` for [`ConfigParser::with_defaults`]).
        source: String,
        /// The second option's line (none in a dict).
        lineno: Option<usize>,
    },
    /// `NoSectionError`.
    NoSection {
        /// The section asked for.
        section: String,
    },
    /// `NoOptionError`.
    NoOption {
        /// The option asked for (lower-cased).
        option: String,
        /// Its section.
        section: String,
    },
    /// `InterpolationMissingOptionError`: `%(name)s` names no option.
    InterpolationMissingOption {
        /// The option being read.
        option: String,
        /// Its section.
        section: String,
        /// Its raw value.
        rawval: String,
        /// The name that is missing (lower-cased).
        reference: String,
    },
    /// `InterpolationSyntaxError`: a `%` not followed by `%` or `(`, or a
    /// bad `%(...)s`.
    InterpolationSyntax {
        /// The option being read.
        option: String,
        /// Its section.
        section: String,
        /// Python's message.
        msg: String,
    },
    /// Not Python's: more than 100,000 references resolved for one value
    /// (Python would go on, for as long as it takes).
    InterpolationTooLong {
        /// The option being read.
        option: String,
        /// Its section.
        section: String,
        /// Its raw value.
        rawval: String,
    },
    /// `InterpolationDepthError`: references nested more than 10 deep.
    InterpolationDepth {
        /// The option being read.
        option: String,
        /// Its section.
        section: String,
        /// Its raw value.
        rawval: String,
    },
}

impl IniError {
    /// The Python exception's class name.
    pub fn python_name(&self) -> &'static str {
        match self {
            IniError::Decode(_) => "UnicodeDecodeError",
            IniError::MissingSectionHeader { .. } => "MissingSectionHeaderError",
            IniError::Parsing { .. } => "ParsingError",
            IniError::DuplicateSection { .. } => "DuplicateSectionError",
            IniError::DuplicateOption { .. } => "DuplicateOptionError",
            IniError::NoSection { .. } => "NoSectionError",
            IniError::NoOption { .. } => "NoOptionError",
            IniError::InterpolationMissingOption { .. } => "InterpolationMissingOptionError",
            IniError::InterpolationSyntax { .. } => "InterpolationSyntaxError",
            IniError::InterpolationDepth { .. } => "InterpolationDepthError",
            IniError::InterpolationTooLong { .. } => "InterpolationError",
        }
    }
}

/// `str(exc)`.
impl fmt::Display for IniError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IniError::Decode(e) => e.fmt(f),
            IniError::MissingSectionHeader {
                source,
                lineno,
                line,
            } => write!(
                f,
                "File contains no section headers.\nfile: {}, line: {lineno}\n{}",
                Repr(source),
                Repr(line)
            ),
            IniError::Parsing { source, errors } => {
                write!(f, "Source contains parsing errors: {}", Repr(source))?;
                for (lineno, line) in errors {
                    write!(f, "\n\t[line {lineno:2}]: {}", Repr(line))?;
                }
                Ok(())
            }
            IniError::DuplicateSection {
                section,
                source,
                lineno,
            } => write!(
                f,
                "While reading from {} [line {lineno:2}]: section {} already exists",
                Repr(source),
                Repr(section)
            ),
            IniError::DuplicateOption {
                section,
                option,
                source,
                lineno,
            } => {
                write!(f, "While reading from {}", Repr(source))?;
                if let Some(lineno) = lineno {
                    write!(f, " [line {lineno:2}]")?;
                }
                write!(
                    f,
                    ": option {} in section {} already exists",
                    Repr(option),
                    Repr(section)
                )
            }
            IniError::NoSection { section } => write!(f, "No section: {}", Repr(section)),
            IniError::NoOption { option, section } => write!(
                f,
                "No option {} in section: {}",
                Repr(option),
                Repr(section)
            ),
            IniError::InterpolationMissingOption {
                option,
                section,
                rawval,
                reference,
            } => write!(
                f,
                "Bad value substitution: option {} in section {} contains an interpolation \
                 key {} which is not a valid option name. Raw value: {}",
                Repr(option),
                Repr(section),
                Repr(reference),
                Repr(rawval)
            ),
            IniError::InterpolationSyntax { msg, .. } => f.write_str(msg),
            IniError::InterpolationTooLong {
                option,
                section,
                rawval,
            } => write!(
                f,
                "Value substitution takes more than {MAX_INTERPOLATION_STEPS} steps: option {} \
                 in section {}. Raw value: {}",
                Repr(option),
                Repr(section),
                Repr(rawval)
            ),
            IniError::InterpolationDepth {
                option,
                section,
                rawval,
            } => write!(
                f,
                "Recursion limit exceeded in value substitution: option {} in section {} \
                 contains an interpolation key which cannot be substituted in {} steps. \
                 Raw value: {}",
                Repr(option),
                Repr(section),
                MAX_INTERPOLATION_DEPTH,
                Repr(rawval)
            ),
        }
    }
}

impl core::error::Error for IniError {}

type Options = Vec<(String, String)>;

/// Python's `configparser.ConfigParser()`: sections of options read from
/// INI text, each a string.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ConfigParser {
    defaults: Options,
    sections: Vec<(String, Options)>,
}

/// Where the lines being read go: `[DEFAULT]` or a section's index.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Target {
    Default,
    Section(usize),
}

/// One read's state (`_read`'s locals).
struct Reader<'a> {
    source: &'a str,
    cursect: Option<Target>,
    sectname: String,
    optname: Option<String>,
    indent_level: usize,
    added_sections: Vec<String>,
    added_options: Vec<(String, String)>,
    /// The values being read, as lists of lines (`cursect[optname]`).
    lists: Vec<(Target, String, Vec<String>)>,
    errors: Vec<(usize, String)>,
}

fn set(options: &mut Options, name: &str, value: String) {
    match options.iter_mut().find(|(k, _)| k == name) {
        Some(slot) => slot.1 = value,
        None => options.push((name.into(), value)),
    }
}

fn lookup<'a>(options: &'a Options, name: &str) -> Option<&'a str> {
    options
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

impl ConfigParser {
    /// `configparser.ConfigParser()`: empty.
    pub fn new() -> Self {
        ConfigParser::default()
    }

    /// `configparser.ConfigParser(defaults)`, as `fileConfig(fname,
    /// defaults)` makes it: the `[DEFAULT]` options given, names
    /// lower-cased, values taken raw (not checked for `%` syntax). Two
    /// names that lower-case alike are Python's `DuplicateOptionError`
    /// from `'<dict>'`.
    pub fn with_defaults<'a>(
        defaults: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Self, IniError> {
        let mut cp = ConfigParser::new();
        for (name, value) in defaults {
            let name = name.to_lowercase();
            if lookup(&cp.defaults, &name).is_some() {
                return Err(IniError::DuplicateOption {
                    section: DEFAULT.into(),
                    option: name,
                    source: "<dict>".into(),
                    lineno: None,
                });
            }
            cp.defaults.push((name, value.into()));
        }
        Ok(cp)
    }

    /// `parser.read(filename)` of a file that held `bytes`: decoded as
    /// UTF-8 (a bad byte is Python's `UnicodeDecodeError`, raised once
    /// the lines before its 8 KiB chunk are read) with universal
    /// newlines (`\r\n`, `\r` and `\n` each end a line). `source` is the
    /// name messages give (`fpname`, the file name).
    pub fn read_file(&mut self, bytes: &[u8], source: &str) -> Result<(), IniError> {
        let (text, decode_error) = match chunked_error(bytes) {
            None => (core::str::from_utf8(bytes).unwrap_or(""), None),
            Some((good, e)) => (core::str::from_utf8(&bytes[..good]).unwrap_or(""), Some(e)),
        };
        let mut lines = Vec::new();
        let mut rest = text;
        while !rest.is_empty() {
            let Some(end) = rest.find(['\r', '\n']) else {
                if decode_error.is_none() {
                    lines.push(String::from(rest));
                }
                break;
            };
            let mut next = end + 1;
            if rest.as_bytes()[end] == b'\r' {
                if rest.as_bytes().get(next) == Some(&b'\n') {
                    next += 1;
                } else if next == rest.len() && decode_error.is_some() {
                    // A `\r` at the end waits to see if `\n` follows.
                    break;
                }
            }
            let mut line = String::from(&rest[..end]);
            line.push('\n');
            lines.push(line);
            rest = &rest[next..];
        }
        match decode_error {
            None => self.read_lines(lines.iter().map(String::as_str), source),
            Some(e) => {
                let mut reader = self.reader(source);
                for (n, line) in lines.iter().enumerate() {
                    reader.line(self, n + 1, line)?;
                }
                reader.finish(self);
                Err(IniError::Decode(e))
            }
        }
    }

    /// `parser.read_string(text, source)`: lines end at `\n` only, as
    /// `io.StringIO` splits them. Python's default `source` is
    /// `"<string>"`.
    pub fn read_string(&mut self, text: &str, source: &str) -> Result<(), IniError> {
        self.read_lines(text.split_inclusive('\n'), source)
    }

    fn reader<'a>(&self, source: &'a str) -> Reader<'a> {
        Reader {
            source,
            cursect: None,
            sectname: String::new(),
            optname: None,
            indent_level: 0,
            added_sections: Vec::new(),
            added_options: Vec::new(),
            lists: Vec::new(),
            errors: Vec::new(),
        }
    }

    fn read_lines<'l>(
        &mut self,
        lines: impl Iterator<Item = &'l str>,
        source: &str,
    ) -> Result<(), IniError> {
        let mut reader = self.reader(source);
        for (n, line) in lines.enumerate() {
            if let Err(e) = reader.line(self, n + 1, line) {
                reader.finish(self);
                return Err(e);
            }
        }
        let errors = reader.finish(self);
        if errors.is_empty() {
            Ok(())
        } else {
            Err(IniError::Parsing {
                source: source.into(),
                errors,
            })
        }
    }

    fn options_mut(&mut self, target: Target) -> &mut Options {
        match target {
            Target::Default => &mut self.defaults,
            Target::Section(i) => &mut self.sections[i].1,
        }
    }

    fn section(&self, name: &str) -> Option<&Options> {
        self.sections
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, o)| o)
    }

    /// `parser.sections()`: the section names in the order read, without
    /// `DEFAULT`.
    pub fn sections(&self) -> impl Iterator<Item = &str> {
        self.sections.iter().map(|(k, _)| k.as_str())
    }

    /// `parser.defaults()`: the `[DEFAULT]` options and their raw values.
    pub fn defaults(&self) -> impl Iterator<Item = (&str, &str)> {
        self.defaults.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }

    /// `parser.has_section(section)` (false for `DEFAULT`).
    pub fn has_section(&self, section: &str) -> bool {
        self.section(section).is_some()
    }

    /// `parser.has_option(section, option)`: in the section or in
    /// `[DEFAULT]` (an empty section name or `DEFAULT` asks `[DEFAULT]`
    /// alone).
    pub fn has_option(&self, section: &str, option: &str) -> bool {
        let option = option.to_lowercase();
        let in_defaults = lookup(&self.defaults, &option).is_some();
        if section.is_empty() || section == DEFAULT {
            return in_defaults;
        }
        match self.section(section) {
            Some(opts) => lookup(opts, &option).is_some() || in_defaults,
            None => false,
        }
    }

    /// `parser.options(section)`: the section's options then those of
    /// `[DEFAULT]` it does not have. `NoSectionError` for a missing
    /// section and for `DEFAULT`.
    pub fn options(&self, section: &str) -> Result<Vec<&str>, IniError> {
        let opts = self.section(section).ok_or_else(|| IniError::NoSection {
            section: section.into(),
        })?;
        let mut names: Vec<&str> = opts.iter().map(|(k, _)| k.as_str()).collect();
        for (k, _) in &self.defaults {
            if !names.contains(&k.as_str()) {
                names.push(k);
            }
        }
        Ok(names)
    }

    /// The raw value through `_unify_values`: the section, then
    /// `[DEFAULT]`; `None` when the section exists but the option not.
    fn raw(&self, section: &str, option: &str) -> Result<Option<&str>, IniError> {
        let opts = match self.section(section) {
            Some(opts) => Some(opts),
            None if section == DEFAULT => None,
            None => {
                return Err(IniError::NoSection {
                    section: section.into(),
                });
            }
        };
        Ok(opts
            .and_then(|o| lookup(o, option))
            .or_else(|| lookup(&self.defaults, option)))
    }

    /// `parser.get(section, option, raw=raw)`: the value of `option`
    /// (lower-cased) in `section` or `[DEFAULT]`, with `%(name)s` and
    /// `%%` replaced unless `raw`. `NoSectionError`, `NoOptionError` or
    /// an interpolation error otherwise.
    pub fn get(&self, section: &str, option: &str, raw: bool) -> Result<String, IniError> {
        self.lookup_value(section, option, raw)?
            .ok_or_else(|| IniError::NoOption {
                option: option.to_lowercase(),
                section: section.into(),
            })
    }

    /// `parser.get(section, option, raw=raw, fallback=None)`: `None` where
    /// the section or the option is missing; interpolation errors stay
    /// errors.
    pub fn get_opt(
        &self,
        section: &str,
        option: &str,
        raw: bool,
    ) -> Result<Option<String>, IniError> {
        match self.lookup_value(section, option, raw) {
            Err(IniError::NoSection { .. }) => Ok(None),
            other => other,
        }
    }

    fn lookup_value(
        &self,
        section: &str,
        option: &str,
        raw: bool,
    ) -> Result<Option<String>, IniError> {
        let option = option.to_lowercase();
        let Some(value) = self.raw(section, &option)? else {
            return Ok(None);
        };
        if raw {
            return Ok(Some(value.into()));
        }
        let mut out = String::new();
        let mut interpolation = Interpolation {
            cp: self,
            section,
            option: &option,
            rawval: value,
            steps: 0,
        };
        interpolation.some(value, &mut out, 1)?;
        Ok(Some(out))
    }
}

/// One `get`'s substitution: the option, its section and raw value, and
/// the references resolved so far.
struct Interpolation<'a> {
    cp: &'a ConfigParser,
    section: &'a str,
    option: &'a str,
    rawval: &'a str,
    steps: usize,
}

impl<'a> Interpolation<'a> {
    /// `BasicInterpolation._interpolate_some`.
    fn some(&mut self, mut rest: &'a str, out: &mut String, depth: usize) -> Result<(), IniError> {
        let (section, option, rawval) = (self.section, self.option, self.rawval);
        if depth > MAX_INTERPOLATION_DEPTH {
            return Err(IniError::InterpolationDepth {
                option: option.into(),
                section: section.into(),
                rawval: rawval.into(),
            });
        }
        let syntax = |msg: String| IniError::InterpolationSyntax {
            option: option.into(),
            section: section.into(),
            msg,
        };
        while !rest.is_empty() {
            let Some(p) = rest.find('%') else {
                out.push_str(rest);
                return Ok(());
            };
            out.push_str(&rest[..p]);
            rest = &rest[p..];
            match rest[1..].chars().next() {
                Some('%') => {
                    out.push('%');
                    rest = &rest[2..];
                }
                Some('(') => {
                    // `%\(([^)]+)\)s`
                    let name_end = rest[2..].find(')').map(|i| i + 2);
                    let Some(close) = name_end.filter(|&c| c > 2 && rest[c + 1..].starts_with('s'))
                    else {
                        return Err(syntax(alloc::format!(
                            "bad interpolation variable reference {}",
                            Repr(rest)
                        )));
                    };
                    self.steps += 1;
                    if self.steps > MAX_INTERPOLATION_STEPS {
                        return Err(IniError::InterpolationTooLong {
                            option: option.into(),
                            section: section.into(),
                            rawval: rawval.into(),
                        });
                    }
                    let var = rest[2..close].to_lowercase();
                    rest = &rest[close + 2..];
                    let v = self.cp.raw(section, &var).ok().flatten().ok_or_else(|| {
                        IniError::InterpolationMissingOption {
                            option: option.into(),
                            section: section.into(),
                            rawval: rawval.into(),
                            reference: var.clone(),
                        }
                    })?;
                    if v.contains('%') {
                        self.some(v, out, depth + 1)?;
                    } else {
                        out.push_str(v);
                    }
                }
                _ => {
                    return Err(syntax(alloc::format!(
                        "'%' must be followed by '%' or '(', found: {}",
                        Repr(rest)
                    )));
                }
            }
        }
        Ok(())
    }
}

impl Reader<'_> {
    /// One line of `_read`'s loop (`line` with its newline, if any).
    fn line(&mut self, cp: &mut ConfigParser, lineno: usize, line: &str) -> Result<(), IniError> {
        let stripped = strip(line);
        let comment = stripped.starts_with('#') || stripped.starts_with(';');
        let value = if comment { "" } else { stripped };
        if value.is_empty() {
            if let Some(list) = self.current_list().filter(|_| !comment) {
                list.push(String::new());
            }
            return Ok(());
        }
        let cur_indent = line.chars().take_while(|&c| is_space(c)).count();
        if cur_indent > self.indent_level
            && let Some(list) = self.current_list()
        {
            list.push(value.into());
            return Ok(());
        }
        self.indent_level = cur_indent;
        if let Some(header) = section_header(value) {
            self.sectname = header.into();
            if let Some(i) = cp.sections.iter().position(|(k, _)| k == header) {
                if self.added_sections.iter().any(|s| s == header) {
                    return Err(IniError::DuplicateSection {
                        section: header.into(),
                        source: self.source.into(),
                        lineno,
                    });
                }
                self.cursect = Some(Target::Section(i));
                self.added_sections.push(header.into());
            } else if header == DEFAULT {
                self.cursect = Some(Target::Default);
            } else {
                cp.sections.push((header.into(), Vec::new()));
                self.cursect = Some(Target::Section(cp.sections.len() - 1));
                self.added_sections.push(header.into());
            }
            self.optname = None;
            return Ok(());
        }
        let Some(target) = self.cursect else {
            return Err(IniError::MissingSectionHeader {
                source: self.source.into(),
                lineno,
                line: line.into(),
            });
        };
        let Some(d) = value.find(['=', ':']) else {
            self.errors.push((lineno, line.into()));
            return Ok(());
        };
        let name = value[..d].trim_end_matches(is_space);
        if name.is_empty() {
            self.errors.push((lineno, line.into()));
        }
        let name = name.to_lowercase();
        let key = (self.sectname.clone(), name.clone());
        if self.added_options.contains(&key) {
            return Err(IniError::DuplicateOption {
                section: key.0,
                option: key.1,
                source: self.source.into(),
                lineno: Some(lineno),
            });
        }
        self.added_options.push(key);
        let optval = strip(&value[d + 1..]);
        set(cp.options_mut(target), &name, String::new());
        match self
            .lists
            .iter_mut()
            .find(|(t, n, _)| *t == target && *n == name)
        {
            Some(slot) => slot.2 = alloc::vec![optval.into()],
            None => self
                .lists
                .push((target, name.clone(), alloc::vec![optval.into()])),
        }
        self.optname = Some(name);
        Ok(())
    }

    /// `cursect[optname]` when `optname` is set and not empty.
    fn current_list(&mut self) -> Option<&mut Vec<String>> {
        let target = self.cursect?;
        let name = self.optname.as_deref().filter(|n| !n.is_empty())?;
        self.lists
            .iter_mut()
            .find(|(t, n, _)| *t == target && n == name)
            .map(|(_, _, l)| l)
    }

    /// `_join_multiline_values` for this read; returns the bad lines.
    fn finish(self, cp: &mut ConfigParser) -> Vec<(usize, String)> {
        for (target, name, lines) in self.lists {
            let joined = lines.join("\n");
            let value = joined.trim_end_matches(is_space);
            set(cp.options_mut(target), &name, value.into());
        }
        self.errors
    }
}

/// `SECTCRE.match(value)`: `\[(?P<header>.+)\]`, the header running to
/// the last `]` (greedy), at least one character long.
fn section_header(value: &str) -> Option<&str> {
    let inner = value.strip_prefix('[')?;
    let close = inner.rfind(']')?;
    (close > 0).then(|| &inner[..close])
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::format;

    /// Python's own results, made by `tests/gen_ini.py`.
    mod cases {
        include!("tests/ini_cases.rs");
    }

    /// The same dump `gen_ini.py` writes with Python's configparser.
    fn dump(cp: &ConfigParser) -> String {
        let mut out = String::new();
        let mut names = alloc::vec![DEFAULT];
        names.extend(cp.sections());
        for section in names {
            out.push_str(&format!("[{section}]\n"));
            let options: Vec<&str> = if section == DEFAULT {
                cp.defaults().map(|(k, _)| k).collect()
            } else {
                cp.options(section).unwrap()
            };
            for option in options {
                let raw = cp.get(section, option, true).unwrap();
                let value = match cp.get(section, option, false) {
                    Ok(v) => format!("{}", Repr(&v)),
                    Err(e) => format!("!{}: {e}", e.python_name()),
                };
                out.push_str(&format!("{} = {} -> {value}\n", Repr(option), Repr(&raw)));
            }
        }
        out
    }

    #[test]
    fn agrees_with_python() {
        for case in cases::CASES {
            let mut cp = ConfigParser::new();
            let got = if case.string {
                let text = core::str::from_utf8(case.input).unwrap();
                cp.read_string(text, "<string>")
            } else {
                cp.read_file(case.input, "logging.ini")
            };
            let got = got
                .map(|()| dump(&cp))
                .map_err(|e| format!("{}: {e}", e.python_name()));
            let want = case.want.map(String::from).map_err(String::from);
            assert_eq!(got, want, "{:?}", String::from_utf8_lossy(case.input));
        }
    }

    #[test]
    fn lookups_follow_python() {
        let mut cp = ConfigParser::new();
        cp.read_string(
            "[DEFAULT]\nbase = /var\n[a]\nPath = %(base)s/log\n[B]\nx = 1\n",
            "<string>",
        )
        .unwrap();
        assert!(cp.has_section("a") && cp.has_section("B"));
        assert!(!cp.has_section("b") && !cp.has_section(DEFAULT));
        assert!(cp.has_option("a", "PATH") && cp.has_option("a", "base"));
        assert!(cp.has_option(DEFAULT, "base") && cp.has_option("", "base"));
        assert!(!cp.has_option(DEFAULT, "path") && !cp.has_option("nope", "base"));
        assert_eq!(cp.options("a").unwrap(), ["path", "base"]);
        assert_eq!(cp.get("a", "path", false).unwrap(), "/var/log");
        assert_eq!(cp.get("a", "path", true).unwrap(), "%(base)s/log");
        assert_eq!(cp.get(DEFAULT, "base", false).unwrap(), "/var");
        assert_eq!(cp.get_opt("a", "missing", false), Ok(None));
        assert_eq!(cp.get_opt("nope", "x", false), Ok(None));
        // From python3: str(exc) of each.
        assert_eq!(
            cp.get("nope", "x", false).unwrap_err().to_string(),
            "No section: 'nope'"
        );
        assert_eq!(
            cp.get("a", "Missing", false).unwrap_err().to_string(),
            "No option 'missing' in section: 'a'"
        );
        assert_eq!(
            cp.options(DEFAULT).unwrap_err().to_string(),
            "No section: 'DEFAULT'"
        );
    }

    #[test]
    fn defaults_from_the_caller() {
        let mut cp = ConfigParser::with_defaults([("LogDir", "/tmp"), ("pct", "50%")]).unwrap();
        cp.read_string("[h]\nargs = ('%(logdir)s/app.log',)\n", "<string>")
            .unwrap();
        assert_eq!(cp.get("h", "args", false).unwrap(), "('/tmp/app.log',)");
        assert_eq!(cp.get("h", "pct", true).unwrap(), "50%");
        // From python3: configparser.ConfigParser({'a': '1', 'A': '2'}).
        let e = ConfigParser::with_defaults([("a", "1"), ("A", "2")]).unwrap_err();
        assert_eq!(
            e.to_string(),
            "While reading from '<dict>': option 'a' in section 'DEFAULT' already exists"
        );
    }

    #[test]
    fn exponential_substitution_stops() {
        let mut text = String::from("[s]\n");
        for level in 0..10 {
            text.push_str(&format!(
                "v{level} = {}\n",
                format!("%(v{})s", level + 1).repeat(8)
            ));
        }
        text.push_str("v10 = x\n");
        let mut cp = ConfigParser::new();
        cp.read_string(&text, "<string>").unwrap();
        assert_eq!(cp.get("s", "v8", false).unwrap(), "x".repeat(64));
        let e = cp.get("s", "v0", false).unwrap_err();
        assert!(matches!(e, IniError::InterpolationTooLong { .. }), "{e}");
    }
}
