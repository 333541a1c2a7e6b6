import type { z } from 'zod';
import type { Kdb } from '../../platform/db/database.js';
import type { Principal } from '../../platform/access/principal.js';
import { writeAudit, type Actor } from '../../platform/audit/audit-log.js';
import { badRequest, conflict, forbidden, notFound, staleVersion } from '../../platform/errors.js';
import { notify } from '../../platform/notifications/notifications.service.js';
import { nowIso, today } from '../../platform/time.js';
import { secretaryUserIds } from '../engine/work-item.repository.js';
import { findActiveOrg } from '../../registry/users/grants.repository.js';
import { dispatchPeriod } from './dispatch.rules.js';
import {
  answersFor, askedOfCaller, countAnswered, findQuestion, insertQuestion, isAsked, itemsWithPaths, listQuestions, questionBoard, updateQuestionVersioned, upsertAnswer,
} from './dispatch.repository.js';
import type { answerBody, questionCreateBody, questionListQuery, questionPatchBody } from './dispatch.schemas.js';

export async function listFor(db: Kdb, p: Principal, q: z.infer<typeof questionListQuery>) {
  const { rows, total } = await listQuestions(db, p.scope('workitem.assign'), { ...q, active: q.active === undefined ? undefined : Number(q.active) });
  const day = today();
  const periods = new Map(rows.map((r) => [r.id, dispatchPeriod(r.cadence, day)]));
  const counts = await countAnswered(db, rows.map((r) => r.id), periods);
  return { rows: rows.map((r) => ({ row: r, period: periods.get(r.id)!, ...counts.get(r.id)! })), total };
}

async function assignedQuestion(db: Kdb, p: Principal, id: number) {
  const row = await findQuestion(db, id);
  if (!row || !p.canAt('workitem.assign', row.org_path)) throw notFound('调度问题');
  return row;
}

/** The committee's board: per item asked about, its latest answer and whether it has been answered this period. */
export async function board(db: Kdb, p: Principal, id: number) {
  const question = await assignedQuestion(db, p, id);
  const period = dispatchPeriod(question.cadence, today());
  const { items, answers } = await questionBoard(db, id);
  return {
    question, period,
    items: items.map((i) => {
      const latest = answers.find((a) => a.work_item_id === i.id);
      return { item: i, latest, answeredThisPeriod: latest?.period === period, history: answers.filter((a) => a.work_item_id === i.id).slice(0, 10) };
    }),
  };
}

export async function createQuestion(db: Kdb, actor: Actor, p: Principal, input: z.infer<typeof questionCreateBody>): Promise<number> {
  const org = await findActiveOrg(db, input.orgId);
  if (!org || !p.canAt('workitem.assign', org.path)) throw badRequest('调度单位：不存在或不在您的管理范围内', [{ path: 'orgId', message: '调度单位：不在管理范围内' }]);
  const ids = [...new Set(input.workItemIds)];
  const items = await itemsWithPaths(db, ids);
  const outside = ids.filter((id) => !items.some((i) => i.id === id && i.path.startsWith(org.path)));
  if (outside.length) throw badRequest(`调度事项：${outside.join('、')} 不存在或不在调度单位范围内`, [{ path: 'workItemIds', message: '调度事项：不在调度单位范围内' }]);
  return db.transaction().execute(async (trx) => {
    const id = await insertQuestion(trx, { org_id: input.orgId, question: input.question, cadence: input.cadence, created_by: p.userId, at: nowIso() }, ids);
    await writeAudit(trx, actor, { action: 'dispatch.create', objectType: 'dispatch_question', objectId: id, orgId: input.orgId, details: { ...input } });
    const orgIds = [...new Set(items.map((i) => i.owner_org_id))];
    const secretaries = await secretaryUserIds(trx, orgIds);
    const recipients = [...new Set([...items.flatMap((i) => (i.responsible_user_id ? [i.responsible_user_id] : [])), ...[...secretaries.values()].flat()])];
    await notify(trx, recipients, { kind: 'dispatch.question', title: `调度：${input.question}`, body: '请按期填报进展情况和完成进度', link: '/admin/oversight/dispatch' });
    return id;
  });
}

export async function updateQuestion(db: Kdb, actor: Actor, p: Principal, id: number, input: z.infer<typeof questionPatchBody>): Promise<void> {
  const row = await assignedQuestion(db, p, id);
  await db.transaction().execute(async (trx) => {
    const set = { question: input.question, active: input.active === undefined ? undefined : Number(input.active), updated_at: nowIso() };
    if (!(await updateQuestionVersioned(trx, id, input.version, set))) throw staleVersion();
    await writeAudit(trx, actor, { action: 'dispatch.update', objectType: 'dispatch_question', objectId: id, orgId: row.org_id, details: { ...input } });
  });
}

/**
 * The responsible person, or whoever moves the owner organisation's items (its secretary), answers for this
 * period; a second answer in the same period replaces the first.
 */
export async function answer(db: Kdb, actor: Actor, p: Principal, id: number, input: z.infer<typeof answerBody>): Promise<string> {
  const question = await findQuestion(db, id);
  if (!question || !(await isAsked(db, id, input.workItemId))) throw notFound('调度事项');
  const [item] = await itemsWithPaths(db, [input.workItemId]);
  if (item.responsible_user_id !== p.userId && !p.canAt('workitem.write', item.path)) throw forbidden('只有事项责任人或本组织书记可以填报调度进展');
  if (!question.active) throw conflict('该调度已停止');
  const period = dispatchPeriod(question.cadence, today());
  await db.transaction().execute(async (trx) => {
    await upsertAnswer(trx, { question_id: id, work_item_id: input.workItemId, period, user_id: p.userId, note: input.note, percent: input.percent, created_at: nowIso() });
    await writeAudit(trx, actor, { action: 'dispatch.answer', objectType: 'dispatch_question', objectId: id, details: { ...input, period } });
  });
  return period;
}

/** The questions asking about items the caller answers for, with this period's answer if any. */
export async function myQuestions(db: Kdb, p: Principal) {
  const rows = await askedOfCaller(db, p.userId, p.scope('workitem.write'));
  const day = today();
  const answers = await answersFor(db, rows);
  return rows.map((r) => {
    const period = dispatchPeriod(r.cadence, day);
    return { ...r, period, answer: answers.find((a) => a.question_id === r.question_id && a.work_item_id === r.work_item_id && a.period === period) ?? null };
  });
}
