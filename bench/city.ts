import type { Db } from '../server/platform/db/database.js';
import { nowIso } from '../server/platform/time.js';
import { insertOrg, setOrgUnits } from '../server/registry/orgs/org.repository.js';
import { defaultTermYears, termEnd } from '../server/registry/orgs/org.rules.js';
import { insertUnit } from '../server/registry/units/unit.repository.js';
import { toMemberWrite, type MemberCrypto } from '../server/registry/members/member-write.js';
import { insertMembers } from '../server/registry/members/members.repository.js';
import { buildUser, TEST_PASSWORD } from '../server/test/factories.js';
import type { CityPlan } from './city-plan.js';

export interface WrittenCity {
  rootPath: string;
  /** a committee_staff account at the working committee, like the demo's gw_admin */
  staff: { username: string; password: string };
  timings: { orgsMs: number; rowsMs: number; insertMs: number };
}

/** Members per transaction: few transactions, each short enough not to hold the database for long. */
const MEMBERS_PER_TRANSACTION = 10_000;

/**
 * Writes a planned city through the registry's own data layer: organisations and units with their paths,
 * then members through `toMemberWrite` (encryption, blind index, masks, pinyin) and `insertMembers`
 * (set-based inserts with placements and ledgers). With `members: false` only the tree is written (the import
 * benchmark fills it from a roster file).
 */
export async function writeCity(db: Db, crypto: MemberCrypto, plan: CityPlan, asOf: string, o: { members?: boolean } = {}): Promise<WrittenCity> {
  const t0 = performance.now();
  const at = nowIso();
  const orgIds: number[] = [];
  let rootPath = '';
  await db.kysely.transaction().execute(async (trx) => {
    const unitIds = new Map<string, number>();
    const paths: string[] = [];
    for (const org of plan.orgs) {
      const parentPath = org.parentKey === null ? null : paths[org.parentKey];
      const termYears = org.termStart ? defaultTermYears(org.type) : null;
      const { id, path } = await insertOrg(trx, {
        parent_id: org.parentKey === null ? null : orgIds[org.parentKey],
        type: org.type,
        name: org.name,
        depth: parentPath ? parentPath.split('/').length - 2 : 0,
        founded_on: org.termStart,
        term_start: org.termStart,
        term_years: termYears,
        term_end: termEnd(org.termStart, termYears),
        merged_into_id: null,
        closed_on: null,
        notes: null,
        created_at: at,
        updated_at: at,
      }, parentPath);
      orgIds.push(id);
      paths.push(path);
      if (org.unit && org.type !== 'group') {
        let unitId = unitIds.get(org.unit);
        if (unitId === undefined) {
          unitId = await insertUnit(trx, { name: org.unit, unitSecretaryName: null, at });
          unitIds.set(org.unit, unitId);
        }
        await setOrgUnits(trx, id, [unitId]);
      }
    }
    rootPath = paths[0];
  });
  const staff = await buildUser(db.kysely, { username: 'bench_staff', grants: [{ role: 'committee_staff', orgId: orgIds[0] }] });
  const timings = { orgsMs: performance.now() - t0, rowsMs: 0, insertMs: 0 };

  if (o.members !== false) {
    for (let start = 0; start < plan.members.length; start += MEMBERS_PER_TRANSACTION) {
      const t1 = performance.now();
      const writes = plan.members
        .slice(start, start + MEMBERS_PER_TRANSACTION)
        .map(({ orgKey, ...m }) => toMemberWrite(crypto, { ...m, orgId: orgIds[orgKey] }));
      const t2 = performance.now();
      await db.kysely.transaction().execute((trx) => insertMembers(trx, writes, asOf));
      timings.rowsMs += t2 - t1;
      timings.insertMs += performance.now() - t2;
    }
  }
  return { rootPath, staff: { username: staff.username, password: TEST_PASSWORD }, timings };
}
