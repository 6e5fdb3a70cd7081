//! The keyed tree diff of renderers/vdom/src/diff/diff.ts, over trees parsed from two rendered pages:
//! keyed children (`data-key`/`key` attributes) matched by common prefix and suffix, then the longest
//! run in increasing old order stays and only the other units move; unkeyed children by position.

use super::anchors::{anchor_id, can_anchor, StaticRun};
use super::elements::{is_rawtext, is_rcdata};
use super::order::{longest_increasing, OrderList};
use super::{El, KeyRef, Node, Patch};
use std::collections::{HashMap, HashSet};

/// A keyed element with the unkeyed nodes that follow it (whitespace text, mostly): the unit a keyed list
/// moves. Nodes before the first keyed element form a unit whose key is None.
struct Unit<'n> {
    key: Option<KeyRef<'n>>,
    /// Index of the first node in the (in-DOM) child list, and the number of nodes.
    start: usize,
    len: usize,
}

/// A child list cut into units, when its keys are unique.
struct Keyed<'n> {
    nodes: &'n [Node],
    units: Vec<Unit<'n>>,
}

impl<'n> Keyed<'n> {
    fn of(nodes: &'n [Node]) -> Option<Keyed<'n>> {
        units_of(nodes).map(|units| Keyed { nodes, units })
    }

    /// The nodes of `unit`, one of this list's.
    fn nodes_of(&self, unit: &Unit) -> &'n [Node] {
        &self.nodes[unit.start..unit.start + unit.len]
    }
}

fn units_of<'n>(children: &'n [Node]) -> Option<Vec<Unit<'n>>> {
    let mut units: Vec<Unit<'n>> = Vec::new();
    let mut keys = HashSet::new();
    for (i, node) in children.iter().enumerate() {
        match node.key() {
            Some(key) => {
                if !keys.insert(key) {
                    return None;
                }
                units.push(Unit { key: Some(key), start: i, len: 1 });
            }
            None => match units.last_mut() {
                Some(last) => last.len += 1,
                None => units.push(Unit { key: None, start: i, len: 1 }),
            },
        }
    }
    Some(units)
}

fn compatible(a: &Node, b: &Node) -> bool {
    match (a, b) {
        (Node::Text { .. }, Node::Text { .. }) | (Node::Comment { .. }, Node::Comment { .. }) => true,
        (Node::El(x), Node::El(y)) => x.name == y.name && x.key() == y.key(),
        _ => false,
    }
}

// Whether two child lists pair node by node (the vdom's `sameShape`).
fn same_shape(a: &[Node], b: &[Node]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| compatible(x, y))
}

fn child(path: &[u32], i: usize) -> Vec<u32> {
    let mut p = Vec::with_capacity(path.len() + 1);
    p.extend_from_slice(path);
    p.push(i as u32);
    p
}

// The data of a text or comment node parsed from `src`.
fn data<'a>(src: &'a str, node: &'a Node) -> &'a str {
    match node {
        Node::Text { value: Some(v), .. } => v,
        Node::Text { span, value: None } => &src[span.0..span.1],
        Node::Comment { value, .. } => value,
        Node::El(_) => "",
    }
}

/// Computes the patches that turn the DOM of the `old` page into that of the `new` one.
pub struct Differ<'s> {
    old: &'s str,
    new: &'s str,
    /// The new page's static text runs, naming its anchors; None when patches are addressed from the root.
    runs: Option<&'s [StaticRun]>,
    /// The anchor the current paths start from (None: the root).
    at: Option<u64>,
    /// The patches, in the order they must run.
    pub patches: Vec<Patch>,
    /// Whether an anchored element was paired with an element of another id (the client must rebind).
    pub moved_anchor: bool,
}

impl<'s> Differ<'s> {
    /// A differ between the sources the trees were parsed from, the new page's static text runs (None:
    /// no anchors) and the anchor the paths it is given start from.
    pub fn new(old: &'s str, new: &'s str, runs: Option<&'s [StaticRun]>, at: Option<u64>) -> Differ<'s> {
        Differ { old, new, runs, at, patches: Vec::new(), moved_anchor: false }
    }

    // The source of consecutive new nodes.
    fn html(&self, nodes: &[Node]) -> String {
        match (nodes.first(), nodes.last()) {
            (Some(first), Some(last)) => self.new[first.span().0..last.span().1].to_string(),
            _ => String::new(),
        }
    }

    /// Diffs two child lists of the element at `path`.
    pub fn children(&mut self, a: &[Node], b: &[Node], path: &mut Vec<u32>) {
        // Same shape (as the vdom's `sameShape`): every pair matches in place, keyed or not, so the keyed
        // and positional diffs would pair the same nodes.
        if same_shape(a, b) {
            for (i, (x, y)) in a.iter().zip(b).enumerate() {
                self.node(x, y, path, i);
            }
            return;
        }
        let has_keys = a.iter().chain(b).any(|n| n.key().is_some());
        let units = if has_keys { Keyed::of(a).zip(Keyed::of(b)) } else { None };
        match units {
            Some((old, new)) => self.keyed(&old, &new, path),
            None => self.positional(a, b, path),
        }
    }

    // Diffs old child `a` against new child `b`, at index `i` under `path`.
    fn node(&mut self, a: &Node, b: &Node, path: &mut Vec<u32>, i: usize) {
        path.push(i as u32);
        match (a, b) {
            (Node::El(x), Node::El(y)) if x.name == y.name => self.element(x, y, path),
            (Node::Text { .. }, Node::Text { .. }) | (Node::Comment { .. }, Node::Comment { .. }) => {
                let value = data(self.new, b);
                if data(self.old, a) != value {
                    self.patches.push(Patch::Text { at: self.at, path: path.clone(), value: value.to_string() });
                }
            }
            _ => {
                let html = self.new[b.span().0..b.span().1].to_string();
                self.patches.push(Patch::Replace { at: self.at, path: path.clone(), html });
            }
        }
        path.pop();
    }

    fn element(&mut self, a: &El, b: &El, path: &mut Vec<u32>) {
        if self.old[a.span.0..a.open_end] != self.new[b.span.0..b.open_end] && needs_unsettable_name(a, b) {
            // A name the HTML parser admits but setAttribute refuses (`data-{{ k }}` with k = "a?b"): only a
            // parse can give the element that attribute, so the element is replaced, addressed from its parent.
            let html = self.new[b.span.0..b.span.1].to_string();
            self.patches.push(Patch::Replace { at: self.at, path: path.clone(), html });
            return;
        }
        if let Some(runs) = self.runs {
            let id = anchor_id(runs, b.span.0, b.span.1).filter(|_| can_anchor(b));
            self.moved_anchor |= (a.anchor.is_some() || id.is_some()) && a.anchor != id;
            // Below an anchor the client holds and the new page keeps, paths start from it.
            if a.anchor.is_some() && a.anchor == id {
                let outer = self.at;
                let above = std::mem::take(path);
                self.at = id;
                self.element_in_place(a, b, path);
                self.at = outer;
                *path = above;
                return;
            }
        }
        self.element_in_place(a, b, path);
    }

    fn element_in_place(&mut self, a: &El, b: &El, path: &mut Vec<u32>) {
        // The same source under the same open elements parses to the same DOM (and the same keys below, unless
        // some are loop items' ids, which the source need not show).
        let item_keys = a.item_keyed_below || b.item_keyed_below;
        if !item_keys && self.old[a.span.0..a.span.1] == self.new[b.span.0..b.span.1] {
            return;
        }
        let same_open = self.old[a.span.0..a.open_end] == self.new[b.span.0..b.open_end];
        if is_rawtext(&b.name) || is_rcdata(&b.name) {
            // Raw text only parses as text after its own start tag: set it, or replace the element.
            match (a.children.as_slice(), b.children.as_slice()) {
                ([x], [y]) if same_open => self.node(x, y, path, 0),
                _ => {
                    let html = self.new[b.span.0..b.span.1].to_string();
                    self.patches.push(Patch::Replace { at: self.at, path: path.clone(), html });
                }
            }
            return;
        }
        if !same_open {
            self.attrs(a, b, path);
        }
        self.children(&a.children, &b.children, path);
    }

    fn attrs(&mut self, a: &El, b: &El, path: &[u32]) {
        let mut before: HashMap<&str, &str> = a.attrs.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
        for (name, value) in &b.attrs {
            if before.get(name.as_str()) != Some(&value.as_str()) {
                self.patches.push(Patch::Attr {
                    at: self.at,
                    path: path.to_vec(),
                    name: name.clone(),
                    value: value.clone(),
                });
            }
            before.remove(name.as_str());
        }
        // In the old element's attribute order, so the patches do not depend on hashing.
        for (name, _) in &a.attrs {
            if before.contains_key(name.as_str()) {
                self.patches.push(Patch::Rmattr { at: self.at, path: path.to_vec(), name: name.clone() });
            }
        }
    }

    fn positional(&mut self, a: &[Node], b: &[Node], path: &mut Vec<u32>) {
        let n = a.len().min(b.len());
        for i in (n..a.len()).rev() {
            self.patches.push(Patch::Remove { at: self.at, path: child(path, i) });
        }
        if b.len() > n {
            self.patches.push(Patch::Insert { at: self.at, path: path.to_vec(), index: n, html: self.html(&b[n..]) });
        }
        for i in 0..n {
            self.node(&a[i], &b[i], path, i);
        }
    }

    /// Keyed units: skip the common prefix and suffix, match the middle by key, keep the longest run whose
    /// old order is increasing, and move only the other units, walking the new order from the end so each
    /// unit is placed before the one that follows it.
    fn keyed(&mut self, old: &Keyed, new: &Keyed, path: &mut Vec<u32>) {
        let (a, ua, b, ub) = (old.nodes, &old.units[..], new.nodes, &new.units[..]);
        let compatible_units = |x: &Unit, y: &Unit| same_shape(old.nodes_of(x), new.nodes_of(y));
        let mut head = 0;
        while head < ua.len()
            && head < ub.len()
            && ua[head].key == ub[head].key
            && compatible_units(&ua[head], &ub[head])
        {
            head += 1;
        }
        let (mut tail_a, mut tail_b) = (ua.len(), ub.len());
        while tail_a > head
            && tail_b > head
            && ua[tail_a - 1].key == ub[tail_b - 1].key
            && compatible_units(&ua[tail_a - 1], &ub[tail_b - 1])
        {
            tail_a -= 1;
            tail_b -= 1;
        }
        let old_index: HashMap<Option<KeyRef>, usize> = (head..tail_a).map(|i| (ua[i].key, i)).collect();
        // Old position of each new middle unit, -1 when it is new or changed shape (then it is inserted).
        let sources: Vec<i64> = ub[head..tail_b]
            .iter()
            .map(|unit| match old_index.get(&unit.key) {
                Some(&i) if compatible_units(&ua[i], unit) => i as i64,
                _ => -1,
            })
            .collect();
        let kept: HashSet<usize> = sources.iter().filter(|&&s| s >= 0).map(|&s| s as usize).collect();
        let stay: HashSet<usize> = longest_increasing(&sources).into_iter().map(|p| sources[p] as usize).collect();

        // The DOM's child list while patches are emitted, as ids: old child i is i, inserted nodes count on
        // from a.len().
        let mut dom = OrderList::new(a.len() as u32);
        let ids_of = |unit: &Unit| unit.start as u32..(unit.start + unit.len) as u32;
        for i in (head..tail_a).rev() {
            if kept.contains(&i) {
                continue;
            }
            for id in ids_of(&ua[i]).rev() {
                self.patches.push(Patch::Remove { at: self.at, path: child(path, dom.remove(id)) });
            }
        }
        let mut fresh = a.len() as u32;
        let mut anchor: Option<u32> = (tail_b < ub.len()).then(|| ua[tail_a].start as u32);
        for j in (head..tail_b).rev() {
            let unit = &ub[j];
            let source = sources[j - head];
            if source >= 0 && stay.contains(&(source as usize)) {
                anchor = Some(ua[source as usize].start as u32);
                continue;
            }
            if source >= 0 {
                // A unit's nodes stay consecutive (units move whole), so one patch moves them all.
                let moving = ids_of(&ua[source as usize]);
                let from = dom.index_of(moving.start);
                for id in moving.clone() {
                    dom.remove(id);
                }
                let to = anchor.map_or(dom.len(), |x| dom.index_of(x));
                for id in moving.clone() {
                    dom.insert_before(id, anchor);
                }
                let count = (moving.len() > 1).then_some(moving.len());
                self.patches.push(Patch::Move { at: self.at, path: path.to_vec(), from, to, count });
                anchor = Some(moving.start);
            } else {
                let first = fresh;
                let index = dom.insert_before(first, anchor);
                for id in first + 1..first + unit.len as u32 {
                    dom.insert_before(id, anchor);
                }
                fresh += unit.len as u32;
                let html = self.html(&b[unit.start..unit.start + unit.len]);
                self.patches.push(Patch::Insert { at: self.at, path: path.to_vec(), index, html });
                anchor = Some(first);
            }
        }
        // Every kept unit is now where the new list has it: diff the pairs in place.
        let pair = |this: &mut Self, path: &mut Vec<u32>, x: &Unit, y: &Unit| {
            for k in 0..y.len {
                this.node(&a[x.start + k], &b[y.start + k], path, y.start + k);
            }
        };
        for i in 0..head {
            pair(self, path, &ua[i], &ub[i]);
        }
        for j in head..tail_b {
            let source = sources[j - head];
            if source >= 0 {
                pair(self, path, &ua[source as usize], &ub[j]);
            }
        }
        for k in 0..ub.len() - tail_b {
            pair(self, path, &ua[tail_a + k], &ub[tail_b + k]);
        }
    }
}

/// Whether turning `a`'s attributes into `b`'s would set a name an `attr` patch cannot carry.
fn needs_unsettable_name(a: &El, b: &El) -> bool {
    b.attrs
        .iter()
        .any(|(name, value)| !is_attribute_name(name) && !a.attrs.iter().any(|(n, v)| n == name && v == value))
}

/// An XML Name: what `setAttribute` accepts in every browser (the patch validator's rule).
pub fn is_attribute_name(name: &str) -> bool {
    let start = |c: char| {
        matches!(c, ':' | 'A'..='Z' | '_' | 'a'..='z' | '\u{C0}'..='\u{D6}' | '\u{D8}'..='\u{F6}'
            | '\u{F8}'..='\u{2FF}' | '\u{370}'..='\u{37D}' | '\u{37F}'..='\u{1FFF}' | '\u{200C}'..='\u{200D}'
            | '\u{2070}'..='\u{218F}' | '\u{2C00}'..='\u{2FEF}' | '\u{3001}'..='\u{D7FF}' | '\u{F900}'..='\u{FDCF}'
            | '\u{FDF0}'..='\u{FFFD}' | '\u{10000}'..='\u{EFFFF}')
    };
    let rest = |c: char| {
        start(c) || matches!(c, '-' | '.' | '0'..='9' | '\u{B7}' | '\u{300}'..='\u{36F}' | '\u{203F}'..='\u{2040}')
    };
    let mut chars = name.chars();
    chars.next().is_some_and(start) && chars.all(rest)
}
