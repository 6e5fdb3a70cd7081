//! The renderer: walks the IR and appends to one output buffer, node by node, as Django's engine
//! walks its NodeList. Value semantics live in `ops`, `lookup`, `filters`.

use crate::engine::context::Context;
use crate::engine::host::{ask, Host};
use crate::engine::ir::{Block, Node};
use crate::engine::program::Program;
use crate::engine::tags;
use crate::error::{Error, ErrorKind, Result};
use crate::value::escape::{conditional_escape, render_value_into};
use crate::value::json::write_json;
use crate::value::ops::{py_equals, py_iter, py_len, truthy};
use crate::value::pyrepr::py_str;
use crate::value::{Forloop, Value};
use crate::vtree::{ItemMark, StaticRun};
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

/// Stack left before `render_node` moves to a new segment, and the size of that segment.
const STACK_RED_ZONE: usize = 128 * 1024;
const STACK_SEGMENT: usize = 2 * 1024 * 1024;

/// One render of a program.
pub struct Renderer<'p> {
    /// The program being rendered: the entry one, or one loaded by a dynamic include or extends.
    pub program: &'p Program,
    /// The entry program, which keeps the loaded ones.
    pub(crate) root: &'p Program,
    /// Blocks entered so far; `Value::Block(i)` names `blocks[i]`.
    pub(crate) blocks: Vec<&'p Block>,
    /// `{% ifchanged %}` memory of the enclosing loops, innermost last.
    loops: Vec<Rc<RefCell<HashMap<i64, Value>>>>,
    pub(crate) depth: usize,
    /// The render's "now", for `{% now %}`, `timesince` and `timeuntil`.
    pub now: Option<Rc<crate::value::dates::DateVal>>,
    /// The application, for `{% url %}`, library tags and library filters.
    pub host: Option<&'p dyn Host>,
    /// Loop iterations over items with an `id`, when recorded (vtree/keys.rs): offsets into the output
    /// of the outermost render, so none are recorded while rendering into a buffer of its own.
    marks: Option<Vec<ItemMark>>,
    /// Output copied from static template text outside loops, recorded with `marks` (vtree/anchors.rs).
    statics: Option<Vec<StaticRun>>,
}

/// What a renderer records while it renders into the page's own buffer: loop iterations and static runs.
pub(crate) type Recording = (Option<Vec<ItemMark>>, Option<Vec<StaticRun>>);

impl<'p> Renderer<'p> {
    /// A renderer for one render of `program`.
    pub fn new(
        program: &'p Program,
        now: Option<Rc<crate::value::dates::DateVal>>,
        host: Option<&'p dyn Host>,
    ) -> Renderer<'p> {
        Renderer {
            program,
            root: program,
            blocks: Vec::new(),
            loops: Vec::new(),
            depth: 0,
            now,
            host,
            marks: None,
            statics: None,
        }
    }

    /// Records loop iterations and static runs from now on (`take_marks`, `take_statics` return them).
    pub fn record_marks(&mut self) {
        self.marks = Some(Vec::new());
        self.statics = Some(Vec::new());
    }

    /// The loop iterations recorded so far.
    pub fn take_marks(&mut self) -> Vec<ItemMark> {
        self.marks.take().unwrap_or_default()
    }

    /// The static runs recorded so far, in output order.
    pub fn take_statics(&mut self) -> Vec<StaticRun> {
        self.statics.take().unwrap_or_default()
    }

    /// Renders `nodes` into a buffer of their own (output a filter, `{% spaceless %}` or `block.super`
    /// transforms or moves): offsets into it are not offsets into the page, so no iteration is recorded.
    pub fn render_apart(&mut self, nodes: &'p [Node], ctx: &mut Context<'p>) -> Result<String> {
        let marks = self.suspend_marks();
        let r = self.render_to_string(nodes, ctx);
        self.resume_marks(marks);
        r
    }

    /// Stops recording iterations and static runs (while rendering into a buffer of its own);
    /// `resume_marks` goes on.
    pub(crate) fn suspend_marks(&mut self) -> Recording {
        (self.marks.take(), self.statics.take())
    }

    /// Goes on recording after `suspend_marks`.
    pub(crate) fn resume_marks(&mut self, (marks, statics): Recording) {
        self.marks = marks;
        self.statics = statics;
    }

    /// The host, or UnsupportedError naming what needed it.
    pub fn host(&self, what: &str) -> Result<&'p dyn Host> {
        self.host
            .ok_or_else(|| Error::unsupported(format!("{what} needs the application (no host given to the render)")))
    }

    /// Renders `nodes` into `out`.
    pub fn render_nodes(&mut self, nodes: &'p [Node], ctx: &mut Context<'p>, out: &mut String) -> Result<()> {
        for node in nodes {
            self.render_node(node, ctx, out)?;
        }
        Ok(())
    }

    /// Renders `nodes` to a new string.
    pub fn render_to_string(&mut self, nodes: &'p [Node], ctx: &mut Context<'p>) -> Result<String> {
        let mut out = String::new();
        self.render_nodes(nodes, ctx, &mut out)?;
        Ok(out)
    }

    fn render_node(&mut self, node: &'p Node, ctx: &mut Context<'p>, out: &mut String) -> Result<()> {
        // Includes and blocks recurse through here; growing the stack on demand keeps a deep (but
        // depth-limited) page from overflowing whatever stack the calling thread has.
        stacker::maybe_grow(STACK_RED_ZONE, STACK_SEGMENT, || self.render_node_on_stack(node, ctx, out))
    }

    fn render_node_on_stack(&mut self, node: &'p Node, ctx: &mut Context<'p>, out: &mut String) -> Result<()> {
        match node {
            Node::Text { value } => {
                // Loop output names no anchor (its elements repeat), so only text outside loops is recorded.
                if let (Some(statics), true) = (&mut self.statics, self.loops.is_empty()) {
                    let text = self.root.text_id(value);
                    statics.push(StaticRun { start: out.len(), end: out.len() + value.len(), text });
                }
                out.push_str(value);
            }
            Node::Output { expr, .. } => {
                let v = self.resolve_expr(expr, ctx, false)?;
                render_value_into(out, &v, ctx.autoescape);
            }
            Node::If { branches, .. } => {
                for branch in branches {
                    let taken = match &branch.cond {
                        None => true,
                        Some(cond) => truthy(&self.condition_value(cond, ctx)?),
                    };
                    if taken {
                        return self.render_nodes(&branch.body, ctx, out);
                    }
                }
            }
            Node::For { targets, iterable, reversed, body, empty, uses_forloop, .. } => {
                self.render_for(targets, iterable, *reversed, body, empty.as_deref(), *uses_forloop, ctx, out)?;
            }
            Node::With { assigns, body, .. } => {
                let mut values = Vec::with_capacity(assigns.len());
                for a in assigns {
                    values.push((a.name.as_str(), self.resolve_expr(&a.value, ctx, false)?));
                }
                ctx.push(values);
                let r = self.render_nodes(body, ctx, out);
                ctx.pop();
                r?;
            }
            Node::Autoescape { on, body } => {
                let saved = ctx.autoescape;
                ctx.autoescape = *on;
                let r = self.render_nodes(body, ctx, out);
                ctx.autoescape = saved;
                r?;
            }
            Node::FilterBlock { filters, body, .. } => {
                let inner = Value::safe(self.render_apart(body, ctx)?);
                let v = self.apply_filters(inner, filters, ctx)?;
                out.push_str(&py_str(&v));
            }
            Node::Spaceless { body } => {
                let inner = self.render_apart(body, ctx)?;
                out.push_str(&tags::strip_spaces_between_tags(tags::js_trim(&inner)));
            }
            Node::Cycle { state, values, as_var, silent, .. } => {
                let position = {
                    let mut st = ctx.state.borrow_mut();
                    let p = st.cycles.get(state).copied().unwrap_or(0) % values.len().max(1);
                    st.cycles.insert(*state, (p + 1) % values.len().max(1));
                    p
                };
                let Some(expr) = values.get(position) else { return Ok(()) };
                let v = self.resolve_expr(expr, ctx, false)?;
                if let Some(name) = as_var {
                    ctx.set_upward(name, v.clone());
                }
                if !silent {
                    render_value_into(out, &v, ctx.autoescape);
                }
            }
            Node::ResetCycle { states, .. } => {
                let mut st = ctx.state.borrow_mut();
                for s in states {
                    st.cycles.remove(s);
                }
            }
            Node::FirstOf { values, as_var, .. } => {
                let mut first = String::new();
                for expr in values {
                    let v = self.resolve_expr(expr, ctx, true)?;
                    if truthy(&v) {
                        render_value_into(&mut first, &v, ctx.autoescape);
                        break;
                    }
                }
                match as_var {
                    Some(name) => ctx.set(name, Value::safe(first)),
                    None => out.push_str(&first),
                }
            }
            Node::IfChanged { id, values, body, otherwise } => {
                self.render_ifchanged(*id, values, body, otherwise.as_deref(), ctx, out)?;
            }
            Node::Include { target, assigns, only, .. } => self.render_include(target, assigns, *only, ctx, out)?,
            Node::Block(block) => self.render_block(block, ctx, out)?,
            Node::WidthRatio { value, max, width, as_var, .. } => {
                let result = self.width_ratio(value, max, width, ctx)?;
                match as_var {
                    Some(name) => ctx.set(name, Value::str(result)),
                    None => out.push_str(&result),
                }
            }
            Node::CsrfToken { .. } => {
                if let Some(token) = ctx.get("csrf_token") {
                    if truthy(&token) && !py_equals(&token, &Value::str("NOTPROVIDED")) {
                        out.push_str("<input type=\"hidden\" name=\"csrfmiddlewaretoken\" value=\"");
                        out.push_str(&crate::value::escape::conditional_escape(&token));
                        out.push_str("\">");
                    }
                }
            }
            Node::Regroup { target, by, as_var, .. } => {
                let list = self.resolve_expr(target, ctx, true)?;
                let groups = self.regroup(&list, by, as_var, ctx)?;
                ctx.set(as_var, groups);
            }
            Node::Lorem { count, method, random, .. } => {
                let count =
                    self.resolve_expr(count, ctx, false).and_then(|v| crate::value::ops::py_int(&v)).unwrap_or(1);
                out.push_str(&crate::engine::lorem::render(count, *method, !random));
            }
            Node::Debug { .. } => {
                if self.program.options().debug {
                    return Err(Error::unsupported("{% debug %} in debug mode: renderer-rust does not print contexts"));
                }
            }
            Node::Now { format, as_var, .. } => {
                let Some(now) = self.now.clone() else {
                    return Err(Error::unsupported("{% now %} without the current time"));
                };
                let spec = crate::filters::builtin("date").expect("date is built in");
                let env = crate::filters::FilterEnv { autoescape: ctx.autoescape, now: Some(&now) };
                let formatted =
                    crate::filters::apply(spec, &Value::Date(now.clone()), Some(&Value::str(format.as_str())), env)?;
                let text = py_str(&formatted);
                match as_var {
                    Some(name) => ctx.set(name, Value::str(text)),
                    None => out.push_str(&text),
                }
            }
            Node::Url { view_name, args, kwargs, as_var, .. } => {
                let view = py_str(&self.resolve_expr(view_name, ctx, false)?);
                let call_args = self.call_args(args, kwargs, ctx)?;
                let payload = format!("{{\"view\":{},{call_args}}}", serde_json::to_string(&view).unwrap_or_default());
                let url = match ask(self.host("{% url %}")?, "url", &payload) {
                    Ok(v) => py_str(&v),
                    Err(e) if as_var.is_some() && e.kind == ErrorKind::NoReverseMatch => String::new(),
                    Err(e) => return Err(e),
                };
                match as_var {
                    Some(name) => ctx.set(name, Value::str(url)),
                    None if ctx.autoescape => out.push_str(&conditional_escape(&Value::str(url))),
                    None => out.push_str(&url),
                }
            }
            Node::Call { library, tag, args, kwargs, as_var, .. } => {
                let call_args = self.call_args(args, kwargs, ctx)?;
                let payload = format!(
                    "{{\"library\":{},\"tag\":{},\"autoescape\":{},{call_args}}}",
                    serde_json::to_string(library).unwrap_or_default(),
                    serde_json::to_string(tag).unwrap_or_default(),
                    ctx.autoescape,
                );
                let output = ask(self.host("a library tag")?, "tag", &payload)?;
                match as_var {
                    Some(name) => ctx.set(name, output),
                    None if ctx.autoescape => out.push_str(&conditional_escape(&output)),
                    None => out.push_str(&py_str(&output)),
                }
            }
            Node::Extends { page, parent, .. } => return self.render_extends(page, parent, ctx, out),
        }
        Ok(())
    }

    // `"args":[...],"kwargs":{...}` of a url or library tag call, as tagged JSON.
    fn call_args(
        &mut self,
        args: &'p [crate::engine::ir::Expr],
        kwargs: &'p [crate::engine::ir::Assign],
        ctx: &mut Context<'p>,
    ) -> Result<String> {
        let mut out = String::from("\"args\":[");
        for (i, a) in args.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            write_json(&mut out, &self.resolve_expr(a, ctx, false)?);
        }
        out.push_str("],\"kwargs\":{");
        for (i, k) in kwargs.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push_str(&serde_json::to_string(&k.name).unwrap_or_default());
            out.push(':');
            write_json(&mut out, &self.resolve_expr(&k.value, ctx, false)?);
        }
        out.push('}');
        Ok(out)
    }

    #[allow(clippy::too_many_arguments)]
    fn render_for(
        &mut self,
        targets: &'p [String],
        iterable: &'p crate::engine::ir::Expr,
        reversed: bool,
        body: &'p [Node],
        empty: Option<&'p [Node]>,
        uses_forloop: bool,
        ctx: &mut Context<'p>,
        out: &mut String,
    ) -> Result<()> {
        let parentloop = match ctx.get("forloop") {
            Some(v @ Value::Forloop(_)) => v,
            _ => Value::Dict(Rc::default()),
        };
        let mut values = py_iter(&self.resolve_expr(iterable, ctx, true)?)?;
        if values.is_empty() {
            if let Some(empty) = empty {
                ctx.push(Vec::new());
                let r = self.render_nodes(empty, ctx, out);
                ctx.pop();
                r?;
            }
            return Ok(());
        }
        if reversed {
            values.reverse();
        }
        let n = values.len();
        let memory: Rc<RefCell<HashMap<i64, Value>>> = Rc::default();
        self.loops.push(memory.clone());
        ctx.push(Vec::new());
        let r = (|| {
            for (i, item) in values.into_iter().enumerate() {
                let mark =
                    self.marks.is_some().then(|| (out.len(), item_id(&item))).and_then(|(at, id)| Some((at, id?)));
                if uses_forloop {
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

    fn render_ifchanged(
        &mut self,
        id: u32,
        values: &'p [crate::engine::ir::Expr],
        body: &'p [Node],
        otherwise: Option<&'p [Node]>,
        ctx: &mut Context<'p>,
        out: &mut String,
    ) -> Result<()> {
        let key = if values.is_empty() { -(id as i64) } else { id as i64 };
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
    match crate::value::lookup::lookup(item, "id")? {
        Value::None => None,
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
fn remember(memory: &mut HashMap<i64, Value>, key: i64, value: Value) -> bool {
    let changed = memory.get(&key).is_none_or(|prev| !py_equals(prev, &value));
    if changed {
        memory.insert(key, value);
    }
    changed
}
