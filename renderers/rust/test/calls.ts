import { vi } from 'vitest';

/** A native document class whose `update` and `set` take the JSON that crossed as their first argument. */
interface Crossing {
  prototype: {
    update(json: string, ...rest: never[]): unknown;
    set(json: string, ...rest: never[]): unknown;
  };
}

/**
 * Spies on the `update` and `set` calls into the addon made from now on (undone by `vi.restoreAllMocks`):
 * each answers the contexts those calls carried, parsed.
 */
export function crossings(native: Crossing): {
  update: () => Record<string, unknown>[];
  set: () => Record<string, unknown>[];
} {
  const update = vi.spyOn(native.prototype, 'update');
  const set = vi.spyOn(native.prototype, 'set');
  const sent = (spy: typeof update) => () => spy.mock.calls.map((c) => JSON.parse(c[0]) as Record<string, unknown>);
  return { update: sent(update), set: sent(set) };
}
