/**
 * @tessera/conformance: Django ground-truth cases, the runner that judges a renderer against them, and the
 * pieces of the `tessera-conformance` CLI, for programmatic use.
 */
export type {
  CaseResult,
  ConformanceCase,
  ConformanceDeclaration,
  Counts,
  Failure,
  JsonContext,
  LiveDocument,
  LiveRenderer,
  Outcome,
  Renderer,
  SuiteResult,
} from './types.js';
export { CaseFormatError, DEFAULT_CASES_DIR, loadCases, parseCaseFile } from './cases.js';
export { nativeContext, nativeContexts } from './native.js';
/** A case context (tagged JSON) as a renderer receives it: `@tessera/runtime`'s `decodeTaggedContext`. */
export { decodeTaggedContext as decodeContext } from '@tessera/runtime';
export { FROZEN_NOW, ROUTES, STATIC_URL, reverseUrl, staticUrl, suiteCompileOptions } from './hooks.js';
export { filterByCategory, skipRule, type SkipRule } from './select.js';
export { DomComparer, firstDifference, lineColumn } from './compare.js';
export { emptyCounts, isLive, runCase, runSuite, tally, type CaseEnv, type RunOptions } from './runner.js';
export { categoryTable, excerpt, failureTitle, formatFailure, skipReasons, summaryLine } from './report.js';
export { toJsonReport, type JsonCase, type JsonReport } from './json-report.js';
export { toJunit } from './junit.js';
export { RendererLoadError, asRenderer, isPathSpec, loadRenderer, rendererSpecifier } from './load-renderer.js';
