//! `date`, `time`, `timesince`, `timeuntil`.

use super::FilterEnv;
use crate::error::{Error, ErrorKind, Result};
use crate::value::dates::{between, format, resolve_format, Chars, DateVal};
use crate::value::ops::truthy;
use crate::value::pyrepr::py_str;
use crate::value::Value;

// Django's date/time filters: format with the named (or literal) format; on one of `caught` retry with
// the literal argument; on a second failure print nothing.
fn format_with(v: &Value, arg: Option<&Value>, chars: Chars, fallback: &str, caught: &[ErrorKind]) -> Result<Value> {
    if matches!(v, Value::None) || v.as_text() == Some("") {
        return Ok(Value::str(""));
    }
    let attempt = |fmt: &str| match format(v, fmt, chars) {
        Ok(s) => Ok(Some(s)),
        Err(e) if caught.contains(&e.kind) => Ok(None),
        Err(e) => Err(e),
    };
    let named = match arg {
        Some(a) if truthy(a) => py_str(a),
        _ => fallback.to_string(),
    };
    if let Some(s) = attempt(resolve_format(&named))? {
        return Ok(Value::str(s));
    }
    Ok(Value::str(attempt(&py_str(arg.unwrap_or(&Value::None)))?.unwrap_or_default()))
}

/// `{{ value|date:"D d M Y" }}`: a datetime in Django's date format (default `DATE_FORMAT`).
pub fn date(v: &Value, arg: Option<&Value>, _: FilterEnv<'_>) -> Result<Value> {
    format_with(v, arg, Chars::Date, "DATE_FORMAT", &[ErrorKind::AttributeError])
}

/// `{{ value|time:"H:i" }}`: a datetime's time in Django's time format (default `TIME_FORMAT`).
pub fn time(v: &Value, arg: Option<&Value>, _: FilterEnv<'_>) -> Result<Value> {
    format_with(v, arg, Chars::Time, "TIME_FORMAT", &[ErrorKind::AttributeError, ErrorKind::TypeError])
}

fn as_date(v: &Value) -> Result<&DateVal> {
    match v {
        Value::Date(d) => Ok(d),
        _ => Err(Error::new(ErrorKind::AttributeError, format!("'{}' object has no attribute 'year'", v.type_name()))),
    }
}

fn span(v: &Value, arg: Option<&Value>, env: FilterEnv, until: bool) -> Result<Value> {
    if !truthy(v) {
        return Ok(Value::str(""));
    }
    let d = as_date(v)?;
    let now = match arg {
        Some(a) if truthy(a) => as_date(a)?,
        _ => env.now.ok_or_else(|| Error::unsupported("timesince/timeuntil without the current time"))?,
    };
    Ok(Value::str(if until { between(now, d) } else { between(d, now) }))
}

/// `{{ value|timesince:other }}`: the time from the value to the argument (default: now), `4 days, 6 hours`.
pub fn timesince(v: &Value, arg: Option<&Value>, env: FilterEnv<'_>) -> Result<Value> {
    span(v, arg, env, false)
}

/// `{{ value|timeuntil:other }}`: the time from the argument (default: now) to the value.
pub fn timeuntil(v: &Value, arg: Option<&Value>, env: FilterEnv<'_>) -> Result<Value> {
    span(v, arg, env, true)
}
