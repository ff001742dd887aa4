//! The example program's parser with lexopt: the loop and the help text
//! written by hand, as lexopt programs do.
use lexopt::prelude::*;

#[derive(Debug, Default)]
pub struct Args {
    pub verbose: u32,
    pub quiet: bool,
    pub number: i64,
    pub opt_number: Option<i64>,
    pub width: i64,
    pub output: Option<String>,
    pub color: String,
    pub define: Vec<String>,
    pub dry_run: bool,
    pub cmd: Option<String>,
    pub release: bool,
    pub jobs: i64,
    pub targets: Vec<String>,
}

pub const HELP: &str =
    "usage: app [-h] [-V] [-v] [-q] [-n NUMBER] [--opt-number OPT_NUMBER] [-w WIDTH]
           [-o FILE] [--color {auto,always,never}] [-D KEY=VALUE] [--dry-run]
           {build} ...";

pub fn parse(mut parser: lexopt::Parser) -> Result<Args, lexopt::Error> {
    let mut a = Args {
        number: 5,
        width: 10,
        color: "auto".into(),
        jobs: 1,
        ..Args::default()
    };
    while let Some(arg) = parser.next()? {
        match arg {
            Short('h') | Long("help") => {
                println!("{HELP}");
                std::process::exit(0);
            }
            Short('V') | Long("version") => {
                println!("app 1.0");
                std::process::exit(0);
            }
            Short('v') | Long("verbose") => a.verbose += 1,
            Short('q') | Long("quiet") => a.quiet = true,
            Short('n') | Long("number") => a.number = parser.value()?.parse()?,
            Long("opt-number") => a.opt_number = Some(parser.value()?.parse()?),
            Short('w') | Long("width") => a.width = parser.value()?.parse()?,
            Short('o') | Long("output") => a.output = Some(parser.value()?.string()?),
            Long("color") => {
                let c = parser.value()?.string()?;
                if !["auto", "always", "never"].contains(&c.as_str()) {
                    return Err(format!("invalid choice: {c:?}").into());
                }
                a.color = c;
            }
            Short('D') | Long("define") => a.define.push(parser.value()?.string()?),
            Long("dry-run") => a.dry_run = true,
            Value(v) if a.cmd.is_none() => {
                let v = v.string()?;
                if v != "build" {
                    return Err(format!("invalid choice: {v:?}").into());
                }
                a.cmd = Some(v);
                break;
            }
            _ => return Err(arg.unexpected()),
        }
    }
    if a.cmd.is_none() {
        return Err("the following arguments are required: cmd".into());
    }
    while let Some(arg) = parser.next()? {
        match arg {
            Long("release") => a.release = true,
            Short('j') | Long("jobs") => a.jobs = parser.value()?.parse()?,
            Value(v) => a.targets.push(v.string()?),
            _ => return Err(arg.unexpected()),
        }
    }
    Ok(a)
}
