// Test-only: runs the Django-generated fixture cases (filters.json, from scripts/gen_fixtures.py).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyFilter, builtinFilters } from '../src/filters/index.js';
import type { RuntimeOptions } from '../src/options.js';
import { renderValue } from '../src/render.js';
import { decodeTagged } from '../src/values/tagged-json.js';

/** One Django rendering of `{{ v|filter:a }}` (or `{{ v }}` when `filter` is null). */
export interface FixtureCase {
  readonly filter: string | null;
  readonly value: unknown;
  readonly arg?: unknown;
  readonly autoescape?: boolean;
  readonly tz?: string;
  readonly expected?: string;
  readonly error?: string;
}

/**
 * `{% if a %}` and `{% if a OP b %}` rendered by Django over every pair of `values`: one `T`/`F` letter per
 * value (`truthy`) or per pair, first operand major (`ops`).
 */
export interface ConditionTable {
  readonly values: readonly unknown[];
  readonly truthy: string;
  readonly ops: Readonly<Record<string, string>>;
}

/** `{{ v.segment }}` rendered by Django. */
export interface LookupCase {
  readonly value: unknown;
  readonly segment: string;
  readonly result: string;
}

/** `{% for x in v %}{{ x }},{% empty %}E{% endfor %}` rendered by Django. */
export interface LoopCase {
  readonly value: unknown;
  readonly result: string;
}

/** Everything scripts/gen_fixtures.py wrote. */
export const fixtures = JSON.parse(readFileSync(new URL('./filters.json', import.meta.url), 'utf8')) as {
  readonly django: string;
  readonly filters: Readonly<
    Record<string, { arg: string; isSafe: boolean; needsAutoescape: boolean; expectsLocaltime: boolean }>
  >;
  readonly cases: readonly FixtureCase[];
  readonly conditions: ConditionTable;
  readonly lookups: readonly LookupCase[];
  readonly loops: readonly LoopCase[];
};

/** Render one case as a renderer would: the filter step, then `renderValue`; an error gives its name. */
export function runCase(c: FixtureCase): { expected?: string; error?: string } {
  const options: RuntimeOptions = { now: () => new Date('2024-03-05T14:07:09Z'), timezone: c.tz ?? 'UTC' };
  const autoescape = c.autoescape ?? true;
  try {
    let value = decodeTagged(c.value);
    if (c.filter !== null) {
      const spec = builtinFilters[c.filter];
      if (!spec) throw new Error(`unknown filter ${c.filter}`);
      value = applyFilter(spec, value, 'arg' in c ? decodeTagged(c.arg) : undefined, { autoescape, options });
    }
    return { expected: renderValue(value, autoescape, options) };
  } catch (e) {
    if (e instanceof Error && e.name !== 'Error') return { error: e.name };
    throw e;
  }
}

function label(c: FixtureCase, i: number): string {
  const arg = 'arg' in c ? ` : ${JSON.stringify(c.arg)}` : '';
  const flags = `${c.autoescape === false ? ' [autoescape off]' : ''}${c.tz ? ` [${c.tz}]` : ''}`;
  return `#${i} ${JSON.stringify(c.value)}${arg}${flags}`.slice(0, 160);
}

/** One `describe` per filter name, one test per Django case of that filter. */
export function fixtureSuite(names: readonly (string | null)[]): void {
  for (const name of names) {
    const cases = fixtures.cases.filter((c) => c.filter === name);
    describe(name ?? '(no filter)', () => {
      it('has Django cases', () => {
        expect(cases.length).toBeGreaterThan(0);
      });
      cases.forEach((c, i) => {
        it(label(c, i), () => {
          const want = c.error !== undefined ? { error: c.error } : { expected: c.expected };
          expect(runCase(c)).toEqual(want);
        });
      });
    });
  }
}
