//! `{% include %}`, `{% extends %}` and `{% block %}`: rendering other bodies in the current context,
//! templates loaded at render time, the recursion limit, and `block.super`.

use crate::engine::context::Context;
use crate::engine::host::ask;
use crate::engine::ir::{Block, Include, IncludeTarget, Node};
use crate::engine::program::Program;
use crate::engine::render::Renderer;
use crate::error::{Error, ErrorKind, Result};
use crate::value::ops::truthy;
use crate::value::pyrepr::py_str;
use crate::value::Value;

/// How many templates may be rendered out of line inside one another (recursive and dynamic includes,
/// `{% extends var %}`) before the render stops with RecursionError: `MAX_INCLUDE_DEPTH` of
/// `@tessera/interpreter`, the same number on every renderer.
pub const MAX_INCLUDE_DEPTH: usize = 100;

impl<'p> Renderer<'p> {
    /// `{% extends var %}`: the rest of page `page`, resolved over the parent the context names.
    pub(crate) fn render_extends(
        &mut self,
        page: &str,
        parent: &'p crate::engine::ir::Expr,
        ctx: &mut Context<'p>,
        out: &mut String,
    ) -> Result<()> {
        let parent = self.resolve_expr(parent, ctx, false)?;
        if !truthy(&parent) {
            return Err(Error::new(
                ErrorKind::TemplateSyntaxError,
                format!("Invalid template name in 'extends' tag: {}.", crate::value::pyrepr::py_repr(&parent)),
            ));
        }
        let parent = py_str(&parent);
        let payload = format!(
            "{{\"page\":{},\"parent\":{}}}",
            serde_json::to_string(page).unwrap_or_default(),
            serde_json::to_string(&parent).unwrap_or_default()
        );
        let loaded = self.load("extend", &format!("extend\u{0}{page}\u{0}{parent}"), &payload)?;
        self.render_in(loaded, ctx, out)
    }

    /// `{% include %}`: a body inlined at compile time, a recursive partial, a template named by the
    /// context (loaded through the host), or the compile-time error Django raises when it renders.
    pub(crate) fn render_include(
        &mut self,
        include: &'p Include,
        ctx: &mut Context<'p>,
        out: &mut String,
    ) -> Result<()> {
        let body: &'p [Node] = match &include.target {
            IncludeTarget::Inline { body, .. } => {
                return self.in_include_scope(include, ctx, out, |this, ctx, out| this.render_nodes(body, ctx, out));
            }
            IncludeTarget::Ref { name } => self.program.partial(name),
            IncludeTarget::Error { error, message, .. } => {
                let kind = if error == "TemplateSyntaxError" {
                    ErrorKind::TemplateSyntaxError
                } else {
                    ErrorKind::TemplateDoesNotExist
                };
                return Err(Error::new(kind, message.clone()));
            }
            IncludeTarget::Dynamic { expr } => {
                let name = self.resolve_expr(expr, ctx, false)?;
                let loaded = self.load_first(&name)?;
                return self.in_include_scope(include, ctx, out, |this, ctx, out| this.render_in(loaded, ctx, out));
            }
        };
        self.in_include_scope(include, ctx, out, |this, ctx, out| {
            this.enter()?;
            let r = this.render_nodes(body, ctx, out);
            this.depth -= 1;
            r
        })
    }

    // Runs `render` in the scope an include gives its template: the assigns on top of the context (alone
    // with `only`), and a fresh render state, as Django's `push_state`: the included template's cycles and
    // out-of-loop ifchanged memory start over and do not leak back.
    fn in_include_scope(
        &mut self,
        include: &'p Include,
        ctx: &mut Context<'p>,
        out: &mut String,
        render: impl FnOnce(&mut Self, &mut Context<'p>, &mut String) -> Result<()>,
    ) -> Result<()> {
        let mut values = Vec::with_capacity(include.assigns.len());
        for a in &include.assigns {
            values.push((a.name.as_str(), self.resolve_expr(&a.value, ctx, false)?));
        }
        let saved = std::mem::take(&mut *ctx.state.borrow_mut());
        let r = if include.only {
            let mut inner = ctx.isolated();
            inner.push(values);
            render(self, &mut inner, out)
        } else {
            ctx.push(values);
            let r = render(self, ctx, out);
            ctx.pop();
            r
        };
        *ctx.state.borrow_mut() = saved;
        r
    }

    // A template the host loads, kept by the entry program across renders.
    fn load(&self, kind: &str, key: &str, payload: &str) -> Result<&'p Program> {
        let host = self.host("a template named at render time")?;
        self.root.loaded(key, || match ask(host, kind, payload)? {
            Value::Str(ir) => Ok(ir.to_string()),
            other => Err(Error::new(
                ErrorKind::TypeError,
                format!("the host answered {} instead of an IR", other.type_name()),
            )),
        })
    }

    // Django's select_template: the first name that loads.
    fn load_first(&self, name: &Value) -> Result<&'p Program> {
        let names: Vec<String> = match name {
            Value::List(items, _) => items.iter().map(py_str).collect(),
            v if truthy(v) => vec![py_str(v)],
            _ => Vec::new(),
        };
        let mut last = Error::new(ErrorKind::TemplateDoesNotExist, "No template names provided");
        for n in names {
            let payload = format!("{{\"name\":{}}}", serde_json::to_string(&n).unwrap_or_default());
            match self.load("load", &format!("load\u{0}{n}"), &payload) {
                Ok(p) => return Ok(p),
                Err(e) if e.kind == ErrorKind::TemplateDoesNotExist => last = e,
                Err(e) => return Err(e),
            }
        }
        Err(last)
    }

    // Renders another program's body in the current context, as the current program.
    pub(crate) fn render_in(&mut self, program: &'p Program, ctx: &mut Context<'p>, out: &mut String) -> Result<()> {
        self.enter()?;
        let saved = std::mem::replace(&mut self.program, program);
        let r = self.render_nodes(program.body(), ctx, out);
        self.program = saved;
        self.depth -= 1;
        r
    }

    fn enter(&mut self) -> Result<()> {
        self.depth += 1;
        if self.depth > MAX_INCLUDE_DEPTH {
            self.depth -= 1;
            return Err(Error::new(ErrorKind::RecursionError, "maximum recursion depth exceeded while rendering"));
        }
        Ok(())
    }

    /// Child `index` of a block, rendered as the block renders it (for a live document's pieces).
    pub(crate) fn render_block_part(
        &mut self,
        block: &'p Block,
        index: usize,
        ctx: &mut Context<'p>,
        out: &mut String,
    ) -> Result<()> {
        self.blocks.push(block);
        ctx.push(vec![("block", Value::Block(self.blocks.len() as u32 - 1))]);
        let r = self.render_nodes(&block.body[index..=index], ctx, out);
        ctx.pop();
        r
    }

    pub(crate) fn render_block(&mut self, block: &'p Block, ctx: &mut Context<'p>, out: &mut String) -> Result<()> {
        self.blocks.push(block);
        ctx.push(vec![("block", Value::Block(self.blocks.len() as u32 - 1))]);
        let r = self.render_nodes(&block.body, ctx, out);
        ctx.pop();
        r
    }

    /// `{{ block.name }}`: the name of block `index`.
    pub fn block_name(&self, index: u32) -> Option<&'p str> {
        self.blocks.get(index as usize).map(|b| b.name.as_str())
    }

    /// `{{ block.super }}`: the parent of block `index`, rendered, as a SafeString.
    pub fn render_block_super(&mut self, index: u32, ctx: &mut Context<'p>) -> Result<Value> {
        let Some(block) = self.blocks.get(index as usize) else { return Ok(Value::safe("")) };
        if block.standalone {
            return Err(Error::new(
                ErrorKind::TemplateSyntaxError,
                "'BlockNode' object has no attribute 'context'. Did you use {{ block.super }} in a base template?",
            ));
        }
        let Some(parent) = block.parent.as_deref() else { return Ok(Value::safe("")) };
        let marks = self.suspend_marks();
        let mut out = String::new();
        let r = self.render_block(parent, ctx, &mut out);
        self.resume_marks(marks);
        r?;
        Ok(Value::safe(out))
    }
}
