import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { cpus, loadavg, release, totalmem, type as osType } from 'node:os';
import { REPO_DIR } from './paths.js';
import type { Machine } from './report/schema.js';
import type { Engine } from './types.js';

/** The checked-out commit, or `unknown` outside a git checkout. */
export function gitCommit(): string {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: REPO_DIR, encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

/** The npm packages whose versions a report states: the peers and the timer. */
const NPM_PACKAGES = ['nunjucks', 'liquidjs', 'handlebars', 'eta', 'tinybench', 'happy-dom'] as const;

const require = createRequire(import.meta.url);

/** The installed version of an npm package (its package.json, found from this module), or `unknown`. */
function npmVersion(name: string): string {
  try {
    const main = require.resolve(name);
    const root = main.slice(0, main.lastIndexOf(`/node_modules/${name}/`) + `/node_modules/${name}/`.length);
    return (require(`${root}package.json`) as { version?: string }).version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/** `os.loadavg()`, rounded to two decimals. */
export const loadAverage = (): number[] => loadavg().map((x) => Math.round(x * 100) / 100);

/**
 * CPU, cores, OS, Node, the load average at the start (`loadStart`) and end of the run, and every engine's
 * version: npm packages as installed, each available Python engine's own report (`django`, `jinja2`,
 * `djust`, ... ; `python` is Django's interpreter).
 */
export async function machineInfo(engines: readonly Engine[], loadStart: readonly number[]): Promise<Machine> {
  const versions: Record<string, string> = {};
  for (const name of NPM_PACKAGES) versions[name] = npmVersion(name);
  let python: Record<string, string> = {};
  for (const engine of engines) {
    if (engine.kind !== 'process' || (await engine.available()) !== true) continue;
    const reported = await engine.versions();
    if (engine.name === 'django') python = reported;
    for (const [key, value] of Object.entries(reported)) {
      // Each venv reports its interpreter: Django's is `python`; another one is named when it differs.
      if (key !== 'python' || engine.name === 'django') versions[key] = value;
      else if (value !== versions['python']) versions[`python (${engine.name})`] = value;
    }
  }
  const all = cpus();
  return {
    cpu: `${all[0]?.model.trim() ?? 'unknown'} (${Math.round(totalmem() / 2 ** 30)} GiB RAM)`,
    cores: all.length,
    os: `${osType()} ${release()}`,
    node: process.version,
    python: python['python'] ?? 'unavailable',
    django: python['django'] ?? 'unavailable',
    jinja2: python['jinja2'] ?? 'unavailable',
    loadAverage: { start: [...loadStart], end: loadAverage() },
    versions,
  };
}
