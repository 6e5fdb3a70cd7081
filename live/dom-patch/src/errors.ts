/** A patch list that does not match the format (schema.json). Thrown before the DOM is touched. */
export class PatchFormatError extends Error {
  override readonly name = 'PatchFormatError';
  /** Index of the offending patch in the list, or -1 for the list itself. */
  readonly index: number;

  constructor(index: number, message: string) {
    super(index < 0 ? message : `patch ${index}: ${message}`);
    this.index = index;
  }
}

/**
 * A well-formed patch whose target is not in the DOM (wrong path, wrong node type). The whole list is
 * resolved against the DOM before any change, so this too is thrown with the DOM untouched.
 */
export class PatchTargetError extends Error {
  override readonly name = 'PatchTargetError';
  /** Index of the offending patch in the list, or -1 for the call itself. */
  readonly index: number;

  constructor(index: number, message: string) {
    super(index < 0 ? message : `patch ${index}: ${message}`);
    this.index = index;
  }
}
