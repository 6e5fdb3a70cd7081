/**
 * The handler decorators (TypeScript standard decorators). They record metadata only; the server reads
 * it to decide which methods clients may call and sends it to the client, which acts on it.
 *
 * ```ts
 * @clientState(['tab'])
 * class Dashboard extends LiveView {
 *   @event @debounce(500) search(params: JsonObject) { ... }
 *   @event @optimistic({ 'items.{index}.likes': { add: 1 } }) like(params: JsonObject) { ... }
 * }
 * ```
 */
import type { HandlerMeta, JsonObject, Prediction } from '@tessera/live-protocol';

/** A method clients may call through `@event`. */
export type Handler = (this: unknown, params: JsonObject) => unknown;

interface MethodMeta {
  event: boolean;
  debounce?: number;
  throttle?: number;
  optimistic?: Prediction;
}

// Keyed by the method function itself, so decorator order does not matter and no global
// `Symbol.metadata` (absent from Node 20) is needed.
const methodMeta = new WeakMap<object, MethodMeta>();
const classClientState = new WeakMap<object, readonly string[]>();

/** Any class: views are declared and inspected by their constructor. */
type AnyClass = abstract new (...args: never[]) => unknown;

function metaOf(method: object): MethodMeta {
  let meta = methodMeta.get(method);
  if (!meta) {
    meta = { event: false };
    methodMeta.set(method, meta);
  }
  return meta;
}

function positiveMs(ms: number, decorator: string): number {
  if (!Number.isFinite(ms) || ms <= 0)
    throw new TypeError(`@${decorator} needs a positive number of milliseconds, got ${ms}`);
  return ms;
}

/** Marks a method as callable by clients. Methods without `@event` can never run from the wire. */
export function event<F extends Handler>(method: F, context: ClassMethodDecoratorContext): F {
  if (context.static || context.private) throw new TypeError('@event applies to public instance methods');
  metaOf(method).event = true;
  return method;
}

/** The client sends the event only after `ms` without another one of the same handler (trailing edge). */
export function debounce(ms: number) {
  const wait = positiveMs(ms, 'debounce');
  return <F extends Handler>(method: F, _context: ClassMethodDecoratorContext): F => {
    metaOf(method).debounce = wait;
    return method;
  };
}

/** The client sends at most one event per `ms` for this handler (leading and trailing edges). */
export function throttle(ms: number) {
  const wait = positiveMs(ms, 'throttle');
  return <F extends Handler>(method: F, _context: ClassMethodDecoratorContext): F => {
    metaOf(method).throttle = wait;
    return method;
  };
}

/**
 * The client applies `prediction` to its copy of the state at once and re-renders locally, then
 * reconciles with the server's answer (rolling back when the handler throws).
 */
export function optimistic(prediction: Prediction) {
  return <F extends Handler>(method: F, _context: ClassMethodDecoratorContext): F => {
    metaOf(method).optimistic = prediction;
    return method;
  };
}

/**
 * Class decorator: these state keys live in the browser. Changing one (`data-live-set`) re-renders
 * locally with no round trip; the server receives the values with the next event.
 */
export function clientState(keys: readonly string[]) {
  return <C extends abstract new (...args: never[]) => object>(cls: C, _context: ClassDecoratorContext<C>): C => {
    classClientState.set(cls, [...keys]);
    return cls;
  };
}

/**
 * The decorators' effect without decorator syntax, for plain JavaScript:
 * `declareView(Counter, { events: { inc: {}, search: { debounce: 500 } }, clientState: ['tab'] })`
 * is `@event inc`, `@event @debounce(500) search` and `@clientState(['tab'])`.
 */
export function declareView(
  cls: AnyClass,
  spec: { readonly events?: Readonly<Record<string, HandlerMeta>>; readonly clientState?: readonly string[] },
): void {
  for (const [name, options] of Object.entries(spec.events ?? {})) {
    const method = (cls.prototype as Record<string, unknown>)[name];
    if (typeof method !== 'function') throw new TypeError(`${cls.name} has no method "${name}"`);
    const own = Object.hasOwn(cls.prototype as object, name);
    const meta = metaOf(own ? method : ownCopy(cls, name, method as (...args: never[]) => unknown));
    meta.event = true;
    if (options.debounce !== undefined) meta.debounce = positiveMs(options.debounce, 'debounce');
    if (options.throttle !== undefined) meta.throttle = positiveMs(options.throttle, 'throttle');
    if (options.optimistic !== undefined) meta.optimistic = options.optimistic;
  }
  if (spec.clientState) classClientState.set(cls, [...spec.clientState]);
}

/**
 * Metadata is keyed by the method function, and a subclass declaring an inherited method would otherwise
 * change its parent's: the subclass gets its own method that calls the inherited one, starting from a
 * copy of the inherited metadata.
 */
function ownCopy(cls: AnyClass, name: string, inherited: (...args: never[]) => unknown): object {
  const own = function (this: unknown, ...args: unknown[]): unknown {
    return Reflect.apply(inherited, this, args) as unknown;
  };
  Object.defineProperty(own, 'name', { value: name });
  const parent = methodMeta.get(inherited);
  if (parent) methodMeta.set(own, { ...parent });
  Object.defineProperty(cls.prototype, name, { value: own, writable: true, configurable: true, enumerable: false });
  return own;
}

/** The `@event` handlers of a view class (own and inherited), with their client metadata. */
export function handlersOf(cls: AnyClass): Map<string, HandlerMeta> {
  const handlers = new Map<string, HandlerMeta>();
  for (
    let proto = cls.prototype as object | null;
    proto && proto !== Object.prototype;
    proto = Object.getPrototypeOf(proto)
  ) {
    for (const name of Object.getOwnPropertyNames(proto)) {
      if (handlers.has(name)) continue;
      const value = Object.getOwnPropertyDescriptor(proto, name)?.value as unknown;
      if (typeof value !== 'function') continue;
      const meta = methodMeta.get(value);
      if (!meta?.event) continue;
      const { event: _, ...client } = meta;
      handlers.set(name, client);
    }
  }
  return handlers;
}

/** The client-state keys declared on a view class or its ancestors. */
export function clientStateOf(cls: AnyClass): readonly string[] {
  for (let c: object | null = cls; c && c !== Function.prototype; c = Object.getPrototypeOf(c) as object | null) {
    const keys = classClientState.get(c);
    if (keys) return keys;
  }
  return [];
}
