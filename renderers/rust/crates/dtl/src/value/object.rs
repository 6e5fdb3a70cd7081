//! JavaScript objects that are not plain data, as `@tessera/runtime`'s value mapping reads them: class
//! instances, Sets, Maps with keys that are not strings, callables, parts of cyclic structures, Promises,
//! integers beyond the 64-bit range. What can be read ahead (own data fields, members, the printed text,
//! truthiness, length) arrives with the object; what Django would only compute when a template asks
//! (getters, methods, a callable's result, lookups through a cycle) is asked of the application through
//! the host, by the object's `id`, so it runs exactly once per use, as in the JavaScript renderers.

use crate::error::{Error, ErrorKind};
use crate::value::{Dict, Value};
use serde::Deserialize;
use std::rc::Rc;

/// Which names of an object the host may resolve besides its eager `attrs`.
#[derive(Debug, Clone, Default)]
pub enum Lazy {
    /// None: `attrs` is everything.
    #[default]
    Nothing,
    /// These names (getters and methods of its class).
    Names(Vec<Rc<str>>),
    /// Any name (a reference back into a cycle, a dict whose values include callables).
    Every,
}

/// A JavaScript object read through the value mapping.
#[derive(Debug, Clone)]
pub struct JsObject {
    /// The application's handle on the object (0 for values without identity); equal ids are the same object.
    pub id: u64,
    /// Python's name for its type, in messages (`'User' object is not iterable`).
    pub class: Rc<str>,
    /// `str()`, which for these objects is also `repr()` (`<User object>`, `{1, 2}`, `[[...]]`).
    pub text: Rc<str>,
    /// Python truthiness.
    pub truthy: bool,
    /// `len()`, for objects that have one.
    pub len: Option<usize>,
    /// Attributes read ahead: own data fields, dict entries.
    pub attrs: Dict,
    /// Names the host resolves.
    pub lazy: Lazy,
    /// What iterating gives, when read ahead.
    pub items: Option<Rc<Vec<Value>>>,
    /// Iteration goes through the host (a reference back into a cycle).
    pub lazy_items: bool,
    /// An index segment (`list.0`) reads `items`.
    pub indexed: bool,
    /// Resolving it calls it, in the application (a callable).
    pub call: bool,
    /// Resolving it raises this error (a Promise: the application forgot to await it).
    pub fault: Option<Error>,
}

impl JsObject {
    /// Whether the host resolves `name` on this object.
    pub fn is_lazy(&self, name: &str) -> bool {
        match &self.lazy {
            Lazy::Nothing => false,
            Lazy::Names(names) => names.iter().any(|n| &**n == name),
            Lazy::Every => true,
        }
    }

    /// The attribute read ahead under `name` (an index into `items` for list-like objects).
    pub fn attribute(&self, name: &str) -> Option<Value> {
        if let Some(v) = self.attrs.get(name) {
            return Some(v.clone());
        }
        if self.indexed && !name.is_empty() && name.bytes().all(|b| b.is_ascii_digit()) {
            let i: usize = name.parse().ok()?;
            return self.items.as_ref()?.get(i).cloned();
        }
        None
    }

    /// Python iteration over what was read ahead; `None` when the object is iterated through the host.
    pub fn iterate(&self) -> Option<crate::error::Result<Vec<Value>>> {
        if self.lazy_items {
            return None;
        }
        Some(match &self.items {
            Some(items) => Ok(items.to_vec()),
            None => Err(Error::new(ErrorKind::TypeError, format!("'{}' object is not iterable", self.class))),
        })
    }
}

/// The wire form of an object (`{"\u0000o": {...}}`, written by `js/encode.ts`).
#[derive(Deserialize)]
pub(crate) struct ObjectWire {
    #[serde(default)]
    id: u64,
    class: String,
    text: String,
    truthy: bool,
    #[serde(default)]
    len: Option<usize>,
    #[serde(default)]
    attrs: Option<Value>,
    #[serde(default)]
    lazy: Option<serde_json::Value>,
    #[serde(default)]
    items: Option<Value>,
    #[serde(default)]
    iter: bool,
    #[serde(default)]
    indexed: bool,
    #[serde(default)]
    call: bool,
    #[serde(default)]
    fault: Option<(String, String)>,
}

impl From<ObjectWire> for JsObject {
    fn from(w: ObjectWire) -> JsObject {
        let lazy = match w.lazy {
            Some(serde_json::Value::Bool(true)) => Lazy::Every,
            Some(serde_json::Value::Array(names)) => {
                Lazy::Names(names.iter().filter_map(|n| n.as_str()).map(Rc::from).collect())
            }
            _ => Lazy::Nothing,
        };
        JsObject {
            id: w.id,
            class: w.class.into(),
            text: w.text.into(),
            truthy: w.truthy,
            len: w.len,
            attrs: match w.attrs {
                Some(Value::Dict(d)) => Rc::unwrap_or_clone(d),
                _ => Dict::new(),
            },
            lazy,
            items: match w.items {
                Some(Value::List(items, _)) => Some(items),
                _ => None,
            },
            lazy_items: w.iter,
            indexed: w.indexed,
            call: w.call,
            fault: w.fault.map(|(name, message)| Error::from_host(&name, message)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::lookup::lookup;
    use crate::value::ops::{py_equals, py_iter, py_len, truthy};
    use crate::value::pyrepr::{py_repr, py_str};

    fn parse(json: &str) -> Value {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn objects_answer_from_what_was_read_ahead() {
        let v = parse(
            r#"{"\u0000o": {"id": 3, "class": "User", "text": "<User object>", "truthy": true,
                "attrs": {"name": "Ada"}, "lazy": ["initials"]}}"#,
        );
        assert_eq!(py_str(&v), "<User object>");
        assert_eq!(py_str(&lookup(&v, "name").unwrap()), "Ada");
        assert!(lookup(&v, "initials").is_none());
        let Value::Object(o) = &v else { panic!("not an object") };
        assert!(o.is_lazy("initials") && !o.is_lazy("name"));
        assert!(truthy(&v) && py_len(&v).is_none());
        assert_eq!(py_iter(&v).unwrap_err().message, "'User' object is not iterable");
        assert!(py_equals(&v, &v.clone()));
    }

    #[test]
    fn sets_and_cycles_print_as_the_application_printed_them() {
        let v = parse(
            r#"[{"\u0000o": {"id": 1, "class": "list", "text": "[[...]]", "truthy": true, "len": 1,
                "items": [{"\u0000o": {"id": 1, "class": "list", "text": "[[...]]", "truthy": true, "len": 1,
                "iter": true, "lazy": true}}], "indexed": true}}, {"\u0000u": 0}]"#,
        );
        assert_eq!(py_repr(&v), "[[[...]], None]");
        let Value::List(items, _) = &v else { panic!("not a list") };
        assert_eq!(py_str(&lookup(&items[0], "0").unwrap()), "[[...]]");
        assert_eq!(py_str(&items[1]), "");
    }
}
