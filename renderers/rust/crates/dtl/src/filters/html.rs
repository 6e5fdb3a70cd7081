//! Django's escaping, HTML and URL filters.

use super::{text, FilterEnv};
use crate::error::{Error, ErrorKind, Result};
use crate::value::escape::{conditional_escape, escape_html};
use crate::value::pyrepr::py_str;
use crate::value::surrogate;
use crate::value::{SeqKind, Value};
use std::fmt::Write;

/// `{{ value|escape }}`: HTML-escaped once (a SafeString passes through, as `conditional_escape`).
pub fn escape(v: &Value, _: Option<&Value>, _: FilterEnv<'_>) -> Result<Value> {
    Ok(Value::safe(conditional_escape(v)))
}

/// `{{ value|force_escape }}`: HTML-escaped now, even a SafeString.
pub fn force_escape(v: &Value, _: Option<&Value>, _: FilterEnv<'_>) -> Result<Value> {
    Ok(Value::safe(escape_html(&text(v))))
}

/// `{{ value|safe }}`: marked safe, so it prints unescaped.
pub fn safe(v: &Value, _: Option<&Value>, _: FilterEnv<'_>) -> Result<Value> {
    Ok(match v {
        Value::Safe(_) => v.clone(),
        _ => Value::safe(py_str(v)),
    })
}

fn iter_list(v: &Value) -> Result<Vec<Value>> {
    match v {
        Value::List(items, _) => Ok(items.to_vec()),
        Value::Group(g) => Ok(vec![g.0.clone(), g.1.clone()]),
        Value::Str(s) | Value::Safe(s) => Ok(s.chars().map(|c| Value::str(c.to_string())).collect()),
        Value::Dict(d) => Ok(d.keys().map(|k| Value::Str(k.clone())).collect()),
        _ => Err(Error::new(ErrorKind::TypeError, format!("'{}' object is not iterable", v.type_name()))),
    }
}

/// `{{ list|safeseq }}`: each item marked safe.
pub fn safeseq(v: &Value, _: Option<&Value>, _: FilterEnv<'_>) -> Result<Value> {
    Ok(Value::list(
        iter_list(v)?.iter().map(|x| if x.is_safe() { x.clone() } else { Value::safe(py_str(x)) }).collect(),
    ))
}

/// `{{ list|escapeseq }}`: each item escaped as `escape` does.
pub fn escapeseq(v: &Value, _: Option<&Value>, _: FilterEnv<'_>) -> Result<Value> {
    Ok(Value::list(iter_list(v)?.iter().map(|x| Value::safe(conditional_escape(x))).collect()))
}

/// `{{ value|escapejs }}`: characters that could end a JS string written as `\uXXXX`.
pub fn escapejs(v: &Value, _: Option<&Value>, _: FilterEnv<'_>) -> Result<Value> {
    let t = text(v);
    let mut out = String::with_capacity(t.len());
    for c in t.chars() {
        match c {
            '\\' | '\'' | '"' | '>' | '<' | '&' | '=' | '-' | ';' | '`' | '\u{2028}' | '\u{2029}' | '\0'..='\x1f' => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    Ok(Value::safe(out))
}

fn normalize_newlines(t: &str) -> String {
    t.replace("\r\n", "\n").replace('\r', "\n")
}

/// `{{ value|linebreaks }}`: paragraphs in `<p>`, single newlines as `<br>`.
pub fn linebreaks(v: &Value, _: Option<&Value>, env: FilterEnv<'_>) -> Result<Value> {
    let t = normalize_newlines(&text(v));
    let escape = env.autoescape && !v.is_safe();
    let mut paras: Vec<String> = Vec::new();
    let mut rest = t.as_str();
    // Paragraphs split at runs of two or more newlines.
    loop {
        match rest.find("\n\n") {
            Some(i) => {
                paras.push(rest[..i].to_string());
                rest = rest[i..].trim_start_matches('\n');
            }
            None => {
                paras.push(rest.to_string());
                break;
            }
        }
    }
    let out: Vec<String> = paras
        .iter()
        .map(|p| format!("<p>{}</p>", if escape { escape_html(p) } else { p.clone() }.replace('\n', "<br>")))
        .collect();
    Ok(Value::safe(out.join("\n\n")))
}

/// `{{ value|linebreaksbr }}`: newlines as `<br>`.
pub fn linebreaksbr(v: &Value, _: Option<&Value>, env: FilterEnv<'_>) -> Result<Value> {
    let t = normalize_newlines(&text(v));
    let t = if env.autoescape && !v.is_safe() { escape_html(&t) } else { t };
    Ok(Value::safe(t.replace('\n', "<br>")))
}

/// `{{ value|linenumbers }}`: each line prefixed with its number, right-aligned.
pub fn linenumbers(v: &Value, _: Option<&Value>, env: FilterEnv<'_>) -> Result<Value> {
    let t = text(v);
    let lines: Vec<&str> = t.split('\n').collect();
    let width = lines.len().to_string().len();
    let escape = env.autoescape && !v.is_safe();
    let out: Vec<String> = lines
        .iter()
        .enumerate()
        .map(|(i, l)| format!("{:0width$}. {}", i + 1, if escape { escape_html(l) } else { l.to_string() }))
        .collect();
    Ok(Value::safe(out.join("\n")))
}

/// Python `urllib.parse.quote(s, safe)`.
/// A lone surrogate has no UTF-8 form: UnicodeEncodeError, as Python's strict encoder raises.
pub fn quote(s: &str, safe: &str) -> Result<String> {
    let mut out = String::with_capacity(s.len());
    for (position, c) in s.chars().enumerate() {
        if c.is_ascii_alphanumeric() || "_.-~".contains(c) || (c.is_ascii() && safe.contains(c)) {
            out.push(c);
        } else if let Some(unit) = surrogate::surrogate_of(c) {
            return Err(Error::new(
                ErrorKind::UnicodeEncodeError,
                format!(
                    "'utf-8' codec can't encode character '\\u{unit:x}' in position {position}: surrogates not allowed"
                ),
            ));
        } else {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                let _ = write!(out, "%{b:02X}");
            }
        }
    }
    Ok(out)
}

/// `{{ value|urlencode }}`: percent-encoded for a URL; the argument lists characters kept (default `/`).
pub fn urlencode(v: &Value, arg: Option<&Value>, _: FilterEnv<'_>) -> Result<Value> {
    let safe = match arg {
        None | Some(Value::None) => "/".to_string(),
        Some(a) => py_str(a),
    };
    Ok(Value::str(quote(&text(v), &safe)?))
}

/// `{{ value|iriencode }}`: an IRI made safe for a URL (non-ASCII percent-encoded).
pub fn iriencode(v: &Value, _: Option<&Value>, _: FilterEnv<'_>) -> Result<Value> {
    Ok(Value::str(quote(&text(v), "/#%[]=:;$&()+,!?*@'~")?))
}

// Django's unordered_list: an item followed by a list is that item's sublist.
fn list_formatter(items: &[Value], tabs: usize, autoescape: bool) -> String {
    let indent = "\t".repeat(tabs);
    let mut out = Vec::new();
    let mut i = 0;
    while i < items.len() {
        let item = &items[i];
        // An item followed by a list or a tuple (a regroup group too, not a dict view) has it as sublist.
        let children = match items.get(i + 1) {
            Some(Value::List(c, SeqKind::List | SeqKind::Tuple)) => {
                i += 1;
                Some(c.clone())
            }
            Some(Value::Group(g)) => {
                i += 1;
                Some(std::rc::Rc::new(vec![g.0.clone(), g.1.clone()]))
            }
            _ => None,
        };
        i += 1;
        let sublist = match children {
            Some(c) if !c.is_empty() => {
                format!("\n{indent}<ul>\n{}\n{indent}</ul>\n{indent}", list_formatter(&c, tabs + 1, autoescape))
            }
            _ => String::new(),
        };
        let shown = if autoescape { conditional_escape(item) } else { py_str(item) };
        out.push(format!("{indent}<li>{shown}{sublist}</li>"));
    }
    out.join("\n")
}

/// `{{ list|unordered_list }}`: nested lists as `<li>` items (without the outer `<ul>`).
pub fn unordered_list(v: &Value, _: Option<&Value>, env: FilterEnv<'_>) -> Result<Value> {
    Ok(Value::safe(list_formatter(&iter_list(v)?, 1, env.autoescape)))
}
