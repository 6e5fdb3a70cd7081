import { ensurePythonEnv, type PythonEnv, type PythonEnvOptions } from '../python-env.js';
import type { Engine } from '../types.js';
import { etaEngine } from './eta.js';
import { handlebarsEngine } from './handlebars.js';
import { handwrittenEngine } from './handwritten.js';
import { liquidEngine } from './liquid.js';
import { nunjucksEngine } from './nunjucks.js';
import { pythonEngine } from './python.js';
import { tesseraEngine } from './tessera.js';

/**
 * Every engine in report order: the references first (Django is the one every output is checked
 * against), then ours with the hand-written floor after codegen, then the npm peers. The Python venv
 * is looked up (or created) once, lazily.
 */
export function createEngines(python: PythonEnvOptions): Engine[] {
  let env: Promise<PythonEnv | string> | null = null;
  const pythonEnv = () => (env ??= ensurePythonEnv(python));
  return [
    pythonEngine('django', pythonEnv),
    pythonEngine('jinja2', pythonEnv),
    tesseraEngine('string', 'exact'),
    tesseraEngine('codegen', 'exact'),
    handwrittenEngine,
    tesseraEngine('vdom', 'dom'),
    tesseraEngine('rust', 'dom'),
    nunjucksEngine,
    liquidEngine,
    handlebarsEngine,
    etaEngine,
  ];
}
