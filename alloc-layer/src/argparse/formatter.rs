//! `argparse.HelpFormatter` and its subclasses: the usage line, the help
//! sections and their wrapping, computed as CPython 3.11 computes them.

use super::action::{ActionInfo, Kind, Metavar, Nargs};
use super::parser::MutexGroup;
use super::pystr::{self, len};
use super::value::Value;
use super::{SUPPRESS, percent, textwrap};
use alloc::borrow::Cow;
use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;
use core::ops::BitOr;

/// `formatter_class=`: which `HelpFormatter` lays out the help.
///
/// The five Python classes are constants, and combine with `|` as a class
/// inheriting from several does (`ARGUMENT_DEFAULTS | RAW_DESCRIPTION`).
/// [`max_help_position`](Self::max_help_position),
/// [`width`](Self::width) and [`indent_increment`](Self::indent_increment)
/// stand for `lambda prog: HelpFormatter(prog, max_help_position=…)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FormatterClass {
    raw_description: bool,
    raw_text: bool,
    argument_defaults: bool,
    metavar_type: bool,
    indent_increment: usize,
    max_help_position: usize,
    width: Option<usize>,
}

impl FormatterClass {
    /// `argparse.HelpFormatter`.
    pub const HELP: FormatterClass = FormatterClass {
        raw_description: false,
        raw_text: false,
        argument_defaults: false,
        metavar_type: false,
        indent_increment: 2,
        max_help_position: 24,
        width: None,
    };
    /// `argparse.RawDescriptionHelpFormatter`: descriptions and epilogs
    /// keep their line breaks.
    pub const RAW_DESCRIPTION: FormatterClass = FormatterClass {
        raw_description: true,
        ..Self::HELP
    };
    /// `argparse.RawTextHelpFormatter`: all help text keeps its breaks.
    pub const RAW_TEXT: FormatterClass = FormatterClass {
        raw_description: true,
        raw_text: true,
        ..Self::HELP
    };
    /// `argparse.ArgumentDefaultsHelpFormatter`: `(default: …)` added.
    pub const ARGUMENT_DEFAULTS: FormatterClass = FormatterClass {
        argument_defaults: true,
        ..Self::HELP
    };
    /// `argparse.MetavarTypeHelpFormatter`: metavars are type names.
    pub const METAVAR_TYPE: FormatterClass = FormatterClass {
        metavar_type: true,
        ..Self::HELP
    };

    /// `HelpFormatter(prog, max_help_position=n)`.
    pub const fn max_help_position(mut self, n: usize) -> Self {
        self.max_help_position = n;
        self
    }

    /// `HelpFormatter(prog, width=n)`: a fixed width instead of the
    /// terminal's.
    pub const fn width(mut self, n: usize) -> Self {
        self.width = Some(n);
        self
    }

    /// `HelpFormatter(prog, indent_increment=n)`.
    pub const fn indent_increment(mut self, n: usize) -> Self {
        self.indent_increment = n;
        self
    }
}

impl Default for FormatterClass {
    fn default() -> Self {
        Self::HELP
    }
}

impl BitOr for FormatterClass {
    type Output = FormatterClass;
    fn bitor(self, o: FormatterClass) -> FormatterClass {
        FormatterClass {
            raw_description: self.raw_description || o.raw_description,
            raw_text: self.raw_text || o.raw_text,
            argument_defaults: self.argument_defaults || o.argument_defaults,
            metavar_type: self.metavar_type || o.metavar_type,
            ..self
        }
    }
}

enum Item<'a> {
    Text(Cow<'a, str>),
    Usage {
        usage: Option<&'a str>,
        actions: Vec<&'a ActionInfo>,
        groups: Vec<UsageGroup<'a>>,
        prefix: Option<&'a str>,
    },
    Action(&'a ActionInfo),
    Section(usize),
}

struct Section<'a> {
    parent: Option<usize>,
    heading: Option<&'a str>,
    items: Vec<Item<'a>>,
}

/// One formatting run: `formatter_class(prog=prog)`.
pub(crate) struct Formatter<'a> {
    prog: &'a str,
    class: FormatterClass,
    width: isize,
    max_help_position: isize,
    indent: isize,
    action_max_length: isize,
    sections: Vec<Section<'a>>,
    current: usize,
}

/// A mutually exclusive group as the usage line sees it.
pub(crate) struct UsageGroup<'a> {
    required: bool,
    actions: Vec<&'a ActionInfo>,
}

/// The parser's mutex groups as the formatter takes them.
pub(crate) fn usage_groups<'a>(
    arena: &'a [ActionInfo],
    groups: &[MutexGroup],
) -> Vec<UsageGroup<'a>> {
    groups
        .iter()
        .map(|g| UsageGroup {
            required: g.required,
            actions: g.actions.iter().map(|&i| &arena[i]).collect(),
        })
        .collect()
}

impl<'a> Formatter<'a> {
    /// `width` is the terminal's columns (argparse uses two fewer).
    pub(crate) fn new(prog: &'a str, class: FormatterClass, columns: usize) -> Self {
        let width = match class.width {
            Some(w) => w as isize,
            None => columns as isize - 2,
        };
        let inc = class.indent_increment as isize;
        Formatter {
            prog,
            class,
            width,
            max_help_position: (class.max_help_position as isize).min((width - 20).max(inc * 2)),
            indent: 0,
            action_max_length: 0,
            sections: vec![Section {
                parent: None,
                heading: None,
                items: Vec::new(),
            }],
            current: 0,
        }
    }

    fn add_item(&mut self, item: Item<'a>) {
        self.sections[self.current].items.push(item);
    }

    fn do_indent(&mut self) {
        self.indent += self.class.indent_increment as isize;
    }

    fn dedent(&mut self) {
        self.indent -= self.class.indent_increment as isize;
    }

    pub(crate) fn start_section(&mut self, heading: Option<&'a str>) {
        self.do_indent();
        let index = self.sections.len();
        self.sections.push(Section {
            parent: Some(self.current),
            heading,
            items: Vec::new(),
        });
        self.add_item(Item::Section(index));
        self.current = index;
    }

    pub(crate) fn end_section(&mut self) {
        self.current = self.sections[self.current].parent.unwrap_or(0);
        self.dedent();
    }

    pub(crate) fn add_text(&mut self, text: Option<&'a str>) {
        if let Some(text) = text.filter(|&t| t != SUPPRESS) {
            self.add_item(Item::Text(Cow::Borrowed(text)));
        }
    }

    pub(crate) fn add_usage(
        &mut self,
        usage: Option<&'a str>,
        actions: Vec<&'a ActionInfo>,
        groups: Vec<UsageGroup<'a>>,
        prefix: Option<&'a str>,
    ) {
        if usage != Some(SUPPRESS) {
            self.add_item(Item::Usage {
                usage,
                actions,
                groups,
                prefix,
            });
        }
    }

    pub(crate) fn add_argument(&mut self, action: &'a ActionInfo) {
        if action.help_suppressed() {
            return;
        }
        let mut longest = len(&self.invocation(action));
        if let Kind::Parsers(sub) = &action.kind {
            self.do_indent();
            for sub_action in &sub.choices_actions {
                longest = longest.max(len(&self.invocation(sub_action)));
            }
            self.dedent();
        }
        self.action_max_length = self.action_max_length.max(longest as isize + self.indent);
        self.add_item(Item::Action(action));
    }

    pub(crate) fn format_help(mut self) -> String {
        self.indent = 0;
        let help = self.format_section(0);
        if help.is_empty() {
            return help;
        }
        // _long_break_matcher: three or more newlines become two.
        let mut out = String::with_capacity(help.len());
        let mut newlines = 0;
        for c in help.chars() {
            if c == '\n' {
                newlines += 1;
                continue;
            }
            if newlines > 0 {
                out.extend(core::iter::repeat_n('\n', newlines.min(2)));
                newlines = 0;
            }
            out.push(c);
        }
        if newlines > 0 {
            out.extend(core::iter::repeat_n('\n', newlines.min(2)));
        }
        let mut out = String::from(out.trim_matches('\n'));
        out.push('\n');
        out
    }

    fn format_section(&mut self, index: usize) -> String {
        let nested = self.sections[index].parent.is_some();
        if nested {
            self.do_indent();
        }
        let items = core::mem::take(&mut self.sections[index].items);
        let mut body = String::new();
        for item in &items {
            let part = match item {
                Item::Text(text) => self.format_text(text),
                Item::Usage {
                    usage,
                    actions,
                    groups,
                    prefix,
                } => self.format_usage(*usage, actions, groups, *prefix),
                Item::Action(action) => self.format_action(action),
                Item::Section(child) => self.format_section(*child),
            };
            if part != SUPPRESS {
                body.push_str(&part);
            }
        }
        if nested {
            self.dedent();
        }
        if body.is_empty() {
            return body;
        }
        let mut out = String::from("\n");
        if let Some(heading) = self.sections[index].heading.filter(|&h| h != SUPPRESS) {
            pystr::pad(&mut out, self.indent.max(0) as usize);
            out.push_str(heading);
            out.push_str(":\n");
        }
        out.push_str(&body);
        out.push('\n');
        out
    }

    fn format_usage(
        &self,
        usage: Option<&str>,
        actions: &[&ActionInfo],
        groups: &[UsageGroup<'_>],
        prefix: Option<&str>,
    ) -> String {
        let prefix = prefix.unwrap_or("usage: ");
        let usage = if let Some(usage) = usage {
            percent::with_prog(usage, self.prog).unwrap_or_else(|| String::from(usage))
        } else if actions.is_empty() {
            String::from(self.prog)
        } else {
            let prog = self.prog;
            let (optionals, positionals): (Vec<&ActionInfo>, Vec<&ActionInfo>) =
                actions.iter().partition(|a| a.is_optional());
            let all: Vec<&ActionInfo> = optionals
                .iter()
                .chain(positionals.iter())
                .copied()
                .collect();
            let action_usage = self.format_actions_usage(&all, groups);
            let mut usage = String::from(prog);
            if !action_usage.is_empty() {
                if !usage.is_empty() {
                    usage.push(' ');
                }
                usage.push_str(&action_usage);
            }
            let text_width = self.width - self.indent;
            if (len(prefix) + len(&usage)) as isize > text_width {
                let opt_usage = self.format_actions_usage(&optionals, groups);
                let pos_usage = self.format_actions_usage(&positionals, groups);
                let opt_parts = usage_parts(&opt_usage);
                let pos_parts = usage_parts(&pos_usage);
                let get_lines =
                    |parts: &[&str], indent: &str, prefix: Option<&str>| -> Vec<String> {
                        let mut lines = Vec::new();
                        let mut line: Vec<&str> = Vec::new();
                        let mut line_len = match prefix {
                            Some(p) => len(p) as isize - 1,
                            None => len(indent) as isize - 1,
                        };
                        for &part in parts {
                            if line_len + 1 + len(part) as isize > text_width && !line.is_empty() {
                                lines.push(text!("{indent}{}", line.join(" ")));
                                line.clear();
                                line_len = len(indent) as isize - 1;
                            }
                            line.push(part);
                            line_len += len(part) as isize + 1;
                        }
                        if !line.is_empty() {
                            lines.push(text!("{indent}{}", line.join(" ")));
                        }
                        if prefix.is_some()
                            && let Some(first) = lines.first_mut()
                        {
                            let cut = first
                                .char_indices()
                                .nth(len(indent))
                                .map_or(first.len(), |(i, _)| i);
                            first.replace_range(..cut, "");
                        }
                        lines
                    };
                let lines: Vec<String> = if 4 * (len(prefix) + len(prog)) as isize <= 3 * text_width
                {
                    let indent: String =
                        core::iter::repeat_n(' ', len(prefix) + len(prog) + 1).collect();
                    if !opt_parts.is_empty() {
                        let mut parts = vec![prog];
                        parts.extend(opt_parts.iter().copied());
                        let mut lines = get_lines(&parts, &indent, Some(prefix));
                        lines.extend(get_lines(&pos_parts, &indent, None));
                        lines
                    } else if !pos_parts.is_empty() {
                        let mut parts = vec![prog];
                        parts.extend(pos_parts.iter().copied());
                        get_lines(&parts, &indent, Some(prefix))
                    } else {
                        vec![String::from(prog)]
                    }
                } else {
                    let indent: String = core::iter::repeat_n(' ', len(prefix)).collect();
                    let parts: Vec<&str> =
                        opt_parts.iter().chain(pos_parts.iter()).copied().collect();
                    let mut lines = get_lines(&parts, &indent, None);
                    if lines.len() > 1 {
                        lines = get_lines(&opt_parts, &indent, None);
                        lines.extend(get_lines(&pos_parts, &indent, None));
                    }
                    lines.insert(0, String::from(prog));
                    lines
                };
                lines.join("\n")
            } else {
                usage
            }
        };
        text!("{prefix}{usage}\n\n")
    }

    fn format_actions_usage(&self, actions: &[&ActionInfo], groups: &[UsageGroup<'_>]) -> String {
        let same = |a: &ActionInfo, b: &ActionInfo| core::ptr::eq(a, b);
        let mut group_actions: Vec<&ActionInfo> = Vec::new();
        let mut inserts: Vec<Option<String>> = vec![None; actions.len() + 1];
        for group in groups {
            let (required, group) = (group.required, &group.actions);
            let Some(first) = group.first() else { continue };
            let Some(start) = actions.iter().position(|a| same(a, first)) else {
                continue;
            };
            let end = start + group.len();
            let matches = actions
                .get(start..end)
                .is_some_and(|slice| slice.iter().zip(group.iter()).all(|(a, b)| same(a, b)));
            if !matches {
                continue;
            }
            group_actions.extend(group.iter().copied());
            // 3.11: a required group shows parentheses only when more than
            // one of its actions is shown.
            let exposed = group.iter().filter(|a| !a.help_suppressed()).count();
            let brackets = match (required, exposed) {
                (false, _) => Some(("[", "]")),
                (true, 2..) => Some(("(", ")")),
                (true, _) => None,
            };
            if let Some((open, close)) = brackets {
                match &mut inserts[start] {
                    Some(s) => {
                        s.push(' ');
                        s.push_str(open);
                    }
                    slot => *slot = Some(String::from(open)),
                }
                match &mut inserts[end] {
                    Some(s) => s.push_str(close),
                    slot => *slot = Some(String::from(close)),
                }
            }
            for slot in &mut inserts[start + 1..end] {
                *slot = Some(String::from("|"));
            }
        }
        let in_group = |a: &ActionInfo| group_actions.iter().any(|g| same(g, a));
        let mut parts: Vec<Option<String>> = Vec::with_capacity(actions.len());
        for (i, action) in actions.iter().enumerate() {
            if action.help_suppressed() {
                parts.push(None);
                if inserts[i].as_deref() == Some("|") {
                    inserts[i] = None;
                } else if inserts.get(i + 1).and_then(|s| s.as_deref()) == Some("|") {
                    inserts[i + 1] = None;
                }
            } else if !action.is_optional() {
                let default = self.default_metavar_positional(action);
                let mut part = self.format_args(action, &default);
                if in_group(action)
                    && part.starts_with('[')
                    && part.ends_with(']')
                    && part.len() >= 2
                {
                    part = String::from(&part[1..part.len() - 1]);
                }
                parts.push(Some(part));
            } else {
                let option_string = &action.option_strings[0];
                let mut part = if action.nargs == Some(Nargs::Exactly(0)) {
                    action.format_usage()
                } else {
                    let default = self.default_metavar_optional(action);
                    text!("{option_string} {}", self.format_args(action, &default))
                };
                if !action.required && !in_group(action) {
                    part = text!("[{part}]");
                }
                parts.push(Some(part));
            }
        }
        // parts[i:i] = [inserts[i]], from the end.
        let mut all: Vec<Option<String>> = Vec::with_capacity(parts.len() * 2);
        let mut parts = parts.into_iter();
        for slot in inserts.iter_mut() {
            if let Some(s) = slot.take() {
                all.push(Some(s));
            }
            if let Some(part) = parts.next() {
                all.push(part);
            }
        }
        let text: Vec<String> = all.into_iter().flatten().collect();
        let text = text.join(" ");
        let text = clean_group_separators(&text);
        String::from(pystr::strip(&text))
    }

    fn format_text(&self, text: &str) -> String {
        let expanded;
        let text = if text.contains("%(prog)") {
            expanded = percent::with_prog(text, self.prog).unwrap_or_else(|| String::from(text));
            expanded.as_str()
        } else {
            text
        };
        let text_width = (self.width - self.indent).max(11) as usize;
        let indent: String = core::iter::repeat_n(' ', self.indent.max(0) as usize).collect();
        let mut out = self.fill_text(text, text_width, &indent);
        out.push_str("\n\n");
        out
    }

    fn fill_text(&self, text: &str, width: usize, indent: &str) -> String {
        if self.class.raw_description {
            let mut out = String::new();
            for line in pystr::splitlines(text, true) {
                out.push_str(indent);
                out.push_str(line);
            }
            return out;
        }
        let text = pystr::collapse_whitespace(text);
        textwrap::wrap(&text, width, indent, indent).join("\n")
    }

    fn split_lines(&self, text: &str, width: usize) -> Vec<String> {
        if self.class.raw_text {
            return pystr::splitlines(text, false)
                .into_iter()
                .map(String::from)
                .collect();
        }
        let text = pystr::collapse_whitespace(text);
        textwrap::wrap(&text, width, "", "")
    }

    fn format_action(&mut self, action: &ActionInfo) -> String {
        let help_position = (self.action_max_length + 2).min(self.max_help_position);
        let help_width = (self.width - help_position).max(11) as usize;
        let action_width = help_position - self.indent - 2;
        let header = self.invocation(action);
        let indent = self.indent.max(0) as usize;
        let mut out = String::new();
        let has_help = action.help.as_deref().is_some_and(|h| !h.is_empty());
        let indent_first;
        if !has_help {
            pystr::pad(&mut out, indent);
            out.push_str(&header);
            out.push('\n');
            indent_first = 0;
        } else if len(&header) as isize <= action_width {
            pystr::pad(&mut out, indent);
            pystr::ljust(&mut out, &header, action_width.max(0) as usize);
            out.push_str("  ");
            indent_first = 0;
        } else {
            pystr::pad(&mut out, indent);
            out.push_str(&header);
            out.push('\n');
            indent_first = help_position.max(0) as usize;
        }
        let help = action.help.as_deref().unwrap_or("");
        if has_help && !pystr::strip(help).is_empty() {
            let help_text = self.expand_help(action);
            if !help_text.is_empty() {
                let lines = self.split_lines(&help_text, help_width);
                if let Some((first, rest)) = lines.split_first() {
                    pystr::pad(&mut out, indent_first);
                    out.push_str(first);
                    out.push('\n');
                    for line in rest {
                        pystr::pad(&mut out, help_position.max(0) as usize);
                        out.push_str(line);
                        out.push('\n');
                    }
                } else {
                    // help_lines[0] of an empty list: Python raises; show
                    // the header alone.
                    out.push('\n');
                }
            }
        } else if !out.ends_with('\n') {
            out.push('\n');
        }
        if let Kind::Parsers(sub) = &action.kind {
            self.do_indent();
            for sub_action in &sub.choices_actions {
                out.push_str(&self.format_action(sub_action));
            }
            self.dedent();
        }
        out
    }

    pub(crate) fn invocation(&self, action: &ActionInfo) -> String {
        if !action.is_optional() {
            let default = self.default_metavar_positional(action);
            return self.metavar(action, &default).remove(0);
        }
        if action.nargs == Some(Nargs::Exactly(0)) {
            return action.option_strings.join(", ");
        }
        let default = self.default_metavar_optional(action);
        let args = self.format_args(action, &default);
        let parts: Vec<String> = action
            .option_strings
            .iter()
            .map(|o| text!("{o} {args}"))
            .collect();
        parts.join(", ")
    }

    /// `_metavar_formatter(action, default)(size)`: the tuple is returned
    /// whole, a single name is repeated `size` times (at least once here).
    fn metavar(&self, action: &ActionInfo, default: &str) -> Vec<String> {
        match &action.metavar {
            Some(Metavar::Tuple(names)) if !names.is_empty() => names.clone(),
            Some(Metavar::Tuple(_)) => vec![String::new()],
            Some(Metavar::One(name)) => vec![name.clone()],
            None => match action.choice_strs() {
                Some(choices) => vec![text!("{{{}}}", choices.join(","))],
                None => vec![String::from(default)],
            },
        }
    }

    pub(crate) fn format_args(&self, action: &ActionInfo, default: &str) -> String {
        let m = self.metavar(action, default);
        let at = |i: usize| m.get(i).or(m.first()).map_or("", String::as_str);
        match action.nargs {
            None => String::from(at(0)),
            Some(Nargs::Optional) => text!("[{}]", at(0)),
            Some(Nargs::ZeroOrMore) => {
                if m.len() == 2 {
                    text!("[{} [{} ...]]", at(0), at(1))
                } else {
                    text!("[{} ...]", at(0))
                }
            }
            Some(Nargs::OneOrMore) => text!("{} [{} ...]", at(0), at(1)),
            Some(Nargs::Remainder) => String::from("..."),
            Some(Nargs::Parser) => text!("{} ...", at(0)),
            Some(Nargs::Suppress) => String::new(),
            Some(Nargs::Exactly(n)) => (0..n).map(at).collect::<Vec<_>>().join(" "),
        }
    }

    fn expand_help(&self, action: &ActionInfo) -> String {
        let help = self.help_string(action);
        let prog = self.prog;
        let lookup = |key: &str| -> Option<Value> {
            let v = match key {
                "prog" => Value::str(prog),
                "option_strings" => {
                    Value::List(action.option_strings.iter().map(Value::str).collect())
                }
                "dest" => Value::str(&action.dest),
                "nargs" => action.nargs.map_or(Value::None, Nargs::value),
                "const" => action.const_.clone(),
                "default" => action.default.clone(),
                "type" => action
                    .type_
                    .as_ref()
                    .map_or(Value::None, |t| Value::str(t.name())),
                "choices" => match action.choice_strs() {
                    Some(c) => Value::str(c.join(", ")),
                    None => Value::None,
                },
                "required" => Value::Bool(action.required),
                "help" => action.help.as_deref().map_or(Value::None, Value::str),
                "metavar" => match &action.metavar {
                    None => Value::None,
                    Some(Metavar::One(m)) => Value::str(m),
                    Some(Metavar::Tuple(t)) => Value::List(t.iter().map(Value::str).collect()),
                },
                "version" if matches!(action.kind, Kind::Version) => {
                    action.version.as_deref().map_or(Value::None, Value::str)
                }
                "deprecated" => Value::Bool(action.deprecated),
                _ => return None,
            };
            // SUPPRESS values are left out of the mapping.
            (!v.is_suppress()).then_some(v)
        };
        percent::format(&help, &lookup).unwrap_or(help)
    }

    fn help_string(&self, action: &ActionInfo) -> String {
        let mut help = String::from(action.help.as_deref().unwrap_or(""));
        if self.class.argument_defaults
            && !help.contains("%(default)")
            && !action.default.is_suppress()
            && (action.is_optional()
                || matches!(action.nargs, Some(Nargs::Optional | Nargs::ZeroOrMore)))
        {
            help.push_str(" (default: %(default)s)");
        }
        help
    }

    fn default_metavar_optional(&self, action: &ActionInfo) -> String {
        if self.class.metavar_type {
            return self.type_name(action);
        }
        action.dest.chars().flat_map(char::to_uppercase).collect()
    }

    fn default_metavar_positional(&self, action: &ActionInfo) -> String {
        if self.class.metavar_type {
            return self.type_name(action);
        }
        action.dest.clone()
    }

    /// `action.type.__name__` (Python fails without a type; `str` here).
    fn type_name(&self, action: &ActionInfo) -> String {
        String::from(action.type_.as_ref().map_or("str", |t| t.name()))
    }
}

/// `re.findall(r'\(.*?\)+(?=\s|$)|\[.*?\]+(?=\s|$)|\S+', text)`: the
/// pieces a long usage line may break between.
fn usage_parts(text: &str) -> Vec<&str> {
    let t: Vec<(usize, char)> = text.char_indices().collect();
    let byte = |i: usize| t.get(i).map_or(text.len(), |&(b, _)| b);
    let space_or_end = |i: usize| t.get(i).is_none_or(|&(_, c)| pystr::is_re_space(c));
    // `\(.*?\)+(?=\s|$)` at `i`, for the brackets `open`/`close`.
    let bracketed = |i: usize, open: char, close: char| -> Option<usize> {
        if t[i].1 != open {
            return None;
        }
        let mut k = i + 1;
        while k < t.len() && t[k].1 != '\n' {
            if t[k].1 == close {
                let mut e = k;
                while t.get(e).is_some_and(|&(_, c)| c == close) {
                    e += 1;
                }
                if space_or_end(e) {
                    return Some(e);
                }
            }
            k += 1;
        }
        None
    };
    let mut parts = Vec::new();
    let mut i = 0;
    while i < t.len() {
        if let Some(e) = bracketed(i, '(', ')').or_else(|| bracketed(i, '[', ']')) {
            parts.push(&text[byte(i)..byte(e)]);
            i = e;
        } else if !pystr::is_re_space(t[i].1) {
            let mut e = i;
            while t.get(e).is_some_and(|&(_, c)| !pystr::is_re_space(c)) {
                e += 1;
            }
            parts.push(&text[byte(i)..byte(e)]);
            i = e;
        } else {
            i += 1;
        }
    }
    parts
}

/// CPython 3.11's three `re.sub` calls that tidy a usage line's group
/// brackets: `[ ` → `[`, ` ]` → `]`, and an empty `[]`/`()` (spaces
/// inside) removed. Brackets that belong to a metavar stay (3.11 dropped
/// the older fourth call that unwrapped `(...)` without a `|`).
fn clean_group_separators(text: &str) -> String {
    let open = |c: char| c == '[' || c == '(';
    let close = |c: char| c == ']' || c == ')';
    // r'([\[(]) ' -> r'\1'
    let mut a = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        a.push(c);
        if open(c) && chars.peek() == Some(&' ') {
            chars.next();
        }
    }
    // r' ([\])])' -> r'\1'
    let mut b = String::with_capacity(a.len());
    let mut chars = a.chars().peekable();
    while let Some(c) = chars.next() {
        if c == ' ' && chars.peek().copied().is_some_and(close) {
            continue;
        }
        b.push(c);
    }
    // r'[\[(] *[\])]' -> ''
    let cs: Vec<char> = b.chars().collect();
    let mut c = String::with_capacity(b.len());
    let mut i = 0;
    while i < cs.len() {
        if open(cs[i]) {
            let mut j = i + 1;
            while j < cs.len() && cs[j] == ' ' {
                j += 1;
            }
            if j < cs.len() && close(cs[j]) {
                i = j + 1;
                continue;
            }
        }
        c.push(cs[i]);
        i += 1;
    }
    c
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usage_parts_follow_the_regex() {
        assert_eq!(
            usage_parts("[-h] [-a A | -b] (--x | --y) file [f ...]"),
            vec!["[-h]", "[-a A | -b]", "(--x | --y)", "file", "[f ...]"]
        );
        assert_eq!(
            usage_parts("[--foo FOO] [[bar ...]]"),
            vec!["[--foo FOO]", "[[bar ...]]"]
        );
        assert_eq!(usage_parts("(a b)x c"), vec!["(a", "b)x", "c"]);
    }

    #[test]
    fn group_separators_are_tidied() {
        assert_eq!(clean_group_separators("[ -a | -b ]"), "[-a | -b]");
        assert_eq!(clean_group_separators("( -a )"), "(-a)");
        assert_eq!(clean_group_separators("[-o (X)] (Y)"), "[-o (X)] (Y)");
        assert_eq!(clean_group_separators("x [ ] y ( ) z"), "x  y  z");
        assert_eq!(clean_group_separators("(-a | -b)"), "(-a | -b)");
    }
}
