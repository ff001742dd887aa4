//! The example program's parser with Strata's argparse, shared by the
//! static program, the std program and the speed comparison.

use strata_alloc::argparse::{
    Action, Arg, ArgumentError, ArgumentParser, Command, Nargs, SubParsers, Type,
};

pub fn parser() -> Result<ArgumentParser, ArgumentError> {
    let mut p = ArgumentParser::new()
        .prog("app")
        .description("An example program.");
    let args = [
        Arg::new(&["-V", "--version"])
            .action(Action::Version)
            .version("app 1.0"),
        Arg::new(&["-v", "--verbose"])
            .action(Action::Count)
            .default(0)
            .help("more output"),
        Arg::new(&["-q", "--quiet"])
            .action(Action::StoreTrue)
            .help("less output"),
        Arg::new(&["-n", "--number"])
            .type_(Type::int())
            .default(5)
            .help("a number"),
        Arg::new(&["--opt-number"])
            .type_(Type::int())
            .help("an optional number"),
        Arg::new(&["-w", "--width"])
            .type_(Type::int())
            .default(10)
            .help("the width"),
        Arg::new(&["-o", "--output"])
            .metavar("FILE")
            .help("where to write"),
        Arg::new(&["--color"])
            .choices(["auto", "always", "never"])
            .default("auto"),
        Arg::new(&["-D", "--define"])
            .action(Action::Append)
            .metavar("KEY=VALUE")
            .help("set a variable"),
        Arg::new(&["--dry-run"])
            .action(Action::StoreTrue)
            .help("only print"),
    ];
    for a in args {
        p.add_argument(a)?;
    }
    let sub = p.add_subparsers(SubParsers::new().dest("cmd").required(true))?;
    let build = sub.add_parser(
        Command::new("build").help("build things"),
        ArgumentParser::new(),
    )?;
    build.add_argument(Arg::new(&["--release"]).action(Action::StoreTrue))?;
    build.add_argument(Arg::new(&["-j", "--jobs"]).type_(Type::int()).default(1))?;
    build.add_argument(Arg::new(&["targets"]).nargs(Nargs::ZeroOrMore))?;
    Ok(p)
}
