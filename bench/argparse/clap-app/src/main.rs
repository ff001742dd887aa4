//! The example program with clap's builder API.
#[path = "../../spec/clap_command.rs"]
mod spec;

fn main() {
    let m = spec::command().get_matches();
    let (cmd, sub) = m.subcommand().unwrap_or(("", &m));
    println!(
        "verbose={} quiet={} number={} opt_number={:?} width={} output={:?} color={:?} defines={} dry_run={} cmd={:?} release={} jobs={} targets={}",
        m.get_count("verbose"),
        m.get_flag("quiet"),
        m.get_one::<i64>("number").copied().unwrap_or(0),
        m.get_one::<i64>("opt_number"),
        m.get_one::<i64>("width").copied().unwrap_or(0),
        m.get_one::<String>("output").map(String::as_str),
        m.get_one::<String>("color").map(String::as_str),
        m.get_many::<String>("define").map_or(0, |d| d.count()),
        m.get_flag("dry_run"),
        Some(cmd),
        sub.get_flag("release"),
        sub.get_one::<i64>("jobs").copied().unwrap_or(0),
        sub.get_many::<String>("targets").map_or(0, |t| t.count()),
    );
}
