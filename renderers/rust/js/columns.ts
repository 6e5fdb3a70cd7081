/**
 * Loops over rows of plain data cross as columns in one binary buffer beside the context's JSON (the
 * addon's `value/columns.rs` has the layout): a number field as its `f64`s, a string field as each row's
 * UTF-16 length and the UTF-8 of all rows, written with one native call. The JSON holds
 * `{"\u0000c": k}` where block `k` goes. Writing this costs a fraction of JSON.stringify of the same rows,
 * and the addon builds the rows without parsing text (README.md, "The boundary", has the figures).
 */
import { isPlainRow } from './projection.js';
import { reader } from './read-key.js';
import { hasStandIns } from './surrogates.js';

// Below this many rows the JSON text is as cheap as a block.
const MIN_ROWS = 16;
// The block's integers and floats are in this machine's byte order, which the addon reads as little-endian.
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const SURROGATE = /[\ud800-\udfff]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const STRINGS = 0;
const NUMBERS = 1;
const BOOLEANS = 2;

interface Field {
  readonly key: string;
  readonly kind: typeof STRINGS | typeof NUMBERS | typeof BOOLEANS;
  readonly lengths?: Uint32Array;
  readonly text?: string;
  /** UTF-8 bytes of `text`. */
  readonly bytes?: number;
  readonly numbers?: Float64Array;
  readonly booleans?: Uint8Array;
}

// A field of every row as a column, or null when the rows do not all hold it as strings, as finite
// numbers, or as booleans.
function column(rows: readonly Record<string, unknown>[], key: string): Field | null {
  const n = rows.length;
  const read = reader(key);
  const first = read(rows[0]);
  if (typeof first === 'string') {
    const strings = new Array<string>(n);
    const lengths = new Uint32Array(n);
    for (let i = 0; i < n; i++) {
      const v = read(rows[i]);
      if (typeof v !== 'string') return null;
      strings[i] = v;
      lengths[i] = v.length;
    }
    const text = strings.join('');
    const bytes = Buffer.byteLength(text);
    // Lone surrogates and the code points that stand in for them take the JSON path (surrogates.ts); text
    // with as many UTF-8 bytes as UTF-16 units is ASCII and holds neither, so most columns skip both scans.
    if (bytes !== text.length && ((SURROGATE.test(text) && LONE_SURROGATE.test(text)) || hasStandIns(text))) {
      return null;
    }
    return { key, kind: STRINGS, lengths, text, bytes };
  }
  if (typeof first === 'boolean') {
    const booleans = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const v = read(rows[i]);
      if (typeof v !== 'boolean') return null;
      booleans[i] = v ? 1 : 0;
    }
    return { key, kind: BOOLEANS, booleans };
  }
  const numbers = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = read(rows[i]);
    if (typeof v !== 'number' || !Number.isFinite(v)) return null;
    numbers[i] = v;
  }
  return { key, kind: NUMBERS, numbers };
}

/** The blocks of one context, written into one buffer once the JSON is done. */
export class Columns {
  readonly #blocks: { rows: number; fields: Field[] }[] = [];

  /**
   * Takes `rows` as a block and returns its tag, or null when they do not fit (the caller writes JSON): every
   * row a plain object (isPlainRow) whose value under each key is, in all rows, a string, a finite number
   * or a boolean. Values are read as JSON.stringify reads them (a key the row does not hold is undefined,
   * which no column takes).
   */
  add(rows: readonly unknown[], keys: readonly string[]): string | null {
    if (!LITTLE_ENDIAN || rows.length < MIN_ROWS || keys.length === 0) return null;
    for (const row of rows) if (!isPlainRow(row)) return null;
    const fields: Field[] = [];
    for (const key of keys) {
      const field = column(rows as readonly Record<string, unknown>[], key);
      if (field === null) return null;
      fields.push(field);
    }
    this.#blocks.push({ rows: rows.length, fields });
    return `{"\\u0000c":${this.#blocks.length - 1}}`;
  }

  /** The buffer the addon reads, or undefined when no block was taken. */
  buffer(): Buffer | undefined {
    if (this.#blocks.length === 0) return undefined;
    let size = 4;
    for (const b of this.#blocks) {
      size += 8;
      for (const f of b.fields) {
        size += 4 + Buffer.byteLength(f.key) + 1;
        size += f.kind === STRINGS ? 4 * b.rows + 4 + (f.bytes ?? 0) : f.kind === NUMBERS ? 8 * b.rows : b.rows;
      }
    }
    const out = Buffer.allocUnsafe(size);
    const u32 = (v: number, at: number) => out.writeUInt32LE(v, at);
    const bytes = (view: ArrayBufferView, at: number) => {
      out.set(new Uint8Array(view.buffer, view.byteOffset, view.byteLength), at);
      return at + view.byteLength;
    };
    let at = u32(this.#blocks.length, 0);
    for (const b of this.#blocks) {
      at = u32(b.fields.length, u32(b.rows, at));
      for (const f of b.fields) {
        const keyLength = Buffer.byteLength(f.key);
        at = u32(keyLength, at);
        at += out.write(f.key, at);
        out[at++] = f.kind;
        if (f.kind === STRINGS) {
          at = bytes(f.lengths as Uint32Array, at);
          at = u32(f.bytes ?? 0, at);
          at += out.write(f.text ?? '', at);
        } else {
          at = bytes((f.numbers ?? f.booleans) as ArrayBufferView, at);
        }
      }
    }
    return out;
  }
}
