import { pyOrder } from '../values/compare.js';
import { conditionalEscape, markSafe } from '../html/escape.js';
import { pyLen } from '../values/iterate.js';
import { lookup } from '../values/lookup.js';
import { catching, pyFloat, pyInt, strText } from '../python/conv.js';
import { pyStr } from '../values/repr.js';
import { sliceIndices } from '../python/slice.js';
import {
  MISSING,
  dictEntries,
  dictViewKind,
  isDict,
  isNone,
  pyError,
  pyTypeName,
  sequenceKind,
  tagSequence,
} from '../values/model.js';
import type { FilterSpec } from './spec.js';

/** Python `value[index]` for the lists and strings a template holds (negative indexes count from the end). */
function pyIndex(value: unknown, index: number): unknown {
  const view = dictViewKind(value);
  if (view) throw pyError('TypeError', `'${view}' object is not subscriptable`);
  const s = strText(value);
  const seq: readonly unknown[] | undefined =
    s !== undefined ? Array.from(s) : Array.isArray(value) ? value : undefined;
  if (seq) {
    const item = seq[index < 0 ? seq.length + index : index];
    if (item === undefined && (index >= seq.length || index < -seq.length))
      throw pyError('IndexError', 'list index out of range');
    return item;
  }
  if (isDict(value)) {
    for (const [k, v] of dictEntries(value)) if (k === index) return v;
    throw pyError('KeyError', String(index));
  }
  throw pyError('TypeError', `'${pyTypeName(value)}' object is not subscriptable`);
}

// Django's _property_resolver: a number-like argument indexes each item; otherwise a dotted path of
// keys and attributes (private names refused).
function propertyResolver(arg: unknown): (item: unknown) => unknown {
  const numeric = catching(
    ['ValueError'],
    () => {
      pyFloat(arg);
      return true;
    },
    () => false,
  );
  if (numeric) {
    return (item) => {
      if (typeof arg === 'number' || typeof arg === 'boolean') return pyIndex(item, Number(arg));
      const key = pyStr(arg);
      if (isDict(item)) {
        for (const [k, v] of dictEntries(item)) if (k === key) return v;
        throw pyError('KeyError', key);
      }
      throw pyError('TypeError', `'${pyTypeName(item)}' indices must be integers`);
    };
  }
  const path = pyStr(arg);
  if (path.includes('._') || path.startsWith('_'))
    throw pyError('AttributeError', 'Access to private variables is forbidden.');
  const parts = path.split('.');
  return (item) => {
    let cur = item;
    for (const part of parts) {
      cur =
        isDict(cur) || (typeof cur === 'object' && cur !== null && !Array.isArray(cur)) ? lookup(cur, part) : MISSING;
      if (cur === MISSING) throw pyError('AttributeError', `no attribute '${part}'`);
    }
    return cur;
  };
}

function iterItems(value: unknown): unknown[] {
  const s = strText(value);
  if (s !== undefined) return Array.from(s);
  if (Array.isArray(value)) return value;
  if (isDict(value)) return dictEntries(value).map(([k]) => k);
  if (value instanceof Set) return [...value];
  throw pyError('TypeError', `'${pyTypeName(value)}' object is not iterable`);
}

function sortBy(value: unknown, arg: unknown, reverse: boolean): unknown {
  return catching<unknown>(
    ['AttributeError', 'TypeError'],
    () => {
      const key = propertyResolver(arg);
      const keyed = iterItems(value).map((item) => ({ item, key: key(item) }));
      keyed.sort((a, b) => {
        const c = reverse ? pyOrder(b.key, a.key) : pyOrder(a.key, b.key);
        if (c === undefined) throw pyError('TypeError', "'<' not supported between these types");
        return Number.isNaN(c) ? 0 : c;
      });
      return keyed.map((k) => k.item);
    },
    () => '',
  );
}

function pySliceValue(value: unknown, arg: unknown): unknown {
  return catching(
    ['ValueError', 'TypeError', 'KeyError'],
    () => {
      const bits = pyStr(arg)
        .split(':')
        .map((x) => (x === '' ? null : pyInt(x)));
      if (bits.length > 3) throw pyError('TypeError', 'slice expected at most 3 arguments');
      const [a = null, b = null, c = null] = bits.length === 1 ? [null, bits[0] ?? null, null] : bits;
      const s = strText(value);
      if (s !== undefined) {
        const chars = Array.from(s);
        return sliceIndices(chars.length, a, b, c)
          .map((i) => chars[i])
          .join('');
      }
      if (Array.isArray(value)) {
        // Dict views are not subscriptable in Python (the filter then returns them whole); a tuple
        // slices to a tuple.
        const kind = sequenceKind(value);
        if (kind !== undefined && kind !== 'tuple') throw pyError('TypeError', `'${kind}' object is not subscriptable`);
        const sliced = sliceIndices(value.length, a, b, c).map((i) => value[i]);
        return kind === 'tuple' ? tagSequence(sliced, 'tuple') : sliced;
      }
      throw pyError('TypeError', `'${pyTypeName(value)}' object is not subscriptable`);
    },
    () => value,
  );
}

function join(value: unknown, arg: unknown, autoescape: boolean): unknown {
  let items: unknown[];
  try {
    items = iterItems(value);
  } catch (e) {
    if (e instanceof Error && e.name === 'TypeError') return value;
    throw e;
  }
  if (autoescape) return markSafe(items.map(conditionalEscape).join(conditionalEscape(arg)));
  const sep = strText(arg);
  if (sep === undefined) throw pyError('AttributeError', `'${pyTypeName(arg)}' object has no attribute 'join'`);
  if (!items.every((x) => strText(x) !== undefined)) return value;
  return markSafe(items.map((x) => strText(x)).join(sep));
}

export const dictsortFilter: FilterSpec = { fn: (v, arg) => sortBy(v, arg, false), arg: 'required', isSafe: false };

export const dictsortreversedFilter: FilterSpec = {
  fn: (v, arg) => sortBy(v, arg, true),
  arg: 'required',
  isSafe: false,
};

export const firstFilter: FilterSpec = {
  fn: (v) =>
    catching(
      ['IndexError'],
      () => pyIndex(v, 0),
      () => '',
    ),
  arg: 'none',
  isSafe: false,
};

export const joinFilter: FilterSpec = {
  fn: (v, arg, env) => join(v, arg, env.autoescape),
  arg: 'required',
  isSafe: true,
  needsAutoescape: true,
};

export const lastFilter: FilterSpec = {
  fn: (v) =>
    catching(
      ['IndexError'],
      () => pyIndex(v, -1),
      () => '',
    ),
  arg: 'none',
  isSafe: true,
};

export const lengthFilter: FilterSpec = { fn: (v) => (isNone(v) ? 0 : (pyLen(v) ?? 0)), arg: 'none', isSafe: false };

export const randomFilter: FilterSpec = {
  fn: (v) => {
    const items = strText(v) !== undefined || Array.isArray(v) ? iterItems(v) : undefined;
    if (!items) throw pyError('TypeError', `object of type '${pyTypeName(v)}' has no len()`);
    // random.choice checks for an empty sequence before it subscripts one.
    return items.length ? pyIndex(v, Math.floor(Math.random() * items.length)) : '';
  },
  arg: 'none',
  isSafe: true,
};

export const sliceFilter: FilterSpec = { fn: pySliceValue, arg: 'required', isSafe: true };

/** Django's built-in list filters.
 * Each is also exported on its own, so a bundle keeps only the filters it imports.
 */
export const listFilters: Readonly<Record<string, FilterSpec>> = {
  dictsort: dictsortFilter,
  dictsortreversed: dictsortreversedFilter,
  first: firstFilter,
  join: joinFilter,
  last: lastFilter,
  length: lengthFilter,
  random: randomFilter,
  slice: sliceFilter,
};
