import { describe, expect, it } from 'vitest';
import { jsNumber, jsString } from './literal.js';

describe('jsString', () => {
  const hostile = [
    '"); process.exit(1); ("',
    '</script><script>alert(1)</script>',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a hostile payload, on purpose
    '${globalThis.x}',
    '`',
    '\\',
    'a\u2028b\u2029c',
    '\n\r\t\0',
    '__proto__',
    '*/ evil() /*',
  ];

  it.each(hostile)('evaluates back to the same text: %j', (text) => {
    const literal = jsString(text);
    expect(new Function(`return ${literal};`)()).toBe(text);
  });

  it('escapes the line separators that would end a // comment', () => {
    const literal = jsString('a\u2028b\u2029c');
    expect(literal).toBe('"a\\u2028b\\u2029c"');
    expect(new Function(`// ${literal}\nreturn 1;`)()).toBe(1);
  });

  it('keeps quotes and backslashes inside the literal', () => {
    expect(jsString('"); x("')).toBe('"\\"); x(\\""');
  });
});

describe('jsNumber', () => {
  it('writes numbers that evaluate back to themselves', () => {
    for (const n of [0, -0, 1.5, -2, 1e21, Number.NaN, Infinity, -Infinity]) {
      expect(Object.is(new Function(`return ${jsNumber(n)};`)(), n)).toBe(true);
    }
  });
});
