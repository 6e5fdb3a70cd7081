/**
 * A protocol-level client for tests: the page's cookie and token from a real GET, and `ws` sockets that
 * send raw protocol messages and record every answer. A reconnect can go to any server (another process).
 */
import { PROTOCOL_VERSION } from '@tessera/live-protocol';
import { WebSocket } from 'ws';

/** The cookie and token a browser gets with a view's first HTML. */
export interface Ticket {
  readonly cookie: string;
  readonly token: string;
  readonly html: string;
}

/** GETs `path` from `base` (with `cookie` when given) and reads the session cookie and the view's token. */
export async function ticket(base: string, path = '/', cookie?: string): Promise<Ticket> {
  const response = await fetch(base + path, cookie ? { headers: { cookie } } : {});
  const html = await response.text();
  const token = /data-live-token="([^"]+)"/.exec(html)?.[1];
  if (!token) throw new Error(`no token in the page of ${base}${path}`);
  return { cookie: cookie ?? (response.headers.get('set-cookie') ?? '').split(';')[0]!, token, html };
}

type Message = Record<string, unknown>;

/** One socket to `base`, mounted with `ticket`'s token. */
export class RawSocket {
  readonly received: Message[] = [];
  readonly ws: WebSocket;
  readonly closed: Promise<number>;
  #waiters: { pred: (m: Message) => boolean; from: number; resolve: (m: Message) => void }[] = [];

  constructor(base: string, ticket: Ticket) {
    this.ws = new WebSocket(`${base.replace('http', 'ws')}/_live/ws`, {
      headers: { cookie: ticket.cookie, origin: base },
    });
    this.ws.on('message', (data) => {
      this.received.push(JSON.parse(String(data)) as Message);
      for (const waiter of [...this.#waiters]) {
        const hit = this.received.slice(waiter.from).find(waiter.pred);
        if (hit) {
          this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
          waiter.resolve(hit);
        }
      }
    });
    this.ws.on('error', () => {});
    this.closed = new Promise((resolve) => this.ws.on('close', (code) => resolve(code)));
  }

  /** Opens, mounts with `resume` and resolves with the `mounted` answer. */
  static async mount(base: string, ticket: Ticket, resume = 0): Promise<{ socket: RawSocket; mounted: Message }> {
    const socket = new RawSocket(base, ticket);
    await new Promise((resolve, reject) => {
      socket.ws.once('open', resolve);
      socket.ws.once('error', reject);
    });
    const mounted = socket.next((m) => m['t'] === 'mounted' || m['t'] === 'error');
    socket.send({ t: 'mount', pv: PROTOCOL_VERSION, token: ticket.token, resume });
    return { socket, mounted: await mounted };
  }

  send(message: Message): void {
    this.ws.send(JSON.stringify(message));
  }

  /** Sends event `name` with `ref` and resolves with its answer (a patch or an error naming the ref). */
  event(ref: number, name: string, params: Message = {}): Promise<Message> {
    const answer = this.next((m) => m['ref'] === ref && (m['t'] === 'patch' || m['t'] === 'error'));
    this.send({ t: 'event', ref, name, params });
    return answer;
  }

  /** The next message from now on (or already received after `from`) matching `pred`. */
  next(pred: (m: Message) => boolean, from = this.received.length): Promise<Message> {
    return new Promise((resolve) => {
      const hit = this.received.slice(from).find(pred);
      if (hit) resolve(hit);
      else this.#waiters.push({ pred, from, resolve });
    });
  }

  close(): void {
    this.ws.terminate();
  }
}
