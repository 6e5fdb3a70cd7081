//! Element categories of the HTML parsing algorithm, and the start tags the parser would not nest as
//! written: the same tables and rules as renderers/vdom/src/html/elements.ts and quirks.ts.

use super::Name;

/// Elements without content or end tag.
pub fn is_void(name: &str) -> bool {
    matches!(
        name,
        "area"
            | "base"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "link"
            | "meta"
            | "source"
            | "track"
            | "wbr"
            | "keygen"
            | "param"
            | "basefont"
            | "bgsound"
    )
}

/// Content read as raw text up to the matching end tag.
pub fn is_rawtext(name: &str) -> bool {
    matches!(name, "script" | "style" | "xmp" | "iframe" | "noembed" | "noframes")
}

/// Raw text that also decodes character references (and that happy-dom parses as markup when it holds `<`).
pub fn is_rcdata(name: &str) -> bool {
    matches!(name, "textarea" | "title")
}

/// Tags that make no node when a page is parsed as the content of a container.
pub fn is_document(name: &str) -> bool {
    matches!(name, "html" | "head" | "body")
}

/// Elements whose parse depends on more than their tags.
fn is_unmodelled(name: &str) -> bool {
    matches!(
        name,
        "frameset"
            | "frame"
            | "noscript"
            | "plaintext"
            | "image"
            | "isindex"
            | "template"
            | "svg"
            | "math"
            | "xmp"
            | "iframe"
            | "noembed"
            | "noframes"
    )
}

/// Elements whose leading newline the parser drops.
pub fn drops_leading_newline(name: &str) -> bool {
    matches!(name, "pre" | "listing" | "textarea")
}

fn closes_p(name: &str) -> bool {
    matches!(
        name,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "center"
            | "details"
            | "dialog"
            | "dir"
            | "div"
            | "dl"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "header"
            | "hgroup"
            | "main"
            | "menu"
            | "nav"
            | "ol"
            | "p"
            | "search"
            | "section"
            | "summary"
            | "ul"
            | "pre"
            | "listing"
            | "form"
            | "table"
            | "hr"
            | "xmp"
            | "li"
            | "dd"
            | "dt"
            | "plaintext"
    ) || is_heading(name)
}

fn is_heading(name: &str) -> bool {
    matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

fn p_scope(name: &str) -> bool {
    matches!(name, "applet" | "caption" | "html" | "table" | "td" | "th" | "marquee" | "object" | "template" | "button")
}

/// Formatting elements: the parser reopens them after an end tag that closed them implicitly.
pub fn is_formatting(name: &str) -> bool {
    matches!(
        name,
        "a" | "b" | "big" | "code" | "em" | "font" | "i" | "nobr" | "s" | "small" | "strike" | "strong" | "tt" | "u"
    )
}

/// Table-structure elements and the parents they may appear in without the parser moving them.
fn table_parents(name: &str) -> Option<&'static [&'static str]> {
    Some(match name {
        "caption" | "colgroup" | "thead" | "tbody" | "tfoot" => &["table"],
        "col" => &["colgroup"],
        "tr" => &["thead", "tbody", "tfoot"],
        "td" | "th" => &["tr"],
        _ => return None,
    })
}

/// Children allowed (besides whitespace text) in table-structure parents.
fn table_children(parent: &str) -> Option<&'static [&'static str]> {
    Some(match parent {
        "table" => &["caption", "colgroup", "thead", "tbody", "tfoot"],
        "thead" | "tbody" | "tfoot" => &["tr"],
        "tr" => &["td", "th"],
        "colgroup" => &["col"],
        _ => return None,
    })
}

fn select_child(name: &str) -> bool {
    matches!(name, "option" | "optgroup" | "hr" | "script" | "template")
}

fn scoped(open: &[Name], name: &str, stops: &[&str]) -> bool {
    for n in open.iter().rev() {
        if &**n == name {
            return true;
        }
        if stops.contains(&&**n) {
            return false;
        }
    }
    false
}

const LIST_STOPS: &[&str] = &["ul", "ol", "menu", "table", "td", "th", "caption", "button"];
const DL_STOPS: &[&str] = &["dl", "table", "td", "th", "caption", "button"];

/// Whether a start tag `name` under the open elements `open` would be restructured by the parser.
pub fn start_quirk(name: &str, open: &[Name]) -> bool {
    let parent = open.last().map(|n| &**n);
    if name == "frameset" || name == "frame" || name == "svg" || name == "math" {
        return true;
    }
    if let Some(allowed) = table_parents(name) {
        if !parent.is_some_and(|p| allowed.contains(&p)) {
            return true;
        }
    }
    if let Some(children) = parent.and_then(table_children) {
        if !children.contains(&name) {
            return true;
        }
    }
    if is_unmodelled(name) {
        return true;
    }
    if open.iter().any(|n| &**n == "select") && !select_child(name) {
        return true;
    }
    if (name == "option" || name == "optgroup") && parent == Some("option") {
        return true;
    }
    if name == "optgroup" && parent == Some("optgroup") {
        return true;
    }
    if closes_p(name) && open.iter().rev().take_while(|n| !p_scope(n)).any(|n| &**n == "p") {
        return true;
    }
    if is_heading(name) && parent.is_some_and(is_heading) {
        return true;
    }
    if name == "li" && scoped(open, "li", LIST_STOPS) {
        return true;
    }
    if (name == "dd" || name == "dt") && (scoped(open, "dd", DL_STOPS) || scoped(open, "dt", DL_STOPS)) {
        return true;
    }
    matches!(name, "a" | "nobr" | "form" | "button") && open.iter().any(|n| &**n == name)
}

/// Whether text under `open` is moved by the parser (non-space text in a table is put before it).
pub fn text_quirk(raw: &str, open: &[Name]) -> bool {
    open.last().is_some_and(|p| table_children(p).is_some())
        && !raw.bytes().all(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\x0c' | b'\r'))
}
