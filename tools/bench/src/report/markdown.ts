import { SCENARIOS } from '../scenarios.js';
import { WINDOWS } from '../throughput.js';
import { djustMeasuredSection } from './djust-measured.js';
import { DJUST, DJUST_RATIOS, djustComparison, findRow, ratio, type DjustComparison } from './ratios.js';
import { headlineSection, machineSection } from './headline.js';
import { payloadSection } from './payloads.js';
import { prepareSection } from './prepare.js';
import type { BenchReport, BoundaryRow, ResultRow, ThroughputRow } from './schema.js';

const PHASE_ORDER = ['render', 'bytes', 'mount', 'pipeline', 'update-one', 'refetch'];

const ms = (x: number | undefined) =>
  x === undefined ? 'n/a' : x < 0.1 ? x.toFixed(4) : x < 10 ? x.toFixed(3) : x.toFixed(1);
const kb = (n: number | null) => (n === null ? '' : (n / 1024).toFixed(1));
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The sentence that says which of our sizes djust's "100 items" matches, from this run's Django times. */
function whichSize(at100: ResultRow | undefined, at10k: ResultRow | undefined): string[] {
  const measured = [
    at100 ? `${ms(at100.p50Ms)} ms at 100 items` : null,
    at10k ? `${ms(at10k.p50Ms)} ms at 10,000 items` : null,
  ].filter((x) => x !== null);
  return [
    `**Which size djust's figures correspond to:** djust's "100 items" Django time is 25 ms. ` +
      (measured.length > 0 ? `On this machine real Django renders the dashboard in ${measured.join(' and ')}. ` : '') +
      (at10k
        ? "djust's figures therefore correspond to our **10,000-item** size, not to our 100-item size. "
        : 'This run has no 10,000-item measurement; on our machines Django takes about 25 ms at 10,000 items, so ' +
          "djust's figures match our **10,000-item** size, not our 100-item size. ") +
      'Both sizes are shown.',
  ];
}

function djustSection(report: BenchReport): string[] {
  const sizes = [100, 10_000].filter((size) =>
    report.results.some((r) => r.scenario === 'dashboard' && r.size === size),
  );
  if (sizes.length === 0) return [];
  const rows = sizes.map((size) => djustComparison(report, size));
  const line = (c: DjustComparison) =>
    `| ${c.size.toLocaleString('en-US')} | ${ms(c.django?.p50Ms)} | ${ms(c.jinja2?.p50Ms)} | ` +
    `${c.live ? `${ms(c.live.p50Ms)} (${c.live.engine})` : 'n/a'} | ${ratio(c.django?.p50Ms, c.live?.p50Ms)} | ` +
    `${ratio(c.jinja2?.p50Ms, c.live?.p50Ms)} | ${c.any ? `${ms(c.any.p50Ms)} (${c.any.engine})` : 'n/a'} | ` +
    `${ratio(c.django?.p50Ms, c.any?.p50Ms)} | ${ratio(c.jinja2?.p50Ms, c.any?.p50Ms)} |`;
  const at10k = rows.find((c) => c.size === 10_000);
  const at100 = rows.find((c) => c.size === 100);
  return [
    "## Against djust's published table",
    '',
    `djust publishes "Rendering Performance (100 items)": Django ${DJUST.djangoMs.toFixed(1)} ms, Jinja2 ` +
      `${DJUST.jinja2Ms.toFixed(1)} ms, djust (Rust) ${DJUST.djustMs} ms ("includes parsing, diffing, and patch ` +
      `generation"), i.e. **${DJUST_RATIOS.django.toFixed(0)}x** faster than Django and **${DJUST_RATIOS.jinja2.toFixed(0)}x** ` +
      'faster than Jinja2.',
    '',
    ...whichSize(at100?.django, at10k?.django),
    '',
    'Ratios are Django\'s (Jinja2\'s) render p50 divided by our pipeline p50. "Live" is our fastest verified ' +
      "engine that diffs and emits patches (djust's pipeline: render + diff + patches for a fully changed " +
      'context); "any" also counts the string renderers, whose pipeline is a plain render.',
    '',
    '| items | Django ms | Jinja2 ms | our live pipeline ms | Django / live | Jinja2 / live | our best pipeline ms | Django / best | Jinja2 / best |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map(line),
    `| djust's claim ("100 items") | ${DJUST.djangoMs.toFixed(1)} | ${DJUST.jinja2Ms.toFixed(1)} | ${DJUST.djustMs} (djust) | ${DJUST_RATIOS.django.toFixed(0)}x | ${DJUST_RATIOS.jinja2.toFixed(0)}x | | | |`,
    '',
    ...sizes.flatMap((size) => floorLine(report, size)),
  ];
}

/**
 * How far any string renderer could go on this machine: the page written by hand in plain JavaScript
 * (the `handwritten` row), against Django and against codegen.
 */
function floorLine(report: BenchReport, size: number): string[] {
  const row = (engine: string) => findRow(report, 'dashboard', size, engine, 'render');
  const [floor, django, jinja2, codegen] = [row('handwritten'), row('django'), row('jinja2'), row('codegen')];
  if (floor === undefined || !floor.verified) return [];
  return [
    `**The floor at ${size.toLocaleString('en-US')} items:** the dashboard written by hand in plain JavaScript ` +
      `(\`handwritten\`: an indexed loop, \`+\`, Django's escaping; no template engine) renders in ${ms(floor.p50Ms)} ms: ` +
      `${ratio(django?.p50Ms, floor.p50Ms)} Django and ${ratio(jinja2?.p50Ms, floor.p50Ms)} Jinja2. No string renderer can ` +
      `report more on this machine; codegen (${ms(codegen?.p50Ms)} ms) is ${ratio(codegen?.p50Ms, floor.p50Ms)} the floor's time.`,
    '',
  ];
}

function scenarioTable(report: BenchReport, scenario: string): string[] {
  const rows = report.results
    .filter(
      (r) =>
        r.scenario === scenario &&
        !(r.phase === 'pipeline' && r.note.startsWith('no diff')) &&
        !r.phase.startsWith('payload-'),
    )
    .sort(
      (a, b) => a.size - b.size || PHASE_ORDER.indexOf(a.phase) - PHASE_ORDER.indexOf(b.phase) || a.p50Ms - b.p50Ms,
    );
  if (rows.length === 0) return [];
  const vs = (r: ResultRow, engine: string) =>
    ratio(findRow(report, scenario, r.size, engine, 'render')?.p50Ms, r.p50Ms);
  const spec = SCENARIOS.find((s) => s.name === scenario);
  return [
    `### ${scenario}`,
    '',
    ...(spec ? [spec.description, ''] : []),
    `![${scenario}: p50 vs size](charts/${scenario}.svg)`,
    '',
    '| size | engine | phase | p50 ms | p99 ms | rme % | n | Django / this | Jinja2 / this | output KB | patch KB | verified | note |',
    '|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|',
    ...rows.map(
      (r) =>
        `| ${r.size.toLocaleString('en-US')} | ${r.engine} | ${r.phase} | ${ms(r.p50Ms)} | ${ms(r.p99Ms)} | ` +
        `${r.rme.toFixed(1)} | ${r.samples} | ${vs(r, 'django')} | ${vs(r, 'jinja2')} | ${kb(r.outputBytes)} | ` +
        `${kb(r.patchBytes)} | ${r.verified ? 'yes' : '**NO**'} | ${cell(r.note)} |`,
    ),
    '',
  ];
}

/**
 * The Rust engine's render and pipeline calls split into their steps (medians of one loop of this
 * run that timed every step), with the boundary (encode, parse, decode, rest) against the work.
 */
function boundarySection(report: BenchReport): string[] {
  // The large sizes (1,000 items and more) when the run has them, else what it has (a quick run).
  const large = report.boundary.filter((r) => r.size >= 1000);
  const rows = (large.length > 0 ? large : [...report.boundary]).sort(
    (a, b) =>
      a.scenario.localeCompare(b.scenario) ||
      a.size - b.size ||
      PHASE_ORDER.indexOf(a.phase) - PHASE_ORDER.indexOf(b.phase),
  );
  if (rows.length === 0) return [];
  const opt = (x: number | null) => (x === null ? '-' : ms(x));
  const crossing = (r: BoundaryRow) => r.encodeMs + r.parseMs + (r.decodeMs ?? 0) + r.restMs;
  const compiled = (r: BoundaryRow) =>
    report.results.find(
      (c) => c.engine === 'codegen' && c.scenario === r.scenario && c.size === r.size && c.phase === r.phase,
    );
  const vsCompiled = (r: BoundaryRow) => {
    const c = compiled(r);
    return c === undefined || c.p50Ms <= 0 ? '-' : `${(crossing(r) / c.p50Ms).toFixed(2)}x`;
  };
  return [
    '## Rust: where the time goes',
    '',
    "The `rust` engine's render and pipeline calls, split into steps timed in one loop of this " +
      'run (medians, ms; the loop is separate from the rows above, so its total differs a little): **encode** the ' +
      'context to JSON in JS (only the paths the template reads: **sent** is that projection, in KB, of the ' +
      '**context** as plain JSON); inside the addon, **parse** the JSON into its values, **render**, and **diff** (the ' +
      "new page into a tree, the keyed diff, the patch list in the addon's wire form); **decode** the patch list " +
      'into JS objects; **rest** is what the call spends beyond these (N-API, copying strings in and out). ' +
      '**Boundary** = encode + parse + decode + rest: the cost of crossing into Rust and back, against the work. ' +
      "**vs codegen**: the boundary alone against codegen's whole call of the same phase in this run (its row " +
      'above); where it is 1.5x or more, no speed of the work inside the addon brings the call within 1.5x of ' +
      'the compiled JS engine.',
    '',
    '| scenario | items | phase | sent / context KB | total | encode | parse | render | diff | decode | rest | boundary (share) | vs codegen | n |',
    '|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${r.scenario} | ${r.size.toLocaleString('en-US')} | ${r.phase} | ${kb(r.sentBytes)} / ${kb(r.contextBytes)} | ${ms(r.totalMs)} | ${ms(r.encodeMs)} | ${ms(r.parseMs)} | ` +
        `${ms(r.renderMs)} | ${opt(r.diffMs)} | ${opt(r.decodeMs)} | ${ms(r.restMs)} | ` +
        `${ms(crossing(r))} (${r.totalMs > 0 ? Math.round((100 * crossing(r)) / r.totalMs) : 0}%) | ${vsCompiled(r)} | ${r.samples} |`,
    ),
    '',
  ];
}

/** Many mounted dashboards updated at once: updates per second, against the native engine on one thread. */
function throughputSection(report: BenchReport): string[] {
  const rows = report.throughput;
  const first = rows[0];
  if (first === undefined) return [];
  const base = rows.find((r) => r.engine === 'rust' && r.mode === 'sync');
  const vs = (r: ThroughputRow) => (base === undefined ? '' : `${(r.updatesPerSec / base.updatesPerSec).toFixed(2)}x`);
  return [
    '## Throughput: many live pages at once',
    '',
    `${first.documents} mounted dashboards of ${first.size.toLocaleString('en-US')} items, every one updated to a fully ` +
      'different context each round (`sync`: one after the other on the JavaScript thread; `async`: all started at ' +
      `once, the work on the addon's worker threads), on this machine's ${report.machine.cores} cores. Each ` +
      `engine's modes are timed in ${WINDOWS} alternating windows; updates/s is the median window's rate, rounds ` +
      'the rounds of all windows.',
    '',
    '| engine | mode | updates/s | vs rust sync | rounds | verified |',
    '|---|---|---:|---:|---:|---|',
    ...rows.map(
      (r) =>
        `| ${r.engine} | ${r.mode} | ${Math.round(r.updatesPerSec).toLocaleString('en-US')} | ${vs(r)} | ${r.rounds} | ` +
        `${r.verified ? 'yes' : '**NO**'} |`,
    ),
    '',
  ];
}

/** The ORM scenario: per database, queries, columns and load time for each strategy and size. */
function ormSection(report: BenchReport): string[] {
  if (report.orm.length === 0) return [];
  const dbs = [...new Set(report.orm.map((r) => r.db))];
  return [
    '## ORM: loading the book list',
    '',
    "Time to load the page's context (queries and model building, rendering excluded) with the hand-written " +
      '`naive` loading and each `@tessera/orm` strategy. Verified = the page rendered from that context equals ' +
      'the naive page.',
    '',
    ...(report.orm.some((r) => r.strategy.startsWith('django-'))
      ? [
          "On SQLite, the same file is read by Django 5.2's ORM (models over the same tables, the template in " +
            "Django's spelling: `book.tags.all`, `book.reviews.all|length`): `django-naive` is the lazy queryset " +
            '(a query per book and relation as the template walks it), `django-tuned` what a Django developer ' +
            'writes (`select_related` author and publisher, `only` the columns shown, `prefetch_related` tags and ' +
            "reviews with `only`), `django-djust` djust's query optimizer on a plain view (the paths " +
            '`extract_template_variables` finds, through `analyze_queryset_optimization` and `optimize_queryset`). ' +
            'Queries, columns and rows are those of Django rendering the page; the time is the load alone (the ' +
            'queryset evaluated and every relation the template reads touched, in its order); verified = the ' +
            "page Django renders equals our naive page and the timed load ran the render's statements.",
          '',
        ]
      : []),
    ...dbs.flatMap((db) => [
      `### ${db}`,
      '',
      '| books | strategy | queries | columns selected | columns used | rows fetched | p50 ms | verified |',
      '|---:|---|---:|---:|---:|---:|---:|---|',
      ...report.orm
        .filter((r) => r.db === db)
        .map(
          (r) =>
            `| ${r.rows.toLocaleString('en-US')} | ${r.strategy} | ${r.queries} | ${r.columnsSelected} | ` +
            `${r.columnsUsed} | ${r.rowsFetched} | ${ms(r.p50Ms)} | ${r.verified ? 'yes' : '**NO**'} |`,
        ),
      '',
    ]),
  ];
}

/** `reports/README.md`: the run's tables, the djust comparison, the machine and how to reproduce. */
export function reportMarkdown(report: BenchReport): string {
  const scenarios = [...new Set(report.results.map((r) => r.scenario))];
  const mismatches = report.results.filter((r) => !r.verified);
  return [
    '# Tessera benchmark report',
    '',
    '<!-- Generated by `npm run bench` (tools/bench/src/report/markdown.ts) from latest.json: do not edit by hand. -->',
    '',
    `Run of ${report.date} at commit \`${report.commit.slice(0, 12)}\`${report.quick ? ' — **quick smoke run (`--quick`): few sizes and iterations, not for publication**' : ''}.`,
    '',
    ...machineSection(report),
    'Latencies are milliseconds per call, p50 and p99 over all samples (tinybench 6 for JS engines; ' +
      '`time.perf_counter_ns` inside the Python process for Django, Jinja2 and djust, templates loaded once).',
    '',
    ...headlineSection(report),
    ...prepareSection(report),
    ...djustSection(report),
    ...djustMeasuredSection(report),
    ...payloadSection(report),
    '## Phases',
    '',
    '- **render**: context to HTML string.',
    '- **bytes**: context to the UTF-8 bytes of the page, what a response body needs (a JavaScript string built ' +
      "by concatenation is a rope until read, so a string render alone flatters JS engines): the engine's own " +
      'path when it has one (codegen `renderToBuffer`), else render then one `encodeInto` a reused buffer (Python: ' +
      '`str.encode()`). Verified ' +
      'byte for byte.',
    '- **pipeline**: a fully changed context (every value, same ids) through render + diff + patch generation, ' +
      "djust's definition. For engines without a diff it is their render; those duplicate rows are left out of the tables below.",
    '- **update-one**: one scalar changed (`active_count`, `title`, `year`) on a mounted live document; only engines that diff.',
    '- **mount**: building the live document (HTML plus the state later diffs need).',
    "- **refetch**: the page's data loaded again (every object new, equal values, one scalar changed) on a " +
      'mounted live document; only engines that diff.',
    '- **payload-…**: the LiveView payload cases, in their own table above.',
    '',
    '`handwritten` is not an engine: one plain JavaScript function per page, written by hand (the floor a ' +
      'compiled template could reach here). It is verified like every row.',
    '',
    "Every output is checked against real Django's before anything is timed: byte-for-byte, or DOM-equal " +
      '(happy-dom) for VDOM serializations; patches are applied to a DOM holding the old page and must give ' +
      "Django's new page. A row that fails is flagged **NO** and listed below.",
    '',
    '## Results by scenario',
    '',
    ...scenarios.flatMap((s) => scenarioTable(report, s)),
    ...boundarySection(report),
    ...throughputSection(report),
    ...ormSection(report),
    '## Unavailable engines',
    '',
    ...(report.unavailable.length === 0
      ? ['None: every engine ran.']
      : report.unavailable.map((u) => `- **${u.engine}**: ${cell(u.reason)}`)),
    '',
    '## Verification failures',
    '',
    ...(mismatches.length === 0
      ? ["None: every measured output equals Django's."]
      : mismatches.map((r) => `- ${r.scenario}/${r.size} **${r.engine}** ${r.phase}: ${cell(r.note)}`)),
    '',
    '## Reproduce',
    '',
    '```sh',
    'npm install',
    'npm run bench                         # full run, writes reports/ (creates .venv for Django and Jinja2 once)',
    'npm run bench -- --quick              # about two minutes, fewer sizes and iterations',
    'npm run bench -- --filter dashboard   # one scenario; also works with an engine name (vdom, nunjucks, ...)',
    'npm run bench -- --quick --filter dashboard --sizes 10000   # one size',
    '```',
    '',
    'Every published run is kept in `runs/<date>-<commit>.json`; templates are in `tools/bench/templates/`, data ' +
      'generators in `tools/datasets/src/fixtures.ts`.',
    '',
  ].join('\n');
}
