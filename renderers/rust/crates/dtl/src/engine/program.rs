//! A prepared template: the IR parsed once, built-in filters resolved, and everything this crate
//! cannot render refused up front with an `UnsupportedError` instead of being rendered wrong.

use crate::engine::context::Context;
use crate::engine::host::Host;
use crate::engine::ir::{
    Block, Cond, Expr, FilterCall, ForLoop, IfChanged, Include, IncludeTarget, Node, Operand, TemplateIr, IR_VERSION,
};
use crate::engine::pieces::{pieces, Piece, Reads};
use crate::engine::render::Renderer;
use crate::error::{Error, ErrorKind, Result};
use crate::filters;
use crate::value::Value;
use crate::vtree::{sort_marks, ItemMark, StaticRun};
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

/// What `compile()`'s options decide for a render.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Whether output is HTML-escaped unless marked safe (`{% autoescape %}` changes it inside a template).
    pub autoescape: bool,
    /// `{% debug %}` prints the context only in debug mode, which this crate refuses.
    pub debug: bool,
}

impl Default for Options {
    fn default() -> Options {
        Options { autoescape: true, debug: false }
    }
}

/// A template ready to render any number of contexts.
#[derive(Debug)]
pub struct Program {
    ir: TemplateIr,
    options: Options,
    /// Templates loaded at render time (dynamic `{% include %}` and `{% extends %}`), by request.
    /// Entries are never removed, so a `&Program` into one lives as long as this program.
    loaded: RefCell<HashMap<String, Rc<Program>>>,
    needs_host: bool,
    /// The pieces a live document re-renders separately, and what each reads (pieces.rs).
    pieces: Option<Vec<(Piece, Reads)>>,
    /// Ids of the static text nodes rendered so far, by the address of their text (this program's or a
    /// loaded one's, which never move): anchors are named after them (vtree/anchors.rs).
    text_ids: RefCell<HashMap<usize, u32>>,
    /// The length of the last page rendered: the next one is reserved at that size, as pages of one
    /// template tend to be alike, instead of growing through a series of copies.
    page_len: Cell<usize>,
}

/// A render's page with its loop iterations and static runs (offsets into the page).
pub type Marked = (String, Vec<ItemMark>, Vec<StaticRun>);

impl Program {
    /// Parses and prepares an IR serialized as JSON.
    pub fn from_json(ir_json: &str, options: Options) -> Result<Program> {
        let ir: TemplateIr =
            serde_json::from_str(ir_json).map_err(|e| Error::new(ErrorKind::TypeError, format!("invalid IR: {e}")))?;
        Program::new(ir, options)
    }

    /// Prepares a parsed IR.
    pub fn new(mut ir: TemplateIr, options: Options) -> Result<Program> {
        if ir.ir_version != IR_VERSION {
            return Err(Error::unsupported(format!(
                "IR version {} (this renderer reads version {IR_VERSION})",
                ir.ir_version
            )));
        }
        let mut prep = Preparer::default();
        prep.prepare_nodes(&mut ir.body)?;
        for body in ir.partials.values_mut() {
            prep.prepare_nodes(body)?;
        }
        let pieces = pieces(&ir.body);
        Ok(Program {
            ir,
            options,
            loaded: RefCell::default(),
            needs_host: prep.needs_host,
            pieces,
            text_ids: RefCell::default(),
            page_len: Cell::default(),
        })
    }

    /// The entry template's name.
    pub fn name(&self) -> &str {
        &self.ir.name
    }

    /// Renders the page for a context (a dict; anything else counts as empty). `now` (a Date) is what
    /// `{% now %}`, `timesince` and `timeuntil` see; without it they raise UnsupportedError.
    pub fn render(&self, context: Value, now: Option<&Value>) -> Result<String> {
        self.render_with(context, now, None)
    }

    /// `render` with the application's `host` for `{% url %}`, library tags and library filters.
    pub fn render_with(&self, context: Value, now: Option<&Value>, host: Option<&dyn Host>) -> Result<String> {
        self.render_nodes(&self.ir.body, context, now, host)
    }

    /// `render_with`, also recording each loop iteration's byte range and item id (vtree/keys.rs), in
    /// the order `sort_marks` gives them, and the static runs outside loops (vtree/anchors.rs).
    pub fn render_marked(&self, context: Value, now: Option<&Value>, host: Option<&dyn Host>) -> Result<Marked> {
        self.render_nodes_marked(&self.ir.body, context, now, host)
    }

    fn render_nodes<'a>(
        &'a self,
        nodes: &'a [Node],
        context: Value,
        now: Option<&Value>,
        host: Option<&'a dyn Host>,
    ) -> Result<String> {
        self.render_by(context, now, host, |renderer, ctx| self.render_page(renderer, nodes, ctx))
    }

    // Renders a whole page into a buffer reserved at the last page's length.
    fn render_page<'a>(
        &'a self,
        renderer: &mut Renderer<'a>,
        nodes: &'a [Node],
        ctx: &mut Context<'a>,
    ) -> Result<String> {
        let mut out = String::with_capacity(self.page_len.get());
        renderer.render_nodes(nodes, ctx, &mut out)?;
        self.page_len.set(out.len());
        Ok(out)
    }

    fn render_nodes_marked<'a>(
        &'a self,
        nodes: &'a [Node],
        context: Value,
        now: Option<&Value>,
        host: Option<&'a dyn Host>,
    ) -> Result<Marked> {
        self.render_by(context, now, host, |renderer, ctx| {
            renderer.record_marks();
            let html = self.render_page(renderer, nodes, ctx)?;
            let mut marks = renderer.take_marks();
            sort_marks(&mut marks);
            Ok((html, marks, renderer.take_statics()))
        })
    }

    pub(crate) fn render_by<'a, T>(
        &'a self,
        context: Value,
        now: Option<&Value>,
        host: Option<&'a dyn Host>,
        f: impl FnOnce(&mut Renderer<'a>, &mut Context<'a>) -> Result<T>,
    ) -> Result<T> {
        let now = match now {
            Some(Value::Date(d)) => Some(d.clone()),
            _ => None,
        };
        let mut ctx = Context::new(context, self.options.autoescape);
        let mut renderer = Renderer::new(self, now, host);
        f(&mut renderer, &mut ctx)
    }

    /// The pieces a live document may re-render separately, when the page's top-level nodes are independent.
    pub fn pieces(&self) -> Option<&[(Piece, Reads)]> {
        self.pieces.as_deref()
    }

    /// Renders one piece alone (the page is the concatenation of its pieces, in order), with its loop
    /// iterations as `render_marked` records them (offsets into the piece).
    pub fn render_piece<'a>(
        &'a self,
        piece: Piece,
        context: Value,
        now: Option<&Value>,
        host: Option<&'a dyn Host>,
    ) -> Result<Marked> {
        match piece {
            Piece::Node(i) => self.render_nodes_marked(&self.ir.body[i..=i], context, now, host),
            Piece::BlockChild(i, j) => match &self.ir.body[i] {
                Node::Block(block) => self.render_by(context, now, host, |renderer, ctx| {
                    renderer.record_marks();
                    let mut out = String::new();
                    renderer.render_block_part(block, j, ctx, &mut out)?;
                    let mut marks = renderer.take_marks();
                    sort_marks(&mut marks);
                    Ok((out, marks, renderer.take_statics()))
                }),
                _ => Err(Error::new(ErrorKind::TypeError, "piece does not name a block")),
            },
        }
    }

    /// Parses a JSON context and renders it.
    pub fn render_json(&self, context_json: &str) -> Result<String> {
        let context: Value = serde_json::from_str(context_json)
            .map_err(|e| Error::new(ErrorKind::TypeError, format!("invalid context JSON: {e}")))?;
        self.render(context, None)
    }

    /// The options it was prepared with.
    pub fn options(&self) -> Options {
        self.options
    }

    /// Whether renders call the application: `{% url %}`, library tags and filters, templates named
    /// at render time, built-in filters not ported to Rust.
    pub fn needs_host(&self) -> bool {
        self.needs_host
    }

    /// The entry template's resolved body.
    pub fn body(&self) -> &[Node] {
        &self.ir.body
    }

    /// The id of a static text node of this program or of one it loaded, the same on every render.
    pub fn text_id(&self, text: &str) -> u32 {
        let mut ids = self.text_ids.borrow_mut();
        let next = ids.len() as u32;
        *ids.entry(text.as_ptr() as usize).or_insert(next)
    }

    /// The template the host answers for `key`, loaded once and kept for the life of this program.
    pub fn loaded(&self, key: &str, load: impl FnOnce() -> Result<String>) -> Result<&Program> {
        if let Some(p) = self.loaded.borrow().get(key) {
            // SAFETY: the Rc's allocation is never freed or moved while `self` lives (entries are only
            // ever added), and Programs are immutable once prepared.
            return Ok(unsafe { &*Rc::as_ptr(p) });
        }
        let program = Rc::new(Program::from_json(&load()?, self.options)?);
        let ptr = Rc::as_ptr(&program);
        self.loaded.borrow_mut().insert(key.to_string(), program);
        // SAFETY: as above; the entry was just inserted and is never removed.
        Ok(unsafe { &*ptr })
    }

    /// The body of a recursively included template.
    pub fn partial(&self, name: &str) -> &[Node] {
        self.ir.partials.get(name).map_or(&[], Vec::as_slice)
    }
}

/// Resolves the built-in filters of nodes that are not part of a program's IR (a live document's slot
/// plan) as preparing a program resolves its own.
pub(crate) fn prepare_nodes(nodes: &mut [Node]) -> Result<()> {
    Preparer::default().prepare_nodes(nodes)
}

/// One preparation walk: resolves built-in filters and notes whether renders will need the host.
#[derive(Default)]
struct Preparer {
    needs_host: bool,
}

impl Preparer {
    fn prepare_nodes(&mut self, nodes: &mut [Node]) -> Result<()> {
        nodes.iter_mut().try_for_each(|n| self.prepare_node(n))
    }

    fn prepare_filters(&mut self, chain: &mut [FilterCall]) -> Result<()> {
        for call in chain {
            if let Some(Operand::Var { path }) = &call.arg {
                Self::check_path(path)?;
            }
            // Library filters, and the few built-ins not ported to Rust, run in the application (host.rs).
            call.spec = if call.library.is_some() { None } else { filters::builtin(&call.name) };
            if call.spec.is_none() {
                self.needs_host = true;
            }
        }
        Ok(())
    }

    fn check_path(path: &[String]) -> Result<()> {
        if path.is_empty() {
            return Err(Error::new(ErrorKind::TemplateSyntaxError, "empty variable path"));
        }
        Ok(())
    }

    fn prepare_expr(&mut self, expr: &mut Expr) -> Result<()> {
        if let Operand::Var { path } = &expr.base {
            Self::check_path(path)?;
        }
        self.prepare_filters(&mut expr.filters)
    }

    fn prepare_exprs<'a>(&mut self, exprs: impl IntoIterator<Item = &'a mut Expr>) -> Result<()> {
        exprs.into_iter().try_for_each(|e| self.prepare_expr(e))
    }

    fn prepare_cond(&mut self, cond: &mut Cond) -> Result<()> {
        match cond {
            Cond::Or { left, right } | Cond::And { left, right } | Cond::Compare { left, right, .. } => {
                self.prepare_cond(left)?;
                self.prepare_cond(right)
            }
            Cond::Not { operand } => self.prepare_cond(operand),
            Cond::Value { expr } => self.prepare_expr(expr),
        }
    }

    fn prepare_block(&mut self, block: &mut Block) -> Result<()> {
        self.prepare_nodes(&mut block.body)?;
        match &mut block.parent {
            Some(parent) => self.prepare_block(parent),
            None => Ok(()),
        }
    }

    fn prepare_node(&mut self, node: &mut Node) -> Result<()> {
        match node {
            Node::Text { .. }
            | Node::Now { .. }
            | Node::CsrfToken { .. }
            | Node::ResetCycle { .. }
            | Node::Debug { .. } => Ok(()),
            Node::Output { expr, .. } => self.prepare_expr(expr),
            Node::If { branches, .. } => branches.iter_mut().try_for_each(|b| {
                if let Some(c) = &mut b.cond {
                    self.prepare_cond(c)?;
                }
                self.prepare_nodes(&mut b.body)
            }),
            Node::For(ForLoop { iterable, body, empty, .. }) => {
                self.prepare_expr(iterable)?;
                self.prepare_nodes(body)?;
                empty.as_deref_mut().map_or(Ok(()), |b| self.prepare_nodes(b))
            }
            Node::With { assigns, body, .. } => {
                self.prepare_exprs(assigns.iter_mut().map(|a| &mut a.value))?;
                self.prepare_nodes(body)
            }
            Node::Autoescape { body, .. } | Node::Spaceless { body } => self.prepare_nodes(body),
            Node::FilterBlock { filters, body, .. } => {
                self.prepare_filters(filters)?;
                self.prepare_nodes(body)
            }
            Node::Cycle { values, .. } => {
                if values.is_empty() {
                    return Err(Error::new(
                        ErrorKind::TemplateSyntaxError,
                        "'cycle' tag requires at least two arguments",
                    ));
                }
                self.prepare_exprs(values.iter_mut())
            }
            Node::FirstOf { values, .. } => self.prepare_exprs(values.iter_mut()),
            Node::IfChanged(IfChanged { values, body, otherwise, .. }) => {
                self.prepare_exprs(values.iter_mut())?;
                self.prepare_nodes(body)?;
                otherwise.as_deref_mut().map_or(Ok(()), |b| self.prepare_nodes(b))
            }
            Node::Include(Include { target, assigns, .. }) => {
                self.prepare_exprs(assigns.iter_mut().map(|a| &mut a.value))?;
                match target {
                    IncludeTarget::Inline { body, .. } => self.prepare_nodes(body),
                    IncludeTarget::Ref { .. } | IncludeTarget::Error { .. } => Ok(()),
                    IncludeTarget::Dynamic { expr } => {
                        self.needs_host = true;
                        self.prepare_expr(expr)
                    }
                }
            }
            Node::Block(block) => self.prepare_block(block),
            Node::Lorem { count, .. } => self.prepare_expr(count),
            Node::WidthRatio { value, max, width, .. } => self.prepare_exprs([value, max, width]),
            Node::Regroup { target, by, .. } => self.prepare_exprs([target, by]),
            Node::Extends { parent, .. } => {
                self.needs_host = true;
                self.prepare_expr(parent)
            }
            Node::Url { view_name, args, kwargs, .. } => {
                self.needs_host = true;
                self.prepare_expr(view_name)?;
                self.prepare_exprs(args.iter_mut())?;
                self.prepare_exprs(kwargs.iter_mut().map(|a| &mut a.value))
            }
            Node::Call { args, kwargs, .. } => {
                self.needs_host = true;
                self.prepare_exprs(args.iter_mut())?;
                self.prepare_exprs(kwargs.iter_mut().map(|a| &mut a.value))
            }
        }
    }
}
