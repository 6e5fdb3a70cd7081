import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { djustVenv, REQUIREMENTS, REQUIREMENTS_DJUST, requirementsFiles, requirementsHash } from './python-env.js';

describe('the venv stamps', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-pyenv-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('hash a requirements file together with the files it includes, so a change to either is seen', () => {
    const base = join(dir, 'base.txt');
    const extra = join(dir, 'extra.txt');
    writeFileSync(base, 'Django==5.2.19\n');
    writeFileSync(extra, '# djust\n-r base.txt\ndjust==1.2.6\n');
    expect(requirementsFiles(extra)).toEqual([extra, base]);
    const before = requirementsHash(extra);
    writeFileSync(base, 'Django==5.2.20\n');
    expect(requirementsHash(extra)).not.toBe(before);
  });

  it("keep one Django pin: djust's requirements include the main ones", () => {
    expect(requirementsFiles(REQUIREMENTS_DJUST)).toEqual([REQUIREMENTS_DJUST, REQUIREMENTS]);
  });
});

describe('the djust venv', () => {
  it('is refused, with the reason the report shows, without a CPython 3.11', async () => {
    const base = await djustVenv({ create: true, djustPython: join(tmpdir(), 'no-such-python') }).base();
    expect(base).toEqual({
      reason: expect.stringMatching(/^no CPython 3\.11 \(djust 1\.2\.6 ships only a cp311 wheel\)/),
    });
  });
});
