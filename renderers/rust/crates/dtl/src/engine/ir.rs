//! The Tessera IR (`irVersion` 1) as serde types, mirroring `core/template/src/ir.ts`.
//! Fields a renderer does not need (`loc`, `deps`, `sources`) are skipped while parsing.

use serde::Deserialize;
use std::cell::OnceCell;
use std::collections::HashMap;

/// The IR version this crate reads; any other is refused rather than misread.
pub const IR_VERSION: u32 = 1;

/// A compiled, resolved page.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TemplateIr {
    /// Must be `IR_VERSION`.
    pub ir_version: u32,
    /// The entry template's name.
    pub name: String,
    /// The page: includes inlined, blocks resolved.
    pub body: Vec<Node>,
    /// Bodies of templates that include themselves, by name (`IncludeTarget::Ref`).
    #[serde(default)]
    pub partials: HashMap<String, Vec<Node>>,
}

/// A literal's value: template strings are safe, numbers keep their source spelling in `raw`.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum LiteralValue {
    /// `"text"` or `'text'`.
    Str(String),
    /// A number.
    Num(f64),
}

/// `literal` or `var`.
#[derive(Debug, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Operand {
    /// A literal, and its spelling in the source.
    Literal {
        /// The value as the IR spells it.
        value: LiteralValue,
        /// Its source text (a number's decides int or float).
        raw: String,
        /// Its template value, made once: a loop resolves the same literal on every iteration.
        #[serde(skip)]
        resolved: OnceCell<crate::value::Value>,
    },
    /// `a.b.0`: a name and the lookups after it.
    Var { path: Vec<String> },
}

/// One `|name:arg` step.
#[derive(Debug, Deserialize)]
pub struct FilterCall {
    /// The filter's name.
    pub name: String,
    /// Its argument, when it has one.
    pub arg: Option<Operand>,
    /// The `{% load %}`ed library it comes from (None: a built-in).
    #[serde(default)]
    pub library: Option<String>,
    /// The built-in filter, filled in when the program is prepared.
    #[serde(skip)]
    pub spec: Option<&'static crate::filters::FilterSpec>,
}

/// Django's FilterExpression.
#[derive(Debug, Deserialize)]
pub struct Expr {
    /// The value filtered.
    pub base: Operand,
    /// The filters, applied left to right.
    pub filters: Vec<FilterCall>,
}

/// `{% if %}` comparison operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum CompareOp {
    /// `==`
    #[serde(rename = "==")]
    Eq,
    /// `!=`
    #[serde(rename = "!=")]
    Ne,
    /// `<`
    #[serde(rename = "<")]
    Lt,
    /// `>`
    #[serde(rename = ">")]
    Gt,
    /// `<=`
    #[serde(rename = "<=")]
    Le,
    /// `>=`
    #[serde(rename = ">=")]
    Ge,
    /// `in`
    #[serde(rename = "in")]
    In,
    /// `not in`
    #[serde(rename = "not in")]
    NotIn,
    /// `is`
    #[serde(rename = "is")]
    Is,
    /// `is not`
    #[serde(rename = "is not")]
    IsNot,
}

/// A condition tree with Django's precedence applied.
#[derive(Debug, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Cond {
    /// `left or right`.
    Or { left: Box<Cond>, right: Box<Cond> },
    /// `left and right`.
    And { left: Box<Cond>, right: Box<Cond> },
    /// `not operand`.
    Not { operand: Box<Cond> },
    /// `left op right`.
    Compare { op: CompareOp, left: Box<Cond>, right: Box<Cond> },
    /// An expression, true when truthy.
    Value { expr: Expr },
}

/// `name=value`.
#[derive(Debug, Deserialize)]
pub struct Assign {
    /// The name bound.
    pub name: String,
    /// Its value.
    pub value: Expr,
}

/// One `{% if %}`/`elif`/`else` branch; `cond` is `None` for `else`.
#[derive(Debug, Deserialize)]
pub struct IfBranch {
    /// The condition; None for `else`.
    pub cond: Option<Cond>,
    /// What renders when it is the first branch whose condition holds.
    pub body: Vec<Node>,
}

/// Where an `{% include %}` finds its template.
#[derive(Debug, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum IncludeTarget {
    /// A template known at compile time, its body inlined.
    Inline { name: String, body: Vec<Node> },
    /// A template including itself: its body is in `TemplateIr::partials` under `name`.
    Ref { name: String },
    /// A name (or list of names) the context gives: the application loads it at render time.
    Dynamic { expr: Expr },
    /// A template the frontend could not compile: rendering the include raises `error` with `message`.
    Error { name: String, error: String, message: String },
}

/// A resolved `{% block %}` with the chain `{{ block.super }}` walks.
#[derive(Debug, Deserialize)]
pub struct Block {
    /// The node's id.
    pub id: u32,
    /// The block's name.
    pub name: String,
    /// The overriding body (the child template's, when one overrides it).
    pub body: Vec<Node>,
    /// The body it overrides, which `{{ block.super }}` renders.
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
    /// `w`: words.
    #[serde(rename = "w")]
    Words,
    /// `p`: HTML paragraphs.
    #[serde(rename = "p")]
    Paragraphs,
    /// `b`: plain-text paragraphs.
    #[serde(rename = "b")]
    Plain,
}

/// An IR node.
#[derive(Debug, Deserialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum Node {
    /// Template text, copied as it is.
    Text { value: String },
    /// `{% extends var %}`: the parent is named by the context. It stands for the rest of page `page`,
    /// resolved over the parent `parent` names.
    Extends { id: u32, page: String, parent: Expr },
    /// `{{ expr }}`.
    Output { id: u32, expr: Expr },
    /// `{% if %}` with its `elif`/`else` branches.
    If { id: u32, branches: Vec<IfBranch> },
    /// `{% for %}`.
    For(ForLoop),
    /// `{% with name=value %}`.
    With { id: u32, assigns: Vec<Assign>, body: Vec<Node> },
    /// `{% autoescape on|off %}`.
    Autoescape { on: bool, body: Vec<Node> },
    /// `{% filter name|other %}`: the body's output through the filters.
    #[serde(rename = "filterblock")]
    FilterBlock { id: u32, filters: Vec<FilterCall>, body: Vec<Node> },
    /// `{% spaceless %}`: whitespace between tags removed.
    Spaceless { body: Vec<Node> },
    /// `{% cycle a b c [as name] [silent] %}`; `state` is the id of the cycle whose position it advances.
    #[serde(rename_all = "camelCase")]
    Cycle { id: u32, state: u32, values: Vec<Expr>, as_var: Option<String>, silent: bool },
    /// `{% resetcycle [name] %}`: `states` are the cycle states it resets.
    #[serde(rename = "resetcycle")]
    ResetCycle { id: u32, states: Vec<u32> },
    /// `{% firstof a b c [as name] %}`.
    #[serde(rename = "firstof", rename_all = "camelCase")]
    FirstOf { id: u32, values: Vec<Expr>, as_var: Option<String> },
    /// `{% ifchanged %}`.
    #[serde(rename = "ifchanged")]
    IfChanged(IfChanged),
    /// `{% include %}`.
    Include(Include),
    /// `{% block %}`, resolved against the templates it extends.
    Block(Block),
    /// `{% now "format" [as name] %}`.
    #[serde(rename_all = "camelCase")]
    Now { id: u32, format: String, as_var: Option<String> },
    /// `{% lorem [count] [w|p|b] [random] %}`.
    Lorem { id: u32, count: Expr, method: LoremMethod, random: bool },
    /// `{% widthratio value max width [as name] %}`.
    #[serde(rename = "widthratio", rename_all = "camelCase")]
    WidthRatio { id: u32, value: Expr, max: Expr, width: Expr, as_var: Option<String> },
    /// `{% url "name" arg key=value [as name] %}`: the application reverses it.
    #[serde(rename_all = "camelCase")]
    Url { id: u32, view_name: Expr, args: Vec<Expr>, kwargs: Vec<Assign>, as_var: Option<String> },
    /// `{% csrf_token %}`: reads `csrf_token` from the context.
    #[serde(rename = "csrf_token")]
    CsrfToken { id: u32 },
    /// `{% regroup list by key as name %}`: `by` is evaluated with each item bound to `as_var`.
    #[serde(rename_all = "camelCase")]
    Regroup { id: u32, target: Expr, by: Expr, as_var: String },
    /// `{% debug %}`.
    Debug { id: u32 },
    /// A tag of a `{% load %}`ed library: the application runs it.
    #[serde(rename_all = "camelCase")]
    Call { id: u32, library: String, tag: String, args: Vec<Expr>, kwargs: Vec<Assign>, as_var: Option<String> },
}
