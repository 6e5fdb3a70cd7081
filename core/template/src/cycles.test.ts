import { describe, expect, it } from 'vitest';
import { CycleStates } from './cycles.js';
import type { CycleNode, Loc, ResetCycleNode } from './ir.js';
import { compile, MemoryLoader } from './index.js';

const loc: Loc = { template: 't', line: 1, col: 1 };
const cycle = (): CycleNode => ({
  kind: 'cycle',
  id: 0,
  loc,
  deps: [],
  state: 0,
  values: [],
  asVar: null,
  silent: false,
});
const reset = (): ResetCycleNode => ({ kind: 'resetcycle', id: 0, loc, deps: [], states: [] });

describe('CycleStates', () => {
  it('leads every reference, however indirect, to the cycle that owns the state', () => {
    const states = new CycleStates();
    const [named, ref, refOfRef] = [cycle(), cycle(), cycle()];
    states.share(ref, named);
    states.share(refOfRef, ref);
    expect(states.origin(named)).toBe(named);
    expect(states.origin(ref)).toBe(named);
    expect(states.origin(refOfRef)).toBe(named);
  });

  it('records the owner a resetcycle resets, and nothing for an unknown node', () => {
    const states = new CycleStates();
    const [named, ref] = [cycle(), cycle()];
    const node = reset();
    states.share(ref, named);
    states.reset(node, ref);
    expect(states.resetTargets(node)).toEqual([named]);
    expect(states.resetTargets(reset())).toEqual([]);
  });
});

describe('cycle states in the IR', () => {
  it('numbers a named cycle and its references as one state, reset by resetcycle', () => {
    const source = '{% cycle "a" "b" as row %}{% cycle "x" "y" %}{% cycle row %}{% resetcycle row %}{% resetcycle %}';
    const { body } = compile('t', new MemoryLoader({ t: source })).ir;
    const states = body.map((n) => (n.kind === 'cycle' ? n.state : n.kind === 'resetcycle' ? n.states : null));
    expect(states).toEqual([1, 2, 1, [1], [2]]);
  });
});
