//! Python's no-argument `str` methods that templates can call (`{{ name.upper }}`), and the
//! helpers other modules share (`split`, `title`).

use crate::value::casemap::{CASED, CASEFOLD, CASE_IGNORABLE, TITLECASE};
use crate::value::ops::is_py_space;
use crate::value::Value;
use std::cmp::Ordering;

fn in_ranges(table: &[(char, char)], c: char) -> bool {
    table
        .binary_search_by(|(lo, hi)| {
            if *hi < c {
                Ordering::Less
            } else if *lo > c {
                Ordering::Greater
            } else {
                Ordering::Equal
            }
        })
        .is_ok()
}

// Python's cased characters: upper, lower and title case letters (ǅ is neither of the first two).
fn cased(c: char) -> bool {
    in_ranges(CASED, c)
}

// The first character before (`back`) or after position `i` that is not case-ignorable.
fn uncased_neighbour(chars: &[char], i: usize, back: bool) -> Option<char> {
    let mut rest: Box<dyn Iterator<Item = &char>> =
        if back { Box::new(chars[..i].iter().rev()) } else { Box::new(chars[i + 1..].iter()) };
    rest.find(|c| !in_ranges(CASE_IGNORABLE, **c)).copied()
}

/// Appends Python's lower case of `chars[i]` inside its string: a capital sigma after a cased letter and not
/// before one (case-ignorable characters skipped) is the final sigma, as CPython's `handle_capital_sigma`.
fn push_lower_at(out: &mut String, chars: &[char], i: usize) {
    let c = chars[i];
    if c != '\u{3a3}' {
        out.extend(c.to_lowercase());
        return;
    }
    let follows_cased = uncased_neighbour(chars, i, true).is_some_and(cased);
    let precedes_cased = uncased_neighbour(chars, i, false).is_some_and(cased);
    out.push(if follows_cased && !precedes_cased { '\u{3c2}' } else { '\u{3c3}' });
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
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut prev_cased = false;
    for (i, &c) in chars.iter().enumerate() {
        if prev_cased {
            push_lower_at(&mut out, &chars, i);
        } else {
            push_titlecase(&mut out, c);
        }
        prev_cased = cased(c);
    }
    out
}

fn capitalize(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    for i in 0..chars.len() {
        if i == 0 {
            push_titlecase(&mut out, chars[0]);
        } else {
            push_lower_at(&mut out, &chars, i);
        }
    }
    out
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
