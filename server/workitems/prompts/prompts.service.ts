import type { z } from 'zod';
import type { Kdb } from '../../platform/db/database.js';
import type { Principal } from '../../platform/access/principal.js';
import { inScope } from '../../platform/access/scope.js';
import { changedFields, writeAudit, type Actor } from '../../platform/audit/audit-log.js';
import { AppError, badRequest, conflict, notFound, staleVersion, type ErrorDetail } from '../../platform/errors.js';
import { notify } from '../../platform/notifications/notifications.service.js';
import { nowIso, today } from '../../platform/time.js';
import { createWorkItems } from '../engine/work-item.service.js';
import { secretaryUserIds } from '../engine/work-item.repository.js';
import { orgsByIds, promptReceiverTypes, receiversUnder } from './fan-out.repository.js';
import { issuingOrg } from './issuer.js';
import {
  findPrompt, insertPrompt, insertReceipts, issuedPerMonth, listPrompts, listReceipts, listReceived, markIssued,
  receiptOrgIds, receiptProgress, updatePromptVersioned, type ReceiptStatus,
} from './prompts.repository.js';
import { presentPrompt, presentPromptDetail, presentReceipt, presentStats } from './prompts.presenter.js';
import type { fanOutBody, promptCreateBody, promptListQuery, promptPatchBody } from './prompts.schemas.js';

/*
 * Work prompts (工作提示): the working committee writes a prompt once and fans it out to a subtree. Every
 * committee, general branch and branch there (never a group, never the issuer itself) receives exactly one work
 * item; the receipt is that item's state: assigned = not yet acknowledged (签收), in_progress = acknowledged,
 * submitted = reported back (反馈) and awaiting the committee's sign-off (销号).
 */

export async function listPromptsFor(db: Kdb, p: Principal, q: z.infer<typeof promptListQuery>) {
  const { rows, total } = await listPrompts(db, { scope: p.scope('workitem.assign'), year: q.year, kind: q.kind, q: q.q || undefined, page: q.page, pageSize: q.pageSize });
  const progress = await receiptProgress(db, rows.map((r) => r.id), today());
  return { items: rows.map((r) => presentPrompt(r, progress.get(r.id))), total };
}

/** The route's resource check has placed the issuing organisation in the caller's scope. */
export async function promptDetail(db: Kdb, id: number) {
  const row = await findPrompt(db, id);
  if (!row) throw notFound('工作提示');
  const progress = await receiptProgress(db, [id], today());
  return presentPromptDetail(row, progress.get(id));
}

export async function createPrompt(db: Kdb, actor: Actor, p: Principal, input: z.infer<typeof promptCreateBody>): Promise<number> {
  const org = await issuingOrg(db, p, input.orgId);
  if (input.deadline < today()) throw badRequest(`反馈截止日期 ${input.deadline} 早于今天`, [{ path: 'deadline', message: '反馈截止日期：不能早于今天' }]);
  return db.transaction().execute(async (trx) => {
    const at = nowIso();
    const id = await insertPrompt(trx, {
      org_id: org.id, kind: input.kind, title: input.title, body: input.body, required_evidence: input.requiredEvidence ?? null,
      deadline: input.deadline, created_by: actor.userId, created_at: at, updated_at: at,
    });
    await writeAudit(trx, actor, { action: 'work_prompt.create', objectType: 'work_prompt', objectId: id, orgId: org.id, details: { kind: input.kind, title: input.title, deadline: input.deadline } });
    return id;
  });
}

/** A prompt is edited until it is issued; after that its items carry what it said. */
export async function updatePrompt(db: Kdb, actor: Actor, id: number, input: z.infer<typeof promptPatchBody>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await findPrompt(trx, id);
    if (!row) throw notFound('工作提示');
    if (row.version !== input.version) throw staleVersion();
    if (row.issued_on) throw conflict('工作提示已下发，不能再修改', [{ path: 'version', message: '已下发' }]);
    const before = { kind: row.kind, title: row.title, body: row.body, requiredEvidence: row.required_evidence, deadline: row.deadline };
    const after = {
      kind: input.kind ?? row.kind, title: input.title ?? row.title, body: input.body ?? row.body,
      requiredEvidence: input.requiredEvidence === undefined ? row.required_evidence : input.requiredEvidence, deadline: input.deadline ?? row.deadline,
    };
    const changes = changedFields(before, after);
    if (!Object.keys(changes).length) return;
    if (changes.deadline && after.deadline < today()) throw badRequest(`反馈截止日期 ${after.deadline} 早于今天`, [{ path: 'deadline', message: '反馈截止日期：不能早于今天' }]);
    const ok = await updatePromptVersioned(trx, id, input.version, {
      kind: after.kind, title: after.title, body: after.body, required_evidence: after.requiredEvidence, deadline: after.deadline, updated_at: nowIso(),
    });
    if (!ok) throw staleVersion();
    await writeAudit(trx, actor, { action: 'work_prompt.update', objectType: 'work_prompt', objectId: id, orgId: row.org_id, details: { changes } });
  });
}

/**
 * Fans the prompt out to the subtrees at `targetOrgIds`: one item per receiving organisation that has none yet, in
 * one transaction through the engine's batch insert. A target outside the caller's scope (or outside the issuing
 * organisation's subtree) refuses the whole request, naming it, before anything is written.
 */
export async function fanOutPrompt(db: Kdb, actor: Actor, p: Principal, id: number, input: z.infer<typeof fanOutBody>) {
  return db.transaction().execute(async (trx) => {
    const prompt = await findPrompt(trx, id);
    if (!prompt) throw notFound('工作提示');
    const on = today();
    if (prompt.deadline < on) throw badRequest(`反馈截止日期 ${prompt.deadline} 已过，请先修改截止日期`, [{ path: 'deadline', message: '反馈截止日期：已过' }]);
    const targets = new Map((await orgsByIds(trx, input.targetOrgIds)).map((o) => [o.id, o]));
    const scope = p.scope('workitem.assign');
    const refused: ErrorDetail[] = [];
    input.targetOrgIds.forEach((orgId, i) => {
      const org = targets.get(orgId);
      const named = org && p.canAt('org.read', org.path) ? `「${org.name}」` : `（ID ${orgId}）`;
      if (!org || !inScope(scope, org.path) || !org.path.startsWith(prompt.orgPath)) {
        refused.push({ path: `targetOrgIds.${i}`, message: `党组织${named}不在您的交办范围内` });
      } else if (org.status !== 'active') {
        refused.push({ path: `targetOrgIds.${i}`, message: `党组织${named}已撤销或合并` });
      }
    });
    if (refused.length) throw new AppError(403, 'forbidden', `不能下发：${refused[0].message}`, refused);

    const receivers = (await receiversUnder(trx, input.targetOrgIds.map((t) => targets.get(t)!.path), promptReceiverTypes))
      .filter((o) => o.id !== prompt.org_id);
    const existing = await receiptOrgIds(trx, id);
    const fresh = receivers.filter((o) => !existing.has(o.id));
    const at = nowIso();
    if (fresh.length) {
      const itemIds = await createWorkItems(trx, actor, fresh.map((o) => ({
        title: prompt.title, description: prompt.body, sourceKind: 'work_prompt', sourceId: id, ownerOrgId: o.id,
        verifierOrgId: prompt.org_id, deadline: prompt.deadline, requiredEvidence: prompt.required_evidence,
        tags: [prompt.kind === 'monthly' ? '月提示' : '动态提示'],
      })), { field: 'targetOrgIds' });
      await insertReceipts(trx, fresh.map((o, i) => ({ promptId: id, orgId: o.id, workItemId: itemIds[i], at })));
      const secretaries = await secretaryUserIds(trx, fresh.map((o) => o.id));
      await notify(trx, [...secretaries.values()].flat(), {
        kind: 'work_prompt.received', title: `工作提示：${prompt.title}`, body: `请签收并于 ${prompt.deadline} 前反馈`, link: '/admin/work-prompts/received',
      });
    }
    await markIssued(trx, id, { targetOrgId: input.targetOrgIds[0], on, by: actor.userId, at });
    await writeAudit(trx, actor, {
      action: 'work_prompt.fan_out', objectType: 'work_prompt', objectId: id, orgId: prompt.org_id,
      details: { targetOrgIds: input.targetOrgIds, created: fresh.length, existing: receivers.length - fresh.length },
    });
    return { created: fresh.length, existing: receivers.length - fresh.length, receivers: receivers.length };
  });
}

export async function receiptBoard(db: Kdb, id: number, q: { status?: ReceiptStatus; page: number; pageSize: number }) {
  const on = today();
  const { rows, total } = await listReceipts(db, { promptId: id, status: q.status, today: on, page: q.page, pageSize: q.pageSize });
  return { items: rows.map((r) => presentReceipt(r, on)), total };
}

/** The secretary's side: the prompts the organisations in the caller's scope received. */
export async function receivedFor(db: Kdb, p: Principal, q: { open?: '1' | '0'; page: number; pageSize: number }) {
  const on = today();
  const { rows, total } = await listReceived(db, { scope: p.scope('workitem.write'), open: q.open === undefined ? undefined : q.open === '1', page: q.page, pageSize: q.pageSize });
  return {
    items: rows.map((r) => ({
      ...presentReceipt(r, on), promptId: r.promptId, kind: r.kind, title: r.title, body: r.body, requiredEvidence: r.requiredEvidence,
      deadline: r.deadline, issuedOn: r.issuedOn, issuerName: r.issuerName,
    })),
    total,
  };
}

export async function promptStats(db: Kdb, p: Principal, year: number) {
  return presentStats(year, await issuedPerMonth(db, p.scope('workitem.assign'), year));
}
