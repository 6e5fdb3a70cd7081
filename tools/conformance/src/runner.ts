/**
 * The runner: compile each case with the suite's options, render it with one renderer and judge the
 * output against Django's. Everything a case does is synchronous, so no case can leave work pending.
 */
import { compile, MemoryLoader, type CompileOptions } from '@tessera/template';
import { AnchorMap, applyPatches } from '@tessera/dom-patch';
import { decodeTaggedContext } from '@tessera/runtime';
import { DomComparer, firstDifference } from './compare.js';
import { nativeContext } from './native.js';
import { suiteCompileOptions } from './hooks.js';
import { skipRule, type SkipRule } from './select.js';
import type { CaseResult, ConformanceCase, Counts, Failure, LiveRenderer, Renderer, SuiteResult } from './types.js';

/** Options of {@link runSuite}. */
export interface RunOptions {
  /** Compile options for every case; defaults to {@link suiteCompileOptions}. */
  readonly compileOptions?: CompileOptions;
  /** Called after each case, e.g. for progress output. */
  readonly onResult?: (result: CaseResult) => void;
}

/** What {@link runCase} needs besides the case: shared across a run. */
export interface CaseEnv {
  readonly compileOptions: CompileOptions;
  readonly compare: 'exact' | 'dom';
  readonly skip: SkipRule;
  readonly dom: DomComparer;
}

/** Run `cases` through `renderer` and count the results per category. */
export async function runSuite(
  renderer: Renderer,
  cases: readonly ConformanceCase[],
  options: RunOptions = {},
): Promise<SuiteResult> {
  const env: CaseEnv = {
    compileOptions: options.compileOptions ?? suiteCompileOptions(),
    compare: renderer.conformance?.compare ?? 'exact',
    skip: skipRule(renderer.conformance),
    dom: new DomComparer(),
  };
  const results: CaseResult[] = [];
  try {
    for (const c of cases) {
      const result = runCase(renderer, c, env);
      results.push(result);
      options.onResult?.(result);
    }
  } finally {
    await env.dom.close();
  }
  return { renderer: renderer.name, compare: env.compare, live: isLive(renderer), results, ...tally(results) };
}

/** Whether a renderer implements `mount` (LiveRenderer). */
export function isLive(renderer: Renderer): renderer is LiveRenderer {
  return typeof (renderer as Partial<LiveRenderer>).mount === 'function';
}

/** Totals and per-category counts of a list of results. */
export function tally(results: readonly CaseResult[]): { totals: Counts; categories: Record<string, Counts> } {
  const totals = emptyCounts();
  const categories: Record<string, Counts> = {};
  for (const r of results) {
    categories[r.category] ??= emptyCounts();
    const cat = categories[r.category]!;
    for (const counts of [totals, cat]) {
      counts[r.outcome] += 1;
      if (r.domEqualOnly) counts.domEqualOnly += 1;
    }
  }
  return { totals, categories };
}

/** Zeroed counts. */
export function emptyCounts(): Counts {
  return { passed: 0, failed: 0, skipped: 0, domEqualOnly: 0 };
}

interface Thrown {
  readonly name: string;
  readonly message: string;
}

function describeThrown(e: unknown): Thrown {
  if (e instanceof Error) return { name: e.name, message: e.message };
  return { name: typeof e, message: String(e) };
}

type Judgement = { readonly ok: true; readonly domOnly: boolean } | { readonly ok: false; readonly position: number };

function judge(expected: string, actual: string, env: CaseEnv): Judgement {
  const position = firstDifference(expected, actual);
  if (position < 0) return { ok: true, domOnly: false };
  if (env.compare === 'dom' && env.dom.equal(expected, actual)) return { ok: true, domOnly: true };
  return { ok: false, position };
}

/** Run one case. Never throws for anything the renderer or the template frontend does. */
export function runCase(renderer: Renderer, c: ConformanceCase, env: CaseEnv): CaseResult {
  const base = { id: c.id, category: c.category };
  const reason = env.skip(c);
  if (reason !== null) return { ...base, outcome: 'skipped', reason };
  const contexts =
    c.native === undefined
      ? [c.context, ...(c.updates ?? [])].map((context) => decodeTaggedContext(context))
      : [nativeContext(c.native)];
  const failed = (failure: Failure, extra: Partial<CaseResult> = {}): CaseResult => ({
    ...base,
    outcome: 'failed',
    failure,
    ...extra,
  });

  let prepared: unknown;
  let actual: unknown;
  try {
    const template = compile(c.entry, new MemoryLoader({ ...c.templates }), env.compileOptions);
    prepared = renderer.prepare(template);
    actual = renderer.render(prepared, contexts[0] ?? {});
  } catch (e) {
    const error = describeThrown(e);
    if (c.expected_error === error.name) return { ...base, outcome: 'passed', error };
    const message =
      c.expected_error === undefined
        ? `unexpected ${error.name}: ${error.message}`
        : `expected ${c.expected_error}, got ${error.name}: ${error.message}`;
    return failed(
      { kind: 'error', message, expected: c.expected ?? c.expected_error, actual: `${error.name}: ${error.message}` },
      { error },
    );
  }
  if (typeof actual !== 'string') {
    return failed({
      kind: 'contract',
      message: `render() returned ${actual === null ? 'null' : typeof actual}, not a string`,
    });
  }
  if (c.expected === undefined) {
    return failed(
      {
        kind: 'no-error',
        message: `expected ${c.expected_error ?? 'an error'}, but rendering succeeded`,
        expected: c.expected_error,
        actual,
      },
      { actual },
    );
  }
  const first = judge(c.expected, actual, env);
  if (!first.ok) {
    return failed(
      { kind: 'output', message: 'output differs', expected: c.expected, actual, position: first.position, step: 0 },
      { actual },
    );
  }
  let domOnly = first.domOnly;

  const updates = c.expected_updates ?? [];
  const fresh: string[] = [];
  for (let step = 1; step <= updates.length; step++) {
    const expected = updates[step - 1] ?? '';
    let out: unknown;
    try {
      out = renderer.render(prepared, contexts[step] ?? {});
    } catch (e) {
      const error = describeThrown(e);
      return failed(
        { kind: 'error', message: `unexpected ${error.name}: ${error.message}`, expected, step },
        { actual, error },
      );
    }
    if (typeof out !== 'string')
      return failed({ kind: 'contract', message: `render() returned ${typeof out}, not a string`, step }, { actual });
    const j = judge(expected, out, env);
    if (!j.ok)
      return failed(
        { kind: 'output', message: 'output differs', expected, actual: out, position: j.position, step },
        { actual },
      );
    domOnly ||= j.domOnly;
    fresh.push(out);
  }
  if (updates.length > 0 && isLive(renderer)) {
    const live = checkLive(renderer, prepared, contexts, c.expected, fresh, env);
    if (live) return failed(live, { actual });
  }
  return { ...base, outcome: 'passed', actual, ...(domOnly ? { domEqualOnly: true } : {}) };
}

/**
 * mount(first context), then for each update apply its patches to a DOM holding the previous HTML and
 * compare that DOM with a fresh render of the same context. Returns the first failure, or null.
 */
function checkLive(
  renderer: LiveRenderer,
  prepared: unknown,
  contexts: readonly Record<string, unknown>[],
  expectedFirst: string,
  fresh: readonly string[],
  env: CaseEnv,
): Failure | null {
  let step = 0;
  try {
    const doc = renderer.mount(prepared, contexts[0] ?? {});
    if (typeof doc?.html !== 'string')
      return { kind: 'contract', message: 'mount() must return { html: string, update() }', step };
    const j = judge(expectedFirst, doc.html, env);
    if (!j.ok)
      return {
        kind: 'live',
        message: 'mount().html differs from Django',
        expected: expectedFirst,
        actual: doc.html,
        position: j.position,
        step,
      };
    if (!Array.isArray(doc.anchors))
      return {
        kind: 'contract',
        message: 'mount().anchors must be an array of [id, path] ([] addresses every patch from the root)',
        step,
      };
    const root = env.dom.fragment(doc.html);
    const anchors = new AnchorMap(root, doc.anchors);
    for (step = 1; step < contexts.length; step++) {
      const patches = doc.update(contexts[step] ?? {});
      if (!Array.isArray(patches))
        return { kind: 'contract', message: 'update() must return an array of patches', step };
      applyPatches(root, patches, anchors);
      const want = env.dom.fragment(fresh[step - 1] ?? '');
      // Patches may leave adjacent text nodes that an HTML parse would have merged; compare a merged copy.
      const got = root.cloneNode(true);
      got.normalize();
      if (!got.isEqualNode(want)) {
        const expected = want.innerHTML;
        const actual = root.innerHTML;
        return {
          kind: 'live',
          message: `patched DOM differs from a fresh render (${patches.length} patches applied)`,
          expected,
          actual,
          position: Math.max(0, firstDifference(expected, actual)),
          step,
        };
      }
    }
  } catch (e) {
    const error = describeThrown(e);
    return { kind: 'live', message: `${step === 0 ? 'mount' : 'update'} threw ${error.name}: ${error.message}`, step };
  }
  return null;
}
