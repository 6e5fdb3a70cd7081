import { MISSING } from '@tessera/runtime';
import { compile, MemoryLoader } from '@tessera/template';
import { describe, expect, it } from 'vitest';
import { Context } from './context.js';

const template = compile('t', new MemoryLoader({ t: '' }));

describe('Context', () => {
  it('finds names from the top frame down, then the caller, then the builtins', () => {
    const ctx = new Context(template, { a: 1, True: 'shadowed' }, true);
    expect(ctx.get('a')).toBe(1);
    expect(ctx.get('True')).toBe('shadowed');
    expect(ctx.get('None')).toBeNull();
    ctx.push([['a', 2]]);
    expect(ctx.get('a')).toBe(2);
    ctx.pop();
    expect(ctx.get('a')).toBe(1);
  });

  it('never reaches JavaScript internals of the caller object', () => {
    const ctx = new Context(template, {}, true);
    for (const name of ['constructor', 'toString', 'hasOwnProperty', '__proto__']) expect(ctx.get(name)).toBe(MISSING);
    expect(ctx.resolve(['constructor', 'name'])).toBe(MISSING);
  });

  it('set_upward writes where the name lives, the caller dict included, else the top frame', () => {
    const ctx = new Context(template, { c: 'outer' }, true);
    ctx.push();
    ctx.setUpward('c', 'inner');
    ctx.setUpward('d', 'new');
    ctx.pop();
    expect(ctx.get('c')).toBe('inner');
    expect(ctx.get('d')).toBe(MISSING);
  });

  it('an isolated context keeps autoescape and nothing else', () => {
    const ctx = new Context(template, { a: 1 }, false);
    const inner = ctx.isolated();
    expect(inner.autoescape).toBe(false);
    expect(inner.get('a')).toBe(MISSING);
  });
});
