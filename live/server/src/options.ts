/**
 * The options of `createLiveServer` and their defaults, resolved in one place so every module reads the
 * same settled values (and a new limit is one field here plus the module that enforces it).
 */
import type { IncomingMessage } from 'node:http';
import type { CompileOptions, Loader } from '@tessera/template';
import type { RedisConfig } from './backplane.js';
import type { ErrorReporter } from './instance.js';
import type { LiveRenderer, RendererName } from './renderer.js';
import { MAX_TOKEN_CHARS } from './token.js';
import type { ViewClass } from './view.js';

/** Options of `createLiveServer`. */
export interface LiveServerOptions {
  /** Views by URL path: `{ '/': Dashboard }`. */
  readonly views: Readonly<Record<string, ViewClass>>;
  /** Where view templates come from. */
  readonly loader: Loader;
  /** Key of the token HMAC; at least 32 characters. */
  readonly secret: string;
  /** A LiveRenderer object, or a built-in renderer name: `vdom` (default) or `rust`. */
  readonly renderer?: RendererName | LiveRenderer;
  readonly compileOptions?: CompileOptions;
  /** Origins allowed to open sockets. Default: the origin of the request's own Host (`http://host`, `https://host`). */
  readonly origins?: readonly string[];
  /** How long a view outlives its socket, waiting for a reconnect (ms, default 15,000). */
  readonly graceMs?: number;
  /** Oldest token accepted (ms, default 24 hours). */
  readonly tokenMaxAgeMs?: number;
  /** Largest WebSocket frame accepted (bytes, default 64 KiB); a bigger one closes the socket with 1009. */
  readonly maxMessageBytes?: number;
  /** Per-connection message rate: `burst` at once, refilled at `perSecond` (default 20/s, burst 40). */
  readonly rate?: { readonly perSecond: number; readonly burst: number };
  /** Document title and extra trusted `<head>` HTML of every page. */
  readonly title?: string;
  readonly head?: string;
  /**
   * The server pings every socket this often (ms, default 30,000) and drops one that did not answer the
   * previous ping: a browser that vanished without closing its connection releases its view.
   */
  readonly heartbeatMs?: number;
  /** Where handler, timer and render failures are reported (default: console.error). */
  readonly onError?: ErrorReporter;
  /**
   * Messages one socket may have waiting behind the one being handled (default 32). One more is refused
   * with `rate_limited` (carrying its ref), so a slow handler cannot grow a backlog without limit.
   */
  readonly maxPendingEvents?: number;
  /**
   * Bytes the server may hold unsent for one socket (default 1 MiB). A client that stops reading is
   * disconnected when its output passes this, instead of the server buffering for it.
   */
  readonly maxBufferedBytes?: number;
  /**
   * Error replies per socket (malformed frames, rate-limited or unmountable messages): `burst` at once,
   * refilled at `perSecond` (default 10/s, burst 40). A socket that needs more is closed with 1008.
   */
  readonly errorRate?: { readonly perSecond: number; readonly burst: number };
  /** Malformed frames in a row after which a socket is closed with 1008 (default 16). */
  readonly maxBadFrames?: number;
  /** How long a socket may stay open without mounting a view (ms, default 10,000); then it is closed with 1008. */
  readonly mountTimeoutMs?: number;
  /** Longest signed view token, in characters (default 8,192): a page whose token would be longer gets 414. */
  readonly maxTokenBytes?: number;
  /** Sessions kept in memory at most (default 100,000); past it the longest-idle session without a view goes. */
  readonly maxSessions?: number;
  /** How long a session with no live view is kept (ms, default 30 minutes). */
  readonly sessionIdleMs?: number;
  /** Page GETs per client (see `clientAddress`): `burst` at once, refilled at `perSecond` (default 5/s, burst 30). */
  readonly pageRate?: { readonly perSecond: number; readonly burst: number };
  /**
   * Which client a request comes from, for the page rate limit (default: the socket's remote address).
   * Behind a reverse proxy every request comes from the proxy: return the address the proxy forwards.
   */
  readonly clientAddress?: (request: IncomingMessage) => string;
  /**
   * Fraction of a handler's `@debounce`/`@throttle` interval the server enforces between two of its
   * events on one socket (default 0.5, which leaves room for network jitter; 0 turns it off). An event
   * sooner than that is refused with `rate_limited`.
   */
  readonly pacingFloor?: number;
  /**
   * Redis (`redis://host:port`, or with a key prefix, default `tessera:`) for running several processes:
   * broadcasts and presence reach every process, and each view's state is stored after every committed
   * event so another process can take the view over. Default: none, everything stays in this process.
   */
  readonly redis?: string | { readonly url: string; readonly keyPrefix?: string };
  /**
   * How long a view's stored state outlives its last change, or its page's connection (renewed every third
   * of it while a socket is attached) (ms, default 1 hour; with `redis` only).
   */
  readonly stateTtlMs?: number;
  /** How soon the presence members of a process that died are dropped (ms, default 15,000; with `redis`). */
  readonly presenceTtlMs?: number;
  /**
   * Largest state a view may commit, as JSON (bytes, default 1 MiB): a change that makes it larger is
   * undone and reported, and the client that sent the event gets an error.
   */
  readonly maxStateBytes?: number;
  /** How many answered event refs each view remembers to refuse a resent event a second time (default 128). */
  readonly ledgerSize?: number;
}

/** The settled configuration: every option with its default applied. */
export interface ServerConfig {
  readonly secret: string;
  readonly renderer: RendererName | LiveRenderer;
  readonly compileOptions: CompileOptions;
  /** Explicit allowed origins, or null for the request's own Host. */
  readonly origins: readonly string[] | null;
  readonly graceMs: number;
  readonly tokenMaxAgeMs: number;
  readonly maxMessageBytes: number;
  readonly rate: { readonly perSecond: number; readonly burst: number };
  readonly title: string;
  readonly head: string;
  readonly heartbeatMs: number;
  readonly report: ErrorReporter;
  readonly maxPendingEvents: number;
  readonly maxBufferedBytes: number;
  readonly errorRate: { readonly perSecond: number; readonly burst: number };
  readonly maxBadFrames: number;
  readonly mountTimeoutMs: number;
  readonly maxTokenBytes: number;
  readonly maxSessions: number;
  readonly sessionIdleMs: number;
  readonly pageRate: { readonly perSecond: number; readonly burst: number };
  readonly clientAddress: (request: IncomingMessage) => string;
  readonly pacingFloor: number;
  readonly redis: RedisConfig | null;
  readonly maxStateBytes: number;
  readonly ledgerSize: number;
}

/** Room in a mount frame for everything besides its token. */
const MOUNT_FRAME_OVERHEAD = 256;

/**
 * Checks the options and applies the defaults. Throws a TypeError for a secret shorter than 32
 * characters, or a token limit that would not fit in a mount frame.
 */
export function resolveOptions(options: LiveServerOptions): ServerConfig {
  if (typeof options.secret !== 'string' || options.secret.length < 32) {
    throw new TypeError('secret must be a string of at least 32 characters');
  }
  const maxMessageBytes = options.maxMessageBytes ?? 64 * 1024;
  // Unset, the token limit shrinks to fit a small frame limit; set, the two must agree.
  const maxTokenBytes = options.maxTokenBytes ?? Math.min(MAX_TOKEN_CHARS, maxMessageBytes - MOUNT_FRAME_OVERHEAD);
  if (maxTokenBytes + MOUNT_FRAME_OVERHEAD > maxMessageBytes) {
    throw new TypeError(`maxTokenBytes (${maxTokenBytes}) must leave room for a mount frame within maxMessageBytes`);
  }
  return {
    secret: options.secret,
    renderer: options.renderer ?? 'codegen',
    compileOptions: options.compileOptions ?? {},
    origins: options.origins ?? null,
    graceMs: options.graceMs ?? 15_000,
    tokenMaxAgeMs: options.tokenMaxAgeMs ?? 24 * 3600_000,
    maxMessageBytes,
    rate: options.rate ?? { perSecond: 20, burst: 40 },
    title: options.title ?? 'Tessera',
    head: options.head ?? '',
    heartbeatMs: options.heartbeatMs ?? 30_000,
    report: options.onError ?? ((err, where) => console.error(`[tessera/live] ${where}:`, err)),
    maxPendingEvents: options.maxPendingEvents ?? 32,
    maxBufferedBytes: options.maxBufferedBytes ?? 1024 * 1024,
    errorRate: options.errorRate ?? { perSecond: 10, burst: 40 },
    maxBadFrames: options.maxBadFrames ?? 16,
    mountTimeoutMs: options.mountTimeoutMs ?? 10_000,
    maxTokenBytes,
    maxSessions: options.maxSessions ?? 100_000,
    sessionIdleMs: options.sessionIdleMs ?? 30 * 60_000,
    pageRate: options.pageRate ?? { perSecond: 5, burst: 30 },
    clientAddress: options.clientAddress ?? ((request) => request.socket.remoteAddress ?? ''),
    pacingFloor: options.pacingFloor ?? 0.5,
    redis: resolveRedis(options),
    maxStateBytes: positive('maxStateBytes', options.maxStateBytes, 1024 * 1024),
    ledgerSize: positive('ledgerSize', options.ledgerSize, 128),
  };
}

/** A positive integer option, or its default. */
function positive(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value <= 0) throw new TypeError(`${name} must be a positive integer`);
  return value;
}

function resolveRedis(options: LiveServerOptions): RedisConfig | null {
  if (options.redis === undefined) return null;
  const { url, keyPrefix = 'tessera:' } = typeof options.redis === 'string' ? { url: options.redis } : options.redis;
  if (!/^rediss?:\/\//.test(url)) throw new TypeError('redis must be a redis:// or rediss:// URL');
  return {
    url,
    keyPrefix,
    stateTtlMs: positive('stateTtlMs', options.stateTtlMs, 3600_000),
    presenceTtlMs: positive('presenceTtlMs', options.presenceTtlMs, 15_000),
  };
}
