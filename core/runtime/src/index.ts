/**
 * @tessera/runtime: Django's value semantics (printing, truthiness, comparisons, lookups, escaping)
 * and the 57 built-in filters of Django 5.2, for every Tessera renderer. See README.md for the value model.
 */
export { SafeString, markSafe, isSafe } from './safe.js';
export { escapeHtml, conditionalEscape } from './escape.js';
export { PY_REPR, pyStr, pyRepr } from './pyrepr.js';
export { isTruthy } from './truthy.js';
export { MISSING, lookup, lookupPath } from './lookup.js';
export { tagSequence } from './values.js';
export type { SequenceKind } from './values.js';
export { pyEquals, pyCompare, pyIn, pyNotIn, pyIs } from './compare.js';
export { pyIter, pyLen } from './iterate.js';
export { renderValue } from './render.js';
export { defaultRuntimeOptions } from './options.js';
export type { RuntimeOptions } from './options.js';
export { builtinFilters, applyFilter } from './filters/index.js';
export type { FilterEnv, FilterSpec } from './filters/index.js';
export { formatDate, formatTime } from './dates.js';
export { LOREM_COMMON_P, loremWords, loremParagraphs } from './lorem.js';
export { timesince, timeuntil } from './timesince.js';
export { stripSpacesBetweenTags } from './spaceless.js';
export { pyInt, pyFloat } from './pyconv.js';
export { pyError } from './values.js';
