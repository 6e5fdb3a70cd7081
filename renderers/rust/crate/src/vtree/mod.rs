//! Fine-grained patches between two rendered pages: each page is parsed into a virtual tree by the
//! vdom renderer's HTML rules (html.rs), the trees are diffed with its keyed algorithm (diff.rs), and the
//! result is a list of `@tessera/dom-patch` operations. A page the parser would restructure (a quirk)
//! is not modelled: it is sent whole as one `html` patch at the root, which is always correct.

mod diff;
mod elements;
mod entities;
mod html;
mod order;
#[cfg(test)]
mod tests;

use elements::{is_rawtext, is_rcdata, is_void};
use serde::Serialize;
use std::ops::Deref;

/// An element name, lower-cased; names up to 22 bytes (nearly all) are kept inline, without allocating.
#[derive(Debug, Clone, PartialEq)]
pub enum Name {
    /// A short name, zero-padded.
    Inline { len: u8, bytes: [u8; 22] },
    /// A longer name.
    Heap(String),
}

impl Name {
    fn new(raw: &str) -> Name {
        if raw.len() > 22 {
            return Name::Heap(raw.to_ascii_lowercase());
        }
        let mut bytes = [0u8; 22];
        for (d, s) in bytes.iter_mut().zip(raw.bytes()) {
            *d = s.to_ascii_lowercase();
        }
        Name::Inline { len: raw.len() as u8, bytes }
    }
}

impl Deref for Name {
    type Target = str;
    fn deref(&self) -> &str {
        match self {
            // ASCII lower-casing of whole UTF-8 sequences keeps them valid.
            Name::Inline { len, bytes } => std::str::from_utf8(&bytes[..*len as usize]).unwrap_or_default(),
            Name::Heap(s) => s,
        }
    }
}

/// Why a page is not modelled node by node (kept for debugging; the page is then patched whole).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Quirk(pub &'static str);

/// A node of the virtual tree; `span` is its byte range in the page it was parsed from.
#[derive(Debug, PartialEq)]
pub enum Node {
    /// A run of text; `value` is the DOM's data when it differs from the source (None: the source is the
    /// data). A doctype or `<body>` tag alone makes no DOM node, so no node here either.
    Text { span: (usize, usize), value: Option<String> },
    /// A comment; `value` is the text between `<!--` and `-->`.
    Comment { span: (usize, usize), value: String },
    /// An element.
    El(Box<El>),
}

/// An element: its tags as byte offsets into the page, its attributes as the DOM holds them.
#[derive(Debug, PartialEq)]
pub struct El {
    name: Name,
    span: (usize, usize),
    open_end: usize,
    close_start: usize,
    attrs: Vec<(String, String)>,
    children: Vec<Node>,
    /// Diff key: the index in `attrs` of the `data-key` or `key` attribute.
    key: Option<usize>,
}

impl Node {
    fn span(&self) -> (usize, usize) {
        match self {
            Node::Text { span, .. } | Node::Comment { span, .. } => *span,
            Node::El(el) => el.span,
        }
    }

    fn key(&self) -> Option<&str> {
        match self {
            Node::El(el) => el.key(),
            _ => None,
        }
    }
}

impl El {
    /// Whether the parser reads this element's content as markup (so it can be re-parsed on its own).
    fn has_markup(&self) -> bool {
        !is_void(&self.name) && !is_rawtext(&self.name) && !is_rcdata(&self.name)
    }

    // Moves every offset at or after `at` by `delta`, skipping subtrees that end before `at`.
    fn shift(&mut self, at: usize, delta: isize) {
        let moved = |x: &mut usize| {
            if *x >= at {
                *x = x.wrapping_add_signed(delta);
            }
        };
        moved(&mut self.span.0);
        moved(&mut self.open_end);
        moved(&mut self.close_start);
        moved(&mut self.span.1);
        shift_all(&mut self.children, at, delta);
    }

    fn key(&self) -> Option<&str> {
        self.key.and_then(|i| self.attrs.get(i)).map(|(_, v)| v.as_str())
    }
}

// Length of the common prefix, compared 64 bytes at a time (memcmp) before byte by byte.
fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    let n = a.len().min(b.len());
    let mut i = 0;
    while i + 64 <= n && a[i..i + 64] == b[i..i + 64] {
        i += 64;
    }
    i + a[i..n].iter().zip(&b[i..n]).take_while(|(x, y)| x == y).count()
}

fn common_suffix(a: &[u8], b: &[u8]) -> usize {
    let (mut i, mut j) = (a.len(), b.len());
    while i >= 64 && j >= 64 && a[i - 64..i] == b[j - 64..j] {
        i -= 64;
        j -= 64;
    }
    a.len() - i + a[..i].iter().rev().zip(b[..j].iter().rev()).take_while(|(x, y)| x == y).count()
}

fn shift_all(nodes: &mut [Node], at: usize, delta: isize) {
    // Children are in source order: skip those that end before `at`.
    let first = nodes.partition_point(|n| n.span().1 < at);
    for node in &mut nodes[first..] {
        match node {
            Node::Text { span, .. } | Node::Comment { span, .. } => {
                if span.0 >= at {
                    span.0 = span.0.wrapping_add_signed(delta);
                }
                span.1 = span.1.wrapping_add_signed(delta);
            }
            Node::El(el) => el.shift(at, delta),
        }
    }
}

/// One operation of the patch format of `@tessera/dom-patch` (packages/dom-patch/PATCHES.md).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "op", rename_all = "lowercase")]
pub enum Patch {
    /// Set the data of a text or comment node.
    Text { path: Vec<u32>, value: String },
    /// Set an attribute.
    Attr { path: Vec<u32>, name: String, value: String },
    /// Remove an attribute.
    Rmattr { path: Vec<u32>, name: String },
    /// Insert parsed HTML before child `index`.
    Insert { path: Vec<u32>, index: usize, html: String },
    /// Remove a node.
    Remove { path: Vec<u32> },
    /// Move `count` children starting at `from` before the child now at `to`.
    Move {
        path: Vec<u32>,
        from: usize,
        to: usize,
        #[serde(skip_serializing_if = "Option::is_none")]
        count: Option<usize>,
    },
    /// Replace a node with parsed HTML.
    Replace { path: Vec<u32>, html: String },
    /// Replace all children of an element.
    Html { path: Vec<u32>, html: String },
}

/// A rendered page and its virtual tree (Err when the page is not modelled).
pub struct Page {
    html: String,
    tree: Result<Vec<Node>, Quirk>,
}

impl Page {
    /// Parses a rendered page.
    pub fn parse(html: String) -> Page {
        let tree = html::parse(&html);
        Page { html, tree }
    }

    /// The page's HTML.
    pub fn html(&self) -> &str {
        &self.html
    }

    /// Why the page is patched whole, or None when it is modelled node by node.
    pub fn quirk(&self) -> Option<Quirk> {
        self.tree.as_ref().err().copied()
    }

    /// The patches that turn the DOM of this page into that of `new`: none when the HTML is the same, one
    /// `html` patch at the root when either page is not modelled.
    pub fn diff(&self, new: &Page) -> Vec<Patch> {
        if self.html == new.html {
            return Vec::new();
        }
        match (&self.tree, &new.tree) {
            (Ok(a), Ok(b)) => {
                let mut differ = diff::Differ::new(&self.html, &new.html);
                differ.children(a, b, &mut Vec::new());
                differ.patches
            }
            _ => vec![Patch::Html { path: Vec::new(), html: new.html.clone() }],
        }
    }

    /// Replaces the page with `html`; returns the patches from the old page's DOM to the new one's. Only
    /// the innermost element whose content holds every changed byte is re-parsed and diffed: outside it
    /// the two pages are the same bytes, so the same nodes.
    pub fn update(&mut self, html: String) -> Vec<Patch> {
        if html == self.html {
            return Vec::new();
        }
        let Ok(tree) = &mut self.tree else { return self.replace(html) };
        let (old, new) = (self.html.as_bytes(), html.as_bytes());
        let prefix = common_prefix(old, new);
        let room = old.len().min(new.len()) - prefix;
        let suffix = common_suffix(&old[old.len() - room..], &new[new.len() - room..]);
        let old_end = old.len() - suffix;
        let delta = new.len() as isize - old.len() as isize;

        // Descend to the innermost element whose content holds the changed bytes.
        let mut path: Vec<u32> = Vec::new();
        let mut names: Vec<Name> = Vec::new();
        let mut chain: Vec<usize> = Vec::new();
        let (mut from, mut close) = (0, old.len());
        let mut level: &Vec<Node> = tree;
        loop {
            let mut found = None;
            for (k, node) in level.iter().enumerate() {
                if node.span().0 > prefix {
                    break;
                }
                if let Node::El(el) = node {
                    if el.has_markup() && el.open_end <= prefix && el.close_start >= old_end {
                        found = Some((k, el));
                        break;
                    }
                }
            }
            let Some((k, el)) = found else { break };
            path.push(k as u32);
            names.push(el.name.clone());
            chain.push(k);
            (from, close) = (el.open_end, el.close_start);
            level = &el.children;
        }
        let new_close = close.wrapping_add_signed(delta);
        let Ok(children) = html::parse_range(&html[..new_close], from, names) else { return self.replace(html) };
        let mut differ = diff::Differ::new(&self.html, &html);
        differ.children(level, &children, &mut path);
        let patches = differ.patches;

        // The new tree: the old one with the element's children swapped and the offsets after them moved.
        let mut level: &mut Vec<Node> = tree;
        for &k in &chain {
            shift_all(&mut level[k + 1..], old_end, delta);
            let Some(Node::El(el)) = level.get_mut(k) else { unreachable!("the chain was found in this tree") };
            el.close_start = el.close_start.wrapping_add_signed(delta);
            el.span.1 = el.span.1.wrapping_add_signed(delta);
            level = &mut el.children;
        }
        *level = children;
        self.html = html;
        patches
    }

    // Parses the new page whole and diffs it whole (one `html` patch when either page is not modelled).
    fn replace(&mut self, html: String) -> Vec<Patch> {
        let new = Page::parse(html);
        let patches = self.diff(&new);
        *self = new;
        patches
    }
}

/// The patches as the JSON array `applyPatches` reads.
pub fn patches_json(patches: &[Patch]) -> String {
    serde_json::to_string(patches).expect("patches are plain strings and numbers")
}
