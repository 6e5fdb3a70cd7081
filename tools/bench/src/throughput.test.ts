import { describe, expect, it } from 'vitest';
import { runThroughput, WINDOWS } from './throughput.js';
import type { Context, LiveSession, PreparedEngine } from './types.js';

// An engine whose pages are the context's `v`; its async documents settle on a later tick.
function fakeEngine(wrong = false): { engine: PreparedEngine; updates: string[] } {
  const updates: string[] = [];
  const mount = (context: Context, mode = 'sync'): LiveSession => {
    let html = String(context['v']);
    return {
      get html() {
        return html;
      },
      update: (next) => {
        updates.push(`${mode} ${String(next['v'])}`);
        html = wrong ? 'x' : String(next['v']);
        return [];
      },
    };
  };
  const engine: PreparedEngine = {
    render: (context) => String(context['v']),
    mount,
    mountAsync: async (context) => {
      const doc = mount(context, 'async');
      return {
        update: async (next) => {
          await new Promise((r) => setTimeout(r, 0));
          return doc.update(next);
        },
        currentHtml: async () => doc.html,
      };
    },
  };
  return { engine, updates };
}

describe('runThroughput', () => {
  const contexts = { a: { v: 'a' }, b: { v: 'b' } };
  const budget = { timeMs: 0, warmupMs: 0, minIterations: 1 };
  const base = { scenario: 'dashboard', size: 10, documents: 3 };

  it('updates every document each round, alternating b and a, in both modes', async () => {
    const { engine, updates } = fakeEngine();
    const rows = await runThroughput({ name: 'fake', prepared: engine }, contexts, base, budget);
    expect(rows.map((r) => [r.mode, r.verified, r.documents])).toEqual([
      ['sync', true, 3],
      ['async', true, 3],
    ]);
    for (const r of rows) expect(r.updatesPerSec).toBeGreaterThan(0);
    expect(updates.filter((u) => u.startsWith('sync')).slice(0, 6)).toEqual([
      'sync b',
      'sync b',
      'sync b',
      'sync a',
      'sync a',
      'sync a',
    ]);
  });

  it('times each mode in alternating windows and reports the median window', async () => {
    const { engine, updates } = fakeEngine();
    const rows = await runThroughput({ name: 'fake', prepared: engine }, contexts, base, budget);
    // At least three rounds of three documents per window, WINDOWS windows per mode, besides warming.
    for (const r of rows) expect(r.rounds).toBeGreaterThanOrEqual(3 * WINDOWS);
    // The modes alternate: sync updates come after async ones began, and async after sync resumed.
    const kinds = updates.map((u) => u.split(' ')[0]);
    const switches = kinds.filter((k, i) => i > 0 && k !== kinds[i - 1]).length;
    expect(switches).toBeGreaterThanOrEqual(2 * WINDOWS - 1);
  });

  it('flags a page that is not what render gives', async () => {
    const rows = await runThroughput({ name: 'fake', prepared: fakeEngine(true).engine }, contexts, base, budget);
    expect(rows.map((r) => r.verified)).toEqual([false, false]);
  });
});
