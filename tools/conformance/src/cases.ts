/** Loading case files from a file or a directory, with shape checks that name the culprit. */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeTaggedContext } from '@tessera/runtime';
import { nativeContexts } from './native.js';
import type { ConformanceCase } from './types.js';

/** The suite's own cases, shipped with the package. */
export const DEFAULT_CASES_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'cases');

/** Thrown when a case file is unreadable or a case is malformed. */
export class CaseFormatError extends Error {
  override readonly name = 'CaseFormatError';
}

/**
 * Every case under `path`: a `.json` case file, or a directory whose `.json` files are read in name order.
 * Ids must be unique across everything loaded.
 */
export function loadCases(path: string = DEFAULT_CASES_DIR): ConformanceCase[] {
  const files = statSync(path).isDirectory()
    ? readdirSync(path)
        .filter((f) => f.endsWith('.json'))
        .sort()
        .map((f) => join(path, f))
    : [path];
  const seen = new Set<string>();
  const cases: ConformanceCase[] = [];
  for (const file of files) {
    for (const c of parseCaseFile(readFileSync(file, 'utf8'), file)) {
      if (seen.has(c.id)) throw new CaseFormatError(`${file}: duplicate case id ${c.id}`);
      seen.add(c.id);
      cases.push(c);
    }
  }
  return cases;
}

/** Parse and check the text of one case file; `source` names it in errors. */
export function parseCaseFile(text: string, source: string): ConformanceCase[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new CaseFormatError(`${source}: not JSON: ${(e as Error).message}`);
  }
  const list = isObject(doc) ? doc['cases'] : undefined;
  if (!Array.isArray(list)) throw new CaseFormatError(`${source}: expected {"cases": [...]}`);
  return list.map((c, i) => checkCase(c, `${source} case #${i}`));
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isStringRecord(v: unknown): v is Record<string, string> {
  return isObject(v) && Object.values(v).every((s) => typeof s === 'string');
}

function checkCase(c: unknown, where: string): ConformanceCase {
  const fail = (what: string): never => {
    throw new CaseFormatError(`${where}${isObject(c) && typeof c['id'] === 'string' ? ` (${c['id']})` : ''}: ${what}`);
  };
  if (!isObject(c)) return fail('not an object');
  if (typeof c['id'] !== 'string' || c['id'] === '') fail('"id" must be a non-empty string');
  if (typeof c['category'] !== 'string') fail('"category" must be a string');
  if (!isStringRecord(c['templates'])) fail('"templates" must map names to sources');
  if (typeof c['entry'] !== 'string') fail('"entry" must be a string');
  if (!isObject(c['context'])) fail('"context" must be an object');
  const hasExpected = typeof c['expected'] === 'string';
  const hasError = typeof c['expected_error'] === 'string';
  if (hasExpected === hasError) fail('needs exactly one of "expected" (string) and "expected_error" (string)');
  if (c['updates'] !== undefined) {
    const updates = c['updates'];
    const expected = c['expected_updates'];
    if (!Array.isArray(updates) || !updates.every(isObject)) fail('"updates" must be a list of contexts');
    if (
      !Array.isArray(expected) ||
      expected.length !== (updates as unknown[]).length ||
      !expected.every((s) => typeof s === 'string')
    ) {
      fail('"expected_updates" must hold one output per update');
    }
    if (hasError) fail('a live-update case cannot expect an error');
  }
  if (c['native'] !== undefined) {
    if (typeof c['native'] !== 'string' || !Object.hasOwn(nativeContexts, c['native']))
      fail(`"native" must name a builder of src/native.ts, not ${JSON.stringify(c['native'])}`);
    if (c['updates'] !== undefined) fail('a js-native case cannot have updates');
  }
  if (c['expected_source'] !== undefined && c['expected_source'] !== 'documented')
    fail('"expected_source" can only be "documented"');
  const contexts = [c['context'], ...((c['updates'] as unknown[] | undefined) ?? [])] as Record<string, unknown>[];
  for (const [i, context] of contexts.entries()) {
    try {
      decodeTaggedContext(context);
    } catch (e) {
      fail(`${i === 0 ? '"context"' : `"updates"[${i - 1}]`}: ${(e as Error).message}`);
    }
  }
  return c as unknown as ConformanceCase;
}
