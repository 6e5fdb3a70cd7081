/**
 * The live view instances of a server by id and the browser sessions they belong to; and the mount
 * policy: which instance a socket's signed token may attach to. With a state store (Redis) a mount claims
 * the view for this process and takes over its stored state, so a page resumes on whichever process its
 * socket reaches.
 */
import { ProtocolError, type JsonObject, type MountMessage } from '@tessera/live-protocol';
import type { Backplane } from './backplane.js';
import type { ConnectionHost } from './connection.js';
import { ViewInstance, type ErrorReporter, type InstanceServices, type Outlet } from './instance.js';
import type { CompiledView } from './registry.js';
import { SessionStore } from './session.js';
import type { SocketLimits } from './socket-guard.js';
import type { Claimed } from './state-store.js';
import { verifyToken, type TokenPayload } from './token.js';

/** What the registry needs from the server's configuration. */
export interface InstancesConfig extends SocketLimits {
  readonly secret: string;
  readonly graceMs: number;
  readonly tokenMaxAgeMs: number;
  readonly maxTokenBytes: number;
  readonly maxSessions: number;
  readonly sessionIdleMs: number;
  readonly report: ErrorReporter;
  readonly maxStateBytes: number;
  readonly ledgerSize: number;
  /** With a store: how long a stored view lives after its last write (renewed while its page is connected). */
  readonly redis: { readonly stateTtlMs: number } | null;
}

/** Every live view instance of one server. */
export class Instances {
  readonly #byId = new Map<string, ViewInstance>();
  /** Mounts from tokens in progress, so two sockets naming the same view share one instance. */
  readonly #remounting = new Map<string, Promise<ViewInstance>>();
  readonly #sessions: SessionStore;
  readonly #services: InstanceServices;
  readonly #keepAlive: ReturnType<typeof setInterval> | null = null;

  constructor(
    private readonly views: ReadonlyMap<string, CompiledView>,
    private readonly config: InstancesConfig,
    private readonly backplane: Backplane,
  ) {
    this.#sessions = new SessionStore(config.maxSessions, config.sessionIdleMs);
    this.#services = {
      backplane,
      report: config.report,
      maxStateBytes: config.maxStateBytes,
      ledgerSize: config.ledgerSize,
    };
    // A page left open without events still has its state when its process goes: while a socket is
    // attached, the stored view's TTL is renewed every third of it.
    const { store } = backplane;
    if (store && config.redis) {
      this.#keepAlive = setInterval(
        () => {
          const ids = [...this.#byId.values()].filter((instance) => instance.attached).map((instance) => instance.id);
          store.touch(ids).catch((err: unknown) => config.report(err, 'state store'));
        },
        Math.max(1, Math.floor(config.redis.stateTtlMs / 3)),
      );
      this.#keepAlive.unref();
    }
  }

  /** How many instances are live. */
  get size(): number {
    return this.#byId.size;
  }

  /** How many sessions are in memory. */
  get sessions(): number {
    return this.#sessions.size;
  }

  /** Creates and mounts an instance; it is registered while `mount()` runs and dropped again if that throws. */
  create(id: string, view: CompiledView, sessionId: string, params: JsonObject): Promise<ViewInstance> {
    return this.#start(id, view, sessionId, params, (instance) => instance.mount());
  }

  async #start(
    id: string,
    view: CompiledView,
    sessionId: string,
    params: JsonObject,
    mount: (instance: ViewInstance) => Promise<void>,
  ): Promise<ViewInstance> {
    const instance = new ViewInstance(id, view, this.#sessions.acquire(sessionId), params, this.#services);
    this.#byId.set(id, instance);
    try {
      await mount(instance);
    } catch (err) {
      instance.destroy();
      this.#forget(instance);
      throw err;
    }
    return instance;
  }

  /** Unregisters a destroyed instance and lets its session go when it was the last view. */
  #forget(instance: ViewInstance): void {
    if (this.#byId.get(instance.id) === instance) this.#byId.delete(instance.id);
    this.#sessions.release(instance.session);
  }

  /**
   * Starts the grace period of an instance its outlet left (`null`: a served page that has not connected
   * yet); an instance nobody attaches to before it ends is dropped.
   */
  release(instance: ViewInstance, outlet: Outlet | null): void {
    instance.detach(outlet, this.config.graceMs, () => this.#forget(instance));
  }

  /**
   * The instance a mount message may attach to: the one its token names when it is still live for the same
   * view and session (and, with a store, this process still owns it at the stored version), else the view
   * taken over from the store, else a fresh one mounted from the token. Throws ProtocolError `forbidden` for
   * a bad or expired token, a token of another session, or one naming no view.
   */
  async resolveMount(message: MountMessage, sessionId: string | null): Promise<ViewInstance> {
    const payload = verifyToken(
      this.config.secret,
      message.token,
      this.config.tokenMaxAgeMs,
      Date.now(),
      this.config.maxTokenBytes,
    );
    if (!payload) throw new ProtocolError('forbidden', 'invalid or expired token');
    if (sessionId === null || payload.session !== sessionId)
      throw new ProtocolError('forbidden', 'token belongs to another session');
    const view = this.views.get(payload.route);
    if (!view) throw new ProtocolError('forbidden', 'token names no view');
    const pending = this.#remounting.get(payload.instance);
    if (pending) {
      const shared = await pending;
      if (shared.compiled === view && shared.session.id === sessionId) return shared;
      throw new ProtocolError('forbidden', 'token names a view of another session');
    }
    const resolved = this.#resolve(payload, view, sessionId);
    this.#remounting.set(payload.instance, resolved);
    try {
      return await resolved;
    } finally {
      this.#remounting.delete(payload.instance);
    }
  }

  async #resolve(payload: TokenPayload, view: CompiledView, sessionId: string): Promise<ViewInstance> {
    const found = this.#byId.get(payload.instance);
    const existing = found?.alive && found.compiled === view && found.session.id === sessionId ? found : null;
    if (existing && !this.backplane.store) return existing;
    const claimed = await this.#claim(payload);
    if (existing && (claimed === null || this.#current(existing, claimed))) {
      // The store may be behind this copy (a write failed while Redis was away): bring it up to date.
      if (claimed === null || claimed.view.v < existing.version) existing.persist();
      return existing;
    }
    if (existing) {
      existing.destroy();
      this.#forget(existing);
    }
    if (claimed) {
      const stored = claimed.view;
      return this.#start(payload.instance, view, sessionId, payload.params, (instance) => instance.restore(stored));
    }
    return this.create(payload.instance, view, sessionId, payload.params);
  }

  /**
   * Claims the token's view in the store for this process: its stored record when it has one for the same
   * route and session, else null (no store, nothing stored or expired, a store that failed: reported).
   */
  async #claim(payload: TokenPayload): Promise<Claimed | null> {
    const { store, processId } = this.backplane;
    if (!store) return null;
    let claimed: Claimed | null;
    try {
      claimed = await store.claim(payload.instance, processId);
    } catch (err) {
      this.config.report(err, 'state store');
      return null;
    }
    if (!claimed || claimed.view.route !== payload.route || claimed.view.session !== payload.session) return null;
    return claimed;
  }

  /**
   * Whether this process's copy of a view is still the one to use: nobody else wrote the view since this
   * process did (the stored version is this copy's, or older when one of its writes failed).
   */
  #current(instance: ViewInstance, claimed: Claimed): boolean {
    return claimed.previousOwner === this.backplane.processId && claimed.view.v <= instance.version;
  }

  /** The host the server's connections mount through. */
  connectionHost(): ConnectionHost {
    return {
      limits: this.config,
      report: this.config.report,
      resolveMount: (message, sessionId) => this.resolveMount(message, sessionId),
      released: (instance, connection) => this.release(instance, connection),
    };
  }

  /** Waits (at most `ms`) for every instance's queued changes to be answered and stored. */
  async settle(ms: number): Promise<void> {
    const all = Promise.all([...this.#byId.values()].map((instance) => instance.idle()));
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([all, new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
    clearTimeout(timer);
  }

  /** Destroys every instance (timers, subscriptions, presence, `unmount()`). */
  destroyAll(): void {
    if (this.#keepAlive) clearInterval(this.#keepAlive);
    for (const instance of this.#byId.values()) instance.destroy();
    this.#byId.clear();
    this.#sessions.clear();
  }
}
