/**
 * The shapes shared by the runner, the CLI and renderer authors: cases as stored on disk, the renderer
 * contract the suite drives (declared in `@tessera/template`) and the results it reports.
 */
export type { ConformanceDeclaration, LiveDocument, LiveRenderer, Renderer } from '@tessera/template';

/** A rendering context as stored in a case file: JSON with the typed-value tags of `values.ts`. */
export type JsonContext = Record<string, unknown>;

/** One conformance case. Exactly one of `expected` / `expected_error` is present. */
export interface ConformanceCase {
  /** `<category>/<name>`, unique across the suite. */
  readonly id: string;
  readonly category: string;
  /** Every template the case may load, by name. */
  readonly templates: Readonly<Record<string, string>>;
  /** The template that is compiled and rendered. */
  readonly entry: string;
  readonly context: JsonContext;
  /** Django's output for `context`. */
  readonly expected?: string;
  /** The Python class name of the exception Django raised (compile or render). */
  readonly expected_error?: string;
  /** Django's message for `expected_error`; informative only, never compared. */
  readonly expected_message?: string;
  /** Live-update cases: further full contexts, applied in order after `context`. */
  readonly updates?: readonly JsonContext[];
  /** Django's output for each of `updates`. */
  readonly expected_updates?: readonly string[];
  /**
   * `js-native` cases: the name of the builder in `nativeContexts` (src/native.ts) whose fresh result
   * is the context, in place of `context` (which is then `{}`): values JSON cannot carry.
   */
  readonly native?: string;
  /** `"documented"`: the expectation is Tessera's documented mapping, where Python has no equivalent. */
  readonly expected_source?: 'documented';
  /** Feature tags such as `filter:upper`, `tag:for`, `live`. */
  readonly features?: readonly string[];
  readonly note?: string;
}

export type Outcome = 'passed' | 'failed' | 'skipped';

/** Why a case failed, with everything a reader needs to see the difference. */
export interface Failure {
  /** `output`: wrong text; `error`: wrong or unexpected error; `no-error`: Django raised, the renderer did not;
   *  `live`: patched DOM differs from a fresh render; `contract`: the renderer broke the interface. */
  readonly kind: 'output' | 'error' | 'no-error' | 'live' | 'contract';
  readonly message: string;
  readonly expected?: string;
  readonly actual?: string;
  /** Index (UTF-16 code units) of the first differing character, for `output` and `live`. */
  readonly position?: number;
  /** For live-update cases: 0 is the initial context, n is `updates[n - 1]`. */
  readonly step?: number;
}

/** The result of one case. */
export interface CaseResult {
  readonly id: string;
  readonly category: string;
  readonly outcome: Outcome;
  /** Passed, but only as the same DOM tree, not byte for byte. */
  readonly domEqualOnly?: boolean;
  /** Skip reason. */
  readonly reason?: string;
  /** The renderer's output for the first context, when it produced one. */
  readonly actual?: string;
  /** The error the renderer threw, when it threw one. */
  readonly error?: { readonly name: string; readonly message: string };
  readonly failure?: Failure;
}

/** Pass / fail / skip counts. */
export interface Counts {
  passed: number;
  failed: number;
  skipped: number;
  /** Of `passed`, how many were only DOM-equal. */
  domEqualOnly: number;
}

/** A whole run of one renderer. */
export interface SuiteResult {
  readonly renderer: string;
  readonly compare: 'exact' | 'dom';
  readonly live: boolean;
  readonly results: readonly CaseResult[];
  readonly totals: Counts;
  /** Counts per category, categories in first-seen order. */
  readonly categories: Readonly<Record<string, Counts>>;
}
