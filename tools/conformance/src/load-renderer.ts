/** Finding a renderer module: a short name (`string` -> `@tessera/renderer-string`) or a path from the cwd. */
import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Renderer } from './types.js';

/** Thrown when a renderer cannot be loaded or does not look like a renderer. */
export class RendererLoadError extends Error {
  override readonly name = 'RendererLoadError';
}

/** Whether `spec` names a file rather than a package. */
export function isPathSpec(spec: string): boolean {
  return (
    spec.startsWith('.') || isAbsolute(spec) || /\.[cm]?js$/.test(spec) || (spec.includes('/') && !spec.startsWith('@'))
  );
}

/** The import specifier for `spec`: a file URL for paths (resolved from `cwd`), a package name otherwise. */
export function rendererSpecifier(spec: string, cwd: string = process.cwd()): string {
  if (isPathSpec(spec)) return pathToFileURL(resolve(cwd, spec)).href;
  if (spec.startsWith('@') || spec.includes('/')) return spec;
  return `@tessera/renderer-${spec}`;
}

/** Check that a module's export is a renderer, naming what is missing. */
export function asRenderer(candidate: unknown, from: string): Renderer {
  const r = candidate as Partial<Renderer> | null | undefined;
  const problems: string[] = [];
  if (!r || typeof r !== 'object')
    throw new RendererLoadError(
      `${from}: exports no renderer (expected a default export or a named export "renderer")`,
    );
  if (typeof r.name !== 'string') problems.push('name: string');
  if (typeof r.prepare !== 'function') problems.push('prepare(template)');
  if (typeof r.render !== 'function') problems.push('render(prepared, context)');
  if (problems.length > 0) throw new RendererLoadError(`${from}: not a renderer, missing ${problems.join(', ')}`);
  return r as Renderer;
}

/** Import a renderer module and return its `renderer` (or default) export. */
export async function loadRenderer(spec: string, cwd: string = process.cwd()): Promise<Renderer> {
  const specifier = rendererSpecifier(spec, cwd);
  let mod: Record<string, unknown>;
  try {
    mod = (await import(specifier)) as Record<string, unknown>;
  } catch (e) {
    throw new RendererLoadError(`cannot import renderer ${specifier}: ${(e as Error).message}`, { cause: e });
  }
  return asRenderer(mod['renderer'] ?? mod['default'], specifier);
}
