import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fixtureContext, type FixtureScenario, type FixtureVariant } from './fixtures.js';

/** `tools/datasets/fixtures/`, where fixture JSON files are generated on demand (not committed). */
export const FIXTURES_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');

/** The file name of one fixture: `<scenario>-<size>-<variant>.json`. */
export function fixtureFileName(scenario: FixtureScenario, size: number, variant: FixtureVariant = 'a'): string {
  return `${scenario}-${size}-${variant}.json`;
}

/**
 * Writes the fixture as JSON (the context object itself, nothing around it) and returns its path. Other
 * languages (the Python bench) read this same file, so the JSON is the single source of the data.
 * An existing file with the same content is left alone.
 */
export function writeFixture(
  scenario: FixtureScenario,
  size: number,
  variant: FixtureVariant = 'a',
  dir: string = FIXTURES_DIR,
): string {
  const path = join(dir, fixtureFileName(scenario, size, variant));
  const json = JSON.stringify(fixtureContext(scenario, size, variant));
  if (existsSync(path) && readFileSync(path, 'utf8') === json) return path;
  mkdirSync(dir, { recursive: true });
  writeFileSync(path, json);
  return path;
}
