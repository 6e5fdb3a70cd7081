//! Django's number filters; `floatformat` rounds decimal text (not binary), as Django's Decimal does.

use super::{required, FilterEnv};
use crate::error::{Error, ErrorKind, Result};
use crate::value::decimal::{format_number_text, Decimal};
use crate::value::ops::{py_float, py_int};
use crate::value::pyrepr::{float_repr, py_str};
use crate::value::{SeqKind, Value};
use std::rc::Rc;

// Python's `value + arg` for the values templates carry; `None` where Python raises TypeError.
fn py_add(a: &Value, b: &Value) -> Option<Value> {
    let num = |v: &Value| match v {
        Value::Int(n) => Some(*n as f64),
        Value::Float(f) => Some(*f),
        Value::Bool(b) => Some(*b as i64 as f64),
        _ => None,
    };
    if let (Some(x), Some(y)) = (num(a), num(b)) {
        return Some(Value::number(x + y));
    }
    if let (Some(x), Some(y)) = (a.as_text(), b.as_text()) {
        let joined = format!("{x}{y}");
        return Some(if a.is_safe() && b.is_safe() { Value::safe(joined) } else { Value::str(joined) });
    }
    // list + list and tuple + tuple; any other pair of sequences (dict views among them) is a TypeError.
    let seq = |v: &Value| match v {
        Value::List(items, kind @ (SeqKind::List | SeqKind::Tuple)) => Some((items.to_vec(), *kind)),
        Value::Group(g) => Some((vec![g.0.clone(), g.1.clone()], SeqKind::Tuple)),
        _ => None,
    };
    if let (Some((mut x, kx)), Some((y, ky))) = (seq(a), seq(b)) {
        if kx == ky {
            x.extend(y);
            return Some(Value::List(Rc::new(x), kx));
        }
    }
    None
}

/// `{{ value|add:"2" }}`: `int(value) + int(arg)` when both convert, else Python's `value + arg`, else `''`.
pub fn add(v: &Value, arg: Option<&Value>, _: FilterEnv<'_>) -> Result<Value> {
    let arg = required(arg);
    match py_int(v).and_then(|x| Ok((x, py_int(arg)?))) {
        Ok((x, y)) => Ok(Value::number(x as f64 + y as f64)),
        Err(e) if !matches!(e.kind, ErrorKind::ValueError | ErrorKind::TypeError) => Err(e),
        Err(_) => Ok(py_add(v, arg).unwrap_or_else(|| Value::str(""))),
    }
}

/// `{{ value|divisibleby:"3" }}`: whether the value is divisible by the argument.
pub fn divisibleby(v: &Value, arg: Option<&Value>, _: FilterEnv<'_>) -> Result<Value> {
    let dividend = py_int(v)?;
    let divisor = py_int(required(arg))?;
    if divisor == 0 {
        return Err(Error::new(ErrorKind::ZeroDivisionError, "integer modulo by zero"));
    }
    Ok(Value::Bool(dividend.rem_euclid(divisor) == 0))
}

/// `{{ value|get_digit:"2" }}`: the digit that many places from the right (the value when it cannot).
pub fn get_digit(v: &Value, arg: Option<&Value>, _: FilterEnv<'_>) -> Result<Value> {
    // Python evaluates `int(arg)` first: its TypeError wins over the value's ValueError.
    let (n, value) = match py_int(required(arg)).and_then(|n| Ok((n, py_int(v)?))) {
        Ok(pair) => pair,
        Err(e) if e.kind == ErrorKind::ValueError => return Ok(v.clone()),
        Err(e) => return Err(e),
    };
    if n < 1 {
        return Ok(Value::Int(value));
    }
    // `int(str(value)[-arg])`: past the first character is IndexError (0); the sign is not a digit.
    let digits: Vec<char> = value.to_string().chars().collect();
    Ok(match digits.len().checked_sub(n as usize).map(|i| digits[i]) {
        Some('-') => return Err(Error::new(ErrorKind::ValueError, "invalid literal for int() with base 10: '-'")),
        Some(d) => d.to_digit(10).map_or(Value::Int(0), |x| Value::Int(x as i64)),
        None => Value::Int(0),
    })
}

/// `{{ value|filesizeformat }}`: a byte count as `13 KB`, `4.1 MB`.
pub fn filesizeformat(v: &Value, _: Option<&Value>, _: FilterEnv<'_>) -> Result<Value> {
    let bytes = match py_int(v) {
        Ok(b) => b,
        Err(e) if matches!(e.kind, ErrorKind::TypeError | ErrorKind::ValueError) => {
            return Ok(Value::str("0\u{a0}bytes"))
        }
        Err(e) => return Err(e),
    };
    let abs = bytes.unsigned_abs() as f64;
    const UNITS: [(f64, &str); 5] =
        [(1125899906842624.0, "PB"), (1099511627776.0, "TB"), (1073741824.0, "GB"), (1048576.0, "MB"), (1024.0, "KB")];
    let mut text = format!("{} byte{}", bytes.unsigned_abs(), if bytes.unsigned_abs() == 1 { "" } else { "s" });
    for (size, unit) in UNITS {
        if abs >= size {
            // Python round(x, 1) then number_format(x, 1): exact decimal rounding of the double.
            text = format!("{:.1} {unit}", abs / size);
            break;
        }
    }
    let signed = if bytes < 0 { format!("-{text}") } else { text };
    Ok(Value::str(signed.replace(' ', "\u{a0}")))
}

/// `{{ value|floatformat:2 }}`: rounded to that many decimals (negative: only when needed), with `g`/`u` suffixes.
pub fn floatformat(v: &Value, arg: Option<&Value>, _: FilterEnv<'_>) -> Result<Value> {
    let (p, grouping): (Value, bool) = match arg {
        None => (Value::Int(-1), false),
        Some(a) => match a.as_text() {
            None => (a.clone(), false),
            Some("") => return Err(Error::new(ErrorKind::IndexError, "string index out of range")),
            Some(s) => {
                let or_default = |t: &str| if t.is_empty() { Value::Int(-1) } else { Value::str(t) };
                if s.ends_with("gu") || s.ends_with("ug") {
                    (or_default(&s[..s.len() - 2]), false)
                } else if let Some(t) = s.strip_suffix('g') {
                    (or_default(t), true)
                } else if let Some(t) = s.strip_suffix('u') {
                    (or_default(t), false)
                } else {
                    (Value::str(s), false)
                }
            }
        },
    };
    let input = py_str(v);
    let parsed = match Decimal::parse(&input) {
        Some(d) => Some(d),
        None => match py_float(v) {
            Ok(f) => Decimal::parse(&float_repr(f)),
            Err(e) if matches!(e.kind, ErrorKind::ValueError | ErrorKind::TypeError) => return Ok(Value::str("")),
            Err(e) => return Err(e),
        },
    };
    let Some(d) = parsed else { return Ok(Value::str("")) };
    let p = match py_int(&p) {
        Ok(p) => p,
        Err(e) if e.kind == ErrorKind::ValueError => return Ok(Value::str(input)),
        Err(e) => return Err(e),
    };
    let Some(dec) = d else { return Ok(Value::str(input)) };
    if dec.digits.len() + dec.exponent.unsigned_abs() as usize > 200 {
        return Ok(Value::str(input));
    }
    if !dec.has_fraction() && p <= 0 {
        // A formatted number is marked safe, as Django does; the input returned unchanged is not.
        return Ok(Value::safe(format_number_text(&dec.truncate_text(), Some(0), grouping)));
    }
    let rounded = dec.quantize_half_up(-(p.unsigned_abs().min(10_000) as i32));
    Ok(Value::Safe(Rc::from(format_number_text(&rounded.to_plain_string(), Some(p.unsigned_abs() as usize), grouping))))
}
