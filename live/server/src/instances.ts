/**
 * The live view instances of a server by id, the browser sessions they belong to and the topics they
 * share; and the mount policy: which instance a socket's signed token may attach to.
 */
import { ProtocolError, type JsonObject, type MountMessage } from '@tessera/live-protocol';
import type { ConnectionHost } from './connection.js';
import { ViewInstance, type ErrorReporter, type Outlet } from './instance.js';
import { PubSub } from './pubsub.js';
import type { CompiledView } from './registry.js';
import { SessionStore } from './session.js';
import type { SocketLimits } from './socket-guard.js';
import { verifyToken } from './token.js';

/** What the registry needs from the server's configuration. */
export interface InstancesConfig extends SocketLimits {
  readonly secret: string;
  readonly graceMs: number;
  readonly tokenMaxAgeMs: number;
  readonly maxTokenBytes: number;
  readonly maxSessions: number;
  readonly sessionIdleMs: number;
  readonly report: ErrorReporter;
}

/** Every live view instance of one server. */
export class Instances {
  readonly #byId = new Map<string, ViewInstance>();
  /** Mounts from tokens in progress, so two sockets naming the same dropped view share one new instance. */
  readonly #remounting = new Map<string, Promise<ViewInstance>>();
  readonly #sessions: SessionStore;
  readonly #pubsub = new PubSub();

  constructor(
    private readonly views: ReadonlyMap<string, CompiledView>,
    private readonly config: InstancesConfig,
  ) {
    this.#sessions = new SessionStore(config.maxSessions, config.sessionIdleMs);
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
  async create(id: string, view: CompiledView, sessionId: string, params: JsonObject): Promise<ViewInstance> {
    const instance = new ViewInstance(
      id,
      view,
      this.#sessions.acquire(sessionId),
      params,
      this.#pubsub,
      this.config.report,
    );
    this.#byId.set(id, instance);
    try {
      await instance.mount();
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
   * view and session, otherwise a fresh one mounted from the token. Throws ProtocolError `forbidden` for a
   * bad or expired token, a token of another session, or one naming no view.
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
    const existing = this.#byId.get(payload.instance);
    if (existing?.alive && existing.compiled === view && existing.session.id === sessionId) return existing;
    const pending = this.#remounting.get(payload.instance);
    if (pending) {
      const shared = await pending;
      if (shared.compiled === view && shared.session.id === sessionId) return shared;
      throw new ProtocolError('forbidden', 'token names a view of another session');
    }
    const created = this.create(payload.instance, view, sessionId, payload.params);
    this.#remounting.set(payload.instance, created);
    try {
      return await created;
    } finally {
      this.#remounting.delete(payload.instance);
    }
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

  /** Destroys every instance (timers, subscriptions, `unmount()`). */
  destroyAll(): void {
    for (const instance of this.#byId.values()) instance.destroy();
    this.#byId.clear();
    this.#sessions.clear();
  }
}
