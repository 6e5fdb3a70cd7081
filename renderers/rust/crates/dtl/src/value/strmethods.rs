//! Python's no-argument `str` methods that templates can call (`{{ name.upper }}`), and the
//! helpers other modules share (`split`, `title`).

use crate::value::casemap::{CASEFOLD, TITLECASE};
use crate::value::ops::is_py_space;
use crate::value::Value;

// Python's "cased" characters: upper case, lower case and the titlecase letters (category Lt, such as ǅ),
// which are neither of the first two.
fn cased(c: char) -> bool {
    c.is_uppercase()
        || c.is_lowercase()
        || matches!(c, '\u{1c5}' | '\u{1c8}' | '\u{1cb}' | '\u{1f2}' | '\u{1f88}'..='\u{1f8f}' | '\u{1f98}'..='\u{1f9f}'
            | '\u{1fa8}'..='\u{1faf}' | '\u{1fbc}' | '\u{1fcc}' | '\u{1ffc}')
}

/// Appends Python's `c.title()` (for one character) to `out`.
fn push_titlecase(out: &mut String, c: char) {
    match TITLECASE.binary_search_by_key(&c, |(k, _)| *k) {
        Ok(i) => out.push_str(TITLECASE[i].1),
        Err(_) => out.extend(c.to_uppercase()),
    }
}

/// Python `str.casefold()`.
fn casefold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match CASEFOLD.binary_search_by_key(&c, |(k, _)| *k) {
            Ok(i) => out.push_str(CASEFOLD[i].1),
            Err(_) => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// Python `str.split()` with no argument.
pub fn py_split(s: &str) -> Vec<&str> {
    s.split(is_py_space).filter(|w| !w.is_empty()).collect()
}

/// Python `str.title()`.
pub fn py_title(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut prev_cased = false;
    for c in s.chars() {
        if prev_cased {
            out.extend(c.to_lowercase());
        } else {
            push_titlecase(&mut out, c);
        }
        prev_cased = cased(c);
    }
    out
}

fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => {
            let mut out = String::with_capacity(s.len());
            push_titlecase(&mut out, first);
            out.push_str(&chars.as_str().to_lowercase());
            out
        }
        None => String::new(),
    }
}

fn swapcase(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_uppercase() {
            out.extend(c.to_lowercase());
        } else if c.is_lowercase() {
            out.extend(c.to_uppercase());
        } else {
            out.push(c);
        }
    }
    out
}

fn splitlines(s: &str) -> Vec<Value> {
    let mut lines = Vec::new();
    let mut cur = String::new();
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                lines.push(Value::str(std::mem::take(&mut cur)));
            }
            '\n' | '\x0b' | '\x0c' | '\x1c' | '\x1d' | '\x1e' | '\u{85}' | '\u{2028}' | '\u{2029}' => {
                lines.push(Value::str(std::mem::take(&mut cur)));
            }
            c => cur.push(c),
        }
    }
    if !cur.is_empty() {
        lines.push(Value::str(cur));
    }
    lines
}

fn all_nonempty(s: &str, f: impl Fn(char) -> bool) -> bool {
    !s.is_empty() && s.chars().all(f)
}

/// The result of Python's no-argument str method `name` on `s`, or `None` for any other name.
pub fn str_method(s: &str, name: &str) -> Option<Value> {
    let text = |t: String| Some(Value::str(t));
    match name {
        "upper" => text(s.to_uppercase()),
        "lower" => text(s.to_lowercase()),
        "casefold" => text(casefold(s)),
        "title" => text(py_title(s)),
        "capitalize" => text(capitalize(s)),
        "strip" => text(s.trim_matches(is_py_space).to_string()),
        "lstrip" => text(s.trim_start_matches(is_py_space).to_string()),
        "rstrip" => text(s.trim_end_matches(is_py_space).to_string()),
        "split" => Some(Value::list(py_split(s).into_iter().map(Value::str).collect())),
        "splitlines" => Some(Value::list(splitlines(s))),
        "swapcase" => text(swapcase(s)),
        "isdigit" | "isdecimal" => Some(Value::Bool(all_nonempty(s, |c| c.is_ascii_digit()))),
        "isnumeric" => Some(Value::Bool(all_nonempty(s, char::is_numeric))),
        "isalpha" => Some(Value::Bool(all_nonempty(s, char::is_alphabetic))),
        "isalnum" => Some(Value::Bool(all_nonempty(s, char::is_alphanumeric))),
        "isspace" => Some(Value::Bool(all_nonempty(s, is_py_space))),
        "isascii" => Some(Value::Bool(s.is_ascii())),
        "isupper" => Some(Value::Bool(s.chars().any(cased) && !s.chars().any(char::is_lowercase))),
        "islower" => Some(Value::Bool(s.chars().any(cased) && !s.chars().any(char::is_uppercase))),
        "istitle" => Some(Value::Bool(s.chars().any(cased) && py_title(s) == s)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_and_split_follow_python() {
        assert_eq!(py_title("hello wORLD 2nd"), "Hello World 2Nd");
        assert_eq!(py_split("  a \t b\n"), ["a", "b"]);
        assert!(str_method("x", "nope").is_none());
    }
}
