import { describe, expect, it } from 'vitest';
import { longestIncreasing } from './lis.js';

describe('longestIncreasing', () => {
  it('finds the positions of a longest increasing run', () => {
    expect(longestIncreasing([2, 0, 1])).toEqual([1, 2]);
    expect(longestIncreasing([0, 1, 2, 3])).toEqual([0, 1, 2, 3]);
    expect(longestIncreasing([3, 2, 1, 0])).toHaveLength(1);
    expect(longestIncreasing([4, 1, 5, 2, 6, 3, 7])).toEqual([1, 3, 5, 6]);
  });

  it('ignores new entries (-1)', () => {
    expect(longestIncreasing([-1, 1, -1, 0, 2])).toEqual([3, 4]);
    expect(longestIncreasing([])).toEqual([]);
  });
});
