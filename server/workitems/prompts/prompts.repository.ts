import { sql, type RawBuilder, type Selectable, type SqlBool, type Updateable } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import type { WorkPromptTable } from '../../platform/db/schema-duties.js';
import type { Scope } from '../../platform/access/scope.js';
import { nameContains, scopedUnder } from '../../registry/orgs/org.repository.js';
import { chunks } from '../../registry/members/placement.repository.js';
import { overdueCondition, progressAggregates, toProgress, type Progress } from '../duty-lists/progress.repository.js';

export type PromptRow = Selectable<WorkPromptTable>;

/** The issuing organisation's path: a prompt belongs to the committee that wrote it. */
export async function promptScopePath(db: Executor, id: number): Promise<string | null> {
  const row = await db.selectFrom('work_prompts').innerJoin('orgs', 'orgs.id', 'work_prompts.org_id')
    .select('orgs.path').where('work_prompts.id', '=', id).executeTakeFirst();
  return row?.path ?? null;
}

export async function findPrompt(db: Executor, id: number) {
  return db.selectFrom('work_prompts')
    .innerJoin('orgs', 'orgs.id', 'work_prompts.org_id')
    .leftJoin('orgs as target', 'target.id', 'work_prompts.target_org_id')
    .selectAll('work_prompts')
    .select(['orgs.name as orgName', 'orgs.path as orgPath', 'target.name as targetOrgName'])
    .where('work_prompts.id', '=', id)
    .executeTakeFirst();
}

export interface PromptFilter {
  scope: Scope;
  year?: number;
  kind?: string;
  q?: string;
  page: number;
  pageSize: number;
}

export async function listPrompts(db: Executor, f: PromptFilter) {
  const base = db.selectFrom('work_prompts')
    .innerJoin('orgs', 'orgs.id', 'work_prompts.org_id')
    .where((eb) => eb.and([
      scopedUnder(eb, f.scope),
      ...(f.year ? [eb.or([
        eb.and([eb('work_prompts.issued_on', '>=', `${f.year}-01-01`), eb('work_prompts.issued_on', '<=', `${f.year}-12-31`)]),
        eb.and([eb('work_prompts.issued_on', 'is', null), eb('work_prompts.deadline', 'like', `${f.year}-%`)]),
      ])] : []),
      ...(f.kind ? [eb('work_prompts.kind', '=', f.kind as PromptRow['kind'])] : []),
      ...(f.q ? [nameContains(eb.ref('work_prompts.title'), f.q)] : []),
    ]));
  const { total } = await base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = await base.selectAll('work_prompts').select('orgs.name as orgName')
    .orderBy('work_prompts.issued_on', 'desc').orderBy('work_prompts.id', 'desc')
    .limit(f.pageSize).offset((f.page - 1) * f.pageSize)
    .execute();
  return { rows, total: Number(total) };
}

export async function insertPrompt(trx: Executor, values: Omit<WorkPromptTable, 'id' | 'version' | 'target_org_id' | 'issued_on' | 'issued_by'>): Promise<number> {
  const row = await trx.insertInto('work_prompts')
    .values({ ...values, target_org_id: null, issued_on: null, issued_by: null })
    .returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function updatePromptVersioned(trx: Executor, id: number, version: number, set: Updateable<WorkPromptTable>): Promise<boolean> {
  const res = await trx.updateTable('work_prompts')
    .set((eb) => ({ ...set, version: eb('version', '+', 1) }))
    .where('id', '=', id).where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function markIssued(trx: Executor, id: number, v: { targetOrgId: number; on: string; by: number | null; at: string }): Promise<void> {
  await trx.updateTable('work_prompts')
    .set((eb) => ({
      target_org_id: v.targetOrgId,
      issued_on: eb.fn.coalesce('issued_on', eb.val(v.on)),
      issued_by: eb.fn.coalesce('issued_by', eb.val(v.by)),
      updated_at: v.at,
      version: eb('version', '+', 1),
    }))
    .where('id', '=', id).execute();
}

/** Organisations (of `orgIds`) that already hold an item of the prompt. */
export async function receiptOrgIds(db: Executor, promptId: number): Promise<Set<number>> {
  const rows = await db.selectFrom('work_prompt_receipts').select('org_id').where('prompt_id', '=', promptId).execute();
  return new Set(rows.map((r) => r.org_id));
}

export async function insertReceipts(trx: Executor, rows: ReadonlyArray<{ promptId: number; orgId: number; workItemId: number; at: string }>): Promise<void> {
  for (const part of chunks(rows, 500)) {
    await trx.insertInto('work_prompt_receipts')
      .values(part.map((r) => ({ prompt_id: r.promptId, org_id: r.orgId, work_item_id: r.workItemId, created_at: r.at })))
      .execute();
  }
}

/** Prompts issued per month of a year, by kind, from the issuing organisations in scope. */
export async function issuedPerMonth(db: Executor, scope: Scope, year: number) {
  const rows = await db.selectFrom('work_prompts')
    .innerJoin('orgs', 'orgs.id', 'work_prompts.org_id')
    .select(['work_prompts.kind', 'work_prompts.issued_on'])
    .where((eb) => scopedUnder(eb, scope))
    .where('work_prompts.issued_on', '>=', `${year}-01-01`)
    .where('work_prompts.issued_on', '<=', `${year}-12-31`)
    .execute();
  return rows.map((r) => ({ kind: r.kind, month: r.issued_on!.slice(0, 7) }));
}

/** Receipt counts per prompt (receivers, acknowledged, reported, signed off, overdue). */
export async function receiptProgress(db: Executor, promptIds: readonly number[], today: string): Promise<Map<number, Progress>> {
  if (!promptIds.length) return new Map();
  const rows = await db.selectFrom('work_prompt_receipts')
    .innerJoin('work_items', 'work_items.id', 'work_prompt_receipts.work_item_id')
    .select('work_prompt_receipts.prompt_id as promptId')
    .select(Object.values(progressAggregates(today)))
    .where('work_prompt_receipts.prompt_id', 'in', promptIds)
    .groupBy('work_prompt_receipts.prompt_id')
    .execute();
  return new Map(rows.map((r) => [r.promptId, toProgress(r)]));
}

export type ReceiptStatus = 'not_acknowledged' | 'not_reported' | 'reported' | 'signed_off' | 'overdue';

/** When each receiving secretary acknowledged (签收): the item's first move to in_progress. */
const acknowledgedAt = sql<string | null>`(select min(e.created_at) from work_item_events e where e.work_item_id = work_items.id and e.to_state = 'in_progress')`;

function receiptStatusWhere(status: ReceiptStatus | undefined, today: string): RawBuilder<unknown> {
  switch (status) {
    case 'not_acknowledged': return sql`work_items.state in ('draft', 'assigned')`;
    case 'not_reported': return sql`work_items.state in ('draft', 'assigned', 'in_progress', 'returned')`;
    case 'reported': return sql`work_items.state = 'submitted'`;
    case 'signed_off': return sql`work_items.state = 'signed_off'`;
    case 'overdue': return overdueCondition(today);
    default: return sql`work_items.state <> 'cancelled'`;
  }
}

/** The receipt board of one prompt: every receiving organisation with the state of its item. */
export async function listReceipts(db: Executor, f: { promptId: number; status?: ReceiptStatus; today: string; page: number; pageSize: number }) {
  const base = db.selectFrom('work_prompt_receipts')
    .innerJoin('work_items', 'work_items.id', 'work_prompt_receipts.work_item_id')
    .innerJoin('orgs', 'orgs.id', 'work_prompt_receipts.org_id')
    .where('work_prompt_receipts.prompt_id', '=', f.promptId)
    .where(receiptStatusWhere(f.status, f.today) as RawBuilder<SqlBool>);
  const { total } = await base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = await base
    .select([
      'orgs.id as orgId', 'orgs.name as orgName', 'orgs.type as orgType', 'work_items.id as workItemId',
      'work_items.state', 'work_items.deadline', 'work_items.submitted_at as reportedAt', acknowledgedAt.as('acknowledgedAt'),
    ])
    .orderBy('orgs.path')
    .limit(f.pageSize).offset((f.page - 1) * f.pageSize)
    .execute();
  return { rows, total: Number(total) };
}

/** Prompts received by the organisations in scope (the secretary's side), newest first. */
export async function listReceived(db: Executor, f: { scope: Scope; open?: boolean; page: number; pageSize: number }) {
  const base = db.selectFrom('work_prompt_receipts')
    .innerJoin('work_prompts', 'work_prompts.id', 'work_prompt_receipts.prompt_id')
    .innerJoin('work_items', 'work_items.id', 'work_prompt_receipts.work_item_id')
    .innerJoin('orgs', 'orgs.id', 'work_prompt_receipts.org_id')
    .where((eb) => scopedUnder(eb, f.scope))
    .where('work_items.state', f.open === undefined ? '<>' : f.open ? 'in' : 'not in',
      f.open === undefined ? 'cancelled' : ['draft', 'assigned', 'in_progress', 'returned']);
  const { total } = await base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = await base
    .select([
      'work_prompts.id as promptId', 'work_prompts.kind', 'work_prompts.title', 'work_prompts.body', 'work_prompts.required_evidence as requiredEvidence',
      'work_prompts.issued_on as issuedOn', sql<string>`(select i.name from orgs i where i.id = work_prompts.org_id)`.as('issuerName'),
      'orgs.id as orgId', 'orgs.name as orgName', 'orgs.type as orgType', 'work_items.id as workItemId',
      'work_items.state', 'work_items.deadline', 'work_items.submitted_at as reportedAt', acknowledgedAt.as('acknowledgedAt'),
    ])
    .orderBy('work_items.deadline', 'desc').orderBy('work_prompts.id', 'desc').orderBy('orgs.path')
    .limit(f.pageSize).offset((f.page - 1) * f.pageSize)
    .execute();
  return { rows, total: Number(total) };
}
