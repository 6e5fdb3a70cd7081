//! Django template (DTL 5.2) rendering of the Tessera IR, in plain Rust: the value model, lookup,
//! the built-in filters, and a string renderer. `crates/napi` wraps it for Node.
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

mod engine;
mod error;
mod filters;
mod live;
mod random;
mod value;
mod vtree;

pub use engine::{Host, Options, Program};
pub use error::{Error, ErrorKind, Result};
pub use live::{merge_top_level, Document};
pub use value::{Dict, Value};
pub use vtree::{patches_json, patches_wire, Anchor, ItemMark, Marks, Page, Patch, Quirk, StaticRun};
