/**
 * The compile options every case is compiled with: the same URLconf, static URL and frozen clock that
 * `scripts/tessera_django.py` gives Django when it produces the expected outputs.
 */
import type { CompileOptions } from '@tessera/template';
import { pyStr } from '@tessera/runtime';

/** The instant both Django and the renderers treat as "now". */
export const FROZEN_NOW = '2024-06-15T12:34:56Z';

/** Django's STATIC_URL for the suite. */
export const STATIC_URL = '/static/';

const CONVERTERS: Readonly<Record<string, RegExp>> = {
  int: /^[0-9]+$/,
  str: /^[^/]+$/,
  slug: /^[-a-zA-Z0-9_]+$/,
};

/** The named routes of `scripts/tessera_urls.py`, in Django's `path()` syntax. */
export const ROUTES: Readonly<Record<string, string>> = {
  home: '',
  search: 'search/',
  article: 'articles/<int:pk>/',
  'user-profile': 'users/<str:username>/',
  archive: 'archive/<int:year>/<int:month>/',
  tag: 'tags/<slug:slug>/',
};

class NoReverseMatch extends Error {
  override readonly name = 'NoReverseMatch';
}

class ValueError extends Error {
  override readonly name = 'ValueError';
}

// Python's urllib.parse.quote keeps these plus its `safe` argument; everything else is %-encoded as UTF-8.
const ALWAYS_SAFE = /[A-Za-z0-9_.~-]/;

function quote(text: string, safe: string): string {
  let out = '';
  for (const ch of text) out += ALWAYS_SAFE.test(ch) || safe.includes(ch) ? ch : encodeURIComponent(ch);
  return out;
}

interface Param {
  readonly name: string;
  readonly converter: RegExp;
}

function routeParams(route: string): Param[] {
  return [...route.matchAll(/<(\w+):(\w+)>/g)].map((m) => {
    const converter = CONVERTERS[m[1] ?? ''];
    if (!converter) throw new Error(`unknown converter in route ${route}`);
    return { name: m[2] ?? '', converter };
  });
}

/**
 * Django's `reverse()` over {@link ROUTES}: `reverseUrl('article', [42], {})` is `/articles/42/`.
 * Throws an Error named `NoReverseMatch` (no route, wrong arguments) or `ValueError` (args and kwargs mixed).
 */
export function reverseUrl(
  viewName: string,
  args: readonly unknown[],
  kwargs: Readonly<Record<string, unknown>>,
): string {
  if (args.length > 0 && Object.keys(kwargs).length > 0) {
    throw new ValueError("Don't mix *args and **kwargs in call to reverse()!");
  }
  const route = Object.hasOwn(ROUTES, viewName) ? ROUTES[viewName] : undefined;
  if (route === undefined) {
    throw new NoReverseMatch(
      `Reverse for '${viewName}' not found. '${viewName}' is not a valid view function or pattern name.`,
    );
  }
  const params = routeParams(route);
  const values = new Map<string, string>();
  if (args.length > 0) {
    if (args.length === params.length)
      params.forEach((p, i) => {
        values.set(p.name, pyStr(args[i]));
      });
  } else {
    const names = Object.keys(kwargs);
    if (names.length === params.length && params.every((p) => Object.hasOwn(kwargs, p.name))) {
      for (const p of params) values.set(p.name, pyStr(kwargs[p.name]));
    }
  }
  const matches = values.size === params.length && params.every((p) => p.converter.test(values.get(p.name) ?? ''));
  if (!matches) {
    throw new NoReverseMatch(`Reverse for '${viewName}' with arguments not found. 1 pattern(s) tried: ['${route}']`);
  }
  const path = route.replace(/<\w+:(\w+)>/g, (_, name: string) => values.get(name) ?? '');
  return '/' + quote(path, "!$&'()*+,;=/~:@");
}

/**
 * Django's `{% static %}` without the staticfiles app: `urljoin(STATIC_URL, quote(path))`.
 * `staticUrl('img/a b.png')` is `/static/img/a%20b.png`; an absolute path replaces the prefix.
 */
export function staticUrl(path: string): string {
  const quoted = quote(path, '/');
  if (quoted.startsWith('//')) return quoted;
  return new URL(quoted, `http://static.invalid${STATIC_URL}`).pathname;
}

/** The options the suite passes to `compile` for every case. */
export function suiteCompileOptions(): CompileOptions {
  const now = new Date(FROZEN_NOW);
  return {
    url: (viewName: string, args: unknown[], kwargs: Record<string, unknown>) => reverseUrl(viewName, args, kwargs),
    static: staticUrl,
    runtime: { now: () => new Date(now.getTime()), timezone: 'UTC' },
  };
}
