import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { BENCH_DIR, REPO_DIR } from './paths.js';

const run = promisify(execFile);

/** The pinned requirements of the Python engines: the repository's one Python pin. */
export const REQUIREMENTS = join(REPO_DIR, 'python', 'requirements.txt');

/** The in-process Python bench (see its docstring). */
export const RUN_PY = join(BENCH_DIR, 'python', 'run.py');

/** The repository's virtual environment, created from REQUIREMENTS (shared with python/pyenv.py). */
export const VENV_DIR = join(REPO_DIR, '.venv');

/** A ready venv: its interpreter and the versions it reports. */
export interface PythonEnv {
  readonly python: string;
  readonly versions: { readonly python: string; readonly django: string; readonly jinja2: string };
}

/** Options of {@link ensurePythonEnv}. */
export interface PythonEnvOptions {
  /** Create or update the venv when it is missing or stale (pip needs the network once). */
  readonly create: boolean;
  /** The interpreter that creates the venv; default `$PYTHON`, then `python3`. */
  readonly basePython?: string;
  readonly log?: (line: string) => void;
}

const STAMP = join(VENV_DIR, 'requirements.sha256');

function venvPython(): string {
  return process.platform === 'win32' ? join(VENV_DIR, 'Scripts', 'python.exe') : join(VENV_DIR, 'bin', 'python');
}

function requirementsHash(): string {
  return createHash('sha256').update(readFileSync(REQUIREMENTS)).digest('hex');
}

function describe(error: unknown): string {
  const e = error as { stderr?: string; message?: string };
  const text = (e.stderr?.trim() || e.message || String(error)).split('\n').slice(-3).join(' ');
  return text.length > 400 ? `${text.slice(0, 400)}…` : text;
}

/**
 * Returns the bench venv, creating it (`python -m venv`, `pip install -r requirements.txt`) when asked and
 * needed, or the reason it cannot be used. Never throws: a machine without Python still gets a report.
 */
export async function ensurePythonEnv(options: PythonEnvOptions): Promise<PythonEnv | string> {
  const python = venvPython();
  const fresh = existsSync(python) && existsSync(STAMP) && readFileSync(STAMP, 'utf8') === requirementsHash();
  if (!fresh) {
    if (!options.create) {
      return `${VENV_DIR} is missing or does not match python/requirements.txt (npm run bench creates it)`;
    }
    const base = options.basePython ?? process.env['PYTHON'] ?? 'python3';
    try {
      options.log?.(`creating ${VENV_DIR} with ${base} and pip install -r python/requirements.txt`);
      if (!existsSync(python)) await run(base, ['-m', 'venv', VENV_DIR], { timeout: 120_000 });
      await run(python, ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '-r', REQUIREMENTS], {
        timeout: 600_000,
      });
      writeFileSync(STAMP, requirementsHash());
    } catch (error) {
      return `cannot create the Python venv with ${base}: ${describe(error)}`;
    }
  }
  try {
    const { stdout } = await run(python, [RUN_PY, 'versions'], { timeout: 60_000 });
    return { python, versions: JSON.parse(stdout) as PythonEnv['versions'] };
  } catch (error) {
    return `the Python venv does not run: ${describe(error)}`;
  }
}
