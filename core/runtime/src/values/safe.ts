/**
 * A string that must not be escaped again: Django's `SafeString`.
 * Template literals, `|safe` and the output of HTML-producing filters are SafeStrings.
 */
export class SafeString {
  constructor(readonly value: string) {}

  toString(): string {
    return this.value;
  }

  /** Length in UTF-16 units, as `String#length` (use `pyLen` for Python's code-point count). */
  get length(): number {
    return this.value.length;
  }
}

/** Whether `v` is a SafeString (Django `isinstance(v, SafeData)`). */
export function isSafe(v: unknown): v is SafeString {
  return v instanceof SafeString;
}
