//! Django's built-in filters, one module per family, with Django's registration flags.
//! Filters this crate does not implement are refused when a template is prepared (see `spec`).

mod date;
mod html;
mod list;
mod logic;
mod number;
mod string;
mod text;

use crate::error::{Error, ErrorKind, Result};
use crate::value::ops::as_dict;
use crate::value::pyrepr::py_str;
use crate::value::Value;

/// What a filter reads from the render besides its value and argument.
#[derive(Clone, Copy)]
pub struct FilterEnv<'a> {
    /// Whether autoescape is on where the filter runs (`needs_autoescape` filters read it).
    pub autoescape: bool,
    /// The render's "now" (`timesince`, `timeuntil`), when the template needs it.
    pub now: Option<&'a crate::value::dates::DateVal>,
}

/// A filter's function: `arg` is `None` when the filter was called without one.
pub type FilterFn = fn(&Value, Option<&Value>, FilterEnv<'_>) -> Result<Value>;

/// Whether a filter takes an argument, as its Python signature says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Arity {
    /// `|name`: an argument is a TypeError.
    None,
    /// `|name` or `|name:arg`.
    Optional,
    /// `|name:arg`: calling it without one is a TypeError.
    Required,
}

/// A filter, its arity and Django's `is_safe` flag.
pub struct FilterSpec {
    /// The name templates call it by.
    pub name: &'static str,
    /// The implementation.
    pub func: FilterFn,
    /// Whether it takes an argument.
    pub arity: Arity,
    /// Django `is_safe`: the result is safe when the input was.
    pub is_safe: bool,
}

impl std::fmt::Debug for FilterSpec {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(f, "FilterSpec({})", self.name)
    }
}

const fn spec(name: &'static str, func: FilterFn, arity: Arity, is_safe: bool) -> FilterSpec {
    FilterSpec { name, func, arity, is_safe }
}

static FILTERS: &[FilterSpec] = &[
    spec("add", number::add, Arity::Required, false),
    spec("addslashes", string::addslashes, Arity::None, true),
    spec("capfirst", string::capfirst, Arity::None, true),
    spec("center", string::center, Arity::Required, true),
    spec("cut", string::cut, Arity::Required, false),
    spec("date", date::date, Arity::Optional, false),
    spec("default", logic::default, Arity::Required, false),
    spec("default_if_none", logic::default_if_none, Arity::Required, false),
    spec("dictsort", list::dictsort, Arity::Required, false),
    spec("dictsortreversed", list::dictsortreversed, Arity::Required, false),
    spec("divisibleby", number::divisibleby, Arity::Required, false),
    spec("escape", html::escape, Arity::None, true),
    spec("escapejs", html::escapejs, Arity::None, false),
    spec("escapeseq", html::escapeseq, Arity::None, true),
    spec("filesizeformat", number::filesizeformat, Arity::None, true),
    spec("first", list::first, Arity::None, false),
    spec("floatformat", number::floatformat, Arity::Optional, true),
    spec("force_escape", html::force_escape, Arity::None, true),
    spec("get_digit", number::get_digit, Arity::Required, false),
    spec("iriencode", html::iriencode, Arity::None, true),
    spec("join", list::join, Arity::Required, true),
    spec("json_script", text::json_script, Arity::Optional, true),
    spec("last", list::last, Arity::None, true),
    spec("length", list::length, Arity::None, false),
    spec("linebreaks", html::linebreaks, Arity::None, true),
    spec("linebreaksbr", html::linebreaksbr, Arity::None, true),
    spec("linenumbers", html::linenumbers, Arity::None, true),
    spec("ljust", string::ljust, Arity::Required, true),
    spec("lower", string::lower, Arity::None, true),
    spec("make_list", string::make_list, Arity::None, false),
    spec("phone2numeric", string::phone2numeric, Arity::None, true),
    spec("pluralize", logic::pluralize, Arity::Optional, false),
    spec("pprint", logic::pprint, Arity::None, true),
    spec("random", text::random, Arity::None, true),
    spec("rjust", string::rjust, Arity::Required, true),
    spec("safe", html::safe, Arity::None, true),
    spec("safeseq", html::safeseq, Arity::None, true),
    spec("slice", list::slice, Arity::Required, true),
    spec("slugify", string::slugify, Arity::None, true),
    spec("stringformat", string::stringformat, Arity::Required, true),
    spec("time", date::time, Arity::Optional, false),
    spec("timesince", date::timesince, Arity::Optional, false),
    spec("timeuntil", date::timeuntil, Arity::Optional, false),
    spec("title", string::title, Arity::None, true),
    spec("truncatechars", string::truncatechars, Arity::Required, true),
    spec("truncatewords", string::truncatewords, Arity::Required, true),
    spec("unordered_list", html::unordered_list, Arity::None, true),
    spec("upper", string::upper, Arity::None, false),
    spec("urlencode", html::urlencode, Arity::Optional, false),
    spec("wordcount", string::wordcount, Arity::None, false),
    spec("wordwrap", text::wordwrap, Arity::Required, true),
    spec("yesno", logic::yesno, Arity::Optional, false),
];

/// The built-in filter `name`, or `None` when this crate does not implement it.
pub fn builtin(name: &str) -> Option<&'static FilterSpec> {
    FILTERS.iter().find(|f| f.name == name)
}

/// One step of Django's FilterExpression: calls the filter and applies `is_safe`.
pub fn apply(spec: &FilterSpec, value: &Value, arg: Option<&Value>, env: FilterEnv<'_>) -> Result<Value> {
    match (spec.arity, arg) {
        (Arity::None, Some(_)) => {
            return Err(Error::new(ErrorKind::TypeError, format!("{}() takes no argument", spec.name)))
        }
        (Arity::Required, None) => {
            return Err(Error::new(ErrorKind::TypeError, format!("{}() requires an argument", spec.name)))
        }
        _ => {}
    }
    if matches!(value, Value::Forloop(_)) || matches!(arg, Some(Value::Forloop(_))) {
        return apply_to_forloop(spec, value, arg, env);
    }
    if !(spec.is_safe && value.is_safe()) {
        // Returned as it comes: the result is written once, where the caller wants it (copying it through
        // here stalled on reading back what the filter had just written).
        return (spec.func)(value, arg, env);
    }
    let result = (spec.func)(value, arg, env)?;
    Ok(if result.is_safe() { result } else { Value::safe(py_str(&result)) })
}

// `forloop` is a dict to every filter (the engine keeps it as counters). Apart from `apply`, whose every
// call would otherwise carry two optional dicts through memory.
#[cold]
fn apply_to_forloop(spec: &FilterSpec, value: &Value, arg: Option<&Value>, env: FilterEnv<'_>) -> Result<Value> {
    let forloop_dict = |v: &Value| matches!(v, Value::Forloop(_)).then(|| as_dict(v));
    let (value_dict, arg_dict) = (forloop_dict(value), arg.and_then(forloop_dict));
    let value = value_dict.as_ref().unwrap_or(value);
    let result = (spec.func)(value, arg_dict.as_ref().or(arg), env)?;
    Ok(if spec.is_safe && value.is_safe() && !result.is_safe() { Value::safe(py_str(&result)) } else { result })
}

/// The argument of a filter registered with a required argument (the parser guarantees one).
fn required(arg: Option<&Value>) -> &Value {
    arg.unwrap_or(&Value::None)
}

/// `str()` of a value for `@stringfilter` filters.
fn text(v: &Value) -> String {
    py_str(v)
}

#[cfg(test)]
mod tests;
