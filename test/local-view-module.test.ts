// @vitest-environment happy-dom
// Local rendering with compiled templates: the dashboard's view module (codegen's `viewModule`), bundled
// for the browser with the runtime it imports (`@tessera/renderer-codegen/browser`, the filter groups of
// `@tessera/runtime/filters/*`), renders and patches in happy-dom exactly as the server's codegen live
// document does, and downloads under 20 KB gzipped.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { bundleViewModule } from '@tessera/live';
import { LiveDom } from '@tessera/fuzz';
import renderer, { filterExport, viewModule, type ViewImports } from '@tessera/renderer-codegen';
import { builtinFilters } from '@tessera/runtime';
import { compile, MemoryLoader, type LiveDocument } from '@tessera/template';
import { beforeAll, describe, expect, it } from 'vitest';

const BUDGET = 20 * 1024;

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const templatesDir = join(repo, 'examples', 'dashboard', 'templates');
const templates = Object.fromEntries(
  ['base.html', 'dashboard.html'].map((name) => [name, readFileSync(join(templatesDir, name), 'utf8')]),
);
const template = compile('dashboard.html', new MemoryLoader(templates));
const imports: ViewImports = {
  runtime: '@tessera/renderer-codegen/browser',
  filters: (g) => `@tessera/runtime/filters/${g}`,
};

const tabs = [
  { id: 'items', label: 'Items' },
  { id: 'search', label: 'Search' },
  { id: 'about', label: 'About' },
];
const items = [
  { id: 1, name: 'Quarterly "report" & notes', likes: 12, liked: false, locked: false },
  { id: 2, name: 'Team offsite <plan>', likes: 7, liked: true, locked: false },
  { id: 3, name: 'Incident review', likes: 3, liked: false, locked: true },
];
const base = {
  user: { name: 'Ada' },
  active_users: 1,
  tab: 'items',
  tabs,
  items,
  query: '',
  results: [] as unknown[],
  source_label: 'sample & co',
};
const book = (id: number, title: string, author: string) => ({ id, title, author: { name: author } });

/** A session of the dashboard: each context the page goes through. */
const steps: Record<string, unknown>[] = [
  { ...base, active_users: 2 },
  { ...base, items: items.map((it) => (it.id === 1 ? { ...it, likes: 13, liked: true } : it)) },
  { ...base, items: [items[2], { id: 9, name: 'New', likes: 0, liked: false, locked: false }, items[0]] },
  { ...base, tab: 'search', results: [book(1, 'Dune', 'Herbert'), book(2, 'Émile & "Sophie"', 'Rousseau')] },
  { ...base, tab: 'search', query: 'd<u>"n', results: [book(1, 'Dune', 'Herbert')] },
  { ...base, tab: 'search', query: '', results: [] },
  { ...base, tab: 'about' },
  { ...base, items: [] },
  base,
];

/** The view module bundled as a browser would be served it: minified, one file, only what it uses. */
let bundled = '';

beforeAll(() => {
  const made = renderer.browserModule(renderer.prepare(template));
  if (!made.ok) throw new Error(made.reason);
  // What the live server serves: the module bundled with the runtime it imports.
  bundled = new TextDecoder().decode(bundleViewModule(made.source, made.resolveDir));
});

async function loadView(): Promise<(context: Record<string, unknown>) => LiveDocument> {
  // Under the repository (vitest imports files it can resolve from the project), ignored by git.
  const dir = join(repo, 'node_modules', '.cache', 'tessera-view-module');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'dashboard.mjs');
  writeFileSync(file, bundled);
  const mod = (await import(/* @vite-ignore */ pathToFileURL(file).href)) as {
    mount(context: Record<string, unknown>): LiveDocument;
  };
  return mod.mount;
}

describe('the dashboard view module', () => {
  it('mounts the HTML the server renders, and patches a DOM as the server document does', async () => {
    const mount = await loadView();
    const prepared = renderer.prepare(template);
    const local = mount(base);
    const server = renderer.mount(prepared, base);
    expect(local.html).toBe(renderer.render(prepared, base));
    expect(local.anchors).toEqual(server.anchors);
    const dom = new LiveDom(local);
    for (const context of steps) {
      const patches = local.update(context);
      expect(patches).toEqual(server.update(context));
      dom.apply(patches);
      expect(dom.holds(renderer.render(prepared, context))).toEqual({ equal: true, got: expect.any(String) });
    }
  });

  it('refuses a Date, which a context decoded from JSON cannot hold, instead of printing it unformatted', async () => {
    const mount = await loadView();
    expect(() => mount({ ...base, user: { name: new Date(0) } })).toThrow(/Date/);
  });

  it('imports only the runtime and the filter groups its code uses', () => {
    const made = viewModule(template, imports);
    if (!made.ok) throw new Error(made.reason);
    const from = [...made.source.matchAll(/^import .* from "([^"]+)";$/gm)].map((m) => m[1]);
    expect(from).toEqual([imports.runtime, imports.filters('list'), imports.filters('logic')]);
    expect(made.source).toContain('import { lengthFilter } from');
    // Template text only as string literals in generated code: no template syntax in the module.
    expect(made.source).not.toMatch(/\{%|\{\{/);
  });

  it('finds every built-in filter exported on its own by its group module', async () => {
    const groups = ['string', 'html', 'number', 'list', 'date', 'logic'] as const;
    const exported = new Map<string, unknown>();
    for (const g of groups) {
      const mod = (await import(/* @vite-ignore */ imports.filters(g))) as Record<string, unknown>;
      for (const [name, value] of Object.entries(mod)) exported.set(name, value);
    }
    const names = Object.keys(builtinFilters);
    expect(names.length).toBeGreaterThan(50);
    for (const name of names) expect([name, exported.get(filterExport(name))]).toEqual([name, builtinFilters[name]]);
  });

  it('has none for a template whose code needs the server', () => {
    const included = compile('page.html', new MemoryLoader({ 'page.html': '{% include name %}', 'a.html': 'a' }));
    expect(viewModule(included, imports)).toMatchObject({ ok: false });
  });

  it('bundles without the template compiler, the generator or the entity tables', () => {
    expect(bundled.length).toBeGreaterThan(10_000);
    expect(bundled).not.toContain('TemplateSyntaxError');
    expect(bundled).not.toContain('generateFunctions');
    // The largest entity table entry names of `entities` (decoded by the DOM instead).
    expect(bundled).not.toContain('CounterClockwiseContourIntegral');
  });

  it('downloads under 20 KB gzipped', () => {
    const gzipped = gzipSync(bundled, { level: 9 }).length;
    console.log(`dashboard view module + runtime: ${bundled.length} bytes, ${gzipped} gzipped`);
    expect(gzipped).toBeGreaterThan(3000);
    expect(gzipped).toBeLessThan(BUDGET);
  });
});
