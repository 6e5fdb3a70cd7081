//! Fine-grained patches between two rendered pages: each page is parsed into a virtual tree by the
//! vdom renderer's HTML rules (html.rs), the trees are diffed with its keyed algorithm (diff.rs), and the
//! result is a list of `@tessera/dom-patch` operations. A page the parser would restructure (a quirk)
//! is not modelled: it is sent whole as one `html` patch at the root, which is always correct.

mod anchors;
mod diff;
mod elements;
pub(crate) mod entities;
pub(crate) mod html;
mod keys;
pub(crate) mod order;
#[cfg(test)]
mod tests;
mod text;
pub(crate) mod wire;

pub use anchors::{Anchor, StaticRun};
use elements::{is_rawtext, is_rcdata, is_void};
use keys::ItemKey;
pub use keys::{sort as sort_marks, ItemMark, Marks};
use serde::Serialize;
use std::ops::Deref;
pub use wire::patches_wire;

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
            // SAFETY: `new` copied whole UTF-8 sequences of a `&str` (an inline name is at most 22 bytes of
            // one, cut where the name ends) and lower-cased only ASCII bytes, which keeps them valid.
            Name::Inline { len, bytes } => unsafe { std::str::from_utf8_unchecked(&bytes[..*len as usize]) },
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
    /// Diff key: from a `data-key`/`key` attribute, or from the loop item the element was rendered for.
    key: Option<Key>,
    /// Whether some element below this one is keyed by its loop item: its source alone then does not
    /// tell its keys (an item's id need not be printed).
    item_keyed_below: bool,
    /// The element's id in the page's anchor table (anchors.rs), when it has one.
    anchor: Option<u64>,
}

/// Where an element's diff key comes from.
#[derive(Debug, PartialEq)]
enum Key {
    /// The index in `attrs` of the `data-key` or `key` attribute.
    Attr(usize),
    /// The loop item's id and the element's rank in its iteration (keys.rs).
    Item(ItemKey),
}

/// A diff key as compared: an attribute's value, or a loop item's id and rank (the vdom's `id:{id}#{n}`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KeyRef<'a> {
    /// The `data-key` (or `key`) attribute's value.
    Attr(&'a str),
    /// The loop item's id and the element's rank among its iteration's top-level elements.
    Item(&'a str, u32),
}

impl Node {
    fn span(&self) -> (usize, usize) {
        match self {
            Node::Text { span, .. } | Node::Comment { span, .. } => *span,
            Node::El(el) => el.span,
        }
    }

    fn key(&self) -> Option<KeyRef<'_>> {
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

    fn key(&self) -> Option<KeyRef<'_>> {
        match &self.key {
            Some(Key::Attr(i)) => self.attrs.get(*i).map(|(_, v)| KeyRef::Attr(v)),
            Some(Key::Item(k)) => Some(KeyRef::Item(&k.id, k.n)),
            None => None,
        }
    }

    // Whether the element's keys may differ from another element's with the same source.
    fn item_keyed(&self) -> bool {
        self.item_keyed_below || matches!(self.key, Some(Key::Item(_)))
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

/// Whether some node of `nodes`, or below them, is keyed by its loop item.
fn any_item_keyed(nodes: &[Node]) -> bool {
    nodes.iter().any(|n| matches!(n, Node::El(el) if el.item_keyed()))
}

// The new tree of an incremental update: the old one with the children of the element at `chain` swapped
// for `children`, the offsets after them moved by `delta`, and the ancestors' `item_keyed_below` redone.
fn graft(level: &mut Vec<Node>, chain: &[usize], children: Vec<Node>, at: usize, delta: isize) {
    let Some((&k, rest)) = chain.split_first() else {
        *level = children;
        return;
    };
    shift_all(&mut level[k + 1..], at, delta);
    let Some(Node::El(el)) = level.get_mut(k) else { unreachable!("the chain was found in this tree") };
    el.close_start = el.close_start.wrapping_add_signed(delta);
    el.span.1 = el.span.1.wrapping_add_signed(delta);
    graft(&mut el.children, rest, children, at, delta);
    el.item_keyed_below = any_item_keyed(&el.children);
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

/// One operation of the patch format of `@tessera/dom-patch` (live/dom-patch/PATCHES.md).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "op", rename_all = "lowercase")]
pub enum Patch {
    /// Set the data of a text or comment node.
    Text {
        /// The anchor `path` starts from; None: the document's root.
        #[serde(skip_serializing_if = "Option::is_none")]
        at: Option<u64>,
        /// Child indices from there to the node the patch acts on (the parent, for insert and move).
        path: Vec<u32>,
        /// The new data.
        value: String,
    },
    /// Set an attribute.
    Attr {
        /// The anchor `path` starts from; None: the document's root.
        #[serde(skip_serializing_if = "Option::is_none")]
        at: Option<u64>,
        /// Child indices from there to the node the patch acts on (the parent, for insert and move).
        path: Vec<u32>,
        /// The attribute's name.
        name: String,
        /// Its new value.
        value: String,
    },
    /// Remove an attribute.
    Rmattr {
        /// The anchor `path` starts from; None: the document's root.
        #[serde(skip_serializing_if = "Option::is_none")]
        at: Option<u64>,
        /// Child indices from there to the node the patch acts on (the parent, for insert and move).
        path: Vec<u32>,
        /// The attribute's name.
        name: String,
    },
    /// Insert parsed HTML before child `index`.
    Insert {
        /// The anchor `path` starts from; None: the document's root.
        #[serde(skip_serializing_if = "Option::is_none")]
        at: Option<u64>,
        /// Child indices from there to the node the patch acts on (the parent, for insert and move).
        path: Vec<u32>,
        /// The child the new nodes go before (the child count: at the end).
        index: usize,
        /// The rendered source of the new nodes.
        html: String,
    },
    /// Remove a node.
    Remove {
        /// The anchor `path` starts from; None: the document's root.
        #[serde(skip_serializing_if = "Option::is_none")]
        at: Option<u64>,
        /// Child indices from there to the node the patch acts on (the parent, for insert and move).
        path: Vec<u32>,
    },
    /// Move `count` children starting at `from` before the child now at `to`.
    Move {
        /// The anchor `path` starts from; None: the document's root.
        #[serde(skip_serializing_if = "Option::is_none")]
        at: Option<u64>,
        /// Child indices from there to the node the patch acts on (the parent, for insert and move).
        path: Vec<u32>,
        /// Index of the first child moved.
        from: usize,
        /// Index, once they are taken out, of the child they go before (the remaining count: at the end).
        to: usize,
        /// How many consecutive children move; None: one.
        #[serde(skip_serializing_if = "Option::is_none")]
        count: Option<usize>,
    },
    /// Replace a node with parsed HTML.
    Replace {
        /// The anchor `path` starts from; None: the document's root.
        #[serde(skip_serializing_if = "Option::is_none")]
        at: Option<u64>,
        /// Child indices from there to the node the patch acts on (the parent, for insert and move).
        path: Vec<u32>,
        /// The rendered source of the new node.
        html: String,
    },
    /// Replace all children of an element.
    Html {
        /// The anchor `path` starts from; None: the document's root.
        #[serde(skip_serializing_if = "Option::is_none")]
        at: Option<u64>,
        /// Child indices from there to the node the patch acts on (the parent, for insert and move).
        path: Vec<u32>,
        /// The rendered source of the new children.
        html: String,
    },
    /// Rebind the anchor table: `[id, path from the root]` of every anchor of the new page.
    Anchors {
        /// The new table.
        anchors: Vec<Anchor>,
    },
}

impl Patch {
    /// The anchor the patch's path starts from (None: the root).
    pub fn at(&self) -> Option<u64> {
        match self {
            Patch::Text { at, .. }
            | Patch::Attr { at, .. }
            | Patch::Rmattr { at, .. }
            | Patch::Insert { at, .. }
            | Patch::Remove { at, .. }
            | Patch::Move { at, .. }
            | Patch::Replace { at, .. }
            | Patch::Html { at, .. } => *at,
            Patch::Anchors { .. } => None,
        }
    }

    /// Whether the patch creates, removes or moves nodes (the client's anchors must then be rebound).
    pub fn is_structural(&self) -> bool {
        matches!(
            self,
            Patch::Insert { .. }
                | Patch::Remove { .. }
                | Patch::Move { .. }
                | Patch::Replace { .. }
                | Patch::Html { .. }
        )
    }
}

/// A rendered page and its virtual tree (Err when the page is not modelled), with the loop iterations
/// whose items key its elements and its anchor table.
pub struct Page {
    html: String,
    marks: Marks,
    tree: Result<Vec<Node>, Quirk>,
    /// Whether patches are addressed from anchors (false: every path starts at the root).
    anchored: bool,
    /// The anchor table of the page (empty when not anchored or not modelled).
    table: Vec<Anchor>,
    /// Text edits not yet applied to `html` and the tree's offsets (text.rs).
    pending: Vec<text::Edit>,
}

impl Page {
    /// Parses a rendered page; `marks` are its loop iterations with their items' ids (keys.rs) and its
    /// static text runs, which name its anchors (anchors.rs).
    pub fn parse(html: String, marks: Marks) -> Page {
        Page::parse_anchored(html, marks, true)
    }

    /// `parse`, with patches addressed from anchors or (`anchored` false) all from the root.
    pub fn parse_anchored(html: String, marks: Marks, anchored: bool) -> Page {
        let mut tree = html::parse(&html, &marks);
        let table = match &mut tree {
            Ok(nodes) if anchored => anchors::assign(nodes, marks.statics()),
            _ => Vec::new(),
        };
        Page { html, marks, tree, anchored, table, pending: Vec::new() }
    }

    /// The page's HTML (before the text edits not yet applied: `update` applies them).
    pub fn html(&self) -> &str {
        debug_assert!(self.pending.is_empty(), "text edits are pending");
        &self.html
    }

    /// The anchor table: `[id, path from the root]` of each anchor, in document order.
    pub fn anchors(&self) -> &[Anchor] {
        &self.table
    }

    /// Why the page is patched whole, or None when it is modelled node by node.
    pub fn quirk(&self) -> Option<Quirk> {
        self.tree.as_ref().err().copied()
    }

    // The static runs the differ names new elements' anchors from: none when not anchored.
    fn runs<'a>(&self, marks: &'a Marks) -> Option<&'a [StaticRun]> {
        self.anchored.then(|| marks.statics())
    }

    /// The patches that turn the DOM of this page into that of `new`: none when the HTML is the same, one
    /// `html` patch at the root when either page is not modelled. Patches below an anchor of this page's
    /// table that the new page keeps are addressed from it; the list ends with an `anchors` patch when it
    /// changes the DOM's structure or the table.
    pub fn diff(&self, new: &Page) -> Vec<Patch> {
        debug_assert!(self.pending.is_empty() && new.pending.is_empty(), "text edits are pending");
        if self.html == new.html && self.marks.same(&new.marks) {
            return Vec::new();
        }
        let (mut patches, moved_anchor) = match (&self.tree, &new.tree) {
            (Ok(a), Ok(b)) => {
                let mut differ = diff::Differ::new(&self.html, &new.html, self.runs(&new.marks), None);
                differ.children(a, b, &mut Vec::new());
                (differ.patches, differ.moved_anchor)
            }
            _ => (vec![Patch::Html { at: None, path: Vec::new(), html: new.html.clone() }], false),
        };
        self.rebind(&mut patches, moved_anchor, &new.table);
        patches
    }

    // Ends the list with the new table when the client must rebind: nodes were created, removed or moved,
    // an anchor paired with another element, or the table changed. Two empty tables need no rebinding.
    fn rebind(&self, patches: &mut Vec<Patch>, moved_anchor: bool, table: &[Anchor]) {
        if !self.anchored {
            return;
        }
        let structural = moved_anchor || patches.iter().any(Patch::is_structural);
        let empty = self.table.is_empty() && table.is_empty();
        if (structural && !empty) || self.table != table {
            patches.push(Patch::Anchors { anchors: table.to_vec() });
        }
    }

    /// Replaces the page with `html`; returns the patches from the old page's DOM to the new one's. Only
    /// the innermost element whose content holds every changed byte is re-parsed and diffed: outside it
    /// the two pages are the same bytes, so the same nodes (and the same keys, when the loop iterations
    /// outside it are the same).
    pub fn update(&mut self, html: String, marks: Marks) -> Vec<Patch> {
        self.settle();
        let same_marks = self.marks.same(&marks);
        if html == self.html && same_marks {
            return Vec::new();
        }
        if html == self.html {
            return self.replace(html, marks);
        }
        let Ok(tree) = &mut self.tree else { return self.replace(html, marks) };
        let (old, new) = (self.html.as_bytes(), html.as_bytes());
        let prefix = common_prefix(old, new);
        let room = old.len().min(new.len()) - prefix;
        let suffix = common_suffix(&old[old.len() - room..], &new[new.len() - room..]);
        let old_end = old.len() - suffix;
        let delta = new.len() as isize - old.len() as isize;
        let runs = self.anchored.then(|| marks.statics());

        // Descend to the innermost element whose content holds the changed bytes; paths below the last
        // anchor the new page keeps on the way start from it.
        let mut path: Vec<u32> = Vec::new();
        let mut at: Option<u64> = None;
        let mut moved_anchor = false;
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
            if let Some(runs) = runs {
                let id = anchors::anchor_id(runs, el.span.0, el.span.1.wrapping_add_signed(delta));
                moved_anchor |= (el.anchor.is_some() || id.is_some()) && el.anchor != id;
                if el.anchor.is_some() && el.anchor == id {
                    at = id;
                    path.clear();
                }
            }
            names.push(el.name.clone());
            chain.push(k);
            (from, close) = (el.open_end, el.close_start);
            level = &el.children;
        }
        if !same_marks && !self.marks.same_outside(&marks, from, close, delta) {
            return self.replace(html, marks);
        }
        let new_close = close.wrapping_add_signed(delta);
        let Ok(children) = html::parse_range(&html[..new_close], from, names, &marks) else {
            return self.replace(html, marks);
        };
        let mut differ = diff::Differ::new(&self.html, &html, runs, at);
        differ.children(level, &children, &mut path);
        let mut patches = differ.patches;
        moved_anchor |= differ.moved_anchor;

        graft(tree, &chain, children, old_end, delta);
        let table = if self.anchored { anchors::assign(tree, marks.statics()) } else { Vec::new() };
        self.rebind(&mut patches, moved_anchor, &table);
        self.table = table;
        self.html = html;
        self.marks = marks;
        patches
    }

    // Parses the new page whole and diffs it whole (one `html` patch when either page is not modelled).
    fn replace(&mut self, html: String, marks: Marks) -> Vec<Patch> {
        let new = Page::parse_anchored(html, marks, self.anchored);
        let patches = self.diff(&new);
        *self = new;
        patches
    }
}

/// The patches as the JSON array `applyPatches` reads.
pub fn patches_json(patches: &[Patch]) -> String {
    serde_json::to_string(patches).expect("patches are plain strings and numbers")
}
