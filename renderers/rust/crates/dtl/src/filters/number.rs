//! Django's number filters; `floatformat` rounds decimal text (not binary), as Django's Decimal does.

use super::{required, FilterEnv};
use crate::error::{Error, ErrorKind, Result};
use crate::value::decimal::{decimal_digits, format_number_text, increment_digits, Decimal};
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
pub fn floatformat(v: &Value, arg: Option<&Value>, env: FilterEnv<'_>) -> Result<Value> {
    if let Some(Value::Int(places)) = arg {
        if let Some(fixed) = fixed_places(v, *places) {
            return Ok(fixed);
        }
    }
    floatformat_decimal(v, arg, env)
}

// The most decimals `fixed_places` writes; larger counts take the Decimal path.
const MAX_FIXED_PLACES: i64 = 100;

// The longest coefficient and printed number `fixed_places` builds on the stack; longer ones (a huge
// magnitude, many places) take the Decimal path.
const FIXED_LEN: usize = 64;

/// `floatformat:p` (p an int from 1 to `MAX_FIXED_PLACES`) of an int or a finite float, without the
/// Decimal path's strings: the shortest digits of the float are its Python repr's digits (the Decimal path
/// parses that repr), rounded half-up at `p` decimals on the stack. `None` where the Decimal path decides
/// something else (a non-number, NaN or an infinity, a number it returns unformatted for its size) or the
/// result is longer than `FIXED_LEN`.
fn fixed_places(v: &Value, places: i64) -> Option<Value> {
    if !(1..=MAX_FIXED_PLACES).contains(&places) {
        return None;
    }
    let mut int_buf = [0u8; 20];
    // 17 significant digits, a sign, a point and `e-324` fit in 32 bytes.
    let mut buf = [0u8; 32];
    let (negative, digits, exponent) = match v {
        Value::Int(n) => (*n < 0, decimal_digits(n.unsigned_abs(), &mut int_buf), 0),
        Value::Float(f) if let Some(k) = on_grid(*f, places as usize) => {
            (k < 0, decimal_digits(k.unsigned_abs(), &mut int_buf), -(places as i32))
        }
        Value::Float(f) if f.is_finite() => {
            let mut w = &mut buf[..];
            std::io::Write::write_fmt(&mut w, format_args!("{:e}", f.abs())).ok()?;
            let len = 32 - w.len();
            let sci = std::str::from_utf8(&buf[..len]).ok()?;
            let (mantissa, exp) = sci.split_once('e')?;
            let exp: i32 = exp.parse().ok()?;
            // `d.ddd` as the coefficient `dddd` (the point moved to the end) at `exp - 3`.
            let (dot, mantissa_len) = (mantissa.find('.'), mantissa.len());
            let fraction_len = dot.map_or(0, |d| mantissa_len - d - 1) as i32;
            if let Some(d) = dot {
                buf.copy_within(d + 1..mantissa_len, d);
            }
            let coefficient_len = mantissa_len - usize::from(dot.is_some());
            (f.is_sign_negative(), &buf[..coefficient_len], exp - fraction_len)
        }
        _ => return None,
    };
    // The Decimal path prints a number this large or small as its input; leave it that case.
    if digits.len() + exponent.unsigned_abs() as usize > 200 {
        return None;
    }
    round_half_up(negative, digits, exponent, places as usize).map(Value::Safe)
}

/// `k` where `k / 10^places` is the float's shortest repr, found without computing that repr; `None` when
/// this cannot tell. It holds when a decimal `d` with at most `places` decimals rounds to the float and the
/// float's spacing (its ulp, at most `|f| / 2^52`) is below `10^-(places + 1)`: the interval of reals
/// rounding to the float is then narrower than that, so it holds no other decimal with at most `places`
/// decimals, and a shorter repr with more decimals would put `d`'s leading power of ten between itself and
/// `d` (inside the interval), be one digit long itself and so lie at least `10^-(places + 1)` from it.
/// `d` is inside the interval, not on its edge, which a shortest-digits search may leave out: an edge is a
/// binary fraction with a bit below `2^-places`, `d` has none.
fn on_grid(f: f64, places: usize) -> Option<i64> {
    const POWERS: [f64; 15] = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14];
    let scale = *POWERS.get(places + 1)?;
    // 2^51 rather than 2^52 leaves room for the product's rounding; the infinities fail it too.
    if f.is_nan() || f.abs() * scale >= (1u64 << 51) as f64 {
        return None;
    }
    let scale = POWERS[places];
    let k = (f * scale).round();
    // The division rounds correctly: equal only when `k / 10^places` rounds to `f`.
    (k / scale == f).then_some(k as i64)
}

/// `digits * 10^exponent` (no leading zeros but for zero itself) quantized to `places` decimals with
/// ROUND_HALF_UP and printed as `'{:f}'` does, a zero without its sign: what `floatformat` prints. `None`
/// when the coefficient or the text would not fit in `FIXED_LEN` bytes.
fn round_half_up(negative: bool, digits: &[u8], exponent: i32, places: usize) -> Option<Rc<str>> {
    let shift = exponent + places as i32;
    let dropped = if shift < 0 { shift.unsigned_abs() as usize } else { 0 };
    let kept = if shift >= 0 { digits.len() + shift as usize } else { digits.len().saturating_sub(dropped) };
    // The coefficient at exponent `-places`, most significant digit first, after a place for a carry.
    let mut coefficient = [b'0'; FIXED_LEN];
    let end = 1 + kept;
    if end > FIXED_LEN {
        return None;
    }
    let copied = digits.len().min(kept);
    coefficient[1..1 + copied].copy_from_slice(&digits[..copied]);
    // The first dropped digit decides; a number wholly below the last place has a zero there.
    let first_dropped = if shift < 0 && dropped <= digits.len() { digits[kept] } else { b'0' };
    if first_dropped >= b'5' {
        increment_digits(&mut coefficient[..end]);
    }
    // The carry stops at the spare place at worst (it holds a 0); the result starts there when it got one.
    let start = usize::from(coefficient[0] == b'0');
    let coefficient = &coefficient[start..end];
    let zero = coefficient.iter().all(|&d| d == b'0');
    let (int, fraction) = coefficient.split_at(coefficient.len().saturating_sub(places));
    // A leading zero of the coefficient is `0` itself (zero to round), printed only as the integer part.
    let int = match int.iter().position(|&d| d != b'0') {
        Some(first) => &int[first..],
        None => b"0",
    };
    let mut text = [b'0'; FIXED_LEN];
    let sign = usize::from(negative && !zero);
    let len = sign + int.len() + 1 + places;
    if len > FIXED_LEN {
        return None;
    }
    if sign == 1 {
        text[0] = b'-';
    }
    text[sign..sign + int.len()].copy_from_slice(int);
    text[sign + int.len()] = b'.';
    // The fraction's missing leading digits are the zeros `text` starts with.
    text[len - fraction.len()..len].copy_from_slice(fraction);
    std::str::from_utf8(&text[..len]).ok().map(Rc::from)
}

// Django's floatformat on Python's Decimal of the value's text: every case, the general path.
fn floatformat_decimal(v: &Value, arg: Option<&Value>, _: FilterEnv<'_>) -> Result<Value> {
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

#[cfg(test)]
mod tests {
    use super::*;

    const ENV: FilterEnv<'static> = FilterEnv { autoescape: true, now: None };

    fn shown(v: &Value) -> (String, bool) {
        (py_str(v), v.is_safe())
    }

    // xorshift64*: many values, the same ones on every run.
    fn randoms(mut x: u64) -> impl Iterator<Item = u64> {
        std::iter::from_fn(move || {
            x ^= x >> 12;
            x ^= x << 25;
            x ^= x >> 27;
            Some(x.wrapping_mul(0x2545_f491_4f6c_dd1d))
        })
    }

    fn samples() -> Vec<Value> {
        let mut out: Vec<Value> = [
            0.0,
            -0.0,
            0.125,
            -0.125,
            2.675,
            1.005,
            0.005,
            0.015,
            0.5,
            1.5,
            2.5,
            -2.5,
            9.995,
            99.995,
            999_999.999_9,
            0.1 + 0.2,
            686.79,
            1e-4,
            1e-5,
            9.5e-5,
            1e15,
            1e16,
            123_456_789_012_345_680.0,
            1e22,
            1e200,
            1e-190,
            1.2345e-196,
            1e-200,
            5e-324,
            f64::MIN_POSITIVE,
            f64::MAX,
            f64::MIN,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
        ]
        .iter()
        .map(|f| Value::Float(*f))
        .collect();
        out.extend([0, 1, -1, 5, 999, -1000, 9_007_199_254_740_991, i64::MAX, i64::MIN].map(Value::Int));
        let mut r = randoms(0x5eed);
        for _ in 0..4000 {
            let (a, b) = (r.next().unwrap_or(1), r.next().unwrap_or(1));
            // Any bit pattern (subnormals, NaNs and huge magnitudes among them).
            out.push(Value::Float(f64::from_bits(a)));
            // Short decimals, as prices and measures are, with halves at every position.
            let scale = 10f64.powi((b % 9) as i32);
            let sign = if b & 1 == 0 { 1.0 } else { -1.0 };
            out.push(Value::Float(sign * (a % 10_000_000) as f64 / scale));
            out.push(Value::Float(sign * ((a % 100_000) as f64 + 0.5) / scale));
            out.push(Value::Float(sign * (a % 1_000_000) as f64 / 8.0));
            out.push(Value::Int((a as i64) >> (b % 64)));
            // Around the magnitude where `on_grid` stops answering for each count of places.
            let edge = (1u64 << 51) as f64 / 10f64.powi((b % 16) as i32);
            out.push(Value::Float(sign * edge * (0.9 + (a % 2000) as f64 / 10_000.0)));
            out.push(Value::Float(sign * ((edge * 100.0).round() + (a % 7) as f64) / 100.0));
        }
        out
    }

    #[test]
    fn fixed_places_equals_the_decimal_path() {
        for v in samples() {
            for places in (-2..=12).chain([17, 20, 40, 99, 100, 101, 10_000]) {
                let arg = Value::Int(places);
                let fast = floatformat(&v, Some(&arg), ENV).unwrap();
                let slow = floatformat_decimal(&v, Some(&arg), ENV).unwrap();
                assert_eq!(shown(&fast), shown(&slow), "{v:?}|floatformat:{places}");
            }
        }
    }

    #[test]
    fn fixed_places_serves_prices_and_halves() {
        let fixed = |f: f64, p: i64| fixed_places(&Value::Float(f), p).map(|v| shown(&v));
        assert_eq!(fixed(686.79, 2), Some(("686.79".into(), true)));
        assert_eq!(fixed(2.675, 2), Some(("2.68".into(), true)));
        assert_eq!(fixed(-0.0, 1), Some(("0.0".into(), true)));
        assert_eq!(fixed(-0.004, 2), Some(("0.00".into(), true)));
        assert_eq!(fixed(9.995, 2), Some(("10.00".into(), true)));
        assert_eq!(fixed(0.0005, 3), Some(("0.001".into(), true)));
        assert_eq!(fixed_places(&Value::Int(-7), 3).map(|v| shown(&v)), Some(("-7.000".into(), true)));
        assert_eq!(on_grid(686.79, 2), Some(68679));
        assert_eq!(on_grid(-0.5, 3), Some(-500));
        assert_eq!(on_grid(2.675, 2), None);
        assert_eq!(on_grid(1e13, 2), None);
        assert_eq!(fixed(f64::NAN, 2), None);
        assert_eq!(fixed(1e-200, 2), None);
    }
}
