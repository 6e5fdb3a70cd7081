import type { FixtureScenario } from '@tessera/datasets';

/** A render context as it comes out of a JSON fixture. */
export type Context = Record<string, unknown>;

/** What is measured: see the phase table in bench/README.md. */
export type Phase = 'render' | 'pipeline' | 'update-one' | 'mount';

/** How an engine's output may be compared with Django's. Each engine is compared as strictly as it can be. */
export type Comparison = 'exact' | 'dom' | 'whitespace';

/** One benchmark scenario: a template family rendered at several sizes. */
export interface Scenario {
  readonly name: FixtureScenario;
  /** Sizes of a full run (items or rows). */
  readonly sizes: readonly number[];
  /** Sizes of a `--quick` run. */
  readonly quickSizes: readonly number[];
  /** Template file name without extension, the same in every engine's folder (`dashboard`, `page`). */
  readonly entry: string;
  /** The scalar the `update-one` phase changes, or null when the template has none. */
  readonly changedScalar: string | null;
  /** One sentence for the report. */
  readonly description: string;
}

/** A mounted live document, as `LiveRenderer.mount` returns it (the contract in `@tessera/template`). */
export interface LiveSession {
  readonly html: string;
  /** The anchor table patches are addressed from (`@tessera/dom-patch`'s Anchor[]); absent: paths from the root. */
  readonly anchors?: readonly unknown[];
  update(context: Context): readonly unknown[];
  set?(changes: Context): readonly unknown[];
}

/** An engine with its templates for one scenario loaded and compiled. */
export interface PreparedEngine {
  render(context: Context): string;
  /** Present on engines that diff (LiveRenderer); enables the pipeline, update-one and mount phases. */
  mount?(context: Context): LiveSession;
  /** Said once per row in the report, e.g. which Django filters were reimplemented as helpers. */
  readonly note?: string;
  /** Present on engines that cross a native boundary (the Rust addon): their calls split into steps. */
  readonly boundary?: BoundaryProbe;
}

/**
 * One call of a native engine split into its steps, each timed in the same iteration, in ms. `encode` is
 * the context to JSON in JS (timed again beside the call); `parse`, `render` and `diff` are measured inside
 * the addon; `decode` is the addon's patch list into JS objects; `total` is the whole call as the phase
 * times it. A step the call does not make is null.
 */
export interface BoundarySample {
  readonly total: number;
  readonly encode: number;
  readonly parse: number;
  readonly render: number;
  readonly diff: number | null;
  readonly decode: number | null;
}

/** Times the steps of one render, or of one update of a mounted page. */
export interface BoundaryProbe {
  render(context: Context): BoundarySample;
  mount(context: Context): { update(context: Context): BoundarySample };
}

/** An engine that runs inside this Node process and is timed by tinybench. */
export interface JsEngine {
  readonly kind: 'js';
  readonly name: string;
  /** `tessera` engines are ours; `peer` engines are the npm alternatives; `floor` is JavaScript written by hand. */
  readonly family: 'tessera' | 'peer' | 'floor';
  /** The strictest comparison this engine's output can meet, tried after `exact`. */
  readonly compare: Comparison;
  /** `true`, or the reason the engine cannot run here. */
  available(): Promise<true | string>;
  prepare(scenario: Scenario): Promise<PreparedEngine>;
}

/** What a Python engine reports for one scenario and size. */
export interface ProcessMeasurement {
  /** Django's output for each fixture, in the order given. */
  readonly outputs: readonly string[];
  /** Latencies in ms; empty when only outputs were asked for. */
  readonly samples: readonly number[];
  /** As {@link PreparedEngine.note}. */
  readonly note?: string;
}

/** A job for a Python engine. */
export interface ProcessJob {
  readonly scenario: Scenario;
  /** Fixture files; the first one is timed, every one is rendered once for verification. */
  readonly fixtures: readonly string[];
  readonly budget: Budget | null;
}

/** An engine that runs in another process (real Django, real Jinja2) and times itself. */
export interface ProcessEngine {
  readonly kind: 'process';
  readonly name: string;
  readonly family: 'reference';
  readonly compare: Comparison;
  available(): Promise<true | string>;
  measure(job: ProcessJob): Promise<ProcessMeasurement>;
  /** Interpreter and library versions, once available. */
  versions(): Promise<Record<string, string>>;
}

/** Any engine. */
export type Engine = JsEngine | ProcessEngine;

/** How long to time each measurement. */
export interface Budget {
  readonly timeMs: number;
  readonly warmupMs: number;
  readonly minIterations: number;
}
