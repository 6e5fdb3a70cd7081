/** The `static` library (`{% load static %}`): `{% static "path" %}` and `{% get_static_prefix %}`. */
import { Library } from './library.js';

/** Python's `urllib.parse.quote(path)` (safe characters: letters, digits, `_.-~/`). */
export function pyQuote(path: string): string {
  return Array.from(new TextEncoder().encode(path), (b) => {
    const c = String.fromCharCode(b);
    return /[A-Za-z0-9_.\-~/]/.test(c) ? c : `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }).join('');
}

/** Django's default `STATIC_URL` joined with the quoted path. */
export function defaultStatic(path: string): string {
  return `/static/${pyQuote(path)}`;
}

/** Builds the `static` library around a URL hook. */
export function staticLibrary(resolveStatic: (path: string) => string): Library {
  return new Library()
    .simpleTag('static', ([path]) => resolveStatic(String(path ?? '')))
    .simpleTag('get_static_prefix', () => resolveStatic('').replace(/[^/]*$/, ''));
}
