/**
 * Turns parsed templates into one tree for the whole page: follows the `{% extends %}` chain, puts the
 * most derived `{% block %}` in each place (with its `block.super` chain), and inlines constant
 * `{% include %}`s. This is Django's render-time BlockContext algorithm run once at compile time.
 *
 * Example: base `A{% block b %}1{% endblock %}`, mid extends base with `{% block b %}2{{ block.super }}{% endblock %}`,
 * child extends mid with `{% block b %}3{{ block.super }}{% endblock %}`. The stack for `b` is
 * [base, mid, child]; rendering `b` pops child (body `3…`), whose super pops mid (body `2…`), whose super
 * pops base (body `1`), whose super is null: "A321".
 */
import { TemplateDoesNotExist, TemplateSyntaxError } from './errors.js';
import type { BlockNode, IncludeNode, IncludeTarget, Node } from './ir.js';
import type { ExtendsInfo, ParsedTemplate } from './parser.js';

/** Parses templates by name (cached by the caller); throws TemplateDoesNotExist / TemplateSyntaxError. */
export type ParseFn = (name: string) => ParsedTemplate;

export interface ResolvedTree {
  readonly body: Node[];
  readonly partials: Record<string, Node[]>;
  readonly sources: string[];
}

type Stacks = Map<string, BlockNode[]>;

/** Upper bound on nested inlined includes, so a pathological chain fails clearly instead of exhausting the stack. */
const MAX_INCLUDE_DEPTH = 64;

/**
 * `parents` names the parent to use for templates whose `{% extends %}` takes its name from the context
 * (`Template.extend`); without an entry there, such a template resolves to an `extends` node.
 */
export function resolveTree(
  entry: string,
  parse: ParseFn,
  parents: ReadonlyMap<string, string> = new Map(),
): ResolvedTree {
  const partials: Record<string, Node[]> = {};
  const sources: string[] = [];
  const including: string[] = [];

  const seeSource = (name: string): void => {
    if (!sources.includes(name)) sources.push(name);
  };

  /**
   * The extends chain of `name`, child first. The last element has no parent, or a parent named by the
   * context (`dynamic`), which then stands for the rest of the chain.
   */
  const chainOf = (name: string): { chain: ParsedTemplate[]; dynamic: ExtendsInfo | null } => {
    const chain = [parse(name)];
    seeSource(name);
    for (;;) {
      const current = chain[chain.length - 1]!;
      const ext = current.extends;
      if (!ext) return { chain, dynamic: null };
      const { base } = ext.parent;
      const constant = !ext.parent.filters.length && base.kind === 'literal' && typeof base.value === 'string';
      const parentName = constant ? String(base.value) : parents.get(current.name);
      if (parentName === undefined) return { chain, dynamic: ext };
      if (chain.some((t) => t.name === parentName)) {
        throw new TemplateDoesNotExist(parentName, ext.loc, [
          `${parentName} (skipped: it is already in the extends chain)`,
        ]);
      }
      try {
        chain.push(parse(parentName));
      } catch (err) {
        if (err instanceof TemplateDoesNotExist && err.missing === parentName) {
          throw new TemplateDoesNotExist(parentName, ext.loc);
        }
        throw err;
      }
      seeSource(parentName);
    }
  };

  // Django renders an included template in a fresh render context: its blocks never see the including
  // page's overrides, and without its own `{% extends %}` they are standalone.
  const resolveTemplate = (name: string): Node[] => {
    const { chain, dynamic } = chainOf(name);
    if (dynamic) {
      const prefix = chain.flatMap((t) => t.prefix);
      return [...prefix, { kind: 'extends', id: 0, loc: dynamic.loc, deps: [], page: name, parent: dynamic.parent }];
    }
    const root = chain[chain.length - 1]!;
    if (chain.length === 1) return resolveNodes(root.body, null);
    const prefix = chain.slice(0, -1).flatMap((t) => t.prefix);
    const stacks: Stacks = new Map();
    for (let i = chain.length - 1; i >= 0; i--) {
      for (const block of blocksIn(chain[i]!.body)) {
        let stack = stacks.get(block.name);
        if (!stack) {
          stack = [];
          stacks.set(block.name, stack);
        }
        stack.push(block);
      }
    }
    return [...prefix, ...resolveNodes(root.body, stacks)];
  };

  const resolveBlock = (node: BlockNode, stacks: Stacks | null): BlockNode => {
    if (!stacks) return { ...node, body: resolveNodes(node.body, null), parent: null, standalone: true };
    const stack = stacks.get(node.name);
    const popped = stack?.pop();
    const chosen = popped ?? node;
    const body = resolveNodes(chosen.body, stacks);
    let parent: BlockNode | null = null;
    if (stack?.length) parent = resolveBlock(stack[stack.length - 1]!, stacks);
    if (popped) stack!.push(popped);
    return { ...chosen, body, parent };
  };

  const resolveInclude = (node: IncludeNode): IncludeNode => {
    if (node.target.kind !== 'ref') return node;
    const name = node.target.name;
    if (including.includes(name)) {
      partials[name] ??= [];
      return node;
    }
    if (including.length >= MAX_INCLUDE_DEPTH) {
      throw new TemplateSyntaxError(`{% include %} nested more than ${MAX_INCLUDE_DEPTH} deep`, node.loc);
    }
    let target: IncludeTarget;
    including.push(name);
    try {
      const body = resolveTemplate(name);
      target = { kind: 'inline', name, body };
      if (name in partials) partials[name] = body;
    } catch (err) {
      // Django only loads an included template when the include renders: defer the error to then.
      if (err instanceof TemplateDoesNotExist || err instanceof TemplateSyntaxError) {
        target = { kind: 'error', name, error: err.name, message: err.message };
      } else throw err;
    } finally {
      including.pop();
    }
    return { ...node, target };
  };

  const resolveNodes = (nodes: readonly Node[], stacks: Stacks | null): Node[] =>
    nodes.map((n) => resolveNode(n, stacks));

  const resolveNode = (node: Node, stacks: Stacks | null): Node => {
    switch (node.kind) {
      case 'block':
        return resolveBlock(node, stacks);
      case 'include':
        return resolveInclude(node);
      case 'if':
        return { ...node, branches: node.branches.map((b) => ({ cond: b.cond, body: resolveNodes(b.body, stacks) })) };
      case 'for':
        return {
          ...node,
          body: resolveNodes(node.body, stacks),
          empty: node.empty && resolveNodes(node.empty, stacks),
        };
      case 'ifchanged':
        return {
          ...node,
          body: resolveNodes(node.body, stacks),
          otherwise: node.otherwise && resolveNodes(node.otherwise, stacks),
        };
      case 'with':
      case 'autoescape':
      case 'filterblock':
      case 'spaceless':
        return { ...node, body: resolveNodes(node.body, stacks) };
      case 'text':
      case 'extends':
      case 'output':
      case 'cycle':
      case 'resetcycle':
      case 'firstof':
      case 'now':
      case 'lorem':
      case 'widthratio':
      case 'url':
      case 'csrf_token':
      case 'regroup':
      case 'debug':
      case 'call':
        return node;
    }
  };

  const body = resolveTemplate(entry);
  return { body, partials, sources };
}

/** Every `{% block %}` of a template body, however deeply nested in other tags (not in includes). */
function blocksIn(nodes: readonly Node[]): BlockNode[] {
  const out: BlockNode[] = [];
  const walk = (list: readonly Node[]): void => {
    for (const n of list) {
      switch (n.kind) {
        case 'block':
          out.push(n);
          walk(n.body);
          break;
        case 'if':
          for (const b of n.branches) walk(b.body);
          break;
        case 'for':
          walk(n.body);
          if (n.empty) walk(n.empty);
          break;
        case 'ifchanged':
          walk(n.body);
          if (n.otherwise) walk(n.otherwise);
          break;
        case 'with':
        case 'autoescape':
        case 'filterblock':
        case 'spaceless':
          walk(n.body);
          break;
        default:
          break;
      }
    }
  };
  walk(nodes);
  return out;
}
