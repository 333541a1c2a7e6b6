import type { z } from 'zod';
import type { Executor, Kdb } from '../../platform/db/database.js';
import type { Org } from '../../platform/db/schema.js';
import type { Principal } from '../../platform/access/principal.js';
import type { Scope } from '../../platform/access/scope.js';
import { changedFields, writeAudit, type Actor } from '../../platform/audit/audit-log.js';
import { badRequest, conflict, forbidden, notFound, staleVersion } from '../../platform/errors.js';
import { nowIso, today } from '../../platform/time.js';
import { visibleUnitIds } from '../units/unit.repository.js';
import { unitVisibility } from '../units/unit.service.js';
import {
  deleteOrgRow, eventsOfOrg, findOrg, findOrgNames, insertOrg, insertOrgEvents, listOrgs, memberCountsByOrg, orgPathOf,
  orgUsage, setOrgUnits, unitsOfOrg, updateOrgVersioned, activeOrgsInScope, type OrgEventInput,
} from './org.repository.js';
import { officersOf } from './officer.repository.js';
import { findingsOf, loadFindingInputs, rollUpCounts } from './finding.service.js';
import { presentOrgDetail, presentOrgItem, presentTree } from './org.presenter.js';
import { defaultTermYears, MAX_UNITS_PER_BRANCH, placementError, termEnd, type OrgType } from './org.rules.js';
import type { OrgDetail, orgCreateBody, orgListQuery, orgPatchBody } from './org.schemas.js';

/** The subtree a `rootId` filter names, or null when it names nothing (the answer is then empty). */
export async function rootFilterPath(db: Executor, rootId: number | undefined): Promise<string | undefined | null> {
  if (rootId === undefined) return undefined;
  return orgPathOf(db, rootId);
}

export async function listOrgsFor(db: Kdb, principal: Principal, q: z.infer<typeof orgListQuery>) {
  const scope = principal.scope('org.read');
  const under = await rootFilterPath(db, q.rootId);
  if (under === null) return { items: [], total: 0 };
  const { rows, total } = await listOrgs(db, {
    scope, underPath: under, parentId: q.parentId, type: q.type, q: q.q || undefined,
    status: q.status === 'all' ? undefined : q.status, termEndBefore: q.termEndBefore, page: q.page, pageSize: q.pageSize,
  });
  const counts = rows.length ? rollUpCounts(await memberCountsByOrg(db, scope, under)) : new Map();
  return { items: rows.map((o) => presentOrgItem(o, counts)), total };
}

export async function orgTreeFor(db: Kdb, principal: Principal) {
  const scope = principal.scope('org.read');
  const [nodes, countRows] = await Promise.all([activeOrgsInScope(db, scope), memberCountsByOrg(db, scope)]);
  return { items: presentTree(nodes, rollUpCounts(countRows)), total: nodes.length };
}

/** The route's resource check has already placed the organisation in the caller's scope. */
export async function orgDetail(db: Kdb, scope: Scope, id: number): Promise<OrgDetail> {
  const org = await findOrg(db, id);
  if (!org) throw notFound('党组织');
  const [inputs, parentNames, units, officers, events] = await Promise.all([
    loadFindingInputs(db, scope, org.path),
    findOrgNames(db, org.parent_id ? [org.parent_id] : []),
    unitsOfOrg(db, id),
    officersOf(db, id),
    eventsOfOrg(db, id),
  ]);
  return presentOrgDetail({
    org,
    counts: inputs.counts,
    parentName: org.parent_id ? parentNames.get(org.parent_id) ?? null : null,
    units,
    officers,
    findings: findingsOf(inputs).filter((f) => f.orgId === id),
    events,
  });
}

export function assertActive(org: Org): void {
  if (org.status !== 'active') throw conflict('该党组织已合并或撤销，不能再修改');
}

/** The parent's path: '/1/5/23/' → '/1/5/'. */
export function parentPath(path: string): string {
  return path.slice(0, path.slice(0, -1).lastIndexOf('/') + 1);
}

/**
 * Setting up, moving, merging, dissolving and deleting an organisation are the upper organisation's decisions
 * (上级党组织批准), so they need org.write over the parent, not only over the organisation itself: a branch
 * secretary keeps their branch's record but cannot dissolve it.
 */
export function assertParentDecides(principal: Principal, org: Org): void {
  if (org.parent_id === null) throw conflict('机关工委是组织树的根，不能移动、合并、撤销或删除');
  if (!principal.canAt('org.write', parentPath(org.path))) throw forbidden('该操作需由上级党组织办理');
}

/** A body field naming an organisation the caller may write under; anything else reads as "not found". */
export async function writableOrg(db: Executor, principal: Principal, id: number, field: string, label: string): Promise<Org> {
  const org = await findOrg(db, id);
  if (!org || !principal.canAt('org.write', org.path)) {
    throw badRequest(`${label}不存在或无权访问`, [{ path: field, message: `${label}不存在或无权访问` }]);
  }
  if (org.status !== 'active') throw badRequest(`${label}已合并或撤销`, [{ path: field, message: `${label}已合并或撤销` }]);
  return org;
}

export function eventDate(onDate: string | undefined): string {
  const d = onDate ?? today();
  if (d > today()) throw badRequest('日期不能晚于今天', [{ path: 'onDate', message: '日期：不能晚于今天' }]);
  return d;
}

async function checkUnits(db: Executor, principal: Principal, type: OrgType, unitIds: readonly number[]): Promise<void> {
  if (!unitIds.length) return;
  const fail = (message: string, path = 'unitIds') => badRequest(message, [{ path, message }]);
  if (type === 'group') throw fail('党小组不单独对应机关单位');
  if (type === 'branch' && unitIds.length > MAX_UNITS_PER_BRANCH) {
    throw fail(`一个党支部最多服务${MAX_UNITS_PER_BRANCH}个机关单位（联合党支部不超过${MAX_UNITS_PER_BRANCH}个单位）`);
  }
  const visible = new Set(await visibleUnitIds(db, unitIds, unitVisibility(principal)));
  const missing = unitIds.map((id, i) => ({ id, i })).filter((u) => !visible.has(u.id));
  if (missing.length) {
    throw badRequest('机关单位不存在或无权访问', missing.map((u) => ({ path: `unitIds.${u.i}`, message: '机关单位不存在或无权访问' })));
  }
}

function checkTerm(type: OrgType, termStart: string | null | undefined, termYears: number | null | undefined): void {
  if (type === 'group' && (termStart || termYears)) throw badRequest('党小组不设任期', [{ path: termStart ? 'termStart' : 'termYears', message: '党小组不设任期' }]);
}

/** An organisation's editable fields as the audit log and events record them. */
function fieldsOf(o: Pick<Org, 'name' | 'founded_on' | 'term_start' | 'term_years' | 'term_end' | 'notes' | 'sort_order'>) {
  return { name: o.name, foundedOn: o.founded_on, termStart: o.term_start, termYears: o.term_years, termEnd: o.term_end, notes: o.notes, sortOrder: o.sort_order };
}

export async function createOrg(db: Kdb, actor: Actor, principal: Principal, input: z.infer<typeof orgCreateBody>): Promise<number> {
  const parent = await writableOrg(db, principal, input.parentId, 'parentId', '上级党组织');
  const misplaced = placementError(input.type, parent.type);
  if (misplaced) throw badRequest(misplaced, [{ path: 'type', message: misplaced }]);
  checkTerm(input.type, input.termStart, input.termYears);
  const unitIds = input.unitIds ?? [];
  await checkUnits(db, principal, input.type, unitIds);

  return db.transaction().execute(async (trx) => (await insertRecordedOrg(trx, actor, parent, input, unitIds)).id);
}

type NewOrgInput = Pick<z.infer<typeof orgCreateBody>, 'type' | 'name' | 'sortOrder' | 'foundedOn' | 'termStart' | 'termYears' | 'notes'>;

/** Inserts an organisation under `parent` (null: the root) with its 'created' event and audit row, in the caller's transaction. */
async function insertRecordedOrg(trx: Executor, actor: Actor, parent: Pick<Org, 'id' | 'depth' | 'path'> | null, input: NewOrgInput, unitIds: readonly number[]): Promise<{ id: number; path: string }> {
  const termYears = input.termYears ?? defaultTermYears(input.type);
  const termStart = input.termStart ?? null;
  const at = nowIso();
  const parentId = parent?.id ?? null;
  const values = {
    parent_id: parentId,
    type: input.type,
    name: input.name,
    depth: parent ? parent.depth + 1 : 0,
    sort_order: input.sortOrder ?? 0,
    founded_on: input.foundedOn ?? null,
    term_start: termStart,
    term_years: termYears,
    term_end: termEnd(termStart, termYears),
    merged_into_id: null,
    closed_on: null,
    notes: input.notes ?? null,
    created_at: at,
    updated_at: at,
  };
  const { id, path } = await insertOrg(trx, values, parent?.path ?? null);
  await setOrgUnits(trx, id, unitIds);
  const after = { ...fieldsOf(values), type: input.type, parentId, unitIds };
  await insertOrgEvents(trx, [{ orgId: id, kind: 'created', onDate: input.foundedOn ?? today(), details: { type: input.type, name: input.name, parentId }, userId: actor.userId, at }]);
  await writeAudit(trx, actor, { action: 'org.create', objectType: 'org', objectId: id, orgId: id, details: { path, after } });
  return { id, path };
}

/** The root of the organisation tree (机关工委), set up once when the installation is initialised. */
export function createRootOrg(trx: Executor, actor: Actor, name: string): Promise<{ id: number; path: string }> {
  return insertRecordedOrg(trx, actor, null, { type: 'working_committee', name }, []);
}

export async function updateOrg(db: Kdb, actor: Actor, principal: Principal, id: number, input: z.infer<typeof orgPatchBody>): Promise<void> {
  const org = await findOrg(db, id);
  if (!org) throw notFound('党组织');
  assertActive(org);
  checkTerm(org.type, input.termStart, input.termYears);
  if (input.unitIds) await checkUnits(db, principal, org.type, input.unitIds);

  const termStart = input.termStart === undefined ? org.term_start : input.termStart;
  const termYears = input.termYears === undefined ? org.term_years : input.termYears ?? defaultTermYears(org.type);
  const next = {
    name: input.name ?? org.name,
    founded_on: input.foundedOn === undefined ? org.founded_on : input.foundedOn,
    term_start: termStart,
    term_years: termYears,
    term_end: termEnd(termStart, termYears),
    notes: input.notes === undefined ? org.notes : input.notes,
    sort_order: input.sortOrder ?? org.sort_order,
  };

  await db.transaction().execute(async (trx) => {
    if (org.version !== input.version) throw staleVersion();
    const unitsBefore = (await unitsOfOrg(trx, id)).map((u) => u.id).sort((a, b) => a - b);
    const unitsAfter = input.unitIds ? [...input.unitIds].sort((a, b) => a - b) : unitsBefore;
    const changes = changedFields({ ...fieldsOf(org), unitIds: unitsBefore }, { ...fieldsOf(next), unitIds: unitsAfter });
    if (!Object.keys(changes).length) return;

    const at = nowIso();
    if (!(await updateOrgVersioned(trx, id, input.version, { ...next, updated_at: at }))) throw staleVersion();
    if (changes.unitIds) await setOrgUnits(trx, id, unitsAfter);

    const event = (kind: string, onDate: string, details: Record<string, unknown>): OrgEventInput => ({ orgId: id, kind, onDate, details, userId: actor.userId, at });
    const events: OrgEventInput[] = [];
    if (changes.name) events.push(event('renamed', today(), { from: org.name, to: next.name }));
    if (changes.termStart || changes.termYears) events.push(event('term_changed', next.term_start ?? today(), { termStart: next.term_start, termYears: next.term_years, termEnd: next.term_end }));
    if (changes.unitIds) events.push(event('units_changed', today(), { from: unitsBefore, to: unitsAfter }));
    await insertOrgEvents(trx, events);
    await writeAudit(trx, actor, { action: 'org.update', objectType: 'org', objectId: id, orgId: id, details: { changes } });
  });
}

/** Removes an organisation entered in error. One that was ever used is dissolved instead, keeping its history. */
export async function deleteOrg(db: Kdb, actor: Actor, principal: Principal, id: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const org = await findOrg(trx, id);
    if (!org) throw notFound('党组织');
    assertParentDecides(principal, org);
    const usage = await orgUsage(trx, id);
    const reasons = [
      usage.children && '下级组织或并入记录',
      usage.members && '党员或党员隶属记录',
      usage.officers && '班子成员',
      usage.grants && '用户授权',
    ].filter((r): r is string => !!r);
    if (reasons.length) {
      throw conflict(`该党组织已有${reasons.join('、')}，不能删除；如已停止活动，请办理撤销`, [{ path: 'id', message: '只能删除误录入且从未使用的党组织' }]);
    }
    await deleteOrgRow(trx, id);
    await writeAudit(trx, actor, {
      action: 'org.delete', objectType: 'org', objectId: id, orgId: org.parent_id,
      details: { before: { ...fieldsOf(org), type: org.type, parentId: org.parent_id, path: org.path } },
    });
  });
}
