/**
 * The recursion limit is an explicit depth, the same on every renderer (`MAX_INCLUDE_DEPTH` of
 * `@tessera/interpreter`, mirrored by the Rust addon), not whatever the JS engine's stack allows: a template
 * including itself `MAX_INCLUDE_DEPTH` times renders, once more raises RecursionError.
 */
import { MAX_INCLUDE_DEPTH } from '@tessera/interpreter';
import codegen from '@tessera/renderer-codegen';
import rust from '@tessera/renderer-rust';
import string from '@tessera/renderer-string';
import vdom from '@tessera/renderer-vdom';
import { compile, MemoryLoader } from '@tessera/template';
import { describe, expect, it } from 'vitest';

const TEMPLATES = {
  'main.html': '{% include "r.html" %}',
  'r.html': '{% if n %}{% include "r.html" with n=n|add:-1 %}{% endif %}.',
  'dynamic.html': '{% if n %}{% include name with n=n|add:-1 %}{% endif %}.',
};

function outcome(r: typeof string, entry: string, n: number): string {
  const prepared = r.prepare(compile(entry, new MemoryLoader(TEMPLATES)));
  try {
    return r.render(prepared, { n, name: 'dynamic.html' }).length === n + 1 ? 'ok' : 'wrong output';
  } catch (err) {
    return (err as Error).name;
  }
}

describe('the recursion limit', () => {
  for (const r of [string, codegen, vdom, rust] as (typeof string)[]) {
    it(`${r.name}: ${MAX_INCLUDE_DEPTH} nested includes render, one more raises RecursionError`, () => {
      expect(MAX_INCLUDE_DEPTH).toBe(100);
      for (const entry of ['main.html', 'dynamic.html']) {
        expect(outcome(r, entry, MAX_INCLUDE_DEPTH)).toBe('ok');
        expect(outcome(r, entry, MAX_INCLUDE_DEPTH + 1)).toBe('RecursionError');
      }
    });
  }
});
