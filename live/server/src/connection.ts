/**
 * One WebSocket: parses and checks each frame, enforces the rate limit, binds the socket to the one
 * view its token names, and forwards events to that view.
 */
import type { WebSocket } from 'ws';
import {
  CLOSE_FORBIDDEN,
  CLOSE_MOVED,
  CLOSE_REPLACED,
  ProtocolError,
  encode,
  parseClientMessage,
  type ClientMessage,
  type MountMessage,
  type ServerMessage,
} from '@tessera/live-protocol';
import type { ViewInstance } from './instance.js';
import { RateLimiter } from './rate-limit.js';

/** What a connection needs from the server. */
export interface ConnectionHost {
  /** The instance the mount message may attach to, or a ProtocolError saying why not. */
  resolveMount(message: MountMessage, sessionId: string | null): Promise<ViewInstance>;
  /** Called when the socket closes while attached to `instance`. */
  released(instance: ViewInstance, connection: Connection): void;
  readonly rate: { readonly perSecond: number; readonly burst: number };
}

/** The server side of one socket. */
export class Connection {
  #instance: ViewInstance | null = null;
  #mounting = false;
  #chain: Promise<void> = Promise.resolve();
  readonly #limiter: RateLimiter;

  constructor(
    private readonly socket: WebSocket,
    private readonly sessionId: string | null,
    private readonly host: ConnectionHost,
  ) {
    this.#limiter = new RateLimiter(host.rate.perSecond, host.rate.burst);
    socket.on('message', (data, isBinary) => this.#receive(data, isBinary));
    socket.on('close', () => {
      if (this.#instance) this.host.released(this.#instance, this);
      this.#instance = null;
    });
    socket.on('error', () => socket.terminate());
  }

  /** Sends one message if the socket is open. */
  send(message: ServerMessage): void {
    if (this.socket.readyState === this.socket.OPEN) this.socket.send(encode(message));
  }

  /** Another socket took over this connection's view (a reconnect raced the old socket's close). */
  evict(): void {
    this.#instance = null;
    this.socket.close(CLOSE_REPLACED, 'replaced');
  }

  /** The view moved to another process; the client reconnects and resumes it there. */
  moved(): void {
    this.socket.close(CLOSE_MOVED, 'moved');
  }

  #receive(data: unknown, isBinary: boolean): void {
    if (!this.#limiter.take()) {
      this.send({ t: 'error', code: 'rate_limited', message: 'too many messages' });
      return;
    }
    if (isBinary) {
      this.send({ t: 'error', code: 'bad_message', message: 'binary frames are not part of the protocol' });
      return;
    }
    let message: ClientMessage;
    try {
      message = parseClientMessage(String(data));
    } catch (err) {
      const { code, message: text, ref } = err as ProtocolError;
      this.send(ref === undefined ? { t: 'error', code, message: text } : { t: 'error', code, message: text, ref });
      return;
    }
    // Messages are handled one after another so a mount completes before the events behind it.
    this.#chain = this.#chain.then(() => this.#handle(message));
  }

  async #handle(message: ClientMessage): Promise<void> {
    switch (message.t) {
      case 'ping':
        this.send({ t: 'pong' });
        return;
      case 'mount':
        return this.#mount(message);
      case 'event':
        if (!this.#instance) {
          this.send({ t: 'error', code: 'not_mounted', message: 'mount first', ref: message.ref });
          return;
        }
        return this.#instance.handleEvent(message);
      case 'sync':
        if (!this.#instance) {
          this.send({ t: 'error', code: 'not_mounted', message: 'mount first' });
          return;
        }
        return this.#instance.resync();
    }
  }

  async #mount(message: MountMessage): Promise<void> {
    if (this.#instance || this.#mounting) {
      this.#refuse('this socket already mounted a view');
      return;
    }
    this.#mounting = true;
    try {
      const instance = await this.host.resolveMount(message, this.sessionId);
      if (this.socket.readyState !== this.socket.OPEN) {
        this.host.released(instance, this);
        return;
      }
      this.#instance = instance;
      instance.attach(this, message.resume);
    } catch (err) {
      if (err instanceof ProtocolError) this.#refuse(err.message);
      else throw err;
    } finally {
      this.#mounting = false;
    }
  }

  #refuse(reason: string): void {
    this.send({ t: 'error', code: 'forbidden', message: reason });
    this.socket.close(CLOSE_FORBIDDEN, 'forbidden');
  }
}
