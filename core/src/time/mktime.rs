//! Local time to an instant: glibc's `__mktime_internal` (from gnulib),
//! step for step, so that every answer CPython gets from glibc's `mktime`
//! comes out the same, also in DST gaps and overlaps and with fields out of
//! range. It inverts a `convert` function (the zone's local time) by
//! probing: guess with the last offset seen, correct by the difference,
//! and when the requested `tm_isdst` disagrees, look for a neighbouring
//! instant that agrees.

use super::calendar::{MON_YDAY, Tm};

/// Is `year` years after 1900 a leap year? (gnulib's `leapyear`, safe
/// for any year.)
fn leapyear(year: i64) -> bool {
    (year & 3) == 0 && (year % 100 != 0 || ((year / 100) & 3) == (-(1900 / 100) & 3))
}

/// Whether two `tm_isdst` values disagree: one zero, the other positive.
fn isdst_differ(a: i32, b: i32) -> bool {
    ((a == 0) != (b == 0)) && a >= 0 && b >= 0
}

/// `(year1-yday1 hour1:min1:sec1) - (year0-yday0 hour0:min0:sec0)` in
/// seconds, years counted from 1900, without leap seconds (gnulib's
/// `ydhms_diff`, with its C `int` intermediate values).
#[allow(clippy::too_many_arguments)]
fn ydhms_diff(
    year1: i64,
    yday1: i64,
    hour1: i32,
    min1: i32,
    sec1: i32,
    year0: i32,
    yday0: i32,
    hour0: i32,
    min0: i32,
    sec0: i32,
) -> i64 {
    let year0 = i64::from(year0);
    let a4 = ((year1 >> 2) + (1900 >> 2) - i64::from(year1 & 3 == 0)) as i32;
    let b4 = ((year0 >> 2) + (1900 >> 2) - i64::from(year0 & 3 == 0)) as i32;
    let a100 = (a4 + i32::from(a4 < 0)) / 25 - i32::from(a4 < 0);
    let b100 = (b4 + i32::from(b4 < 0)) / 25 - i32::from(b4 < 0);
    let a400 = a100 >> 2;
    let b400 = b100 >> 2;
    let leap_days = (a4.wrapping_sub(b4))
        .wrapping_sub(a100.wrapping_sub(b100))
        .wrapping_add(a400.wrapping_sub(b400));
    let years = year1.wrapping_sub(year0);
    let days = years
        .wrapping_mul(365)
        .wrapping_add(yday1)
        .wrapping_sub(i64::from(yday0))
        .wrapping_add(i64::from(leap_days));
    let hours = days
        .wrapping_mul(24)
        .wrapping_add(i64::from(hour1) - i64::from(hour0));
    let minutes = hours
        .wrapping_mul(60)
        .wrapping_add(i64::from(min1) - i64::from(min0));
    minutes
        .wrapping_mul(60)
        .wrapping_add(i64::from(sec1) - i64::from(sec0))
}

fn tm_diff(year: i64, yday: i64, hour: i32, min: i32, sec: i32, tp: &Tm) -> i64 {
    ydhms_diff(
        year, yday, hour, min, sec, tp.year, tp.yday, tp.hour, tp.min, tp.sec,
    )
}

/// The average of `a` and `b`, rounded up, without overflow.
fn avg(a: i64, b: i64) -> i64 {
    (a >> 1) + (b >> 1) + ((a | b) & 1)
}

/// gnulib's `ranged_convert`: converts `*t`, or if it is out of range,
/// the in-range instant nearest to it (found by bisection towards 0).
fn ranged_convert(convert: &impl Fn(i64) -> Option<Tm>, t: &mut i64) -> Option<Tm> {
    if let Some(tm) = convert(*t) {
        return Some(tm);
    }
    let mut bad = *t;
    let mut ok = 0;
    let mut oktm = None;
    loop {
        let mid = avg(ok, bad);
        if mid == ok || mid == bad {
            break;
        }
        match convert(mid) {
            Some(tm) => {
                ok = mid;
                oktm = Some(tm);
            }
            None => bad = mid,
        }
    }
    let tm = oktm?;
    *t = ok;
    Some(tm)
}

/// gnulib's `__mktime_internal`: the instant whose `convert` is `tp`, and
/// `tp` normalised; `offset` carries the guess from call to call. `None`
/// is glibc's `EOVERFLOW`.
pub(crate) fn mktime(
    tp: &mut Tm,
    convert: impl Fn(i64) -> Option<Tm>,
    offset: &mut i64,
) -> Option<i64> {
    let mut remaining_probes = 6;
    let (mut sec, min, hour, mday, mon) = (tp.sec, tp.min, tp.hour, tp.mday, tp.mon);
    let isdst = tp.isdst;
    let mut dst2 = false;

    // Bring the month into range, carrying into the year.
    let mon_remainder = mon % 12;
    let negative_mon_remainder = mon_remainder < 0;
    let mon_years = mon / 12 - i32::from(negative_mon_remainder);
    let year = i64::from(tp.year) + i64::from(mon_years);
    let mon_index = (mon_remainder + 12 * i32::from(negative_mon_remainder)) as usize;
    let mon_yday = i64::from(MON_YDAY[usize::from(leapyear(year))][mon_index]) - 1;
    let yday = mon_yday + i64::from(mday);

    let sec_requested = sec;
    // Leap seconds are possible: keep the probe within a 60-second minute.
    sec = sec.clamp(0, 59);

    // glibc keeps the guess in a long but negates it into an int.
    let negative_offset_guess = 0i64.wrapping_sub(*offset) as i32;
    let t0 = ydhms_diff(
        year,
        yday,
        hour,
        min,
        sec,
        70,
        0,
        0,
        0,
        negative_offset_guess,
    );
    let (mut t, mut t1, mut t2) = (t0, t0, t0);
    let mut tm;
    let found = 'probe: {
        loop {
            tm = ranged_convert(&convert, &mut t)?;
            let dt = tm_diff(year, yday, hour, min, sec, &tm);
            if dt == 0 {
                break;
            }
            if t == t1
                && t != t2
                && (tm.isdst < 0
                    || if isdst < 0 {
                        !dst2 || tm.isdst != 0
                    } else {
                        (isdst != 0) != (tm.isdst != 0)
                    })
            {
                // Oscillating between two instants: a spring-forward gap
                // of dt. Keep this one, DT away from what was asked.
                break 'probe t;
            }
            remaining_probes -= 1;
            if remaining_probes == 0 {
                return None;
            }
            t1 = t2;
            t2 = t;
            t = t.wrapping_add(dt);
            dst2 = tm.isdst != 0;
        }
        if isdst_differ(isdst, tm.isdst) {
            // The right local time, the wrong tm_isdst: find a nearby
            // instant with the wanted one and use its offset.
            let dst_difference = i64::from(isdst == 0) - i64::from(tm.isdst == 0);
            let stride: i64 = 601_200;
            let duration_max: i64 = 457_243_209;
            let delta_bound = duration_max / 2 + stride;
            let mut delta = stride;
            while delta < delta_bound {
                for direction in [-1i64, 1] {
                    let Some(mut ot) = t.checked_add(delta * direction) else {
                        continue;
                    };
                    let otm = ranged_convert(&convert, &mut ot)?;
                    if !isdst_differ(isdst, otm.isdst) {
                        let gt = ot.wrapping_add(tm_diff(year, yday, hour, min, sec, &otm));
                        if let Some(gtm) = convert(gt) {
                            tm = gtm;
                            break 'probe gt;
                        }
                    }
                }
                delta += stride;
            }
            // None within reach: assume a one-hour difference.
            t = t.checked_add(3600 * dst_difference)?;
            tm = convert(t)?;
        }
        t
    };
    let mut t = found;
    *offset = t
        .wrapping_sub(t0)
        .wrapping_sub(i64::from(negative_offset_guess));
    if sec_requested != tm.sec {
        // Honour the seconds asked for, including a leap second.
        let adjustment =
            i64::from(sec == 0 && tm.sec == 60) - i64::from(sec) + i64::from(sec_requested);
        t = t.checked_add(adjustment)?;
        tm = convert(t)?;
    }
    *tp = tm;
    Some(t)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::calendar::offtime;

    #[test]
    fn utc_round_trips_and_normalises() {
        let utc = |t: i64| offtime(t, 0);
        let mut offset = 0;
        for t in [-2_208_988_800i64, -1, 0, 951_827_696, 4_102_444_800] {
            let mut tm = offtime(t, 0).unwrap();
            tm.isdst = -1;
            assert_eq!(mktime(&mut tm, utc, &mut offset), Some(t));
        }
        // 2024-13-32 25:61:61 is 2025-02-02 02:02:01.
        let mut tm = Tm {
            year: 124,
            mon: 12,
            mday: 32,
            hour: 25,
            min: 61,
            sec: 61,
            isdst: 0,
            ..Tm::default()
        };
        let t = mktime(&mut tm, utc, &mut offset).unwrap();
        assert_eq!(t, 1_738_461_721);
        assert_eq!(
            (tm.year, tm.mon, tm.mday, tm.hour, tm.min, tm.sec),
            (125, 1, 2, 2, 2, 1)
        );
    }

    #[test]
    fn the_last_representable_second_and_beyond() {
        // Checked against glibc: the year 2147483647 + 1900 ends at
        // 67768036191676799; a day later is EOVERFLOW.
        let utc = |t: i64| offtime(t, 0);
        let mut offset = 0;
        let mut tm = Tm {
            year: i32::MAX,
            mon: 11,
            mday: 31,
            hour: 23,
            min: 59,
            sec: 59,
            ..Tm::default()
        };
        assert_eq!(
            mktime(&mut tm, utc, &mut offset),
            Some(67_768_036_191_676_799)
        );
        assert_eq!(tm.wday, 3);
        let mut tm = Tm {
            year: i32::MAX,
            mon: 11,
            mday: 32,
            ..Tm::default()
        };
        assert_eq!(mktime(&mut tm, utc, &mut offset), None);
    }
}
