import nunjucks from 'nunjucks';
import { templateDir } from '../paths.js';
import type { JsEngine } from '../types.js';
import { floatformat, truncatechars } from './django-filters.js';

/** Nunjucks 3 on Jinja-style templates; `truncatechars` and `floatformat` are added as filters. */
export const nunjucksEngine: JsEngine = {
  kind: 'js',
  name: 'nunjucks',
  family: 'peer',
  compare: 'exact',
  available: async () => true,
  prepare: async (scenario) => {
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
