/**
 * One WebSocket: parses and checks each frame, applies the socket's limits (see socket-guard.ts),
 * binds the socket to the one view its token names, and forwards events to that view.
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
  type ErrorMessage,
  type MountMessage,
  type ServerMessage,
} from '@tessera/live-protocol';
import type { ErrorReporter, ViewInstance } from './instance.js';
import { SocketGuard, type SocketLimits } from './socket-guard.js';

/** Close code for a socket that broke the protocol's limits (too many errors or malformed frames). */
const CLOSE_POLICY = 1008;
/** Close code for a mount that failed on the server; the client retries with backoff. */
const CLOSE_INTERNAL = 1011;

/** What a connection needs from the server. */
export interface ConnectionHost {
  /** The instance the mount message may attach to, or a ProtocolError saying why not. */
  resolveMount(message: MountMessage, sessionId: string | null): Promise<ViewInstance>;
  /**
   * Called when the socket closes while attached to `instance`, or with `null` for an instance it
   * resolved but never attached (the socket closed while the mount was resolving).
   */
  released(instance: ViewInstance, connection: Connection | null): void;
  readonly limits: SocketLimits;
  readonly report: ErrorReporter;
}

/** The server side of one socket. */
export class Connection {
  #instance: ViewInstance | null = null;
  #mounting = false;
  /** A `sync` is queued or its answer is not yet flushed: later ones are coalesced into it. */
  #syncing = false;
  #chain: Promise<void> = Promise.resolve();
  readonly #guard: SocketGuard;

  constructor(
    private readonly socket: WebSocket,
    private readonly sessionId: string | null,
    private readonly host: ConnectionHost,
  ) {
    this.#guard = new SocketGuard(host.limits);
    // A socket that never mounts holds server memory for nothing (it answers pings, so the heartbeat keeps it).
    const unmounted = setTimeout(() => {
      if (!this.#instance && !this.#mounting) this.socket.close(CLOSE_POLICY, 'no mount');
    }, host.limits.mountTimeoutMs);
    unmounted.unref();
    socket.on('message', (data, isBinary) => this.#receive(data, isBinary));
    socket.on('close', () => {
      clearTimeout(unmounted);
      if (this.#instance) this.host.released(this.#instance, this);
      this.#instance = null;
    });
    socket.on('error', () => socket.terminate());
  }

  /**
   * Sends one message if the socket is open. A client that stopped reading, with more than
   * `maxBufferedBytes` still unsent, is dropped instead (its view waits out the grace period).
   */
  send(message: ServerMessage, flushed?: () => void): void {
    if (this.socket.readyState !== this.socket.OPEN) return;
    if (this.socket.bufferedAmount > this.#guard.limits.maxBufferedBytes) {
      this.socket.terminate();
      return;
    }
    this.socket.send(encode(message), flushed && (() => flushed()));
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

  /** Sends an error reply from the socket's error budget; a socket that used it up is closed. */
  #error(reply: ErrorMessage): void {
    if (this.#guard.errorAllowed()) this.send(reply);
    else this.socket.close(CLOSE_POLICY, 'too many errors');
  }

  #receive(data: unknown, isBinary: boolean): void {
    let message: ClientMessage;
    try {
      if (isBinary) throw new ProtocolError('bad_message', 'binary frames are not part of the protocol');
      message = parseClientMessage(String(data));
    } catch (err) {
      if (this.#guard.badFrame()) {
        this.socket.close(CLOSE_POLICY, 'malformed frames');
        return;
      }
      const { code, message: text, ref } = err as ProtocolError;
      this.#error(ref === undefined ? { t: 'error', code, message: text } : { t: 'error', code, message: text, ref });
      return;
    }
    const refusal = this.#guard.admit(message, this.#instance?.compiled.handlers ?? null);
    if (refusal) {
      this.#error(message.t === 'event' ? { t: 'error', ...refusal, ref: message.ref } : { t: 'error', ...refusal });
      return;
    }
    if (message.t === 'ping') {
      // Answered at once, not behind the view's backlog: it says the socket is alive.
      this.send({ t: 'pong' });
      return;
    }
    if (message.t === 'sync') {
      if (this.#syncing) return;
      this.#syncing = true;
    }
    // Messages are handled one after another so a mount completes before the events behind it.
    this.#guard.queued();
    this.#chain = this.#chain
      .then(() => this.#handle(message))
      .catch((err: unknown) => this.host.report(err, `socket ${message.t}`))
      .finally(() => this.#guard.handled());
  }

  async #handle(message: ClientMessage): Promise<void> {
    switch (message.t) {
      case 'ping':
        return;
      case 'mount':
        return this.#mount(message);
      case 'event':
        if (!this.#instance) {
          this.#error({ t: 'error', code: 'not_mounted', message: 'mount first', ref: message.ref });
          return;
        }
        return this.#instance.handleEvent(message);
      case 'sync':
        if (!this.#instance) {
          this.#syncing = false;
          this.#error({ t: 'error', code: 'not_mounted', message: 'mount first' });
          return;
        }
        return this.#instance.resync(() => {
          this.#syncing = false;
        });
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
        // Never attached, so no close event will release it: start its grace period here.
        this.host.released(instance, null);
        return;
      }
      this.#instance = instance;
      instance.attach(this, message.resume);
    } catch (err) {
      if (err instanceof ProtocolError) {
        this.#refuse(err.message);
        return;
      }
      // The app's mount() failed (a database down): the client retries with backoff.
      this.host.report(err, 'mount');
      this.send({ t: 'error', code: 'handler', message: 'the view could not be mounted' });
      this.socket.close(CLOSE_INTERNAL, 'mount failed');
    } finally {
      this.#mounting = false;
    }
  }

  #refuse(reason: string): void {
    this.send({ t: 'error', code: 'forbidden', message: reason });
    this.socket.close(CLOSE_FORBIDDEN, 'forbidden');
  }
}
