//! The Python value model of a render, as `@tessera/runtime` defines it for JSON-shaped data:
//! `null` is None, safe integers are ints and every other number a float, objects are dicts in
//! insertion order, strings are `str` (or `SafeString` when marked safe). The submodules give the values
//! Python's semantics; `json` reads contexts into them.

mod casemap;
pub mod columns;
pub mod dates;
pub mod decimal;
pub mod escape;
pub mod json;
pub mod lookup;
pub mod object;
pub mod ops;
pub mod pprint;
pub mod pyformat;
pub mod pyrepr;
pub mod strmethods;
pub mod surrogate;

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

/// Largest integer a JS number holds exactly: beyond it the JS value model says "float".
pub const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;

/// How a list prints when it stands for another Python sequence type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeqKind {
    /// `[1, 2]`.
    List,
    /// `(1, 2)`: what `dict.items` yields per item, and `{% for k, v %}` unpacks.
    Tuple,
    /// `dict_items([...])`.
    DictItems,
    /// `dict_keys([...])`.
    DictKeys,
    /// `dict_values([...])`.
    DictValues,
}

impl SeqKind {
    /// Python's name of the type.
    pub fn name(self) -> &'static str {
        match self {
            SeqKind::List => "list",
            SeqKind::Tuple => "tuple",
            SeqKind::DictItems => "dict_items",
            SeqKind::DictKeys => "dict_keys",
            SeqKind::DictValues => "dict_values",
        }
    }
}

/// Dicts up to this size are searched linearly: building a hash index costs more than it saves.
const INDEXED_FROM: usize = 16;

/// A dict with string keys, iterated in insertion order. Small dicts are a plain vector, so parsing one
/// costs a single allocation; larger ones also get a hash index. A row of a list that crossed column by
/// column (columns.rs) is a place in its block until something writes to it.
#[derive(Debug, Clone, Default)]
pub struct Dict {
    body: Body,
}

#[derive(Debug, Clone)]
enum Body {
    Entries { entries: Vec<(Rc<str>, Value)>, index: Option<HashMap<Rc<str>, usize>> },
    Row { block: Rc<RowBlock>, row: usize },
}

impl Default for Body {
    fn default() -> Body {
        Body::Entries { entries: Vec::new(), index: None }
    }
}

/// Rows of the same distinct keys: a list of 10,000 rows is one allocation of values and one small one per
/// row, not a vector of entries per row. Values lie row by row, so a row's are together as a dict's are.
#[derive(Debug)]
pub struct RowBlock {
    keys: Vec<Rc<str>>,
    rows: usize,
    /// Key `k`'s value in row `i` is at `i * keys.len() + k`.
    values: Vec<Value>,
}

impl RowBlock {
    /// A block of `rows` rows from its keys (distinct, checked by the caller) and `values`, row after row;
    /// None when they do not add up.
    pub fn new(keys: Vec<Rc<str>>, rows: usize, values: Vec<Value>) -> Option<RowBlock> {
        debug_assert!(keys.iter().enumerate().all(|(i, k)| keys[..i].iter().all(|o| o != k)));
        (keys.len().checked_mul(rows)? == values.len()).then_some(RowBlock { keys, rows, values })
    }

    /// The block's rows, each a dict.
    pub fn dicts(self) -> Vec<Value> {
        let rows = self.rows;
        let block = Rc::new(self);
        (0..rows).map(|row| Value::Dict(Rc::new(Dict { body: Body::Row { block: block.clone(), row } }))).collect()
    }
}

impl Dict {
    /// An empty dict.
    pub fn new() -> Dict {
        Dict::default()
    }

    /// An empty dict with room for `n` entries.
    pub fn with_capacity(n: usize) -> Dict {
        Dict { body: Body::Entries { entries: Vec::with_capacity(n), index: None } }
    }

    /// A dict of `entries` whose keys the caller knows to be distinct (checked once for many rows of the
    /// same keys, rather than searched for on every insert).
    pub fn from_distinct(entries: Vec<(Rc<str>, Value)>) -> Dict {
        debug_assert!(entries.iter().enumerate().all(|(i, (k, _))| entries[..i].iter().all(|(o, _)| o != k)));
        let index = (entries.len() >= INDEXED_FROM).then(|| index_of(&entries));
        Dict { body: Body::Entries { entries, index } }
    }

    fn position(&self, key: &str) -> Option<usize> {
        match &self.body {
            Body::Entries { index: Some(index), .. } => index.get(key).copied(),
            Body::Entries { entries, index: None } => entries.iter().position(|(k, _)| &**k == key),
            Body::Row { block, .. } => block.keys.iter().position(|k| &**k == key),
        }
    }

    // Entry `i` (below `len()`).
    fn entry(&self, i: usize) -> (&Rc<str>, &Value) {
        match &self.body {
            Body::Entries { entries, .. } => {
                let (k, v) = &entries[i];
                (k, v)
            }
            Body::Row { block, row } => (&block.keys[i], &block.values[row * block.keys.len() + i]),
        }
    }

    /// The value under `key`.
    #[inline]
    pub fn get(&self, key: &str) -> Option<&Value> {
        // `position` then `entry` would match the body twice: on every lookup of a loop's rows that made a
        // filtered 10,000-row update's render 0.35 ms slower.
        match &self.body {
            Body::Entries { entries, index: None } => entries.iter().find(|(k, _)| &**k == key).map(|(_, v)| v),
            Body::Entries { entries, index: Some(index) } => index.get(key).map(|&i| &entries[i].1),
            Body::Row { block, row } => {
                let i = block.keys.iter().position(|k| &**k == key)?;
                block.values.get(row * block.keys.len() + i)
            }
        }
    }

    /// Whether `key` is present.
    pub fn contains_key(&self, key: &str) -> bool {
        self.position(key).is_some()
    }

    /// Sets `key`, keeping its place when it exists, appending it otherwise.
    pub fn insert(&mut self, key: Rc<str>, value: Value) {
        let at = self.position(&key);
        if let Body::Row { .. } = self.body {
            self.body =
                Body::Entries { entries: self.iter().map(|(k, v)| (k.clone(), v.clone())).collect(), index: None };
        }
        let Body::Entries { entries, index } = &mut self.body else { unreachable!("made entries above") };
        match at {
            Some(i) => entries[i].1 = value,
            None => {
                if let Some(index) = index {
                    index.insert(key.clone(), entries.len());
                } else if entries.len() + 1 >= INDEXED_FROM {
                    let mut built = index_of(entries);
                    built.insert(key.clone(), entries.len());
                    *index = Some(built);
                }
                entries.push((key, value));
            }
        }
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        match &self.body {
            Body::Entries { entries, .. } => entries.len(),
            Body::Row { block, .. } => block.keys.len(),
        }
    }

    /// Whether there are no entries.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Entries in insertion order.
    pub fn iter(&self) -> impl Iterator<Item = (&Rc<str>, &Value)> {
        (0..self.len()).map(|i| self.entry(i))
    }

    /// Keys in insertion order.
    pub fn keys(&self) -> impl Iterator<Item = &Rc<str>> {
        self.iter().map(|(k, _)| k)
    }

    /// Values in insertion order.
    pub fn values(&self) -> impl Iterator<Item = &Value> {
        self.iter().map(|(_, v)| v)
    }
}

fn index_of(entries: &[(Rc<str>, Value)]) -> HashMap<Rc<str>, usize> {
    entries.iter().enumerate().map(|(i, (k, _))| (k.clone(), i)).collect()
}

/// The `forloop` variable of one `{% for %}` iteration.
#[derive(Debug)]
pub struct Forloop {
    /// The iteration's index from 0 (`counter`, `revcounter`, `first`, `last` derive from it and `len`).
    pub counter0: usize,
    /// How many items the loop has.
    pub len: usize,
    /// The enclosing loop's `forloop`, or an empty dict outside one.
    pub parentloop: Value,
    /// `{% ifchanged %}` memory, kept per loop as Django keeps it in the forloop dict.
    pub ifchanged: Rc<RefCell<HashMap<usize, Value>>>,
}

/// A value seen by a template.
#[derive(Debug, Clone)]
pub enum Value {
    /// Python's None (JSON null, JS undefined).
    None,
    /// `bool`.
    Bool(bool),
    /// `int`: a JS number that is a safe integer.
    Int(i64),
    /// `float`: any other JS number, NaN and the infinities included.
    Float(f64),
    /// `str`.
    Str(Rc<str>),
    /// Django's SafeString: printed without escaping.
    Safe(Rc<str>),
    /// A list, or the tuple or dict view it stands for.
    List(Rc<Vec<Value>>, SeqKind),
    /// A dict with string keys, in insertion order.
    Dict(Rc<Dict>),
    /// `forloop` inside `{% for %}`.
    Forloop(Rc<Forloop>),
    /// `{% regroup %}`'s GroupedResult(grouper, list).
    Group(Rc<(Value, Value)>),
    /// `{{ block }}` inside a block: the id of the block node whose `super` it renders.
    Block(u32),
    /// A datetime (a JS Date).
    Date(Rc<dates::DateVal>),
    /// JS `undefined` held in a container (a list item, a dict value): missing when a variable resolves
    /// to it, `None` inside a printed container.
    Undefined,
    /// A JavaScript object that is not plain data (a class instance, a Set, a callable, ...).
    Object(Rc<object::JsObject>),
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
            Value::None | Value::Undefined => "NoneType",
            Value::Bool(_) => "bool",
            Value::Int(_) => "int",
            Value::Float(_) => "float",
            Value::Str(_) => "str",
            Value::Safe(_) => "SafeString",
            Value::Group(_) => "tuple",
            Value::List(_, kind) => kind.name(),
            Value::Dict(_) | Value::Forloop(_) => "dict",
            Value::Block(_) => "BlockContext",
            Value::Date(_) => "datetime.datetime",
            Value::Object(_) => "object",
        }
    }
}
