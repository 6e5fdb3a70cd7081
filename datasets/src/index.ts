export { createPrng, type Prng } from './fixtures-prng.js';
export {
  dashboardContext,
  rowsContext,
  fixtureContext,
  FIXTURE_SCENARIOS,
  type DashboardContext,
  type Row,
  type RowsContext,
  type FixtureScenario,
  type FixtureVariant,
} from './fixtures.js';
export { FIXTURES_DIR, fixtureFileName, writeFixture } from './fixtures-files.js';
