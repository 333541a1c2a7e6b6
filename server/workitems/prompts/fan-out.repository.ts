import type { Executor } from '../../platform/db/database.js';
import type { OrgType } from '../../registry/orgs/org.rules.js';
import { underPath } from '../../registry/orgs/org.repository.js';

/** Organisations that receive what the committee hands down: never groups, never the working committee itself. */
export const promptReceiverTypes: readonly OrgType[] = ['committee', 'general_branch', 'branch'];
/** Monthly checklists are closed by each branch. */
export const checklistReceiverTypes: readonly OrgType[] = ['branch'];

export interface ReceiverOrg {
  id: number;
  name: string;
  path: string;
  type: OrgType;
}

/** Active organisations of the given types in the subtrees at `paths` (inclusive), each once, in tree order. */
export async function receiversUnder(db: Executor, paths: readonly string[], types: readonly OrgType[]): Promise<ReceiverOrg[]> {
  if (!paths.length) return [];
  return db.selectFrom('orgs')
    .select(['id', 'name', 'path', 'type'])
    .where('status', '=', 'active')
    .where('type', 'in', types)
    .where((eb) => eb.or(paths.map((p) => underPath(eb, p))))
    .orderBy('depth').orderBy('sort_order').orderBy('id')
    .execute();
}

export async function orgsByIds(db: Executor, ids: readonly number[]) {
  if (!ids.length) return [];
  return db.selectFrom('orgs').select(['id', 'name', 'path', 'type', 'status']).where('id', 'in', ids).execute();
}
