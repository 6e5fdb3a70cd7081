//! `wordwrap`, `json_script` and `random`: the filters that format text in bulk.

use super::{required, text, FilterEnv};
use crate::error::{Error, ErrorKind, Result};
use crate::value::escape::conditional_escape;
use crate::value::ops::{is_py_space, py_int, py_iter, truthy};
use crate::value::pyrepr::float_repr;
use crate::value::surrogate;
use crate::value::{SeqKind, Value};
use std::fmt::Write;

// Python `str.expandtabs()` with tab size 8.
fn expand_tabs(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut col = 0;
    for c in s.chars() {
        if c == '\t' {
            let n = 8 - col % 8;
            out.push_str(&" ".repeat(n));
            col += n;
        } else {
            out.push(c);
            col = if c == '\n' || c == '\r' { 0 } else { col + 1 };
        }
    }
    out
}

fn is_wrap_space(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\x0b' | '\x0c' | '\r' | ' ')
}

// Python `textwrap.TextWrapper(width, break_long_words=False, break_on_hyphens=False,
// replace_whitespace=False).wrap(line)`: chunks are runs of whitespace or of anything else.
fn wrap_line(line: &str, width: usize) -> Vec<String> {
    let expanded = expand_tabs(line);
    let mut chunks: Vec<String> = Vec::new();
    for c in expanded.chars() {
        match chunks.last_mut() {
            Some(last) if last.chars().next().map(is_wrap_space) == Some(is_wrap_space(c)) => last.push(c),
            _ => chunks.push(c.to_string()),
        }
    }
    chunks.reverse();
    let len = |s: &str| s.chars().count();
    let blank = |s: Option<&String>| s.is_some_and(|c| c.chars().all(is_py_space));
    let mut lines = Vec::new();
    while !chunks.is_empty() {
        let mut cur: Vec<String> = Vec::new();
        let mut cur_len = 0;
        if blank(chunks.last()) && !lines.is_empty() {
            chunks.pop();
        }
        while let Some(l) = chunks.last().map(|c| len(c)) {
            if cur_len + l > width {
                break;
            }
            cur_len += l;
            cur.extend(chunks.pop());
        }
        // A word longer than the width goes on its own line, unbroken.
        if cur.is_empty() && chunks.last().is_some_and(|c| len(c) > width) {
            cur.extend(chunks.pop());
        }
        if blank(cur.last()) {
            cur.pop();
        }
        if !cur.is_empty() {
            lines.push(cur.concat());
        }
    }
    lines
}

fn splitlines(s: &str) -> Vec<&str> {
    let mut lines = Vec::new();
    let mut start = 0;
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let end_len = match c {
            '\r' if chars.peek().map(|(_, n)| *n) == Some('\n') => {
                chars.next();
                2
            }
            '\n' | '\r' | '\x0b' | '\x0c' | '\x1c' | '\x1d' | '\x1e' | '\u{85}' | '\u{2028}' | '\u{2029}' => {
                c.len_utf8()
            }
            _ => continue,
        };
        lines.push(&s[start..i]);
        start = i + end_len;
    }
    if start < s.len() {
        lines.push(&s[start..]);
    }
    lines
}

/// `{{ value|wordwrap:5 }}`: lines wrapped at that width, as Django's `wrap`.
pub fn wordwrap(v: &Value, arg: Option<&Value>, _: FilterEnv<'_>) -> Result<Value> {
    let width = py_int(required(arg))?;
    let t = text(v);
    let lines = splitlines(&t);
    // textwrap checks the width when it wraps a line: text without lines never gets there.
    if width <= 0 && !lines.is_empty() {
        return Err(Error::new(ErrorKind::ValueError, format!("invalid width {width} (must be > 0)")));
    }
    let mut result: Vec<String> = Vec::new();
    for line in lines {
        let wrapped = wrap_line(line, width as usize);
        if wrapped.is_empty() {
            result.push(line.to_string());
        } else {
            result.extend(wrapped);
        }
    }
    if t.ends_with('\n') {
        result.push(String::new());
    }
    Ok(Value::str(result.join("\n")))
}

fn json_string(out: &mut String, s: &str) {
    out.push('"');
    let mut buf = [0u16; 2];
    let units = s.chars().flat_map(|c| match surrogate::surrogate_of(c) {
        Some(unit) => vec![unit as u16],
        None => c.encode_utf16(&mut buf).to_vec(),
    });
    for unit in units {
        match unit {
            0x22 => out.push_str("\\\""),
            0x5c => out.push_str("\\\\"),
            0x0a => out.push_str("\\n"),
            0x0d => out.push_str("\\r"),
            0x09 => out.push_str("\\t"),
            0x08 => out.push_str("\\b"),
            0x0c => out.push_str("\\f"),
            // ensure_ascii: every other non-printable or non-ASCII UTF-16 unit as \uXXXX.
            u if !(0x20..=0x7e).contains(&u) => {
                let _ = write!(out, "\\u{u:04x}");
            }
            u => out.push(char::from(u as u8)),
        }
    }
    out.push('"');
}

// Python `json.dumps(value, cls=DjangoJSONEncoder)`.
fn json_dumps(out: &mut String, v: &Value) -> Result<()> {
    match v {
        // `undefined` in a container is None there, as it prints.
        Value::None | Value::Undefined => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Int(n) => out.push_str(&n.to_string()),
        // A BigInt beyond 2^53 is a Python int: its digits.
        Value::Object(o) if &*o.class == "int" => out.push_str(&o.text),
        Value::Float(f) if f.is_nan() => out.push_str("NaN"),
        Value::Float(f) if f.is_infinite() => out.push_str(if *f > 0.0 { "Infinity" } else { "-Infinity" }),
        Value::Float(f) => out.push_str(&float_repr(*f)),
        Value::Str(s) | Value::Safe(s) => json_string(out, s),
        Value::Date(d) => {
            // DjangoJSONEncoder: isoformat() cut to milliseconds, `+00:00` written `Z`.
            let u = d.utc();
            let ms = if u.millisecond > 0 { format!(".{:03}", u.millisecond) } else { String::new() };
            let iso =
                format!("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}{ms}Z", u.year, u.month, u.day, u.hour, u.minute, u.second);
            json_string(out, &iso);
        }
        // Lists and tuples (a regroup group too) are arrays; dict views are not serializable.
        Value::List(_, SeqKind::List | SeqKind::Tuple) | Value::Group(_) => {
            out.push('[');
            for (i, x) in py_iter(v)?.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                json_dumps(out, x)?;
            }
            out.push(']');
        }
        Value::Dict(d) => {
            out.push('{');
            for (i, (k, x)) in d.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                json_string(out, k);
                out.push_str(": ");
                json_dumps(out, x)?;
            }
            out.push('}');
        }
        other => {
            return Err(Error::new(
                ErrorKind::TypeError,
                format!("Object of type {} is not JSON serializable", other.type_name()),
            ));
        }
    }
    Ok(())
}

/// `{{ value|json_script:"id" }}`: the value as JSON inside a `<script type="application/json">`.
pub fn json_script(v: &Value, arg: Option<&Value>, _: FilterEnv<'_>) -> Result<Value> {
    let mut json = String::new();
    json_dumps(&mut json, v)?;
    let json = json.replace('<', "\\u003C").replace('>', "\\u003E").replace('&', "\\u0026");
    Ok(Value::safe(match arg {
        Some(id) if truthy(id) => {
            format!("<script id=\"{}\" type=\"application/json\">{json}</script>", conditional_escape(id))
        }
        _ => format!("<script type=\"application/json\">{json}</script>"),
    }))
}

/// `{{ list|random }}`: a random item (a random character of a string).
pub fn random(v: &Value, _: Option<&Value>, _: FilterEnv<'_>) -> Result<Value> {
    let items: Vec<Value> = match v {
        Value::Str(s) | Value::Safe(s) => s.chars().map(|c| Value::str(c.to_string())).collect(),
        Value::List(items, _) => items.to_vec(),
        Value::Group(g) => vec![g.0.clone(), g.1.clone()],
        _ => return Err(Error::new(ErrorKind::TypeError, format!("object of type '{}' has no len()", v.type_name()))),
    };
    // random.choice checks for an empty sequence before it subscripts one (a dict view refuses that).
    if items.is_empty() {
        return Ok(Value::str(""));
    }
    if let Value::List(_, kind @ (SeqKind::DictKeys | SeqKind::DictItems | SeqKind::DictValues)) = v {
        return Err(Error::new(ErrorKind::TypeError, format!("'{}' object is not subscriptable", kind.name())));
    }
    let i = (crate::random::next_random() % items.len() as u64) as usize;
    Ok(items[i].clone())
}
