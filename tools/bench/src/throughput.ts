import type { ThroughputRow } from './report/schema.js';
import { quantile } from './stats.js';
import type { Budget, Context, PreparedEngine } from './types.js';

/** How many mounted documents the throughput scenario updates each round, and their size in items. */
export const THROUGHPUT = { documents: 64, size: 1_000 } as const;

/** A document whose updates settle later (an engine whose work runs off the JavaScript thread). */
export interface AsyncSession {
  update(context: Context): Promise<readonly unknown[]>;
  /** The page once every update made so far ran. */
  currentHtml(): Promise<string>;
}

interface Mode {
  readonly mode: ThroughputRow['mode'];
  /** Mounts the documents; `round` updates all of them to one context; `html` reads one's page. */
  mount(context: Context): Promise<{ round(context: Context): Promise<void>; html(): Promise<string> }>;
}

function syncMode(engine: PreparedEngine, documents: number): Mode | null {
  const mount = engine.mount;
  if (mount === undefined) return null;
  return {
    mode: 'sync',
    mount: async (context) => {
      const docs = Array.from({ length: documents }, () => mount(context));
      return {
        round: async (next) => {
          for (const d of docs) d.update(next);
        },
        html: async () => docs[0]?.html ?? '',
      };
    },
  };
}

function asyncMode(engine: PreparedEngine, documents: number): Mode | null {
  const mountAsync = engine.mountAsync;
  if (mountAsync === undefined) return null;
  return {
    mode: 'async',
    mount: async (context) => {
      const docs = await Promise.all(Array.from({ length: documents }, () => mountAsync(context)));
      return {
        round: async (next) => {
          await Promise.all(docs.map((d) => d.update(next)));
        },
        html: () => docs[0]?.currentHtml() ?? Promise.resolve(''),
      };
    },
  };
}

/** How many windows each mode is timed in, the modes alternating, so a drift in the machine's or the heap's
 * state (a collection, the cleanup of what earlier measurements left) falls on both modes alike. */
export const WINDOWS = 3;

/**
 * Many mounted pages updated at once, as a server with many live views sees them: `documents` pages,
 * each round updating every one of them to the other of two fully different contexts (sync: one after the
 * other on this thread; async: all started, then awaited). Each mode is timed in `WINDOWS` windows of the
 * budget's time, alternating with the other mode's; updates per second is the median window's rate.
 * `verified` when a page after the last round is what `render` gives for that context.
 */
export async function runThroughput(
  engine: { name: string; prepared: PreparedEngine },
  contexts: { a: Context; b: Context },
  base: { scenario: string; size: number; documents: number },
  budget: Budget,
): Promise<ThroughputRow[]> {
  const modes = [syncMode(engine.prepared, base.documents), asyncMode(engine.prepared, base.documents)].filter(
    (m): m is Mode => m !== null,
  );
  const runs = [];
  for (const mode of modes) {
    const docs = await mode.mount(contexts.a);
    let flip = true;
    const round = async () => {
      await docs.round(flip ? contexts.b : contexts.a);
      flip = !flip;
    };
    const warm = performance.now() + budget.warmupMs;
    do await round();
    while (performance.now() < warm);
    runs.push({ mode, docs, round, last: () => (flip ? contexts.a : contexts.b), rates: [] as number[], rounds: 0 });
  }
  for (let w = 0; w < WINDOWS; w++) {
    for (const run of runs) {
      let rounds = 0;
      const start = performance.now();
      const end = start + budget.timeMs;
      while (rounds < 3 || performance.now() < end) {
        await run.round();
        rounds++;
      }
      run.rates.push((rounds * base.documents * 1000) / (performance.now() - start));
      run.rounds += rounds;
    }
  }
  const rows: ThroughputRow[] = [];
  for (const run of runs) {
    const verified = (await run.docs.html()) === engine.prepared.render(run.last());
    rows.push({
      ...base,
      engine: engine.name,
      mode: run.mode.mode,
      updatesPerSec: quantile(
        [...run.rates].sort((x, y) => x - y),
        0.5,
      ),
      rounds: run.rounds,
      verified,
    });
  }
  return rows;
}
