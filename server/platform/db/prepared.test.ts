import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sql } from 'kysely';
import { freshDb, targets } from '../../test/harness.js';
import { buildOrg } from '../../test/factories.js';
import { migrateToLatest } from './migrate.js';
import type { Db } from './database.js';
import { coalescedLookup } from './prepared.js';

describe.each(targets.filter((t) => t === 'postgres'))('look-ups asked together on %s', (target) => {
  let db: Db;
  beforeAll(async () => {
    db = await freshDb(target);
    await migrateToLatest(db);
  });
  afterAll(async () => db.close());

  const byName = coalescedLookup(
    (k, names) => k.selectFrom('orgs').select(['id', 'name']).where(sql<boolean>`name = any(${names})`),
    (row) => row.name,
  );

  it('sends the keys of one turn as one query and gives each caller its own row', async () => {
    const a = await buildOrg(db.kysely, { name: '甲支部' });
    const b = await buildOrg(db.kysely, { name: '乙支部' });
    const queries = vi.spyOn(db.kysely, 'executeQuery');
    try {
      const answers = await Promise.all(['甲支部', '乙支部', '甲支部', '无此支部'].map((n) => byName(db.kysely, n)));
      expect(answers.map((r) => r?.id)).toEqual([a.id, b.id, a.id, undefined]);
      expect(queries).toHaveBeenCalledTimes(1);
      await byName(db.kysely, '甲支部');
      expect(queries).toHaveBeenCalledTimes(2);
    } finally {
      queries.mockRestore();
    }
  });

  it('sees what was committed before it was asked', async () => {
    expect(await byName(db.kysely, '丙支部')).toBeUndefined();
    const c = await buildOrg(db.kysely, { name: '丙支部' });
    expect((await byName(db.kysely, '丙支部'))?.id).toBe(c.id);
  });

  it('fails every caller of a failed round, and the next round runs afresh', async () => {
    await sql`create table probe_keys (key text primary key)`.execute(db.kysely);
    await sql`insert into probe_keys values ('x')`.execute(db.kysely);
    const probe = coalescedLookup((k, keys) => k.selectFrom(sql<{ key: string }>`probe_keys`.as('p')).select('p.key').where(sql<boolean>`p.key = any(${keys})`), (r) => r.key);
    expect(await probe(db.kysely, 'x')).toEqual({ key: 'x' });
    await sql`drop table probe_keys`.execute(db.kysely);
    const failed = await Promise.allSettled([probe(db.kysely, 'x'), probe(db.kysely, 'y')]);
    expect(failed.map((f) => f.status)).toEqual(['rejected', 'rejected']);
    await sql`create table probe_keys (key text primary key)`.execute(db.kysely);
    expect(await probe(db.kysely, 'x')).toBeUndefined();
  });
});
