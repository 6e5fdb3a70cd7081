#!/usr/bin/env node
// Every package imports only what its package.json declares, and a renderer never imports another renderer.
//
// `node scripts/check-imports.mjs [--root <dir>]` reads every TS/JS file of the repository (the files git
// tracks or would track), finds each package it imports (static and dynamic imports, `export … from`,
// `require`, `import.meta.resolve`, `import()` types), and checks it against the package.json of the
// workspace the file belongs to:
// - a package's shipped code (the files its tsconfig.build.json compiles) may import its dependencies,
//   peerDependencies and optionalDependencies;
// - its tests, fixtures and scripts may also import its devDependencies and the root's devDependencies
//   (the repository's shared test tooling: vitest, happy-dom, fast-check, typescript);
// - files outside every workspace (the root's `test/`, `scripts/`) may import the root's dependencies and
//   any workspace package;
// - a package under `renderers/` imports no other `@tessera/renderer-*`;
// - a package under `core/` imports no `@tessera/renderer-*` at all: what renderers share (the template
//   frontend, value semantics, the prepare-time HTML analysis of `@tessera/markup`) sits below them;
// - no file reaches into another workspace by a relative path: packages are imported by name.
// An `import()` of a computed specifier is invisible to this check, so in shipped code it must carry a
// comment on its line or the line above: `// import-check: <package> …` naming every package it may load
// (each checked as above), or `// import-check: any <reason>` for a module named at run time by the user.
// Prints one line per problem and exits 1 when there is any.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, posix, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import ts from 'typescript';

const SOURCE = /\.(?:[cm]?[jt]sx?)$/;
const SKIP_DIRS = new Set(['node_modules', 'dist', 'target', '.git', '.turbo', '.venv', '__pycache__']);
const builtins = new Set(builtinModules);

const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));
const keys = (...maps) => maps.flatMap((map) => Object.keys(map ?? {}));

/** The repository's source files, relative to `root`, with `/` separators. */
function sourceFiles(root) {
  if (existsSync(join(root, '.git'))) {
    const out = execFileSync('git', ['-C', root, 'ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
      encoding: 'utf8',
      maxBuffer: 1 << 26,
    });
    return out
      .split('\0')
      .filter((file) => SOURCE.test(file) && existsSync(join(root, file)))
      .filter((file) => !file.split('/').some((part) => SKIP_DIRS.has(part)));
  }
  const files = [];
  const walk = (dir) => {
    for (const name of readdirSync(join(root, dir))) {
      const path = dir ? `${dir}/${name}` : name;
      if (statSync(join(root, path)).isDirectory()) {
        if (!SKIP_DIRS.has(name)) walk(path);
      } else if (SOURCE.test(name)) files.push(path);
    }
  };
  walk('');
  return files;
}

/** The workspace folders of the root package.json (`dir/*` globs and plain folders), relative to `root`. */
function workspaces(root, rootPkg) {
  return (rootPkg.workspaces ?? [])
    .flatMap((entry) => {
      if (!entry.endsWith('/*')) return [entry];
      const base = entry.slice(0, -2);
      return existsSync(join(root, base)) ? readdirSync(join(root, base)).map((d) => `${base}/${d}`) : [];
    })
    .filter((dir) => existsSync(join(root, dir, 'package.json')));
}

/** The files (relative to `root`) that a workspace's build compiles: its tsconfig.build.json's file list. */
function shippedFiles(root, dir) {
  const config = join(root, dir, 'tsconfig.build.json');
  if (!existsSync(config)) return new Set();
  const { config: json, error } = ts.readConfigFile(config, ts.sys.readFile);
  if (error) throw new Error(`${config}: ${ts.flattenDiagnosticMessageText(error.messageText, '\n')}`);
  const parsed = ts.parseJsonConfigFileContent(json, ts.sys, join(root, dir));
  return new Set(parsed.fileNames.map((file) => relative(root, file).split(sep).join('/')));
}

/** The package a bare specifier names (`@scope/name/sub` -> `@scope/name`), or null for paths, URLs and built-ins. */
export function packageOf(specifier) {
  if (/^[./#]/.test(specifier) || specifier.includes(':') || builtins.has(specifier.split('/')[0])) return null;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

const literal = (node) =>
  node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) ? node.text : null;

/**
 * Every module specifier in `source`: `{ specifier, line }` for literals, `{ computed: true, line }` for an
 * `import()` whose argument is not a literal.
 */
export function importsOf(source, fileName) {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true);
  const found = [];
  const at = (node) => file.getLineAndCharacterOfPosition(node.getStart(file)).line;
  const add = (node, specifier) => found.push({ specifier, line: at(node) });
  const visit = (node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && literal(node.moduleSpecifier)) {
      add(node, literal(node.moduleSpecifier));
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      const spec = literal(node.moduleReference.expression);
      if (spec) add(node, spec);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      const spec = literal(node.argument.literal);
      if (spec) add(node, spec);
    } else if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const spec = literal(node.arguments[0]);
      if (callee.kind === ts.SyntaxKind.ImportKeyword) {
        if (spec) add(node, spec);
        else found.push({ computed: true, line: at(node) });
      } else if (spec && ts.isIdentifier(callee) && callee.text === 'require') {
        add(node, spec);
      } else if (spec && ts.isPropertyAccessExpression(callee) && callee.name.text === 'resolve') {
        const target = callee.expression.getText(file);
        if (target === 'import.meta' || target === 'require') add(node, spec);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

/** The `import-check:` directive on `line` or the line above, as a list of words, or null. */
function directive(lines, line) {
  for (const text of [lines[line], lines[line - 1]]) {
    const match = /import-check:\s*(.*?)\s*(?:\*\/)?$/.exec(text ?? '');
    if (match) return match[1].split(/\s+/).filter(Boolean);
  }
  return null;
}

/** Every problem of the repository at `root`, as `file:line: message` lines. */
export function checkImports(root) {
  const rootPkg = readJson(join(root, 'package.json'));
  const dirs = workspaces(root, rootPkg);
  const packages = dirs.map((dir) => ({
    dir,
    pkg: readJson(join(root, dir, 'package.json')),
    shipped: shippedFiles(root, dir),
  }));
  const workspaceNames = packages.map(({ pkg }) => pkg.name);
  const rootDev = keys(rootPkg.devDependencies);
  const problems = [];
  let checked = 0;
  for (const file of sourceFiles(root)) {
    const owner = packages
      .filter(({ dir }) => file.startsWith(`${dir}/`))
      .sort((a, b) => b.dir.length - a.dir.length)[0];
    const shipped = owner?.shipped.has(file) === true;
    let allowed;
    if (!owner) {
      allowed = new Set([...keys(rootPkg.dependencies, rootPkg.devDependencies), ...workspaceNames]);
    } else {
      const { pkg } = owner;
      const runtime = keys(pkg.dependencies, pkg.peerDependencies, pkg.optionalDependencies);
      allowed = new Set([pkg.name, ...runtime, ...(shipped ? [] : [...keys(pkg.devDependencies), ...rootDev])]);
    }
    const where = shipped ? ' in dependencies, peerDependencies or optionalDependencies' : '';
    const isRenderer = owner?.dir.startsWith('renderers/') === true;
    const isCore = owner?.dir.startsWith('core/') === true;
    const source = readFileSync(join(root, file), 'utf8');
    const lines = source.split('\n');
    checked += 1;
    const check = (name, line) => {
      const at = `${file}:${line + 1}`;
      if (!allowed.has(name)) {
        const pkgFile = owner ? `${owner.dir}/package.json` : 'the root package.json';
        problems.push(`${at}: imports ${name}, which ${pkgFile} does not declare${where}`);
      } else if (isRenderer && name.startsWith('@tessera/renderer-') && name !== owner.pkg.name) {
        problems.push(`${at}: a renderer imports another renderer (${name})`);
      } else if (isCore && name.startsWith('@tessera/renderer-')) {
        problems.push(`${at}: a core package imports a renderer (${name})`);
      }
    };
    for (const found of importsOf(source, file)) {
      if (!found.computed) {
        const name = packageOf(found.specifier);
        if (name !== null) check(name, found.line);
        else if (found.specifier.startsWith('.')) {
          const target = posix.join(posix.dirname(file), found.specifier);
          const other = packages.find(({ dir }) => target.startsWith(`${dir}/`) || target === dir);
          if (other && other !== owner)
            problems.push(`${file}:${found.line + 1}: reaches into ${other.dir} by path; import ${other.pkg.name}`);
        }
        continue;
      }
      const words = directive(lines, found.line);
      if (words === null) {
        if (shipped) {
          problems.push(
            `${file}:${found.line + 1}: import() of a computed specifier needs an "import-check:" comment naming what it loads`,
          );
        }
      } else if (words[0] === 'any') {
        if (words.length < 2) problems.push(`${file}:${found.line + 1}: "import-check: any" needs a reason after it`);
      } else {
        if (words.length === 0) problems.push(`${file}:${found.line + 1}: "import-check:" names no package`);
        for (const name of words) check(name, found.line);
      }
    }
  }
  return { problems, files: checked, packages: packages.length };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { root: { type: 'string' } } });
  const root = resolve(values.root ?? '.');
  const { problems, files, packages } = checkImports(root);
  for (const problem of problems) console.log(problem);
  console.log(`imports of ${files} files in ${packages} packages checked: ${problems.length} problem(s)`);
  process.exit(problems.length === 0 ? 0 : 1);
}
