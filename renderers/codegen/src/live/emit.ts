/**
 * The live engine's generated code: two functions compiled from the page's slot structure with the
 * codegen generator (so every value is computed exactly as `render` computes it).
 *
 * - `mount(c, V, L, R)` renders the page and keeps every slot value: `V[unit]` for top-level slots, and
 *   per loop the rows' slot values (`R.mountLoop(unit, items, rows)`); returns the HTML.
 * - `update(c, V, L, R, D, U)` recomputes only the units flagged in `D`, hands each top-level value to
 *   `R.slot(unit, value)` and each loop's rows to `R.loop(unit, keys, items, rows)`. With `U[unit]`
 *   set, a row whose key and item object are those of a previous row reuses that row's values as they
 *   are (its inputs did not change) instead of computing them. `R.loop`'s last argument has bit `s` set
 *   when every value of row slot `s` holds no `<` or quote for sure (see `escapedMask`), so the runtime
 *   need not look for one.
 *
 * Values are strings as rendered (attribute values still escaped); the runtime diffs them.
 */
import type { ForNode, Node } from '@tessera/template';
import { genExpr } from '../expr.js';
import type { Frame } from '../frame.js';
import type { Generator } from '../generator.js';
import { blockFrame } from '../nodes/block.js';
import { forloopDeclaration, forloopStep, needsForloop } from '../nodes/loop.js';
import { printsEscaped } from '../nodes/output.js';
import type { Item, LElement, LLoop, Slot, Structure } from '@tessera/markup';

type Mode = 'mount' | 'update';

/** Paths below each reusable loop's item that its rows read (`LiveProgram.inputs`), by unit. */
export type InputPaths = readonly (readonly (readonly string[])[] | null | undefined)[];

/** Writes the live functions of `structure` into `g`; returns the factory source. */
export function liveSource(g: Generator, structure: Structure, inputs: InputPaths): string {
  const emitter = new Emitter(g, structure, inputs);
  return g.generateFunctions([
    { name: 'mount', params: ['V', 'L', 'R'], write: (f) => emitter.items(rootItems(structure), f, 'mount') },
    {
      name: 'update',
      params: ['V', 'L', 'R', 'D', 'U'],
      write: (f) => emitter.items(rootItems(structure), f, 'update'),
    },
  ]);
}

function rootItems(structure: Structure): readonly Item[] {
  const { content } = structure.root;
  if (content.k === 'items') return content.items;
  // The whole page is one slot: a child list of that slot alone.
  return [{ k: 'el', el: { ...structure.root, open: [], close: '' } }];
}

class Emitter {
  constructor(
    private readonly g: Generator,
    private readonly structure: Structure,
    private readonly inputs: InputPaths,
  ) {}

  /**
   * A function `(x, I, b)` writing the inputs of item `x` to `I[b]...`: each path read as `readPath`
   * of the document reads it (an own, defined, non-function value of a plain object, step by step),
   * with the keys written out so each read has its own inline cache; anything else (an undefined or
   * inherited value, a class instance) is left to `R.read(x, unit, j)`, which is `readPath`.
   */
  private reader(u: number, paths: readonly (readonly string[])[]): string {
    const g = this.g;
    const fn = g.id('rd');
    let temps = 0;
    const read = (path: readonly string[], j: number): string => {
      let expr = '';
      let obj = 'x';
      const tail: string[] = [];
      for (const seg of path) {
        const v = `v${temps++}`;
        const key = JSON.stringify(seg);
        // In the order of codegen's own reads (expr.ts `genStep`): the read first, the prototype test after it.
        expr +=
          `typeof ${obj} === "object" && ${obj} !== null && ${obj}.constructor === ObjectPrototype.constructor && ` +
          `(${v} = ${obj}[${key}]) !== undefined && typeof ${v} !== "function" && ` +
          `getPrototypeOf(${obj}) === ObjectPrototype && (ObjectPrototype[${key}] === undefined || hasOwn(${obj}, ${key})) ? `;
        tail.push(` : R.read(x, ${u}, ${j})`);
        obj = v;
      }
      return `${expr}${obj}${tail.reverse().join('')}`;
    };
    const lines = paths.map((path, j) => `I[b + ${j}] = ${read(path, j)};`);
    const vars = temps > 0 ? `let ${Array.from({ length: temps }, (_, k) => `v${k}`).join(', ')}; ` : '';
    g.w.line(`const ${fn} = (x, I, b) => { ${vars}${lines.join(' ')} };`);
    return fn;
  }

  items(list: readonly Item[], f: Frame, mode: Mode): void {
    for (const it of list) {
      switch (it.k) {
        case 'text':
        case 'static':
          if (mode === 'mount') this.g.w.emitText(f.buf, it.html);
          break;
        case 'hidden':
          if (mode === 'mount') this.g.nodes(it.nodes, f);
          break;
        case 'scope':
          this.items(it.items, this.scope(it.node, f), mode);
          break;
        case 'el':
          this.element(it.el, f, mode);
          break;
        case 'loop':
          this.loop(it.loop, f, mode);
          break;
      }
    }
  }

  /** The frame inside a `with`, `block` or `autoescape`, as the generator builds it. */
  private scope(node: Node, f: Frame): Frame {
    const g = this.g;
    switch (node.kind) {
      case 'with': {
        const values = node.assigns.map((a) => g.value(genExpr(g, a.value, f, 'empty')));
        const scope = f.scope.push();
        node.assigns.forEach((a, i) => {
          scope.bind(a.name, { kind: 'definite', js: values[i] ?? 'undefined' });
        });
        g.declareLevel(scope, node.body);
        return { ...f, scope };
      }
      case 'block':
        return blockFrame(g, node, f);
      case 'autoescape':
        return { ...f, autoescape: node.on };
      default:
        throw new Error(`internal: ${node.kind} is no scope`);
    }
  }

  /** A top-level slot: computed into a variable; mount keeps and emits it, update hands it over. */
  private slot(unit: number, f: Frame, mode: Mode): void {
    const slot = this.structure.slots[unit] as Slot;
    const g = this.g;
    if (mode === 'mount') {
      const value = g.capture(slot.nodes, f);
      g.w.line(`V[${unit}] = ${value};`);
      g.w.emit(f.buf, value);
      return;
    }
    g.w.open(`if (D[${unit}] === 1)`);
    const value = g.capture(slot.nodes, f);
    g.w.line(`R.slot(${unit}, ${value});`);
    g.w.close();
  }

  private element(el: LElement, f: Frame, mode: Mode): void {
    for (const piece of el.open) {
      if (typeof piece === 'string') {
        if (mode === 'mount') this.g.w.emitText(f.buf, piece);
      } else this.slot(piece, f, mode);
    }
    if (el.content.k === 'slot') this.slot(el.content.slot, f, mode);
    else this.items(el.content.items, f, mode);
    if (mode === 'mount') this.g.w.emitText(f.buf, el.close);
  }

  /**
   * The row slots (the first 31) whose values are static text without `<` or quotes and outputs escaped
   * at their site, as a bit mask: with `flag` unset after the rows, none of their values holds markup.
   */
  private escapedMask(loop: LLoop, f: Frame): number {
    let mask = 0;
    loop.slots.slice(0, 31).forEach((slot, s) => {
      const plain = slot.nodes.every((n) =>
        n.kind === 'text' ? !/[<"']/.test(n.value) : n.kind === 'output' && printsEscaped(this.g, n, f),
      );
      if (plain) mask |= 1 << s;
    });
    return mask;
  }

  /**
   * A row's slots into variables (`vars[slot]`); with `buf`, the row's HTML too. With `flag`, the slots
   * of `mask` set it when a value might carry markup.
   */
  private row(
    loop: LLoop,
    el: LElement,
    f: Frame,
    vars: string[],
    buf: boolean,
    flag: string | null,
    mask: number,
  ): void {
    const g = this.g;
    const value = (index: number): void => {
      const slot = loop.slots[index] as Slot;
      g.unescapedFlag = flag !== null && (mask & (1 << index)) !== 0 ? flag : null;
      const v = g.capture(slot.nodes, f);
      g.unescapedFlag = null;
      vars[index] = v;
      if (buf) g.w.emit(f.buf, v);
    };
    const items = (list: readonly Item[], frame: Frame): void => {
      for (const it of list) {
        if (it.k === 'text' || it.k === 'static') {
          if (buf) g.w.emitText(frame.buf, it.html);
        } else if (it.k === 'scope') items(it.items, this.scope(it.node, frame));
        else if (it.k === 'el') element(it.el, frame);
      }
    };
    const element = (e: LElement, frame: Frame): void => {
      for (const piece of e.open) {
        if (typeof piece === 'string') {
          if (buf) g.w.emitText(frame.buf, piece);
        } else value(piece);
      }
      if (e.content.k === 'slot') value(e.content.slot);
      else items(e.content.items, frame);
      if (buf) g.w.emitText(frame.buf, e.close);
    };
    element(el, f);
  }

  private loop(loop: LLoop, f: Frame, mode: Mode): void {
    const g = this.g;
    const w = g.w;
    const node: ForNode = loop.node;
    const u = loop.unit;
    const iterable = (): string => genExpr(g, node.iterable, f, node.iterable.filters.length > 0 ? 'none' : 'keep');
    // Rows without slots are all alike: only their number matters.
    const bare = loop.slots.length === 0;
    if (mode === 'update') {
      w.open(`if (D[${u}] === 1)`);
      if (bare) {
        w.line(`R.count(${u}, iterate(${iterable()}).length);`);
        w.close();
        return;
      }
    }
    const withForloop = needsForloop(node);
    const parent = withForloop ? f.scope.resolve('forloop') : null;
    const seq = g.id('a');
    const len = g.id('n');
    const items = g.id('xs');
    const rows = g.id('rs');
    const scope = f.scope.push();
    w.line(`let ${seq} = iterate(${iterable()}), ${len} = ${seq}.length;`);
    // Row values go flat, row after row (document.ts `Rows`): one array per loop, no object per row.
    const m = loop.slots.length;
    const at = (row: string, s: number): string => (m === 1 ? row : `${row} * ${m} + ${s}`);
    if (!bare) w.line(`const ${items} = new Array(${len}), ${rows} = new Array(${m === 1 ? len : `${len} * ${m}`});`);
    const forloop = withForloop ? g.id('l') : null;
    if (forloop !== null) scope.bind('forloop', { kind: 'forloop', js: forloop });
    const item = g.id('x');
    scope.bind(node.targets[0] ?? '', { kind: 'definite', js: item });
    g.declareLevel(scope, node.body);
    const resets = w.reserve();
    if (forloop !== null) {
      w.line(forloopDeclaration(forloop, len, parent));
    }
    const i = g.id('i');
    const keys = g.id('ks');
    // Declared after the loop's scope is pushed: row outputs see the frame they are written in.
    const mask = mode === 'update' ? this.escapedMask(loop, { ...f, scope, inLoop: true }) : 0;
    const flag = mask === 0 ? null : g.id('f');
    const element = `${seq}[${node.reversed ? `${len} - 1 - ${i}` : i}]`;
    if (mode === 'update') {
      // Keys read here, one property read per site (document.ts `idsOf` reads them the same way): a read
      // shared by every template's loops would see all their item shapes. Anything else goes to `R.keys`.
      const plain = g.id('kp');
      const k = g.id('k');
      w.line(`let ${keys} = new Array(${len}), ${plain} = true, ${k};`);
      w.open(`for (let ${i} = 0; ${i} < ${len}; ${i}++)`);
      w.line(`const x = ${element};`);
      w.line(`${items}[${i}] = x;`);
      w.line(
        `if (${plain} && typeof x === "object" && x !== null && getPrototypeOf(x) === ObjectPrototype && (typeof (${k} = x["id"]) === "number" || typeof ${k} === "string")) ${keys}[${i}] = ${k};`,
      );
      w.line(`else ${plain} = false;`);
      w.close();
      w.line(`if (!${plain}) ${keys} = R.keys(${items});`);
      const paths = this.inputs[u];
      const reader = paths === null || paths === undefined ? 'null' : this.reader(u, paths);
      if (flag !== null) w.line(`let ${flag} = false;`);
      w.line(
        `const reuse = U[${u}] === 1, inputs = R.inputs(${u}, ${len}), match = reuse ? R.matcher(${u}, ${reader}) : null;`,
      );
    }
    w.open(`for (let ${i} = 0; ${i} < ${len}; ${i}++)`);
    if (forloop !== null) {
      w.line(forloopStep(forloop, i, len));
    }
    if (mode === 'mount') {
      w.line(`let ${item} = ${element};`);
      if (!bare) w.line(`${items}[${i}] = ${item};`);
    } else {
      w.line(`let ${item} = ${items}[${i}];`);
      w.open('if (reuse)');
      w.line(`const o = match(${i}, ${item}, ${keys}[${i}], inputs);`);
      w.open('if (o >= 0)');
      if (m === 1) w.line(`${rows}[${i}] = L[${u}].rows[o];`);
      else {
        w.line(`const was = L[${u}].rows;`);
        for (let s = 0; s < m; s++) w.line(`${rows}[${at(i, s)}] = was[${at('o', s)}];`);
      }
      w.line('continue;');
      w.close();
      w.close();
    }
    // Positional cycles take the row's position, so a row computes the same whether or not rows before it did.
    for (const cycle of loop.cycles) w.line(`cy${Number(cycle.state)} = ${i} % ${cycle.values.length};`);
    const frame: Frame = { ...f, scope, ifchangedReset: resets, inLoop: true };
    const vars: string[] = [];
    if (mode === 'mount') w.emitText(f.buf, loop.lead);
    this.row(loop, loop.row, frame, vars, mode === 'mount', flag, mask);
    if (mode === 'mount') w.emitText(f.buf, loop.trail);
    vars.forEach((v, s) => {
      w.line(`${rows}[${at(i, s)}] = ${v};`);
    });
    w.close();
    if (mode === 'mount') w.line(bare ? `R.count(${u}, ${len});` : `R.mountLoop(${u}, ${items}, ${rows});`);
    else {
      w.line(
        `R.loop(${u}, ${keys}, ${items}, ${rows}, reuse ? inputs : null, ${flag === null ? 0 : `${flag} ? 0 : ${mask}`});`,
      );
      w.close();
    }
  }
}
