//! Keys from loop items, as renderers/vdom/src/instantiate.ts `keyByItemId` gives them: every element
//! at the top level of one loop iteration's output that has no `data-key`/`key` attribute is keyed
//! `id:{str(item.id)}#{n}`, n counting such elements within the iteration. The renderer records each
//! iteration's byte range and item id (an `ItemMark`); the parser keys the elements that start inside a
//! range and whose parent was opened before it (so they are at the iteration's top level). Iterations nest:
//! the innermost range wins, as the vdom keys an inner loop's elements before the outer loop sees them.

use super::anchors::StaticRun;
use std::rc::Rc;

/// One loop iteration's output: `[start, end)`, rendered for an item whose `id` is `id` (as `str()`).
#[derive(Debug, Clone, PartialEq)]
pub struct ItemMark {
    /// First byte of the iteration's output.
    pub start: usize,
    /// End (exclusive) of the iteration's output.
    pub end: usize,
    /// `str(item.id)`.
    pub id: Rc<str>,
}

/// The loop iterations of a page, kept per separately rendered part (a live document's top-level node), so
/// a part rendered again replaces only its own and a reused part is compared by pointer; with the page's
/// static text runs, which name its anchors (anchors.rs).
#[derive(Debug, Clone, Default)]
pub struct Marks {
    /// Where each part starts in the page, and its iterations (offsets into the part, sorted by `sort`).
    parts: Vec<(usize, Rc<[ItemMark]>)>,
    /// The page's copies of static template text outside loops, in page offsets (anchors.rs).
    statics: Vec<StaticRun>,
}

/// The key an element takes from its loop item: the item's id and the element's rank in the iteration.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemKey {
    /// `str(item.id)`.
    pub id: Rc<str>,
    /// How many elements of the same iteration were keyed before this one.
    pub n: u32,
}

/// Sorts one part's marks as the parser reads them: by start, an enclosing iteration before the ones inside
/// it. Marks are recorded when an iteration ends, so an inner iteration comes before its outer one.
pub fn sort(marks: &mut [ItemMark]) {
    marks.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
}

impl Marks {
    /// Marks of a page rendered as one part, with its static text runs.
    pub fn whole(mut marks: Vec<ItemMark>, statics: Vec<StaticRun>) -> Marks {
        sort(&mut marks);
        Marks { parts: vec![(0, marks.into())], statics }
    }

    /// Marks of a page made of parts, each with its length, its marks (sorted by `sort`) and its static
    /// text runs (offsets into the part).
    pub fn of_parts<'a>(parts: impl Iterator<Item = (usize, &'a Rc<[ItemMark]>, &'a [StaticRun])>) -> Marks {
        let mut at = 0;
        let mut statics = Vec::new();
        let parts = parts
            .map(|(len, marks, runs)| {
                let part = (at, marks.clone());
                statics.extend(runs.iter().map(|r| StaticRun { start: r.start + at, end: r.end + at, text: r.text }));
                at += len;
                part
            })
            .collect();
        Marks { parts, statics }
    }

    /// The page's copies of static template text outside loops, sorted.
    pub fn statics(&self) -> &[StaticRun] {
        &self.statics
    }

    /// Whether two pages have the same iterations at the same places, and the same static text runs.
    pub fn same(&self, other: &Marks) -> bool {
        self.statics == other.statics
            && self.parts.len() == other.parts.len()
            && self.parts.iter().zip(&other.parts).all(|((a, x), (b, y))| {
                let (x, y) = (x.as_ref(), y.as_ref());
                // Parts without marks may start anywhere: their place does not key anything.
                (x.is_empty() && y.is_empty()) || (a == b && (std::ptr::eq(x, y) || x == y))
            })
    }

    /// Every mark, in page offsets and parse order.
    #[cfg(test)]
    pub fn flat(&self) -> Vec<(usize, usize, Rc<str>)> {
        self.starting_in(0, usize::MAX)
    }

    /// The marks starting in `[from, to)`, in page offsets and parse order. Marks starting before `from` key
    /// nothing inside: an element there has a parent opened at or after `from`, so after their start.
    fn starting_in(&self, from: usize, to: usize) -> Vec<(usize, usize, Rc<str>)> {
        let mut out = Vec::new();
        for (at, marks) in &self.parts {
            let first = marks.partition_point(|m| m.start + at < from);
            for m in marks[first..].iter().take_while(|m| m.start + at < to) {
                out.push((m.start + at, m.end + at, m.id.clone()));
            }
        }
        out
    }

    /// Whether the marks of two pages differ only inside the old page's `[from, close)`, whose bytes became
    /// the new page's `[from, close + delta)`; before it the pages are the same, after it shifted by `delta`.
    /// Marks inside the range are those an incremental re-parse of it keys again; any other difference
    /// changes keys outside it.
    pub fn same_outside(&self, new: &Marks, from: usize, close: usize, delta: isize) -> bool {
        if self.parts.len() != new.parts.len() {
            return false;
        }
        let new_close = close.wrapping_add_signed(delta);
        let moved = |x: usize| if x >= close { x.wrapping_add_signed(delta) } else { x };
        self.parts.iter().zip(&new.parts).all(|((a, x), (b, y))| {
            let outside_old = x.iter().filter(|m| !(m.start + a >= from && m.end + a <= close));
            let mut outside_new = y.iter().filter(|m| !(m.start + b >= from && m.end + b <= new_close));
            // A reused part lies wholly before or after the change: only its place needs checking.
            if std::ptr::eq(x.as_ref(), y.as_ref()) && (x.is_empty() || *b == moved(*a)) {
                return true;
            }
            for m in outside_old {
                match outside_new.next() {
                    Some(n) if n.id == m.id && n.start + b == moved(m.start + a) && n.end + b == moved(m.end + a) => {}
                    _ => return false,
                }
            }
            outside_new.next().is_none()
        })
    }
}

/// Hands out item keys to the elements of `[from, to)` in document order.
pub struct Keyer {
    marks: Vec<(usize, usize, Rc<str>)>,
    next: usize,
    /// Indices of the marks that hold the current position, innermost last.
    active: Vec<usize>,
    /// Elements keyed so far in each mark.
    counts: Vec<u32>,
}

impl Keyer {
    /// A keyer for parsing `[from, to)` of a page with `marks`.
    pub fn new(marks: &Marks, from: usize, to: usize) -> Keyer {
        let marks = marks.starting_in(from, to);
        let counts = vec![0; marks.len()];
        Keyer { marks, next: 0, active: Vec::new(), counts }
    }

    /// The key of an element without a key attribute starting at byte `at` (positions only grow from call
    /// to call), whose parent's start tag ends at `parent_open_end` (for the root, where parsing began).
    pub fn key(&mut self, at: usize, parent_open_end: usize) -> Option<ItemKey> {
        if self.marks.is_empty() {
            return None;
        }
        while let Some(&(start, end, _)) = self.marks.get(self.next).filter(|m| m.0 <= at) {
            while self.active.last().is_some_and(|&i| self.marks[i].1 <= start) {
                self.active.pop();
            }
            if start < end {
                self.active.push(self.next);
            }
            self.next += 1;
        }
        while self.active.last().is_some_and(|&i| self.marks[i].1 <= at) {
            self.active.pop();
        }
        let &i = self.active.last()?;
        let (start, _, id) = &self.marks[i];
        // An element whose parent opened inside the iteration is nested, not at the iteration's top level
        // (and then it is nested for every enclosing iteration too).
        if parent_open_end > *start {
            return None;
        }
        let n = self.counts[i];
        self.counts[i] += 1;
        Some(ItemKey { id: id.clone(), n })
    }
}
