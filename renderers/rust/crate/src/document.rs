//! A live document: a page kept with its context, so an update sends only what changed. When the page's
//! top-level nodes are independent (reads.rs), `set(changes)` re-renders only the nodes that read a
//! changed name and reuses the others' output.

use crate::error::{Error, Result};
use crate::host::Host;
use crate::program::Program;
use crate::value::{Dict, Value};
use std::rc::Rc;

/// A mounted page.
pub struct Document {
    program: Rc<Program>,
    context: Value,
    /// Output of each top-level node, when the program can re-render node by node.
    parts: Option<Vec<String>>,
    html: String,
}

impl Document {
    /// Renders `context` and keeps it.
    pub fn mount(
        program: Rc<Program>,
        context: Value,
        now: Option<&Value>,
        host: Option<&dyn Host>,
    ) -> Result<Document> {
        let (parts, html) = render_all(&program, &context, now, host)?;
        Ok(Document { program, context, parts, html })
    }

    /// The page for the current context.
    pub fn html(&self) -> &str {
        &self.html
    }

    /// Replaces the whole context. Returns whether the page changed.
    pub fn update(&mut self, context: Value, now: Option<&Value>, host: Option<&dyn Host>) -> Result<bool> {
        let (parts, html) = render_all(&self.program, &context, now, host)?;
        Ok(self.commit(context, parts, html))
    }

    /// Replaces the top-level names of `changes` (a dict). Returns whether the page changed.
    pub fn set(&mut self, changes: &Value, now: Option<&Value>, host: Option<&dyn Host>) -> Result<bool> {
        let context = merge_top_level(&self.context, changes)?;
        let (Some(pieces), Some(old), Value::Dict(changed)) = (self.program.pieces(), &self.parts, changes) else {
            return self.update(context, now, host);
        };
        let mut parts = Vec::with_capacity(old.len());
        for ((piece, reads), part) in pieces.iter().zip(old) {
            let stale = reads.as_ref().is_none_or(|names| changed.keys().any(|k| names.contains(&**k)));
            parts.push(if stale {
                self.program.render_piece(*piece, context.clone(), now, host)?
            } else {
                part.clone()
            });
        }
        let html = parts.concat();
        Ok(self.commit(context, Some(parts), html))
    }

    fn commit(&mut self, context: Value, parts: Option<Vec<String>>, html: String) -> bool {
        self.context = context;
        self.parts = parts;
        if html == self.html {
            return false;
        }
        self.html = html;
        true
    }
}

fn render_all(
    program: &Program,
    context: &Value,
    now: Option<&Value>,
    host: Option<&dyn Host>,
) -> Result<(Option<Vec<String>>, String)> {
    match program.pieces() {
        Some(pieces) => {
            let parts = pieces
                .iter()
                .map(|(piece, _)| program.render_piece(*piece, context.clone(), now, host))
                .collect::<Result<Vec<_>>>()?;
            let html = parts.concat();
            Ok((Some(parts), html))
        }
        None => Ok((None, program.render_with(context.clone(), now, host)?)),
    }
}

/// `context` with the top-level names of `changes` replaced (what a live `set(changes)` does).
pub fn merge_top_level(context: &Value, changes: &Value) -> Result<Value> {
    let (Value::Dict(base), Value::Dict(delta)) = (context, changes) else {
        return Err(Error::new("TypeError", "a context and its changes must be objects"));
    };
    let mut merged = Dict::clone(base);
    for (k, v) in delta.iter() {
        merged.insert(k.clone(), v.clone());
    }
    Ok(Value::Dict(Rc::new(merged)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Options;

    fn program(source_ir: &str) -> Rc<Program> {
        Rc::new(Program::from_json(source_ir, Options::default()).expect("IR"))
    }

    fn ctx(json: &str) -> Value {
        serde_json::from_str(json).expect("JSON")
    }

    const PAGE: &str = r#"{"irVersion":1,"name":"t","partials":{},"deps":[],"sources":["t"],"body":[
        {"kind":"text","value":"<h1>"},
        {"kind":"output","id":1,"loc":{"template":"t","line":1,"col":1},"deps":["title"],
         "expr":{"base":{"kind":"var","path":["title"]},"filters":[]}},
        {"kind":"for","id":2,"loc":{"template":"t","line":1,"col":1},"deps":["rows"],"targets":["r"],
         "reversed":false,"usesForloop":false,"empty":null,
         "iterable":{"base":{"kind":"var","path":["rows"]},"filters":[]},
         "body":[{"kind":"output","id":3,"loc":{"template":"t","line":1,"col":1},"deps":["rows[]"],
                  "expr":{"base":{"kind":"var","path":["r"]},"filters":[]}}]}]}"#;

    #[test]
    fn set_re_renders_only_the_nodes_that_read_a_changed_name() {
        let p = program(PAGE);
        assert!(p.pieces().is_some());
        let mut doc = Document::mount(p.clone(), ctx(r#"{"title": "a", "rows": [1, 2]}"#), None, None).unwrap();
        assert_eq!(doc.html(), "<h1>a12");
        assert!(doc.set(&ctx(r#"{"title": "b"}"#), None, None).unwrap());
        assert_eq!(doc.html(), "<h1>b12");
        assert!(doc.set(&ctx(r#"{"rows": [3]}"#), None, None).unwrap());
        assert_eq!(doc.html(), "<h1>b3");
        assert!(!doc.set(&ctx(r#"{"other": 1}"#), None, None).unwrap());
        let full = p.render(ctx(r#"{"title": "b", "rows": [3], "other": 1}"#), None).unwrap();
        assert_eq!(doc.html(), full);
    }

    #[test]
    fn a_page_with_a_cycle_is_rendered_whole() {
        let page = PAGE.replace(
            r#"{"kind":"text","value":"<h1>"}"#,
            r#"{"kind":"cycle","id":9,"loc":{"template":"t","line":1,"col":1},"deps":[],"state":9,"asVar":null,"silent":false,
               "values":[{"base":{"kind":"literal","value":"x","raw":"'x'"},"filters":[]}]}"#,
        );
        let p = program(&page);
        assert!(p.pieces().is_none());
        let mut doc = Document::mount(p, ctx(r#"{"title": "a", "rows": []}"#), None, None).unwrap();
        assert!(doc.set(&ctx(r#"{"title": "b"}"#), None, None).unwrap());
        assert_eq!(doc.html(), "xb");
    }
}
