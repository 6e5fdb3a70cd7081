// Bundles the browser entry into dist/bundle/: `client.js` (the runtime every page loads) and the
// chunk with the local renderer (template compiler + vdom), loaded only by views that render locally.
// Prints the gzipped sizes; the budget test reads the same files.
import { build } from 'esbuild';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('..', import.meta.url));
const outdir = `${here}dist/bundle`;
rmSync(outdir, { recursive: true, force: true });

// The template package's FileSystemLoader imports node:fs and node:path; the browser only uses
// MemoryLoader, so those imports resolve to a module whose functions say they are unavailable.
const nodeStubs = {
  name: 'node-stubs',
  setup(b) {
    b.onResolve({ filter: /^node:/ }, (args) => ({ path: args.path, namespace: 'node-stub' }));
    b.onLoad({ filter: /.*/, namespace: 'node-stub' }, (args) => ({
      contents: `const unavailable = () => { throw new Error(${JSON.stringify(args.path + ' is not available in the browser')}); };
        export const readFileSync = unavailable, statSync = unavailable, resolve = unavailable; export const sep = '/';`,
      loader: 'js',
    }));
  },
};

await build({
  entryPoints: { client: `${here}src/browser.ts` },
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  minify: true,
  outdir,
  chunkNames: 'chunk-[hash]',
  plugins: [nodeStubs],
  logLevel: 'warning',
});

for (const name of readdirSync(outdir).sort()) {
  const body = readFileSync(`${outdir}/${name}`);
  console.log(`${name}: ${body.length} bytes, ${gzipSync(body, { level: 9 }).length} gzipped`);
}
