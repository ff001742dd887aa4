//! The example program's parser with clap's builder API.
use clap::{Arg, ArgAction, Command, value_parser};

pub fn command() -> Command {
    Command::new("app")
        .about("An example program.")
        .version("1.0")
        .args_override_self(true)
        .subcommand_required(true)
        .arg(
            Arg::new("verbose")
                .short('v')
                .long("verbose")
                .action(ArgAction::Count)
                .help("more output"),
        )
        .arg(
            Arg::new("quiet")
                .short('q')
                .long("quiet")
                .action(ArgAction::SetTrue)
                .help("less output"),
        )
        .arg(
            Arg::new("number")
                .short('n')
                .long("number")
                .value_parser(value_parser!(i64))
                .default_value("5")
                .help("a number"),
        )
        .arg(
            Arg::new("opt_number")
                .long("opt-number")
                .value_parser(value_parser!(i64))
                .help("an optional number"),
        )
        .arg(
            Arg::new("width")
                .short('w')
                .long("width")
                .value_parser(value_parser!(i64))
                .default_value("10")
                .help("the width"),
        )
        .arg(
            Arg::new("output")
                .short('o')
                .long("output")
                .value_name("FILE")
                .help("where to write"),
        )
        .arg(
            Arg::new("color")
                .long("color")
                .value_parser(["auto", "always", "never"])
                .default_value("auto"),
        )
        .arg(
            Arg::new("define")
                .short('D')
                .long("define")
                .action(ArgAction::Append)
                .value_name("KEY=VALUE")
                .help("set a variable"),
        )
        .arg(
            Arg::new("dry_run")
                .long("dry-run")
                .action(ArgAction::SetTrue)
                .help("only print"),
        )
        .subcommand(
            Command::new("build")
                .about("build things")
                .args_override_self(true)
                .arg(
                    Arg::new("release")
                        .long("release")
                        .action(ArgAction::SetTrue),
                )
                .arg(
                    Arg::new("jobs")
                        .short('j')
                        .long("jobs")
                        .value_parser(value_parser!(i64))
                        .default_value("1"),
                )
                .arg(Arg::new("targets").num_args(0..)),
        )
}
