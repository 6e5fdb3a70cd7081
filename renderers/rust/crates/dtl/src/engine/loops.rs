//! `{% for %}` and `{% ifchanged %}`: the loop (its `forloop`, unpacking, `{% empty %}`, and the item ids a
//! live document keys elements by) and the memory `{% ifchanged %}` keeps per loop.

use crate::engine::context::Context;
use crate::engine::ir::{ForLoop, IfChanged};
use crate::engine::render::Renderer;
use crate::error::{Error, ErrorKind, Result};
use crate::value::lookup::lookup;
use crate::value::ops::{py_equals, py_iter, py_len};
use crate::value::pyrepr::py_str;
use crate::value::{Forloop, Value};
use crate::vtree::ItemMark;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

impl<'p> Renderer<'p> {
    /// `{% for %}`, recording each iteration over an item with an `id` when marks are recorded.
    pub(crate) fn render_for(&mut self, node: &'p ForLoop, ctx: &mut Context<'p>, out: &mut String) -> Result<()> {
        let ForLoop { targets, iterable, reversed, body, empty, uses_forloop, .. } = node;
        let parentloop = match ctx.get("forloop") {
            Some(v @ Value::Forloop(_)) => v,
            _ => Value::Dict(Rc::default()),
        };
        let iterable = self.resolve_expr(iterable, ctx, true)?;
        let mut values = self.iterate(&iterable)?;
        if values.is_empty() {
            if let Some(empty) = empty {
                ctx.push(Vec::new());
                let r = self.render_nodes(empty, ctx, out);
                ctx.pop();
                r?;
            }
            return Ok(());
        }
        if *reversed {
            values.reverse();
        }
        let n = values.len();
        let memory: Rc<RefCell<HashMap<usize, Value>>> = Rc::default();
        self.loops.push(memory.clone());
        ctx.push(Vec::new());
        let r = (|| {
            for (i, item) in values.into_iter().enumerate() {
                let mark =
                    self.marks.is_some().then(|| (out.len(), item_id(&item))).and_then(|(at, id)| Some((at, id?)));
                if *uses_forloop {
                    let forloop =
                        Forloop { counter0: i, len: n, parentloop: parentloop.clone(), ifchanged: memory.clone() };
                    ctx.set("forloop", Value::Forloop(Rc::new(forloop)));
                }
                if targets.len() > 1 {
                    let len = py_len(&item).unwrap_or(1);
                    if len != targets.len() {
                        return Err(Error::new(
                            ErrorKind::ValueError,
                            format!("Need {} values to unpack in for loop; got {}. ", targets.len(), len),
                        ));
                    }
                    let parts = py_iter(&item)?;
                    ctx.push(targets.iter().map(|t| t.as_str()).zip(parts).collect());
                    let r = self.render_nodes(body, ctx, out);
                    ctx.pop();
                    r?;
                } else {
                    ctx.set(&targets[0], item);
                    self.render_nodes(body, ctx, out)?;
                }
                if let (Some(marks), Some((start, id))) = (&mut self.marks, mark) {
                    marks.push(ItemMark { start, end: out.len(), id });
                }
            }
            Ok(())
        })();
        ctx.pop();
        self.loops.pop();
        r
    }

    /// `{% ifchanged %}`, remembering what it compared in the innermost loop (or the render, outside loops).
    pub(crate) fn render_ifchanged(
        &mut self,
        node: &'p IfChanged,
        ctx: &mut Context<'p>,
        out: &mut String,
    ) -> Result<()> {
        let IfChanged { values, body, otherwise, .. } = node;
        // The node's address, as Django keys the memory by the node object: ids restart in every template,
        // and a template included by name at run time shares the loop's memory with the page.
        let key = node as *const IfChanged as usize;
        let (compare_to, rendered) = if values.is_empty() {
            let s = self.render_apart(body, ctx)?;
            (Value::str(s.as_str()), Some(s))
        } else {
            let mut vs = Vec::with_capacity(values.len());
            for v in values {
                vs.push(self.resolve_expr(v, ctx, true)?);
            }
            (Value::list(vs), None)
        };
        let changed = match self.loops.last() {
            Some(memory) => remember(&mut memory.borrow_mut(), key, compare_to),
            None => remember(&mut ctx.state.borrow_mut().ifchanged, key, compare_to),
        };
        if changed {
            // As Django: an empty first rendering is rendered again (`output or render()`).
            match rendered {
                Some(s) if !s.is_empty() => out.push_str(&s),
                _ => self.render_nodes(body, ctx, out)?,
            }
        } else if let Some(otherwise) = otherwise {
            self.render_nodes(otherwise, ctx, out)?;
        }
        Ok(())
    }
}

// `str(item.id)` for a dict or list item whose `id` resolves and is not None (the vdom's `keyByItemId`
// looks only at objects).
fn item_id(item: &Value) -> Option<Rc<str>> {
    if !matches!(item, Value::Dict(_) | Value::List(..)) {
        return None;
    }
    match lookup(item, "id")? {
        Value::None | Value::Undefined => None,
        Value::Str(s) => Some(s),
        Value::Int(i) => {
            // Formatted on the stack: one allocation per iteration instead of two.
            let mut buf = [0u8; 20];
            let mut w = &mut buf[..];
            std::io::Write::write_fmt(&mut w, format_args!("{i}")).ok()?;
            let len = 20 - w.len();
            std::str::from_utf8(&buf[..len]).ok().map(Rc::from)
        }
        id => Some(py_str(&id).into()),
    }
}

// Records `value` under `key`; true when it differs from what was there (or nothing was).
fn remember(memory: &mut HashMap<usize, Value>, key: usize, value: Value) -> bool {
    let changed = memory.get(&key).is_none_or(|prev| !py_equals(prev, &value));
    if changed {
        memory.insert(key, value);
    }
    changed
}
