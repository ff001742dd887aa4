//! The demo's sections, shared by the static demo (tests/src/bin/demo.rs)
//! and the same demo as a std program (std-layer/examples/demo.rs), so the
//! two builds do the same work.

use alloc::collections::BTreeMap;
use alloc::vec::Vec;
use strata_alloc::argparse::{Action, Arg, ArgumentParser, Nargs};
use strata_alloc::getopt::gnu_getopt;
use strata_alloc::io::{IOBase, TextIOBase, TextIOWrapperExt};
use strata_alloc::time::{self, Zone};
use strata_alloc::tty::{self, TerminalSize};
use strata_alloc::{os, println, signal};

/// Runs every section; `arch` and `kind` name the build in the title,
/// `argv` is the command line (program first).
pub fn run(arch: &str, kind: &str, argv: &[&[u8]]) {
    println!("Strata demo ({arch}): {kind}");
    runtime(argv);
    system();
    terminal();
    options(argv);
    arguments(argv);
    clocks();
    files();
    logging();
    heap();
    signals();
}

fn runtime(argv: &[&[u8]]) {
    println!("\n[runtime]");
    for (i, arg) in argv.iter().enumerate() {
        println!(
            "  argv[{i}]      {}",
            core::str::from_utf8(arg).unwrap_or("<not UTF-8>")
        );
    }
    let (count, bytes) =
        os::environ().fold((0, 0), |(n, b), (k, v)| (n + 1, b + k.len() + v.len() + 2));
    println!("  environment  {count} variables, {bytes} bytes");
    println!("  page size    {} bytes", os::page_size());
    let platform = os::getauxval_str(os::AT_PLATFORM).and_then(|p| p.to_str().ok());
    println!("  AT_PLATFORM  {}", platform.unwrap_or("(not given)"));
    println!(
        "  AT_HWCAP     {:#x}",
        os::getauxval(os::AT_HWCAP).unwrap_or(0)
    );
    println!(
        "  uid {}  gid {}  pid {}  ppid {}",
        os::getuid(),
        os::getgid(),
        os::getpid(),
        os::getppid()
    );
    let init = os::getpid() == 1;
    println!(
        "  PID 1        {}",
        if init {
            "yes: this program is the init of a Linux kernel"
        } else {
            "no"
        }
    );
}

fn system() {
    println!("\n[os]");
    let u = os::uname();
    println!(
        "  uname        {} {} {} {}",
        u.sysname(),
        u.nodename(),
        u.release(),
        u.machine()
    );
    match os::getcwd() {
        Ok(cwd) => println!("  cwd          {cwd}"),
        Err(e) => println!("  cwd          {e}"),
    }
    // platform.platform() and the os-release NAME.
    println!(
        "  platform     {}",
        strata_alloc::platform::platform(false, false)
    );
    match strata_alloc::platform::freedesktop_os_release() {
        Ok(info) => println!("  os-release   NAME={}", info.get("NAME").unwrap_or("")),
        Err(e) => println!("  os-release   none: {e}"),
    }
    let (dirs, files) = os::walk("/dev").fold((0, 0), |(d, f), e| (d + 1, f + e.filenames.len()));
    println!("  os.walk('/dev'): {dirs} directories, {files} other entries");
    // As in Python, os.system does not flush our buffered stdout first.
    let _ = strata_alloc::io::stdout().flush();
    match os::system("echo '  a child spawned by os.system says hello'") {
        Ok(status) => println!(
            "  its exit code: {}",
            os::waitstatus_to_exitcode(status).unwrap_or(-1)
        ),
        Err(e) => println!("  os.system: {e}"),
    }
}

fn terminal() {
    println!("\n[terminal]");
    // SAFETY: fd 1 is only inspected.
    let stdout = unsafe { os::BorrowedFd::borrow_raw(1) };
    let size = tty::terminal_size(TerminalSize {
        columns: 80,
        lines: 24,
    });
    println!("  stdout is a terminal: {}", tty::isatty(stdout));
    println!(
        "  size (shutil.get_terminal_size): {} columns x {} lines",
        size.columns, size.lines
    );
}

fn options(argv: &[&[u8]]) {
    println!("\n[getopt] gnu_getopt(argv[1:], \"vn:\", [\"verbose\", \"name=\"])");
    let args = argv.get(1..).unwrap_or_default();
    let mut parsed = gnu_getopt(args, "vn:", &["verbose", "name="]);
    for item in &mut parsed {
        match item {
            Ok((opt, value)) => println!(
                "  option {opt} = {:?}",
                core::str::from_utf8(value).unwrap_or("?")
            ),
            Err(e) => println!("  error: {e}"),
        }
    }
    let rest: Vec<&str> = parsed
        .args()
        .map(|a| core::str::from_utf8(a).unwrap_or("?"))
        .collect();
    println!("  arguments {rest:?}");
}

/// The same command line through argparse, and its `--help`.
fn arguments(argv: &[&[u8]]) {
    println!("\n[argparse]");
    let mut parser = ArgumentParser::new()
        .prog("demo")
        .description("The Strata demo.")
        .columns(76);
    let added = [
        Arg::new(&["-v", "--verbose"])
            .action(Action::StoreTrue)
            .help("say more"),
        Arg::new(&["-n", "--name"])
            .default("world")
            .help("who to greet (default: %(default)s)"),
        Arg::new(&["words"])
            .nargs(Nargs::ZeroOrMore)
            .help("anything else"),
    ]
    .into_iter()
    .try_for_each(|arg| parser.add_argument(arg));
    if let Err(e) = added {
        println!("  {e}");
        return;
    }
    match parser.parse_known_args(argv.get(1..).unwrap_or_default()) {
        Ok((ns, rest)) => {
            let name: Option<&str> = ns.get("name");
            println!(
                "  verbose={:?} name={:?} unknown={}",
                ns.get::<bool>("verbose"),
                name,
                rest.len()
            );
        }
        Err(e) => println!("  {e}"),
    }
    for line in parser.format_help().lines() {
        println!("  | {line}");
    }
}

fn clocks() {
    println!("\n[time]");
    let now = time::time() as i64;
    let mut buf = [0u8; 64];
    let built_in = time::tzdata::embedded().map_or("", |db| db.version());
    println!("  zones: /usr/share/zoneinfo, else the tzdata {built_in} built in");
    for tz in [
        "UTC",
        "Europe/Berlin",
        "America/New_York",
        "Asia/Kolkata",
        "EST5EDT,M3.2.0,M11.1.0",
    ] {
        let mut zone = Zone::utc();
        let loaded = zone.load(Some(tz.as_bytes()));
        let shown = zone.localtime(now).ok().and_then(|t| {
            zone.strftime("%Y-%m-%d %H:%M:%S %Z (%z)", &t, &mut buf)
                .ok()
        });
        match (loaded, shown) {
            (Ok(()), Some(text)) => println!("  {tz:<24} {text}"),
            (Err(e), _) => println!("  {tz:<24} {e}"),
            (_, None) => println!("  {tz:<24} (cannot format)"),
        }
    }
    let start = time::monotonic();
    let _ = time::sleep(0.01);
    println!(
        "  time.sleep(0.01) took {:.1} ms by time.monotonic()",
        (time::monotonic() - start) * 1000.0
    );
}

/// A file written and read back through `io.open`'s layers.
fn files() {
    println!("\n[io]");
    let dir = os::getcwd().unwrap_or_default();
    let writable = if os::access("/tmp", os::W_OK).unwrap_or(false) {
        "/tmp"
    } else {
        dir.as_str()
    };
    let path = alloc::format!(
        "{}/strata-demo-{}.txt",
        writable.trim_end_matches('/'),
        os::getpid()
    );
    let result = (|| -> Result<alloc::string::String, strata_alloc::io::Error> {
        let mut out = strata_alloc::io::open(path.as_str(), "w")?;
        out.text()?
            .write("written through TextIOWrapper, BufferedWriter and FileIO\n")?;
        out.close()?;
        let mut input = strata_alloc::io::open(path.as_str(), "r")?;
        input.text()?.readline_string()
    })();
    let _ = os::remove(&path);
    match result {
        Ok(line) => println!("  {path}: {}", line.trim_end()),
        Err(e) => println!("  io.open: {e}"),
    }
}

/// logging from a dictConfig JSON: a rotating file and syslog (over a
/// unix datagram socket the demo listens on itself, as /dev/log would be).
fn logging() {
    use strata_alloc::logging::{self, config};
    use strata_alloc::net::{Family, Kind, Socket, SocketAddr};
    println!("\n[logging]");
    let base = if os::access("/tmp", os::W_OK).unwrap_or(false) {
        alloc::string::String::from("/tmp")
    } else {
        os::getcwd().unwrap_or_default()
    };
    let dir = alloc::format!(
        "{}/strata-demo-logging-{}",
        base.trim_end_matches('/'),
        os::getpid()
    );
    if os::mkdir(&dir, 0o700).is_err() {
        println!("  cannot make {dir}");
        return;
    }
    let socket_path = alloc::format!("{dir}/log.sock");
    let mut syslogd = SocketAddr::unix(socket_path.as_bytes()).and_then(|addr| {
        let socket = Socket::new(Family::Unix, Kind::Datagram).ok()?;
        socket.bind(&addr).ok()?;
        Some(socket)
    });
    let json = include_str!("bin/demo_logging.json").replace("@DIR@", &dir);
    match config::dict_config_json(&json) {
        Ok(()) => {
            let log = logging::get_logger("demo");
            for i in 1..=8 {
                strata_alloc::info!(log, "record %d of %d", i, 8);
            }
            strata_alloc::warning!(log, "disk %s is %d%% full", "/var", 91);
            logging::shutdown();
            for name in ["demo.log.2", "demo.log.1", "demo.log"] {
                let path = alloc::format!("{dir}/{name}");
                let text = read_text(&path);
                println!("  {name}: {} lines", text.lines().count());
                for line in text.lines() {
                    println!("    {line}");
                }
                let _ = os::remove(&path);
            }
            if let Some(socket) = &mut syslogd {
                let mut buf = [0u8; 512];
                let _ = socket.set_timeout(Some(0.0));
                while let Ok(n) = socket.recv(&mut buf) {
                    println!(
                        "  syslog got {:?}",
                        alloc::string::String::from_utf8_lossy(&buf[..n])
                    );
                }
            }
        }
        Err(e) => println!("  dictConfig: {}: {e}", e.python_class()),
    }
    drop(syslogd);
    let _ = os::remove(&socket_path);
    let _ = os::rmdir(&dir);
}

/// A file's text (lossy), empty when it cannot be read.
pub fn read_text(path: &str) -> alloc::string::String {
    let Ok(fd) = os::open(path, os::O_RDONLY, 0) else {
        return alloc::string::String::new();
    };
    let mut out = Vec::new();
    let mut buf = [0u8; 4096];
    while let Ok(n @ 1..) = os::read(&fd, &mut buf) {
        out.extend_from_slice(&buf[..n]);
    }
    alloc::string::String::from_utf8_lossy(&out).into_owned()
}

fn heap() {
    println!("\n[heap]");
    let mut x: u64 = 0x2545_f491_4f6c_dd1d;
    let mut counts = BTreeMap::new();
    for _ in 0..100_000 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        *counts.entry(x % 10).or_insert(0u32) += 1;
    }
    let spread: Vec<u32> = counts.values().copied().collect();
    println!("  100,000 random numbers into a BTreeMap by last digit: {spread:?}");
}

fn signals() {
    println!("\n[signal]");
    let _ = signal::catch(signal::SIGUSR1, false);
    let _ = signal::raise_signal(signal::SIGUSR1);
    println!(
        "  raised SIGUSR1, handler counted {}",
        signal::caught(signal::SIGUSR1)
    );
}
