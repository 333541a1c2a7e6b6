import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { freshDb, targets } from '../../test/harness.js';
import { scopeAccessFor } from '../../registry/orgs/org.repository.js';
import { makeScope, scopeWhere, subtreeRange } from './scope.js';

describe('subtree ranges', () => {
  it('hold a subtree and nothing beside it', () => {
    expect(subtreeRange('/1/5/')).toEqual(['/1/5/', '/1/50']);
    const paths = ['/1/', '/1/5/', '/1/5/12/', '/1/5/12/9/', '/1/50/', '/1/49/', '/1/6/', '/1/4/', '/2/5/', '/1/59/3/'];
    for (const root of paths) {
      const [from, to] = subtreeRange(root);
      // JavaScript compares strings by UTF-16 code unit, as BINARY and "C" collations do for these ASCII paths
      expect(paths.filter((p) => p >= from && p < to)).toEqual(paths.filter((p) => p.startsWith(root)));
    }
  });
});

describe.each(targets)('scope in SQL on %s', (target) => {
  let db: Db;

  beforeAll(async () => {
    db = await freshDb(target);
    await migrateToLatest(db);
  });

  afterAll(async () => {
    await db?.close();
  });

  it('selects exactly the organisations under the scope roots, siblings with a longer id excluded', async () => {
    const k = db.kysely;
    const at = new Date().toISOString();
    const ids = [1, 5, 50, 51, 12, 7];
    const pathOf: Record<number, string> = { 1: '/1/', 5: '/1/5/', 50: '/1/50/', 51: '/1/51/', 12: '/1/5/12/', 7: '/1/50/7/' };
    for (const id of ids) {
      await k.insertInto('orgs').values({
        id, parent_id: id === 1 ? null : Number(pathOf[id].split('/').at(-3)), path: pathOf[id], name: `组织${id}`, type: id === 1 ? 'working_committee' : 'branch',
        depth: pathOf[id].split('/').length - 2, founded_on: null, term_start: null, term_years: null, term_end: null, merged_into_id: null,
        closed_on: null, notes: null, created_at: at, updated_at: at,
      }).execute();
    }
    for (const access of ['from_orgs', 'from_rows'] as const) {
      const under = async (...roots: string[]) => (await k.selectFrom('orgs').select('id').where((eb) => scopeWhere(eb, 'orgs.path', makeScope(roots), access)).orderBy('id').execute()).map((r) => r.id);
      expect(await under('/1/5/')).toEqual([5, 12]);
      expect(await under('/1/50/')).toEqual([7, 50]);
      expect(await under('/1/5/', '/1/51/')).toEqual([5, 12, 51]);
      expect(await under('/1/')).toEqual([1, 5, 7, 12, 50, 51]);
    }
    // On SQLite a scope holding most of the tree is read row by row, one branch of six through the organisations;
    // PostgreSQL plans with the bound values and is never told.
    expect(await scopeAccessFor(k, makeScope(['/1/']))).toBe(target === 'sqlite' ? 'from_rows' : 'from_orgs');
    expect(await scopeAccessFor(k, makeScope(['/1/51/']))).toBe('from_orgs');
  });
});

// Only PostgreSQL's collation depends on the cluster; SQLite compares text byte by byte (BINARY) always.
describe.each(targets.filter((t) => t === 'postgres'))('organisation paths on %s', (target) => {
  it('compare byte by byte whatever the cluster locale', async () => {
    const db = await freshDb(target);
    try {
      await migrateToLatest(db);
      const r = await sql<{ collation_name: string }>`select collation_name from information_schema.columns where table_name = 'orgs' and column_name = 'path' and table_schema = current_schema()`.execute(db.kysely);
      expect(r.rows[0].collation_name).toBe('C');
    } finally {
      await db.close();
    }
  });
});
