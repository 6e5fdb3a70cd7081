import type { Knex } from 'knex';

/** One SQL statement as knex sent it. */
export interface Statement {
  readonly sql: string;
  readonly bindings: readonly unknown[];
}

/** What a knex instance ran since `countQueries` started listening. */
export interface QueryCounter {
  readonly statements: readonly Statement[];
  /** Number of statements. */
  readonly queries: number;
  /** Rows returned by all statements. */
  readonly rows: number;
  /** Forgets what was counted so far and keeps listening. */
  reset(): void;
  /** Stops listening. */
  stop(): void;
}

interface QueryEvent {
  readonly sql: string;
  readonly bindings?: readonly unknown[];
}

/**
 * Counts the statements and returned rows of `knex` through its `query` and `query-response` events (which
 * see every statement, including the ones Objection issues for eager loading).
 */
export function countQueries(knex: Knex): QueryCounter {
  const statements: Statement[] = [];
  let rows = 0;
  const onQuery = (e: QueryEvent): void => {
    statements.push({ sql: e.sql, bindings: e.bindings ?? [] });
  };
  const onResponse = (response: unknown): void => {
    if (Array.isArray(response)) rows += response.length;
  };
  knex.on('query', onQuery);
  knex.on('query-response', onResponse);
  return {
    get statements() {
      return statements;
    },
    get queries() {
      return statements.length;
    },
    get rows() {
      return rows;
    },
    reset() {
      statements.length = 0;
      rows = 0;
    },
    stop() {
      knex.off('query', onQuery);
      knex.off('query-response', onResponse);
    },
  };
}
