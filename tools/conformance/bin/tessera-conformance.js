#!/usr/bin/env node
// The `tessera-conformance` command. npm links bins when it installs a package, before anything is
// built, so the linked file is this committed one; it runs the CLI that `npm run build` compiles.
let cli;
try {
  cli = await import('../dist/cli.js');
} catch (error) {
  if (error?.code !== 'ERR_MODULE_NOT_FOUND') throw error;
  console.error(`tessera-conformance is not built: ${error.message}\nRun \`npm run build\` at the repository root.`);
  process.exit(2);
}
process.exit(await cli.run(process.argv.slice(2)));
