#!/usr/bin/env node
/**
 * `tessera-codegen <template-dir> <name> [-o out.js] [--autoescape off]`: writes the JavaScript a
 * template compiles to, as an ES module (see `toModule`), to `out.js` or stdout.
 */
import { realpathSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { compile } from '@tessera/template';
import { FileSystemLoader } from '@tessera/template/node';
import { toModule } from './module.js';

const USAGE = 'usage: tessera-codegen <template-dir> <name> [-o out.js] [--autoescape on|off]';

/** Runs the CLI; returns the process exit code. */
export function main(argv: readonly string[], stdout: (text: string) => void, stderr: (text: string) => void): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        out: { type: 'string', short: 'o' },
        autoescape: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    stderr(`${(err as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    stdout(`${USAGE}\n`);
    return 0;
  }
  const [dir, name] = positionals;
  if (
    dir === undefined ||
    name === undefined ||
    positionals.length > 2 ||
    (values.autoescape !== undefined && !['on', 'off'].includes(values.autoescape))
  ) {
    stderr(`${USAGE}\n`);
    return 2;
  }
  try {
    const template = compile(name, new FileSystemLoader(dir));
    const source = toModule(
      template,
      values.autoescape === undefined ? {} : { autoescape: values.autoescape === 'on' },
    );
    if (values.out === undefined) stdout(source);
    else writeFileSync(values.out, source);
    return 0;
  } catch (err) {
    const e = err as Error;
    stderr(`${e.name}: ${e.message}\n`);
    return 1;
  }
}

// Run only when executed (also through the npm bin symlink), not when imported by tests.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) {
  process.exitCode = main(
    process.argv.slice(2),
    (t) => process.stdout.write(t),
    (t) => process.stderr.write(t),
  );
}
