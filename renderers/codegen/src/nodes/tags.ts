/**
 * Tags rendered through a helper call: they are rare in hot paths, so their Django behaviour lives
 * in one readable place (helpers.ts) instead of being inlined.
 */
import type {
  CallTagNode,
  CsrfTokenNode,
  DebugNode,
  LoremNode,
  NowNode,
  RegroupNode,
  UrlNode,
  WidthRatioNode,
} from '@tessera/template';
import { genExpr } from '../expr.js';
import type { Frame } from '../frame.js';
import type { Generator } from '../generator.js';
import { jsString } from '../literal.js';

/** Output of a tag that returns its string without escaping, or its `as` assignment. */
function result(g: Generator, f: Frame, asVar: string | null, js: string): void {
  if (asVar === null) g.w.emit(f.buf, js);
  else g.w.line(f.scope.assign(asVar, js));
}

/** `{% now "format" [as name] %}`: Django's `date` filter applied to the clock. */
export function genNow(g: Generator, node: NowNode, f: Frame): void {
  result(g, f, node.asVar, `formatNow(${jsString(node.format)}, ${g.env(f.autoescape)})`);
}

/** `{% lorem [count] [w|p|b] [random] %}` */
export function genLorem(g: Generator, node: LoremNode, f: Frame): void {
  g.w.emit(f.buf, `lorem(${genExpr(g, node.count, f, 'empty')}, ${jsString(node.method)}, ${!node.random})`);
}

/** `{% widthratio value max width [as name] %}`: Django resolves max and width before value. */
export function genWidthRatio(g: Generator, node: WidthRatioNode, f: Frame): void {
  const max = g.value(genExpr(g, node.max, f, 'empty'));
  const width = g.value(genExpr(g, node.width, f, 'empty'));
  result(g, f, node.asVar, `widthRatio(${genExpr(g, node.value, f, 'empty')}, ${max}, ${width})`);
}

/** `{% url "name" args kwargs [as name] %}` through the `url` hook of the compile options. */
export function genUrl(g: Generator, node: UrlNode, f: Frame): void {
  const args = node.args.map((e) => g.value(genExpr(g, e, f, 'empty')));
  const kwargs = node.kwargs.map((a) => g.value(genExpr(g, a.value, f, 'empty')));
  const view = genExpr(g, node.viewName, f, 'empty');
  const call = `reverseUrl(t, ${view}, [${args.join(', ')}], ${g.names(node.kwargs.map((a) => a.name))}, [${kwargs.join(', ')}], ${node.asVar !== null})`;
  if (node.asVar !== null) g.w.line(f.scope.assign(node.asVar, call));
  else g.w.emit(f.buf, f.autoescape ? `out(${call})` : call);
}

/** `{% csrf_token %}` */
export function genCsrfToken(g: Generator, _node: CsrfTokenNode, f: Frame): void {
  const token = f.scope.resolve('csrf_token');
  g.w.emit(f.buf, `csrfInput(${token.kind === 'expr' ? token.js : 'MISSING'})`);
}

/**
 * `{% regroup list by key as name %}`: consecutive items with equal keys form one group. `by` reads
 * `name`, which holds each item in turn while its key is computed, as in Django.
 */
export function genRegroup(g: Generator, node: RegroupNode, f: Frame): void {
  const w = g.w;
  const slot = f.scope.slot(node.asVar);
  const list = g.value(genExpr(g, node.target, f, 'none'));
  w.open(`if (${list} === null)`);
  w.line(`${slot} = [];`);
  w.reopen('else');
  const groups = g.id('v');
  const key = g.id('v');
  const members = g.id('v');
  const item = g.id('x');
  w.line(`const ${groups} = [];`);
  w.line(`let ${key} = UNSET, ${members} = null;`);
  w.open(`for (const ${item} of iterate(${list}))`);
  w.line(`${slot} = ${item};`);
  const k = g.value(genExpr(g, node.by, f, 'none'));
  w.open(`if (${members} === null || !pyEquals(${key}, ${k}))`);
  w.line(`${members} = [];`);
  w.line(`${key} = ${k};`);
  w.line(`${groups}.push(grouped(${k}, ${members}));`);
  w.close();
  w.line(`${members}.push(${item});`);
  w.close();
  w.line(`${slot} = ${groups};`);
  w.close();
}

/** `{% debug %}` (prints only under the `debug` compile option). */
export function genDebug(g: Generator, _node: DebugNode, f: Frame): void {
  g.w.emit(f.buf, `debugDump(t, ${g.contextObject(f)})`);
}

/** A tag from a `{% load %}`ed library. */
export function genCall(g: Generator, node: CallTagNode, f: Frame): void {
  const fn = g.tagFunction(node.library, node.tag);
  const args = node.args.map((e) => g.value(genExpr(g, e, f, 'empty')));
  const kwargs = node.kwargs.map((a) => g.value(genExpr(g, a.value, f, 'empty')));
  const names = g.names(node.kwargs.map((a) => a.name));
  const call = `callTag(${fn}, [${args.join(', ')}], ${names}, [${kwargs.join(', ')}], ${g.contextObject(f)}, ${f.autoescape})`;
  if (node.asVar !== null) g.w.line(f.scope.assign(node.asVar, call));
  else g.w.emit(f.buf, `tagOutput(${call}, ${f.autoescape})`);
}
