//! Live documents: a mounted page and its context kept on the Rust side, so an update re-renders only
//! what reads the names that changed. A page with a slot plan (plan.rs) keeps its slot values and diffs
//! them (slots.rs); any other page is parsed into the virtual tree (`crate::vtree`), which diffs trees.

mod document;
mod fit;
mod plan;
mod slots;

pub use document::{merge_top_level, Change, Document};
pub use plan::SlotPlan;
pub use slots::SlotDocument;
