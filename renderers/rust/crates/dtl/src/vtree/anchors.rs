//! Anchors (live/dom-patch/PATCHES.md, "Addressing: anchors and paths"): the page's dynamic elements
//! outside every loop, named by where their start tag was copied from in the template, so the client can
//! bind them once and patches below them need only a short path. The renderer records, outside loops, the
//! output ranges copied from static template text (`StaticRun`); an element is an anchor when its start tag
//! lies in such a run and some byte of its source does not (dynamic output is inside it). Its id is the
//! text node's id and the tag's offset in that text, the same on every render of the template.

use super::elements::{is_rawtext, is_rcdata};
use super::{El, Node};
use std::collections::HashMap;

/// Output bytes `[start, end)` copied from the static template text node `text` (a program-wide id), at
/// the text's start. Recorded only outside loops, so no element of a loop iteration starts in one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StaticRun {
    /// First byte of the copy in the page.
    pub start: usize,
    /// End (exclusive) of the copy.
    pub end: usize,
    /// The text node's id (`Program::text_id`).
    pub text: u32,
}

/// An anchor as the client binds it: `[id, path from the root]`.
pub type Anchor = (u64, Vec<u32>);

// A tag's offset in its text takes the low bits of the id; a tag further into one text names no anchor.
const OFFSET_BITS: u32 = 20;

/// The id of an element whose source is `[start, end)` when it is an anchor: its start tag was copied from
/// static text and some of its bytes were not. `runs` are sorted and do not overlap.
pub fn anchor_id(runs: &[StaticRun], start: usize, end: usize) -> Option<u64> {
    let k = runs.partition_point(|r| r.end <= start);
    let run = runs.get(k).filter(|r| r.start <= start)?;
    let offset = (start - run.start) as u64;
    if offset >= 1 << OFFSET_BITS {
        return None;
    }
    // Static all through when consecutive runs cover `[start, end)` without a gap.
    let mut covered = run.end;
    for next in &runs[k + 1..] {
        if covered >= end || next.start != covered {
            break;
        }
        covered = next.end;
    }
    (covered < end).then_some((u64::from(run.text) << OFFSET_BITS) | offset)
}

/// Whether patches inside an element of this name are addressed from it: raw text is set through its
/// parent, as the vdom does.
pub fn can_anchor(el: &El) -> bool {
    !is_rawtext(&el.name) && !is_rcdata(&el.name)
}

/// Sets every element's `anchor` for the tree of a page with `runs`, and returns the table: anchors in
/// document order with their paths. Only children that hold a static run are walked (loop output holds
/// none), so the cost follows the template, not the data. An id met twice names no anchor.
pub fn assign(tree: &mut [Node], runs: &[StaticRun]) -> Vec<Anchor> {
    let mut table = Vec::new();
    walk(tree, runs, &mut Vec::new(), &mut table);
    let mut count: HashMap<u64, u32> = HashMap::new();
    for (id, _) in &table {
        *count.entry(*id).or_default() += 1;
    }
    if count.len() < table.len() {
        let twice: Vec<&Vec<u32>> = table.iter().filter(|(id, _)| count[id] > 1).map(|(_, p)| p).collect();
        for path in twice {
            if let Some(el) = element_at(tree, path) {
                el.anchor = None;
            }
        }
        table.retain(|(id, _)| count[id] == 1);
    }
    table
}

fn walk(nodes: &mut [Node], runs: &[StaticRun], path: &mut Vec<u32>, table: &mut Vec<Anchor>) {
    let (Some(first), Some(last)) = (nodes.first(), nodes.last()) else { return };
    let (from, to) = (first.span().0, last.span().1);
    let lo = runs.partition_point(|r| r.end <= from);
    let mut visited = usize::MAX;
    for run in runs[lo..].iter().take_while(|r| r.start < to) {
        // The child holding the run's first byte (or, for a run starting before these nodes, the first).
        let at = run.start.max(from);
        let k = nodes.partition_point(|n| n.span().1 <= at);
        if k == visited || k >= nodes.len() {
            continue;
        }
        visited = k;
        let Node::El(el) = &mut nodes[k] else { continue };
        path.push(k as u32);
        el.anchor = anchor_id(runs, el.span.0, el.span.1).filter(|_| can_anchor(el));
        if let Some(id) = el.anchor {
            table.push((id, path.clone()));
        }
        walk(&mut el.children, runs, path, table);
        path.pop();
    }
}

fn element_at<'t>(nodes: &'t mut [Node], path: &[u32]) -> Option<&'t mut El> {
    let (&k, rest) = path.split_first()?;
    let Node::El(el) = nodes.get_mut(k as usize)? else { return None };
    if rest.is_empty() {
        Some(el)
    } else {
        element_at(&mut el.children, rest)
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Marks, Page, Patch};
    use super::{StaticRun, OFFSET_BITS};

    // A page from pieces, each copied from the static text node `Some(id)` or rendered dynamically (None),
    // with the static runs a live render records.
    fn page(pieces: &[(Option<u32>, String)]) -> (String, Marks) {
        let mut html = String::new();
        let mut runs = Vec::new();
        for (text, s) in pieces {
            if let Some(text) = *text {
                runs.push(StaticRun { start: html.len(), end: html.len() + s.len(), text });
            }
            html.push_str(s);
        }
        (html, Marks::whole(Vec::new(), runs))
    }

    // `<main class="dash"><h1>{{ title }}</h1><ul>{% for i in items %}<li>{{ i }}</li>{% endfor %}</ul>
    // <p>{{ n }} left</p><footer>static</footer></main>`: loop output is never recorded, static or not.
    fn dashboard(title: &str, items: &[&str], n: u32) -> (String, Marks) {
        let mut pieces =
            vec![(Some(0), "<main class=\"dash\"><h1>".into()), (None, title.into()), (Some(1), "</h1><ul>".into())];
        for item in items {
            pieces.extend([(None, "<li>".into()), (None, item.to_string()), (None, "</li>".into())]);
        }
        pieces.extend([
            (Some(2), "</ul><p>".into()),
            (None, n.to_string()),
            (Some(3), " left</p><footer>static</footer></main>".into()),
        ]);
        page(&pieces)
    }

    fn id(text: u64, offset: u64) -> u64 {
        (text << OFFSET_BITS) | offset
    }

    #[test]
    fn dynamic_elements_outside_loops_are_anchors_named_by_their_static_text() {
        let (html, marks) = dashboard("T", &["a", "b"], 3);
        let table = Page::parse(html, marks).anchors().to_vec();
        // main, h1, ul (a loop's output is dynamic) and p; not the static footer, not the loop's <li>.
        let main = (id(0, 0), vec![0]);
        let h1 = (id(0, 19), vec![0, 0]);
        let ul = (id(1, 5), vec![0, 1]);
        let p = (id(2, 5), vec![0, 2]);
        assert_eq!(table, vec![main, h1, ul, p]);
        // Another render, other data: the same ids at the same places.
        let (html, marks) = dashboard("a longer title", &["x", "y", "z", "w"], 10);
        assert_eq!(Page::parse(html, marks).anchors(), table.as_slice());
    }

    #[test]
    fn an_id_met_twice_names_no_anchor() {
        let twice: Vec<(Option<u32>, String)> =
            [(Some(0), "<b>"), (None, "x"), (Some(1), "</b>"), (Some(0), "<b>"), (None, "y"), (Some(1), "</b>")]
                .into_iter()
                .map(|(t, s)| (t, s.to_string()))
                .collect();
        let (html, marks) = page(&twice);
        assert!(Page::parse(html, marks).anchors().is_empty());
    }

    #[test]
    fn patches_below_an_anchor_start_from_it_and_structural_lists_end_with_the_table() {
        let (a, ma) = dashboard("T", &["a", "b"], 3);
        let (b, mb) = dashboard("U", &["a", "b", "c"], 4);
        let mut page = Page::parse(a.clone(), ma.clone());
        let table = page.anchors().to_vec();
        let expected = vec![
            Patch::Text { at: Some(id(0, 19)), path: vec![0], value: "U".into() },
            Patch::Insert { at: Some(id(1, 5)), path: vec![], index: 2, html: "<li>c</li>".into() },
            Patch::Text { at: Some(id(2, 5)), path: vec![0], value: "4 left".into() },
            Patch::Anchors { anchors: table.clone() },
        ];
        assert_eq!(page.diff(&Page::parse(b.clone(), mb.clone())), expected);
        // The incremental update re-parses inside <main>, an anchor: its paths start there too.
        assert_eq!(page.update(b, mb), expected);
        assert_eq!(page.anchors(), table.as_slice());
        // Text changes alone keep the table: no `anchors` patch.
        let (c, mc) = dashboard("V", &["a", "b", "c"], 4);
        assert_eq!(page.update(c, mc), vec![Patch::Text { at: Some(id(0, 19)), path: vec![0], value: "V".into() }]);
        // Without anchors, the same change is addressed from the root.
        let plain = Page::parse_anchored(a, ma, false);
        assert!(plain.anchors().is_empty());
        let (b, mb) = dashboard("U", &["a", "b"], 3);
        let root = vec![Patch::Text { at: None, path: vec![0, 0, 0], value: "U".into() }];
        assert_eq!(plain.diff(&Page::parse_anchored(b, mb, false)), root);
    }

    #[test]
    fn raw_text_is_addressed_from_the_parent_and_a_replaced_anchor_rebinds() {
        let (a, ma) = page(&[(Some(0), "<div><title>".into()), (None, "a".into()), (Some(1), "</title></div>".into())]);
        let (b, mb) = page(&[(Some(0), "<div><title>".into()), (None, "b".into()), (Some(1), "</title></div>".into())]);
        let old = Page::parse(a, ma);
        assert_eq!(old.anchors(), &[(id(0, 0), vec![0])]);
        let div = Some(id(0, 0));
        assert_eq!(old.diff(&Page::parse(b, mb)), vec![Patch::Text { at: div, path: vec![0, 0], value: "b".into() }]);
        // The element an anchor named became another (a <p>, from another text): replaced, then rebound.
        let (c, mc) = page(&[(Some(2), "<p>".into()), (None, "c".into()), (Some(3), "</p>".into())]);
        let patches = old.diff(&Page::parse(c, mc));
        assert_eq!(
            patches,
            vec![
                Patch::Replace { at: None, path: vec![0], html: "<p>c</p>".into() },
                Patch::Anchors { anchors: vec![(id(2, 0), vec![0])] },
            ]
        );
    }
}
