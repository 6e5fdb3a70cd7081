/** Human-readable output: the per-category table, failure diffs and the closing summary line. */
import { lineColumn } from './compare.js';
import type { CaseResult, ConformanceCase, Counts, Failure, SuiteResult } from './types.js';

const CONTEXT_CHARS = 40;

/** `N passed, N failed, N skipped`: the line CI and the root `npm test` read. */
export function summaryLine(totals: Counts): string {
  return `${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`;
}

/** The per-category table of one run, as aligned plain text. */
export function categoryTable(result: SuiteResult): string {
  const rows: string[][] = [['category', 'passed', 'failed', 'skipped', 'dom-equal']];
  for (const [name, c] of Object.entries(result.categories)) {
    rows.push([name, String(c.passed), String(c.failed), String(c.skipped), String(c.domEqualOnly)]);
  }
  const t = result.totals;
  rows.push(['total', String(t.passed), String(t.failed), String(t.skipped), String(t.domEqualOnly)]);
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  const line = (r: string[]) =>
    r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  ');
  const out = rows.map(line);
  out.splice(1, 0, widths.map((w) => '-'.repeat(w)).join('  '));
  out.splice(out.length - 1, 0, widths.map((w) => '-'.repeat(w)).join('  '));
  return out.join('\n');
}

/** Skipped cases grouped by reason: `reason (N): id, id, ...`. */
export function skipReasons(results: readonly CaseResult[]): Map<string, string[]> {
  const byReason = new Map<string, string[]>();
  for (const r of results) {
    if (r.outcome !== 'skipped') continue;
    const key = r.reason ?? 'no reason given';
    const ids = byReason.get(key) ?? [];
    ids.push(r.id);
    byReason.set(key, ids);
  }
  return byReason;
}

function show(s: string): string {
  return JSON.stringify(s);
}

function indent(text: string, by = '    '): string {
  return text
    .split('\n')
    .map((l) => by + l)
    .join('\n');
}

/** A window of `text` around `position`, JSON-quoted, with a caret under the position. */
export function excerpt(text: string, position: number): { line: string; caret: string } {
  const start = Math.max(0, position - CONTEXT_CHARS);
  const end = Math.min(text.length, position + CONTEXT_CHARS);
  const prefix = (start > 0 ? '…' : '') + show(text.slice(start, position)).slice(0, -1);
  const line = prefix + show(text.slice(position, end)).slice(1) + (end < text.length ? '…' : '');
  return { line, caret: ' '.repeat(prefix.length) + '^' };
}

function describeDifference(f: Failure): string[] {
  const { expected, actual, position } = f;
  if (expected === undefined || actual === undefined) return [];
  const out = [`expected: ${show(expected)}`, `actual:   ${show(actual)}`];
  if (position !== undefined) {
    const { line, column } = lineColumn(expected, position);
    const want = position < expected.length ? show(expected[position] ?? '') : 'end of output';
    const got = position < actual.length ? show(actual[position] ?? '') : 'end of output';
    out.push(`first difference at index ${position} (line ${line}, column ${column}): expected ${want}, got ${got}`);
    const e = excerpt(expected, position);
    const a = excerpt(actual, position);
    out.push(`  expected ${e.line}`, `           ${e.caret}`, `  actual   ${a.line}`, `           ${a.caret}`);
  }
  return out;
}

/** `id (update N): message`, the one-line form of a failure. */
export function failureTitle(result: CaseResult): string {
  const f = result.failure;
  return `${result.id}${f?.step ? ` (update ${f.step})` : ''}: ${f?.message ?? 'failed'}`;
}

/**
 * A readable account of one failed case: what went wrong, expected vs actual, the first differing
 * position, the case's templates and its context.
 */
export function formatFailure(result: CaseResult, c: ConformanceCase | undefined): string {
  const f = result.failure;
  const lines = [`FAIL ${failureTitle(result)}`];
  if (f) lines.push(...describeDifference(f).map((l) => indent(l, '  ')));
  if (c) {
    for (const [name, source] of Object.entries(c.templates)) {
      lines.push(`  template ${name}${name === c.entry ? ' (entry)' : ''}:`, indent(source));
    }
    lines.push(
      c.native === undefined
        ? `  context: ${JSON.stringify(c.context)}`
        : `  context: built by nativeContexts['${c.native}'] (src/native.ts)`,
    );
    if (f?.step && c.updates) lines.push(`  update ${f.step} context: ${JSON.stringify(c.updates[f.step - 1])}`);
    if (c.expected_message) lines.push(`  Django said: ${c.expected_error}: ${c.expected_message}`);
  }
  return lines.join('\n');
}
