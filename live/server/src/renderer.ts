/**
 * The live renderers the server can use, by name. Renderer packages are loaded by dynamic import so
 * that `rust` is only required when chosen.
 */
import type { LiveRenderer } from '@tessera/template';

export type { LiveDocument, LiveRenderer } from '@tessera/template';

/** Built-in renderer names. */
export type RendererName = 'vdom' | 'rust';

const packages: Record<RendererName, string> = {
  vdom: '@tessera/renderer-vdom',
  rust: '@tessera/renderer-rust',
};

function isLiveRenderer(value: unknown): value is LiveRenderer {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Record<string, unknown>;
  return typeof r['prepare'] === 'function' && typeof r['render'] === 'function' && typeof r['mount'] === 'function';
}

/** Loads a renderer by name, or checks a renderer object. Throws a clear Error when it is unavailable. */
export async function loadRenderer(choice: RendererName | LiveRenderer): Promise<LiveRenderer> {
  if (typeof choice !== 'string') {
    if (!isLiveRenderer(choice)) throw new TypeError('renderer must have prepare, render and mount');
    return choice;
  }
  if (!Object.hasOwn(packages, choice)) throw new TypeError(`unknown renderer "${String(choice)}" (vdom or rust)`);
  let module: Record<string, unknown>;
  try {
    module = (await import(packages[choice])) as Record<string, unknown>;
  } catch (err) {
    throw new Error(`renderer "${choice}" is not available: build ${packages[choice]} first`, { cause: err });
  }
  const renderer = module['renderer'] ?? module['default'];
  if (!isLiveRenderer(renderer)) throw new Error(`${packages[choice]} does not export a LiveRenderer`);
  return renderer;
}
