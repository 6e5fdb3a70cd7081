//! Python `pprint.pformat(value)` (width 80, dicts sorted by key), for the `pprint` filter.

use crate::value::ops::py_order;
use crate::value::pyrepr::{py_repr, str_repr};
use crate::value::{Dict, SeqKind, Value};
use std::cmp::Ordering;

const WIDTH: usize = 80;

fn len(s: &str) -> usize {
    s.chars().count()
}

// pprint sorts dict items by key (all keys are str in this value model).
fn sorted(d: &Dict) -> Vec<(Value, &Value)> {
    let mut items: Vec<(Value, &Value)> = d.iter().map(|(k, v)| (Value::Str(k.clone()), v)).collect();
    items.sort_by(|a, b| py_order(&a.0, &b.0).unwrap_or(Ordering::Equal));
    items
}

/// repr with dict keys sorted, as PrettyPrinter._safe_repr.
fn safe_repr(v: &Value) -> String {
    match v {
        Value::List(items, kind @ (SeqKind::List | SeqKind::Tuple)) => {
            let parts: Vec<String> = items.iter().map(safe_repr).collect();
            match kind {
                SeqKind::Tuple if parts.len() == 1 => format!("({},)", parts[0]),
                SeqKind::Tuple => format!("({})", parts.join(", ")),
                _ => format!("[{}]", parts.join(", ")),
            }
        }
        Value::Dict(d) => {
            let parts: Vec<String> =
                sorted(d).iter().map(|(k, x)| format!("{}: {}", safe_repr(k), safe_repr(x))).collect();
            format!("{{{}}}", parts.join(", "))
        }
        other => py_repr(other),
    }
}

/// Where a value is printed, as PrettyPrinter's arguments say it: the column it starts at, the columns
/// to keep free after it for the brackets that close around it, and how deeply it is nested.
#[derive(Clone, Copy)]
struct Space {
    indent: usize,
    allowance: usize,
    level: usize,
}

struct Printer {
    out: String,
}

impl Printer {
    fn format(&mut self, v: &Value, at: Space) {
        let rep = safe_repr(v);
        if len(&rep) > WIDTH.saturating_sub(at.indent + at.allowance) {
            let nested = Space { level: at.level + 1, ..at };
            match v {
                Value::List(items, SeqKind::List) => return self.sequence(items, ("[", "]"), nested),
                Value::List(items, SeqKind::Tuple) => {
                    let close = if items.len() == 1 { ",)" } else { ")" };
                    return self.sequence(items, ("(", close), nested);
                }
                Value::Dict(d) => return self.dict(d, nested),
                Value::Str(s) | Value::Safe(s) => return self.string(s, nested),
                _ => {}
            }
        }
        self.out.push_str(&rep);
    }

    fn sequence(&mut self, items: &[Value], (open, close): (&str, &str), at: Space) {
        self.out.push_str(open);
        let inner = at.indent + 1;
        for (i, x) in items.iter().enumerate() {
            let last = i + 1 == items.len();
            if i > 0 {
                self.out.push_str(",\n");
                self.out.push_str(&" ".repeat(inner));
            }
            self.format(
                x,
                Space { indent: inner, allowance: if last { at.allowance + 1 } else { 1 }, level: at.level },
            );
        }
        self.out.push_str(close);
    }

    fn dict(&mut self, d: &Dict, at: Space) {
        self.out.push('{');
        let items = sorted(d);
        let inner = at.indent + 1;
        for (i, (k, x)) in items.iter().enumerate() {
            let last = i + 1 == items.len();
            let krep = safe_repr(k);
            self.out.push_str(&krep);
            self.out.push_str(": ");
            let allowance = if last { at.allowance + 1 } else { 1 };
            self.format(x, Space { indent: inner + len(&krep) + 2, allowance, level: at.level });
            if !last {
                self.out.push_str(",\n");
                self.out.push_str(&" ".repeat(inner));
            }
        }
        self.out.push('}');
    }

    // PrettyPrinter._pprint_str: a long string split at whitespace into adjacent literals.
    fn string(&mut self, s: &str, at: Space) {
        let Space { indent, allowance, level } = at;
        if s.is_empty() {
            self.out.push_str("''");
            return;
        }
        let (ind, allow) = if level == 1 { (indent + 1, allowance + 1) } else { (indent, allowance) };
        let lines = keepends_lines(s);
        let max_width = WIDTH.saturating_sub(ind);
        let mut chunks: Vec<String> = Vec::new();
        let mut last_rep = String::new();
        for (i, line) in lines.iter().enumerate() {
            let last_line = i + 1 == lines.len();
            let rep = str_repr(line);
            last_rep = rep.clone();
            if len(&rep) <= max_width.saturating_sub(if last_line { allow } else { 0 }) {
                chunks.push(rep);
                continue;
            }
            let parts = word_parts(line);
            let mut current = String::new();
            for (j, part) in parts.iter().enumerate() {
                let candidate = format!("{current}{part}");
                let width = max_width.saturating_sub(if j + 1 == parts.len() && last_line { allow } else { 0 });
                if len(&str_repr(&candidate)) > width {
                    if !current.is_empty() {
                        chunks.push(str_repr(&current));
                    }
                    current = part.to_string();
                } else {
                    current = candidate;
                }
            }
            if !current.is_empty() {
                chunks.push(str_repr(&current));
            }
        }
        if chunks.len() == 1 {
            self.out.push_str(&last_rep);
            return;
        }
        let joined = chunks.join(&format!("\n{}", " ".repeat(ind)));
        if level == 1 {
            self.out.push_str(&format!("({joined})"));
        } else {
            self.out.push_str(&joined);
        }
    }
}

// Python `str.splitlines(keepends=True)`.
fn keepends_lines(s: &str) -> Vec<&str> {
    let mut lines = Vec::new();
    let mut start = 0;
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let end = match c {
            '\r' if chars.peek().map(|(_, n)| *n) == Some('\n') => {
                chars.next();
                i + 2
            }
            '\n' | '\r' | '\x0b' | '\x0c' | '\x1c' | '\x1d' | '\x1e' | '\u{85}' | '\u{2028}' | '\u{2029}' => {
                i + c.len_utf8()
            }
            _ => continue,
        };
        lines.push(&s[start..end]);
        start = end;
    }
    if start < s.len() {
        lines.push(&s[start..]);
    }
    lines
}

// `re.findall(r'\S*\s*', line)` without the empty match: a word and the whitespace after it.
fn word_parts(line: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut start = 0;
    let mut in_space = false;
    for (i, c) in line.char_indices() {
        let space = c.is_whitespace();
        if in_space && !space {
            parts.push(&line[start..i]);
            start = i;
        }
        in_space = space;
    }
    if start < line.len() {
        parts.push(&line[start..]);
    }
    parts
}

/// Python `pprint.pformat(value)`.
pub fn pformat(v: &Value) -> String {
    let mut p = Printer { out: String::new() };
    p.format(v, Space { indent: 0, allowance: 0, level: 0 });
    p.out
}
