import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sql } from 'kysely';
import { freshDb, targets } from '../../test/harness.js';
import { buildOrg } from '../../test/factories.js';
import { generationOf } from '../cache/generations.repository.js';
import { migrateToLatest } from './migrate.js';
import type { Db } from './database.js';
import { amongKeys, coalescedLookup } from './prepared.js';

describe.each(targets)('look-ups asked together on %s', (target) => {
  let db: Db;
  beforeAll(async () => {
    db = await freshDb(target);
    await migrateToLatest(db);
  });
  afterAll(async () => db.close());

  // A fixed value besides the keys: it must survive being compiled once.
  const branchByName = coalescedLookup(
    (k, names) => k.selectFrom('orgs').select(['id', 'name', generationOf(k, 'registry').as('generation')])
      .where(amongKeys(k, 'name', names)).where('type', '=', 'branch'),
    (row) => row.name,
  );

  it('sends the keys of one turn as one query and gives each caller its own row', async () => {
    const a = await buildOrg(db.kysely, { name: '甲支部', type: 'branch' });
    const b = await buildOrg(db.kysely, { name: '乙支部', type: 'branch' });
    await buildOrg(db.kysely, { name: '丁总支', type: 'general_branch' });
    const queries = vi.spyOn(db.kysely, 'executeQuery');
    try {
      const answers = await Promise.all(['甲支部', '乙支部', '甲支部', '无此支部', '丁总支'].map((n) => branchByName(db.kysely, n)));
      expect(answers.map((r) => r?.id)).toEqual([a.id, b.id, a.id, undefined, undefined]);
      expect(queries).toHaveBeenCalledTimes(1);
      const again = await branchByName(db.kysely, '乙支部');
      expect(queries).toHaveBeenCalledTimes(2);
      const { generation } = await generationOf(db.kysely, 'registry').executeTakeFirstOrThrow();
      expect(Number(again?.generation)).toBe(Number(generation));
    } finally {
      queries.mockRestore();
    }
  });

  it('sees what was committed before it was asked', async () => {
    expect(await branchByName(db.kysely, '丙支部')).toBeUndefined();
    const c = await buildOrg(db.kysely, { name: '丙支部', type: 'branch' });
    expect((await branchByName(db.kysely, '丙支部'))?.id).toBe(c.id);
  });

  it('fails every caller of a failed round, and the next round runs afresh', async () => {
    await sql`create table probe_keys (key text primary key)`.execute(db.kysely);
    await sql`insert into probe_keys values ('x')`.execute(db.kysely);
    const probe = coalescedLookup((k, keys) => k.selectFrom(sql<{ key: string }>`probe_keys`.as('p')).select('p.key').where(amongKeys(k, 'p.key', keys)), (r) => r.key);
    expect(await probe(db.kysely, 'x')).toEqual({ key: 'x' });
    await sql`drop table probe_keys`.execute(db.kysely);
    const failed = await Promise.allSettled([probe(db.kysely, 'x'), probe(db.kysely, 'y')]);
    expect(failed.map((f) => f.status)).toEqual(['rejected', 'rejected']);
    await sql`create table probe_keys (key text primary key)`.execute(db.kysely);
    expect(await probe(db.kysely, 'x')).toBeUndefined();
  });
});
