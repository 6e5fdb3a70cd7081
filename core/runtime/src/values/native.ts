/**
 * JavaScript values that have no JSON form, read as Django reads their Python counterparts: promises
 * (refused: the caller forgot an `await`), iterators (lists, read once), errors that ask to fail silently.
 */
import { pyError } from './model.js';

/** A Promise or any object with a callable `then`: what `await` would wait for. */
export function isThenable(v: unknown): v is PromiseLike<unknown> {
  return (
    (typeof v === 'object' || typeof v === 'function') &&
    v !== null &&
    typeof (v as { then?: unknown }).then === 'function'
  );
}

/**
 * The TypeError a template raises when a variable resolves to a thenable: a page cannot wait, so the
 * application must await the value before rendering. `path` is the template's path (`user.profile`).
 */
export function promiseError(path: string): Error {
  const what = path ? `'${path}' is` : 'a template value is';
  return pyError(
    'TypeError',
    `${what} a Promise (or another thenable): await it before rendering, templates cannot wait for it`,
  );
}

/**
 * An iterator (a generator, `map.entries()`, any object with `next` and `Symbol.iterator`) that is not
 * an array, Map or Set: a one-shot source of items.
 */
export function isIterator(v: unknown): v is Iterator<unknown> & Iterable<unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v) || v instanceof Map || v instanceof Set) return false;
  const it = v as { next?: unknown; [Symbol.iterator]?: unknown };
  return typeof it.next === 'function' && typeof it[Symbol.iterator] === 'function';
}

const read = new WeakMap<object, unknown[]>();

/**
 * An iterator as the list it yields. It is read once, the first time a template uses it, and that list
 * is remembered for the iterator: a generator renders the same wherever a page (or a later render, or
 * another renderer) uses it, instead of being empty after its first loop.
 */
export function iteratorItems(it: Iterator<unknown> & Iterable<unknown>): unknown[] {
  let items = read.get(it);
  if (items === undefined) {
    items = Array.from(it);
    read.set(it, items);
  }
  return items;
}

/**
 * Django's `silent_variable_failure`: an exception raised while resolving a variable whose
 * `silent_variable_failure` attribute is true renders as a missing value instead of propagating.
 */
export function isSilentFailure(err: unknown): boolean {
  return (
    typeof err === 'object' &&
    err !== null &&
    Boolean((err as { silent_variable_failure?: unknown }).silent_variable_failure)
  );
}

// What a template can spell as an attribute: Django's variable characters, not starting with `_`
// (Django refuses those names). `$`-prefixed machinery (Objection's `$query`, `$id`...) is unreachable.
const TEMPLATE_NAME = /^[\p{L}\p{N}][\p{L}\p{N}_]*$/u;

/** Whether `name` is an attribute name a template can reach on a class instance. */
export function isTemplateName(name: string): boolean {
  return TEMPLATE_NAME.test(name);
}
