import { CompiledQuery, type Compilable } from 'kysely';
import type { Executor } from './database.js';

/** Marks a parameter while the query is compiled; the NUL keeps it from colliding with any stored text. */
const SLOT = '\u0000slot:';

/**
 * A one-row look-up built and compiled once per database, then run with new values: for the few queries every request
 * makes (the session look-up), where building and compiling cost as much as SQLite running them. `build` receives
 * one stand-in per argument and must use each as a bound value (a `where` operand), never inside raw SQL text.
 */
export function preparedLookup<A extends readonly (string | number)[], R>(
  build: (db: Executor, ...args: A) => Compilable<R>,
): (db: Executor, ...args: A) => Promise<R | undefined> {
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
    const result = await db.executeQuery<R>(CompiledQuery.raw(c.sql, parameters));
    return result.rows[0];
  };
}
