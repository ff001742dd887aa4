//! `argparse.ArgumentParser`: its options, the actions it holds, argument
//! groups, sub-commands, defaults, help output and exits. Parsing itself
//! is in `parse.rs`.

use super::SUPPRESS;
use super::action::{Action, ActionInfo, Arg, Kind, Metavar, Nargs};
use super::error::{ArgumentError, ErrorKind};
use super::formatter::{Formatter, FormatterClass, usage_groups};
use super::pystr;
use super::subparsers::{SubParsers, SubParsersAction};
use super::value::Value;
use alloc::boxed::Box;
use alloc::rc::Rc;
use alloc::string::String;
use alloc::vec::Vec;

/// `conflict_handler=`: what adding an option string that is already in use
/// does.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ConflictHandler {
    /// `'error'`: `add_argument` fails.
    #[default]
    Error,
    /// `'resolve'`: the older action loses the option string (and goes
    /// away when it has none left).
    Resolve,
}

/// A line of `fromfile_prefix_chars` files into arguments
/// (`convert_arg_line_to_args`).
pub type ConvertArgLine = dyn Fn(&[u8]) -> Vec<Vec<u8>>;

/// An argument group (`_ArgumentGroup`), a section of the help.
#[derive(Clone)]
pub(crate) struct Group {
    pub(crate) title: Option<String>,
    pub(crate) description: Option<String>,
    pub(crate) actions: Vec<usize>,
    prefix_chars: Option<String>,
    argument_default: Option<Value>,
    conflict_handler: Option<ConflictHandler>,
}

/// A mutually exclusive group (`_MutuallyExclusiveGroup`).
#[derive(Clone)]
pub(crate) struct MutexGroup {
    pub(crate) required: bool,
    pub(crate) actions: Vec<usize>,
    container: Container,
}

/// Where `add_argument` was called: the parser, a group or a mutex group.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Container {
    Parser,
    Group(usize),
    Mutex(usize),
}

/// `argparse.ArgumentParser`—a command line's options, positionals and
/// sub-commands, and the help that describes them.
///
/// Python's constructor keywords are builder methods; `add_argument` and
/// friends return errors as values. See the [module docs](super).
#[derive(Clone)]
pub struct ArgumentParser {
    pub(crate) prog: Option<String>,
    pub(crate) usage: Option<String>,
    pub(crate) description: Option<String>,
    pub(crate) epilog: Option<String>,
    pub(crate) formatter_class: FormatterClass,
    pub(crate) prefix_chars: String,
    pub(crate) fromfile_prefix_chars: Option<String>,
    pub(crate) argument_default: Option<Value>,
    pub(crate) conflict_handler: ConflictHandler,
    pub(crate) allow_abbrev: bool,
    pub(crate) exit_on_error: bool,
    pub(crate) columns: Option<usize>,
    pub(crate) convert_arg_line: Option<Rc<ConvertArgLine>>,
    /// Every action ever added; removed ones stay so indices hold.
    pub(crate) arena: Vec<ActionInfo>,
    /// `_actions`, in order.
    pub(crate) actions: Vec<usize>,
    /// `_option_string_actions`, in insertion order.
    pub(crate) option_map: Vec<(String, usize)>,
    /// `_action_groups`: [0] is "positional arguments", [1] "options".
    pub(crate) groups: Vec<Group>,
    pub(crate) mutex_groups: Vec<MutexGroup>,
    /// `_defaults`.
    pub(crate) defaults: Vec<(String, Value)>,
    pub(crate) has_negative_number_optionals: bool,
    pub(crate) subparsers: Option<usize>,
    /// The `-h/--help` action made by the constructor, while it is the
    /// constructor's (so `prefix_chars` and `add_help` may still change it).
    auto_help: Option<usize>,
}

const POSITIONALS: usize = 0;
const OPTIONALS: usize = 1;

impl Default for ArgumentParser {
    fn default() -> Self {
        Self::new()
    }
}

impl ArgumentParser {
    /// `ArgumentParser()`: `prog` from `argv[0]`, `-h/--help` added.
    pub fn new() -> Self {
        let group = |title: &str| Group {
            title: Some(String::from(title)),
            description: None,
            actions: Vec::new(),
            prefix_chars: None,
            argument_default: None,
            conflict_handler: None,
        };
        let mut parser = ArgumentParser {
            prog: None,
            usage: None,
            description: None,
            epilog: None,
            formatter_class: FormatterClass::HELP,
            prefix_chars: String::from("-"),
            fromfile_prefix_chars: None,
            argument_default: None,
            conflict_handler: ConflictHandler::Error,
            allow_abbrev: true,
            exit_on_error: true,
            columns: None,
            convert_arg_line: None,
            arena: Vec::new(),
            actions: Vec::new(),
            option_map: Vec::new(),
            groups: alloc::vec![group("positional arguments"), group("options")],
            mutex_groups: Vec::new(),
            defaults: Vec::new(),
            has_negative_number_optionals: false,
            subparsers: None,
            auto_help: None,
        };
        let mut help = ActionInfo::new(Kind::Help, Vec::new(), String::from("help"));
        help.nargs = Some(Nargs::Exactly(0));
        help.default = Value::str(SUPPRESS);
        help.help = Some(String::from("show this help message and exit"));
        parser.arena.push(help);
        parser.auto_help = Some(0);
        parser.set_help_strings();
        parser
    }

    /// (Re)names the constructor's help option after `prefix_chars`.
    fn set_help_strings(&mut self) {
        let Some(id) = self.auto_help else { return };
        let p = if self.prefix_chars.contains('-') {
            '-'
        } else {
            self.prefix_chars.chars().next().unwrap_or('-')
        };
        let strings = alloc::vec![text!("{p}h"), text!("{p}{p}help")];
        self.option_map.clear();
        self.actions.clear();
        self.groups[OPTIONALS].actions.clear();
        self.arena[id].option_strings = strings.clone();
        self.arena[id].container = OPTIONALS;
        self.actions.push(id);
        self.groups[OPTIONALS].actions.push(id);
        for s in strings {
            self.option_map.push((s, id));
        }
        self.has_negative_number_optionals = false;
    }

    /// `prog=`: the program name in usage and messages.
    pub fn prog(mut self, prog: &str) -> Self {
        self.prog = Some(String::from(prog));
        self
    }

    /// `usage=`: replaces the generated usage (`%(prog)s` expanded).
    pub fn usage(mut self, usage: &str) -> Self {
        self.usage = Some(String::from(usage));
        self
    }

    /// `description=`.
    pub fn description(mut self, description: &str) -> Self {
        self.description = Some(String::from(description));
        self
    }

    /// `epilog=`.
    pub fn epilog(mut self, epilog: &str) -> Self {
        self.epilog = Some(String::from(epilog));
        self
    }

    /// `formatter_class=`.
    pub fn formatter_class(mut self, class: FormatterClass) -> Self {
        self.formatter_class = class;
        self
    }

    /// `prefix_chars=`: the characters options start with (`'-'`).
    pub fn prefix_chars(mut self, chars: &str) -> Self {
        self.prefix_chars = String::from(chars);
        self.set_help_strings();
        self
    }

    /// `fromfile_prefix_chars=`: an argument starting with one of these
    /// names a file of arguments, one per line.
    pub fn fromfile_prefix_chars(mut self, chars: &str) -> Self {
        self.fromfile_prefix_chars = Some(String::from(chars));
        self
    }

    /// Overrides `convert_arg_line_to_args` (a subclass's method in Python):
    /// how one line of an `@file` becomes arguments (default: the line is
    /// one argument).
    pub fn convert_arg_line_to_args(
        mut self,
        convert: impl Fn(&[u8]) -> Vec<Vec<u8>> + 'static,
    ) -> Self {
        self.convert_arg_line = Some(Rc::new(convert));
        self
    }

    /// `argument_default=`: the default of every argument that names none.
    pub fn argument_default(mut self, default: impl Into<Value>) -> Self {
        self.argument_default = Some(default.into());
        self
    }

    /// `conflict_handler=`.
    pub fn conflict_handler(mut self, handler: ConflictHandler) -> Self {
        self.conflict_handler = handler;
        self
    }

    /// `add_help=False` leaves out `-h/--help`.
    pub fn add_help(mut self, add_help: bool) -> Self {
        if !add_help {
            if let Some(id) = self.auto_help.take() {
                self.actions.retain(|&a| a != id);
                self.groups[OPTIONALS].actions.retain(|&a| a != id);
                self.option_map.retain(|&(_, a)| a != id);
            }
        } else if self.auto_help.is_none() && self.arena.len() == 1 {
            self.auto_help = Some(0);
            self.set_help_strings();
        }
        self
    }

    /// `allow_abbrev=`: whether `--fo` may stand for `--foo`.
    pub fn allow_abbrev(mut self, allow: bool) -> Self {
        self.allow_abbrev = allow;
        self
    }

    /// `exit_on_error=`: whether a command-line error becomes an exit
    /// (usage and message, status 2) or stays an [`ArgumentError`].
    pub fn exit_on_error(mut self, exit: bool) -> Self {
        self.exit_on_error = exit;
        self
    }

    /// The terminal width to format for, in place of `COLUMNS` and the
    /// terminal's size (Python reads them through
    /// `shutil.get_terminal_size()`). Sub-parsers inherit it while parsing.
    pub fn columns(mut self, columns: usize) -> Self {
        self.columns = Some(columns);
        self
    }

    /// Sets or clears the [`columns`](Self::columns) override of a parser
    /// already built (Python would see a changed `COLUMNS`).
    pub fn set_columns(&mut self, columns: Option<usize>) {
        self.columns = columns;
    }

    /// `parents=[…]`: copies each parent's arguments, groups and defaults.
    pub fn parents(mut self, parents: &[&ArgumentParser]) -> Result<Self, ArgumentError> {
        self.auto_help = None;
        for parent in parents {
            self.add_container_actions(parent)?;
            for (k, v) in &parent.defaults {
                set_pair(&mut self.defaults, k, v.clone());
            }
        }
        Ok(self)
    }

    /// `_add_container_actions(parent)`.
    fn add_container_actions(&mut self, parent: &ArgumentParser) -> Result<(), ArgumentError> {
        let mut titles: Vec<(Option<String>, usize)> = Vec::new();
        for (i, g) in self.groups.iter().enumerate() {
            if titles.iter().any(|(t, _)| *t == g.title) {
                let mut msg = String::from("cannot merge actions - two groups are named ");
                match &g.title {
                    Some(t) => pystr::repr_str(t, &mut msg),
                    None => msg.push_str("None"),
                }
                return Err(ArgumentError::definition(msg));
            }
            titles.push((g.title.clone(), i));
        }
        // Where each of the parent's actions goes.
        let mut target: Vec<(usize, Container)> = Vec::new();
        for g in &parent.groups {
            let index = match titles.iter().find(|(t, _)| *t == g.title) {
                Some(&(_, i)) => i,
                None => {
                    let i = self.push_group(g.title.clone(), g.description.clone());
                    self.groups[i].conflict_handler = g.conflict_handler;
                    titles.push((g.title.clone(), i));
                    i
                }
            };
            for &a in &g.actions {
                set_target(&mut target, a, Container::Group(index));
            }
        }
        for m in &parent.mutex_groups {
            let index = self.mutex_groups.len();
            self.mutex_groups.push(MutexGroup {
                required: m.required,
                actions: Vec::new(),
                container: Container::Parser,
            });
            for &a in &m.actions {
                set_target(&mut target, a, Container::Mutex(index));
            }
        }
        for &a in &parent.actions {
            let container = target
                .iter()
                .find(|(id, _)| *id == a)
                .map_or(Container::Parser, |&(_, c)| c);
            let mut action = parent.arena[a].clone();
            if let Kind::Parsers(_) = action.kind {
                action.container = 0;
            }
            self.add_action(container, action)?;
        }
        Ok(())
    }

    fn push_group(&mut self, title: Option<String>, description: Option<String>) -> usize {
        self.groups.push(Group {
            title,
            description,
            actions: Vec::new(),
            prefix_chars: None,
            argument_default: None,
            conflict_handler: None,
        });
        self.groups.len() - 1
    }

    /// `add_argument(*names, **kwargs)`.
    pub fn add_argument(&mut self, arg: Arg) -> Result<(), ArgumentError> {
        self.add_argument_to(Container::Parser, arg)
    }

    /// `add_argument_group(title, description)`—a help section of its own.
    pub fn add_argument_group(
        &mut self,
        title: Option<&str>,
        description: Option<&str>,
    ) -> ArgumentGroup<'_> {
        let index = self.push_group(title.map(String::from), description.map(String::from));
        ArgumentGroup {
            parser: self,
            index,
        }
    }

    /// The argument group made `index`-th (0 and 1 are the parser's own
    /// "positional arguments" and "options"), to add to it later.
    pub fn argument_group(&mut self, index: usize) -> Option<ArgumentGroup<'_>> {
        (index < self.groups.len()).then_some(ArgumentGroup {
            parser: self,
            index,
        })
    }

    /// `add_mutually_exclusive_group(required=…)`.
    pub fn add_mutually_exclusive_group(&mut self, required: bool) -> MutuallyExclusiveGroup<'_> {
        self.push_mutex(required, Container::Parser)
    }

    fn push_mutex(&mut self, required: bool, container: Container) -> MutuallyExclusiveGroup<'_> {
        self.mutex_groups.push(MutexGroup {
            required,
            actions: Vec::new(),
            container,
        });
        let index = self.mutex_groups.len() - 1;
        MutuallyExclusiveGroup {
            parser: self,
            index,
        }
    }

    /// `add_subparsers(**kwargs)`—makes this a parser of sub-commands, added
    /// with [`SubParsersAction::add_parser`].
    pub fn add_subparsers(
        &mut self,
        spec: SubParsers,
    ) -> Result<&mut SubParsersAction, ArgumentError> {
        if self.subparsers.is_some() {
            let mut err = ArgumentError::definition("cannot have multiple subparser arguments");
            let stderr = self.error_text(None, err.message());
            err.set_exit(2, String::new(), stderr, true);
            return Err(err);
        }
        let group = if spec.has_title_or_description {
            let title = spec
                .title
                .clone()
                .unwrap_or_else(|| String::from("subcommands"));
            self.push_group(Some(title), spec.description.clone())
        } else {
            POSITIONALS
        };
        let prog = match spec.prog {
            Some(p) => p,
            None => {
                let prog = self.prog_name();
                let mut f =
                    Formatter::new(&prog, self.formatter_class, self.terminal_columns(None));
                let positionals: Vec<&ActionInfo> =
                    self.positional_ids().map(|i| &self.arena[i]).collect();
                f.add_usage(
                    self.usage.as_deref(),
                    positionals,
                    usage_groups(&self.arena, &self.mutex_groups),
                    Some(""),
                );
                String::from(pystr::strip(&f.format_help()))
            }
        };
        let dest = spec.dest.unwrap_or_else(|| String::from(SUPPRESS));
        let sub = SubParsersAction::new(prog, dest.clone(), spec.metavar.clone());
        let mut action = ActionInfo::new(Kind::Parsers(Box::new(sub)), Vec::new(), dest);
        action.nargs = Some(Nargs::Parser);
        action.required = spec.required;
        action.help = spec.help;
        action.metavar = spec.metavar.map(Metavar::One);
        let id = self.add_action(Container::Group(group), action)?;
        self.subparsers = Some(id);
        self.subparsers_mut()
            .ok_or_else(|| ArgumentError::definition("no subparsers"))
    }

    /// The sub-commands added with [`add_subparsers`](Self::add_subparsers).
    pub fn subparsers_mut(&mut self) -> Option<&mut SubParsersAction> {
        match &mut self.arena.get_mut(self.subparsers?)?.kind {
            Kind::Parsers(sub) => Some(sub),
            _ => None,
        }
    }

    /// `set_defaults(**kwargs)`: attribute values set whatever the
    /// command line says (unless an argument with that dest is given);
    /// arguments with these dests take them as their defaults.
    pub fn set_defaults(&mut self, items: &[(&str, Value)]) {
        for (name, value) in items {
            set_pair(&mut self.defaults, name, value.clone());
            for &a in &self.actions {
                if self.arena[a].dest == *name {
                    self.arena[a].default = value.clone();
                }
            }
        }
    }

    /// `get_default(dest)`: an argument's default, else a
    /// [`set_defaults`](Self::set_defaults) value, else `None`.
    pub fn get_default(&self, dest: &str) -> Value {
        for &a in &self.actions {
            let action = &self.arena[a];
            if action.dest == dest && !action.default.is_none() {
                return action.default.clone();
            }
        }
        self.defaults
            .iter()
            .find(|(k, _)| k == dest)
            .map_or(Value::None, |(_, v)| v.clone())
    }

    pub(crate) fn container_prefix_chars(&self, c: Container) -> &str {
        match c {
            Container::Parser => &self.prefix_chars,
            Container::Group(g) => self.groups[g]
                .prefix_chars
                .as_deref()
                .unwrap_or(&self.prefix_chars),
            Container::Mutex(m) => self.container_prefix_chars(self.mutex_groups[m].container),
        }
    }

    fn container_argument_default(&self, c: Container) -> Option<&Value> {
        match c {
            Container::Parser => self.argument_default.as_ref(),
            Container::Group(g) => match &self.groups[g].argument_default {
                Some(v) => Some(v),
                None => self.argument_default.as_ref(),
            },
            Container::Mutex(m) => self.container_argument_default(self.mutex_groups[m].container),
        }
    }

    /// The full `add_argument`, with keyword processing as in
    /// `_ActionsContainer.add_argument`.
    pub(crate) fn add_argument_to(
        &mut self,
        container: Container,
        arg: Arg,
    ) -> Result<(), ArgumentError> {
        let chars = String::from(self.container_prefix_chars(container));
        let first_char = |s: &str| s.chars().next();
        for name in &arg.names {
            if name.is_empty() {
                return Err(ArgumentError::definition("string index out of range"));
            }
        }
        let positional = arg.names.is_empty()
            || (arg.names.len() == 1
                && !first_char(&arg.names[0]).is_some_and(|c| chars.contains(c)));
        let (option_strings, dest, required) = if positional {
            if !arg.names.is_empty() && arg.dest.is_some() {
                return Err(ArgumentError::definition(
                    "dest supplied twice for positional argument",
                ));
            }
            if arg.required.is_some() {
                return Err(ArgumentError::definition(
                    "'required' is an invalid argument for positionals",
                ));
            }
            let mut required = !matches!(arg.nargs, Some(Nargs::Optional | Nargs::ZeroOrMore));
            if arg.nargs == Some(Nargs::ZeroOrMore) && arg.default.is_none() {
                required = true;
            }
            let dest = match (arg.names.first(), &arg.dest) {
                (Some(name), _) => name.clone(),
                (None, Some(dest)) => dest.clone(),
                (None, None) => {
                    return Err(ArgumentError::definition(
                        "_get_positional_kwargs() missing 1 required positional argument: 'dest'",
                    ));
                }
            };
            (Vec::new(), dest, required)
        } else {
            let mut long = None;
            for name in &arg.names {
                if !first_char(name).is_some_and(|c| chars.contains(c)) {
                    let mut msg = String::from("invalid option string ");
                    pystr::repr_str(name, &mut msg);
                    msg.push_str(": must start with a character ");
                    pystr::repr_str(&chars, &mut msg);
                    return Err(ArgumentError::definition(msg));
                }
                if long.is_none() && name.chars().nth(1).is_some_and(|c| chars.contains(c)) {
                    long = Some(name.clone());
                }
            }
            let dest = match &arg.dest {
                Some(d) => d.clone(),
                None => {
                    let source = long.as_ref().unwrap_or(&arg.names[0]);
                    let stripped = source.trim_start_matches(|c| chars.contains(c));
                    if stripped.is_empty() {
                        let mut msg = String::from("dest= is required for options like ");
                        pystr::repr_str(arg.names.last().map_or("", String::as_str), &mut msg);
                        return Err(ArgumentError::definition(msg));
                    }
                    stripped.replace('-', "_")
                }
            };
            (arg.names.clone(), dest, arg.required.unwrap_or(false))
        };
        let default_given = arg.default.clone().or_else(|| {
            self.defaults
                .iter()
                .find(|(k, _)| *k == dest)
                .map(|(_, v)| v.clone())
                .or_else(|| self.container_argument_default(container).cloned())
        });
        let action = build_action(arg, option_strings, dest, required, default_given)?;
        self.add_action(container, action).map(|_| ())
    }

    /// `_add_action` down the container chain; returns the action's index.
    pub(crate) fn add_action(
        &mut self,
        container: Container,
        mut action: ActionInfo,
    ) -> Result<usize, ArgumentError> {
        match container {
            Container::Parser => {
                let group = if action.is_optional() {
                    OPTIONALS
                } else {
                    POSITIONALS
                };
                self.add_action(Container::Group(group), action)
            }
            Container::Mutex(m) => {
                if action.required {
                    return Err(ArgumentError::definition(
                        "mutually exclusive arguments must be optional",
                    ));
                }
                let inner = self.mutex_groups[m].container;
                let id = self.add_action(inner, action)?;
                self.mutex_groups[m].actions.push(id);
                Ok(id)
            }
            Container::Group(g) => {
                self.check_conflict(g, &action)?;
                self.auto_help = None;
                action.container = g;
                let id = self.arena.len();
                for s in &action.option_strings {
                    self.option_map.push((s.clone(), id));
                    if is_negative_number(s.as_bytes()) {
                        self.has_negative_number_optionals = true;
                    }
                }
                self.arena.push(action);
                self.actions.push(id);
                self.groups[g].actions.push(id);
                Ok(id)
            }
        }
    }

    fn check_conflict(&mut self, group: usize, action: &ActionInfo) -> Result<(), ArgumentError> {
        let conflicts: Vec<(String, usize)> = action
            .option_strings
            .iter()
            .filter_map(|s| {
                self.option_map
                    .iter()
                    .find(|(k, _)| k == s)
                    .map(|&(_, id)| (s.clone(), id))
            })
            .collect();
        if conflicts.is_empty() {
            return Ok(());
        }
        let handler = self.groups[group]
            .conflict_handler
            .unwrap_or(self.conflict_handler);
        match handler {
            ConflictHandler::Error => {
                let names: Vec<&str> = conflicts.iter().map(|(s, _)| s.as_str()).collect();
                let noun = if names.len() == 1 {
                    "string"
                } else {
                    "strings"
                };
                Err(ArgumentError::with_kind(
                    ErrorKind::Definition,
                    action.name(),
                    text!("conflicting option {noun}: {}", names.join(", ")),
                ))
            }
            ConflictHandler::Resolve => {
                for (s, id) in conflicts {
                    self.arena[id].option_strings.retain(|o| *o != s);
                    self.option_map.retain(|(k, _)| *k != s);
                    if self.arena[id].option_strings.is_empty() {
                        let g = self.arena[id].container;
                        self.actions.retain(|&a| a != id);
                        self.groups[g].actions.retain(|&a| a != id);
                    }
                }
                Ok(())
            }
        }
    }

    pub(crate) fn positional_ids(&self) -> impl Iterator<Item = usize> + '_ {
        self.actions
            .iter()
            .copied()
            .filter(|&a| !self.arena[a].is_optional())
    }

    /// `parser.prog`: as given, else `os.path.basename(sys.argv[0])`.
    pub fn prog_name(&self) -> String {
        match &self.prog {
            Some(p) => p.clone(),
            None => {
                let argv0 = crate::os::argv()
                    .next()
                    .map(|a| a.to_bytes())
                    .unwrap_or_default();
                let base = argv0.rsplit(|&b| b == b'/').next().unwrap_or_default();
                String::from(pystr::decode(base))
            }
        }
    }

    /// The columns to format for: this parser's setting, else the one
    /// passed down while parsing, else `shutil.get_terminal_size()`.
    pub(crate) fn terminal_columns(&self, inherited: Option<usize>) -> usize {
        if let Some(c) = self.columns.or(inherited) {
            return c;
        }
        let fallback = crate::tty::TerminalSize {
            columns: 80,
            lines: 24,
        };
        usize::from(crate::tty::terminal_size(fallback).columns)
    }

    pub(crate) fn format_usage_with(&self, columns: Option<usize>, usage: Option<&str>) -> String {
        let prog = self.prog_name();
        let mut f = Formatter::new(&prog, self.formatter_class, self.terminal_columns(columns));
        let actions: Vec<&ActionInfo> = self.actions.iter().map(|&i| &self.arena[i]).collect();
        f.add_usage(
            usage.or(self.usage.as_deref()),
            actions,
            usage_groups(&self.arena, &self.mutex_groups),
            None,
        );
        f.format_help()
    }

    pub(crate) fn format_help_with(&self, columns: Option<usize>, usage: Option<&str>) -> String {
        let prog = self.prog_name();
        let mut f = Formatter::new(&prog, self.formatter_class, self.terminal_columns(columns));
        let actions: Vec<&ActionInfo> = self.actions.iter().map(|&i| &self.arena[i]).collect();
        f.add_usage(
            usage.or(self.usage.as_deref()),
            actions,
            usage_groups(&self.arena, &self.mutex_groups),
            None,
        );
        f.add_text(self.description.as_deref());
        for group in &self.groups {
            f.start_section(group.title.as_deref());
            f.add_text(group.description.as_deref());
            for &a in &group.actions {
                f.add_argument(&self.arena[a]);
            }
            f.end_section();
        }
        f.add_text(self.epilog.as_deref());
        f.format_help()
    }

    /// `format_usage()`: `usage: PROG [-h] ...`, wrapped, with a newline.
    pub fn format_usage(&self) -> String {
        self.format_usage_with(None, None)
    }

    /// `format_help()`: usage, description, each group's arguments, epilog.
    pub fn format_help(&self) -> String {
        self.format_help_with(None, None)
    }

    /// `print_usage()` to stdout.
    pub fn print_usage(&self) {
        let _ = crate::io::stdout().write(self.format_usage().as_bytes());
    }

    /// `print_help()` to stdout.
    pub fn print_help(&self) {
        let _ = crate::io::stdout().write(self.format_help().as_bytes());
    }

    /// The text `error(message)` prints: the usage and
    /// `PROG: error: MESSAGE`.
    pub(crate) fn error_text(&self, columns: Option<usize>, message: &str) -> String {
        let mut text = self.format_usage_with(columns, None);
        text.push_str(&text!("{}: error: {message}\n", self.prog_name()));
        text
    }

    /// `error(message)`: prints the usage and `PROG: error: MESSAGE` on
    /// stderr and exits with status 2.
    pub fn error(&self, message: &str) -> ! {
        let _ = crate::io::stderr().write(self.error_text(None, message).as_bytes());
        crate::rt::exit(2)
    }

    /// `exit(status, message)`: prints `message` on stderr, exits.
    pub fn exit(&self, status: i32, message: Option<&str>) -> ! {
        if let Some(m) = message {
            let _ = crate::io::stderr().write(m.as_bytes());
        }
        crate::rt::exit(status)
    }
}

fn set_target(target: &mut Vec<(usize, Container)>, id: usize, c: Container) {
    match target.iter_mut().find(|(a, _)| *a == id) {
        Some(slot) => slot.1 = c,
        None => target.push((id, c)),
    }
}

pub(crate) fn set_pair(pairs: &mut Vec<(String, Value)>, key: &str, value: Value) {
    match pairs.iter_mut().find(|(k, _)| k == key) {
        Some(slot) => slot.1 = value,
        None => pairs.push((String::from(key), value)),
    }
}

/// `_negative_number_matcher`: `^-\d+$|^-\d*\.\d+$`.
pub(crate) fn is_negative_number(s: &[u8]) -> bool {
    let Ok(text) = core::str::from_utf8(s) else {
        return false;
    };
    let Some(rest) = text.strip_prefix('-') else {
        return false;
    };
    let digit = |c: char| pystr::decimal(c).is_some();
    if !rest.is_empty() && rest.chars().all(digit) {
        return true;
    }
    match rest.split_once('.') {
        Some((a, b)) => a.chars().all(digit) && !b.is_empty() && b.chars().all(digit),
        None => false,
    }
}

/// The keyword names each action class's `__init__` takes beyond
/// `option_strings` and `dest` (Python 3.13's `deprecated` included).
fn allowed(kind: &Action) -> (&'static str, &'static [&'static str]) {
    const VALUE: &[&str] = &[
        "nargs", "const", "default", "type", "choices", "required", "help", "metavar",
    ];
    match kind {
        Action::Store => ("_StoreAction", VALUE),
        Action::Append => ("_AppendAction", VALUE),
        Action::Extend => ("_ExtendAction", VALUE),
        Action::Custom(_) => ("Action", VALUE),
        Action::StoreConst => (
            "_StoreConstAction",
            &["const", "default", "required", "help", "metavar"],
        ),
        Action::AppendConst => (
            "_AppendConstAction",
            &["const", "default", "required", "help", "metavar"],
        ),
        Action::StoreTrue => ("_StoreTrueAction", &["default", "required", "help"]),
        Action::StoreFalse => ("_StoreFalseAction", &["default", "required", "help"]),
        Action::Count => ("_CountAction", &["default", "required", "help"]),
        Action::Help => ("_HelpAction", &["default", "help"]),
        Action::Version => ("_VersionAction", &["version", "default", "help"]),
        Action::BooleanOptional => (
            "BooleanOptionalAction",
            &["default", "type", "choices", "required", "help", "metavar"],
        ),
    }
}

/// The action class's constructor: checks the keywords it takes, fills in
/// its own defaults.
fn build_action(
    arg: Arg,
    option_strings: Vec<String>,
    dest: String,
    required: bool,
    default: Option<Value>,
) -> Result<ActionInfo, ArgumentError> {
    let action = arg.action.clone().unwrap_or(Action::Store);
    let (class, names) = allowed(&action);
    let given = [
        ("nargs", arg.nargs.is_some()),
        ("const", arg.const_.is_some()),
        ("type", arg.type_.is_some()),
        ("choices", arg.choices.is_some()),
        ("metavar", arg.metavar.is_some()),
        ("version", arg.version.is_some()),
        // `required` is always passed for positionals; only an explicit
        // `required=` reaches the class from an optional.
        (
            "required",
            arg.required.is_some() || (option_strings.is_empty() && required),
        ),
    ];
    for (name, is_given) in given {
        if is_given && !names.contains(&name) {
            return Err(ArgumentError::definition(text!(
                "{class}.__init__() got an unexpected keyword argument '{name}'"
            )));
        }
    }
    let kind = match &action {
        Action::Store => Kind::Store,
        Action::StoreConst => Kind::StoreConst,
        Action::StoreTrue => Kind::StoreTrue,
        Action::StoreFalse => Kind::StoreFalse,
        Action::Append => Kind::Append,
        Action::AppendConst => Kind::AppendConst,
        Action::Extend => Kind::Extend,
        Action::Count => Kind::Count,
        Action::Help => Kind::Help,
        Action::Version => Kind::Version,
        Action::BooleanOptional => Kind::BooleanOptional,
        Action::Custom(c) => Kind::Custom(c.clone()),
    };
    let mut option_strings = option_strings;
    if matches!(action, Action::BooleanOptional) {
        let mut expanded = Vec::new();
        for s in option_strings {
            let negated = s.strip_prefix("--").map(|rest| text!("--no-{rest}"));
            expanded.push(s);
            expanded.extend(negated);
        }
        option_strings = expanded;
    }
    let mut a = ActionInfo::new(kind, option_strings, dest);
    a.required = required;
    a.help = arg.help;
    a.metavar = arg.metavar;
    a.type_ = arg.type_;
    a.choices = arg.choices;
    a.deprecated = arg.deprecated.unwrap_or(false);
    a.const_ = arg.const_.unwrap_or(Value::None);
    match action {
        Action::Store | Action::Append | Action::Extend => {
            if arg.nargs == Some(Nargs::Exactly(0)) {
                let text = if matches!(action, Action::Store) {
                    "nargs for store actions must be != 0; if you have nothing to store, actions such as store true or store const may be more appropriate"
                } else {
                    "nargs for append actions must be != 0; if arg strings are not supplying the value to append, the append const action may be more appropriate"
                };
                return Err(ArgumentError::definition(text));
            }
            if !a.const_.is_none() && arg.nargs != Some(Nargs::Optional) {
                return Err(ArgumentError::definition(
                    "nargs must be '?' to supply const",
                ));
            }
            a.nargs = arg.nargs;
            a.default = default.unwrap_or(Value::None);
        }
        Action::StoreConst | Action::AppendConst | Action::Count | Action::BooleanOptional => {
            a.nargs = Some(Nargs::Exactly(0));
            a.default = default.unwrap_or(Value::None);
        }
        Action::StoreTrue | Action::StoreFalse => {
            let yes = matches!(action, Action::StoreTrue);
            a.nargs = Some(Nargs::Exactly(0));
            a.const_ = Value::Bool(yes);
            a.default = default.unwrap_or(Value::Bool(!yes));
        }
        Action::Help | Action::Version => {
            a.nargs = Some(Nargs::Exactly(0));
            a.default = default.unwrap_or_else(|| Value::str(SUPPRESS));
            a.version = arg.version;
            if a.help.is_none() && matches!(action, Action::Version) {
                a.help = Some(String::from("show program's version number and exit"));
            }
        }
        Action::Custom(_) => {
            a.nargs = arg.nargs;
            a.default = default.unwrap_or(Value::None);
        }
    }
    check_metavar(&a)?;
    Ok(a)
}

/// `_format_args(action, None)` must not fail: a metavar tuple's length
/// has to fit `nargs`.
fn check_metavar(a: &ActionInfo) -> Result<(), ArgumentError> {
    let Some(Metavar::Tuple(t)) = &a.metavar else {
        return Ok(());
    };
    let ok = match a.nargs {
        None | Some(Nargs::Optional | Nargs::Parser) => t.len() == 1,
        Some(Nargs::ZeroOrMore) => t.len() == 1 || t.len() == 2,
        Some(Nargs::OneOrMore) => t.len() == 2,
        Some(Nargs::Remainder | Nargs::Suppress) => true,
        Some(Nargs::Exactly(n)) => t.len() == n,
    };
    if ok {
        Ok(())
    } else {
        Err(ArgumentError::definition(
            "length of metavar tuple does not match nargs",
        ))
    }
}

/// An argument group of a parser (`_ArgumentGroup`): add arguments to it.
pub struct ArgumentGroup<'p> {
    parser: &'p mut ArgumentParser,
    index: usize,
}

impl ArgumentGroup<'_> {
    /// This group's position in the parser's groups (see
    /// [`ArgumentParser::argument_group`]).
    pub fn index(&self) -> usize {
        self.index
    }

    /// `add_argument` into this group.
    pub fn add_argument(&mut self, arg: Arg) -> Result<(), ArgumentError> {
        self.parser
            .add_argument_to(Container::Group(self.index), arg)
    }

    /// `group.add_mutually_exclusive_group(required=…)`: its arguments are
    /// listed in this group.
    pub fn add_mutually_exclusive_group(&mut self, required: bool) -> MutuallyExclusiveGroup<'_> {
        self.parser
            .push_mutex(required, Container::Group(self.index))
    }

    /// `add_argument_group(..., prefix_chars=…)`.
    pub fn prefix_chars(self, chars: &str) -> Self {
        self.parser.groups[self.index].prefix_chars = Some(String::from(chars));
        self
    }

    /// `add_argument_group(..., argument_default=…)`.
    pub fn argument_default(self, default: impl Into<Value>) -> Self {
        self.parser.groups[self.index].argument_default = Some(default.into());
        self
    }

    /// `add_argument_group(..., conflict_handler=…)`.
    pub fn conflict_handler(self, handler: ConflictHandler) -> Self {
        self.parser.groups[self.index].conflict_handler = Some(handler);
        self
    }

    /// `group.set_defaults(**kwargs)`: the parser's defaults.
    pub fn set_defaults(&mut self, items: &[(&str, Value)]) {
        self.parser.set_defaults(items)
    }
}

/// A mutually exclusive group: at most one of its arguments may be given
/// (and, when required, one must).
pub struct MutuallyExclusiveGroup<'p> {
    parser: &'p mut ArgumentParser,
    index: usize,
}

impl MutuallyExclusiveGroup<'_> {
    /// `add_argument` into this group (the argument must not be required).
    pub fn add_argument(&mut self, arg: Arg) -> Result<(), ArgumentError> {
        self.parser
            .add_argument_to(Container::Mutex(self.index), arg)
    }

    /// A group nested in this one (deprecated in Python, kept working).
    pub fn add_mutually_exclusive_group(&mut self, required: bool) -> MutuallyExclusiveGroup<'_> {
        self.parser
            .push_mutex(required, Container::Mutex(self.index))
    }
}
