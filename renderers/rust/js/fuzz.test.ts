import { fuzzCase } from '@tessera/fuzz';
import { decodeTaggedContext } from '@tessera/runtime';
import { compile, MemoryLoader } from '@tessera/template';
import { describe, expect, it } from 'vitest';
import renderer from './index.js';

// Python exception classes a render may legitimately end with, plus the refusals of this renderer.
const EXPECTED_ERRORS = new Set([
  'TypeError',
  'ValueError',
  'VariableDoesNotExist',
  'ZeroDivisionError',
  'OverflowError',
  'AttributeError',
  'KeyError',
  'IndexError',
  'TemplateSyntaxError',
  'TemplateDoesNotExist',
  'UnicodeEncodeError',
  'UnsupportedError',
  'RecursionError',
]);

function named(run: () => unknown): void {
  try {
    run();
  } catch (e) {
    expect(EXPECTED_ERRORS, `${(e as Error).name}: ${(e as Error).message}`).toContain((e as Error).name);
  }
}

describe('fuzz: seeded templates and contexts from @tessera/fuzz', () => {
  it('never crash the process: every render returns a string or throws a named Python-style error', () => {
    for (let seed = 7_300_000; seed < 7_300_500; seed++) {
      const c = fuzzCase(seed);
      let template;
      try {
        template = compile('main.html', new MemoryLoader({ ...c.templates }));
      } catch {
        continue;
      }
      const prepared = renderer.prepare(template);
      const contexts = [c.context, c.next].map((x) => decodeTaggedContext(x));
      for (const ctx of contexts) named(() => expect(typeof renderer.render(prepared, ctx)).toBe('string'));
      // A live document survives the same contexts, failed renders included.
      named(() => {
        const doc = renderer.mount(prepared, {});
        for (const ctx of contexts) named(() => doc.update(ctx));
      });
    }
  });
});
