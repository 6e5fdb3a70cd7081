/**
 * Running a fuzz case through renderers and judging whether they agree. Renderers are passed in (this
 * package depends on none of them, so any renderer's own tests can use it): every renderer renders the
 * context, and each live renderer is mounted with it, updated to the case's second context, and its
 * patches applied with `@tessera/dom-patch` to a DOM, which must then equal the page of the second context.
 *
 * DOMs are happy-dom nodes, parsed by happy-dom (as in the conformance suite) and by parse5 (the HTML
 * standard, as browsers), compared without recursion so that a deep page cannot overflow the harness's
 * stack. happy-dom's parser drops attribute names outside ASCII, which browsers keep: its DOMs are compared
 * on ASCII names, and a page whose standard DOM has the right elements but wrong attributes is wrong
 * whatever happy-dom says.
 */
import { AnchorMap, applyPatches, type PatchEntry } from '@tessera/dom-patch';
import { decodeTaggedContext } from '@tessera/runtime';
import { compile, MemoryLoader, type CompileOptions, type LiveDocument, type Template } from '@tessera/template';
import { Window } from 'happy-dom';
import { defaultTreeAdapter, html as html5, parseFragment, type DefaultTreeAdapterMap } from 'parse5';
import { fuzzCase, type FuzzCase } from './case.js';

/** A renderer as the harness drives it (the `Renderer` / `LiveRenderer` contract). */
export interface FuzzRenderer {
  readonly name: string;
  prepare(template: Template): unknown;
  render(prepared: unknown, context: Record<string, unknown>): string;
  mount?(prepared: unknown, context: Record<string, unknown>): LiveDocument;
}

/** What a render gave: its output, or the class name of the error it raised. */
export type Outcome = { readonly output: string } | { readonly error: string };

/**
 * The verdict on one renderer's live update: `ok` (with the patched DOM of each DOM pipeline that judged it
 * right, null for the others, so live renderers can be compared with each other), `skipped` (with why), or
 * what went wrong.
 */
export type LiveVerdict =
  | { readonly ok: readonly (string | null)[] }
  | { readonly skipped: string }
  | { readonly wrong: string };

/** The outcomes of one case on every renderer. */
export interface CaseResult {
  readonly seed: number;
  /** `compile` failed (Django refuses the template too): no renderer ran. */
  readonly compileError?: string;
  readonly outcomes: Readonly<Record<string, Outcome>>;
  readonly live: Readonly<Record<string, LiveVerdict>>;
}

/** Runs `render`, catching its error as an outcome. */
export function outcome(render: () => string): Outcome {
  try {
    return { output: render() };
  } catch (err) {
    return { error: err instanceof Error ? err.name : typeof err };
  }
}

/** Whether two outcomes are the same output or the same error class. */
export function sameOutcome(a: Outcome, b: Outcome): boolean {
  return 'output' in a ? 'output' in b && a.output === b.output : 'error' in b && a.error === b.error;
}

/** A short text for an outcome. */
export function describeOutcome(o: Outcome): string {
  return 'output' in o ? JSON.stringify(o.output) : `raises ${o.error}`;
}

const window = new Window();
const document = window.document;

// A `<div>` holding `html` as happy-dom parses it, the DOM the conformance suite judges live updates in.
function holder(html: string): Element {
  const div = document.createElement('div');
  div.innerHTML = html;
  return div as unknown as Element;
}

type P5Node = DefaultTreeAdapterMap['childNode'];
type P5Parent = DefaultTreeAdapterMap['parentNode'];

// Appends `html` to `to` as the HTML standard parses it (parse5, as browsers do) in an element like `to`, in
// happy-dom nodes. Throws when happy-dom refuses a name the standard accepts.
function appendStandard(to: Element, html: string): void {
  const context = defaultTreeAdapter.createElement(to.localName, html5.NS.HTML, []);
  const stack: [P5Parent, Node][] = [[parseFragment(context, html, {}), to as unknown as Node]];
  for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
    const [from, into] = top;
    for (const child of from.childNodes as P5Node[]) {
      if (child.nodeName === '#text') {
        into.appendChild(document.createTextNode((child as { value: string }).value) as unknown as Node);
      } else if (child.nodeName === '#comment') {
        into.appendChild(document.createComment((child as { data: string }).data) as unknown as Node);
      } else if ('tagName' in child) {
        const el =
          child.namespaceURI === html5.NS.HTML
            ? document.createElement(child.tagName)
            : document.createElementNS(child.namespaceURI, child.tagName);
        for (const a of child.attrs) el.setAttribute(a.prefix ? `${a.prefix}:${a.name}` : a.name, a.value);
        into.appendChild(el as unknown as Node);
        stack.push([child, el as unknown as Node]);
      }
    }
  }
}

// A `<div>` holding `html` as the HTML standard parses it.
function standardHolder(html: string): Element {
  const root = document.createElement('div') as unknown as Element;
  appendStandard(root, html);
  return root;
}

// Runs `body` with `innerHTML` parsing as the HTML standard does, so the fragments the patch applier
// parses (`insert`, `html`) are read as a browser reads them too.
function withStandardInnerHtml<T>(body: () => T): T {
  const proto = Object.getPrototypeOf(Object.getPrototypeOf(document.createElement('div'))) as object;
  let owner: object | null = proto;
  while (owner !== null && !Object.getOwnPropertyDescriptor(owner, 'innerHTML')) owner = Object.getPrototypeOf(owner);
  const saved = owner ? Object.getOwnPropertyDescriptor(owner, 'innerHTML') : undefined;
  if (!owner || !saved) return body();
  Object.defineProperty(owner, 'innerHTML', {
    ...saved,
    set(this: Element, html: string) {
      while (this.firstChild) this.removeChild(this.firstChild);
      appendStandard(this, html);
    },
  });
  try {
    return body();
  } finally {
    Object.defineProperty(owner, 'innerHTML', saved);
  }
}

// A DOM as text that two equal DOMs share: tags, attributes sorted, adjacent text merged. Iterative, so a
// deep page cannot overflow the stack. `asciiNames`: keep only attributes with ASCII names, because
// happy-dom's parser drops the others (a browser keeps them), so a fresh parse cannot judge them.
function canonical(root: Node, asciiNames: boolean, noAttributes = false): string {
  const out: string[] = [];
  const stack: (Node | string)[] = [...Array.from(root.childNodes)].reverse();
  let text = '';
  const flush = (): void => {
    if (text !== '') out.push(`#${JSON.stringify(text)}`);
    text = '';
  };
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    if (typeof item === 'string') {
      flush();
      out.push(item);
    } else if (item.nodeType === 3) text += (item as Text).data;
    else if (item.nodeType === 8) {
      flush();
      out.push(`<!--${(item as Comment).data}-->`);
    } else if (item.nodeType === 1) {
      flush();
      const el = item as Element;
      const attrs = Array.from(el.attributes)
        .filter((a) => !noAttributes && (!asciiNames || /^[\x21-\x7e]+$/.test(a.name)))
        .map((a) => `${a.name}=${JSON.stringify(a.value)}`)
        .sort();
      out.push(`<${el.localName} ${attrs.join(' ')}>`);
      stack.push(`</${el.localName}>`);
      for (const child of Array.from(el.childNodes).reverse()) stack.push(child);
    }
  }
  flush();
  return out.join('');
}

// The canonical text of `html` as the HTML standard parses it, straight from parse5's tree.
function standardCanonical(html: string): string {
  try {
    return canonical(standardHolder(html) as unknown as Node, false);
  } catch {
    // A name happy-dom refuses: compare parse5's own tree.
    const out: string[] = [];
    const stack: (P5Node | string)[] = [...(parseFragment(html).childNodes as P5Node[])].reverse();
    let text = '';
    for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
      if (typeof item !== 'string' && item.nodeName === '#text') {
        text += (item as { value: string }).value;
        continue;
      }
      if (text !== '') out.push(`#${JSON.stringify(text)}`);
      text = '';
      if (typeof item === 'string') out.push(item);
      else if (item.nodeName === '#comment') out.push(`<!--${(item as { data: string }).data}-->`);
      else if ('tagName' in item) {
        const attrs = item.attrs.map((a) => `${a.name}=${JSON.stringify(a.value)}`).sort();
        out.push(`<${item.tagName} ${attrs.join(' ')}>`);
        stack.push(`</${item.tagName}>`);
        for (const child of [...(item.childNodes as P5Node[])].reverse()) stack.push(child);
      }
    }
    if (text !== '') out.push(`#${JSON.stringify(text)}`);
    return out.join('');
  }
}

// Whether happy-dom's parser reads `html` as the HTML standard does.
function happyDomParses(html: string): boolean {
  return canonical(holder(html) as unknown as Node, false) === standardCanonical(html);
}

/** The canonical DOM of `html` as happy-dom parses it (children of a `<div>`). */
export function domOf(html: string): string {
  return canonical(holder(html) as unknown as Node, true);
}

// One way to hold a page in a DOM: a parser (of pages, and of the fragments patches insert), and whether
// the comparison keeps only ASCII attribute names.
interface Pipeline {
  readonly parse: (html: string) => Element;
  readonly fragments: <T>(body: () => T) => T;
  readonly asciiNames: boolean;
}

// happy-dom's parser, as the conformance suite uses, and the HTML standard's (parse5): each misreads some
// pages the other reads right (happy-dom unquoted attribute values, the renderers' models some mis-nested
// formatting elements), so a live update is right when the patched DOM equals a fresh parse in either.
const PIPELINES: readonly Pipeline[] = [
  { parse: holder, fragments: (body) => body(), asciiNames: true },
  { parse: standardHolder, fragments: withStandardInnerHtml, asciiNames: false },
];

/**
 * Updates a mounted document through `steps` (each a context and `render` of it), applying each patch list to
 * the same DOMs, one per pipeline: a step is right when some pipeline still equals a fresh parse of the
 * render, and updating to the same context again must send no patches.
 */
export function liveChain(
  doc: LiveDocument,
  steps: readonly { context: Record<string, unknown>; html: string }[],
): LiveVerdict {
  const before = doc.html;
  let doms = PIPELINES.map((p) => {
    try {
      const root = p.parse(doc.html);
      return { p, root, anchors: new AnchorMap(root, doc.anchors) };
    } catch {
      return null;
    }
  });
  let right: (string | null)[] = [];
  for (const [n, { context, html: after }] of steps.entries()) {
    let patches: PatchEntry[];
    try {
      patches = doc.update(context);
    } catch (err) {
      return { wrong: `update ${n + 1} raised ${(err as Error).name}: ${(err as Error).message}` };
    }
    if (doc.html !== after) return { wrong: `doc.html after update ${n + 1} is not render(context)` };
    if (doc.update(context).length > 0) return { wrong: `update ${n + 1} repeated sent patches` };
    const wrong: string[] = [];
    // Wrong whatever the other pipeline says: the standard's DOM has the right elements but wrong attributes.
    const definite: string[] = [];
    right = doms.map(() => null);
    let inconclusive = 0;
    // Whether the standard's DOM judged this step wrong (not merely unable to hold a name the patches set).
    let standardWrong = false;
    for (const [k, dom] of doms.entries()) {
      if (dom === null) continue;
      try {
        const list = JSON.parse(JSON.stringify(patches)) as PatchEntry[];
        dom.p.fragments(() => applyPatches(dom.root, list, dom.anchors));
        const fresh = dom.p.parse(after) as unknown as Node;
        const got = canonical(dom.root as unknown as Node, dom.p.asciiNames);
        const expected = canonical(fresh, dom.p.asciiNames);
        if (got === expected) right[k] = got;
        else if (
          !dom.p.asciiNames &&
          canonical(dom.root as unknown as Node, false, true) === canonical(fresh, false, true)
        ) {
          definite.push(`update ${n + 1}: attributes of the patched DOM ${got} differ from a fresh parse ${expected}`);
        } else {
          wrong.push(`update ${n + 1}: patched DOM ${got} differs from a fresh parse ${expected}`);
          standardWrong ||= !dom.p.asciiNames;
        }
      } catch (err) {
        // happy-dom's setAttribute refuses names browsers now accept (`-1]`, `'a`): the DOM cannot judge.
        if ((err as Error).name === 'InvalidCharacterError') inconclusive++;
        else {
          wrong.push(`update ${n + 1}: patches failed: ${(err as Error).name}: ${(err as Error).message}`);
          standardWrong ||= !dom.p.asciiNames;
        }
      }
    }
    if (definite.length > 0) return { wrong: definite.join('; ') };
    if (right.every((dom) => dom === null)) {
      if (wrong.length === 0 && inconclusive > 0) {
        return { skipped: 'happy-dom refuses an attribute name the patches set' };
      }
      // Neither pipeline could judge: the standard's DOM cannot hold the page (or a name the patches set),
      // and happy-dom misreads it (`data-n= title=x` gives `data-n="title"`, browsers `"title=x"`).
      if (!standardWrong && !(happyDomParses(before) && happyDomParses(after))) {
        return { skipped: 'happy-dom can neither parse nor hold the attribute names of these pages' };
      }
      return wrong.length ? { wrong: wrong.join('; ') } : { skipped: 'no DOM could hold the page' };
    }
    // Later steps continue in the DOMs that are still right.
    doms = doms.map((dom, k) => (right[k] === null ? null : dom));
  }
  return { ok: right };
}

/**
 * Runs `fuzzCase` through `renderers`: each renders the context; each live renderer is also mounted with
 * it and updated to the second context (skipped when either context does not render).
 */
export function runCase(c: FuzzCase, renderers: readonly FuzzRenderer[], options: CompileOptions = {}): CaseResult {
  let template: Template;
  try {
    template = compile('main.html', new MemoryLoader({ ...c.templates }), options);
  } catch (err) {
    return { seed: c.seed, compileError: (err as Error).name, outcomes: {}, live: {} };
  }
  const context = decodeTaggedContext(c.context);
  const next = decodeTaggedContext(c.next);
  const outcomes: Record<string, Outcome> = {};
  const verdicts: Record<string, LiveVerdict> = {};
  for (const r of renderers) {
    let prepared: unknown;
    try {
      prepared = r.prepare(template);
    } catch (err) {
      outcomes[r.name] = { error: (err as Error).name };
      continue;
    }
    const first = outcome(() => r.render(prepared, context));
    outcomes[r.name] = first;
    if (!r.mount || !('output' in first)) continue;
    const after = outcome(() => r.render(prepared, next));
    if (!('output' in after)) continue;
    let doc: LiveDocument;
    try {
      doc = r.mount(prepared, context);
    } catch (err) {
      verdicts[r.name] = { wrong: `mount raised ${(err as Error).name}` };
      continue;
    }
    verdicts[r.name] =
      doc.html === first.output
        ? liveChain(doc, [{ context: next, html: after.output }])
        : { wrong: 'mount html is not render(context)' };
  }
  return { seed: c.seed, outcomes, live: verdicts };
}

/**
 * Chains of live updates on `count` seeded cases from `first`, for one live renderer: mounted with a case's
 * context, updated to its second context, back, then to another case's, on one DOM (`liveChain`). Returns
 * what went wrong, by seed; templates the frontend refuses and contexts a template raises on are passed over.
 */
export function seededChains(renderer: FuzzRenderer, first: number, count: number): string[] {
  const wrong: string[] = [];
  const mount = renderer.mount?.bind(renderer);
  if (!mount) return [`${renderer.name} is not live`];
  for (let seed = first; seed < first + count; seed++) {
    const c = fuzzCase(seed);
    let prepared: unknown;
    try {
      prepared = renderer.prepare(compile('main.html', new MemoryLoader({ ...c.templates })));
    } catch {
      continue;
    }
    const contexts = [c.next, c.context, fuzzCase(seed + count).next].map((x) => decodeTaggedContext(x));
    let steps: { context: Record<string, unknown>; html: string }[];
    let doc: LiveDocument;
    try {
      steps = contexts.map((context) => ({ context, html: renderer.render(prepared, context) }));
      doc = mount(prepared, decodeTaggedContext(c.context));
    } catch {
      continue;
    }
    const verdict = liveChain(doc, steps);
    if ('wrong' in verdict) wrong.push(`seed ${seed}: ${verdict.wrong.slice(0, 400)}`);
  }
  return wrong;
}

/**
 * The renderers whose outcome differs from the most common one (ties go to the first renderer's), and
 * those whose live update went wrong.
 */
export function disagreeing(result: CaseResult): string[] {
  const entries = Object.entries(result.outcomes);
  let best: Outcome | undefined;
  let bestCount = 0;
  for (const [, o] of entries) {
    const count = entries.filter(([, x]) => sameOutcome(o, x)).length;
    if (count > bestCount) {
      best = o;
      bestCount = count;
    }
  }
  const names = new Set(entries.filter(([, o]) => best && !sameOutcome(o, best)).map(([name]) => name));
  const patched = Object.entries(result.live).filter(([, v]) => 'ok' in v) as [string, { ok: (string | null)[] }][];
  for (const [name, v] of Object.entries(result.live)) if ('wrong' in v) names.add(name);
  // Live renderers must leave the same DOM as the first one in a pipeline that judged both right.
  const reference = patched[0]?.[1].ok;
  for (const [name, v] of patched.slice(1)) {
    const shared = v.ok.flatMap((dom, k) => (dom !== null && reference?.[k] != null ? [k] : []));
    if (shared.length > 0 && shared.every((k) => v.ok[k] !== reference?.[k])) names.add(name);
  }
  return [...names];
}
