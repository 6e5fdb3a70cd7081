/**
 * For emitters of keyed list patches: which rows stay while the others `move` around them.
 *
 * Longest increasing subsequence of `seq`, ignoring entries equal to -1; returns the positions (into
 * `seq`) of one such subsequence, ascending. O(n log n), patience sorting with back-links.
 *
 * Worked example: the old positions of the new order [C, A, B] of old [A, B, C] are [2, 0, 1]. The
 * longest increasing run is [0, 1] at positions 1 and 2 (A, B): those stay, and only C moves.
 */
export function longestIncreasing(seq: readonly number[]): number[] {
  const tails: number[] = [];
  const prev = new Array<number>(seq.length).fill(-1);
  for (let i = 0; i < seq.length; i++) {
    const v = seq[i] as number;
    if (v < 0) continue;
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((seq[tails[mid] as number] as number) < v) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[i] = tails[lo - 1] as number;
    tails[lo] = i;
  }
  const result = new Array<number>(tails.length);
  let k = tails[tails.length - 1] ?? -1;
  for (let j = tails.length - 1; j >= 0; j--) {
    result[j] = k;
    k = prev[k] as number;
  }
  return result;
}
