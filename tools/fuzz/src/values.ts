/**
 * Contexts for fuzzed templates: JSON values as the conformance suite carries them (tagged JSON for safe
 * strings), obeying its rules (no integral floats, no integer-like keys), over the names the grammar reads.
 */
import type { Rng } from './random.js';

/** A context value in tagged JSON. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * Strings that make filters and comparisons take their less common paths: markup, Unicode case rules
 * (titlecase letters, final sigma, dotted capital I, ß and ligatures that grow when upper-cased), a lone
 * surrogate, digits, URLs, whitespace and line breaks.
 */
export const STRINGS: readonly string[] = [
  '',
  'a',
  'hello world',
  "It's me, Mario",
  '<b>bold</b> & "q"',
  'ǅe ǈa ǋo',
  'ΣΊΣΥΦΟΣ σίσυφος',
  'İstanbul',
  'straße ﬁne',
  'ÉTÉ été',
  'x\ud83dy',
  'smile 😀 ok',
  '42',
  '-3.5',
  '  spaced  out  ',
  'line one\nline two\n\npara',
  'see http://example.com/a?b=1&c=2 now',
  'mail a@b.co',
  'k',
  '0',
  'None',
  'É Σ ǅ İ',
  '<script>alert(1)</script>',
  'a-b_c d',
];

const NUMBERS: readonly number[] = [0, 1, 2, 3, -1, -17, 7, 123456, 1.5, -0.25, 3.25, 1e-7];
const KEYS: readonly string[] = ['a', 'b', 'k', 'name', 'items', 'upper', 'id'];

function scalar(rng: Rng): Json {
  switch (rng.int(10)) {
    case 0:
    case 1:
    case 2:
    case 3:
      return rng.pick(STRINGS);
    case 4:
    case 5:
    case 6:
      return rng.pick(NUMBERS);
    case 7:
      return rng.chance(0.5);
    case 8:
      return null;
    default:
      return { $safe: rng.pick(['<i>safe</i> &amp; sound', '', 'ǅ<b>x</b>', 'x\ud83dy']) };
  }
}

function list(rng: Rng, item: (rng: Rng) => Json, max = 3): Json[] {
  return Array.from({ length: rng.int(max + 1) }, () => item(rng));
}

function dict(rng: Rng, depth: number): { [key: string]: Json } {
  const d: { [key: string]: Json } = {};
  for (let i = rng.int(4); i > 0; i--) d[rng.pick(KEYS)] = value(rng, depth + 1);
  return d;
}

/** Any value: a scalar, or a list or dict of values, nested at most two levels. */
export function value(rng: Rng, depth = 0): Json {
  if (depth >= 2) return scalar(rng);
  switch (rng.int(6)) {
    case 0:
      return list(rng, (r) => value(r, depth + 1));
    case 1:
      return dict(rng, depth);
    default:
      return scalar(rng);
  }
}

// Rows for {% regroup %} and dictsort: dicts sharing keys, with repeated and missing group keys.
function row(rng: Rng): Json {
  const r: { [key: string]: Json } = {};
  if (rng.chance(0.85)) r['id'] = rng.pick([1, 2, 3, 'x', null]);
  if (rng.chance(0.85)) r['name'] = rng.pick(STRINGS);
  if (rng.chance(0.7)) r['k'] = rng.pick(['a', 'b', 'ǅ', 1]);
  return r;
}

/** The names every fuzzed template may read; a name is left out of a context now and then (missing). */
export const CONTEXT_NAMES: readonly string[] = [
  's',
  't',
  'n',
  'f',
  'b',
  'l',
  'ds',
  'd',
  'e',
  'pairs',
  'safe',
  'none',
  'ys',
  'tname',
  'depth',
];

/** A context for the grammar's templates. */
export function context(rng: Rng): { [key: string]: Json } {
  const all: { [key: string]: Json } = {
    s: rng.pick(STRINGS),
    t: rng.chance(0.5) ? rng.pick(STRINGS) : scalar(rng),
    n: rng.pick(NUMBERS),
    f: rng.pick([1.5, -0.25, 0.5, 2.675, 12345.678]),
    b: rng.chance(0.5),
    l: list(rng, scalar, 3),
    ds: list(rng, row, 4),
    d: dict(rng, 0),
    e: rng.chance(0.7) ? {} : dict(rng, 1),
    pairs: list(rng, (r) => (r.chance(0.9) ? [scalar(r), scalar(r)] : [scalar(r)]), 3),
    safe: { $safe: rng.pick(['<i>safe</i> &amp; sound', 'Σ<b>ǅ</b>', '']) },
    none: null,
    ys: list(rng, (r) => r.pick(STRINGS), 2),
    tname: rng.pick(['inc.html', 'nope.html', '', 'inc.html']),
    depth: rng.pick([0, 1, 2, 3, -1]),
  };
  for (const name of CONTEXT_NAMES) if (rng.chance(0.08)) delete all[name];
  return all;
}
