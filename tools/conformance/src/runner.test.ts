import { describe, it, expect } from 'vitest';
import { runSuite } from './runner.js';
import { formatFailure } from './report.js';
import { brokenRenderer, domRenderer, stuckLiveRenderer, textRenderer, tinyCases } from '../test/renderers.js';
import type { Renderer } from './types.js';

const byId = new Map(tinyCases.map((c) => [c.id, c]));

describe('runSuite', () => {
  it('passes a correct renderer on every tiny case, errors included', async () => {
    const result = await runSuite(textRenderer, tinyCases);
    expect(result.results.filter((r) => r.outcome !== 'passed')).toEqual([]);
    expect(result.totals).toEqual({ passed: 6, failed: 0, skipped: 0, domEqualOnly: 0 });
    expect(result.categories['tiny']?.passed).toBe(3);
    expect(result.live).toBe(true);
    expect(result.results.find((r) => r.id === 'errors/unknown-tag')?.error?.name).toBe('TemplateSyntaxError');
  });

  it('fails a broken renderer with the first differing position', async () => {
    const result = await runSuite(brokenRenderer, tinyCases);
    const varCase = result.results.find((r) => r.id === 'tiny/var');
    expect(varCase?.outcome).toBe('failed');
    expect(varCase?.failure).toMatchObject({ kind: 'output', expected: 'Hi Ann!', actual: 'Hi Ann', position: 6 });
    // The error case still passes: the frontend throws before the renderer runs.
    expect(result.results.find((r) => r.id === 'errors/unknown-tag')?.outcome).toBe('passed');
    expect(result.totals.failed).toBe(5);
  });

  it('prints readable diffs: expected, actual, position, templates and context', async () => {
    const result = await runSuite(brokenRenderer, tinyCases);
    const r = result.results.find((x) => x.id === 'tiny/escape');
    const text = formatFailure(r!, byId.get('tiny/escape'));
    expect(text).toContain('FAIL tiny/escape: output differs');
    expect(text).toContain('expected: "&lt;b&gt;|<i>"');
    expect(text).toContain('actual:   "&lt;b&gt;|<i"');
    expect(text).toContain('first difference at index 12 (line 1, column 13): expected ">", got end of output');
    expect(text).toContain('template main.html (entry):\n    {{ v }}|{{ s }}');
    expect(text).toContain('context: {"v":"<b>","s":{"$safe":"<i>"}}');
  });

  it('counts skips separately and never as passes', async () => {
    const skipping: Renderer = {
      ...textRenderer,
      name: 'skipper',
      conformance: {
        unsupported: [
          { feature: 'live', reason: 'no live mode' },
          { feature: 'err*', reason: 'no errors' },
        ],
        knownFailures: [{ id: 'tiny/text', reason: 'tracked elsewhere' }],
      },
    };
    const result = await runSuite(skipping, tinyCases);
    expect(result.totals).toEqual({ passed: 3, failed: 0, skipped: 3, domEqualOnly: 0 });
    const reasons = Object.fromEntries(
      result.results.filter((r) => r.outcome === 'skipped').map((r) => [r.id, r.reason]),
    );
    expect(reasons).toEqual({
      'tiny/text': 'known failure: tracked elsewhere',
      'errors/unknown-tag': 'unsupported err*: no errors',
      'live/counter': 'unsupported live: no live mode',
    });
    expect(result.results.filter((r) => r.outcome === 'skipped').every((r) => r.actual === undefined)).toBe(true);
  });

  it('skips a failing case declared as a known failure instead of failing or passing it', async () => {
    const declared: Renderer = {
      ...brokenRenderer,
      conformance: { knownFailures: [{ id: 'tiny/var', reason: 'off by one' }] },
    };
    const result = await runSuite(declared, tinyCases);
    expect(result.results.find((r) => r.id === 'tiny/var')?.outcome).toBe('skipped');
    expect(result.totals.passed).toBe(1);
  });

  it('accepts DOM-equal output only when the renderer declares compare: dom, and counts it', async () => {
    const result = await runSuite(
      domRenderer,
      tinyCases.filter((c) => c.id === 'html/attrs'),
    );
    expect(result.results[0]).toMatchObject({ outcome: 'passed', domEqualOnly: true });
    expect(result.totals.domEqualOnly).toBe(1);
    const strict = await runSuite(
      { ...domRenderer, conformance: {} },
      tinyCases.filter((c) => c.id === 'html/attrs'),
    );
    expect(strict.results[0]?.outcome).toBe('failed');
  });

  it('does not accept different text as DOM-equal', async () => {
    const result = await runSuite(
      { ...brokenRenderer, conformance: { compare: 'dom' } },
      tinyCases.filter((c) => c.id === 'html/attrs'),
    );
    expect(result.results[0]?.outcome).toBe('failed');
  });

  it('applies live patches and fails a renderer whose updates leave the DOM stale', async () => {
    const live = tinyCases.filter((c) => c.id === 'live/counter');
    expect((await runSuite(textRenderer, live)).totals.passed).toBe(1);
    const stuck = await runSuite(stuckLiveRenderer, live);
    expect(stuck.results[0]?.failure).toMatchObject({
      kind: 'live',
      step: 1,
      expected: '<p>2</p>',
      actual: '<p>1</p>',
      position: 3,
    });
  });

  it('fails when Django raised but the renderer did not, and the other way round', async () => {
    const lenient: Renderer = { name: 'lenient', prepare: () => null, render: () => 'ok' };
    const errorCase = tinyCases
      .filter((c) => c.category === 'tiny')
      .map((c) => ({ ...c, templates: { 'main.html': '{% if %}' } }));
    const result = await runSuite(lenient, [...errorCase, ...tinyCases.filter((c) => c.category === 'errors')]);
    expect(result.results.map((r) => r.failure?.kind)).toEqual(['error', 'error', 'error', undefined]);
    expect(result.results[0]?.failure?.message).toMatch(/^unexpected TemplateSyntaxError: /);
  });

  it('reports a render that returns a non-string as a contract failure', async () => {
    const bad = { name: 'bad', prepare: () => null, render: () => 42 } as unknown as Renderer;
    const result = await runSuite(bad, tinyCases.slice(0, 1));
    expect(result.results[0]?.failure?.kind).toBe('contract');
  });

  it('records the error a renderer throws during render', async () => {
    const thrower: Renderer = {
      name: 'thrower',
      prepare: () => null,
      render: () => {
        throw Object.assign(new Error('boom'), { name: 'ValueError' });
      },
    };
    const result = await runSuite(thrower, tinyCases.slice(0, 1));
    expect(result.results[0]).toMatchObject({ outcome: 'failed', error: { name: 'ValueError', message: 'boom' } });
  });
});
