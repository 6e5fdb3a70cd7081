//! The napi-rs binding of `tessera_dtl`: a prepared program and live documents, for
//! `@tessera/renderer-rust`'s JS wrapper (`js/native.ts`). Everything is rendered by the plain crate;
//! this file only moves values across the boundary and keeps panics on the Rust side.

#![warn(missing_docs)]

use napi::bindgen_prelude::{Buffer, FnArgs, Function, Object};
use napi::{Env, Error, Result, Status};
use napi_derive::napi;
use std::cell::Cell;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::rc::Rc;
use std::time::Instant;
use tessera_dtl::{patches_wire, Document, ErrorKind, Host, Options, Page, Program, Value};

// Errors cross as "Name: message" (the error's Display); the JS wrapper turns the prefix back into
// `error.name`.
fn to_js(e: tessera_dtl::Error) -> Error {
    Error::new(Status::GenericFailure, e.to_string())
}

/// Runs `f`, turning a Rust panic into a JS `Error` named `InternalError` instead of aborting Node.
fn guarded<T>(f: impl FnOnce() -> tessera_dtl::Result<T>) -> Result<T> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(r) => r.map_err(to_js),
        Err(panic) => {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".into());
            Err(to_js(tessera_dtl::Error::new(ErrorKind::InternalError, format!("renderer-rust panicked: {what}"))))
        }
    }
}

fn parse_context(json: &[u8]) -> tessera_dtl::Result<Value> {
    serde_json::from_slice(json)
        .map_err(|e| tessera_dtl::Error::new(ErrorKind::TypeError, format!("invalid context JSON: {e}")))
}

// "Now" travels as an encoded Date (js/encode.ts), only for templates that read it.
fn parse_now(json: Option<&str>) -> tessera_dtl::Result<Option<Value>> {
    json.map(|j| parse_context(j.as_bytes())).transpose()
}

/// The JS side of a render: `(kind, payload) => answer`, all JSON (tessera_dtl `engine/host.rs`). It never throws;
/// it answers `{"error": ...}` instead, so no JS exception is left pending across the boundary.
type HostFn<'s> = Function<'s, FnArgs<(String, String)>, String>;

struct JsHost<'a, 's>(&'a HostFn<'s>);

impl Host for JsHost<'_, '_> {
    fn call(&self, kind: &str, payload: &str) -> tessera_dtl::Result<String> {
        self.0
            .call((kind.to_string(), payload.to_string()).into())
            .map_err(|e| tessera_dtl::Error::new(ErrorKind::TypeError, format!("host call failed: {}", e.reason)))
    }
}

// Runs `f` with the parsed "now" and the JS host, panics caught.
fn with_host<T>(
    now_json: Option<&str>,
    host: Option<&HostFn<'_>>,
    f: impl FnOnce(Option<&Value>, Option<&dyn Host>) -> tessera_dtl::Result<T>,
) -> Result<T> {
    guarded(|| {
        let now = parse_now(now_json)?;
        let js_host = host.map(JsHost);
        f(now.as_ref(), js_host.as_ref().map(|h| h as &dyn Host))
    })
}

fn render(program: &Program, context: Value, now_json: Option<&str>, host: Option<&HostFn<'_>>) -> Result<String> {
    with_host(now_json, host, |now, host| program.render_with(context, now, host))
}

fn micros_since(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1e6
}

/// A template prepared once from its IR (JSON), rendered many times.
#[napi]
pub struct NativeProgram {
    program: Rc<Program>,
    /// Microseconds the last `renderJson` spent parsing the context, and rendering.
    last: Cell<(f64, f64)>,
}

#[napi]
impl NativeProgram {
    /// Parses and prepares the IR; throws `UnsupportedError` for what this renderer refuses.
    #[napi(constructor)]
    pub fn new(ir_json: String, autoescape: bool, debug: bool) -> Result<NativeProgram> {
        let program = guarded(|| Program::from_json(&ir_json, Options { autoescape, debug }))?;
        Ok(NativeProgram { program: Rc::new(program), last: Cell::new((0.0, 0.0)) })
    }

    /// Whether renders need the `host` callback (`{% url %}`, library tags and filters, templates named at
    /// render time, built-in filters not ported to Rust).
    #[napi(getter)]
    pub fn needs_host(&self) -> bool {
        self.program.needs_host()
    }

    /// Renders a context sent as a JSON string; `now_json` is the current time as an encoded Date, `host`
    /// answers `{% url %}`, library tags and filters, templates named at render time, unported filters.
    #[napi]
    pub fn render_json(
        &self,
        context_json: String,
        now_json: Option<String>,
        host: Option<HostFn<'_>>,
    ) -> Result<String> {
        let start = Instant::now();
        let context = guarded(|| parse_context(context_json.as_bytes()))?;
        let parsed = micros_since(start);
        let rendering = Instant::now();
        let html = render(&self.program, context, now_json.as_deref(), host.as_ref())?;
        self.last.set((parsed, micros_since(rendering)));
        Ok(html)
    }

    /// Microseconds the last `renderJson` spent parsing the context JSON into values.
    #[napi(getter)]
    pub fn parse_micros(&self) -> f64 {
        self.last.get().0
    }

    /// Microseconds the last `renderJson` spent rendering (the page not yet copied to JS).
    #[napi(getter)]
    pub fn render_micros(&self) -> f64 {
        self.last.get().1
    }

    /// Renders a context sent as UTF-8 JSON in a Buffer.
    #[napi]
    pub fn render_buffer(&self, context_json: Buffer) -> Result<String> {
        guarded(|| self.program.render(parse_context(&context_json)?, None))
    }

    /// Renders a context read from the JS object itself through N-API (no JSON text).
    #[napi]
    pub fn render_object(&self, env: Env, context: Object) -> Result<String> {
        let value: Value = env.from_js_value(context)?;
        guarded(|| self.program.render(value, None))
    }

    /// Renders a context (JSON) and keeps it on the Rust side for later `set` calls. With `anchors` false
    /// (default true), patches are addressed from the root and the anchor table stays empty.
    #[napi]
    pub fn mount(
        &self,
        context_json: String,
        now_json: Option<String>,
        host: Option<HostFn<'_>>,
        anchors: Option<bool>,
    ) -> Result<NativeDocument> {
        let anchors = anchors.unwrap_or(true);
        let context = guarded(|| parse_context(context_json.as_bytes()))?;
        let doc = with_host(now_json.as_deref(), host.as_ref(), |now, host| {
            Document::mount(self.program.clone(), context, now, host)
        })?;
        let page = guarded(|| Ok(Page::parse_anchored(doc.html().to_string(), doc.marks().clone(), anchors)))?;
        Ok(NativeDocument { doc, page, anchored: anchors, parse_micros: 0.0, render_micros: 0.0, diff_micros: 0.0 })
    }
}

/// A mounted page whose context stays on the Rust side, so an update can send only the names that changed,
/// with the virtual tree of its current page to diff the next one against.
#[napi]
pub struct NativeDocument {
    doc: Document,
    page: Page,
    /// Whether patches are addressed from anchors (kept to rebuild the page after a failed diff).
    anchored: bool,
    parse_micros: f64,
    render_micros: f64,
    diff_micros: f64,
}

impl NativeDocument {
    // Parses a context (or changes) sent as JSON, keeping the time for `parseMicros`.
    fn parse_timed(&mut self, json: &str) -> Result<Value> {
        let start = Instant::now();
        let value = guarded(|| parse_context(json.as_bytes()))?;
        self.parse_micros = micros_since(start);
        Ok(value)
    }

    // After the document re-rendered: diffs the new page against the last one. Returns the patches in
    // the wire form (tessera_dtl `vtree/wire.rs`), or None when the page did not change.
    fn patches(&mut self, rendered: Instant, changed: bool) -> Result<Option<String>> {
        let diffing = Instant::now();
        self.render_micros = (diffing - rendered).as_secs_f64() * 1e6;
        if !changed {
            self.diff_micros = 0.0;
            return Ok(None);
        }
        let (page, doc) = (&mut self.page, &self.doc);
        let wire = guarded(|| Ok(patches_wire(&page.update(doc.html().to_string(), doc.marks().clone()))));
        if wire.is_err() {
            // A panic may have left the tree half updated: rebuild it, so later diffs start from the page.
            let (html, marks) = (self.doc.html().to_string(), self.doc.marks().clone());
            let anchored = self.anchored;
            if let Ok(page) = guarded(|| Ok(Page::parse_anchored(html, marks, anchored))) {
                self.page = page;
            }
        }
        self.diff_micros = diffing.elapsed().as_secs_f64() * 1e6;
        wire.map(Some)
    }
}

#[napi]
impl NativeDocument {
    /// The page for the current context.
    #[napi(getter)]
    pub fn html(&self) -> String {
        self.doc.html().to_string()
    }

    /// The anchor table of the current page as JSON, `[[id, [path from the root]], ...]`.
    #[napi(getter)]
    pub fn anchors_json(&self) -> String {
        serde_json::to_string(self.page.anchors()).expect("ids and indices")
    }

    /// Whether the current page is patched node by node (false: it has a structure the virtual tree does
    /// not model, and changes to it are sent as one whole-page `html` patch).
    #[napi(getter)]
    pub fn modelled(&self) -> bool {
        self.page.quirk().is_none()
    }

    /// Microseconds the last update spent parsing the context (or changes) JSON into values.
    #[napi(getter)]
    pub fn parse_micros(&self) -> f64 {
        self.parse_micros
    }

    /// Microseconds the last update spent rendering.
    #[napi(getter)]
    pub fn render_micros(&self) -> f64 {
        self.render_micros
    }

    /// Microseconds the last update spent parsing the new page into a tree, diffing it and writing the
    /// patches (wire form).
    #[napi(getter)]
    pub fn diff_micros(&self) -> f64 {
        self.diff_micros
    }

    /// Replaces the whole context (JSON); returns the patches in the wire form (`js/wire.ts` reads it), or
    /// null when the page did not change.
    #[napi]
    pub fn update(
        &mut self,
        context_json: String,
        now_json: Option<String>,
        host: Option<HostFn<'_>>,
    ) -> Result<Option<String>> {
        let context = self.parse_timed(&context_json)?;
        let rendering = Instant::now();
        let changed = with_host(now_json.as_deref(), host.as_ref(), |now, host| self.doc.update(context, now, host))?;
        self.patches(rendering, changed)
    }

    /// Replaces the top-level names of `changes_json` (a JSON object), re-rendering only what reads them;
    /// returns the patches in the wire form, or null when the page did not change.
    #[napi]
    pub fn set(
        &mut self,
        changes_json: String,
        now_json: Option<String>,
        host: Option<HostFn<'_>>,
    ) -> Result<Option<String>> {
        let changes = self.parse_timed(&changes_json)?;
        let rendering = Instant::now();
        let changed = with_host(now_json.as_deref(), host.as_ref(), |now, host| self.doc.set(&changes, now, host))?;
        self.patches(rendering, changed)
    }
}
