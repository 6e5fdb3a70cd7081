import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES_DIR } from './fixtures-files.js';
import { generateLibrary, type LibraryData } from './library.js';

/** One book of the book list page as plain JSON: what the ORM benchmark's template reads, nothing more. */
export interface BookListItem {
  readonly id: number;
  readonly title: string;
  readonly author: { readonly id: number; readonly name: string };
  readonly publisher: { readonly id: number; readonly name: string };
  /** In tag id order, as the ORM loads them. */
  readonly tags: readonly { readonly id: number; readonly name: string }[];
  /** In review id order. */
  readonly reviews: readonly { readonly id: number; readonly rating: number }[];
}

/** The book list page's context: every book of the library, in id order. */
export interface BookListContext {
  readonly books: readonly BookListItem[];
}

function byId<T extends { readonly id: number }>(rows: readonly T[], id: number): T {
  const row = rows[id - 1];
  if (row?.id !== id) throw new Error(`library data: no row ${String(id)}`);
  return row;
}

/**
 * The book list context built in memory from the generated rows, without a database: the same page the ORM
 * loads from SQL, for renderer benchmarks that want the library's shape as a JSON fixture.
 */
export function bookListContext(data: LibraryData): BookListContext {
  const tags = new Map<number, { id: number; name: string }[]>();
  for (const link of data.book_tags) {
    const tag = byId(data.tags, link.tag_id);
    tags.set(link.book_id, [...(tags.get(link.book_id) ?? []), { id: tag.id, name: tag.name }]);
  }
  const reviews = new Map<number, { id: number; rating: number }[]>();
  for (const r of data.reviews)
    reviews.set(r.book_id, [...(reviews.get(r.book_id) ?? []), { id: r.id, rating: r.rating }]);
  return {
    books: data.books.map((b) => {
      const author = byId(data.authors, b.author_id);
      const publisher = byId(data.publishers, b.publisher_id);
      return {
        id: b.id,
        title: b.title,
        author: { id: author.id, name: author.name },
        publisher: { id: publisher.id, name: publisher.name },
        tags: (tags.get(b.id) ?? []).sort((x, y) => x.id - y.id),
        reviews: reviews.get(b.id) ?? [],
      };
    }),
  };
}

/** Writes `bookListContext(generateLibrary(books))` to `<dir>/library-books-<books>.json` and returns the path. */
export function writeLibraryFixture(books: number, dir: string = FIXTURES_DIR): string {
  const path = join(dir, `library-books-${String(books)}.json`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path, JSON.stringify(bookListContext(generateLibrary(books))));
  return path;
}
