import { describe, expect, it } from 'vitest';
import { verifyPatches } from './patches.js';

describe('verifyPatches', () => {
  it('applies patches to the old fragment and compares with the new page', async () => {
    const before = '<h1>Old</h1>\n<p>x</p>';
    const patch = { op: 'text', path: [0, 0], value: 'New' };
    expect(await verifyPatches(before, [patch], '<h1>New</h1>\n<p>x</p>')).toMatchObject({ verified: true });
    const wrong = await verifyPatches(before, [patch], '<h1>Newer</h1>\n<p>x</p>');
    expect(wrong).toMatchObject({ verified: false, how: 'mismatch' });
    expect(wrong.note).toMatch(/^MISMATCH: patched DOM differs/);
  });

  it('reports patches that do not apply', async () => {
    const result = await verifyPatches('<p>x</p>', [{ op: 'text', path: [5], value: 'y' }], '<p>y</p>');
    expect(result.verified).toBe(false);
    expect(result.note).toMatch(/^MISMATCH: patches failed to apply: PatchTargetError/);
  });

  it('checks a whole-document html patch against the new page', async () => {
    const page = (title: string) => `<!DOCTYPE html>\n<html><head><title>${title}</title></head><body><p>x</p></body></html>\n`;
    const patch = (title: string) => [{ op: 'html', path: [], html: page(title) }];
    expect(await verifyPatches(page('a'), patch('b'), page('b'))).toMatchObject({ verified: true, how: 'dom' });
    expect(await verifyPatches(page('a'), patch('c'), page('b'))).toMatchObject({ verified: false });
  });

  it('cannot verify without a reference', async () => {
    expect(await verifyPatches('<p>x</p>', [], null)).toMatchObject({ verified: false, how: 'no-reference' });
  });
});
