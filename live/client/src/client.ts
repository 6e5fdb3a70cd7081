/**
 * The live client of one root element: mounts over the socket, turns DOM events into protocol events
 * (paced by `@debounce`/`@throttle`), applies patches, and for views it renders itself applies
 * server state, optimistic predictions and client state through a local document.
 */
import { AnchorMap, applyPatches, expandPatch, type Anchor, type PatchEntry } from '@tessera/dom-patch';
import { backoffDelay } from './backoff.js';
import { bindEvents, type Intent } from './events.js';
import { predict } from './predict.js';
import { restore, snapshot } from './preserve.js';
import {
  CLIENT_EVENTS,
  PENDING_ATTR,
  PROTOCOL_VERSION,
  type ProtocolError,
  SOCKET_PATH,
  TOKEN_ATTR,
  type HandlerMeta,
  type Json,
  type EventMessage,
  type JsonObject,
  type LocalRender,
  type MountedMessage,
  type Prediction,
  type ServerMessage,
  parseServerMessage,
} from '@tessera/live-protocol';
import { Pacer } from './timing.js';
import { Transport, type TransportEnv } from './transport.js';

/** A locally mounted document (see local.ts). */
export interface LocalDocument {
  readonly html: string;
  readonly anchors: readonly Anchor[];
  update(context: Record<string, unknown>): PatchEntry[];
}

/** Loads the local renderer chunk. */
export type LocalLoader = () => Promise<{
  mountLocal(templates: Record<string, string>, entry: string, context: Record<string, unknown>): LocalDocument;
}>;

/** Loads a view module (the URL of `local.module`): the view's compiled code and the runtime it needs. */
export type ModuleLoader = (url: string) => Promise<{ mount(context: Record<string, unknown>): LocalDocument }>;

// The URL is checked by the protocol parser: a view module of this server's asset route.
// import-check: any a view module the server compiled, named by its content hash
const importModule: ModuleLoader = (url) => import(/* @vite-ignore */ url);

/** The browser objects the client uses (a real window, or happy-dom's in tests). */
export interface ClientEnv extends TransportEnv {
  readonly location: { readonly protocol: string; readonly host: string };
  readonly CustomEvent: typeof CustomEvent;
}

/** Options of `LiveClient`. */
export interface LiveClientOptions {
  readonly env: ClientEnv;
  readonly root: Element;
  readonly loadLocal: LocalLoader;
  /** Loads a view module (default: a dynamic `import`). */
  readonly loadModule?: ModuleLoader;
  /** Reconnect backoff: first ceiling and cap (ms). */
  readonly backoff?: { readonly baseMs: number; readonly capMs: number };
  readonly pingMs?: number;
}

/**
 * An event no answer named yet. `sent` once it went out on a socket, `resent` once a later mount sent it
 * again; `refused` counts the `rate_limited` refusals of a resent event (its retry backoff).
 */
interface Unanswered {
  readonly message: EventMessage;
  readonly source: Element | null;
  readonly pending: Pending | undefined;
  sent: boolean;
  resent: boolean;
  refused: number;
}

interface Pending {
  readonly prediction: Prediction;
  readonly params: JsonObject;
  /** Sent at least once: if the socket closes for good, no answer will come. */
  sent: boolean;
}

/** One live root. */
export class LiveClient {
  readonly transport: Transport;
  /** The version the DOM shows. */
  version = 0;
  handlers: Record<string, HandlerMeta> = {};
  clientState: Record<string, Json> = {};
  #ref = 0;
  #clientKeys: readonly string[] = [];
  #token: string;
  #mounted = false;
  // The root's anchors, bound to whatever page it holds (the server's, or the local document's).
  #anchors: AnchorMap | null = null;
  /**
   * Events sent (or waiting for a mount) that no answer named yet, in ref order. Each mount sends them
   * again: the server answers a ref it already applied without applying it twice (its ledger survives a
   * move to another process), so an event whose answer was lost with a socket is neither lost nor doubled.
   */
  #unacked = new Map<number, Unanswered>();
  readonly #backoff: { readonly baseMs: number; readonly capMs: number };
  #pacer = new Pacer();
  #dirty = new Set<Element>();
  #local: { doc: LocalDocument; render: LocalRender; confirmed: JsonObject } | null = null;
  #pending = new Map<number, Pending>();
  #inbox: Promise<void> = Promise.resolve();
  /** A `sync` is out: patches are ignored until the full render answers it. */
  #syncing = false;
  #unbind: () => void;

  constructor(private readonly options: LiveClientOptions) {
    const { env, root } = options;
    this.#token = root.getAttribute(TOKEN_ATTR) ?? '';
    const scheme = env.location.protocol === 'https:' ? 'wss:' : 'ws:';
    this.#backoff = { baseMs: options.backoff?.baseMs ?? 500, capMs: options.backoff?.capMs ?? 15_000 };
    this.transport = new Transport(
      `${scheme}//${env.location.host}${SOCKET_PATH}`,
      env,
      {
        ...this.#backoff,
        pingMs: options.pingMs ?? 25_000,
      },
      {
        open: () => this.transport.send({ t: 'mount', pv: PROTOCOL_VERSION, token: this.#token, resume: this.version }),
        message: (text) => {
          this.#inbox = this.#inbox
            .then(() => this.#receive(text))
            .catch((err: unknown) => this.#emit(CLIENT_EVENTS.error, { message: String(err) }));
        },
        closed: (final) => {
          this.#mounted = false;
          this.#syncing = false;
          // Unanswered events are sent again after the next mount, so their predictions stay until answered;
          // after a final close (refused, replaced) nothing will answer them, and their predictions go.
          if (!final) return;
          this.#unacked.clear();
          let dropped = false;
          for (const [ref, pending] of this.#pending) if (pending.sent) dropped = this.#pending.delete(ref) || dropped;
          if (dropped) this.#safely(() => this.#renderLocal());
        },
      },
    );
    this.#unbind = bindEvents(root, (intent) => this.#onIntent(intent));
  }

  /** Opens the socket. */
  start(): void {
    this.transport.connect();
  }

  /** Closes the socket and unbinds the DOM. */
  stop(): void {
    this.#pacer.cancel();
    this.#unbind();
    this.transport.stop();
  }

  /** Sends event `name` now (subject to its pacing), as a bound element would. */
  push(name: string, params: JsonObject = {}): void {
    this.#pacer.schedule(name, this.handlers[name], () => this.#send(name, params, null));
  }

  #onIntent(intent: Intent): void {
    if (intent.kind === 'set') {
      // Only keys the view declared with @clientState; anything else would render a state the server never sees.
      if (!this.#clientKeys.includes(intent.key)) return;
      this.clientState = { ...this.clientState, [intent.key]: intent.value };
      this.#safely(() => this.#renderLocal());
      return;
    }
    const { name, params, source } = intent;
    if (source.tagName === 'INPUT' || source.tagName === 'TEXTAREA') this.#dirty.add(source);
    this.#pacer.schedule(name, this.handlers[name], () => this.#send(name, params, source));
  }

  #send(name: string, params: JsonObject, source: Element | null): void {
    const ref = ++this.#ref;
    const meta = this.handlers[name];
    let pending: Pending | undefined;
    if (meta?.optimistic && this.#local) {
      pending = { prediction: meta.optimistic, params, sent: false };
      this.#pending.set(ref, pending);
      this.#safely(() => this.#renderLocal());
    }
    const cs = Object.keys(this.clientState).length > 0 ? { cs: this.clientState } : {};
    const message: EventMessage = { t: 'event', ref, name, params, ...cs };
    const event: Unanswered = { message, source, pending, sent: false, resent: false, refused: 0 };
    this.#unacked.set(ref, event);
    if (this.#mounted) this.#deliver(event);
  }

  #deliver(event: Unanswered): void {
    if (!this.transport.send(event.message)) return;
    event.sent = true;
    if (event.pending) event.pending.sent = true;
    if (event.source) this.#dirty.delete(event.source);
  }

  /** Sends a refused event again after a backoff, if it is still unanswered and the socket is mounted. */
  #retry(event: Unanswered): void {
    const delay = backoffDelay(event.refused++, this.#backoff.baseMs, this.#backoff.capMs);
    this.options.env.setTimeout(() => {
      if (this.#mounted && this.#unacked.get(event.message.ref) === event) this.#deliver(event);
    }, delay);
  }

  /** Events not answered yet (sent, or waiting for the socket). */
  get unanswered(): number {
    return this.#unacked.size;
  }

  async #receive(text: string): Promise<void> {
    let message: ServerMessage;
    try {
      message = parseServerMessage(text);
    } catch (err) {
      const { code, message: reason } = err as ProtocolError;
      this.#emit(CLIENT_EVENTS.error, { code, message: reason, ref: null });
      return;
    }
    switch (message.t) {
      case 'mounted':
        return this.#onMounted(message);
      case 'patch': {
        const inStep =
          message.v === this.version + 1 || (message.v === this.version && !message.patches && !message.state);
        // The server answered this event either way; its effect arrives with the patch or the re-render.
        if (message.ref !== undefined) {
          this.#pending.delete(message.ref);
          this.#unacked.delete(message.ref);
        }
        if (this.#syncing) return;
        if (!inStep) {
          this.#resync();
          return;
        }
        try {
          if (this.#local) {
            if (message.state) this.#local.confirmed = { ...this.#local.confirmed, ...message.state };
            this.#renderLocal();
          } else if (message.patches && message.patches.length > 0) {
            this.#mutate(() => applyPatches(this.options.root, message.patches as PatchEntry[], this.#anchorMap()));
          }
        } catch (err) {
          // The page changed under us (an extension, a translator): the list was refused whole, so the
          // DOM is as it was; the version stays, and a full render puts the page back in step.
          this.#emit(CLIENT_EVENTS.error, { code: 'patch', message: String(err), ref: message.ref ?? null });
          this.#resync();
          return;
        }
        this.version = message.v;
        this.#emit(CLIENT_EVENTS.patched, { v: message.v, ref: message.ref ?? null });
        return;
      }
      case 'render':
        this.#syncing = false;
        this.version = message.v;
        this.#replace(message.html, message.anchors);
        if (this.#local && message.state) this.#remountLocal(this.#local.render, message.state);
        this.#renderLocal();
        return;
      case 'error': {
        const waiting = message.ref === undefined ? undefined : this.#unacked.get(message.ref);
        if (waiting?.resent && message.code === 'rate_limited') {
          // A resent event refused without running (the burst of resent events after a reconnect met the
          // server's rate limit) is sent again later rather than lost. A new event refused so is dropped,
          // as the user clicked faster than the server allows.
          this.#retry(waiting);
        } else if (message.ref !== undefined) {
          this.#unacked.delete(message.ref);
          if (this.#pending.delete(message.ref)) this.#safely(() => this.#renderLocal());
        }
        this.#emit(CLIENT_EVENTS.error, { code: message.code, message: message.message, ref: message.ref ?? null });
        return;
      }
      case 'pong':
        return;
    }
  }

  async #onMounted(message: MountedMessage): Promise<void> {
    this.#syncing = false;
    this.handlers = message.handlers;
    this.#clientKeys = message.clientState;
    this.version = message.v;
    if (message.html !== undefined) this.#replace(message.html, message.anchors);
    else if (!message.local) this.#bind(message.anchors);
    if (message.local) {
      const state = message.local.state;
      const known = new Set(Object.keys(this.clientState));
      for (const key of message.clientState)
        if (!known.has(key) && Object.hasOwn(state, key)) this.clientState[key] = state[key]!;
      if (!this.#local || message.html !== undefined) {
        await this.#remountLocal(message.local, state);
      } else {
        this.#local.confirmed = this.#serverOwned(state);
      }
      this.#renderLocal();
    }
    this.#mounted = true;
    for (const event of [...this.#unacked.values()]) {
      event.resent = event.sent;
      this.#deliver(event);
    }
    this.#emit(CLIENT_EVENTS.connected, { v: this.version });
  }

  /** Asks for a full render, once until it arrives. */
  #resync(): void {
    if (this.#syncing) return;
    this.#syncing = this.transport.send({ t: 'sync' });
  }

  /** Runs a local re-render; one the page refuses is recovered from like a refused patch. */
  #safely(render: () => void): void {
    try {
      render();
    } catch (err) {
      this.#emit(CLIENT_EVENTS.error, { code: 'patch', message: String(err), ref: null });
      this.#resync();
    }
  }

  #serverOwned(state: JsonObject): JsonObject {
    const owned: Record<string, Json> = {};
    for (const [key, value] of Object.entries(state)) if (!Object.hasOwn(this.clientState, key)) owned[key] = value;
    return owned;
  }

  /**
   * Mounts the local document on the server's full state, then puts its own HTML in the root once: the
   * server's renderer (vdom or rust) gives a DOM-equivalent page, but patch paths must index exactly the
   * tree the local renderer diffs against.
   */
  async #remountLocal(render: LocalRender, state: JsonObject): Promise<void> {
    const doc = await this.#mountLocal(render, { ...state });
    this.#local = { doc, render, confirmed: this.#serverOwned(state) };
    this.#replace(doc.html, doc.anchors);
  }

  /**
   * A view module when the server compiled one (codegen: the view's code and a small runtime), else the
   * template sources through the local renderer chunk (template compiler + vdom).
   */
  async #mountLocal(render: LocalRender, context: Record<string, unknown>): Promise<LocalDocument> {
    if ('module' in render) return (await (this.options.loadModule ?? importModule)(render.module)).mount(context);
    const { mountLocal } = await this.options.loadLocal();
    return mountLocal(render.templates, render.entry, context);
  }

  /** Re-renders the local document from confirmed state + pending predictions + client state. */
  #renderLocal(): void {
    if (!this.#local) return;
    let shown: JsonObject = this.#local.confirmed;
    for (const { prediction, params } of this.#pending.values()) shown = predict(shown, prediction, params);
    const entries = this.#local.doc.update({ ...shown, ...this.clientState });
    const patches = entries.map(expandPatch);
    const root = this.options.root;
    const anchors = this.#anchorMap();
    // An `html` op replaces a whole region (codegen's content slots): copies of the regions it replaces let
    // the pending mark go on what changed in them rather than on the region.
    const replaced =
      this.#pending.size > 0
        ? patches.flatMap((patch) => {
            if (patch.op !== 'html') return [];
            const el = nodeAt(patch.at === undefined ? root : anchors.get(patch.at), patch.path ?? []);
            return el ? [{ patch, el, before: el.cloneNode(true) }] : [];
          })
        : [];
    if (patches.length > 0) this.#mutate(() => applyPatches(root, patches, anchors));
    if (this.#pending.size > 0) {
      for (const { el, before } of replaced) markChanges(before, el, root);
      for (const patch of patches)
        if (patch.op !== 'anchors' && !replaced.some((r) => r.patch === patch))
          markPending(patch.at === undefined ? root : anchors.get(patch.at), root, patch.path ?? []);
    } else {
      for (const el of Array.from(root.querySelectorAll(`[${PENDING_ATTR}]`))) el.removeAttribute(PENDING_ATTR);
    }
  }

  #replace(html: string, anchors: readonly Anchor[] | undefined): void {
    this.#mutate(() => {
      this.options.root.innerHTML = html;
    });
    this.#bind(anchors);
  }

  /** Binds the anchor table of the page the root now holds. */
  #bind(table: readonly Anchor[] | undefined): void {
    this.#anchors = new AnchorMap(this.options.root, table ?? []);
  }

  #anchorMap(): AnchorMap {
    this.#anchors ??= new AnchorMap(this.options.root);
    return this.#anchors;
  }

  #mutate(change: () => void): void {
    const saved = snapshot(this.options.root, this.#dirty);
    change();
    restore(this.options.root, saved);
  }

  #emit(type: string, detail: unknown): void {
    this.options.root.dispatchEvent(new this.options.env.CustomEvent(type, { detail }));
  }
}

/** The node at `path` below `start`. */
function nodeAt(start: Node | undefined, path: readonly number[]): Node | undefined {
  let node: Node | undefined = start;
  for (const index of path) node = node?.childNodes[index];
  return node;
}

/** Marks the element a patch touched (or the parent of a touched text node) as showing a prediction. */
function markPending(start: Element | undefined, root: Element, path: readonly number[]): void {
  const node = nodeAt(start, path);
  if (node) mark(node, root);
}

function mark(node: Node, root: Element): void {
  const el = node.nodeType === 1 ? (node as Element) : node.parentElement;
  if (el && el !== root) el.setAttribute(PENDING_ATTR, '');
}

/**
 * Marks what differs between `before` (a copy taken before a patch) and `after`: a text node's element
 * when its text changed, an element whose attributes changed, and the nearest element where the shape
 * itself changed (another node, or another number of children).
 */
function markChanges(before: Node, after: Node, root: Element): void {
  if (
    before.nodeName !== after.nodeName ||
    before.childNodes.length !== after.childNodes.length ||
    (after.nodeType !== 1 && before.nodeValue !== after.nodeValue)
  ) {
    mark(after, root);
    return;
  }
  if (after.nodeType === 1 && after !== root && !sameAttributes(before as Element, after as Element)) mark(after, root);
  for (let i = 0; i < after.childNodes.length; i++)
    markChanges(before.childNodes[i] as Node, after.childNodes[i] as Node, root);
}

/** The same attributes, the pending mark aside. */
function sameAttributes(a: Element, b: Element): boolean {
  const own = (el: Element) => Array.from(el.attributes).filter((at) => at.name !== PENDING_ATTR);
  const left = own(a);
  const right = own(b);
  return left.length === right.length && left.every((at) => b.getAttribute(at.name) === at.value);
}
