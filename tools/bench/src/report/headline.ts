import { DJUST, DJUST_RATIOS, bestRow, engineGroups, findRow, ratio } from './ratios.js';
import type { BenchReport, ResultRow } from './schema.js';

/** The phases of the headline table, in column order. */
export const HEADLINE_PHASES = ['render', 'bytes', 'mount', 'pipeline', 'update-one', 'refetch'] as const;

/** The Python engine djust is measured as, when the run has it. */
const DJUST_ENGINE = 'djust';

/** The size djust's "100 items" figures correspond to (Django takes about their 25 ms there). */
const CLAIM_SIZE = 10_000;

const ms = (x: number) => (x < 0.1 ? x.toFixed(4) : x < 10 ? x.toFixed(3) : x.toFixed(1));

/** One line of the headline: a label and, per phase, the row shown (or nothing). */
interface HeadlineLine {
  readonly label: string;
  readonly cells: Readonly<Record<string, ResultRow | undefined>>;
  /** Whether each cell names its engine (the "fastest of" lines). */
  readonly named: boolean;
  /** Said instead of the cells when the engine did not run. */
  readonly missing?: string;
}

/** A cell: p50 ms, the engine when the line picks the fastest of several, and a flag when not verified. */
function show(r: ResultRow | undefined, named: boolean): string {
  if (r === undefined) return '';
  const engine = named ? ` (${r.engine})` : '';
  const flag = r.verified ? '' : ' **NOT VERIFIED**';
  // A string engine's pipeline is its render: said, so it is not read as a diff.
  const same = r.phase === 'pipeline' && r.note.startsWith('no diff') ? ' = render' : '';
  return `${ms(r.p50Ms)}${engine}${same}${flag}`;
}

/** Why an engine has no rows, from the run's unavailable list. */
function absence(report: BenchReport, engine: string): string {
  const reasons = report.unavailable.filter((u) => u.engine === engine).map((u) => u.reason);
  if (reasons.length > 0) return `unavailable: ${reasons.join('; ')}`;
  const selected = report.engines.some((e) => e.name === engine);
  return selected ? 'no rows at this size' : 'not in this run (filtered out)';
}

function lines(report: BenchReport, size: number): HeadlineLine[] {
  const groups = engineGroups(report);
  const one = (engine: string): Record<string, ResultRow | undefined> =>
    Object.fromEntries(HEADLINE_PHASES.map((p) => [p, findRow(report, 'dashboard', size, engine, p)]));
  const best = (engines: readonly string[], phases: readonly string[]): Record<string, ResultRow | undefined> =>
    Object.fromEntries(phases.map((p) => [p, bestRow(report, 'dashboard', size, engines, p)]));
  const single = (label: string, engine: string): HeadlineLine => {
    const cells = one(engine);
    const any = Object.values(cells).some((r) => r !== undefined);
    return { label, cells, named: false, ...(any ? {} : { missing: absence(report, engine) }) };
  };
  return [
    single('djust, measured', DJUST_ENGINE),
    single('Django', 'django'),
    single('Jinja2', 'jinja2'),
    // Every engine of ours renders strings; the pipeline of one that does not diff is its render.
    {
      label: 'ours, fastest string render',
      cells: { ...best(groups.ours, ['render', 'bytes']), ...best(groups.strings, ['pipeline']) },
      named: true,
    },
    { label: 'ours, fastest live engine', cells: best(groups.live, HEADLINE_PHASES), named: true },
    { label: 'fastest npm engine', cells: best(groups.npm, ['render', 'bytes']), named: true },
  ];
}

/** The sentence under a size's table: our bytes against Django's and against the npm engines'. */
function bytesLine(report: BenchReport, size: number): string[] {
  const groups = engineGroups(report);
  const django = findRow(report, 'dashboard', size, 'django', 'bytes');
  const ours = bestRow(report, 'dashboard', size, groups.ours, 'bytes');
  const npm = bestRow(report, 'dashboard', size, groups.npm, 'bytes');
  if (ours === undefined) return [];
  const parts = [
    django ? `Django's bytes / ${ours.engine}'s: **${ratio(django.p50Ms, ours.p50Ms)}**` : null,
    npm ? `the fastest npm engine's (${npm.engine}) / ${ours.engine}'s: **${ratio(npm.p50Ms, ours.p50Ms)}**` : null,
  ].filter((p) => p !== null);
  return parts.length === 0
    ? []
    : [`Response-ready bytes at ${size.toLocaleString('en-US')} items: ${parts.join('; ')}.`, ''];
}

/**
 * The headline: per size of the dashboard (largest first), djust's published claim (beside the size its
 * figures correspond to), djust measured, Django, Jinja2, our fastest string and live engines
 * and the fastest npm engine, p50 ms per phase, every figure from this run.
 */
export function headlineSection(report: BenchReport): string[] {
  const sizes = [...new Set(report.results.filter((r) => r.scenario === 'dashboard').map((r) => r.size))].sort(
    (a, b) => b - a,
  );
  const suites = suitesSection(report);
  if (sizes.length === 0 && suites.length === 0) return [];
  const header = `| | ${HEADLINE_PHASES.join(' | ')} | Django bytes / this bytes |`;
  const rule = `|---|${HEADLINE_PHASES.map(() => '---:').join('|')}|---:|`;
  const table = (size: number, withClaim: boolean): string[] => {
    const djangoBytes = findRow(report, 'dashboard', size, 'django', 'bytes');
    const claim =
      `| djust's published claim ("100 items") | Django ${DJUST.djangoMs.toFixed(1)}, Jinja2 ${DJUST.jinja2Ms.toFixed(1)} | | | ` +
      `${DJUST.djustMs} | | | (${DJUST_RATIOS.django.toFixed(0)}x Django's render) |`;
    return [
      `### Dashboard, ${size.toLocaleString('en-US')} items`,
      '',
      header,
      rule,
      ...(withClaim ? [claim] : []),
      ...lines(report, size)
        .filter((l) => !l.named || Object.values(l.cells).some((r) => r !== undefined))
        .map((l) =>
          l.missing !== undefined
            ? `| ${l.label} | ${l.missing} |${HEADLINE_PHASES.slice(1)
                .map(() => ' |')
                .join('')} |`
            : `| ${l.label} | ${HEADLINE_PHASES.map((p) => show(l.cells[p], l.named)).join(' | ')} | ` +
              `${ratio(djangoBytes?.p50Ms, l.cells['bytes']?.p50Ms).replace('n/a', '')} |`,
        ),
      '',
      ...bytesLine(report, size),
    ];
  };
  return [
    '## Headline',
    '',
    "p50 in ms per call, djust's dashboard template, every figure from this run except djust's published claim. " +
      'The phases are defined below; a blank cell is a phase the engine does not have. "Fastest" picks the ' +
      'fastest verified engine of its kind per phase and names it. Template loading and compiling is not in ' +
      'these figures (see "Prepare" below).',
    '',
    ...sizes.flatMap((size) => table(size, size === CLAIM_SIZE)),
    ...(sizes.length === 0 || sizes.includes(CLAIM_SIZE)
      ? []
      : [
          `djust's published claim (Django ${DJUST.djangoMs.toFixed(1)} ms, djust ${DJUST.djustMs} ms for "100 items") ` +
            `matches our ${CLAIM_SIZE.toLocaleString('en-US')}-item size by Django's time, which this run did not measure.`,
          '',
        ]),
    ...(report.unavailable.length === 0
      ? []
      : [
          `Not measured (see "Unavailable engines"): ${[...new Set(report.unavailable.map((u) => u.engine))].map((e) => `**${e}**`).join(', ')}.`,
          '',
        ]),
    ...suites,
  ];
}

/** The Rust template benchmarks' scenarios, as they report them: one render per engine. */
const SUITE_SCENARIOS = ['big-table', 'teams'] as const;

/**
 * The Rust template benchmarks' two scenarios (big-table, teams) for every engine that rendered them:
 * render and bytes p50 at the suites' size, so readers can place us among the figures those suites publish.
 */
export function suitesSection(report: BenchReport): string[] {
  const rows = report.results.filter(
    (r) => (SUITE_SCENARIOS as readonly string[]).includes(r.scenario) && (r.phase === 'render' || r.phase === 'bytes'),
  );
  if (rows.length === 0) return [];
  const engines = [...new Set(rows.map((r) => r.engine))];
  const columns = SUITE_SCENARIOS.flatMap((scenario) => {
    const size = rows.find((r) => r.scenario === scenario)?.size;
    return size === undefined ? [] : (['render', 'bytes'] as const).map((phase) => ({ scenario, size, phase }));
  });
  const cell = (engine: string, c: (typeof columns)[number]) => {
    const r = findRow(report, c.scenario, c.size, engine, c.phase);
    return r === undefined ? '' : `${ms(r.p50Ms)}${r.verified ? '' : ' **NOT VERIFIED**'}`;
  };
  return [
    "### The Rust template benchmarks' scenarios",
    '',
    '`big-table` (a 100×100 table of integers, each escaped) and `teams` (four teams, an `{% if %}`, escaped ' +
      'names), in Django syntax for every engine: p50 ms.',
    '',
    `| engine | ${columns.map((c) => `${c.scenario} ${c.phase}`).join(' | ')} |`,
    `|---|${columns.map(() => '---:').join('|')}|`,
    ...engines.map((e) => `| ${e} | ${columns.map((c) => cell(e, c)).join(' | ')} |`),
    '',
  ];
}

/**
 * The machine paragraph: CPU, cores, OS, Node, the load average at the start and end of the run, and
 * every engine's version.
 */
export function machineSection(report: BenchReport): string[] {
  const m = report.machine;
  const load = (xs: readonly number[]) => xs.map((x) => x.toFixed(2)).join(' / ');
  const versions = Object.entries(m.versions)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, version]) => `${name} ${version}`)
    .join(', ');
  return [
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.os}; Node ${m.node}; Python ${m.python}, Django ${m.django}, Jinja2 ${m.jinja2}. ` +
      `Load average (1 / 5 / 15 min) ${load(m.loadAverage.start)} at the start of the run, ${load(m.loadAverage.end)} at the end.`,
    '',
    `Versions: ${versions === '' ? 'none reported' : versions}.`,
    '',
  ];
}
