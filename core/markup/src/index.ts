/**
 * `@tessera/markup`: the HTML analysis renderers do once per template, shared so that no renderer
 * imports another. It reads a template's static HTML with its dynamic nodes in place (tokens whose
 * parts are text or IR nodes), the attributes of start tags, the element classes of the HTML parser,
 * and where the parser would build a tree other than the one the tags spell (quirks).
 *
 * ```ts
 * import { tokenizeNodes, quirkFloor } from '@tessera/markup';
 * const { tokens } = tokenizeNodes(template.ir.body);
 * ```
 */
export { asciiLower, readStartTag, type Attr } from './attrs.js';
export {
  CLOSES_P,
  DOCUMENT,
  HEADINGS,
  MARKUP_IN_HAPPY_DOM,
  NOT_A_BOUNDARY,
  P_SCOPE,
  RAWTEXT,
  RCDATA,
  SELECT_CHILDREN,
  SPECIAL,
  TABLE_CHILDREN,
  TABLE_PARENT,
  TRAILING_TAG,
  UNMODELLED,
  VOID,
} from './elements.js';
export {
  endQuirk,
  foreignQuirk,
  isBoundary,
  isFormatting,
  Quirk,
  quirkFloor,
  startQuirk,
  textQuirk,
} from './quirks.js';
export { bodiesOf, tokenizeHtml, tokenizeNodes, tokenSource, Tokenizer, type Part, type Token } from './tokenize.js';
export {
  childIndices,
  depsOf,
  finish,
  flat,
  headOf,
  rowPieces,
  StructureBuilder,
  type ContentCheck,
  type Item,
  type LElement,
  type LLoop,
  type Slot,
  type SlotTarget,
  type Structure,
} from './structure.js';
export { fixedLayout, layoutOf, type Layout } from './layout.js';
