import type { Executor } from '../db/database.js';

/** The installation is initialised once its organisation tree has a root. */
export async function anyOrgExists(db: Executor): Promise<boolean> {
  return !!(await db.selectFrom('orgs').select('id').limit(1).executeTakeFirst());
}

export async function takenUsernames(db: Executor, usernames: readonly string[]): Promise<Set<string>> {
  const rows = await db.selectFrom('users').select('username').where('username', 'in', usernames).execute();
  return new Set(rows.map((r) => r.username));
}

/**
 * Ties the user's unscoped grant of `role` (the first system admin's) to the organisation. Returns the grant's
 * id, or null when there is none left to move — a concurrent initialisation moved it first.
 */
export async function moveUnscopedGrant(trx: Executor, userId: number, role: string, orgId: number): Promise<number | null> {
  const row = await trx.updateTable('grants').set({ org_id: orgId })
    .where('user_id', '=', userId).where('role', '=', role).where('org_id', 'is', null)
    .returning('id').executeTakeFirst();
  return row?.id ?? null;
}
