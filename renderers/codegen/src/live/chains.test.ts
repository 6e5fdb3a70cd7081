import { decodeContext, loadCases, suiteCompileOptions, type ConformanceCase } from '@tessera/conformance';
import { LiveDom, mutant } from '@tessera/fuzz';
import { compile, MemoryLoader } from '@tessera/template';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import renderer, { type PreparedTemplate } from '../index.js';

function tryRender(prepared: PreparedTemplate, context: Record<string, unknown>): string | null {
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

describe('conformance templates: chains of 2-5 updates (update and set) on one DOM equal a fresh render after each', () => {
  for (const [category, list] of byCategory) {
    it(category, () => {
      const prepared = list.map((c) =>
        renderer.prepare(compile(c.entry, new MemoryLoader(c.templates), suiteCompileOptions())),
      );
      const sample = fc.nat(list.length - 1).chain((i) => {
        const model = (list[i] as ConformanceCase).context;
        const step = fc.tuple(mutant(model), fc.boolean());
        return fc.tuple(fc.constant(i), fc.array(step, { minLength: 2, maxLength: 5 }));
      });
      fc.assert(
        fc.property(sample, ([i, steps]) => {
          const p = prepared[i] as PreparedTemplate;
          const first = decodeContext((list[i] as ConformanceCase).context);
          fc.pre(tryRender(p, first) !== null);
          const doc = renderer.mount(p, first);
          const dom = new LiveDom(doc);
          let context = first;
          for (const [mutated, viaSet] of steps) {
            const next = decodeContext(mutated as Record<string, unknown>);
            const after = tryRender(p, viaSet ? { ...context, ...next } : next);
            if (after === null) return;
            const patches = viaSet ? (doc.set?.(next) ?? []) : doc.update(next);
            context = viaSet ? { ...context, ...next } : next;
            dom.apply(patches);
            const result = dom.holds(after);
            expect(result.got).toBe(result.equal ? result.got : after);
            expect(doc.html).toBe(after);
          }
        }),
        { numRuns: Math.min(150, list.length * 3) },
      );
    });
  }
});
