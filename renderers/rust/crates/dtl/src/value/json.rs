//! Values as tagged JSON, both ways: contexts arrive as JSON (`serde::Deserialize` for `Value`), and
//! values sent to the application (host calls) leave as the same JSON. Python values JSON cannot carry
//! travel as one-key objects whose key starts with NUL (no JSON.stringify of template data makes one).

use super::columns::COLUMN_TAG;
use super::object::{JsObject, ObjectWire};
use super::{Dict, SeqKind, Value};
use crate::value::dates::{DateVal, Fields};
use crate::value::lookup::lookup;
use crate::value::ops::py_iter;
use crate::value::pyrepr::py_str;
use serde::de::{Deserialize, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use std::cell::RefCell;
use std::fmt;
use std::fmt::Write;
use std::rc::Rc;

/// Key of `{"\u0000s": text}`, how a context in JSON carries a SafeString.
pub const SAFE_TAG: &str = "\u{0}s";
/// Key of `{"\u0000f": "nan" | "inf" | "-inf"}`, how a context in JSON carries a float JSON cannot write.
pub const FLOAT_TAG: &str = "\u{0}f";
/// Key of `{"\u0000d": [ms, year, month, day, hour, minute, second, millisecond, offset, abbr, dst, known]}`,
/// a JS Date with its wall clock in the template's time zone (`ms` null for an invalid Date).
pub const DATE_TAG: &str = "\u{0}d";
/// Key of `{"\u0000u": 0}`, JS `undefined` inside a container (`Value::Undefined`).
pub const UNDEFINED_TAG: &str = "\u{0}u";
/// Key of `{"\u0000o": {...}}`, a JavaScript object read through the value mapping (`value/object.rs`).
pub const OBJECT_TAG: &str = "\u{0}o";
/// Key of `{"\u0000r": id}`: how a `Value::Object` travels back to the application, which holds it by id.
pub const REF_TAG: &str = "\u{0}r";

type DateTag = (Option<f64>, i64, u32, u32, u32, u32, u32, u32, i64, String, bool, bool);

fn date_value(t: DateTag) -> Value {
    let (ms, year, month, day, hour, minute, second, millisecond, offset, abbr, dst, zone_known) = t;
    let local = Fields { year, month: month.clamp(1, 12), day, hour, minute, second, millisecond };
    Value::Date(Rc::new(DateVal { ms: ms.unwrap_or(f64::NAN), local, offset, abbr: abbr.into(), dst, zone_known }))
}

fn tagged(tag: &str, text: String) -> Value {
    if tag == SAFE_TAG {
        return Value::safe(text);
    }
    Value::Float(match text.as_str() {
        "inf" | "Infinity" => f64::INFINITY,
        "-inf" | "-Infinity" => f64::NEG_INFINITY,
        _ => f64::NAN,
    })
}

struct ValueVisitor;

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::None)
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::number(v as f64))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::number(v as f64))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Value::number(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::str(v))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::str(v))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        while let Some(v) = seq.next_element()? {
            items.push(v);
        }
        Ok(Value::list(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut dict = Dict::with_capacity(map.size_hint().unwrap_or(4));
        while let Some(k) = map.next_key_seed(KeySeed)? {
            if dict.is_empty() && &*k == DATE_TAG {
                return Ok(date_value(map.next_value()?));
            }
            if dict.is_empty() && &*k == OBJECT_TAG {
                let wire: ObjectWire = map.next_value()?;
                return Ok(Value::Object(Rc::new(JsObject::from(wire))));
            }
            if dict.is_empty() && &*k == COLUMN_TAG {
                let block: usize = map.next_value()?;
                return super::columns::take_block(block)
                    .ok_or_else(|| serde::de::Error::custom(format!("no column block {block}")));
            }
            if dict.is_empty() && &*k == UNDEFINED_TAG {
                map.next_value::<serde::de::IgnoredAny>()?;
                return Ok(Value::Undefined);
            }
            if dict.is_empty() && (&*k == SAFE_TAG || &*k == FLOAT_TAG) {
                let text: String = map.next_value()?;
                return Ok(tagged(&k, text));
            }
            let v = map.next_value()?;
            // JSON.stringify never repeats a key; a hand-written context may (the last one wins, as in JS).
            dict.insert(k, v);
        }
        Ok(Value::Dict(Rc::new(dict)))
    }
}

/// How many distinct keys one thread shares between dicts; further keys are allocated per dict.
const MAX_INTERNED: usize = 64;

thread_local! {
    static KEYS: RefCell<Vec<Rc<str>>> = const { RefCell::new(Vec::new()) };
}

// Dict keys repeat across the rows of template data: one shared `Rc<str>` per distinct key. A short
// vector compared by content beats hashing for the few short keys rows have.
struct KeySeed;

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = Rc<str>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Rc<str>, D::Error> {
        d.deserialize_str(self)
    }
}

impl Visitor<'_> for KeySeed {
    type Value = Rc<str>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a string key")
    }
    fn visit_str<E>(self, v: &str) -> Result<Rc<str>, E> {
        Ok(KEYS.with(|keys| {
            let mut keys = keys.borrow_mut();
            if let Some(k) = keys.iter().find(|k| ***k == *v) {
                return k.clone();
            }
            let k: Rc<str> = Rc::from(v);
            if keys.len() < MAX_INTERNED {
                keys.push(k.clone());
            }
            k
        }))
    }
}

impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Value, D::Error> {
        d.deserialize_any(ValueVisitor)
    }
}

fn json_str(out: &mut String, s: &str) {
    // serde_json's string escaping; writing to a String cannot fail.
    out.push_str(&serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into()));
}

/// Key of `{"\u0000q": [kind, [...]]}`, a tuple or dict view written for the application (`write_json`).
pub const SEQ_TAG: &str = "\u{0}q";
/// Key of `{"\u0000m": [[key, value], ...]}`, a dict whose order a JSON object would lose in JavaScript.
pub const MAP_TAG: &str = "\u{0}m";

// What JavaScript orders before every other key of an object: a canonical integer below 2^32 - 1.
fn is_array_index(k: &str) -> bool {
    k.parse::<u32>().is_ok_and(|n| n < u32::MAX && n.to_string() == k)
}

/// A value as tagged JSON (the inverse of parsing a context; tuples, dict views and dicts with
/// integer-like keys are written with tags only the application reads).
pub fn write_json(out: &mut String, v: &Value) {
    match v {
        Value::None | Value::Block(_) => out.push_str("null"),
        Value::Undefined => {
            let _ = write!(out, "{{\"\\u0000{}\":0}}", &UNDEFINED_TAG[1..]);
        }
        Value::Object(o) => {
            let _ = write!(out, "{{\"\\u0000{}\":{}}}", &REF_TAG[1..], o.id);
        }
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Int(n) => {
            let _ = write!(out, "{n}");
        }
        Value::Float(f) if f.is_finite() => {
            let _ = write!(out, "{f:?}");
        }
        Value::Float(f) => {
            let text = if f.is_nan() {
                "NaN"
            } else if *f > 0.0 {
                "Infinity"
            } else {
                "-Infinity"
            };
            let _ = write!(out, "{{\"\\u0000{}\":\"{text}\"}}", &FLOAT_TAG[1..]);
        }
        Value::Str(s) => json_str(out, s),
        Value::Safe(s) => {
            let _ = write!(out, "{{\"\\u0000{}\":", &SAFE_TAG[1..]);
            json_str(out, s);
            out.push('}');
        }
        Value::Date(d) => {
            let l = &d.local;
            let ms = if d.is_valid() { format!("{}", d.ms) } else { "null".into() };
            let _ = write!(
                out,
                "{{\"\\u0000{}\":[{ms},{},{},{},{},{},{},{},{},",
                &DATE_TAG[1..],
                l.year,
                l.month,
                l.day,
                l.hour,
                l.minute,
                l.second,
                l.millisecond,
                d.offset
            );
            json_str(out, &d.abbr);
            let _ = write!(out, ",{},{}]}}", d.dst, d.zone_known);
        }
        Value::List(items, kind) => {
            // A tuple or dict view keeps its Python type: `{"\u0000q": ["dict_items", [...]]}`.
            if *kind != SeqKind::List {
                let _ = write!(out, "{{\"\\u0000{}\":[\"{}\",", &SEQ_TAG[1..], kind.name());
            }
            out.push('[');
            for (i, x) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_json(out, x);
            }
            out.push(']');
            if *kind != SeqKind::List {
                out.push_str("]}");
            }
        }
        // A key JavaScript would order first (an array index) makes a JSON object lose the dict's order:
        // such a dict goes as its entries, `{"\u0000m": [[key, value], ...]}`, which JavaScript reads as a Map.
        Value::Dict(d) if d.keys().any(|k| is_array_index(k)) => {
            let _ = write!(out, "{{\"\\u0000{}\":[", &MAP_TAG[1..]);
            for (i, (k, x)) in d.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push('[');
                json_str(out, k);
                out.push(',');
                write_json(out, x);
                out.push(']');
            }
            out.push_str("]}");
        }
        Value::Dict(d) => {
            out.push('{');
            for (i, (k, x)) in d.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                json_str(out, k);
                out.push(':');
                write_json(out, x);
            }
            out.push('}');
        }
        Value::Forloop(_) | Value::Group(_) => {
            // Printed form of the dict or tuple these stand for, as a plain structure.
            let items = py_iter(v).unwrap_or_default();
            let as_dict = matches!(v, Value::Forloop(_));
            out.push(if as_dict { '{' } else { '[' });
            for (i, k) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                if as_dict {
                    json_str(out, &py_str(k));
                    out.push(':');
                    write_json(out, &k.as_text().and_then(|name| lookup(v, name)).unwrap_or(Value::None));
                } else {
                    write_json(out, k);
                }
            }
            out.push(if as_dict { '}' } else { ']' });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_numbers_follow_the_js_value_model() {
        let v: Value = serde_json::from_str("[1, 1.5, 1e3, 9007199254740993, -0]").unwrap();
        let Value::List(items, _) = v else { panic!("not a list") };
        assert!(matches!(items[0], Value::Int(1)));
        assert!(matches!(items[1], Value::Float(f) if f == 1.5));
        assert!(matches!(items[2], Value::Int(1000)));
        assert!(matches!(items[3], Value::Float(_)));
        assert!(matches!(items[4], Value::Int(0)));
    }

    #[test]
    fn tagged_objects_carry_safe_strings_and_special_floats() {
        let v: Value =
            serde_json::from_str(r#"[{"\u0000s": "<b>"}, {"\u0000f": "-Infinity"}, {"\u0000f": "NaN"}]"#).unwrap();
        let Value::List(items, _) = v else { panic!("not a list") };
        assert!(matches!(&items[0], Value::Safe(s) if &**s == "<b>"));
        assert!(matches!(items[1], Value::Float(f) if f == f64::NEG_INFINITY));
        assert!(matches!(items[2], Value::Float(f) if f.is_nan()));
    }

    #[test]
    fn objects_keep_insertion_order() {
        let v: Value = serde_json::from_str(r#"{"b": 1, "a": 2}"#).unwrap();
        let Value::Dict(d) = v else { panic!("not a dict") };
        let keys: Vec<&str> = d.keys().map(|k| &**k).collect();
        assert_eq!(keys, ["b", "a"]);
    }

    #[test]
    fn values_round_trip_through_tagged_json() {
        let json = r#"{"a":[1,2.5,{"\u0000s":"<b>"},{"\u0000f":"NaN"}],"b":"x\"y"}"#;
        let v: Value = serde_json::from_str(json).unwrap();
        let mut out = String::new();
        write_json(&mut out, &v);
        let again: Value = serde_json::from_str(&out).unwrap();
        assert_eq!(crate::value::pyrepr::py_repr(&again), "{'a': [1, 2.5, '<b>', nan], 'b': 'x\"y'}");
    }
}
