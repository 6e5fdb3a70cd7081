//! Python `str()` and `repr()` of template values, as `@tessera/runtime`'s pyrepr prints them.

use crate::value::surrogate;
use crate::value::{SeqKind, Value};
use std::fmt::Write;

/// Python `repr(float)`: shortest round-trip digits, scientific below 1e-4 and from 1e16 up.
pub fn float_repr(n: f64) -> String {
    if n.is_nan() {
        return "nan".into();
    }
    if n.is_infinite() {
        return if n > 0.0 { "inf".into() } else { "-inf".into() };
    }
    if n == 0.0 {
        return if n.is_sign_negative() { "-0.0".into() } else { "0.0".into() };
    }
    let sci = format!("{n:e}");
    let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let (sign, mantissa) = match mantissa.strip_prefix('-') {
        Some(m) => ("-", m),
        None => ("", mantissa),
    };
    let digits: String = mantissa.chars().filter(|c| *c != '.').collect();
    if !(-4..16).contains(&exp) {
        let frac = &digits[1..];
        let dot = if frac.is_empty() { String::new() } else { format!(".{frac}") };
        let exp_sign = if exp < 0 { '-' } else { '+' };
        return format!("{sign}{}{dot}e{exp_sign}{:02}", &digits[..1], exp.abs());
    }
    if exp < 0 {
        return format!("{sign}0.{}{digits}", "0".repeat((-exp - 1) as usize));
    }
    let int_len = exp as usize + 1;
    if digits.len() <= int_len {
        format!("{sign}{digits}{}.0", "0".repeat(int_len - digits.len()))
    } else {
        format!("{sign}{}.{}", &digits[..int_len], &digits[int_len..])
    }
}

/// How Django prints a float in `{{ value }}`: the repr with scientific notation expanded.
pub fn localize_float(n: f64) -> String {
    let repr = float_repr(n);
    let Some((mantissa, exp)) = repr.split_once('e') else { return repr };
    let exp: i32 = exp.parse().unwrap_or(0);
    let (sign, mantissa) = match mantissa.strip_prefix('-') {
        Some(m) => ("-", m),
        None => ("", mantissa),
    };
    let (int_part, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits = format!("{int_part}{frac}");
    // Decimal exponent of the last digit.
    let last_exp = exp - frac.len() as i32;
    if last_exp.unsigned_abs() as usize + digits.len() > 200 {
        return repr;
    }
    if last_exp >= 0 {
        format!("{sign}{digits}{}", "0".repeat(last_exp as usize))
    } else {
        let frac_len = (-last_exp) as usize;
        let padded = format!("{}{digits}", "0".repeat((frac_len + 1).saturating_sub(digits.len())));
        let split = padded.len() - frac_len;
        format!("{sign}{}.{}", &padded[..split], &padded[split..])
    }
}

// Characters Python's str.isprintable() rejects (categories C* and Z* but the space), for the
// ranges template data actually meets.
fn is_unprintable(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{a0}' | '\u{ad}' | '\u{1680}' | '\u{2000}'..='\u{200f}' | '\u{2028}'..='\u{202f}'
            | '\u{205f}'..='\u{2064}' | '\u{3000}' | '\u{feff}' | '\u{e000}'..='\u{f8ff}')
}

/// Python `repr(str)`.
pub fn str_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') { '"' } else { '\'' };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if is_unprintable(c) || surrogate::surrogate_of(c).is_some() => {
                let cp = surrogate::python_code_point(c);
                let _ = if cp < 0x100 {
                    write!(out, "\\x{cp:02x}")
                } else if cp < 0x10000 {
                    write!(out, "\\u{cp:04x}")
                } else {
                    write!(out, "\\U{cp:08x}")
                };
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

fn forloop_entries(f: &crate::value::Forloop) -> [(&'static str, Value); 7] {
    [
        ("parentloop", f.parentloop.clone()),
        ("counter0", Value::Int(f.counter0 as i64)),
        ("counter", Value::Int(f.counter0 as i64 + 1)),
        ("revcounter", Value::Int((f.len - f.counter0) as i64)),
        ("revcounter0", Value::Int((f.len - f.counter0) as i64 - 1)),
        ("first", Value::Bool(f.counter0 == 0)),
        ("last", Value::Bool(f.counter0 + 1 == f.len)),
    ]
}

/// Python `repr()`.
pub fn py_repr(v: &Value) -> String {
    let mut out = String::new();
    write_repr(&mut out, v);
    out
}

fn write_repr(out: &mut String, v: &Value) {
    match v {
        Value::Str(s) | Value::Safe(s) => out.push_str(&str_repr(s)),
        Value::List(items, kind) => {
            let (open, close) = match kind {
                SeqKind::List => ("[", "]"),
                SeqKind::Tuple => ("(", ")"),
                SeqKind::DictItems => ("dict_items([", "])"),
                SeqKind::DictKeys => ("dict_keys([", "])"),
                SeqKind::DictValues => ("dict_values([", "])"),
            };
            out.push_str(open);
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write_repr(out, item);
            }
            if *kind == SeqKind::Tuple && items.len() == 1 {
                out.push(',');
            }
            out.push_str(close);
        }
        Value::Dict(d) => {
            out.push('{');
            for (i, (k, x)) in d.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                out.push_str(&str_repr(k));
                out.push_str(": ");
                write_repr(out, x);
            }
            out.push('}');
        }
        Value::Forloop(f) => {
            out.push('{');
            for (i, (k, x)) in forloop_entries(f).iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                let _ = write!(out, "'{k}': ");
                write_repr(out, x);
            }
            out.push('}');
        }
        Value::Group(g) => {
            out.push_str("GroupedResult(grouper=");
            write_repr(out, &g.0);
            out.push_str(", list=");
            write_repr(out, &g.1);
            out.push(')');
        }
        Value::Date(d) => out.push_str(&crate::value::dates::date_repr(d)),
        Value::Undefined => out.push_str("None"),
        _ => out.push_str(&py_str(v)),
    }
}

/// Python `str()`: `None`, `True`, ints, float reprs, containers as their repr.
pub fn py_str(v: &Value) -> String {
    match v {
        Value::None => "None".into(),
        Value::Bool(b) => if *b { "True" } else { "False" }.into(),
        Value::Int(n) => n.to_string(),
        Value::Float(f) => float_repr(*f),
        Value::Str(s) | Value::Safe(s) => s.to_string(),
        Value::Block(_) => "<BlockContext>".into(),
        Value::Date(d) => crate::value::dates::date_str(d),
        Value::Undefined => String::new(),
        Value::Object(o) => o.text.to_string(),
        _ => py_repr(v),
    }
}

/// Django `localize` for `{{ value }}`: floats without scientific notation, the rest as `str()`.
pub fn localize(v: &Value) -> String {
    match v {
        Value::Float(f) => localize_float(*f),
        Value::Date(d) if d.is_valid() => {
            crate::value::dates::format(v, "N j, Y, P", crate::value::dates::Chars::Date).unwrap_or_else(|_| py_str(v))
        }
        _ => py_str(v),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_print_as_python() {
        assert_eq!(float_repr(1.5), "1.5");
        assert_eq!(float_repr(1e16), "1e+16");
        assert_eq!(float_repr(1.5e-7), "1.5e-07");
        assert_eq!(float_repr(0.0001), "0.0001");
        assert_eq!(float_repr(123456.0), "123456.0");
        assert_eq!(float_repr(0.1 + 0.2), "0.30000000000000004");
        assert_eq!(localize_float(1e16), "10000000000000000");
        assert_eq!(localize_float(1.5e-7), "0.00000015");
    }

    #[test]
    fn strings_repr_with_python_quotes() {
        assert_eq!(str_repr("a'b"), "\"a'b\"");
        assert_eq!(str_repr("a\"b'"), "'a\"b\\''");
        assert_eq!(str_repr("x\ny"), "'x\\ny'");
    }

    #[test]
    fn containers_print_their_repr() {
        let v = Value::list(vec![Value::str("a"), Value::Int(1), Value::None]);
        assert_eq!(py_str(&v), "['a', 1, None]");
        let t = Value::List(std::rc::Rc::new(vec![Value::Bool(true)]), SeqKind::Tuple);
        assert_eq!(py_repr(&t), "(True,)");
    }
}
