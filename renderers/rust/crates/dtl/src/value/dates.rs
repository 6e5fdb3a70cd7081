//! Datetimes: the `Date` value (an instant plus its wall clock in the template's time zone, worked out by
//! the JS side with `@tessera/runtime`), Django's `dateformat` characters, and `timesince`.

use crate::error::{Error, ErrorKind, Result};
use crate::value::Value;
use std::rc::Rc;

/// Wall-clock fields of an instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fields {
    /// The year, proleptic Gregorian (JS Dates reach beyond Python's 1-9999).
    pub year: i64,
    /// 1-12
    pub month: u32,
    /// 1-31
    pub day: u32,
    /// 0-23
    pub hour: u32,
    /// 0-59
    pub minute: u32,
    /// 0-59
    pub second: u32,
    /// 0-999
    pub millisecond: u32,
}

/// A JS Date: `ms` since the epoch (NaN for an invalid Date), its wall clock in the template's zone,
/// the zone's UTC offset (seconds) and abbreviation, DST, and whether the wall time is unambiguous.
#[derive(Debug, Clone)]
pub struct DateVal {
    /// Milliseconds since the epoch; NaN for an invalid Date.
    pub ms: f64,
    /// The wall clock in the template's time zone.
    pub local: Fields,
    /// The zone's UTC offset at that instant, in seconds.
    pub offset: i64,
    /// The zone's abbreviation at that instant (`CET`, `EDT`).
    pub abbr: Rc<str>,
    /// Whether daylight saving time is in effect.
    pub dst: bool,
    /// Whether the zone is known (an aware datetime); if not, the zone format characters print nothing.
    pub zone_known: bool,
}

impl DateVal {
    /// Whether the Date holds a time (not `Invalid Date`).
    pub fn is_valid(&self) -> bool {
        self.ms.is_finite()
    }

    /// The UTC wall clock.
    pub fn utc(&self) -> Fields {
        fields_of(self.ms)
    }
}

// Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// The wall-clock fields of `ms` milliseconds since the epoch, in UTC.
pub fn fields_of(ms: f64) -> Fields {
    let ms = ms as i64;
    let days = ms.div_euclid(86_400_000);
    let rest = ms.rem_euclid(86_400_000);
    let (year, month, day) = civil_from_days(days);
    Fields {
        year,
        month,
        day,
        hour: (rest / 3_600_000) as u32,
        minute: (rest / 60_000 % 60) as u32,
        second: (rest / 1000 % 60) as u32,
        millisecond: (rest % 1000) as u32,
    }
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const MONTHS_AP: [&str; 12] =
    ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."];
const WEEKDAYS: [&str; 7] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

fn is_leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = (m as i64 + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// 0 = Monday, as Python's `weekday()`.
pub fn weekday(f: &Fields) -> usize {
    (days_from_civil(f.year, f.month, f.day) + 3).rem_euclid(7) as usize
}

fn day_of_year(f: &Fields) -> i64 {
    const BEFORE: [i64; 12] = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
    BEFORE[(f.month - 1) as usize] + f.day as i64 + i64::from(f.month > 2 && is_leap(f.year))
}

fn iso_calendar(f: &Fields) -> (i64, i64) {
    let wd = weekday(f) as i64 + 1;
    let doy = day_of_year(f);
    let week = (doy - wd + 10).div_euclid(7);
    if week < 1 {
        return iso_calendar(&Fields { year: f.year - 1, month: 12, day: 31, ..*f });
    }
    let days_in_year = if is_leap(f.year) { 366 } else { 365 };
    if week == 53 && doy - wd + 4 > days_in_year {
        return (f.year + 1, 1);
    }
    (f.year, week)
}

fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        2 if is_leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// `+0530`, or `+05:30` with `sep`.
pub fn format_offset(offset: i64, sep: &str) -> String {
    let sign = if offset < 0 { '-' } else { '+' };
    let a = offset.abs();
    format!("{sign}{:02}{sep}{:02}", a / 3600, a / 60 % 60)
}

fn hour12(f: &Fields) -> u32 {
    if f.hour.is_multiple_of(12) {
        12
    } else {
        f.hour % 12
    }
}

fn time_f(f: &Fields) -> String {
    if f.minute > 0 {
        format!("{}:{:02}", hour12(f), f.minute)
    } else {
        hour12(f).to_string()
    }
}

fn year4(y: i64) -> String {
    format!("{y:04}")
}

/// Which characters a format may use: `date` allows all, `time` only the time ones.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Chars {
    /// The `date` filter and `{% now %}`: every format character.
    Date,
    /// The `time` filter: a date character is an AttributeError, which the filter catches.
    Time,
}

fn time_char(c: char, d: &DateVal) -> Option<String> {
    let l = &d.local;
    let known = |s: String| if d.zone_known { s } else { String::new() };
    Some(match c {
        'a' => if l.hour > 11 { "p.m." } else { "a.m." }.into(),
        'A' => if l.hour > 11 { "PM" } else { "AM" }.into(),
        'e' | 'T' => known(d.abbr.to_string()),
        'f' => time_f(l),
        'g' => hour12(l).to_string(),
        'G' => l.hour.to_string(),
        'h' => format!("{:02}", hour12(l)),
        'H' => format!("{:02}", l.hour),
        'i' => format!("{:02}", l.minute),
        'O' => known(format_offset(d.offset, "")),
        'P' => {
            if l.minute == 0 && l.hour == 0 {
                "midnight".into()
            } else if l.minute == 0 && l.hour == 12 {
                "noon".into()
            } else {
                format!("{} {}", time_f(l), if l.hour > 11 { "p.m." } else { "a.m." })
            }
        }
        's' => format!("{:02}", l.second),
        'u' => format!("{:06}", l.millisecond * 1000),
        'Z' => known(d.offset.to_string()),
        _ => return None,
    })
}

fn date_char(c: char, d: &DateVal) -> Option<String> {
    if let Some(s) = time_char(c, d) {
        return Some(s);
    }
    let l = &d.local;
    let month = MONTHS[(l.month - 1) as usize];
    Some(match c {
        'b' => month[..3].to_lowercase(),
        'c' => {
            let micro = if l.millisecond > 0 { format!(".{:06}", l.millisecond * 1000) } else { String::new() };
            format!(
                "{}-{:02}-{:02}T{:02}:{:02}:{:02}{micro}{}",
                year4(l.year),
                l.month,
                l.day,
                l.hour,
                l.minute,
                l.second,
                format_offset(d.offset, ":")
            )
        }
        'd' => format!("{:02}", l.day),
        'D' => WEEKDAYS[weekday(l)][..3].into(),
        'E' | 'F' => month.into(),
        'I' => if d.zone_known {
            if d.dst {
                "1"
            } else {
                "0"
            }
        } else {
            ""
        }
        .into(),
        'j' => l.day.to_string(),
        'l' => WEEKDAYS[weekday(l)].into(),
        'L' => if is_leap(l.year) { "True" } else { "False" }.into(),
        'm' => format!("{:02}", l.month),
        'M' => month[..3].into(),
        'n' => l.month.to_string(),
        'N' => MONTHS_AP[(l.month - 1) as usize].into(),
        'o' => iso_calendar(l).0.to_string(),
        'r' => format!(
            "{}, {:02} {} {} {:02}:{:02}:{:02} {}",
            &WEEKDAYS[weekday(l)][..3],
            l.day,
            &month[..3],
            year4(l.year),
            l.hour,
            l.minute,
            l.second,
            format_offset(d.offset, "")
        ),
        'S' => match l.day {
            11..=13 => "th",
            d if d % 10 == 1 => "st",
            d if d % 10 == 2 => "nd",
            d if d % 10 == 3 => "rd",
            _ => "th",
        }
        .into(),
        't' => days_in_month(l.year, l.month).to_string(),
        'U' => (d.ms / 1000.0).floor().to_string(),
        'w' => ((weekday(l) + 1) % 7).to_string(),
        'W' => iso_calendar(l).1.to_string(),
        'y' => format!("{:02}", l.year.rem_euclid(100)),
        'Y' => year4(l.year),
        'z' => day_of_year(l).to_string(),
        _ => return None,
    })
}

const FORMAT_CHARS: &str = "aAbcdDeEfFgGhHiIjlLmMnNoOPrsStTUuwWyYzZ";

// Django's re_escaped on literal text: `\x` becomes `x`, left to right.
fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        match (c, chars.clone().next()) {
            ('\\', Some(next)) => {
                out.push(next);
                chars.next();
            }
            _ => out.push(c),
        }
    }
    out
}

/// Django `dateformat.format` / `time_format` of any template value.
pub fn format(value: &Value, fmt: &str, chars: Chars) -> Result<String> {
    let date = match value {
        Value::Date(d) if d.is_valid() => Some(d),
        _ => None,
    };
    let mut out = String::new();
    let mut literal = String::new();
    let mut prev = None;
    for c in fmt.chars() {
        // A format character counts unless the character before it (as written) is a backslash.
        if !FORMAT_CHARS.contains(c) || prev == Some('\\') {
            literal.push(c);
            prev = Some(c);
            continue;
        }
        prev = Some(c);
        out.push_str(&unescape(&std::mem::take(&mut literal)));
        let rendered = match (date, chars) {
            (Some(d), Chars::Date) => date_char(c, d),
            (Some(d), Chars::Time) => time_char(c, d),
            (None, _) => None,
        };
        let allowed = chars == Chars::Date || time_char(c, &PLACEHOLDER.with(Clone::clone)).is_some();
        match rendered {
            Some(s) => out.push_str(&s),
            None if date.is_none() && allowed && "eTOZI".contains(c) => {}
            None if date.is_none() && allowed && "rU".contains(c) => {
                return Err(Error::new(
                    ErrorKind::TypeError,
                    format!("combine() argument 1 must be datetime.date, not {}", value.type_name()),
                ));
            }
            None => {
                return Err(Error::new(
                    ErrorKind::AttributeError,
                    format!("'{}' object has no attribute for format character '{c}'", value.type_name()),
                ))
            }
        }
    }
    out.push_str(&unescape(&literal));
    Ok(out)
}

thread_local! {
    // A valid Date, only to ask which characters the time format knows.
    static PLACEHOLDER: DateVal = DateVal {
        ms: 0.0,
        local: fields_of(0.0),
        offset: 0,
        abbr: Rc::from("UTC"),
        dst: false,
        zone_known: true,
    };
}

/// Django's named formats of the en locale (`get_format`); anything else is the format itself.
pub fn resolve_format(name: &str) -> &str {
    match name {
        "DATE_FORMAT" => "N j, Y",
        "DATETIME_FORMAT" => "N j, Y, P",
        "TIME_FORMAT" => "P",
        "YEAR_MONTH_FORMAT" => "F Y",
        "MONTH_DAY_FORMAT" => "F j",
        "SHORT_DATE_FORMAT" => "m/d/Y",
        "SHORT_DATETIME_FORMAT" => "m/d/Y P",
        "DECIMAL_SEPARATOR" => ".",
        "THOUSAND_SEPARATOR" => ",",
        "NUMBER_GROUPING" => "3",
        "FIRST_DAY_OF_WEEK" => "0",
        other => other,
    }
}

/// Python `str(datetime)` of an aware UTC datetime: `2024-01-02 03:04:05+00:00`; `NaT` when invalid.
pub fn date_str(d: &DateVal) -> String {
    if !d.is_valid() {
        return "NaT".into();
    }
    let u = d.utc();
    let micro = if u.millisecond > 0 { format!(".{:03}000", u.millisecond) } else { String::new() };
    format!("{}-{:02}-{:02} {:02}:{:02}:{:02}{micro}+00:00", year4(u.year), u.month, u.day, u.hour, u.minute, u.second)
}

/// Python `repr(datetime)`.
pub fn date_repr(d: &DateVal) -> String {
    if !d.is_valid() {
        return "NaT".into();
    }
    let u = d.utc();
    let mut parts: Vec<i64> =
        vec![u.year, u.month.into(), u.day.into(), u.hour.into(), u.minute.into(), u.second.into()];
    while parts.len() > 3 && parts.last() == Some(&0) && u.millisecond == 0 {
        parts.pop();
    }
    if u.millisecond > 0 {
        parts.push(i64::from(u.millisecond) * 1000);
    }
    let parts: Vec<String> = parts.iter().map(i64::to_string).collect();
    format!("datetime.datetime({}, tzinfo=datetime.timezone.utc)", parts.join(", "))
}

/// `{{ d.year }}` and the other datetime attributes (UTC, as the value model reads them).
pub fn attribute(d: &DateVal, name: &str) -> Option<Value> {
    let u = d.utc();
    Some(match name {
        "year" => Value::Int(u.year),
        "month" => Value::Int(u.month.into()),
        "day" => Value::Int(u.day.into()),
        "hour" => Value::Int(u.hour.into()),
        "minute" => Value::Int(u.minute.into()),
        "second" => Value::Int(u.second.into()),
        "microsecond" => Value::Int(i64::from(u.millisecond) * 1000),
        "weekday" => Value::Int(weekday(&u) as i64),
        "isoweekday" => Value::Int(weekday(&u) as i64 + 1),
        "timestamp" => Value::number(d.ms / 1000.0),
        _ => return None,
    })
}

fn unit(count: i64, name: &str) -> String {
    format!("{count}\u{a0}{name}{}", if count == 1 { "" } else { "s" })
}

/// Django `timesince(d, now)` on aware datetimes (UTC fields): at most two adjacent units.
pub fn between(d: &DateVal, now: &DateVal) -> String {
    if ((now.ms - d.ms) / 1000.0).floor() <= 0.0 {
        return unit(0, "minute");
    }
    let (a, b) = (d.utc(), now.utc());
    let time_of_day = |f: &Fields| ((f.hour * 60 + f.minute) * 60 + f.second) * 1000 + f.millisecond;
    let mut total_months = (b.year - a.year) * 12 + (b.month as i64 - a.month as i64);
    if a.day > b.day || (a.day == b.day && time_of_day(&a) > time_of_day(&b)) {
        total_months -= 1;
    }
    let years = total_months.div_euclid(12);
    let months = total_months - years * 12;
    let mut pivot = d.ms;
    if years != 0 || months != 0 {
        let mut py = a.year + years;
        let mut pm = a.month as i64 + months;
        if pm > 12 {
            pm -= 12;
            py += 1;
        }
        const MONTH_DAYS: [u32; 12] = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
        let day = MONTH_DAYS[(pm - 1) as usize].min(a.day);
        let days = days_from_civil(py, pm as u32, day);
        pivot = (days * 86_400_000 + i64::from((a.hour * 60 + a.minute) * 60 + a.second) * 1000) as f64;
    }
    let mut remaining = (now.ms - pivot) / 1000.0;
    let mut partials = vec![years, months];
    for chunk in [7.0 * 86400.0, 86400.0, 3600.0, 60.0] {
        let count = (remaining / chunk).floor();
        partials.push(count as i64);
        remaining -= chunk * count;
    }
    const UNITS: [&str; 6] = ["year", "month", "week", "day", "hour", "minute"];
    let Some(first) = partials.iter().position(|v| *v != 0) else { return unit(0, "minute") };
    let mut result = Vec::new();
    for i in first..UNITS.len() {
        if result.len() == 2 || partials[i] == 0 {
            break;
        }
        result.push(unit(partials[i], UNITS[i]));
    }
    result.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc_date(ms: f64) -> DateVal {
        DateVal { ms, local: fields_of(ms), offset: 0, abbr: Rc::from("UTC"), dst: false, zone_known: true }
    }

    #[test]
    fn civil_dates_round_trip() {
        let f = fields_of(1_718_454_896_000.0); // 2024-06-15T12:34:56Z
        assert_eq!((f.year, f.month, f.day, f.hour, f.minute, f.second), (2024, 6, 15, 12, 34, 56));
        assert_eq!(weekday(&f), 5);
        assert_eq!(days_from_civil(2024, 6, 15) * 86_400_000 + 45_296_000, 1_718_454_896_000);
    }

    #[test]
    fn formats_like_django() {
        let d = Value::Date(Rc::new(utc_date(1_718_454_896_000.0)));
        assert_eq!(format(&d, "N j, Y, P", Chars::Date).unwrap(), "June 15, 2024, 12:34 p.m.");
        assert_eq!(format(&d, r"jS \o\f F", Chars::Date).unwrap(), "15th of June");
        assert_eq!(format(&d, "Y", Chars::Time).unwrap_err().kind, ErrorKind::AttributeError);
        assert_eq!(format(&Value::str("x"), "O", Chars::Date).unwrap(), "");
    }

    #[test]
    fn timesince_counts_calendar_units() {
        let a = utc_date(0.0);
        let b = utc_date(((365 + 31) * 86_400_000_i64 + 3_600_000) as f64);
        assert_eq!(between(&a, &b), "1\u{a0}year, 1\u{a0}month");
    }
}
