/**
 * Every renderer of this repository, by package name: the packages this workspace declares, imported by
 * name. `renderers.test.ts` fails when a folder under `renderers/` is missing here.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** A renderer package the matrix runs. */
export interface MatrixRenderer {
  readonly name: string;
  /** Imports the package. */
  readonly load: () => Promise<unknown>;
}

/**
 * Whether the file the installed package `name` exports exists (false: not built, which the matrix reports
 * without counting a failure). Throws when the package is not installed.
 */
export function entryExists(name: string): boolean {
  return existsSync(fileURLToPath(import.meta.resolve(name)));
}

/** The renderers in report order (package name order). */
export const RENDERERS: readonly MatrixRenderer[] = [
  { name: '@tessera/renderer-codegen', load: () => import('@tessera/renderer-codegen') },
  { name: '@tessera/renderer-rust', load: () => import('@tessera/renderer-rust') },
  { name: '@tessera/renderer-string', load: () => import('@tessera/renderer-string') },
  { name: '@tessera/renderer-vdom', load: () => import('@tessera/renderer-vdom') },
];
