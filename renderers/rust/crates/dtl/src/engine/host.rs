//! Calls from a render back into the embedding application, for what lives there as code: the
//! `{% url %}` hook, library tags and library filters. Values cross as JSON, tagged as in contexts
//! (`value.rs`), and the answer is `{"ok": value}` or `{"error": {"name": ..., "message": ...}}`.

use crate::error::{Error, Result};
use crate::value::{Value, DATE_TAG, FLOAT_TAG, SAFE_TAG};
use serde::Deserialize;
use std::fmt::Write;

/// The embedding application's side of a render.
pub trait Host {
    /// Performs request `kind` (`url`, `tag`, `filter`) with a JSON `payload`; returns the JSON answer.
    fn call(&self, kind: &str, payload: &str) -> Result<String>;
}

fn json_str(out: &mut String, s: &str) {
    // serde_json's string escaping; writing to a String cannot fail.
    out.push_str(&serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into()));
}

/// A value as tagged JSON (the inverse of parsing a context).
pub fn write_json(out: &mut String, v: &Value) {
    match v {
        Value::None | Value::Block(_) => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Int(n) => {
            let _ = write!(out, "{n}");
        }
        Value::Float(f) if f.is_finite() => {
            let _ = write!(out, "{f:?}");
        }
        Value::Float(f) => {
            let text = if f.is_nan() {
                "NaN"
            } else if *f > 0.0 {
                "Infinity"
            } else {
                "-Infinity"
            };
            let _ = write!(out, "{{\"\\u0000{}\":\"{text}\"}}", &FLOAT_TAG[1..]);
        }
        Value::Str(s) => json_str(out, s),
        Value::Safe(s) => {
            let _ = write!(out, "{{\"\\u0000{}\":", &SAFE_TAG[1..]);
            json_str(out, s);
            out.push('}');
        }
        Value::Date(d) => {
            let l = &d.local;
            let ms = if d.is_valid() { format!("{}", d.ms) } else { "null".into() };
            let _ = write!(
                out,
                "{{\"\\u0000{}\":[{ms},{},{},{},{},{},{},{},{},",
                &DATE_TAG[1..],
                l.year,
                l.month,
                l.day,
                l.hour,
                l.minute,
                l.second,
                l.millisecond,
                d.offset
            );
            json_str(out, &d.abbr);
            let _ = write!(out, ",{},{}]}}", d.dst, d.zone_known);
        }
        Value::List(items, _) => {
            out.push('[');
            for (i, x) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_json(out, x);
            }
            out.push(']');
        }
        Value::Dict(d) => {
            out.push('{');
            for (i, (k, x)) in d.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                json_str(out, k);
                out.push(':');
                write_json(out, x);
            }
            out.push('}');
        }
        Value::Forloop(_) | Value::Group(_) => {
            // Printed form of the dict or tuple these stand for, as a plain structure.
            let items = crate::value::ops::py_iter(v).unwrap_or_default();
            let as_dict = matches!(v, Value::Forloop(_));
            out.push(if as_dict { '{' } else { '[' });
            for (i, k) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                if as_dict {
                    json_str(out, &crate::value::pyrepr::py_str(k));
                    out.push(':');
                    write_json(
                        out,
                        &k.as_text().and_then(|name| crate::value::lookup::lookup(v, name)).unwrap_or(Value::None),
                    );
                } else {
                    write_json(out, k);
                }
            }
            out.push(if as_dict { '}' } else { ']' });
        }
    }
}

#[derive(Deserialize)]
struct Failure {
    name: String,
    message: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "lowercase")]
enum Answer {
    Ok(Value),
    Error(Failure),
}

// Error names are static in this crate; the host's are kept when they are the ones callers test for.
fn error_name(name: &str) -> &'static str {
    const KNOWN: &[&str] = &[
        "NoReverseMatch",
        "TemplateSyntaxError",
        "TemplateDoesNotExist",
        "VariableDoesNotExist",
        "ValueError",
        "TypeError",
        "AttributeError",
        "KeyError",
        "IndexError",
        "ZeroDivisionError",
        "OverflowError",
        "UnsupportedError",
        "RecursionError",
    ];
    KNOWN.iter().find(|k| **k == name).copied().unwrap_or("Error")
}

/// Sends a request to the host and reads its answer.
pub fn ask(host: &dyn Host, kind: &str, payload: &str) -> Result<Value> {
    let answer = host.call(kind, payload)?;
    match serde_json::from_str::<Answer>(&answer) {
        Ok(Answer::Ok(v)) => Ok(v),
        Ok(Answer::Error(f)) => Err(Error::new(error_name(&f.name), f.message)),
        Err(e) => Err(Error::new("TypeError", format!("invalid answer from the host: {e}"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_round_trip_through_tagged_json() {
        let json = r#"{"a":[1,2.5,{"\u0000s":"<b>"},{"\u0000f":"NaN"}],"b":"x\"y"}"#;
        let v: Value = serde_json::from_str(json).unwrap();
        let mut out = String::new();
        write_json(&mut out, &v);
        let again: Value = serde_json::from_str(&out).unwrap();
        assert_eq!(crate::value::pyrepr::py_repr(&again), "{'a': [1, 2.5, '<b>', nan], 'b': 'x\"y'}");
    }

    struct Echo;
    impl Host for Echo {
        fn call(&self, kind: &str, payload: &str) -> Result<String> {
            Ok(if kind == "fail" {
                r#"{"error": {"name": "NoReverseMatch", "message": "no"}}"#.into()
            } else {
                format!(r#"{{"ok": {payload}}}"#)
            })
        }
    }

    #[test]
    fn answers_are_values_or_named_errors() {
        assert_eq!(crate::value::pyrepr::py_str(&ask(&Echo, "x", "[1]").unwrap()), "[1]");
        assert_eq!(ask(&Echo, "fail", "1").unwrap_err().name, "NoReverseMatch");
    }
}
