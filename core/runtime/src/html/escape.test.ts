import { describe, expect, it } from 'vitest';
import { conditionalEscape, escapeHtml, markSafe } from './escape.js';

describe('escapeHtml', () => {
  it('escapes the five characters as Django does', () => {
    expect(escapeHtml(`<a href="x">Tom & Jerry's</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#x27;s&lt;/a&gt;',
    );
  });
  it('returns clean text unchanged and escapes again what was escaped', () => {
    expect(escapeHtml('plain ünïcode 😀')).toBe('plain ünïcode 😀');
    expect(escapeHtml('&amp;')).toBe('&amp;amp;');
    expect(escapeHtml('')).toBe('');
  });
});

describe('conditionalEscape', () => {
  it('leaves SafeStrings alone and prints anything else first', () => {
    expect(conditionalEscape(markSafe('<b>'))).toBe('<b>');
    expect(conditionalEscape(['<b>'])).toBe('[&#x27;&lt;b&gt;&#x27;]');
    expect(conditionalEscape(null)).toBe('None');
  });
});
