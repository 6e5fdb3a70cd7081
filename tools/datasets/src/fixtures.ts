import { createPrng, type Prng } from './fixtures-prng.js';
import { ADJECTIVES, FIRST_NAMES, LAST_NAMES, MAIL_DOMAINS, NOUNS } from './fixtures-words.js';
import { editList, type ListEdit } from './fixtures-live.js';
import { bigTableContext, teamsContext, type BigTableContext, type TeamsContext } from './fixtures-suites.js';

/** The context of djust's dashboard template: `{{ user.name }}`, `{{ active_count }}`, `{% for item in items %}`. */
export interface DashboardContext {
  readonly user: { readonly name: string };
  readonly active_count: number;
  readonly items: readonly { readonly id: number; readonly name: string }[];
}

/** One row of the `static`, `simple` and `filtered` scenarios. */
export interface Row {
  readonly id: number;
  readonly name: string;
  readonly email: string;
  /** Always has non-zero cents, so JSON keeps it a float in Python too (JS cannot tell 2.0 from 2). */
  readonly price: number;
  readonly qty: number;
  readonly active: boolean;
}

/** The context of the row scenarios. */
export interface RowsContext {
  readonly title: string;
  readonly rows: readonly Row[];
}

/** Scenarios whose contexts come from this module. */
export type FixtureScenario = 'dashboard' | 'static' | 'simple' | 'filtered' | 'big-table' | 'teams';

/** The names of every fixture scenario, in report order. */
export const FIXTURE_SCENARIOS: readonly FixtureScenario[] = [
  'dashboard',
  'static',
  'simple',
  'filtered',
  'big-table',
  'teams',
];

/**
 * `a` is the context an engine renders first; `b` keeps the same ids (the same entities, so keyed diffs can
 * match them) but changes every other value: the "fully changed context" of the pipeline phase; `a1` is `a`
 * with exactly one scalar changed (`active_count` of the dashboard, `title` of the row scenarios). The list
 * edits (`row`, `reversed`, `prepended`, `removed`) are `a` with its list edited (dashboard only).
 */
export type FixtureVariant = 'a' | 'b' | 'a1' | ListEdit;

const SEEDS: Record<'a' | 'b', number> = { a: 0x7e55e7a, b: 0x0b5e55ed };

function itemName(prng: Prng): string {
  return `${prng.pick(ADJECTIVES)} ${prng.pick(NOUNS)} ${prng.int(1, 999)}`;
}

function personName(prng: Prng): string {
  return `${prng.pick(FIRST_NAMES)} ${prng.pick(LAST_NAMES)}`;
}

/** The dashboard context with `size` items; the same `(size, variant)` always gives the same value. */
export function dashboardContext(size: number, variant: 'a' | 'b' | 'a1' = 'a'): DashboardContext {
  assertSize(size);
  const prng = createPrng(SEEDS[variant === 'b' ? 'b' : 'a'] ^ size);
  const items = Array.from({ length: size }, (_, i) => ({ id: i + 1, name: itemName(prng) }));
  const activeCount = prng.int(1, 100_000);
  return { user: { name: personName(prng) }, active_count: variant === 'a1' ? activeCount + 1 : activeCount, items };
}

/** The row scenarios' context with `size` rows; the same `(size, variant)` always gives the same value. */
export function rowsContext(size: number, variant: 'a' | 'b' | 'a1' = 'a'): RowsContext {
  assertSize(size);
  const prng = createPrng((SEEDS[variant === 'b' ? 'b' : 'a'] * 31) ^ size);
  const rows = Array.from({ length: size }, (_, i): Row => {
    const first = prng.pick(FIRST_NAMES);
    const last = prng.pick(LAST_NAMES);
    // Cutting names at 4-24 characters spreads them on both sides of `truncatechars:12`.
    const company = prng.next() < 0.1;
    const name = company ? `${last} & Sons` : `${first} ${last}`.slice(0, prng.int(4, 24)).trimEnd();
    const cents = prng.int(0, 99_998);
    return {
      id: i + 1,
      name,
      email: `${first.toLowerCase()}.${last.toLowerCase()}${i + 1}@${prng.pick(MAIL_DOMAINS)}`,
      price: (cents - (cents % 100) + 1 + (cents % 99)) / 100,
      qty: prng.int(0, 500),
      active: prng.next() < 0.5,
    };
  });
  const title = `Inventory of ${personName(prng)}`;
  return { title: variant === 'a1' ? `${title} (updated)` : title, rows };
}

/** The context of `scenario` at `size`; the three row scenarios share one data set. */
export function fixtureContext(
  scenario: FixtureScenario,
  size: number,
  variant: FixtureVariant = 'a',
): DashboardContext | RowsContext | BigTableContext | TeamsContext {
  assertSize(size);
  if (variant !== 'a' && variant !== 'b' && variant !== 'a1') {
    if (scenario !== 'dashboard') throw new RangeError(`the list edit ${variant} is defined for the dashboard only`);
    const a = dashboardContext(size, 'a');
    return { ...a, items: editList(a.items, variant) };
  }
  switch (scenario) {
    case 'dashboard':
      return dashboardContext(size, variant);
    case 'static':
    case 'simple':
    case 'filtered':
      return rowsContext(size, variant);
    case 'big-table':
      return bigTableContext(size, variant);
    case 'teams':
      return teamsContext(size, variant);
  }
}

function assertSize(size: number): void {
  if (!Number.isSafeInteger(size) || size < 0) {
    throw new RangeError(`fixture size must be a non-negative integer, got ${String(size)}`);
  }
}
