/**
 * WebSocket heartbeat: every interval each socket that answered the previous ping is pinged again, and one
 * that did not is terminated, so a browser that vanished without closing its connection releases its view.
 */
import type { WebSocket } from 'ws';

/** Pings the sockets of one server. */
export class Heartbeat {
  readonly #answered = new WeakSet<WebSocket>();
  readonly #timer: ReturnType<typeof setInterval>;

  constructor(sockets: () => Iterable<WebSocket>, intervalMs: number) {
    this.#timer = setInterval(() => {
      for (const ws of sockets()) {
        if (!this.#answered.has(ws)) {
          ws.terminate();
          continue;
        }
        this.#answered.delete(ws);
        ws.ping();
      }
    }, intervalMs);
    this.#timer.unref();
  }

  /** Starts watching a new socket: it counts as having answered until the first ping. */
  watch(ws: WebSocket): void {
    this.#answered.add(ws);
    ws.on('pong', () => this.#answered.add(ws));
  }

  /** Stops pinging. */
  stop(): void {
    clearInterval(this.#timer);
  }
}
