import { CompiledQuery, sql, type Compilable } from 'kysely';
import { isPostgres, type Executor } from './database.js';

/** Marks a parameter while the query is compiled; the NUL keeps it from colliding with any stored text. */
const SLOT = '\u0000slot:';

type Value = string | number | readonly string[];

/**
 * A query built and compiled once per database, then run with new values: for the queries every request makes, where
 * building and compiling cost as much as SQLite running them. `build` receives one stand-in per argument and must use
 * each as a bound value (a `where` operand or a `${}` in `sql`), never inside raw SQL text.
 */
function compiledOnce<A extends readonly Value[], R>(build: (db: Executor, ...args: A) => Compilable<R>): (db: Executor, ...args: A) => Promise<R[]> {
  const compiled = new WeakMap<Executor, { sql: string; argAt: (number | null)[]; fixed: readonly unknown[] }>();
  return async (db, ...args) => {
    let c = compiled.get(db);
    if (!c) {
      const stand = args.map((_, i) => `${SLOT}${i}`) as unknown as A;
      const q = build(db, ...stand).compile();
      const argAt = q.parameters.map((p) => (typeof p === 'string' && p.startsWith(SLOT) ? Number(p.slice(SLOT.length)) : null));
      c = { sql: q.sql, argAt, fixed: q.parameters };
      compiled.set(db, c);
    }
    const { argAt, fixed } = c;
    const parameters = argAt.map((i, n) => (i === null ? fixed[n] : args[i]));
    return (await db.executeQuery<R>(CompiledQuery.raw(c.sql, parameters))).rows;
  };
}

/** `column` is one of `keys`, bound as one value (`keysValue`): an array on PostgreSQL, JSON text on SQLite. */
export function amongKeys(db: Executor, column: string, keys: readonly string[]) {
  return isPostgres(db)
    ? sql<boolean>`${sql.ref(column)} = any(${keys})`
    : sql<boolean>`${sql.ref(column)} in (select value from json_each(${keys}))`;
}

/** The keys in the form `amongKeys` binds them. */
const keysValue = (db: Executor, keys: readonly string[]): Value => (isPostgres(db) ? keys : JSON.stringify(keys));

interface Round<R> {
  waiting: Map<string, Array<{ resolve: (row: R | undefined) => void; reject: (e: unknown) => void }>>;
}

/**
 * A look-up by key where the keys asked for in one turn of the event loop (the requests that arrived together) go to
 * the database as one query. Each query costs the server more than its answer (Kysely, the driver, promises; on
 * PostgreSQL a round trip through the pool and protocol): under load one round serves dozens of requests. Every
 * caller's keys are sent after it asked, so each still sees every write committed before its request arrived.
 * `build` must compare the key column with `amongKeys` and select the column `keyOf` reads.
 */
export function coalescedLookup<R>(
  build: (db: Executor, keys: readonly string[]) => Compilable<R>,
  keyOf: (row: R) => string,
): (db: Executor, key: string) => Promise<R | undefined> {
  // `build` sees a stand-in for the keys; they are bound in the database's form (keysValue).
  const run = compiledOnce((db: Executor, keys: Value) => build(db, keys as readonly string[]));
  const open = new WeakMap<Executor, Round<R>>();
  const send = async (db: Executor, round: Round<R>) => {
    const waiting = [...round.waiting];
    try {
      const keys = keysValue(db, waiting.map(([key]) => key));
      const rows = new Map((await run(db, keys)).map((r) => [keyOf(r), r]));
      for (const [key, callers] of waiting) for (const c of callers) c.resolve(rows.get(key));
    } catch (e) {
      for (const [, callers] of waiting) for (const c of callers) c.reject(e);
    }
  };
  return (db, key) => new Promise((resolve, reject) => {
    let round = open.get(db);
    if (!round) {
      const started: Round<R> = { waiting: new Map() };
      open.set(db, started);
      // After the I/O callbacks of this turn: every request that arrived with this one joins the round.
      setImmediate(() => {
        open.delete(db);
        void send(db, started);
      });
      round = started;
    }
    const callers = round.waiting.get(key);
    if (callers) callers.push({ resolve, reject });
    else round.waiting.set(key, [{ resolve, reject }]);
  });
}
