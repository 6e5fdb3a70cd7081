#!/usr/bin/env node
// Differential fuzzing: `node scripts/fuzz.mjs [--seed S] [--count N] [--django N] [--show K] [--json out.json]`
//
// Generates `count` cases with @tessera/fuzz from seeds S, S+1, ... and runs each through the four renderers
// (render, and for the live ones mount + update + patches applied to a DOM). With `--django N`, the first N
// cases are also rendered by real Django 5.2 (tools/fuzz/scripts/django_worker.py, one Python process fed in
// batches, the conformance suite's settings and frozen clock), and every renderer is compared with it.
// Needs `npm run build` first (and the repository's Python venv for --django, created on first use).
// Prints the disagreements (the first `show` of them in full), a summary, and exits 1 on any disagreement
// that is not a documented difference (core/template/README.md, "Deliberate differences from Django").
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { suiteCompileOptions } from '@tessera/conformance';
import { describeOutcome, disagreeing, fuzzCase, runCase, sameOutcome } from '@tessera/fuzz';
import codegen from '@tessera/renderer-codegen';
import rust from '@tessera/renderer-rust';
import string from '@tessera/renderer-string';
import vdom from '@tessera/renderer-vdom';

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: String(Date.now() % 1_000_000_000) },
    count: { type: 'string', default: '1000' },
    django: { type: 'string', default: '0' },
    show: { type: 'string', default: '5' },
    json: { type: 'string' },
  },
});
const seed = Number(values.seed);
const count = Number(values.count);
const djangoCount = Number(values.django);
const show = Number(values.show);
const renderers = [string, codegen, vdom, rust];
const options = suiteCompileOptions();

// Django's answers, one Python process fed in batches of cases.
async function djangoOutcomes(cases) {
  const worker = spawn('python3', ['tools/fuzz/scripts/django_worker.py'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: worker.stdout });
  const answers = [];
  lines.on('line', (line) => answers.push(JSON.parse(line)));
  const done = new Promise((resolve, reject) => {
    worker.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`django_worker.py exited with ${code}`))));
  });
  for (let i = 0; i < cases.length; i += 200) {
    worker.stdin.write(
      `${JSON.stringify(cases.slice(i, i + 200).map((c) => ({ templates: c.templates, context: c.context })))}\n`,
    );
  }
  worker.stdin.end();
  await done;
  return answers.flat();
}

const byRenderer = Object.fromEntries(renderers.map((r) => [r.name, 0]));
const vsDjango = Object.fromEntries(renderers.map((r) => [r.name, 0]));
const failures = [];
let compiled = 0;
let liveChecked = 0;
let liveSkipped = 0;
const cases = [];
const results = [];
for (let i = 0; i < count; i++) {
  const c = fuzzCase(seed + i);
  const result = runCase(c, renderers, options);
  cases.push(c);
  results.push(result);
  if (result.compileError) continue;
  compiled++;
  for (const v of Object.values(result.live)) {
    if ('skipped' in v) liveSkipped++;
    else liveChecked++;
  }
  const bad = disagreeing(result);
  for (const name of bad) byRenderer[name]++;
  if (bad.length) failures.push({ c, result, bad });
}

// The documented differences from Django (core/template/README.md) a disagreement may be, or null.
function documented(c, ours, want, isRule) {
  if (isRule && sameOutcome(ours, isRule)) return 'is on str, int and float';
  const sources = Object.values(c.templates).join('\n');
  const raised = (o, name) => 'error' in o && o.error === name;
  if (raised(ours, 'TypeError') && 'error' in want && sources.includes('{% filter '))
    return '{% filter %} TypeError raised before the node list is joined';
  if ((raised(ours, 'RecursionError') || raised(want, 'RecursionError')) && sources.includes('include'))
    return 'recursion limit';
  if (/\{% (?:el)?if [^%]*block\.super/.test(sources)) return 'block.super after it raised in a condition';
  // Django keeps {% ifchanged %} memory in the forloop dict, under the node object (printed with its address).
  // `{% ifchanged forloop %}` only compares the dict with itself, so the memory shows only where forloop is
  // printed or filtered outside an ifchanged tag.
  const outsideIfchanged = sources.replace(/\{% ifchanged [^%]*%\}/g, '');
  if (sources.includes('{% ifchanged') && /\bforloop\b(?!\.)/.test(outsideIfchanged))
    return 'forloop printed with ifchanged memory';
  // Django keeps one {% ifchanged %} memory per include tag (each loads its own Template); Tessera one per
  // template (core/template/README.md).
  const page = Object.entries(c.templates)
    .filter(([name]) => name !== 'inc.html' && name !== 'rec.html')
    .map(([, source]) => source)
    .join('\n');
  if (
    (c.templates['inc.html'] ?? '').includes('{% ifchanged') &&
    page.includes('{% for ') &&
    (page.match(/\{% include (?!"rec)/g) ?? []).length >= 2
  )
    return 'ifchanged memory per template, not per include tag';
  return null;
}

const toOutcome = (answer) => (answer.ok ? { output: answer.output } : { error: answer.error });

let djangoChecked = 0;
const djangoFailures = [];
const documentedCounts = {};
if (djangoCount > 0) {
  const answers = await djangoOutcomes(cases.slice(0, djangoCount));
  answers.forEach((answer, i) => {
    const result = results[i];
    if (result.compileError) return;
    djangoChecked++;
    const want = toOutcome(answer);
    const isRule = answer.isRule ? toOutcome(answer.isRule) : undefined;
    const differing = renderers.map((r) => r.name).filter((name) => !sameOutcome(result.outcomes[name], want));
    const bad = [];
    const whys = new Set();
    for (const name of differing) {
      const why = documented(cases[i], result.outcomes[name], want, isRule);
      if (why) whys.add(why);
      else bad.push(name);
    }
    // Counted once per template, whichever renderers it concerns.
    for (const why of whys) documentedCounts[why] = (documentedCounts[why] ?? 0) + 1;
    for (const name of bad) vsDjango[name]++;
    if (bad.length) djangoFailures.push({ c: cases[i], result, want, bad });
  });
}

function print(title, list, extra) {
  for (const f of list.slice(0, show)) {
    console.log(`\n${title} seed ${f.c.seed}: ${f.bad.join(', ')}`);
    for (const [name, source] of Object.entries(f.c.templates)) console.log(`  ${name}: ${JSON.stringify(source)}`);
    console.log(`  context: ${JSON.stringify(f.c.context)}`);
    if (extra) console.log(`  django: ${describeOutcome(f.want)}`);
    for (const [name, o] of Object.entries(f.result.outcomes)) console.log(`  ${name}: ${describeOutcome(o)}`);
    for (const [name, v] of Object.entries(f.result.live)) if ('wrong' in v) console.log(`  ${name} live: ${v.wrong}`);
  }
}
print('DISAGREE', failures, false);
print('DJANGO', djangoFailures, true);

const summary = {
  date: new Date().toISOString().slice(0, 10),
  seed,
  count,
  compiled,
  disagreements: failures.length,
  byRenderer,
  liveChecked,
  liveSkipped,
  django:
    djangoCount > 0
      ? {
          checked: djangoChecked,
          disagreements: djangoFailures.length,
          byRenderer: vsDjango,
          documented: documentedCounts,
        }
      : null,
};
console.log(`\n${JSON.stringify(summary, null, 1)}`);
if (values.json)
  writeFileSync(values.json, `${JSON.stringify({ summary, seeds: failures.map((f) => f.c.seed) }, null, 1)}\n`);
process.exit(failures.length + djangoFailures.length > 0 ? 1 : 0);
