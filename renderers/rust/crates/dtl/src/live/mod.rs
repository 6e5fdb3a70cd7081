//! Live documents: a mounted page and its context kept on the Rust side, so an update re-renders only
//! what reads the names that changed. The virtual tree (`crate::vtree`) turns the new page into patches.

mod document;

pub use document::{merge_top_level, Change, Document};
