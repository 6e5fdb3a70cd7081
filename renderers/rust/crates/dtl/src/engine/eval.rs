//! Expressions and conditions with Django's failure rules: a missing variable is `''` in output and
//! `None` in `{% if %}`/`{% for %}`; a missing filter argument raises VariableDoesNotExist; a failing
//! `{% if %}` operator is false.

use crate::engine::context::Context;
use crate::engine::host::ask;
use crate::engine::ir::{CompareOp, Cond, Expr, FilterCall, LiteralValue, Operand};
use crate::engine::render::Renderer;
use crate::error::{Error, ErrorKind, Result};
use crate::filters::{self, FilterEnv};
use crate::value::json::write_json;
use crate::value::lookup::lookup;
use crate::value::ops::{py_equals, py_in, py_is, py_not_in, py_order, py_set_compare, truthy};
use crate::value::pyrepr::py_str;
use crate::value::Value;
use std::borrow::Cow;
use std::cmp::Ordering;

/// A literal's value: strings are safe; a number spelled with a point or exponent is a float.
pub fn literal(value: &LiteralValue, raw: &str) -> Value {
    match value {
        LiteralValue::Str(s) => Value::safe(s.as_str()),
        LiteralValue::Num(n) if raw.contains(['.', 'e', 'E']) => Value::Float(*n),
        LiteralValue::Num(n) => Value::number(*n),
    }
}

// A literal operand's value, made on first use and kept in the program.
fn cached_literal(op: &Operand) -> Option<&Value> {
    match op {
        Operand::Literal { value, raw, resolved } => Some(resolved.get_or_init(|| literal(value, raw))),
        Operand::Var { .. } => None,
    }
}

// `a.b.c` through dicts of plain data, borrowed down to the value, which is cloned once: what most lookups
// in a loop are. `None` leaves everything else (a missing key, `True`, objects and `undefined`, forloop,
// blocks, lists and strings) to the general path of `resolve_operand`, which gives the same value here.
fn plain_lookup(ctx: &Context<'_>, path: &[String]) -> Option<Value> {
    plain_ref(ctx, path).cloned()
}

// `plain_lookup`, borrowed.
fn plain_ref<'c>(ctx: &'c Context<'_>, path: &[String]) -> Option<&'c Value> {
    let (first, rest) = path.split_first()?;
    let mut cur = ctx.get_defined(first)?;
    for segment in rest {
        let Value::Dict(d) = cur else { return None };
        cur = d.get(segment)?;
    }
    (!matches!(cur, Value::Undefined | Value::Object(_))).then_some(cur)
}

fn variable_does_not_exist(path: &[String]) -> Error {
    Error::new(ErrorKind::VariableDoesNotExist, format!("Failed lookup for key [{}]", path.join(".")))
}

impl<'p> Renderer<'p> {
    /// An operand's value, or `None` when a lookup fails.
    pub fn resolve_operand(&mut self, op: &'p Operand, ctx: &mut Context<'p>) -> Result<Option<Value>> {
        match op {
            Operand::Literal { .. } => Ok(cached_literal(op).cloned()),
            Operand::Var { path } => {
                if let Some(v) = plain_lookup(ctx, path) {
                    return Ok(Some(v));
                }
                let Some(first) = path.first() else { return Ok(None) };
                // Plain data is looked up inline; `undefined` and the application's objects take
                // `resolved` and `step` (engine/objects.rs).
                let mut cur = match ctx.get(first) {
                    Some(v @ (Value::Undefined | Value::Object(_))) => self.resolved(v, path, 1)?,
                    other => other,
                };
                for (i, segment) in path.iter().enumerate().skip(1) {
                    cur = match cur {
                        None => return Ok(None),
                        Some(Value::Block(index)) if segment == "super" => Some(self.render_block_super(index, ctx)?),
                        Some(Value::Block(index)) if segment == "name" => self.block_name(index).map(Value::str),
                        Some(v @ Value::Object(_)) => self.step(&v, segment, path, i + 1)?,
                        Some(v) => match lookup(&v, segment) {
                            Some(found @ (Value::Undefined | Value::Object(_))) => self.resolved(found, path, i + 1)?,
                            other => other,
                        },
                    };
                }
                Ok(cur)
            }
        }
    }

    /// Django's FilterExpression.resolve. A VariableDoesNotExist raised while the value itself resolves (by
    /// `block.super`, whose parent block reads a missing filter argument) makes the value missing, as Django
    /// catches it there; one raised by a filter argument propagates.
    pub fn resolve_expr(&mut self, expr: &'p Expr, ctx: &mut Context<'p>, ignore_failures: bool) -> Result<Value> {
        let base = match self.resolve_operand(&expr.base, ctx) {
            Err(e) if e.kind == ErrorKind::VariableDoesNotExist => None,
            other => other?,
        };
        let value = base.unwrap_or_else(|| if ignore_failures { Value::None } else { Value::str("") });
        self.apply_filters(value, &expr.filters, ctx)
    }

    /// Applies a filter chain to a value.
    pub fn apply_filters(&mut self, mut value: Value, chain: &'p [FilterCall], ctx: &mut Context<'p>) -> Result<Value> {
        for call in chain {
            // A literal argument is lent, not cloned: the filter only reads it.
            let arg = match &call.arg {
                None => None,
                Some(op) => match cached_literal(op) {
                    Some(v) => Some(Cow::Borrowed(v)),
                    None => match self.resolve_operand(op, ctx)? {
                        Some(v) => Some(Cow::Owned(v)),
                        None => {
                            let Operand::Var { path } = op else { unreachable!("literals always resolve") };
                            return Err(variable_does_not_exist(path));
                        }
                    },
                },
            };
            value = self.apply_filter(call, &value, arg.as_deref(), ctx.autoescape)?;
        }
        Ok(value)
    }

    fn apply_filter(&self, call: &FilterCall, value: &Value, arg: Option<&Value>, autoescape: bool) -> Result<Value> {
        match call.spec {
            Some(_) if self.runs_in_application(&call.name, value, arg) => {
                self.host_filter(call, value, arg, autoescape)
            }
            Some(spec) => filters::apply(spec, value, arg, FilterEnv { autoescape, now: self.now.as_deref() }),
            None => self.host_filter(call, value, arg, autoescape),
        }
    }

    /// `f` of an expression whose base is a literal or plain data (`plain_ref`) and whose first filter, if
    /// any, takes no argument or a literal one, without the copies the general path makes: the base is
    /// lent to `f` or to that filter. In a loop's rows most expressions are these, and moving each value
    /// through `resolve_operand`, `resolve_expr` and the caller was most of their cost. None: the general
    /// path gives the value (and nothing was evaluated).
    pub(crate) fn with_lent<T>(
        &mut self,
        expr: &'p Expr,
        ctx: &mut Context<'p>,
        f: impl FnOnce(&Value) -> Result<T>,
    ) -> Option<Result<T>> {
        let base = match &expr.base {
            Operand::Var { path } => plain_ref(ctx, path)?,
            literal => cached_literal(literal)?,
        };
        let Some((call, rest)) = expr.filters.split_first() else { return Some(f(base)) };
        let arg = match &call.arg {
            None => None,
            Some(op) => Some(cached_literal(op)?),
        };
        let first = self.apply_filter(call, base, arg, ctx.autoescape);
        Some(first.and_then(|v| if rest.is_empty() { f(&v) } else { f(&self.apply_filters(v, rest, ctx)?) }))
    }

    // A filter of a `{% load %}`ed library (or a built-in not ported to Rust) runs in the application.
    fn host_filter(&self, call: &FilterCall, value: &Value, arg: Option<&Value>, autoescape: bool) -> Result<Value> {
        let mut payload = format!(
            "{{\"name\":{},\"library\":{},\"autoescape\":{autoescape},\"value\":",
            serde_json::to_string(&call.name).unwrap_or_default(),
            serde_json::to_string(&call.library).unwrap_or_default()
        );
        // The built-ins left to the application (striptags, truncatechars_html, truncatewords_html, urlize,
        // urlizetrunc: no `spec` here) are `@stringfilter`s: they see `str(value)`, safe when the value was.
        // JSON would turn a dict view, a forloop or a regroup group into a plain list or dict. A ported
        // built-in sent to the application because its value holds application objects gets the value.
        match value {
            Value::Str(_) | Value::Safe(_) => write_json(&mut payload, value),
            _ if call.library.is_none() && call.spec.is_none() => write_json(&mut payload, &Value::str(py_str(value))),
            _ => write_json(&mut payload, value),
        }
        if let Some(a) = arg {
            payload.push_str(",\"arg\":");
            write_json(&mut payload, a);
        }
        payload.push('}');
        ask(self.host("a library filter")?, "filter", &payload)
    }

    /// Evaluates a condition to a value (only its truthiness matters to `{% if %}`).
    pub fn eval_cond(&mut self, cond: &'p Cond, ctx: &mut Context<'p>) -> Result<Value> {
        match cond {
            Cond::Value { expr } => self.resolve_expr(expr, ctx, true),
            // Django evaluates each operator inside `try: ... except Exception: return False`: an operand
            // that raises makes that whole operator False (so `not` of it is False too).
            operator => match self.eval_operator(operator, ctx) {
                Err(e) if !matches!(e.kind, ErrorKind::UnsupportedError | ErrorKind::InternalError) => {
                    Ok(Value::Bool(false))
                }
                other => other,
            },
        }
    }

    fn eval_operator(&mut self, cond: &'p Cond, ctx: &mut Context<'p>) -> Result<Value> {
        Ok(match cond {
            Cond::Value { expr } => self.resolve_expr(expr, ctx, true)?,
            Cond::Not { operand } => Value::Bool(!truthy(&self.eval_cond(operand, ctx)?)),
            Cond::Or { left, right } => {
                let l = self.eval_cond(left, ctx)?;
                if truthy(&l) {
                    l
                } else {
                    self.eval_cond(right, ctx)?
                }
            }
            Cond::And { left, right } => {
                let l = self.eval_cond(left, ctx)?;
                if truthy(&l) {
                    self.eval_cond(right, ctx)?
                } else {
                    l
                }
            }
            Cond::Compare { op, left, right } => {
                let a = self.eval_cond(left, ctx)?;
                let b = self.eval_cond(right, ctx)?;
                let ord = |want: fn(Ordering) -> bool| py_order(&a, &b).is_some_and(want);
                Value::Bool(match op {
                    CompareOp::Eq => py_equals(&a, &b),
                    CompareOp::Ne => !py_equals(&a, &b),
                    CompareOp::Lt => py_set_compare(&a, &b).map_or_else(|| ord(|o| o.is_lt()), |(lt, _)| lt),
                    CompareOp::Gt => py_set_compare(&b, &a).map_or_else(|| ord(|o| o.is_gt()), |(lt, _)| lt),
                    CompareOp::Le => py_set_compare(&a, &b).map_or_else(|| ord(|o| o.is_le()), |(_, le)| le),
                    CompareOp::Ge => py_set_compare(&b, &a).map_or_else(|| ord(|o| o.is_ge()), |(_, le)| le),
                    CompareOp::In => py_in(&a, &b),
                    CompareOp::NotIn => py_not_in(&a, &b),
                    CompareOp::Is => py_is(&a, &b),
                    CompareOp::IsNot => !py_is(&a, &b),
                })
            }
        })
    }

    /// Django's IfNode: only VariableDoesNotExist from the top-level operand counts as "no match".
    pub fn condition_value(&mut self, cond: &'p Cond, ctx: &mut Context<'p>) -> Result<Value> {
        match self.eval_cond(cond, ctx) {
            Err(e) if e.kind == ErrorKind::VariableDoesNotExist => Ok(Value::None),
            other => other,
        }
    }

    /// Whether `{% if %}` takes a branch on `cond`: `truthy(condition_value)`, a literal or plain value tested
    /// where it lies.
    pub fn condition_holds(&mut self, cond: &'p Cond, ctx: &mut Context<'p>) -> Result<bool> {
        if let Cond::Value { expr } = cond {
            match self.with_lent(expr, ctx, |v| Ok(truthy(v))) {
                Some(Err(e)) if e.kind == ErrorKind::VariableDoesNotExist => return Ok(false),
                Some(held) => return held,
                None => {}
            }
        }
        Ok(truthy(&self.condition_value(cond, ctx)?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::Dict;
    use std::rc::Rc;

    fn dict(entries: Vec<(&str, Value)>) -> Value {
        let mut d = Dict::new();
        for (k, v) in entries {
            d.insert(Rc::from(k), v);
        }
        Value::Dict(Rc::new(d))
    }

    #[test]
    fn plain_lookup_takes_only_dict_chains_of_plain_values() {
        let row = dict(vec![("name", Value::str("Ada")), ("gone", Value::Undefined), ("tags", Value::list(vec![]))]);
        let mut ctx = Context::new(dict(vec![("title", Value::str("T"))]), true);
        ctx.set("row", row);
        let path = |p: &str| p.split('.').map(String::from).collect::<Vec<_>>();
        let found = |p: &str| plain_lookup(&ctx, &path(p)).map(|v| py_str(&v));
        assert_eq!(found("row.name"), Some("Ada".into()));
        assert_eq!(found("title"), Some("T".into()));
        // Left to the general path: undefined, a key a dict lacks (`items`, `keys`), a list index, builtins.
        for general in ["row.gone", "row.items", "row.tags.0", "row.name.upper", "True", "missing"] {
            assert_eq!(found(general), None, "{general}");
        }
    }

    #[test]
    fn lent_values_are_what_the_general_path_resolves() {
        use crate::engine::ir::Node;
        use crate::engine::program::{prepare_nodes, Program};
        use crate::Options;
        use serde_json::json;
        let empty = json!({"irVersion": 1, "name": "t", "body": [], "partials": {}, "deps": [], "sources": ["t"]});
        let program = Program::from_json(&empty.to_string(), Options::default()).unwrap();
        let row = dict(vec![
            ("name", Value::str("ada <b>lovelace</b>")),
            ("price", Value::Float(2.456)),
            ("gone", Value::Undefined),
            ("tags", Value::list(vec![Value::Int(1)])),
        ]);
        let root = dict(vec![("title", Value::str("T")), ("row", row)]);
        let var = |p: &str| json!({"kind": "var", "path": p.split('.').collect::<Vec<_>>()});
        let lit = |v: serde_json::Value, raw: &str| json!({"kind": "literal", "value": v, "raw": raw});
        let filter = |name: &str, arg: serde_json::Value| json!({"name": name, "arg": arg});
        let cases = [
            // Lent: plain data or a literal, then filters whose first argument, if any, is literal.
            (var("row.name"), json!([]), true),
            (var("row.name"), json!([filter("upper", json!(null))]), true),
            (var("row.name"), json!([filter("upper", json!(null)), filter("truncatechars", lit(json!(6), "6"))]), true),
            (var("row.price"), json!([filter("floatformat", lit(json!(2), "2"))]), true),
            (lit(json!("odd"), "'odd'"), json!([]), true),
            (lit(json!(0), "0"), json!([filter("add", lit(json!(1), "1"))]), true),
            (var("row.tags"), json!([filter("join", json!(null))]), true),
            (var("row.name"), json!([filter("upper", json!(null)), filter("default", var("title"))]), true),
            // The general path: a variable first argument, undefined, a missing key, a list index.
            (var("row.name"), json!([filter("default", var("title"))]), false),
            (var("row.gone"), json!([]), false),
            (var("row.missing"), json!([filter("default", lit(json!("x"), "'x'"))]), false),
            (var("row.tags.0"), json!([]), false),
        ];
        for (base, filters, lent) in cases {
            let expr = json!({"base": base, "filters": filters});
            let loc = json!({"template": "t", "line": 1, "col": 1});
            let output = json!({"kind": "output", "id": 1, "loc": loc, "deps": [], "expr": expr});
            let branch = json!({"cond": {"kind": "value", "expr": expr}, "body": []});
            let test = json!({"kind": "if", "id": 2, "loc": loc, "deps": [], "branches": [branch]});
            let mut nodes: Vec<Node> = serde_json::from_value(json!([output, test])).unwrap();
            prepare_nodes(&mut nodes).unwrap();
            let (Node::Output { expr, .. }, Node::If { branches, .. }) = (&nodes[0], &nodes[1]) else { unreachable!() };
            let cond = branches[0].cond.as_ref().unwrap();
            let mut r = Renderer::new(&program, None, None);
            let mut ctx = Context::new(root.clone(), true);
            let general = r.resolve_expr(expr, &mut ctx, false).map(|v| py_str(&v)).map_err(|e| e.kind);
            let got = r.with_lent(expr, &mut ctx, |v| Ok(py_str(v))).map(|x| x.map_err(|e| e.kind));
            assert_eq!(got.is_some(), lent, "{expr:?}");
            if let Some(got) = got {
                assert_eq!(got, general, "{expr:?}");
            }
            let held = r.condition_holds(cond, &mut ctx).map_err(|e| e.kind);
            assert_eq!(held, r.condition_value(cond, &mut ctx).map(|v| truthy(&v)).map_err(|e| e.kind), "{expr:?}");
        }
    }
}
