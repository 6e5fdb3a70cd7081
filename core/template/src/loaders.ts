/** Template loaders without I/O, safe in browsers; the one that reads files is `@tessera/template/node`'s. */

/** Where templates come from. `get` returns the source, or `null` when this loader has no such template. */
export interface Loader {
  get(name: string): string | null;
  /** Human-readable places that were searched for `name`, for TemplateDoesNotExist messages. */
  describe?(name: string): string[];
}

/** Templates held in memory, by name: `new MemoryLoader({ 'base.html': '<h1>{% block t %}{% endblock %}</h1>' })`. */
export class MemoryLoader implements Loader {
  readonly #templates: Map<string, string>;
  constructor(templates: Record<string, string>) {
    this.#templates = new Map(Object.entries(templates));
  }
  get(name: string): string | null {
    return this.#templates.get(name) ?? null;
  }
}
