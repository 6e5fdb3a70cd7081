//! A mounted page as the binding keeps it: on its slot plan, a `SlotDocument` (slot values, diffed as values);
//! else the live `Document` (its context and output) with the virtual tree of its current page to diff the
//! next one against; and the timings of the last update. The synchronous `NativeDocument` and the worker
//! threads' documents (workers.rs) share it.

use crate::{guarded, parse_context, Clock, Sent};
use std::rc::Rc;
use std::time::Instant;
use tessera_dtl::{patches_wire, Change, Document, Host, Page, Program, SlotDocument, SlotPlan, Value};

/// Microseconds the last update spent parsing its JSON, rendering, and diffing (wire form included).
#[derive(Clone, Copy, Default)]
pub struct Timings {
    pub parse: f64,
    pub render: f64,
    pub diff: f64,
}

/// A mounted page with its virtual tree.
pub struct Tree {
    doc: Document,
    page: Page,
    /// Whether patches are addressed from anchors (kept to rebuild the page after a failed diff).
    anchored: bool,
}

/// How a page is kept.
enum Kept {
    Slots(Box<SlotDocument>),
    Tree(Box<Tree>),
}

/// A mounted page.
pub struct Live {
    kept: Kept,
    pub timings: Timings,
}

fn micros_since(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1e6
}

impl Live {
    /// Renders a context (JSON) and keeps its slot values (with a plan and anchors), or parses the page into
    /// its tree.
    pub fn mount(
        (program, plan): (Rc<Program>, Option<Rc<SlotPlan>>),
        context: Sent<'_>,
        clock: &Clock,
        host: Option<&dyn Host>,
        anchored: bool,
    ) -> napi::Result<Live> {
        let context = guarded(|| parse_context(context))?;
        if let (Some(plan), true) = (plan, anchored) {
            let doc = guarded(|| SlotDocument::mount(program, plan, context, clock.now()?.as_ref(), host))?;
            return Ok(Live { kept: Kept::Slots(Box::new(doc)), timings: Timings::default() });
        }
        let doc = guarded(|| Document::mount(program, context, clock.now()?.as_ref(), host))?;
        let page = guarded(|| Ok(Page::parse_anchored(doc.html().to_string(), doc.marks().clone(), anchored)))?;
        Ok(Live { kept: Kept::Tree(Box::new(Tree { doc, page, anchored })), timings: Timings::default() })
    }

    /// The page for the current context (a slot document renders it again after a change: `clock` and
    /// `host` as for an update).
    pub fn html(&mut self, clock: Option<&Clock>, host: Option<&dyn Host>) -> napi::Result<String> {
        match &mut self.kept {
            Kept::Tree(t) => Ok(t.doc.html().to_string()),
            Kept::Slots(doc) => guarded(|| {
                let now = clock.map(Clock::now).transpose()?.flatten();
                doc.html(now.as_ref(), host).map(str::to_string)
            }),
        }
    }

    /// The anchor table as JSON, `[[id, [path from the root]], ...]`.
    pub fn anchors_json(&self) -> String {
        match &self.kept {
            Kept::Tree(t) => serde_json::to_string(t.page.anchors()).expect("ids and indices"),
            Kept::Slots(doc) => serde_json::to_string(doc.anchors()).expect("ids and indices"),
        }
    }

    /// Whether the page is patched node by node (a slot document: by slot).
    pub fn modelled(&self) -> bool {
        match &self.kept {
            Kept::Tree(t) => t.page.quirk().is_none(),
            Kept::Slots(_) => true,
        }
    }

    /// Whether the page is kept on its slot plan.
    pub fn slotted(&self) -> bool {
        matches!(self.kept, Kept::Slots(_))
    }

    /// Replaces the whole context (`whole`) or the top-level names of the JSON object `json`; returns the
    /// patches in the wire form, or None when the page did not change.
    pub fn change(
        &mut self,
        sent: Sent<'_>,
        whole: bool,
        clock: &Clock,
        host: Option<&dyn Host>,
    ) -> napi::Result<Option<String>> {
        let start = Instant::now();
        let value: Value = guarded(|| parse_context(sent))?;
        self.timings.parse = micros_since(start);
        let rendering = Instant::now();
        let tree = match &mut self.kept {
            Kept::Tree(t) => t,
            Kept::Slots(doc) => {
                let wire = guarded(|| {
                    let now = clock.now()?;
                    if whole {
                        doc.update(value, now.as_ref(), host)
                    } else {
                        doc.set(&value, now.as_ref(), host)
                    }
                });
                // Slot values are computed and diffed in one pass: its time is the render's.
                self.timings.render = micros_since(rendering);
                self.timings.diff = 0.0;
                return wire;
            }
        };
        let doc = &mut tree.doc;
        let change = guarded(|| {
            let now = clock.now()?;
            if whole {
                Ok(if doc.update(value, now.as_ref(), host)? { Change::Page } else { Change::None })
            } else {
                doc.set_change(&value, now.as_ref(), host)
            }
        })?;
        tree.patches(rendering, change, &mut self.timings)
    }
}

impl Tree {
    // After the document re-rendered: patches the text it changed in place, or diffs the new page against
    // the last one.
    fn patches(&mut self, rendered: Instant, change: Change, timings: &mut Timings) -> napi::Result<Option<String>> {
        let diffing = Instant::now();
        timings.render = (diffing - rendered).as_secs_f64() * 1e6;
        if change == Change::None {
            timings.diff = 0.0;
            return Ok(None);
        }
        let (page, doc) = (&mut self.page, &self.doc);
        let wire = guarded(|| {
            if let Change::Text(edits) = &change {
                let edits: Vec<(usize, usize, &str)> = edits.iter().map(|(s, e, t)| (*s, *e, t.as_str())).collect();
                if let Some(patches) = page.edit_text(&edits, doc.marks().clone()) {
                    return Ok(patches_wire(&patches));
                }
            }
            Ok(patches_wire(&page.update(doc.html().to_string(), doc.marks().clone())))
        });
        if wire.is_err() {
            // A panic may have left the tree half updated: rebuild it, so later diffs start from the page.
            let (html, marks) = (self.doc.html().to_string(), self.doc.marks().clone());
            let anchored = self.anchored;
            if let Ok(page) = guarded(|| Ok(Page::parse_anchored(html, marks, anchored))) {
                self.page = page;
            }
        }
        timings.diff = micros_since(diffing);
        wire.map(Some)
    }
}
