//! Django template (DTL 5.2) rendering of the Tessera IR in plain Rust, with no Node dependency: the
//! frontend (`@tessera/template`) compiles a template to IR JSON, this crate prepares it once and renders
//! contexts (JSON) to HTML, and keeps live documents whose updates come back as DOM patches.
//! `crates/napi` wraps it for Node as `@tessera/renderer-rust`.
//!
//! The modules, each depending only on those above it:
//! - `error`: `Error { kind, message }`, named after the class Django raises; `random`: the one
//!   pseudo-random source (`{% lorem %}`, the `random` filter);
//! - `value`: the Python value model of a render and its semantics (truthiness, comparison, lookup,
//!   `str()`/`repr()`, `%`-formatting, Decimal, datetimes, case mapping, `pprint`, escaping), and the
//!   tagged JSON that contexts arrive in;
//! - `filters`: Django's built-in filters, one module per family;
//! - `vtree`: rendered pages parsed into a virtual tree and diffed into patches (it reads no values);
//! - `engine`: the IR, the prepared `Program`, the renderer, and the `Host` the application answers;
//! - `live`: the `Document` that keeps a page and its context, re-rendering only what changed.
//!
//! ```
//! use tessera_dtl::{Options, Program};
//! let ir = r#"{"irVersion":1,"name":"t","body":[{"kind":"text","value":"Hi "},
//!   {"kind":"output","id":1,"loc":{"template":"t","line":1,"col":4},"deps":["name"],
//!    "expr":{"base":{"kind":"var","path":["name"]},"filters":[{"name":"upper","arg":null}]}}],
//!   "partials":{},"deps":["name"],"sources":["t"]}"#;
//! let program = Program::from_json(ir, Options::default()).unwrap();
//! assert_eq!(program.render_json(r#"{"name": "<ada>"}"#).unwrap(), "Hi &lt;ADA&gt;");
//! ```

#![warn(missing_docs)]

mod engine;
mod error;
mod filters;
mod live;
mod random;
mod value;
mod vtree;

pub use engine::{Host, Options, Program};
pub use error::{Error, ErrorKind, Result};
pub use live::{merge_top_level, Change, Document, SlotDocument, SlotPlan};
pub use value::columns::with_columns;
pub use value::surrogate;
pub use value::{Dict, Value};
pub use vtree::{patches_json, patches_wire, Anchor, ItemMark, Marks, Page, Patch, Quirk, StaticRun};
