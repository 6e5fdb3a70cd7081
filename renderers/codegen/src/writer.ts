import { jsString } from './literal.js';

/**
 * Line-oriented source builder for generated functions.
 *
 * Output appends (`emit`) are buffered and merged into one `s = s + a + b` statement, so a loop body
 * like `<div>{{ item.name }}</div>` becomes a single concatenation. Any statement written with `line`
 * flushes the pending appends first, which keeps evaluation order identical to template order.
 */
export class CodeWriter {
  readonly #lines: (string | Slot)[] = [];
  #depth: number;
  #pendingBuf: string | null = null;
  #pending: string[] = [];
  #pendingText: string | null = null;

  constructor(depth = 0) {
    this.#depth = depth;
  }

  /** Appends the string-valued JS expression `expr` to buffer variable `buf`. */
  emit(buf: string, expr: string): void {
    this.#switchBuffer(buf);
    this.#flushText();
    this.#pending.push(expr);
  }

  /** Appends constant text to `buf`; adjacent texts are folded into one literal. */
  emitText(buf: string, text: string): void {
    if (text === '') return;
    this.#switchBuffer(buf);
    this.#pendingText = (this.#pendingText ?? '') + text;
  }

  /** Writes one statement at the current indentation. */
  line(code: string): void {
    this.flush();
    this.#lines.push('  '.repeat(this.#depth) + code);
  }

  /** Writes `head {` and indents. */
  open(head: string): void {
    this.line(head === '' ? '{' : `${head} {`);
    this.#depth++;
  }

  /** Dedents and writes `}` (or `} else {`-style continuations via `tail`). */
  close(tail = ''): void {
    this.flush();
    this.#depth--;
    this.#lines.push('  '.repeat(this.#depth) + '}' + tail);
  }

  /** Dedents, writes `} head {` and indents again. */
  reopen(head: string): void {
    this.flush();
    this.#depth--;
    this.#lines.push('  '.repeat(this.#depth) + `} ${head} {`);
    this.#depth++;
  }

  /**
   * Reserves a place at the current position for statements only known later (state resets at a
   * loop's start that depend on what its body contains).
   */
  reserve(): Slot {
    this.flush();
    const slot = new Slot('  '.repeat(this.#depth));
    this.#lines.push(slot);
    return slot;
  }

  /** Appends already-indented lines (from a nested writer). */
  append(lines: readonly string[]): void {
    this.flush();
    this.#lines.push(...lines);
  }

  /** Current indentation depth, for nested writers whose lines are spliced back in. */
  get depth(): number {
    return this.#depth;
  }

  /** Writes out pending appends. */
  flush(): void {
    this.#flushText();
    if (this.#pendingBuf !== null && this.#pending.length > 0) {
      this.#lines.push(
        '  '.repeat(this.#depth) + `${this.#pendingBuf} = ${this.#pendingBuf} + ${this.#pending.join(' + ')};`,
      );
    }
    this.#pending = [];
    this.#pendingBuf = null;
  }

  /** The source written so far. */
  toString(): string {
    return this.lines().join('\n');
  }

  /** The lines written so far, slots expanded (for splicing a body into an enclosing function). */
  /** The statements to splice in at the slot's position. */
  lines(): string[] {
    this.flush();
    return this.#lines.flatMap((l) => (typeof l === 'string' ? [l] : l.lines()));
  }

  #switchBuffer(buf: string): void {
    if (this.#pendingBuf !== buf) {
      this.flush();
      this.#pendingBuf = buf;
    }
  }

  #flushText(): void {
    if (this.#pendingText !== null) {
      this.#pending.push(jsString(this.#pendingText));
      this.#pendingText = null;
    }
  }
}

/** A reserved position in a `CodeWriter`, filled while later code is generated. */
export class Slot {
  readonly #statements: string[] = [];
  constructor(readonly indent: string) {}

  /** Adds a statement once (resets of the same state from several places collapse). */
  add(statement: string): void {
    if (!this.#statements.includes(statement)) this.#statements.push(statement);
  }

  /** The statements to splice in at the slot's position. */
  lines(): string[] {
    return this.#statements.map((s) => this.indent + s);
  }
}
