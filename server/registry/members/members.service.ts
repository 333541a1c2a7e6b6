import type { Principal } from '../../platform/access/principal.js';
import { writeAudit, type Actor } from '../../platform/audit/audit-log.js';
import { AppError, badRequest, conflict, notFound, staleVersion, type ErrorDetail } from '../../platform/errors.js';
import type { AppContext } from '../../platform/http/context.js';
import { today } from '../../platform/time.js';
import { GenerationCache } from '../../platform/cache/generation-cache.js';
import { wholeList } from '../../platform/http/validation.js';
import type { LedgerRules } from './ledgers.js';
import { checkMember, memberFieldLabels, type Detail, type MemberInput, type MemberPatch } from './member-input.js';
import { changedColumns, ID_NUMBER_FIELD, PHONE_FIELD, sameLedgers, toMemberWrite, type LedgerFlag, type MemberRow } from './member-write.js';
import {
  deleteMember as deleteMemberRow,
  findMember,
  insertMembers,
  ledgerFlagsOf,
  countMemberRows,
  memberIdByIdNumberHash,
  memberListQuery,
  memberRowsPage,
  memberReferences,
  type MemberReference,
  placementTarget,
  recordExit,
  updateMember,
  type ListEnv,
  type MemberFilters,
  type MemberRecord,
} from './members.repository.js';
import { presentDetail, presentListItem, presentPlacement } from './members.presenter.js';
import { placementHistory } from './placement.repository.js';
import { findOrgNames } from '../orgs/org.repository.js';
import { pathIds } from '../orgs/org.rules.js';
import type { z } from 'zod';
import type { exitBodySchema, MemberListQueryInput, revealableFields } from './members.schemas.js';

/** Who is calling: for audit rows, and for the write scope of a placement. */
export interface Caller {
  actor: Actor;
  principal: Principal;
}

export async function ledgerRules(ctx: AppContext): Promise<LedgerRules> {
  return { today: today(), veteranMinPartyYears: (await ctx.policies()).veteranMinPartyYears };
}

/** Everything `memberListQuery` needs besides the database; the roster export uses it too. */
export async function memberListEnv(ctx: AppContext): Promise<ListEnv> {
  return { ...(await ledgerRules(ctx)), cipher: ctx.cipher, blindIndex: ctx.blindIndex };
}

export function toMemberFilters(q: Pick<MemberListQueryInput, 'orgId' | 'q' | 'status' | 'ledger' | 'exited'>): MemberFilters {
  return { orgId: q.orgId, q: q.q, status: q.status, ledger: q.ledger, exited: q.exited === 'all' ? 'all' : q.exited === 'true' };
}

/**
 * The member list's answers and totals, kept while the registry's tables are unchanged (D20): one per app, so two
 * apps over two databases (the tests) never share one. Sized in list rows: about 10 MB at most.
 */
export function memberListCache() {
  return {
    pages: new GenerationCache<MemberListAnswer>(20_000, (a) => a.items.length),
    totals: new GenerationCache<number>(5_000),
  };
}
export type MemberListCache = ReturnType<typeof memberListCache>;
type MemberListAnswer = { items: ReturnType<typeof presentListItem>[]; total: number };

/**
 * `generation`: the registry's generation as the request found it on arrival (access-hooks), read before any of
 * the rows, so an answer is never filed under a generation newer than what it saw.
 */
export async function listMembers(
  ctx: AppContext, principal: Principal, query: MemberListQueryInput, cache: MemberListCache, generation: number,
): Promise<MemberListAnswer> {
  const db = ctx.db.kysely;
  const env = await memberListEnv(ctx);
  const scope = principal.scope('member.read');
  const filters = toMemberFilters(query);
  // Everything the answer depends on besides the registry's tables: the scope, the filters, and the date and
  // veteran rule that decide the ledgers shown.
  const listKey = JSON.stringify([scope.paths, filters, env.today, env.veteranMinPartyYears]);
  const pageKey = JSON.stringify([listKey, query.sort, query.order, query.page, query.pageSize]);
  return cache.pages.get(pageKey, generation, async () => {
    const q = await memberListQuery(db, scope, filters, env);
    // The total is shared by every page and sort of the same list: paging on costs only the page's rows.
    const total = await cache.totals.get(listKey, generation, () => countMemberRows(q));
    const rows = await memberRowsPage(q, query);
    const flags = await ledgerFlagsOf(db, rows.map((r) => r.id));
    return { items: rows.map((r) => presentListItem(r, flags.get(r.id) ?? [], env)), total };
  });
}

async function loadDetail(ctx: AppContext, id: number) {
  const db = ctx.db.kysely;
  const rec = await findMember(db, id);
  if (!rec) throw notFound('党员');
  const flags = (await ledgerFlagsOf(db, [id])).get(id) ?? [];
  return { rec, flags };
}

export async function getMember(ctx: AppContext, id: number) {
  const { rec, flags } = await loadDetail(ctx, id);
  return presentDetail(rec, flags, await ledgerRules(ctx), recordWarnings(ctx, rec, flags));
}

/**
 * Where the member belonged, newest first (issue 2 §3), or with `asOf` the placement in force that day. The route
 * has found the member in the caller's scope by their current organisation; the earlier ones are shown whatever
 * the caller's scope, as part of this member's record.
 */
export async function getMemberPlacements(ctx: AppContext, id: number, asOf?: string) {
  return wholeList((await placementHistory(ctx.db.kysely, id, asOf)).map(presentPlacement));
}

/**
 * What the write check (`checkMember`) questions on the record as stored, for the detail to show: the warnings a
 * write answered with are gone once the page reads the record again, and a probation runs out with no write at all.
 * Errors count too: a record stored before a rule became one (an extended probation ended too early) is to be
 * verified like any warning. A member who left is not judged: no decision about them is still due.
 */
function recordWarnings(ctx: AppContext, rec: MemberRecord, flags: LedgerFlag[]): Detail[] {
  if (rec.exit_reason) return [];
  // Ledger flags were judged when written and take part in no rule across fields.
  const check = checkMember({ ...recordAsInput(ctx, rec, flags), ledgers: undefined }, today());
  return [...check.errors, ...check.warnings];
}

/**
 * The signed-in member's own record (users.member_id), masked like any detail, with the names of the
 * organisations above theirs: a plain member cannot read the org tree, and a group's name alone
 * (第一党小组) does not say whose group it is. The root (the working committee) is left out.
 */
/** A member's own 组织关系变动, read with no permission over the roster. */
export async function getOwnPlacements(ctx: AppContext, principal: Principal) {
  if (principal.memberId === null) throw notFound('本人的党员信息');
  return getMemberPlacements(ctx, principal.memberId);
}

export async function getOwnMember(ctx: AppContext, principal: Principal) {
  if (principal.memberId === null) throw notFound('本人的党员信息');
  const { rec, flags } = await loadDetail(ctx, principal.memberId);
  const ids = pathIds(rec.org_path);
  const shown = ids.length > 1 ? ids.slice(1) : ids;
  const names = await findOrgNames(ctx.db.kysely, shown);
  return { ...presentDetail(rec, flags, await ledgerRules(ctx), recordWarnings(ctx, rec, flags)), orgPathNames: shown.map((id) => names.get(id) ?? '') };
}

function invalid(details: ErrorDetail[]): AppError {
  return new AppError(400, 'validation', `输入有误：${details.map((d) => d.message).join('；')}`, details);
}

/** A member may be placed in an active branch or group within the caller's write scope. */
async function assertPlacement(ctx: AppContext, principal: Principal, orgId: number): Promise<void> {
  const org = await placementTarget(ctx.db.kysely, orgId);
  const label = memberFieldLabels.orgId;
  if (!org || !principal.canAt('member.write', org.path)) {
    throw badRequest(`${label}不存在或无权访问`, [{ path: 'orgId', message: `${label}：不存在或无权访问` }]);
  }
  if ((org.type !== 'branch' && org.type !== 'group') || org.status !== 'active') {
    throw badRequest('党员只能编入现有的党支部或党小组', [{ path: 'orgId', message: `${label}：应为现有的党支部或党小组` }]);
  }
}

async function assertIdNumberFree(ctx: AppContext, hash: string, exceptId: number | null): Promise<void> {
  const holder = await memberIdByIdNumberHash(ctx.db.kysely, hash);
  // Says only that the number is taken, not where: the holder may be outside the caller's scope.
  if (holder !== null && holder !== exceptId) {
    throw conflict('该身份证号已登记，不能重复登记', [{ path: 'idNumber', message: `${memberFieldLabels.idNumber}：已登记，不能重复` }]);
  }
}

function judged(input: unknown): { value: MemberInput; warnings: Detail[] } {
  const check = checkMember(input, today());
  if (check.errors.length || !check.value) throw invalid(check.errors);
  return { value: check.value, warnings: check.warnings };
}

export async function createMember(ctx: AppContext, caller: Caller, input: MemberInput) {
  const { value, warnings } = judged(input);
  await assertPlacement(ctx, caller.principal, value.orgId);
  const write = toMemberWrite(ctx, value);
  await assertIdNumberFree(ctx, write.row.id_number_hash, null);
  const id = await ctx.db.kysely.transaction().execute(async (trx) => {
    const [newId] = await insertMembers(trx, [write], today());
    await writeAudit(trx, caller.actor, {
      action: 'member.create', objectType: 'member', objectId: newId, orgId: value.orgId,
      details: { ...auditView(write.row), ...(write.ledgers.length ? { ledgers: WITHHELD } : {}) },
    });
    return newId;
  });
  return { ...(await getMember(ctx, id)), warnings };
}

/** The stored record as writable input, so a PATCH is judged as a whole and not field by field. */
function recordAsInput(ctx: AppContext, rec: MemberRecord, flags: LedgerFlag[]): MemberInput {
  return {
    name: rec.name,
    gender: rec.gender,
    ethnicity: rec.ethnicity as MemberInput['ethnicity'],
    birthDate: rec.birth_date,
    idNumber: ctx.cipher.decrypt(rec.id_number_cipher, ID_NUMBER_FIELD),
    education: rec.education as MemberInput['education'],
    joinedOn: rec.joined_on,
    fullOn: rec.full_on,
    status: rec.status,
    probationExtended: rec.probation_extended === 1,
    disciplineStatus: rec.discipline_status as MemberInput['disciplineStatus'],
    disciplineUntil: rec.discipline_until,
    orgId: rec.org_id,
    phone: rec.phone_cipher ? ctx.cipher.decrypt(rec.phone_cipher, PHONE_FIELD) : null,
    post: rec.post,
    notes: rec.notes,
    ledgers: flags,
  };
}

export async function patchMember(ctx: AppContext, caller: Caller, id: number, patch: MemberPatch) {
  const { rec, flags } = await loadDetail(ctx, id);
  const { version, ...fields } = patch;
  if (rec.version !== version) throw staleVersion();
  const given = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
  const { value, warnings } = judged({ ...recordAsInput(ctx, rec, flags), ...given });
  if (value.orgId !== rec.org_id) await assertPlacement(ctx, caller.principal, value.orgId);
  const write = toMemberWrite(ctx, value);
  const columns = changedColumns(rec, write.row);
  const ledgersChanged = !sameLedgers(flags, write.ledgers);
  if (columns.length === 0 && !ledgersChanged) return presentDetail(rec, flags, await ledgerRules(ctx), warnings);
  if (columns.includes('id_number_hash')) await assertIdNumberFree(ctx, write.row.id_number_hash, id);

  await ctx.db.kysely.transaction().execute(async (trx) => {
    const ok = await updateMember(trx, id, version, { row: write.row, ledgers: ledgersChanged ? write.ledgers : undefined }, today());
    if (!ok) throw staleVersion();
    const before = auditView(rec);
    const after = auditView(write.row);
    const changed: Record<string, [unknown, unknown]> = Object.fromEntries(
      columns.map((c) => auditKey[c]).map((k) => [k, [before[k], after[k]]]),
    );
    if (ledgersChanged) changed.ledgers = [WITHHELD, WITHHELD];
    await writeAudit(trx, caller.actor, {
      action: 'member.update', objectType: 'member', objectId: id, orgId: value.orgId, details: { changed },
    });
  });
  return { ...(await getMember(ctx, id)), warnings };
}

/**
 * What the audit row says instead of a member's ledger flags: being a 困难党员 or a martyr's family member is personal
 * data (issue 2 §5), and the kind of a flag, its reason and date all tell it, so the row names the field and keeps none
 * of it. The ledgers themselves hold the current values; the sequence of audit rows says when they changed.
 */
const WITHHELD = '***';

/**
 * Audit shape of a member row: personal data appears only as the stored masks, under names the audit
 * masking leaves alone (they are masked already).
 */
const auditKey: Record<keyof MemberRow, string> = {
  org_id: 'orgId', name: 'name', name_pinyin: 'name', name_initials: 'name', gender: 'gender', ethnicity: 'ethnicity',
  birth_date: 'birthDate', id_number_cipher: 'idNumberMasked', id_number_hash: 'idNumberMasked', id_number_tail: 'idNumberMasked',
  id_number_mask: 'idNumberMasked', phone_cipher: 'phoneMasked', phone_hash: 'phoneMasked', phone_mask: 'phoneMasked',
  education: 'education', joined_on: 'joinedOn', full_on: 'fullOn', status: 'status', probation_extended: 'probationExtended',
  discipline_status: 'disciplineStatus', discipline_until: 'disciplineUntil', post: 'post', notes: 'notes',
};

function auditView(r: MemberRow): Record<string, unknown> {
  return {
    orgId: r.org_id, name: r.name, gender: r.gender, ethnicity: r.ethnicity, birthDate: r.birth_date,
    idNumberMasked: r.id_number_mask, phoneMasked: r.phone_mask, education: r.education, joinedOn: r.joined_on,
    fullOn: r.full_on, status: r.status, probationExtended: r.probation_extended === 1,
    disciplineStatus: r.discipline_status, disciplineUntil: r.discipline_until, post: r.post, notes: r.notes,
  };
}

export async function exitMember(ctx: AppContext, caller: Caller, id: number, body: z.infer<typeof exitBodySchema>) {
  const { rec } = await loadDetail(ctx, id);
  if (rec.version !== body.version) throw staleVersion();
  if (rec.exit_reason) throw conflict('该党员已办理出党或转出，不能重复办理');
  if (body.onDate > today()) throw invalid([{ path: 'onDate', message: '日期：不能晚于今天' }]);
  if (body.onDate < rec.joined_on) throw invalid([{ path: 'onDate', message: `日期：不能早于入党时间（${rec.joined_on}）` }]);
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const ok = await recordExit(trx, id, body.version, { reason: body.reason, onDate: body.onDate, note: body.note ?? null });
    if (!ok) throw staleVersion();
    await writeAudit(trx, caller.actor, {
      action: 'member.exit', objectType: 'member', objectId: id, orgId: rec.org_id,
      details: { reason: body.reason, onDate: body.onDate, note: body.note ?? null },
    });
  });
  return getMember(ctx, id);
}

/** What each kind of record that refers to a member is called in the refusal to delete them. */
const referenceNames: Record<MemberReference, string> = {
  account: '用户账号',
  officerPost: '党组织职务',
  activity: '组织生活记录（主持人、记录人或授课人）',
  attendance: '组织生活出勤记录',
  training: '培训记录',
  review: '民主评议记录',
  talk: '谈心谈话记录',
  workItem: '工作事项',
  dutyList: '责任清单',
};

/**
 * Removes a record entered in error, and nothing else: a member who left keeps their record through `exitMember`,
 * and one that other records name is part of those records' history (who attended, who was talked with), so it
 * stays too (issue 2 §3).
 */
export async function deleteMember(ctx: AppContext, caller: Caller, id: number, reason: string): Promise<void> {
  const { rec } = await loadDetail(ctx, id);
  if (rec.exit_reason) {
    throw conflict('该党员已办理出党、转出等离开手续，档案应予保留，不能删除', [{ path: 'id', message: '党员：已有离开记录，档案应予保留' }]);
  }
  const refs = await memberReferences(ctx.db.kysely, id);
  if (refs.length) {
    const named = refs.map((r) => referenceNames[r]).join('、');
    // An account or a post given to a record entered in error is undone first; anything else is history.
    if (refs.every((r) => r === 'account' || r === 'officerPost')) {
      throw conflict(`该党员已关联${named}，请先解除关联；如党员离开，请办理出党或转出`, [{ path: 'id', message: `党员：已关联${named}` }]);
    }
    throw conflict(
      `该党员已有${named}，档案应予保留，不能删除（删除只用于撤销误录的记录）；如党员离开，请办理出党或转出`,
      [{ path: 'id', message: `党员：已有${named}，档案应予保留` }],
    );
  }
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await deleteMemberRow(trx, id);
    await writeAudit(trx, caller.actor, {
      action: 'member.delete', objectType: 'member', objectId: id, orgId: rec.org_id,
      details: { reason, record: auditView(rec) },
    });
  });
}

/** Full ID number or phone for someone allowed to see them; the audit row records who, what and why, never the values. */
export async function revealMember(
  ctx: AppContext,
  caller: Caller,
  id: number,
  fields: readonly (typeof revealableFields)[number][],
  reason: string,
) {
  const { rec } = await loadDetail(ctx, id);
  const out: { idNumber?: string; phone?: string | null } = {};
  if (fields.includes('idNumber')) out.idNumber = ctx.cipher.decrypt(rec.id_number_cipher, ID_NUMBER_FIELD);
  if (fields.includes('phone')) out.phone = rec.phone_cipher ? ctx.cipher.decrypt(rec.phone_cipher, PHONE_FIELD) : null;
  await writeAudit(ctx.db.kysely, caller.actor, {
    action: 'member.reveal', objectType: 'member', objectId: id, orgId: rec.org_id, details: { fields: [...new Set(fields)], reason },
  });
  return out;
}
