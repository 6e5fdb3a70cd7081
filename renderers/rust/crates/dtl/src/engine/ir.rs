//! The Tessera IR (`irVersion` 1) as serde types, mirroring `core/template/src/ir.ts`.
//! Fields a renderer does not need (`loc`, `deps`, `sources`) are skipped while parsing.

use serde::Deserialize;
use std::collections::HashMap;

/// The IR version this crate reads; any other is refused rather than misread.
pub const IR_VERSION: u32 = 1;

/// A compiled, resolved page.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TemplateIr {
    pub ir_version: u32,
    pub name: String,
    pub body: Vec<Node>,
    #[serde(default)]
    pub partials: HashMap<String, Vec<Node>>,
}

/// A literal's value: template strings are safe, numbers keep their source spelling in `raw`.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum LiteralValue {
    Str(String),
    Num(f64),
}

/// `literal` or `var`.
#[derive(Debug, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Operand {
    Literal { value: LiteralValue, raw: String },
    Var { path: Vec<String> },
}

/// One `|name:arg` step.
#[derive(Debug, Deserialize)]
pub struct FilterCall {
    pub name: String,
    pub arg: Option<Operand>,
    #[serde(default)]
    pub library: Option<String>,
    /// The built-in filter, filled in when the program is prepared.
    #[serde(skip)]
    pub spec: Option<&'static crate::filters::FilterSpec>,
}

/// Django's FilterExpression.
#[derive(Debug, Deserialize)]
pub struct Expr {
    pub base: Operand,
    pub filters: Vec<FilterCall>,
}

/// `{% if %}` comparison operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum CompareOp {
    #[serde(rename = "==")]
    Eq,
    #[serde(rename = "!=")]
    Ne,
    #[serde(rename = "<")]
    Lt,
    #[serde(rename = ">")]
    Gt,
    #[serde(rename = "<=")]
    Le,
    #[serde(rename = ">=")]
    Ge,
    #[serde(rename = "in")]
    In,
    #[serde(rename = "not in")]
    NotIn,
    #[serde(rename = "is")]
    Is,
    #[serde(rename = "is not")]
    IsNot,
}

/// A condition tree with Django's precedence applied.
#[derive(Debug, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Cond {
    Or { left: Box<Cond>, right: Box<Cond> },
    And { left: Box<Cond>, right: Box<Cond> },
    Not { operand: Box<Cond> },
    Compare { op: CompareOp, left: Box<Cond>, right: Box<Cond> },
    Value { expr: Expr },
}

/// `name=value`.
#[derive(Debug, Deserialize)]
pub struct Assign {
    pub name: String,
    pub value: Expr,
}

/// One `{% if %}`/`elif`/`else` branch; `cond` is `None` for `else`.
#[derive(Debug, Deserialize)]
pub struct IfBranch {
    pub cond: Option<Cond>,
    pub body: Vec<Node>,
}

/// Where an `{% include %}` finds its template.
#[derive(Debug, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum IncludeTarget {
    Inline { name: String, body: Vec<Node> },
    Ref { name: String },
    Dynamic { expr: Expr },
    Error { name: String, error: String, message: String },
}

/// A resolved `{% block %}` with the chain `{{ block.super }}` walks.
#[derive(Debug, Deserialize)]
pub struct Block {
    pub id: u32,
    pub name: String,
    pub body: Vec<Node>,
    pub parent: Option<Box<Block>>,
    /// No `{% extends %}` is in effect: `{{ block.super }}` is a TemplateSyntaxError, as in Django.
    #[serde(default)]
    pub standalone: bool,
}

/// `{% for targets in iterable [reversed] %}body{% empty %}empty{% endfor %}`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ForLoop {
    pub id: u32,
    /// The loop variables; more than one unpacks each item.
    pub targets: Vec<String>,
    pub iterable: Expr,
    pub reversed: bool,
    pub body: Vec<Node>,
    pub empty: Option<Vec<Node>>,
    /// Whether the body reads `forloop` (the frontend's analysis): building it costs an allocation.
    pub uses_forloop: bool,
}

/// `{% ifchanged values %}body{% else %}otherwise{% endifchanged %}`; without values, the body's own
/// output is what must change.
#[derive(Debug, Deserialize)]
pub struct IfChanged {
    pub id: u32,
    pub values: Vec<Expr>,
    pub body: Vec<Node>,
    pub otherwise: Option<Vec<Node>>,
}

/// `{% include target with assigns [only] %}`.
#[derive(Debug, Deserialize)]
pub struct Include {
    pub id: u32,
    pub target: IncludeTarget,
    pub assigns: Vec<Assign>,
    /// `only`: the included template sees the assigns and nothing of the current context.
    pub only: bool,
}

/// `{% lorem %}` methods.
#[derive(Debug, Clone, Copy, Deserialize)]
pub enum LoremMethod {
    #[serde(rename = "w")]
    Words,
    #[serde(rename = "p")]
    Paragraphs,
    #[serde(rename = "b")]
    Plain,
}

/// An IR node.
#[derive(Debug, Deserialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum Node {
    Text {
        value: String,
    },
    /// `{% extends var %}`: the parent is named by the context.
    Extends {
        id: u32,
        page: String,
        parent: Expr,
    },
    Output {
        id: u32,
        expr: Expr,
    },
    If {
        id: u32,
        branches: Vec<IfBranch>,
    },
    For(ForLoop),
    With {
        id: u32,
        assigns: Vec<Assign>,
        body: Vec<Node>,
    },
    Autoescape {
        on: bool,
        body: Vec<Node>,
    },
    #[serde(rename = "filterblock")]
    FilterBlock {
        id: u32,
        filters: Vec<FilterCall>,
        body: Vec<Node>,
    },
    Spaceless {
        body: Vec<Node>,
    },
    #[serde(rename_all = "camelCase")]
    Cycle {
        id: u32,
        state: u32,
        values: Vec<Expr>,
        as_var: Option<String>,
        silent: bool,
    },
    #[serde(rename = "resetcycle")]
    ResetCycle {
        id: u32,
        states: Vec<u32>,
    },
    #[serde(rename = "firstof", rename_all = "camelCase")]
    FirstOf {
        id: u32,
        values: Vec<Expr>,
        as_var: Option<String>,
    },
    #[serde(rename = "ifchanged")]
    IfChanged(IfChanged),
    Include(Include),
    Block(Block),
    #[serde(rename_all = "camelCase")]
    Now {
        id: u32,
        format: String,
        as_var: Option<String>,
    },
    Lorem {
        id: u32,
        count: Expr,
        method: LoremMethod,
        random: bool,
    },
    #[serde(rename = "widthratio", rename_all = "camelCase")]
    WidthRatio {
        id: u32,
        value: Expr,
        max: Expr,
        width: Expr,
        as_var: Option<String>,
    },
    #[serde(rename_all = "camelCase")]
    Url {
        id: u32,
        view_name: Expr,
        args: Vec<Expr>,
        kwargs: Vec<Assign>,
        as_var: Option<String>,
    },
    #[serde(rename = "csrf_token")]
    CsrfToken {
        id: u32,
    },
    #[serde(rename_all = "camelCase")]
    Regroup {
        id: u32,
        target: Expr,
        by: Expr,
        as_var: String,
    },
    Debug {
        id: u32,
    },
    #[serde(rename_all = "camelCase")]
    Call {
        id: u32,
        library: String,
        tag: String,
        args: Vec<Expr>,
        kwargs: Vec<Assign>,
        as_var: Option<String>,
    },
}
