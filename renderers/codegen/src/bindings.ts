/**
 * The helper object `h` a generated factory receives: runtime semantics from `@tessera/runtime`
 * plus the glue in helpers.ts. Generated code destructures exactly `HELPER_NAMES` from it.
 */
import {
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
import {
  ObjectPrototype,
  UNSET,
  argument,
  ascend,
  blockResult,
  builtin,
  changed,
  descend,
  getPrototypeOf,
  grouped,
  guard,
  hasOwn,
  includedTemplate,
  iterate,
  loopMemory,
  missingValue,
  noMatch,
  orEmpty,
  orNone,
  outputs,
  parentLoop,
  root,
  scopeObject,
  truthy,
  unpack,
} from './helpers.js';
import { blockSuperError, csrfInput, formatNow, loremText as lorem, tagOutput, widthRatio } from '@tessera/interpreter';
import { callTag, debugDump, includeError, reverseUrl } from './tag-helpers.js';
import type { CodegenTemplate } from './template.js';

/** Renders a dynamically included template (supplied by the renderer, which owns the compile cache). */
export type IncludeHelper = (
  template: CodegenTemplate,
  context: Record<string, unknown>,
  autoescape: boolean,
) => string;

/** Renders the page `page` extending the parent named by `parent` (`{% extends var %}`). */
export type ExtendHelper = (
  t: CodegenTemplate,
  page: string,
  parent: unknown,
  context: Record<string, unknown>,
  autoescape: boolean,
) => string;

const base = {
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
  ObjectPrototype,
  UNSET,
  argument,
  ascend,
  blockResult,
  blockSuperError,
  builtin,
  callTag,
  changed,
  csrfInput,
  debugDump,
  descend,
  formatNow,
  getPrototypeOf,
  grouped,
  guard,
  hasOwn,
  includeError,
  includedTemplate,
  iterate,
  loopMemory,
  lorem,
  missingValue,
  noMatch,
  orEmpty,
  orNone,
  outputs,
  parentLoop,
  reverseUrl,
  root,
  scopeObject,
  tagOutput,
  truthy,
  unpack,
  widthRatio,
};

/** Everything generated code can call. */
export type Helpers = typeof base & { readonly include: IncludeHelper; readonly extend: ExtendHelper };

/** The names generated code destructures from `h`. */
export const HELPER_NAMES: readonly string[] = [...Object.keys(base), 'include', 'extend'];

/** The helper object for generated factories. */
export function createHelpers(include: IncludeHelper, extend: ExtendHelper): Helpers {
  return { ...base, include, extend };
}
