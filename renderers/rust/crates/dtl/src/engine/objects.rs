//! Resolving variables the way `@tessera/runtime` resolves them, over JavaScript objects
//! (`value/object.rs`): `undefined` is missing, a Promise raises, a callable is called, and what the
//! application computes on demand (getters, methods, lookups through a cycle, filters on its objects) is
//! asked of it through the host, by object id. Plain data never crosses back.

use crate::engine::host::ask;
use crate::engine::render::Renderer;
use crate::error::Result;
use crate::value::lookup::lookup;
use crate::value::object::JsObject;
use crate::value::ops::py_iter;
use crate::value::Value;

fn json_text(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

impl<'p> Renderer<'p> {
    /// What a variable resolves to once a lookup found `v` (`path[..end]` names it): `undefined` is
    /// missing, a Promise raises the TypeError the application prepared, a callable is called.
    pub fn resolved(&self, v: Value, path: &[String], end: usize) -> Result<Option<Value>> {
        match v {
            Value::Undefined => Ok(None),
            Value::Object(o) if o.fault.is_some() || o.call => self.resolve_object(&o, &path[..end.min(path.len())]),
            other => Ok(Some(other)),
        }
    }

    fn resolve_object(&self, o: &JsObject, path: &[String]) -> Result<Option<Value>> {
        if let Some(fault) = &o.fault {
            return Err(fault.clone());
        }
        let payload = format!("{{\"id\":{},\"path\":{}}}", o.id, json_text(&path.join(".")));
        self.answered(ask(self.host("a callable from the context")?, "resolve", &payload)?)
    }

    // The application answers with the value its own lookup resolved: only `undefined` is left to read.
    fn answered(&self, v: Value) -> Result<Option<Value>> {
        Ok(match v {
            Value::Undefined => None,
            other => Some(other),
        })
    }

    /// One lookup step from `obj` (`path[..end]` names the result).
    pub fn step(&self, obj: &Value, segment: &str, path: &[String], end: usize) -> Result<Option<Value>> {
        let Value::Object(o) = obj else {
            return match lookup(obj, segment) {
                Some(v) => self.resolved(v, path, end),
                None => Ok(None),
            };
        };
        if let Some(v) = o.attribute(segment) {
            return self.resolved(v, path, end);
        }
        if !o.is_lazy(segment) {
            return Ok(None);
        }
        let payload = format!(
            "{{\"id\":{},\"name\":{},\"path\":{}}}",
            o.id,
            json_text(segment),
            json_text(&path[..end.min(path.len())].join("."))
        );
        self.answered(ask(self.host("an attribute computed by the application")?, "lookup", &payload)?)
    }

    /// Python iteration for `{% for %}` and `{% regroup %}`: an object iterated by the application asks it.
    pub fn iterate(&self, v: &Value) -> Result<Vec<Value>> {
        if let Value::Object(o) = v {
            if o.lazy_items {
                let items =
                    ask(self.host("iterating an object of the application")?, "iter", &format!("{{\"id\":{}}}", o.id))?;
                return py_iter(&items);
            }
        }
        py_iter(v)
    }

    /// Whether the built-in filter `name` on these values runs in the application instead (the value or
    /// argument holds objects whose getters and methods only the application can compute), as the JS
    /// renderers run it. For `json_script` and `pprint` objects at any depth count (they read a Map inside a
    /// list), for the others only those the value holds directly.
    pub fn runs_in_application(&self, name: &str, value: &Value, arg: Option<&Value>) -> bool {
        if self.host.is_none() {
            return false;
        }
        let deep = matches!(name, "json_script" | "pprint");
        holds_object(value, deep) || arg.is_some_and(|a| holds_object(a, deep))
    }
}

// An object, or a list or dict holding one directly (at any depth when `deep`; plain values cannot hold
// themselves: a cycle crosses as an object).
fn holds_object(v: &Value, deep: bool) -> bool {
    let member = |x: &Value| if deep { holds_object(x, true) } else { matches!(x, Value::Object(_)) };
    match v {
        Value::Object(_) => true,
        Value::List(items, _) => items.iter().any(member),
        Value::Dict(d) => d.values().any(member),
        _ => false,
    }
}

/// The error an object raises when printed directly (`{{ promise }}`), as the JS renderers raise it.
#[inline]
pub fn print_fault(v: &Value) -> Result<()> {
    match v {
        Value::Object(o) => o.fault.clone().map_or(Ok(()), Err),
        _ => Ok(()),
    }
}
