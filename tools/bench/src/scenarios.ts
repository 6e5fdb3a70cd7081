import type { Scenario } from './types.js';

/**
 * The benchmark's scenarios. `dashboard` is djust's published template; the three row scenarios isolate
 * the cost of static text, of variable output, and of filters, `{% cycle %}` and `{% if %}`.
 */
export const SCENARIOS: readonly Scenario[] = [
  {
    name: 'dashboard',
    sizes: [100, 1_000, 10_000],
    quickSizes: [100],
    entry: 'dashboard',
    changedScalar: 'active_count',
    payloadList: 'items',
    description: "djust's dashboard.html extending base.html (`{{ user.name }}` in the nav), one `<div>` per item.",
  },
  {
    name: 'static',
    sizes: [100, 10_000],
    quickSizes: [100],
    entry: 'page',
    changedScalar: null,
    payloadList: null,
    description: 'A table of rows with no variables at all: the cost of the loop and static text.',
  },
  {
    name: 'simple',
    sizes: [100, 1_000, 10_000],
    quickSizes: [100],
    entry: 'page',
    changedScalar: 'title',
    payloadList: null,
    description: 'A table of rows with two variables per row.',
  },
  {
    name: 'filtered',
    sizes: [100, 1_000, 10_000],
    quickSizes: [100],
    entry: 'page',
    changedScalar: 'title',
    payloadList: null,
    description:
      'Rows with `{% cycle %}`, `upper|truncatechars:12`, `floatformat:2`, `add:1` and an `{% if %}/{% else %}`.',
  },
  {
    name: 'big-table',
    sizes: [100],
    quickSizes: [100],
    entry: 'page',
    changedScalar: null,
    payloadList: null,
    description:
      "The Rust template benchmarks' *big table*: a 100×100 table of integers, each through `escape` (size = rows = columns).",
  },
  {
    name: 'teams',
    sizes: [4],
    quickSizes: [4],
    entry: 'page',
    changedScalar: 'year',
    payloadList: null,
    description:
      "The Rust template benchmarks' *teams*: four teams in a list, the first marked by an `{% if forloop.first %}`, names escaped.",
  },
];
