import { Model, type JSONSchema, type RelationMappings } from 'objection';

/*
 * Objection models of the library database. Besides Objection's own statics, each model carries the two
 * statics `@tessera/orm` reads:
 * - `privateColumns`: columns a template may never load (refused, even when a template names them);
 * - `templateFields`: getters and methods, with the paths they read, so a template using them loads
 *   exactly those paths.
 */

function columns(props: Record<string, 'integer' | 'string'>, required = Object.keys(props)): JSONSchema {
  return {
    type: 'object',
    required,
    properties: Object.fromEntries(Object.entries(props).map(([name, type]) => [name, { type }])),
  };
}

/** A publisher (`publishers`): `books` is to-many. */
export class Publisher extends Model {
  declare id: number;
  declare name: string;
  declare city: string;
  declare founded: number;
  declare books?: Book[];
  static override tableName = 'publishers';
  static override jsonSchema = columns({ id: 'integer', name: 'string', city: 'string', founded: 'integer' });
  static override get relationMappings(): RelationMappings {
    return {
      books: {
        relation: Model.HasManyRelation,
        modelClass: Book,
        join: { from: 'publishers.id', to: 'books.publisher_id' },
      },
    };
  }
}

/** An author (`authors`); `email` is personal data that list pages must not load. */
export class Author extends Model {
  declare id: number;
  declare name: string;
  declare bio: string;
  declare birth_year: number;
  declare email: string;
  declare books?: Book[];
  static override tableName = 'authors';
  static override jsonSchema = columns({
    id: 'integer',
    name: 'string',
    bio: 'string',
    birth_year: 'integer',
    email: 'string',
  });
  static templateFields = { initials: ['name'] };
  static override get relationMappings(): RelationMappings {
    return {
      books: { relation: Model.HasManyRelation, modelClass: Book, join: { from: 'authors.id', to: 'books.author_id' } },
    };
  }

  /** `{{ author.initials }}`: "Ada Lovelace" gives "A.L.". */
  get initials(): string {
    return this.name
      .split(' ')
      .map((part) => `${part.charAt(0)}.`)
      .join('');
  }
}

/** A site user (`users`): `password_hash` is never loadable by a template; `email` only when shown. */
export class User extends Model {
  declare id: number;
  declare username: string;
  declare display_name: string;
  declare email: string;
  declare password_hash: string;
  declare joined_on: string;
  static override tableName = 'users';
  static override jsonSchema = columns({
    id: 'integer',
    username: 'string',
    display_name: 'string',
    email: 'string',
    password_hash: 'string',
    joined_on: 'string',
  });
  static privateColumns = ['password_hash'];
  static override get relationMappings(): RelationMappings {
    return {
      reviews: {
        relation: Model.HasManyRelation,
        modelClass: Review,
        join: { from: 'users.id', to: 'reviews.user_id' },
      },
    };
  }
}

/** A tag (`tags`), many-to-many with books through `book_tags`. */
export class Tag extends Model {
  declare id: number;
  declare name: string;
  declare slug: string;
  static override tableName = 'tags';
  static override jsonSchema = columns({ id: 'integer', name: 'string', slug: 'string' });
  static override get relationMappings(): RelationMappings {
    return {
      books: {
        relation: Model.ManyToManyRelation,
        modelClass: Book,
        join: { from: 'tags.id', through: { from: 'book_tags.tag_id', to: 'book_tags.book_id' }, to: 'books.id' },
      },
    };
  }
}

/** A review (`reviews`): to-one `book` and `user`, so `review.book.author.name` is a to-one chain. */
export class Review extends Model {
  declare id: number;
  declare book_id: number;
  declare user_id: number;
  declare rating: number;
  declare body: string;
  declare created_on: string;
  declare book?: Book;
  declare user?: User;
  static override tableName = 'reviews';
  static override jsonSchema = columns({
    id: 'integer',
    book_id: 'integer',
    user_id: 'integer',
    rating: 'integer',
    body: 'string',
    created_on: 'string',
  });
  static templateFields = { stars: ['rating'] };
  static override get relationMappings(): RelationMappings {
    return {
      book: {
        relation: Model.BelongsToOneRelation,
        modelClass: Book,
        join: { from: 'reviews.book_id', to: 'books.id' },
      },
      user: {
        relation: Model.BelongsToOneRelation,
        modelClass: User,
        join: { from: 'reviews.user_id', to: 'users.id' },
      },
    };
  }

  /** `{{ review.stars }}`: the rating as a row of stars. */
  get stars(): string {
    return '★'.repeat(this.rating);
  }
}

/** A book (`books`): to-one `author` and `publisher`, to-many `tags` (through `book_tags`) and `reviews`. */
export class Book extends Model {
  declare id: number;
  declare title: string;
  declare isbn: string;
  declare year: number;
  declare pages: number;
  declare price_cents: number;
  declare summary: string;
  declare author_id: number;
  declare publisher_id: number;
  declare author?: Author;
  declare publisher?: Publisher;
  declare tags?: Tag[];
  declare reviews?: Review[];
  static override tableName = 'books';
  static override jsonSchema = columns({
    id: 'integer',
    title: 'string',
    isbn: 'string',
    year: 'integer',
    pages: 'integer',
    price_cents: 'integer',
    summary: 'string',
    author_id: 'integer',
    publisher_id: 'integer',
  });
  static templateFields = { price: ['price_cents'], byline: ['title', 'author.name'] };
  static override get relationMappings(): RelationMappings {
    return {
      author: {
        relation: Model.BelongsToOneRelation,
        modelClass: Author,
        join: { from: 'books.author_id', to: 'authors.id' },
      },
      publisher: {
        relation: Model.BelongsToOneRelation,
        modelClass: Publisher,
        join: { from: 'books.publisher_id', to: 'publishers.id' },
      },
      tags: {
        relation: Model.ManyToManyRelation,
        modelClass: Tag,
        join: { from: 'books.id', through: { from: 'book_tags.book_id', to: 'book_tags.tag_id' }, to: 'tags.id' },
      },
      reviews: {
        relation: Model.HasManyRelation,
        modelClass: Review,
        join: { from: 'books.id', to: 'reviews.book_id' },
      },
    };
  }

  /** `{{ book.price }}`: "12.50" from `price_cents`. */
  get price(): string {
    return (this.price_cents / 100).toFixed(2);
  }

  /** `{{ book.byline }}`: "Title, by Author" (reads the `author` relation, declared in `templateFields`). */
  get byline(): string {
    return `${this.title}, by ${this.author?.name ?? 'unknown'}`;
  }

  /** `{{ book.age }}`: years since publication in 2026. Deliberately undeclared: templates using it load full rows. */
  get age(): number {
    return 2026 - this.year;
  }
}

/** Every library model, for `initialize(knex, LIBRARY_MODELS)` and `bindKnex`. */
export const LIBRARY_MODELS = [Publisher, Author, User, Tag, Review, Book] as const;
