import { Buffer } from 'node:buffer';
import { measureSync } from './measure.js';
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
  Scenario,
} from './types.js';
import { verifyOutput, type Verification } from './verify.js';

/** Django's outputs for the three fixtures (a, b, a1) of one scenario and size; null without Django. */
export interface References {
  readonly a: string | null;
  readonly b: string | null;
  readonly a1: string | null;
}

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
  files: { readonly a: string; readonly b: string; readonly a1: string },
  budget: Budget | null,
): Promise<{ references: References; rows: ResultRow[] }> {
  const measured = await django.measure({ scenario, fixtures: [files.a, files.b, files.a1], budget });
  const [a = null, b = null, a1 = null] = measured.outputs;
  if (budget === null || a === null) return { references: { a, b, a1 }, rows: [] };
  const base = { scenario, size, engine: django.name, phase: 'render' as const };
  const render = row(base, latencyStats(measured.samples), bytes(a), null, verifyOutput(a, a, 'exact'), ['reference']);
  return { references: { a, b, a1 }, rows: [render, pipelineFromRender(render)] };
}

/** Render phase (and its pipeline copy) of a Python engine, verified against Django. */
export async function runProcessEngine(
  engine: ProcessEngine,
  scenario: Scenario,
  size: number,
  fixtureA: string,
  references: References,
  budget: Budget,
): Promise<ResultRow[]> {
  const measured = await engine.measure({ scenario, fixtures: [fixtureA], budget });
  const output = measured.outputs[0] ?? '';
  const render = row(
    { scenario, size, engine: engine.name, phase: 'render' },
    latencyStats(measured.samples),
    bytes(output),
    null,
    verifyOutput(output, references.a, engine.compare),
    [measured.note],
  );
  return [render, pipelineFromRender(render)];
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
  if (p.mount === undefined) return [render, pipelineFromRender(render)];
  return [render, ...(await livePhases(p, p.mount.bind(p), base, contexts, references, budget))];
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
  rows.push(row({ ...base, phase: 'mount' }, mountStats, bytes(mounted.html), null, mountCheck, [p.note]));

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

  const scalar = base.scenario.changedScalar;
  if (scalar === null) return rows;
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
  return rows;
}
