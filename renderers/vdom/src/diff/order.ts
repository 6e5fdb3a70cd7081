/**
 * A list of distinct numbers that answers "where is x now" while items move: square-root
 * decomposition into blocks of about `size` items, so indexOf, remove and insert cost O(sqrt n) instead
 * of the O(n) of a plain array. The keyed diff replays its moves on it to compute each move's indices.
 */
export class OrderList {
  private readonly blocks: number[][] = [];
  private readonly blockOf = new Map<number, number[]>();

  constructor(
    items: readonly number[],
    private readonly size = 64,
  ) {
    for (let i = 0; i < items.length; i += size) this.addBlock(items.slice(i, i + size), this.blocks.length);
  }

  private addBlock(block: number[], at: number): void {
    this.blocks.splice(at, 0, block);
    for (const x of block) this.blockOf.set(x, block);
  }

  /** Number of items. */
  get length(): number {
    return this.blockOf.size;
  }

  /** Current index of `x`. */
  indexOf(x: number): number {
    const home = this.blockOf.get(x);
    let before = 0;
    for (const block of this.blocks) {
      if (block === home) return before + block.indexOf(x);
      before += block.length;
    }
    return -1;
  }

  /** Removes `x`; returns the index it had. */
  remove(x: number): number {
    const index = this.indexOf(x);
    const block = this.blockOf.get(x) as number[];
    block.splice(block.indexOf(x), 1);
    this.blockOf.delete(x);
    if (block.length === 0) this.blocks.splice(this.blocks.indexOf(block), 1);
    return index;
  }

  /** Inserts `x` before `anchor` (at the end when null); returns its index. */
  insertBefore(x: number, anchor: number | null): number {
    if (anchor === null) {
      const last = this.blocks[this.blocks.length - 1];
      if (last === undefined || last.length >= this.size * 2) this.addBlock([x], this.blocks.length);
      else {
        last.push(x);
        this.blockOf.set(x, last);
      }
      return this.indexOf(x);
    }
    const block = this.blockOf.get(anchor) as number[];
    block.splice(block.indexOf(anchor), 0, x);
    this.blockOf.set(x, block);
    if (block.length >= this.size * 2) {
      const at = this.blocks.indexOf(block);
      const tail = block.splice(this.size);
      this.addBlock(tail, at + 1);
    }
    return this.indexOf(x);
  }
}
