/** Which cases run: `--category` globs and a renderer's `unsupported` / `knownFailures` declarations. */
import picomatch from 'picomatch';
import type { ConformanceCase, ConformanceDeclaration } from './types.js';

/** Cases whose category matches any of `globs` (all cases when `globs` is empty). */
export function filterByCategory(cases: readonly ConformanceCase[], globs: readonly string[]): ConformanceCase[] {
  if (globs.length === 0) return [...cases];
  const match = picomatch([...globs]);
  return cases.filter((c) => match(c.category));
}

/** Returns the skip reason for `c` under `declaration`, or null when the case must run. */
export type SkipRule = (c: ConformanceCase) => string | null;

/**
 * Build the skip rule of a renderer. An `unsupported` feature matches a case when its glob matches the
 * case's category or one of its feature tags; a `knownFailures` entry matches one case id exactly.
 */
export function skipRule(declaration: ConformanceDeclaration | undefined): SkipRule {
  const unsupported = (declaration?.unsupported ?? []).map((u) => ({
    match: picomatch(u.feature),
    label: `unsupported ${u.feature}: ${u.reason}`,
  }));
  const known = new Map((declaration?.knownFailures ?? []).map((k) => [k.id, `known failure: ${k.reason}`]));
  return (c) => {
    const knownReason = known.get(c.id);
    if (knownReason !== undefined) return knownReason;
    for (const u of unsupported) {
      if (u.match(c.category) || (c.features ?? []).some((f) => u.match(f))) return u.label;
    }
    return null;
  };
}
