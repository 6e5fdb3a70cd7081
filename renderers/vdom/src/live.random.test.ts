import { decodeTaggedContext } from '@tessera/runtime';
import { fuzzCase, liveChain } from '@tessera/fuzz';
import { describe, expect, it } from 'vitest';
import renderer from './index.js';
import { prepare } from './test/helpers.js';

// Seeded cases of @tessera/fuzz (templates well-formed or not, unquoted dynamic attributes, blocks and
// includes, Unicode case rules): a chain of updates applied to one DOM keeps giving the render of each context.
const SEED = 7_100_000;
const COUNT = 400;

describe('random templates, well-formed or not', () => {
  it('a chain of updates applied to one DOM, through the anchors each list rebinds, keeps giving render(next)', () => {
    const wrong: string[] = [];
    for (let seed = SEED; seed < SEED + COUNT; seed++) {
      const c = fuzzCase(seed);
      let prepared;
      try {
        prepared = prepare({ ...c.templates });
      } catch {
        continue; // a template the frontend refuses
      }
      const contexts = [c.next, c.context, fuzzCase(seed + COUNT).next].map((x) => decodeTaggedContext(x));
      let steps;
      let doc;
      try {
        steps = contexts.map((context) => ({ context, html: renderer.render(prepared, context) }));
        doc = renderer.mount(prepared, decodeTaggedContext(c.context));
      } catch {
        continue; // a context the template raises on
      }
      const verdict = liveChain(doc, steps);
      if ('wrong' in verdict) wrong.push(`seed ${seed}: ${verdict.wrong.slice(0, 400)}`);
    }
    expect(wrong).toEqual([]);
  });
});
