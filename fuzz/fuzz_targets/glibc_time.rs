//! glibc's time functions, called in this process: the oracle of the
//! time fuzz targets (each includes this file and uses part of it).
#![allow(dead_code)]

use std::ffi::{CStr, CString, c_char, c_int, c_long};
use strata_core::time::StructTime;

/// glibc's `struct tm` on 64-bit Linux.
#[repr(C)]
pub struct CTm {
    pub sec: c_int,
    pub min: c_int,
    pub hour: c_int,
    pub mday: c_int,
    pub mon: c_int,
    pub year: c_int,
    pub wday: c_int,
    pub yday: c_int,
    pub isdst: c_int,
    pub gmtoff: c_long,
    pub zone: *const c_char,
}

unsafe extern "C" {
    fn setenv(name: *const c_char, value: *const c_char, overwrite: c_int) -> c_int;
    fn tzset();
    fn localtime_r(t: *const i64, tm: *mut CTm) -> *mut CTm;
    fn gmtime_r(t: *const i64, tm: *mut CTm) -> *mut CTm;
    pub fn strftime(s: *mut c_char, max: usize, format: *const c_char, tm: *const CTm) -> usize;
}

/// A broken-down time as the targets compare it: Python's year, the eight
/// other struct_time numbers from `tm_mon` to `tm_isdst`, the offset and
/// the zone name.
pub type Fields = (i64, [i32; 8], i64, String);

/// Sets glibc's `TZ` and reloads it, with `TZDIR` pointing nowhere so
/// that only what `tz` says is read.
pub fn set_tz(tz: &[u8]) {
    let value = CString::new(tz).unwrap();
    // SAFETY: NUL-terminated strings that outlive the calls; the fuzzer
    // runs one thread.
    unsafe {
        setenv(c"TZDIR".as_ptr(), c"/nonexistent-strata-fuzz".as_ptr(), 1);
        setenv(c"TZ".as_ptr(), value.as_ptr(), 1);
        tzset();
    }
}

/// glibc's `localtime_r` (or, with `local` false, `gmtime_r`) of `t`, or
/// `None` where it fails.
pub fn broken_down(t: i64, local: bool) -> Option<Fields> {
    // SAFETY: struct tm is plain integers and a pointer, for which
    // all zeroes is valid (a null tm_zone).
    let mut tm: CTm = unsafe { std::mem::zeroed() };
    // SAFETY: `tm` is a valid struct tm; glibc writes only into it.
    let r = unsafe {
        if local {
            localtime_r(&t, &mut tm)
        } else {
            gmtime_r(&t, &mut tm)
        }
    };
    if r.is_null() {
        return None;
    }
    // SAFETY: glibc's tm_zone points at a NUL-terminated name it keeps.
    let zone = unsafe { CStr::from_ptr(tm.zone) }
        .to_string_lossy()
        .into_owned();
    let f = [
        tm.mon + 1,
        tm.mday,
        tm.hour,
        tm.min,
        tm.sec,
        (tm.wday + 6) % 7,
        tm.yday + 1,
        tm.isdst,
    ];
    Some((i64::from(tm.year) + 1900, f, tm.gmtoff, zone))
}

/// Strata's struct_time as [`Fields`] (a zone's results always carry the
/// offset and the name).
pub fn fields(s: &StructTime) -> Fields {
    let f = [
        s.tm_mon, s.tm_mday, s.tm_hour, s.tm_min, s.tm_sec, s.tm_wday, s.tm_yday, s.tm_isdst,
    ];
    (
        s.tm_year,
        f,
        s.tm_gmtoff.unwrap(),
        s.tm_zone.unwrap().as_str().to_string(),
    )
}
