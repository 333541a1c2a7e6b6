import type { z } from 'zod';
import type { Executor, Kdb } from '../../platform/db/database.js';
import type { Principal } from '../../platform/access/principal.js';
import { changedFields, systemActor, writeAudit, type Actor } from '../../platform/audit/audit-log.js';
import { badRequest, notFound, staleVersion } from '../../platform/errors.js';
import { nowIso, today } from '../../platform/time.js';
import { createWorkItems } from '../engine/work-item.service.js';
import { checklistReceiverTypes, receiversUnder } from '../prompts/fan-out.repository.js';
import { issuingOrg } from '../prompts/issuer.js';
import { appliesIn, monthDeadline, monthOf, ratePercent } from './checklist.rules.js';
import {
  closeRatesByOrg, entryOrgIds, findDefinition, insertDefinition, insertEntries, listDefinitions, updateDefinitionVersioned,
  type DefinitionRow,
} from './checklists.repository.js';
import type { definitionCreateBody, definitionPatchBody } from './checklists.schemas.js';

/*
 * Monthly checklists (月结清单): the committee defines what every branch in its subtree must close each month; at
 * the start of each month the items are created, one per definition and branch (the entries' primary key makes a
 * repeated run create nothing new). Each item is verified by the defining organisation.
 */

function presentDefinition(d: DefinitionRow) {
  return {
    id: d.id, orgId: d.org_id, orgName: d.orgName, title: d.title, description: d.description, requiredEvidence: d.required_evidence,
    dueDay: d.due_day, fromMonth: d.from_month, toMonth: d.to_month, sortOrder: d.sort_order, version: d.version,
  };
}

function checkMonths(fromMonth: string, toMonth: string | null | undefined): void {
  if (toMonth && toMonth < fromMonth) throw badRequest('截止月份早于起始月份', [{ path: 'toMonth', message: '截止月份：不能早于起始月份' }]);
}

export async function definitionsFor(db: Kdb, p: Principal) {
  const rows = await listDefinitions(db, p.scope('workitem.assign'));
  return { items: rows.map(presentDefinition), total: rows.length };
}

export async function definitionDetail(db: Kdb, id: number) {
  const row = await findDefinition(db, id);
  if (!row) throw notFound('月结清单事项');
  return presentDefinition(row);
}

export async function createDefinition(db: Kdb, actor: Actor, p: Principal, input: z.infer<typeof definitionCreateBody>): Promise<number> {
  const org = await issuingOrg(db, p, input.orgId);
  checkMonths(input.fromMonth, input.toMonth);
  return db.transaction().execute(async (trx) => {
    const at = nowIso();
    const id = await insertDefinition(trx, {
      org_id: org.id, title: input.title, description: input.description ?? null, required_evidence: input.requiredEvidence ?? null,
      due_day: input.dueDay, from_month: input.fromMonth, to_month: input.toMonth ?? null, sort_order: input.sortOrder ?? 0,
      created_by: actor.userId, created_at: at, updated_at: at,
    });
    await writeAudit(trx, actor, { action: 'checklist_definition.create', objectType: 'checklist_definition', objectId: id, orgId: org.id, details: { title: input.title } });
    return id;
  });
}

/** Changes apply to the months whose items are not yet created; items already handed out keep what they said. */
export async function updateDefinition(db: Kdb, actor: Actor, id: number, input: z.infer<typeof definitionPatchBody>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await findDefinition(trx, id);
    if (!row) throw notFound('月结清单事项');
    if (row.version !== input.version) throw staleVersion();
    const before = { title: row.title, description: row.description, requiredEvidence: row.required_evidence, dueDay: row.due_day, fromMonth: row.from_month, toMonth: row.to_month, sortOrder: row.sort_order };
    const after = {
      title: input.title ?? row.title,
      description: input.description === undefined ? row.description : input.description,
      requiredEvidence: input.requiredEvidence === undefined ? row.required_evidence : input.requiredEvidence,
      dueDay: input.dueDay ?? row.due_day,
      fromMonth: input.fromMonth ?? row.from_month,
      toMonth: input.toMonth === undefined ? row.to_month : input.toMonth,
      sortOrder: input.sortOrder ?? row.sort_order,
    };
    checkMonths(after.fromMonth, after.toMonth);
    const changes = changedFields(before, after);
    if (!Object.keys(changes).length) return;
    const ok = await updateDefinitionVersioned(trx, id, input.version, {
      title: after.title, description: after.description, required_evidence: after.requiredEvidence, due_day: after.dueDay,
      from_month: after.fromMonth, to_month: after.toMonth, sort_order: after.sortOrder, updated_at: nowIso(),
    });
    if (!ok) throw staleVersion();
    await writeAudit(trx, actor, { action: 'checklist_definition.update', objectType: 'checklist_definition', objectId: id, orgId: row.org_id, details: { changes } });
  });
}

/**
 * Creates the month's items for the given definitions: for each one applying in `month`, one item per active
 * branch under its organisation that has none yet. The items are created in the name of the definition's author
 * (the engine records a person as every item's creator); `createdAt` lets the demo write past months.
 */
export async function createMonthItems(trx: Executor, actor: Actor, defs: readonly DefinitionRow[], month: string, createdAt?: string) {
  let created = 0;
  let existing = 0;
  const at = createdAt ?? nowIso();
  for (const def of defs.filter((d) => appliesIn(d, month))) {
    const branches = await receiversUnder(trx, [def.orgPath], checklistReceiverTypes);
    const have = await entryOrgIds(trx, def.id, month);
    const fresh = branches.filter((b) => !have.has(b.id));
    existing += branches.length - fresh.length;
    if (!fresh.length) continue;
    const creator = actor.userId ?? def.created_by;
    if (creator == null) continue;
    const ids = await createWorkItems(trx, { ...actor, userId: creator }, fresh.map((b) => ({
      title: `${month} ${def.title}`, description: def.description, sourceKind: 'monthly_checklist', sourceId: def.id, ownerOrgId: b.id,
      verifierOrgId: def.org_id, deadline: monthDeadline(month, def.due_day), requiredEvidence: def.required_evidence,
      tags: ['月结清单'], createdAt,
    })));
    await insertEntries(trx, fresh.map((b, i) => ({ definitionId: def.id, month, orgId: b.id, workItemId: ids[i], at })));
    created += fresh.length;
  }
  return { month, created, existing };
}

/** The committee runs a month by hand (the job does the current one by itself); only months not yet past. */
export async function runMonth(db: Kdb, actor: Actor, p: Principal, month: string) {
  if (month < monthOf(today())) throw badRequest(`${month} 已过去，不能再生成月结清单`, [{ path: 'month', message: '月份：不能早于本月' }]);
  return db.transaction().execute(async (trx) => {
    const result = await createMonthItems(trx, actor, await listDefinitions(trx, p.scope('workitem.assign')), month);
    await writeAudit(trx, actor, { action: 'checklist.run', objectType: 'checklist_month', objectId: month, details: result });
    return result;
  });
}

/** The scheduled run: the current month for every definition, in the definitions' authors' names. */
export async function runCurrentMonth(db: Kdb): Promise<string | undefined> {
  const result = await db.transaction().execute(async (trx) => createMonthItems(trx, systemActor, await listDefinitions(trx), monthOf(today())));
  return result.created ? `created ${result.created} checklist items for ${result.month}` : undefined;
}

export async function closeRates(db: Kdb, p: Principal, month: string, under: string | undefined) {
  const items = (await closeRatesByOrg(db, { scope: p.scope('workitem.read'), under, month, today: today() }))
    .map((r) => ({ orgId: r.orgId, orgName: r.orgName, total: r.total, signedOff: r.signedOff, onTime: r.onTime, submitted: r.submitted, returned: r.returned, overdue: r.overdue, rate: ratePercent(r.signedOff, r.total) }));
  const total = items.reduce((s, r) => s + r.total, 0);
  const signedOff = items.reduce((s, r) => s + r.signedOff, 0);
  return { month, total, signedOff, rate: ratePercent(signedOff, total), items };
}
