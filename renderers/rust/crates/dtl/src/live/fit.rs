//! Whether a content slot's new value parses, in its element, as the content the structure says: the
//! check the compiled JS engine makes (`holds` in renderers/codegen/src/live/document.ts) with
//! `@tessera/markup`'s tokenizer and parser rules (core/markup/src/{tokenize,quirks,elements}.ts), ported
//! rule for rule so both engines send the same values as slot patches and the same ones with the page
//! (test/rust-vs-codegen-live.test.ts compares their decisions on generated markup).
//!
//! A value fits when the HTML parser, reading the page with the value in place, builds under the element
//! exactly what parsing the value as the element's `innerHTML` builds: no start tag closes or moves an
//! element open around it, no end tag reaches outside the value, no text lands in table structure, no
//! formatting element is left to be reopened, and every element the value opens it closes.

use super::plan::Check;
use crate::vtree::html::{is_space, State};
use std::borrow::Cow;
use std::collections::HashSet;
use std::sync::OnceLock;

/// One token of a rendered value; comments, doctypes and raw text change no element and are `Other`.
enum Tok<'a> {
    Text(&'a str),
    Start { name: Cow<'a, str>, self_closing: bool },
    End { name: Cow<'a, str> },
    Other,
}

/// A tag name in lower case (borrowed when it already is).
fn lower(name: &str) -> Cow<'_, str> {
    if name.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(name.to_ascii_lowercase())
    } else {
        Cow::Borrowed(name)
    }
}

/// Whether `name` is one of the space-separated `names` (the short lists).
fn set(names: &str, name: &str) -> bool {
    names.split(' ').any(|n| n == name)
}

/// A category of elements, as a set built on first use (the long lists are read for every tag).
struct Names(&'static str, OnceLock<HashSet<&'static str>>);

impl Names {
    const fn new(names: &'static str) -> Names {
        Names(names, OnceLock::new())
    }

    fn has(&self, name: &str) -> bool {
        self.1.get_or_init(|| self.0.split(' ').collect()).contains(name)
    }
}

static VOID: Names =
    Names::new("area base br col embed hr img input link meta source track wbr keygen param basefont bgsound");
static RAWTEXT: Names = Names::new("script style xmp iframe noembed noframes");
static RCDATA: Names = Names::new("textarea title");
static UNMODELLED: Names =
    Names::new("frameset frame noscript plaintext image isindex template svg math xmp iframe noembed noframes");
static DOCUMENT: Names = Names::new("html head body");
static CLOSES_P: Names = Names::new(
    "address article aside blockquote center details dialog dir div dl fieldset figcaption figure \
    footer header hgroup main menu nav ol p search section summary ul h1 h2 h3 h4 h5 h6 pre listing form table hr xmp \
    li dd dt plaintext",
);
const P_SCOPE: &str = "applet caption html table td th marquee object template button";
static HEADINGS: Names = Names::new("h1 h2 h3 h4 h5 h6");
static SPECIAL: Names = Names::new(
    "address applet area article aside base basefont bgsound blockquote body br button caption \
    center col colgroup dd details dir div dl dt embed fieldset figcaption figure footer form frame frameset h1 h2 h3 \
    h4 h5 h6 head header hgroup hr html iframe img input keygen li link listing main marquee menu meta nav noembed \
    noframes noscript object ol p param plaintext pre script search section select source style summary table tbody \
    td template textarea tfoot th thead title tr track ul wbr xmp",
);
static SELECT_CHILDREN: Names = Names::new("option optgroup hr script template");
static FORMATTING: Names = Names::new("a b big code em font i nobr s small strike strong tt u");
static BREAKOUT: Names = Names::new(
    "b big blockquote body br center code dd div dl dt em embed h1 h2 h3 h4 h5 h6 head hr i img \
    li listing menu meta nobr ol p pre ruby s small span strong strike sub sup table tt u ul var font",
);
const LIST_STOPS: &str = "ul ol menu table td th caption button";
const DL_STOPS: &str = "dl table td th caption button";

/// The parents a table-structure element may appear in without the parser moving it.
fn table_parent(name: &str) -> Option<&'static str> {
    Some(match name {
        "caption" | "colgroup" | "thead" | "tbody" | "tfoot" => "table",
        "col" => "colgroup",
        "tr" => "thead tbody tfoot",
        "td" | "th" => "tr",
        _ => return None,
    })
}

/// The children a table-structure parent allows (besides whitespace text, comments, script, style).
fn table_children(parent: &str) -> Option<&'static str> {
    Some(match parent {
        "table" => "caption colgroup thead tbody tfoot",
        "thead" | "tbody" | "tfoot" => "tr",
        "tr" => "td th",
        "colgroup" => "col",
        _ => return None,
    })
}

/// What JavaScript's `\s` matches: where the JS tokenizer splits an end tag's name from the rest.
fn js_space(c: char) -> bool {
    matches!(
        c,
        '\t' | '\n' | '\x0b' | '\x0c' | '\r' | ' ' | '\u{a0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200a}' | '\u{2028}' | '\u{2029}' | '\u{202f}' | '\u{205f}' | '\u{3000}' | '\u{feff}'
    )
}

/// The tokens of `s`, or None when one cannot be known (a `<` that starts no tag, a bogus comment or
/// processing instruction) or `s` ends inside a tag, comment or raw text: the JS tokenizer's `bad` tokens
/// and unclean end, which never fit.
fn tokenize(s: &str) -> Option<Vec<Tok<'_>>> {
    let b = s.as_bytes();
    let mut toks = Vec::new();
    let mut i = 0;
    while let Some(at) = b[i..].iter().position(|&c| c == b'<') {
        let lt = i + at;
        if lt > i {
            toks.push(Tok::Text(&s[i..lt]));
        }
        i = match *b.get(lt + 1)? {
            b'/' => {
                if !b.get(lt + 2)?.is_ascii_alphabetic() {
                    // `</` and no letter: a bogus comment.
                    return None;
                }
                let gt = lt + 2 + b[lt + 2..].iter().position(|&c| c == b'>')?;
                let name = s[lt + 2..=gt].split(|c: char| js_space(c) || c == '/' || c == '>').next()?;
                toks.push(Tok::End { name: lower(name) });
                gt + 1
            }
            b'!' if b[lt + 2..].starts_with(b"--") => {
                toks.push(Tok::Other);
                comment_end(b, lt + 4)?
            }
            b'!' | b'?' => {
                let gt = lt + 2 + b[lt + 2..].iter().position(|&c| c == b'>')?;
                if !(b[lt + 1] == b'!' && gt >= lt + 9 && b[lt + 2..lt + 9].eq_ignore_ascii_case(b"doctype")) {
                    return None;
                }
                toks.push(Tok::Other);
                gt + 1
            }
            c if c.is_ascii_alphabetic() => {
                let (name, self_closing, end) = start_tag(s, lt + 1)?;
                let raw = RAWTEXT.has(&name) || RCDATA.has(&name);
                let close = if raw { raw_end(s, end, &name)? } else { end };
                toks.push(Tok::Start { name, self_closing });
                if close > end {
                    toks.push(Tok::Other);
                }
                close
            }
            _ => return None,
        };
    }
    if i < s.len() {
        toks.push(Tok::Text(&s[i..]));
    }
    Some(toks)
}

/// Where a comment whose text starts at `from` ends (after its `-->` or `--!>`); None for `<!-->` and
/// `<!--->`, whole comments to the HTML tokenizer and unclosed ones to happy-dom.
fn comment_end(b: &[u8], from: usize) -> Option<usize> {
    if b.get(from) == Some(&b'>') || b[from..].starts_with(b"->") {
        return None;
    }
    let rest = &b[from..];
    (0..rest.len()).find_map(|k| {
        if rest[k..].starts_with(b"-->") {
            Some(from + k + 3)
        } else if rest[k..].starts_with(b"--!>") {
            Some(from + k + 4)
        } else {
            None
        }
    })
}

/// A start tag whose name starts at `from`: its lowercased name, whether it is self-closing, and where
/// it ends; None when `s` ends inside it.
fn start_tag(s: &str, from: usize) -> Option<(Cow<'_, str>, bool, usize)> {
    let b = s.as_bytes();
    let mut state = State::TagName;
    let mut name_end = from;
    let mut self_closing = false;
    let mut k = from;
    loop {
        let c = *b.get(k)?;
        let was = state;
        k += 1;
        state = match state {
            State::TagName => match c {
                _ if is_space(c) => State::BeforeAttrName,
                b'/' => State::SelfClosing,
                b'>' => break,
                _ => State::TagName,
            },
            State::BeforeAttrName | State::AfterAttrName | State::AfterAttrValue => match c {
                b'>' => break,
                b'/' => State::SelfClosing,
                _ if is_space(c) && state == State::AfterAttrName => State::AfterAttrName,
                _ if is_space(c) => State::BeforeAttrName,
                b'=' if state == State::AfterAttrName => State::BeforeAttrValue,
                _ => State::AttrName,
            },
            State::AttrName => match c {
                _ if is_space(c) => State::AfterAttrName,
                b'/' => State::SelfClosing,
                b'=' => State::BeforeAttrValue,
                b'>' => break,
                _ => State::AttrName,
            },
            State::BeforeAttrValue => match c {
                b'"' => State::AttrValueDq,
                b'\'' => State::AttrValueSq,
                b'>' => break,
                _ if is_space(c) => State::BeforeAttrValue,
                _ => State::AttrValueUnq,
            },
            State::AttrValueDq | State::AttrValueSq => {
                let quote = if state == State::AttrValueDq { b'"' } else { b'\'' };
                if c != quote {
                    k += b[k..].iter().position(|&q| q == quote)? + 1;
                }
                State::AfterAttrValue
            }
            State::AttrValueUnq => match c {
                _ if is_space(c) => State::BeforeAttrName,
                b'>' => break,
                _ => State::AttrValueUnq,
            },
            State::SelfClosing => {
                if c == b'>' {
                    self_closing = true;
                    break;
                }
                State::BeforeAttrName
            }
        };
        if was == State::TagName && state != State::TagName {
            name_end = k - 1;
        }
    }
    if state == State::TagName {
        name_end = k - 1;
    }
    Some((lower(&s[from..name_end]), self_closing, k))
}

/// Where the raw text of element `name` starting at `from` ends: at its end tag (`</name` followed by
/// `>`, `/`, space or the end of the value), None when it has none.
fn raw_end(s: &str, from: usize, name: &str) -> Option<usize> {
    let b = s.as_bytes();
    let close = format!("</{name}");
    let mut at = from;
    loop {
        let k = at + b[at..].windows(close.len()).position(|w| w.eq_ignore_ascii_case(close.as_bytes()))?;
        match b.get(k + close.len()) {
            None => return Some(k),
            Some(&c) if c == b'>' || c == b'/' || is_space(c) => return Some(k),
            _ => at = k + 1,
        }
    }
}

fn nearest(open: &[&str], names: &str) -> Option<usize> {
    open.iter().rposition(|n| set(names, n))
}

fn table_depth(open: &[&str]) -> i64 {
    nearest(open, "table").map_or(open.len() as i64 - 1, |j| j as i64)
}

fn scoped(open: &[&str], name: &str, stops: &str) -> Option<usize> {
    for (j, n) in open.iter().enumerate().rev() {
        if *n == name {
            return Some(j);
        }
        if set(stops, n) {
            return None;
        }
    }
    None
}

/// The depth a start tag `name` would restructure under `open`, or None when the parser nests it as written.
fn start_quirk(name: &str, open: &[&str]) -> Option<i64> {
    let top = open.len() as i64 - 1;
    let parent = open.last().copied();
    if name == "frameset" || name == "frame" {
        return Some(-1);
    }
    if let Some(allowed) = table_parent(name) {
        match parent {
            None => return Some(-1),
            Some(p) if !set(allowed, p) => return Some(table_depth(open)),
            _ => {}
        }
    }
    if let Some(children) = parent.and_then(table_children) {
        // Foster parenting moves the element out of the table.
        if !set(children, name) {
            return Some(-1);
        }
    }
    if UNMODELLED.has(name) {
        return Some(open.len() as i64);
    }
    if let Some(select) = nearest(open, "select") {
        if !SELECT_CHILDREN.has(name) {
            return Some(select as i64);
        }
    }
    if (name == "option" || name == "optgroup") && parent == Some("option") {
        return Some(top);
    }
    if name == "optgroup" && parent == Some("optgroup") {
        return Some(top);
    }
    if CLOSES_P.has(name) {
        if let Some(p) = scoped(open, "p", P_SCOPE) {
            return Some(p as i64);
        }
    }
    if HEADINGS.has(name) && parent.is_some_and(|p| HEADINGS.has(p)) {
        return Some(top);
    }
    if name == "li" {
        if let Some(li) = scoped(open, "li", LIST_STOPS) {
            return Some(li as i64);
        }
    }
    if name == "dd" || name == "dt" {
        let d = scoped(open, "dd", DL_STOPS).max(scoped(open, "dt", DL_STOPS));
        if let Some(d) = d {
            return Some(d as i64);
        }
    }
    if matches!(name, "a" | "nobr" | "form" | "button") {
        if let Some(j) = nearest(open, name) {
            return Some(j as i64);
        }
    }
    None
}

/// The depth text would restructure under `open` (non-space text in table structure), or None.
fn text_quirk(raw: &str, open: &[&str]) -> Option<i64> {
    let parent = open.last()?;
    (table_children(parent).is_some() && !raw.bytes().all(is_space)).then(|| table_depth(open))
}

/// The depth an end tag that does not close the current element restructures (see `endQuirk`).
fn end_quirk(name: &str, open: &[&str]) -> i64 {
    let Some(j) = open.iter().rposition(|n| *n == name) else { return open.len() as i64 };
    let inside = &open[j + 1..];
    if !FORMATTING.has(name) && !SPECIAL.has(name) && inside.iter().any(|n| SPECIAL.has(n)) {
        return j as i64;
    }
    if inside.iter().any(|n| FORMATTING.has(n)) {
        -1
    } else {
        j as i64 + 1
    }
}

/// The depth an `<svg>` or `<math>` start tag restructures where it stands (see `foreignStartQuirk`).
fn foreign_start_quirk(open: &[&str]) -> Option<i64> {
    if open.last().is_some_and(|p| table_children(p).is_some()) {
        return Some(-1);
    }
    nearest(open, "select").map(|j| j as i64)
}

/// The depth an `<svg>` or `<math>` start tag at `toks[i]` restructures (see `foreignQuirk`).
fn foreign_quirk(toks: &[Tok<'_>], i: usize, open: &[&str]) -> i64 {
    let Tok::Start { name: foreign, self_closing } = &toks[i] else { return -1 };
    if *self_closing {
        return open.len() as i64;
    }
    let mut depth = 0;
    for t in &toks[i + 1..] {
        match t {
            Tok::Start { name, .. } | Tok::End { name } if BREAKOUT.has(name) => return -1,
            Tok::Start { name, self_closing: false } if name == foreign => depth += 1,
            Tok::End { name } if name == foreign => {
                if depth == 0 {
                    return open.len() as i64;
                }
                depth -= 1;
            }
            _ => {}
        }
    }
    -1
}

/// The smallest depth any token restructures under `open` (i64::MAX when none), as `quirkFloor` finds it
/// for a value: also -1 when the value leaves an element open, which the parser would close at another
/// end tag than innerHTML does.
fn quirk_floor(toks: &[Tok<'_>], open: &[&str]) -> i64 {
    let mut stack: Vec<&str> = open.to_vec();
    let mut floor = i64::MAX;
    let mut note = |d: Option<i64>| {
        if let Some(d) = d {
            floor = floor.min(d);
        }
    };
    for (i, t) in toks.iter().enumerate() {
        match t {
            Tok::Text(raw) => note(text_quirk(raw, &stack)),
            Tok::Start { name, .. } => {
                if DOCUMENT.has(name) {
                    continue;
                }
                if name == "svg" || name == "math" {
                    note(Some(foreign_quirk(toks, i, &stack)));
                    note(foreign_start_quirk(&stack));
                } else {
                    note(start_quirk(name, &stack));
                }
                if !VOID.has(name) && !RAWTEXT.has(name) && !RCDATA.has(name) {
                    stack.push(name);
                }
            }
            Tok::End { name } => {
                if DOCUMENT.has(name) {
                    continue;
                }
                if stack.last() == Some(&name.as_ref()) && stack.len() > open.len() {
                    stack.pop();
                    continue;
                }
                let j = stack.iter().rposition(|n| n == name);
                note(Some(match j {
                    Some(j) if j < open.len() => -1,
                    _ => end_quirk(name, &stack),
                }));
                if let Some(j) = j.filter(|&j| j >= open.len()) {
                    stack.truncate(j);
                }
            }
            Tok::Other => {}
        }
    }
    if stack.len() > open.len() {
        note(Some(-1));
    }
    floor
}

/// Whether `value` holds no `<`, so no markup (memchr: most values are short text, and this runs on every
/// changed one).
pub fn tagless(value: &str) -> bool {
    memchr::memchr(b'<', value.as_bytes()).is_none()
}

/// Whether `value`, the content of an element with `check`, parses there as one region of that element.
pub fn holds(check: &Check, value: &str) -> bool {
    // The parser drops a newline right after <pre>, <listing> and <textarea> start tags, not in innerHTML
    // (a carriage return too: the parser reads CR and CR LF as a newline).
    if check.newline && value.starts_with(['\n', '\r']) {
        return false;
    }
    if tagless(value) {
        // Where text may not stand (table structure), only whitespace does not move (`textQuirk`).
        return check.raw || check.text || value.bytes().all(is_space);
    }
    if check.raw {
        return false;
    }
    if value.len() > KNOWN_LENGTH {
        return markup_holds(check, value);
    }
    if let Some(&known) = check.known.borrow().get(value) {
        return known;
    }
    let fit = markup_holds(check, value);
    let mut known = check.known.borrow_mut();
    if known.len() >= KNOWN_ENTRIES {
        known.clear();
    }
    known.insert(value.into(), fit);
    fit
}

/// Bounds of a slot's remembered values (as the JS engine's `fitCache`): entries, and the longest value kept.
const KNOWN_ENTRIES: usize = 64;
const KNOWN_LENGTH: usize = 512;

/// `holds` for a value with markup, in an element that is not raw text.
fn markup_holds(check: &Check, value: &str) -> bool {
    let open: Vec<&str> = check.open.iter().map(String::as_str).collect();
    tokenize(value).is_some_and(|toks| quirk_floor(&toks, &open) >= open.len() as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(open: &[&str]) -> Check {
        let text = text_quirk("x", open).is_none();
        Check {
            open: open.iter().map(|s| s.to_string()).collect(),
            raw: false,
            text,
            newline: false,
            known: Default::default(),
        }
    }

    #[test]
    fn markup_fits_only_when_it_parses_in_place_as_it_does_alone() {
        let td = check(&["table", "tbody", "tr", "td"]);
        assert!(holds(&td, "<span class=\"on\">active</span>"));
        assert!(holds(&check(&["ul"]), "<li>a</li><li>b <b>c</b></li><!-- x -->"));
        assert!(!holds(&check(&["p"]), "<div>x</div>"), "a block closes the <p>");
        assert!(!holds(&check(&["li"]), "<li>x</li>"), "an item closes the open item");
        assert!(holds(&check(&["li"]), "<ul><li>x</li></ul>"), "unless a list opened after it");
        assert!(!holds(&check(&["a"]), "<a href=\"x\">y</a>"));
        assert!(!holds(&check(&["div"]), "<b>x"), "a formatting element left open");
        assert!(!holds(&check(&["div"]), "<div>x"), "an element left open: the parent's end tag closes it");
        assert!(!holds(&check(&["div"]), "</div>"), "closes an ancestor");
        assert!(holds(&check(&["div"]), "<table><tr><td>x</td></tr></table>"), "any element the parser nests");
        assert!(holds(&check(&["div"]), "<script>if (a < b) {}</script><br/><img src='a>b'>"));
        assert!(holds(&check(&["table", "tbody"]), "<tr><td>x</td></tr>"), "rows in a row group");
        assert!(!holds(&check(&["table", "tbody"]), "<td>x</td>"), "a cell outside a row");
        assert!(!holds(&check(&["table", "tbody"]), "x"), "text in table structure moves out");
        assert!(holds(&check(&["table", "tbody"]), " \n"));
        assert!(holds(&check(&["select"]), "<option>a</option><option>b</option>"));
        assert!(!holds(&check(&["select", "option"]), "<b>x</b>"));
        assert!(!holds(&check(&["div"]), "a < b"), "a bare <");
        assert!(!holds(&check(&["div"]), "<!-- x"), "an unclosed comment");
        assert!(!holds(&check(&["div"]), "<?php x ?>"), "a processing instruction");
        assert!(holds(&check(&["div"]), "<!DOCTYPE html>x"), "a doctype makes no node");
        assert!(holds(&check(&["p"]), "<!-- a --!><b>b</b>"), "`--!>` ends a comment");
        assert!(!holds(&check(&["p"]), "<!-- a --!><div>b</div><!-- -->"), "the div is markup");
        assert!(!holds(&check(&["p"]), "<!---><div>b</div>-->"), "`<!--->`: parsers disagree");
        assert!(!holds(&check(&["p"]), "<!-->"), "`<!-->`: parsers disagree");
        assert!(holds(&check(&["div"]), "<svg><path/></svg>"));
        assert!(!holds(&check(&["div"]), "<svg><p>x</p></svg>"), "HTML in foreign content breaks out");
        assert!(!holds(&check(&["table", "tbody"]), "<svg></svg>"), "moved out of the table");
        assert!(!holds(&check(&["select", "option"]), "<math></math>"), "dropped in a select");
        let pre = Check { newline: true, ..check(&["pre"]) };
        assert!(!holds(&pre, "\nx") && !holds(&pre, "\r\nx") && holds(&pre, "x\n"));
        let title = Check { raw: true, ..check(&["title"]) };
        assert!(holds(&title, "a &amp; b"), "character references in escapable raw text");
        assert!(!holds(&title, "a <b>"));
    }
}
