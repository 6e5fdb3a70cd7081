import { createPrng, type Prng } from './fixtures-prng.js';
import { ADJECTIVES, FIRST_NAMES, LAST_NAMES, MAIL_DOMAINS, NOUNS } from './fixtures-words.js';

/** A publisher: `books.publisher_id` points here. */
export interface PublisherRow {
  readonly id: number;
  readonly name: string;
  readonly city: string;
  readonly founded: number;
}

/** An author. `email` is private: no list page shows it. */
export interface AuthorRow {
  readonly id: number;
  readonly name: string;
  readonly bio: string;
  readonly birth_year: number;
  readonly email: string;
}

/** A site user who writes reviews. `email` and `password_hash` are private columns. */
export interface UserRow {
  readonly id: number;
  readonly username: string;
  readonly display_name: string;
  readonly email: string;
  readonly password_hash: string;
  readonly joined_on: string;
}

/** A book, with to-one links to its author and publisher. */
export interface BookRow {
  readonly id: number;
  readonly title: string;
  readonly isbn: string;
  readonly year: number;
  readonly pages: number;
  readonly price_cents: number;
  readonly summary: string;
  readonly author_id: number;
  readonly publisher_id: number;
}

/** A tag; books and tags are many-to-many through `book_tags`. */
export interface TagRow {
  readonly id: number;
  readonly name: string;
  readonly slug: string;
}

/** One row of the `book_tags` join table. */
export interface BookTagRow {
  readonly book_id: number;
  readonly tag_id: number;
}

/** A review of a book by a user. */
export interface ReviewRow {
  readonly id: number;
  readonly book_id: number;
  readonly user_id: number;
  readonly rating: number;
  readonly body: string;
  readonly created_on: string;
}

/** Every table of the library database, rows in primary-key order. */
export interface LibraryData {
  readonly publishers: readonly PublisherRow[];
  readonly authors: readonly AuthorRow[];
  readonly users: readonly UserRow[];
  readonly books: readonly BookRow[];
  readonly tags: readonly TagRow[];
  readonly book_tags: readonly BookTagRow[];
  readonly reviews: readonly ReviewRow[];
}

/** The smallest library the generator makes (number of books). */
export const LIBRARY_MIN_BOOKS = 10;
/** The largest library the generator makes (number of books). */
export const LIBRARY_MAX_BOOKS = 100_000;

const DEFAULT_SEED = 0x11b7a7;

const CITIES = ['Lisbon', 'Oslo', 'Kyoto', 'Lagos', 'Quito', 'Tallinn', 'Hobart', 'Montréal', 'Cork', 'Pune'] as const;
const TAG_WORDS = [
  'fiction',
  'history',
  'science',
  'poetry',
  'travel',
  'cooking',
  'mystery',
  'drama',
  'essays',
  'biography',
  'children',
  'fantasy',
  'romance',
  'horror',
  'philosophy',
  'art',
  'music',
  'nature',
  'sports',
  'crime & law',
] as const;

function assertBooks(books: number): void {
  if (!Number.isInteger(books) || books < LIBRARY_MIN_BOOKS || books > LIBRARY_MAX_BOOKS) {
    throw new RangeError(`a library has ${LIBRARY_MIN_BOOKS}..${LIBRARY_MAX_BOOKS} books, got ${String(books)}`);
  }
}

function person(prng: Prng): string {
  return `${prng.pick(FIRST_NAMES)} ${prng.pick(LAST_NAMES)}`;
}

function sentence(prng: Prng, words: number): string {
  return Array.from({ length: words }, () => prng.pick(NOUNS).toLowerCase()).join(' ');
}

function day(prng: Prng): string {
  return `20${String(prng.int(10, 25))}-${String(prng.int(1, 12)).padStart(2, '0')}-${String(prng.int(1, 28)).padStart(2, '0')}`;
}

// Hex digits that look like a password hash without being one of anything.
function fakeHash(prng: Prng): string {
  return Array.from({ length: 16 }, () => prng.int(0, 0xffff).toString(16).padStart(4, '0')).join('');
}

/**
 * A deterministic library of `books` books (10..100,000): the same `(books, seed)` always gives the same rows.
 * Sizes of the other tables follow the number of books: one author per 8 books, one publisher per 50, one
 * user per 4, 20 tags; each book has 0-3 distinct tags and 0-5 reviews, so counts and empty lists both occur.
 */
export function generateLibrary(books: number, seed: number = DEFAULT_SEED): LibraryData {
  assertBooks(books);
  const prng = createPrng(seed ^ books);
  const publishers = Array.from(
    { length: Math.max(2, Math.ceil(books / 50)) },
    (_, i): PublisherRow => ({
      id: i + 1,
      name: `${prng.pick(ADJECTIVES)} ${prng.pick(NOUNS)} Press`,
      city: prng.pick(CITIES),
      founded: prng.int(1800, 2020),
    }),
  );
  const authors = Array.from({ length: Math.max(3, Math.ceil(books / 8)) }, (_, i): AuthorRow => {
    const name = person(prng);
    return {
      id: i + 1,
      name,
      bio: `Writes about ${sentence(prng, 3)}.`,
      birth_year: prng.int(1900, 2000),
      email: `${name.toLowerCase().replace(/[^a-z]+/g, '.')}.${String(i + 1)}@${prng.pick(MAIL_DOMAINS)}`,
    };
  });
  const users = Array.from({ length: Math.max(5, Math.ceil(books / 4)) }, (_, i): UserRow => {
    const name = person(prng);
    const username = `${name.toLowerCase().replace(/[^a-z]+/g, '_')}${String(i + 1)}`;
    return {
      id: i + 1,
      username,
      display_name: name,
      email: `${username}@${prng.pick(MAIL_DOMAINS)}`,
      password_hash: `pbkdf2_sha256$600000$${fakeHash(prng)}`,
      joined_on: day(prng),
    };
  });
  const tags = TAG_WORDS.map((word, i): TagRow => ({ id: i + 1, name: word, slug: word.replace(/[^a-z]+/g, '-') }));
  const bookRows: BookRow[] = [];
  const bookTags: BookTagRow[] = [];
  const reviews: ReviewRow[] = [];
  for (let id = 1; id <= books; id++) {
    bookRows.push({
      id,
      title: `The ${prng.pick(ADJECTIVES)} ${prng.pick(NOUNS)}`,
      isbn: `978-${String(prng.int(0, 9))}-${String(prng.int(1000, 9999))}-${String(id).padStart(6, '0')}`,
      year: prng.int(1950, 2025),
      pages: prng.int(80, 900),
      price_cents: prng.int(499, 4999),
      summary: `A story of ${sentence(prng, 6)}.`,
      author_id: prng.int(1, authors.length),
      publisher_id: prng.int(1, publishers.length),
    });
    const tagIds = new Set<number>();
    for (let n = prng.int(0, 3); tagIds.size < n; ) tagIds.add(prng.int(1, tags.length));
    for (const tagId of [...tagIds].sort((a, b) => a - b)) bookTags.push({ book_id: id, tag_id: tagId });
    for (let n = prng.int(0, 5); n > 0; n--) {
      reviews.push({
        id: reviews.length + 1,
        book_id: id,
        user_id: prng.int(1, users.length),
        rating: prng.int(1, 5),
        body: `${prng.pick(ADJECTIVES)}: ${sentence(prng, 5)}.`,
        created_on: day(prng),
      });
    }
  }
  return { publishers, authors, users, books: bookRows, tags, book_tags: bookTags, reviews };
}
