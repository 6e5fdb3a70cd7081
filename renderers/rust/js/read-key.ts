/**
 * Readers of one key of many plain objects. `row[key]` with a key that changes at one site is a megamorphic
 * load (a lookup per row); a function made once per key reads its key as a named property, cached for the
 * rows' shape. The column encoder and the same-data comparison read every row of a loop this way.
 */
export type Read = (row: Record<string, unknown> | undefined) => unknown;

const readers = new Map<string, Read>();

/** The reader of `key` (made on first use; keys come from templates, so their number is bounded). */
export function reader(key: string): Read {
  let read = readers.get(key);
  if (read === undefined) {
    // The key is written as a string literal (JSON's quoting is valid JavaScript).
    read = new Function('row', `return row[${JSON.stringify(key)}];`) as Read;
    readers.set(key, read);
  }
  return read;
}
