/**
 * The socket to the server: connects, reconnects with backoff after a drop, pings to keep idle
 * connections alive, and stops for good when the server refuses the page (close code 4403).
 */
import { backoffDelay } from './backoff.js';
import { CLOSE_FORBIDDEN, CLOSE_REPLACED, encode, type ClientMessage } from '@tessera/live-protocol';

/** What a Transport needs from its window. */
export interface TransportEnv {
  readonly WebSocket: typeof WebSocket;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(id: unknown): void;
}

/** Reconnect and keep-alive settings. */
export interface TransportOptions {
  readonly baseMs: number;
  readonly capMs: number;
  readonly pingMs: number;
}

/** Callbacks of a Transport. */
export interface TransportEvents {
  open(): void;
  message(text: string): void;
  /** The socket closed; `final` when no reconnect follows. */
  closed(final: boolean): void;
}

/** A self-healing WebSocket. */
export class Transport {
  #socket: WebSocket | null = null;
  #attempt = 0;
  #stopped = false;
  #ping: unknown = null;
  #retry: unknown = null;

  constructor(
    private readonly url: string,
    private readonly env: TransportEnv,
    private readonly options: TransportOptions,
    private readonly events: TransportEvents,
  ) {}

  connect(): void {
    if (this.#stopped) return;
    const socket = new this.env.WebSocket(this.url);
    this.#socket = socket;
    socket.onopen = () => {
      this.#attempt = 0;
      this.events.open();
      this.#schedulePing();
    };
    socket.onmessage = (event: MessageEvent) => {
      if (typeof event.data === 'string') this.events.message(event.data);
    };
    socket.onclose = (event: CloseEvent) => {
      if (this.#socket !== socket) return;
      this.#socket = null;
      this.env.clearTimeout(this.#ping);
      const final = this.#stopped || event.code === CLOSE_FORBIDDEN || event.code === CLOSE_REPLACED;
      if (final) this.#stopped = true;
      this.events.closed(final);
      if (!final)
        this.#retry = this.env.setTimeout(
          () => this.connect(),
          backoffDelay(this.#attempt++, this.options.baseMs, this.options.capMs),
        );
    };
  }

  get open(): boolean {
    return this.#socket !== null && this.#socket.readyState === 1;
  }

  /** Sends when open; returns false when the message could not be sent. */
  send(message: ClientMessage): boolean {
    if (!this.open) return false;
    this.#socket!.send(encode(message));
    return true;
  }

  /** Closes for good. */
  stop(): void {
    this.#stopped = true;
    this.env.clearTimeout(this.#retry);
    this.env.clearTimeout(this.#ping);
    this.#socket?.close();
  }

  #schedulePing(): void {
    this.env.clearTimeout(this.#ping);
    this.#ping = this.env.setTimeout(() => {
      if (this.send({ t: 'ping' })) this.#schedulePing();
    }, this.options.pingMs);
  }
}
