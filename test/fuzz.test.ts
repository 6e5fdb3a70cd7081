/**
 * Differential fuzzing, bounded: the seeded cases of `@tessera/fuzz` through the four renderers. Every
 * renderer must give the same output or raise the same error class, and each live renderer mounted with a
 * case's context and updated to its second context must leave, once its patches are applied, the DOM of
 * the second render (and the same DOM as the other live renderer). `scripts/fuzz.mjs` runs longer and
 * against real Django.
 */
import { suiteCompileOptions } from '@tessera/conformance';
import { describeOutcome, disagreeing, fuzzCase, runCase } from '@tessera/fuzz';
import codegen from '@tessera/renderer-codegen';
import rust from '@tessera/renderer-rust';
import string from '@tessera/renderer-string';
import vdom from '@tessera/renderer-vdom';
import { describe, expect, it } from 'vitest';

const SEED = 20261202;
const COUNT = 3000;
const renderers = [string, codegen, vdom, rust];

describe('the four renderers agree on seeded fuzz cases', () => {
  it(`renders and live-updates ${COUNT} cases from seed ${SEED} alike`, () => {
    const options = suiteCompileOptions();
    const problems: string[] = [];
    let compiled = 0;
    let live = 0;
    for (let seed = SEED; seed < SEED + COUNT; seed++) {
      const c = fuzzCase(seed);
      const result = runCase(c, renderers, options);
      if (result.compileError) continue;
      compiled++;
      live += Object.values(result.live).filter((v) => 'ok' in v).length;
      const bad = disagreeing(result);
      if (bad.length === 0) continue;
      const outcomes = Object.entries(result.outcomes).map(([name, o]) => `${name}: ${describeOutcome(o)}`);
      const verdicts = Object.entries(result.live).map(
        ([name, v]) => `${name} live: ${JSON.stringify(v).slice(0, 300)}`,
      );
      problems.push(
        [`seed ${seed}: ${bad.join(', ')}`, JSON.stringify(c.templates), ...outcomes, ...verdicts].join('\n  '),
      );
    }
    expect(problems.slice(0, 3).join('\n')).toBe('');
    // The grammar mostly makes templates the frontend accepts, and most of them update live.
    expect(compiled).toBeGreaterThan(COUNT * 0.8);
    expect(live).toBeGreaterThan(COUNT * 0.8);
  });
});
