/**
 * The addon's patch lists back into `@tessera/dom-patch` objects. The addon writes them in a compact text
 * (crates/dtl/src/vtree/wire.rs) because `JSON.parse` of the same list costs about four times as much: one
 * record per patch, an op letter, the path (`1,0,3;`), then the op's fields: a number as digits and `;`, a
 * string as its length in UTF-16 code units, `:` and the string itself. A patch addressed from an anchor
 * is preceded by `@`, the anchor's id and `;`; the `anchors` op is `A`, the count and `;`, then each
 * anchor's id, `;` and path. A slot document (crates/dtl/src/live/slots.rs) writes `-` for the path of a
 * patch that has none, and `column` ops as `c` (`C` with an attribute name): first, step, sub path, the
 * name, the count, then each value as a string or `-` for null; a slot patch (format version 4's short
 * form of an `html` or `attr` op on an anchored element) as `s`, the anchor and `;`, then the HTML, or `S`,
 * the anchor and `;`, the name and the value. An attribute value may come as `&` and the raw value, whose
 * character references the addon left to be decoded here. Strings hold their lone surrogates as they are:
 * the binding hands the text over with the stand-ins that carried them (surrogates.ts) turned back, and
 * counts each as one unit. A list longer than 32,768 units comes as an array of pieces of that many units,
 * cut anywhere (crates/napi/src/text.rs: V8 makes a long string in fresh pages of its large-object
 * space), and is read across the cuts.
 */
import type { Anchor, PatchEntry } from '@tessera/dom-patch';
import { decodeHTMLAttribute } from 'entities';

const SEMI = 59;
const COMMA = 44;
const COLON = 58;
const DASH = 45;
const AMP = 38;

/** A wire text the decoder cannot read: a bug in the addon, never bad user input. */
function malformed(at: number): Error {
  return Object.assign(new Error(`renderer-rust sent a malformed patch list (at offset ${at})`), {
    name: 'InternalError',
  });
}

class Reader {
  /** The piece being read, and the reading position in it. */
  text: string;
  at = 0;
  readonly #pieces: readonly string[];
  #next = 1;
  // Units of the pieces before the current one (for the offsets of errors).
  #before = 0;

  constructor(wire: string | readonly string[]) {
    this.#pieces = typeof wire === 'string' ? [wire] : wire;
    this.text = this.#pieces[0] ?? '';
  }

  /** Whether the whole list was read. */
  done(): boolean {
    return this.at >= this.text.length && !this.#advance();
  }

  /** Position in the whole list. */
  offset(): number {
    return this.#before + this.at;
  }

  // Moves to the next piece once the current one is read; false at the end of the list.
  #advance(): boolean {
    while (this.at >= this.text.length) {
      if (this.#next >= this.#pieces.length) return false;
      this.#before += this.text.length;
      this.at -= this.text.length;
      this.text = this.#pieces[this.#next++] as string;
    }
    return true;
  }

  /** The unit at the reading position, NaN past the end. */
  peek(): number {
    if (this.at >= this.text.length) this.#advance();
    return this.text.charCodeAt(this.at);
  }

  /** The unit at the reading position, which the reader moves past. */
  next(): number {
    const c = this.peek();
    this.at++;
    return c;
  }

  // Digits up to `end`; the reader moves past it.
  #digits(end: number): number {
    const start = this.offset();
    let n = 0;
    for (;;) {
      const c = this.next();
      if (c === end) break;
      if (!(c >= 48 && c <= 57)) throw malformed(this.offset() - 1);
      n = n * 10 + c - 48;
    }
    if (this.offset() - 1 === start) throw malformed(start);
    return n;
  }

  number(): number {
    return this.#digits(SEMI);
  }

  // Whether `-` (nothing) stands at the reading position; the reader then moves past it.
  #absent(): boolean {
    if (this.peek() !== DASH) return false;
    this.at++;
    return true;
  }

  /** A path, or undefined where the addon wrote `-` (a slot document's patch that has none). */
  optionalPath(): number[] | undefined {
    return this.#absent() ? undefined : this.path();
  }

  /** `-` for null, else a string. */
  optionalString(): string | null {
    return this.#absent() ? null : this.string();
  }

  /**
   * An attribute value: a string, or `&` then the raw value when the addon left its character references
   * to be decoded here (a reference outside the addon's table), as the JS engine decodes them.
   */
  attrValue(): string {
    if (this.peek() !== AMP) return this.string();
    this.at++;
    return decodeHTMLAttribute(this.string());
  }

  /** `-` for null, else an attribute value. */
  optionalAttrValue(): string | null {
    return this.#absent() ? null : this.attrValue();
  }

  path(): number[] {
    const path: number[] = [];
    if (this.peek() === SEMI) {
      this.at++;
      return path;
    }
    let n = 0;
    let digits = 0;
    for (;;) {
      const c = this.next();
      if (c === COMMA || c === SEMI) {
        if (digits === 0) throw malformed(this.offset() - 1);
        path.push(n);
        if (c === SEMI) return path;
        n = 0;
        digits = 0;
      } else if (c >= 48 && c <= 57) {
        n = n * 10 + c - 48;
        digits++;
      } else {
        throw malformed(this.offset() - 1);
      }
    }
  }

  anchors(): Anchor[] {
    const count = this.number();
    const anchors: Anchor[] = [];
    for (let k = 0; k < count; k++) {
      const id = this.number();
      anchors.push([id, this.path()]);
    }
    return anchors;
  }

  string(): string {
    const length = this.#digits(COLON);
    const end = this.at + length;
    if (end > this.text.length) return this.#across(length);
    const s = this.text.slice(this.at, end);
    this.at = end;
    return s;
  }

  // A string that runs into the next pieces.
  #across(length: number): string {
    let s = '';
    for (let left = length; left > 0; ) {
      if (!this.#advance()) throw malformed(this.offset());
      const take = Math.min(left, this.text.length - this.at);
      s += this.text.slice(this.at, this.at + take);
      this.at += take;
      left -= take;
    }
    return s;
  }
}

/** A patch as it is read: its fields, then its path and anchor. */
interface Built {
  op: string;
  path?: number[];
  at?: number;
  [field: string]: unknown;
}

/** The patches of one update, from the addon's wire text (or its pieces). */
export function decodePatches(wire: string | readonly string[]): PatchEntry[] {
  const r = new Reader(wire);
  const patches: PatchEntry[] = [];
  while (!r.done()) {
    let op = String.fromCharCode(r.next());
    if (op === 'A') {
      patches.push({ op: 'anchors', anchors: r.anchors() });
      continue;
    }
    if (op === 's' || op === 'S') {
      const at = r.number();
      patches.push(op === 's' ? [at, r.string()] : [at, r.string(), r.attrValue()]);
      continue;
    }
    let at: number | undefined;
    if (op === '@') {
      at = r.number();
      op = String.fromCharCode(r.next());
    }
    const path = r.optionalPath();
    let patch: Built;
    switch (op) {
      case 'c':
      case 'C': {
        const first = r.number();
        const step = r.number();
        const sub = r.path();
        const name = op === 'C' ? r.string() : undefined;
        const count = r.number();
        const values: (string | null)[] = [];
        for (let k = 0; k < count; k++) values.push(name === undefined ? r.optionalString() : r.optionalAttrValue());
        patch =
          name === undefined
            ? { op: 'column', first, step, sub, values }
            : { op: 'column', first, step, sub, name, values };
        break;
      }
      case 't':
        patch = { op: 'text', value: r.string() };
        break;
      case 'a':
        patch = { op: 'attr', name: r.string(), value: r.attrValue() };
        break;
      case 'r':
        patch = { op: 'rmattr', name: r.string() };
        break;
      case 'i':
        patch = { op: 'insert', index: r.number(), html: r.string() };
        break;
      case 'x':
        patch = { op: 'remove' };
        break;
      case 'm': {
        const from = r.number();
        const to = r.number();
        const count = r.number();
        patch = count === 0 ? { op: 'move', from, to } : { op: 'move', from, to, count };
        break;
      }
      case 'p':
        patch = { op: 'replace', html: r.string() };
        break;
      case 'h':
        patch = { op: 'html', html: r.string() };
        break;
      default:
        throw malformed(r.offset() - 1);
    }
    // Added to the fresh literal rather than spread into a copy, and never deleted (a delete turns the
    // object into a slow dictionary): a slot document's patches mostly have no path, a big update's mostly
    // carry `at`.
    if (path !== undefined) patch.path = path;
    if (at !== undefined) patch.at = at;
    patches.push(patch as PatchEntry);
  }
  return patches;
}
