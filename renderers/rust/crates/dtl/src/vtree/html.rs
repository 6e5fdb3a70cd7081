//! Rendered HTML into a virtual tree, by the rules of renderers/vdom/src/html (tokenize.ts, parse.ts):
//! one text node per run of text, comments kept, `<html>`/`<head>`/`<body>` tags and doctypes make no node,
//! attributes as the DOM holds them. Where the parser would build another tree than the tags spell
//! (implied end tags, foster parenting, misnesting, foreign content...) it returns a `Quirk` instead.

use super::elements::{
    drops_leading_newline, is_document, is_formatting, is_rawtext, is_rcdata, is_void, start_quirk, text_quirk,
};
use super::entities::decode;
use super::keys::{Keyer, Marks};
use super::{any_item_keyed, El, Key, Name, Node, Quirk};

/// The tokenizer's states inside a start tag (live/fit.rs reads tags with them too).
#[derive(Clone, Copy, PartialEq)]
pub(crate) enum State {
    TagName,
    BeforeAttrName,
    AttrName,
    AfterAttrName,
    BeforeAttrValue,
    AttrValueDq,
    AttrValueSq,
    AttrValueUnq,
    AfterAttrValue,
    SelfClosing,
}

/// The HTML parser's whitespace (`[ \t\n\f\r]`).
pub(crate) fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\n' | b'\t' | b'\x0c' | b'\r')
}

/// The end (exclusive) of the start tag at `s[from]` (`<` then a letter), or a quirk when the page ends first.
fn start_tag_end(s: &[u8], from: usize) -> Result<usize, Quirk> {
    let mut state = State::TagName;
    let mut i = from + 1;
    while i < s.len() {
        let c = s[i];
        i += 1;
        state = match state {
            State::TagName => match c {
                b'>' => return Ok(i),
                b'/' => State::SelfClosing,
                c if is_space(c) => State::BeforeAttrName,
                _ => State::TagName,
            },
            State::BeforeAttrName | State::AfterAttrName | State::AfterAttrValue => match c {
                b'>' => return Ok(i),
                b'/' => State::SelfClosing,
                c if is_space(c) => {
                    if state == State::AfterAttrName {
                        State::AfterAttrName
                    } else {
                        State::BeforeAttrName
                    }
                }
                b'=' if state == State::AfterAttrName => State::BeforeAttrValue,
                _ => State::AttrName,
            },
            State::AttrName => match c {
                b'>' => return Ok(i),
                b'/' => State::SelfClosing,
                b'=' => State::BeforeAttrValue,
                c if is_space(c) => State::AfterAttrName,
                _ => State::AttrName,
            },
            State::BeforeAttrValue => match c {
                b'"' => State::AttrValueDq,
                b'\'' => State::AttrValueSq,
                b'>' => return Ok(i),
                c if is_space(c) => State::BeforeAttrValue,
                _ => State::AttrValueUnq,
            },
            State::AttrValueDq | State::AttrValueSq => {
                let quote = if state == State::AttrValueDq { b'"' } else { b'\'' };
                if c == quote {
                    State::AfterAttrValue
                } else {
                    state
                }
            }
            State::AttrValueUnq => match c {
                b'>' => return Ok(i),
                c if is_space(c) => State::BeforeAttrName,
                _ => State::AttrValueUnq,
            },
            State::SelfClosing => match c {
                b'>' => return Ok(i),
                _ => State::BeforeAttrName,
            },
        };
    }
    Err(Quirk("the page ends inside a tag"))
}

/// The attributes of one complete start tag as the DOM holds them: names lower-cased, values decoded,
/// a repeated name ignored (attrs.ts's `readStartTag`).
fn read_start_tag(raw: &str) -> Result<Vec<(String, String)>, Quirk> {
    let s = raw.as_bytes();
    let bad = Quirk("a start tag that cannot be read");
    let mut i = 1;
    while i < s.len() && !is_space(s[i]) && s[i] != b'/' && s[i] != b'>' {
        i += 1;
    }
    let mut attrs: Vec<(String, String)> = Vec::new();
    loop {
        while i < s.len() && (is_space(s[i]) || s[i] == b'/') {
            i += 1;
        }
        if i >= s.len() {
            return Err(bad);
        }
        if s[i] == b'>' {
            return if i == s.len() - 1 { Ok(attrs) } else { Err(bad) };
        }
        let start = i;
        i += 1;
        while i < s.len() && !is_space(s[i]) && !matches!(s[i], b'/' | b'>' | b'=') {
            i += 1;
        }
        let name = raw[start..i].to_ascii_lowercase();
        while i < s.len() && is_space(s[i]) {
            i += 1;
        }
        let mut value = "";
        if i < s.len() && s[i] == b'=' {
            i += 1;
            while i < s.len() && is_space(s[i]) {
                i += 1;
            }
            if i < s.len() && (s[i] == b'"' || s[i] == b'\'') {
                let q = s[i];
                let end = s[i + 1..].iter().position(|&b| b == q).ok_or(Quirk("an unclosed attribute value"))? + i + 1;
                value = &raw[i + 1..end];
                i = end + 1;
            } else {
                let from = i;
                while i < s.len() && !is_space(s[i]) && s[i] != b'>' {
                    i += 1;
                }
                value = &raw[from..i];
            }
        }
        if !attrs.iter().any(|(n, _)| *n == name) {
            attrs.push((name, decode(value)?.unwrap_or_else(|| value.to_string())));
        }
    }
}

/// The index of the raw-text end tag `</name` (followed by a space, `/`, `>` or the end) from `from`.
fn raw_end(s: &str, from: usize, name: &str) -> Option<usize> {
    let b = s.as_bytes();
    let mut at = from;
    while let Some(k) = s[at..].find("</") {
        let p = at + k;
        let tag = p + 2;
        let after = tag + name.len();
        if after <= b.len()
            && b[tag..after].eq_ignore_ascii_case(name.as_bytes())
            && (after == b.len() || matches!(b[after], b'>' | b'/') || is_space(b[after]))
        {
            return Some(p);
        }
        at = p + 2;
    }
    None
}

/// Appends text the way the parser builds it: adjacent text merges, empty text makes no node. `value` is
/// None when the source is the data.
fn append_text(out: &mut Vec<Node>, html: &str, start: usize, end: usize, value: Option<String>) {
    if start == end {
        return;
    }
    if let Some(Node::Text { span, value: last }) = out.last_mut() {
        if last.is_some() || value.is_some() {
            let mut merged = last.take().unwrap_or_else(|| html[span.0..span.1].to_string());
            merged.push_str(value.as_deref().unwrap_or(&html[start..end]));
            *last = Some(merged);
        }
        span.1 = end;
        return;
    }
    out.push(Node::Text { span: (start, end), value });
}

struct Open {
    name: Name,
    start: usize,
    open_end: usize,
    attrs: Vec<(String, String)>,
    children: Vec<Node>,
    key: Option<Key>,
}

// The key attribute's, else the loop item's (keys.rs), for an element starting at `at`.
fn key_of(attrs: &[(String, String)], keyer: &mut Keyer, at: usize, parent_open_end: usize) -> Option<Key> {
    match attrs.iter().position(|(n, _)| n == "data-key" || n == "key") {
        Some(i) => Some(Key::Attr(i)),
        None => keyer.key(at, parent_open_end).map(Key::Item),
    }
}

/// Drops the nodes the parser makes no DOM node of (a doctype or `<body>` tag alone), once the text around
/// them is merged: child lists then index like the DOM's `childNodes`.
fn dom_nodes(mut nodes: Vec<Node>) -> Vec<Node> {
    nodes.retain(|n| !matches!(n, Node::Text { value: Some(v), .. } if v.is_empty()));
    nodes
}

fn element(mut open: Open, close_start: usize, end: usize) -> Node {
    open.children = dom_nodes(open.children);
    let item_keyed_below = any_item_keyed(&open.children);
    Node::El(Box::new(El {
        name: open.name,
        span: (open.start, end),
        open_end: open.open_end,
        close_start,
        attrs: open.attrs,
        children: open.children,
        key: open.key,
        item_keyed_below,
        anchor: None,
    }))
}

/// Parses a whole page (the content of the root container) into its child nodes; `marks` key
/// the elements of loop iterations.
pub fn parse(html: &str, marks: &Marks) -> Result<Vec<Node>, Quirk> {
    parse_range(html, 0, Vec::new(), marks)
}

/// Parses `html[from..]` as the content of the open elements `names` (outermost first): what lies
/// between an element's tags. Spans are offsets into `html`.
pub fn parse_range(html: &str, from: usize, mut names: Vec<Name>, marks: &Marks) -> Result<Vec<Node>, Quirk> {
    let s = html.as_bytes();
    let mut keyer = Keyer::new(marks, from, html.len());
    let mut root: Vec<Node> = Vec::new();
    let mut stack: Vec<Open> = Vec::new();
    let mut i = from;
    while i < s.len() {
        let parent_open_end = stack.last().map_or(from, |top| top.open_end);
        let target = match stack.last_mut() {
            Some(top) => &mut top.children,
            None => &mut root,
        };
        let lt = memchr::memchr(b'<', &s[i..]).map_or(s.len(), |k| i + k);
        if lt > i {
            let raw = &html[i..lt];
            if text_quirk(raw, &names) {
                return Err(Quirk("text inside a table"));
            }
            append_text(target, html, i, lt, decode(raw)?);
            i = lt;
            continue;
        }
        let next = s.get(i + 1).copied();
        match next {
            Some(b'/') if s.get(i + 2).is_some_and(u8::is_ascii_alphabetic) => {
                let gt = memchr::memchr(b'>', &s[i..]).ok_or(Quirk("the page ends inside an end tag"))? + i;
                let raw = &html[i..=gt];
                let name_end =
                    raw[2..].find(|c: char| c == '/' || c == '>' || is_space(c as u8)).unwrap_or(raw.len() - 2);
                let name = Name::new(&raw[2..2 + name_end]);
                if is_document(&name) {
                    append_text(target, html, i, gt + 1, Some(String::new()));
                } else {
                    let top = stack
                        .pop()
                        .filter(|top| top.name == name)
                        .ok_or(Quirk("an end tag that does not close the current element"))?;
                    names.pop();
                    let el = element(top, i, gt + 1);
                    match stack.last_mut() {
                        Some(t) => t.children.push(el),
                        None => root.push(el),
                    }
                }
                i = gt + 1;
            }
            Some(b'!') if html[i..].starts_with("<!--") => {
                let body = i + 4;
                let end = html[body..].find("-->").ok_or(Quirk("an unclosed comment"))? + body;
                let value = &html[body..end];
                // `<!-->`, `<!--->` and `--!>` end a comment early; the vdom does not model them either.
                if value.starts_with('>') || value.starts_with("->") || value.contains("--!>") {
                    return Err(Quirk("a comment the parser ends early"));
                }
                if value.contains(['\r', '\0']) {
                    return Err(Quirk("carriage return or NUL in a comment"));
                }
                target.push(Node::Comment { span: (i, end + 3), value: value.to_string() });
                i = end + 3;
            }
            Some(b'!') => {
                let gt = memchr::memchr(b'>', &s[i..]).ok_or(Quirk("the page ends inside markup"))? + i;
                if !html[i..].get(..9).is_some_and(|d| d.eq_ignore_ascii_case("<!doctype")) {
                    return Err(Quirk("a bogus comment"));
                }
                append_text(target, html, i, gt + 1, Some(String::new()));
                i = gt + 1;
            }
            Some(c) if c.is_ascii_alphabetic() => {
                let end = start_tag_end(s, i)?;
                let raw = &html[i..end];
                let name_end =
                    raw[1..].find(|c: char| c == '/' || c == '>' || is_space(c as u8)).unwrap_or(raw.len() - 1);
                let name = Name::new(&raw[1..1 + name_end]);
                if is_document(&name) {
                    append_text(target, html, i, end, Some(String::new()));
                    i = end;
                    continue;
                }
                if start_quirk(&name, &names) {
                    return Err(Quirk("a start tag the parser would not nest as written"));
                }
                let attrs = read_start_tag(raw)?;
                let key = key_of(&attrs, &mut keyer, i, parent_open_end);
                let open = Open { name, start: i, open_end: end, attrs, children: Vec::new(), key };
                if is_void(&open.name) {
                    target.push(element(open, end, end));
                    i = end;
                } else if is_rawtext(&open.name) || is_rcdata(&open.name) {
                    i = raw_element(html, open, target)?;
                } else {
                    if drops_leading_newline(&open.name) && s.get(end) == Some(&b'\n') {
                        return Err(Quirk("a leading newline the parser drops"));
                    }
                    names.push(open.name.clone());
                    stack.push(open);
                    i = end;
                }
            }
            _ => return Err(Quirk("a \"<\" that does not start a tag")),
        }
    }
    if !stack.is_empty() {
        return Err(Quirk(if stack.iter().any(|o| is_formatting(&o.name)) {
            "an unclosed formatting element"
        } else {
            "an unclosed element"
        }));
    }
    Ok(dom_nodes(root))
}

// A raw-text or RCDATA element: its content up to its end tag is one text node. Returns where it ends.
fn raw_element(html: &str, mut open: Open, target: &mut Vec<Node>) -> Result<usize, Quirk> {
    let from = open.open_end;
    let close = raw_end(html, from, &open.name).ok_or(Quirk("a raw-text element that is not closed"))?;
    let gt = html[close..].find('>').ok_or(Quirk("the page ends inside an end tag"))? + close;
    let text = &html[from..close];
    if is_rcdata(&open.name) && text.contains('<') {
        return Err(Quirk("\"<\" inside an RCDATA element (happy-dom parses it as markup)"));
    }
    if trailing_tag(text) {
        return Err(Quirk("raw text that ends like a tag"));
    }
    if drops_leading_newline(&open.name) && text.starts_with('\n') {
        return Err(Quirk("a leading newline the parser drops"));
    }
    if text.contains(['\r', '\0']) {
        return Err(Quirk("carriage return or NUL in raw text"));
    }
    if !text.is_empty() {
        let value = if is_rcdata(&open.name) { decode(text)? } else { None };
        open.children.push(Node::Text { span: (from, close), value });
    }
    target.push(element(open, close, gt + 1));
    Ok(gt + 1)
}

// `<[A-Za-z][^\s>]*$`: happy-dom drops raw text ending in what looks like an unterminated tag.
fn trailing_tag(text: &str) -> bool {
    let Some(lt) = text.rfind('<') else { return false };
    let rest = &text.as_bytes()[lt + 1..];
    rest.first().is_some_and(u8::is_ascii_alphabetic) && rest.iter().all(|&b| !is_space(b) && b != b'>')
}
