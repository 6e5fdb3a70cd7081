/** Templates from the file system, for Node: exported by the `@tessera/template/node` entry only. */
import { readFileSync, statSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import type { Loader } from './loaders.js';

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
