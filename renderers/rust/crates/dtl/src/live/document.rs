//! A live document: a page kept with its context, so an update sends only what changed. When the page's
//! top-level nodes are independent (engine/pieces.rs), `set(changes)` re-renders only the nodes that read a
//! changed name and reuses the others' output.

use crate::engine::host::Host;
use crate::engine::program::Program;
use crate::error::{Error, ErrorKind, Result};
use crate::value::{Dict, Value};
use crate::vtree::{ItemMark, Marks, StaticRun};
use std::cell::OnceCell;
use std::rc::Rc;

/// What a `set` changed in the page.
#[derive(Debug, PartialEq)]
pub enum Change {
    /// Nothing: the page is the same.
    None,
    /// Only text: each changed part printed no tag, no loop iteration and no static text before or after,
    /// so the change is its bytes `[start, end)` of the old page replaced by the new text.
    Text(Vec<(usize, usize, Rc<String>)>),
    /// Anything else: the new page is `html()`.
    Page,
}

/// Output of one top-level node, its loop iterations and static runs (offsets into it), shared when the
/// part is reused (so a `set` that re-renders one node does not copy the others).
type Part = (Rc<String>, Rc<[ItemMark]>, Rc<[StaticRun]>);

/// A rendered page and its loop iterations.
type Rendered = (String, Marks);

/// A mounted page.
pub struct Document {
    program: Rc<Program>,
    context: Value,
    /// Output of each top-level node, when the program can re-render node by node.
    parts: Option<Vec<Part>>,
    /// The page: set when rendered whole, joined from the parts when first asked for after a text change.
    html: OnceCell<String>,
    /// The page's loop iterations over items with an `id` (vtree/keys.rs).
    marks: Marks,
}

impl Document {
    /// Renders `context` and keeps it.
    pub fn mount(
        program: Rc<Program>,
        context: Value,
        now: Option<&Value>,
        host: Option<&dyn Host>,
    ) -> Result<Document> {
        let (parts, (html, marks)) = render_all(&program, &context, now, host)?;
        Ok(Document { program, context, parts, html: OnceCell::from(html), marks })
    }

    /// The page for the current context.
    pub fn html(&self) -> &str {
        self.html.get_or_init(|| self.parts.as_deref().map(join_html).unwrap_or_default())
    }

    /// The page's loop iterations over items with an `id`, which key the elements they hold.
    pub fn marks(&self) -> &Marks {
        &self.marks
    }

    /// Replaces the whole context. Returns whether the page changed.
    pub fn update(&mut self, context: Value, now: Option<&Value>, host: Option<&dyn Host>) -> Result<bool> {
        let (parts, page) = render_all(&self.program, &context, now, host)?;
        Ok(self.commit(context, parts, page))
    }

    /// Replaces the top-level names of `changes` (a dict). Returns whether the page changed.
    pub fn set(&mut self, changes: &Value, now: Option<&Value>, host: Option<&dyn Host>) -> Result<bool> {
        Ok(self.set_change(changes, now, host)? != Change::None)
    }

    /// `set`, saying what changed: when only the text of parts did, the page is not joined again (its
    /// cost then follows the changed parts, not the page).
    pub fn set_change(&mut self, changes: &Value, now: Option<&Value>, host: Option<&dyn Host>) -> Result<Change> {
        let context = merge_top_level(&self.context, changes)?;
        let (Some(pieces), Some(old), Value::Dict(changed)) = (self.program.pieces(), &self.parts, changes) else {
            return Ok(if self.update(context, now, host)? { Change::Page } else { Change::None });
        };
        let mut parts = Vec::with_capacity(old.len());
        let mut edits = Vec::new();
        let mut text_only = true;
        let mut at = 0;
        for ((piece, reads), part) in pieces.iter().zip(old) {
            let stale = reads.as_ref().is_none_or(|names| changed.keys().any(|k| names.contains(&**k)));
            if !stale {
                parts.push(part.clone());
                at += part.0.len();
                continue;
            }
            let (html, marks, statics) = self.program.render_piece(*piece, context.clone(), now, host)?;
            let new: Part = (Rc::new(html), marks.into(), statics.into());
            if new.0 != part.0 || new.1 != part.1 || new.2 != part.2 {
                let plain = |p: &Part| p.1.is_empty() && p.2.is_empty();
                if plain(part) && plain(&new) {
                    edits.push((at, at + part.0.len(), new.0.clone()));
                } else {
                    text_only = false;
                }
            }
            at += part.0.len();
            parts.push(new);
        }
        if !text_only {
            let page = join(&parts);
            return Ok(if self.commit(context, Some(parts), page) { Change::Page } else { Change::None });
        }
        self.context = context;
        if !edits.is_empty() {
            self.marks = marks_of(&parts);
            self.html = OnceCell::new();
        }
        self.parts = Some(parts);
        Ok(if edits.is_empty() { Change::None } else { Change::Text(edits) })
    }

    fn commit(&mut self, context: Value, parts: Option<Vec<Part>>, (html, marks): Rendered) -> bool {
        let same = html == self.html() && marks.same(&self.marks);
        self.context = context;
        self.parts = parts;
        if same {
            return false;
        }
        self.html = OnceCell::from(html);
        self.marks = marks;
        true
    }
}

fn join_html(parts: &[Part]) -> String {
    parts.iter().map(|(h, _, _)| h.as_str()).collect()
}

fn marks_of(parts: &[Part]) -> Marks {
    Marks::of_parts(parts.iter().map(|(h, m, s)| (h.len(), m, &**s)))
}

// The page of its parts: their outputs joined, with their iterations.
fn join(parts: &[Part]) -> Rendered {
    (join_html(parts), marks_of(parts))
}

fn render_all(
    program: &Program,
    context: &Value,
    now: Option<&Value>,
    host: Option<&dyn Host>,
) -> Result<(Option<Vec<Part>>, Rendered)> {
    match program.pieces() {
        Some(pieces) => {
            let parts = pieces
                .iter()
                .map(|(piece, _)| {
                    program
                        .render_piece(*piece, context.clone(), now, host)
                        .map(|(h, m, s)| (Rc::new(h), m.into(), s.into()))
                })
                .collect::<Result<Vec<Part>>>()?;
            let page = join(&parts);
            Ok((Some(parts), page))
        }
        None => {
            let (html, marks, statics) = program.render_marked(context.clone(), now, host)?;
            Ok((None, (html, Marks::whole(marks, statics))))
        }
    }
}

/// `context` with the top-level names of `changes` replaced (what a live `set(changes)` does).
pub fn merge_top_level(context: &Value, changes: &Value) -> Result<Value> {
    let (Value::Dict(base), Value::Dict(delta)) = (context, changes) else {
        return Err(Error::new(ErrorKind::TypeError, "a context and its changes must be objects"));
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
    fn loop_iterations_over_items_with_an_id_are_marked_where_the_page_holds_them() {
        let p = program(PAGE);
        let mut doc = Document::mount(
            p,
            ctx(r#"{"title": "ab", "rows": [{"id": 7}, 3, {"id": null}, {"id": "x"}]}"#),
            None,
            None,
        )
        .unwrap();
        let html = doc.html().to_string();
        let marks = doc.marks().flat();
        let ids: Vec<(&str, &str)> = marks.iter().map(|(s, e, id)| (&html[*s..*e], &**id)).collect();
        assert_eq!(ids, vec![("{&#x27;id&#x27;: 7}", "7"), ("{&#x27;id&#x27;: &#x27;x&#x27;}", "x")]);
        // A set that changes nothing is no change; one that re-renders only the title keeps the loop's marks.
        assert!(!doc.set(&ctx(r#"{"title": "ab"}"#), None, None).unwrap());
        let before = doc.marks().clone();
        assert!(doc.set(&ctx(r#"{"title": "cd"}"#), None, None).unwrap());
        assert!(doc.marks().same(&before), "the loop's part is reused, its marks too");
        assert!(doc.set(&ctx(r#"{"title": "c"}"#), None, None).unwrap());
        assert!(!doc.marks().same(&before), "the loop moved one byte");
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
