import { describe, expect, it } from 'vitest';
import { stripSpacesBetweenTags } from './spaceless.js';

describe('stripSpacesBetweenTags', () => {
  it('removes whitespace between tags only', () => {
    expect(stripSpacesBetweenTags('<p>\n  <a> x </a>\t</p> y <b>')).toBe('<p><a> x </a></p> y <b>');
  });
  it('counts Unicode spaces as Python \\s does', () => {
    expect(stripSpacesBetweenTags('<i>\u00a0\u2003</i>')).toBe('<i></i>');
  });
});
