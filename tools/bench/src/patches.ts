import { Window, type Element } from 'happy-dom';
import type { Verification } from './verify.js';

interface Applier {
  applyPatches(root: Element, patches: readonly unknown[], anchors: unknown): void;
  AnchorMap: new (root: Element, table: readonly unknown[]) => unknown;
}

let applier: Promise<Applier | string> | null = null;

/** `@tessera/dom-patch`'s applier and anchor map, or why they cannot be loaded; imported lazily, like the renderers. */
function loadApplier(): Promise<Applier | string> {
  const specifier = '@tessera/dom-patch';
  applier ??= import('@tessera/dom-patch').then(
    (module: Record<string, unknown>) =>
      typeof module['applyPatches'] === 'function' && typeof module['AnchorMap'] === 'function'
        ? (module as unknown as Applier)
        : `${specifier} exports no applyPatches and AnchorMap`,
    (error: unknown) => `${specifier} cannot be loaded: ${error instanceof Error ? error.message : String(error)}`,
  );
  return applier;
}

const window = new Window();

/**
 * A live DOM as the browser client holds one: the page parsed as the children of a container `<div>`.
 * A full document lives there too (its doctype and `<html>`/`<head>`/`<body>` tags make no node), as the
 * renderers and the conformance suite model it.
 */
function container(html: string): Element {
  const root = window.document.createElement('div');
  root.innerHTML = html;
  return root;
}

/**
 * Applies `patches` to a container holding `before`, with the document's anchor table (as it was before
 * the update) bound, and checks the result equals a container holding `expected` (Django's output for
 * the new context): the live renderer contract of `@tessera/template`, on the bench data.
 */
export async function verifyPatches(
  before: string,
  patches: readonly unknown[],
  expected: string | null,
  anchors: readonly unknown[] = [],
): Promise<Verification> {
  if (expected === null)
    return { verified: false, how: 'no-reference', note: 'patches not verified: no Django output' };
  const apply = await loadApplier();
  if (typeof apply === 'string') return { verified: false, how: 'mismatch', note: `patches not verified: ${apply}` };
  const root = container(before);
  try {
    apply.applyPatches(root, patches, new apply.AnchorMap(root, anchors));
  } catch (error) {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return { verified: false, how: 'mismatch', note: `MISMATCH: patches failed to apply: ${message}` };
  }
  // The parser may split text where a dropped tag stood and the applier merges text as it walks, so
  // adjacent text nodes are merged on both sides before the trees are compared.
  const wanted = container(expected);
  root.normalize();
  wanted.normalize();
  return root.isEqualNode(wanted)
    ? { verified: true, how: 'dom', note: 'patches applied to the old DOM give Django’s new DOM' }
    : { verified: false, how: 'mismatch', note: 'MISMATCH: patched DOM differs from Django’s output' };
}
