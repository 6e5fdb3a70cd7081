//! Renders and live updates off the JavaScript thread. The engine's values and programs are
//! single-threaded (`Rc`: no atomic counts on the hot path), so the work is confined, not shared: a fixed
//! set of worker threads (one per core), each with its own copy of every program it was asked to run
//! (prepared from the IR text on first use), and each live document pinned to one worker for its life.
//! Only text crosses between threads (contexts and current time as JSON in, pages and patch lists out);
//! results settle a JS promise through a threadsafe function. Templates that call back into JavaScript
//! (`needsHost`) cannot run there: the JS wrapper keeps those on its own thread.

use crate::live::Live;
use crate::text::{JsText, JsWire};
use crate::{guarded, parse_context, Clock, SentOwned};
use napi::bindgen_prelude::Object;
use napi::{Env, JsDeferred, Result};
use napi_derive::napi;
use std::collections::HashMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::rc::Rc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::mpsc::{channel, Sender};
use std::sync::{Arc, Mutex, OnceLock, Weak};
use std::thread;
use tessera_dtl::{Options, Program, SlotPlan};

/// A program as a worker prepares its own copy: the IR text and options, and an id naming the copies.
pub struct Source {
    pub id: u64,
    pub ir: String,
    pub options: Options,
    /// The slot plan's JSON, when the page has one (js/slots.ts).
    pub plan: Option<String>,
}

/// A worker's copy of a program and of its slot plan.
type Copy = (Rc<Program>, Option<Rc<SlotPlan>>);

static NEXT_ID: AtomicU64 = AtomicU64::new(1);

/// A fresh id for a program or a document.
pub fn next_id() -> u64 {
    NEXT_ID.fetch_add(1, Ordering::Relaxed)
}

/// What a worker's promise resolves to: the fields of the job's answer, the others absent.
// Only ever sent to JS (its texts cross as JS string units, text.rs).
#[napi(object, object_from_js = false)]
#[derive(Default)]
pub struct AsyncAnswer {
    /// The page (`render`, `mount`).
    #[napi(ts_type = "string")]
    pub html: Option<JsText>,
    /// The anchor table as JSON (`mount`).
    pub anchors_json: Option<String>,
    /// The patches in the wire form; absent when the page did not change (`update`, `set`).
    #[napi(ts_type = "string | string[]")]
    pub wire: Option<JsWire>,
    /// Whether the page is patched node by node (`mount`, `update`, `set`).
    pub modelled: Option<bool>,
    /// Microseconds the update spent parsing its JSON, rendering, diffing.
    pub parse_micros: Option<f64>,
    pub render_micros: Option<f64>,
    pub diff_micros: Option<f64>,
}

type Resolve = Box<dyn FnOnce(Env) -> Result<AsyncAnswer> + Send>;

struct Reply(JsDeferred<AsyncAnswer, Resolve>);

impl Reply {
    fn settle(self, result: Result<AsyncAnswer>) {
        match result {
            Ok(answer) => self.0.resolve(Box::new(move |_| Ok(answer))),
            Err(e) => self.0.reject(e),
        }
    }
}

enum Job {
    Render { source: Arc<Source>, context: SentOwned, clock: Clock, reply: Reply },
    Mount { doc: u64, source: Arc<Source>, context: SentOwned, clock: Clock, anchored: bool },
    Snapshot { doc: u64, clock: Clock, reply: Reply },
    Change { doc: u64, json: SentOwned, whole: bool, clock: Clock, reply: Reply },
    Drop { doc: u64 },
}

/// One worker thread's state: its copies of programs and the documents pinned to it.
#[derive(Default)]
struct Worker {
    programs: HashMap<u64, (Weak<Source>, Copy)>,
    /// Each document, or the error its mount raised (answered to its every call).
    docs: HashMap<u64, Result<Live>>,
}

impl Worker {
    fn program(&mut self, source: &Arc<Source>) -> Result<Copy> {
        // Copies of programs JS no longer holds go (documents keep their own reference).
        self.programs.retain(|_, (weak, _)| weak.strong_count() > 0);
        if let Some((_, p)) = self.programs.get(&source.id) {
            return Ok(p.clone());
        }
        let program = Rc::new(guarded(|| Program::from_json(&source.ir, source.options))?);
        let plan = source.plan.as_deref().map(|json| guarded(|| SlotPlan::from_json(json))).transpose()?;
        let copy = (program, plan.map(Rc::new));
        self.programs.insert(source.id, (Arc::downgrade(source), copy.clone()));
        Ok(copy)
    }

    fn doc(&mut self, doc: u64) -> Result<&mut Live> {
        match self.docs.get_mut(&doc) {
            Some(Ok(live)) => Ok(live),
            Some(Err(e)) => Err(napi::Error::new(e.status, e.reason.clone())),
            None => Err(napi::Error::from_reason("InternalError: the document is gone")),
        }
    }

    fn run(&mut self, job: Job) {
        match job {
            Job::Render { source, context, clock, reply } => {
                let html = self.program(&source).and_then(|(program, _)| {
                    let context = guarded(|| parse_context(context.sent()))?;
                    guarded(|| program.render(context, clock.now()?.as_ref()))
                });
                reply.settle(html.map(|html| AsyncAnswer { html: Some(html.into()), ..AsyncAnswer::default() }));
            }
            Job::Mount { doc, source, context, clock, anchored } => {
                let live = self
                    .program(&source)
                    .and_then(|(p, plan)| Live::mount((p, plan), context.sent(), &clock, None, anchored));
                self.docs.insert(doc, live);
            }
            Job::Snapshot { doc, clock, reply } => reply.settle(self.doc(doc).and_then(|live| {
                Ok(AsyncAnswer {
                    html: Some(live.html(Some(&clock), None)?.into()),
                    anchors_json: Some(live.anchors_json()),
                    modelled: Some(live.modelled()),
                    ..AsyncAnswer::default()
                })
            })),
            Job::Change { doc, json, whole, clock, reply } => {
                let answer = self.doc(doc).and_then(|live| {
                    // Converted here, off the JS thread, where the promise's settling only copies it.
                    let wire = live.change(json.sent(), whole, &clock, None)?.map(JsWire::from);
                    let t = live.timings;
                    Ok(AsyncAnswer {
                        wire,
                        modelled: Some(live.modelled()),
                        parse_micros: Some(t.parse),
                        render_micros: Some(t.render),
                        diff_micros: Some(t.diff),
                        ..AsyncAnswer::default()
                    })
                });
                reply.settle(answer);
            }
            Job::Drop { doc } => {
                self.docs.remove(&doc);
            }
        }
    }
}

struct Pool {
    workers: Vec<Mutex<Sender<Job>>>,
    next: AtomicUsize,
}

fn pool() -> &'static Pool {
    static POOL: OnceLock<Pool> = OnceLock::new();
    POOL.get_or_init(|| {
        let n = thread::available_parallelism().map_or(2, |n| n.get());
        let workers = (0..n)
            .map(|k| {
                let (tx, rx) = channel::<Job>();
                thread::Builder::new()
                    .name(format!("tessera-dtl-{k}"))
                    .spawn(move || {
                        let mut worker = Worker::default();
                        while let Ok(job) = rx.recv() {
                            // Every job's work is `guarded`; a panic outside it must still not stop the
                            // thread, or the documents pinned to it would never answer again.
                            let _ = catch_unwind(AssertUnwindSafe(|| worker.run(job)));
                        }
                    })
                    .expect("spawn a render worker");
                Mutex::new(tx)
            })
            .collect();
        Pool { workers, next: AtomicUsize::new(0) }
    })
}

/// The worker a new document (or a render) goes to: round robin.
pub fn pick() -> usize {
    let pool = pool();
    pool.next.fetch_add(1, Ordering::Relaxed) % pool.workers.len()
}

fn send(worker: usize, job: Job) {
    let tx = pool().workers[worker].lock().expect("worker queue");
    // A worker only stops with the process.
    let _ = tx.send(job);
}

fn deferred(env: &Env) -> Result<(Reply, Object<'_>)> {
    let (d, promise) = env.create_deferred()?;
    Ok((Reply(d), promise))
}

/// Renders on a worker; the promise resolves to `{ html }`.
pub fn render<'e>(env: &'e Env, source: Arc<Source>, context: SentOwned, clock: Clock) -> Result<Object<'e>> {
    let (reply, promise) = deferred(env)?;
    send(pick(), Job::Render { source, context, clock, reply });
    Ok(promise)
}

/// Mounts document `doc` on `worker` (an error is kept as the answer to its every call).
pub fn mount(worker: usize, doc: u64, source: Arc<Source>, (context, clock, anchored): (SentOwned, Clock, bool)) {
    send(worker, Job::Mount { doc, source, context, clock, anchored });
}

/// The page of document `doc` once its calls so far ran, rendered with `clock` where it must be rendered
/// again: resolves to `{ html, anchorsJson, modelled }`.
pub fn snapshot(env: &Env, (worker, doc): (usize, u64), clock: Clock) -> Result<Object<'_>> {
    let (reply, promise) = deferred(env)?;
    send(worker, Job::Snapshot { doc, clock, reply });
    Ok(promise)
}

/// Updates (`whole`) or sets names of document `doc`; resolves to `{ wire, parseMicros, renderMicros,
/// diffMicros, modelled }`.
pub fn change<'e>(
    env: &'e Env,
    (worker, doc): (usize, u64),
    json: SentOwned,
    whole: bool,
    clock: Clock,
) -> Result<Object<'e>> {
    let (reply, promise) = deferred(env)?;
    send(worker, Job::Change { doc, json, whole, clock, reply });
    Ok(promise)
}

/// Forgets document `doc` (its JS object was collected).
pub fn drop_doc(worker: usize, doc: u64) {
    send(worker, Job::Drop { doc });
}
