/**
 * The page's slot structure, analysed once from the IR and the template's static HTML: the elements
 * whose shape is fixed, and in them the **slots** whose values change from one context to the next:
 * an attribute value, an element's content (HTML), a keyed loop of rows. Everything else is static
 * text, sent once with the page and never again.
 *
 * Where the shape cannot be known from the template (a hole that renders markup next to static
 * siblings, a tag inside an attribute name, a branch left unbalanced, parser quirks), the nearest
 * element that can hold the region as HTML takes it as one content slot, down to the page itself.
 */
import { readStartTag } from './attrs.js';
import { DOCUMENT, RAWTEXT, RCDATA, TRAILING_TAG, VOID } from './elements.js';
import { quirkFloor, startQuirk, textQuirk } from './quirks.js';
import { bodiesOf, tokenizeNodes, tokenSource, type Part, type Token } from './tokenize.js';
import { isAttributeName } from '@tessera/dom-patch';
import type { CycleNode, ForNode, Node } from '@tessera/template';

/** How a content slot's value must be checked before it can be patched in place (see `holds`). */
export interface ContentCheck {
  /** Names of the open elements from the page root down to the slot's element. */
  readonly open: readonly string[];
  /** Raw text (script, style, textarea, title): values with `<` are never patched in place. */
  readonly raw: boolean;
  /** Whether text may stand in the element (not in table structure, where the parser moves it out). */
  readonly text: boolean;
  /** Whether a leading newline is dropped after the start tag (`pre`, `listing`, `textarea`), not by innerHTML. */
  readonly newline: boolean;
}

function check(open: readonly string[], raw: boolean): ContentCheck {
  const name = open[open.length - 1] ?? '';
  return {
    open,
    raw,
    text: textQuirk('x', open) === null,
    newline: name === 'pre' || name === 'listing' || name === 'textarea',
  };
}

/** A slot: where its value goes in the DOM. `sub` is the path from its owner (anchor or row element). */
export type SlotTarget =
  | { readonly kind: 'attr'; sub: readonly number[]; readonly name: string; readonly quote: string }
  | { readonly kind: 'content'; sub: readonly number[]; readonly check: ContentCheck };

/** A slot's value as source: static text and IR nodes, rendered to one string. */
export interface Slot {
  readonly target: SlotTarget;
  readonly nodes: readonly Node[];
}

/** An element whose start tag and child list shape are known. */
export interface LElement {
  readonly name: string;
  /** Anchor id (0 inside loop rows and where nothing is addressed from it), set by `finish`. */
  anchor: number;
  /** The start tag: static source and attribute slots (their index in `slots` of the owner). */
  readonly open: readonly (string | number)[];
  /** The content: a child list, one content slot, or nothing (void elements). */
  readonly content:
    | { readonly k: 'items'; readonly items: readonly Item[] }
    | { readonly k: 'slot'; readonly slot: number };
  readonly close: string;
}

/** A keyed loop whose every iteration renders static text, one element, static text. */
export interface LLoop {
  readonly node: ForNode;
  readonly lead: string;
  readonly trail: string;
  readonly row: LElement;
  /** The row's slots, numbered in document order. */
  readonly slots: readonly Slot[];
  /** The parent element's anchor (0: the page root), set by `finish`. */
  parent: number;
  /** Its unit number. */
  readonly unit: number;
  /**
   * `{% cycle %}` tags each row renders exactly once, unconditionally: their value is a function of the
   * row's position, so the generated code sets their state from it and rows stay independent.
   */
  readonly cycles: readonly CycleNode[];
}

/** One entry of a child list. */
export type Item =
  /** Static source that is one text node (or none, when empty). */
  | { readonly k: 'text'; readonly html: string }
  /** Static source that is `nodes` DOM nodes (an element or comment: 1; a doctype or `<html>` tag: 0). */
  | { readonly k: 'static'; readonly html: string; readonly nodes: number }
  /** Source that renders with the page but makes no DOM node (`<html lang="{{ l }}">`). */
  | { readonly k: 'hidden'; readonly nodes: readonly Node[] }
  | { readonly k: 'el'; readonly el: LElement }
  /** A `{% with %}`, `{% block %}` or `{% autoescape %}` whose body is part of this child list. */
  | { readonly k: 'scope'; readonly node: Node; readonly items: readonly Item[] }
  | { readonly k: 'loop'; readonly loop: LLoop };

/** The analysed page. */
export interface Structure {
  /** The page's child list, or one content slot holding the whole page. */
  readonly root: LElement;
  /** Top-level slots (outside loops), by unit number; loops take unit numbers too (`null` here). */
  readonly slots: readonly (Slot | null)[];
  readonly loops: readonly LLoop[];
}

/** Thrown inside the analysis when a child list cannot be modelled; the enclosing element takes it. */
class Unmodelled extends Error {
  constructor(readonly depth: number) {
    super('unmodelled');
  }
}

const text = (value: string): Node => ({ kind: 'text', value });
const asNodes = (parts: readonly Part[]): Node[] => parts.map((p) => (typeof p === 'string' ? text(p) : p));

/** A wrapper whose body renders in the enclosing child list and pushes only names (no output of its own). */
function isScope(node: Node): boolean {
  return node.kind === 'with' || node.kind === 'block' || node.kind === 'autoescape';
}

/** Blocks and autoescape sections whose whole output is constant text become that text, so `{% block title %}x{% endblock %}` is static. */
function flatten(nodes: readonly Node[]): Node[] {
  const out: Node[] = [];
  for (const n of nodes) {
    if (n.kind === 'block' || n.kind === 'autoescape') {
      const body = flatten(n.body);
      if (body.every((b) => b.kind === 'text')) {
        out.push(...body);
        continue;
      }
    }
    out.push(n);
  }
  return out;
}

/** A start tag's source split into static text and attribute value slots, or null when its shape may change. */
function startTag(parts: readonly Part[]): { pieces: (string | Node[])[]; names: string[] } | null {
  const MARK = '\uE000';
  if (parts.some((p) => typeof p === 'string' && p.includes(MARK))) return null;
  const nodes: Node[] = [];
  let raw = '';
  for (const p of parts) {
    if (typeof p === 'string') raw += p;
    else {
      nodes.push(p);
      raw += MARK;
    }
  }
  // Attributes as the tokenizer reads them: name, then an optional quoted or unquoted value.
  const attr = /[\s/]*([^\s"'>/=][^\s"'>/=]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]*)))?/y;
  const nameEnd = /^<[^\s/>]+/.exec(raw);
  if (nameEnd === null || nameEnd[0].includes(MARK)) return null;
  const pieces: (string | Node[])[] = [];
  const names: string[] = [];
  let at = nameEnd[0].length;
  let copied = 0;
  let node = 0;
  attr.lastIndex = at;
  for (;;) {
    const m = attr.exec(raw);
    if (m === null || m[0].length === 0) break;
    const [, name = '', dq, sq, unq] = m;
    if (name.includes(MARK) || (unq ?? '').includes(MARK)) return null;
    const value = dq ?? sq;
    if (value?.includes(MARK)) {
      const start = m.index + m[0].length - value.length - 1;
      pieces.push(raw.slice(copied, start));
      const valueNodes: Node[] = [];
      for (const piece of value.split(/(\uE000)/)) {
        if (piece === MARK) valueNodes.push(nodes[node++] as Node);
        else if (piece !== '') valueNodes.push(text(piece));
      }
      pieces.push(valueNodes);
      copied = start + value.length;
      names.push(name.toLowerCase());
    }
    at = attr.lastIndex;
  }
  const rest = raw.slice(at);
  if (!/^\s*\/?>$/.test(rest) || node !== nodes.length) return null;
  pieces.push(raw.slice(copied));
  // The DOM's own reading of the tag must agree: same attributes, each name once.
  const dom = readStartTag(raw);
  if (dom === null) return null;
  const domNames = dom.map(([n]) => n);
  if (new Set(domNames).size !== domNames.length) return null;
  // A name `setAttribute` refuses cannot be patched: the element's parent holds it as HTML instead.
  for (const n of names) if (!domNames.includes(n) || !isAttributeName(n)) return null;
  return { pieces, names };
}

/**
 * Elements whose content is never one slot: the parser builds table and select content by rules of
 * their own, so `innerHTML` on them is not the page's parse. Any other element may hold its content as
 * HTML: each value is checked before it is patched in place (a value that would restructure the element
 * or its ancestors makes the page go whole).
 */
const NO_CONTENT_SLOT = new Set('table thead tbody tfoot tr colgroup select optgroup template'.split(' '));
const holdsContent = (name: string): boolean => !NO_CONTENT_SLOT.has(name);

/** Node kinds whose output is a function of the paths they read and nothing else. */
const PURE = new Set(['text', 'output', 'if', 'for', 'with', 'autoescape', 'block', 'spaceless', 'filterblock']);

/**
 * The context paths `nodes` read (`items[].name`: through a loop over `items`), or null when they may
 * read any name or carry render-wide state (cycles, `as` names, includes chosen at render time...).
 */
export function depsOf(nodes: readonly Node[], positional: ReadonlySet<Node> = new Set()): string[] | null {
  const deps: string[] = [];
  const visit = (list: readonly Node[]): boolean => {
    for (const n of list) {
      if (n.kind === 'text') continue;
      if (n.kind === 'include') {
        if (n.target.kind !== 'inline') return false;
      } else if (!PURE.has(n.kind) && !positional.has(n)) return false;
      if ('deps' in n) deps.push(...n.deps);
      for (const body of bodiesOf(n)) if (!visit(body)) return false;
    }
    return true;
  };
  return visit(nodes) ? deps : null;
}

/** The top-level context name a dependency path starts with. */
export const headOf = (dep: string): string => /^[^.[]*/.exec(dep)?.[0] ?? dep;

/** Builds the structure of a template body. */
export class StructureBuilder {
  readonly slots: (Slot | null)[] = [];
  readonly loops: LLoop[] = [];

  build(body: readonly Node[]): Structure {
    const items = this.#tryList(body, [], null);
    if (items !== null) {
      const root = rootElement({ k: 'items', items });
      finish(root);
      return { root, slots: this.slots, loops: this.loops };
    }
    // The whole page is one region: replaced whole when it changes.
    this.slots.length = 0;
    this.loops.length = 0;
    const slot = this.#slot({ target: { kind: 'content', sub: [], check: check([], false) }, nodes: body }, null);
    return { root: rootElement({ k: 'slot', slot }), slots: this.slots, loops: this.loops };
  }

  /** A slot's number: in `row` (a loop's row slots) or among the top-level units. */
  #slot(slot: Slot, row: Slot[] | null): number {
    const list = row ?? this.slots;
    list.push(slot);
    return list.length - 1;
  }

  #tryList(nodes: readonly Node[], open: readonly string[], row: RowContext | null): Item[] | null {
    const mark = { slots: this.slots.length, loops: this.loops.length, row: row?.slots.length ?? 0 };
    try {
      return this.#list(tokenizeNodes(flatten(nodes)), open, row);
    } catch (error) {
      if (!(error instanceof Unmodelled)) throw error;
      this.slots.length = mark.slots;
      this.loops.length = mark.loops;
      if (row !== null) row.slots.length = mark.row;
      return null;
    }
  }

  #list(tokenized: { tokens: Token[]; clean: boolean }, open: readonly string[], row: RowContext | null): Item[] {
    if (!tokenized.clean) throw new Unmodelled(-1);
    const { tokens } = tokenized;
    const [items, end] = this.#children(tokens, 0, open, row, null);
    if (end !== tokens.length) throw new Unmodelled(open.length - 1);
    return items;
  }

  /** Reads a child list from `i` until the end tag of `name` (or the end); returns the items and the end tag's index. */
  #children(
    tokens: readonly Token[],
    from: number,
    open: readonly string[],
    row: RowContext | null,
    name: string | null,
  ): [Item[], number] {
    const items: Item[] = [];
    let i = from;
    while (i < tokens.length) {
      const token = tokens[i] as Token;
      switch (token.type) {
        case 'text':
          if (textQuirk(token.raw, open) !== null) throw new Unmodelled(open.length - 1);
          items.push({ k: 'text', html: token.raw });
          i++;
          continue;
        case 'comment':
          if (token.parts.some((p) => typeof p !== 'string')) throw new Unmodelled(open.length - 1);
          items.push({ k: 'static', html: token.parts.join(''), nodes: 1 });
          i++;
          continue;
        case 'doctype':
          items.push({ k: 'static', html: token.raw, nodes: 0 });
          i++;
          continue;
        case 'rawtext':
        case 'bad':
          throw new Unmodelled(-1);
        case 'hole':
          items.push(this.#hole(token.node, open, row));
          i++;
          continue;
        case 'end':
          if (DOCUMENT.has(token.name)) {
            items.push({ k: 'static', html: token.raw, nodes: 0 });
            i++;
            continue;
          }
          if (token.name !== name) throw new Unmodelled(-1);
          return [items, i];
        case 'start': {
          if (DOCUMENT.has(token.name)) {
            const dynamic = token.parts.some((p) => typeof p !== 'string');
            items.push(
              dynamic
                ? { k: 'hidden', nodes: asNodes(token.parts) }
                : { k: 'static', html: token.parts.join(''), nodes: 0 },
            );
            i++;
            continue;
          }
          const [item, next] = this.#element(tokens, i, open, row);
          items.push(item);
          i = next;
          continue;
        }
      }
    }
    if (name !== null) throw new Unmodelled(-1);
    return [items, i];
  }

  #element(tokens: readonly Token[], i: number, open: readonly string[], row: RowContext | null): [Item, number] {
    const token = tokens[i] as Token & { type: 'start' };
    const { name } = token;
    if (name === 'svg' || name === 'math' || name === 'template') throw new Unmodelled(open.length - 1);
    if (startQuirk(name, open) !== null) throw new Unmodelled(open.length - 1);
    const tag = startTag(token.parts);
    if (tag === null) throw new Unmodelled(open.length - 1);
    const inner = [...open, name];
    const sub: number[] = [];
    const anchor = 0;
    const openPieces: (string | number)[] = [];
    tag.pieces.forEach((piece, k) => {
      if (typeof piece === 'string') openPieces.push(piece);
      else {
        const attrName = tag.names[(k - 1) / 2] as string;
        const quote = (tag.pieces[k - 1] as string).slice(-1);
        openPieces.push(
          this.#slot({ target: { kind: 'attr', sub, name: attrName, quote }, nodes: piece }, row?.slots ?? null),
        );
      }
    });
    const staticOpen = openPieces.every((p) => typeof p === 'string');
    const openHtml = openPieces.join('');
    if (VOID.has(name)) {
      const el: LElement = { name, anchor, open: openPieces, content: { k: 'items', items: [] }, close: '' };
      return [staticOpen ? { k: 'static', html: openHtml, nodes: 1 } : { k: 'el', el }, i + 1];
    }
    if (RAWTEXT.has(name) || RCDATA.has(name)) {
      const content = tokens[i + 1];
      const hasText = content?.type === 'rawtext';
      const end = tokens[hasText ? i + 2 : i + 1];
      if (end?.type !== 'end' || end.name !== name) throw new Unmodelled(open.length - 1);
      const parts = hasText ? content.parts : [];
      const last = parts[parts.length - 1];
      if (typeof last === 'string' && TRAILING_TAG.test(last)) throw new Unmodelled(-1);
      const next = hasText ? i + 3 : i + 2;
      if (parts.every((p) => typeof p === 'string')) {
        if (RCDATA.has(name) && parts.some((p) => (p as string).includes('<'))) throw new Unmodelled(open.length - 1);
        const el: LElement = {
          name,
          anchor,
          open: openPieces,
          content: { k: 'items', items: parts.length > 0 ? [{ k: 'text', html: parts.join('') }] : [] },
          close: end.raw,
        };
        return [
          staticOpen ? { k: 'static', html: openHtml + parts.join('') + end.raw, nodes: 1 } : { k: 'el', el },
          next,
        ];
      }
      const slot = this.#slot(
        { target: { kind: 'content', sub, check: check(inner, true) }, nodes: asNodes(parts) },
        row?.slots ?? null,
      );
      return [{ k: 'el', el: { name, anchor, open: openPieces, content: { k: 'slot', slot }, close: end.raw } }, next];
    }
    // The content: modelled as a child list when it can be, else one content slot if this element can hold it.
    const mark = { slots: this.slots.length, loops: this.loops.length, row: row?.slots.length ?? 0 };
    const end = matchingEnd(tokens, i, name);
    if (end < 0) throw new Unmodelled(-1);
    const closeRaw = (tokens[end] as { raw: string }).raw;
    let content: LElement['content'];
    try {
      const [items, stop] = this.#children(tokens, i + 1, inner, row, name);
      if (stop !== end) throw new Unmodelled(-1);
      content = { k: 'items', items };
    } catch (error) {
      if (!(error instanceof Unmodelled)) throw error;
      this.slots.length = mark.slots;
      this.loops.length = mark.loops;
      if (row !== null) row.slots.length = mark.row;
      const source: Part[] = [];
      for (let j = i + 1; j < end; j++) source.push(...tokenSource(tokens[j] as Token));
      if (!holdsContent(name)) throw new Unmodelled(open.length - 1);
      const contentTokens = tokens.slice(i + 1, end);
      if (quirkFloor(contentTokens, inner) <= open.length) throw new Unmodelled(open.length - 1);
      const slot = this.#slot(
        { target: { kind: 'content', sub, check: check(inner, false) }, nodes: asNodes(source) },
        row?.slots ?? null,
      );
      content = { k: 'slot', slot };
    }
    const el: LElement = { name, anchor, open: openPieces, content, close: closeRaw };
    if (staticOpen && content.k === 'items' && isStatic(content.items)) {
      const html = openHtml + content.items.map((it) => (it as { html: string }).html).join('') + closeRaw;
      return [{ k: 'static', html, nodes: 1 }, end + 1];
    }
    return [{ k: 'el', el }, end + 1];
  }

  #hole(node: Node, open: readonly string[], row: RowContext | null): Item {
    if (isScope(node)) {
      const items = this.#tryList((node as { body: readonly Node[] }).body, open, row);
      if (items === null) throw new Unmodelled(open.length - 1);
      return { k: 'scope', node, items };
    }
    if (node.kind === 'for' && row === null) {
      const loop = this.#loop(node, open);
      if (loop !== null) return { k: 'loop', loop };
    }
    throw new Unmodelled(open.length - 1);
  }

  #loop(node: ForNode, open: readonly string[]): LLoop | null {
    if (node.targets.length !== 1 || node.empty !== null) return null;
    const slots: Slot[] = [];
    const items = this.#tryList(node.body, open, { slots });
    if (items === null) return null;
    // Static text, one element, static text: each row is one element node between identical separators.
    let k = 0;
    const lead = items[k]?.k === 'text' ? (items[k++] as { html: string }).html : '';
    const only = items[k++];
    const trail = items[k]?.k === 'text' ? (items[k++] as { html: string }).html : '';
    if (only === undefined || k !== items.length) return null;
    let row: LElement;
    if (only.k === 'el') row = only.el;
    else if (only.k === 'static' && only.nodes === 1)
      row = { name: '', anchor: 0, open: [only.html], content: { k: 'items', items: [] }, close: '' };
    else return null;
    const unit = this.slots.length;
    this.slots.push(null);
    placeSlots(row, [], slots);
    // A cycle the row resets is not a function of the row's position (reset after printing, every row
    // prints its first value): it keeps the render's running state, as a cycle nested in a condition does.
    const reset = resetStates(slots.flatMap((slot) => slot.nodes));
    const cycles = slots.flatMap((slot) =>
      slot.nodes.filter(
        (n): n is CycleNode => n.kind === 'cycle' && n.asVar === null && !n.silent && !reset.has(n.state),
      ),
    );
    const loop: LLoop = { node, lead, trail, row, slots, parent: 0, unit, cycles };
    this.loops.push(loop);
    return loop;
  }
}

/** The cycle states the `{% resetcycle %}` tags in `nodes` (at any depth) reset. */
function resetStates(nodes: readonly Node[]): Set<number> {
  const states = new Set<number>();
  const visit = (list: readonly Node[]): void => {
    for (const n of list) {
      if (n.kind === 'resetcycle') for (const state of n.states) states.add(state);
      for (const body of bodiesOf(n)) visit(body);
    }
  };
  visit(nodes);
  return states;
}

/** A loop row being built: where its slots go. */
interface RowContext {
  readonly slots: Slot[];
}

function rootElement(content: LElement['content']): LElement {
  return { name: '', anchor: 0, open: [], content, close: '' };
}

function isStatic(items: readonly Item[]): boolean {
  return items.every((it) => it.k === 'text' || it.k === 'static');
}

/** The index of the end tag closing the start tag at `start`, counting nested tags of the same name. */
function matchingEnd(tokens: readonly Token[], start: number, name: string): number {
  let depth = 0;
  for (let j = start + 1; j < tokens.length; j++) {
    const t = tokens[j] as Token;
    if (t.type === 'start' && t.name === name && !VOID.has(name)) depth++;
    else if (t.type === 'end' && t.name === name) {
      if (depth === 0) return j;
      depth--;
    }
  }
  return -1;
}

/** The entries of a child list with the scopes' entries in their place. */
export function* flat(items: readonly Item[]): Generator<Exclude<Item, { k: 'scope' }>> {
  for (const it of items) {
    if (it.k === 'scope') yield* flat(it.items);
    else yield it;
  }
}

/**
 * The DOM child index of each entry of a child list (for elements and loops: of the element, of the
 * first row), adjacent text merged as the HTML parser merges it; `rows(loop)` is a loop's row count.
 * Returns the indices by entry and the number of nodes.
 */
export function childIndices(
  items: readonly Item[],
  rows: (loop: LLoop) => number,
): { at: Map<Item, number>; stride: Map<LLoop, number>; count: number } {
  const at = new Map<Item, number>();
  const stride = new Map<LLoop, number>();
  let count = 0;
  let lastText = false;
  const addText = (html: string): void => {
    if (html === '') return;
    if (!lastText) count++;
    lastText = true;
  };
  for (const it of flat(items)) {
    switch (it.k) {
      case 'text':
        addText(it.html);
        break;
      case 'hidden':
        break;
      case 'static':
        if (it.nodes === 0) break;
        at.set(it, count);
        count += it.nodes;
        lastText = false;
        break;
      case 'el':
        at.set(it, count);
        count++;
        lastText = false;
        break;
      case 'loop': {
        const { lead, trail } = it.loop;
        const step = lead + trail === '' ? 1 : 2;
        stride.set(it.loop, step);
        const n = rows(it.loop);
        if (n === 0) {
          at.set(it, count);
          break;
        }
        addText(lead);
        at.set(it, count);
        count += 1 + (n - 1) * step;
        lastText = false;
        addText(trail);
        break;
      }
    }
  }
  return { at, stride, count };
}

/** Sets the path of every slot of a row, from the row element. */
function placeSlots(el: LElement, path: readonly number[], slots: readonly Slot[]): void {
  for (const piece of el.open) if (typeof piece === 'number') (slots[piece] as Slot).target.sub = path;
  if (el.content.k === 'slot') {
    (slots[el.content.slot] as Slot).target.sub = path;
    return;
  }
  const { at } = childIndices(el.content.items, () => 0);
  for (const it of flat(el.content.items)) if (it.k === 'el') placeSlots(it.el, [...path, at.get(it) as number], slots);
}

/** Whether an element is addressed by anchor: it owns a top-level slot or holds a loop. */
function addressed(el: LElement): boolean {
  if (el.open.some((p) => typeof p === 'number') || el.content.k === 'slot') return true;
  return [...flat(el.content.k === 'items' ? el.content.items : [])].some((it) => it.k === 'loop');
}

/** Numbers the anchors of the top-level elements that need one, in document order, and tells loops their parent's. */
export function finish(root: LElement): void {
  let next = 0;
  const visit = (el: LElement, isRoot: boolean): void => {
    if (!isRoot && addressed(el)) el.anchor = ++next;
    if (el.content.k !== 'items') return;
    for (const it of flat(el.content.items)) {
      if (it.k === 'el') visit(it.el, false);
      else if (it.k === 'loop') it.loop.parent = el.anchor;
    }
  };
  visit(root, true);
}

/** The pieces of a row's HTML: static text and row slot numbers, in order. */
export function rowPieces(el: LElement): (string | number)[] {
  const out: (string | number)[] = [];
  const push = (p: string | number): void => {
    const last = out[out.length - 1];
    if (typeof p === 'string' && typeof last === 'string') out[out.length - 1] = last + p;
    else if (p !== '') out.push(p);
  };
  const element = (e: LElement): void => {
    for (const piece of e.open) push(piece);
    if (e.content.k === 'slot') push(e.content.slot);
    else
      for (const it of flat(e.content.items)) {
        if (it.k === 'text' || it.k === 'static') push(it.html);
        else if (it.k === 'el') element(it.el);
      }
    push(e.close);
  };
  element(el);
  return out;
}
