//! Character references as the HTML parser decodes them, for the references a page can be modelled with.
//! Anything that might decode differently (a name outside the table, a reference without its `;`, a
//! numeric reference the parser remaps) is refused, and the page is then patched whole.

use super::Quirk;

// Named references whose decoding is unambiguous when written with their semicolon. Django escapes with
// the first five; the rest are common in hand-written templates.
const NAMED: &[(&str, &str)] = &[
    ("amp", "&"),
    ("lt", "<"),
    ("gt", ">"),
    ("quot", "\""),
    ("apos", "'"),
    ("nbsp", "\u{a0}"),
    ("copy", "\u{a9}"),
    ("reg", "\u{ae}"),
    ("trade", "\u{2122}"),
    ("hellip", "\u{2026}"),
    ("mdash", "\u{2014}"),
    ("ndash", "\u{2013}"),
    ("laquo", "\u{ab}"),
    ("raquo", "\u{bb}"),
    ("lsquo", "\u{2018}"),
    ("rsquo", "\u{2019}"),
    ("ldquo", "\u{201c}"),
    ("rdquo", "\u{201d}"),
    ("middot", "\u{b7}"),
    ("bull", "\u{2022}"),
    ("times", "\u{d7}"),
    ("euro", "\u{20ac}"),
    ("pound", "\u{a3}"),
    ("deg", "\u{b0}"),
    ("rarr", "\u{2192}"),
    ("larr", "\u{2190}"),
];

fn numeric(digits: &str, radix: u32) -> Option<char> {
    if digits.is_empty() || digits.len() > 8 {
        return None;
    }
    let n = u32::from_str_radix(digits, radix).ok()?;
    // NUL, surrogates, C1 controls (remapped to Windows-1252) and noncharacters are replaced or remapped
    // by the parser: not modelled.
    if n == 0 || (0x80..=0x9f).contains(&n) || (n & 0xfffe) == 0xfffe || (0xfdd0..=0xfdef).contains(&n) {
        return None;
    }
    char::from_u32(n)
}

/// Decodes the character references of `raw` (text or an attribute value) into what the DOM holds; None
/// when that is `raw` itself.
pub fn decode(raw: &str) -> Result<Option<String>, Quirk> {
    // One pass for the common case, text with none of the three.
    if memchr::memchr3(b'\r', b'\0', b'&', raw.as_bytes()).is_none() {
        return Ok(None);
    }
    if memchr::memchr2(b'\r', b'\0', raw.as_bytes()).is_some() {
        // The parser normalizes CR LF and replaces NUL: not modelled.
        return Err(Quirk("carriage return or NUL in the page"));
    }
    decode_references(raw)
}

/// Decodes the character references of `raw`, leaving every other character as it is (what the JS
/// engine's attribute decoder does); None when there is none.
pub fn decode_references(raw: &str) -> Result<Option<String>, Quirk> {
    if !raw.contains('&') {
        return Ok(None);
    }
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let starts_ref = after.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '#');
        if !starts_ref {
            out.push('&');
            rest = after;
            continue;
        }
        let end = after.find(';').ok_or(Quirk("character reference without ;"))?;
        let body = &after[..end];
        let decoded = if let Some(num) = body.strip_prefix('#') {
            match num.strip_prefix(['x', 'X']) {
                Some(hex) if hex.bytes().all(|b| b.is_ascii_hexdigit()) => numeric(hex, 16),
                None if num.bytes().all(|b| b.is_ascii_digit()) => numeric(num, 10),
                _ => None,
            }
            .map(String::from)
        } else {
            NAMED.iter().find(|(name, _)| *name == body).map(|(_, s)| (*s).to_string())
        };
        out.push_str(&decoded.ok_or(Quirk("character reference outside the modelled set"))?);
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    Ok(Some(out))
}

#[cfg(test)]
mod tests {
    use super::decode;

    #[test]
    fn decodes_what_django_escapes() {
        assert_eq!(decode("a &amp; b &lt;c&gt; &quot;d&#x27; &#39;").unwrap().unwrap(), "a & b <c> \"d' '");
        assert_eq!(decode("5 & 6 &").unwrap().unwrap(), "5 & 6 &");
        assert_eq!(decode("&nbsp;&#x1F600;").unwrap().unwrap(), "\u{a0}\u{1F600}");
        assert_eq!(decode("plain").unwrap(), None);
    }

    #[test]
    fn refuses_what_it_does_not_model() {
        assert!(decode("&copy 2024").is_err());
        assert!(decode("&notin;").is_err());
        assert!(decode("&#150;").is_err());
        assert!(decode("a\r\nb").is_err());
    }
}
