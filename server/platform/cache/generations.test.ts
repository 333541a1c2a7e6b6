import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDb, targets } from '../../test/harness.js';
import { buildOrg, buildUser } from '../../test/factories.js';
import { migrateToLatest } from '../db/migrate.js';
import type { Db } from '../db/database.js';
import { generationOf } from './generations.repository.js';

describe.each(targets)('registry generation on %s', (target) => {
  let db: Db;
  beforeAll(async () => {
    db = await freshDb(target);
    await migrateToLatest(db);
  });
  afterAll(async () => db.close());

  const generation = async () => Number((await generationOf(db.kysely, 'registry').executeTakeFirstOrThrow()).generation);

  it('rises with every write to the registry tables, whoever writes', async () => {
    let g = await generation();
    const org = await buildOrg(db.kysely, { name: '区财政局党支部', type: 'branch' });
    expect(await generation()).toBeGreaterThan(g);
    g = await generation();
    await db.kysely.updateTable('orgs').set({ name: '区财政局机关党支部' }).where('id', '=', org.id).execute();
    expect(await generation()).toBeGreaterThan(g);
    g = await generation();
    const user = await buildUser(db.kysely, { grants: [{ role: 'secretary', orgId: org.id }] });
    expect(await generation()).toBeGreaterThan(g);
    g = await generation();
    await db.kysely.deleteFrom('grants').where('user_id', '=', user.id).execute();
    expect(await generation()).toBeGreaterThan(g);
  });

  it('stands still for writes elsewhere and for a transaction that rolled back', async () => {
    const g = await generation();
    await db.kysely.insertInto('policies').values({ key: 'probe', value: '1', updated_at: new Date().toISOString(), updated_by: null }).execute();
    await expect(db.kysely.transaction().execute(async (trx) => {
      await buildOrg(trx, { name: '撤回的支部' });
      throw new Error('roll back');
    })).rejects.toThrow('roll back');
    expect(await generation()).toBe(g);
  });
});
