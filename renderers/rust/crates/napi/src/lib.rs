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
use std::sync::Arc;
use std::time::Instant;
use tessera_dtl::{with_columns, ErrorKind, Host, Options, Program, SlotPlan, Value};

mod live;
mod text;
mod workers;

use live::Live;
use text::{JsText, JsWire};
use workers::Source;

// Rendering and diffing allocate many small strings and maps per row, and free them at the end of each
// call: mimalloc's thread-local free lists serve that pattern faster than the system allocator. Built with
// `no_thp` (Cargo.toml): with transparent huge pages, mounting 10,000-row pages in a loop turned bimodal
// (4.9 ms, or 13 ms when fresh huge pages had to be found) where the system allocator holds 5.7 ms.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

// Errors cross as "Name: message" (the error's Display); the JS wrapper turns the prefix back into
// `error.name`.
fn to_js(e: tessera_dtl::Error) -> Error {
    Error::new(Status::GenericFailure, e.to_string())
}

/// Runs `f`, turning a Rust panic into a JS `Error` named `InternalError` instead of aborting Node.
pub(crate) fn guarded<T>(f: impl FnOnce() -> tessera_dtl::Result<T>) -> Result<T> {
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

/// A context (or its changes) as it crosses: JSON text, and the columns of its loops over plain rows
/// (tessera_dtl `value/columns.rs`; `js/columns.ts` writes them).
#[derive(Clone, Copy)]
pub struct Sent<'a> {
    /// The JSON text.
    pub json: &'a str,
    /// The column blocks its `{"\u0000c": k}` tags stand for.
    pub columns: Option<&'a [u8]>,
}

/// `Sent`, owned, for a worker thread.
pub struct SentOwned {
    json: String,
    columns: Option<Vec<u8>>,
}

impl SentOwned {
    fn new(json: String, columns: Option<Buffer>) -> SentOwned {
        SentOwned { json, columns: columns.map(|b| b.to_vec()) }
    }

    /// The borrowed form.
    pub fn sent(&self) -> Sent<'_> {
        Sent { json: &self.json, columns: self.columns.as_deref() }
    }
}

fn parse_json(json: &[u8]) -> tessera_dtl::Result<Value> {
    serde_json::from_slice(json)
        .map_err(|e| tessera_dtl::Error::new(ErrorKind::TypeError, format!("invalid context JSON: {e}")))
}

pub(crate) fn parse_context(sent: Sent<'_>) -> tessera_dtl::Result<Value> {
    with_columns(sent.columns, || parse_json(sent.json.as_bytes()))
}

/// "Now" as it travels: an encoded Date (js/encode.ts), only for templates that read it.
pub struct Clock(Option<String>);

impl Clock {
    /// The current time as a value, when the template reads it.
    pub fn now(&self) -> tessera_dtl::Result<Option<Value>> {
        self.0.as_deref().map(|j| parse_json(j.as_bytes())).transpose()
    }
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

fn render(program: &Program, context: Value, now_json: Option<String>, host: Option<&HostFn<'_>>) -> Result<String> {
    let js_host = host.map(JsHost);
    guarded(|| program.render_with(context, Clock(now_json).now()?.as_ref(), js_host.as_ref().map(|h| h as &dyn Host)))
}

fn micros_since(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1e6
}

/// What `mount` takes besides the context: the current time (an encoded Date, for templates that read it)
/// and whether patches are addressed from anchors (default true).
#[napi(object)]
pub struct MountArgs {
    /// The current time as an encoded Date.
    pub now_json: Option<String>,
    /// False: every patch path starts at the root and the anchor table stays empty.
    pub anchors: Option<bool>,
}

/// A template prepared once from its IR (JSON), rendered many times.
#[napi]
pub struct NativeProgram {
    program: Rc<Program>,
    /// The slot plan live documents run on (js/slots.ts), when the page has one.
    plan: Option<Rc<SlotPlan>>,
    /// What the worker threads prepare their own copies from (workers.rs).
    source: Arc<Source>,
    /// Microseconds the last `renderJson` spent parsing the context, and rendering.
    last: Cell<(f64, f64)>,
}

#[napi]
impl NativeProgram {
    /// Parses and prepares the IR, and the slot plan live documents run on (JSON, js/slots.ts) when given;
    /// throws `UnsupportedError` for what this renderer refuses.
    #[napi(constructor)]
    pub fn new(ir_json: String, autoescape: bool, debug: bool, plan_json: Option<String>) -> Result<NativeProgram> {
        let options = Options { autoescape, debug };
        let program = guarded(|| Program::from_json(&ir_json, options))?;
        let plan = plan_json.as_deref().map(|json| guarded(|| SlotPlan::from_json(json))).transpose()?;
        let source = Arc::new(Source { id: workers::next_id(), ir: ir_json, options, plan: plan_json });
        Ok(NativeProgram { program: Rc::new(program), plan: plan.map(Rc::new), source, last: Cell::new((0.0, 0.0)) })
    }

    /// Whether live documents mounted with anchors run on the slot plan (else they parse and diff pages).
    #[napi(getter)]
    pub fn slotted(&self) -> bool {
        self.plan.is_some()
    }

    /// Whether renders need the `host` callback (`{% url %}`, library tags and filters, templates named at
    /// render time, built-in filters not ported to Rust).
    #[napi(getter)]
    pub fn needs_host(&self) -> bool {
        self.program.needs_host()
    }

    /// Renders a context sent as a JSON string; `now_json` is the current time as an encoded Date, `host`
    /// answers `{% url %}`, library tags and filters, templates named at render time, unported filters.
    #[napi(ts_return_type = "string")]
    pub fn render_json(
        &self,
        context_json: String,
        columns: Option<Buffer>,
        now_json: Option<String>,
        host: Option<HostFn<'_>>,
    ) -> Result<JsText> {
        let start = Instant::now();
        let context = guarded(|| parse_context(Sent { json: &context_json, columns: columns.as_deref() }))?;
        let parsed = micros_since(start);
        let rendering = Instant::now();
        let html = render(&self.program, context, now_json, host.as_ref())?;
        self.last.set((parsed, micros_since(rendering)));
        Ok(html.into())
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
        guarded(|| self.program.render(parse_json(&context_json)?, None))
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
        columns: Option<Buffer>,
        host: Option<HostFn<'_>>,
        options: MountArgs,
    ) -> Result<NativeDocument> {
        let js_host = host.as_ref().map(JsHost);
        let host = js_host.as_ref().map(|h| h as &dyn Host);
        let sent = Sent { json: &context_json, columns: columns.as_deref() };
        let anchors = options.anchors.unwrap_or(true);
        let live =
            Live::mount((self.program.clone(), self.plan.clone()), sent, &Clock(options.now_json), host, anchors)?;
        Ok(NativeDocument { live })
    }

    /// `renderJson` on a worker thread (workers.rs); the promise resolves to `{ html }`. Only for templates
    /// that do not need the host.
    #[napi(ts_return_type = "Promise<AsyncAnswer>")]
    pub fn render_async<'e>(
        &self,
        env: &'e Env,
        context_json: String,
        columns: Option<Buffer>,
        now_json: Option<String>,
    ) -> Result<Object<'e>> {
        workers::render(env, self.source.clone(), SentOwned::new(context_json, columns), Clock(now_json))
    }

    /// `mount` on a worker thread, where the document then lives (`snapshot()` gives its page). Only for
    /// templates that do not need the host.
    #[napi]
    pub fn mount_async(
        &self,
        context_json: String,
        columns: Option<Buffer>,
        now_json: Option<String>,
        anchors: Option<bool>,
    ) -> Result<NativeAsyncDocument> {
        let (worker, id) = (workers::pick(), workers::next_id());
        let args = (SentOwned::new(context_json, columns), Clock(now_json), anchors.unwrap_or(true));
        workers::mount(worker, id, self.source.clone(), args);
        Ok(NativeAsyncDocument { worker, id })
    }
}

/// A mounted page whose context stays on the Rust side, so an update can send only the names that changed,
/// with the virtual tree of its current page to diff the next one against.
#[napi]
pub struct NativeDocument {
    live: Live,
}

impl NativeDocument {
    fn change(
        &mut self,
        sent: Sent<'_>,
        whole: bool,
        now_json: Option<String>,
        host: Option<HostFn<'_>>,
    ) -> Result<Option<JsWire>> {
        let js_host = host.as_ref().map(JsHost);
        let wire = self.live.change(sent, whole, &Clock(now_json), js_host.as_ref().map(|h| h as &dyn Host))?;
        Ok(wire.map(JsWire::from))
    }
}

#[napi]
impl NativeDocument {
    /// The page for the current context; `now_json` and `host` as for `update` (a document on its slot plan
    /// renders the page again when asked after a change).
    #[napi(ts_return_type = "string")]
    pub fn page(&mut self, now_json: Option<String>, host: Option<HostFn<'_>>) -> Result<JsText> {
        let js_host = host.as_ref().map(JsHost);
        Ok(self.live.html(Some(&Clock(now_json)), js_host.as_ref().map(|h| h as &dyn Host))?.into())
    }

    /// Whether the document runs on its slot plan (values diffed) rather than parsing and diffing pages.
    #[napi(getter)]
    pub fn slotted(&self) -> bool {
        self.live.slotted()
    }

    /// The anchor table of the current page as JSON, `[[id, [path from the root]], ...]`.
    #[napi(getter)]
    pub fn anchors_json(&self) -> String {
        self.live.anchors_json()
    }

    /// Whether the current page is patched node by node (false: it has a structure the virtual tree does
    /// not model, and changes to it are sent as one whole-page `html` patch).
    #[napi(getter)]
    pub fn modelled(&self) -> bool {
        self.live.modelled()
    }

    /// Microseconds the last update spent parsing the context (or changes) JSON into values.
    #[napi(getter)]
    pub fn parse_micros(&self) -> f64 {
        self.live.timings.parse
    }

    /// Microseconds the last update spent rendering.
    #[napi(getter)]
    pub fn render_micros(&self) -> f64 {
        self.live.timings.render
    }

    /// Microseconds the last update spent parsing the new page into a tree, diffing it and writing the
    /// patches (wire form).
    #[napi(getter)]
    pub fn diff_micros(&self) -> f64 {
        self.live.timings.diff
    }

    /// Replaces the whole context (JSON); returns the patches in the wire form (`js/wire.ts` reads it), or
    /// null when the page did not change.
    #[napi(ts_return_type = "string | string[] | null")]
    pub fn update(
        &mut self,
        context_json: String,
        columns: Option<Buffer>,
        now_json: Option<String>,
        host: Option<HostFn<'_>>,
    ) -> Result<Option<JsWire>> {
        self.change(Sent { json: &context_json, columns: columns.as_deref() }, true, now_json, host)
    }

    /// Replaces the top-level names of `changes_json` (a JSON object), re-rendering only what reads them;
    /// returns the patches in the wire form, or null when the page did not change.
    #[napi(ts_return_type = "string | string[] | null")]
    pub fn set(
        &mut self,
        changes_json: String,
        columns: Option<Buffer>,
        now_json: Option<String>,
        host: Option<HostFn<'_>>,
    ) -> Result<Option<JsWire>> {
        self.change(Sent { json: &changes_json, columns: columns.as_deref() }, false, now_json, host)
    }
}

/// A mounted page that lives on a worker thread (workers.rs): every call answers with a promise, and the
/// calls of one document run in order.
#[napi]
pub struct NativeAsyncDocument {
    worker: usize,
    id: u64,
}

#[napi]
impl NativeAsyncDocument {
    /// The current page once the calls before this one ran: resolves to `{ html, anchorsJson, modelled }`,
    /// or rejects with the error the mount raised. `now_json`: the clock, as for `update` (a slot document
    /// renders its page again after a change).
    #[napi(ts_return_type = "Promise<AsyncAnswer>")]
    pub fn snapshot<'e>(&self, env: &'e Env, now_json: Option<String>) -> Result<Object<'e>> {
        workers::snapshot(env, (self.worker, self.id), Clock(now_json))
    }

    /// `update` on the worker: resolves to `{ wire, parseMicros, renderMicros, diffMicros, modelled }`.
    #[napi(ts_return_type = "Promise<AsyncAnswer>")]
    pub fn update<'e>(
        &self,
        env: &'e Env,
        context_json: String,
        columns: Option<Buffer>,
        now_json: Option<String>,
    ) -> Result<Object<'e>> {
        workers::change(env, (self.worker, self.id), SentOwned::new(context_json, columns), true, Clock(now_json))
    }

    /// `set` on the worker, as `update`.
    #[napi(ts_return_type = "Promise<AsyncAnswer>")]
    pub fn set<'e>(
        &self,
        env: &'e Env,
        changes_json: String,
        columns: Option<Buffer>,
        now_json: Option<String>,
    ) -> Result<Object<'e>> {
        workers::change(env, (self.worker, self.id), SentOwned::new(changes_json, columns), false, Clock(now_json))
    }
}

impl Drop for NativeAsyncDocument {
    fn drop(&mut self) {
        workers::drop_doc(self.worker, self.id);
    }
}
