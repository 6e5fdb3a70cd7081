//! Django's variable lookup on the value model: dict key, then attribute (emulated Python methods of
//! dicts, strings, numbers, `forloop`, regroup results), then list index. Only template data is reachable.

use crate::value::ops::tuple;
use crate::value::strmethods::str_method;
use crate::value::{Forloop, SeqKind, Value};
use std::rc::Rc;

fn index(segment: &str) -> Option<usize> {
    if segment.is_empty() || !segment.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    segment.parse().ok()
}

fn forloop_attr(f: &Forloop, name: &str) -> Option<Value> {
    let remaining = (f.len - f.counter0) as i64;
    Some(match name {
        "counter0" => Value::Int(f.counter0 as i64),
        "counter" => Value::Int(f.counter0 as i64 + 1),
        "revcounter" => Value::Int(remaining),
        "revcounter0" => Value::Int(remaining - 1),
        "first" => Value::Bool(f.counter0 == 0),
        "last" => Value::Bool(f.counter0 + 1 == f.len),
        "parentloop" => f.parentloop.clone(),
        _ => return None,
    })
}

/// One lookup step: `{{ a.b }}` is `lookup(a, "b")`; `None` when it does not resolve.
pub fn lookup(obj: &Value, segment: &str) -> Option<Value> {
    match obj {
        Value::Str(s) | Value::Safe(s) => match index(segment) {
            Some(i) => s.chars().nth(i).map(|c| Value::str(c.to_string())),
            None => str_method(s, segment),
        },
        // Dict views are not subscriptable: Django's last resort, `view[int(bit)]`, raises TypeError.
        Value::List(items, SeqKind::List | SeqKind::Tuple) => index(segment).and_then(|i| items.get(i).cloned()),
        Value::List(..) => None,
        Value::Dict(d) => {
            if let Some(v) = d.get(segment) {
                return Some(v.clone());
            }
            match segment {
                "items" => Some(Value::List(
                    Rc::new(d.iter().map(|(k, v)| tuple(vec![Value::Str(k.clone()), v.clone()])).collect()),
                    SeqKind::DictItems,
                )),
                "keys" => {
                    Some(Value::List(Rc::new(d.keys().map(|k| Value::Str(k.clone())).collect()), SeqKind::DictKeys))
                }
                "values" => Some(Value::List(Rc::new(d.values().cloned().collect()), SeqKind::DictValues)),
                _ => None,
            }
        }
        Value::Forloop(f) => forloop_attr(f, segment),
        Value::Group(g) => match segment {
            "grouper" | "0" => Some(g.0.clone()),
            "list" | "1" => Some(g.1.clone()),
            _ => None,
        },
        Value::Int(_) | Value::Float(_) | Value::Bool(_) => match segment {
            "real" => Some(match obj {
                Value::Bool(b) => Value::Int(*b as i64),
                other => other.clone(),
            }),
            "imag" => Some(Value::Int(0)),
            _ => None,
        },
        Value::Date(d) => crate::value::dates::attribute(d, segment),
        Value::Object(o) => o.attribute(segment),
        Value::None | Value::Undefined | Value::Block(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::pyrepr::py_str;

    fn ctx(json: &str) -> Value {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn key_then_method_then_index() {
        let v = ctx(r#"{"a": {"items": 5}, "b": {"x": 1}, "l": [10, 20], "s": "héllo"}"#);
        let a = lookup(&v, "a").unwrap();
        assert_eq!(py_str(&lookup(&a, "items").unwrap()), "5");
        let b = lookup(&v, "b").unwrap();
        assert_eq!(py_str(&lookup(&b, "items").unwrap()), "dict_items([('x', 1)])");
        assert_eq!(py_str(&lookup(&lookup(&v, "l").unwrap(), "1").unwrap()), "20");
        assert_eq!(py_str(&lookup(&lookup(&v, "s").unwrap(), "1").unwrap()), "é");
        assert_eq!(py_str(&lookup(&lookup(&v, "s").unwrap(), "upper").unwrap()), "HÉLLO");
    }

    #[test]
    fn javascript_machinery_is_unreachable() {
        let v = ctx(r#"{"a": {}}"#);
        let a = lookup(&v, "a").unwrap();
        for name in ["constructor", "__proto__", "toString", "length"] {
            assert!(lookup(&a, name).is_none(), "{name}");
        }
    }
}
