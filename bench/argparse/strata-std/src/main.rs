//! The example program with Strata's argparse in an ordinary std program.
use std::os::unix::ffi::OsStrExt;

#[path = "../../spec/strata_parser.rs"]
mod spec;

fn main() {
    let parser = spec::parser().unwrap_or_else(|e| e.exit());
    let args: Vec<std::ffi::OsString> = std::env::args_os().skip(1).collect();
    let args: Vec<&[u8]> = args.iter().map(|a| a.as_bytes()).collect();
    let ns = parser.parse_args(&args).unwrap_or_else(|e| e.exit());
    println!(
        "verbose={} quiet={} number={} opt_number={:?} width={} output={:?} color={:?} defines={} dry_run={} cmd={:?} release={} jobs={} targets={}",
        ns.get::<i64>("verbose").unwrap_or(0),
        ns.get::<bool>("quiet").unwrap_or(false),
        ns.get::<i64>("number").unwrap_or(0),
        ns.get::<i64>("opt_number"),
        ns.get::<i64>("width").unwrap_or(0),
        ns.get::<&str>("output"),
        ns.get::<&str>("color"),
        ns.get::<Vec<&str>>("define").map_or(0, |d| d.len()),
        ns.get::<bool>("dry_run").unwrap_or(false),
        ns.get::<&str>("cmd"),
        ns.get::<bool>("release").unwrap_or(false),
        ns.get::<i64>("jobs").unwrap_or(0),
        ns.get::<Vec<&str>>("targets").map_or(0, |t| t.len()),
    );
}
