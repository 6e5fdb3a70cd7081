//! The Python value model of a render, as `@tessera/runtime` defines it for JSON-shaped data:
//! `null` is None, safe integers are ints and every other number a float, objects are dicts in
//! insertion order, strings are `str` (or `SafeString` when marked safe).

use indexmap::IndexMap;
use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt;
use std::rc::Rc;

/// Largest integer a JS number holds exactly: beyond it the JS value model says "float".
pub const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;

/// How a list prints when it stands for another Python sequence type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeqKind {
    List,
    Tuple,
    DictItems,
    DictKeys,
    DictValues,
}

/// A dict with string keys, iterated in insertion order.
pub type Dict = IndexMap<Rc<str>, Value>;

/// The `forloop` variable of one `{% for %}` iteration.
#[derive(Debug)]
pub struct Forloop {
    pub counter0: usize,
    pub len: usize,
    pub parentloop: Value,
    /// `{% ifchanged %}` memory, kept per loop as Django keeps it in the forloop dict.
    pub ifchanged: Rc<RefCell<HashMap<i64, Value>>>,
}

/// A value seen by a template.
#[derive(Debug, Clone)]
pub enum Value {
    None,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(Rc<str>),
    /// Django's SafeString: printed without escaping.
    Safe(Rc<str>),
    List(Rc<Vec<Value>>, SeqKind),
    Dict(Rc<Dict>),
    Forloop(Rc<Forloop>),
    /// `{% regroup %}`'s GroupedResult(grouper, list).
    Group(Rc<(Value, Value)>),
    /// `{{ block }}` inside a block: the id of the block node whose `super` it renders.
    Block(u32),
}

impl Value {
    /// A plain `str`.
    pub fn str(s: impl Into<Rc<str>>) -> Value {
        Value::Str(s.into())
    }

    /// A SafeString.
    pub fn safe(s: impl Into<Rc<str>>) -> Value {
        Value::Safe(s.into())
    }

    /// A list.
    pub fn list(items: Vec<Value>) -> Value {
        Value::List(Rc::new(items), SeqKind::List)
    }

    /// A JS number under the value model: safe integers are ints, everything else a float.
    pub fn number(n: f64) -> Value {
        if n.fract() == 0.0 && n.abs() <= MAX_SAFE_INTEGER {
            Value::Int(n as i64)
        } else {
            Value::Float(n)
        }
    }

    /// The text of a `str` or SafeString.
    pub fn as_text(&self) -> Option<&str> {
        match self {
            Value::Str(s) | Value::Safe(s) => Some(s),
            _ => None,
        }
    }

    /// Whether this is a SafeString.
    pub fn is_safe(&self) -> bool {
        matches!(self, Value::Safe(_))
    }

    /// Python's type name, for error messages.
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::None => "NoneType",
            Value::Bool(_) => "bool",
            Value::Int(_) => "int",
            Value::Float(_) => "float",
            Value::Str(_) => "str",
            Value::Safe(_) => "SafeString",
            Value::List(_, SeqKind::Tuple) | Value::Group(_) => "tuple",
            Value::List(..) => "list",
            Value::Dict(_) | Value::Forloop(_) => "dict",
            Value::Block(_) => "BlockContext",
        }
    }
}

/// Key of `{"\u0000s": text}`, how a context in JSON carries a SafeString.
pub const SAFE_TAG: &str = "\u{0}s";
/// Key of `{"\u0000f": "nan" | "inf" | "-inf"}`, how a context in JSON carries a float JSON cannot write.
pub const FLOAT_TAG: &str = "\u{0}f";

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
        let mut dict = Dict::with_capacity(map.size_hint().unwrap_or(0));
        while let Some(k) = map.next_key::<String>()? {
            if dict.is_empty() && (k == SAFE_TAG || k == FLOAT_TAG) {
                let text: String = map.next_value()?;
                return Ok(tagged(&k, text));
            }
            dict.insert(k.into(), map.next_value()?);
        }
        Ok(Value::Dict(Rc::new(dict)))
    }
}

impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Value, D::Error> {
        d.deserialize_any(ValueVisitor)
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
        let v: Value = serde_json::from_str(r#"[{"\u0000s": "<b>"}, {"\u0000f": "-Infinity"}, {"\u0000f": "NaN"}]"#).unwrap();
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
}
