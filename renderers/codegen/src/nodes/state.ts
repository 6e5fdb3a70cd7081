/**
 * Tags that keep state between renders of the same node: `{% cycle %}` / `{% resetcycle %}` (position
 * in the render context) and `{% ifchanged %}` (last value in the innermost forloop), plus
 * `{% firstof %}`, which shares their "evaluate until one fits" shape.
 */
import type { CycleNode, FirstOfNode, IfChangedNode, ResetCycleNode } from '@tessera/template';
import { pyStr } from '@tessera/runtime';
import { genExpr, literalText } from '../expr.js';
import { jsString } from '../literal.js';
import type { Frame, FunctionState } from '../frame.js';
import type { Generator } from '../generator.js';
import type { Slot } from '../writer.js';
import { isStateful, some } from '../walk.js';

/** Declares a per-function state variable, reset at `slot` (a loop or include start) if given. */
function state(f: Frame, name: string, init: string, slot: Slot | null): string {
  f.fn.declare(name, init);
  slot?.add(`${name} = ${init};`);
  return name;
}

/** `{% cycle a b c [as name] [silent] %}` */
export function genCycle(g: Generator, node: CycleNode, f: Frame): void {
  const pos = state(f, `cy${Number(node.state)}`, '0', f.cycleReset);
  const texts = node.values.map((e) =>
    e.base.kind === 'literal' && e.filters.length === 0 ? literalText(e.base, pyStr) : null,
  );
  if (node.asVar === null && !node.silent && texts.every((t) => t !== null)) {
    // Literal values print as themselves (they are safe): pick the text, nothing to escape.
    const last = texts.length - 1;
    g.w.emit(
      f.buf,
      `(${texts.map((t, i) => (i === last ? jsString(t ?? '') : `${pos} === ${i} ? ${jsString(t ?? '')} : `)).join('')})`,
    );
    g.w.line(`${pos} = ${pos} + 1 === ${node.values.length} ? 0 : ${pos} + 1;`);
    return;
  }
  const values = node.values.map((e) => g.expression(() => genExpr(g, e, f, 'empty')));
  const v = g.id('v');
  if (values.every((x) => x.before.length === 0)) {
    // `cy === 0 ? a : cy === 1 ? b : c`: only the current value is evaluated, as Django does.
    const last = values.length - 1;
    g.w.line(`let ${v} = ${values.map((x, i) => (i === last ? x.js : `${pos} === ${i} ? ${x.js} : `)).join('')};`);
  } else {
    g.w.line(`let ${v};`);
    g.w.open(`switch (${pos})`);
    values.forEach((x, i) => {
      g.w.open(`case ${i}:`);
      g.w.append(x.before.map((l) => `    ${l}`));
      g.w.line(`${v} = ${x.js};`);
      g.w.line('break;');
      g.w.close();
    });
    g.w.close();
  }
  g.w.line(`${pos} = ${pos} + 1 === ${node.values.length} ? 0 : ${pos} + 1;`);
  if (node.asVar !== null) g.w.line(f.scope.setUpward(node.asVar, v));
  if (!node.silent) g.w.emit(f.buf, `${f.autoescape ? 'out' : 'raw'}(${v})`);
}

/** `{% resetcycle [name] %}` */
export function genResetCycle(g: Generator, node: ResetCycleNode, f: Frame): void {
  for (const s of node.states) g.w.line(`${state(f, `cy${Number(s)}`, '0', f.cycleReset)} = 0;`);
}

/** `{% firstof a b c [as name] %}`: the first truthy value, rendered (escaped under autoescape). */
export function genFirstOf(g: Generator, node: FirstOfNode, f: Frame): void {
  const r = g.id('v');
  g.w.line(`let ${r} = "";`);
  let open = 0;
  for (const e of node.values) {
    const t = g.value(genExpr(g, e, f, 'none'));
    g.w.open(`if (truthy(${t}))`);
    g.w.line(`${r} = ${f.autoescape ? 'out' : 'raw'}(${t});`);
    g.w.reopen('else');
    open++;
  }
  for (; open > 0; open--) g.w.close();
  if (node.asVar === null) g.w.emit(f.buf, r);
  else g.w.line(f.scope.assign(node.asVar, f.autoescape ? `new SafeString(${r})` : r));
}

// Per generated function, the memory variables of `{% ifchanged %}` nodes and the place each lives in.
const memories = new WeakMap<FunctionState, Map<string, Slot | null>>();

// The variable holding a node's memory at the current place (the innermost loop's forloop, or the render
// context): the same node reached at another place, through `block.super`, gets another variable.
function memory(g: Generator, node: IfChangedNode, f: Frame): string {
  let names = memories.get(f.fn);
  if (names === undefined) {
    names = new Map();
    memories.set(f.fn, names);
  }
  const base = `ic${Number(node.id)}`;
  for (const [name, place] of names) {
    if (place === f.ifchangedReset && (name === base || name.startsWith(`${base}_`))) return name;
  }
  const name = names.has(base) ? `${base}_${g.id('p')}` : base;
  names.set(name, f.ifchangedReset);
  return name;
}

/**
 * `{% ifchanged [values] %}...{% else %}...{% endifchanged %}`. Its memory lives in the innermost forloop, or in
 * the render context outside loops: a parent block rendered through `block.super` inside a loop and after it
 * keeps two memories, as Django does.
 */
export function genIfChanged(g: Generator, node: IfChangedNode, f: Frame): void {
  const last = state(f, memory(g, node, f), 'UNSET', f.ifchangedReset);
  // Outside this function's own loops, a template included in a loop keeps the memory in that loop's
  // forloop (Django's `_get_context_stack_frame`): `shared` is its box there, or null.
  let shared: string | null = null;
  if (f.ifchangedReset === null) {
    const forloop = genExpr(g, { base: { kind: 'var', path: ['forloop'] }, filters: [] }, f, 'keep');
    shared = g.value(`loopMemory(${forloop}, ${Number(node.id)})`);
    g.w.line(`if (${shared} !== null) ${last} = ${shared}.value;`);
  }
  const remember = (v: string): string =>
    shared === null ? `${last} = ${v};` : `${last} = ${v}; if (${shared} !== null) ${shared}.value = ${v};`;
  if (node.values.length > 0) {
    const current = g.value(`[${node.values.map((e) => genExpr(g, e, f, 'none')).join(', ')}]`);
    g.w.open(`if (changed(${last}, ${current}))`);
    g.w.line(remember(current));
    g.nodes(node.body, f);
  } else {
    const rendered = g.capture(node.body, f);
    g.w.open(`if (changed(${last}, ${rendered}))`);
    g.w.line(remember(rendered));
    if (some(node.body, isStateful)) {
      // Django renders the body a second time when the first rendering was empty.
      g.w.open(`if (${rendered} === "")`);
      g.nodes(node.body, f);
      g.w.reopen('else');
      g.w.emit(f.buf, rendered);
      g.w.close();
    } else g.w.emit(f.buf, rendered);
  }
  if (node.otherwise !== null) {
    g.w.reopen('else');
    g.nodes(node.otherwise, f);
  }
  g.w.close();
}
