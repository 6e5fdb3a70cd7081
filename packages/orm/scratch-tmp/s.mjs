import { sqliteKnex, buildLibrary, LIBRARY_MODELS } from '/work/main/datasets/dist/index.js';
import { optimize, naiveLoad, countQueries, planFor, planStats } from '/work/main/packages/orm/dist/index.js';
import { compile, MemoryLoader } from '/work/main/packages/template/dist/index.js';
import renderer from '/work/main/renderers/string/dist/index.js';
import { initialize } from 'objection';
const k = sqliteKnex();
await buildLibrary(k, 20);
const bound = Object.fromEntries(LIBRARY_MODELS.map(m => [m.name, m.bindKnex(k)]));
await initialize(k, Object.values(bound));
const B = bound.Book;
const tpl = compile('list.html', new MemoryLoader({'list.html': `{% for b in books %}<li>{{ b.title }} by {{ b.author.name }} ({{ b.publisher.name }}) [{% for t in b.tags %}{{ t.name }}{% if not forloop.last %}, {% endif %}{% endfor %}] {{ b.reviews|length }} reviews</li>
{% endfor %}`}));
const prepared = renderer.prepare(tpl);
const c = countQueries(k);
const naive = await naiveLoad(B.query().orderBy('books.id').limit(5), tpl, 'books');
console.log('naive q', c.queries, c.rows);
const ref = renderer.render(prepared, { books: naive });
console.log(ref.slice(0, 300));
for (const strategy of ['joined','fetched','auto']) {
  c.reset();
  const rows = await optimize(B.query().orderBy('books.id').limit(5), tpl, { variable: 'books', strategy });
  const out = renderer.render(prepared, { books: rows });
  console.log(strategy, c.queries, c.rows, out === ref);
  if (out !== ref) console.log(out.slice(0,300));
  for (const s of c.statements) console.log('   ', s.sql);
}
console.log(planStats(planFor(B, tpl, 'books').root));
await k.destroy();
