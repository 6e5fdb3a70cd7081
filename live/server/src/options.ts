/**
 * The options of `createLiveServer` and their defaults, resolved in one place so every module reads the
 * same settled values (and a new limit is one field here plus the module that enforces it).
 */
import type { CompileOptions, Loader } from '@tessera/template';
import type { ErrorReporter } from './instance.js';
import type { LiveRenderer, RendererName } from './renderer.js';
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
}

/** Checks the options and applies the defaults. Throws a TypeError for a secret shorter than 32 characters. */
export function resolveOptions(options: LiveServerOptions): ServerConfig {
  if (typeof options.secret !== 'string' || options.secret.length < 32) {
    throw new TypeError('secret must be a string of at least 32 characters');
  }
  return {
    secret: options.secret,
    renderer: options.renderer ?? 'vdom',
    compileOptions: options.compileOptions ?? {},
    origins: options.origins ?? null,
    graceMs: options.graceMs ?? 15_000,
    tokenMaxAgeMs: options.tokenMaxAgeMs ?? 24 * 3600_000,
    maxMessageBytes: options.maxMessageBytes ?? 64 * 1024,
    rate: options.rate ?? { perSecond: 20, burst: 40 },
    title: options.title ?? 'Tessera',
    head: options.head ?? '',
    heartbeatMs: options.heartbeatMs ?? 30_000,
    report: options.onError ?? ((err, where) => console.error(`[tessera/live] ${where}:`, err)),
  };
}
