/**
 * The helper object `h` a generated factory receives: runtime semantics from `@tessera/runtime`
 * plus the glue in helpers.ts. Generated code destructures exactly `HELPER_NAMES` from it.
 */
import { ascend, blockResult, descend, grouped, includedTemplate, outputs } from './helpers.js';
import * as portable from './portable-helpers.js';
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
  ...portable,
  ascend,
  blockResult,
  blockSuperError,
  callTag,
  csrfInput,
  debugDump,
  descend,
  formatNow,
  grouped,
  includeError,
  includedTemplate,
  lorem,
  outputs,
  reverseUrl,
  tagOutput,
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
