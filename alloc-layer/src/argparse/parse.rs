//! Parsing: `parse_args`, `parse_known_args` and the intermixed variants,
//! following CPython 3.11's `_parse_known_args` step by step: each
//! argument classified as an option (`O`), an argument (`A`) or `--`
//! (`-`), actions matched against that pattern with the `nargs` patterns'
//! greedy, backtracking rules, then defaults, required arguments and
//! required groups checked.

use super::SUPPRESS;
use super::action::{ActionInfo, Kind, Nargs};
use super::error::{ArgumentError, ErrorKind};
use super::file;
use super::namespace::Namespace;
use super::parser::{ArgumentParser, is_negative_number};
use super::pystr::{self, Unit, first_unit};
use super::value::Value;
use alloc::borrow::Cow;
use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;

/// What one parse passes down: the width sub-parsers inherit, the
/// warnings printed so far, and the intermixed mode's temporary changes.
#[derive(Default)]
pub(crate) struct Ctx {
    pub(crate) columns: Option<usize>,
    pub(crate) warnings: String,
    ovr: Overrides,
}

/// `parse_known_intermixed_args` changes the parser for each of its two
/// passes; here the changes travel with the parse instead.
#[derive(Default, Clone)]
struct Overrides {
    /// Pass one: positionals take `nargs=SUPPRESS`, `default=SUPPRESS`.
    positionals_suppressed: bool,
    /// Pass two: no optional and no group is required.
    nothing_required: bool,
    /// `self.usage` as both passes see it.
    usage: Option<String>,
}

/// One option found in an argument: `(action, option_string,
/// explicit_arg)`; no action for an option this parser does not know.
#[derive(Clone)]
struct OptionTuple {
    action: Option<usize>,
    option_string: Vec<u8>,
    explicit_arg: Option<Vec<u8>>,
}

/// The arguments of a parse, as bytes.
fn owned_args<A: AsRef<[u8]>>(args: &[A]) -> Vec<Vec<u8>> {
    args.iter().map(|a| a.as_ref().to_vec()).collect()
}

/// What `parse_known_args` returns: the namespace and the arguments no
/// action took.
pub type KnownArgs = (Namespace, Vec<Vec<u8>>);

/// `sys.argv[1:]` from the runtime.
pub fn sys_args() -> Vec<&'static [u8]> {
    crate::os::argv().skip(1).map(|a| a.to_bytes()).collect()
}

impl ArgumentParser {
    /// `parse_args(args)`—parses `args` (without the program name) into a
    /// [`Namespace`], or says why not.
    ///
    /// Nothing is printed except Python 3.13's deprecation warnings. An
    /// error carries what Python would print and the exit status; end the
    /// program with it through [`ArgumentError::exit`], or use
    /// [`parse_args_or_exit`](Self::parse_args_or_exit).
    pub fn parse_args<A: AsRef<[u8]>>(&self, args: &[A]) -> Result<Namespace, ArgumentError> {
        self.run(owned_args(args), Namespace::new(), false, false)
            .map(|(ns, _)| ns)
    }

    /// `parse_args(args, namespace)`: adds to an existing namespace.
    pub fn parse_args_into<A: AsRef<[u8]>>(
        &self,
        args: &[A],
        namespace: Namespace,
    ) -> Result<Namespace, ArgumentError> {
        self.run(owned_args(args), namespace, false, false)
            .map(|(ns, _)| ns)
    }

    /// `parse_known_args(args)`: also returns the arguments no action took.
    pub fn parse_known_args<A: AsRef<[u8]>>(
        &self,
        args: &[A],
    ) -> Result<(Namespace, Vec<Vec<u8>>), ArgumentError> {
        self.run(owned_args(args), Namespace::new(), true, false)
    }

    /// `parse_intermixed_args(args)`: options and positionals in any order
    /// (`prog -x 1 a -y 2 b`), positionals collected across the options.
    pub fn parse_intermixed_args<A: AsRef<[u8]>>(
        &self,
        args: &[A],
    ) -> Result<Namespace, ArgumentError> {
        self.run(owned_args(args), Namespace::new(), false, true)
            .map(|(ns, _)| ns)
    }

    /// `parse_known_intermixed_args(args)`.
    pub fn parse_known_intermixed_args<A: AsRef<[u8]>>(
        &self,
        args: &[A],
    ) -> Result<(Namespace, Vec<Vec<u8>>), ArgumentError> {
        self.run(owned_args(args), Namespace::new(), true, true)
    }

    /// `parse_args()` as a Python program calls it: the process's own
    /// arguments (`sys.argv[1:]`); `-h` prints the help and exits 0, an
    /// error prints the usage and message and exits 2.
    pub fn parse_args_or_exit(&self) -> Namespace {
        match self.parse_args(&sys_args()) {
            Ok(ns) => ns,
            Err(e) => e.exit(),
        }
    }

    /// Any of the four parses (`known`: keep unrecognized arguments;
    /// `intermixed`: the intermixed form), with the deprecation warnings
    /// returned instead of printed.
    pub fn parse_with_warnings<A: AsRef<[u8]>>(
        &self,
        args: &[A],
        known: bool,
        intermixed: bool,
    ) -> (Result<KnownArgs, ArgumentError>, String) {
        let mut ctx = Ctx::default();
        let result = self.run_ctx(
            owned_args(args),
            Namespace::new(),
            known,
            intermixed,
            &mut ctx,
        );
        (result, ctx.warnings)
    }

    fn run(
        &self,
        args: Vec<Vec<u8>>,
        ns: Namespace,
        known: bool,
        intermixed: bool,
    ) -> Result<(Namespace, Vec<Vec<u8>>), ArgumentError> {
        let mut ctx = Ctx::default();
        let result = self.run_ctx(args, ns, known, intermixed, &mut ctx);
        if !ctx.warnings.is_empty() {
            let _ = crate::io::stderr().write(ctx.warnings.as_bytes());
        }
        result
    }

    fn run_ctx(
        &self,
        args: Vec<Vec<u8>>,
        ns: Namespace,
        known: bool,
        intermixed: bool,
        ctx: &mut Ctx,
    ) -> Result<(Namespace, Vec<Vec<u8>>), ArgumentError> {
        let result = if intermixed {
            self.known_intermixed(args, ns, ctx)
        } else {
            self.parse_known(args, ns, ctx)
        };
        let result = result.and_then(|(ns, extras)| {
            if known || extras.is_empty() {
                return Ok((ns, extras));
            }
            let joined: Vec<String> = extras
                .iter()
                .map(|e| String::from(pystr::decode(e)))
                .collect();
            let err =
                ArgumentError::new(None, text!("unrecognized arguments: {}", joined.join(" ")));
            Err(self.claim(err, ctx))
        });
        result.map_err(|mut err| {
            // exit_on_error=False let it through: show it as
            // `parser.error(str(err))` would, should the caller exit.
            if err.kind() == ErrorKind::Argument && !err.has_exit() {
                let text = self.error_text(ctx.columns, &text!("{err}"));
                err.set_exit(2, String::new(), text, false);
            }
            err
        })
    }

    /// What `parse_known_args` does with an `ArgumentError` when
    /// `exit_on_error` is set: `self.error(str(err))`.
    fn claim(&self, mut err: ArgumentError, ctx: &Ctx) -> ArgumentError {
        if self.exit_on_error && err.kind() == ErrorKind::Argument && !err.has_exit() {
            let usage = self.format_usage_with(ctx.columns, ctx.ovr.usage.as_deref());
            let text = text!("{usage}{}: error: {err}\n", self.prog_name());
            err.set_exit(2, String::new(), text, true);
        }
        err
    }

    fn known_intermixed(
        &self,
        args: Vec<Vec<u8>>,
        ns: Namespace,
        ctx: &mut Ctx,
    ) -> Result<(Namespace, Vec<Vec<u8>>), ArgumentError> {
        let positionals: Vec<usize> = self.positional_ids().collect();
        for &p in &positionals {
            if let Some(n @ (Nargs::Parser | Nargs::Remainder)) = self.arena[p].nargs {
                let shown = n.value().py_str();
                return Err(ArgumentError::definition(text!(
                    "parse_intermixed_args: positional arg with nargs={shown}"
                )));
            }
        }
        if self
            .mutex_groups
            .iter()
            .any(|g| g.actions.iter().any(|a| positionals.contains(a)))
        {
            return Err(ArgumentError::definition(
                "parse_intermixed_args: positional in mutuallyExclusiveGroup",
            ));
        }
        let usage = match &self.usage {
            Some(u) => u.clone(),
            None => self
                .format_usage_with(ctx.columns, None)
                .chars()
                .skip(7)
                .collect(),
        };
        let saved = core::mem::take(&mut ctx.ovr);
        ctx.ovr = Overrides {
            positionals_suppressed: true,
            nothing_required: false,
            usage: Some(usage.clone()),
        };
        let first = self.parse_known(args, ns, ctx);
        let (mut ns, remaining) = match first {
            Ok(r) => r,
            Err(e) => {
                ctx.ovr = saved;
                return Err(e);
            }
        };
        for &p in &positionals {
            let dest = &self.arena[p].dest;
            if matches!(ns.value(dest), Some(Value::List(l)) if l.is_empty()) {
                ns.remove(dest);
            }
        }
        ctx.ovr = Overrides {
            positionals_suppressed: false,
            nothing_required: true,
            usage: Some(usage),
        };
        let second = self.parse_known(remaining, ns, ctx);
        ctx.ovr = saved;
        second
    }

    fn nargs_of(&self, a: usize, ctx: &Ctx) -> Option<Nargs> {
        let action = &self.arena[a];
        if ctx.ovr.positionals_suppressed && !action.is_optional() {
            Some(Nargs::Suppress)
        } else {
            action.nargs
        }
    }

    fn default_of(&self, a: usize, ctx: &Ctx) -> Cow<'_, Value> {
        let action = &self.arena[a];
        if ctx.ovr.positionals_suppressed && !action.is_optional() {
            Cow::Owned(Value::str(SUPPRESS))
        } else {
            Cow::Borrowed(&action.default)
        }
    }

    fn required_of(&self, a: usize, ctx: &Ctx) -> bool {
        let action = &self.arena[a];
        action.required && !(ctx.ovr.nothing_required && action.is_optional())
    }

    /// `parse_known_args(args, namespace)` of this parser.
    pub(crate) fn parse_known(
        &self,
        args: Vec<Vec<u8>>,
        mut ns: Namespace,
        ctx: &mut Ctx,
    ) -> Result<(Namespace, Vec<Vec<u8>>), ArgumentError> {
        for &a in &self.actions {
            let action = &self.arena[a];
            let default = self.default_of(a, ctx);
            if action.dest != SUPPRESS && !ns.contains(&action.dest) && !default.is_suppress() {
                ns.set_value(&action.dest, default.into_owned(), true);
            }
        }
        for (k, v) in &self.defaults {
            if !ns.contains(k) {
                ns.set_value(k, v.clone(), false);
            }
        }
        let inherited = ctx.columns;
        ctx.columns = self.columns.or(inherited);
        let result = self
            .parse_known_inner(args, &mut ns, ctx)
            .map_err(|e| self.claim(e, ctx));
        ctx.columns = inherited;
        let mut extras = result?;
        extras.append(&mut ns.unrecognized);
        Ok((ns, extras))
    }

    fn is_prefix_char(&self, unit: Unit) -> bool {
        matches!(unit, Unit::Char(c) if self.prefix_chars.contains(c))
    }

    fn lookup(&self, option: &[u8]) -> Option<usize> {
        self.option_map
            .iter()
            .find(|(s, _)| s.as_bytes() == option)
            .map(|&(_, id)| id)
    }

    /// `_parse_optional(arg_string)`.
    fn parse_optional(&self, arg: &[u8]) -> Result<Option<OptionTuple>, ArgumentError> {
        let Some((first, _)) = first_unit(arg) else {
            return Ok(None);
        };
        if !self.is_prefix_char(first) {
            return Ok(None);
        }
        if let Some(id) = self.lookup(arg) {
            return Ok(Some(OptionTuple {
                action: Some(id),
                option_string: arg.to_vec(),
                explicit_arg: None,
            }));
        }
        if pystr::units(arg) == 1 {
            return Ok(None);
        }
        if let Some(eq) = arg.iter().position(|&b| b == b'=')
            && let Some(id) = self.lookup(&arg[..eq])
        {
            return Ok(Some(OptionTuple {
                action: Some(id),
                option_string: arg[..eq].to_vec(),
                explicit_arg: Some(arg[eq + 1..].to_vec()),
            }));
        }
        let tuples = self.option_tuples(arg);
        if tuples.len() > 1 {
            let names: Vec<&str> = tuples
                .iter()
                .map(|t| core::str::from_utf8(&t.option_string).unwrap_or(""))
                .collect();
            return Err(ArgumentError::new(
                None,
                text!(
                    "ambiguous option: {} could match {}",
                    pystr::decode(arg),
                    names.join(", ")
                ),
            ));
        }
        if let Some(t) = tuples.into_iter().next() {
            return Ok(Some(t));
        }
        if is_negative_number(arg) && !self.has_negative_number_optionals {
            return Ok(None);
        }
        if arg.contains(&b' ') {
            return Ok(None);
        }
        Ok(Some(OptionTuple {
            action: None,
            option_string: arg.to_vec(),
            explicit_arg: None,
        }))
    }

    /// `_get_option_tuples(option_string)`: the options `arg` may abbreviate.
    fn option_tuples(&self, arg: &[u8]) -> Vec<OptionTuple> {
        let mut result = Vec::new();
        let Some((c0, w0)) = first_unit(arg) else {
            return result;
        };
        let Some((c1, w1)) = first_unit(&arg[w0..]) else {
            return result;
        };
        if !self.is_prefix_char(c0) {
            return result;
        }
        if self.is_prefix_char(c1) {
            if self.allow_abbrev {
                let (prefix, explicit) = match arg.iter().position(|&b| b == b'=') {
                    Some(eq) => (&arg[..eq], Some(arg[eq + 1..].to_vec())),
                    None => (arg, None),
                };
                for (s, id) in &self.option_map {
                    if s.as_bytes().starts_with(prefix) {
                        result.push(OptionTuple {
                            action: Some(*id),
                            option_string: s.as_bytes().to_vec(),
                            explicit_arg: explicit.clone(),
                        });
                    }
                }
            }
        } else {
            let short = &arg[..w0 + w1];
            let short_explicit = &arg[w0 + w1..];
            for (s, id) in &self.option_map {
                if s.as_bytes() == short {
                    result.push(OptionTuple {
                        action: Some(*id),
                        option_string: s.as_bytes().to_vec(),
                        explicit_arg: Some(short_explicit.to_vec()),
                    });
                } else if s.as_bytes().starts_with(arg) {
                    result.push(OptionTuple {
                        action: Some(*id),
                        option_string: s.as_bytes().to_vec(),
                        explicit_arg: None,
                    });
                }
            }
        }
        result
    }

    /// `_read_args_from_files(arg_strings)`.
    fn read_args_from_files(
        &self,
        args: Vec<Vec<u8>>,
        depth: usize,
    ) -> Result<Vec<Vec<u8>>, ArgumentError> {
        let chars = self.fromfile_prefix_chars.as_deref().unwrap_or("");
        let mut out = Vec::with_capacity(args.len());
        for arg in args {
            let prefixed = match first_unit(&arg) {
                Some((Unit::Char(c), w)) if chars.contains(c) => Some(w),
                _ => None,
            };
            let Some(w) = prefixed else {
                out.push(arg);
                continue;
            };
            let name = &arg[w..];
            if depth > 64 {
                return Err(ArgumentError::new(None, "maximum recursion depth exceeded"));
            }
            let data = file::read_file(name)
                .map_err(|e| ArgumentError::new(None, file::os_error_text(e, name)))?;
            let mut lines_args = Vec::new();
            for line in split_file_lines(&data) {
                match &self.convert_arg_line {
                    Some(convert) => lines_args.extend(convert(&line)),
                    None => lines_args.push(line),
                }
            }
            out.extend(self.read_args_from_files(lines_args, depth + 1)?);
        }
        Ok(out)
    }

    fn parse_known_inner(
        &self,
        args: Vec<Vec<u8>>,
        ns: &mut Namespace,
        ctx: &mut Ctx,
    ) -> Result<Vec<Vec<u8>>, ArgumentError> {
        let args = if self.fromfile_prefix_chars.is_some() {
            self.read_args_from_files(args, 0)?
        } else {
            args
        };
        let mut p = Parse {
            parser: self,
            args,
            pattern: Vec::new(),
            options: Vec::new(),
            seen: vec![false; self.arena.len()],
            seen_non_default: vec![false; self.arena.len()],
            conflicts: vec![Vec::new(); self.arena.len()],
            extras: Vec::new(),
            warned: Vec::new(),
            positionals: self.positional_ids().collect(),
        };
        for group in &self.mutex_groups {
            for (i, &a) in group.actions.iter().enumerate() {
                for (j, &b) in group.actions.iter().enumerate() {
                    if i != j {
                        p.conflicts[a].push(b);
                    }
                }
            }
        }
        let mut after_dashes = false;
        for arg in &p.args {
            if after_dashes {
                p.pattern.push(b'A');
                p.options.push(None);
            } else if arg.as_slice() == b"--" {
                after_dashes = true;
                p.pattern.push(b'-');
                p.options.push(None);
            } else {
                let tuple = self.parse_optional(arg)?;
                p.pattern.push(if tuple.is_some() { b'O' } else { b'A' });
                p.options.push(tuple);
            }
        }
        p.run(ns, ctx)?;
        let extras = core::mem::take(&mut p.extras);
        // Required actions, and string defaults through their type.
        let mut required = Vec::new();
        for &a in &self.actions {
            if p.seen[a] {
                continue;
            }
            let action = &self.arena[a];
            if self.required_of(a, ctx) {
                required.extend(action.name());
                continue;
            }
            let default = self.default_of(a, ctx);
            if let Value::Str(text) = default.as_ref()
                && ns.is_from_default(&action.dest)
                && ns.value(&action.dest) == Some(default.as_ref())
            {
                let value = self.get_value(action, text)?;
                let identity = action.type_.as_ref().is_none_or(|t| t.keeps_identity());
                ns.set_value(&action.dest, value, identity);
            }
        }
        if !required.is_empty() {
            return Err(ArgumentError::new(
                None,
                text!(
                    "the following arguments are required: {}",
                    required.join(", ")
                ),
            ));
        }
        for group in &self.mutex_groups {
            if !group.required || ctx.ovr.nothing_required {
                continue;
            }
            if group.actions.iter().any(|&a| p.seen_non_default[a]) {
                continue;
            }
            let names: Vec<String> = group
                .actions
                .iter()
                .filter(|&&a| !self.arena[a].help_suppressed())
                .filter_map(|&a| self.arena[a].name())
                .collect();
            return Err(ArgumentError::new(
                None,
                text!("one of the arguments {} is required", names.join(" ")),
            ));
        }
        Ok(extras)
    }

    /// `_get_value(action, arg_string)`: the argument through `type`.
    pub(crate) fn get_value(
        &self,
        action: &ActionInfo,
        arg: &[u8],
    ) -> Result<Value, ArgumentError> {
        let Some(t) = &action.type_ else {
            return Ok(Value::Str(arg.to_vec()));
        };
        t.call(arg).map_err(|e| match e.message() {
            Some(m) => action.error(m),
            None => {
                let mut msg = text!("invalid {} value: ", t.name());
                pystr::repr_bytes(arg, &mut msg);
                action.error(msg)
            }
        })
    }

    /// `_check_value(action, value)`: the value must be one of `choices`.
    fn check_value(&self, action: &ActionInfo, value: &Value) -> Result<(), ArgumentError> {
        let owned;
        let choices: &[Value] = match (action.parser_names(), &action.choices) {
            (Some(names), _) => {
                owned = names.into_iter().map(Value::str).collect::<Vec<_>>();
                &owned
            }
            (None, Some(c)) => c,
            (None, None) => return Ok(()),
        };
        if choices.contains(value) {
            return Ok(());
        }
        let mut msg = String::from("invalid choice: ");
        value.write_repr(&mut msg);
        msg.push_str(" (choose from ");
        for (i, c) in choices.iter().enumerate() {
            if i > 0 {
                msg.push_str(", ");
            }
            c.write_repr(&mut msg);
        }
        msg.push(')');
        Err(action.error(msg))
    }
}

/// An `@file`'s lines: read as text (universal newlines), then
/// `str.splitlines()`; a file that is not UTF-8 is split at ASCII line
/// breaks and its bytes kept.
fn split_file_lines(data: &[u8]) -> Vec<Vec<u8>> {
    let mut text = Vec::with_capacity(data.len());
    let mut i = 0;
    while i < data.len() {
        if data[i] == b'\r' {
            text.push(b'\n');
            if data.get(i + 1) == Some(&b'\n') {
                i += 1;
            }
        } else {
            text.push(data[i]);
        }
        i += 1;
    }
    match core::str::from_utf8(&text) {
        Ok(s) => pystr::splitlines(s, false)
            .into_iter()
            .map(|l| l.as_bytes().to_vec())
            .collect(),
        Err(_) => {
            let mut lines: Vec<Vec<u8>> = text
                .split(|b| matches!(b, b'\n' | 0x0b | 0x0c | 0x1c | 0x1d | 0x1e))
                .map(<[u8]>::to_vec)
                .collect();
            if text
                .last()
                .is_some_and(|b| matches!(b, b'\n' | 0x0b | 0x0c | 0x1c | 0x1d | 0x1e))
            {
                lines.pop();
            }
            lines
        }
    }
}

/// The state of one `_parse_known_args` run.
struct Parse<'p> {
    parser: &'p ArgumentParser,
    args: Vec<Vec<u8>>,
    /// `arg_strings_pattern`: `O`, `A` or `-` per argument.
    pattern: Vec<u8>,
    /// `option_string_indices`.
    options: Vec<Option<OptionTuple>>,
    seen: Vec<bool>,
    seen_non_default: Vec<bool>,
    /// `action_conflicts`, by action index.
    conflicts: Vec<Vec<usize>>,
    extras: Vec<Vec<u8>>,
    /// Option strings and dests already warned about (Python 3.13).
    warned: Vec<Vec<u8>>,
    /// The positionals not yet consumed.
    positionals: Vec<usize>,
}

impl Parse<'_> {
    fn run(&mut self, ns: &mut Namespace, ctx: &mut Ctx) -> Result<(), ArgumentError> {
        let max_option = self.options.iter().rposition(Option::is_some);
        let mut start = 0;
        if let Some(max_option) = max_option {
            while start <= max_option {
                let next = (start..=max_option)
                    .find(|&i| self.options[i].is_some())
                    .unwrap_or(max_option);
                if start != next {
                    let end = self.consume_positionals(start, ns, ctx)?;
                    if end > start {
                        start = end;
                        continue;
                    }
                    start = end;
                }
                if self.options.get(start).is_none_or(Option::is_none) {
                    self.extras.extend(self.args[start..next].iter().cloned());
                    start = next;
                }
                start = self.consume_optional(start, ns, ctx)?;
            }
        }
        let stop = self.consume_positionals(start, ns, ctx)?;
        self.extras
            .extend(self.args[stop.min(self.args.len())..].iter().cloned());
        Ok(())
    }

    fn warn(&mut self, ctx: &mut Ctx, key: &[u8], what: &str) {
        if self.warned.iter().any(|w| w == key) {
            return;
        }
        self.warned.push(key.to_vec());
        ctx.warnings.push_str(&text!(
            "{}: warning: {what} is deprecated\n",
            self.parser.prog_name()
        ));
    }

    fn consume_optional(
        &mut self,
        start: usize,
        ns: &mut Namespace,
        ctx: &mut Ctx,
    ) -> Result<usize, ArgumentError> {
        let parser = self.parser;
        let Some(tuple) = self.options[start].clone() else {
            return Ok(start + 1);
        };
        let OptionTuple {
            mut action,
            mut option_string,
            mut explicit_arg,
        } = tuple;
        let mut tuples: Vec<(usize, Vec<Vec<u8>>, Vec<u8>)> = Vec::new();
        let stop;
        loop {
            let Some(a) = action else {
                self.extras.push(self.args[start].clone());
                return Ok(start + 1);
            };
            let info = &parser.arena[a];
            if let Some(explicit) = explicit_arg.take() {
                let count = match_optional(parser.nargs_of(a, ctx), b"A")
                    .ok_or_else(|| nargs_error(info))?;
                let second = first_unit(&option_string)
                    .and_then(|(_, w)| first_unit(&option_string[w..]))
                    .map(|(u, _)| u);
                let single_dash = second.is_some_and(|u| !parser.is_prefix_char(u));
                if count == 0 && single_dash && !explicit.is_empty() {
                    tuples.push((a, Vec::new(), option_string.clone()));
                    let (prefix_len, w) = match first_unit(&option_string) {
                        Some((_, w)) => (w, first_unit(&explicit).map_or(1, |(_, w)| w)),
                        None => (0, 1),
                    };
                    let mut next_option = option_string[..prefix_len].to_vec();
                    next_option.extend_from_slice(&explicit[..w.min(explicit.len())]);
                    let rest = &explicit[w.min(explicit.len())..];
                    match parser.lookup(&next_option) {
                        Some(id) => {
                            action = Some(id);
                            option_string = next_option;
                            explicit_arg = (!rest.is_empty()).then(|| rest.to_vec());
                        }
                        None => return Err(ignored_explicit(info, &explicit)),
                    }
                } else if count == 1 {
                    stop = start + 1;
                    tuples.push((a, vec![explicit], option_string.clone()));
                    break;
                } else {
                    return Err(ignored_explicit(info, &explicit));
                }
            } else {
                let first = start + 1;
                let count = match_optional(parser.nargs_of(a, ctx), &self.pattern[first..])
                    .ok_or_else(|| nargs_error(info))?;
                stop = first + count;
                tuples.push((a, self.args[first..stop].to_vec(), option_string.clone()));
                break;
            }
        }
        for (a, args, option_string) in tuples {
            if parser.arena[a].deprecated {
                let what = text!("option '{}'", pystr::decode(&option_string));
                self.warn(ctx, &option_string, &what);
            }
            let os = core::str::from_utf8(&option_string).unwrap_or("");
            self.take_action(a, args, Some(os), ns, ctx)?;
        }
        Ok(stop)
    }

    fn consume_positionals(
        &mut self,
        start: usize,
        ns: &mut Namespace,
        ctx: &mut Ctx,
    ) -> Result<usize, ArgumentError> {
        let parser = self.parser;
        let groups: Vec<Vec<Elem>> = self
            .positionals
            .iter()
            .map(|&a| positional_pattern(parser.nargs_of(a, ctx)))
            .collect();
        let counts = match_partial(&groups, &self.pattern[start.min(self.pattern.len())..]);
        let mut index = start;
        let taken = counts.len();
        let actions: Vec<usize> = self.positionals[..taken].to_vec();
        for (a, count) in actions.into_iter().zip(counts) {
            let args = self.args[index..index + count].to_vec();
            index += count;
            let action = &parser.arena[a];
            if !args.is_empty() && action.deprecated {
                let what = text!("argument '{}'", action.dest);
                self.warn(ctx, action.dest.as_bytes(), &what);
            }
            self.take_action(a, args, None, ns, ctx)?;
        }
        self.positionals.drain(..taken);
        Ok(index)
    }

    fn take_action(
        &mut self,
        a: usize,
        args: Vec<Vec<u8>>,
        option_string: Option<&str>,
        ns: &mut Namespace,
        ctx: &mut Ctx,
    ) -> Result<(), ArgumentError> {
        let parser = self.parser;
        self.seen[a] = true;
        let (value, is_default) = self.get_values(a, args, ctx)?;
        if !is_default {
            self.seen_non_default[a] = true;
            for &c in &self.conflicts[a] {
                if self.seen_non_default[c] {
                    let name = parser.arena[c]
                        .name()
                        .unwrap_or_else(|| String::from("None"));
                    return Err(parser.arena[a].error(text!("not allowed with argument {name}")));
                }
            }
        }
        match value {
            Some(v) if !v.is_suppress() => parser.call_action(a, v, option_string, ns, ctx),
            _ => Ok(()),
        }
    }

    /// `_get_values(action, arg_strings)`: the value, or `None` for
    /// `SUPPRESS`, and whether it is the action's default object itself.
    fn get_values(
        &self,
        a: usize,
        mut args: Vec<Vec<u8>>,
        ctx: &Ctx,
    ) -> Result<(Option<Value>, bool), ArgumentError> {
        let parser = self.parser;
        let action = &parser.arena[a];
        let nargs = parser.nargs_of(a, ctx);
        let default = parser.default_of(a, ctx);
        if !matches!(nargs, Some(Nargs::Parser | Nargs::Remainder))
            && let Some(i) = args.iter().position(|s| s.as_slice() == b"--")
        {
            args.remove(i);
        }
        let keeps = action.type_.as_ref().is_none_or(|t| t.keeps_identity());
        let (value, is_default) = if args.is_empty() && nargs == Some(Nargs::Optional) {
            let (mut value, mut same) = if action.is_optional() {
                (action.const_.clone(), same_object(&action.const_, &default))
            } else {
                (default.clone().into_owned(), true)
            };
            if let Value::Str(s) = &value {
                value = parser.get_value(action, &s.clone())?;
                same &= keeps;
                parser.check_value(action, &value)?;
            }
            (Some(value), same)
        } else if args.is_empty() && nargs == Some(Nargs::ZeroOrMore) && !action.is_optional() {
            let (value, same) = if default.is_none() {
                (Value::List(Vec::new()), false)
            } else {
                (default.clone().into_owned(), true)
            };
            parser.check_value(action, &value)?;
            (Some(value), same)
        } else if args.len() == 1 && matches!(nargs, None | Some(Nargs::Optional)) {
            let value = parser.get_value(action, &args[0])?;
            parser.check_value(action, &value)?;
            (Some(value), false)
        } else if nargs == Some(Nargs::Remainder) {
            let values = args
                .iter()
                .map(|s| parser.get_value(action, s))
                .collect::<Result<Vec<_>, _>>()?;
            (Some(Value::List(values)), false)
        } else if nargs == Some(Nargs::Parser) {
            let values = args
                .iter()
                .map(|s| parser.get_value(action, s))
                .collect::<Result<Vec<_>, _>>()?;
            if let Some(first) = values.first() {
                parser.check_value(action, first)?;
            }
            (Some(Value::List(values)), false)
        } else if nargs == Some(Nargs::Suppress) {
            (None, default.is_suppress())
        } else {
            let values = args
                .iter()
                .map(|s| parser.get_value(action, s))
                .collect::<Result<Vec<_>, _>>()?;
            for v in &values {
                parser.check_value(action, v)?;
            }
            (Some(Value::List(values)), false)
        };
        Ok((value, is_default))
    }
}

/// Whether `const is default` would hold in CPython for equal values:
/// `None`, booleans, small integers and one-character strings are shared
/// objects there.
fn same_object(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::None, Value::None) => true,
        (Value::Bool(x), Value::Bool(y)) => x == y,
        (Value::Int(x), Value::Int(y)) => x == y && (-5..=256).contains(x),
        (Value::Str(x), Value::Str(y)) => x == y && pystr::units(x) <= 1 && x.len() <= 2,
        _ => false,
    }
}

fn ignored_explicit(action: &ActionInfo, explicit: &[u8]) -> ArgumentError {
    let mut msg = String::from("ignored explicit argument ");
    pystr::repr_bytes(explicit, &mut msg);
    action.error(msg)
}

/// `_match_argument`'s error: how many arguments the action wanted.
fn nargs_error(action: &ActionInfo) -> ArgumentError {
    let msg = match action.nargs {
        None => String::from("expected one argument"),
        Some(Nargs::Optional) => String::from("expected at most one argument"),
        Some(Nargs::OneOrMore) => String::from("expected at least one argument"),
        Some(Nargs::Exactly(1)) => String::from("expected 1 argument"),
        Some(Nargs::Exactly(n)) => text!("expected {n} arguments"),
        Some(n) => text!("expected {} arguments", n.value().py_str()),
    };
    action.error(msg)
}

impl ArgumentParser {
    /// Calls the action (`action(self, namespace, values, option_string)`).
    fn call_action(
        &self,
        a: usize,
        value: Value,
        option_string: Option<&str>,
        ns: &mut Namespace,
        ctx: &mut Ctx,
    ) -> Result<(), ArgumentError> {
        let action = &self.arena[a];
        let dest = action.dest.as_str();
        match &action.kind {
            Kind::Store => ns.set_value(dest, value, false),
            Kind::StoreConst | Kind::StoreTrue | Kind::StoreFalse => {
                ns.set_value(dest, action.const_.clone(), false)
            }
            Kind::Append | Kind::AppendConst | Kind::Extend => {
                let item = match action.kind {
                    Kind::AppendConst => action.const_.clone(),
                    _ => value,
                };
                let extend = matches!(action.kind, Kind::Extend);
                let items = match item {
                    Value::List(items) if extend => items,
                    Value::Str(s) if extend => {
                        let text = String::from(pystr::decode(&s));
                        text.chars()
                            .map(|c| Value::str(c.encode_utf8(&mut [0; 4])))
                            .collect()
                    }
                    other if extend => {
                        return Err(ArgumentError::definition(text!(
                            "'{}' object is not iterable",
                            other.type_name()
                        )));
                    }
                    other => vec![other],
                };
                match ns.value_mut(dest) {
                    Some(Value::List(list)) => list.extend(items),
                    Some(Value::None) | None => ns.set_value(dest, Value::List(items), false),
                    Some(other) => {
                        return Err(ArgumentError::definition(text!(
                            "'{}' object has no attribute '{}'",
                            other.type_name(),
                            if extend { "extend" } else { "append" }
                        )));
                    }
                }
            }
            Kind::Count => {
                let count = match ns.value(dest) {
                    None | Some(Value::None) => Value::Int(1),
                    Some(Value::Int(n)) => Value::Int(n.saturating_add(1)),
                    Some(Value::Bool(b)) => Value::Int(i64::from(*b) + 1),
                    Some(Value::Float(f)) => Value::float(f.get() + 1.0),
                    Some(other) => {
                        return Err(ArgumentError::definition(text!(
                            "can only concatenate {} (not \"int\") to {}",
                            other.type_name(),
                            other.type_name()
                        )));
                    }
                };
                ns.set_value(dest, count, false);
            }
            Kind::Help => {
                let help = self.format_help_with(ctx.columns, ctx.ovr.usage.as_deref());
                return Err(ArgumentError::print_and_exit(help));
            }
            Kind::Version => {
                let prog = self.prog_name();
                let mut f = super::formatter::Formatter::new(
                    &prog,
                    self.formatter_class,
                    self.terminal_columns(ctx.columns),
                );
                f.add_text(action.version.as_deref());
                return Err(ArgumentError::print_and_exit(f.format_help()));
            }
            Kind::BooleanOptional => {
                if let Some(os) =
                    option_string.filter(|os| action.option_strings.iter().any(|s| s == os))
                {
                    ns.set_value(dest, Value::Bool(!os.starts_with("--no-")), false);
                }
            }
            Kind::Custom(custom) => custom.call(action, self, ns, value, option_string)?,
            Kind::Parsers(sub) => {
                let Value::List(values) = value else {
                    return Ok(());
                };
                let mut strings: Vec<Vec<u8>> = values
                    .into_iter()
                    .map(|v| match v {
                        Value::Str(s) => s,
                        other => other.py_str().into_bytes(),
                    })
                    .collect();
                if strings.is_empty() {
                    return Ok(());
                }
                let name = strings.remove(0);
                if dest != SUPPRESS {
                    ns.set_value(dest, Value::Str(name.clone()), false);
                }
                let found = sub
                    .map
                    .iter()
                    .find(|(n, _)| n.as_bytes() == name.as_slice());
                let Some(&(_, index)) = found else {
                    let mut msg = String::from("unknown parser ");
                    pystr::repr_bytes(&name, &mut msg);
                    msg.push_str(&text!(
                        " (choices: {})",
                        sub.names().collect::<Vec<_>>().join(", ")
                    ));
                    return Err(action.error(msg));
                };
                if sub
                    .deprecated
                    .iter()
                    .any(|d| d.as_bytes() == name.as_slice())
                {
                    ctx.warnings.push_str(&text!(
                        "{}: warning: command '{}' is deprecated\n",
                        self.prog_name(),
                        pystr::decode(&name)
                    ));
                }
                let saved = core::mem::take(&mut ctx.ovr);
                let result = sub.parsers[index].parse_known(strings, Namespace::new(), ctx);
                ctx.ovr = saved;
                let (sub_ns, extras) = result?;
                for (k, v) in sub_ns.iter() {
                    ns.set_value(k, v.clone(), false);
                }
                ns.unrecognized.extend(extras);
            }
            Kind::Pseudo => {}
        }
        Ok(())
    }
}

/// One element of an `nargs` pattern: a set of pattern letters
/// (`A`, `O`, `-`) and how many times it may repeat.
#[derive(Clone, Copy)]
struct Elem {
    set: u8,
    rep: Rep,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Rep {
    One,
    Opt,
    Star,
}

const A: u8 = 1;
const O: u8 = 2;
const D: u8 = 4;

fn bit(c: u8) -> u8 {
    match c {
        b'A' => A,
        b'O' => O,
        _ => D,
    }
}

/// `_get_nargs_pattern` for a positional: `--` (`-`) may appear around
/// and between its arguments.
fn positional_pattern(nargs: Option<Nargs>) -> Vec<Elem> {
    let e = |set, rep| Elem { set, rep };
    let dashes = e(D, Rep::Star);
    match nargs {
        None => vec![dashes, e(A, Rep::One), dashes],
        Some(Nargs::Optional) => vec![dashes, e(A, Rep::Opt), dashes],
        Some(Nargs::ZeroOrMore) => vec![dashes, e(A | D, Rep::Star)],
        Some(Nargs::OneOrMore) => vec![dashes, e(A, Rep::One), e(A | D, Rep::Star)],
        Some(Nargs::Remainder) => vec![e(A | O | D, Rep::Star)],
        Some(Nargs::Parser) => vec![dashes, e(A, Rep::One), e(A | O | D, Rep::Star)],
        Some(Nargs::Suppress) => vec![dashes, dashes],
        Some(Nargs::Exactly(n)) => {
            let mut v = vec![dashes];
            for _ in 0..n {
                v.push(e(A, Rep::One));
                v.push(dashes);
            }
            v
        }
    }
}

/// `_match_argument` for an optional, whose pattern has no `-`: how many
/// of the following arguments it takes, or `None` if it cannot match.
fn match_optional(nargs: Option<Nargs>, pattern: &[u8]) -> Option<usize> {
    let run = |set: u8, from: usize| {
        pattern[from.min(pattern.len())..]
            .iter()
            .take_while(|&&c| bit(c) & set != 0)
            .count()
    };
    let first_a = pattern.first() == Some(&b'A');
    match nargs {
        None => first_a.then_some(1),
        Some(Nargs::Optional) => Some(usize::from(first_a)),
        Some(Nargs::ZeroOrMore) => Some(run(A, 0)),
        Some(Nargs::OneOrMore) => first_a.then(|| run(A, 0)),
        Some(Nargs::Remainder) => Some(run(A | O, 0)),
        Some(Nargs::Parser) => first_a.then(|| 1 + run(A | O, 1)),
        Some(Nargs::Suppress) => Some(0),
        Some(Nargs::Exactly(n)) => (run(A, 0) >= n).then_some(n),
    }
}

/// `_match_arguments_partial`: the most leading positionals whose
/// concatenated patterns match at the start of `pattern`, and how many
/// arguments each takes, by Python's greedy, backtracking `re.match`.
fn match_partial(groups: &[Vec<Elem>], pattern: &[u8]) -> Vec<usize> {
    for n in (1..=groups.len()).rev() {
        if let Some(lengths) = match_groups(&groups[..n], pattern) {
            return lengths;
        }
    }
    Vec::new()
}

fn match_groups(groups: &[Vec<Elem>], s: &[u8]) -> Option<Vec<usize>> {
    let mut flat = Vec::new();
    let mut first_elem = Vec::with_capacity(groups.len() + 1);
    for g in groups {
        first_elem.push(flat.len());
        flat.extend(g.iter().copied());
    }
    first_elem.push(flat.len());
    let mut m = Matcher {
        flat: &flat,
        s,
        pos: vec![0; flat.len() + 1],
        failed: vec![0u64; ((flat.len() + 1) * (s.len() + 1)).div_ceil(64)],
    };
    if !m.go(0, 0) {
        return None;
    }
    Some(
        first_elem
            .windows(2)
            .map(|w| m.pos[w[1]] - m.pos[w[0]])
            .collect(),
    )
}

struct Matcher<'a> {
    flat: &'a [Elem],
    s: &'a [u8],
    /// Where each element started on the successful path.
    pos: Vec<usize>,
    /// (element, position) pairs known not to lead to a match.
    failed: Vec<u64>,
}

impl Matcher<'_> {
    fn go(&mut self, e: usize, at: usize) -> bool {
        self.pos[e] = at;
        let Some(&elem) = self.flat.get(e) else {
            return true;
        };
        let key = e * (self.s.len() + 1) + at;
        if self.failed[key / 64] & (1 << (key % 64)) != 0 {
            return false;
        }
        let fits = |i: usize| self.s.get(i).is_some_and(|&c| bit(c) & elem.set != 0);
        let max = match elem.rep {
            Rep::One | Rep::Opt => usize::from(fits(at)),
            Rep::Star => (at..self.s.len()).take_while(|&i| fits(i)).count(),
        };
        let min = usize::from(elem.rep == Rep::One);
        let mut n = max;
        loop {
            if n < min {
                break;
            }
            if self.go(e + 1, at + n) {
                self.pos[e] = at;
                return true;
            }
            if n == 0 {
                break;
            }
            n -= 1;
        }
        self.failed[key / 64] |= 1 << (key % 64);
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn partial(nargs: &[Option<Nargs>], pattern: &str) -> Vec<usize> {
        let groups: Vec<Vec<Elem>> = nargs.iter().map(|&n| positional_pattern(n)).collect();
        match_partial(&groups, pattern.as_bytes())
    }

    #[test]
    fn positional_patterns_match_like_re() {
        use Nargs::*;
        assert_eq!(partial(&[None, None], "AA"), vec![1, 1]);
        assert_eq!(partial(&[Some(ZeroOrMore), None], "AAA"), vec![2, 1]);
        assert_eq!(partial(&[Some(Optional), Some(OneOrMore)], "A"), vec![0, 1]);
        assert_eq!(partial(&[None, Some(ZeroOrMore)], "A-AA"), vec![2, 2]);
        assert_eq!(partial(&[None, None], "AOA"), vec![1]);
        assert_eq!(partial(&[Some(Remainder)], "AOA"), vec![3]);
        assert_eq!(partial(&[Some(Parser)], "AOA"), vec![3]);
        assert_eq!(partial(&[Some(Exactly(2))], "A-A"), vec![3]);
        assert_eq!(partial(&[Some(Exactly(2))], "AO"), Vec::<usize>::new());
        assert_eq!(partial(&[None], "-A-"), vec![3]);
    }

    #[test]
    fn optional_patterns_match_like_re() {
        assert_eq!(match_optional(None, b"AA"), Some(1));
        assert_eq!(match_optional(None, b"O"), None);
        assert_eq!(match_optional(Some(Nargs::ZeroOrMore), b"AAOA"), Some(2));
        assert_eq!(match_optional(Some(Nargs::Remainder), b"AOA-A"), Some(3));
        assert_eq!(match_optional(Some(Nargs::Exactly(2)), b"A"), None);
    }
}
