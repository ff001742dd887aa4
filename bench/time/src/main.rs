//! Times Strata's time module beside its peers in one process and prints
//! `<figure> <peer> <ns per call>` lines (./run adds CPython and the
//! ratios):
//!
//! - `monotonic`: `time::monotonic()` and `monotonic_ns()` against std's
//!   `Instant::now()` (both read the vDSO; Strata is told where it is by
//!   `rustix::param::init`, as Strata's runtime does at startup);
//! - `strftime`: `"%Y-%m-%d %H:%M:%S %z"` of a fixed time, into a stack
//!   buffer, against glibc's `strftime` (called from here) and chrono's
//!   `format` written into a stack buffer;
//! - `localtime`: a different instant of 2023-2024 each call in
//!   Europe/Berlin, against glibc's `localtime_r` (same TZ) and jiff's
//!   `TimeZone::to_datetime`;
//! - `strptime`: `"2024-03-10T02:30:00"` with `"%Y-%m-%dT%H:%M:%S"`,
//!   against chrono's `NaiveDateTime::parse_from_str`.

use std::ffi::{c_char, c_int, c_long};
use std::fmt::Write as _;
use std::hint::black_box;
use std::time::Instant;
use strata_core::time;

/// glibc's `struct tm` on 64-bit Linux.
#[repr(C)]
struct CTm {
    sec: c_int,
    min: c_int,
    hour: c_int,
    mday: c_int,
    mon: c_int,
    year: c_int,
    wday: c_int,
    yday: c_int,
    isdst: c_int,
    gmtoff: c_long,
    zone: *const c_char,
}

unsafe extern "C" {
    static environ: *mut *mut u8;
    fn setenv(name: *const c_char, value: *const c_char, overwrite: c_int) -> c_int;
    fn tzset();
    fn localtime_r(t: *const i64, tm: *mut CTm) -> *mut CTm;
    fn strftime(s: *mut c_char, max: usize, format: *const c_char, tm: *const CTm) -> usize;
}

/// Times the candidates of one figure against each other: batches of
/// each in turn, 15 rounds, the best batch of each (so that a burst of
/// load on the machine hits all of them alike); ns per call.
fn race(figure: &str, candidates: &mut [(&str, &mut dyn FnMut() -> u64)]) {
    let mut iters = 1u64;
    loop {
        let start = Instant::now();
        for _ in 0..iters {
            black_box((candidates[0].1)());
        }
        if start.elapsed().as_millis() >= 10 {
            break;
        }
        iters *= 2;
    }
    let mut best = vec![f64::INFINITY; candidates.len()];
    for _ in 0..15 {
        for (b, (_, f)) in best.iter_mut().zip(candidates.iter_mut()) {
            let start = Instant::now();
            for _ in 0..iters {
                black_box(f());
            }
            *b = b.min(start.elapsed().as_nanos() as f64 / iters as f64);
        }
    }
    for ((name, _), ns) in candidates.iter().zip(best) {
        println!("{figure} {name} {ns:.2}");
    }
}

/// A `fmt::Write` into a stack buffer.
struct Buf {
    bytes: [u8; 64],
    len: usize,
}

impl std::fmt::Write for Buf {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        let end = self.len + s.len();
        self.bytes
            .get_mut(self.len..end)
            .ok_or(std::fmt::Error)?
            .copy_from_slice(s.as_bytes());
        self.len = end;
        Ok(())
    }
}

fn main() {
    // SAFETY: at the start of main, glibc's `environ` is still the array
    // the kernel passed, followed by the auxiliary vector; nothing has
    // read a clock through rustix yet.
    unsafe { rustix::param::init(environ) };

    race(
        "monotonic",
        &mut [
            ("strata", &mut || time::monotonic().to_bits()),
            ("strata_ns", &mut || time::monotonic_ns() as u64),
            ("std", &mut || {
                black_box(Instant::now());
                1
            }),
        ],
    );

    // strftime, checked to agree first.
    let fmt = "%Y-%m-%d %H:%M:%S %z";
    let mut st = time::StructTime::new(2023, 11, 14, 23, 13, 20, 1, 318, 0);
    st.tm_zone = time::ZoneName::new("CET");
    st.tm_gmtoff = Some(3600);
    let mut out = [0u8; 64];
    let sample = time::strftime(fmt, &st, &mut out).unwrap().to_string();
    let tm = CTm {
        sec: 20,
        min: 13,
        hour: 23,
        mday: 14,
        mon: 10,
        year: 123,
        wday: 2,
        yday: 317,
        isdst: 0,
        gmtoff: 3600,
        zone: c"CET".as_ptr(),
    };
    let mut cbuf = [0 as c_char; 64];
    let cfmt = c"%Y-%m-%d %H:%M:%S %z";
    // SAFETY: a valid struct tm, format and buffer of the given size.
    let n = unsafe { strftime(cbuf.as_mut_ptr(), cbuf.len(), cfmt.as_ptr(), &tm) };
    let glibc_sample: String = cbuf[..n].iter().map(|&c| c as u8 as char).collect();
    assert_eq!(sample, glibc_sample, "the two strftimes disagree");
    use chrono::{FixedOffset, TimeZone};
    let dt = FixedOffset::east_opt(3600)
        .unwrap()
        .timestamp_opt(1_700_000_000, 0)
        .unwrap();
    let mut b = Buf {
        bytes: [0; 64],
        len: 0,
    };
    write!(b, "{}", dt.format(fmt)).unwrap();
    assert_eq!(&b.bytes[..b.len], sample.as_bytes(), "chrono disagrees");
    race(
        "strftime",
        &mut [
            ("strata", &mut || {
                time::strftime(fmt, black_box(&st), &mut out).map_or(0, |s| s.len() as u64)
            }),
            // SAFETY: as above.
            ("glibc", &mut || unsafe {
                strftime(cbuf.as_mut_ptr(), cbuf.len(), cfmt.as_ptr(), black_box(&tm)) as u64
            }),
            ("chrono", &mut || {
                let mut b = Buf {
                    bytes: [0; 64],
                    len: 0,
                };
                let _ = write!(b, "{}", black_box(&dt).format(fmt));
                b.len as u64
            }),
        ],
    );

    // localtime in Europe/Berlin, a different instant each call.
    time::tzset_with(Some(b"Europe/Berlin")).expect("Europe/Berlin from /usr/share/zoneinfo");
    // SAFETY: NUL-terminated strings; one thread.
    unsafe {
        setenv(c"TZ".as_ptr(), c"Europe/Berlin".as_ptr(), 1);
        tzset();
    }
    let t = 1_700_000_000;
    let ours = time::localtime(t).unwrap();
    // SAFETY: struct tm is plain integers and a pointer, for which
    // all zeroes is valid (a null tm_zone).
    let mut ctm: CTm = unsafe { std::mem::zeroed() };
    // SAFETY: a valid struct tm for glibc to fill.
    unsafe { localtime_r(&t, &mut ctm) };
    assert_eq!(
        (ours.tm_hour, ours.tm_gmtoff),
        (ctm.hour, Some(ctm.gmtoff)),
        "localtimes disagree"
    );
    let tz = jiff::tz::TimeZone::get("Europe/Berlin").unwrap();
    let step = |i: &mut i64| {
        *i = (*i + 7919) % 40_000_000;
        1_690_000_000 + *i
    };
    let (mut a, mut b2, mut c) = (0i64, 0i64, 0i64);
    race(
        "localtime",
        &mut [
            ("strata", &mut || {
                time::localtime(step(&mut a)).map_or(0, |s| (s.tm_hour + s.tm_sec) as u64)
            }),
            ("glibc", &mut || {
                let t = step(&mut b2);
                // SAFETY: as above.
                unsafe { localtime_r(&t, &mut ctm) };
                (ctm.hour + ctm.sec) as u64
            }),
            ("jiff", &mut || {
                let dt = tz.to_datetime(jiff::Timestamp::from_second(step(&mut c)).unwrap());
                (dt.hour() as i64 + dt.second() as i64) as u64
            }),
        ],
    );

    // strptime of an ISO timestamp.
    let (text, pfmt) = ("2024-03-10T02:30:00", "%Y-%m-%dT%H:%M:%S");
    let p = time::strptime(text, pfmt).unwrap();
    assert_eq!((p.tm_year, p.tm_yday, p.tm_min), (2024, 70, 30));
    race(
        "strptime",
        &mut [
            ("strata", &mut || {
                time::strptime(black_box(text), pfmt).map_or(0, |t| t.tm_yday as u64)
            }),
            ("chrono", &mut || {
                chrono::NaiveDateTime::parse_from_str(black_box(text), pfmt)
                    .map_or(0, |d| d.and_utc().timestamp() as u64)
            }),
        ],
    );
}
