/**
 * The template grammar: random Django templates over every built-in tag the renderers share and the
 * deterministic built-in filters, biased toward what differential fuzzing has found wrong before:
 * regroup results and dict views as values and through filters, `forloop` as a value, conditions whose
 * operands raise, `block.super` rendered twice over stateful tags (cycle, ifchanged), Unicode case rules,
 * lone surrogates, and unquoted dynamic attributes that a live update changes.
 *
 * Nesting is bounded (tags three deep, two loops, three items per list), so a rendered page stays a few
 * elements deep: a DOM thousands of elements deep breaks recursive DOM code in test harnesses, not renderers.
 */
import type { Rng } from './random.js';
import { STRINGS } from './values.js';

/** Names bound inside the construct being generated (loop variables, `with` names, groups). */
interface Scope {
  readonly names: readonly string[];
  readonly loops: number;
  readonly depth: number;
  /** Inside a `{% block %}` of a child template (block.super is readable). */
  readonly block: boolean;
}

const TOP: Scope = { names: [], loops: 0, depth: 0, block: false };

const PATHS: readonly string[] = [
  's',
  't',
  'n',
  'f',
  'b',
  'l',
  'l.0',
  'l.1',
  'ds',
  'ds.0',
  'ds.0.name',
  'd',
  'd.a',
  'd.k',
  'd.items',
  'd.keys',
  'd.values',
  'e.items',
  'e.keys',
  'e.values',
  'd.items.0',
  'pairs',
  'pairs.0',
  'safe',
  'none',
  'missing',
  'missing.deeper',
  's.upper',
  's.0',
  's.title',
  'ys',
];

function quoted(s: string): string {
  // Template string literals cannot hold their own quote.
  const q = s.includes('"') ? "'" : '"';
  return `${q}${s.replaceAll(q, '').replaceAll('\n', ' ')}${q}`;
}

function literal(rng: Rng): string {
  switch (rng.int(5)) {
    case 0:
      return quoted(rng.pick(STRINGS.filter((s) => !s.includes('\n'))));
    case 1:
      return rng.pick(['1', '0', '-2', '3', '1.5', '-0.5']);
    case 2:
      return rng.pick(['None', 'True', 'False']);
    default:
      return rng.pick(['"ab"', "'ǅe'", '""', '"x\ud83dy"', '"<i>"', "'a,b'"]);
  }
}

function variable(rng: Rng, scope: Scope): string {
  if (scope.names.length > 0 && rng.chance(0.45)) {
    const name = rng.pick(scope.names);
    if (name === 'forloop') {
      return rng.pick([
        'forloop',
        'forloop.counter',
        'forloop.first',
        'forloop.parentloop',
        'forloop.revcounter0',
        'forloop.last',
      ]);
    }
    if (name === 'grp') return rng.pick(['grp', 'grp.grouper', 'grp.list', 'grp.0', 'grp.1', 'grp.list.0.name']);
    if (name === 'block') return rng.pick(['block.super', 'block.super', 'block.name']);
    return rng.chance(0.7) ? name : `${name}.${rng.pick(['0', 'name', 'id', 'k', 'upper', 'items'])}`;
  }
  return rng.pick(PATHS);
}

function operand(rng: Rng, scope: Scope): string {
  return rng.chance(0.75) ? variable(rng, scope) : literal(rng);
}

/** Filters and how to make their arguments (`undefined`: no argument). */
const FILTERS: Readonly<Record<string, ((rng: Rng, scope: Scope) => string) | undefined>> = {
  add: (r, s) => (r.chance(0.5) ? r.pick(['1', '-1', '"x"', '2']) : variable(r, s)),
  addslashes: undefined,
  capfirst: undefined,
  center: (r) => r.pick(['5', '9', '"1"']),
  cut: (r) => r.pick(['" "', '"a"', '"ǅ"']),
  default: (r, s) => operand(r, s),
  default_if_none: (r, s) => operand(r, s),
  dictsort: (r) => r.pick(['"name"', '"id"', '"k"', '0', '"0"']),
  dictsortreversed: (r) => r.pick(['"name"', '"id"', '1']),
  divisibleby: (r) => r.pick(['2', '3', '0', '"x"']),
  escape: undefined,
  escapejs: undefined,
  escapeseq: undefined,
  filesizeformat: undefined,
  first: undefined,
  floatformat: (r) => r.pick(['2', '-2', '0', '"2g"', '"3u"', '"x"']),
  force_escape: undefined,
  get_digit: (r) => r.pick(['1', '2', '3', '"x"']),
  iriencode: undefined,
  join: (r) => r.pick(['","', '""', '" & "', '"<br>"']),
  json_script: undefined,
  last: undefined,
  length: undefined,
  linebreaks: undefined,
  linebreaksbr: undefined,
  linenumbers: undefined,
  ljust: (r) => r.pick(['6', '0']),
  lower: undefined,
  make_list: undefined,
  phone2numeric: undefined,
  pluralize: (r) => r.pick(['"es"', '"y,ies"', '"a,b,c"']),
  pprint: undefined,
  rjust: (r) => r.pick(['6', '1']),
  safe: undefined,
  safeseq: undefined,
  slice: (r) => r.pick(['":2"', '"1:"', '"::-1"', '"-1"', '"x"']),
  slugify: undefined,
  stringformat: (r) => r.pick(['"s"', '"r"', '"05.1f"', '"x"', '"d"']),
  striptags: undefined,
  title: undefined,
  truncatechars: (r) => r.pick(['3', '1', '0']),
  truncatechars_html: (r) => r.pick(['4', '1']),
  truncatewords: (r) => r.pick(['1', '2']),
  truncatewords_html: (r) => r.pick(['1', '4']),
  unordered_list: undefined,
  upper: undefined,
  urlencode: undefined,
  urlize: undefined,
  urlizetrunc: (r) => r.pick(['5', '20']),
  wordcount: undefined,
  wordwrap: (r) => r.pick(['3', '0', '-1', '10']),
  yesno: (r) => r.pick(['"y,n"', '"y,n,u"', '"a"']),
};
const FILTER_NAMES = Object.keys(FILTERS);

function filter(rng: Rng, scope: Scope): string {
  const name = rng.pick(FILTER_NAMES);
  const arg = FILTERS[name];
  return arg ? `|${name}:${arg(rng, scope)}` : `|${name}`;
}

/** A filter expression: `value|f1|f2:arg`. */
export function expression(rng: Rng, scope: Scope, maxFilters = 3): string {
  let e = operand(rng, scope);
  for (let i = rng.int(maxFilters + 1); i > 0; i--) e += filter(rng, scope);
  return e;
}

const COMPARE = ['==', '!=', '<', '>', '<=', '>=', 'in', 'not in', 'is', 'is not'];

// Operands that raise when evaluated: their operator is False in Django's smartif, whatever it is.
function raising(rng: Rng, scope: Scope): string {
  return rng.pick([
    `${variable(rng, scope)}|first`,
    'none|first',
    'd.keys|first',
    `${variable(rng, scope)}|divisibleby:0`,
    'missing.deeper|first',
    `${variable(rng, scope)}|add:missing`,
  ]);
}

function condOperand(rng: Rng, scope: Scope): string {
  return rng.chance(0.2) ? raising(rng, scope) : expression(rng, scope, 1);
}

/** A `{% if %}` condition. */
function condition(rng: Rng, scope: Scope, depth = 0): string {
  const k = depth > 1 ? rng.int(2) : rng.int(5);
  switch (k) {
    case 0:
      return condOperand(rng, scope);
    case 1:
      return `${condOperand(rng, scope)} ${rng.pick(COMPARE)} ${condOperand(rng, scope)}`;
    case 2:
      return `not ${condition(rng, scope, depth + 1)}`;
    default:
      return `${condition(rng, scope, depth + 1)} ${rng.pick(['and', 'or'])} ${condition(rng, scope, depth + 1)}`;
  }
}

function text(rng: Rng): string {
  return rng.pick(['x', ' ', '\n', 'Σ', 'ǅ', '<b>', '</b>', '<p>', ' & ', 'x\ud83d', '<br>', '-', '<i>', '</i>', '«']);
}

function inner(rng: Rng, scope: Scope, size = 3): string {
  const deeper: Scope = { ...scope, depth: scope.depth + 1 };
  let out = '';
  for (let i = rng.int(size + 1); i > 0; i--) out += node(rng, deeper);
  return out;
}

function loop(rng: Rng, scope: Scope): string {
  const withLoop = { ...scope, loops: scope.loops + 1 };
  const reversed = rng.chance(0.25) ? ' reversed' : '';
  if (rng.chance(0.25)) {
    const seq = rng.pick(['pairs', 'd.items', 'e.items', 'ds', 'l']);
    const body = inner(rng, { ...withLoop, names: [...scope.names, 'a', 'v', 'forloop'] });
    return `{% for a, v in ${seq}${reversed} %}${body}{% endfor %}`;
  }
  const seq = rng.pick(['l', 'ds', 'd.keys', 'd.values', 'd', 's', 'pairs', 'ys', 'none', 'missing', 'n']);
  const body = inner(rng, { ...withLoop, names: [...scope.names, 'x', 'forloop'] });
  const empty = rng.chance(0.3) ? `{% empty %}${inner(rng, scope, 1)}` : '';
  return `{% for x in ${seq}${reversed} %}${body}${empty}{% endfor %}`;
}

function regroup(rng: Rng, scope: Scope): string {
  const by = rng.pick(['k', 'id', 'name', 'missing']);
  const target = rng.pick(['ds', 'ds', 'l', 'none']);
  const use = rng.int(3);
  const head = `{% regroup ${target} by ${by} as groups %}`;
  if (use === 0) return `${head}{{ groups${filter(rng, scope)} }}`;
  const withLoop = { ...scope, loops: scope.loops + 1, names: [...scope.names, 'grp', 'forloop'] };
  if (use === 1) return `${head}{% for grp in groups %}${inner(rng, withLoop)}{% endfor %}`;
  const body = inner(rng, { ...withLoop, names: [...scope.names, 'key', 'members', 'forloop'] });
  return `${head}{% for key, members in groups %}${body}{% endfor %}`;
}

function element(rng: Rng, scope: Scope): string {
  const tag = rng.pick(['p', 'span', 'div', 'b', 'li', 'a']);
  const attr = rng.chance(0.5) ? ` class="${rng.chance(0.5) ? '{{ s }}' : 'c'}"` : '';
  const close = rng.chance(0.85) ? `</${tag}>` : '';
  return `<${tag}${attr}>${inner(rng, scope)}${close}`;
}

function stateful(rng: Rng, scope: Scope): string {
  switch (rng.int(3)) {
    case 0:
      return rng.pick([
        "{% cycle 'odd' \"<r>\" 'odd' %}",
        "{% cycle 'a' 'b' as c %}{{ c }}",
        '{% cycle s t as c silent %}[{{ c }}]',
        '{% cycle "1" "2" "3" %}',
      ]);
    case 1: {
      const args = rng.pick(['', ' x', ' forloop', ' k forloop', ' x.k', ' s']);
      const otherwise = rng.chance(0.3) ? '{% else %}-' : '';
      return `{% ifchanged${args} %}${inner(rng, scope, 1) || 'c'}${otherwise}{% endifchanged %}`;
    }
    default:
      return '{% resetcycle %}';
  }
}

/** One node of a template body. */
export function node(rng: Rng, scope: Scope): string {
  // Leaves only, past the nesting bound.
  const leaf = scope.depth >= 3;
  const k = rng.int(leaf ? 4 : 22);
  switch (k) {
    case 0:
      return text(rng);
    case 1:
    case 2:
      return `{{ ${expression(rng, scope)} }}`;
    case 3:
      return scope.loops > 0 ? stateful(rng, scope) : `{{ ${expression(rng, scope, 1)} }}`;
    case 4:
    case 5: {
      const elif = rng.chance(0.3) ? `{% elif ${condition(rng, scope)} %}${inner(rng, scope, 1)}` : '';
      const otherwise = rng.chance(0.5) ? `{% else %}${inner(rng, scope, 2)}` : '';
      return `{% if ${condition(rng, scope)} %}${inner(rng, scope)}${elif}${otherwise}{% endif %}`;
    }
    case 6:
    case 7:
      return scope.loops < 2 ? loop(rng, scope) : text(rng);
    case 8:
      return `{% with w=${expression(rng, scope, 2)} %}${inner(rng, { ...scope, names: [...scope.names, 'w'] })}{% endwith %}`;
    case 9:
      return scope.loops < 2 ? regroup(rng, scope) : text(rng);
    case 10: {
      const chain = rng.pick([
        'upper',
        'lower',
        'title',
        'striptags|wordcount',
        'length',
        'cut:" "',
        'linebreaksbr',
        'make_list',
      ]);
      return `{% filter ${chain} %}${inner(rng, scope, 2)}{% endfilter %}`;
    }
    case 11:
      return `{% spaceless %} ${inner(rng, scope, 2)} <i> x </i> {% endspaceless %}`;
    case 12:
      return `{% autoescape ${rng.pick(['off', 'on'])} %}${inner(rng, scope, 2)}{% endautoescape %}`;
    case 13:
      return `{% firstof ${operand(rng, scope)} ${operand(rng, scope)} "z" %}`;
    case 14:
      return rng.pick([
        '{% include "inc.html" %}',
        '{% include "inc.html" with s=t only %}',
        '{% include tname %}',
        `{% include tname with v=${expression(rng, scope, 1)} %}`,
        '{% include "rec.html" %}',
      ]);
    case 15:
      return scope.loops > 0 ? stateful(rng, scope) : element(rng, scope);
    case 16:
      return element(rng, scope);
    case 17:
      return `<a id="main" data-n={{ ${expression(rng, scope, 1)} }} title={{ ${variable(rng, scope)} }}>${inner(rng, scope, 1)}</a>`;
    case 18:
      return rng.pick([
        '{% widthratio n 7 100 %}',
        '{% widthratio f n 10 %}',
        '{% templatetag openblock %}',
        '{% verbatim %}{{ s }}{% endverbatim %}',
        '{# c #}',
        '{% comment %}x{% endcomment %}',
        '{% lorem 3 w %}',
        '{% now "Y-m-d" %}',
        '{% csrf_token %}',
      ]);
    case 19:
      return scope.block ? `{{ block.super${rng.chance(0.3) ? filter(rng, scope) : ''} }}` : text(rng);
    default:
      return `{{ ${expression(rng, scope, 1)} }}`;
  }
}

/** A template body of up to `size` nodes at the top level. */
export function body(rng: Rng, size: number, scope: Scope = TOP): string {
  let out = '';
  for (let i = rng.int(size) + 1; i > 0; i--) out += node(rng, scope);
  return out;
}

/** The body of a child template's block: `block.super` is readable there. */
export function blockBody(rng: Rng, size: number): string {
  return body(rng, size, { ...TOP, block: true, names: ['block'] });
}

/** A parent template's block body: often a loop over stateful tags, which `block.super` renders again. */
export function parentBlockBody(rng: Rng): string {
  if (rng.chance(0.6)) {
    const tag = rng.pick([
      "{% cycle 'odd' \"<r>\" 'odd' %}",
      '{% ifchanged %}ü{% endifchanged %}',
      '{% ifchanged x %}[{{ x }}]{% endifchanged %}',
      "{% cycle 'a' 'b' as c %}{{ c }}",
    ]);
    const seq = rng.pick(['l', 'pairs', 'ds', 'd.keys']);
    return rng.chance(0.5) ? `{% for x in ${seq} %}${tag}{% endfor %}` : tag;
  }
  return body(rng, 2);
}
