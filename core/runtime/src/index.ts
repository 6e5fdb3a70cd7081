/**
 * @tessera/runtime: Django's value semantics (printing, truthiness, comparisons, lookups, escaping)
 * and the 57 built-in filters of Django 5.2, for every Tessera renderer. See README.md for the value model.
 */
export { SafeString, isSafe } from './values/safe.js';
export { MISSING, tagSequence, sequenceKind, namedTuple, pyError, pyTypeName, isPlainObject } from './values/model.js';
export {
  isThenable,
  promiseError,
  isIterator,
  iteratorItems,
  isSilentFailure,
  isTemplateName,
} from './values/native.js';
export type { SequenceKind } from './values/model.js';
export { PY_REPR, pyStr, pyRepr } from './values/repr.js';
export { decodeTagged, decodeTaggedContext } from './values/tagged-json.js';
export { isTruthy } from './values/truthy.js';
export { lookup, lookupPath, instanceAttributes } from './values/lookup.js';
export { pyEquals, pyCompare, pyIn, pyNotIn, pyIs } from './values/compare.js';
export { pyIter, pyLen } from './values/iterate.js';
export { pyInt, pyFloat } from './python/conv.js';
export { LOREM_COMMON_P, loremWords, loremParagraphs } from './text/lorem.js';
export { escapeHtml, conditionalEscape, markSafe } from './html/escape.js';
export { stripSpacesBetweenTags } from './html/spaceless.js';
export { formatDate, formatTime } from './time/dateformat.js';
export { timesince, timeuntil } from './time/timesince.js';
export { defaultRuntimeOptions } from './options.js';
export type { RuntimeOptions } from './options.js';
export { renderValue, renderValueWith, type DateLocalizer } from './render.js';
export {
  builtinFilters,
  applyFilter,
  stringFilters,
  htmlFilters,
  numberFilters,
  listFilters,
  dateFilters,
  logicFilters,
} from './filters/index.js';
export type { FilterEnv, FilterSpec } from './filters/index.js';
