//! `argparse.ArgumentError`, and what Python would have printed and exited
//! with where it raises `SystemExit`.

use alloc::boxed::Box;
use alloc::string::String;
use core::fmt;

/// What kind of failure (or exit request) an [`ArgumentError`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// The command line is wrong: Python's `ArgumentError` while parsing
    /// (a missing value, an invalid choice, a required argument absent,
    /// unrecognized arguments).
    Argument,
    /// The parser's definition is wrong: Python raises `ValueError`,
    /// `TypeError` or `ArgumentError` from `add_argument`,
    /// `add_subparsers`, `add_parser` and friends.
    Definition,
    /// Not a failure: `-h`, `--version`, or an action calling
    /// [`ArgumentParser::exit`](super::ArgumentParser::exit), where Python
    /// prints and raises `SystemExit`.
    Exit,
}

/// `argparse.ArgumentError`—why a parse did not produce a namespace.
///
/// `Display` gives `str(err)`: `argument --x: invalid int value: 'abc'`.
/// Where Python would have printed something and exited (`-h`, or any
/// error once a parser with `exit_on_error=True` caught it), the error
/// also carries that output and status: [`exit_status`](Self::exit_status),
/// [`stdout`](Self::stdout), [`stderr`](Self::stderr), and
/// [`exit`](Self::exit) does it.
pub struct ArgumentError(Box<Inner>);

struct Inner {
    kind: ErrorKind,
    argument_name: Option<String>,
    message: String,
    exit: Option<Exit>,
    python_exits: bool,
}

/// What Python prints before `sys.exit(status)`.
struct Exit {
    status: i32,
    stdout: String,
    stderr: String,
}

impl ArgumentError {
    /// `ArgumentError(argument, message)`: a command-line error about the
    /// argument named `argument_name` (`--x`, `-x/--xx`, a metavar), or
    /// about no argument in particular. For user-defined actions and types.
    pub fn new(argument_name: Option<&str>, message: impl Into<String>) -> Self {
        Self::with_kind(
            ErrorKind::Argument,
            argument_name.map(String::from),
            message.into(),
        )
    }

    pub(crate) fn with_kind(
        kind: ErrorKind,
        argument_name: Option<String>,
        message: String,
    ) -> Self {
        ArgumentError(Box::new(Inner {
            kind,
            argument_name,
            message,
            exit: None,
            python_exits: false,
        }))
    }

    /// A definition error (Python's `ValueError`/`TypeError`).
    pub(crate) fn definition(message: impl Into<String>) -> Self {
        Self::with_kind(ErrorKind::Definition, None, message.into())
    }

    /// `parser.exit(status, message)`: ends the parse with `status`,
    /// printing `message` on stderr.
    pub fn exit_request(status: i32, message: impl Into<String>) -> Self {
        let message = message.into();
        let mut err = Self::with_kind(ErrorKind::Exit, None, message.clone());
        err.set_exit(status, String::new(), message, true);
        err
    }

    /// A help or version exit: `text` goes to stdout, status 0.
    pub(crate) fn print_and_exit(text: String) -> Self {
        let mut err = Self::with_kind(ErrorKind::Exit, None, String::new());
        err.set_exit(0, text, String::new(), true);
        err
    }

    pub(crate) fn set_exit(
        &mut self,
        status: i32,
        stdout: String,
        stderr: String,
        python_exits: bool,
    ) {
        self.0.exit = Some(Exit {
            status,
            stdout,
            stderr,
        });
        self.0.python_exits = python_exits;
    }

    pub(crate) fn has_exit(&self) -> bool {
        self.0.exit.is_some()
    }

    /// Whether this is a failure or a request to exit.
    pub fn kind(&self) -> ErrorKind {
        self.0.kind
    }

    /// `ArgumentError.argument_name`: the argument the error concerns.
    pub fn argument_name(&self) -> Option<&str> {
        self.0.argument_name.as_deref()
    }

    /// `ArgumentError.message`, without the argument's name.
    pub fn message(&self) -> &str {
        &self.0.message
    }

    /// The status Python would have exited with here, or `None` where it
    /// would have raised instead (`exit_on_error=False`, or a definition
    /// error).
    pub fn exit_status(&self) -> Option<i32> {
        self.0
            .exit
            .as_ref()
            .filter(|_| self.0.python_exits)
            .map(|e| e.status)
    }

    /// What [`exit`](Self::exit) prints on stdout: the help or version text.
    pub fn stdout(&self) -> &str {
        self.0.exit.as_ref().map_or("", |e| &e.stdout)
    }

    /// What [`exit`](Self::exit) prints on stderr: for a command-line error
    /// the usage and `PROG: error: MESSAGE`.
    pub fn stderr(&self) -> &str {
        self.0.exit.as_ref().map_or("", |e| &e.stderr)
    }

    /// Writes what Python would print: [`stdout`](Self::stdout) then
    /// [`stderr`](Self::stderr).
    pub fn print(&self) {
        if let Some(exit) = &self.0.exit {
            let _ = crate::io::stdout().write(exit.stdout.as_bytes());
            let _ = crate::io::stderr().write(exit.stderr.as_bytes());
        } else {
            let _ = crate::io::stderr().write(text!("{self}\n").as_bytes());
        }
    }

    /// Prints as [`print`](Self::print) does and ends the process the way
    /// Python would: status 0 after help, 2 after a command-line error
    /// (also one that `exit_on_error=False` let through: it is shown as
    /// `parser.error(str(err))` would show it), 1 after a definition error,
    /// like an uncaught exception.
    pub fn exit(&self) -> ! {
        self.print();
        let status = match (&self.0.exit, self.0.kind) {
            (Some(exit), _) => exit.status,
            (None, ErrorKind::Definition) => 1,
            (None, _) => 2,
        };
        crate::rt::exit(status)
    }
}

impl fmt::Display for ArgumentError {
    /// `str(err)`: `argument NAME: MESSAGE`, or the message alone.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0.argument_name {
            Some(name) => {
                write!(f, "argument {name}: {}", self.0.message)
            }
            _ => f.write_str(&self.0.message),
        }
    }
}

impl core::error::Error for ArgumentError {}

impl fmt::Debug for ArgumentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ArgumentError")
            .field("kind", &self.0.kind)
            .field("message", &text!("{self}"))
            .field("exit_status", &self.exit_status())
            .finish()
    }
}
