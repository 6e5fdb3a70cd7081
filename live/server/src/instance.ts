/**
 * One mounted view: its state, its rendered document, its version and the socket (if any) it talks to.
 * Everything that touches the state (events, timers, broadcasts) runs through one queue, so changes are
 * committed and versioned in a single order.
 *
 * With a state store (Redis), each committed change is written there, with the ledger of answered event
 * refs, before the client hears of it and before the broadcasts it made are published: whatever a client
 * saw acknowledged survives this process, and an event resent after a failover is answered, not applied
 * again. A write the store refuses means another process took the view over; this copy then stops.
 */
import {
  jsonProblem,
  type Json,
  type EventMessage,
  type HandlerMeta,
  type JsonObject,
  type LocalRender,
  type MountedMessage,
  type ServerMessage,
  PROTOCOL_VERSION,
  ASSET_PREFIX,
} from '@tessera/live-protocol';
import type { Anchor } from '@tessera/dom-patch';
import type { Backplane } from './backplane.js';
import { EventLedger, type Outcome } from './ledger.js';
import type { LiveDocument } from './renderer.js';
import type { StoredView } from './state-store.js';
import { StateTracker } from './state.js';
import { EventRejected, attachHost, type LiveView, type Session } from './view.js';
import type { CompiledView } from './registry.js';

/** Where an instance sends its messages: a socket while one is attached. */
export interface Outlet {
  /** Sends a message; `flushed` runs once it has left the server's buffers. */
  send(message: ServerMessage, flushed?: () => void): void;
  /** Stops this outlet from talking for the view; a newer one took over. */
  evict(): void;
  /** The view moved to another process: closes so the client reconnects and resumes it there. */
  moved(): void;
}

/** Reports failures that are not the client's business (a handler's stack, a broken timer). */
export type ErrorReporter = (error: unknown, where: string) => void;

/** What every instance of a server shares. */
export interface InstanceServices {
  readonly backplane: Backplane;
  readonly report: ErrorReporter;
  /** Largest committed state, as JSON bytes. */
  readonly maxStateBytes: number;
  /** Answered event refs remembered per view. */
  readonly ledgerSize: number;
}

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
  #ledger: EventLedger;
  /** Broadcasts made by the change being run, published once it is committed (dropped if it is undone). */
  #held: { topic: string; payload: unknown }[] | null = null;
  /** Topics this view tracks itself in (left when it ends). */
  readonly #tracked = new Set<string>();
  readonly #report: ErrorReporter;

  constructor(
    readonly id: string,
    readonly compiled: CompiledView,
    readonly session: Session,
    readonly params: JsonObject,
    private readonly services: InstanceServices,
  ) {
    this.view = new compiled.cls();
    this.tracker = new StateTracker(this.view);
    this.#ledger = new EventLedger(services.ledgerSize);
    this.#report = services.report;
    const { pubsub, presence } = services.backplane;
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
      broadcast: (topic, payload) => {
        // JSON only, so a view behaves the same whether its broadcasts stay in this process or cross Redis.
        const problem = jsonProblem(payload);
        if (problem !== null) throw new TypeError(`broadcast payload on "${topic}" is ${problem}`);
        if (this.#held) this.#held.push({ topic, payload });
        else pubsub.publish(topic, payload);
      },
      track: (topic, meta) => {
        const problem = jsonProblem(meta);
        if (problem !== null) throw new TypeError(`presence meta on "${topic}" is ${problem}`);
        this.#tracked.add(topic);
        presence.join(topic, this.id, meta as Json).catch((err: unknown) => this.#report(err, `track ${topic}`));
      },
      presence: (topic) => presence.list(topic),
    });
  }

  /** Runs the view's `mount`, renders the first version and stores it. */
  async mount(): Promise<void> {
    this.#held = [];
    await this.view.mount(this.params, this.session);
    this.tracker.commit();
    this.#checkSize();
    if (!this.compiled.local) this.#doc = this.compiled.renderer.mount(this.compiled.prepared, this.tracker.context);
    await this.services.backplane.pubsub.settled();
    await this.#save();
    this.#flush();
  }

  /**
   * Takes over a view another process (or this one, earlier) stored: `mount` runs again for its timers,
   * subscriptions and presence, then the stored state replaces what it assigned (a field the stored state
   * lacks, one a deploy added, keeps what `mount` gave it), at the stored version and with the stored ledger.
   * The page that reconnects shows this version, so it gets no HTML when in step, unless the template
   * changed since the state was stored.
   */
  async restore(stored: StoredView): Promise<void> {
    this.#held = [];
    await this.view.mount(this.params, this.session);
    Object.assign(this.view, stored.state);
    this.tracker.commit();
    this.version = stored.v;
    this.#ledger =
      EventLedger.from(stored.ledger, this.services.ledgerSize) ?? new EventLedger(this.services.ledgerSize);
    this.#shown = stored.template === this.compiled.fingerprint;
    if (!this.compiled.local) this.#doc = this.compiled.renderer.mount(this.compiled.prepared, this.tracker.context);
    await this.services.backplane.pubsub.settled();
    this.#flush();
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

  /** Whether a socket is attached (a page shows this view now). */
  get attached(): boolean {
    return this.#outlet !== null;
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

  /** Writes the committed version to the store again, after the changes queued so far. */
  persist(): void {
    void this.#enqueue(async () => {
      if (!this.#dead) await this.#save();
    });
  }

  /** Resolves when the changes queued so far are done (answered and stored). */
  idle(): Promise<void> {
    return this.#queue;
  }

  /** Stops timers, subscriptions and presence and calls the view's `unmount`. */
  destroy(): void {
    if (this.#dead) return;
    this.#dead = true;
    for (const timer of this.#timers) clearInterval(timer);
    for (const off of this.#unsubscribe) off();
    for (const topic of this.#tracked) {
      this.services.backplane.presence
        .leave(topic, this.id)
        .catch((err: unknown) => this.#report(err, `presence leave ${topic}`));
    }
    if (this.#graceTimer) clearTimeout(this.#graceTimer);
    if (this.#outlet !== null) this.#settle(() => this.view.disconnected(), 'disconnected');
    this.#outlet = null;
    this.#settle(() => this.view.unmount(), 'unmount');
  }

  /** Calls a lifecycle method outside the queue; a throw or a rejected promise is reported, never left unhandled. */
  #settle(call: () => unknown, where: string): void {
    try {
      const result = call();
      if (result instanceof Promise) result.catch((err: unknown) => this.#report(err, where));
    } catch (err) {
      this.#report(err, where);
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
    const local = this.compiled.local!;
    const state = this.tracker.json();
    return 'module' in local ? { module: `${ASSET_PREFIX}${local.module}`, state } : { ...local, state };
  }

  /**
   * Runs an `@event` handler and answers with a patch (or an error, leaving the state as it was). An event
   * whose ref was answered before (a client resending what it never saw answered) is answered again the
   * same way and not run.
   */
  handleEvent(event: EventMessage): Promise<void> {
    return this.#enqueue(async () => {
      // A view that moved away no longer answers: the client resends to the process that has it now.
      if (this.#dead) return;
      const seen = this.#ledger.seen(event.ref);
      if (seen) {
        this.#answer(event.ref, seen);
        return;
      }
      const handler = this.compiled.handlers.has(event.name)
        ? (this.view as unknown as Record<string, unknown>)[event.name]
        : undefined;
      if (typeof handler !== 'function') {
        this.#send({ t: 'error', code: 'unknown_event', message: `no @event handler "${event.name}"`, ref: event.ref });
        return;
      }
      this.#held = [];
      try {
        this.#assignClientState(event.cs);
        await (handler as (params: JsonObject) => unknown).call(this.view, event.params);
      } catch (err) {
        this.tracker.restore();
        this.#held = null;
        if (!(err instanceof EventRejected)) this.#report(err, `event ${event.name}`);
        const message = err instanceof EventRejected ? err.message : `handler "${event.name}" failed`;
        this.#refuse(event.ref, message);
        return;
      }
      await this.#commit(event.ref);
    });
  }

  /** Runs server-side code (timer, broadcast, push) in the queue and sends its changes. */
  run(fn: () => unknown): void {
    if (this.#queuedPushes >= MAX_QUEUED_PUSHES) {
      this.#report(new Error(`${MAX_QUEUED_PUSHES} server-side changes already waiting; one dropped`), 'push');
      return;
    }
    this.#queuedPushes += 1;
    void this.#enqueue(async () => {
      this.#queuedPushes -= 1;
      if (this.#dead) return;
      this.#held = [];
      try {
        await fn();
      } catch (err) {
        this.tracker.restore();
        this.#held = null;
        this.#report(err, 'push');
        return;
      }
      await this.#commit(undefined);
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

  /**
   * Commits the view's changes: renders them, stores the new version (and the ledger) when there is a
   * store, then publishes the change's broadcasts and answers. A change that cannot be shown (state that is
   * not JSON or is too large, a render error) is undone.
   */
  async #commit(ref: number | undefined): Promise<void> {
    let changes: Record<string, unknown> | null;
    let patches;
    try {
      changes = this.tracker.commit();
      if (changes) this.#checkSize();
      if (changes && this.#doc) {
        patches = this.#doc.set ? this.#doc.set(changes) : this.#doc.update(this.tracker.context);
      }
    } catch (err) {
      this.tracker.revert();
      this.#held = null;
      if (this.#doc) this.#doc = this.compiled.renderer.mount(this.compiled.prepared, this.tracker.context);
      this.#report(err, 'render');
      if (ref !== undefined) this.#refuse(ref, 'the new state could not be rendered');
      return;
    }
    if (changes) this.version += 1;
    if (ref !== undefined) this.#ledger.record(ref, { ok: true });
    if ((changes || ref !== undefined) && !(await this.#save())) return;
    this.#flush();
    const refField = ref === undefined ? {} : { ref };
    if (!changes) {
      if (ref !== undefined) this.#send({ t: 'patch', v: this.version, ref });
      return;
    }
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

  /** Throws a RangeError when the committed state is larger than the limit. */
  #checkSize(): void {
    const bytes = this.tracker.bytes();
    if (bytes > this.services.maxStateBytes)
      throw new RangeError(
        `state of ${this.view.constructor.name} is ${bytes} bytes of JSON, over maxStateBytes (${this.services.maxStateBytes})`,
      );
  }

  /**
   * Writes the committed version to the store (when there is one). Resolves false when the store refused
   * it: another process owns the view now, so this copy ends and its socket is closed for the client to
   * reconnect there. A store that fails (Redis down) is reported and the view goes on in this process.
   */
  async #save(): Promise<boolean> {
    const { store, processId } = this.services.backplane;
    if (!store) return true;
    const stored: StoredView = {
      route: this.compiled.route,
      session: this.session.id,
      template: this.compiled.fingerprint,
      v: this.version,
      state: this.tracker.json(),
      ledger: this.#ledger.toJSON(),
    };
    let kept: boolean;
    try {
      kept = await store.save(this.id, processId, stored);
    } catch (err) {
      this.#report(err, 'state store');
      return true;
    }
    if (!kept) {
      this.#held = null;
      const outlet = this.#outlet;
      this.destroy();
      outlet?.moved();
    }
    return kept;
  }

  /** Publishes the broadcasts the committed change made. */
  #flush(): void {
    const held = this.#held ?? [];
    this.#held = null;
    for (const { topic, payload } of held) this.services.backplane.pubsub.publish(topic, payload);
  }

  #refuse(ref: number, message: string): void {
    this.#ledger.record(ref, { error: message });
    this.#send({ t: 'error', code: 'handler', message, ref });
  }

  /** Answers an event that was answered before, as it was then; its effect is in the current version. */
  #answer(ref: number, outcome: Outcome): void {
    if ('error' in outcome) this.#send({ t: 'error', code: 'handler', message: outcome.error, ref });
    else this.#send({ t: 'patch', v: this.version, ref });
  }

  #send(message: ServerMessage): void {
    this.#outlet?.send(message);
  }

  #enqueue(work: () => unknown): Promise<void> {
    const next = this.#queue.then(work).then(
      () => undefined,
      (err: unknown) => this.#report(err, 'queue'),
    );
    this.#queue = next;
    return next;
  }
}
