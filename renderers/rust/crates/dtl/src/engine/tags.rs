//! Helpers of the smaller tags: `{% spaceless %}`, `{% widthratio %}`, `{% regroup %}`.

use crate::engine::context::Context;
use crate::engine::ir::Expr;
use crate::engine::render::Renderer;
use crate::error::{Error, ErrorKind, Result};
use crate::value::ops::{py_equals, py_float, py_int};
use crate::value::Value;
use std::rc::Rc;

// JavaScript's `\s` and `String#trim` whitespace, which the reference renderer uses here.
fn is_js_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{feff}'
}

/// `String#trim`.
pub fn js_trim(s: &str) -> &str {
    s.trim_matches(is_js_space)
}

/// Django `strip_spaces_between_tags`: whitespace between `>` and `<` is removed.
pub fn strip_spaces_between_tags(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('>') {
        out.push_str(&rest[..=i]);
        rest = &rest[i + 1..];
        let trimmed = rest.trim_start_matches(is_js_space);
        if trimmed.len() != rest.len() && trimmed.starts_with('<') {
            rest = trimmed;
        }
    }
    out.push_str(rest);
    out
}

/// Python's round(): halves go to the even neighbour.
fn round_half_even(x: f64) -> f64 {
    let floor = x.floor();
    let diff = x - floor;
    if diff > 0.5 || (diff == 0.5 && floor % 2.0 != 0.0) {
        floor + 1.0
    } else {
        floor
    }
}

impl<'p> Renderer<'p> {
    /// `{% widthratio %}`'s text.
    pub fn width_ratio(
        &mut self,
        value: &'p Expr,
        max: &'p Expr,
        width: &'p Expr,
        ctx: &mut Context<'p>,
    ) -> Result<String> {
        let value = self.resolve_expr(value, ctx, false)?;
        let max = self.resolve_expr(max, ctx, false)?;
        let width = self.resolve_expr(width, ctx, false)?;
        let width = py_int(&width)
            .map_err(|_| Error::new(ErrorKind::TemplateSyntaxError, "widthratio final argument must be a number"))?;
        let (Ok(v), Ok(m)) = (py_float(&value), py_float(&max)) else { return Ok(String::new()) };
        if m == 0.0 {
            return Ok("0".into());
        }
        let ratio = v / m * width as f64;
        Ok(if ratio.is_finite() { format!("{}", round_half_even(ratio) as i64) } else { String::new() })
    }

    /// `{% regroup %}`: consecutive items with equal keys, as GroupedResult values.
    pub fn regroup(&mut self, list: &Value, by: &'p Expr, as_var: &'p str, ctx: &mut Context<'p>) -> Result<Value> {
        if matches!(list, Value::None) {
            return Ok(Value::list(Vec::new()));
        }
        let mut groups: Vec<(Value, Vec<Value>)> = Vec::new();
        for item in self.iterate(list)? {
            ctx.set(as_var, item.clone());
            let key = self.resolve_expr(by, ctx, true)?;
            match groups.last_mut() {
                Some((grouper, items)) if py_equals(grouper, &key) => items.push(item),
                _ => groups.push((key, vec![item])),
            }
        }
        Ok(Value::list(groups.into_iter().map(|(g, items)| Value::Group(Rc::new((g, Value::list(items))))).collect()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spaceless_strips_only_between_tags() {
        assert_eq!(strip_spaces_between_tags("<p>\n  <a> x </a>\n</p>"), "<p><a> x </a></p>");
        assert_eq!(strip_spaces_between_tags("a > b"), "a > b");
    }

    #[test]
    fn rounds_half_to_even() {
        assert_eq!(round_half_even(2.5), 2.0);
        assert_eq!(round_half_even(3.5), 4.0);
    }
}
