import { CompiledQuery } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDb, targets } from '../../test/harness.js';
import { buildOrg } from '../../test/factories.js';
import type { Db } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { makeScope, scopeWhere } from './scope.js';

/**
 * Issue 2 §2: subtree queries use an indexed path on both databases. The plan is read, not timed: with sequential
 * scans priced out on PostgreSQL, a range the path index cannot serve (a lost "C" collation, a LIKE, an expression
 * over the column) would still show a scan of the table.
 */
describe.each(targets)('subtree queries on %s', (target) => {
  let db: Db;
  let branchPath: string;
  beforeAll(async () => {
    db = await freshDb(target);
    await migrateToLatest(db);
    const root = await buildOrg(db.kysely);
    const branch = await buildOrg(db.kysely, { parentId: root.id, type: 'branch' });
    branchPath = (await db.kysely.selectFrom('orgs').select('path').where('id', '=', branch.id).executeTakeFirstOrThrow()).path;
  });
  afterAll(async () => db.close());

  it('read a subtree through orgs_path_idx', async () => {
    const query = db.kysely.selectFrom('orgs').select('id').where((eb) => scopeWhere(eb, 'orgs.path', makeScope([branchPath]))).compile();
    const plan = await db.kysely.transaction().execute(async (trx) => {
      if (target === 'postgres') await trx.executeQuery(CompiledQuery.raw('set local enable_seqscan = off'));
      const explain = target === 'postgres' ? 'explain ' : 'explain query plan ';
      const rows = (await trx.executeQuery(CompiledQuery.raw(explain + query.sql, [...query.parameters]))).rows as Array<Record<string, unknown>>;
      return rows.map((r) => String(r['QUERY PLAN'] ?? r.detail)).join('\n');
    });
    // A search of the index by the range, not a walk through all of it (SQLite) nor a filter after it (PostgreSQL).
    expect(plan).toMatch(target === 'postgres' ? /orgs_path_idx[\s\S]*Index Cond: .*path/ : /SEARCH orgs USING (COVERING )?INDEX orgs_path_idx \(path>\? AND path<\?\)/);
  });
});
