/**
 * The renderer a live server uses: a `LiveRenderer` object (the contract of `@tessera/template`), or the
 * name of a built-in one. Built-in renderer packages are optional peer dependencies of `@tessera/live`,
 * imported only when named, so an app installs just the renderer it uses.
 */
import type { LiveRenderer } from '@tessera/template';

export type { LiveDocument, LiveRenderer } from '@tessera/template';

/** The built-in renderers by name, with the package each one needs installed. */
export const RENDERER_PACKAGES = {
  codegen: '@tessera/renderer-codegen',
  vdom: '@tessera/renderer-vdom',
  rust: '@tessera/renderer-rust',
} as const;

/** A built-in renderer name. */
export type RendererName = keyof typeof RENDERER_PACKAGES;

/** Whether `value` has the methods a live server calls. */
export function isLiveRenderer(value: unknown): value is LiveRenderer {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Record<string, unknown>;
  return typeof r['prepare'] === 'function' && typeof r['render'] === 'function' && typeof r['mount'] === 'function';
}

/** Node's error for a bare specifier that resolves to no installed package (not for a file missing inside one). */
function isNotInstalled(error: unknown, packageName: string): boolean {
  const { code, message } = error as { code?: unknown; message?: unknown };
  return code === 'ERR_MODULE_NOT_FOUND' && typeof message === 'string' && message.includes(`'${packageName}'`);
}

const firstLine = (error: unknown): string => String(error instanceof Error ? error.message : error).split('\n')[0]!;

/**
 * Checks a renderer object, or imports a built-in renderer by name. Throws a TypeError for a value that is
 * neither, and an Error naming the package when a named renderer is not installed (`npm install
 * @tessera/renderer-rust`) or does not load (an unbuilt native addon, for instance).
 */
export async function loadRenderer(choice: RendererName | LiveRenderer): Promise<LiveRenderer> {
  if (typeof choice !== 'string') {
    if (!isLiveRenderer(choice)) throw new TypeError('renderer must have prepare, render and mount');
    return choice;
  }
  if (!Object.hasOwn(RENDERER_PACKAGES, choice)) {
    throw new TypeError(`unknown renderer "${String(choice)}": pass a LiveRenderer object, or codegen, vdom or rust`);
  }
  const packageName = RENDERER_PACKAGES[choice];
  let module: Record<string, unknown>;
  try {
    // import-check: @tessera/renderer-codegen @tessera/renderer-vdom @tessera/renderer-rust
    module = (await import(packageName)) as Record<string, unknown>;
  } catch (err) {
    if (isNotInstalled(err, packageName)) {
      throw new Error(`renderer "${choice}" needs ${packageName}, which is not installed: npm install ${packageName}`, {
        cause: err,
      });
    }
    throw new Error(`renderer "${choice}": ${packageName} failed to load (is it built?): ${firstLine(err)}`, {
      cause: err,
    });
  }
  const renderer = module['renderer'] ?? module['default'];
  if (!isLiveRenderer(renderer)) throw new Error(`${packageName} does not export a LiveRenderer`);
  return renderer;
}
