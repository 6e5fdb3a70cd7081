/**
 * The helpers generated code may call that run anywhere: runtime semantics from `@tessera/runtime` and
 * the glue in helpers.ts that needs no compiler. The server's helper object (bindings.ts) adds the
 * tag helpers that need the interpreter; the browser runtime (live/browser.ts) exports exactly these.
 */
export {
  MISSING,
  SafeString,
  applyFilter,
  escapeHtml,
  lookup,
  pyCompare,
  pyEquals,
  pyIn,
  pyIs,
  pyNotIn,
  stripSpacesBetweenTags,
} from '@tessera/runtime';
export {
  ObjectPrototype,
  UNSET,
  argument,
  builtin,
  changed,
  getPrototypeOf,
  guard,
  hasOwn,
  iterate,
  loopMemory,
  missingValue,
  noMatch,
  orEmpty,
  orNone,
  parentLoop,
  root,
  scopeObject,
  truthy,
  unpack,
} from './helpers.js';
