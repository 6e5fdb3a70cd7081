//! The renderer: walks the IR and appends to one output buffer, node by node, as Django's engine
//! walks its NodeList. Value semantics live in `crate::value` and `crate::filters`.

use crate::engine::context::Context;
use crate::engine::host::{ask, Host};
use crate::engine::ir::{Block, Expr, Node};
use crate::engine::objects::print_fault;
use crate::engine::program::Program;
use crate::engine::tags;
use crate::error::{Error, ErrorKind, Result};
use crate::value::escape::{conditional_escape, render_value_into};
use crate::value::json::write_json;
use crate::value::ops::{py_equals, truthy};
use crate::value::pyrepr::py_str;
use crate::value::Value;
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
    pub(crate) loops: Vec<Rc<RefCell<HashMap<usize, Value>>>>,
    pub(crate) depth: usize,
    /// The render's "now", for `{% now %}`, `timesince` and `timeuntil`.
    pub now: Option<Rc<crate::value::dates::DateVal>>,
    /// The application, for `{% url %}`, library tags and library filters.
    pub host: Option<&'p dyn Host>,
    /// Loop iterations over items with an `id`, when recorded (vtree/keys.rs): offsets into the output
    /// of the outermost render, so none are recorded while rendering into a buffer of its own.
    pub(crate) marks: Option<Vec<ItemMark>>,
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
        match node {
            // The most frequent nodes go without the stack check: text recurses into nothing, and an output
            // only into a `block.super`, whose nodes are checked in turn (the check's closure also copied
            // every output's result through memory).
            Node::Text { value } => {
                self.render_text(value, out);
                Ok(())
            }
            Node::Output { expr, .. } => self.render_output(expr, ctx, out),
            // Includes and blocks recurse through here; growing the stack on demand keeps a deep (but
            // depth-limited) page from overflowing whatever stack the calling thread has.
            _ => stacker::maybe_grow(STACK_RED_ZONE, STACK_SEGMENT, || self.render_node_on_stack(node, ctx, out)),
        }
    }

    fn render_output(&mut self, expr: &'p Expr, ctx: &mut Context<'p>, out: &mut String) -> Result<()> {
        let autoescape = ctx.autoescape;
        let print = |v: &Value| {
            print_fault(v)?;
            render_value_into(out, v, autoescape);
            Ok(())
        };
        if let Some(printed) = self.with_lent(expr, ctx, print) {
            return printed;
        }
        let v = self.resolve_expr(expr, ctx, false)?;
        print_fault(&v)?;
        render_value_into(out, &v, ctx.autoescape);
        Ok(())
    }

    fn render_text(&mut self, value: &'p str, out: &mut String) {
        // Loop output names no anchor (its elements repeat), so only text outside loops is recorded.
        if let (Some(statics), true) = (&mut self.statics, self.loops.is_empty()) {
            let text = self.root.text_id(value);
            statics.push(StaticRun { start: out.len(), end: out.len() + value.len(), text });
        }
        out.push_str(value);
    }

    fn render_node_on_stack(&mut self, node: &'p Node, ctx: &mut Context<'p>, out: &mut String) -> Result<()> {
        match node {
            Node::Text { value } => self.render_text(value, out),
            Node::Output { expr, .. } => self.render_output(expr, ctx, out)?,
            Node::If { branches, .. } => {
                for branch in branches {
                    let taken = match &branch.cond {
                        None => true,
                        Some(cond) => self.condition_holds(cond, ctx)?,
                    };
                    if taken {
                        return self.render_nodes(&branch.body, ctx, out);
                    }
                }
            }
            Node::For(for_loop) => self.render_for(for_loop, ctx, out)?,
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
                // Django joins the rendered nodes of a node list (`"".join(...)`): anything but a string fails.
                match self.apply_filters(inner, filters, ctx)? {
                    Value::Str(s) | Value::Safe(s) => out.push_str(&s),
                    v => {
                        return Err(Error::new(
                            ErrorKind::TypeError,
                            format!("sequence item: expected str instance, {} found", v.type_name()),
                        ))
                    }
                }
            }
            Node::Spaceless { body } => {
                let inner = self.render_apart(body, ctx)?;
                out.push_str(&tags::strip_spaces_between_tags(tags::js_trim(&inner)));
            }
            Node::Cycle { state, values, as_var, silent, .. } => {
                let position = {
                    let mut st = ctx.state.borrow_mut();
                    let next = st.cycles.entry(*state).or_insert(0);
                    let p = *next % values.len().max(1);
                    *next = (p + 1) % values.len().max(1);
                    p
                };
                let Some(expr) = values.get(position) else { return Ok(()) };
                if as_var.is_none() && !silent {
                    let autoescape = ctx.autoescape;
                    let print = |v: &Value| {
                        render_value_into(out, v, autoescape);
                        Ok(())
                    };
                    if let Some(printed) = self.with_lent(expr, ctx, print) {
                        return printed;
                    }
                }
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
            Node::IfChanged(if_changed) => self.render_ifchanged(if_changed, ctx, out)?,
            Node::Include(include) => self.render_include(include, ctx, out)?,
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
}
