import { CompiledQuery, type Compilable } from 'kysely';
import type { Executor } from './database.js';

/** Marks a parameter while the query is compiled; the NUL keeps it from colliding with any stored text. */
const SLOT = '\u0000slot:';

type Value = string | number | readonly string[];

/**
 * A query built and compiled once per database, then run with new values. `build` receives one stand-in per argument
 * and must use each as a bound value (a `where` operand or a `${}` in `sql`), never inside raw SQL text.
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

/**
 * A one-row look-up compiled once: for the few queries every request makes (the session look-up), where building
 * and compiling cost as much as SQLite running them.
 */
export function preparedLookup<A extends readonly (string | number)[], R>(
  build: (db: Executor, ...args: A) => Compilable<R>,
): (db: Executor, ...args: A) => Promise<R | undefined> {
  const run = compiledOnce(build);
  return async (db, ...args) => (await run(db, ...args))[0];
}

interface Round<R> {
  waiting: Map<string, Array<{ resolve: (row: R | undefined) => void; reject: (e: unknown) => void }>>;
}

/**
 * A look-up by key where the keys asked for in one turn of the event loop (the requests that arrived together) go to
 * the database as one query. On PostgreSQL each query is a round trip whose cost to the server (pool, protocol,
 * promises) is several times the answer's; under load one round serves dozens of requests. Every caller's keys are
 * sent after it asked, so each still sees every write committed before its request arrived. `build` receives the
 * keys as one bound array (PostgreSQL: `= any(${keys})`) and must select the column `keyOf` reads.
 */
export function coalescedLookup<R>(
  build: (db: Executor, keys: readonly string[]) => Compilable<R>,
  keyOf: (row: R) => string,
): (db: Executor, key: string) => Promise<R | undefined> {
  const run = compiledOnce(build);
  const open = new WeakMap<Executor, Round<R>>();
  const send = async (db: Executor, round: Round<R>) => {
    const waiting = [...round.waiting];
    try {
      const rows = new Map((await run(db, waiting.map(([key]) => key))).map((r) => [keyOf(r), r]));
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
