import type { Executor } from '../../../platform/db/database.js';

/** What the demo's organisational life is generated from: the registry as the demo district loaded it. */
export async function demoRegistry(db: Executor) {
  const [orgs, members, officers] = await Promise.all([
    db.selectFrom('orgs').select(['id', 'parent_id', 'type', 'name', 'path']).where('status', '=', 'active').orderBy('id').execute(),
    db.selectFrom('members')
      .select(['id', 'org_id', 'name', 'status', 'discipline_status', 'discipline_until', 'joined_on'])
      .where('exit_reason', 'is', null).orderBy('id').execute(),
    db.selectFrom('org_officers').select(['org_id', 'member_id', 'position']).orderBy('id').execute(),
  ]);
  return { orgs, members, officers };
}

export type DemoRegistry = Awaited<ReturnType<typeof demoRegistry>>;
