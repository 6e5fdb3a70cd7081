//! Django's built-in filters, one module per family, with Django's registration flags.
//! Filters this crate does not implement are refused when a template is prepared (see `spec`).

mod html;
mod list;
mod logic;
mod number;
mod string;

use crate::error::Result;
use crate::pyrepr::py_str;
use crate::value::Value;

/// What a filter reads from the render besides its value and argument.
#[derive(Clone, Copy)]
pub struct FilterEnv {
    pub autoescape: bool,
}

/// A filter's function: `arg` is `None` when the filter was called without one.
pub type FilterFn = fn(&Value, Option<&Value>, FilterEnv) -> Result<Value>;

/// A filter and Django's `is_safe` flag.
pub struct FilterSpec {
    pub name: &'static str,
    pub func: FilterFn,
    /// Django `is_safe`: the result is safe when the input was.
    pub is_safe: bool,
}

impl std::fmt::Debug for FilterSpec {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(f, "FilterSpec({})", self.name)
    }
}

const fn spec(name: &'static str, func: FilterFn, is_safe: bool) -> FilterSpec {
    FilterSpec { name, func, is_safe }
}

static FILTERS: &[FilterSpec] = &[
    spec("add", number::add, false),
    spec("addslashes", string::addslashes, true),
    spec("capfirst", string::capfirst, true),
    spec("center", string::center, true),
    spec("cut", string::cut, false),
    spec("default", logic::default, false),
    spec("default_if_none", logic::default_if_none, false),
    spec("dictsort", list::dictsort, false),
    spec("dictsortreversed", list::dictsortreversed, false),
    spec("divisibleby", number::divisibleby, false),
    spec("escape", html::escape, true),
    spec("escapejs", html::escapejs, false),
    spec("escapeseq", html::escapeseq, true),
    spec("filesizeformat", number::filesizeformat, true),
    spec("first", list::first, false),
    spec("floatformat", number::floatformat, true),
    spec("force_escape", html::force_escape, true),
    spec("get_digit", number::get_digit, false),
    spec("iriencode", html::iriencode, true),
    spec("join", list::join, true),
    spec("last", list::last, true),
    spec("length", list::length, false),
    spec("linebreaks", html::linebreaks, true),
    spec("linebreaksbr", html::linebreaksbr, true),
    spec("linenumbers", html::linenumbers, true),
    spec("ljust", string::ljust, true),
    spec("lower", string::lower, true),
    spec("make_list", string::make_list, false),
    spec("phone2numeric", string::phone2numeric, true),
    spec("pluralize", logic::pluralize, false),
    spec("rjust", string::rjust, true),
    spec("safe", html::safe, true),
    spec("safeseq", html::safeseq, true),
    spec("slice", list::slice, true),
    spec("slugify", string::slugify, true),
    spec("title", string::title, true),
    spec("truncatechars", string::truncatechars, true),
    spec("truncatewords", string::truncatewords, true),
    spec("unordered_list", html::unordered_list, true),
    spec("upper", string::upper, false),
    spec("urlencode", html::urlencode, false),
    spec("wordcount", string::wordcount, false),
    spec("yesno", logic::yesno, false),
];

/// The built-in filter `name`, or `None` when this crate does not implement it.
pub fn builtin(name: &str) -> Option<&'static FilterSpec> {
    FILTERS.iter().find(|f| f.name == name)
}

/// One step of Django's FilterExpression: calls the filter and applies `is_safe`.
pub fn apply(spec: &FilterSpec, value: &Value, arg: Option<&Value>, env: FilterEnv) -> Result<Value> {
    let result = (spec.func)(value, arg, env)?;
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
