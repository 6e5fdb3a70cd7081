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
export {
  bigTableContext,
  teamsContext,
  type BigTableContext,
  type TeamsContext,
  type Team,
} from './fixtures-suites.js';
export { editList, LIST_EDITS, type ListEdit } from './fixtures-live.js';
export {
  generateLibrary,
  LIBRARY_MIN_BOOKS,
  LIBRARY_MAX_BOOKS,
  type LibraryData,
  type PublisherRow,
  type AuthorRow,
  type UserRow,
  type BookRow,
  type TagRow,
  type BookTagRow,
  type ReviewRow,
} from './library.js';
export {
  LIBRARY_TABLES,
  createLibrarySchema,
  insertLibrary,
  buildLibrary,
  sqliteKnex,
  type LibraryTable,
} from './library-db.js';
export { Publisher, Author, User, Tag, Review, Book, LIBRARY_MODELS } from './library-models.js';
export { bookListContext, writeLibraryFixture, type BookListContext, type BookListItem } from './library-context.js';
