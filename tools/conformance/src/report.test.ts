import { describe, it, expect } from 'vitest';
import { categoryTable, excerpt, summaryLine } from './report.js';
import { toJunit } from './junit.js';
import { tally } from './runner.js';
import type { CaseResult, SuiteResult } from './types.js';

const results: CaseResult[] = [
  { id: 'a/1', category: 'a', outcome: 'passed' },
  { id: 'a/2', category: 'a', outcome: 'passed', domEqualOnly: true },
  { id: 'b/1', category: 'b', outcome: 'skipped', reason: 'unsupported b: <why> & "how"' },
  {
    id: 'b/2',
    category: 'b',
    outcome: 'failed',
    failure: { kind: 'output', message: 'output differs', expected: 'x\u0001<', actual: 'y', position: 0 },
  },
];
const suite: SuiteResult = { renderer: 'r', compare: 'dom', live: false, results, ...tally(results) };

describe('reports', () => {
  it('tallies per category and prints the summary line', () => {
    expect(suite.categories).toEqual({
      a: { passed: 2, failed: 0, skipped: 0, domEqualOnly: 1 },
      b: { passed: 0, failed: 1, skipped: 1, domEqualOnly: 0 },
    });
    expect(summaryLine(suite.totals)).toBe('2 passed, 1 failed, 1 skipped');
  });

  it('aligns the category table with a total row', () => {
    expect(categoryTable(suite).split('\n')).toEqual([
      'category  passed  failed  skipped  dom-equal',
      '--------  ------  ------  -------  ---------',
      'a              2       0        0          1',
      'b              0       1        1          0',
      '--------  ------  ------  -------  ---------',
      'total          2       1        1          1',
    ]);
  });

  it('shows a window around a difference deep in a long output', () => {
    const text = 'x'.repeat(100) + 'Y' + 'z'.repeat(100);
    const { line, caret } = excerpt(text, 100);
    expect(line).toBe(`…"${'x'.repeat(40)}Y${'z'.repeat(39)}"…`);
    expect(line[caret.length - 1]).toBe('Y');
    expect(caret.trim()).toBe('^');
  });

  it('escapes JUnit XML and drops characters XML cannot hold', () => {
    const xml = toJunit(suite, new Map());
    expect(xml).toContain('<skipped message="unsupported b: &lt;why&gt; &amp; &quot;how&quot;"/>');
    expect(xml).not.toContain('\u0001');
    expect(xml).toContain('<testsuite name="b" tests="2" failures="1" skipped="1">');
  });
});
