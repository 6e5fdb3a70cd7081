/**
 * Every renderer of this repository, by package name: the packages this workspace declares, imported by
 * name. `renderers.test.ts` fails when a folder under `renderers/` is missing here.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** A renderer package the matrix runs. */
export interface MatrixRenderer {
  readonly name: string;
  /** Whether the package's entry file exists (false: not built, reported but not counted as a failure). */
  readonly built: () => boolean;
  /** Imports the package. */
  readonly load: () => Promise<unknown>;
}

/** Whether the file the installed package `name` exports exists. Throws when the package is not installed. */
function entryExists(name: string): boolean {
  return existsSync(fileURLToPath(import.meta.resolve(name)));
}

/** The renderers in report order (package name order). */
export const RENDERERS: readonly MatrixRenderer[] = [
  {
    name: '@tessera/renderer-codegen',
    built: () => entryExists('@tessera/renderer-codegen'),
    load: () => import('@tessera/renderer-codegen'),
  },
  {
    name: '@tessera/renderer-rust',
    built: () => entryExists('@tessera/renderer-rust'),
    load: () => import('@tessera/renderer-rust'),
  },
  {
    name: '@tessera/renderer-string',
    built: () => entryExists('@tessera/renderer-string'),
    load: () => import('@tessera/renderer-string'),
  },
  {
    name: '@tessera/renderer-vdom',
    built: () => entryExists('@tessera/renderer-vdom'),
    load: () => import('@tessera/renderer-vdom'),
  },
];
