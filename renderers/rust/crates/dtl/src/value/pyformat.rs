//! Python's `format % value` with one value, for Django's `stringformat` filter: `%s %r %a %d %i %u %x
//! %X %o %c %e %f %g` (and upper-case forms) with flags `#0- +`, width, precision and `%(key)s` keys.
//! A bad format is ValueError; a value of the wrong type is TypeError, as in Python.

use crate::error::{Error, ErrorKind, Result};
use crate::value::pyrepr::{py_repr, py_str};
use crate::value::Value;
use std::fmt::Write;

struct Spec {
    flags: String,
    width: usize,
    precision: Option<usize>,
    conv: char,
}

fn sign_of(negative: bool, flags: &str) -> &'static str {
    if negative {
        "-"
    } else if flags.contains('+') {
        "+"
    } else if flags.contains(' ') {
        " "
    } else {
        ""
    }
}

fn pad(sign: &str, body: &str, spec: &Spec, zero_allowed: bool) -> String {
    let len = sign.chars().count() + body.chars().count();
    if len >= spec.width {
        return format!("{sign}{body}");
    }
    let fill = spec.width - len;
    if spec.flags.contains('-') {
        format!("{sign}{body}{}", " ".repeat(fill))
    } else if zero_allowed && spec.flags.contains('0') {
        format!("{sign}{}{body}", "0".repeat(fill))
    } else {
        format!("{}{sign}{body}", " ".repeat(fill))
    }
}

fn int_of(v: &Value, conv: char) -> Result<i64> {
    let integral_only = "xXoc".contains(conv);
    match v {
        Value::Bool(b) => Ok(*b as i64),
        Value::Int(n) => Ok(*n),
        Value::Float(_) if integral_only => {
            Err(Error::new(ErrorKind::TypeError, format!("%{conv} format: an integer is required, not float")))
        }
        Value::Float(f) if f.is_nan() => Err(Error::new(ErrorKind::ValueError, "cannot convert float NaN to integer")),
        Value::Float(f) if f.is_infinite() => {
            Err(Error::new(ErrorKind::OverflowError, "cannot convert float infinity to integer"))
        }
        Value::Float(f) => Ok(f.trunc() as i64),
        _ => {
            let need = if integral_only { "an integer" } else { "a real number" };
            Err(Error::new(ErrorKind::TypeError, format!("%{conv} format: {need} is required, not {}", v.type_name())))
        }
    }
}

fn format_int(v: &Value, spec: &Spec) -> Result<String> {
    let n = int_of(v, spec.conv)?;
    let abs = n.unsigned_abs();
    let alt = spec.flags.contains('#');
    let (mut body, prefix) = match (spec.conv, v) {
        ('x', _) => (format!("{abs:x}"), if alt { "0x" } else { "" }),
        ('X', _) => (format!("{abs:X}"), if alt { "0X" } else { "" }),
        ('o', _) => (format!("{abs:o}"), if alt { "0o" } else { "" }),
        // A float past i64 truncates to its exact integer value, as Python's int(float).
        (_, Value::Float(f)) => (format!("{:.0}", f.trunc().abs()), ""),
        _ => (abs.to_string(), ""),
    };
    if let Some(p) = spec.precision {
        while body.len() < p {
            body.insert(0, '0');
        }
    }
    Ok(pad(&format!("{}{prefix}", sign_of(n < 0, &spec.flags)), &body, spec, true))
}

// `d.ddd` with `precision` decimals and the decimal exponent, correctly rounded as CPython's `%e`.
fn exp_digits(x: f64, precision: usize) -> (String, i32) {
    let s = format!("{:.*e}", precision, x.abs());
    let (mantissa, exp) = s.split_once('e').unwrap_or((&s, "0"));
    (mantissa.to_string(), exp.parse().unwrap_or(0))
}

fn exp_text(x: f64, precision: usize, alt: bool) -> String {
    let (mantissa, exponent) = exp_digits(x, precision);
    let m = if alt && precision == 0 { format!("{mantissa}.") } else { mantissa };
    format!("{m}e{}{:02}", if exponent < 0 { '-' } else { '+' }, exponent.abs())
}

fn strip_zeros(s: &str) -> &str {
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.')
    } else {
        s
    }
}

fn format_float(v: &Value, spec: &Spec) -> Result<String> {
    let x = match v {
        Value::Bool(b) => *b as i64 as f64,
        Value::Int(n) => *n as f64,
        Value::Float(f) => *f,
        _ => return Err(Error::new(ErrorKind::TypeError, format!("must be real number, not {}", v.type_name()))),
    };
    let upper = spec.conv.is_ascii_uppercase();
    let negative = x < 0.0 || (x == 0.0 && x.is_sign_negative());
    if !x.is_finite() {
        let word = if x.is_nan() { "nan" } else { "inf" };
        let word = if upper { word.to_uppercase() } else { word.to_string() };
        return Ok(pad(sign_of(negative && !x.is_nan(), &spec.flags), &word, spec, false));
    }
    let alt = spec.flags.contains('#');
    let precision = spec.precision.unwrap_or(6);
    let body = match spec.conv.to_ascii_lowercase() {
        'f' => format!("{:.*}{}", precision, x.abs(), if alt && precision == 0 { "." } else { "" }),
        'e' => exp_text(x, precision, alt),
        _ => {
            let p = precision.max(1);
            let (_, exponent) = exp_digits(x, p - 1);
            let body = if exponent >= -4 && (exponent as i64) < p as i64 {
                format!("{:.*}", (p as i32 - 1 - exponent) as usize, x.abs())
            } else {
                exp_text(x, p - 1, false)
            };
            let (digits, exp_part) = match body.find('e') {
                Some(i) => (&body[..i], &body[i..]),
                None => (body.as_str(), ""),
            };
            // `#` keeps trailing zeros and always shows the decimal point.
            if !alt {
                format!("{}{exp_part}", strip_zeros(digits))
            } else if !digits.contains('.') {
                format!("{digits}.{exp_part}")
            } else {
                body.clone()
            }
        }
    };
    let body = if upper { body.to_uppercase() } else { body };
    Ok(pad(sign_of(negative, &spec.flags), &body, spec, true))
}

fn ascii_repr(v: &Value) -> String {
    let mut out = String::new();
    for c in py_repr(v).chars() {
        let cp = c as u32;
        let _ = match cp {
            0..=0x7f => {
                out.push(c);
                Ok(())
            }
            0x80..=0xff => write!(out, "\\x{cp:02x}"),
            0x100..=0xffff => write!(out, "\\u{cp:04x}"),
            _ => write!(out, "\\U{cp:08x}"),
        };
    }
    out
}

fn convert(v: &Value, spec: &Spec) -> Result<String> {
    match spec.conv {
        's' | 'r' | 'a' => {
            let s = match spec.conv {
                's' => py_str(v),
                'r' => py_repr(v),
                _ => ascii_repr(v),
            };
            let s: String = match spec.precision {
                Some(p) => s.chars().take(p).collect(),
                None => s,
            };
            Ok(pad("", &s, spec, false))
        }
        'c' => {
            if let Some(s) = v.as_text() {
                let n = s.chars().count();
                if n != 1 {
                    return Err(Error::new(
                        ErrorKind::TypeError,
                        format!("%c requires an int or a unicode character, not a string of length {n}"),
                    ));
                }
                return Ok(pad("", s, spec, false));
            }
            let n = int_of(v, 'c')?;
            let c = u32::try_from(n).ok().and_then(char::from_u32);
            match c {
                Some(c) => Ok(pad("", &c.to_string(), spec, false)),
                None if (0..=0x10ffff).contains(&n) => Ok(pad("", "\u{fffd}", spec, false)),
                None => Err(Error::new(ErrorKind::OverflowError, "%c arg not in range(0x110000)")),
            }
        }
        'd' | 'i' | 'u' | 'x' | 'X' | 'o' => format_int(v, spec),
        _ => format_float(v, spec),
    }
}

// Parses one `%(key)flags width.precision [hlL] conv` at `chars[i]` (just after the `%`).
fn parse_spec(
    chars: &[char],
    mut i: usize,
) -> (Option<String>, String, Option<usize>, Option<usize>, Option<char>, usize) {
    let mut key = None;
    if chars.get(i) == Some(&'(') {
        if let Some(close) = chars[i..].iter().position(|c| *c == ')') {
            key = Some(chars[i + 1..i + close].iter().collect());
            i += close + 1;
        }
    }
    let mut flags = String::new();
    while let Some(c) = chars.get(i).filter(|c| "#0- +".contains(**c)) {
        flags.push(*c);
        i += 1;
    }
    let digits = |i: &mut usize| {
        let start = *i;
        while chars.get(*i).is_some_and(char::is_ascii_digit) {
            *i += 1;
        }
        (*i > start).then(|| chars[start..*i].iter().collect::<String>().parse().unwrap_or(usize::MAX))
    };
    let width = digits(&mut i);
    let mut precision = None;
    if chars.get(i) == Some(&'.') {
        i += 1;
        precision = Some(digits(&mut i).unwrap_or(0));
    }
    if chars.get(i).is_some_and(|c| "hlL".contains(*c)) {
        i += 1;
    }
    let conv = chars.get(i).copied();
    (key, flags, width, precision, conv, i + 1)
}

/// Python `format % value` with a single (non-tuple) value.
pub fn py_format(format: &str, value: &Value) -> Result<String> {
    let chars: Vec<char> = format.chars().collect();
    let mut out = String::new();
    let (mut used, mut used_key) = (0, false);
    let mut i = 0;
    while i < chars.len() {
        if chars[i] != '%' {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        let (key, flags, width, precision, conv, next) = parse_spec(&chars, i + 1);
        let Some(conv) = conv else { return Err(Error::new(ErrorKind::ValueError, "incomplete format")) };
        if !"diouxXeEfFgGcrsa%".contains(conv) {
            return Err(Error::new(
                ErrorKind::ValueError,
                format!("unsupported format character '{conv}' (0x{:x}) at index {}", conv as u32, next - 1),
            ));
        }
        i = next;
        if conv == '%' {
            out.push('%');
            continue;
        }
        if width.is_some_and(|w| w > 100_000) || precision.is_some_and(|p| p > 100_000) {
            return Err(Error::new(ErrorKind::ValueError, "width or precision too big"));
        }
        let spec = Spec { flags, width: width.unwrap_or(0), precision, conv };
        let arg = match key {
            Some(k) => {
                used_key = true;
                match value {
                    Value::Dict(d) => {
                        d.get(k.as_str()).cloned().ok_or_else(|| Error::new(ErrorKind::KeyError, format!("'{k}'")))?
                    }
                    _ => return Err(Error::new(ErrorKind::TypeError, "format requires a mapping")),
                }
            }
            None => {
                if used >= 1 {
                    return Err(Error::new(ErrorKind::TypeError, "not enough arguments for format string"));
                }
                used += 1;
                value.clone()
            }
        };
        out.push_str(&convert(&arg, &spec)?);
    }
    // CPython treats any subscriptable non-tuple argument (dict, list) as a mapping: no complaint then.
    if used == 0 && !used_key && !matches!(value, Value::Dict(_) | Value::List(..)) {
        return Err(Error::new(ErrorKind::TypeError, "not all arguments converted during string formatting"));
    }
    Ok(out)
}
