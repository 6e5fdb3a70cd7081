//! HTML escaping as Django's `escape` and `conditional_escape`, and how a value prints into a page.

use crate::value::decimal::decimal_digits;
use crate::value::pyrepr::{localize, py_str};
use crate::value::Value;

/// The bytes `escape_into` replaces.
static ESCAPED: [bool; 256] = {
    let mut table = [false; 256];
    let mut i = 0;
    while i < 5 {
        table[b"&<>\"'"[i] as usize] = true;
        i += 1;
    }
    table
};

/// Appends `s` to `out` with `& < > " '` escaped (`'` as `&#x27;`).
pub fn escape_into(out: &mut String, s: &str) {
    let bytes = s.as_bytes();
    let mut start = 0;
    for (i, b) in bytes.iter().enumerate() {
        // One load per byte: the match alone compared each byte five times (most values escape nothing).
        if !ESCAPED[usize::from(*b)] {
            continue;
        }
        let rep = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#x27;",
            _ => continue,
        };
        out.push_str(&s[start..i]);
        out.push_str(rep);
        start = i + 1;
    }
    out.push_str(&s[start..]);
}

/// Django `escape` on a plain string.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    escape_into(&mut out, s);
    out
}

/// Django `conditional_escape`: a SafeString passes through, anything else is printed and escaped.
pub fn conditional_escape(v: &Value) -> String {
    match v {
        Value::Safe(s) => s.to_string(),
        Value::Str(s) => escape_html(s),
        _ => escape_html(&py_str(v)),
    }
}

/// Django `render_value_in_context`: localized, then escaped unless safe or autoescape is off.
pub fn render_value_into(out: &mut String, v: &Value, autoescape: bool) {
    match v {
        Value::Safe(s) => out.push_str(s),
        Value::Str(s) if autoescape => escape_into(out, s),
        Value::Str(s) => out.push_str(s),
        // An int prints as its digits, which need no escaping, without a string of its own.
        Value::Int(n) => {
            if *n < 0 {
                out.push('-');
            }
            let mut buf = [0u8; 20];
            out.extend(decimal_digits(n.unsigned_abs(), &mut buf).iter().map(|&b| b as char));
        }
        other if autoescape => escape_into(out, &localize(other)),
        other => out.push_str(&localize(other)),
    }
}

/// `render_value_into` to a new string.
#[cfg(test)]
pub fn render_value(v: &Value, autoescape: bool) -> String {
    let mut out = String::new();
    render_value_into(&mut out, v, autoescape);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_the_five_characters() {
        assert_eq!(escape_html(r#"<a href="x">&'</a>"#), "&lt;a href=&quot;x&quot;&gt;&amp;&#x27;&lt;/a&gt;");
        assert_eq!(conditional_escape(&Value::safe("<b>")), "<b>");
    }

    #[test]
    fn escapes_those_five_and_leaves_every_other_character() {
        let every: String = (0u32..0x800).filter_map(char::from_u32).chain(['\u{FFFD}', '\u{1F600}']).collect();
        let expected: String = every
            .chars()
            .map(|c| match c {
                '&' => "&amp;".to_string(),
                '<' => "&lt;".to_string(),
                '>' => "&gt;".to_string(),
                '"' => "&quot;".to_string(),
                '\'' => "&#x27;".to_string(),
                c => c.to_string(),
            })
            .collect();
        assert_eq!(escape_html(&every), expected);
    }

    #[test]
    fn ints_print_as_python_str() {
        for n in [0, 7, -7, 1_000_000, i64::MAX, i64::MIN] {
            assert_eq!(render_value(&Value::Int(n), true), py_str(&Value::Int(n)));
        }
    }
}
