import { templateDir } from '../paths.js';
import type { JsEngine } from '../types.js';
import { floatformat, truncatechars } from './django-filters.js';

/**
 * Nunjucks 3 on Jinja-style templates; `truncatechars` and `floatformat` are added as filters. Isolated, and
 * its library imported only where it runs: its `SafeString` is made with `Object.create(String.prototype)`,
 * and once `String.prototype` is the prototype of an ordinary object, V8's `charCodeAt` is several times
 * slower in the whole process (6.6x in a loop over a string, on Node 20), which slowed every engine measured
 * after it that reads strings a character at a time.
 */
export const nunjucksEngine: JsEngine = {
  kind: 'js',
  name: 'nunjucks',
  family: 'peer',
  compare: 'exact',
  isolate: true,
  available: async () => true,
  prepare: async (scenario) => {
    const { default: nunjucks } = await import('nunjucks');
    const env = new nunjucks.Environment(new nunjucks.FileSystemLoader(templateDir(scenario.name, 'nunjucks')), {
      autoescape: true,
    });
    env.addFilter('truncatechars', truncatechars);
    env.addFilter('floatformat', floatformat);
    const template = env.getTemplate(`${scenario.entry}.html`, true);
    return {
      render: (context) => template.render(context),
      ...(scenario.name === 'filtered' ? { note: 'truncatechars, floatformat as custom filters' } : {}),
    };
  },
};
