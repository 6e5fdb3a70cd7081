import { decodeContext, loadCases, suiteCompileOptions, type ConformanceCase } from '@tessera/conformance';
import { mutant } from '@tessera/fuzz';
import { compile, MemoryLoader } from '@tessera/template';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import renderer from './index.js';
import { patchesTurn } from '../test/helpers.js';

function tryRender(prepared: ReturnType<typeof renderer.prepare>, context: Record<string, unknown>): string | null {
  try {
    return renderer.render(prepared, context);
  } catch {
    return null;
  }
}

const cases = loadCases().filter(
  (c: ConformanceCase) => c.expected !== undefined && !c.category.startsWith('filters-'),
);
const byCategory = new Map<string, ConformanceCase[]>();
for (const c of cases) byCategory.set(c.category, [...(byCategory.get(c.category) ?? []), c]);

describe('conformance templates with mutated contexts: patches turn render(A) into render(B)', () => {
  for (const [category, list] of byCategory) {
    it(category, () => {
      const prepared = list.map((c) =>
        renderer.prepare(compile(c.entry, new MemoryLoader(c.templates), suiteCompileOptions())),
      );
      const sample = fc
        .nat(list.length - 1)
        .chain((i) => fc.tuple(fc.constant(i), mutant((list[i] as ConformanceCase).context)));
      fc.assert(
        fc.property(sample, ([i, mutated]) => {
          const p = prepared[i] as ReturnType<typeof renderer.prepare>;
          const a = decodeContext((list[i] as ConformanceCase).context);
          const b = decodeContext(mutated as Record<string, unknown>);
          const before = tryRender(p, a);
          const after = tryRender(p, b);
          fc.pre(before !== null && after !== null);
          const doc = renderer.mount(p, a);
          const table = doc.anchors;
          const patches = doc.update(b);
          const result = patchesTurn(before as string, patches, after as string, table);
          expect(result.got).toBe(result.equal ? result.got : after);
          expect(doc.update(b)).toEqual([]);
        }),
        { numRuns: Math.min(200, list.length * 4) },
      );
    });
  }
});
