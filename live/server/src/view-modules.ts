/**
 * Views rendered in the browser as compiled code: when the server's renderer makes a view module
 * (codegen's `browserModule`: the view's generated mount/update code importing the helpers and filters
 * it uses), it is bundled once per view with esbuild into one minified file that holds only what the
 * code reaches, named by its content hash and served under ASSET_PREFIX. The client then loads that
 * file instead of the template compiler and vdom renderer.
 */
import { createHash } from 'node:crypto';
import { buildSync } from 'esbuild';

/** A renderer that compiles a prepared template to a browser module, or says why it cannot. */
export interface ModuleRenderer {
  browserModule(
    prepared: unknown,
  ): { readonly ok: true; readonly source: string; readonly resolveDir: string } | { readonly ok: false };
}

/** Whether `renderer` makes view modules. */
export function makesModules(renderer: object): renderer is ModuleRenderer {
  return typeof (renderer as Partial<ModuleRenderer>).browserModule === 'function';
}

/** Bundled view modules by file name (one per view template and renderer; content-hashed, never changed). */
const bundled = new Map<string, Uint8Array>();
/** File names by module source, so servers made again in one process (tests, restarts) bundle once. */
const names = new Map<string, string>();

/**
 * A view module's source bundled for the browser: one minified ES module holding the view's code and
 * only the part of its runtime that code reaches (bare specifiers resolved from `resolveDir`).
 */
export function bundleViewModule(source: string, resolveDir: string): Uint8Array {
  const result = buildSync({
    stdin: { contents: source, resolveDir, sourcefile: 'view.js' },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    write: false,
    logLevel: 'silent',
  });
  const body = result.outputFiles[0]?.contents;
  if (body === undefined) throw new Error('esbuild wrote no view module');
  return body;
}

/** The view module's file name for `prepared`, bundled on first use; null when the renderer makes none. */
export function viewModuleFor(renderer: ModuleRenderer, prepared: unknown): string | null {
  const made = renderer.browserModule(prepared);
  if (!made.ok) return null;
  const key = `${made.resolveDir}\0${made.source}`;
  const known = names.get(key);
  if (known !== undefined) return known;
  const body = bundleViewModule(made.source, made.resolveDir);
  const name = `view-${createHash('sha256').update(body).digest('base64url').slice(0, 22)}.js`;
  bundled.set(name, body);
  names.set(key, name);
  return name;
}

/** The body of view module `name`, if this process bundled it. */
export function viewModuleBody(name: string): Uint8Array | undefined {
  return bundled.get(name);
}
