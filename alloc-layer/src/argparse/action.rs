//! What `add_argument` takes and makes: the keyword arguments ([`Arg`]),
//! the action names ([`Action`]), `nargs`, `type` and user-defined actions.

use super::error::ArgumentError;
use super::file::FileType;
use super::namespace::Namespace;
use super::parser::ArgumentParser;
use super::subparsers::SubParsersAction;
use super::value::Value;
use super::{SUPPRESS, number};
use alloc::borrow::Cow;
use alloc::boxed::Box;
use alloc::rc::Rc;
use alloc::string::String;
use alloc::vec::Vec;

/// `nargs=`: how many command-line arguments an action consumes. Leaving
/// it unset (Python's `None`) means exactly one, stored as a single value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Nargs {
    /// `N`: exactly N, stored as a list (`1` gives a one-item list).
    Exactly(usize),
    /// `'?'`: one if present, else `const` (optionals) or `default`.
    Optional,
    /// `'*'`: any number, as a list.
    ZeroOrMore,
    /// `'+'`: at least one, as a list.
    OneOrMore,
    /// `argparse.REMAINDER` (`'...'`): everything that is left.
    Remainder,
    /// `argparse.PARSER` (`'A...'`): a sub-command and its arguments.
    Parser,
    /// `argparse.SUPPRESS`: consumes nothing and stores nothing.
    Suppress,
}

impl Nargs {
    /// The Python value, as `%(nargs)s` shows it.
    pub(crate) fn value(self) -> Value {
        match self {
            Nargs::Exactly(n) => Value::Int(n as i64),
            Nargs::Optional => Value::str("?"),
            Nargs::ZeroOrMore => Value::str("*"),
            Nargs::OneOrMore => Value::str("+"),
            Nargs::Remainder => Value::str("..."),
            Nargs::Parser => Value::str("A..."),
            Nargs::Suppress => Value::str(SUPPRESS),
        }
    }
}

/// `action=`: what an argument does when it is seen.
#[derive(Clone)]
pub enum Action {
    /// `'store'` (the default): stores the value.
    Store,
    /// `'store_const'`: stores `const`.
    StoreConst,
    /// `'store_true'`: stores `True` (default `False`).
    StoreTrue,
    /// `'store_false'`: stores `False` (default `True`).
    StoreFalse,
    /// `'append'`: appends the value to a list.
    Append,
    /// `'append_const'`: appends `const` to a list.
    AppendConst,
    /// `'extend'`: extends a list with the values.
    Extend,
    /// `'count'`: counts occurrences.
    Count,
    /// `'help'`: prints the help and exits.
    Help,
    /// `'version'`: prints `version` and exits.
    Version,
    /// `argparse.BooleanOptionalAction`: `--foo` and `--no-foo`.
    BooleanOptional,
    /// A subclass of `argparse.Action`.
    Custom(Rc<dyn CustomAction>),
}

/// A user-defined action: Python's subclass of `argparse.Action`.
pub trait CustomAction {
    /// `Action.__call__(parser, namespace, values, option_string)`.
    ///
    /// `action` gives the action's attributes (`self.dest`,
    /// `self.const`, …). `values` is what the arguments converted to: one
    /// value, or a list for `nargs` that make one. Return an error made
    /// with [`ActionInfo::error`] to report a bad value, or
    /// [`ArgumentError::exit_request`] to end the program.
    fn call(
        &self,
        action: &ActionInfo,
        parser: &ArgumentParser,
        namespace: &mut Namespace,
        values: Value,
        option_string: Option<&str>,
    ) -> Result<(), ArgumentError>;

    /// `Action.format_usage()`: the option as the usage line shows it when
    /// it takes no value.
    fn format_usage(&self, action: &ActionInfo) -> String {
        action.option_strings.first().cloned().unwrap_or_default()
    }
}

/// How a `type=` function failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ArgumentTypeError(Option<String>);

impl ArgumentTypeError {
    /// `raise ArgumentTypeError(message)`: the error shows `message`.
    pub fn new(message: impl Into<String>) -> Self {
        ArgumentTypeError(Some(message.into()))
    }

    /// `raise ValueError` (or `TypeError`): the error shows
    /// `invalid NAME value: 'ARG'`.
    pub fn invalid() -> Self {
        ArgumentTypeError(None)
    }

    pub(crate) fn message(&self) -> Option<&str> {
        self.0.as_deref()
    }
}

type ConvertFn = dyn Fn(&[u8]) -> Result<Value, ArgumentTypeError>;

/// `type=`: turns an argument string into a value.
#[derive(Clone)]
pub struct Type {
    name: Cow<'static, str>,
    conv: Conv,
}

#[derive(Clone)]
enum Conv {
    Str,
    Plain(fn(&[u8]) -> Result<Value, ArgumentTypeError>),
    Closure(Rc<ConvertFn>),
    File(FileType),
}

impl Type {
    /// `type=int`: Python's `int()`, 64-bit.
    pub fn int() -> Self {
        Self::plain("int", |s| {
            number::parse_int(s)
                .map(Value::Int)
                .ok_or(ArgumentTypeError::invalid())
        })
    }

    /// `type=float`: Python's `float()`.
    pub fn float() -> Self {
        Self::plain("float", |s| {
            number::parse_float(s)
                .map(Value::float)
                .ok_or(ArgumentTypeError::invalid())
        })
    }

    /// `type=str`: the argument itself.
    pub fn str() -> Self {
        Type {
            name: Cow::Borrowed("str"),
            conv: Conv::Str,
        }
    }

    /// `type=bool`: Python's `bool()` of a string, true unless empty (as in
    /// Python, `'False'` is true; use [`Action::BooleanOptional`] or a
    /// function for yes/no words).
    pub fn bool() -> Self {
        Self::plain("bool", |s| Ok(Value::Bool(!s.is_empty())))
    }

    /// `type=FileType(mode)`.
    pub fn file(file_type: FileType) -> Self {
        Type {
            name: Cow::Owned(file_type.repr()),
            conv: Conv::File(file_type),
        }
    }

    /// A function of text named `name` (its `__name__`, shown in errors).
    /// An argument that is not UTF-8 is reported as invalid without
    /// calling it; see [`Type::bytes`].
    pub fn new(
        name: &str,
        func: impl Fn(&str) -> Result<Value, ArgumentTypeError> + 'static,
    ) -> Self {
        Self::bytes(name, move |b| match core::str::from_utf8(b) {
            Ok(s) => func(s),
            Err(_) => Err(ArgumentTypeError::invalid()),
        })
    }

    /// A function of the argument's bytes.
    pub fn bytes(
        name: &str,
        func: impl Fn(&[u8]) -> Result<Value, ArgumentTypeError> + 'static,
    ) -> Self {
        Type {
            name: Cow::Owned(String::from(name)),
            conv: Conv::Closure(Rc::new(func)),
        }
    }

    fn plain(name: &'static str, func: fn(&[u8]) -> Result<Value, ArgumentTypeError>) -> Self {
        Type {
            name: Cow::Borrowed(name),
            conv: Conv::Plain(func),
        }
    }

    /// `type.__name__` (for a `FileType`, its repr).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Whether the result is the argument object itself (Python's `str`
    /// and the default identity function), which matters where argparse
    /// compares with `is`.
    pub(crate) fn keeps_identity(&self) -> bool {
        matches!(self.conv, Conv::Str)
    }

    /// Whether `%(type)s` shows a name (`FileType` objects have no
    /// `__name__`: they show their repr, which is the same text here).
    pub(crate) fn call(&self, arg: &[u8]) -> Result<Value, ArgumentTypeError> {
        match &self.conv {
            Conv::Str => Ok(Value::Str(arg.to_vec())),
            Conv::Plain(f) => f(arg),
            Conv::Closure(f) => f(arg),
            Conv::File(ft) => match ft.open(arg) {
                Ok(file) => Ok(Value::File(Rc::new(file))),
                Err(None) => Err(ArgumentTypeError::invalid()),
                Err(Some(message)) => Err(ArgumentTypeError::new(message)),
            },
        }
    }
}

/// `metavar=`: one name, or a tuple with one name per value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Metavar {
    /// `metavar='NAME'`.
    One(String),
    /// `metavar=('A', 'B')`.
    Tuple(Vec<String>),
}

/// The keyword arguments of `add_argument(*names, **kwargs)`.
///
/// ```
/// use strata_alloc::argparse::{Arg, Action, Type};
/// let arg = Arg::new(&["-n", "--count"]).type_(Type::int()).default(1).help("how many");
/// let flag = Arg::new(&["-v"]).action(Action::Count);
/// ```
#[derive(Clone, Default)]
pub struct Arg {
    pub(crate) names: Vec<String>,
    pub(crate) action: Option<Action>,
    pub(crate) nargs: Option<Nargs>,
    pub(crate) const_: Option<Value>,
    pub(crate) default: Option<Value>,
    pub(crate) type_: Option<Type>,
    pub(crate) choices: Option<Vec<Value>>,
    pub(crate) required: Option<bool>,
    pub(crate) help: Option<String>,
    pub(crate) metavar: Option<Metavar>,
    pub(crate) dest: Option<String>,
    pub(crate) version: Option<String>,
    pub(crate) deprecated: Option<bool>,
}

impl Arg {
    /// `add_argument('name')` for a positional, or
    /// `add_argument('-f', '--foo')` for an optional.
    pub fn new(names: &[&str]) -> Self {
        Arg {
            names: names.iter().map(|&n| String::from(n)).collect(),
            ..<Arg as Default>::default()
        }
    }

    /// `action=`.
    pub fn action(mut self, action: Action) -> Self {
        self.action = Some(action);
        self
    }

    /// `nargs=`.
    pub fn nargs(mut self, nargs: Nargs) -> Self {
        self.nargs = Some(nargs);
        self
    }

    /// `const=`.
    pub fn const_(mut self, value: impl Into<Value>) -> Self {
        self.const_ = Some(value.into());
        self
    }

    /// `default=` ([`SUPPRESS`] included: the attribute is then only set
    /// when the argument is given).
    pub fn default(mut self, value: impl Into<Value>) -> Self {
        self.default = Some(value.into());
        self
    }

    /// `type=`.
    pub fn type_(mut self, type_: Type) -> Self {
        self.type_ = Some(type_);
        self
    }

    /// `choices=`.
    pub fn choices<V: Into<Value>>(mut self, choices: impl IntoIterator<Item = V>) -> Self {
        self.choices = Some(choices.into_iter().map(Into::into).collect());
        self
    }

    /// `required=`.
    pub fn required(mut self, required: bool) -> Self {
        self.required = Some(required);
        self
    }

    /// `help=` (with `%(default)s`, `%(prog)s`, … expanded; [`SUPPRESS`]
    /// hides the argument).
    pub fn help(mut self, help: &str) -> Self {
        self.help = Some(String::from(help));
        self
    }

    /// `metavar='NAME'`.
    pub fn metavar(mut self, metavar: &str) -> Self {
        self.metavar = Some(Metavar::One(String::from(metavar)));
        self
    }

    /// `metavar=('A', 'B')`.
    pub fn metavar_tuple(mut self, names: &[&str]) -> Self {
        self.metavar = Some(Metavar::Tuple(
            names.iter().map(|&n| String::from(n)).collect(),
        ));
        self
    }

    /// `dest=`.
    pub fn dest(mut self, dest: &str) -> Self {
        self.dest = Some(String::from(dest));
        self
    }

    /// `version=` (for [`Action::Version`]).
    pub fn version(mut self, version: &str) -> Self {
        self.version = Some(String::from(version));
        self
    }

    /// `deprecated=True` (Python 3.13): using the argument prints
    /// `PROG: warning: option '--x' is deprecated` on stderr.
    pub fn deprecated(mut self, deprecated: bool) -> Self {
        self.deprecated = Some(deprecated);
        self
    }
}

/// What an action does, with the parser-internal kinds.
#[derive(Clone)]
pub(crate) enum Kind {
    Store,
    StoreConst,
    StoreTrue,
    StoreFalse,
    Append,
    AppendConst,
    Extend,
    Count,
    Help,
    Version,
    BooleanOptional,
    Custom(Rc<dyn CustomAction>),
    Parsers(Box<SubParsersAction>),
    /// A sub-command's line in the help (`_ChoicesPseudoAction`).
    Pseudo,
}

/// An action as `add_argument` made it: Python's `Action` object. User
/// actions read their attributes from it.
#[derive(Clone)]
pub struct ActionInfo {
    pub(crate) kind: Kind,
    pub(crate) option_strings: Vec<String>,
    pub(crate) dest: String,
    pub(crate) nargs: Option<Nargs>,
    pub(crate) const_: Value,
    pub(crate) default: Value,
    pub(crate) type_: Option<Type>,
    pub(crate) choices: Option<Vec<Value>>,
    pub(crate) required: bool,
    pub(crate) help: Option<String>,
    pub(crate) metavar: Option<Metavar>,
    pub(crate) version: Option<String>,
    pub(crate) deprecated: bool,
    /// The group that holds it (`action.container`).
    pub(crate) container: usize,
}

impl ActionInfo {
    pub(crate) fn new(kind: Kind, option_strings: Vec<String>, dest: String) -> Self {
        ActionInfo {
            kind,
            option_strings,
            dest,
            nargs: None,
            const_: Value::None,
            default: Value::None,
            type_: None,
            choices: None,
            required: false,
            help: None,
            metavar: None,
            version: None,
            deprecated: false,
            container: 0,
        }
    }

    /// `action.option_strings`.
    pub fn option_strings(&self) -> &[String] {
        &self.option_strings
    }

    /// `action.dest`.
    pub fn dest(&self) -> &str {
        &self.dest
    }

    /// `action.nargs` (`None`: one value).
    pub fn nargs(&self) -> Option<Nargs> {
        self.nargs
    }

    /// `action.const`.
    pub fn const_(&self) -> &Value {
        &self.const_
    }

    /// `action.default`.
    pub fn default(&self) -> &Value {
        &self.default
    }

    /// `action.choices`.
    pub fn choices(&self) -> Option<&[Value]> {
        self.choices.as_deref()
    }

    /// `action.required`.
    pub fn required(&self) -> bool {
        self.required
    }

    /// `action.help`.
    pub fn help(&self) -> Option<&str> {
        self.help.as_deref()
    }

    /// `ArgumentError(self, message)`: an error about this argument.
    pub fn error(&self, message: impl Into<String>) -> ArgumentError {
        ArgumentError::with_kind(
            super::error::ErrorKind::Argument,
            self.name(),
            message.into(),
        )
    }

    pub(crate) fn is_optional(&self) -> bool {
        !self.option_strings.is_empty()
    }

    pub(crate) fn help_suppressed(&self) -> bool {
        self.help.as_deref() == Some(SUPPRESS)
    }

    /// The sub-command names when this is a subparsers action: its
    /// `choices`, the name-to-parser map.
    pub(crate) fn parser_names(&self) -> Option<Vec<&str>> {
        match &self.kind {
            Kind::Parsers(sub) => Some(sub.names().collect()),
            _ => None,
        }
    }

    /// The choices as `str()`s, for metavars and messages.
    pub(crate) fn choice_strs(&self) -> Option<Vec<String>> {
        if let Some(names) = self.parser_names() {
            return Some(names.into_iter().map(String::from).collect());
        }
        self.choices
            .as_ref()
            .map(|c| c.iter().map(Value::py_str).collect())
    }

    /// `_get_action_name(action)`: how errors name the argument.
    pub(crate) fn name(&self) -> Option<String> {
        if !self.option_strings.is_empty() {
            return Some(self.option_strings.join("/"));
        }
        match &self.metavar {
            Some(Metavar::One(m)) if m != SUPPRESS => return Some(m.clone()),
            Some(Metavar::Tuple(t)) => {
                let mut out = String::from("(");
                for (i, m) in t.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    super::pystr::repr_str(m, &mut out);
                }
                if t.len() == 1 {
                    out.push(',');
                }
                out.push(')');
                return Some(out);
            }
            _ => {}
        }
        if self.dest != SUPPRESS {
            return Some(self.dest.clone());
        }
        match self.choice_strs() {
            Some(choices) if !choices.is_empty() => {
                let mut out = String::from("{");
                out.push_str(&choices.join(","));
                out.push('}');
                Some(out)
            }
            _ => None,
        }
    }

    /// `Action.format_usage()`.
    pub(crate) fn format_usage(&self) -> String {
        match &self.kind {
            Kind::BooleanOptional => self.option_strings.join(" | "),
            Kind::Custom(custom) => custom.format_usage(self),
            _ => self.option_strings.first().cloned().unwrap_or_default(),
        }
    }
}
