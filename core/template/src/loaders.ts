import { readFileSync, statSync } from 'node:fs';
import { resolve, sep } from 'node:path';

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

/**
 * Templates read from one or more directories, searched in order, as Django's filesystem loader does.
 * Names that would escape a directory (`../secret`, absolute paths) are never read.
 */
export class FileSystemLoader implements Loader {
  readonly dirs: readonly string[];
  constructor(dirs: string | string[]) {
    this.dirs = (Array.isArray(dirs) ? dirs : [dirs]).map((d) => resolve(d));
  }
  get(name: string): string | null {
    for (const path of this.candidates(name)) {
      try {
        if (statSync(path).isFile()) return readFileSync(path, 'utf8');
      } catch {
        // Not in this directory: try the next one.
      }
    }
    return null;
  }
  describe(name: string): string[] {
    return this.candidates(name);
  }
  private candidates(name: string): string[] {
    if (name.includes('\0')) return [];
    const out: string[] = [];
    for (const dir of this.dirs) {
      const path = resolve(dir, name);
      if (path.startsWith(dir + sep)) out.push(path);
    }
    return out;
  }
}
