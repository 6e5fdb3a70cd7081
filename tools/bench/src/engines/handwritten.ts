import type { FixtureScenario } from '@tessera/datasets';
import type { Context, JsEngine } from '../types.js';
import { floatformat, truncatechars } from './django-filters.js';

/**
 * The floor: each scenario's page written by hand as a plain JavaScript function, the fastest
 * straightforward code a person would write for that one template, with Django's escaping and filters.
 * It is what a template engine could at best compile to, so the report shows how far codegen is from it.
 * Its output is verified against Django's like every engine's.
 */

const NEEDS_ESCAPE = /[&<>"']/;
const SPECIALS = /[&<>"']/g;
const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#x27;',
};

/** Django's `escape`: one test for the common clean string, else each special replaced in one pass. */
function escapeHtml(s: string): string {
  if (!NEEDS_ESCAPE.test(s)) return s;
  SPECIALS.lastIndex = 0;
  let out = '';
  let last = 0;
  for (let m = SPECIALS.exec(s); m !== null; m = SPECIALS.exec(s)) {
    out = out + s.slice(last, m.index) + ENTITIES[m[0]];
    last = m.index + 1;
  }
  return out + s.slice(last);
}

interface Row {
  readonly name: string;
  readonly email: string;
  readonly price: number;
  readonly qty: number;
  readonly active: boolean;
}

interface DashboardContext {
  readonly user: { readonly name: string };
  readonly active_count: number;
  readonly items: readonly { readonly name: string }[];
}

interface RowsContext {
  readonly title: string;
  readonly rows: readonly Row[];
}

function dashboard(context: Context): string {
  const { user, active_count: active, items } = context as unknown as DashboardContext;
  const name = escapeHtml(user.name);
  let html =
    '<!DOCTYPE html>\n<html lang="en">\n<head>\n  <meta charset="utf-8">\n  <title>Dashboard</title>\n</head>\n<body>\n' +
    `  <nav class="top">Signed in as ${name}</nav>\n  <main>\n  \n  <div class="stats">\n    <h1>Welcome, ${name}</h1>\n\n` +
    `    <!-- This updates independently -->\n    <div>Active Users: ${active}</div>\n\n    <!-- Loop updates are optimized -->\n    `;
  for (let i = 0; i < items.length; i++) html = html + '\n      <div>' + escapeHtml(items[i]!.name) + '</div>\n    ';
  return html + '\n  </div>\n\n  </main>\n</body>\n</html>\n';
}

const TABLE_START = '<table class="rows">\n  <tbody>\n  ';
const TABLE_END = '\n  </tbody>\n</table>\n';

function staticPage(context: Context): string {
  const { rows } = context as unknown as RowsContext;
  let html = '<h1>Inventory</h1>\n' + TABLE_START;
  for (let i = 0; i < rows.length; i++) {
    html = html + '\n    <tr><td class="name">Static name</td><td class="mail">static@example.com</td></tr>\n  ';
  }
  return html + TABLE_END;
}

function simplePage(context: Context): string {
  const { title, rows } = context as unknown as RowsContext;
  let html = '<h1>' + escapeHtml(title) + '</h1>\n' + TABLE_START;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    html =
      html +
      '\n    <tr><td class="name">' +
      escapeHtml(row.name) +
      '</td><td class="mail">' +
      escapeHtml(row.email) +
      '</td></tr>\n  ';
  }
  return html + TABLE_END;
}

function filteredPage(context: Context): string {
  const { title, rows } = context as unknown as RowsContext;
  let html = '<h1>' + escapeHtml(title) + '</h1>\n' + TABLE_START;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    html =
      html +
      '\n    <tr class="' +
      (i % 2 === 0 ? 'odd' : 'even') +
      '"><td class="name">' +
      escapeHtml(truncatechars(row.name.toUpperCase(), 12)) +
      '</td><td class="price">' +
      floatformat(row.price, 2) +
      '</td><td class="qty">' +
      (row.qty + 1) +
      '</td><td>' +
      (row.active ? '<span class="on">active</span>' : '<span class="off">inactive</span>') +
      '</td></tr>\n  ';
  }
  return html + TABLE_END;
}

function bigTable(context: Context): string {
  const { table } = context as unknown as { readonly table: readonly (readonly number[])[] };
  let html = '<table>\n\t';
  for (let r = 0; r < table.length; r++) {
    const row = table[r]!;
    html = html + '\n\t<tr>\n\t\t';
    for (let c = 0; c < row.length; c++) html = html + '\n\t\t<td>' + row[c] + '</td>\n\t\t';
    html = html + '\n\t</tr>\n\t';
  }
  return html + '\n</table>\n';
}

function teams(context: Context): string {
  const { year, teams: list } = context as unknown as {
    readonly year: number;
    readonly teams: readonly { readonly name: string; readonly score: number }[];
  };
  let html = `<html>\n\t<head>\n\t\t<title>${year}</title>\n\t</head>\n\t<body>\n\t\t<h1>CSL ${year}</h1>\n\t\t<ul>\n\t\t\t`;
  for (let i = 0; i < list.length; i++) {
    const team = list[i]!;
    html =
      html +
      '\n\t\t\t<li class="' +
      (i === 0 ? 'champion' : '') +
      '">\n\t\t\t\t<b>' +
      escapeHtml(team.name) +
      '</b\n\t\t\t\t>: ' +
      team.score +
      '\n\t\t\t</li>\n\t\t\t';
  }
  return html + '\n\t\t</ul>\n\t</body>\n</html>\n';
}

const PAGES: Readonly<Record<FixtureScenario, (context: Context) => string>> = {
  dashboard,
  static: staticPage,
  simple: simplePage,
  filtered: filteredPage,
  'big-table': bigTable,
  teams,
};

/** Hand-written JavaScript per scenario: the floor codegen is measured against. */
export const handwrittenEngine: JsEngine = {
  kind: 'js',
  name: 'handwritten',
  family: 'floor',
  compare: 'exact',
  available: async () => true,
  prepare: async (scenario) => ({
    render: PAGES[scenario.name],
    note: 'plain JavaScript written by hand for this template (no engine): the floor',
  }),
};
