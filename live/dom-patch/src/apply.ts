import { PatchTargetError } from './errors.js';
import type { Anchor, Patch, PatchBatch, PatchEntry, Path } from './types.js';
import { validatePatches } from './validate.js';

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const COMMENT_NODE = 8;

/**
 * A stand-in for a DOM node while the list is resolved: child lists are copied lazily and then
 * edited instead of the DOM, so every target is found (or the list refused) before anything changes.
 */
interface Shadow {
  readonly node: Node;
  kids: Shadow[] | null;
}

type Action =
  | { readonly kind: 'text'; readonly node: CharacterData; readonly value: string }
  | { readonly kind: 'attr'; readonly node: Element; readonly name: string; readonly value: string | null }
  | { readonly kind: 'insert'; readonly parent: Node; readonly nodes: readonly Node[]; readonly before: Node | null }
  | { readonly kind: 'remove'; readonly node: Node }
  | { readonly kind: 'children'; readonly parent: Node; readonly nodes: readonly Node[] }
  | { readonly kind: 'bind'; readonly anchors: AnchorMap; readonly table: ReadonlyMap<number, Element> };

/**
 * The client's side of anchor addressing: each anchor id bound to its element in one root's DOM.
 * Bind the table the renderer gives with the page (`new AnchorMap(root, doc.anchors)`), then pass the
 * map to every `applyPatches` on that root; `anchors` patches keep it current.
 */
export class AnchorMap {
  #nodes: ReadonlyMap<number, Element> = new Map();

  /** Binds `table` (paths from `root`) against the DOM `root` holds now. Throws PatchTargetError when a path leads nowhere. */
  constructor(
    readonly root: Element,
    table: readonly Anchor[] = [],
  ) {
    applyPatches(root, [{ op: 'anchors', anchors: table }], this);
  }

  /** The element bound to `id`. */
  get(id: number): Element | undefined {
    return this.#nodes.get(id);
  }

  /** How many anchors are bound. */
  get size(): number {
    return this.#nodes.size;
  }

  /** The bindings, id to element. */
  get table(): ReadonlyMap<number, Element> {
    return this.#nodes;
  }

  /** Replaces the whole table (what an `anchors` patch does once its list is resolved). */
  replace(table: ReadonlyMap<number, Element>): void {
    this.#nodes = table;
  }
}

/**
 * Merges adjacent text children and drops empty ones, as `Node.normalize()` does but one level deep.
 * Paths count text the way an HTML parser is meant to build it, one node per run of text, while some
 * parsers split it (happy-dom at every `>`); the merge changes no markup.
 */
function mergeText(parent: Node): void {
  let child = parent.firstChild;
  while (child !== null) {
    let next = child.nextSibling;
    if (child.nodeType === TEXT_NODE) {
      const text = child as CharacterData;
      while (next !== null && next.nodeType === TEXT_NODE) {
        text.appendData((next as CharacterData).data);
        parent.removeChild(next);
        next = text.nextSibling;
      }
      if (text.data === '') parent.removeChild(text);
    }
    child = next;
  }
}

const XHTML = 'http://www.w3.org/1999/xhtml';
/** Elements whose content the HTML parser reads as text: character references decoded (RCDATA) or not. */
const RCDATA = new Set(['title', 'textarea']);
const RAWTEXT = new Set(['script', 'style', 'xmp', 'iframe', 'noembed', 'noframes']);

/**
 * The text node `innerHTML` gives an element whose content is read as text, built directly: parsers
 * differ there (happy-dom leaves references in a title undecoded and decodes them in a script); null for
 * other elements. A `<textarea>` decodes the references of RCDATA.
 */
function textContentIn(context: Node, html: string): Node[] | null {
  const element = context as Element;
  if (context.nodeType !== ELEMENT_NODE || element.namespaceURI !== XHTML) return null;
  const name = element.localName;
  const rcdata = RCDATA.has(name);
  if (!rcdata && !RAWTEXT.has(name)) return null;
  const doc = context.ownerDocument as Document;
  let text = html;
  if (rcdata && html.includes('&')) {
    const decoder = doc.createElement('textarea');
    decoder.innerHTML = html;
    text = decoder.textContent ?? html;
  }
  return text === '' ? [] : [doc.createTextNode(text)];
}

/** Parses `html` as the children of an element like `context`, so `<tr>` in a `<tbody>` stays a row. */
function parseIn(context: Node, html: string): Node[] {
  const text = textContentIn(context, html);
  if (text !== null) return text;
  const holder = context.cloneNode(false) as Element;
  holder.innerHTML = html;
  mergeText(holder);
  return Array.from(holder.childNodes);
}

class Resolver {
  readonly actions: Action[] = [];
  private index = 0;
  private readonly root: Shadow;
  // One shadow per node, so a path from an anchor and a path from the root see the same edits.
  private readonly shadows = new Map<Node, Shadow>();
  // The anchors as the list goes: an `anchors` patch rebinds them for the patches after it (to nodes
  // that may not be in the DOM yet, so only anchors bound before the list are checked for being in it).
  private bound: ReadonlyMap<number, Element>;
  private rebound = false;
  private start: Shadow;
  // Nodes an earlier patch of the list took out of the tree: an anchor inside one is gone too.
  private readonly removed = new Set<Node>();

  constructor(
    root: Element,
    private readonly anchors: AnchorMap | undefined,
  ) {
    this.root = this.shadowOf(root);
    this.start = this.root;
    this.bound = anchors?.table ?? new Map();
  }

  private shadowOf(node: Node): Shadow {
    let shadow = this.shadows.get(node);
    if (shadow === undefined) {
      shadow = { node, kids: null };
      this.shadows.set(node, shadow);
    }
    return shadow;
  }

  private kidsOf(shadow: Shadow): Shadow[] {
    if (shadow.kids === null) {
      mergeText(shadow.node);
      shadow.kids = Array.from(shadow.node.childNodes, (n) => this.shadowOf(n));
    }
    return shadow.kids;
  }

  private removedByEarlierPatch(node: Node): boolean {
    for (let at: Node | null = node; at !== null && at !== this.root.node; at = at.parentNode)
      if (this.removed.has(at)) return true;
    return false;
  }

  private fail(message: string): never {
    throw new PatchTargetError(this.index, message);
  }

  private walk(path: Path, upTo = path.length, from = this.start): Shadow {
    let at = from;
    for (let depth = 0; depth < upTo; depth++) {
      const i = path[depth] as number;
      const next = this.kidsOf(at)[i];
      if (next === undefined) this.fail(`path [${path.join(',')}] has no child ${i} at depth ${depth}`);
      at = next;
    }
    return at;
  }

  private element(path: Path): Shadow {
    const target = this.walk(path);
    if (target.node.nodeType !== ELEMENT_NODE) this.fail(`path [${path.join(',')}] is not an element`);
    return target;
  }

  private parentAndIndex(path: Path): [Shadow, number] {
    const parent = this.walk(path, path.length - 1);
    const i = path[path.length - 1] as number;
    if (this.kidsOf(parent)[i] === undefined) this.fail(`path [${path.join(',')}] does not exist`);
    return [parent, i];
  }

  resolve(patch: Patch, index: number): void {
    this.index = index;
    this.start = this.root;
    if (patch.op === 'anchors') {
      const table = new Map<number, Element>();
      for (const [id, path] of patch.anchors) table.set(id, this.element(path).node as Element);
      this.bound = table;
      this.rebound = true;
      if (this.anchors !== undefined) this.actions.push({ kind: 'bind', anchors: this.anchors, table });
      return;
    }
    if (patch.at !== undefined) {
      if (this.anchors === undefined) this.fail(`addresses anchor ${patch.at}, but no AnchorMap was given`);
      const anchor = this.bound.get(patch.at);
      if (anchor === undefined) this.fail(`anchor ${patch.at} is not bound`);
      if (!this.rebound && (anchor === this.root.node || !this.root.node.contains(anchor)))
        this.fail(`anchor ${patch.at} is no longer in the root`);
      if (!this.rebound && this.removedByEarlierPatch(anchor))
        this.fail(`anchor ${patch.at} was removed by an earlier patch of the list`);
      this.start = this.shadowOf(anchor);
    }
    const path = patch.path ?? [];
    switch (patch.op) {
      case 'text': {
        const target = this.walk(path);
        const type = target.node.nodeType;
        if (type !== TEXT_NODE && type !== COMMENT_NODE)
          this.fail(`path [${path.join(',')}] is not a text or comment node`);
        this.actions.push({ kind: 'text', node: target.node as CharacterData, value: patch.value });
        return;
      }
      case 'attr':
      case 'rmattr': {
        const target = this.element(path);
        const value = patch.op === 'attr' ? patch.value : null;
        this.actions.push({ kind: 'attr', node: target.node as Element, name: patch.name, value });
        return;
      }
      case 'insert': {
        const parent = this.element(path);
        const kids = this.kidsOf(parent);
        if (patch.index > kids.length) this.fail(`insert index ${patch.index} is past the ${kids.length} children`);
        const nodes = parseIn(parent.node, patch.html);
        this.actions.push({ kind: 'insert', parent: parent.node, nodes, before: kids[patch.index]?.node ?? null });
        kids.splice(patch.index, 0, ...nodes.map((n) => this.shadowOf(n)));
        return;
      }
      case 'remove': {
        const [parent, i] = this.parentAndIndex(path);
        const [gone] = this.kidsOf(parent).splice(i, 1);
        this.removed.add((gone as Shadow).node);
        this.actions.push({ kind: 'remove', node: (gone as Shadow).node });
        return;
      }
      case 'move': {
        const parent = this.element(path);
        const kids = this.kidsOf(parent);
        const count = patch.count ?? 1;
        if (patch.from + count > kids.length)
          this.fail(`move of ${count} from ${patch.from} is past the ${kids.length} children`);
        const moved = kids.splice(patch.from, count);
        if (patch.to > kids.length) this.fail(`move to ${patch.to} is past the ${kids.length} remaining children`);
        const before = kids[patch.to]?.node ?? null;
        kids.splice(patch.to, 0, ...moved);
        this.actions.push({ kind: 'insert', parent: parent.node, nodes: moved.map((m) => m.node), before });
        return;
      }
      case 'replace': {
        const [parent, i] = this.parentAndIndex(path);
        const kids = this.kidsOf(parent);
        const old = kids[i] as Shadow;
        const nodes = parseIn(parent.node, patch.html);
        this.actions.push({ kind: 'insert', parent: parent.node, nodes, before: old.node });
        this.actions.push({ kind: 'remove', node: old.node });
        this.removed.add(old.node);
        kids.splice(i, 1, ...nodes.map((n) => this.shadowOf(n)));
        return;
      }
      case 'html': {
        const target = this.element(path);
        this.children(target, patch.html);
        return;
      }
      case 'column': {
        const parent = this.element(path);
        const kids = this.kidsOf(parent);
        patch.values.forEach((value, k) => {
          if (value === null) return;
          const i = patch.first + k * patch.step;
          const row = kids[i];
          if (row === undefined) this.fail(`column row ${k} (child ${i}) is past the ${kids.length} children`);
          const target = this.walk(patch.sub, patch.sub.length, row);
          if (target.node.nodeType !== ELEMENT_NODE)
            this.fail(`column row ${k}: path [${patch.sub.join(',')}] is not an element`);
          if (patch.name !== undefined)
            this.actions.push({ kind: 'attr', node: target.node as Element, name: patch.name, value });
          else this.children(target, value);
        });
        return;
      }
    }
  }

  /** Replaces the children of `target` with `html` parsed in its context. */
  private children(target: Shadow, html: string): void {
    const nodes = parseIn(target.node, html);
    for (const old of this.kidsOf(target)) this.removed.add(old.node);
    this.actions.push({ kind: 'children', parent: target.node, nodes });
    target.kids = nodes.map((n) => this.shadowOf(n));
  }
}

function run(action: Action): void {
  switch (action.kind) {
    case 'text':
      action.node.data = action.value;
      return;
    case 'attr':
      if (action.value === null) action.node.removeAttribute(action.name);
      else action.node.setAttribute(action.name, action.value);
      return;
    case 'insert':
      for (const node of action.nodes) action.parent.insertBefore(node, action.before);
      return;
    case 'remove':
      action.node.parentNode?.removeChild(action.node);
      return;
    case 'children':
      while (action.parent.firstChild !== null) action.parent.removeChild(action.parent.firstChild);
      for (const node of action.nodes) action.parent.appendChild(node);
      return;
    case 'bind':
      action.anchors.replace(action.table);
      return;
  }
}

/**
 * Applies a patch list to the children of `root`, which must hold the HTML the patches were computed
 * against. The list is validated (PatchFormatError) and every target resolved (PatchTargetError) before
 * the first change, so a bad list leaves the DOM untouched (apart from merging adjacent text nodes in
 * the elements a path walks through, which changes no markup). Uses only `root` and the nodes reachable
 * from it: no globals, so it runs in browsers, happy-dom and jsdom alike.
 *
 * @example applyPatches(container, [{ op: 'text', path: [0, 0], value: 'Hello, Ann' }])
 */
export function applyPatches(root: Element, patches: readonly PatchEntry[] | PatchBatch, anchors?: AnchorMap): void {
  const list = validatePatches(patches);
  if (anchors !== undefined && anchors.root !== root)
    throw new PatchTargetError(-1, 'the AnchorMap was bound to another root');
  const resolver = new Resolver(root, anchors);
  list.forEach((patch, i) => {
    resolver.resolve(patch, i);
  });
  for (const action of resolver.actions) run(action);
}
