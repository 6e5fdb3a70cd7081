/**
 * What the less common tags compute, at the level of values: one definition of Django's behaviour
 * for `{% now %}`, `{% lorem %}`, `{% widthratio %}`, `{% url %}`, `{% csrf_token %}`, `{% regroup %}`
 * groups and simple tags, used by the interpreter and called from codegen's generated functions.
 */
import {
  builtinFilters,
  conditionalEscape,
  isTruthy,
  loremParagraphs,
  loremWords,
  MISSING,
  namedTuple,
  pyEquals,
  pyError,
  pyFloat,
  pyInt,
  pyStr,
  pyTypeName,
  SafeString,
  type FilterEnv,
} from '@tessera/runtime';
import { TemplateSyntaxError, type CompileOptions } from '@tessera/template';

/** `{% now "format" %}`: Django formats `now()` with the `date` filter (named formats included). */
export function formatNow(format: string, env: FilterEnv): string {
  return pyStr(builtinFilters['date']!.fn(env.options.now(), format, env));
}

/** `{% lorem count method [random] %}`; a count Python's int() refuses is 1. */
export function loremText(count: unknown, method: 'w' | 'p' | 'b' | string, common: boolean): string {
  let n: number;
  try {
    n = pyInt(count);
  } catch {
    n = 1;
  }
  if (method === 'w') return loremWords(n, common);
  const paragraphs = loremParagraphs(n, common);
  return (method === 'p' ? paragraphs.map((p) => `<p>${p}</p>`) : paragraphs).join('\n\n');
}

/** Python 3 `round()` to an int: halves go to the even neighbour. */
export function roundHalfEven(x: number): number {
  const floor = Math.floor(x);
  const diff = x - floor;
  if (diff > 0.5) return floor + 1;
  if (diff < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

/** `{% widthratio value max width %}`: `str(round(value / max * width))`, '' when not computable. */
export function widthRatio(value: unknown, max: unknown, width: unknown): string {
  let w: number;
  try {
    w = pyInt(width);
  } catch {
    throw new TemplateSyntaxError('widthratio final argument must be a number');
  }
  try {
    const v = pyFloat(value);
    const m = pyFloat(max);
    if (m === 0) return '0';
    const ratio = (v / m) * w;
    return Number.isFinite(ratio) ? String(roundHalfEven(ratio)) : '';
  } catch {
    return '';
  }
}

/** Values handed to hooks: SafeString literals become plain strings. */
function plain(v: unknown): unknown {
  return v instanceof SafeString ? v.value : v;
}

/** Reverses `{% url %}` with the `url` compile option; with `as` (`silent`), NoReverseMatch yields ''. */
export function reverseUrl(
  hook: CompileOptions['url'],
  viewName: unknown,
  args: readonly unknown[],
  kwargs: Readonly<Record<string, unknown>>,
  silent: boolean,
): string {
  const name = pyStr(viewName);
  try {
    if (!hook) throw pyError('NoReverseMatch', `Reverse for '${name}' not found: no url hook was given to compile()`);
    return hook(name, args.map(plain), Object.fromEntries(Object.entries(kwargs).map(([k, v]) => [k, plain(v)])));
  } catch (err) {
    if (silent && err instanceof Error && err.name === 'NoReverseMatch') return '';
    throw err;
  }
}

/** `{% csrf_token %}`: the hidden input, or nothing without a token. */
export function csrfInput(token: unknown): string {
  if (token === MISSING || typeof token === 'symbol' || !isTruthy(token) || pyEquals(token, 'NOTPROVIDED')) return '';
  return `<input type="hidden" name="csrfmiddlewaretoken" value="${conditionalEscape(token)}">`;
}

/** How a simple tag's result is printed. */
export function tagOutput(v: unknown, autoescape: boolean): string {
  return autoescape ? conditionalEscape(v) : pyStr(v);
}

/** `{{ block.super }}` where no `{% extends %}` is in effect: Django's error for it. */
export function blockSuperError(): Error {
  return new TemplateSyntaxError(
    "'BlockNode' object has no attribute 'context'. Did you use {{ block.super }} in a base template?",
  );
}

/**
 * `{% regroup %}`'s items: Django's `GroupedResult(grouper, list)` namedtuple, a tuple for everything
 * but its two attributes (`grp.0`, `grp|length`, `{% for k, items in groups %}`).
 */
export type GroupedResult = [grouper: unknown, list: unknown[]];

/** A new regroup group. */
export function groupedResult(grouper: unknown, list: unknown[]): GroupedResult {
  return namedTuple('GroupedResult', ['grouper', 'list'], [grouper, list]) as GroupedResult;
}

/**
 * What `{% filter %}` prints: the chain's result must be a string, because Django joins the rendered nodes
 * of the enclosing node list (`"".join(...)`), which refuses anything else.
 */
export function filterBlockText(v: unknown): string {
  if (v instanceof SafeString) return v.value;
  if (typeof v === 'string') return v;
  throw pyError('TypeError', `sequence item: expected str instance, ${pyTypeName(v)} found`);
}
