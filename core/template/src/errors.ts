/**
 * Template errors. Every error carries the template name and the 1-based line and column of the token
 * that caused it, so a message always points at the source. `name` equals the class name, which is how
 * renderers, the conformance suite and outside code recognise them (as Django's class names).
 */
export interface SourcePosition {
  readonly template: string;
  readonly line: number;
  readonly col: number;
}

/** Base class of Tessera template errors. */
export class TemplateError extends Error {
  readonly template: string | undefined;
  readonly line: number | undefined;
  readonly col: number | undefined;
  /** The message without the position suffix. */
  readonly reason: string;

  constructor(reason: string, where?: SourcePosition, options?: { cause?: unknown }) {
    super(where ? `${reason} (${where.template}, line ${where.line}, column ${where.col})` : reason, options);
    this.reason = reason;
    this.template = where?.template;
    this.line = where?.line;
    this.col = where?.col;
  }
}

/** Django's TemplateSyntaxError: the template text is malformed or uses an unknown tag or filter. */
export class TemplateSyntaxError extends TemplateError {
  override readonly name = 'TemplateSyntaxError';
}

/** Django's TemplateDoesNotExist: no loader has a template of that name. */
export class TemplateDoesNotExist extends TemplateError {
  override readonly name = 'TemplateDoesNotExist';
  /** The template name that was looked for. */
  readonly missing: string;
  constructor(missing: string, where?: SourcePosition, tried?: readonly string[]) {
    super(tried?.length ? `${missing} (tried: ${tried.join(', ')})` : missing, where);
    this.missing = missing;
  }
}
