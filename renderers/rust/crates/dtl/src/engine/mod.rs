//! The engine: a template's IR (`ir`) prepared once (`program`), then rendered node by node (`render`)
//! against a context stack (`context`), with expressions and conditions (`eval`), loops (`loops`),
//! includes, extends and blocks (`include`), the smaller tags (`tags`, `lorem`), and calls back into the
//! application (`host`), for the application's objects too (`objects`). `pieces` works out, when a program is prepared, which parts of its page a live
//! document can re-render alone and which names each reads.

pub mod context;
pub mod eval;
pub mod host;
pub mod include;
pub mod ir;
mod loops;
pub mod lorem;
pub mod objects;
pub mod pieces;
pub mod program;
pub mod render;
pub mod tags;

#[cfg(test)]
mod tests;

pub use host::Host;
pub use program::{Options, Program};
