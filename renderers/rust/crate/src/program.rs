//! A prepared template: the IR parsed once, built-in filters resolved, and everything this crate
//! cannot render refused up front with an `UnsupportedError` instead of being rendered wrong.

use crate::context::Context;
use crate::error::{Error, Result};
use crate::filters;
use crate::host::Host;
use crate::ir::{Cond, Expr, FilterCall, IncludeTarget, Node, Operand, TemplateIr, IR_VERSION};
use crate::render::Renderer;
use crate::value::Value;

/// What `compile()`'s options decide for a render.
#[derive(Debug, Clone, Copy)]
pub struct Options {
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
}

impl Program {
    /// Parses and prepares an IR serialized as JSON.
    pub fn from_json(ir_json: &str, options: Options) -> Result<Program> {
        let ir: TemplateIr = serde_json::from_str(ir_json).map_err(|e| Error::new("TypeError", format!("invalid IR: {e}")))?;
        Program::new(ir, options)
    }

    /// Prepares a parsed IR.
    pub fn new(mut ir: TemplateIr, options: Options) -> Result<Program> {
        if ir.ir_version != IR_VERSION {
            return Err(Error::unsupported(format!("IR version {} (this renderer reads version {IR_VERSION})", ir.ir_version)));
        }
        prepare_nodes(&mut ir.body)?;
        for body in ir.partials.values_mut() {
            prepare_nodes(body)?;
        }
        Ok(Program { ir, options })
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
        let now = match now {
            Some(Value::Date(d)) => Some(d.clone()),
            _ => None,
        };
        let mut ctx = Context::new(context, self.options.autoescape);
        let mut renderer = Renderer::new(self, now, host);
        renderer.render_to_string(&self.ir.body, &mut ctx)
    }

    /// Parses a JSON context and renders it.
    pub fn render_json(&self, context_json: &str) -> Result<String> {
        let context: Value =
            serde_json::from_str(context_json).map_err(|e| Error::new("TypeError", format!("invalid context JSON: {e}")))?;
        self.render(context, None)
    }

    /// The options it was prepared with.
    pub fn options(&self) -> Options {
        self.options
    }

    /// The body of a recursively included template.
    pub fn partial(&self, name: &str) -> &[Node] {
        self.ir.partials.get(name).map_or(&[], Vec::as_slice)
    }

}

fn prepare_nodes(nodes: &mut [Node]) -> Result<()> {
    nodes.iter_mut().try_for_each(prepare_node)
}

fn prepare_filters(chain: &mut [FilterCall]) -> Result<()> {
    for call in chain {
        if let Some(Operand::Var { path }) = &call.arg {
            check_path(path)?;
        }
        // A library filter runs in the application (host.rs); only built-ins are resolved here.
        if call.library.is_some() {
            continue;
        }
        call.spec = Some(
            filters::builtin(&call.name)
                .ok_or_else(|| Error::unsupported(format!("filter '{}' is not implemented by renderer-rust", call.name)))?,
        );
        if let Some(Operand::Var { path }) = &call.arg {
            check_path(path)?;
        }
    }
    Ok(())
}

fn check_path(path: &[String]) -> Result<()> {
    if path.is_empty() {
        return Err(Error::new("TemplateSyntaxError", "empty variable path"));
    }
    Ok(())
}

fn prepare_expr(expr: &mut Expr) -> Result<()> {
    if let Operand::Var { path } = &expr.base {
        check_path(path)?;
    }
    prepare_filters(&mut expr.filters)
}

fn prepare_exprs<'a>(exprs: impl IntoIterator<Item = &'a mut Expr>) -> Result<()> {
    exprs.into_iter().try_for_each(prepare_expr)
}

fn prepare_cond(cond: &mut Cond) -> Result<()> {
    match cond {
        Cond::Or { left, right } | Cond::And { left, right } | Cond::Compare { left, right, .. } => {
            prepare_cond(left)?;
            prepare_cond(right)
        }
        Cond::Not { operand } => prepare_cond(operand),
        Cond::Value { expr } => prepare_expr(expr),
    }
}

fn prepare_block(block: &mut crate::ir::Block) -> Result<()> {
    prepare_nodes(&mut block.body)?;
    match &mut block.parent {
        Some(parent) => prepare_block(parent),
        None => Ok(()),
    }
}

fn prepare_node(node: &mut Node) -> Result<()> {
    match node {
        Node::Text { .. } | Node::Now { .. } | Node::CsrfToken { .. } | Node::ResetCycle { .. } | Node::Debug { .. } => Ok(()),
        Node::Output { expr, .. } => prepare_expr(expr),
        Node::If { branches, .. } => branches.iter_mut().try_for_each(|b| {
            if let Some(c) = &mut b.cond {
                prepare_cond(c)?;
            }
            prepare_nodes(&mut b.body)
        }),
        Node::For { iterable, body, empty, .. } => {
            prepare_expr(iterable)?;
            prepare_nodes(body)?;
            empty.as_deref_mut().map_or(Ok(()), prepare_nodes)
        }
        Node::With { assigns, body, .. } => {
            prepare_exprs(assigns.iter_mut().map(|a| &mut a.value))?;
            prepare_nodes(body)
        }
        Node::Autoescape { body, .. } | Node::Spaceless { body } => prepare_nodes(body),
        Node::FilterBlock { filters, body, .. } => {
            prepare_filters(filters)?;
            prepare_nodes(body)
        }
        Node::Cycle { values, .. } => {
            if values.is_empty() {
                return Err(Error::new("TemplateSyntaxError", "'cycle' tag requires at least two arguments"));
            }
            prepare_exprs(values.iter_mut())
        }
        Node::FirstOf { values, .. } => prepare_exprs(values.iter_mut()),
        Node::IfChanged { values, body, otherwise, .. } => {
            prepare_exprs(values.iter_mut())?;
            prepare_nodes(body)?;
            otherwise.as_deref_mut().map_or(Ok(()), prepare_nodes)
        }
        Node::Include { target, assigns, .. } => {
            prepare_exprs(assigns.iter_mut().map(|a| &mut a.value))?;
            match target {
                IncludeTarget::Inline { body, .. } => prepare_nodes(body),
                IncludeTarget::Ref { .. } | IncludeTarget::Error { .. } => Ok(()),
                IncludeTarget::Dynamic { .. } => Err(Error::unsupported(
                    "{% include %} of a name from the context: renderer-rust renders only includes resolved at compile time",
                )),
            }
        }
        Node::Block(block) => prepare_block(block),
        Node::Lorem { count, .. } => prepare_expr(count),
        Node::WidthRatio { value, max, width, .. } => prepare_exprs([value, max, width]),
        Node::Regroup { target, by, .. } => prepare_exprs([target, by]),
        Node::Extends { page, .. } => Err(Error::unsupported(format!(
            "{{% extends %}} of a name from the context in '{page}': renderer-rust renders only parents resolved at compile time"
        ))),
        Node::Url { view_name, args, kwargs, .. } => {
            prepare_expr(view_name)?;
            prepare_exprs(args.iter_mut())?;
            prepare_exprs(kwargs.iter_mut().map(|a| &mut a.value))
        }
        Node::Call { args, kwargs, .. } => {
            prepare_exprs(args.iter_mut())?;
            prepare_exprs(kwargs.iter_mut().map(|a| &mut a.value))
        }
    }
}
