import type { MemberListQuery } from '../members.repository.js';

const exportColumns = [
  'members.id', 'orgs.path as org_path', 'members.org_id', 'orgs.name as org_name', 'members.name', 'members.gender', 'members.ethnicity',
  'members.birth_date', 'members.id_number_mask', 'members.id_number_cipher', 'members.education', 'members.joined_on', 'members.full_on',
  'members.status', 'members.phone_mask', 'members.phone_cipher', 'members.post', 'members.notes',
] as const;

/**
 * The rows of a member list query (the list's own filters and scope), a page at a time in organisation
 * order, by keyset on (path, id) so memory stays flat however many members the export holds.
 */
export async function* exportPages(q: MemberListQuery, pageSize = 1000) {
  let after: { path: string; id: number } | null = null;
  for (;;) {
    const from = after;
    let page = q.select([...exportColumns]);
    if (from) {
      page = page.where((eb) => eb.or([
        eb('orgs.path', '>', from.path),
        eb.and([eb('orgs.path', '=', from.path), eb('members.id', '>', from.id)]),
      ]));
    }
    const rows = await page.orderBy('orgs.path').orderBy('members.id').limit(pageSize).execute();
    if (rows.length === 0) return;
    yield rows;
    const last = rows[rows.length - 1];
    after = { path: last.org_path, id: last.id };
  }
}
