import type { FixtureScenario, ListEdit } from '@tessera/datasets';
import type { PythonEnv } from './python-env.js';
import type { Verification } from './verify.js';
import type { AsyncSession } from './throughput.js';

/** A render context as it comes out of a JSON fixture. */
export type Context = Record<string, unknown>;

/** What is measured: see the phase table in bench/README.md. */
export type Phase = 'render' | 'bytes' | 'pipeline' | 'update-one' | 'refetch' | 'mount' | `payload-${PayloadCase}`;

/**
 * The LiveView payload cases (one update from the page of `a`): one scalar changed, one row changed, the
 * list reversed, one row prepended, one row removed. Their rows have phase `payload-<case>`.
 */
export type PayloadCase = 'value' | 'row' | 'reversed' | 'prepended' | 'removed';

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
  /** The scalar the `update-one` and `refetch` phases change, or null when the template has none. */
  readonly changedScalar: string | null;
  /** The list (of `{ id, name }`) the LiveView payload cases edit, or null: no payload table for this scenario. */
  readonly payloadList: string | null;
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
  /**
   * The page as UTF-8 bytes, ready for a response, when the engine has its own path for it (codegen's
   * `renderToBuffer`); the bench encodes `render`'s string into a reused buffer for the others.
   */
  renderBytes?(context: Context): Uint8Array;
  /** Present on engines that diff (LiveRenderer); enables the pipeline, update-one and mount phases. */
  mount?(context: Context): LiveSession;
  /** Said once per row in the report, e.g. which Django filters were reimplemented as helpers. */
  readonly note?: string;
  /** Present on engines whose live documents can run off the JavaScript thread (throughput.ts). */
  mountAsync?(context: Context): Promise<AsyncSession>;
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
  /** UTF-8 bytes of what crosses for `context` (the engine may send only the paths its template reads). */
  sentBytes(context: Context): number;
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
  /**
   * Measured in a process of its own (isolated.ts), its library never loaded into the bench's: loading it
   * changes the speed of every engine measured after it in the same process.
   */
  readonly isolate?: boolean;
}

/** What a Python engine reports for one scenario and size. */
export interface ProcessMeasurement {
  /** Django's output for each fixture, in the order given. */
  readonly outputs: readonly string[];
  /** Latencies in ms; empty when only outputs were asked for. */
  readonly samples: readonly number[];
  /** As {@link PreparedEngine.note}. */
  readonly note?: string;
  /** The `bytes` phase: render then encode to UTF-8; the SHA-256 (hex) of the first fixture's bytes, checked against Django's page. */
  readonly bytes?: { readonly samples: readonly number[]; readonly sha256: string };
  /** Further phases the engine measured and verified itself (djust's live phases), in report order. */
  readonly phases?: readonly ProcessPhase[];
}

/** A phase measured in another process and verified by its engine module (which knows its patch format). */
export interface ProcessPhase {
  readonly phase: Phase;
  readonly samples: readonly number[];
  readonly outputBytes: number;
  readonly patchBytes: number | null;
  readonly verification: Verification;
  readonly note?: string;
}

/** A job for a Python engine. */
export interface ProcessJob {
  readonly scenario: Scenario;
  /** Fixture files; the first one is timed, every one is rendered once for verification. */
  readonly fixtures: readonly string[];
  readonly budget: Budget | null;
  /** Django's outputs for fixtures a, b and a1, for an engine that verifies its own phases. */
  readonly references?: {
    readonly a: string | null;
    readonly b: string | null;
    readonly a1: string | null;
    /** Django's pages for the list edits, beside `variants.edits`. */
    readonly edits?: Readonly<Partial<Record<ListEdit, string | null>>>;
  };
  /** Fixture files a, b and a1 of this scenario and size (the live phases need all three). */
  readonly variants?: {
    readonly a: string;
    readonly b: string;
    readonly a1: string;
    /** The list edits of the payload cases (`payload-<case>` phases), for scenarios with a `payloadList`. */
    readonly edits?: Readonly<Partial<Record<ListEdit, string>>>;
  };
}

/** An engine that runs in another process (real Django, real Jinja2, djust) and times itself. */
export interface ProcessEngine {
  readonly kind: 'process';
  readonly name: string;
  /** `reference`: Django and Jinja2; `peer`: djust. */
  readonly family: 'reference' | 'peer';
  readonly compare: Comparison;
  available(): Promise<true | string>;
  measure(job: ProcessJob): Promise<ProcessMeasurement>;
  /** Interpreter and library versions, once available. */
  versions(): Promise<Record<string, string>>;
  /** The Python venv the engine runs in, or why it cannot (the ORM section runs Django's rows there). */
  readonly env?: () => Promise<PythonEnv | string>;
}

/** Any engine. */
export type Engine = JsEngine | ProcessEngine;

/** How long to time each measurement. */
export interface Budget {
  readonly timeMs: number;
  readonly warmupMs: number;
  readonly minIterations: number;
}
