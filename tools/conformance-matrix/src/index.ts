/**
 * `@tessera/conformance-matrix` (private, repository tooling): the conformance suite over every renderer
 * of this repository. `npm run conformance` runs `main.ts`; these are its pieces.
 */
export { matrixTotals, runMatrix, type MatrixEntry } from './matrix.js';
export { RENDERERS, entryExists, type MatrixRenderer } from './renderers.js';
export { matrixJson, matrixMarkdown } from './report.js';
