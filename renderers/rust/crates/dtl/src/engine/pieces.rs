//! Which context names each top-level node of a page reads, so a live document can re-render only the
//! nodes that read the names `set(changes)` changed: the coarse form of the vdom's per-node dependency
//! tracking. A page qualifies only when its top-level nodes cannot affect each other (no `{% cycle %}`,
//! `{% ifchanged %}`, `as name` tags, `{% regroup %}`, dynamic `{% extends %}`).

use crate::engine::ir::{Block, Cond, Expr, FilterCall, ForLoop, Include, IncludeTarget, Node, Operand};
use std::collections::HashSet;

/// The top-level names a node reads; `None` when it may read anything (or the clock, or the host).
pub type Reads = Option<HashSet<String>>;

struct Walk {
    names: HashSet<String>,
    anything: bool,
    independent: bool,
}

impl Walk {
    fn operand(&mut self, op: &Operand) {
        if let Operand::Var { path } = op {
            if let Some(first) = path.first() {
                self.names.insert(first.clone());
            }
        }
    }

    fn filters(&mut self, chain: &[FilterCall]) {
        for f in chain {
            if let Some(arg) = &f.arg {
                self.operand(arg);
            }
            // A filter that runs in the application may read state of its own: re-render it every time.
            self.anything |= f.spec.is_none();
        }
    }

    fn expr(&mut self, e: &Expr) {
        self.operand(&e.base);
        self.filters(&e.filters);
    }

    fn cond(&mut self, c: &Cond) {
        match c {
            Cond::Or { left, right } | Cond::And { left, right } | Cond::Compare { left, right, .. } => {
                self.cond(left);
                self.cond(right);
            }
            Cond::Not { operand } => self.cond(operand),
            Cond::Value { expr } => self.expr(expr),
        }
    }

    fn nodes(&mut self, nodes: &[Node]) {
        for n in nodes {
            self.node(n);
        }
    }

    fn block(&mut self, b: &Block) {
        self.nodes(&b.body);
        if let Some(parent) = &b.parent {
            self.block(parent);
        }
    }

    fn node(&mut self, node: &Node) {
        match node {
            Node::Text { .. } => {}
            Node::Output { expr, .. } => self.expr(expr),
            Node::If { branches, .. } => {
                for b in branches {
                    if let Some(c) = &b.cond {
                        self.cond(c);
                    }
                    self.nodes(&b.body);
                }
            }
            Node::For(ForLoop { iterable, body, empty, .. }) => {
                self.expr(iterable);
                self.nodes(body);
                if let Some(e) = empty {
                    self.nodes(e);
                }
            }
            Node::With { assigns, body, .. } => {
                assigns.iter().for_each(|a| self.expr(&a.value));
                self.nodes(body);
            }
            Node::Autoescape { body, .. } | Node::Spaceless { body } => self.nodes(body),
            Node::FilterBlock { filters, body, .. } => {
                self.filters(filters);
                self.nodes(body);
            }
            Node::FirstOf { values, as_var, .. } => {
                self.independent &= as_var.is_none();
                values.iter().for_each(|v| self.expr(v));
            }
            Node::Include(Include { target, assigns, .. }) => {
                assigns.iter().for_each(|a| self.expr(&a.value));
                match target {
                    IncludeTarget::Inline { body, .. } => self.nodes(body),
                    IncludeTarget::Error { .. } => {}
                    IncludeTarget::Ref { .. } | IncludeTarget::Dynamic { .. } => self.anything = true,
                }
            }
            Node::Block(b) => self.block(b),
            Node::Lorem { count, random, .. } => {
                self.expr(count);
                self.anything |= *random;
            }
            Node::WidthRatio { value, max, width, as_var, .. } => {
                self.independent &= as_var.is_none();
                [value, max, width].into_iter().for_each(|e| self.expr(e));
            }
            Node::Url { view_name, args, kwargs, as_var, .. } => {
                self.independent &= as_var.is_none();
                self.expr(view_name);
                args.iter().for_each(|e| self.expr(e));
                kwargs.iter().for_each(|a| self.expr(&a.value));
            }
            Node::CsrfToken { .. } => {
                self.names.insert("csrf_token".into());
            }
            Node::Now { as_var, .. } => {
                self.independent &= as_var.is_none();
                self.anything = true;
            }
            Node::Debug { .. } | Node::Call { .. } => self.anything = true,
            Node::Cycle { .. }
            | Node::ResetCycle { .. }
            | Node::IfChanged(_)
            | Node::Regroup { .. }
            | Node::Extends { .. } => self.independent = false,
        }
        if let Node::Call { as_var: Some(_), .. } = node {
            self.independent = false;
        }
    }
}

/// A piece of the page a live document re-renders on its own: a top-level node, or one child of a
/// top-level block (pages that extend a base are a few blocks; their children are the useful pieces).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Piece {
    /// Top-level node `i` of the page.
    Node(usize),
    /// Child `j` of the top-level block that is node `i`.
    BlockChild(usize, usize),
}

fn walk(node: &Node) -> Option<Reads> {
    let mut w = Walk { names: HashSet::new(), anything: false, independent: true };
    w.node(node);
    w.independent.then_some(if w.anything { None } else { Some(w.names) })
}

/// The pieces of a page and what each reads, or `None` when its top-level nodes are not independent.
/// Call it on a prepared IR (filters resolved), so filters that run in the application are known.
pub fn pieces(body: &[Node]) -> Option<Vec<(Piece, Reads)>> {
    let mut out = Vec::with_capacity(body.len());
    for (i, node) in body.iter().enumerate() {
        let Node::Block(block) = node else {
            out.push((Piece::Node(i), walk(node)?));
            continue;
        };
        // `{{ block.super }}` in a child renders the parent chain: such a child also reads what it reads.
        let parent_reads = block.parent.as_deref().map(|p| {
            let mut w = Walk { names: HashSet::new(), anything: false, independent: true };
            w.block(p);
            (w.independent, if w.anything { None } else { Some(w.names) })
        });
        for (j, child) in block.body.iter().enumerate() {
            let mut reads = walk(child)?;
            if reads.as_ref().is_none_or(|r| r.contains("block")) {
                match &parent_reads {
                    Some((false, _)) => return None,
                    Some((true, None)) => reads = None,
                    Some((true, Some(p))) => {
                        if let Some(r) = &mut reads {
                            r.extend(p.iter().cloned());
                        }
                    }
                    None => {}
                }
            }
            out.push((Piece::BlockChild(i, j), reads));
        }
    }
    Some(out)
}
