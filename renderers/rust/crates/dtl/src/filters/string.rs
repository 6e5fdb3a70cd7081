//! Django's string filters; `@stringfilter` ones print their input with `str()` first.

use super::{required, text, FilterEnv};
use crate::error::{Error, ErrorKind, Result};
use crate::value::ops::py_int;
use crate::value::pyrepr::py_str;
use crate::value::strmethods::{py_split, py_title};
use crate::value::Value;
use std::rc::Rc;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

fn s(v: String) -> Result<Value> {
    Ok(Value::str(v))
}

/// `{{ value|addslashes }}`: a backslash before `\`, `"` and `'`.
pub fn addslashes(v: &Value, _: Option<&Value>, _: FilterEnv<'_>) -> Result<Value> {
    s(text(v).replace('\\', "\\\\").replace('"', "\\\"").replace('\'', "\\'"))
}

/// `{{ value|capfirst }}`: the first character in upper case.
pub fn capfirst(v: &Value, _: Option<&Value>, _: FilterEnv<'_>) -> Result<Value> {
    let t = text(v);
    let mut chars = t.chars();
    s(match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => t,
    })
}

fn pad(t: &str, width: i64, align: impl Fn(usize) -> usize) -> String {
    let len = t.chars().count() as i64;
    if width <= len {
        return t.to_string();
    }
    let marg = (width - len) as usize;
    let left = align(marg);
    format!("{}{t}{}", " ".repeat(left), " ".repeat(marg - left))
}

/// `{{ value|center:"15" }}`: centred in a field of that width, as Python's `str.center`.
pub fn center(v: &Value, arg: Option<&Value>, _: FilterEnv<'_>) -> Result<Value> {
    let width = py_int(required(arg))?;
    let t = text(v);
    let len = t.chars().count() as i64;
    // CPython puts the odd space on the left when the width is odd.
    let left_extra = ((width - len) & width & 1) as usize;
    s(pad(&t, width, |m| m / 2 + left_extra))
}

/// `{{ value|ljust:"10" }}`: left-aligned in a field of that width.
pub fn ljust(v: &Value, arg: Option<&Value>, _: FilterEnv<'_>) -> Result<Value> {
    s(pad(&text(v), py_int(required(arg))?, |_| 0))
}

/// `{{ value|rjust:"10" }}`: right-aligned in a field of that width.
pub fn rjust(v: &Value, arg: Option<&Value>, _: FilterEnv<'_>) -> Result<Value> {
    s(pad(&text(v), py_int(required(arg))?, |m| m))
}

/// `{{ value|cut:" " }}`: every occurrence of the argument removed.
pub fn cut(v: &Value, arg: Option<&Value>, _: FilterEnv<'_>) -> Result<Value> {
    let needle = py_str(required(arg));
    let out = text(v).replace(&needle, "");
    // Django keeps the input's safety unless the cut character is `;` (which could end an entity).
    Ok(if v.is_safe() && needle != ";" { Value::safe(out) } else { Value::str(out) })
}

/// `{{ value|lower }}`: Python's `str.lower()`.
pub fn lower(v: &Value, _: Option<&Value>, _: FilterEnv<'_>) -> Result<Value> {
    s(text(v).to_lowercase())
}

/// `{{ value|upper }}`: Python's `str.upper()`.
pub fn upper(v: &Value, _: Option<&Value>, _: FilterEnv<'_>) -> Result<Value> {
    // ASCII text maps byte for byte: upper-cased in the one allocation the result needs (a `str` already
    // in upper case is shared, not copied; a SafeString's result is a plain `str`, so it is copied).
    match v {
        Value::Str(t) if t.is_ascii() && !t.bytes().any(|b| b.is_ascii_lowercase()) => Ok(v.clone()),
        Value::Str(t) | Value::Safe(t) if t.is_ascii() => {
            let mut upper: Rc<str> = Rc::from(&**t);
            if let Some(bytes) = Rc::get_mut(&mut upper) {
                bytes.make_ascii_uppercase();
            }
            Ok(Value::Str(upper))
        }
        _ => s(text(v).to_uppercase()),
    }
}

/// `{{ value|make_list }}`: the characters of `str(value)` as a list.
pub fn make_list(v: &Value, _: Option<&Value>, _: FilterEnv<'_>) -> Result<Value> {
    Ok(Value::list(text(v).chars().map(|c| Value::str(c.to_string())).collect()))
}

/// `{{ value|phone2numeric }}`: phone letters as their keypad digits (`800-COLLECT`).
pub fn phone2numeric(v: &Value, _: Option<&Value>, _: FilterEnv<'_>) -> Result<Value> {
    let Some(t) = v.as_text() else {
        return Err(Error::new(
            ErrorKind::AttributeError,
            format!("'{}' object has no attribute 'lower'", v.type_name()),
        ));
    };
    s(t.to_lowercase()
        .chars()
        .map(|c| match c {
            'a'..='c' => '2',
            'd'..='f' => '3',
            'g'..='i' => '4',
            'j'..='l' => '5',
            'm'..='o' => '6',
            'p'..='s' => '7',
            't'..='v' => '8',
            'w'..='z' => '9',
            c => c,
        })
        .collect())
}

/// Django `slugify` (ASCII mode).
pub fn slugify_text(value: &str) -> String {
    let ascii: String = value.nfkd().filter(char::is_ascii).collect::<String>().to_lowercase();
    let kept: String =
        ascii.chars().filter(|c| c.is_alphanumeric() || *c == '_' || *c == '-' || c.is_whitespace()).collect();
    let mut out = String::with_capacity(kept.len());
    let mut in_run = false;
    for c in kept.chars() {
        if c == '-' || c.is_whitespace() {
            if !in_run {
                out.push('-');
            }
            in_run = true;
        } else {
            out.push(c);
            in_run = false;
        }
    }
    out.trim_matches(['-', '_']).to_string()
}

/// `{{ value|slugify }}`: ASCII, lower case, words joined by hyphens.
pub fn slugify(v: &Value, _: Option<&Value>, _: FilterEnv<'_>) -> Result<Value> {
    s(slugify_text(&text(v)))
}

/// Django `title`: `str.title()`, then no capital after an apostrophe or a digit.
pub fn title_text(t: &str) -> String {
    let titled: Vec<char> = py_title(t).chars().collect();
    let mut out = String::with_capacity(t.len());
    for (i, c) in titled.iter().enumerate() {
        let after_apostrophe = i >= 2 && titled[i - 1] == '\'' && titled[i - 2].is_ascii_lowercase();
        let after_digit = i >= 1 && titled[i - 1].is_ascii_digit();
        if c.is_ascii_uppercase() && (after_apostrophe || after_digit) {
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(*c);
        }
    }
    out
}

/// `{{ value|title }}`: title case, with Django's fixes after apostrophes and digits.
pub fn title(v: &Value, _: Option<&Value>, _: FilterEnv<'_>) -> Result<Value> {
    s(title_text(&text(v)))
}

fn with_int_arg(v: &Value, arg: Option<&Value>, f: fn(&str, i64) -> String) -> Result<Value> {
    let t = text(v);
    match py_int(required(arg)) {
        Ok(n) => s(f(&t, n)),
        Err(e) if e.kind == ErrorKind::ValueError => s(t),
        Err(e) => Err(e),
    }
}

/// Django `Truncator(text).chars(length)`: combining marks do not count; `…` is appended.
pub fn truncate_chars(t: &str, length: i64) -> String {
    if length <= 0 {
        return String::new();
    }
    if t.is_ascii() {
        return truncate_ascii(t, length).map_or_else(|| t.to_string(), |kept| format!("{kept}…"));
    }
    truncate_normalized(t, length)
}

// Truncator.chars on the NFC form, counting every character but combining marks (`length` positive).
fn truncate_normalized(t: &str, length: i64) -> String {
    let chars: Vec<char> = t.nfc().collect();
    let truncate_len = length - 1;
    let mut count = 0;
    let mut end = None;
    for (i, c) in chars.iter().enumerate() {
        if is_combining_mark(*c) {
            continue;
        }
        count += 1;
        if end.is_none() && count > truncate_len {
            end = Some(i);
        }
        if count > length {
            let mut out: String = chars[..end.unwrap_or(0)].iter().collect();
            out.push('…');
            return out;
        }
    }
    chars.into_iter().collect()
}

// ASCII text is its own NFC form and has no combining marks: every byte is a character. `None` when it
// fits in `length` (positive), else the part kept before the `…`.
fn truncate_ascii(t: &str, length: i64) -> Option<&str> {
    (t.len() as u64 > length as u64).then(|| &t[..length as usize - 1])
}

/// `{{ value|truncatechars:9 }}`: at most that many characters, `…` included.
pub fn truncatechars(v: &Value, arg: Option<&Value>, _: FilterEnv<'_>) -> Result<Value> {
    // ASCII `str` without the copy `str()` makes: one that fits is the result itself, shared.
    if let (Value::Str(t), Some(Value::Int(length))) = (v, arg) {
        if *length > 0 && t.is_ascii() {
            return Ok(truncate_ascii(t, *length).map_or_else(|| v.clone(), |kept| Value::str(format!("{kept}…"))));
        }
    }
    with_int_arg(v, arg, truncate_chars)
}

/// Django `Truncator(text).words(length)`.
pub fn truncate_words(t: &str, length: i64) -> String {
    if length <= 0 {
        return String::new();
    }
    let words = py_split(t);
    if words.len() as i64 > length {
        let kept = words[..length as usize].join(" ");
        return if kept.ends_with(" …") { kept } else { kept + " …" };
    }
    words.join(" ")
}

/// `{{ value|truncatewords:2 }}`: at most that many words, then ` …`.
pub fn truncatewords(v: &Value, arg: Option<&Value>, _: FilterEnv<'_>) -> Result<Value> {
    with_int_arg(v, arg, truncate_words)
}

/// `{{ value|wordcount }}`: the number of whitespace-separated words.
pub fn wordcount(v: &Value, _: Option<&Value>, _: FilterEnv<'_>) -> Result<Value> {
    Ok(Value::Int(py_split(&text(v)).len() as i64))
}

/// `{{ value|stringformat:"03d" }}`: Python's `"%03d" % value`; `''` when Python would raise.
pub fn stringformat(v: &Value, arg: Option<&Value>, _: FilterEnv<'_>) -> Result<Value> {
    // Django prints a tuple first rather than spreading it over the format.
    let value = match v {
        Value::List(_, crate::value::SeqKind::Tuple) => Value::str(py_str(v)),
        other => other.clone(),
    };
    match crate::value::pyformat::py_format(&format!("%{}", py_str(required(arg))), &value) {
        Ok(out) => s(out),
        Err(e) if matches!(e.kind, ErrorKind::ValueError | ErrorKind::TypeError) => s(String::new()),
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ENV: FilterEnv<'static> = FilterEnv { autoescape: true, now: None };

    // Text, safety: what a template sees of a filter's result.
    fn shown(v: &Value) -> (String, bool) {
        (py_str(v), v.is_safe())
    }

    fn samples() -> Vec<String> {
        let mut out: Vec<String> = ["", "a", "abc", "ABC", "Dennis Suthe", "Allen & Sons", "<b>x</b>", "12345678901"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        // ASCII of every length around the limits, in both cases and with markup characters.
        let alphabet = b"abcXYZ &<>'\"09_-";
        for len in 0..=20 {
            out.push((0..len).map(|i| alphabet[(i * 7 + len) % alphabet.len()] as char).collect());
        }
        // Non-ASCII: precomposed and combining accents, ß (two letters in upper case), a title-case letter, CJK, emoji.
        for s in [
            "café",
            "cafe\u{301}",
            "e\u{301}e\u{301}e\u{301}e\u{301}",
            "straße",
            "ǅemal",
            "日本語テキスト",
            "🙂🙂🙂🙂🙂",
        ] {
            out.push(s.to_string());
            out.push(format!("{s}abcdefghijkl"));
        }
        out
    }

    #[test]
    fn upper_of_ascii_equals_the_unicode_mapping() {
        for t in samples() {
            for v in [Value::str(t.as_str()), Value::safe(t.as_str())] {
                let fast = upper(&v, None, ENV).unwrap();
                assert_eq!(shown(&fast), (t.to_uppercase(), false), "upper of {t:?}");
                let chained = super::super::apply(super::super::builtin("upper").unwrap(), &v, None, ENV).unwrap();
                assert_eq!(shown(&chained), (t.to_uppercase(), false), "upper of {t:?} through apply");
            }
        }
    }

    #[test]
    fn truncatechars_of_ascii_equals_the_normalized_count() {
        for t in samples() {
            for length in -2..=24 {
                let expected = if length <= 0 { String::new() } else { truncate_normalized(&t, length) };
                assert_eq!(truncate_chars(&t, length), expected, "{t:?} at {length}");
                for v in [Value::str(t.as_str()), Value::safe(t.as_str())] {
                    let spec = super::super::builtin("truncatechars").unwrap();
                    let got = super::super::apply(spec, &v, Some(&Value::Int(length)), ENV).unwrap();
                    assert_eq!(shown(&got), (expected.clone(), v.is_safe()), "{v:?} at {length}");
                }
            }
        }
    }
}
