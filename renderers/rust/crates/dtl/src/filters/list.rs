//! Django's list filters.

use super::{required, FilterEnv};
use crate::error::{Error, ErrorKind, Result};
use crate::value::escape::conditional_escape;
use crate::value::lookup::lookup;
use crate::value::ops::{py_float, py_int, py_len, py_order};
use crate::value::pyrepr::py_str;
use crate::value::{SeqKind, Value};
use std::rc::Rc;

fn chars(s: &str) -> Vec<Value> {
    s.chars().map(|c| Value::str(c.to_string())).collect()
}

// Python `value[index]` (negative indexes count from the end).
fn py_index(v: &Value, index: i64) -> Result<Value> {
    let seq = match v {
        Value::Str(s) | Value::Safe(s) => chars(s),
        Value::List(items, SeqKind::List | SeqKind::Tuple) => items.to_vec(),
        Value::Group(g) => vec![g.0.clone(), g.1.clone()],
        Value::Dict(_) => return Err(Error::new(ErrorKind::KeyError, index.to_string())),
        // Dict views, forloop (a dict by then) and the rest are not subscriptable by position.
        _ => return Err(Error::new(ErrorKind::TypeError, format!("'{}' object is not subscriptable", v.type_name()))),
    };
    let i = if index < 0 { seq.len() as i64 + index } else { index };
    usize::try_from(i)
        .ok()
        .and_then(|i| seq.get(i).cloned())
        .ok_or_else(|| Error::new(ErrorKind::IndexError, "list index out of range"))
}

fn or_empty(r: Result<Value>) -> Result<Value> {
    match r {
        Err(e) if e.kind == ErrorKind::IndexError => Ok(Value::str("")),
        other => other,
    }
}

/// `{{ list|first }}`: the first item, `''` when empty.
pub fn first(v: &Value, _: Option<&Value>, _: FilterEnv<'_>) -> Result<Value> {
    or_empty(py_index(v, 0))
}

/// `{{ list|last }}`: the last item, `''` when empty.
pub fn last(v: &Value, _: Option<&Value>, _: FilterEnv<'_>) -> Result<Value> {
    or_empty(py_index(v, -1))
}

/// `{{ value|length }}`: `len(value)`, 0 for what has no length.
pub fn length(v: &Value, _: Option<&Value>, _: FilterEnv<'_>) -> Result<Value> {
    Ok(Value::Int(py_len(v).unwrap_or(0) as i64))
}

fn iter_items(v: &Value) -> Result<Vec<Value>> {
    match v {
        Value::Str(s) | Value::Safe(s) => Ok(chars(s)),
        Value::List(items, _) => Ok(items.to_vec()),
        Value::Group(g) => Ok(vec![g.0.clone(), g.1.clone()]),
        Value::Dict(d) => Ok(d.keys().map(|k| Value::Str(k.clone())).collect()),
        _ => Err(Error::new(ErrorKind::TypeError, format!("'{}' object is not iterable", v.type_name()))),
    }
}

/// `{{ list|join:", " }}`: the items joined; with autoescape, the items and the separator escaped.
pub fn join(v: &Value, arg: Option<&Value>, env: FilterEnv<'_>) -> Result<Value> {
    let arg = required(arg);
    let items = match iter_items(v) {
        Ok(items) => items,
        Err(e) if e.kind == ErrorKind::TypeError => return Ok(v.clone()),
        Err(e) => return Err(e),
    };
    if env.autoescape {
        let parts: Vec<String> = items.iter().map(conditional_escape).collect();
        return Ok(Value::safe(parts.join(&conditional_escape(arg))));
    }
    let Some(sep) = arg.as_text() else {
        return Err(Error::new(
            ErrorKind::AttributeError,
            format!("'{}' object has no attribute 'join'", arg.type_name()),
        ));
    };
    let texts: Option<Vec<&str>> = items.iter().map(Value::as_text).collect();
    Ok(match texts {
        Some(t) => Value::safe(t.join(sep)),
        None => v.clone(),
    })
}

/// Python `slice(start, stop, step).indices(length)`, as the visited indices.
fn slice_indices(len: usize, start: Option<i64>, stop: Option<i64>, step: Option<i64>) -> Result<Vec<usize>> {
    let st = step.unwrap_or(1);
    if st == 0 {
        return Err(Error::new(ErrorKind::ValueError, "slice step cannot be zero"));
    }
    let n = len as i64;
    let clamp = |v: Option<i64>, dflt: i64, lo: i64, hi: i64| match v {
        None => dflt,
        Some(x) => (if x < 0 { x + n } else { x }).clamp(lo, hi),
    };
    let mut out = Vec::new();
    if st > 0 {
        let (mut i, b) = (clamp(start, 0, 0, n), clamp(stop, n, 0, n));
        while i < b {
            out.push(i as usize);
            i += st;
        }
    } else {
        let (mut i, b) = (clamp(start, n - 1, -1, n - 1), clamp(stop, -1, -1, n - 1));
        while i > b {
            out.push(i as usize);
            i += st;
        }
    }
    Ok(out)
}

fn slice_value(v: &Value, arg: &Value) -> Result<Value> {
    let bits: Vec<Option<i64>> = py_str(arg)
        .split(':')
        .map(|x| if x.is_empty() { Ok(None) } else { py_int(&Value::str(x)).map(Some) })
        .collect::<Result<_>>()?;
    if bits.len() > 3 {
        return Err(Error::new(ErrorKind::TypeError, "slice expected at most 3 arguments"));
    }
    let (a, b, c) = match bits.as_slice() {
        [only] => (None, *only, None),
        [a, b] => (*a, *b, None),
        [a, b, c] => (*a, *b, *c),
        _ => (None, None, None),
    };
    match v {
        Value::Str(s) | Value::Safe(s) => {
            let cs: Vec<char> = s.chars().collect();
            Ok(Value::str(slice_indices(cs.len(), a, b, c)?.into_iter().map(|i| cs[i]).collect::<String>()))
        }
        // Dict views are not subscriptable in Python (the filter then returns them whole); a tuple
        // slices to a tuple.
        Value::List(items, kind @ (SeqKind::List | SeqKind::Tuple)) => {
            let sliced = slice_indices(items.len(), a, b, c)?.into_iter().map(|i| items[i].clone()).collect();
            Ok(Value::List(Rc::new(sliced), *kind))
        }
        Value::Group(g) => {
            let items = [g.0.clone(), g.1.clone()];
            let sliced = slice_indices(2, a, b, c)?.into_iter().map(|i| items[i].clone()).collect();
            Ok(Value::List(Rc::new(sliced), SeqKind::Tuple))
        }
        _ => Err(Error::new(ErrorKind::TypeError, format!("'{}' object is not subscriptable", v.type_name()))),
    }
}

/// `{{ list|slice:":2" }}`: Python's slice syntax.
pub fn slice(v: &Value, arg: Option<&Value>, _: FilterEnv<'_>) -> Result<Value> {
    match slice_value(v, required(arg)) {
        Err(e) if matches!(e.kind, ErrorKind::ValueError | ErrorKind::TypeError | ErrorKind::KeyError) => Ok(v.clone()),
        other => other,
    }
}

// Django's _property_resolver: a number-like argument indexes each item; otherwise a dotted path.
fn resolve_key(item: &Value, arg: &Value) -> Result<Value> {
    if py_float(arg).is_ok() {
        if let Value::Int(_) | Value::Float(_) | Value::Bool(_) = arg {
            return py_index(item, py_int(arg)?);
        }
        let key = py_str(arg);
        return match item {
            Value::Dict(d) => d.get(key.as_str()).cloned().ok_or_else(|| Error::new(ErrorKind::KeyError, key)),
            _ => Err(Error::new(ErrorKind::TypeError, format!("'{}' indices must be integers", item.type_name()))),
        };
    }
    let path = py_str(arg);
    if path.contains("._") || path.starts_with('_') {
        return Err(Error::new(ErrorKind::AttributeError, "Access to private variables is forbidden."));
    }
    let mut cur = item.clone();
    for part in path.split('.') {
        cur = match &cur {
            Value::List(..) | Value::Str(_) | Value::Safe(_) | Value::None => None,
            other => lookup(other, part),
        }
        .ok_or_else(|| Error::new(ErrorKind::AttributeError, format!("no attribute '{part}'")))?;
    }
    Ok(cur)
}

fn sort_by(v: &Value, arg: &Value, reverse: bool) -> Result<Value> {
    let attempt = || -> Result<Value> {
        let mut keyed: Vec<(Value, Value)> =
            iter_items(v)?.into_iter().map(|item| Ok((resolve_key(&item, arg)?, item))).collect::<Result<_>>()?;
        let mut failed = false;
        keyed.sort_by(|a, b| {
            let o = if reverse { py_order(&b.0, &a.0) } else { py_order(&a.0, &b.0) };
            o.unwrap_or_else(|| {
                failed = true;
                std::cmp::Ordering::Equal
            })
        });
        if failed {
            return Err(Error::new(ErrorKind::TypeError, "'<' not supported between these types"));
        }
        Ok(Value::list(keyed.into_iter().map(|(_, item)| item).collect()))
    };
    match attempt() {
        Err(e) if matches!(e.kind, ErrorKind::AttributeError | ErrorKind::TypeError) => Ok(Value::str("")),
        other => other,
    }
}

/// `{{ list|dictsort:"name" }}`: the items sorted by that key (or attribute path).
pub fn dictsort(v: &Value, arg: Option<&Value>, _: FilterEnv<'_>) -> Result<Value> {
    sort_by(v, required(arg), false)
}

/// `{{ list|dictsortreversed:"name" }}`: `dictsort`, descending.
pub fn dictsortreversed(v: &Value, arg: Option<&Value>, _: FilterEnv<'_>) -> Result<Value> {
    sort_by(v, required(arg), true)
}
