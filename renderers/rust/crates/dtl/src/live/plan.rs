//! A page's slot plan: the slots of the compiled JS engine's structure (`@tessera/markup`'s analysis,
//! computed at prepare time by renderers/rust/js/slots.ts and read here from JSON), each with the IR nodes
//! that compute its value and the scopes they render in; and the evaluation of those values against a
//! context, by the engine's own renderer, so a value is exactly what the page prints there.

use crate::engine::context::Context;
use crate::engine::ir::{ForLoop, Node};
use crate::engine::program::prepare_nodes;
use crate::engine::render::Renderer;
use crate::error::{Error, ErrorKind, Result};
use crate::value::lookup::lookup;
use crate::value::{Forloop, Value};
use rustc_hash::FxBuildHasher;
use serde::Deserialize;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

/// How a content slot's value is checked before it is patched in place.
#[derive(Debug, Deserialize)]
pub struct Check {
    /// Names of the open elements from the page root down to the slot's element.
    pub open: Vec<String>,
    /// Raw text (script, style, textarea, title).
    pub raw: bool,
    /// Whether text may stand in the element.
    pub text: bool,
    /// Whether the parser drops a leading newline after the start tag.
    pub newline: bool,
    /// Values with markup already checked, and whether they fit (fit.rs): the branches of an `{% if %}`
    /// repeat row after row. Hashed with FxHash: SipHash of each value was most of a lookup, and these keys
    /// are the page's own values, bounded in number and length (fit.rs).
    #[serde(skip)]
    pub known: RefCell<HashMap<Box<str>, bool, FxBuildHasher>>,
}

/// Where a slot's value goes: `sub` is the path from its owner (an anchor or a row element).
#[derive(Debug, Deserialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum Target {
    /// An attribute value between `quote`s.
    Attr {
        /// Path from the owner.
        sub: Vec<u32>,
        /// The attribute's name.
        name: String,
        /// The quote the value stands between.
        quote: String,
    },
    /// An element's content, as HTML.
    Content {
        /// Path from the owner.
        sub: Vec<u32>,
        /// How values are checked.
        check: Check,
    },
}

/// A slot: the scopes it renders in (wrappers whose bodies were left out), and its nodes.
#[derive(Debug, Deserialize)]
pub struct SlotDef {
    /// `with`, `block` and `autoescape` nodes, outermost first.
    pub scopes: Vec<Node>,
    /// What renders its value.
    pub nodes: Vec<Node>,
    /// Where the value goes.
    pub target: Target,
}

/// A piece of a row's HTML: static text or a row slot's number.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum Piece {
    /// Static text.
    Text(String),
    /// A row slot.
    Slot(usize),
}

/// A keyed loop whose every iteration renders one element.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LoopDef {
    /// Scopes around the loop.
    pub scopes: Vec<Node>,
    /// The `{% for %}` (its body left out: the row slots stand for it).
    pub node: Node,
    /// The row's slots, in document order.
    pub rows: Vec<SlotDef>,
    /// The anchor of the element holding the rows (0: the page root).
    pub parent: u32,
    /// Index of the first row in its parent's child list.
    pub first: u32,
    /// Child nodes per row: 1, or 2 when a separator text stands between rows.
    pub stride: u32,
    /// A row's HTML, for inserts.
    pub pieces: Vec<Piece>,
    /// The text between two rows.
    pub sep: String,
    /// Positional cycles: state id and number of values.
    pub cycles: Vec<(u32, usize)>,
    /// The context names it reads (None: any).
    pub heads: Option<Vec<String>>,
}

/// A unit: a top-level slot, or a loop.
#[derive(Debug, Deserialize)]
#[serde(tag = "k")]
pub enum Unit {
    /// A slot outside loops.
    #[serde(rename = "slot")]
    Slot {
        /// Scopes around it.
        scopes: Vec<Node>,
        /// What renders its value.
        nodes: Vec<Node>,
        /// Where the value goes.
        target: Target,
        /// The anchor of its element (0: the page root).
        anchor: u32,
        /// The context names it reads (None: any).
        heads: Option<Vec<String>>,
    },
    /// A loop.
    #[serde(rename = "loop")]
    Loop(Box<LoopDef>),
}

impl Unit {
    /// The context names the unit reads; None when it may read any.
    pub fn heads(&self) -> Option<&[String]> {
        match self {
            Unit::Slot { heads, .. } => heads.as_deref(),
            Unit::Loop(l) => l.heads.as_deref(),
        }
    }
}

/// A page's slot plan.
#[derive(Debug, Deserialize)]
pub struct SlotPlan {
    /// Units by number, in document order.
    pub units: Vec<Unit>,
    /// The anchor table (the same for every row count).
    pub anchors: Vec<(u64, Vec<u32>)>,
}

fn bad(what: &str) -> Error {
    Error::new(ErrorKind::TypeError, format!("invalid slot plan: {what}"))
}

impl SlotPlan {
    /// Reads a plan and resolves the built-in filters of its nodes.
    pub fn from_json(json: &str) -> Result<SlotPlan> {
        let mut plan: SlotPlan = serde_json::from_str(json).map_err(|e| bad(&e.to_string()))?;
        for unit in &mut plan.units {
            match unit {
                Unit::Slot { scopes, nodes, .. } => {
                    prepare_nodes(scopes)?;
                    prepare_nodes(nodes)?;
                }
                Unit::Loop(l) => {
                    prepare_nodes(&mut l.scopes)?;
                    prepare_nodes(std::slice::from_mut(&mut l.node))?;
                    match &l.node {
                        Node::For(f) if f.targets.len() == 1 && f.empty.is_none() => {}
                        _ => return Err(bad("a loop unit holds no single-target for")),
                    }
                    for row in &mut l.rows {
                        prepare_nodes(&mut row.scopes)?;
                        prepare_nodes(&mut row.nodes)?;
                    }
                }
            }
        }
        Ok(plan)
    }
}

/// A loop key: an item's `id` (a number or a string), or a row's position, compared as JS `Object.is`
/// compares them.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Key {
    /// A number (its bits).
    Num(u64),
    /// A string.
    Str(Rc<str>),
}

impl Key {
    /// The key of position `i`.
    pub fn pos(i: usize) -> Key {
        Key::Num((i as f64).to_bits())
    }
}

fn id_key(item: &Value) -> Option<Key> {
    let id = match item {
        Value::Dict(d) => d.get("id").cloned(),
        Value::List(..) | Value::Object(_) | Value::Group(_) | Value::Forloop(_) => lookup(item, "id"),
        _ => None,
    }?;
    match id {
        Value::Int(i) => Some(Key::Num((i as f64).to_bits())),
        // -0 is a Map key equal to 0.
        Value::Float(f) => Some(Key::Num(if f == 0.0 { 0f64.to_bits() } else { f.to_bits() })),
        Value::Str(s) | Value::Safe(s) => Some(Key::Str(s)),
        _ => None,
    }
}

/// One loop's rows: their keys and their slot values, `m` per row. The values lie end to end in one
/// string (value `k` ends at `ends[k]`): a full update of 10,000 rows computes tens of thousands of values,
/// and a string each was most of its allocation.
#[derive(Debug, Clone)]
pub struct Rows {
    /// The items' ids, None when one has none usable.
    pub ids: Option<Vec<Key>>,
    /// Row count.
    pub n: usize,
    /// Slot values, row by row.
    pub text: String,
    /// Where each value ends in `text`.
    pub ends: Vec<usize>,
}

impl Rows {
    /// Value `k` (row `k / m`, slot `k % m`).
    pub fn value(&self, k: usize) -> &str {
        let start = if k == 0 { 0 } else { self.ends[k - 1] };
        &self.text[start..self.ends[k]]
    }

    /// Row `i`'s `m` values.
    pub fn row(&self, i: usize, m: usize) -> Row<'_> {
        Row { rows: self, first: i * m, m }
    }
}

/// The values of one row.
#[derive(Clone, Copy)]
pub struct Row<'a> {
    rows: &'a Rows,
    first: usize,
    m: usize,
}

impl<'a> Row<'a> {
    /// Slot `s`'s value ("" past the row's slots).
    pub fn get(&self, s: usize) -> &'a str {
        if s < self.m {
            self.rows.value(self.first + s)
        } else {
            ""
        }
    }

    /// The values in slot order (each starts where the one before it ends).
    pub fn iter(&self) -> impl Iterator<Item = &'a str> + 'a {
        let rows = self.rows;
        let mut start = if self.first == 0 { 0 } else { rows.ends[self.first - 1] };
        rows.ends[self.first..self.first + self.m].iter().map(move |&end| {
            let value = &rows.text[start..end];
            start = end;
            value
        })
    }
}

/// Renders `f` inside `scopes`, as the page renders what they wrap.
fn scoped<'p, T>(
    r: &mut Renderer<'p>,
    ctx: &mut Context<'p>,
    scopes: &'p [Node],
    f: &mut dyn FnMut(&mut Renderer<'p>, &mut Context<'p>) -> Result<T>,
) -> Result<T> {
    let Some((first, rest)) = scopes.split_first() else { return f(r, ctx) };
    match first {
        Node::With { assigns, .. } => {
            let mut values = Vec::with_capacity(assigns.len());
            for a in assigns {
                values.push((a.name.as_str(), r.resolve_expr(&a.value, ctx, false)?));
            }
            ctx.push(values);
            let out = scoped(r, ctx, rest, f);
            ctx.pop();
            out
        }
        Node::Autoescape { on, .. } => {
            let saved = ctx.autoescape;
            ctx.autoescape = *on;
            let out = scoped(r, ctx, rest, f);
            ctx.autoescape = saved;
            out
        }
        Node::Block(block) => {
            r.blocks.push(block);
            ctx.push(vec![("block", Value::Block(r.blocks.len() as u32 - 1))]);
            let out = scoped(r, ctx, rest, f);
            ctx.pop();
            out
        }
        _ => Err(bad("a scope that is no with, block or autoescape")),
    }
}

/// A slot's value.
pub fn slot_value<'p>(
    r: &mut Renderer<'p>,
    ctx: &mut Context<'p>,
    scopes: &'p [Node],
    nodes: &'p [Node],
) -> Result<String> {
    let mut out = String::new();
    slot_value_into(r, ctx, scopes, nodes, &mut out)?;
    Ok(out)
}

/// A slot's value, written at the end of `out`.
fn slot_value_into<'p>(
    r: &mut Renderer<'p>,
    ctx: &mut Context<'p>,
    scopes: &'p [Node],
    nodes: &'p [Node],
    out: &mut String,
) -> Result<()> {
    scoped(r, ctx, scopes, &mut |r, ctx| r.render_nodes(nodes, ctx, out))
}

/// A loop's rows, as `render_for` iterates them.
pub fn loop_rows<'p>(r: &mut Renderer<'p>, ctx: &mut Context<'p>, def: &'p LoopDef) -> Result<Rows> {
    let Node::For(node) = &def.node else { return Err(bad("a loop unit holds no for")) };
    scoped(r, ctx, &def.scopes, &mut |r, ctx| iterate(r, ctx, node, def))
}

fn iterate<'p>(r: &mut Renderer<'p>, ctx: &mut Context<'p>, node: &'p ForLoop, def: &'p LoopDef) -> Result<Rows> {
    let parentloop = match ctx.get("forloop") {
        Some(v @ Value::Forloop(_)) => v,
        _ => Value::Dict(Rc::default()),
    };
    let iterable = r.resolve_expr(&node.iterable, ctx, true)?;
    let mut items = r.iterate(&iterable)?;
    if node.reversed {
        items.reverse();
    }
    let n = items.len();
    let m = def.rows.len();
    let mut ids = Some(Vec::with_capacity(n));
    let mut text = String::new();
    let mut ends = Vec::with_capacity(n * m);
    if n == 0 {
        return Ok(Rows { ids, n, text, ends });
    }
    let memory: Rc<RefCell<HashMap<usize, Value>>> = Rc::default();
    r.loops.push(memory.clone());
    ctx.push(Vec::new());
    let out = (|| {
        for (i, item) in items.into_iter().enumerate() {
            if let Some(keys) = &mut ids {
                match id_key(&item) {
                    Some(k) => keys.push(k),
                    None => ids = None,
                }
            }
            if node.uses_forloop {
                let forloop =
                    Forloop { counter0: i, len: n, parentloop: parentloop.clone(), ifchanged: memory.clone() };
                ctx.set("forloop", Value::Forloop(Rc::new(forloop)));
            }
            ctx.set(&node.targets[0], item);
            // Positional cycles take the row's position, so a row renders the same whichever rows ran before.
            for (state, len) in &def.cycles {
                ctx.state.borrow_mut().cycles.insert(*state, i % (*len).max(1));
            }
            for slot in &def.rows {
                slot_value_into(r, ctx, &slot.scopes, &slot.nodes, &mut text)?;
                ends.push(text.len());
            }
        }
        Ok(())
    })();
    ctx.pop();
    r.loops.pop();
    out.map(|()| Rows { ids, n, text, ends })
}
