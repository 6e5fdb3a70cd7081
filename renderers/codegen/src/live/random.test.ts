import { seededChains } from '@tessera/fuzz';
import { describe, expect, it } from 'vitest';
import renderer from '../index.js';

// Seeded cases of @tessera/fuzz (templates well-formed or not, unquoted dynamic attributes, blocks and
// includes, Unicode case rules): a chain of updates applied to one DOM keeps giving the render of each context.
describe('random templates, well-formed or not, through the compiled live engine', () => {
  it('a chain of updates applied to one DOM, through the anchors each list rebinds, keeps giving render(next)', () => {
    expect(seededChains(renderer, 7_100_000, 400)).toEqual([]);
  });
});
