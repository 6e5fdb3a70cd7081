import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import renderer from './index.js';
import { LiveDom, patchesTurn, prepare } from './test/helpers.js';
import { randomContext, randomTemplates } from './test/random-templates.js';

describe('random templates, well-formed or not', () => {
  it('patches turn a DOM holding render(A) into one holding render(B); a repeated update sends nothing', () => {
    fc.assert(
      fc.property(randomTemplates, randomContext, randomContext, (templates, a, b) => {
        let prepared;
        try {
          prepared = prepare(templates);
        } catch {
          return; // not a valid template (e.g. a tag placement the frontend refuses)
        }
        const before = renderer.render(prepared, a);
        const after = renderer.render(prepared, b);
        const doc = renderer.mount(prepared, a);
        const table = doc.anchors;
        const result = patchesTurn(before, doc.update(b), after, table);
        expect(result.got).toBe(result.equal ? result.got : after);
        expect(doc.update(b)).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });

  it('a chain of updates applied to one DOM, through the anchors each list rebinds, keeps giving render(next)', () => {
    fc.assert(
      fc.property(
        randomTemplates,
        randomContext,
        fc.array(randomContext, { minLength: 2, maxLength: 4 }),
        (templates, a, next) => {
          let prepared;
          try {
            prepared = prepare(templates);
          } catch {
            return;
          }
          const doc = renderer.mount(prepared, a);
          const dom = new LiveDom(doc);
          for (const b of next) {
            dom.apply(doc.update(b));
            const after = renderer.render(prepared, b);
            const result = dom.holds(after);
            expect(result.got).toBe(result.equal ? result.got : after);
            expect(dom.anchors.size).toBe(doc.anchors.length);
          }
        },
      ),
      { numRuns: 100 },
    );
  });
});
