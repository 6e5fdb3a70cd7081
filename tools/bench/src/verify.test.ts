import { describe, expect, it } from 'vitest';
import { domEqual, normalizeWhitespace, verifyOutput } from './verify.js';

describe('verifyOutput', () => {
  it('accepts an exact match with no note', () => {
    expect(verifyOutput('<p>a</p>', '<p>a</p>', 'exact')).toEqual({ verified: true, how: 'exact', note: '' });
  });

  it('accepts a DOM-equal serialization only from an engine declared `dom`', () => {
    const django = '<p class="a">x &amp; y</p>';
    const vdom = "<p class='a'>x &#38; y</p>";
    expect(verifyOutput(vdom, django, 'dom')).toMatchObject({ verified: true, how: 'dom' });
    expect(verifyOutput(vdom, django, 'exact')).toMatchObject({ verified: false, how: 'mismatch' });
  });

  it('never accepts a different tree as DOM-equal', () => {
    expect(verifyOutput('<p>a</p><p>b</p>', '<p>a</p>\n<p>b</p>', 'dom').verified).toBe(false);
    expect(domEqual('<!DOCTYPE html><p>a</p>', '<p>a</p>')).toBe(false);
  });

  it('normalizes whitespace only for engines declared `whitespace`, and says so', () => {
    const result = verifyOutput('<ul>\n<li>a</li></ul>', '<ul>  <li>a</li></ul>', 'whitespace');
    expect(result).toMatchObject({ verified: true, how: 'whitespace' });
    expect(result.note).toMatch(/whitespace/);
    expect(normalizeWhitespace(' a \n\t b ')).toBe('a b');
  });

  it('locates a mismatch', () => {
    const result = verifyOutput('<p>abc</p>', '<p>abd</p>', 'dom');
    expect(result.verified).toBe(false);
    expect(result.note).toMatch(/^MISMATCH: differs at char 5/);
  });

  it('cannot verify without a reference', () => {
    expect(verifyOutput('x', null, 'exact')).toMatchObject({ verified: false, how: 'no-reference' });
  });
});
