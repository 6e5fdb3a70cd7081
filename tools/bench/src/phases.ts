import { Buffer } from 'node:buffer';
import { createHash } from 'node:crypto';
import type { ListEdit } from '@tessera/datasets';
import { payloadPhases, refetchPhase, type LiveCaseRun } from './live-cases.js';
import { measureSync } from './measure.js';
import { retainedPerView } from './memory.js';
import { verifyPatches } from './patches.js';
import type { ResultRow } from './report/schema.js';
import { latencyStats, type LatencyStats } from './stats.js';
import type {
  Budget,
  Context,
  JsEngine,
  LiveSession,
  Phase,
  PreparedEngine,
  ProcessEngine,
  ProcessMeasurement,
  Scenario,
} from './types.js';
import { verifyOutput, type Verification } from './verify.js';

/** Django's outputs for the three fixtures (a, b, a1) of one scenario and size; null without Django. */
export interface References {
  readonly a: string | null;
  readonly b: string | null;
  readonly a1: string | null;
  /** The dashboard's list edits, for the payload table. */
  readonly edits?: Readonly<Partial<Record<ListEdit, string | null>>>;
}

/** Sizes up to this one also measure the memory each mounted view retains. */
const RETAINED_AT_SIZE = 100;

let sink = 0;

/**
 * Reads one character of a rendered string. V8 keeps a string built by `+=` as a rope until something
 * reads it; reading flattens it, so the timed call includes producing a real string, as Python's `str`
 * is, and an engine is not rewarded for deferring that copy to whoever sends the response.
 */
function materialize(html: string): void {
  sink = (sink + html.charCodeAt(html.length >> 1)) | 0;
}

/** UTF-8 size. */
export const bytes = (text: string) => Buffer.byteLength(text, 'utf8');

/** `Name: first line of the message`. */
export const describeError = (error: unknown) =>
  error instanceof Error ? `${error.name}: ${error.message.split('\n')[0] ?? ''}` : String(error);

/** One result row; the verification's note comes first, then the other notes. */
export function row(
  base: { scenario: Scenario; size: number; engine: string; phase: Phase },
  stats: LatencyStats,
  outputBytes: number,
  patchBytes: number | null,
  verification: Verification,
  notes: readonly (string | undefined)[],
): ResultRow {
  return {
    scenario: base.scenario.name,
    size: base.size,
    engine: base.engine,
    phase: base.phase,
    p50Ms: stats.p50,
    p99Ms: stats.p99,
    meanMs: stats.mean,
    rme: stats.rme,
    samples: stats.samples,
    outputBytes,
    patchBytes,
    verified: verification.verified,
    note: [verification.note, ...notes].filter((n) => n !== undefined && n !== '').join('; '),
  };
}

/** The pipeline row of an engine without a diff: its render, as the phase table defines it. */
export function pipelineFromRender(render: ResultRow): ResultRow {
  const note = ['no diff: pipeline = render', render.note].filter((n) => n !== '').join('; ');
  return { ...render, phase: 'pipeline', note };
}

/**
 * Django's outputs for the fixtures a, b and a1 (the references everything is checked against) and, when
 * Django itself is benchmarked (`budget` not null), its render row.
 */
export async function runReference(
  django: ProcessEngine,
  scenario: Scenario,
  size: number,
  files: {
    readonly a: string;
    readonly b: string;
    readonly a1: string;
    readonly edits?: Readonly<Partial<Record<ListEdit, string>>>;
  },
  budget: Budget | null,
): Promise<{ references: References; rows: ResultRow[] }> {
  const editFiles = Object.entries(files.edits ?? {}) as [ListEdit, string][];
  const fixtures = [files.a, files.b, files.a1, ...editFiles.map(([, file]) => file)];
  const measured = await django.measure({ scenario, fixtures, budget });
  const [a = null, b = null, a1 = null, ...rest] = measured.outputs;
  const edits = Object.fromEntries(editFiles.map(([edit], i) => [edit, rest[i] ?? null]));
  if (budget === null || a === null) return { references: { a, b, a1, edits }, rows: [] };
  const base = { scenario, size, engine: django.name, phase: 'render' as const };
  const render = row(base, latencyStats(measured.samples), bytes(a), null, verifyOutput(a, a, 'exact'), ['reference']);
  return {
    references: { a, b, a1, edits },
    rows: [render, ...bytesRow(render, measured, a), pipelineFromRender(render)],
  };
}

/**
 * The `bytes` row of a process engine (render, then `str.encode()`), verified byte for byte through the
 * SHA-256 of the UTF-8 bytes against Django's page.
 */
function bytesRow(render: ResultRow, measured: ProcessMeasurement, reference: string | null): ResultRow[] {
  if (measured.bytes === undefined || measured.bytes.samples.length === 0) return [];
  const expected = reference === null ? null : createHash('sha256').update(reference, 'utf8').digest('hex');
  const verified = expected !== null && expected === measured.bytes.sha256;
  const note =
    expected === null
      ? 'not verified: no Django output'
      : verified
        ? ''
        : "MISMATCH: the encoded bytes differ from the UTF-8 bytes of Django's page (SHA-256)";
  const stats = latencyStats(measured.bytes.samples);
  return [
    {
      ...render,
      phase: 'bytes',
      p50Ms: stats.p50,
      p99Ms: stats.p99,
      meanMs: stats.mean,
      rme: stats.rme,
      samples: stats.samples,
      verified,
      note: [note, measured.note ?? '', 'str.encode() after the render'].filter((n) => n !== '').join('; '),
    },
  ];
}

/**
 * Render and bytes phases of a Python engine, verified against Django, then the phases the engine
 * verified itself (djust's live phases); without its own pipeline, the render's pipeline copy.
 */
export async function runProcessEngine(
  engine: ProcessEngine,
  scenario: Scenario,
  size: number,
  files: {
    readonly a: string;
    readonly b: string;
    readonly a1: string;
    readonly edits?: Readonly<Partial<Record<ListEdit, string>>>;
  },
  references: References,
  budget: Budget,
): Promise<ResultRow[]> {
  const measured = await engine.measure({ scenario, fixtures: [files.a], budget, references, variants: files });
  const output = measured.outputs[0] ?? '';
  const base = { scenario, size, engine: engine.name };
  const render = row(
    { ...base, phase: 'render' },
    latencyStats(measured.samples),
    bytes(output),
    null,
    verifyOutput(output, references.a, engine.compare),
    [measured.note],
  );
  const own = (measured.phases ?? []).map((p) =>
    row({ ...base, phase: p.phase }, latencyStats(p.samples), p.outputBytes, p.patchBytes, p.verification, [p.note]),
  );
  const pipeline = own.some((r) => r.phase === 'pipeline') ? [] : [pipelineFromRender(render)];
  return [render, ...bytesRow(render, measured, references.a), ...pipeline, ...own];
}

/** Every phase of an in-process engine; `cache` keeps prepared templates across sizes. */
export async function runJsEngine(
  engine: JsEngine,
  cache: Map<string, PreparedEngine>,
  scenario: Scenario,
  size: number,
  contexts: { a: Context; b: Context; a1: Context },
  references: References,
  budget: Budget,
): Promise<ResultRow[]> {
  let prepared = cache.get(engine.name);
  if (prepared === undefined) {
    prepared = await engine.prepare(scenario);
    cache.set(engine.name, prepared);
  }
  const p = prepared;
  const base = { scenario, size, engine: engine.name };
  const output = p.render(contexts.a);
  const verification = verifyOutput(output, references.a, engine.compare);
  const stats = measureSync(`${engine.name} render`, () => materialize(p.render(contexts.a)), budget);
  const render = row({ ...base, phase: 'render' }, stats, bytes(output), null, verification, [p.note]);
  const encoded = bytesPhase(p, base, contexts.a, output, verification, budget);
  if (p.mount === undefined) return [render, encoded, pipelineFromRender(render)];
  return [render, encoded, ...(await livePhases(p, p.mount.bind(p), base, contexts, references, budget))];
}

const encoder = new TextEncoder();

/**
 * What a careful server does with an engine's string: one `encodeInto` into a buffer it keeps between
 * responses (grown to three bytes per UTF-16 unit, enough for any string), so no engine pays for allocating
 * its page's bytes that another is spared.
 */
function reusedEncoder(): (html: string) => Uint8Array {
  let bytes = new Uint8Array(1 << 16);
  return (html) => {
    if (html.length * 3 > bytes.length) bytes = new Uint8Array(html.length * 3);
    return bytes.subarray(0, encoder.encodeInto(html, bytes).written);
  };
}

/**
 * The `bytes` phase: the page as UTF-8 bytes, what a response body needs. The engine's own path when it has
 * one, else its render then one `encodeInto` a reused buffer. Verified byte for byte against `Buffer.from`
 * of its render output, which is itself verified against Django (the render row's verification is carried
 * over).
 */
function bytesPhase(
  p: PreparedEngine,
  base: { scenario: Scenario; size: number; engine: string },
  context: Context,
  output: string,
  rendered: Verification,
  budget: Budget,
): ResultRow {
  const own = p.renderBytes?.bind(p);
  const into = reusedEncoder();
  const encode = own ?? ((ctx: Context): Uint8Array => into(p.render(ctx)));
  const got = encode(context);
  const same = Buffer.from(got.buffer, got.byteOffset, got.byteLength).equals(Buffer.from(output));
  const verification: Verification = same
    ? rendered
    : { verified: false, how: 'mismatch', note: 'MISMATCH: bytes differ from Buffer.from(render output)' };
  const stats = measureSync(
    `${base.engine} bytes`,
    () => {
      sink = (sink + encode(context).byteLength) | 0;
    },
    budget,
  );
  const how = own ? 'its own UTF-8 path' : 'render, then encodeInto a reused buffer';
  return row({ ...base, phase: 'bytes' }, stats, got.byteLength, null, verification, [how, p.note]);
}

/**
 * The phases of an engine that diffs. `pipeline` alternates between two fully different contexts, so every
 * timed call re-renders, diffs and emits patches for the whole page; `update-one` alternates one scalar.
 * Patches are checked by applying them to a DOM before anything is timed.
 */
async function livePhases(
  p: PreparedEngine,
  mount: (context: Context) => LiveSession,
  base: { scenario: Scenario; size: number; engine: string },
  contexts: { a: Context; b: Context; a1: Context },
  references: References,
  budget: Budget,
): Promise<ResultRow[]> {
  const rows: ResultRow[] = [];
  const mounted = mount(contexts.a);
  const mountCheck = verifyOutput(mounted.html, references.a, 'dom');
  const mountStats = measureSync(`${base.engine} mount`, () => materialize(mount(contexts.a).html), budget);
  // What a mounted view keeps between events, at the smallest size (a page a server holds many of).
  const retained = base.size <= RETAINED_AT_SIZE ? retainedPerView(() => mount(contexts.a)) : null;
  rows.push(
    row({ ...base, phase: 'mount' }, mountStats, bytes(mounted.html), null, mountCheck, [
      retained === null ? undefined : `retains ${retained} bytes per mounted view`,
      p.note,
    ]),
  );

  const live = mount(contexts.a);
  const tableA = live.anchors;
  const toB = live.update(contexts.b);
  const pipelineCheck = await verifyPatches(mounted.html, toB, references.b, tableA);
  const tableB = live.anchors;
  const toA = live.update(contexts.a);
  const backCheck = await verifyPatches(references.b ?? '', toA, references.a, tableB);
  let flip = true;
  const pipelineStats = measureSync(
    `${base.engine} pipeline`,
    () => {
      live.update(flip ? contexts.b : contexts.a);
      flip = !flip;
    },
    budget,
  );
  const pipelineVerification = pipelineCheck.verified ? backCheck : pipelineCheck;
  rows.push(
    row(
      { ...base, phase: 'pipeline' },
      pipelineStats,
      bytes(mounted.html),
      bytes(JSON.stringify(toB)),
      pipelineVerification,
      [p.note],
    ),
  );

  const cases: LiveCaseRun = {
    base,
    mount,
    a: contexts.a,
    a1: contexts.a1,
    references,
    budget,
    note: p.note,
    row: (phase, stats, patchBytes, verification, notes) =>
      row({ ...base, phase }, stats, bytes(mounted.html), patchBytes, verification, notes),
  };
  const scalar = base.scenario.changedScalar;
  if (scalar === null) return [...rows, ...(await payloadPhases(cases))];
  const one = mount(contexts.a);
  // The changed context shares every other value with `a` by reference, as an app changing one field
  // would: live renderers may skip regions whose inputs are the same objects.
  const a1: Context = { ...contexts.a, [scalar]: contexts.a1[scalar] };
  const changes = (ctx: Context): Context => ({ [scalar]: ctx[scalar] });
  const step = one.set ? (ctx: Context) => one.set!(changes(ctx)) : (ctx: Context) => one.update(ctx);
  const tableOne = one.anchors;
  const firstPatches = step(a1);
  const oneCheck = await verifyPatches(mounted.html, firstPatches, references.a1, tableOne);
  let toggle = false;
  const oneStats = measureSync(
    `${base.engine} update-one`,
    () => {
      step(toggle ? a1 : contexts.a);
      toggle = !toggle;
    },
    budget,
  );
  rows.push(
    row(
      { ...base, phase: 'update-one' },
      oneStats,
      bytes(mounted.html),
      bytes(JSON.stringify(firstPatches)),
      oneCheck,
      [one.set ? `set({ ${scalar} })` : `update(context with ${scalar} changed)`, p.note],
    ),
  );
  const refetch = await refetchPhase(cases);
  if (refetch !== null) rows.push(refetch);
  return [...rows, ...(await payloadPhases(cases))];
}
