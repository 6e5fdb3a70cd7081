/**
 * The two scenarios of the Rust template benchmarks (template-benchmarks-rs, used by askama, sailfish,
 * tera and others), with their data, so readers can place our numbers among theirs.
 */

/** `big-table`: a `size`×`size` table of integers, each printed through `escape`. */
export interface BigTableContext {
  readonly table: readonly (readonly number[])[];
}

/** One team of the `teams` scenario. */
export interface Team {
  readonly name: string;
  readonly score: number;
}

/** `teams`: a year and a short list of teams, the first one marked champion by an `{% if %}`. */
export interface TeamsContext {
  readonly year: number;
  readonly teams: readonly Team[];
}

/** The suites' four teams (the 2015 Chinese Super League); larger sizes repeat them with a number. */
const TEAMS: readonly Team[] = [
  { name: 'Jiangsu', score: 43 },
  { name: 'Beijing', score: 27 },
  { name: 'Guangzhou', score: 22 },
  { name: 'Shandong', score: 12 },
];

/**
 * The suites' table: every row holds `0 .. size-1`. Variant `b` adds `size` to every cell (every value
 * changes, the shape does not); `a1` is `a` (the table has no scalar).
 */
export function bigTableContext(size: number, variant: 'a' | 'b' | 'a1'): BigTableContext {
  const shift = variant === 'b' ? size : 0;
  const row = () => Array.from({ length: size }, (_, i) => i + shift);
  return { table: Array.from({ length: size }, row) };
}

/**
 * The suites' teams (size 4 is their data exactly). Variant `b` adds one to every score; `a1` changes the
 * year, the scalar.
 */
export function teamsContext(size: number, variant: 'a' | 'b' | 'a1'): TeamsContext {
  const teams = Array.from({ length: size }, (_, i): Team => {
    const base = TEAMS[i % TEAMS.length]!;
    const round = Math.floor(i / TEAMS.length);
    return {
      name: round === 0 ? base.name : `${base.name} ${round + 1}`,
      score: base.score + (variant === 'b' ? 1 : 0),
    };
  });
  return { year: variant === 'a1' ? 2016 : 2015, teams };
}
