import { Eta } from 'eta';
import { templateDir } from '../paths.js';
import type { JsEngine } from '../types.js';

/** Eta 4 (JavaScript in templates, `layout()` for inheritance); whitespace trimming off, as Django. */
export const etaEngine: JsEngine = {
  kind: 'js',
  name: 'eta',
  family: 'peer',
  compare: 'exact',
  available: async () => true,
  prepare: async (scenario) => {
    const eta = new Eta({ views: templateDir(scenario.name, 'eta'), autoEscape: true, autoTrim: false, cache: true });
    const entry = `./${scenario.entry}.eta`;
    return {
      render: (context) => eta.render(entry, context),
      ...(scenario.name === 'filtered' ? { note: 'filters written as inline JavaScript' } : {}),
    };
  },
};
