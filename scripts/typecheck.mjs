#!/usr/bin/env node
// `npm run typecheck`: type-checks every package with its tests (each workspace's `tsconfig.json`, which
// includes `src` and `test`, unlike `tsconfig.build.json`) and the root `test/` folder, in one process.
// Declaration files of dependencies and of built workspaces are parsed once and shared between projects,
// which makes the whole check several times faster than one `tsc -p` per package.
// Prints each project's errors and ends with the `N passed, N failed` line scripts/test.mjs adds up.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import ts from 'typescript';

/** The workspace folders of the root package.json (`dir/*` globs and plain folders). */
function workspaceDirs() {
  const { workspaces } = JSON.parse(readFileSync('package.json', 'utf8'));
  return workspaces.flatMap((entry) =>
    entry.endsWith('/*') ? readdirSync(entry.slice(0, -2)).map((d) => join(entry.slice(0, -2), d)) : [entry],
  );
}

// Every workspace that builds TypeScript must have its type-check project too, or its tests go unchecked.
const dirs = [...workspaceDirs(), 'test'];
const missing = dirs.filter(
  (dir) => existsSync(join(dir, 'tsconfig.build.json')) && !existsSync(join(dir, 'tsconfig.json')),
);
const projects = dirs.map((dir) => join(dir, 'tsconfig.json')).filter((file) => existsSync(file));

// Files that no project edits (dependencies, the standard library, built `dist/` of workspaces) are parsed
// once; a project's own sources are always read fresh.
const shared = new Map();
const isShared = (file) => file.includes('/node_modules/') || file.includes('/dist/');

function hostFor(options) {
  const host = ts.createCompilerHost(options, true);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (file, language, onError, create) => {
    if (!isShared(file)) return getSourceFile(file, language, onError, create);
    const key = `${file}\0${typeof language === 'object' ? language.languageVersion : language}`;
    let source = shared.get(key);
    if (source === undefined) {
      source = getSourceFile(file, language, onError, create);
      shared.set(key, source);
    }
    return source;
  };
  return host;
}

const format = {
  getCanonicalFileName: (f) => f,
  getCurrentDirectory: () => process.cwd(),
  getNewLine: () => '\n',
};

let passed = 0;
let failed = missing.length;
for (const dir of missing)
  console.log(`FAIL ${dir}: has tsconfig.build.json but no tsconfig.json (src and test, noEmit)`);
for (const project of projects) {
  const config = ts.getParsedCommandLineOfConfigFile(
    resolve(project),
    {},
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} },
  );
  if (!config) {
    console.log(`${project}: cannot read the config`);
    failed += 1;
    continue;
  }
  const program = ts.createProgram({
    rootNames: config.fileNames,
    options: config.options,
    host: hostFor(config.options),
  });
  const diagnostics = [...config.errors, ...ts.getPreEmitDiagnostics(program)];
  if (diagnostics.length === 0) {
    passed += 1;
    console.log(`ok ${dirname(project)}`);
  } else {
    failed += 1;
    console.log(`FAIL ${dirname(project)}`);
    console.log(ts.formatDiagnostics(diagnostics, format));
  }
}
console.log(`typecheck: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
