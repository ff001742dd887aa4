//! Sub-commands: `add_subparsers()` and the `_SubParsersAction` it returns.

use super::action::{ActionInfo, Kind, Metavar};
use super::error::{ArgumentError, ErrorKind};
use super::parser::ArgumentParser;
use alloc::string::String;
use alloc::vec::Vec;

/// The keyword arguments of `add_subparsers(**kwargs)`.
#[derive(Clone, Default)]
pub struct SubParsers {
    pub(crate) title: Option<String>,
    pub(crate) description: Option<String>,
    pub(crate) has_title_or_description: bool,
    pub(crate) prog: Option<String>,
    pub(crate) dest: Option<String>,
    pub(crate) required: bool,
    pub(crate) help: Option<String>,
    pub(crate) metavar: Option<String>,
}

impl SubParsers {
    /// `add_subparsers()` with no keyword argument.
    pub fn new() -> Self {
        Self::default()
    }

    /// `title=`: the sub-commands get their own help section (default
    /// title `subcommands` once `title` or `description` is given).
    pub fn title(mut self, title: &str) -> Self {
        self.title = Some(String::from(title));
        self.has_title_or_description = true;
        self
    }

    /// `description=`.
    pub fn description(mut self, description: &str) -> Self {
        self.description = Some(String::from(description));
        self.has_title_or_description = true;
        self
    }

    /// `prog=`: the start of each sub-parser's `prog`.
    pub fn prog(mut self, prog: &str) -> Self {
        self.prog = Some(String::from(prog));
        self
    }

    /// `dest=`: where the chosen name is stored.
    pub fn dest(mut self, dest: &str) -> Self {
        self.dest = Some(String::from(dest));
        self
    }

    /// `required=`.
    pub fn required(mut self, required: bool) -> Self {
        self.required = required;
        self
    }

    /// `help=`.
    pub fn help(mut self, help: &str) -> Self {
        self.help = Some(String::from(help));
        self
    }

    /// `metavar=`.
    pub fn metavar(mut self, metavar: &str) -> Self {
        self.metavar = Some(String::from(metavar));
        self
    }
}

/// The keyword arguments of `add_parser(name, ...)` that are not the
/// parser's own: its aliases, its help line and whether it is deprecated.
/// A plain `&str` is a name alone.
#[derive(Clone, Default)]
pub struct Command {
    pub(crate) name: String,
    pub(crate) aliases: Vec<String>,
    pub(crate) help: Option<String>,
    pub(crate) deprecated: bool,
}

impl Command {
    /// `add_parser(name)`.
    pub fn new(name: &str) -> Self {
        Command {
            name: String::from(name),
            ..Command::default()
        }
    }

    /// `aliases=[…]`.
    pub fn aliases(mut self, aliases: &[&str]) -> Self {
        self.aliases = aliases.iter().map(|&a| String::from(a)).collect();
        self
    }

    /// `help=`: the sub-command gets a line under the sub-commands.
    pub fn help(mut self, help: &str) -> Self {
        self.help = Some(String::from(help));
        self
    }

    /// `deprecated=True` (Python 3.13): choosing it prints
    /// `PROG: warning: command 'NAME' is deprecated`.
    pub fn deprecated(mut self, deprecated: bool) -> Self {
        self.deprecated = deprecated;
        self
    }
}

impl From<&str> for Command {
    fn from(name: &str) -> Self {
        Command::new(name)
    }
}

/// `argparse._SubParsersAction`: the sub-commands of a parser. Add them
/// with [`add_parser`](Self::add_parser).
#[derive(Clone)]
pub struct SubParsersAction {
    pub(crate) prog_prefix: String,
    /// Names and aliases with the parser each selects, in the order added
    /// (`_name_parser_map`).
    pub(crate) map: Vec<(String, usize)>,
    pub(crate) parsers: Vec<ArgumentParser>,
    pub(crate) choices_actions: Vec<ActionInfo>,
    pub(crate) deprecated: Vec<String>,
    /// The action's `dest` and `metavar`, for `add_parser`'s errors.
    pub(crate) dest: String,
    pub(crate) metavar: Option<String>,
}

impl SubParsersAction {
    pub(crate) fn new(prog_prefix: String, dest: String, metavar: Option<String>) -> Self {
        SubParsersAction {
            prog_prefix,
            map: Vec::new(),
            parsers: Vec::new(),
            choices_actions: Vec::new(),
            deprecated: Vec::new(),
            dest,
            metavar,
        }
    }

    /// `_get_action_name(self)`.
    fn action_name(&self) -> Option<String> {
        if let Some(m) = self.metavar.as_ref().filter(|m| *m != super::SUPPRESS) {
            return Some(m.clone());
        }
        if self.dest != super::SUPPRESS {
            return Some(self.dest.clone());
        }
        (!self.map.is_empty()).then(|| text!("{{{}}}", self.names().collect::<Vec<_>>().join(",")))
    }

    /// The names in order: the action's `choices`.
    pub(crate) fn names(&self) -> impl Iterator<Item = &str> {
        self.map.iter().map(|(n, _)| n.as_str())
    }

    /// The parser a name or alias selects.
    pub fn parser(&self, name: &str) -> Option<&ArgumentParser> {
        let (_, i) = self.map.iter().find(|(n, _)| n == name)?;
        self.parsers.get(*i)
    }

    /// The parser a name or alias selects, to add arguments to it later.
    pub fn parser_mut(&mut self, name: &str) -> Option<&mut ArgumentParser> {
        let (_, i) = self.map.iter().find(|(n, _)| n == name)?;
        self.parsers.get_mut(*i)
    }

    /// Every sub-parser, in the order added.
    pub fn parsers_mut(&mut self) -> impl Iterator<Item = &mut ArgumentParser> {
        self.parsers.iter_mut()
    }

    /// `add_parser(name, aliases=…, help=…, **kwargs)`—adds a sub-command
    /// parsed by `parser`. Its `prog` defaults to the parent's usage
    /// without options, then the name (`PROG checkout`).
    pub fn add_parser(
        &mut self,
        command: impl Into<Command>,
        mut parser: ArgumentParser,
    ) -> Result<&mut ArgumentParser, ArgumentError> {
        let command = command.into();
        if parser.prog.is_none() {
            parser.prog = Some(text!("{} {}", self.prog_prefix, command.name));
        }
        let error = |message: String| {
            ArgumentError::with_kind(ErrorKind::Definition, self.action_name(), message)
        };
        if self.map.iter().any(|(n, _)| *n == command.name) {
            return Err(error(text!("conflicting subparser: {}", command.name)));
        }
        for alias in &command.aliases {
            if self.map.iter().any(|(n, _)| n == alias) {
                return Err(error(text!("conflicting subparser alias: {alias}")));
            }
        }
        if command.deprecated {
            self.deprecated.push(command.name.clone());
            self.deprecated.extend(command.aliases.iter().cloned());
        }
        if let Some(help) = command.help {
            let mut metavar = command.name.clone();
            if !command.aliases.is_empty() {
                metavar.push_str(" (");
                metavar.push_str(&command.aliases.join(", "));
                metavar.push(')');
            }
            let mut pseudo = ActionInfo::new(Kind::Pseudo, Vec::new(), command.name.clone());
            pseudo.help = Some(help);
            pseudo.metavar = Some(Metavar::One(metavar));
            self.choices_actions.push(pseudo);
        }
        let index = self.parsers.len();
        self.parsers.push(parser);
        self.map.push((command.name, index));
        for alias in command.aliases {
            self.map.push((alias, index));
        }
        Ok(&mut self.parsers[index])
    }
}
