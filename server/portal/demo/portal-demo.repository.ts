import type { Executor } from '../../platform/db/database.js';

/** The working committee (first root organisation) and the demo's committee staff account, who writes the news. */
export async function demoPublisher(db: Executor, username: string) {
  const org = await db.selectFrom('orgs').select('id').where('parent_id', 'is', null).orderBy('id').executeTakeFirst();
  const user = await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst();
  return org && user ? { orgId: org.id, userId: user.id } : undefined;
}

