// Bundles the browser entry into dist/bundle/: `client.js` (the runtime every page loads) and the
// chunk with the local renderer (template compiler + vdom), loaded only by views that render locally.
// Fails when an output imports a Node built-in; prints the gzipped sizes (the budget test reads the same files).
import { build } from 'esbuild';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('..', import.meta.url));
const outdir = `${here}dist/bundle`;
rmSync(outdir, { recursive: true, force: true });

const result = await build({
  entryPoints: { client: `${here}src/browser.ts` },
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  minify: true,
  outdir,
  chunkNames: 'chunk-[hash]',
  metafile: true,
  logLevel: 'warning',
});

// The browser cannot load Node built-ins: fail the build if any output still imports one (a dependency
// whose browser-safe entry grew a `node:` import, for instance).
const nodeImports = Object.entries(result.metafile.outputs).flatMap(([file, output]) =>
  output.imports.filter((i) => i.path.startsWith('node:') || i.external).map((i) => `${file} imports ${i.path}`),
);
if (nodeImports.length > 0)
  throw new Error(`the browser bundle imports modules it cannot load:\n${nodeImports.join('\n')}`);

for (const name of readdirSync(outdir).sort()) {
  const body = readFileSync(`${outdir}/${name}`);
  console.log(`${name}: ${body.length} bytes, ${gzipSync(body, { level: 9 }).length} gzipped`);
}
