import { Liquid } from 'liquidjs';
import { templateDir } from '../paths.js';
import type { JsEngine } from '../types.js';
import { floatformat } from './django-filters.js';

/** LiquidJS 10 (`{% layout %}` for inheritance), parsed once and rendered synchronously. */
export const liquidEngine: JsEngine = {
  kind: 'js',
  name: 'liquid',
  family: 'peer',
  compare: 'exact',
  available: async () => true,
  prepare: async (scenario) => {
    const engine = new Liquid({
      root: templateDir(scenario.name, 'liquid'),
      outputEscape: 'escape',
      cache: true,
    });
    engine.registerFilter('floatformat', floatformat);
    const template = engine.parseFileSync(`${scenario.entry}.liquid`);
    return {
      render: (context) => engine.renderSync(template, context) as string,
      ...(scenario.name === 'filtered' ? { note: 'floatformat as a custom filter' } : {}),
    };
  },
};
