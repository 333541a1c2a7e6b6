import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDb, targets } from '../../test/harness.js';
import { buildOrg } from '../../test/factories.js';
import { migrateToLatest } from '../../platform/db/migrate.js';
import { makeScope } from '../../platform/access/scope.js';
import type { Db } from '../../platform/db/database.js';
import { matchOrgsForImport } from './org-import-match.js';

describe.each(targets)('matching organisation cells for the roster import on %s', (target) => {
  let db: Db;
  let root: { id: number; path: string };
  let education: { id: number; path: string }, health: { id: number; path: string };
  let eduBranch: { id: number }, healthBranch: { id: number }, finance: { id: number };

  beforeAll(async () => {
    db = await freshDb(target);
    await migrateToLatest(db);
    const k = db.kysely;
    root = await buildOrg(k, { name: '雁峰区直机关工委' });
    education = await buildOrg(k, { parentId: root.id, type: 'committee', name: '区教育局党委' });
    health = await buildOrg(k, { parentId: root.id, type: 'committee', name: '区卫健局党委' });
    eduBranch = await buildOrg(k, { parentId: education.id, name: '机关党支部' });
    healthBranch = await buildOrg(k, { parentId: health.id, name: '机关党支部' });
    finance = await buildOrg(k, { parentId: root.id, name: '区财政局党支部' });
    const merged = await buildOrg(k, { parentId: root.id, name: '已合并党支部' });
    await k.updateTable('orgs').set({ status: 'merged' }).where('id', '=', merged.id).execute();
  });
  afterAll(async () => db.close());

  it('matches a unique name, and a path of names where names repeat', async () => {
    const match = await matchOrgsForImport(db.kysely, makeScope([root.path]));
    expect(match('区财政局党支部')).toMatchObject({ org: { id: finance.id, type: 'branch' } });
    expect(match(' 区财政局\u3000党支部 ')).toMatchObject({ org: { id: finance.id } });
    expect(match('机关党支部')).toEqual({ error: 'ambiguous' });
    expect(match('区教育局党委/机关党支部')).toMatchObject({ org: { id: eduBranch.id } });
    expect(match('雁峰区直机关工委 / 区卫健局党委 / 机关党支部')).toMatchObject({ org: { id: healthBranch.id } });
    expect(match('区卫健局党委／机关党支部')).toMatchObject({ org: { id: healthBranch.id } });
    expect(match('区财政局党委/机关党支部')).toEqual({ error: 'none' });
    expect(match('已合并党支部')).toEqual({ error: 'none' });
    expect(match('')).toEqual({ error: 'none' });
  });

  it('sees only the scope, naming ancestors outside it', async () => {
    const match = await matchOrgsForImport(db.kysely, makeScope([education.path]));
    expect(match('机关党支部')).toMatchObject({ org: { id: eduBranch.id } });
    expect(match('区教育局党委/机关党支部')).toMatchObject({ org: { id: eduBranch.id } });
    expect(match('雁峰区直机关工委/区教育局党委/机关党支部')).toMatchObject({ org: { id: eduBranch.id } });
    expect(match('区卫健局党委/机关党支部')).toEqual({ error: 'none' });
    expect(match('区财政局党支部')).toEqual({ error: 'none' });
  });
});
