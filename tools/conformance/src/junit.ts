/** The `--junit` output: one `<testsuite>` per category, one `<testcase>` per case. */
import type { ConformanceCase, SuiteResult } from './types.js';
import { formatFailure } from './report.js';

function xml(text: string): string {
  // Characters XML 1.0 cannot hold at all are dropped; markup characters become entities.
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** JUnit XML for a run; `cases` (by id) supply templates and context for failure details. */
export function toJunit(result: SuiteResult, cases: ReadonlyMap<string, ConformanceCase>): string {
  const t = result.totals;
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="tessera-conformance ${xml(result.renderer)}" tests="${result.results.length}" failures="${t.failed}" skipped="${t.skipped}">`,
  ];
  for (const [category, counts] of Object.entries(result.categories)) {
    const members = result.results.filter((r) => r.category === category);
    out.push(
      `  <testsuite name="${xml(category)}" tests="${members.length}" failures="${counts.failed}" skipped="${counts.skipped}">`,
    );
    for (const r of members) {
      const open = `    <testcase classname="${xml(`${result.renderer}.${category}`)}" name="${xml(r.id)}"`;
      if (r.outcome === 'passed') {
        out.push(`${open}/>`);
      } else if (r.outcome === 'skipped') {
        out.push(`${open}>`, `      <skipped message="${xml(r.reason ?? '')}"/>`, '    </testcase>');
      } else {
        out.push(
          `${open}>`,
          `      <failure message="${xml(r.failure?.message ?? 'failed')}" type="${xml(r.failure?.kind ?? 'failure')}">${xml(formatFailure(r, cases.get(r.id)))}</failure>`,
          '    </testcase>',
        );
      }
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>', '');
  return out.join('\n');
}
