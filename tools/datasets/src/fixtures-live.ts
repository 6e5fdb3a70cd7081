/**
 * The list edits of the bench's LiveView payload table, applied to a context's list: what a live page
 * sends for one row changed, the list reversed, one row prepended, one row removed. Unchanged rows are the
 * same objects as in the context they come from, as after an in-place edit.
 */

/** A list edit. `value` (one scalar changed) is the `a1` variant and needs no edit. */
export type ListEdit = 'row' | 'reversed' | 'prepended' | 'removed';

/** Every list edit, in report order. */
export const LIST_EDITS: readonly ListEdit[] = ['row', 'reversed', 'prepended', 'removed'];

interface Keyed {
  readonly id: number;
  readonly name: string;
}

/**
 * `list` after `edit`: `row` renames the middle row (same id); `reversed` reverses the order; `prepended`
 * adds a row with a new id in front; `removed` drops the middle row.
 */
export function editList<T extends Keyed>(list: readonly T[], edit: ListEdit): T[] {
  const middle = list.length >> 1;
  switch (edit) {
    case 'row':
      return list.map((row, i) => (i === middle ? { ...row, name: `${row.name} (edited)` } : row));
    case 'reversed':
      return [...list].reverse();
    case 'prepended': {
      const id = list.reduce((max, row) => Math.max(max, row.id), 0) + 1;
      const template = list[0];
      return [{ ...(template ?? {}), id, name: `New row ${id}` } as T, ...list];
    }
    case 'removed':
      return list.filter((_, i) => i !== middle);
  }
}
