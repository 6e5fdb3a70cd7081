/**
 * A mounted page of the live engine: the previous slot values in flat arrays, the generated code that
 * recomputes them, and the diff of values into patches (version 3).
 */
import type { Anchor, Patch } from '@tessera/dom-patch';
import { quirkFloor, textQuirk, tokenizeHtml } from '@tessera/markup';
import { lookup, MISSING } from '@tessera/runtime';
import type { LiveDocument, RenderContext } from '@tessera/template';
import { decodeHTMLAttribute } from 'entities';
import { lis } from './lis.js';
import type { LivePrepared } from './prepare.js';
import { childIndices, flat, type ContentCheck, type LElement, type LLoop, type Slot } from './structure.js';

/** One loop's rows: keys, item objects and slot values by row, and each key's row. */
export interface LoopState {
  readonly keys: readonly unknown[];
  readonly items: readonly unknown[];
  readonly rows: readonly (readonly string[])[];
  readonly pos: ReadonlyMap<unknown, number>;
}

/** Names the dependency paths leave out (`{{ True }}` reads the builtin), which a context may still shadow. */
const BUILTINS: ReadonlySet<string> = new Set(['True', 'False', 'None']);

const EMPTY: LoopState = { keys: [], items: [], rows: [], pos: new Map() };

const LEADING_NEWLINE = new Set(['pre', 'listing', 'textarea']);

/** Whether `value`, the content of an element with `check`, parses there as one region of that element. */
function holds(check: ContentCheck, value: string): boolean {
  // The parser drops a newline right after <pre>, <listing> and <textarea> start tags, not in innerHTML.
  if (value.startsWith('\n') && LEADING_NEWLINE.has(check.open[check.open.length - 1] ?? '')) return false;
  if (!value.includes('<')) return check.raw || textQuirk(value, check.open) === null;
  if (check.raw) return false;
  const { tokens, clean } = tokenizeHtml(value);
  return clean && quirkFloor(tokens, check.open) > check.open.length - 1;
}

/** Whether a slot's value can be patched in place: the DOM holds it where the structure says. */
function fits(slot: Slot, value: string): boolean {
  const { target } = slot;
  if (target.kind === 'attr') return !value.includes(target.quote);
  return holds(target.check, value);
}

const decodeAttr = (raw: string): string => (raw.includes('&') ? decodeHTMLAttribute(raw) : raw);

/**
 * The loop keys: each item's `id` when every item has a distinct one, else positions (rows are then
 * compared in place, and only the end of the list grows or shrinks).
 */
export function keysOf(items: readonly unknown[]): unknown[] {
  const keys = new Array<unknown>(items.length);
  const seen = new Set<unknown>();
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    const id = typeof item === 'object' && item !== null ? lookup(item, 'id') : MISSING;
    if (id === MISSING || id === null || id === undefined || (typeof id === 'object' && !isKey(id)) || seen.has(id))
      return items.map((_, k) => k);
    seen.add(id);
    keys[i] = id;
  }
  return keys;
}

// Objects are keys only by identity, which a re-fetched list never repeats: treat them as no id.
const isKey = (_id: object): boolean => false;

interface LoopChange {
  readonly loop: LLoop;
  readonly next: LoopState;
}

/** A mounted page (see the package README, "how it works"). */
export class CompiledDocument implements LiveDocument {
  readonly #p: LivePrepared;
  #context: RenderContext;
  #html: string | null;
  readonly #values: string[];
  readonly #loops: LoopState[];
  #anchors: Anchor[];
  /** Slot values the DOM does not hold where the structure says (markup that restructures its parent). */
  #misfits = 0;
  /** An update threw half-way: the next one starts from scratch. */
  #stale = false;
  // Collected by the generated update.
  #changed: number[] = [];
  #loopChanges: LoopChange[] = [];
  readonly #recorder = {
    slot: (unit: number, value: string): void => {
      const old = this.#values[unit] as string;
      if (old === value) return;
      const slot = this.#p.structure.slots[unit] as Slot;
      this.#misfits += (fits(slot, old) ? 0 : -1) + (fits(slot, value) ? 0 : 1);
      this.#values[unit] = value;
      this.#changed.push(unit);
    },
    keys: keysOf,
    loop: (unit: number, keys: unknown[], items: unknown[], rows: string[][]): void => {
      const pos = new Map<unknown, number>();
      for (let i = 0; i < keys.length; i++) pos.set(keys[i], i);
      this.#loopChanges.push({ loop: this.#p.loopOf[unit] as LLoop, next: { keys, items, rows, pos } });
    },
    mountLoop: (unit: number, items: unknown[], rows: string[][]): void => {
      const keys = keysOf(items);
      const pos = new Map<unknown, number>();
      for (let i = 0; i < keys.length; i++) pos.set(keys[i], i);
      this.#loops[unit] = { keys, items, rows, pos };
    },
  };

  constructor(prepared: LivePrepared, context: RenderContext) {
    this.#p = prepared;
    this.#context = context;
    const units = prepared.structure.slots.length;
    this.#values = new Array<string>(units).fill('');
    this.#loops = new Array<LoopState>(units).fill(EMPTY);
    this.#html = prepared.code.mount(context, this.#values, this.#loops, this.#recorder);
    this.#misfits = this.#countMisfits();
    this.#anchors = this.#layout().anchors;
  }

  get html(): string {
    this.#html ??= this.#p.render(this.#context);
    return this.#html;
  }

  get anchors(): readonly Anchor[] {
    return this.#anchors;
  }

  update(context: RenderContext): Patch[] {
    const p = this.#p;
    const old = this.#context;
    const all = this.#stale || context === old || p.impure || changed(BUILTINS, old, context);
    const dirty = new Uint8Array(p.structure.slots.length);
    const reuse = new Uint8Array(p.structure.slots.length);
    p.units.forEach((unit, u) => {
      dirty[u] = all || unit.heads === null || changed(unit.heads, old, context) ? 1 : 0;
      reuse[u] = !all && unit.outer !== null && !changed(unit.outer, old, context) ? 1 : 0;
    });
    return this.#run(context, dirty, reuse);
  }

  set(changes: RenderContext): Patch[] {
    const p = this.#p;
    const context = { ...this.#context, ...changes };
    const names = Object.keys(changes);
    const all = this.#stale || p.impure || names.some((n) => BUILTINS.has(n));
    const dirty = new Uint8Array(p.structure.slots.length);
    const reuse = new Uint8Array(p.structure.slots.length);
    p.units.forEach((unit, u) => {
      dirty[u] = all || unit.heads === null || names.some((n) => unit.heads?.has(n)) ? 1 : 0;
      reuse[u] = !all && unit.outer !== null && !names.some((n) => unit.outer?.has(n)) ? 1 : 0;
    });
    return this.#run(context, dirty, reuse);
  }

  #run(context: RenderContext, dirty: Uint8Array, reuse: Uint8Array): Patch[] {
    const before = this.#misfits;
    const stale = this.#stale;
    this.#changed = [];
    this.#loopChanges = [];
    this.#stale = true;
    this.#p.code.update(context, this.#values, this.#loops, this.#recorder, dirty, reuse);
    this.#context = context;
    this.#html = null;
    const loopChanges = this.#loopChanges.filter((change) =>
      differs(this.#loops[change.loop.unit] as LoopState, change.next),
    );
    // Nothing the page shows changed: the DOM is right as it is, whatever shape it has.
    if (!stale && this.#changed.length === 0 && loopChanges.length === 0) {
      this.#stale = false;
      for (const change of this.#loopChanges) this.#loops[change.loop.unit] = change.next;
      return [];
    }
    let patches: Patch[] | null = stale || before > 0 ? null : [];
    let moved = false;
    for (const change of loopChanges) {
      const old = this.#loops[change.loop.unit] as LoopState;
      if (patches !== null) {
        const ops = this.#diffLoop(change.loop, old, change.next);
        if (ops === null) patches = null;
        else patches.push(...ops);
      }
      this.#misfits += this.#rowMisfits(change.loop, change.next, old);
      if (old.keys.length !== change.next.keys.length) moved = true;
      this.#loops[change.loop.unit] = change.next;
    }
    if (stale) this.#misfits = this.#countMisfits();
    if (this.#misfits > 0) patches = null;
    this.#stale = false;
    if (patches === null) return this.#reset();
    for (const unit of this.#changed) patches.push(this.#slotPatch(unit));
    if (moved) {
      const table = this.#layout().anchors;
      if (!sameTable(table, this.#anchors)) patches.push({ op: 'anchors', anchors: table });
      this.#anchors = table;
    }
    return patches;
  }

  /** The whole page again, with the anchor table: where the structure cannot say what changed in the DOM. */
  #reset(): Patch[] {
    this.#anchors = this.#layout().anchors;
    return [
      { op: 'html', path: [], html: this.html },
      { op: 'anchors', anchors: this.#anchors },
    ];
  }

  #slotPatch(unit: number): Patch {
    const slot = this.#p.structure.slots[unit] as Slot;
    const value = this.#values[unit] as string;
    const at = this.#p.anchorOf[unit] as number;
    const where = at === 0 ? { path: [] } : { at, path: [] };
    if (slot.target.kind === 'attr') return { op: 'attr', ...where, name: slot.target.name, value: decodeAttr(value) };
    return { op: 'html', ...where, html: value };
  }

  #countMisfits(): number {
    let n = 0;
    this.#p.structure.slots.forEach((slot, u) => {
      if (slot !== null && !fits(slot, this.#values[u] as string)) n++;
    });
    for (const loop of this.#p.structure.loops) {
      for (const row of (this.#loops[loop.unit] as LoopState).rows) n += misfitsOf(loop, row);
    }
    return n;
  }

  /** The change in misfit count from the rows of `old` to those of `next` (rows reused as they are count nothing). */
  #rowMisfits(loop: LLoop, next: LoopState, old: LoopState): number {
    if (loop.slots.length === 0) return 0;
    const kept = new Set(next.rows);
    let n = 0;
    for (const row of old.rows) if (!kept.has(row)) n -= misfitsOf(loop, row);
    const was = new Set(old.rows);
    for (const row of next.rows) if (!was.has(row)) n += misfitsOf(loop, row);
    return n;
  }

  /** Anchor table and each loop's first row index, for the row counts as they are now. */
  #layout(): { anchors: Anchor[]; first: Map<LLoop, number>; stride: Map<LLoop, number> } {
    const anchors: Anchor[] = [];
    const first = new Map<LLoop, number>();
    const stride = new Map<LLoop, number>();
    const rows = (loop: LLoop): number => (this.#loops[loop.unit] as LoopState).keys.length;
    const walk = (el: LElement, path: readonly number[]): void => {
      if (el.anchor !== 0) anchors.push([el.anchor, path]);
      if (el.content.k !== 'items') return;
      const layout = childIndices(el.content.items, rows);
      for (const it of flat(el.content.items)) {
        if (it.k === 'el') walk(it.el, [...path, layout.at.get(it) as number]);
        else if (it.k === 'loop') {
          first.set(it.loop, layout.at.get(it) as number);
          stride.set(it.loop, layout.stride.get(it.loop) as number);
        }
      }
    };
    walk(this.#p.structure.root, []);
    return { anchors, first, stride };
  }

  /** Patches turning the rows of `old` into those of `next`, or null when only a reset can. */
  #diffLoop(loop: LLoop, old: LoopState, next: LoopState): Patch[] | null {
    const n = next.keys.length;
    if (old.keys.length === 0 && n === 0) return [];
    if (old.keys.length === 0 || n === 0) return null;
    if (!next.keys.some((k) => old.pos.has(k))) return null;
    const { first, stride } = this.#layout();
    const e0 = first.get(loop) as number;
    const step = stride.get(loop) as number;
    const where = loop.parent === 0 ? {} : { at: loop.parent };
    const sep = loop.trail + loop.lead;
    const ops: Patch[] = [];
    const cur = old.keys.slice();
    for (let j = cur.length - 1; j >= 0; j--) {
      if (next.pos.has(cur[j])) continue;
      const at = e0 + j * step;
      ops.push({ op: 'remove', ...where, path: [at] });
      if (step === 2) ops.push({ op: 'remove', ...where, path: [j < cur.length - 1 ? at : at - 1] });
      cur.splice(j, 1);
    }
    const stable = new Set(lis(cur.map((k) => next.pos.get(k) as number)).map((i) => cur[i]));
    const inserted = new Set<number>();
    for (let i = n - 1; i >= 0; i--) {
      const key = next.keys[i];
      if (stable.has(key)) continue;
      const q = i + 1 < n ? cur.indexOf(next.keys[i + 1]) : cur.length;
      if (!old.pos.has(key)) {
        const html = rowHtml(this.#p.rowPieces[loop.unit] as (string | number)[], next.rows[i] as string[]);
        if (step === 1) ops.push({ op: 'insert', ...where, path: [], index: e0 + q, html });
        else if (q < cur.length) ops.push({ op: 'insert', ...where, path: [], index: e0 + q * 2, html: html + sep });
        else ops.push({ op: 'insert', ...where, path: [], index: e0 + (cur.length - 1) * 2 + 1, html: sep + html });
        cur.splice(q, 0, key);
        inserted.add(i);
        continue;
      }
      const p = cur.indexOf(key);
      const last = p === cur.length - 1;
      cur.splice(p, 1);
      const to = p < q ? q - 1 : q;
      if (step === 1) ops.push({ op: 'move', ...where, path: [], from: e0 + p, to: e0 + to });
      else {
        if (last || to === cur.length) return null;
        ops.push({ op: 'move', ...where, path: [], from: e0 + p * 2, to: e0 + to * 2, count: 2 });
      }
      cur.splice(to, 0, key);
    }
    // Slot values of the rows that were there before, by slot: one column op, or single ops when fewer bytes.
    const m = loop.slots.length;
    if (m === 0) return ops;
    const changes: [number, string][][] = Array.from({ length: m }, () => []);
    for (let i = 0; i < n; i++) {
      if (inserted.has(i)) continue;
      const row = next.rows[i] as string[];
      const was = old.rows[old.pos.get(next.keys[i]) as number] as string[];
      if (row === was) continue;
      for (let s = 0; s < m; s++) if (row[s] !== was[s]) changes[s]?.push([i, row[s] as string]);
    }
    changes.forEach((list, s) => {
      if (list.length > 0) ops.push(...slotOps(loop.slots[s] as Slot, list, e0, step, where));
    });
    return ops;
  }
}

function slotOps(
  slot: Slot,
  list: readonly [number, string][],
  e0: number,
  step: number,
  where: { at?: number },
): Patch[] {
  const { target } = slot;
  const value = (raw: string): string => (target.kind === 'attr' ? decodeAttr(raw) : raw);
  const single = (i: number, raw: string): Patch => {
    const path = [e0 + i * step, ...target.sub];
    return target.kind === 'attr'
      ? { op: 'attr', ...where, path, name: target.name, value: value(raw) }
      : { op: 'html', ...where, path, html: raw };
  };
  const from = (list[0] as [number, string])[0];
  const to = (list[list.length - 1] as [number, string])[0];
  let singleBytes = 0;
  let columnBytes = 60 + (to - from + 1) * 5;
  for (const [, raw] of list) {
    singleBytes += 48 + raw.length;
    columnBytes += raw.length;
  }
  if (list.length === 1 || singleBytes <= columnBytes) return list.map(([i, raw]) => single(i, raw));
  const values: (string | null)[] = new Array<string | null>(to - from + 1).fill(null);
  for (const [i, raw] of list) values[i - from] = value(raw);
  const column = { op: 'column' as const, ...where, path: [], first: e0 + from * step, step, sub: target.sub, values };
  return [target.kind === 'attr' ? { ...column, name: target.name } : column];
}

function misfitsOf(loop: LLoop, row: readonly string[]): number {
  let n = 0;
  for (let s = 0; s < row.length; s++) if (!fits(loop.slots[s] as Slot, row[s] as string)) n++;
  return n;
}

function rowHtml(pieces: readonly (string | number)[], values: readonly string[]): string {
  let html = '';
  for (const p of pieces) html += typeof p === 'string' ? p : values[p];
  return html;
}

/** Whether two states of a loop show different rows. */
function differs(a: LoopState, b: LoopState): boolean {
  if (a.keys.length !== b.keys.length) return true;
  for (let i = 0; i < a.keys.length; i++) {
    if (!Object.is(a.keys[i], b.keys[i])) return true;
    const x = a.rows[i] as readonly string[];
    const y = b.rows[i] as readonly string[];
    if (x !== y) for (let s = 0; s < x.length; s++) if (x[s] !== y[s]) return true;
  }
  return false;
}

function changed(names: ReadonlySet<string>, a: RenderContext, b: RenderContext): boolean {
  for (const name of names) if (!Object.is(a[name], b[name])) return true;
  return false;
}

function sameTable(a: readonly Anchor[], b: readonly Anchor[]): boolean {
  return (
    a.length === b.length &&
    a.every(([id, path], i) => {
      const [otherId, otherPath] = b[i] as Anchor;
      return id === otherId && path.length === otherPath.length && path.every((n, k) => n === otherPath[k]);
    })
  );
}
