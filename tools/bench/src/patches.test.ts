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

  it('patches a full document as the children of a container, as the browser client holds it', async () => {
    const page = (title: string) =>
      `<!DOCTYPE html>\n<html><head><title>${title}</title></head><body><p>x</p></body></html>\n`;
    // In a container the document tags make no node: the children are a newline, <title>, <p> and a newline.
    const retitle = (title: string) => [{ op: 'text', path: [1, 0], value: title }];
    expect(await verifyPatches(page('a'), retitle('b'), page('b'))).toMatchObject({ verified: true, how: 'dom' });
    expect(await verifyPatches(page('a'), retitle('c'), page('b'))).toMatchObject({ verified: false });
    const whole = [{ op: 'html', path: [], html: page('b') }];
    expect(await verifyPatches(page('a'), whole, page('b'))).toMatchObject({ verified: true });
  });

  it('cannot verify without a reference', async () => {
    expect(await verifyPatches('<p>x</p>', [], null)).toMatchObject({ verified: false, how: 'no-reference' });
  });
});
