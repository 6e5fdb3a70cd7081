import {
  CLOSES_P,
  DOCUMENT,
  HEADINGS,
  NOT_A_BOUNDARY,
  P_SCOPE,
  RAWTEXT,
  RCDATA,
  SELECT_CHILDREN,
  SPECIAL,
  TABLE_CHILDREN,
  TABLE_PARENT,
  UNMODELLED,
  VOID,
} from './elements.js';
import { bodiesOf, tokenizeNodes, type Token } from './tokenize.js';

/**
 * Thrown where the HTML parser would build a tree other than the one the tags spell (implied end
 * tags, foster parenting, misnested formatting, `<tbody>` insertion, unmodelled elements). `depth` is
 * the index, in the list of open elements from the root down, of the outermost element the parser
 * would restructure; -1 means the root itself. The nearest element above it that can be re-parsed
 * with innerHTML catches it and renders its content as HTML text (the fallback).
 */
export class Quirk extends Error {
  override readonly name = 'Quirk';
  constructor(
    readonly depth: number,
    readonly why: string,
  ) {
    super(why);
  }
}

/** Whether an element's content can be re-parsed on its own (innerHTML) into what a document parse gives. */
export const isBoundary = (name: string): boolean => !NOT_A_BOUNDARY.has(name) && !VOID.has(name);

function nearest(open: readonly string[], names: ReadonlySet<string> | string): number {
  for (let j = open.length - 1; j >= 0; j--) {
    const n = open[j] as string;
    if (typeof names === 'string' ? n === names : names.has(n)) return j;
  }
  return -1;
}

const tableDepth = (open: readonly string[]): number => {
  const j = nearest(open, 'table');
  return j < 0 ? open.length - 1 : j;
};

function scoped(open: readonly string[], name: string, stops: ReadonlySet<string>): number {
  for (let j = open.length - 1; j >= 0; j--) {
    const n = open[j] as string;
    if (n === name) return j;
    if (stops.has(n)) return -1;
  }
  return -1;
}

const LIST_STOPS = new Set(['ul', 'ol', 'menu', 'table', 'td', 'th', 'caption', 'button']);
const DL_STOPS = new Set(['dl', 'table', 'td', 'th', 'caption', 'button']);

/** The depth a start tag `name` would restructure under `open`, or null when the parser nests it as written. */
export function startQuirk(name: string, open: readonly string[]): number | null {
  const top = open.length - 1;
  const parent = open[top];
  if (name === 'frameset' || name === 'frame') return -1;
  const allowedParents = TABLE_PARENT[name];
  if (allowedParents !== undefined && (parent === undefined || !allowedParents.has(parent)))
    return parent === undefined ? -1 : tableDepth(open);
  if (parent !== undefined) {
    const children = TABLE_CHILDREN[parent];
    // Foster parenting moves the element out of the table; parsers disagree on where what follows goes.
    if (children !== undefined && !children.has(name)) return -1;
  }
  if (UNMODELLED.has(name)) return open.length;
  const select = nearest(open, 'select');
  if (select >= 0 && !SELECT_CHILDREN.has(name)) return select;
  // An option or optgroup start tag closes an open option (and optgroup closes an optgroup in a select).
  if ((name === 'option' || name === 'optgroup') && parent === 'option') return top;
  if (name === 'optgroup' && parent === 'optgroup') return top;
  if (CLOSES_P.has(name)) {
    const p = scoped(open, 'p', P_SCOPE);
    if (p >= 0) return p;
  }
  if (HEADINGS.has(name) && parent !== undefined && HEADINGS.has(parent)) return top;
  if (name === 'li') {
    const li = scoped(open, 'li', LIST_STOPS);
    if (li >= 0) return li;
  }
  if (name === 'dd' || name === 'dt') {
    const d = Math.max(scoped(open, 'dd', DL_STOPS), scoped(open, 'dt', DL_STOPS));
    if (d >= 0) return d;
  }
  if (name === 'a' || name === 'nobr' || name === 'form' || name === 'button') {
    const j = nearest(open, name);
    if (j >= 0) return j;
  }
  return null;
}

const SPACE = /^[ \t\n\f\r]*$/;

/** The depth text would restructure under `open` (non-space text in a table is moved before it), or null. */
export function textQuirk(raw: string, open: readonly string[]): number | null {
  const parent = open[open.length - 1];
  if (parent !== undefined && TABLE_CHILDREN[parent] !== undefined && !SPACE.test(raw)) return tableDepth(open);
  return null;
}

const FORMATTING = new Set([
  'a',
  'b',
  'big',
  'code',
  'em',
  'font',
  'i',
  'nobr',
  's',
  'small',
  'strike',
  'strong',
  'tt',
  'u',
]);

/** Formatting elements: the parser reopens them after an end tag that closed them implicitly. */
export const isFormatting = (name: string): boolean => FORMATTING.has(name);

/**
 * The depth an end tag that does not close the current element restructures. Closing an ancestor
 * implies the end tags of the elements inside it, which only changes the ancestor's content, unless one
 * of them is a formatting element (the parser reopens those after the ancestor), or a special element
 * stands between (the end tag is ignored).
 */
export function endQuirk(name: string, open: readonly string[]): number {
  const j = nearest(open, name);
  if (j < 0) return open.length;
  const inside = open.slice(j + 1);
  // The end tag of an ordinary element is ignored when a special element stands between (`</span>` in
  // `<span><p>`); what follows then lands elsewhere (a formatting ancestor is cloned into the `<p>`).
  if (!FORMATTING.has(name) && !SPECIAL.has(name) && inside.some((n) => SPECIAL.has(n))) return j;
  // A formatting element closed by another's end tag stays in the list of active formatting elements: the
  // parser reopens it before the next text or phrasing tag anywhere after, outside its ancestors too.
  return inside.some((n) => FORMATTING.has(n)) ? -1 : j + 1;
}

/**
 * The smallest depth any part of `tokens` would restructure under `open` (Infinity when none): checks a
 * whole region before it is kept as HTML text under one element, since the first quirk met is not
 * necessarily the one reaching highest. The bodies of dynamic nodes are checked too (`body`: they must
 * also close what they open, and end no element they did not open). `closed`: the tokens must close
 * what they open (a value patched in as an element's content: an element it leaves open would be closed
 * by another end tag in the page than at the end of `innerHTML`).
 */
export function quirkFloor(tokens: readonly Token[], open: readonly string[], body = false, closed = body): number {
  const stack = [...open];
  let floor = Number.POSITIVE_INFINITY;
  const note = (depth: number | null): void => {
    if (depth !== null && depth < floor) floor = depth;
  };
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    switch (token.type) {
      case 'text':
        note(textQuirk(token.raw, stack));
        break;
      case 'bad':
        note(token.page ? -1 : stack.length);
        break;
      case 'start':
        if (DOCUMENT.has(token.name)) break;
        if (token.name === 'svg' || token.name === 'math') {
          note(foreignQuirk(tokens, i, stack));
          note(foreignStartQuirk(stack));
        } else note(startQuirk(token.name, stack));
        if (!VOID.has(token.name) && !RAWTEXT.has(token.name) && !RCDATA.has(token.name)) stack.push(token.name);
        break;
      case 'end': {
        if (DOCUMENT.has(token.name)) break;
        if (stack[stack.length - 1] === token.name && stack.length > open.length) {
          stack.pop();
          break;
        }
        // In the body of a dynamic tag, any end tag that does not close the current element moves the
        // tags after it by a data-dependent amount: page-wide.
        const j = stack.lastIndexOf(token.name);
        note(body || (j >= 0 && j < open.length) ? -1 : endQuirk(token.name, stack));
        if (j >= open.length) stack.length = j;
        break;
      }
      case 'hole':
        for (const nodes of bodiesOf(token.node)) note(quirkFloor(tokenizeNodes(nodes).tokens, stack, true));
        break;
      case 'doctype':
      case 'comment':
      case 'rawtext':
        break;
    }
  }
  // A body (branch, loop) that leaves elements open moves every end tag after it: page-wide.
  if (closed && stack.length > open.length) note(-1);
  // A formatting element left open is reopened after its parent closes, anywhere later in the page.
  if (stack.slice(open.length).some(isFormatting)) note(-1);
  return floor;
}

/**
 * The depth an `<svg>` or `<math>` start tag restructures where it stands, before its content: moved out
 * of table structure (foster parenting), dropped in a select.
 */
function foreignStartQuirk(open: readonly string[]): number | null {
  const parent = open[open.length - 1];
  if (parent !== undefined && TABLE_CHILDREN[parent] !== undefined) return -1;
  const select = nearest(open, 'select');
  return select >= 0 ? select : null;
}

/**
 * The depth an `<svg>` or `<math>` start tag at `tokens[i]` restructures: its parent's content when the
 * element is closed in the same source, else the page (parsers differ on how foreign content ends).
 */
export function foreignQuirk(tokens: readonly Token[], i: number, open: readonly string[]): number {
  const start = tokens[i] as Token & { type: 'start' };
  if (start.selfClosing) return open.length;
  let depth = 0;
  for (let j = i + 1; j < tokens.length; j++) {
    const t = tokens[j] as Token;
    // HTML elements and dynamic markup inside foreign content make the parser leave it early.
    if (t.type === 'hole' || t.type === 'bad' || ((t.type === 'start' || t.type === 'end') && BREAKOUT.has(t.name)))
      return -1;
    if (t.type === 'start' && t.name === start.name && !t.selfClosing) depth++;
    else if (t.type === 'end' && t.name === start.name && depth-- === 0) return open.length;
  }
  return -1;
}

const BREAKOUT = new Set(
  (
    'b big blockquote body br center code dd div dl dt em embed h1 h2 h3 h4 h5 h6 head hr i img li listing menu meta ' +
    'nobr ol p pre ruby s small span strong strike sub sup table tt u ul var font'
  ).split(' '),
);
