/**
 * What the code generator needs from a compiled `@tessera/template` Template. Declared structurally so
 * the generator can be exercised with hand-built IR; the real `Template` satisfies it.
 */
import type { FilterSpec, RuntimeOptions } from '@tessera/runtime';
import type { SimpleTag, TemplateIR } from '@tessera/template';

/** The compile options the generated code consults at render time. */
export interface CodegenOptions {
  readonly runtime: RuntimeOptions;
  readonly autoescape: boolean;
  readonly debug: boolean;
  readonly url?: (viewName: string, args: unknown[], kwargs: Record<string, unknown>) => string;
}

/** A compiled template, as `compile()` returns it. */
export interface CodegenTemplate {
  readonly name: string;
  readonly ir: TemplateIR;
  readonly options: CodegenOptions;
  /** Compiles another template of the same loader and options (dynamic `{% include %}`). */
  load(name: string): CodegenTemplate;
  /** This page resolved over the parent `parentName` (`{% extends var %}`). */
  extend(parentName: string): CodegenTemplate;
  /** A built-in filter, or one from the `{% load %}`ed `library`. */
  filter(name: string, library?: string): FilterSpec;
  /** The function of a `{% load %}`ed tag. */
  tag(library: string, name: string): SimpleTag;
}
