//! Python semantics of the value model: truthiness, `==`, ordering, `in`, `len`, iteration,
//! `int()` and `float()`, as `@tessera/runtime` defines them.

use crate::error::{Error, ErrorKind, Result};
use crate::value::pyrepr::str_repr;
use crate::value::{Forloop, SeqKind, Value};
use std::cmp::Ordering;
use std::rc::Rc;

/// Python's `str.isspace()` characters.
pub fn is_py_space(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\x0b' | '\x0c' | '\r' | '\x1c'..='\x1f' | ' ' | '\u{85}' | '\u{a0}' | '\u{1680}'
        | '\u{2000}'..='\u{200a}' | '\u{2028}' | '\u{2029}' | '\u{202f}' | '\u{205f}' | '\u{3000}')
}

/// Python truthiness.
pub fn truthy(v: &Value) -> bool {
    match v {
        Value::None | Value::Undefined => false,
        Value::Bool(b) => *b,
        Value::Int(n) => *n != 0,
        Value::Float(f) => *f != 0.0,
        Value::Str(s) | Value::Safe(s) => !s.is_empty(),
        Value::List(items, _) => !items.is_empty(),
        Value::Dict(d) => !d.is_empty(),
        Value::Forloop(_) | Value::Group(_) | Value::Block(_) | Value::Date(_) => true,
        Value::Object(o) => o.truthy,
    }
}

// JS `undefined` is None wherever it is compared.
fn is_none(v: &Value) -> bool {
    matches!(v, Value::None | Value::Undefined)
}

enum Scalar<'a> {
    Num(f64),
    Str(&'a str),
}

// Python's bool is an int and a SafeString a str: they compare as such.
fn scalar(v: &Value) -> Option<Scalar<'_>> {
    match v {
        Value::Bool(b) => Some(Scalar::Num(if *b { 1.0 } else { 0.0 })),
        Value::Int(n) => Some(Scalar::Num(*n as f64)),
        Value::Float(f) => Some(Scalar::Num(*f)),
        Value::Str(s) | Value::Safe(s) => Some(Scalar::Str(s)),
        // A BigInt beyond 2^53 (sent as an object with its digits) compares as a number, as in the JS
        // renderers.
        Value::Object(o) if &*o.class == "int" => o.text.parse().ok().map(Scalar::Num),
        _ => None,
    }
}

/// Python `==`: `1 == 1.0`, `True == 1`, `'1' != 1`; containers deeply.
pub fn py_equals(a: &Value, b: &Value) -> bool {
    equals_in(a, b, 0)
}

/// How Python compares a collection: lists and tuples item by item (never with each other), the set-like
/// dict views (`keys`, `items`) as sets, `dict_values` by identity only.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Collection {
    List,
    Tuple,
    Set,
    Values,
}

fn collection(v: &Value) -> Option<Collection> {
    match v {
        Value::List(_, SeqKind::List) => Some(Collection::List),
        Value::List(_, SeqKind::Tuple) | Value::Group(_) => Some(Collection::Tuple),
        Value::List(_, SeqKind::DictKeys | SeqKind::DictItems) => Some(Collection::Set),
        Value::List(_, SeqKind::DictValues) => Some(Collection::Values),
        // An object standing for a Python sequence (one the application computed, a list on a cycle).
        Value::Object(o) if o.items.is_some() => match &*o.class {
            "list" => Some(Collection::List),
            "tuple" => Some(Collection::Tuple),
            "dict_keys" | "dict_items" => Some(Collection::Set),
            "dict_values" => Some(Collection::Values),
            _ => None,
        },
        _ => None,
    }
}

fn members(v: &Value) -> Vec<Value> {
    match v {
        Value::List(items, _) => items.to_vec(),
        Value::Group(g) => vec![g.0.clone(), g.1.clone()],
        Value::Object(o) => o.items.as_deref().map(|items| items.to_vec()).unwrap_or_default(),
        _ => Vec::new(),
    }
}

// Whether every member of `a` equals some member of `b`.
fn subset(a: &[Value], b: &[Value], depth: u32) -> bool {
    a.iter().all(|x| b.iter().any(|y| equals_in(x, y, depth + 1)))
}

fn collections_equal(a: &Value, b: &Value, kind: Collection, depth: u32) -> bool {
    if kind == Collection::Values {
        return matches!((a, b), (Value::List(x, _), Value::List(y, _)) if Rc::ptr_eq(x, y));
    }
    let (x, y) = (members(a), members(b));
    if x.len() != y.len() {
        return false;
    }
    if kind == Collection::Set {
        return subset(&x, &y, depth);
    }
    x.iter().zip(y.iter()).all(|(p, q)| equals_in(p, q, depth + 1))
}

/// `a < b` and `a <= b` for two set-like values (dict keys or items views): proper subset and subset.
/// `None` when either is not set-like.
pub fn py_set_compare(a: &Value, b: &Value) -> Option<(bool, bool)> {
    if collection(a) != Some(Collection::Set) || collection(b) != Some(Collection::Set) {
        return None;
    }
    let (x, y) = (members(a), members(b));
    let within = subset(&x, &y, 0);
    Some((within && x.len() < y.len(), within && x.len() <= y.len()))
}

/// Whether two `forloop`s belong to the same run of a loop: Django's forloop is one dict per run.
fn same_loop(x: &Forloop, y: &Forloop) -> bool {
    Rc::ptr_eq(&x.ifchanged, &y.ifchanged)
}

fn equals_in(a: &Value, b: &Value, depth: u32) -> bool {
    if is_none(a) || is_none(b) {
        return is_none(a) && is_none(b);
    }
    match (scalar(a), scalar(b)) {
        (Some(Scalar::Num(x)), Some(Scalar::Num(y))) => return x == y,
        (Some(Scalar::Str(x)), Some(Scalar::Str(y))) => return x == y,
        (Some(_), _) | (_, Some(_)) => return false,
        _ => {}
    }
    if depth > 100 {
        return false;
    }
    if let (Value::Object(x), Value::Object(y)) = (a, b) {
        if same_object(x, y) {
            return true;
        }
    }
    match (collection(a), collection(b)) {
        (Some(x), Some(y)) => return x == y && collections_equal(a, b, x, depth),
        (Some(_), None) | (None, Some(_)) => return false,
        (None, None) => {}
    }
    match (a, b) {
        (Value::Dict(x), Value::Dict(y)) => {
            x.len() == y.len() && x.iter().all(|(k, p)| y.get(k).is_some_and(|q| equals_in(p, q, depth + 1)))
        }
        // The same run's forloop is one dict, mutated as the loop goes: it always equals itself.
        (Value::Forloop(x), Value::Forloop(y)) if same_loop(x, y) => true,
        (Value::Forloop(_), _) | (_, Value::Forloop(_)) => equals_in(&as_dict(a), &as_dict(b), depth + 1),
        (Value::Block(x), Value::Block(y)) => x == y,
        (Value::Date(x), Value::Date(y)) => x.ms == y.ms,
        (Value::Object(x), Value::Object(y)) => {
            same_object(x, y)
                || (&*x.class == "set"
                    && &*y.class == "set"
                    && x.len == y.len
                    && x.items
                        .as_ref()
                        .zip(y.items.as_ref())
                        .is_some_and(|(p, q)| p.iter().all(|m| q.iter().any(|n| equals_in(m, n, depth + 1)))))
        }
        _ => false,
    }
}

// Objects compare by identity, the application's id (an object read twice is one object).
fn same_object(x: &crate::value::object::JsObject, y: &crate::value::object::JsObject) -> bool {
    x.id != 0 && x.id == y.id
}

/// Python three-way ordering, or `None` where Python raises TypeError (or for NaN).
pub fn py_order(a: &Value, b: &Value) -> Option<Ordering> {
    order_in(a, b, 0)
}

fn order_in(a: &Value, b: &Value, depth: u32) -> Option<Ordering> {
    match (scalar(a), scalar(b)) {
        (Some(Scalar::Num(x)), Some(Scalar::Num(y))) => return x.partial_cmp(&y),
        (Some(Scalar::Str(x)), Some(Scalar::Str(y))) => return Some(cmp_py_str(x, y)),
        (Some(_), _) | (_, Some(_)) => return None,
        _ => {}
    }
    let kind = collection(a);
    if matches!(kind, Some(Collection::List | Collection::Tuple)) && kind == collection(b) {
        if depth > 100 {
            return None;
        }
        let (x, y) = (members(a), members(b));
        for (p, q) in x.iter().zip(y.iter()) {
            if !equals_in(p, q, depth + 1) {
                return order_in(p, q, depth + 1);
            }
        }
        return Some(x.len().cmp(&y.len()));
    }
    if let (Value::Date(x), Value::Date(y)) = (a, b) {
        return x.ms.partial_cmp(&y.ms);
    }
    None
}

/// Python `in`: substring, list member, dict key; anything invalid is false.
pub fn py_in(needle: &Value, haystack: &Value) -> bool {
    match haystack {
        Value::Str(h) | Value::Safe(h) => needle.as_text().is_some_and(|n| h.contains(n)),
        Value::List(items, _) => items.iter().any(|x| py_equals(x, needle)),
        Value::Dict(d) => needle.as_text().is_some_and(|k| d.contains_key(k)),
        Value::Group(g) => py_equals(&g.0, needle) || py_equals(&g.1, needle),
        Value::Object(o) => o.items.as_ref().is_some_and(|items| items.iter().any(|x| py_equals(x, needle))),
        Value::Forloop(_) => needle.as_text().is_some_and(|k| FORLOOP_KEYS.contains(&k)),
        _ => false,
    }
}

/// Django's `not in`: false both ways when Python's `in` would raise TypeError.
pub fn py_not_in(needle: &Value, haystack: &Value) -> bool {
    let valid = match haystack {
        Value::Str(_) | Value::Safe(_) => needle.as_text().is_some(),
        Value::Dict(_) | Value::Forloop(_) | Value::List(_, SeqKind::DictKeys) => !unhashable(needle),
        Value::List(..) | Value::Group(_) => true,
        Value::Object(o) => o.items.is_some(),
        _ => false,
    };
    valid && !py_in(needle, haystack)
}

/// Python `is`: identity; None is None. A plain `str`, an int or a float has no identity of its own in
/// the value model (JSON carries none): equal ones are the same object, as `@tessera/runtime` says. A
/// SafeString (a literal, a filter's result) is an object of its own.
pub fn py_is(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::None | Value::Undefined, Value::None | Value::Undefined) => true,
        (Value::Object(x), Value::Object(y)) => same_object(x, y),
        (Value::Bool(x), Value::Bool(y)) => x == y,
        (Value::List(x, _), Value::List(y, _)) => Rc::ptr_eq(x, y),
        (Value::Dict(x), Value::Dict(y)) => Rc::ptr_eq(x, y),
        (Value::Forloop(x), Value::Forloop(y)) => same_loop(x, y),
        (Value::Group(x), Value::Group(y)) => Rc::ptr_eq(x, y),
        (Value::Str(x), Value::Str(y)) => x == y,
        (Value::Safe(x), Value::Safe(y)) => Rc::ptr_eq(x, y),
        (Value::Int(x), Value::Int(y)) => x == y,
        // NaN read twice from one context value is one Python object.
        (Value::Float(x), Value::Float(y)) => x == y || (x.is_nan() && y.is_nan()),
        (Value::Date(x), Value::Date(y)) => Rc::ptr_eq(x, y),
        _ => false,
    }
}

// Whether Python's `hash()` refuses the value (lists, dicts, sets, and tuples holding one).
fn unhashable(v: &Value) -> bool {
    match v {
        Value::List(items, SeqKind::Tuple) => items.iter().any(unhashable),
        Value::Group(g) => unhashable(&g.0) || unhashable(&g.1),
        // `dict_values` keeps object's identity hash (only the set-like views, keys and items, refuse one).
        Value::List(_, SeqKind::DictValues) => false,
        Value::List(..) | Value::Dict(_) | Value::Forloop(_) => true,
        _ => false,
    }
}

/// A `forloop` as the dict it is in Django (`parentloop` included, as a dict too); any other value as is.
pub fn as_dict(v: &Value) -> Value {
    if !matches!(v, Value::Forloop(_)) {
        return v.clone();
    }
    let mut d = crate::value::Dict::new();
    for name in FORLOOP_KEYS {
        let item = crate::value::lookup::lookup(v, name).unwrap_or(Value::None);
        d.insert(Rc::from(name), if name == "parentloop" { as_dict(&item) } else { item });
    }
    Value::Dict(Rc::new(d))
}

/// The keys of Django's forloop dict, in its order.
pub const FORLOOP_KEYS: [&str; 7] = ["parentloop", "counter0", "counter", "revcounter", "revcounter0", "first", "last"];

/// Python string order: by code point, a lone surrogate's stand-in (see `surrogate`) at its own code point.
pub fn cmp_py_str(x: &str, y: &str) -> Ordering {
    if !crate::value::surrogate::has_stand_in(x) && !crate::value::surrogate::has_stand_in(y) {
        // Rust compares str by bytes, which for UTF-8 is code point order, as Python.
        return x.cmp(y);
    }
    let code = crate::value::surrogate::python_code_point;
    x.chars().map(code).cmp(y.chars().map(code))
}

/// Python `len()`, or `None` for values without one.
pub fn py_len(v: &Value) -> Option<usize> {
    match v {
        Value::Str(s) | Value::Safe(s) => Some(s.chars().count()),
        Value::List(items, _) => Some(items.len()),
        Value::Dict(d) => Some(d.len()),
        Value::Forloop(_) => Some(7),
        Value::Group(_) => Some(2),
        Value::Object(o) => o.len,
        _ => None,
    }
}

/// Python iteration for `{% for %}`: None gives nothing; other non-iterables raise TypeError.
pub fn py_iter(v: &Value) -> Result<Vec<Value>> {
    Ok(match v {
        Value::None | Value::Undefined => Vec::new(),
        Value::List(items, _) => items.to_vec(),
        Value::Object(o) => return object_items(o),
        Value::Str(s) | Value::Safe(s) => s.chars().map(|c| Value::str(c.to_string())).collect(),
        Value::Dict(d) => d.keys().map(|k| Value::Str(k.clone())).collect(),
        Value::Forloop(_) => FORLOOP_KEYS.iter().map(|k| Value::str(*k)).collect(),
        Value::Group(g) => vec![g.0.clone(), g.1.clone()],
        _ => return Err(Error::new(ErrorKind::TypeError, format!("'{}' object is not iterable", v.type_name()))),
    })
}

// Kept out of line: `py_iter` is on every loop's path, objects of the application rarely are.
#[cold]
#[inline(never)]
fn object_items(o: &crate::value::object::JsObject) -> Result<Vec<Value>> {
    o.iterate().unwrap_or_else(|| {
        Err(Error::new(ErrorKind::TypeError, format!("'{}' object is iterated by the application", o.class)))
    })
}

fn strip_py_space(s: &str) -> &str {
    s.trim_matches(is_py_space)
}

// Python numeric literals allow `_` only between digits.
fn without_underscores(t: &str) -> Option<String> {
    let b = t.as_bytes();
    for (i, c) in b.iter().enumerate() {
        if *c == b'_' && !(i > 0 && b[i - 1].is_ascii_digit() && b.get(i + 1).is_some_and(u8::is_ascii_digit)) {
            return None;
        }
    }
    Some(t.replace('_', ""))
}

/// Python `int(v)`.
pub fn py_int(v: &Value) -> Result<i64> {
    match v {
        Value::Bool(b) => Ok(*b as i64),
        Value::Int(n) => Ok(*n),
        Value::Float(f) if f.is_nan() => Err(Error::new(ErrorKind::ValueError, "cannot convert float NaN to integer")),
        Value::Float(f) if f.is_infinite() => {
            Err(Error::new(ErrorKind::OverflowError, "cannot convert float infinity to integer"))
        }
        Value::Float(f) => Ok(f.trunc() as i64),
        Value::Str(s) | Value::Safe(s) => {
            let t = strip_py_space(s);
            let digits = t.strip_prefix(['+', '-']).unwrap_or(t);
            let ok = !digits.is_empty() && digits.bytes().all(|c| c.is_ascii_digit() || c == b'_');
            match (ok, without_underscores(t)) {
                (true, Some(clean)) => {
                    clean.parse::<i64>().map_err(|_| Error::new(ErrorKind::OverflowError, "int too large to convert"))
                }
                _ => Err(Error::new(
                    ErrorKind::ValueError,
                    format!("invalid literal for int() with base 10: {}", str_repr(s)),
                )),
            }
        }
        _ => Err(Error::new(
            ErrorKind::TypeError,
            format!("int() argument must be a string, a bytes-like object or a real number, not '{}'", v.type_name()),
        )),
    }
}

/// Python `float(v)`.
pub fn py_float(v: &Value) -> Result<f64> {
    match v {
        Value::Bool(b) => Ok(*b as i64 as f64),
        Value::Int(n) => Ok(*n as f64),
        Value::Float(f) => Ok(*f),
        Value::Str(s) | Value::Safe(s) => {
            let t = strip_py_space(s);
            let body = t.strip_prefix(['+', '-']).unwrap_or(t);
            let lower = body.to_ascii_lowercase();
            let special = matches!(lower.as_str(), "inf" | "infinity" | "nan");
            let numeric = !body.is_empty()
                && body.bytes().all(|c| c.is_ascii_digit() || matches!(c, b'.' | b'e' | b'E' | b'+' | b'-' | b'_'));
            let parsed =
                if special || numeric { without_underscores(t).and_then(|c| c.parse::<f64>().ok()) } else { None };
            parsed.ok_or_else(|| {
                Error::new(ErrorKind::ValueError, format!("could not convert string to float: {}", str_repr(s)))
            })
        }
        _ => Err(Error::new(
            ErrorKind::TypeError,
            format!("float() argument must be a string or a real number, not '{}'", v.type_name()),
        )),
    }
}

/// A tuple value.
pub fn tuple(items: Vec<Value>) -> Value {
    Value::List(Rc::new(items), SeqKind::Tuple)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truthiness_is_pythons() {
        assert!(!truthy(&Value::Int(0)));
        assert!(!truthy(&Value::str("")));
        assert!(!truthy(&Value::list(vec![])));
        assert!(truthy(&Value::Float(f64::NAN)));
        assert!(truthy(&Value::str("0")));
    }

    #[test]
    fn equality_and_order_follow_python() {
        assert!(py_equals(&Value::Int(1), &Value::Float(1.0)));
        assert!(py_equals(&Value::Bool(true), &Value::Int(1)));
        assert!(!py_equals(&Value::str("1"), &Value::Int(1)));
        assert_eq!(py_order(&Value::str("a"), &Value::Int(1)), None);
        assert_eq!(py_order(&Value::str("a"), &Value::str("b")), Some(Ordering::Less));
    }

    #[test]
    fn int_and_float_parse_python_literals() {
        assert_eq!(py_int(&Value::str(" 1_000 ")), Ok(1000));
        assert_eq!(py_int(&Value::str("1.5")).unwrap_err().kind, ErrorKind::ValueError);
        assert_eq!(py_float(&Value::str("1e3")), Ok(1000.0));
        assert!(py_float(&Value::str("-inf")).unwrap().is_infinite());
        assert_eq!(py_float(&Value::str("abc")).unwrap_err().kind, ErrorKind::ValueError);
    }

    #[test]
    fn membership() {
        let list = Value::list(vec![Value::Int(1), Value::str("a")]);
        assert!(py_in(&Value::Float(1.0), &list));
        assert!(py_in(&Value::str("ell"), &Value::str("hello")));
        assert!(!py_not_in(&Value::Int(1), &Value::str("hello")));
    }
}
