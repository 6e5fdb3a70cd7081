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
  /** Rows returned by SELECT statements (an INSERT's returned ids are not rows read). */
  readonly rows: number;
  /** Forgets what was counted so far and keeps listening. */
  reset(): void;
  /** Stops listening. */
  stop(): void;
}

interface QueryEvent {
  readonly sql: string;
  readonly bindings?: readonly unknown[];
  readonly method?: string;
}

const READS = new Set(['select', 'first', 'pluck']);

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
  const onResponse = (response: unknown, query: QueryEvent): void => {
    if (!READS.has(query.method ?? '')) return;
    // knex's `first()` resolves to the row itself (or undefined), every other read to a list of rows.
    rows += Array.isArray(response) ? response.length : response === undefined || response === null ? 0 : 1;
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
