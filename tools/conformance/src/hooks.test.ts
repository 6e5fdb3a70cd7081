import { describe, it, expect } from 'vitest';
import { reverseUrl, staticUrl, suiteCompileOptions, FROZEN_NOW } from './hooks.js';

const thrown = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    return (e as Error).name;
  }
  return 'nothing';
};

// Expected values are Django's, copied from cases/tag-url.json and cases/tag-load.json.
describe('reverseUrl mirrors the suite URLconf', () => {
  it('reverses with args and kwargs', () => {
    expect(reverseUrl('home', [], {})).toBe('/');
    expect(reverseUrl('article', [42], {})).toBe('/articles/42/');
    expect(reverseUrl('article', ['12'], {})).toBe('/articles/12/');
    expect(reverseUrl('archive', [], { year: 2024, month: 6 })).toBe('/archive/2024/6/');
    expect(reverseUrl('user-profile', ['zoë bob'], {})).toBe('/users/zo%C3%AB%20bob/');
    expect(reverseUrl('user-profile', ['a&b<c>'], {})).toBe('/users/a&b%3Cc%3E/');
    expect(reverseUrl('tag', ['my-tag_1'], {})).toBe('/tags/my-tag_1/');
  });

  it('throws NoReverseMatch and ValueError as Django does', () => {
    expect(thrown(() => reverseUrl('nope', [], {}))).toBe('NoReverseMatch');
    expect(thrown(() => reverseUrl('article', ['abc'], {}))).toBe('NoReverseMatch');
    expect(thrown(() => reverseUrl('article', [-1], {}))).toBe('NoReverseMatch');
    expect(thrown(() => reverseUrl('archive', [2024], {}))).toBe('NoReverseMatch');
    expect(thrown(() => reverseUrl('article', [], { pk: 1, other: 2 }))).toBe('NoReverseMatch');
    expect(thrown(() => reverseUrl('tag', ['no spaces'], {}))).toBe('NoReverseMatch');
    expect(thrown(() => reverseUrl('archive', [2024], { month: 6 }))).toBe('ValueError');
    expect(thrown(() => reverseUrl('constructor', [], {}))).toBe('NoReverseMatch');
  });
});

describe('staticUrl', () => {
  it('joins and quotes like urljoin(STATIC_URL, quote(path))', () => {
    expect(staticUrl('css/site.css')).toBe('/static/css/site.css');
    expect(staticUrl('img/a b.png')).toBe('/static/img/a%20b.png');
    expect(staticUrl('ünï.js')).toBe('/static/%C3%BCn%C3%AF.js');
    expect(staticUrl('/abs.css')).toBe('/abs.css');
    expect(staticUrl('a&b.css')).toBe('/static/a%26b.css');
    expect(staticUrl('a.css?v=1#f')).toBe('/static/a.css%3Fv%3D1%23f');
  });
});

describe('suiteCompileOptions', () => {
  it('freezes the clock at the instant Django was frozen at', () => {
    const now = suiteCompileOptions().runtime?.now?.();
    expect(now?.toISOString()).toBe(new Date(FROZEN_NOW).toISOString());
    expect(suiteCompileOptions().runtime?.timezone).toBe('UTC');
  });
});
