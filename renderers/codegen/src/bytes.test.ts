import { Buffer } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import { compile, MemoryLoader } from '@tessera/template';
import { FLUSH_LENGTH, ResponseBuffer, encodePage } from './bytes.js';
import renderer, { factoryOf, instantiate, prepare, render, renderToBuffer, toSource } from './index.js';

const page = (source: string) => prepare(compile('p.html', new MemoryLoader({ 'p.html': source })));

/** The contract: the bytes of `Buffer.from(html)`, whatever the buffer held before. */
function expectSameBytes(actual: Uint8Array, html: string): void {
  expect(Buffer.from(actual.buffer, actual.byteOffset, actual.byteLength).equals(Buffer.from(html))).toBe(true);
}

describe('renderToBuffer', () => {
  it('gives the bytes of the rendered string, escaped as render escapes', () => {
    const p = page('<p title="{{ t }}">{{ v }}</p>{% for x in xs %}<i>{{ x }}</i>{% endfor %}');
    const context = { t: `"q" & 'a'`, v: '<script>', xs: ['a&b', '<', '>', 'plain'] };
    const html = render(p, context);
    expect(html).toBe(
      '<p title="&quot;q&quot; &amp; &#x27;a&#x27;">&lt;script&gt;</p><i>a&amp;b</i><i>&lt;</i><i>&gt;</i><i>plain</i>',
    );
    expectSameBytes(renderToBuffer(p, context), html);
    expectSameBytes(renderToBuffer(p, context, new ResponseBuffer(8)), html);
  });

  it('encodes non-ASCII text, static and dynamic, in 2-, 3- and 4-byte sequences', () => {
    const p = page('Größe € {{ v }} 𝄞 {{ w }}');
    const context = { v: 'naïve café ✓', w: '日本語 😀 Ω' };
    const bytes = renderToBuffer(p, context, new ResponseBuffer());
    expectSameBytes(bytes, render(p, context));
    expect(new TextDecoder().decode(bytes)).toBe(`Größe € naïve café ✓ 𝄞 日本語 😀 Ω`);
  });

  it('writes a lone surrogate as U+FFFD and keeps a pair split across two values together, as Buffer.from', () => {
    const p = page('[{{ a }}{{ b }}][{{ c }}]');
    const context = { a: 'x\uD83D', b: '\uDE00y', c: '\uDC00 and \uD800' };
    const html = render(p, context);
    const bytes = renderToBuffer(p, context, new ResponseBuffer(4));
    expectSameBytes(bytes, html);
    expect(new TextDecoder().decode(bytes)).toBe('[x😀y][\uFFFD and \uFFFD]');
  });

  it('grows the buffer for a page larger than it, and reuses it for the next page', () => {
    const p = page('{% for x in xs %}<li>{{ x }}</li>{% endfor %}');
    const output = new ResponseBuffer(16);
    const big = { xs: Array.from({ length: 5000 }, (_, i) => `item ${i} & é`) };
    const first = renderToBuffer(p, big, output);
    expectSameBytes(first, render(p, big));
    const grown = output.capacity;
    expect(grown).toBeGreaterThanOrEqual(first.byteLength);
    const small = renderToBuffer(p, { xs: ['z'] }, output);
    expectSameBytes(small, '<li>z</li>');
    expect(output.capacity).toBe(grown);
    // The view shares the storage: the first page's bytes were overwritten by the second.
    expect(small.buffer).toBe(first.buffer);
  });

  it('grows when the buffer ends inside a multi-byte character or a surrogate pair', () => {
    for (let capacity = 0; capacity < 12; capacity++) {
      for (const text of ['ab😀cd', 'a€€€', '😀😀😀', 'abcdefghijklmnop', '\uD800\uD800x']) {
        expectSameBytes(encodePage(text, new ResponseBuffer(capacity)), text);
      }
    }
  });

  it('without an output buffer, returns a new array the caller owns', () => {
    const p = page('{{ v }}');
    const a = renderToBuffer(p, { v: 'one' });
    const b = renderToBuffer(p, { v: 'two' });
    expect([Buffer.from(a).toString(), Buffer.from(b).toString()]).toEqual(['one', 'two']);
  });

  it('flushes long pages from loops, nested or captured, and keeps their bytes in order', () => {
    const p = page(
      '<h1>{{ t }}</h1>{% for row in rows %}<tr>{% for c in row %}<td>{{ c }}</td>{% endfor %}</tr>{% empty %}none{% endfor %}' +
        '{% filter upper %}{% for c in rows.0 %}[{{ c }}]{% endfor %}{% endfilter %}<p>{% for x in none %}{% empty %}empty{% endfor %}</p>',
    );
    const rows = Array.from({ length: 300 }, (_, r) => Array.from({ length: 40 }, (_, c) => `r${r}c${c} & é <${c}>`));
    const context = { t: 'T', rows, none: [] };
    const html = render(p, context);
    expect(html.length).toBeGreaterThan(FLUSH_LENGTH * 10);
    const output = new ResponseBuffer(100);
    expectSameBytes(renderToBuffer(p, context, output), html);
    expectSameBytes(
      renderToBuffer(p, { t: 'small', rows: [], none: [] }, output),
      render(p, { t: 'small', rows: [], none: [] }),
    );
  });

  it('keeps a surrogate pair together when a flush falls between its halves', () => {
    const p = page('{{ lead }}{% for x in xs %}{{ x }}{% endfor %}|{% for x in xs %}{{ x }}{% endfor %}');
    // The output grows one unit per item, alternating high and low halves: a flush lands after a high
    // half for one of the two leads.
    const xs = Array.from({ length: FLUSH_LENGTH * 3 }, (_, i) => (i % 2 === 0 ? '\uD83D' : '\uDE00'));
    for (const lead of ['', 'x']) {
      const html = render(p, { lead, xs });
      const bytes = renderToBuffer(p, { lead, xs }, new ResponseBuffer());
      expectSameBytes(bytes, html);
      expect(new TextDecoder().decode(bytes)).not.toContain('\uFFFD');
    }
  });

  it('starts each page afresh after a render that failed half way', () => {
    const p = page('{% for x in xs %}{{ x.boom }}{% endfor %}');
    const output = new ResponseBuffer();
    const boom = {
      get boom(): string {
        throw new Error('boom');
      },
    };
    const long = Array.from({ length: FLUSH_LENGTH }, () => ({ boom: 'abc' }));
    expect(() => renderToBuffer(p, { xs: [...long, boom] }, output)).toThrow('boom');
    expectSameBytes(renderToBuffer(p, { xs: [{ boom: 'ok' }] }, output), 'ok');
  });

  it('refuses a page written into a buffer from inside a render into the same buffer', () => {
    const output = new ResponseBuffer();
    const inner = page('{{ v }}');
    const outer = page('{% for x in xs %}{{ x.nested }}{% endfor %}');
    const nested = {
      get nested(): string {
        return new TextDecoder().decode(renderToBuffer(inner, { v: 'in' }, output));
      },
    };
    expect(() => renderToBuffer(outer, { xs: [nested] }, output)).toThrow('already being written');
    // The failed page is dropped: the buffer writes the next one.
    expectSameBytes(renderToBuffer(inner, { v: 'next' }, output), 'next');
    expect(new TextDecoder().decode(renderToBuffer(outer, { xs: [nested] }, new ResponseBuffer()))).toBe('in');
  });

  it('flushes only the function output, never a captured body', () => {
    const source = toSource(page('x').template, { bytes: true });
    expect(source).toContain('function renderBytes(');
    const captured = toSource(page('{% filter upper %}{% for c in xs %}{{ c }}{% endfor %}{% endfilter %}').template, {
      bytes: true,
    });
    expect(captured).not.toContain('.append(');
    const direct = toSource(page('{% for c in xs %}{{ c }}{% endfor %}').template, { bytes: true });
    expect(direct).toContain('.append(');
    expect(toSource(page('{% for c in xs %}{{ c }}{% endfor %}').template)).not.toContain('.append(');
  });

  it('keeps to a render function instantiated from a precompiled module, generating nothing', () => {
    const template = page('{% for x in xs %}<i>{{ x }}</i>{% endfor %}').template;
    const precompiled = instantiate(factoryOf(toSource(template)), template);
    const calls: string[] = [];
    const render = (context: Record<string, unknown>): string => {
      calls.push('render');
      return precompiled(context);
    };
    const bytes = renderToBuffer({ template, render }, { xs: ['a', '<'] }, new ResponseBuffer());
    expectSameBytes(bytes, '<i>a</i><i>&lt;</i>');
    expect(calls).toEqual(['render']);
  });

  it('is part of the Renderer object', () => {
    expectSameBytes(renderer.renderToBuffer(page('{{ v }}!'), { v: 'é' }), 'é!');
  });

  it('refuses a capacity that is not a non-negative integer', () => {
    expect(() => new ResponseBuffer(-1)).toThrow(RangeError);
    expect(() => new ResponseBuffer(1.5)).toThrow(RangeError);
    expect(() => new ResponseBuffer(8, -1)).toThrow(RangeError);
  });
});
