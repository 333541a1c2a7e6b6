import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresAdapter, PostgresDialect, SqliteDialect, type SqliteDatabase, type Transaction } from 'kysely';
import type { Database as Schema } from './schema.js';

export type Dialect = 'sqlite' | 'postgres';
export type Kdb = Kysely<Schema>;
export type Trx = Transaction<Schema>;
/** Either the database or an open transaction: data functions accept both. */
export type Executor = Kdb | Trx;

/**
 * Whether the executor at hand is PostgreSQL: several apps (SQLite and PostgreSQL) may share one process in tests,
 * so the dialect is read from the executor rather than remembered.
 */
export const isPostgres = (db: Executor) => db.getExecutor().adapter instanceof PostgresAdapter;

export interface Db {
  kysely: Kdb;
  dialect: Dialect;
  url: string;
  close(): Promise<void>;
}

// pg returns int8 (count, sum) and numeric as strings; our counts fit in a JS number.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

export function openDatabase(url: string, opts: { poolSize?: number } = {}): Db {
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    const pool = new pg.Pool({ connectionString: url, max: opts.poolSize ?? 20 });
    const kysely = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
    return { kysely, dialect: 'postgres', url, close: () => kysely.destroy() };
  }
  if (!url.startsWith('sqlite:')) {
    throw new Error(`DATABASE_URL must start with sqlite: or postgres://, got "${url}"`);
  }
  const file = url.slice('sqlite:'.length) || ':memory:';
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('secure_delete = ON');
  // The default page cache is 2 MiB: a year of a city's activities spans more, so every report re-read its pages
  // from the OS (a whole-tree compliance year: 136 ms → 46 ms with the larger cache). 32 MiB stays inside the
  // server's memory budget (docs/performance.md).
  sqlite.pragma('cache_size = -32768');
  const kysely = new Kysely<Schema>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  return { kysely, dialect: 'sqlite', url, close: () => kysely.destroy() };
}

/** Distinct statements kept; `in (…)` lists of many lengths make many texts, so the oldest are let go. */
const STATEMENT_CACHE_SIZE = 1000;

/**
 * Kysely's SQLite driver prepares every query anew, which costs as much as running a small one. Statements are
 * kept by SQL text and reused: the driver runs one query at a time on its one connection (a stream holds the
 * connection until it ends), so a cached statement is never busy when it is handed out again.
 */
export function withStatementCache(sqlite: SQLite.Database, size = STATEMENT_CACHE_SIZE): SqliteDatabase {
  const statements = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(text) {
      let stmt = statements.get(text);
      if (!stmt) {
        stmt = sqlite.prepare(text);
        if (statements.size >= size) statements.delete(statements.keys().next().value!);
        statements.set(text, stmt);
      }
      return stmt;
    },
  };
}
