import { pyError } from '@tessera/runtime';
import type { Template } from '@tessera/template';
import { Context, renderNodes } from '@tessera/interpreter';
import { parseHtml } from './html/parse.js';
import { Quirk } from '@tessera/markup';
import { Instantiator, type MemoTable, type RenderStats } from './instantiate.js';
import { TreeBuilder, type FallbackRegion } from './prepare/build.js';
import { markPositionalCycles, positionalCycles } from './prepare/cycles.js';
import { impurity } from './prepare/deps.js';
import type { TNode } from './prepare/tnodes.js';
import type { VNode } from './vtree.js';

/** A template prepared once for the vdom renderer. */
export interface VdomPrepared {
  readonly template: Template;
  /** The static HTML parsed into elements with holes; null when the page as a whole cannot be modelled. */
  readonly tree: readonly TNode[] | null;
  /** Regions rendered as HTML text and parsed at render time (`element: -1` is the whole page). */
  readonly fallbacks: readonly FallbackRegion[];
  /** Why unchanged regions cannot be skipped on update (render-wide state, `as` names...), or null. */
  readonly impurity: string | null;
}

/** Parses a template's static HTML once into a tree with dynamic holes. */
export function prepareTree(template: Template): VdomPrepared {
  markPositionalCycles(template.ir);
  const builder = new TreeBuilder();
  let tree: TNode[] | null = null;
  try {
    tree = builder.fragment(template.ir.body, []);
  } catch (error) {
    if (!(error instanceof Quirk)) throw error;
    builder.fallbacks.push({ element: -1, tag: '', reason: error.why });
  }
  return { template, tree, fallbacks: builder.fallbacks, impurity: impurity(template.ir.body) };
}

/**
 * A rendered page: the virtual nodes of the root's children, or, when the page's structure could not
 * be modelled this time, its HTML text alone.
 */
export type RootTree =
  | { readonly nodes: readonly VNode[]; readonly html: null }
  | { readonly nodes: null; readonly html: string };

/** The result of building a page's tree: the tree, the memo for the next update, and the counters. */
export interface Built {
  readonly root: RootTree;
  readonly memo: MemoTable;
  readonly stats: RenderStats;
}

function newContext(template: Template, context: Record<string, unknown>): Context {
  const ctx = new Context(template, context, template.options.autoescape);
  ctx.positionalCycles = positionalCycles;
  return ctx;
}

function rethrow(error: unknown, template: Template): never {
  // Only a stack overflow: other RangeErrors (an invalid Date, an unknown time zone) keep their class.
  if (error instanceof RangeError && error.message.includes('call stack'))
    throw pyError('RecursionError', `maximum recursion depth exceeded while rendering ${template.name}`);
  throw error;
}

/**
 * Builds the virtual tree for `context`. `live`: keep memo entries for the next update, and reuse the
 * unchanged regions of `previous` when the template allows; a one-off render keeps none.
 */
export function buildTree(
  prepared: VdomPrepared,
  context: Record<string, unknown>,
  live: boolean,
  previous?: MemoTable,
): Built {
  const { template } = prepared;
  const stats: RenderStats = { evaluated: 0, reused: 0 };
  const memo: MemoTable | null = live ? new Map() : null;
  try {
    if (prepared.tree !== null) {
      const inst = new Instantiator(live && prepared.impurity === null, stats);
      const nodes: VNode[] = [];
      try {
        inst.nodes(prepared.tree, newContext(template, context), [], nodes, previous, memo);
        return { root: { nodes, html: null }, memo: memo ?? new Map(), stats };
      } catch (error) {
        if (!(error instanceof Quirk)) throw error;
      }
    }
    stats.evaluated++;
    const html = renderNodes(template.ir.body, newContext(template, context));
    try {
      return { root: { nodes: parseHtml(html, []), html: null }, memo: new Map(), stats };
    } catch (error) {
      if (!(error instanceof Quirk)) throw error;
      return { root: { nodes: null, html }, memo: new Map(), stats };
    }
  } catch (error) {
    return rethrow(error, template);
  }
}
