import { findRow, ratio } from './ratios.js';
import type { BenchReport } from './schema.js';

const DJUST_PHASES = ['render', 'mount', 'pipeline', 'update-one', 'refetch'] as const;

/**
 * "djust, measured": per dashboard size, each djust phase against Django's render of the same page (djust's
 * own yardstick), then how djust was driven: the calls, the dj-root wrapping the rows' notes name, and the
 * normalization its live HTML is checked under. Nothing when the run has no djust row.
 */
export function djustMeasuredSection(report: BenchReport): string[] {
  const rows = report.results.filter((r) => r.engine === 'djust' && r.scenario === 'dashboard');
  if (rows.length === 0) return [];
  const sizes = [...new Set(rows.map((r) => r.size))].sort((a, b) => a - b);
  const wrapping = rows.find((r) => r.phase === 'mount')?.note.match(/dj-root around [^;]+/)?.[0];
  const cell = (size: number, phase: string) => {
    const djust = findRow(report, 'dashboard', size, 'djust', phase);
    const django = findRow(report, 'dashboard', size, 'django', 'render');
    if (djust === undefined) return '';
    const p50 = djust.p50Ms < 10 ? djust.p50Ms.toFixed(3) : djust.p50Ms.toFixed(1);
    return `${p50} (${ratio(django?.p50Ms, djust.p50Ms)})${djust.verified ? '' : ' **NOT VERIFIED**'}`;
  };
  return [
    '## djust, measured',
    '',
    'djust 1.2.6 itself, in its own venv (CPython 3.11), timed like Django inside its Python process, on the ' +
      "dashboard: p50 ms, and in brackets Django's render of the same page divided by it (above 1x: faster " +
      'than a Django render; below: slower).',
    '',
    `| items | Django render | ${DJUST_PHASES.map((p) => `djust ${p}`).join(' | ')} |`,
    `|---:|---:|${DJUST_PHASES.map(() => '---:').join('|')}|`,
    ...sizes.map((size) => {
      const django = findRow(report, 'dashboard', size, 'django', 'render');
      return `| ${size.toLocaleString('en-US')} | ${django ? django.p50Ms.toFixed(3) : ''} | ${DJUST_PHASES.map((p) => cell(size, p)).join(' | ')} |`;
    }),
    '',
    'How djust is driven: `render` is `compile_template` once, then `render_template_with_dirs` per call (the ' +
      "Django templates, unchanged, from disk: what djust's template backend runs); the live phases are " +
      "djust's LiveView calls on a `RustLiveView`: `update_state`, `set_changed_keys`, `render_with_diff()`. " +
      'djust diffs only inside an element marked `dj-root`, so for the live phases the bench wraps the page ' +
      `body in \`<div dj-root>\`${wrapping ? ` (here: ${wrapping})` : ''}. Its render is compared with Django's byte ` +
      'for byte; its live HTML (the `dj-root` element only, without comments or whitespace between tags, with ' +
      "`dj-id` attributes) is compared with Django's `<body>` after removing comments, whitespace-only text, " +
      "`dj-id` and `dj-root` from both; its patches are applied by the bench's applier of djust's patch format " +
      "to the old page and must give Django's new page under the same normalization.",
    '',
  ];
}
