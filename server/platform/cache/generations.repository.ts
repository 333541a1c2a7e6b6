import type { Executor } from '../db/database.js';

/** The groups of tables migration 0013 counts writes to. */
export type GenerationName = 'registry';

/**
 * The current generation of a group of tables, which changes with every committed write to any of them, as a
 * column of another query: the request's session look-up brings it along, so a request costs one query more only
 * when it misses a cache.
 */
export function generationOf(db: Executor, name: GenerationName) {
  return db.selectFrom('data_generations').select('generation').where('data_generations.name', '=', name);
}
