import { djustVenv, ensurePythonEnv, type PythonEnv, type PythonEnvOptions } from '../python-env.js';
import type { Engine } from '../types.js';
import { djustEngine } from './djust.js';
import { etaEngine } from './eta.js';
import { handlebarsEngine } from './handlebars.js';
import { handwrittenEngine } from './handwritten.js';
import { liquidEngine } from './liquid.js';
import { nunjucksEngine } from './nunjucks.js';
import { pythonEngine } from './python.js';
import { importRust, tesseraEngine } from './tessera.js';

/**
 * Every engine in report order: the references first (Django is the one every output is checked
 * against), then ours with the hand-written floor after codegen, then the npm peers and djust. Each
 * Python venv (the main one; djust's) is looked up (or created) once, lazily.
 */
export function createEngines(python: PythonEnvOptions): Engine[] {
  let env: Promise<PythonEnv | string> | null = null;
  let djust: Promise<PythonEnv | string> | null = null;
  const pythonEnv = () => (env ??= ensurePythonEnv(python));
  const djustEnv = () => (djust ??= ensurePythonEnv(python, djustVenv(python)));
  return [
    pythonEngine('django', pythonEnv),
    pythonEngine('jinja2', pythonEnv),
    tesseraEngine('string', 'exact', () => import('@tessera/renderer-string')),
    tesseraEngine('codegen', 'exact', () => import('@tessera/renderer-codegen')),
    handwrittenEngine,
    tesseraEngine('vdom', 'dom', () => import('@tessera/renderer-vdom')),
    tesseraEngine('rust', 'dom', importRust),
    nunjucksEngine,
    liquidEngine,
    handlebarsEngine,
    etaEngine,
    djustEngine(djustEnv),
  ];
}
