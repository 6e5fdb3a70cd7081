/**
 * `@tessera/interpreter`: Django's render semantics over the Tessera IR, shared by the JS renderers.
 * The string renderer is this interpreter run top to bottom; the vdom renderer uses its scopes for the
 * tree it builds and its text rendering for holes and fallback regions.
 */
export { Context } from './context.js';
export { condTrue, evalCond, resolveExpr, resolveOperand, variableDoesNotExist } from './evaluate.js';
export {
  autoescapeScope,
  blockScope,
  extendsParentName,
  forScope,
  includeBody,
  includeScope,
  MAX_INCLUDE_DEPTH,
  outOfLine,
  selectTemplate,
  withScope,
  type Forloop,
} from './scopes.js';
export { renderBlock, renderNode, renderNodes, renderOutput, renderTemplate } from './render.js';
export {
  blockSuperError,
  csrfInput,
  filterBlockText,
  formatNow,
  groupedResult,
  type GroupedResult,
  loremText,
  reverseUrl,
  roundHalfEven,
  tagOutput,
  widthRatio,
} from './tags.js';
