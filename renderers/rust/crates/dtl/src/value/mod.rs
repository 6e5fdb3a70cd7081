//! The Python value model of a render, as `@tessera/runtime` defines it for JSON-shaped data:
//! `null` is None, safe integers are ints and every other number a float, objects are dicts in
//! insertion order, strings are `str` (or `SafeString` when marked safe).

mod casemap;
pub mod dates;
pub mod decimal;
pub mod escape;
pub mod lookup;
pub mod ops;
pub mod pprint;
pub mod pyformat;
pub mod pyrepr;
pub mod strmethods;

use serde::de::{Deserialize, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
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

/// Dicts up to this size are searched linearly: building a hash index costs more than it saves.
const INDEXED_FROM: usize = 16;

/// A dict with string keys, iterated in insertion order. Small dicts (the rows of template data) are a
/// plain vector, so parsing one costs a single allocation; larger ones also get a hash index.
#[derive(Debug, Clone, Default)]
pub struct Dict {
    entries: Vec<(Rc<str>, Value)>,
    index: Option<HashMap<Rc<str>, usize>>,
}

impl Dict {
    /// An empty dict.
    pub fn new() -> Dict {
        Dict::default()
    }

    fn position(&self, key: &str) -> Option<usize> {
        match &self.index {
            Some(index) => index.get(key).copied(),
            None => self.entries.iter().position(|(k, _)| &**k == key),
        }
    }

    /// The value under `key`.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.position(key).map(|i| &self.entries[i].1)
    }

    /// Whether `key` is present.
    pub fn contains_key(&self, key: &str) -> bool {
        self.position(key).is_some()
    }

    /// Sets `key`, keeping its place when it exists, appending it otherwise.
    pub fn insert(&mut self, key: Rc<str>, value: Value) {
        match self.position(&key) {
            Some(i) => self.entries[i].1 = value,
            None => {
                if let Some(index) = &mut self.index {
                    index.insert(key.clone(), self.entries.len());
                } else if self.entries.len() + 1 >= INDEXED_FROM {
                    let mut index: HashMap<Rc<str>, usize> =
                        self.entries.iter().enumerate().map(|(i, (k, _))| (k.clone(), i)).collect();
                    index.insert(key.clone(), self.entries.len());
                    self.index = Some(index);
                }
                self.entries.push((key, value));
            }
        }
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Entries in insertion order.
    pub fn iter(&self) -> impl Iterator<Item = (&Rc<str>, &Value)> {
        self.entries.iter().map(|(k, v)| (k, v))
    }

    /// Keys in insertion order.
    pub fn keys(&self) -> impl Iterator<Item = &Rc<str>> {
        self.entries.iter().map(|(k, _)| k)
    }

    /// Values in insertion order.
    pub fn values(&self) -> impl Iterator<Item = &Value> {
        self.entries.iter().map(|(_, v)| v)
    }
}

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
    /// A datetime (a JS Date).
    Date(Rc<dates::DateVal>),
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
            Value::Date(_) => "datetime.datetime",
        }
    }
}

/// Key of `{"\u0000s": text}`, how a context in JSON carries a SafeString.
pub const SAFE_TAG: &str = "\u{0}s";
/// Key of `{"\u0000f": "nan" | "inf" | "-inf"}`, how a context in JSON carries a float JSON cannot write.
pub const FLOAT_TAG: &str = "\u{0}f";
/// Key of `{"\u0000d": [ms, year, month, day, hour, minute, second, millisecond, offset, abbr, dst, known]}`,
/// a JS Date with its wall clock in the template's time zone (`ms` null for an invalid Date).
pub const DATE_TAG: &str = "\u{0}d";

type DateTag = (Option<f64>, i64, u32, u32, u32, u32, u32, u32, i64, String, bool, bool);

fn date_value(t: DateTag) -> Value {
    let (ms, year, month, day, hour, minute, second, millisecond, offset, abbr, dst, zone_known) = t;
    let local = crate::value::dates::Fields { year, month: month.clamp(1, 12), day, hour, minute, second, millisecond };
    Value::Date(Rc::new(crate::value::dates::DateVal {
        ms: ms.unwrap_or(f64::NAN),
        local,
        offset,
        abbr: abbr.into(),
        dst,
        zone_known,
    }))
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
        let mut dict = Dict { entries: Vec::with_capacity(map.size_hint().unwrap_or(4)), index: None };
        while let Some(k) = map.next_key_seed(KeySeed)? {
            if dict.is_empty() && &*k == DATE_TAG {
                return Ok(date_value(map.next_value()?));
            }
            if dict.is_empty() && (&*k == SAFE_TAG || &*k == FLOAT_TAG) {
                let text: String = map.next_value()?;
                return Ok(tagged(&k, text));
            }
            let v = map.next_value()?;
            // JSON.stringify never repeats a key; a hand-written context may (the last one wins, as in JS).
            if dict.entries.len() < INDEXED_FROM && dict.index.is_none() && !dict.entries.iter().any(|(e, _)| *e == k) {
                dict.entries.push((k, v));
            } else {
                dict.insert(k, v);
            }
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
}
