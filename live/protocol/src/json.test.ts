import { describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH, isForbiddenKey, jsonProblem } from './json.js';

describe('jsonProblem', () => {
  it('names what is not JSON', () => {
    expect(jsonProblem({ a: [1, 'b', true, null] })).toBeNull();
    expect(jsonProblem({ d: new Date(0) })).toBe('not JSON (object)');
    expect(jsonProblem([Number.NaN])).toBe('not a finite number');
    expect(jsonProblem({ f: () => 1 })).toBe('not JSON (function)');
    expect(jsonProblem({ u: undefined })).toBe('not JSON (undefined)');
  });

  it('refuses nesting one level past MAX_JSON_DEPTH, not at it', () => {
    const nest = (depth: number): unknown => (depth === 0 ? 1 : [nest(depth - 1)]);
    expect(jsonProblem(nest(MAX_JSON_DEPTH))).toBeNull();
    expect(jsonProblem(nest(MAX_JSON_DEPTH + 1))).toBe('nested too deeply');
  });
});

describe('isForbiddenKey', () => {
  it('names the keys that reach JavaScript internals, and only those', () => {
    expect(['__proto__', 'constructor', 'prototype'].map(isForbiddenKey)).toEqual([true, true, true]);
    expect(['proto', 'Constructor', 'id', ''].map(isForbiddenKey)).toEqual([false, false, false, false]);
  });
});
