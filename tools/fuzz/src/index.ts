/**
 * `@tessera/fuzz`: seeded fuzz cases for differential testing. `fuzzCase(seed)` is a set of templates
 * (`main.html` the entry), a context and a second context for a live update, all a pure function of the
 * seed: every test and script that runs seed 7 runs the same case.
 *
 * ```ts
 * import { fuzzCase } from '@tessera/fuzz';
 * const { templates, context, next } = fuzzCase(7);
 * ```
 */
export { fuzzCase, type FuzzCase } from './case.js';
export { holder, LiveDom, sameDom } from './live-dom.js';
export { mutant } from './mutant.js';
export { Rng } from './random.js';
export { CONTEXT_NAMES, STRINGS, type Json } from './values.js';
export {
  describeOutcome,
  disagreeing,
  domOf,
  liveChain,
  outcome,
  runCase,
  sameOutcome,
  seededChains,
  type CaseResult,
  type FuzzRenderer,
  type LiveVerdict,
  type Outcome,
} from './harness.js';
