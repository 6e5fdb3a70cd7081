/**
 * One mounted view: its state, its rendered document, its version and the socket (if any) it talks to.
 * Everything that touches the state (events, timers, broadcasts) runs through one queue, so changes are
 * committed and versioned in a single order.
 */
import {
  jsonProblem,
  type EventMessage,
  type HandlerMeta,
  type JsonObject,
  type LocalRender,
  type MountedMessage,
  type ServerMessage,
  PROTOCOL_VERSION,
} from '@tessera/live-protocol';
import type { PubSub } from './pubsub.js';
import type { Anchor } from '@tessera/dom-patch';
import type { LiveDocument } from './renderer.js';
import { StateTracker } from './state.js';
import { EventRejected, attachHost, type LiveView, type Session } from './view.js';
import type { CompiledView } from './registry.js';

/** Where an instance sends its messages: a socket while one is attached. */
export interface Outlet {
  /** Sends a message; `flushed` runs once it has left the server's buffers. */
  send(message: ServerMessage, flushed?: () => void): void;
  /** Stops this outlet from talking for the view; a newer one took over. */
  evict(): void;
}

/** Reports failures that are not the client's business (a handler's stack, a broken timer). */
export type ErrorReporter = (error: unknown, where: string) => void;

/**
 * Server-side changes (timer ticks, broadcasts, pushes) one view may have waiting in its queue; past it
 * a change is reported to `onError` and dropped, so a view that cannot keep up does not grow without limit.
 */
export const MAX_QUEUED_PUSHES = 1000;

/** A live view instance. */
export class ViewInstance {
  readonly view: LiveView;
  readonly tracker: StateTracker;
  /** Bumped by every committed change; patches carry it so clients can tell they are in step. */
  version = 0;
  #doc: LiveDocument | null = null;
  #outlet: Outlet | null = null;
  #queue: Promise<void> = Promise.resolve();
  #timers = new Set<ReturnType<typeof setInterval>>();
  #unsubscribe: (() => void)[] = [];
  #graceTimer: ReturnType<typeof setTimeout> | null = null;
  #dead = false;
  #queuedPushes = 0;
  /** Whether some page shows this instance's HTML; a view re-created for a reconnect must send its HTML. */
  #shown = false;

  constructor(
    readonly id: string,
    readonly compiled: CompiledView,
    readonly session: Session,
    readonly params: JsonObject,
    readonly pubsub: PubSub,
    private readonly report: ErrorReporter,
  ) {
    this.view = new compiled.cls();
    this.tracker = new StateTracker(this.view);
    attachHost(this.view, {
      run: (fn) => this.run(fn),
      every: (ms, fn) => {
        if (!(ms > 0)) throw new TypeError(`every(ms) needs a positive interval, got ${ms}`);
        // A tick whose previous run is still queued is skipped: a slow timer does not pile up runs.
        let waiting = false;
        const timer = setInterval(() => {
          if (waiting) return;
          waiting = true;
          this.run(() => {
            waiting = false;
            return fn();
          });
        }, ms);
        timer.unref();
        this.#timers.add(timer);
      },
      subscribe: (topic, fn) =>
        this.#unsubscribe.push(pubsub.subscribe(topic, (payload) => this.run(() => fn(payload)))),
      broadcast: (topic, payload) => pubsub.publish(topic, payload),
    });
  }

  /** Runs the view's `mount` and renders the first version. */
  async mount(): Promise<void> {
    await this.view.mount(this.params, this.session);
    this.tracker.commit();
    if (!this.compiled.local) this.#doc = this.compiled.renderer.mount(this.compiled.prepared, this.tracker.context);
  }

  /** The HTML of the current version, for the first page. */
  pageHtml(): string {
    this.#shown = true;
    return this.html();
  }

  /** The HTML of the current version. */
  html(): string {
    return this.#doc ? this.#doc.html : this.compiled.renderer.render(this.compiled.prepared, this.tracker.context);
  }

  /** The anchor table of the current version's page (none when the renderer addresses from the root). */
  anchors(): readonly Anchor[] {
    return this.#doc?.anchors ?? [];
  }

  get alive(): boolean {
    return !this.#dead;
  }

  /** Attaches a socket, cancelling the grace timer; answers its mount. `resume` is the version its page shows. */
  attach(outlet: Outlet, resume: number | undefined): void {
    const first = this.#outlet === null;
    if (this.#outlet && this.#outlet !== outlet) this.#outlet.evict();
    this.#outlet = outlet;
    if (this.#graceTimer) clearTimeout(this.#graceTimer);
    this.#graceTimer = null;
    this.#enqueue(() => outlet.send(this.mountedMessage(resume)));
    if (first) this.run(() => this.view.connected());
  }

  /**
   * Detaches `outlet` (if it is the current one; `null`: only when no socket is attached) and drops the
   * view after `graceMs` unless a socket comes back.
   */
  detach(outlet: Outlet | null, graceMs: number, onDrop: () => void): void {
    if (this.#outlet !== outlet) return;
    if (outlet !== null) this.run(() => this.view.disconnected());
    this.#outlet = null;
    if (this.#graceTimer) clearTimeout(this.#graceTimer);
    this.#graceTimer = setTimeout(() => {
      this.destroy();
      onDrop();
    }, graceMs);
    this.#graceTimer.unref();
  }

  /** Stops timers and subscriptions and calls the view's `unmount`. */
  destroy(): void {
    if (this.#dead) return;
    this.#dead = true;
    for (const timer of this.#timers) clearInterval(timer);
    for (const off of this.#unsubscribe) off();
    if (this.#graceTimer) clearTimeout(this.#graceTimer);
    if (this.#outlet !== null) this.#settle(() => this.view.disconnected(), 'disconnected');
    this.#outlet = null;
    this.#settle(() => this.view.unmount(), 'unmount');
  }

  /** Calls a lifecycle method outside the queue; a throw or a rejected promise is reported, never left unhandled. */
  #settle(call: () => unknown, where: string): void {
    try {
      const result = call();
      if (result instanceof Promise) result.catch((err: unknown) => this.report(err, where));
    } catch (err) {
      this.report(err, where);
    }
  }

  mountedMessage(resume: number | undefined): MountedMessage {
    const base = {
      t: 'mounted' as const,
      pv: PROTOCOL_VERSION,
      v: this.version,
      handlers: Object.fromEntries(this.compiled.handlers) as Record<string, HandlerMeta>,
      clientState: this.compiled.clientState,
    };
    const inStep = this.#shown && resume === this.version;
    this.#shown = true;
    const withHtml = inStep ? base : { ...base, html: this.html() };
    return this.compiled.local ? { ...withHtml, local: this.localRender() } : { ...withHtml, anchors: this.anchors() };
  }

  localRender(): LocalRender {
    const { templates, entry } = this.compiled.local!;
    return { templates, entry, state: this.tracker.json() };
  }

  /** Runs an `@event` handler and answers with a patch (or an error, leaving the state as it was). */
  handleEvent(event: EventMessage): Promise<void> {
    return this.#enqueue(async () => {
      const handler = this.compiled.handlers.has(event.name)
        ? (this.view as unknown as Record<string, unknown>)[event.name]
        : undefined;
      if (typeof handler !== 'function') {
        this.#send({ t: 'error', code: 'unknown_event', message: `no @event handler "${event.name}"`, ref: event.ref });
        return;
      }
      try {
        this.#assignClientState(event.cs);
        await (handler as (params: JsonObject) => unknown).call(this.view, event.params);
      } catch (err) {
        this.tracker.restore();
        if (!(err instanceof EventRejected)) this.report(err, `event ${event.name}`);
        const message = err instanceof EventRejected ? err.message : `handler "${event.name}" failed`;
        this.#send({ t: 'error', code: 'handler', message, ref: event.ref });
        return;
      }
      this.#commit(event.ref);
    });
  }

  /** Runs server-side code (timer, broadcast, push) in the queue and sends its changes. */
  run(fn: () => unknown): void {
    if (this.#queuedPushes >= MAX_QUEUED_PUSHES) {
      this.report(new Error(`${MAX_QUEUED_PUSHES} server-side changes already waiting; one dropped`), 'push');
      return;
    }
    this.#queuedPushes += 1;
    void this.#enqueue(async () => {
      this.#queuedPushes -= 1;
      if (this.#dead) return;
      try {
        await fn();
      } catch (err) {
        this.tracker.restore();
        this.report(err, 'push');
        return;
      }
      this.#commit(undefined);
    });
  }

  /** Answers a client that saw a version gap with the whole current render; `flushed` runs once it is sent. */
  resync(flushed?: () => void): Promise<void> {
    return this.#enqueue(() => {
      const extra = this.compiled.local ? { state: this.tracker.json() } : { anchors: this.anchors() };
      if (this.#outlet) this.#outlet.send({ t: 'render', v: this.version, html: this.html(), ...extra }, flushed);
      else flushed?.();
    });
  }

  #assignClientState(cs: JsonObject | undefined): void {
    if (!cs) return;
    const fields = this.view as unknown as Record<string, unknown>;
    for (const key of this.compiled.clientState) {
      if (Object.hasOwn(cs, key) && jsonProblem(cs[key]) === null) fields[key] = cs[key];
    }
  }

  #commit(ref: number | undefined): void {
    let changes: Record<string, unknown> | null;
    let patches;
    try {
      changes = this.tracker.commit();
      if (changes && this.#doc) {
        patches = this.#doc.set ? this.#doc.set(changes) : this.#doc.update(this.tracker.context);
      }
    } catch (err) {
      // Unserializable state or a render error: the change cannot be shown, so it is undone.
      this.tracker.revert();
      if (this.#doc) this.#doc = this.compiled.renderer.mount(this.compiled.prepared, this.tracker.context);
      this.report(err, 'render');
      if (ref !== undefined)
        this.#send({ t: 'error', code: 'handler', message: 'the new state could not be rendered', ref });
      return;
    }
    const refField = ref === undefined ? {} : { ref };
    if (!changes) {
      if (ref !== undefined) this.#send({ t: 'patch', v: this.version, ref });
      return;
    }
    this.version += 1;
    if (patches) {
      this.#send({ t: 'patch', v: this.version, ...refField, patches });
    } else {
      const state: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(changes)) {
        if (!this.compiled.clientState.includes(key)) state[key] = value === undefined ? null : value;
      }
      this.#send({ t: 'patch', v: this.version, ...refField, state: state as JsonObject });
    }
  }

  #send(message: ServerMessage): void {
    this.#outlet?.send(message);
  }

  #enqueue(work: () => unknown): Promise<void> {
    const next = this.#queue.then(work).then(
      () => undefined,
      (err: unknown) => this.report(err, 'queue'),
    );
    this.#queue = next;
    return next;
  }
}
