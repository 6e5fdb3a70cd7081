import { Window, type Element } from 'happy-dom';
import type { Verification } from './verify.js';

type ApplyPatches = (root: Element, patches: readonly unknown[]) => void;

let applier: Promise<ApplyPatches | string> | null = null;

/** `applyPatches` of `@tessera/dom-patch`, or why it cannot be loaded; imported lazily, like the renderers. */
function loadApplier(): Promise<ApplyPatches | string> {
  const specifier = '@tessera/dom-patch';
  return (applier ??= import(specifier).then(
    (module: Record<string, unknown>) =>
      typeof module['applyPatches'] === 'function'
        ? (module['applyPatches'] as ApplyPatches)
        : `${specifier} exports no applyPatches`,
    (error: unknown) => `${specifier} cannot be loaded: ${error instanceof Error ? error.message : String(error)}`,
  ));
}

const window = new Window();

const isDocument = (html: string) => /^\s*(<!doctype|<html)/i.test(html);

/**
 * Applies `patches` to a DOM holding `before` and checks the result equals a DOM holding `expected`
 * (Django's output for the new context): the contract of DESIGN.md 3.3, checked on the bench data.
 * A fragment's patch root is the element whose children are the fragment (the parsed `<body>`);
 * a full document's root is the document itself.
 */
export async function verifyPatches(
  before: string,
  patches: readonly unknown[],
  expected: string | null,
): Promise<Verification> {
  if (expected === null) return { verified: false, how: 'no-reference', note: 'patches not verified: no Django output' };
  const apply = await loadApplier();
  if (typeof apply === 'string') return { verified: false, how: 'mismatch', note: `patches not verified: ${apply}` };
  const parser = new window.DOMParser();
  const actualDoc = parser.parseFromString(before, 'text/html');
  const expectedDoc = parser.parseFromString(expected, 'text/html');
  const document = isDocument(before);
  const root = (document ? actualDoc : actualDoc.body) as unknown as Element;
  try {
    apply(root, patches);
  } catch (error) {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    const where = document ? ' to the Document (a full page is patched from the Document down)' : '';
    return { verified: false, how: 'mismatch', note: `MISMATCH: patches failed to apply${where}: ${message}` };
  }
  const same = document
    ? actualDoc.documentElement.isEqualNode(expectedDoc.documentElement)
    : actualDoc.body.isEqualNode(expectedDoc.body);
  return same
    ? { verified: true, how: 'dom', note: 'patches applied to the old DOM give Django’s new DOM' }
    : { verified: false, how: 'mismatch', note: 'MISMATCH: patched DOM differs from Django’s output' };
}
