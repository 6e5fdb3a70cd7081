import { readFileSync } from 'node:fs';
import { compile, MemoryLoader } from '@tessera/template';
import { describe, expect, it } from 'vitest';
import renderer from './index.js';

interface Case {
  tag: string;
  template: string;
  context: Record<string, unknown>;
  templates?: Record<string, string>;
  expected?: string;
  expected_error?: string;
}

// Expected values were written by real Django 5.2 (scripts/expect.py), never by this renderer.
const { cases } = JSON.parse(readFileSync(new URL('../test/tags.json', import.meta.url), 'utf8')) as {
  cases: Case[];
};

const options = {
  runtime: { now: () => new Date('2024-06-15T12:34:56Z'), timezone: 'UTC' },
  url(name: string, args: unknown[], kwargs: Record<string, unknown>): string {
    if (name === 'home') return '/';
    if (name === 'book') return `/book/${String(args[0] ?? kwargs['pk'])}/`;
    throw Object.assign(new Error(`Reverse for '${name}' not found.`), { name: 'NoReverseMatch' });
  },
};

function run(c: Case): string {
  const template = compile('t', new MemoryLoader({ ...c.templates, t: c.template }), options);
  return renderer.render(renderer.prepare(template), c.context);
}

describe('every built-in tag renders as Django does', () => {
  it('covers every tag of Django 5.2', () => {
    const tags = new Set(cases.map((c) => c.tag));
    for (const tag of [
      'autoescape',
      'block',
      'comment',
      'csrf_token',
      'cycle',
      'debug',
      'extends',
      'filter',
      'firstof',
      'for',
      'if',
      'ifchanged',
      'include',
      'load',
      'lorem',
      'now',
      'regroup',
      'resetcycle',
      'spaceless',
      'templatetag',
      'url',
      'verbatim',
      'widthratio',
      'with',
    ]) {
      expect(tags, tag).toContain(tag);
    }
  });
  for (const [i, c] of cases.entries()) {
    it(`${c.tag} #${i}: ${c.template.slice(0, 60)}`, () => {
      if (c.expected_error !== undefined) {
        expect(() => run(c)).toThrow(expect.objectContaining({ name: c.expected_error }));
      } else {
        expect(run(c)).toBe(c.expected);
      }
    });
  }
});
