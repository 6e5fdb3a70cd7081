import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { BENCH_DIR, REPO_DIR } from './paths.js';

const run = promisify(execFile);

/** The pinned requirements of the Python engines: the repository's one Python pin. */
export const REQUIREMENTS = join(REPO_DIR, 'python', 'requirements.txt');

/** djust's pins: `-r requirements.txt` (the same Django) plus djust and its exact dependencies. */
export const REQUIREMENTS_DJUST = join(REPO_DIR, 'python', 'requirements-djust.txt');

/** The in-process Python bench (see its docstring). */
export const RUN_PY = join(BENCH_DIR, 'python', 'run.py');

/** The djust engine's side of it (tools/bench/python/djust_run.py), run in the djust venv. */
export const DJUST_PY = join(BENCH_DIR, 'python', 'djust_run.py');

/** The repository's virtual environment, created from REQUIREMENTS (shared with python/pyenv.py). */
export const VENV_DIR = join(REPO_DIR, '.venv');

/** The benchmark's djust venv, created from REQUIREMENTS_DJUST with a CPython 3.11 (python/pyenv.py). */
export const VENV_DJUST_DIR = join(REPO_DIR, '.venv-djust');

/** One of the two venvs of python/pyenv.py. */
export interface VenvSpec {
  readonly requirements: string;
  readonly dir: string;
  /** The script whose `versions` command reports what the venv holds. */
  readonly script: string;
  /** The base interpreter; returns a reason when none fits. */
  readonly base: () => Promise<string | { reason: string }>;
}

/** A ready venv: its interpreter and the versions it reports. */
export interface PythonEnv {
  readonly python: string;
  readonly versions: Readonly<Record<string, string>> & { readonly python: string; readonly django: string };
}

/** Options of {@link ensurePythonEnv}. */
export interface PythonEnvOptions {
  /** Create or update the venv when it is missing or stale (pip needs the network once). */
  readonly create: boolean;
  /** The interpreter that creates the venv; default `$PYTHON`, then `python3`. */
  readonly basePython?: string;
  /** The interpreter of the djust venv; default `$PYTHON_DJUST`, then `python3.11`; it must be CPython 3.11. */
  readonly djustPython?: string;
  readonly log?: (line: string) => void;
}

/** The main venv (Django, Jinja2). */
export function mainVenv(options: PythonEnvOptions): VenvSpec {
  const base = options.basePython ?? process.env['PYTHON'] ?? 'python3';
  return { requirements: REQUIREMENTS, dir: VENV_DIR, script: RUN_PY, base: async () => base };
}

/**
 * The djust venv: djust 1.2.6 has one wheel, for CPython 3.11, so the base interpreter must be one: the
 * first of `djustPython` / `$PYTHON_DJUST`, `python3.11`, `python3` that is.
 */
export function djustVenv(options: PythonEnvOptions): VenvSpec {
  const named = options.djustPython ?? process.env['PYTHON_DJUST'];
  const candidates = named === undefined ? ['python3.11', 'python3'] : [named];
  return {
    requirements: REQUIREMENTS_DJUST,
    dir: VENV_DJUST_DIR,
    script: DJUST_PY,
    base: async () => {
      const probe = 'import platform,sys;print(platform.python_implementation(),"%d.%d"%sys.version_info[:2])';
      const seen: string[] = [];
      for (const candidate of candidates) {
        try {
          const { stdout } = await run(candidate, ['-c', probe], { timeout: 30_000 });
          if (stdout.trim() === 'CPython 3.11') return candidate;
          seen.push(`${candidate} is ${stdout.trim()}`);
        } catch (error) {
          seen.push(`${candidate}: ${describe(error)}`);
        }
      }
      return { reason: `no CPython 3.11 (djust 1.2.6 ships only a cp311 wheel): ${seen.join('; ')}` };
    },
  };
}

function venvPython(dir: string): string {
  return process.platform === 'win32' ? join(dir, 'Scripts', 'python.exe') : join(dir, 'bin', 'python');
}

/** The requirements file, then every file it includes with `-r`, in order (as python/pyenv.py reads them). */
export function requirementsFiles(path: string): string[] {
  const files = [path];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const text = line.trim();
    if (text.startsWith('-r ')) files.push(...requirementsFiles(join(dirname(path), text.slice(3).trim())));
  }
  return files;
}

/** The stamp python/pyenv.py writes: SHA-256 over the requirements file and its includes. */
export function requirementsHash(path: string): string {
  const hash = createHash('sha256');
  for (const file of requirementsFiles(path)) hash.update(readFileSync(file));
  return hash.digest('hex');
}

function describe(error: unknown): string {
  const e = error as { stderr?: string; message?: string };
  const text = (e.stderr?.trim() || e.message || String(error)).split('\n').slice(-3).join(' ');
  return text.length > 400 ? `${text.slice(0, 400)}…` : text;
}

/**
 * Returns a venv (the main one by default), creating it (`python -m venv`, `pip install -r ...`) when
 * asked and needed, or the reason it cannot be used. Never throws: a machine without Python still gets a
 * report.
 */
export async function ensurePythonEnv(
  options: PythonEnvOptions,
  spec = mainVenv(options),
): Promise<PythonEnv | string> {
  const python = venvPython(spec.dir);
  const stamp = join(spec.dir, 'requirements.sha256');
  const wanted = requirementsHash(spec.requirements);
  const fresh = existsSync(python) && existsSync(stamp) && readFileSync(stamp, 'utf8') === wanted;
  const file = spec.requirements.slice(REPO_DIR.length + 1);
  if (!fresh) {
    if (!options.create) return `${spec.dir} is missing or does not match ${file} (npm run bench creates it)`;
    const base = await spec.base();
    if (typeof base !== 'string') return base.reason;
    try {
      options.log?.(`creating ${spec.dir} with ${base} and pip install -r ${file}`);
      if (!existsSync(python)) await run(base, ['-m', 'venv', spec.dir], { timeout: 120_000 });
      await run(python, ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '-r', spec.requirements], {
        timeout: 600_000,
      });
      writeFileSync(stamp, wanted);
    } catch (error) {
      return `cannot create the Python venv ${spec.dir} with ${base}: ${describe(error)}`;
    }
  }
  try {
    const { stdout } = await run(python, [spec.script, 'versions'], { timeout: 60_000 });
    return { python, versions: JSON.parse(stdout) as PythonEnv['versions'] };
  } catch (error) {
    return `the Python venv ${spec.dir} does not run: ${describe(error)}`;
  }
}
