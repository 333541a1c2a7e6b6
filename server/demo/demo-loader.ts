import type { AppContext } from '../platform/http/context.js';
import type { Trx } from '../platform/db/database.js';
import { systemActor, writeAudit } from '../platform/audit/audit-log.js';
import { hashPassword } from '../platform/auth/password-hash.js';
import { nowIso, today } from '../platform/time.js';
import { insertUnit } from '../registry/units/unit.repository.js';
import { insertOrg, insertOrgEvents, setOrgUnits, type OrgEventInput } from '../registry/orgs/org.repository.js';
import { replaceOfficers } from '../registry/orgs/officer.repository.js';
import { termEnd } from '../registry/orgs/org.rules.js';
import { checkMember } from '../registry/members/member-input.js';
import { toMemberWrite, type MemberWrite } from '../registry/members/member-write.js';
import { insertMembers } from '../registry/members/members.repository.js';
import { insertGrant } from '../registry/users/grants.repository.js';
import { insertDemoUser } from '../bootstrap.repository.js';
import { DEMO_PASSWORD, generateDemoData, type DemoData } from './demo-data.js';

export interface DemoLoadSummary {
  units: number;
  orgs: number;
  members: number;
  accounts: number;
}

/**
 * Writes the demo district into an empty database in one transaction, through the registry's own data
 * functions (encryption, pinyin and paths are theirs). Every member passes the registry's validation first,
 * so the demo never shows data the product itself would refuse.
 */
export async function loadDemoData(ctx: AppContext, on: string = today()): Promise<DemoLoadSummary> {
  const data = generateDemoData(on);
  const writes = memberWritesOf(ctx, data, on);
  // The password is published: one hash serves every demo account and keeps the start quick.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const orgIds = await writeTree(trx, data, on);
    const memberIds = await insertMembers(trx, writes.map((w, i) => ({ ...w, row: { ...w.row, org_id: orgIds[data.members[i].org] } })), on);
    await writeOfficers(trx, data, orgIds, memberIds);
    await writeAccounts(trx, data, orgIds, memberIds, passwordHash);
    await writeAudit(trx, systemActor, {
      action: 'demo.load',
      details: { units: data.units.length, orgs: data.orgs.length, members: data.members.length, accounts: data.accounts.length },
    });
  });
  return { units: data.units.length, orgs: data.orgs.length, members: data.members.length, accounts: data.accounts.length };
}

/** Validated and encrypted member rows; `orgId` is a placeholder until the organisations exist. */
function memberWritesOf(ctx: AppContext, data: DemoData, on: string): MemberWrite[] {
  return data.members.map((m, i) => {
    const check = checkMember({ ...m, orgId: 1 }, on);
    if (!check.value || check.errors.length) {
      throw new Error(`demo member ${i} (${m.name}) is invalid: ${check.errors.map((e) => e.message).join('; ')}`);
    }
    return toMemberWrite(ctx, check.value);
  });
}

async function writeTree(trx: Trx, data: DemoData, on: string): Promise<number[]> {
  const at = nowIso();
  const unitIds = new Map<string, number>();
  for (const u of data.units) unitIds.set(u.name, await insertUnit(trx, { name: u.name, unitSecretaryName: u.secretaryName, at }));
  const ids: number[] = [];
  const paths: string[] = [];
  const depths: number[] = [];
  for (const o of data.orgs) {
    const depth = o.parent === null ? 0 : depths[o.parent] + 1;
    const { id, path } = await insertOrg(trx, {
      parent_id: o.parent === null ? null : ids[o.parent],
      type: o.type,
      name: o.name,
      depth,
      founded_on: o.foundedOn,
      term_start: o.termStart,
      term_years: o.termYears,
      term_end: termEnd(o.termStart, o.termYears),
      merged_into_id: null,
      closed_on: null,
      notes: null,
      created_at: at,
      updated_at: at,
    }, o.parent === null ? null : paths[o.parent]);
    ids.push(id);
    paths.push(path);
    depths.push(depth);
    if (o.units.length) await setOrgUnits(trx, id, o.units.map((name) => unitIds.get(name)!));
  }
  // The history the organisations' pages show, in the shape the registry writes it.
  const events: OrgEventInput[] = data.orgs.flatMap((o, i) => [
    { orgId: ids[i], kind: 'created', onDate: o.foundedOn ?? on, details: { type: o.type, name: o.name, parentId: o.parent === null ? null : ids[o.parent] }, userId: null, at },
    ...(o.termStart ? [{
      orgId: ids[i], kind: 'term_changed', onDate: o.termStart,
      details: { termStart: o.termStart, termYears: o.termYears, termEnd: termEnd(o.termStart, o.termYears) }, userId: null, at,
    }] : []),
  ]);
  await insertOrgEvents(trx, events);
  return ids;
}

async function writeOfficers(trx: Trx, data: DemoData, orgIds: number[], memberIds: number[]): Promise<void> {
  const byOrg = new Map<number, DemoData['officers']>();
  for (const o of data.officers) byOrg.set(o.org, [...(byOrg.get(o.org) ?? []), o]);
  for (const [org, officers] of byOrg) {
    await replaceOfficers(trx, orgIds[org], officers.map((o) => ({
      memberId: memberIds[o.member], position: o.position, title: o.title, since: data.orgs[org].termStart,
    })));
  }
}

async function writeAccounts(trx: Trx, data: DemoData, orgIds: number[], memberIds: number[], passwordHash: string): Promise<void> {
  const at = nowIso();
  for (const a of data.accounts) {
    const userId = await insertDemoUser(trx, {
      username: a.username, displayName: a.displayName, memberId: a.member === null ? null : memberIds[a.member], passwordHash, at,
    });
    for (const g of a.grants) {
      await insertGrant(trx, { userId, role: g.role, orgId: orgIds[g.org], validFrom: null, validTo: null, createdBy: null, at });
    }
  }
}
