/**
 * `{% for %}` as a plain indexed JS loop: no closure per iteration, the forloop object only when the
 * body reads it (or a dynamic include might), mutated in place as Django mutates its loop dict.
 *
 *   {% for item in items %}<li>{{ item.name }}</li>{% endfor %}
 * becomes
 *   let a3 = iterate(root(c1, "items")), n4 = a3.length;
 *   for (let i6 = 0; i6 < n4; i6++) {
 *     let x5 = a3[i6];
 *     s2 = s2 + "<li>" + (typeof (t9 = <x6["name"] read as expr.ts genStep reads it>) === "string" ? escapeHtml(t9) : out(t9)) + "</li>";
 *   }
 */
import type { ForNode, Node } from '@tessera/template';
import { genExpr } from '../expr.js';
import { jsString } from '../literal.js';
import type { Frame } from '../frame.js';
import type { Generator } from '../generator.js';
import type { Resolved } from '../scope.js';
import { some } from '../walk.js';

/** Nodes that hand the whole context to code the IR does not show (which may read `forloop`). */
function seesWholeContext(n: Node): boolean {
  if (n.kind === 'include') return n.target.kind !== 'inline' && !n.only;
  return n.kind === 'extends' || n.kind === 'call' || n.kind === 'debug';
}

/**
 * Whether a loop needs a real `forloop` object: its body reads it, hands the context to code the IR does not
 * show, or prints `block.super`, whose parent block may do either (an `{% ifchanged %}` in a template included
 * there keeps its memory in this forloop, so it must be one object for the whole loop, as in Django).
 */
export function needsForloop(node: ForNode): boolean {
  return (
    node.usesForloop ||
    some(node.body, seesWholeContext) ||
    JSON.stringify(node.body).includes('"path":["block","super"')
  );
}

/** Emits a `{% for %}` node. */
export function genFor(g: Generator, node: ForNode, f: Frame): void {
  const w = g.w;
  const withForloop = needsForloop(node);
  // Django reads the enclosing forloop before pushing the loop's own level.
  const parent = withForloop ? f.scope.resolve('forloop') : null;
  const seq = g.id('a');
  const len = g.id('n');
  const scope = f.scope.push();
  w.line(
    `let ${seq} = iterate(${genExpr(g, node.iterable, f, node.iterable.filters.length > 0 ? 'none' : 'keep')}), ${len} = ${seq}.length;`,
  );
  const unpack = node.targets.length > 1;
  if (node.empty !== null) {
    w.open(`if (${len} === 0)`);
    // `{% empty %}` renders in the loop's level before any loop variable is set.
    const emptyScope = f.scope.push();
    g.declareLevel(emptyScope, node.empty);
    g.nodes(node.empty, { ...f, scope: emptyScope });
    w.reopen('else');
  }
  // Django sets `forloop`, then the loop variable, in the loop's level.
  const forloop = withForloop ? g.id('l') : null;
  if (forloop !== null) scope.bind('forloop', { kind: 'forloop', js: forloop });
  const item = g.id('x');
  if (!unpack) scope.bind(node.targets[0] ?? '', { kind: 'definite', js: item });
  // Names assigned by `as` in the body live in the loop's level, unless unpacking pushes a level per item.
  if (!unpack) g.declareLevel(scope, node.body);
  const resets = w.reserve();
  if (forloop !== null) {
    w.line(forloopDeclaration(forloop, len, parent));
  }
  const i = g.id('i');
  w.open(`for (let ${i} = 0; ${i} < ${len}; ${i}++)`);
  const element = `${seq}[${node.reversed ? `${len} - 1 - ${i}` : i}]`;
  if (forloop !== null) {
    w.line(forloopStep(forloop, i, len));
  }
  let bodyScope = scope;
  if (unpack) {
    bodyScope = scope.push();
    w.line(`const ${item} = unpack(${element}, ${node.targets.length});`);
    node.targets.forEach((name, k) => {
      const x = g.id('x');
      w.line(`let ${x} = ${item}[${k}];`);
      bodyScope.bind(name, { kind: 'definite', js: x });
    });
    g.declareLevel(bodyScope, node.body);
  } else {
    w.line(`let ${item} = ${element};`);
  }
  const bodyFrame = { ...f, scope: bodyScope, ifchangedReset: resets, inLoop: true };
  const [head, tail] = [node.body[0], node.body[node.body.length - 1]];
  const rotate = node.body.length > 1 && head?.kind === 'text' && tail?.kind === 'text';
  if (rotate) {
    // The text ending one iteration and the one starting the next are one constant: one piece fewer per
    // iteration in the page's rope, which matters where the rope is encoded (bytes.ts).
    w.emit(f.buf, `(${i} === 0 ? ${jsString(head.value)} : ${jsString(tail.value + head.value)})`);
    g.nodes(node.body.slice(1, -1), bodyFrame);
  } else {
    g.nodes(node.body, bodyFrame);
  }
  // In a bytes function, the page built so far is encoded once it is long enough (bytes.ts says why).
  const sink = f.fn.sink;
  if (sink !== null && f.buf === sink.buf) {
    w.line(`if (${f.buf}.length > ${sink.writer}.flushLength) ${f.buf} = ${sink.writer}.append(${f.buf});`);
  }
  w.close();
  if (rotate) w.line(`if (${len} !== 0) ${f.buf} = ${f.buf} + ${jsString(tail.value)};`);
  if (node.empty !== null) w.close();
}

/**
 * The statement declaring a loop's `forloop` object over `len` items, its `parentloop` the enclosing
 * loop's (`parent`, what `forloop` resolved to outside) or `{}`: shared by the string and live generators.
 */
export function forloopDeclaration(forloop: string, len: string, parent: Resolved | null): string {
  const p = parent?.kind === 'expr' ? `parentLoop(${parent.js})` : '{}';
  return `let ${forloop} = { parentloop: ${p}, counter0: 0, counter: 1, revcounter: ${len}, revcounter0: ${len} - 1, first: true, last: ${len} === 1 };`;
}

/** The statement moving `forloop` to iteration `i` of `len`. */
export function forloopStep(forloop: string, i: string, len: string): string {
  return `${forloop}.counter0 = ${i}; ${forloop}.counter = ${i} + 1; ${forloop}.revcounter = ${len} - ${i}; ${forloop}.revcounter0 = ${len} - ${i} - 1; ${forloop}.first = ${i} === 0; ${forloop}.last = ${i} === ${len} - 1;`;
}
