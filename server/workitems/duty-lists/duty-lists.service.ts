import type { z } from 'zod';
import type { Insertable } from 'kysely';
import type { Executor, Kdb } from '../../platform/db/database.js';
import type { DutyListTable } from '../../platform/db/schema-duties.js';
import type { Principal } from '../../platform/access/principal.js';
import { changedFields, writeAudit, type Actor } from '../../platform/audit/audit-log.js';
import { badRequest, notFound, staleVersion } from '../../platform/errors.js';
import { nowIso, today } from '../../platform/time.js';
import { createWorkItems, type NewWorkItem } from '../engine/work-item.service.js';
import { zoneDateOf } from '../engine/work-item.rules.js';
import { issuingOrg } from '../prompts/issuer.js';
import { ratePercent } from '../checklists/checklist.rules.js';
import {
  branchHolders, dutiesOf, existingHolderKeys, findDutyList, findTemplate, insertDutyLists, insertTemplate, listDutyLists,
  listProgress, listTemplates, unitHolders, unitProgress, updateDutyListVersioned, updateTemplateVersioned, type TemplateRow,
} from './duty-lists.repository.js';
import type { Progress } from './progress.repository.js';
import type {
  dutyAddBody, dutyListPatchBody, dutyListQuery, generateBody, templateCreateBody, templatePatchBody, TemplateEntry,
} from './duty-lists.schemas.js';
import { wholeList } from '../../platform/http/validation.js';

/*
 * Duty lists (责任清单): the working committee keeps one template per holder role (unit secretary 党组/党委书记,
 * branch secretary); each year every holder in its subtree gets a list made from it, each duty a work item the
 * committee verifies; a list is then adjusted per person (duties added here, cancelled through the engine).
 */

function presentTemplate(t: TemplateRow) {
  return {
    id: t.id, orgId: t.org_id, holderRole: t.holder_role, name: t.name, notes: t.notes,
    entries: JSON.parse(t.entries) as TemplateEntry[], version: t.version, updatedAt: t.updated_at,
  };
}

function presentProgress(p: Progress | undefined) {
  const c = p ?? { total: 0, signedOff: 0, submitted: 0, overdue: 0 };
  return { total: c.total, signedOff: c.signedOff, submitted: c.submitted, overdue: c.overdue, rate: ratePercent(c.signedOff, c.total) };
}

type ListRow = NonNullable<Awaited<ReturnType<typeof findDutyList>>>;
function presentList(r: ListRow, p: Progress | undefined) {
  return {
    id: r.id, year: r.year, holderRole: r.holder_role, holderName: r.holder_name, orgId: r.org_id, orgName: r.orgName,
    unitId: r.unit_id, unitName: r.unitName, templateId: r.template_id, progress: presentProgress(p), version: r.version,
  };
}

export async function templatesFor(db: Kdb, p: Principal) {
  const rows = await listTemplates(db, p.scope('workitem.assign'));
  return { items: rows.map(presentTemplate), total: rows.length };
}

export async function templateDetail(db: Kdb, id: number) {
  const row = await findTemplate(db, id);
  if (!row) throw notFound('责任清单模板');
  return presentTemplate(row);
}

export async function createTemplate(db: Kdb, actor: Actor, p: Principal, input: z.infer<typeof templateCreateBody>): Promise<number> {
  const org = await issuingOrg(db, p, undefined);
  return db.transaction().execute(async (trx) => {
    const at = nowIso();
    const id = await insertTemplate(trx, {
      org_id: org.id, holder_role: input.holderRole, name: input.name, notes: input.notes ?? null, entries: JSON.stringify(input.entries),
      created_by: actor.userId, created_at: at, updated_at: at,
    });
    await writeAudit(trx, actor, { action: 'duty_template.create', objectType: 'duty_template', objectId: id, orgId: org.id, details: { name: input.name, entries: input.entries.length } });
    return id;
  });
}

export async function updateTemplate(db: Kdb, actor: Actor, id: number, input: z.infer<typeof templatePatchBody>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await findTemplate(trx, id);
    if (!row) throw notFound('责任清单模板');
    if (row.version !== input.version) throw staleVersion();
    const before = { name: row.name, notes: row.notes, entries: JSON.parse(row.entries) as unknown };
    const after = { name: input.name ?? row.name, notes: input.notes === undefined ? row.notes : input.notes, entries: input.entries ?? before.entries };
    const changes = changedFields(before, after);
    if (!Object.keys(changes).length) return;
    const ok = await updateTemplateVersioned(trx, id, input.version, { name: after.name, notes: after.notes, entries: JSON.stringify(after.entries), updated_at: nowIso() });
    if (!ok) throw staleVersion();
    await writeAudit(trx, actor, { action: 'duty_template.update', objectType: 'duty_template', objectId: id, orgId: row.org_id, details: { changes: Object.keys(changes) } });
  });
}

/** A duty's deadline in the list's year; one already past when the list is made late falls due today. */
function dutyDeadline(year: number, dueOn: string, earliest: string): string {
  const d = `${year}-${dueOn}`;
  return d < earliest ? earliest : d;
}

/**
 * Makes the year's lists from a template for every holder in its subtree who has none yet (one per holder and year,
 * by the unique holder key), with one duty item per template entry, in one transaction. `createdAt` is for the demo.
 */
export async function generateLists(trx: Executor, actor: Actor, templateId: number, year: number, createdAt?: string) {
  const template = await findTemplate(trx, templateId);
  if (!template) throw notFound('责任清单模板');
  const holders = template.holder_role === 'secretary'
    ? (await branchHolders(trx, template.orgPath)).map((h) => ({ key: `org:${h.orgId}`, orgId: h.orgId, unitId: h.unitId ?? null, name: h.holderName, memberId: h.memberId, userId: h.userId ?? null }))
    : (await unitHolders(trx, template.orgPath)).map((h) => ({ key: `unit:${h.unitId}`, orgId: h.orgId, unitId: h.unitId, name: h.holderName, memberId: null, userId: h.userId }));
  const have = await existingHolderKeys(trx, year, template.holder_role);
  const fresh = holders.filter((h) => !have.has(h.key));
  if (!fresh.length) return { created: 0, existing: holders.length, duties: 0 };
  const at = createdAt ?? nowIso();
  const rows: Insertable<DutyListTable>[] = fresh.map((h) => ({
    template_id: template.id, year, holder_role: template.holder_role, org_id: h.orgId, unit_id: h.unitId, holder_key: h.key,
    holder_name: h.name, holder_member_id: h.memberId, holder_user_id: h.userId, created_by: actor.userId, created_at: at, updated_at: at,
  }));
  const listIds = await insertDutyLists(trx, rows);
  const entries = JSON.parse(template.entries) as TemplateEntry[];
  const earliest = createdAt ? zoneDateOf(createdAt) : today();
  const items: NewWorkItem[] = fresh.flatMap((h, i) => entries.map((e) => ({
    title: e.title, description: e.description ?? null, requiredEvidence: e.requiredEvidence ?? null, sourceKind: 'duty_list', sourceId: listIds[i],
    ownerOrgId: h.orgId, responsibleUserId: h.userId, responsibleMemberId: h.memberId, verifierOrgId: template.org_id,
    deadline: dutyDeadline(year, e.dueOn, earliest), tags: ['责任清单'], createdAt,
  })));
  await createWorkItems(trx, actor, items);
  await writeAudit(trx, actor, { action: 'duty_list.generate', objectType: 'duty_template', objectId: template.id, orgId: template.org_id, details: { year, lists: fresh.length, duties: items.length } });
  return { created: fresh.length, existing: holders.length - fresh.length, duties: items.length };
}

/** The body names the template: one outside the caller's scope is not found, like a URL naming it. */
export async function generateForYear(db: Kdb, actor: Actor, p: Principal, input: z.infer<typeof generateBody>) {
  const template = await findTemplate(db, input.templateId);
  if (!template || !p.canAt('workitem.assign', template.orgPath)) throw notFound('责任清单模板');
  if (input.year < Number(today().slice(0, 4))) throw badRequest(`${input.year} 年已过去，不能再生成责任清单`, [{ path: 'year', message: '年度：不能早于今年' }]);
  return db.transaction().execute((trx) => generateLists(trx, actor, input.templateId, input.year));
}

export async function dutyListsFor(db: Kdb, p: Principal, q: z.infer<typeof dutyListQuery>) {
  const { rows, total } = await listDutyLists(db, { scope: p.scope('workitem.read'), year: q.year, holderRole: q.holderRole, q: q.q || undefined, page: q.page, pageSize: q.pageSize });
  const progress = await listProgress(db, rows.map((r) => r.id), today());
  return { items: rows.map((r) => presentList(r, progress.get(r.id))), total };
}

export async function dutyListDetail(db: Kdb, id: number) {
  const row = await findDutyList(db, id);
  if (!row) throw notFound('责任清单');
  const on = today();
  const [progress, duties] = await Promise.all([listProgress(db, [id], on), dutiesOf(db, id)]);
  return {
    ...presentList(row, progress.get(id)),
    duties: duties.map((d) => ({ workItemId: d.id, title: d.title, deadline: d.deadline, state: d.state, overdue: !['signed_off', 'cancelled'].includes(d.state) && d.deadline < on })),
  };
}

export async function unitProgressFor(db: Kdb, p: Principal, year: number) {
  const rows = await unitProgress(db, p.scope('workitem.read'), year, today());
  return wholeList(rows.map((r) => ({ unitId: r.unitId, unitName: r.unitName, lists: r.lists, progress: presentProgress(r.progress) })));
}

/** Adjusting one person's list: an extra duty, verified like the others by the committee that keeps the template. */
export async function addDuty(db: Kdb, actor: Actor, p: Principal, id: number, input: z.infer<typeof dutyAddBody>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const list = await findDutyList(trx, id);
    if (!list) throw notFound('责任清单');
    const template = list.template_id ? await findTemplate(trx, list.template_id) : undefined;
    const verifierOrgId = template?.org_id ?? (await issuingOrg(trx, p, undefined)).id;
    await createWorkItems(trx, actor, [{
      title: input.title, description: input.description ?? null, requiredEvidence: input.requiredEvidence ?? null, sourceKind: 'duty_list', sourceId: id,
      ownerOrgId: list.org_id, responsibleUserId: list.holder_user_id, responsibleMemberId: list.holder_member_id, verifierOrgId, deadline: input.deadline, tags: ['责任清单'],
    }], { field: 'deadline' });
    await writeAudit(trx, actor, { action: 'duty_list.add_duty', objectType: 'duty_list', objectId: id, orgId: list.org_id, details: { title: input.title, deadline: input.deadline } });
  });
}

export async function updateDutyList(db: Kdb, actor: Actor, id: number, input: z.infer<typeof dutyListPatchBody>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const list = await findDutyList(trx, id);
    if (!list) throw notFound('责任清单');
    if (list.version !== input.version) throw staleVersion();
    if (list.holder_name === input.holderName) return;
    if (!(await updateDutyListVersioned(trx, id, input.version, { holder_name: input.holderName, updated_at: nowIso() }))) throw staleVersion();
    await writeAudit(trx, actor, { action: 'duty_list.update', objectType: 'duty_list', objectId: id, orgId: list.org_id, details: { changes: { holderName: [list.holder_name, input.holderName] } } });
  });
}
