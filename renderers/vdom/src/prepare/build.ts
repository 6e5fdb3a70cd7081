import type { Node } from '@tessera/template';
import { decodeHTML } from 'entities';
import {
  readStartTag,
  DOCUMENT,
  MARKUP_IN_HAPPY_DOM,
  RCDATA,
  RAWTEXT,
  TRAILING_TAG,
  VOID,
  endQuirk,
  foreignQuirk,
  isBoundary,
  Quirk,
  quirkFloor,
  startQuirk,
  textQuirk,
  tokenizeNodes,
  tokenSource,
  type Part,
  type Token,
} from '@tessera/markup';
import { append, type VElement, type VNode } from '../vtree.js';
import { addFree, type PathSet } from './deps.js';
import type { TElement, TNode, VarPath } from './tnodes.js';

/** A region rendered as HTML text then parsed, for the report: where it is and why. */
export interface FallbackRegion {
  /** Template element id (`tag` is its name), IR node id (`tag` is `{% kind %}`; 0 when the node has none), or -1 for the whole page. */
  readonly element: number;
  readonly tag: string;
  readonly reason: string;
}

/** Builds prepared trees, numbering elements and recording fallback regions. */
export class TreeBuilder {
  private nextId = 1;
  readonly fallbacks: FallbackRegion[] = [];

  /** Builds a node list in content state under the open elements `open`. Throws Quirk when it cannot be modelled. */
  fragment(nodes: readonly Node[], open: readonly string[]): TNode[] {
    return this.tokens(tokenizeNodes(nodes).tokens, open);
  }

  private tokens(tokens: readonly Token[], outer: readonly string[]): TNode[] {
    const root: TNode[] = [];
    const stack: Array<{ name: string; start: number; children: TNode[] }> = [];
    const open = [...outer];
    const add = (node: TNode): void => {
      (stack[stack.length - 1]?.children ?? root).push(node);
    };
    let i = 0;
    while (i < tokens.length) {
      try {
        i = this.token(tokens, i, open, stack, add);
      } catch (error) {
        if (!(error instanceof Quirk)) throw error;
        // The nearest element above the quirk that may hold its content as HTML text, provided nothing
        // else in that content reaches it or higher.
        let depth = error.depth;
        let k = stack.length - 1;
        let end = -1;
        for (;;) {
          while (k >= 0 && !(outer.length + k < depth && isBoundary((stack[k] as { name: string }).name))) k--;
          if (k < 0) throw new Quirk(depth, error.why);
          const candidate = stack[k] as { name: string; start: number };
          end = matchingEnd(tokens, candidate.start, candidate.name);
          if (end < 0) throw new Quirk(-1, error.why);
          const floor = quirkFloor(tokens.slice(candidate.start + 1, end), open.slice(0, outer.length + k + 1));
          if (floor > outer.length + k) break;
          depth = floor;
          k--;
        }
        const at = stack[k] as { name: string; start: number; children: TNode[] };
        stack.length = k;
        open.length = outer.length + k;
        add(
          this.element(
            tokens[at.start] as Token & { type: 'start' },
            [],
            sourceOf(tokens, at.start + 1, end),
            (tokens[end] as { raw: string }).raw,
            error.why,
          ),
        );
        i = end + 1;
      }
    }
    // Elements left open by a branch or loop body are closed by whatever end tag comes next at render
    // time: no element's extent is known any more.
    if (stack.length > 0) throw new Quirk(-1, `<${(stack[0] as { name: string }).name}> is not closed`);
    return root;
  }

  private token(
    tokens: readonly Token[],
    i: number,
    open: string[],
    stack: Array<{ name: string; start: number; children: TNode[] }>,
    add: (node: TNode) => void,
  ): number {
    const token = tokens[i] as Token;
    switch (token.type) {
      case 'text': {
        const q = textQuirk(token.raw, open);
        if (q !== null) throw new Quirk(q, 'text inside a table');
        add(staticText(token.raw, decodeHTML(token.raw)));
        return i + 1;
      }
      case 'comment':
        add({ t: 'comment', parts: token.parts });
        return i + 1;
      case 'doctype':
        add({ t: 'dropped', parts: [token.raw] });
        return i + 1;
      case 'rawtext':
        throw new Quirk(open.length, 'raw text outside its element');
      case 'bad':
        throw new Quirk(token.page ? -1 : open.length, token.reason);
      case 'hole':
        add(this.hole(token.node, open));
        return i + 1;
      case 'end': {
        if (DOCUMENT.has(token.name)) {
          add({ t: 'dropped', parts: [token.raw] });
          return i + 1;
        }
        const top = stack[stack.length - 1];
        if (top === undefined || top.name !== token.name) {
          const outside = open.length - stack.length;
          const j = open.lastIndexOf(token.name);
          const depth = j >= 0 && j < outside ? -1 : endQuirk(token.name, open);
          throw new Quirk(depth, `</${token.name}> does not close the current element`);
        }
        stack.pop();
        open.pop();
        add(
          this.element(
            tokens[top.start] as Token & { type: 'start' },
            top.children,
            sourceOf(tokens, top.start + 1, i),
            token.raw,
            null,
          ),
        );
        return i + 1;
      }
      case 'start': {
        if (DOCUMENT.has(token.name)) {
          add({ t: 'dropped', parts: token.parts });
          return i + 1;
        }
        if (token.name === 'svg' || token.name === 'math')
          throw new Quirk(foreignQuirk(tokens, i, open), `<${token.name}> (foreign content)`);
        const q = startQuirk(token.name, open);
        if (q !== null) throw new Quirk(q, `<${token.name}> inside <${open[open.length - 1] ?? 'root'}>`);
        if (VOID.has(token.name)) {
          add(this.element(token, [], [], '', null));
          return i + 1;
        }
        if (RAWTEXT.has(token.name) || RCDATA.has(token.name)) {
          const content = tokens[i + 1];
          const hasText = content?.type === 'rawtext';
          const end = tokens[hasText ? i + 2 : i + 1];
          if (end?.type !== 'end' || end.name !== token.name)
            throw new Quirk(open.length, `<${token.name}> is not closed`);
          const parts = hasText ? content.parts : [];
          if (MARKUP_IN_HAPPY_DOM.has(token.name) && parts.some((p) => typeof p === 'string' && p.includes('<'))) {
            throw new Quirk(open.length, `"<" inside <${token.name}>`);
          }
          const last = parts[parts.length - 1];
          if (typeof last === 'string' && TRAILING_TAG.test(last))
            throw new Quirk(-1, `<${token.name}> text ends like a tag`);
          const children: TNode[] = parts.length > 0 ? [{ t: 'rawtext', parts, rcdata: RCDATA.has(token.name) }] : [];
          add(this.element(token, children, parts, end.raw, null));
          return hasText ? i + 3 : i + 2;
        }
        stack.push({ name: token.name, start: i, children: [] });
        open.push(token.name);
        return i + 1;
      }
    }
  }

  private hole(node: Node, open: readonly string[]): TNode {
    switch (node.kind) {
      case 'output':
        return { t: 'out', node };
      case 'if':
        return { t: 'if', node, branches: node.branches.map((b) => this.fragment(b.body, open)), free: freeOf([node]) };
      case 'for': {
        const iter: PathSet = new Map();
        addFree(node.body, new Set(), iter);
        const body = this.fragment(node.body, open).map((t) => subsumed(t, iter));
        return {
          t: 'for',
          node,
          body,
          memoBody: body.some(makesEntries),
          empty: node.empty === null ? null : this.fragment(node.empty, open),
          free: freeOf([node]),
          iterFree: [...iter.values()],
        };
      }
      case 'with':
        return { t: 'with', node, body: this.fragment(node.body, open) };
      case 'autoescape':
        return { t: 'autoescape', node, body: this.fragment(node.body, open) };
      case 'block':
        return { t: 'block', node, body: this.fragment(node.body, open) };
      case 'include':
        if (node.target.kind === 'inline') return { t: 'include', node, body: this.fragment(node.target.body, open) };
        this.fallbacks.push({
          element: node.id,
          tag: '{% include %}',
          reason: `template chosen at render time (${node.target.kind})`,
        });
        return { t: 'html', node };
      case 'extends':
        this.fallbacks.push({ element: node.id, tag: '{% extends %}', reason: 'parent chosen at render time' });
        return { t: 'html', node };
      case 'filterblock':
      case 'spaceless':
      case 'ifchanged':
        this.fallbacks.push({
          element: 'id' in node ? node.id : 0,
          tag: `{% ${node.kind} %}`,
          reason: 'output is a function of the rendered body text',
        });
        return { t: 'html', node };
      default:
        return { t: 'html', node };
    }
  }

  private element(
    start: Token & { type: 'start' },
    children: readonly TNode[],
    inner: readonly Part[],
    close: string,
    fallback: string | null,
  ): TElement {
    const id = this.nextId++;
    const staticOpen = start.parts.every((p) => typeof p === 'string');
    const attrs = staticOpen ? readStartTag(start.parts.join('')) : null;
    if (staticOpen && attrs === null) throw new Quirk(-1, `cannot read the start tag ${start.parts.join('')}`);
    if (fallback !== null) this.fallbacks.push({ element: id, tag: start.name, reason: fallback });
    const paths: PathSet = new Map();
    addFree(
      inner.filter((p): p is Node => typeof p !== 'string'),
      new Set(),
      paths,
    );
    addFree(
      start.parts.filter((p): p is Node => typeof p !== 'string'),
      new Set(),
      paths,
    );
    const dynamic =
      fallback !== null ||
      !staticOpen ||
      inner.some((p) => typeof p !== 'string') ||
      children.some((c) => c.t === 'el' && c.constant === null);
    const staticTag = attrs === null ? null : { raw: start.parts.join(''), key: keyOf(attrs) };
    const memoKids = children.some(makesEntries);
    const el = {
      t: 'el',
      id,
      name: start.name,
      open: start.parts,
      attrs,
      staticOpen: staticTag,
      memoKids,
      ownMemo: true,
      close,
      children,
      inner,
      fallback,
      free: dynamic ? [...paths.values()] : null,
    } as const;
    return { ...el, constant: dynamic ? null : constantElement(el, attrs ?? []) };
  }
}

function constantElement(el: Omit<TElement, 'constant'>, attrs: VElement['attrs']): VElement {
  const children: VNode[] = [];
  for (const child of el.children) {
    switch (child.t) {
      case 'text':
        append(children, child.v);
        break;
      case 'rawtext': {
        const raw = child.parts.join('');
        children.push({ k: 'text', raw, value: child.rcdata ? decodeHTML(raw) : raw });
        break;
      }
      case 'comment': {
        const raw = child.parts.join('');
        children.push({ k: 'comment', raw, value: commentValue(raw) });
        break;
      }
      case 'el':
        children.push(child.constant as VElement);
        break;
      case 'dropped':
        append(children, { k: 'text', raw: child.parts.join(''), value: '' });
        break;
      default:
        throw new Error(`constant element holds a ${child.t} node`);
    }
  }
  return {
    k: 'el',
    id: el.id,
    name: el.name,
    open: el.open.join(''),
    close: el.close,
    attrs,
    children,
    html: null,
    key: keyOf(attrs),
    anchor: false,
    hasAnchors: false,
  };
}

/** Whether rendering `t` makes memo entries: regions and dynamic elements do. */
function makesEntries(t: TNode): boolean {
  switch (t.t) {
    case 'text':
    case 'comment':
    case 'dropped':
    case 'rawtext':
    case 'out':
    case 'html':
      return false;
    case 'el':
      return t.constant === null && t.ownMemo;
    default:
      return true;
  }
}

/**
 * A dynamic element at the top of a loop body that reads exactly the paths one iteration reads, and
 * holds no region: whenever its iteration is rebuilt its paths changed too, so a memo entry of its own
 * would never be reused. It is built without one (`ownMemo: false`).
 */
function subsumed(t: TNode, iteration: PathSet): TNode {
  if (t.t !== 'el' || t.constant !== null || t.memoKids || t.free === null || t.free.length !== iteration.size)
    return t;
  return t.free.every((p) => iteration.has(p.join('.'))) ? { ...t, ownMemo: false } : t;
}

/** A static text node of the prepared template. */
function staticText(raw: string, value: string): TNode {
  return { t: 'text', v: { k: 'text', raw, value, fixed: true } };
}

/** A comment's data: the text between `<!--` and `-->`. */
export function commentValue(raw: string): string {
  const body = raw.slice(4);
  return body.endsWith('-->') ? body.slice(0, -3) : body.replace(/-?>$/, '');
}

/** The diff key an element's attributes give it. */
export function keyOf(attrs: VElement['attrs']): string | null {
  for (const [name, value] of attrs) if (name === 'data-key' || name === 'key') return 'k:' + value;
  return null;
}

/** Paths `nodes` read from outside themselves. */
export function freeOf(nodes: readonly Node[]): VarPath[] {
  const acc: PathSet = new Map();
  addFree(nodes, new Set(), acc);
  return [...acc.values()];
}

function sourceOf(tokens: readonly Token[], from: number, to: number): Part[] {
  const parts: Part[] = [];
  for (let j = from; j < to; j++) parts.push(...tokenSource(tokens[j] as Token));
  return parts;
}

// The index of the end tag closing the start tag at `start`, counting nested tags of the same name.
function matchingEnd(tokens: readonly Token[], start: number, name: string): number {
  let depth = 0;
  for (let j = start + 1; j < tokens.length; j++) {
    const t = tokens[j] as Token;
    if (t.type === 'start' && t.name === name) depth++;
    else if (t.type === 'end' && t.name === name) {
      if (depth === 0) return j;
      depth--;
    }
  }
  return -1;
}
