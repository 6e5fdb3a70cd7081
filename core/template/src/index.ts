export * from './ir.js';
export { compile, Template, type CompileOptions, type ResolvedOptions } from './template.js';
export { MemoryLoader, type Loader } from './loaders.js';
export { TemplateError, TemplateSyntaxError, TemplateDoesNotExist, type SourcePosition } from './errors.js';
export { Library, type SimpleTag, type TagEnv } from './library.js';
export { tokenize, type Token, type TokenType } from './lexer.js';
export { condExprs } from './finalize.js';
export { literalText } from './literal.js';
export type {
  ConformanceDeclaration,
  LiveDocument,
  LiveRenderer,
  RenderContext,
  Renderer,
} from './contract.js';
