import { Buffer } from 'node:buffer';
import { editList, type ListEdit } from '@tessera/datasets';
import { measureSync } from './measure.js';
import { verifyPatches } from './patches.js';
import type { ResultRow } from './report/schema.js';
import type { Budget, Context, LiveSession, PayloadCase, Phase, Scenario } from './types.js';
import type { Verification } from './verify.js';

/**
 * The LiveView payload cases: one update from the page of context `a` each. `value` changes the scenario's
 * scalar; the others edit its list (`@tessera/datasets`' `editList`). Unchanged values are the objects of
 * `a`, as after an in-place edit. Each is a result row of phase `payload-<case>`.
 */
export const PAYLOAD_CASES: readonly PayloadCase[] = ['value', 'row', 'reversed', 'prepended', 'removed'];

/** The phase name of a payload case's row in latest.json. */
export const payloadPhase = (c: PayloadCase): Phase => `payload-${c}`;

/** Django's outputs for the contexts an engine's live phases move to, null where Django did not render. */
export interface LiveReferences {
  readonly a: string | null;
  readonly a1: string | null;
  /** The list edits (the payload cases other than `value`); absent for scenarios without payloads. */
  readonly edits?: Readonly<Partial<Record<ListEdit, string | null>>>;
}

/** What the live-case phases share with the others: the row builder and the row's identity. */
export interface LiveCaseRun {
  readonly base: { scenario: Scenario; size: number; engine: string };
  readonly mount: (context: Context) => LiveSession;
  readonly a: Context;
  readonly a1: Context;
  readonly references: LiveReferences;
  readonly budget: Budget;
  readonly note: string | undefined;
  readonly row: (
    phase: Phase,
    stats: ReturnType<typeof measureSync>,
    patchBytes: number,
    verification: Verification,
    notes: readonly (string | undefined)[],
  ) => ResultRow;
}

const patchSize = (patches: readonly unknown[]) => Buffer.byteLength(JSON.stringify(patches), 'utf8');

/**
 * `refetch`: the page's data loaded again, as a view re-running its query does: every object new (a1 as
 * parsed from its JSON file, `a` deep-copied), equal values except the one scalar of `a1`. Calls alternate
 * between the two, so no call finds an object it saw before; the patches of a→a1 are verified.
 */
export async function refetchPhase(run: LiveCaseRun): Promise<ResultRow | null> {
  const { mount, a, a1, references, budget, base } = run;
  if (base.scenario.changedScalar === null) return null;
  const again = structuredClone(a);
  const live = mount(a);
  const before = live.html;
  const table = live.anchors;
  const patches = live.update(a1);
  const check = await verifyPatches(before, patches, references.a1, table);
  let flip = false;
  const stats = measureSync(
    `${base.engine} refetch`,
    () => {
      live.update(flip ? a1 : again);
      flip = !flip;
    },
    budget,
  );
  const scalar = base.scenario.changedScalar;
  return run.row('refetch', stats, patchSize(patches), check, [`every object new, ${scalar} changed`, run.note]);
}

/** The context of one payload case, sharing every unchanged object with `a`. */
function caseContext(scenario: Scenario, a: Context, a1: Context, edit: PayloadCase): Context | null {
  if (edit === 'value') {
    const scalar = scenario.changedScalar;
    return scalar === null ? null : { ...a, [scalar]: a1[scalar] };
  }
  const key = scenario.payloadList;
  if (key === null) return null;
  return { ...a, [key]: editList(a[key] as { id: number; name: string }[], edit) };
}

/**
 * The payload table's rows for a scenario that declares a `payloadList`: per case, the patches of one
 * update from `a` (verified on a DOM holding `a`'s page), their JSON size, and the update's time; before
 * each timed call the document is moved back to `a`, untimed.
 */
export async function payloadPhases(run: LiveCaseRun): Promise<ResultRow[]> {
  const { base, mount, a, a1, references, budget } = run;
  if (base.scenario.payloadList === null) return [];
  const rows: ResultRow[] = [];
  for (const edit of PAYLOAD_CASES) {
    const next = caseContext(base.scenario, a, a1, edit);
    if (next === null) continue;
    const expected = edit === 'value' ? references.a1 : (references.edits?.[edit] ?? null);
    const live = mount(a);
    const before = live.html;
    const table = live.anchors;
    const patches = live.update(next);
    const check = await verifyPatches(before, patches, expected, table);
    const stats = measureSync(
      `${base.engine} ${payloadPhase(edit)}`,
      () => {
        live.update(next);
      },
      budget,
      () => {
        live.update(a);
      },
    );
    rows.push(run.row(payloadPhase(edit), stats, patchSize(patches), check, [run.note]));
  }
  return rows;
}
