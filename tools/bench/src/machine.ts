import { execFileSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
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

/** CPU, cores, Node, and the Python versions the Django engine reports ('unavailable' without it). */
export async function machineInfo(engines: readonly Engine[]): Promise<Machine> {
  const django = engines.find((e) => e.kind === 'process' && e.name === 'django');
  let versions: Record<string, string> = {};
  if (django?.kind === 'process' && (await django.available()) === true) versions = await django.versions();
  const all = cpus();
  return {
    cpu: `${all[0]?.model.trim() ?? 'unknown'} (${Math.round(totalmem() / 2 ** 30)} GiB RAM)`,
    cores: all.length,
    node: process.version,
    python: versions['python'] ?? 'unavailable',
    django: versions['django'] ?? 'unavailable',
    jinja2: versions['jinja2'] ?? 'unavailable',
  };
}
