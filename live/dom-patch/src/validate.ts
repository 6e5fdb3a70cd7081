import { PatchFormatError } from './errors.js';
import {
  PATCH_FORMAT_VERSION,
  READ_VERSIONS,
  type Patch,
  type PatchBatch,
  type PatchEntry,
  type PatchOp,
  type SlotPatch,
} from './types.js';

/** The JSON type of one patch field: a path, a non-negative integer, a string, or an anchor table. */
export type FieldType = 'path' | 'index' | 'string' | 'anchors' | 'step' | 'values';

/**
 * Required fields of each op, beside `op` itself and the optional `at`. schema.json states the same
 * table; a test keeps the two in step.
 */
export const PATCH_FIELDS: Readonly<Record<PatchOp, Readonly<Record<string, FieldType>>>> = {
  text: { value: 'string' },
  attr: { name: 'string', value: 'string' },
  rmattr: { name: 'string' },
  insert: { index: 'index', html: 'string' },
  remove: { path: 'path' },
  move: { from: 'index', to: 'index' },
  replace: { path: 'path', html: 'string' },
  html: { html: 'string' },
  column: { first: 'index', step: 'step', sub: 'path', values: 'values' },
  anchors: { anchors: 'anchors' },
};

/** Ops a version 2 list may not hold. */
const SINCE_V3: ReadonlySet<string> = new Set(['column']);

/** Optional fields of each op, beside `at` (which every op but `anchors` may carry). */
export const OPTIONAL_FIELDS: Readonly<Partial<Record<PatchOp, Readonly<Record<string, FieldType>>>>> = {
  text: { path: 'path' },
  attr: { path: 'path' },
  rmattr: { path: 'path' },
  insert: { path: 'path' },
  move: { path: 'path', count: 'index' },
  html: { path: 'path' },
  column: { path: 'path', name: 'string' },
};

/**
 * An attribute name `setAttribute` accepts in every browser: an XML Name. HTML parsing admits more
 * (`1bad`, `a"b`), and templates with state-driven names (`data-{{ k }}`) can emit them, but an `attr`
 * patch setting one would throw in the middle of the list; so the list is refused before any change, and
 * emitters replace the element instead of setting such a name (`isAttributeName`).
 */
const ATTRIBUTE_NAME =
  /^[:A-Z_a-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C-\u200D\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD\u{10000}-\u{EFFFF}][-.0-9:A-Z_a-z\u00B7\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u037D\u037F-\u1FFF\u200C-\u200D\u203F\u2040\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD\u{10000}-\u{EFFFF}]*$/u;

/** Whether an `attr` patch may set this name: `setAttribute` accepts it in every browser. */
export const isAttributeName = (name: string): boolean => ATTRIBUTE_NAME.test(name);

const isIndex = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const isPath = (v: unknown): boolean => Array.isArray(v) && v.every(isIndex);
const isAnchor = (v: unknown): boolean => Array.isArray(v) && v.length === 2 && isIndex(v[0]) && isPath(v[1]);

function checkField(type: FieldType, value: unknown): string | null {
  switch (type) {
    case 'string':
      return typeof value === 'string' ? null : 'must be a string';
    case 'index':
      return isIndex(value) ? null : 'must be a non-negative integer';
    case 'path':
      return isPath(value) ? null : 'must be an array of non-negative integers';
    case 'step':
      return isIndex(value) && value > 0 ? null : 'must be a positive integer';
    case 'values':
      return Array.isArray(value) && value.every((v) => v === null || typeof v === 'string')
        ? null
        : 'must be an array of strings and nulls';
    case 'anchors': {
      if (!Array.isArray(value) || !value.every(isAnchor)) return 'must be an array of [id, path] pairs';
      const ids = new Set(value.map((a: [number, unknown]) => a[0]));
      return ids.size === value.length ? null : 'names an anchor id twice';
    }
  }
}

/** The patch object a slot patch stands for. */
export function expandSlot(slot: SlotPatch): Patch {
  return slot.length === 2
    ? { op: 'html', at: slot[0], html: slot[1] }
    : { op: 'attr', at: slot[0], name: slot[1], value: slot[2] };
}

/** The patch object of a list entry (a slot patch expanded; a patch object as it is). */
export const expandPatch = (entry: PatchEntry): Patch =>
  Array.isArray(entry) ? expandSlot(entry as SlotPatch) : (entry as Patch);

function checkSlot(index: number, slot: readonly unknown[], version: number): Patch {
  if (version < 4) throw new PatchFormatError(index, 'a slot patch needs patch format version 4');
  if (slot.length !== 2 && slot.length !== 3)
    throw new PatchFormatError(index, 'a slot patch is [at, html] or [at, name, value]');
  if (!isIndex(slot[0])) throw new PatchFormatError(index, 'slot patch anchor must be a non-negative integer');
  if (!slot.slice(1).every((v) => typeof v === 'string'))
    throw new PatchFormatError(index, 'slot patch html, name and value must be strings');
  if (slot.length === 3 && !isAttributeName(slot[1] as string))
    throw new PatchFormatError(index, `slot patch name ${JSON.stringify(slot[1])} is not an attribute name`);
  return expandSlot(slot as unknown as SlotPatch);
}

function checkPatch(index: number, patch: unknown, version: number): Patch {
  if (Array.isArray(patch)) return checkSlot(index, patch, version);
  if (typeof patch !== 'object' || patch === null) {
    throw new PatchFormatError(index, 'not an object or slot patch');
  }
  const record = patch as Record<string, unknown>;
  const op = record['op'];
  if (typeof op !== 'string' || !Object.hasOwn(PATCH_FIELDS, op)) {
    throw new PatchFormatError(index, `unknown op ${JSON.stringify(op)}`);
  }
  if (version < 3 && SINCE_V3.has(op)) throw new PatchFormatError(index, `"${op}" needs patch format version 3`);
  // Version 2 has no default path.
  if (version < 3 && op !== 'anchors' && !Object.hasOwn(record, 'path'))
    throw new PatchFormatError(index, `"${op}" needs "path"`);
  const fields = PATCH_FIELDS[op as PatchOp];
  for (const [name, type] of Object.entries(fields)) {
    if (!Object.hasOwn(record, name)) throw new PatchFormatError(index, `"${op}" needs "${name}"`);
    const problem = checkField(type, record[name]);
    if (problem !== null) throw new PatchFormatError(index, `"${op}" field "${name}" ${problem}`);
  }
  const optional = OPTIONAL_FIELDS[op as PatchOp] ?? {};
  for (const name of Object.keys(record)) {
    if (name === 'op' || (name === 'at' && op !== 'anchors') || Object.hasOwn(fields, name)) continue;
    if (!Object.hasOwn(optional, name)) throw new PatchFormatError(index, `"${op}" has unknown field "${name}"`);
    const problem = checkField(optional[name] as FieldType, record[name]);
    if (problem !== null) throw new PatchFormatError(index, `"${op}" field "${name}" ${problem}`);
  }
  if (op === 'move' && record['count'] === 0)
    throw new PatchFormatError(index, '"move" field "count" must be at least 1');
  if (Object.hasOwn(record, 'at') && !isIndex(record['at'])) {
    throw new PatchFormatError(index, '"at" must be a non-negative integer');
  }
  if (op === 'column' && typeof record['name'] === 'string' && !isAttributeName(record['name'])) {
    throw new PatchFormatError(
      index,
      `"column" field "name" ${JSON.stringify(record['name'])} is not an attribute name`,
    );
  }
  if (op === 'attr' && !isAttributeName(record['name'] as string)) {
    throw new PatchFormatError(index, `"attr" field "name" ${JSON.stringify(record['name'])} is not an attribute name`);
  }
  if ((op === 'remove' || op === 'replace') && (record['path'] as unknown[]).length === 0) {
    throw new PatchFormatError(index, `"${op}" cannot target the root`);
  }
  return patch as Patch;
}

/**
 * Checks that `input` is a patch list of a version this package reads (bare array: the current
 * version; or a `{v, patches}` envelope with `v` 2, 3 or 4) and returns the patches as objects (slot
 * patches expanded; the list itself when it holds none). Throws PatchFormatError naming the first bad
 * patch and field.
 */
export function validatePatches(input: unknown): readonly Patch[] {
  let list: unknown = input;
  let version: number = PATCH_FORMAT_VERSION;
  if (typeof input === 'object' && input !== null && !Array.isArray(input)) {
    const batch = input as Partial<PatchBatch> & Record<string, unknown>;
    if (typeof batch.v !== 'number' || !READ_VERSIONS.includes(batch.v)) {
      throw new PatchFormatError(
        -1,
        `unsupported patch format version ${JSON.stringify(batch.v)} (expected ${READ_VERSIONS.join(' or ')})`,
      );
    }
    version = batch.v;
    list = batch.patches;
  }
  if (!Array.isArray(list)) throw new PatchFormatError(-1, 'patches must be an array');
  let expanded: Patch[] | null = null;
  list.forEach((entry, i) => {
    const patch = checkPatch(i, entry, version);
    if (patch !== entry) expanded ??= (list as Patch[]).slice(0, i);
    expanded?.push(patch);
  });
  return expanded ?? (list as readonly Patch[]);
}
