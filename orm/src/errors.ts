/**
 * A template path that the model schema refuses: a name that is no column, relation or declared field
 * (in strict mode), a private column, or a path deeper than allowed. Thrown while planning, before any SQL.
 */
export class FieldRefusedError extends Error {
  override readonly name = 'FieldRefusedError';
  /** The template path, e.g. `books.author.password_hash`. */
  readonly path: string;
  constructor(path: string, reason: string) {
    super(`${path}: ${reason}`);
    this.path = path;
  }
}

/**
 * A template whose reads cannot be known before rendering (`{% debug %}`, dynamic or recursive includes,
 * tags from loaded libraries), so no plan can promise a correct page.
 */
export class TemplateAnalysisError extends Error {
  override readonly name = 'TemplateAnalysisError';
}
