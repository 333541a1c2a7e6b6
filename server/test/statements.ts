import { DefaultQueryExecutor } from 'kysely';
import { vi } from 'vitest';

/**
 * Runs `fn` and counts the SQL statements sent meanwhile, through any Kysely instance or transaction (they all execute
 * through a DefaultQueryExecutor). For tests that hold a write to a number of statements that does not grow with its
 * rows: a statement per row costs a round trip each on PostgreSQL.
 */
export async function countStatements(fn: () => Promise<unknown>): Promise<number> {
  const spy = vi.spyOn(DefaultQueryExecutor.prototype, 'executeQuery');
  try {
    await fn();
    return spy.mock.calls.length;
  } finally {
    spy.mockRestore();
  }
}
