/**
 * `{% include %}`. A constant name is already inlined in the IR: its body is generated in place,
 * in a pushed level (or a fresh one for `only`), with cycle state reset as Django's isolated render
 * context does. Recursive includes (`ref`) call a generated function per included template;
 * dynamic names go through `Template.load` and that template's own generated function. Both receive
 * the current context levels flattened into one object.
 */
import type { IncludeNode } from '@tessera/template';
import { genExpr } from '../expr.js';
import type { Frame } from '../frame.js';
import type { Generator } from '../generator.js';
import { jsString } from '../literal.js';
import { Scope } from '../scope.js';
import { cycleNames } from '../walk.js';

/** A JS expression building the context object an out-of-line include renders with. */
function materialize(g: Generator, node: IncludeNode, values: readonly string[], f: Frame): string {
  const extra = node.assigns.map((a, i) => [a.name, values[i] ?? 'undefined'] as const);
  return node.only
    ? `scopeObject(null, ${g.names(extra.map(([k]) => k))}, [${extra.map(([, v]) => v).join(', ')}])`
    : g.contextObject(f, extra);
}

/** Emits an `{% include %}` node. */
export function genInclude(g: Generator, node: IncludeNode, f: Frame): void {
  const target = node.target;
  if (target.kind === 'error') {
    g.w.line(`throw includeError(${jsString(target.name)}, ${jsString(target.error)}, ${jsString(target.message)});`);
    return;
  }
  // Django resolves and loads the template before it resolves the `with` values.
  const loaded =
    target.kind === 'dynamic' ? g.value(`includedTemplate(t, ${genExpr(g, target.expr, f, 'empty')})`) : null;
  const values = node.assigns.map((a) => g.value(genExpr(g, a.value, f, 'empty')));
  switch (target.kind) {
    case 'inline': {
      const scope = node.only ? new Scope(null, null) : f.scope.push();
      node.assigns.forEach((a, i) => {
        scope.bind(a.name, { kind: 'definite', js: values[i] ?? 'undefined' });
      });
      g.declareLevel(scope, target.body, node.only ? cycleNames(target.body) : []);
      const start = g.w.reserve();
      const inLoop = f.inLoop && !node.only;
      g.nodes(target.body, {
        ...f,
        scope,
        cycleReset: start,
        ifchangedReset: inLoop ? f.ifchangedReset : start,
        inLoop,
      });
      return;
    }
    case 'ref':
      g.w.emit(f.buf, `${g.partial(target.name, f.autoescape)}(${materialize(g, node, values, f)})`);
      return;
    case 'dynamic':
      g.w.emit(f.buf, `include(${loaded ?? 't'}, ${materialize(g, node, values, f)}, ${f.autoescape})`);
      return;
  }
}
