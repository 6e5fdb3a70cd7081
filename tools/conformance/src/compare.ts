/** Output comparison: exact with the first differing position, or as DOM trees parsed by happy-dom. */
import { Window } from 'happy-dom';

/** Index of the first differing UTF-16 code unit, or -1 when the strings are equal. */
export function firstDifference(expected: string, actual: string): number {
  if (expected === actual) return -1;
  const n = Math.min(expected.length, actual.length);
  for (let i = 0; i < n; i++) if (expected.charCodeAt(i) !== actual.charCodeAt(i)) return i;
  return n;
}

/** 1-based line and column of `index` in `text`. */
export function lineColumn(text: string, index: number): { line: number; column: number } {
  const before = text.slice(0, index);
  const lines = before.split('\n');
  return { line: lines.length, column: (lines[lines.length - 1] ?? '').length + 1 };
}

/**
 * One happy-dom window for a whole run: parses HTML fragments into detached containers and compares trees
 * with `isEqualNode` (which counts whitespace text nodes, as a browser would). Call `close()` when done.
 */
export class DomComparer {
  #window: Window | null = null;

  /** A detached `<div>` whose children are `html` parsed as a body fragment. */
  fragment(html: string): Element {
    // Script evaluation is off by default in happy-dom 21; file loading is turned off so a case can never fetch.
    this.#window ??= new Window({ settings: { disableCSSFileLoading: true, disableJavaScriptFileLoading: true } });
    const div = this.#window.document.createElement('div');
    div.innerHTML = html;
    // happy-dom implements the DOM interfaces; its own class types are not the lib.dom ones.
    return div as unknown as Element;
  }

  /** Whether two HTML strings parse to equal trees. */
  equal(a: string, b: string): boolean {
    return this.fragment(a).isEqualNode(this.fragment(b));
  }

  /** Release the window. */
  async close(): Promise<void> {
    const w = this.#window;
    this.#window = null;
    if (w) await w.happyDOM.close();
  }
}
