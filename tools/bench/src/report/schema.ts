import type { OrmRow } from '../orm.js';

/**
 * `reports/latest.json`, schema version 3. The schema is checked by tooling: change it only with a new
 * `schemaVersion`. Version 2 was version 1 plus `boundary`; version 3 adds `prepare` (template load and
 * compile time, apart from render), `engines` (each engine's family), the machine's load average, OS
 * and every engine's version, `throughput` (many live pages updated at once) and the bytes a native
 * engine sends of each context (`contextBytes`, `sentBytes` in `boundary`).
 */

/** The schema version {@link checkReportShape} accepts and `writeReports` writes. */
export const SCHEMA_VERSION = 3;

/** One measurement: an engine rendering one scenario at one size in one phase. */
export interface ResultRow {
  readonly scenario: string;
  readonly size: number;
  readonly engine: string;
  readonly phase: string;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly meanMs: number;
  readonly rme: number;
  readonly samples: number;
  readonly outputBytes: number;
  readonly patchBytes: number | null;
  readonly verified: boolean;
  readonly note: string;
}

/**
 * Where a native engine's render or pipeline call spends its time, medians in ms over one loop
 * of this run in which every step was timed: `encodeMs` the context to JSON in JS; `parseMs` the JSON into
 * the addon's values, `renderMs` the render, `diffMs` the page into a tree, the diff and the patch list's
 * text, all three timed inside the addon; `decodeMs` that text into JS objects; `restMs` what is left of the
 * call (N-API crossings, string copies). `diffMs` and `decodeMs` are null for a render.
 */
export interface BoundaryRow {
  readonly scenario: string;
  readonly size: number;
  readonly engine: string;
  readonly phase: string;
  readonly totalMs: number;
  readonly encodeMs: number;
  readonly parseMs: number;
  readonly renderMs: number;
  readonly diffMs: number | null;
  readonly decodeMs: number | null;
  readonly restMs: number;
  /** UTF-8 bytes of the context as plain JSON, and of what the engine sends of it (its projection). */
  readonly contextBytes: number;
  readonly sentBytes: number;
  readonly samples: number;
}

/**
 * Many mounted dashboards updated at once (throughput.ts): updates per second of one engine, on this
 * thread (`sync`) or with its work on other threads (`async`).
 */
export interface ThroughputRow {
  readonly scenario: string;
  readonly size: number;
  readonly documents: number;
  readonly engine: string;
  readonly mode: 'sync' | 'async';
  readonly updatesPerSec: number;
  readonly rounds: number;
  readonly verified: boolean;
}

/**
 * Loading and compiling one engine's templates for one scenario, timed over `samples` fresh preparations
 * (`p50Ms`, `p99Ms`: the engine's prepare), and the first render of context `a` at `size` after each
 * (`firstRenderMs`, p50: Handlebars and Eta compile on first use). Apart from the render rows, which time a
 * prepared, warm template.
 */
export interface PrepareRow {
  readonly scenario: string;
  readonly size: number;
  readonly engine: string;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly firstRenderMs: number;
  readonly samples: number;
}

/** The machine a run was measured on. */
export interface Machine {
  readonly cpu: string;
  readonly cores: number;
  /** `os.type() os.release()`. */
  readonly os: string;
  readonly node: string;
  readonly python: string;
  readonly django: string;
  readonly jinja2: string;
  /** `os.loadavg()` (1, 5 and 15 minutes) when the run started and when it ended. */
  readonly loadAverage: { readonly start: readonly number[]; readonly end: readonly number[] };
  /** Every engine's and tool's version: npm packages as installed, Python packages as their venv reports them. */
  readonly versions: Readonly<Record<string, string>>;
}

/** An engine of the run: where it comes from (`tessera` ours, `reference` Django and Jinja2, `peer` the alternatives, `floor` hand-written) and where it runs. */
export interface EngineInfo {
  readonly name: string;
  readonly family: string;
  readonly kind: string;
}

/** An engine (or an engine on one scenario) that could not run, and why. */
export interface Unavailable {
  readonly engine: string;
  readonly reason: string;
}

/**
 * One bench run. `orm` holds the ORM benchmark's rows, `boundary` the native engine's steps, `prepare` the
 * template preparation times; each is
 * empty when it did not run.
 */
export interface BenchReport {
  readonly schemaVersion: 3;
  readonly commit: string;
  readonly date: string;
  readonly quick: boolean;
  readonly machine: Machine;
  readonly results: readonly ResultRow[];
  readonly unavailable: readonly Unavailable[];
  readonly orm: readonly OrmRow[];
  readonly throughput: readonly ThroughputRow[];
  readonly boundary: readonly BoundaryRow[];
  readonly prepare: readonly PrepareRow[];
  /** The engines the run selected, in report order (Django renders the references even when not selected). */
  readonly engines: readonly EngineInfo[];
}

type FieldType = 'string' | 'number' | 'boolean' | 'number|null' | 'object' | 'loads' | 'strings';

const ROW_FIELDS: Record<keyof ResultRow, 'string' | 'number' | 'boolean' | 'number|null'> = {
  scenario: 'string',
  size: 'number',
  engine: 'string',
  phase: 'string',
  p50Ms: 'number',
  p99Ms: 'number',
  meanMs: 'number',
  rme: 'number',
  samples: 'number',
  outputBytes: 'number',
  patchBytes: 'number|null',
  verified: 'boolean',
  note: 'string',
};

const ORM_FIELDS: Record<keyof OrmRow, 'string' | 'number' | 'boolean'> = {
  scenario: 'string',
  rows: 'number',
  strategy: 'string',
  db: 'string',
  queries: 'number',
  columnsSelected: 'number',
  columnsUsed: 'number',
  rowsFetched: 'number',
  p50Ms: 'number',
  verified: 'boolean',
};

const BOUNDARY_FIELDS: Record<keyof BoundaryRow, 'string' | 'number' | 'number|null'> = {
  scenario: 'string',
  size: 'number',
  engine: 'string',
  phase: 'string',
  totalMs: 'number',
  encodeMs: 'number',
  parseMs: 'number',
  renderMs: 'number',
  diffMs: 'number|null',
  decodeMs: 'number|null',
  restMs: 'number',
  contextBytes: 'number',
  sentBytes: 'number',
  samples: 'number',
};

const THROUGHPUT_FIELDS: Record<keyof ThroughputRow, FieldType> = {
  scenario: 'string',
  size: 'number',
  documents: 'number',
  engine: 'string',
  mode: 'string',
  updatesPerSec: 'number',
  rounds: 'number',
  verified: 'boolean',
};

const PREPARE_FIELDS: Record<keyof PrepareRow, FieldType> = {
  scenario: 'string',
  size: 'number',
  engine: 'string',
  p50Ms: 'number',
  p99Ms: 'number',
  firstRenderMs: 'number',
  samples: 'number',
};

const MACHINE_FIELDS: Record<keyof Machine, FieldType> = {
  cpu: 'string',
  cores: 'number',
  os: 'string',
  node: 'string',
  python: 'string',
  django: 'string',
  jinja2: 'string',
  loadAverage: 'loads',
  versions: 'strings',
};

const TYPE_NAMES: Readonly<Record<string, string>> = {
  loads: '{ start, end } of three numbers each',
  strings: 'an object of strings',
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isLoads = (value: unknown) =>
  Array.isArray(value) && value.length === 3 && value.every((x) => typeof x === 'number' && Number.isFinite(x));

function typeOk(value: unknown, type: string): boolean {
  if (type === 'loads') return isRecord(value) && isLoads(value['start']) && isLoads(value['end']);
  if (type === 'strings') return isRecord(value) && Object.values(value).every((v) => typeof v === 'string');
  if (type === 'number|null') return value === null || (typeof value === 'number' && Number.isFinite(value));
  if (type === 'number') return typeof value === 'number' && Number.isFinite(value);
  return typeof value === type;
}

function checkFields(where: string, value: unknown, fields: Record<string, string>, problems: string[]): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    problems.push(`${where} is not an object`);
    return;
  }
  const record = value as Record<string, unknown>;
  for (const [key, type] of Object.entries(fields)) {
    if (!typeOk(record[key], type))
      problems.push(`${where}.${key} should be ${TYPE_NAMES[type] ?? type}, got ${JSON.stringify(record[key])}`);
  }
  for (const key of Object.keys(record)) if (!(key in fields)) problems.push(`${where} has unknown key ${key}`);
}

/** Every way `value` departs from schema version 3 (empty when it conforms). */
export function checkReportShape(value: unknown): string[] {
  const problems: string[] = [];
  checkFields(
    'report',
    value,
    {
      schemaVersion: 'number',
      commit: 'string',
      date: 'string',
      quick: 'boolean',
      machine: 'object',
      results: 'object',
      unavailable: 'object',
      orm: 'object',
      boundary: 'object',
      throughput: 'object',
      prepare: 'object',
      engines: 'object',
    },
    problems,
  );
  if (problems.length > 0) return problems;
  const report = value as Record<string, unknown>;
  if (report['schemaVersion'] !== SCHEMA_VERSION) problems.push(`schemaVersion should be ${SCHEMA_VERSION}`);
  if (Number.isNaN(Date.parse(String(report['date'])))) problems.push('date is not an ISO date');
  checkFields('machine', report['machine'], MACHINE_FIELDS, problems);
  const list = (key: string): unknown[] => {
    if (Array.isArray(report[key])) return report[key];
    problems.push(`${key} should be an array`);
    return [];
  };
  const tables: [string, Readonly<Record<string, string>>][] = [
    ['results', ROW_FIELDS],
    ['unavailable', { engine: 'string', reason: 'string' }],
    ['orm', ORM_FIELDS],
    ['boundary', BOUNDARY_FIELDS],
    ['throughput', THROUGHPUT_FIELDS],
    ['prepare', PREPARE_FIELDS],
    ['engines', { name: 'string', family: 'string', kind: 'string' }],
  ];
  for (const [key, fields] of tables) {
    list(key).forEach((row, i) => {
      checkFields(`${key}[${i}]`, row, fields, problems);
    });
  }
  return problems;
}
