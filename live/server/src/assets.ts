/**
 * Serving the browser client's bundle files (`@tessera/live-client/bundle/*`) and the view modules
 * (view-modules.ts) under ASSET_PREFIX.
 */
import { readFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import { VIEW_MODULE } from '@tessera/live-protocol';
import { viewModuleBody } from './view-modules.js';

const bundleDir = fileURLToPath(new URL('.', import.meta.resolve('@tessera/live-client/bundle/client.js')));

/** Only plain script names (`client.js`, `chunk-AB12.js`): nothing that could leave the bundle folder. */
const ASSET_NAME = /^[\w-]+(\.[\w-]+)*\.js$/;

/** Serves bundle file `name` (the path after ASSET_PREFIX), or 404. */
export async function serveAsset(response: ServerResponse, name: string): Promise<void> {
  if (!ASSET_NAME.test(name)) {
    response.writeHead(404).end();
    return;
  }
  const view = VIEW_MODULE.test(name) ? viewModuleBody(name) : undefined;
  if (view !== undefined) {
    // Named by its content hash: the same name is always the same file.
    response
      .writeHead(200, {
        'content-type': 'text/javascript; charset=utf-8',
        'cache-control': 'public, max-age=31536000, immutable',
      })
      .end(view);
    return;
  }
  try {
    const body = await readFile(`${bundleDir}${name}`);
    response
      .writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-cache' })
      .end(body);
  } catch {
    response.writeHead(404).end();
  }
}
