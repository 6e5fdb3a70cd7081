//! `default`, `default_if_none`, `pluralize`, `yesno`.

use super::{required, FilterEnv};
use crate::error::Result;
use crate::value::ops::{py_float, py_len, truthy};
use crate::value::pyrepr::py_str;
use crate::value::Value;

/// `{{ value|default:"nothing" }}`: the argument when the value is falsy.
pub fn default(v: &Value, arg: Option<&Value>, _: FilterEnv<'_>) -> Result<Value> {
    Ok(if truthy(v) { v.clone() } else { required(arg).clone() })
}

/// `{{ value|default_if_none:"nothing" }}`: the argument when the value is None.
pub fn default_if_none(v: &Value, arg: Option<&Value>, _: FilterEnv<'_>) -> Result<Value> {
    Ok(if matches!(v, Value::None) { required(arg).clone() } else { v.clone() })
}

/// `{{ count|pluralize:"y,ies" }}`: the plural suffix when the count (or length) is not 1.
pub fn pluralize(v: &Value, arg: Option<&Value>, _: FilterEnv<'_>) -> Result<Value> {
    let a = arg.map_or_else(|| "s".to_string(), py_str);
    let a = if a.contains(',') { a } else { format!(",{a}") };
    let bits: Vec<&str> = a.split(',').collect();
    if bits.len() > 2 {
        return Ok(Value::str(""));
    }
    let (singular, plural) = (bits[0], bits[1]);
    let pick = |one: bool| Value::str(if one { singular } else { plural });
    Ok(match v {
        Value::Int(_) | Value::Float(_) | Value::Bool(_) | Value::Str(_) | Value::Safe(_) => match py_float(v) {
            Ok(n) => pick(n == 1.0),
            Err(_) => Value::str(""),
        },
        _ => match py_len(v) {
            Some(n) => pick(n == 1),
            None => Value::str(""),
        },
    })
}

/// `{{ value|yesno:"yeah,no,maybe" }}`: one word for true, false and None.
pub fn yesno(v: &Value, arg: Option<&Value>, _: FilterEnv<'_>) -> Result<Value> {
    let a = match arg {
        None | Some(Value::None) => "yes,no,maybe".to_string(),
        Some(a) => py_str(a),
    };
    let bits: Vec<&str> = a.split(',').collect();
    if bits.len() < 2 {
        return Ok(v.clone());
    }
    let (yes, no) = (bits[0], bits[1]);
    let maybe = if bits.len() == 3 { bits[2] } else { no };
    Ok(Value::str(if matches!(v, Value::None) {
        maybe
    } else if truthy(v) {
        yes
    } else {
        no
    }))
}

/// `{{ value|pprint }}`: Python's `pprint.pformat(value)`.
pub fn pprint(v: &Value, _: Option<&Value>, _: FilterEnv<'_>) -> Result<Value> {
    Ok(Value::str(crate::value::pprint::pformat(v)))
}
