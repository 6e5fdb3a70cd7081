import { Window, type Document } from 'happy-dom';
import type { Comparison } from './types.js';

/** The outcome of comparing one output with Django's. */
export interface Verification {
  readonly verified: boolean;
  /** What matched: `exact`, `dom` (same tree after an HTML parse), `whitespace` (equal once whitespace is collapsed). */
  readonly how: Comparison | 'mismatch' | 'no-reference';
  /** Empty for an exact match; otherwise says how the output was accepted or where it differs. */
  readonly note: string;
}

const window = new Window();

/** A full document keeps its doctype and `<html>`; anything else is parsed as body content. */
function parse(html: string): Document {
  return new window.DOMParser().parseFromString(html, 'text/html');
}

/** Same DOM after an HTML parse: the contract a VDOM serialization has to meet (the live renderer contract). */
export function domEqual(a: string, b: string): boolean {
  const x = parse(a);
  const y = parse(b);
  // Text split into several nodes is the same page; only merged text is compared.
  x.normalize();
  y.normalize();
  const doctype = (d: Document) => d.doctype?.name ?? null;
  return doctype(x) === doctype(y) && x.documentElement.isEqualNode(y.documentElement);
}

/** Collapses every run of whitespace to one space, for peers that cannot express Django's whitespace. */
export function normalizeWhitespace(html: string): string {
  return html.replace(/\s+/g, ' ').trim();
}

/** Where two strings first differ, as a short readable excerpt. */
export function firstDifference(actual: string, expected: string): string {
  let i = 0;
  while (i < actual.length && i < expected.length && actual[i] === expected[i]) i++;
  const excerpt = (s: string) => JSON.stringify(s.slice(Math.max(0, i - 20), i + 40));
  return `differs at char ${i}: got ${excerpt(actual)}, expected ${excerpt(expected)}`;
}

/**
 * Compares `actual` with Django's `expected` output as strictly as `allowed` lets it: always exact first,
 * then DOM equality or whitespace-normalized equality when the engine is declared to need it.
 */
export function verifyOutput(actual: string, expected: string | null, allowed: Comparison): Verification {
  if (expected === null) return { verified: false, how: 'no-reference', note: 'not verified: no Django output' };
  if (actual === expected) return { verified: true, how: 'exact', note: '' };
  if (allowed === 'dom' && domEqual(actual, expected)) {
    return { verified: true, how: 'dom', note: 'DOM-equal to Django, not byte-identical' };
  }
  if (allowed === 'whitespace' && normalizeWhitespace(actual) === normalizeWhitespace(expected)) {
    return { verified: true, how: 'whitespace', note: 'equal to Django after whitespace normalization' };
  }
  return { verified: false, how: 'mismatch', note: `MISMATCH: ${firstDifference(actual, expected)}` };
}
