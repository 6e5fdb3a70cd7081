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
 * a full document's root is the document itself, and a single `html` patch at `[]` (how the live
 * renderers replace a whole page) is checked by parsing the page it carries, since `applyPatches` needs
 * an Element root.
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
  const expectedDoc = parser.parseFromString(expected, 'text/html');
  const document = isDocument(before);
  const only = patches.length === 1 ? (patches[0] as { op?: unknown; path?: unknown; html?: unknown }) : null;
  if (document && only?.op === 'html' && Array.isArray(only.path) && only.path.length === 0) {
    // Replacing a whole document has no Element root for applyPatches: check the page the patch carries.
    const page = typeof only.html === 'string' ? parser.parseFromString(only.html, 'text/html') : null;
    const same = page !== null && page.doctype?.name === expectedDoc.doctype?.name &&
      page.documentElement.isEqualNode(expectedDoc.documentElement);
    return same
      ? { verified: true, how: 'dom', note: 'one whole-page html patch, DOM-equal to Django’s new page' }
      : { verified: false, how: 'mismatch', note: 'MISMATCH: the whole-page html patch differs from Django’s new page' };
  }
  const actualDoc = parser.parseFromString(before, 'text/html');
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
