//! argparse on arbitrary command lines: never a panic. The input's first
//! byte picks the terminal width, the rest is split at NUL bytes into
//! arguments (any bytes, UTF-8 or not) and parsed by a rich parser (every
//! action, every nargs, types, choices, groups, a required mutex group,
//! nested sub-commands with aliases, `-` and `+` prefixes, a negative-number
//! option) in all four parse modes; the help and usage are formatted at
//! that width (the first time it comes up: they depend on nothing else),
//! and whatever comes back is shown.
//! `fromfile_prefix_chars` and `FileType` are left out: they would read or
//! create whatever files the input names.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::cell::RefCell;
use std::rc::Rc;
use strata_alloc::argparse::{
    Action, ActionInfo, Arg, ArgumentError, ArgumentParser, ArgumentTypeError, Command,
    ConflictHandler, CustomAction, FormatterClass, Namespace, Nargs, SubParsers, Type, Value,
};

struct Record;
impl CustomAction for Record {
    fn call(
        &self,
        action: &ActionInfo,
        _: &ArgumentParser,
        ns: &mut Namespace,
        values: Value,
        option_string: Option<&str>,
    ) -> Result<(), ArgumentError> {
        if values.as_bytes() == Some(b"fail") {
            return Err(action.error("custom failure"));
        }
        ns.set(
            action.dest(),
            Value::List(vec![option_string.map_or(Value::None, Value::str), values]),
        );
        Ok(())
    }
}

fn rich() -> ArgumentParser {
    let mut p = ArgumentParser::new()
        .prog("fuzz")
        .description("A parser with %(prog)s in its description.")
        .epilog("An epilog.")
        .prefix_chars("-+")
        .conflict_handler(ConflictHandler::Resolve)
        .formatter_class(FormatterClass::ARGUMENT_DEFAULTS);
    let even = Type::new("even", |s| {
        match strata_alloc::argparse::parse_int(s.as_bytes()) {
            Some(n) if n % 2 == 0 => Ok(Value::Int(n)),
            Some(n) => Err(ArgumentTypeError::new(format!("{n} is not even"))),
            None => Err(ArgumentTypeError::invalid()),
        }
    });
    let args = [
        Arg::new(&["-v", "--verbose"])
            .action(Action::Count)
            .help("more"),
        Arg::new(&["-q"]).action(Action::StoreTrue),
        Arg::new(&["-n", "--number"])
            .type_(Type::int())
            .default("7")
            .help("n=%(default)s %(type)s"),
        Arg::new(&["-f", "--float"])
            .type_(Type::float())
            .default(0.5)
            .help("%(default).3f %(default)e %(default)g"),
        Arg::new(&["-e"]).type_(even),
        Arg::new(&["--choice"])
            .choices(["a", "b", "c"])
            .default("a"),
        Arg::new(&["-D", "--define"])
            .action(Action::Append)
            .metavar("K=V"),
        Arg::new(&["--ext"])
            .action(Action::Extend)
            .nargs(Nargs::OneOrMore),
        Arg::new(&["--const"]).action(Action::StoreConst).const_(42),
        Arg::new(&["--ac"])
            .action(Action::AppendConst)
            .const_("x")
            .dest("acs"),
        Arg::new(&["--opt"])
            .nargs(Nargs::Optional)
            .const_("C")
            .default("D"),
        Arg::new(&["--star"]).nargs(Nargs::ZeroOrMore),
        Arg::new(&["--two"])
            .nargs(Nargs::Exactly(2))
            .metavar_tuple(&["A", "B"]),
        Arg::new(&["--rest"]).nargs(Nargs::Remainder),
        Arg::new(&["--flag"])
            .action(Action::BooleanOptional)
            .help("on or off"),
        Arg::new(&["-1"]).action(Action::StoreTrue).dest("one"),
        Arg::new(&["+p", "++plus"]).help("a plus option"),
        Arg::new(&["--rec"])
            .action(Action::Custom(Rc::new(Record)))
            .nargs(Nargs::Optional),
        Arg::new(&["--old"]).deprecated(true),
        Arg::new(&["-V", "--version"])
            .action(Action::Version)
            .version("%(prog)s 1.0"),
        Arg::new(&["-q"])
            .action(Action::StoreFalse)
            .help("resolves the earlier -q"),
        Arg::new(&["pos"])
            .nargs(Nargs::Optional)
            .type_(Type::int())
            .default("3"),
    ];
    for a in args {
        p.add_argument(a).expect("definition");
    }
    {
        let mut m = p.add_mutually_exclusive_group(false);
        m.add_argument(Arg::new(&["--red"]).action(Action::StoreTrue))
            .expect("mutex");
        m.add_argument(Arg::new(&["--blue"]).action(Action::StoreTrue))
            .expect("mutex");
    }
    {
        let mut g = p.add_argument_group(Some("extra"), Some("Grouped options."));
        g.add_argument(Arg::new(&["--g1"]).help("in a group"))
            .expect("group");
        let mut m = g.add_mutually_exclusive_group(false);
        m.add_argument(Arg::new(&["--left"])).expect("mutex");
        m.add_argument(Arg::new(&["--right"]).help(strata_alloc::argparse::SUPPRESS))
            .expect("mutex");
    }
    let sub = p
        .add_subparsers(
            SubParsers::new()
                .dest("cmd")
                .title("commands")
                .metavar("CMD"),
        )
        .expect("subparsers");
    let run = sub
        .add_parser(
            Command::new("run").aliases(&["r"]).help("run it"),
            ArgumentParser::new(),
        )
        .expect("run");
    run.add_argument(Arg::new(&["targets"]).nargs(Nargs::OneOrMore))
        .expect("run targets");
    run.add_argument(Arg::new(&["-j"]).type_(Type::int()).required(true))
        .expect("run -j");
    let nested = run
        .add_subparsers(SubParsers::new().dest("sub"))
        .expect("nested");
    nested
        .add_parser(
            Command::new("deep").deprecated(true),
            ArgumentParser::new().exit_on_error(false),
        )
        .expect("deep");
    sub.add_parser("stop", ArgumentParser::new().add_help(false))
        .expect("stop");
    p
}

fn intermixed() -> ArgumentParser {
    let mut p = ArgumentParser::new().prog("mix");
    p.add_argument(Arg::new(&["--foo"])).expect("foo");
    p.add_argument(Arg::new(&["-x"]).action(Action::Count))
        .expect("x");
    p.add_argument(Arg::new(&["cmd"])).expect("cmd");
    p.add_argument(
        Arg::new(&["rest"])
            .nargs(Nargs::ZeroOrMore)
            .type_(Type::int()),
    )
    .expect("rest");
    let mut m = p.add_mutually_exclusive_group(true);
    m.add_argument(Arg::new(&["--a"]).action(Action::StoreTrue))
        .expect("a");
    m.add_argument(Arg::new(&["--b"]).action(Action::StoreTrue))
        .expect("b");
    p
}

fn show(result: &Result<(Namespace, Vec<Vec<u8>>), ArgumentError>) {
    match result {
        Ok((ns, extras)) => {
            let repr = ns.py_repr();
            assert!(repr.starts_with("Namespace(") && repr.ends_with(')'));
            for (_, v) in ns.iter() {
                let _ = (v.py_str(), v.py_repr());
            }
            let _ = extras.len();
        }
        Err(e) => {
            let text = e.to_string();
            let _ = (e.stdout(), e.stderr(), e.exit_status(), e.kind(), text);
        }
    }
}

/// The parsers, built once, and the widths whose help and usage were
/// already checked.
struct State {
    parsers: [ArgumentParser; 2],
    formatted: [bool; 256],
}

fuzz_target!(|data: &[u8]| {
    let Some((&width, rest)) = data.split_first() else {
        return;
    };
    let args: Vec<&[u8]> = rest.split(|&b| b == 0).collect();
    thread_local! {
        static STATE: RefCell<State> = RefCell::new(State {
            parsers: [rich(), intermixed()],
            formatted: [false; 256],
        });
    }
    STATE.with_borrow_mut(|state| {
        // Parsing takes `&self`, so a parser's help and usage depend on the
        // width alone: format them once per width, not once per input.
        let format = !std::mem::replace(&mut state.formatted[usize::from(width)], true);
        for p in state.parsers.iter_mut() {
            p.set_columns(Some(usize::from(width)));
            for (known, intermixed) in [(false, false), (true, false), (false, true), (true, true)]
            {
                let (result, warnings) = p.parse_with_warnings(&args, known, intermixed);
                show(&result);
                let _ = warnings;
            }
            if format {
                let help = p.format_help();
                assert!(help.ends_with('\n'));
                let _ = p.format_usage();
            }
        }
    });
});
