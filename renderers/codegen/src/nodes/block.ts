/**
 * `{% block %}` and `block.super`. A block pushes a context level in which `block` names it; reading
 * `block.super` renders the parent block at that point, in the context as it is then (a loop variable
 * of the child is visible to the parent's body), as Django's BlockNode.super() does.
 */
import type { BlockNode, Node } from '@tessera/template';
import type { Frame } from '../frame.js';
import type { Generator } from '../generator.js';
import { jsString } from '../literal.js';

/** Frame for a block body: a pushed level where `block` names the block. */
export function blockFrame(g: Generator, block: BlockNode, f: Frame): Frame {
  const scope = f.scope.push();
  scope.bind('block', { kind: 'block', block });
  g.declareLevel(scope, block.body);
  return { ...f, scope };
}

/** Emits a `{% block %}` node. */
export function genBlock(g: Generator, block: BlockNode, f: Frame): void {
  g.nodes(block.body, blockFrame(g, block, f));
}

// Whether rendering `nodes` may raise VariableDoesNotExist: a filter argument read from the context, or an
// include or a library tag (whose templates or code may read one).
function mayMissArgument(nodes: readonly Node[]): boolean {
  return /"arg":\{"kind":"var"|"kind":"include"|"kind":"call"/.test(JSON.stringify(nodes));
}

/**
 * Emits `{{ block.super }}` without filters: the parent block into the current buffer (it is safe markup),
 * or nothing when it raises VariableDoesNotExist (Django's FilterExpression then finds no value).
 */
export function genSuperOutput(g: Generator, block: BlockNode, f: Frame): void {
  if (block.parent === null) return;
  if (!mayMissArgument(block.parent.body)) {
    g.nodes(block.parent.body, { ...blockFrame(g, block.parent, f), buf: f.buf });
    return;
  }
  const inner = g.id('s');
  g.w.line(`let ${inner} = "";`);
  g.w.open('try');
  g.nodes(block.parent.body, { ...blockFrame(g, block.parent, f), buf: inner });
  g.w.reopen('catch (e)');
  g.w.line(`${inner} = missingValue(e, "");`);
  g.w.close();
  g.w.emit(f.buf, inner);
}

/**
 * JS expression for `block.<attr>`: `block.super` (a SafeString) or `block.name`; anything else is MISSING.
 * The caller applies the lookup steps after the attribute, so this module needs nothing from expr.ts.
 */
export function genBlockAttribute(g: Generator, block: BlockNode, attr: string | undefined, f: Frame): string {
  let js: string;
  if (attr === 'super') {
    if (block.standalone) {
      // No {% extends %} in effect: Django raises when the attribute is read.
      g.w.line('throw blockSuperError();');
      js = '""';
    } else if (block.parent === null) js = '""';
    else {
      // An expression that renders the parent when it is read, so that a condition reads it only when it
      // gets there, inside its operator's guard.
      const parent = block.parent;
      const { js: text, before } = g.expression(() => {
        const inner = g.id('s');
        g.w.line(`let ${inner} = "";`);
        g.nodes(parent.body, { ...blockFrame(g, parent, f), buf: inner });
        return inner;
      });
      // A VariableDoesNotExist from the parent makes the value missing, as Django's FilterExpression finds.
      js = `(() => {\ntry {\n${before.join('\n')}\nreturn new SafeString(${text});\n} catch (e) {\nreturn missingValue(e, MISSING);\n}\n})()`;
    }
  } else if (attr === 'name') js = jsString(block.name);
  else return 'MISSING';
  return js;
}
