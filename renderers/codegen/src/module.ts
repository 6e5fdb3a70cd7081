/**
 * Precompiled output, like Nunjucks' precompile: the generated factory as an ES module that can be
 * written to disk, read, and instantiated later against the same Template.
 */
import { codegenHelpers, toSource, type Factory, type RenderFunction, type SourceOptions } from './prepare.js';
import type { CodegenTemplate } from './template.js';
import { jsString } from './literal.js';

/** The generated source as an ES module whose default export is the factory `(h, t) => render`. */
export function toModule(template: CodegenTemplate, options: SourceOptions = {}): string {
  const body = toSource(template, options)
    .split('\n')
    .map((l) => (l === '' ? l : `  ${l}`))
    .join('\n');
  return [
    `// Precompiled by tessera-codegen from ${jsString(template.name)}.`,
    '// Use: instantiate(factory, compile(name, loader, options)) from @tessera/renderer-codegen.',
    'export default function factory(h, t) {',
    body,
    '}',
    '',
  ].join('\n');
}

/** A render function from a precompiled factory and the Template it was generated from. */
export function instantiate(factory: Factory, template: CodegenTemplate): RenderFunction {
  return factory(codegenHelpers(), template);
}
