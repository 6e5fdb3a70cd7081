//! A mounted page on the slot model, the compiled JS engine's design (renderers/codegen/src/live/
//! document.ts) in Rust: the previous value of every slot kept in flat vectors (per loop, `m` values per
//! row), an update recomputing only the units whose inputs changed, diffing values, and writing the
//! patch list (format version 3) in its wire form. No page is parsed at update time.
//!
//! The patch lists are the JS engine's for the same inputs (test/rust-vs-codegen-live.test.ts): the same
//! slots, the same keyed-loop moves around the longest increasing run, the same choice between single
//! ops and a `column` op. A value that would not parse where the structure says (fit.rs, the JS engine's
//! check) counts as a misfit, and while there is one the page goes whole, as the JS engine sends it.

use super::fit::{holds, tagless};
use super::plan::{loop_rows, slot_value, Check, Key, LoopDef, Piece, Row, Rows, SlotPlan, Target, Unit};
use crate::engine::host::Host;
use crate::engine::program::Program;
use crate::error::Result;
use crate::value::{Dict, Value};
use crate::vtree::entities;
use crate::vtree::order::longest_increasing;
use crate::vtree::wire::{js_units, number, path as write_path, string, string_of_units};
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

/// One patch of a slot document, in the form the JS engine builds it (paths are absent, not empty, where
/// the JS engine leaves them out).
#[derive(Debug)]
enum Op {
    Html {
        at: u32,
        path: Option<Vec<u32>>,
        html: String,
    },
    /// `value` as the page holds it (its references are decoded when written).
    Attr {
        at: u32,
        path: Option<Vec<u32>>,
        name: String,
        value: String,
    },
    Remove {
        at: u32,
        path: Vec<u32>,
    },
    Insert {
        at: u32,
        index: i64,
        html: String,
    },
    Move {
        at: u32,
        from: u32,
        to: u32,
        count: Option<u32>,
    },
    Anchors,
    /// A top-level slot's new value on its anchored element, in the short form (`[at, html]`, or
    /// `[at, name, value]` for an attribute, its value as the page holds it).
    Slot {
        at: u32,
        name: Option<String>,
        value: String,
    },
}

/// A loop's rows as kept: their values, their keys and the keys' positions when first needed.
#[derive(Debug)]
struct LoopState {
    rows: Rows,
    keys: Vec<Key>,
    pos: Option<HashMap<Key, usize>>,
}

impl LoopState {
    fn pos(&mut self) -> &HashMap<Key, usize> {
        let keys = &self.keys;
        self.pos.get_or_insert_with(|| keys.iter().enumerate().map(|(i, k)| (k.clone(), i)).collect())
    }

    fn row(&self, i: usize, m: usize) -> Row<'_> {
        self.rows.row(i, m)
    }
}

fn positions(n: usize) -> Vec<Key> {
    (0..n).map(Key::pos).collect()
}

/// The mount's keys: the items' ids when every item has a distinct one, else positions.
fn keys_of(rows: &Rows) -> Vec<Key> {
    match &rows.ids {
        Some(ids) if ids.iter().collect::<HashSet<_>>().len() == ids.len() => ids.clone(),
        _ => positions(rows.n),
    }
}

/// What one evaluation gave a unit.
enum Computed {
    Slot(String),
    Loop(Rows),
}

/// A page mounted on its slot plan.
pub struct SlotDocument {
    program: Rc<Program>,
    plan: Rc<SlotPlan>,
    context: Value,
    values: Vec<String>,
    loops: Vec<Option<LoopState>>,
    /// Values the DOM does not hold where the structure says: while there is any, the page goes whole.
    /// Counted on the first update (-1 until then).
    misfits: i64,
    /// An update failed half-way: the next one recomputes everything and sends the page whole.
    stale: bool,
    html: Option<String>,
    /// The length of the last patch list: the next one's buffer starts at it, as a page's buffer starts at
    /// the page's length (one allocation instead of a doubling chain and its copies).
    wire_len: usize,
}

/// Names a dependency path leaves out (`{{ True }}` reads the builtin), which a context may still shadow.
const BUILTINS: [&str; 3] = ["True", "False", "None"];

impl SlotDocument {
    /// Renders `context` and keeps every slot value.
    pub fn mount(
        program: Rc<Program>,
        plan: Rc<SlotPlan>,
        context: Value,
        now: Option<&Value>,
        host: Option<&dyn Host>,
    ) -> Result<SlotDocument> {
        let html = program.render_with(context.clone(), now, host)?;
        let units = plan.units.len();
        let mut doc = SlotDocument {
            program,
            plan,
            context: Value::None,
            values: vec![String::new(); units],
            loops: (0..units).map(|_| None).collect(),
            misfits: -1,
            stale: false,
            html: None,
            wire_len: 0,
        };
        let computed = doc.compute(&context, &vec![true; units], now, host)?;
        for (u, c) in computed {
            match c {
                Computed::Slot(v) => doc.values[u] = v,
                Computed::Loop(rows) => {
                    let keys = keys_of(&rows);
                    doc.loops[u] = Some(LoopState { rows, keys, pos: None });
                }
            }
        }
        doc.context = context;
        doc.html = Some(html);
        Ok(doc)
    }

    /// The page for the current context (rendered again when an update changed it).
    pub fn html(&mut self, now: Option<&Value>, host: Option<&dyn Host>) -> Result<&str> {
        if self.html.is_none() {
            self.html = Some(self.program.render_with(self.context.clone(), now, host)?);
        }
        Ok(self.html.as_deref().unwrap_or_default())
    }

    /// The anchor table.
    pub fn anchors(&self) -> &[(u64, Vec<u32>)] {
        &self.plan.anchors
    }

    /// Replaces the whole context; returns the patches in the wire form, None when nothing changed.
    pub fn update(&mut self, context: Value, now: Option<&Value>, host: Option<&dyn Host>) -> Result<Option<String>> {
        let all = self.stale || BUILTINS.iter().any(|b| !same_at(&self.context, &context, b));
        let dirty: Vec<bool> = self
            .plan
            .units
            .iter()
            .map(|unit| {
                all || unit.heads().is_none_or(|heads| heads.iter().any(|h| !same_at(&self.context, &context, h)))
            })
            .collect();
        self.run(context, &dirty, now, host)
    }

    /// Replaces the top-level names of `changes` (a dict), recomputing only the units that read one.
    pub fn set(&mut self, changes: &Value, now: Option<&Value>, host: Option<&dyn Host>) -> Result<Option<String>> {
        let context = super::merge_top_level(&self.context, changes)?;
        let names: Vec<&str> = match changes {
            Value::Dict(d) => d.keys().map(|k| &**k).collect(),
            _ => Vec::new(),
        };
        let all = self.stale || names.iter().any(|n| BUILTINS.contains(n));
        let dirty: Vec<bool> = self
            .plan
            .units
            .iter()
            .map(|unit| all || unit.heads().is_none_or(|heads| heads.iter().any(|h| names.contains(&h.as_str()))))
            .collect();
        self.run(context, &dirty, now, host)
    }

    fn compute(
        &self,
        context: &Value,
        dirty: &[bool],
        now: Option<&Value>,
        host: Option<&dyn Host>,
    ) -> Result<Vec<(usize, Computed)>> {
        let plan = &*self.plan;
        self.program.render_by(context.clone(), now, host, |r, ctx| {
            let mut out = Vec::new();
            for (u, unit) in plan.units.iter().enumerate() {
                if !dirty[u] {
                    continue;
                }
                out.push(match unit {
                    Unit::Slot { scopes, nodes, .. } => (u, Computed::Slot(slot_value(r, ctx, scopes, nodes)?)),
                    Unit::Loop(def) => (u, Computed::Loop(loop_rows(r, ctx, def)?)),
                });
            }
            Ok(out)
        })
    }

    fn run(
        &mut self,
        context: Value,
        dirty: &[bool],
        now: Option<&Value>,
        host: Option<&dyn Host>,
    ) -> Result<Option<String>> {
        if self.misfits < 0 {
            self.misfits = self.count_misfits();
        }
        let before = self.misfits;
        let stale = self.stale;
        self.stale = true;
        let computed = self.compute(&context, dirty, now, host)?;
        self.context = context;
        self.html = None;
        let plan = self.plan.clone();
        let mut changed = Vec::new();
        let mut loop_changes = Vec::new();
        for (u, c) in computed {
            match c {
                Computed::Slot(value) => {
                    if self.values[u] == value {
                        continue;
                    }
                    if let Unit::Slot { target, .. } = &plan.units[u] {
                        self.misfits += misfit_delta(target, &self.values[u], &value);
                    }
                    self.values[u] = value;
                    changed.push(u);
                }
                Computed::Loop(rows) => {
                    let keys = rows.ids.clone().unwrap_or_else(|| positions(rows.n));
                    loop_changes.push((u, LoopState { rows, keys, pos: None }));
                }
            }
        }
        let mut reset = stale || before > 0;
        let mut any = !changed.is_empty();
        // Loop patches are written as each loop is reconciled, while its new rows are at hand (a column op's
        // values are read from them, not copied); a reset drops them.
        let mut out = String::with_capacity(self.wire_len);
        for (u, mut next) in loop_changes {
            let Unit::Loop(def) = &plan.units[u] else { continue };
            let mut old =
                self.loops[u].take().unwrap_or_else(|| LoopState { rows: empty_rows(), keys: Vec::new(), pos: None });
            let r = reconcile(def, &mut old, &mut next, !reset, before == 0 && !stale);
            self.misfits += r.misfits;
            if r.changed {
                any = true;
                if !reset {
                    match r.ops {
                        None => reset = true,
                        Some(list) => {
                            self.write(&mut out, &list);
                            write_columns(&mut out, def, &r.columns, &next);
                        }
                    }
                }
            }
            self.loops[u] = Some(next);
        }
        if stale {
            self.misfits = self.count_misfits();
        }
        self.stale = false;
        if !stale && !any {
            return Ok(None);
        }
        if reset || self.misfits > 0 {
            let html = self.html(now, host)?.to_string();
            let mut page = String::with_capacity(html.len() + 64);
            self.write(&mut page, &[Op::Html { at: 0, path: None, html }, Op::Anchors]);
            return Ok(Some(self.finish(page)));
        }
        let mut ops = Vec::with_capacity(changed.len());
        for u in changed {
            if let Unit::Slot { target, anchor, .. } = &plan.units[u] {
                let value = &self.values[u];
                let (at, name) = (*anchor, target_name(target));
                ops.push(match (at, name) {
                    // The root has no anchor id: an op on it.
                    (0, Some(name)) => Op::Attr { at, path: None, name, value: value.clone() },
                    (0, None) => Op::Html { at, path: None, html: value.clone() },
                    (_, Some(name)) => Op::Slot { at, name: Some(name), value: value.clone() },
                    (_, None) => Op::Slot { at, name: None, value: value.clone() },
                });
            }
        }
        self.write(&mut out, &ops);
        Ok(Some(self.finish(out)))
    }

    /// The patch list, its length kept for the next one's buffer.
    fn finish(&mut self, out: String) -> String {
        self.wire_len = out.len();
        out
    }

    fn count_misfits(&self) -> i64 {
        let mut n = 0;
        for (u, unit) in self.plan.units.iter().enumerate() {
            match unit {
                Unit::Slot { target, .. } => n += i64::from(!fits(target, &self.values[u])),
                Unit::Loop(def) => {
                    if let Some(st) = &self.loops[u] {
                        let m = def.rows.len();
                        for i in 0..st.rows.n {
                            n += misfits_of(def, st.row(i, m));
                        }
                    }
                }
            }
        }
        n
    }

    fn write(&self, out: &mut String, ops: &[Op]) {
        for op in ops {
            let at = match op {
                Op::Html { at, .. }
                | Op::Attr { at, .. }
                | Op::Remove { at, .. }
                | Op::Insert { at, .. }
                | Op::Move { at, .. } => *at,
                Op::Anchors | Op::Slot { .. } => 0,
            };
            write_at(out, at);
            write_op(out, op, &self.plan.anchors);
        }
    }
}

fn empty_rows() -> Rows {
    Rows { ids: Some(Vec::new()), n: 0, text: String::new(), ends: Vec::new() }
}

// `@at;` before a patch addressed from an anchor.
fn write_at(out: &mut String, at: u32) {
    if at != 0 {
        out.push('@');
        number(out, at as usize);
    }
}

// A path, or `-` where the JS engine's patch has none.
fn opt_path(out: &mut String, p: Option<&[u32]>) {
    match p {
        Some(p) => write_path(out, p),
        None => out.push('-'),
    }
}

fn write_op(out: &mut String, op: &Op, anchors: &[(u64, Vec<u32>)]) {
    match op {
        Op::Html { path, html, .. } => {
            out.push('h');
            opt_path(out, path.as_deref());
            string(out, html);
        }
        Op::Attr { path, name, value, .. } => {
            out.push('a');
            opt_path(out, path.as_deref());
            string(out, name);
            attr_value(out, value);
        }
        Op::Remove { path, .. } => {
            out.push('x');
            write_path(out, path);
        }
        Op::Insert { index, html, .. } => {
            out.push('i');
            opt_path(out, None);
            number(out, (*index).max(0) as usize);
            string(out, html);
        }
        Op::Move { from, to, count, .. } => {
            out.push('m');
            opt_path(out, None);
            number(out, *from as usize);
            number(out, *to as usize);
            number(out, count.unwrap_or(0) as usize);
        }
        Op::Slot { at, name, value } => {
            out.push(if name.is_some() { 'S' } else { 's' });
            number(out, *at as usize);
            match name {
                Some(name) => {
                    string(out, name);
                    attr_value(out, value);
                }
                None => string(out, value),
            }
        }
        Op::Anchors => {
            out.push('A');
            number(out, anchors.len());
            for (id, p) in anchors {
                number(out, *id as usize);
                write_path(out, p);
            }
        }
    }
}

/// Whether `a` and `b` hold the same value for `name` (both missing counts as the same).
fn same_at(a: &Value, b: &Value, name: &str) -> bool {
    let get = |v: &Value| match v {
        Value::Dict(d) => d.get(name).cloned(),
        _ => None,
    };
    match (get(a), get(b)) {
        (None, None) => true,
        (Some(x), Some(y)) => same(&x, &y),
        _ => false,
    }
}

/// Whether two values are the same data (what an update that sends equal data again leaves alone).
/// Values the addon cannot see inside (application objects, dates) are the same only when they are one.
pub fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::None, Value::None) | (Value::Undefined, Value::Undefined) => true,
        (Value::Bool(x), Value::Bool(y)) => x == y,
        (Value::Int(x), Value::Int(y)) => x == y,
        (Value::Float(x), Value::Float(y)) => x.to_bits() == y.to_bits(),
        (Value::Str(x), Value::Str(y)) | (Value::Safe(x), Value::Safe(y)) => x == y,
        (Value::List(x, kx), Value::List(y, ky)) => {
            kx == ky && (Rc::ptr_eq(x, y) || (x.len() == y.len() && x.iter().zip(y.iter()).all(|(p, q)| same(p, q))))
        }
        (Value::Dict(x), Value::Dict(y)) => Rc::ptr_eq(x, y) || same_dict(x, y),
        (Value::Date(x), Value::Date(y)) => Rc::ptr_eq(x, y),
        (Value::Object(x), Value::Object(y)) => Rc::ptr_eq(x, y),
        _ => false,
    }
}

fn same_dict(x: &Dict, y: &Dict) -> bool {
    x.len() == y.len() && x.iter().zip(y.iter()).all(|((kx, vx), (ky, vy))| kx == ky && same(vx, vy))
}

fn target_name(target: &Target) -> Option<String> {
    match target {
        Target::Attr { name, .. } => Some(name.clone()),
        Target::Content { .. } => None,
    }
}

/// An attribute slot's value as the DOM holds it (its character references decoded); a reference the
/// addon does not model (a name outside its table, no `;`) goes as the raw value after `&`, which the JS
/// side decodes with the JS engine's decoder (js/wire.ts).
fn attr_value(out: &mut String, raw: &str) {
    match entities::decode_references(raw) {
        Ok(Some(decoded)) => string(out, &decoded),
        Ok(None) => string(out, raw),
        Err(_) => {
            out.push('&');
            string(out, raw);
        }
    }
}

/// Content where any text without `<` fits.
fn plain(check: &Check) -> bool {
    check.text && !check.raw && !check.newline
}

fn fits(target: &Target, value: &str) -> bool {
    match target {
        Target::Attr { quote, .. } => !value.contains(quote.as_str()),
        Target::Content { check, .. } => holds(check, value),
    }
}

fn misfit_delta(target: &Target, a: &str, b: &str) -> i64 {
    let quick = match target {
        Target::Attr { quote, .. } => !a.contains(quote.as_str()) && !b.contains(quote.as_str()),
        Target::Content { check, .. } => plain(check) && tagless(a) && tagless(b),
    };
    if quick {
        return 0;
    }
    i64::from(!fits(target, b)) - i64::from(!fits(target, a))
}

fn misfits_of(def: &LoopDef, row: Row<'_>) -> i64 {
    def.rows.iter().zip(row.iter()).map(|(slot, v)| i64::from(!fits(&slot.target, v))).sum()
}

/// A loop's row changes: whether anything shown changed, the change in misfits, and the patches (None:
/// only sending the page whole can).
struct Reconciled {
    changed: bool,
    misfits: i64,
    /// Structure ops; the changed values follow, as `columns` says.
    ops: Option<Vec<Op>>,
    columns: Vec<Option<Column>>,
}

/// The changed values of one row slot over the rows.
struct Column {
    /// The rows whose value changed, ascending.
    rows: Vec<usize>,
    /// Each changed value's length in JS, as `rows` (counted once, for the choice of ops and the wire).
    units: Vec<usize>,
    from: usize,
    to: usize,
}

impl Column {
    fn new() -> Column {
        Column { rows: Vec::new(), units: Vec::new(), from: usize::MAX, to: 0 }
    }

    fn set(&mut self, i: usize, raw: &str) {
        // As the JS engine counts bytes: the value's length in JS.
        self.units.push(js_units(raw));
        self.rows.push(i);
        self.from = self.from.min(i);
        self.to = self.to.max(i);
    }
}

/// What comparing rows gathers: the changed values by slot, the change in misfits, whether any changed.
struct Acc {
    columns: Vec<Option<Column>>,
    misfits: i64,
    changed: bool,
    emit: bool,
    /// Every old value fits (the page had no misfit): only the new ones are checked.
    old_fit: bool,
}

impl Acc {
    /// Row `i`'s values `a` against the previous values `b` of its row.
    fn compare(&mut self, def: &LoopDef, i: usize, a: Row<'_>, b: Row<'_>) {
        for (s, (value, was)) in a.iter().zip(b.iter()).enumerate() {
            if value == was {
                continue;
            }
            self.changed = true;
            let target = &def.rows[s].target;
            self.misfits +=
                if self.old_fit { i64::from(!fits(target, value)) } else { misfit_delta(target, was, value) };
            if self.emit {
                self.columns[s].get_or_insert_with(Column::new).set(i, value);
            }
        }
    }
}

/// Rows of `old` to those of `next` (see the JS engine's `#reconcile`).
/// `old_fit`: the page had no misfit before this update, so only the new values need a look.
fn reconcile(def: &LoopDef, old: &mut LoopState, next: &mut LoopState, emit: bool, old_fit: bool) -> Reconciled {
    let n = next.rows.n;
    let on = old.rows.n;
    let m = def.rows.len();
    if m == 0 {
        // Rows without slots: only their number shows, and a new number sends the page whole.
        return Reconciled { changed: on != n, misfits: 0, ops: None, columns: Vec::new() };
    }
    let mut in_place = on == n && old.keys == next.keys;
    if !in_place && next.pos().len() != n {
        // Two rows with one id: keys are positions from now on. The first time the page goes whole; from
        // then on, rows compare in place.
        next.keys = positions(n);
        next.pos = None;
        in_place = on == n && old.keys == next.keys;
        if !in_place {
            let mut d = 0;
            for i in 0..n {
                d += misfits_of(def, next.row(i, m));
            }
            for j in 0..on {
                d -= misfits_of(def, old.row(j, m));
            }
            return Reconciled { changed: true, misfits: d, ops: None, columns: Vec::new() };
        }
    }
    let mut acc = Acc { columns: (0..m).map(|_| None).collect(), misfits: 0, changed: !in_place, emit, old_fit };
    if in_place {
        for i in 0..n {
            acc.compare(def, i, next.row(i, m), old.row(i, m));
        }
        if !acc.changed || !emit {
            return Reconciled { changed: acc.changed, misfits: acc.misfits, ops: None, columns: Vec::new() };
        }
        return Reconciled { changed: true, misfits: acc.misfits, ops: Some(Vec::new()), columns: acc.columns };
    }
    let next_pos = next.pos.take().unwrap_or_default();
    old.pos();
    let old_pos = old.pos.take().unwrap_or_default();
    for j in 0..on {
        if !next_pos.contains_key(&old.keys[j]) {
            acc.misfits -= misfits_of(def, old.row(j, m));
        }
    }
    let mut kept = 0;
    for i in 0..n {
        match old_pos.get(&next.keys[i]) {
            None => acc.misfits += misfits_of(def, next.row(i, m)),
            Some(&o) => {
                kept += 1;
                acc.compare(def, i, next.row(i, m), old.row(o, m));
            }
        }
    }
    let (changed, misfits) = (acc.changed, acc.misfits);
    let result = if !emit || n == 0 || kept == 0 {
        Reconciled { changed, misfits, ops: None, columns: Vec::new() }
    } else {
        match structure(def, &old.keys, &old_pos, next, &next_pos) {
            None => Reconciled { changed, misfits, ops: None, columns: Vec::new() },
            Some(ops) => Reconciled { changed, misfits, ops: Some(ops), columns: acc.columns },
        }
    };
    next.pos = Some(next_pos);
    old.pos = Some(old_pos);
    result
}

/// Removes, moves and inserts turning the old key order into the new one; None when only a reset can.
fn structure(
    def: &LoopDef,
    old_keys: &[Key],
    old_pos: &HashMap<Key, usize>,
    next: &LoopState,
    next_pos: &HashMap<Key, usize>,
) -> Option<Vec<Op>> {
    let next_keys = &next.keys;
    let (e0, step, at) = (i64::from(def.first), i64::from(def.stride), def.parent);
    let m = def.rows.len();
    let n = next_keys.len();
    let mut ops = Vec::new();
    let mut cur: Vec<Key> = old_keys.to_vec();
    for j in (0..cur.len()).rev() {
        if next_pos.contains_key(&cur[j]) {
            continue;
        }
        let p = e0 + j as i64 * step;
        ops.push(Op::Remove { at, path: vec![p as u32] });
        if step == 2 {
            let second = if j + 1 < cur.len() { p } else { p - 1 };
            ops.push(Op::Remove { at, path: vec![second as u32] });
        }
        cur.remove(j);
    }
    let seq: Vec<i64> = cur.iter().map(|k| next_pos[k] as i64).collect();
    let stable: HashSet<Key> = longest_increasing(&seq).into_iter().map(|i| cur[i].clone()).collect();
    let index_of = |cur: &[Key], k: &Key| cur.iter().position(|c| c == k).unwrap_or(cur.len());
    for i in (0..n).rev() {
        let key = &next_keys[i];
        if stable.contains(key) {
            continue;
        }
        let q = if i + 1 < n { index_of(&cur, &next_keys[i + 1]) } else { cur.len() };
        if !old_pos.contains_key(key) {
            let html = row_html(&def.pieces, next.row(i, m));
            let len = cur.len() as i64;
            let op = if step == 1 {
                Op::Insert { at, index: e0 + q as i64, html }
            } else if (q as i64) < len {
                Op::Insert { at, index: e0 + q as i64 * 2, html: html + &def.sep }
            } else {
                Op::Insert { at, index: e0 + (len - 1) * 2 + 1, html: format!("{}{html}", def.sep) }
            };
            ops.push(op);
            cur.insert(q, key.clone());
            continue;
        }
        let p = index_of(&cur, key);
        let last = p + 1 == cur.len();
        cur.remove(p);
        let to = if p < q { q - 1 } else { q };
        if step == 1 {
            ops.push(Op::Move { at, from: (e0 + p as i64) as u32, to: (e0 + to as i64) as u32, count: None });
        } else {
            // A pair of row and separator moves as one; the last row has no separator after it.
            if last || to == cur.len() {
                return None;
            }
            ops.push(Op::Move {
                at,
                from: (e0 + p as i64 * 2) as u32,
                to: (e0 + to as i64 * 2) as u32,
                count: Some(2),
            });
        }
        cur.insert(to, key.clone());
    }
    Some(ops)
}

/// Writes the patches setting the changed values of a loop's row slots, read from its new rows: a column
/// op per slot, or single ops when fewer bytes (the JS engine's `columnOps`).
fn write_columns(out: &mut String, def: &LoopDef, columns: &[Option<Column>], next: &LoopState) {
    let (e0, step, at) = (def.first, def.stride, def.parent);
    let m = def.rows.len();
    for (s, column) in columns.iter().enumerate() {
        let Some(column) = column else { continue };
        let (sub, name) = match &def.rows[s].target {
            Target::Attr { sub, name, .. } => (sub, Some(name)),
            Target::Content { sub, .. } => (sub, None),
        };
        let value_of = |i: usize| next.rows.value(i * m + s);
        // The `k`th changed value, row `i`'s.
        let write_value = |out: &mut String, i: usize, k: usize| match name {
            Some(_) => attr_value(out, value_of(i)),
            None => string_of_units(out, value_of(i), column.units[k]),
        };
        let span = column.to - column.from + 1;
        let (count, bytes) = (column.rows.len(), column.units.iter().sum::<usize>());
        let single = count * 48 + bytes;
        let as_column = 60 + span * 5 + bytes;
        if count == 1 || single <= as_column {
            for (k, &i) in column.rows.iter().enumerate() {
                write_at(out, at);
                out.push(if name.is_some() { 'a' } else { 'h' });
                let mut path = vec![e0 + i as u32 * step];
                path.extend_from_slice(sub);
                write_path(out, &path);
                if let Some(name) = name {
                    string(out, name);
                }
                write_value(out, i, k);
            }
            continue;
        }
        write_at(out, at);
        out.push(if name.is_some() { 'C' } else { 'c' });
        opt_path(out, None);
        number(out, (e0 + column.from as u32 * step) as usize);
        number(out, step as usize);
        write_path(out, sub);
        if let Some(name) = name {
            string(out, name);
        }
        number(out, span);
        let mut changed = column.rows.iter().enumerate().peekable();
        for i in column.from..=column.to {
            if let Some((k, _)) = changed.next_if(|&(_, &row)| row == i) {
                write_value(out, i, k);
            } else {
                out.push('-');
            }
        }
    }
}

fn row_html(pieces: &[Piece], row: Row<'_>) -> String {
    let mut html = String::new();
    for p in pieces {
        match p {
            Piece::Text(t) => html.push_str(t),
            Piece::Slot(s) => html.push_str(row.get(*s)),
        }
    }
    html
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Options;

    #[test]
    fn same_compares_data_not_identity() {
        let a: Value = serde_json::from_str(r#"{"items": [{"id": 1, "n": "a"}], "x": 1.5}"#).unwrap();
        let b: Value = serde_json::from_str(r#"{"items": [{"id": 1, "n": "a"}], "x": 1.5}"#).unwrap();
        let c: Value = serde_json::from_str(r#"{"items": [{"id": 1, "n": "b"}], "x": 1.5}"#).unwrap();
        assert!(same(&a, &b));
        assert!(!same(&a, &c));
        assert!(same_at(&a, &c, "x") && !same_at(&a, &c, "items") && same_at(&a, &c, "missing"));
    }

    const PLAN: &str = r#"{"units": [
        {"k": "slot", "scopes": [], "anchor": 1, "heads": ["title"],
         "target": {"kind": "content", "sub": [], "check": {"open": ["pre"], "raw": false, "text": true, "newline": true}},
         "nodes": [{"kind":"output","id":1,"loc":{"template":"t","line":1,"col":1},"deps":["title"],
                    "expr":{"base":{"kind":"var","path":["title"]},"filters":[]}}]},
        {"k": "loop", "scopes": [], "parent": 2, "first": 0, "stride": 1, "sep": "", "cycles": [], "heads": ["rows"],
         "pieces": ["<li>", 0, "</li>"],
         "node": {"kind":"for","id":2,"loc":{"template":"t","line":1,"col":1},"deps":["rows"],"targets":["r"],
                  "reversed":false,"usesForloop":false,"empty":null,
                  "iterable":{"base":{"kind":"var","path":["rows"]},"filters":[]},"body":[]},
         "rows": [{"scopes": [], "target": {"kind": "content", "sub": [], "check": {"open": ["ul", "li"], "raw": false, "text": true, "newline": false}},
                   "nodes": [{"kind":"output","id":3,"loc":{"template":"t","line":1,"col":1},"deps":["rows[].n"],
                              "expr":{"base":{"kind":"var","path":["r","n"]},"filters":[]}}]}]}],
        "anchors": [[1, [0]], [2, [1]]]}"#;

    const PAGE: &str = r#"{"irVersion":1,"name":"t","partials":{},"deps":[],"sources":["t"],"body":[
        {"kind":"text","value":"<h1>"},
        {"kind":"output","id":1,"loc":{"template":"t","line":1,"col":1},"deps":["title"],
         "expr":{"base":{"kind":"var","path":["title"]},"filters":[]}},
        {"kind":"text","value":"</h1><ul>"},
        {"kind":"for","id":2,"loc":{"template":"t","line":1,"col":1},"deps":["rows"],"targets":["r"],
         "reversed":false,"usesForloop":false,"empty":null,
         "iterable":{"base":{"kind":"var","path":["rows"]},"filters":[]},
         "body":[{"kind":"text","value":"<li>"},
                 {"kind":"output","id":3,"loc":{"template":"t","line":1,"col":1},"deps":["rows[].n"],
                  "expr":{"base":{"kind":"var","path":["r","n"]},"filters":[]}},
                 {"kind":"text","value":"</li>"}]},
        {"kind":"text","value":"</ul>"}]}"#;

    fn ctx(json: &str) -> Value {
        serde_json::from_str(json).expect("JSON")
    }

    fn doc(context: &str) -> SlotDocument {
        let program = Rc::new(Program::from_json(PAGE, Options::default()).unwrap());
        let plan = Rc::new(SlotPlan::from_json(PLAN).unwrap());
        SlotDocument::mount(program, plan, ctx(context), None, None).unwrap()
    }

    #[test]
    fn updates_diff_values_and_move_keyed_rows() {
        let mut d = doc(r#"{"title": "a", "rows": [{"id": 1, "n": "x"}, {"id": 2, "n": "y"}, {"id": 3, "n": "z"}]}"#);
        assert_eq!(d.html(None, None).unwrap(), "<h1>a</h1><ul><li>x</li><li>y</li><li>z</li></ul>");
        // Equal data again: nothing.
        let same = r#"{"title": "a", "rows": [{"id": 1, "n": "x"}, {"id": 2, "n": "y"}, {"id": 3, "n": "z"}]}"#;
        assert_eq!(d.update(ctx(same), None, None).unwrap(), None);
        // The last row first, one removed, one new, a value changed: move, remove, insert, then the value.
        let next = r#"{"title": "a", "rows": [{"id": 3, "n": "z"}, {"id": 1, "n": "X"}, {"id": 4, "n": "w"}]}"#;
        let wire = d.update(ctx(next), None, None).unwrap().unwrap();
        assert_eq!(wire, "@2;x1;@2;i-2;10:<li>w</li>@2;m-0;1;0;@2;h1;1:X");
        assert_eq!(d.html(None, None).unwrap(), "<h1>a</h1><ul><li>z</li><li>X</li><li>w</li></ul>");
        // set() recomputes what reads the name: a slot patch on the anchor.
        assert_eq!(d.set(&ctx(r#"{"title": "b"}"#), None, None).unwrap().unwrap(), "s1;1:b");
        // A value the element would not hold as it is (a leading newline the parser drops after the start
        // tag): the page goes whole, with the anchor table.
        let wire = d.set(&ctx(r#"{"title": "\nb"}"#), None, None).unwrap().unwrap();
        assert!(wire.starts_with("h-") && wire.ends_with("A2;1;0;2;1;"), "{wire}");
    }

    #[test]
    fn a_stand_in_counts_as_the_one_surrogate_js_receives() {
        let mut d = doc(r#"{"title": "a", "rows": [{"id": 1, "n": "x"}]}"#);
        // Non-ASCII text, plane 16 included below the stand-ins: UTF-16 lengths.
        let plain = d.set(&ctx("{\"title\": \"…😀\u{10F7FF}\"}"), None, None).unwrap().unwrap();
        assert_eq!(plain, "s1;5:…😀\u{10F7FF}");
        // A stand-in (a lone surrogate, as the JS side sends it) in a slot value, then in a row.
        let wire = d.set(&ctx("{\"title\": \"b\u{10F83D}\"}"), None, None).unwrap().unwrap();
        assert_eq!(wire, "s1;2:b\u{10F83D}");
        let wire = d.set(&ctx("{\"rows\": [{\"id\": 1, \"n\": \"\u{10F800}\"}]}"), None, None).unwrap().unwrap();
        assert_eq!(wire, "@2;h0;1:\u{10F800}");
    }
}
