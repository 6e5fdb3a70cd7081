import type { Cond, Expr, Node, Operand, TemplateIR } from '@tessera/template';
import { TemplateAnalysisError } from './errors.js';
import { addUse, emptyUsage, type UseMode, type Usage } from './usage.js';

/** A value the template reads, rooted at a context variable. */
interface PathRef {
  readonly root: string;
  readonly path: readonly string[];
}

/** What a name means inside the template: a context path, a template-local value, or a `{% regroup %}` result. */
type Binding =
  | { readonly kind: 'path'; readonly ref: PathRef }
  | { readonly kind: 'local' }
  | { readonly kind: 'regroup'; readonly list: PathRef | null; readonly grouper: PathRef | null };

type Scope = Map<string, Binding>;

const LOCAL: Binding = { kind: 'local' };
// Marks the scope of `{% include ... only %}`: names it does not bind are not the page context's.
const ISOLATED = '\u0000only';
const INDEX = /^\d+$/;
// Filters whose argument names a field of each list element.
const FIELD_ARG_FILTERS = new Set(['dictsort', 'dictsortreversed']);
// Filters that reorder or slice a list but keep its elements: iterating the result reads the same rows.
const ELEMENT_FILTERS = new Set(['dictsort', 'dictsortreversed', 'slice']);
// Library tags known not to read the context beyond their arguments.
const PURE_LIBRARIES = new Set(['static']);

/** The usage tree of every context variable a template reads, keyed by variable name. */
export type TemplateUsage = ReadonlyMap<string, Usage>;

class Analyzer {
  readonly usage = new Map<string, Usage>();

  resolve(path: readonly string[], scope: Scope): PathRef | Binding | null {
    const [first, ...rest] = path;
    if (first === undefined) return null;
    const bound = scope.get(first);
    if (!bound) return scope.has(ISOLATED) ? null : { root: first, path: rest };
    switch (bound.kind) {
      case 'local':
        return null;
      case 'path':
        return { root: bound.ref.root, path: [...bound.ref.path, ...rest] };
      case 'regroup': {
        if (rest.length === 0) return bound;
        const [member, ...more] = rest;
        const base = member === 'list' ? bound.list : member === 'grouper' ? bound.grouper : null;
        return base ? { root: base.root, path: [...base.path, ...more] } : null;
      }
    }
  }

  use(ref: PathRef | Binding | null, mode: UseMode): void {
    if (ref === null || 'kind' in ref) return;
    let node = this.usage.get(ref.root);
    if (!node) {
      node = emptyUsage();
      this.usage.set(ref.root, node);
    }
    // A numeric segment indexes a list (`books.0.title`): the same field tree as iterating it.
    addUse(
      node,
      ref.path.filter((s) => !INDEX.test(s)),
      mode,
    );
  }

  operand(op: Operand | null, scope: Scope, mode: UseMode): PathRef | Binding | null {
    if (op === null || op.kind === 'literal') return null;
    const ref = this.resolve(op.path, scope);
    this.use(ref, mode);
    return ref;
  }

  /** Records an expression's reads; `plain` is how the bare value is used when no filter applies. */
  expr(e: Expr, scope: Scope, plain: UseMode): PathRef | Binding | null {
    const first = e.filters[0];
    const mode: UseMode =
      first === undefined || e.filters.every((f) => ELEMENT_FILTERS.has(f.name) && !f.library)
        ? plain
        : first.name === 'length' && !first.library
          ? 'counted'
          : 'whole';
    const ref = this.operand(e.base, scope, mode);
    for (const f of e.filters) {
      this.operand(f.arg, scope, 'whole');
      if (FIELD_ARG_FILTERS.has(f.name) && !f.library && f.arg?.kind === 'literal' && ref && !('kind' in ref)) {
        this.use({ root: ref.root, path: [...ref.path, ...String(f.arg.value).split('.')] }, 'whole');
      }
    }
    return ref;
  }

  cond(c: Cond, scope: Scope, plain: UseMode): void {
    switch (c.kind) {
      case 'or':
      case 'and':
        this.cond(c.left, scope, plain);
        this.cond(c.right, scope, plain);
        return;
      case 'not':
        this.cond(c.operand, scope, plain);
        return;
      case 'compare':
        this.cond(c.left, scope, 'whole');
        this.cond(c.right, scope, 'whole');
        return;
      case 'value':
        this.expr(c.expr, scope, plain);
        return;
    }
  }

  /** `name=value`: an unfiltered value is an alias; a filtered one is read now and is local afterwards. */
  bind(name: string, value: Expr, from: Scope, into: Scope): void {
    if (value.filters.length === 0 && value.base.kind === 'var') {
      const ref = this.resolve(value.base.path, from);
      into.set(name, ref === null ? LOCAL : 'kind' in ref ? ref : { kind: 'path', ref });
    } else {
      this.expr(value, from, 'whole');
      into.set(name, LOCAL);
    }
  }

  body(nodes: readonly Node[], outer: Scope): void {
    // `as name` tags bind for the rest of the enclosing body, so siblings share one scope.
    const scope = new Map(outer);
    for (const node of nodes) this.node(node, scope);
  }

  node(node: Node, scope: Scope): void {
    switch (node.kind) {
      case 'text':
      case 'resetcycle':
        return;
      case 'output':
        this.expr(node.expr, scope, 'whole');
        return;
      case 'if':
        for (const branch of node.branches) {
          if (branch.cond) this.cond(branch.cond, scope, 'counted');
          this.body(branch.body, scope);
        }
        return;
      case 'for': {
        const ref = this.expr(node.iterable, scope, 'loaded');
        const inner = new Map(scope);
        inner.set('forloop', LOCAL);
        const element: Binding =
          node.targets.length !== 1 || ref === null ? LOCAL : 'kind' in ref ? ref : { kind: 'path', ref };
        for (const target of node.targets) inner.set(target, element);
        this.body(node.body, inner);
        if (node.empty) this.body(node.empty, scope);
        return;
      }
      case 'with': {
        const inner = new Map(scope);
        for (const a of node.assigns) this.bind(a.name, a.value, scope, inner);
        this.body(node.body, inner);
        return;
      }
      case 'autoescape':
      case 'spaceless':
        this.body(node.body, scope);
        return;
      case 'filterblock':
        for (const f of node.filters) this.operand(f.arg, scope, 'whole');
        this.body(node.body, scope);
        return;
      case 'cycle':
        for (const v of node.values) this.expr(v, scope, 'whole');
        if (node.asVar) scope.set(node.asVar, LOCAL);
        return;
      case 'firstof':
        for (const v of node.values) this.expr(v, scope, 'whole');
        if (node.asVar) scope.set(node.asVar, LOCAL);
        return;
      case 'ifchanged':
        for (const v of node.values) this.expr(v, scope, 'whole');
        this.body(node.body, scope);
        if (node.otherwise) this.body(node.otherwise, scope);
        return;
      case 'include':
        this.include(node, scope);
        return;
      case 'block': {
        const inner = new Map(scope);
        inner.set('block', LOCAL);
        this.body(node.body, inner);
        // `{{ block.super }}` may render the parent block: its reads count too.
        if (node.parent) this.node(node.parent, scope);
        return;
      }
      case 'now':
        if (node.asVar) scope.set(node.asVar, LOCAL);
        return;
      case 'lorem':
        this.expr(node.count, scope, 'whole');
        return;
      case 'widthratio':
        for (const v of [node.value, node.max, node.width]) this.expr(v, scope, 'whole');
        if (node.asVar) scope.set(node.asVar, LOCAL);
        return;
      case 'url':
        for (const v of [node.viewName, ...node.args, ...node.kwargs.map((k) => k.value)]) this.expr(v, scope, 'whole');
        if (node.asVar) scope.set(node.asVar, LOCAL);
        return;
      case 'csrf_token':
        this.use({ root: 'csrf_token', path: [] }, 'whole');
        return;
      case 'regroup': {
        const list = this.expr(node.target, scope, 'loaded');
        const listRef = list && !('kind' in list) ? list : null;
        const itemScope = new Map(scope);
        itemScope.set(node.asVar, listRef ? { kind: 'path', ref: listRef } : LOCAL);
        const by = this.expr(node.by, itemScope, 'whole');
        scope.set(node.asVar, { kind: 'regroup', list: listRef, grouper: by && !('kind' in by) ? by : null });
        return;
      }
      case 'extends':
        throw new TemplateAnalysisError(
          `${where(node)}: {% extends %} names its parent from the context; the parent's reads are unknown`,
        );
      case 'debug':
        throw new TemplateAnalysisError(
          `${where(node)}: {% debug %} prints the whole context; no query plan can cover it`,
        );
      case 'call':
        if (!PURE_LIBRARIES.has(node.library)) {
          throw new TemplateAnalysisError(
            `${where(node)}: tag '${node.tag}' from library '${node.library}' may read any context value`,
          );
        }
        for (const v of [...node.args, ...node.kwargs.map((k) => k.value)]) this.expr(v, scope, 'whole');
        if (node.asVar) scope.set(node.asVar, LOCAL);
        return;
      default:
        unreachable(node);
    }
  }

  include(node: Extract<Node, { kind: 'include' }>, scope: Scope): void {
    const target = node.target;
    switch (target.kind) {
      case 'error':
        return;
      case 'dynamic':
        throw new TemplateAnalysisError(
          `${where(node)}: an include whose name comes from the context cannot be analysed`,
        );
      case 'ref':
        throw new TemplateAnalysisError(
          `${where(node)}: recursive include of '${target.name}' reads paths of unbounded depth`,
        );
      case 'inline': {
        const inner: Scope = node.only ? new Map([[ISOLATED, LOCAL]]) : new Map(scope);
        for (const a of node.assigns) this.bind(a.name, a.value, scope, inner);
        this.body(target.body, inner);
        return;
      }
      default:
        unreachable(target);
    }
  }
}

// The type checker proves every IR kind is handled; a kind added to the IR fails the build here.
function unreachable(value: never): never {
  throw new TemplateAnalysisError(`unknown IR node ${JSON.stringify(value)}`);
}

function where(node: {
  readonly loc: { readonly template: string; readonly line: number; readonly col: number };
}): string {
  return `${node.loc.template}:${String(node.loc.line)}:${String(node.loc.col)}`;
}

/**
 * The field paths a template reads, per context variable, followed through `{% for %}` (nested loops too),
 * `{% with %}`, `{% include ... with %}` (and `only`), `{% if %}` tests, filters, `{% regroup %}` and
 * `{% block %}`/`{{ block.super }}`. Throws `TemplateAnalysisError` for templates whose reads cannot be
 * known statically.
 *
 * `{% for b in books %}{{ b.author.name }} ({{ b.reviews|length }}){% endfor %}` gives
 * `books -> author -> name (whole)` and `books -> reviews (counted)`.
 */
export function analyzeTemplate(ir: TemplateIR): TemplateUsage {
  const analyzer = new Analyzer();
  analyzer.body(ir.body, new Map());
  return analyzer.usage;
}
