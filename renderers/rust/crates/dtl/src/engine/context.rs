//! Django's Context: a stack of frames over the caller's dict, with `True`, `False` and `None`
//! underneath, plus per-render state shared with non-isolated includes (cycle positions).

use crate::value::Value;
use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::rc::Rc;

/// Per-render state that `{% include ... only %}` still shares, as Django's render_context.
#[derive(Default)]
pub struct RenderState {
    /// `{% cycle %}` positions by cycle state id (ordered: a page has a few, found in fewer steps than a
    /// hash of the id takes).
    pub cycles: BTreeMap<u32, usize>,
    /// `{% ifchanged %}` memory outside any loop.
    pub ifchanged: HashMap<usize, Value>,
}

type Frame<'p> = Vec<(&'p str, Value)>;

/// The variables visible to a node.
pub struct Context<'p> {
    root: Value,
    frames: Vec<Frame<'p>>,
    /// Whether output is escaped here (`{% autoescape %}` sets it for its body).
    pub autoescape: bool,
    /// State of the whole render, shared with `{% include ... only %}`'s isolated context.
    pub state: Rc<RefCell<RenderState>>,
}

impl<'p> Context<'p> {
    /// A context over the caller's values (a dict; anything else is treated as empty).
    pub fn new(root: Value, autoescape: bool) -> Context<'p> {
        Context { root, frames: vec![Vec::new()], autoescape, state: Rc::default() }
    }

    /// Looks a name up from the top frame down; `None` when nothing defines it.
    pub fn get(&self, name: &str) -> Option<Value> {
        if let Some(v) = self.get_defined(name) {
            return Some(v.clone());
        }
        match name {
            "True" => Some(Value::Bool(true)),
            "False" => Some(Value::Bool(false)),
            "None" => Some(Value::None),
            _ => None,
        }
    }

    /// The value of a name the frames or the caller's dict define (not `True`, `False`, `None`), borrowed.
    pub fn get_defined(&self, name: &str) -> Option<&Value> {
        for frame in self.frames.iter().rev() {
            if let Some((_, v)) = frame.iter().rev().find(|(k, _)| *k == name) {
                return Some(v);
            }
        }
        match &self.root {
            Value::Dict(d) => d.get(name),
            _ => None,
        }
    }

    /// Django's `context[name] = value`: sets in the top frame.
    pub fn set(&mut self, name: &'p str, value: Value) {
        let frame = self.frames.last_mut().expect("a context always has a frame");
        match frame.iter_mut().find(|(k, _)| *k == name) {
            Some(slot) => slot.1 = value,
            None => frame.push((name, value)),
        }
    }

    /// Django's `set_upward`: sets where the name already lives, else in the top frame. A name of the
    /// caller's dict is overridden in the bottom frame, which is read before that dict (Django writes
    /// into the caller's dict itself).
    pub fn set_upward(&mut self, name: &'p str, value: Value) {
        for frame in self.frames.iter_mut().rev() {
            if let Some(slot) = frame.iter_mut().find(|(k, _)| *k == name) {
                slot.1 = value;
                return;
            }
        }
        if matches!(&self.root, Value::Dict(d) if d.contains_key(name)) {
            self.frames[0].push((name, value));
            return;
        }
        self.set(name, value);
    }

    /// Opens a frame with `values`.
    pub fn push(&mut self, values: Vec<(&'p str, Value)>) {
        self.frames.push(values);
    }

    /// Closes the top frame.
    pub fn pop(&mut self) {
        if self.frames.len() > 1 {
            self.frames.pop();
        }
    }

    /// A context for `{% include ... only %}`: no names, same autoescape and render state.
    pub fn isolated(&self) -> Context<'p> {
        Context { root: Value::None, frames: vec![Vec::new()], autoescape: self.autoescape, state: self.state.clone() }
    }
}
