//! What `platform` tells about the build: the target, the compiler (`rustc
//! -V`, asked through the `RUSTC` cargo names) and, only when the build
//! gives `SOURCE_DATE_EPOCH`, the build date (a date from the clock would
//! make every build differ).

use std::env;
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=SOURCE_DATE_EPOCH");
    if env::var_os("CARGO_FEATURE_PLATFORM").is_none() {
        return;
    }
    let target = env::var("TARGET").unwrap_or_default();
    println!("cargo:rustc-env=STRATA_TARGET={target}");
    let rustc = env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
    if let Ok(out) = Command::new(rustc).arg("-V").output() {
        let version = String::from_utf8_lossy(&out.stdout);
        let version = version.trim();
        if out.status.success() && !version.is_empty() && !version.contains('\n') {
            println!("cargo:rustc-env=STRATA_RUSTC_VERSION={version}");
        }
    }
    if let Some(date) = env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(c_date)
    {
        println!("cargo:rustc-env=STRATA_BUILD_DATE={date}");
    }
}

/// `seconds` since 1970 (UTC) as C's `__DATE__ " " __TIME__`, which is
/// CPython's build date format: `May  9 2026 07:35:25`.
fn c_date(seconds: i64) -> Option<String> {
    let days = seconds.div_euclid(86_400);
    let secs = seconds.rem_euclid(86_400);
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    if !(0..=9999).contains(&year) {
        return None;
    }
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    Some(format!(
        "{} {day:>2} {year} {:02}:{:02}:{:02}",
        MONTHS[(month - 1) as usize],
        secs / 3600,
        secs / 60 % 60,
        secs % 60
    ))
}
