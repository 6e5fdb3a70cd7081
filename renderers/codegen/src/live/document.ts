/**
 * A mounted page of the live engine: the previous slot values in flat arrays, the generated code that
 * recomputes them, and the diff of values into patches (version 3).
 */
import {
  layoutOf,
  quirkFloor,
  textQuirk,
  tokenizeHtml,
  type ContentCheck,
  type Layout,
  type LLoop,
  type Slot,
} from '@tessera/markup';
import { longestIncreasing, type Anchor, type Patch, type PatchEntry } from '@tessera/dom-patch';
import { isPlainObject, lookup, lookupPath, MISSING } from '@tessera/runtime';
import type { LiveDocument, RenderContext } from '@tessera/template';
import { decodeAttribute } from './decode.js';
import type { InputReader, LiveProgram, Recorder, Unit } from './program.js';

/**
 * A loop's slot values, row after row in one flat array: slot `s` of row `i` is `rows[i * m + s]` for a
 * loop with `m` slots. One array per update, however many rows: no object per row for the collector.
 */
export type Rows = readonly string[];

/** One loop's rows: item objects, slot values by row; keys, key positions and row inputs when first needed. */
export interface LoopState {
  readonly items: readonly unknown[];
  readonly rows: Rows;
  keys: readonly unknown[] | null;
  pos: Map<unknown, number> | null;
  /** The values each row read below its item, `paths.length` per row (see `LiveProgram.inputs`). */
  inputs: unknown[] | null;
}

/** Names the dependency paths leave out (`{{ True }}` reads the builtin), which a context may still shadow. */
const BUILTINS: ReadonlySet<string> = new Set(['True', 'False', 'None']);

const EMPTY: LoopState = { items: [], rows: [], keys: [], pos: new Map(), inputs: [] };

/** Whether `value`, the content of an element with `check`, parses there as one region of that element. */
function holds(check: ContentCheck, value: string): boolean {
  // The parser drops a newline right after <pre>, <listing> and <textarea> start tags, not in innerHTML
  // (a carriage return too: the parser reads CR and CR LF as a newline).
  if (check.newline && (value.charCodeAt(0) === 10 || value.charCodeAt(0) === 13)) return false;
  if (value.indexOf('<') < 0) return check.raw || check.text || textQuirk(value, check.open) === null;
  if (check.raw) return false;
  const { tokens, clean } = tokenizeHtml(value);
  return clean && quirkFloor(tokens, check.open, false, true) > check.open.length - 1;
}

/** Values of a content slot with markup, and whether they fit: branches of an `{% if %}` repeat row after row. */
const fitCache = new WeakMap<Slot, Map<string, boolean>>();
/** Bounds of `fitCache`: entries per slot, and the longest value kept. */
const FIT_CACHE_ENTRIES = 64;
const FIT_CACHE_LENGTH = 512;

/**
 * The last value longer than `FIT_CACHE_LENGTH` checked for a slot, and whether it fits: an update compares
 * a slot's previous value with its new one, and the previous one is the value the last update checked, so
 * each long value is checked once, not again when it becomes the previous (a page whose whole content is one
 * slot tokenizes its page once per update, not twice). The string is one a document holds anyway.
 */
const longFits = new WeakMap<Slot, { readonly value: string; readonly fit: boolean }>();

function longFit(slot: Slot, check: ContentCheck, value: string): boolean {
  const last = longFits.get(slot);
  if (last !== undefined && last.value === value) return last.fit;
  const fit = holds(check, value);
  longFits.set(slot, { value, fit });
  return fit;
}

/** Whether a slot's value can be patched in place: the DOM holds it where the structure says. */
function fits(slot: Slot, value: string): boolean {
  const { target } = slot;
  if (target.kind === 'attr') return value.indexOf(target.quote) < 0;
  if (value.indexOf('<') < 0) return holds(target.check, value);
  if (value.length > FIT_CACHE_LENGTH) return longFit(slot, target.check, value);
  let known = fitCache.get(slot);
  const hit = known?.get(value);
  if (hit !== undefined) return hit;
  const result = holds(target.check, value);
  if (known === undefined) {
    known = new Map();
    fitCache.set(slot, known);
  }
  if (known.size >= FIT_CACHE_ENTRIES) known.clear();
  known.set(value, result);
  return result;
}

/** The change in misfits when a slot's value goes from `a` to `b`; plain text in plain content is the quick case. */
function misfitDelta(slot: Slot, a: string, b: string): number {
  const { target } = slot;
  const mark = target.kind === 'attr' ? target.quote : '<';
  if (a.indexOf(mark) < 0 && b.indexOf(mark) < 0 && (target.kind === 'attr' || plainContent(target.check))) return 0;
  return (fits(slot, a) ? 0 : -1) + (fits(slot, b) ? 0 : 1);
}

/** Content where any text without `<` fits: not raw text, not table structure, no leading newline rule. */
const plainContent = (check: ContentCheck): boolean => check.text && !check.raw && !check.newline;

const decodeAttr = (raw: string): string => (raw.includes('&') ? decodeAttribute(raw) : raw);

/** `item.id` as Django reads it, straight from a plain object. */
function idOf(item: unknown): unknown {
  if (typeof item !== 'object' || item === null) return MISSING;
  if (isPlainObject(item)) {
    const id = item['id'];
    if (typeof id !== 'function') return id === undefined && !Object.hasOwn(item, 'id') ? MISSING : id;
  }
  return lookup(item, 'id');
}

/**
 * The loop keys: each item's `id` when every item has a distinct one (numbers and strings), else
 * positions (rows are then compared in place, and only the end of the list grows or shrinks).
 */
export function keysOf(items: readonly unknown[]): unknown[] {
  const keys = idsOf(items);
  return keys === null || new Set(keys).size !== keys.length ? positions(items.length) : keys;
}

/**
 * The items' ids, or null when one has none usable (not a number or string); not checked for
 * duplicates, which the diff finds when it indexes them (a list equal to the last one, key by key,
 * has none).
 */
function idsOf(items: readonly unknown[]): unknown[] | null {
  const keys = new Array<unknown>(items.length);
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    // The common item, a plain object with a number or string id, read straight.
    const id =
      typeof item === 'object' && item !== null && Object.getPrototypeOf(item) === Object.prototype
        ? (item as Record<string, unknown>)['id']
        : undefined;
    if (typeof id === 'number' || typeof id === 'string') keys[i] = id;
    else {
      const read = idOf(item);
      if (typeof read !== 'number' && typeof read !== 'string') return null;
      keys[i] = read;
    }
  }
  return keys;
}

function positions(n: number): number[] {
  const keys = new Array<number>(n);
  for (let i = 0; i < n; i++) keys[i] = i;
  return keys;
}

/** Whether `keys` are row positions (0, 1, 2…), as a loop's keys become once two rows shared an id. */
function isPositions(keys: readonly unknown[]): boolean {
  for (let i = 0; i < keys.length; i++) if (keys[i] !== i) return false;
  return true;
}

/** A value below a loop item (`["author", "name"]`), as the template reads it; plain objects straight. */
function readPath(item: unknown, path: readonly string[]): unknown {
  let cur = item;
  for (const seg of path) {
    if (
      typeof cur === 'object' &&
      cur !== null &&
      Object.getPrototypeOf(cur) === Object.prototype &&
      // A key the object lacks may still resolve (an emulated Python method such as `items`): lookupPath.
      Object.hasOwn(cur, seg)
    ) {
      const v = (cur as Record<string, unknown>)[seg];
      if (typeof v !== 'function') {
        cur = v;
        continue;
      }
    }
    return lookupPath(item, ['', ...path], 1);
  }
  return cur;
}

/** Rows (beyond twice the rows reused) whose inputs changed before a matcher stops checking. */
const GIVE_UP_MISSES = 8;

/** See `CompiledDocument.#matcher`. */
type Matcher = (i: number, item: unknown, key: unknown, inputs: unknown[]) => number;

interface LoopChange {
  readonly loop: LLoop;
  readonly next: LoopState;
  /** Row slots whose new values hold no `<` or quote (a bit per slot, from the generated code). */
  readonly escaped: number;
}

/** A loop's row changes: what changed, the misfit count's change, and the patches (null: only a reset can). */
interface Reconciled {
  readonly changed: boolean;
  readonly misfits: number;
  readonly ops: Patch[] | null;
}

/** The changed values of one row slot over the rows, as `slotOps` turns them into patches. */
class Column {
  from = Number.POSITIVE_INFINITY;
  to = -1;
  count = 0;
  bytes = 0;
  /** `values`: one per row, null where unchanged. */
  constructor(readonly values: (string | null)[]) {}
  set(i: number, raw: string): void {
    this.values[i] = raw;
    if (i < this.from) this.from = i;
    if (i > this.to) this.to = i;
    this.count++;
    this.bytes += raw.length;
  }
}

const loopMarks = new WeakMap<LLoop, readonly (string | null)[]>();

/** Per row slot of `loop`, the character that may make a value misfit (a quote, `<`), or null when any may. */
function marksOf(loop: LLoop): readonly (string | null)[] {
  let marks = loopMarks.get(loop);
  if (marks === undefined) {
    marks = loop.slots.map(({ target }) =>
      target.kind === 'attr' ? target.quote : plainContent(target.check) ? '<' : null,
    );
    loopMarks.set(loop, marks);
  }
  return marks;
}

/**
 * The comparison of a loop's rows, slot by slot: whether any value changed, the change in misfits, and
 * with `emit` the changed values by slot.
 */
class RowDiff {
  changed = false;
  misfits = 0;
  readonly columns: (Column | undefined)[];
  readonly #slots: readonly Slot[];
  readonly #marks: readonly (string | null)[];
  readonly #m: number;
  readonly #n: number;
  readonly #emit: boolean;
  /** Every value held before fits (the page had no misfit): only the new values need a look. */
  readonly #oldFit: boolean;

  constructor(loop: LLoop, n: number, emit: boolean, oldFit: boolean) {
    this.#oldFit = oldFit;
    this.#slots = loop.slots;
    this.#m = loop.slots.length;
    this.#n = n;
    this.#emit = emit;
    this.columns = new Array(this.#m);
    this.#marks = marksOf(loop);
  }

  /** Row `i` now holds row `i` of `next`, where it (or the row with its key) held row `o` of `old`. */
  row(i: number, next: Rows, old: Rows, o: number): void {
    const m = this.#m;
    for (let s = 0; s < m; s++) {
      const value = next[i * m + s] as string;
      const was = old[o * m + s] as string;
      if (value !== was) this.#cell(s, i, value, was);
    }
  }

  /**
   * Every row of `next` against the same row of `old` (same keys in the same order), one slot at a time
   * with its state in locals: a full change of a long loop passes here once per value. `escaped`: the
   * slots whose new values need no look (each is plain text, which fits where the old one did).
   */
  inPlace(next: Rows, old: Rows, escaped: number): void {
    const m = this.#m;
    const n = this.#n;
    const emit = this.#emit;
    for (let s = 0; s < m; s++) {
      const slot = this.#slots[s] as Slot;
      // Only new values need a look when every old one fits and the slot has a character to look for.
      const mark = this.#oldFit ? this.#marks[s] : null;
      // A value without `<` or quotes fits a slot that has a mark; every old value fits.
      const look = mark === null || mark === undefined || s >= 31 || (escaped & (1 << s)) === 0;
      let values: (string | null)[] | null = null;
      let from = -1;
      let to = -1;
      let count = 0;
      let bytes = 0;
      let misfits = 0;
      for (let i = 0; i < n; i++) {
        const value = next[i * m + s] as string;
        const was = old[i * m + s] as string;
        if (value === was) continue;
        if (look) {
          if (mark === null || mark === undefined) misfits += misfitDelta(slot, was, value);
          else if (value.indexOf(mark) >= 0 && !fits(slot, value)) misfits++;
        }
        if (count === 0) from = i;
        to = i;
        count++;
        if (emit) {
          values ??= new Array<string | null>(n).fill(null);
          values[i] = value;
          bytes += value.length;
        }
      }
      if (count === 0) continue;
      this.changed = true;
      this.misfits += misfits;
      if (values !== null) {
        const column = new Column(values);
        column.from = from;
        column.to = to;
        column.count = count;
        column.bytes = bytes;
        this.columns[s] = column;
      }
    }
  }

  /** Slot `s` of row `i` went from `was` to `value`. */
  #cell(s: number, i: number, value: string, was: string): void {
    this.changed = true;
    const mark = this.#marks[s] as string | null;
    if (mark === null) this.misfits += misfitDelta(this.#slots[s] as Slot, was, value);
    else if (this.#oldFit) {
      if (value.indexOf(mark) >= 0 && !fits(this.#slots[s] as Slot, value)) this.misfits++;
    } else if (value.indexOf(mark) >= 0 || was.indexOf(mark) >= 0)
      this.misfits += misfitDelta(this.#slots[s] as Slot, was, value);
    if (this.#emit) {
      let column = this.columns[s];
      if (column === undefined) {
        column = new Column(new Array<string | null>(this.#n).fill(null));
        this.columns[s] = column;
      }
      column.set(i, value);
    }
  }
}

/** A mounted page (see the package README, "how it works"). */
export class CompiledDocument implements LiveDocument {
  readonly #p: LiveProgram;
  #context: RenderContext;
  #html: string | null;
  readonly #values: string[];
  readonly #loops: LoopState[];
  #anchors: Anchor[];
  /**
   * Slot values the DOM does not hold where the structure says (markup that would restructure its
   * parent): while there is any, the page is sent whole. Counted on the first update (-1 until then).
   */
  #misfits = -1;
  /** An update threw half-way: the next one starts from scratch. */
  #stale = false;
  #mounting = true;
  /** The layout for the row counts as they are, until one changes (when the page's layout depends on them). */
  #laid: Layout | null = null;
  // Collected by the generated update.
  #changed: number[] = [];
  #loopChanges: LoopChange[] = [];
  /** Loops whose matcher stopped reading row inputs in this update (see `#matcher`). */
  readonly #unread = new Set<number>();
  readonly #recorder: Recorder = {
    slot: (unit, value) => {
      const old = this.#values[unit] as string;
      if (old === value) return;
      if (this.#misfits >= 0) this.#misfits += misfitDelta(this.#p.structure.slots[unit] as Slot, old, value);
      this.#values[unit] = value;
      this.#changed.push(unit);
    },
    keys: (items) => idsOf(items) ?? positions(items.length),
    // Filled row by row in order (a packed array); a matcher that stops checking leaves it short.
    inputs: () => [],
    matcher: (unit, reader) => this.#matcher(unit, reader),
    read: (item, unit, j) =>
      readPath(item, (this.#p.inputs[unit] as readonly (readonly string[])[])[j] as readonly string[]),
    loop: (unit, keys, items, rows, inputs, escaped) => {
      this.#loopChanges.push({
        loop: this.#p.loopOf[unit] as LLoop,
        next: { keys, items, rows, pos: null, inputs: this.#unread.has(unit) ? null : inputs },
        escaped,
      });
    },
    mountLoop: (unit, items, rows) => {
      this.#loops[unit] = { keys: null, items, rows, pos: null, inputs: null };
    },
    count: (unit, n) => {
      // Rows without slots: as many holes as rows, compared by position.
      const rows = new Array<never>(n);
      const state: LoopState = { keys: null, items: rows, rows, pos: null, inputs: null };
      if (!this.#mounting) this.#loopChanges.push({ loop: this.#p.loopOf[unit] as LLoop, next: state, escaped: 0 });
      else this.#loops[unit] = state;
    },
  };

  constructor(prepared: LiveProgram, context: RenderContext) {
    this.#p = prepared;
    this.#context = context;
    const units = prepared.structure.slots.length;
    this.#values = new Array<string>(units).fill('');
    this.#loops = new Array<LoopState>(units).fill(EMPTY);
    this.#html = prepared.code.mount(context, this.#values, this.#loops, this.#recorder);
    this.#mounting = false;
    this.#anchors = this.#layout().anchors;
  }

  /**
   * The page as `render` gives it. The mount's HTML is kept only until it is read (a server sends it once
   * and then holds the view for its lifetime); later reads render the current context again.
   */
  get html(): string {
    const html = this.#html ?? this.#p.render(this.#context);
    this.#html = null;
    return html;
  }

  get anchors(): readonly Anchor[] {
    return this.#anchors;
  }

  update(context: RenderContext): PatchEntry[] {
    const p = this.#p;
    const old = this.#context;
    const all = this.#stale || context === old || p.impure || changed(BUILTINS, old, context);
    const dirty = new Uint8Array(p.units.length);
    const reuse = new Uint8Array(p.units.length);
    for (let u = 0; u < p.units.length; u++) {
      const unit = p.units[u] as Unit;
      dirty[u] = all || unit.heads === null || changed(unit.heads, old, context) ? 1 : 0;
      reuse[u] = !all && unit.outer !== null && !changed(unit.outer, old, context) ? 1 : 0;
    }
    return this.#run(context, dirty, reuse);
  }

  set(changes: RenderContext): PatchEntry[] {
    const p = this.#p;
    const context = { ...this.#context, ...changes };
    const names = Object.keys(changes);
    const all = this.#stale || p.impure || names.some((n) => BUILTINS.has(n));
    const dirty = new Uint8Array(p.units.length);
    const reuse = new Uint8Array(p.units.length);
    for (let u = 0; u < p.units.length; u++) {
      const { heads, outer } = p.units[u] as Unit;
      dirty[u] = all || heads === null || names.some((n) => heads.has(n)) ? 1 : 0;
      reuse[u] = !all && outer !== null && !names.some((n) => outer.has(n)) ? 1 : 0;
    }
    return this.#run(context, dirty, reuse);
  }

  #keys(st: LoopState): readonly unknown[] {
    st.keys ??= keysOf(st.items);
    return st.keys;
  }

  #pos(st: LoopState): Map<unknown, number> {
    if (st.pos === null) {
      const keys = this.#keys(st);
      st.pos = new Map();
      for (let i = 0; i < keys.length; i++) st.pos.set(keys[i], i);
    }
    return st.pos;
  }

  /**
   * The row matcher of one loop for one update: `(i, item, key, inputs)` gives the previous row to reuse
   * for row `i`, or -1, and fills row i's inputs. What it needs of the loop is read once per update.
   */
  #matcher(unit: number, reader: InputReader | null): Matcher {
    const st = this.#loops[unit] as LoopState;
    const keys = this.#keys(st);
    const n = keys.length;
    const items = st.items;
    const positional = (this.#p.units[unit] as Unit).positional;
    const paths = this.#p.inputs[unit];
    const at = (i: number, key: unknown): number => {
      if (i < n && keys[i] === key) return i;
      if (positional) return -1;
      return this.#pos(st).get(key) ?? -1;
    };
    if (paths === null || paths === undefined)
      return (i, item, key) => {
        const o = at(i, key);
        return o >= 0 && items[o] === item ? o : -1;
      };
    const k = paths.length;
    const read: InputReader =
      reader ??
      ((item, out, base) => {
        for (let j = 0; j < k; j++) out[base + j] = readPath(item, paths[j] as readonly string[]);
      });
    const old = st.inputs;
    // The old item's inputs when they were not kept.
    const was: unknown[] = old === null ? new Array(k) : [];
    // A list whose rows mostly changed (every value new) gains nothing from the check: after enough
    // misses, rows are computed without reading their inputs, and the next update reads them afresh.
    let hits = 0;
    let misses = 0;
    return (i, item, key, inputs) => {
      if (misses > hits * 2 + GIVE_UP_MISSES) return -1;
      read(item, inputs, i * k);
      const o = at(i, key);
      if (o < 0) return -1;
      if (items[o] === item) {
        hits++;
        return o;
      }
      if (old === null) read(items[o], was, 0);
      for (let j = 0; j < k; j++) {
        const before = old === null ? was[j] : old[o * k + j];
        if (!Object.is(before, inputs[i * k + j])) {
          if (++misses > hits * 2 + GIVE_UP_MISSES) this.#unread.add(unit);
          return -1;
        }
      }
      hits++;
      return o;
    };
  }

  #run(context: RenderContext, dirty: Uint8Array, reuse: Uint8Array): PatchEntry[] {
    if (this.#misfits < 0) this.#misfits = this.#countMisfits();
    const before = this.#misfits;
    const stale = this.#stale;
    this.#changed = [];
    this.#loopChanges = [];
    this.#unread.clear();
    this.#stale = true;
    this.#p.code.update(context, this.#values, this.#loops, this.#recorder, dirty, reuse);
    this.#context = context;
    this.#html = null;
    let reset = stale || before > 0;
    let any = this.#changed.length > 0;
    let counts = false;
    const patches: PatchEntry[] = [];
    for (const { loop, next, escaped } of this.#loopChanges) {
      const old = this.#loops[loop.unit] as LoopState;
      const r = this.#reconcile(loop, old, next, !reset, before === 0 && !stale, escaped);
      this.#misfits += r.misfits;
      if (r.changed) {
        any = true;
        if (!reset) {
          if (r.ops === null) reset = true;
          else for (const op of r.ops) patches.push(op);
        }
      }
      this.#loops[loop.unit] = next;
      if (old.items.length !== next.items.length) {
        counts = true;
        this.#laid = null;
      }
    }
    if (stale) this.#misfits = this.#countMisfits();
    this.#stale = false;
    // Nothing the page shows changed: the DOM is right as it is, whatever shape it has.
    if (!stale && !any) return [];
    if (reset || this.#misfits > 0) return this.#reset();
    for (const unit of this.#changed) patches.push(this.#slotPatch(unit));
    if (counts) {
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
      { op: 'html', html: this.html },
      { op: 'anchors', anchors: this.#anchors },
    ];
  }

  /** A top-level slot's value: a slot patch on its element, or an op on the root (which has no anchor id). */
  #slotPatch(unit: number): PatchEntry {
    const { target } = this.#p.structure.slots[unit] as Slot;
    const value = this.#values[unit] as string;
    const at = this.#p.anchorOf[unit] as number;
    if (target.kind === 'attr') {
      const decoded = decodeAttr(value);
      return at === 0 ? { op: 'attr', name: target.name, value: decoded } : [at, target.name, decoded];
    }
    return at === 0 ? { op: 'html', html: value } : [at, value];
  }

  #countMisfits(): number {
    let n = 0;
    this.#p.structure.slots.forEach((slot, u) => {
      if (slot !== null && !fits(slot, this.#values[u] as string)) n++;
    });
    for (const loop of this.#p.structure.loops) {
      const { items, rows } = this.#loops[loop.unit] as LoopState;
      for (let i = 0; i < items.length; i++) n += misfitsOf(loop, rows, i);
    }
    return n;
  }

  /** Anchor table and each loop's first row index, for the row counts as they are now. */
  #layout(): Layout {
    const p = this.#p;
    if (p.layout !== null) return p.layout;
    this.#laid ??= layoutOf(p.structure.root, (loop) => (this.#loops[loop.unit] as LoopState).items.length);
    return this.#laid;
  }

  /**
   * Rows of `old` to those of `next`: whether anything shown changed, the change in misfits, and with
   * `emit` the patches (structure first: removes, moves around the longest run left in place, inserts;
   * then the changed slot values of the rows that stayed, one column op per slot where that is smaller).
   * `oldFit`: the page had no misfit before this update.
   */
  #reconcile(
    loop: LLoop,
    old: LoopState,
    next: LoopState,
    emit: boolean,
    oldFit: boolean,
    escaped: number,
  ): Reconciled {
    const n = next.items.length;
    const on = old.items.length;
    const m = loop.slots.length;
    if (m === 0 && on === n) return { changed: false, misfits: 0, ops: null };
    const nextKeys = next.keys ?? [];
    const oldKeys = this.#keys(old);
    let inPlace = on === n;
    for (let i = 0; inPlace && i < n; i++) inPlace = Object.is(oldKeys[i], nextKeys[i]);
    let nextPos: Map<unknown, number> | null = null;
    if (!inPlace) {
      nextPos = this.#pos(next);
      // Two rows with one id: keys are positions from now on (rows reused by id stay right: a reused row
      // read the same inputs). The first time the page goes whole; from then on, rows compare in place.
      if (nextPos.size !== n) {
        next.keys = positions(n);
        next.pos = null;
        inPlace = on === n && isPositions(oldKeys);
        if (!inPlace) return { changed: true, misfits: this.#recount(loop, old, next), ops: null };
      }
    }
    const diff = new RowDiff(loop, n, emit, oldFit);
    if (!inPlace) diff.changed = true;
    if (inPlace) {
      diff.inPlace(next.rows, old.rows, escaped);
      const { changed, misfits } = diff;
      if (!changed || !emit) return { changed, misfits, ops: null };
      const { first, stride } = this.#layout();
      const where = loop.parent === 0 ? {} : { at: loop.parent };
      return {
        changed,
        misfits,
        ops: columnOps(loop, diff.columns, first.get(loop) as number, stride.get(loop) as number, where),
      };
    }
    nextPos ??= this.#pos(next);
    const oldPos = this.#pos(old);
    for (let j = 0; j < on; j++) if (!nextPos.has(oldKeys[j])) diff.misfits -= misfitsOf(loop, old.rows, j);
    let kept = 0;
    for (let i = 0; i < n; i++) {
      const o = oldPos.get(nextKeys[i]);
      if (o === undefined) diff.misfits += misfitsOf(loop, next.rows, i);
      else {
        kept++;
        diff.row(i, next.rows, old.rows, o);
      }
    }
    const { changed, misfits } = diff;
    if (!emit) return { changed, misfits, ops: null };
    if (n === 0 || kept === 0) return { changed, misfits, ops: null };
    const ops = this.#structure(loop, oldKeys, nextKeys, oldPos, nextPos, next.rows);
    if (ops === null) return { changed, misfits, ops: null };
    const { first, stride } = this.#layout();
    const where = loop.parent === 0 ? {} : { at: loop.parent };
    for (const op of columnOps(loop, diff.columns, first.get(loop) as number, stride.get(loop) as number, where))
      ops.push(op);
    return { changed, misfits, ops };
  }

  /** The change in misfits from all rows of `old` to all rows of `next`. */
  #recount(loop: LLoop, old: LoopState, next: LoopState): number {
    let n = 0;
    for (let i = 0; i < next.items.length; i++) n += misfitsOf(loop, next.rows, i);
    for (let i = 0; i < old.items.length; i++) n -= misfitsOf(loop, old.rows, i);
    return n;
  }

  /** Removes, moves and inserts turning the old key order into the new one; null when only a reset can. */
  #structure(
    loop: LLoop,
    oldKeys: readonly unknown[],
    nextKeys: readonly unknown[],
    oldPos: ReadonlyMap<unknown, number>,
    nextPos: ReadonlyMap<unknown, number>,
    rows: Rows,
  ): Patch[] | null {
    const { first, stride } = this.#layout();
    const e0 = first.get(loop) as number;
    const step = stride.get(loop) as number;
    const where = loop.parent === 0 ? {} : { at: loop.parent };
    const sep = loop.trail + loop.lead;
    const n = nextKeys.length;
    const ops: Patch[] = [];
    const cur = oldKeys.slice();
    for (let j = cur.length - 1; j >= 0; j--) {
      if (nextPos.has(cur[j])) continue;
      const at = e0 + j * step;
      ops.push({ op: 'remove', ...where, path: [at] });
      if (step === 2) ops.push({ op: 'remove', ...where, path: [j < cur.length - 1 ? at : at - 1] });
      cur.splice(j, 1);
    }
    const stable = new Set(longestIncreasing(cur.map((k) => nextPos.get(k) as number)).map((i) => cur[i]));
    const pieces = this.#p.rowPieces[loop.unit] as (string | number)[];
    for (let i = n - 1; i >= 0; i--) {
      const key = nextKeys[i];
      if (stable.has(key)) continue;
      const q = i + 1 < n ? cur.indexOf(nextKeys[i + 1]) : cur.length;
      if (!oldPos.has(key)) {
        const html = rowHtml(pieces, rows, i, loop.slots.length);
        if (step === 1) ops.push({ op: 'insert', ...where, index: e0 + q, html });
        else if (q < cur.length) ops.push({ op: 'insert', ...where, index: e0 + q * 2, html: html + sep });
        else ops.push({ op: 'insert', ...where, index: e0 + (cur.length - 1) * 2 + 1, html: sep + html });
        cur.splice(q, 0, key);
        continue;
      }
      const p = cur.indexOf(key);
      const last = p === cur.length - 1;
      cur.splice(p, 1);
      const to = p < q ? q - 1 : q;
      if (step === 1) ops.push({ op: 'move', ...where, from: e0 + p, to: e0 + to });
      else {
        // A pair of row and separator moves as one; the last row has no separator after it.
        if (last || to === cur.length) return null;
        ops.push({ op: 'move', ...where, from: e0 + p * 2, to: e0 + to * 2, count: 2 });
      }
      cur.splice(to, 0, key);
    }
    return ops;
  }
}

/** The patches setting the changed values of a loop's row slots: a column op per slot, or single ops when fewer bytes. */
function columnOps(
  loop: LLoop,
  columns: readonly (Column | undefined)[],
  e0: number,
  step: number,
  where: { at?: number },
): Patch[] {
  const ops: Patch[] = [];
  columns.forEach((column, s) => {
    if (column === undefined) return;
    const { target } = loop.slots[s] as Slot;
    const value = (raw: string): string => (target.kind === 'attr' ? decodeAttr(raw) : raw);
    const span = column.to - column.from + 1;
    const single = column.count * 48 + column.bytes;
    const columnBytes = 60 + span * 5 + column.bytes;
    if (column.count === 1 || single <= columnBytes) {
      for (let i = column.from; i <= column.to; i++) {
        const raw = column.values[i];
        if (raw === null || raw === undefined) continue;
        const path = [e0 + i * step, ...target.sub];
        ops.push(
          target.kind === 'attr'
            ? { op: 'attr', ...where, path, name: target.name, value: value(raw) }
            : { op: 'html', ...where, path, html: raw },
        );
      }
      return;
    }
    // The column's own array when every row is in the span (a full change): no copy of it.
    const values =
      column.from === 0 && column.to === column.values.length - 1
        ? column.values
        : column.values.slice(column.from, column.to + 1);
    if (target.kind === 'attr')
      for (let k = 0; k < values.length; k++) if (values[k] !== null) values[k] = value(values[k] as string);
    const op = {
      op: 'column' as const,
      ...where,
      first: e0 + column.from * step,
      step,
      sub: target.sub,
      values,
    };
    ops.push(target.kind === 'attr' ? { ...op, name: target.name } : op);
  });
  return ops;
}

/** Values of row `i` that do not fit their slot. */
function misfitsOf(loop: LLoop, rows: Rows, i: number): number {
  const m = loop.slots.length;
  let n = 0;
  for (let s = 0; s < m; s++) if (!fits(loop.slots[s] as Slot, rows[i * m + s] as string)) n++;
  return n;
}

function rowHtml(pieces: readonly (string | number)[], rows: Rows, i: number, m: number): string {
  let html = '';
  for (const p of pieces) html += typeof p === 'string' ? p : rows[i * m + p];
  return html;
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
