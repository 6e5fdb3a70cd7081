import { describe, it, expect } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CaseFormatError, loadCases, parseCaseFile } from './cases.js';
import { nativeContext, nativeContexts } from './native.js';
import { filterByCategory } from './select.js';

describe('the shipped suite', () => {
  const cases = loadCases();
  it('holds at least 1,500 Django-generated cases with unique ids', () => {
    expect(cases.length).toBeGreaterThanOrEqual(1500);
    expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length);
  });

  it('covers the required categories', () => {
    const categories = new Set(cases.map((c) => c.category));
    for (const name of [
      'variables',
      'python-printing',
      'inheritance',
      'include',
      'autoescape',
      'whitespace',
      'errors',
      'live-updates',
      'tag-for',
      'tag-if',
      'filters-string',
    ]) {
      expect(categories.has(name), name).toBe(true);
    }
  });

  it('has an expected output for every update of every live case', () => {
    const live = cases.filter((c) => c.updates);
    expect(live.length).toBeGreaterThan(10);
    expect(live.every((c) => c.expected_updates?.length === c.updates?.length)).toBe(true);
  });

  it('builds every js-native context from src/native.ts, fresh for each render, Django-checked where Python can', () => {
    const native = cases.filter((c) => c.category === 'js-native');
    expect(native.length).toBeGreaterThanOrEqual(40);
    expect(native.every((c) => c.native !== undefined && Object.hasOwn(nativeContexts, c.native))).toBe(true);
    const documented = native.filter((c) => c.expected_source === 'documented');
    expect(documented.length).toBeGreaterThan(0);
    expect(documented.length).toBeLessThan(native.length / 4);
    expect(nativeContext('generator')['g']).not.toBe(nativeContext('generator')['g']);
    expect(() => nativeContext('nope')).toThrow("unknown native context 'nope'");
  });

  it('refuses a js-native case naming no builder, or with updates', () => {
    const base = { id: 'n/x', category: 'n', templates: { 'm.html': '' }, entry: 'm.html', context: {}, expected: '' };
    expect(() => parseCaseFile(JSON.stringify({ cases: [{ ...base, native: 'nope' }] }), 'f')).toThrow(
      /"native" must name a builder/,
    );
    expect(() =>
      parseCaseFile(
        JSON.stringify({ cases: [{ ...base, native: 'user', updates: [{}], expected_updates: [''] }] }),
        'f',
      ),
    ).toThrow(/cannot have updates/);
  });

  it('filters by category glob', () => {
    const tags = filterByCategory(cases, ['tag-*']);
    expect(tags.length).toBeGreaterThan(100);
    expect(tags.every((c) => c.category.startsWith('tag-'))).toBe(true);
    expect(
      filterByCategory(cases, ['errors', 'whitespace'])
        .map((c) => c.category)
        .filter((x, i, a) => a.indexOf(x) === i),
    ).toEqual(['errors', 'whitespace']);
  });
});

describe('parseCaseFile', () => {
  const good = { id: 'a/b', category: 'a', templates: { 'm.html': 'x' }, entry: 'm.html', context: {}, expected: 'x' };
  it('names the file and case of a malformed case', () => {
    expect(() => parseCaseFile('{"cases": [{"id": "a/c"}]}', 'f.json')).toThrow(
      /f\.json case #0 \(a\/c\): "category" must be a string/,
    );
    expect(() => parseCaseFile(JSON.stringify({ cases: [{ ...good, expected_error: 'X' }] }), 'f.json')).toThrow(
      CaseFormatError,
    );
    expect(() => parseCaseFile(JSON.stringify({ cases: [{ ...good, updates: [{}] }] }), 'f.json')).toThrow(
      /expected_updates/,
    );
    expect(() => parseCaseFile('nope', 'f.json')).toThrow(/not JSON/);
    expect(() => parseCaseFile('[]', 'f.json')).toThrow(/expected \{"cases"/);
  });

  it('refuses a malformed typed value in a context or an update', () => {
    const bad = { ...good, context: { d: { $date: 'tomorrow' } } };
    expect(() => parseCaseFile(JSON.stringify({ cases: [bad] }), 'f.json')).toThrow(
      /f\.json case #0 \(a\/b\): "context": \{"\$date": \.\.\.\} needs an ISO 8601/,
    );
    const live = { ...good, updates: [{}, { f: { $float: '1.0' } }], expected_updates: ['x', 'x'] };
    expect(() => parseCaseFile(JSON.stringify({ cases: [live] }), 'f.json')).toThrow(/"updates"\[1\]: \{"\$float"/);
  });

  it('refuses duplicate ids across files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'conformance-cases-'));
    writeFileSync(join(dir, '1.json'), JSON.stringify({ cases: [good] }));
    writeFileSync(join(dir, '2.json'), JSON.stringify({ cases: [good] }));
    expect(() => loadCases(dir)).toThrow(/duplicate case id a\/b/);
  });
});
