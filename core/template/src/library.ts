/**
 * Custom tags and filters, Django's `template.Library`: register them on a Library, name the library in
 * `compile(..., { libraries: { mylib } })`, and templates bring them in with `{% load mylib %}` or
 * `{% load name from mylib %}`.
 */
import type { FilterSpec } from '@tessera/runtime';

/** What a simple tag sees besides its arguments. */
export interface TagEnv {
  /** Looks a name up in the render context (`undefined` when missing). */
  readonly lookup: (name: string) => unknown;
  readonly autoescape: boolean;
}

/** Django's `@register.simple_tag`: a function of resolved arguments whose result is printed (escaped unless safe). */
export interface SimpleTag {
  readonly fn: (args: unknown[], kwargs: Record<string, unknown>, env: TagEnv) => unknown;
}

/** A set of custom tags and filters. */
export class Library {
  readonly filters = new Map<string, FilterSpec>();
  readonly tags = new Map<string, SimpleTag>();

  /**
   * Registers a filter. A bare function takes an optional argument:
   * `lib.filter('shout', (v) => String(v).toUpperCase() + '!')` then `{% load mylib %}{{ name|shout }}`.
   */
  filter(name: string, spec: FilterSpec | ((value: unknown, arg: unknown) => unknown)): this {
    checkName(name);
    this.filters.set(name, typeof spec === 'function' ? { fn: (v, a) => spec(v, a), arg: 'optional' } : spec);
    return this;
  }

  /**
   * Registers a simple tag: `{% name arg1 key=value as var %}`.
   * `lib.simpleTag('greet', ([who]) => `Hello ${who}`)`.
   */
  simpleTag(name: string, fn: SimpleTag['fn']): this {
    checkName(name);
    this.tags.set(name, { fn });
    return this;
  }
}

function checkName(name: string): void {
  if (!/^[\p{L}\p{N}_]+$/u.test(name)) throw new TypeError(`invalid tag or filter name: ${JSON.stringify(name)}`);
}
