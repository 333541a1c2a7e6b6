import { expect } from 'vitest';
import { Client, type TestApp } from '../test/harness.js';
import { buildOrg, buildUser, TEST_PASSWORD } from '../test/factories.js';
import type { Role } from '../platform/access/roles.js';
import { nowIso } from '../platform/time.js';

/**
 * The district the oversight tests share: a working committee over two units (财政局 with a committee and a branch,
 * 审计局 with a branch), their secretaries and the committee's staff.
 */
export async function oversightDistrict(t: TestApp) {
  const db = t.db.kysely;
  const root = await buildOrg(db, { name: '工委' });
  const finance = await buildOrg(db, { parentId: root.id, type: 'committee', name: '财政局机关党委' });
  const financeBranch = await buildOrg(db, { parentId: finance.id, name: '财政局第一支部' });
  const audit = await buildOrg(db, { parentId: root.id, name: '审计局支部' });
  const at = nowIso();
  const unit = async (name: string, orgIds: number[]) => {
    const { id } = await db.insertInto('units').values({ name, unit_secretary_name: null, unit_secretary_user_id: null, created_at: at, updated_at: at }).returning('id').executeTakeFirstOrThrow();
    await db.insertInto('org_units').values(orgIds.map((org_id) => ({ org_id, unit_id: id }))).execute();
    return id;
  };
  const financeUnit = await unit('区财政局', [finance.id, financeBranch.id]);
  const auditUnit = await unit('区审计局', [audit.id]);
  const login = async (role: Role | null, orgId: number | null) => {
    const u = await buildUser(db, { grants: role ? [{ role, orgId }] : [] });
    const c = new Client(t.app);
    expect((await c.login(u.username, TEST_PASSWORD)).statusCode).toBe(200);
    return { c, id: u.id, username: u.username, relogin: async () => expect((await c.login(u.username, TEST_PASSWORD)).statusCode).toBe(200) };
  };
  return {
    root, finance, financeBranch, audit, financeUnit, auditUnit, login,
    staff: await login('committee_staff', root.id),
    financeSecretary: await login('secretary', finance.id),
    auditSecretary: await login('secretary', audit.id),
  };
}
