#!/usr/bin/env node
// The `tessera-codegen` command. npm links bins when it installs a package, before anything is
// built, so the linked file is this committed one; it runs the CLI that `npm run build` compiles.
let cli;
try {
  cli = await import('../dist/cli.js');
} catch (error) {
  if (error?.code !== 'ERR_MODULE_NOT_FOUND') throw error;
  console.error(`tessera-codegen is not built: ${error.message}\nRun \`npm run build\` at the repository root.`);
  process.exit(2);
}
const write = (stream) => (text) => stream.write(text);
process.exitCode = cli.main(process.argv.slice(2), write(process.stdout), write(process.stderr));
