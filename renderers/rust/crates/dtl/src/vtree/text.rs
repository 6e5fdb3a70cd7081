//! Text edits: the fast path of a live `set` whose changed parts print only text (`{{ count }}` between
//! tags). Such a change cannot alter the tree's structure, keys or anchors, so it is patched as a `text`
//! patch of the node that holds it, found by offset, without re-parsing or diffing the page. Neither the
//! page's bytes nor the tree's offsets are rewritten then: the edits are kept, in the offsets of the tree,
//! and applied in one pass (`settle`) before anything else reads them, so a run of such `set`s costs what
//! the changed nodes cost, not what the page does.

use super::elements::is_rawtext;
use super::{El, Marks, Node, Page, Patch};

/// How many edits a page keeps before applying them (each one makes the next edit's lookup longer).
const MAX_PENDING: usize = 64;

/// Bytes that would change the tree if printed (a tag, a character reference, line-ending normalization,
/// NUL replacement), or a text node's DOM data differing from its source.
fn is_plain_text(s: &str) -> bool {
    !s.bytes().any(|b| matches!(b, b'<' | b'&' | b'\r' | b'\0'))
}

/// One replaced range: `[start, end)` in the offsets of the page's tree, with its new text.
#[derive(Debug, Clone)]
pub struct Edit {
    start: usize,
    end: usize,
    text: String,
    /// The span, in tree offsets, of the text node holding it, and how a patch addresses that node.
    node: (usize, usize),
    at: Option<u64>,
    path: Vec<u32>,
}

/// A text node: its span in tree offsets, the anchor its path starts from, the path.
type Found = ((usize, usize), Option<u64>, Vec<u32>);

/// Where a range of the current page lies among the edits: exactly on edit `k`, or at `[start, end)` of
/// the tree, outside every edit.
enum Place {
    Edit(usize),
    Tree(usize, usize),
}

// Maps `[start, end)` of the current page to the tree's offsets (`edits` are sorted and disjoint); None
// when it overlaps an edit without being exactly one.
fn place(edits: &[Edit], start: usize, end: usize) -> Option<Place> {
    let mut shift: isize = 0;
    for (k, e) in edits.iter().enumerate() {
        let cur_start = e.start.wrapping_add_signed(shift);
        let cur_end = cur_start + e.text.len();
        if (start, end) == (cur_start, cur_end) {
            return Some(Place::Edit(k));
        }
        if end <= cur_start {
            break;
        }
        if start < cur_end {
            return None;
        }
        shift += e.text.len() as isize - (e.end - e.start) as isize;
    }
    Some(Place::Tree(start.wrapping_add_signed(-shift), end.wrapping_add_signed(-shift)))
}

// The text of the node at tree span `node` of `html`, with the edits inside it applied.
fn node_text(html: &str, edits: &[Edit], node: (usize, usize)) -> String {
    let mut out = String::new();
    let mut from = node.0;
    for e in edits.iter().filter(|e| e.start >= node.0 && e.end <= node.1) {
        out.push_str(&html[from..e.start]);
        out.push_str(&e.text);
        from = e.end;
    }
    out.push_str(&html[from..node.1]);
    out
}

impl Page {
    /// The patches for replacing the current page's bytes `[start, end)` with `text`, for each edit, when
    /// every one lies inside a text node of markup and leaves it plain, non-empty text; None otherwise (the
    /// page is then unchanged, and the caller takes the general path). `marks` are the new page's.
    pub fn edit_text(&mut self, edits: &[(usize, usize, &str)], marks: Marks) -> Option<Vec<Patch>> {
        if self.tree.is_err() || edits.iter().any(|(s, e, t)| s >= e || !is_plain_text(t)) {
            return None;
        }
        if self.pending.len() + edits.len() > MAX_PENDING {
            self.settle();
        }
        // Every range is in the offsets of the page before this call.
        let places = edits.iter().map(|&(s, e, _)| place(&self.pending, s, e)).collect::<Option<Vec<_>>>()?;
        // Staged on a copy (a few edits), committed only when every edit can be taken.
        let mut pending = self.pending.clone();
        let mut touched: Vec<usize> = Vec::with_capacity(edits.len());
        for (&(_, _, text), place) in edits.iter().zip(places) {
            let k = match place {
                Place::Edit(k) => {
                    let start = self.pending[k].start;
                    let k = pending.iter().position(|e| e.start == start)?;
                    pending[k].text = text.to_string();
                    start
                }
                Place::Tree(s, e) => {
                    let (node, at, path) = self.text_node(s, e)?;
                    let k = pending.partition_point(|x| x.start < s);
                    pending.insert(k, Edit { start: s, end: e, text: text.to_string(), node, at, path });
                    s
                }
            };
            touched.push(k);
        }
        // One patch per text node touched, with its text after every edit inside it.
        let mut patches = Vec::new();
        let mut done: Vec<(usize, usize)> = Vec::new();
        for start in touched {
            let Some(e) = pending.iter().find(|e| e.start == start) else { continue };
            if done.contains(&e.node) {
                continue;
            }
            done.push(e.node);
            let value = node_text(&self.html, &pending, e.node);
            if value.is_empty() {
                // The node would go from the DOM: a change of structure.
                return None;
            }
            patches.push(Patch::Text { at: e.at, path: e.path.clone(), value });
        }
        self.pending = pending;
        self.marks = marks;
        Some(patches)
    }

    // The text node holding tree bytes `[start, end)`, with its anchor and path, when it is plain text in
    // an element whose content is markup.
    fn text_node(&self, start: usize, end: usize) -> Option<Found> {
        let mut level: &[Node] = self.tree.as_ref().ok()?;
        let (mut at, mut path): (Option<u64>, Vec<u32>) = (None, Vec::new());
        let mut parent: Option<&El> = None;
        loop {
            let k = level.partition_point(|n| n.span().1 < end);
            let node = level.get(k)?;
            let (s, e) = node.span();
            if !(s <= start && end <= e) {
                return None;
            }
            path.push(k as u32);
            match node {
                Node::Text { span, value: None } => {
                    let plain =
                        parent.is_none_or(|p| p.has_markup() && !is_rawtext(&p.name) && !keeps_newline(&p.name));
                    return plain.then_some((*span, at, path));
                }
                Node::El(el) => {
                    if !(el.open_end <= start && end <= el.close_start) {
                        return None;
                    }
                    if el.anchor.is_some() {
                        at = el.anchor;
                        path.clear();
                    }
                    parent = Some(el);
                    level = &el.children;
                }
                _ => return None,
            }
        }
    }

    /// Applies the kept edits to the page's bytes and the tree's offsets, in one pass over each.
    pub(super) fn settle(&mut self) {
        if self.pending.is_empty() {
            return;
        }
        let edits = std::mem::take(&mut self.pending);
        let mut html = String::with_capacity(self.html.len());
        let mut from = 0;
        // (end of an edit in old offsets, shift of everything at or after it)
        let mut shifts: Vec<(usize, isize)> = Vec::with_capacity(edits.len());
        let mut total: isize = 0;
        for e in &edits {
            html.push_str(&self.html[from..e.start]);
            html.push_str(&e.text);
            from = e.end;
            total += e.text.len() as isize - (e.end - e.start) as isize;
            shifts.push((e.end, total));
        }
        html.push_str(&self.html[from..]);
        self.html = html;
        let map = |x: usize| -> usize {
            let k = shifts.partition_point(|(end, _)| *end <= x);
            if k == 0 {
                x
            } else {
                x.wrapping_add_signed(shifts[k - 1].1)
            }
        };
        if let Ok(tree) = &mut self.tree {
            remap(tree, &map);
        }
    }
}

// `<pre>`, `<textarea>` and `<listing>` drop a newline that starts their content.
fn keeps_newline(name: &str) -> bool {
    matches!(name, "pre" | "textarea" | "listing")
}

fn remap(nodes: &mut [Node], map: &impl Fn(usize) -> usize) {
    for node in nodes {
        match node {
            Node::Text { span, .. } | Node::Comment { span, .. } => *span = (map(span.0), map(span.1)),
            Node::El(el) => {
                el.span = (map(el.span.0), map(el.span.1));
                el.open_end = map(el.open_end);
                el.close_start = map(el.close_start);
                remap(&mut el.children, map);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "<div><p>Count: 5 of 9</p><ul><li>a</li></ul></div>";

    fn at(page: &str, needle: &str) -> (usize, usize) {
        let s = page.find(needle).expect("needle");
        (s, s + needle.len())
    }

    #[test]
    fn a_text_change_is_one_text_patch_and_later_ones_stack() {
        let mut page = Page::parse(PAGE.to_string(), Marks::default());
        let (s, e) = at(PAGE, "5");
        let patches = page.edit_text(&[(s, e, "123")], Marks::default()).expect("plain text");
        assert_eq!(patches, vec![Patch::Text { at: None, path: vec![0, 0, 0], value: "Count: 123 of 9".into() }]);
        // Offsets are the current page's: the edited range is now three bytes long, the one after moved.
        let now = PAGE.replace("5 of", "123 of");
        let (s9, e9) = at(&now, "9");
        let both = page.edit_text(&[(s, s + 3, "7"), (s9, e9, "10")], Marks::default()).expect("plain text");
        assert_eq!(both, vec![Patch::Text { at: None, path: vec![0, 0, 0], value: "Count: 7 of 10".into() }]);
        // A change of structure settles the edits first, then diffs as usual.
        let next = "<div><p>Count: 7 of 10</p><ul><li>a</li><li>b</li></ul></div>";
        let patches = page.update(next.to_string(), Marks::default());
        assert!(matches!(patches.as_slice(), [Patch::Insert { index: 1, .. }]), "{patches:?}");
        assert_eq!(page.html(), next);
        let again = page.update(next.to_string(), Marks::default());
        assert!(again.is_empty());
    }

    #[test]
    fn what_is_not_plain_text_in_markup_takes_the_general_path() {
        let mut page = Page::parse(PAGE.to_string(), Marks::default());
        let (s, e) = at(PAGE, "5");
        assert_eq!(page.edit_text(&[(s, e, "<b>")], Marks::default()), None);
        assert_eq!(page.edit_text(&[(s, e, "&amp;")], Marks::default()), None);
        let (p, _) = at(PAGE, "<p>");
        assert_eq!(page.edit_text(&[(p, e, "x")], Marks::default()), None, "spans a tag");
        let (c, _) = at(PAGE, "Count");
        let (_, nine) = at(PAGE, "9");
        assert_eq!(page.edit_text(&[(c, nine, "")], Marks::default()), None, "empties the node");
        let mut pre = Page::parse("<pre>5</pre>".to_string(), Marks::default());
        assert_eq!(pre.edit_text(&[(5, 6, "6")], Marks::default()), None, "a leading newline rule");
        // Refused edits left the page as it was.
        assert_eq!(page.html(), PAGE);
    }
}
