/**
 * `LiveView`: a page whose state lives on the server. State is the instance's own enumerable fields
 * (names starting with `_` are private and never rendered); each must hold JSON.
 *
 * ```ts
 * class Counter extends LiveView {
 *   static override template = 'counter.html';
 *   count = 0;
 *   @event increment() { this.count += 1; }
 * }
 * ```
 */
import type { Json, JsonObject } from '@tessera/live-protocol';
import type { PresenceMember } from './presence.js';

/** The session a view is mounted in: a server-side store per browser (cookie). */
export interface Session {
  readonly id: string;
  readonly data: Map<string, unknown>;
}

/** What the runtime gives a view for pushing changes; set while the view is alive. */
export interface ViewHost {
  /** Runs `fn` in the view's event queue, then sends whatever it changed. */
  run(fn: () => unknown): void;
  every(ms: number, fn: () => unknown): void;
  subscribe(topic: string, fn: (payload: unknown) => unknown): void;
  broadcast(topic: string, payload: unknown): void;
  track(topic: string, meta: Json): void;
  presence(topic: string): Promise<PresenceMember[]>;
}

const hosts = new WeakMap<LiveView, ViewHost>();

/** @internal The runtime attaches its host to each view it mounts. */
export function attachHost(view: LiveView, host: ViewHost): void {
  hosts.set(view, host);
}

function hostOf(view: LiveView): ViewHost {
  const host = hosts.get(view);
  if (!host) throw new Error(`${view.constructor.name} is not mounted: timers and broadcasts start in mount()`);
  return host;
}

/** Base class of every live view. Subclasses set `static template` and add `@event` methods. */
export abstract class LiveView {
  /** Name of the template (for the server's loader) that renders this view. */
  static template: string;

  /** Called once per view instance with the page's query params and the session. */
  mount(_params: JsonObject, _session: Session): void | Promise<void> {}

  /** Called when the view is dropped (its socket left and the grace period ended). */
  unmount(): void {}

  /**
   * Called (in the view's queue, changes are pushed) when a socket attaches to a view that had none:
   * the place for presence and other "someone is watching" effects. Every page GET mounts a view, but
   * only a browser that connects attaches a socket.
   */
  connected(): void | Promise<void> {}

  /** Called when the view's socket leaves (before the grace period), or before `unmount` if it had one. */
  disconnected(): void | Promise<void> {}

  /** Runs `fn` every `ms` while the view lives and pushes the changes it makes. */
  protected every(ms: number, fn: () => unknown): void {
    hostOf(this).every(ms, fn);
  }

  /** Calls `fn` with every payload broadcast on `topic` (by any view) and pushes the changes it makes. */
  protected subscribe(topic: string, fn: (payload: unknown) => unknown): void {
    hostOf(this).subscribe(topic, fn);
  }

  /**
   * Sends `payload` (JSON) to every view subscribed to `topic`, this one included, on every process when
   * the server has Redis. A broadcast made by a handler or a push goes out once its change is committed,
   * and not at all if the change is undone.
   */
  protected broadcast(topic: string, payload: Json): void {
    hostOf(this).broadcast(topic, payload);
  }

  /** Lists this view as present in `topic`, with `meta` (JSON), until it ends. */
  protected track(topic: string, meta: Json = null): void {
    hostOf(this).track(topic, meta);
  }

  /** The views present in `topic` (on every process, with Redis), with their meta. */
  protected presence(topic: string): Promise<PresenceMember[]> {
    return hostOf(this).presence(topic);
  }

  /** Runs `fn` in this view's queue (after any event being handled) and pushes its changes. */
  protected push(fn: () => unknown): void {
    hostOf(this).run(fn);
  }
}

/** A view class as the server registers it. */
export type ViewClass = (new () => LiveView) & { readonly template: string };

/** Thrown by a handler to refuse an event with a message the client may show. */
export class EventRejected extends Error {
  override readonly name = 'EventRejected';
}
