import type { z } from 'zod';
import type { Kdb } from '../../platform/db/database.js';
import { writeAudit, type Actor } from '../../platform/audit/audit-log.js';
import { badRequest, notFound, staleVersion, type ErrorDetail } from '../../platform/errors.js';
import { nowIso, today } from '../../platform/time.js';
import { PROBATION_DISCIPLINE } from '../members/member-input.js';
import { findOrg, insertOrgEvents, updateOrgVersioned } from './org.repository.js';
import { eligibleOfficerCandidates, officersOf, replaceOfficers } from './officer.repository.js';
import { assertActive } from './org.service.js';
import type { officersBody } from './org.schemas.js';

/**
 * Replaces an organisation's officers (the branch committee 支委会, or a committee's members) after an election.
 * Officers come from the roster of the organisation's subtree, and only full members outside a 留党察看 period may
 * stand (RULES.md §1, 选举工作条例 第五条). The committee's size is a finding, never a refusal.
 */
export async function setOfficers(db: Kdb, actor: Actor, id: number, input: z.infer<typeof officersBody>): Promise<void> {
  const org = await findOrg(db, id);
  if (!org) throw notFound('党组织');
  assertActive(org);

  const details: ErrorDetail[] = [];
  const seen = new Set<number>();
  input.officers.forEach((o, i) => {
    if (seen.has(o.memberId)) details.push({ path: `officers.${i}.memberId`, message: '同一党员不能重复任职' });
    seen.add(o.memberId);
  });
  const secretaries = input.officers.filter((o) => o.position === 'secretary').length;
  if (secretaries > 1) details.push({ path: 'officers', message: `书记只能有1名（现有${secretaries}名）` });

  const on = today();
  const candidates = new Map((await eligibleOfficerCandidates(db, [...seen], org.path)).map((m) => [m.id, m]));
  input.officers.forEach((o, i) => {
    const m = candidates.get(o.memberId);
    const path = `officers.${i}.memberId`;
    if (!m) details.push({ path, message: '该党员不在本组织及下级组织的党员名册中' });
    else if (m.status !== 'full') details.push({ path, message: `${m.name}是预备党员，没有被选举权，不能担任委员` });
    else if (m.discipline_status === PROBATION_DISCIPLINE && (!m.discipline_until || m.discipline_until >= on)) {
      details.push({ path, message: `${m.name}处于留党察看期间，没有被选举权，不能担任委员` });
    }
  });
  if (details.length) throw badRequest(`班子成员有误：${details.map((d) => d.message).join('；')}`, details);

  await db.transaction().execute(async (trx) => {
    const at = nowIso();
    if (!(await updateOrgVersioned(trx, id, input.version, { updated_at: at }))) throw staleVersion();
    // Every post on record, including those of holders who have since left: the audit shows what the election replaced.
    const before = await officersOf(trx, id, 'all');
    const next = input.officers.map((o) => ({ memberId: o.memberId, position: o.position, title: o.title ?? null, since: o.since ?? null }));
    await replaceOfficers(trx, id, next);
    const summary = next.map((o) => ({ memberId: o.memberId, memberName: candidates.get(o.memberId)!.name, position: o.position, title: o.title }));
    await insertOrgEvents(trx, [{ orgId: id, kind: 'officers_changed', onDate: on, details: { officers: summary }, userId: actor.userId, at }]);
    await writeAudit(trx, actor, {
      action: 'org.officers', objectType: 'org', objectId: id, orgId: id,
      details: { changes: { officers: [before.map((o) => ({ memberId: o.memberId, position: o.position, title: o.title })), next] } },
    });
  });
}
