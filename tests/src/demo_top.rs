//! The demo's live screen, `demo --top`: the processes from /proc with
//! their CPU share and memory, the load and the memory in use, redrawn
//! every second with curses. `?` shows a help panel over the list, `/`
//! types a filter in a textpad (Enter keeps it, an empty one shows all),
//! `q` quits.

use alloc::collections::BTreeMap;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use strata_alloc::curses::panel::{self, Panel};
use strata_alloc::curses::{self, A_BOLD, A_REVERSE, Error, KEY_RESIZE, Window, textpad};
use strata_alloc::os;

use crate::sections::read_text;

/// One process as /proc/PID/stat shows it.
struct Process {
    pid: u32,
    name: String,
    state: char,
    /// User and system time, in clock ticks.
    ticks: u64,
    rss_kib: u64,
}

/// What one look at /proc found.
struct Sample {
    /// Ticks of all CPUs together, from /proc/stat.
    total_ticks: u64,
    cpus: u64,
    load: String,
    uptime_s: u64,
    mem_total_kib: u64,
    mem_available_kib: u64,
    processes: Vec<Process>,
}

const HELP: [&str; 6] = [
    "strata top",
    "",
    "  ?   this help (again to close)",
    "  /   filter by name (Enter: keep)",
    "  q   quit",
    "",
];

/// Runs the screen until `q`.
pub fn run() -> Result<(), Error> {
    curses::wrapper(|stdscr| {
        let _ = curses::curs_set(0);
        stdscr.timeout(1000);
        let help = help_panel()?;
        let mut filter = String::new();
        let mut before: Option<Sample> = None;
        loop {
            let now = sample();
            draw(stdscr, &now, before.as_ref(), &filter)?;
            before = Some(now);
            panel::update_panels()?;
            curses::doupdate()?;
            match stdscr.getch()? {
                -1 => {}
                k if k == i32::from(b'q') => return Ok(()),
                k if k == i32::from(b'?') || k == i32::from(b'h') => {
                    if help.hidden()? {
                        help.show()?;
                    } else {
                        help.hide()?;
                    }
                }
                k if k == i32::from(b'/') => filter = ask_filter(stdscr)?,
                KEY_RESIZE => {
                    stdscr.clear()?;
                    let (y, x) = centred(HELP.len() as i32 + 2, 44)?;
                    // Too small a terminal keeps the panel where it was.
                    let _ = help.move_to(y, x);
                }
                _ => {}
            }
        }
    })?
}

fn centred(height: i32, width: i32) -> Result<(i32, i32), Error> {
    Ok((
        ((curses::lines()? - height) / 2).max(0),
        ((curses::cols()? - width) / 2).max(0),
    ))
}

fn help_panel() -> Result<Panel, Error> {
    let (height, width) = (HELP.len() as i32 + 2, 44);
    let (y, x) = centred(height, width)?;
    let win = curses::newwin(height, width, y, x)?;
    win.box_(0, 0)?;
    for (i, line) in HELP.iter().enumerate() {
        let attr = if i == 0 { A_BOLD } else { 0 };
        win.mvaddstr_attr(i as i32 + 1, 2, line, attr)?;
    }
    let help = panel::new_panel(&win)?;
    help.hide()?;
    Ok(help)
}

/// The filter typed on the bottom line.
fn ask_filter(stdscr: &Window) -> Result<String, Error> {
    let bottom = curses::lines()? - 1;
    stdscr.mvaddstr_attr(bottom, 0, "filter: ", A_BOLD)?;
    stdscr.clrtoeol()?;
    stdscr.refresh()?;
    let _ = curses::curs_set(1);
    let win = curses::newwin(1, (curses::cols()? - 9).max(1), bottom, 8)?;
    let text = textpad::Textbox::new(win).edit()?;
    let _ = curses::curs_set(0);
    Ok(String::from(text.trim()))
}

fn draw(stdscr: &Window, now: &Sample, before: Option<&Sample>, filter: &str) -> Result<(), Error> {
    let cols = curses::cols()?;
    let rows = curses::lines()?;
    stdscr.erase()?;
    let up = now.uptime_s;
    let used_mib = (now.mem_total_kib - now.mem_available_kib.min(now.mem_total_kib)) / 1024;
    let title = format!(
        "strata top - up {}:{:02}:{:02}, load average: {}",
        up / 3600,
        up / 60 % 60,
        up % 60,
        now.load
    );
    let running = now.processes.iter().filter(|p| p.state == 'R').count();
    let mem = format!(
        "Tasks: {} total, {running} running   Mem: {used_mib} MiB used of {} MiB",
        now.processes.len(),
        now.mem_total_kib / 1024
    );
    // The window's bottom-right cell cannot take the cursor past it:
    // every line stops short of the last column.
    let fit = |s: &str| -> String { s.chars().take((cols - 1).max(0) as usize).collect() };
    stdscr.mvaddstr_attr(0, 0, &fit(&title), A_BOLD)?;
    stdscr.mvaddstr(1, 0, &fit(&mem))?;
    let hint = if filter.is_empty() {
        String::from("? help   / filter   q quit")
    } else {
        format!("filter: {filter}   ? help   / filter   q quit")
    };
    stdscr.mvaddstr(2, 0, &fit(&hint))?;
    let header = format!("{:>7} S {:>5} {:>9}  COMMAND", "PID", "%CPU", "RSS KiB");
    stdscr.mvaddstr(3, 0, &fit(&header))?;
    stdscr.mvchgat(3, 0, -1, A_REVERSE)?;
    let shares = cpu_shares(now, before);
    let mut shown: Vec<(&Process, u64)> = now
        .processes
        .iter()
        .filter(|p| p.name.contains(filter))
        .map(|p| (p, shares.get(&p.pid).copied().unwrap_or(0)))
        .collect();
    // Busiest first, then by pid.
    shown.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.pid.cmp(&b.0.pid)));
    for (row, (p, share)) in (4..rows).zip(shown) {
        let line = format!(
            "{:>7} {} {:>3}.{} {:>9}  {}",
            p.pid,
            p.state,
            share / 10,
            share % 10,
            p.rss_kib,
            p.name
        );
        stdscr.mvaddstr(row, 0, &fit(&line))?;
    }
    // update_panels refreshes stdscr under the panels: refreshing it here
    // would forget what changed under the help, which would not be drawn
    // over it again.
    Ok(())
}

/// Each process's share of one CPU since the last sample, in tenths of a
/// percent, as top counts it (100% is one CPU busy).
fn cpu_shares(now: &Sample, before: Option<&Sample>) -> BTreeMap<u32, u64> {
    let Some(before) = before else {
        return BTreeMap::new();
    };
    let elapsed = now.total_ticks.saturating_sub(before.total_ticks).max(1);
    let old: BTreeMap<u32, u64> = before.processes.iter().map(|p| (p.pid, p.ticks)).collect();
    now.processes
        .iter()
        .map(|p| {
            let used = p
                .ticks
                .saturating_sub(old.get(&p.pid).copied().unwrap_or(p.ticks));
            (p.pid, used * 1000 * now.cpus / elapsed)
        })
        .collect()
}

fn sample() -> Sample {
    let stat = read_text("/proc/stat");
    let mut total_ticks = 0;
    let mut cpus = 0;
    for line in stat.lines() {
        if let Some(rest) = line.strip_prefix("cpu ") {
            total_ticks = rest
                .split_whitespace()
                .filter_map(|v| v.parse::<u64>().ok())
                .sum();
        } else if line.starts_with("cpu") {
            cpus += 1;
        }
    }
    let meminfo = read_text("/proc/meminfo");
    let kib = |key: &str| {
        meminfo
            .lines()
            .find_map(|l| l.strip_prefix(key))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .unwrap_or(0)
    };
    let loadavg = read_text("/proc/loadavg");
    let load: Vec<&str> = loadavg.split_whitespace().take(3).collect();
    let uptime = read_text("/proc/uptime");
    let uptime_s = uptime
        .split(['.', ' '])
        .next()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let page_kib = (strata_core::os::page_size() / 1024) as u64;
    let mut processes = Vec::new();
    for name in os::listdir("/proc").unwrap_or_default() {
        let Some(pid) = core::str::from_utf8(&name)
            .ok()
            .and_then(|n| n.parse::<u32>().ok())
        else {
            continue;
        };
        if let Some(p) = parse_stat(pid, &read_text(&format!("/proc/{pid}/stat")), page_kib) {
            processes.push(p);
        }
    }
    Sample {
        total_ticks,
        cpus: cpus.max(1),
        load: load.join(" "),
        uptime_s,
        mem_total_kib: kib("MemTotal:"),
        mem_available_kib: kib("MemAvailable:"),
        processes,
    }
}

/// proc_pid_stat(5): `pid (comm) state ppid … utime stime … rss …`; the
/// name may hold spaces and parentheses, so it ends at the last `)`.
fn parse_stat(pid: u32, stat: &str, page_kib: u64) -> Option<Process> {
    let open = stat.find('(')?;
    let close = stat.rfind(')')?;
    let name = stat.get(open + 1..close)?;
    let fields: Vec<&str> = stat.get(close + 1..)?.split_whitespace().collect();
    // After the name: state is field 3 of the man page, utime 14, stime
    // 15, rss 24.
    let field = |n: usize| fields.get(n - 3).and_then(|v| v.parse::<u64>().ok());
    Some(Process {
        pid,
        name: String::from(name),
        state: fields.first()?.chars().next()?,
        ticks: field(14)? + field(15)?,
        rss_kib: field(24)? * page_kib,
    })
}
