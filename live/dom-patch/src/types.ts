/**
 * The Tessera patch format, version 4. Plain JSON: every patch is an object with an `op` tag, or (since
 * version 4) a slot patch, the short array form of the two ops a changed value needs most.
 * Documented op by op, with examples, in PATCHES.md; `schema.json` is the same contract as a JSON schema.
 */

/** The format version this package writes. */
export const PATCH_FORMAT_VERSION = 4 as const;

/**
 * The versions this package reads: version 3 lists are version 4 lists without slot patches, version 2
 * lists are version 3 lists without `column` ops.
 */
export const READ_VERSIONS: readonly number[] = [2, 3, 4];

/**
 * Child indices from the patch's starting element (its anchor `at`, else the root): `[2, 0]` is
 * `start.childNodes[2].childNodes[0]`; `[]` is the start itself. Indices count every node (elements,
 * text, comments) as the HTML parser built them, and are read against the DOM as it is when the patch
 * runs, i.e. after the patches before it in the list.
 */
export type Path = readonly number[];

/**
 * A named element of the page: `[id, path from the root]`. Ids are the compile-time ids of the
 * template's dynamic elements that occur once in the page; the client binds each to its DOM node, so
 * later patches reach it by id whatever happened to its siblings and ancestors.
 */
export type Anchor = readonly [id: number, path: Path];

/**
 * Fields every patch may carry. Since version 3, `path` may be left out of every op but `remove` and
 * `replace`: it is then `[]` (the start itself), which is what most ops addressed from an anchor use.
 */
interface PatchBase {
  /** The anchor `path` starts from; without it, the root. */
  readonly at?: number;
}

/** Set the data of the Text or Comment node at `path`. */
export interface TextPatch extends PatchBase {
  readonly op: 'text';
  readonly path?: Path;
  readonly value: string;
}

/** Set attribute `name` of the element at `path` to `value` (the decoded value, not HTML source). */
export interface AttrPatch extends PatchBase {
  readonly op: 'attr';
  readonly path?: Path;
  readonly name: string;
  readonly value: string;
}

/** Remove attribute `name` from the element at `path`. */
export interface RemoveAttrPatch extends PatchBase {
  readonly op: 'rmattr';
  readonly path?: Path;
  readonly name: string;
}

/**
 * Parse `html` in the context of the element at `path` and insert the resulting nodes before its
 * child `index` (`index` equal to the number of children appends).
 */
export interface InsertPatch extends PatchBase {
  readonly op: 'insert';
  readonly path?: Path;
  readonly index: number;
  readonly html: string;
}

/** Remove the node at `path`. */
export interface RemovePatch extends PatchBase {
  readonly op: 'remove';
  readonly path: Path;
}

/**
 * Move `count` (default 1) consecutive children of the element at `path`, starting at index `from`:
 * they are taken out first, then inserted, in order, before the child now at `to` (appended when `to`
 * equals the number of remaining children).
 */
export interface MovePatch extends PatchBase {
  readonly op: 'move';
  readonly path?: Path;
  readonly from: number;
  readonly to: number;
  readonly count?: number;
}

/** Replace the node at `path` with the nodes `html` parses to, in the context of its parent. */
export interface ReplacePatch extends PatchBase {
  readonly op: 'replace';
  readonly path: Path;
  readonly html: string;
}

/** Replace all children of the element at `path` (`[]`: the root) with `html`, like `innerHTML`. */
export interface HtmlPatch extends PatchBase {
  readonly op: 'html';
  readonly path?: Path;
  readonly html: string;
}

/**
 * Rebind the anchor table: afterwards exactly these anchors are known, each bound to the element its
 * path (from the root, in the DOM as it is after the patches before this one) leads to. Emitters send
 * it after patches that created, removed or moved anchored elements.
 */
export interface AnchorsPatch {
  readonly op: 'anchors';
  readonly anchors: readonly Anchor[];
}

/**
 * Set one slot of many loop rows (version 3): for each `k` with `values[k]` not null, the node at
 * child `first + k * step` of the element at `path`, then down `sub`, gets `values[k]`: as attribute
 * `name` when `name` is given, else as its content (parsed like `html`).
 */
export interface ColumnPatch extends PatchBase {
  readonly op: 'column';
  readonly path?: Path;
  readonly first: number;
  readonly step: number;
  readonly sub: Path;
  readonly name?: string;
  readonly values: readonly (string | null)[];
}

/** One DOM change. */
export type Patch =
  | TextPatch
  | AttrPatch
  | RemoveAttrPatch
  | InsertPatch
  | RemovePatch
  | MovePatch
  | ReplacePatch
  | HtmlPatch
  | ColumnPatch
  | AnchorsPatch;

/** The `op` tags. */
export type PatchOp = Patch['op'];

/**
 * A slot patch (version 4): one value of an anchored element, as a short array. `[at, html]` is
 * `{"op": "html", "at": at, "html": html}`; `[at, name, value]` is
 * `{"op": "attr", "at": at, "name": name, "value": value}`. A page's scalars are such values, and the
 * op's name, keys and empty path would otherwise be most of the bytes sent for one.
 */
export type SlotPatch = readonly [at: number, html: string] | readonly [at: number, name: string, value: string];

/** One entry of a patch list: a patch object, or a slot patch (its short form). */
export type PatchEntry = Patch | SlotPatch;

/**
 * A patch list with its format version, for transport. A bare `PatchEntry[]` is read as the current
 * version; an envelope with a `v` not in `READ_VERSIONS` is refused, and an older envelope may not hold
 * what a later version added.
 */
export interface PatchBatch {
  readonly v: 2 | 3 | 4;
  readonly patches: readonly PatchEntry[];
}
