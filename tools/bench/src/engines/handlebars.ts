import { readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import Handlebars from 'handlebars';
import { templateDir } from '../paths.js';
import type { JsEngine } from '../types.js';
import { floatformat, truncatechars } from './django-filters.js';

/**
 * Handlebars 4: inheritance through a partial block with inline partials; filters are helpers.
 * `ignoreStandalone` keeps the whitespace around block tags, as Django does.
 */
export const handlebarsEngine: JsEngine = {
  kind: 'js',
  name: 'handlebars',
  family: 'peer',
  compare: 'exact',
  available: async () => true,
  prepare: async (scenario) => {
    const dir = templateDir(scenario.name, 'handlebars');
    const hbs = Handlebars.create();
    const options = { ignoreStandalone: true } as const;
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.hbs'))) {
      if (basename(file, '.hbs') === scenario.entry) continue;
      hbs.registerPartial(basename(file, '.hbs'), hbs.compile(readFileSync(join(dir, file), 'utf8'), options));
    }
    hbs.registerHelper('upper', (value: unknown) => String(value).toUpperCase());
    hbs.registerHelper('truncatechars', truncatechars);
    hbs.registerHelper('floatformat', floatformat);
    hbs.registerHelper('add', (value: unknown, n: unknown) => Number(value) + Number(n));
    hbs.registerHelper('cycle', (index: unknown, ...values: unknown[]) => values[Number(index) % (values.length - 1)]);
    const template = hbs.compile(readFileSync(join(dir, `${scenario.entry}.hbs`), 'utf8'), options);
    return {
      render: (context) => template(context),
      ...(scenario.name === 'filtered' ? { note: 'upper, truncatechars, floatformat, add, cycle as helpers' } : {}),
    };
  },
};
