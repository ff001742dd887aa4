//! The example program with lexopt.
#[path = "../../spec/lexopt_parse.rs"]
mod spec;

fn main() {
    let a = match spec::parse(lexopt::Parser::from_env()) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("app: error: {e}");
            std::process::exit(2);
        }
    };
    println!(
        "verbose={} quiet={} number={} opt_number={:?} width={} output={:?} color={:?} defines={} dry_run={} cmd={:?} release={} jobs={} targets={}",
        a.verbose,
        a.quiet,
        a.number,
        a.opt_number,
        a.width,
        a.output.as_deref(),
        Some(a.color.as_str()),
        a.define.len(),
        a.dry_run,
        a.cmd.as_deref(),
        a.release,
        a.jobs,
        a.targets.len()
    );
}
