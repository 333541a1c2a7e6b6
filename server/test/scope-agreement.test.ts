import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roles, type Role } from '../platform/access/roles.js';
import type { OrgTable } from '../platform/db/schema.js';
import { addMs, nowIso } from '../platform/time.js';
import { buildMember } from '../registry/members/member.factory.js';
import { Random } from '../demo/random.js';
import { buildOrg, buildUser, TEST_PASSWORD } from './factories.js';
import { Client, createTestApp, targets, type TestApp } from './harness.js';

/**
 * The one scope rule, checked from outside (SECURITY.md B2, Discourse's can_see vs scoped query): on generated
 * organisation trees, for every role granted at random places, "the detail of X answers 200" holds exactly
 * when "X is in the caller's list", for organisations and for members.
 */

type OrgType = OrgTable['type'];
const childTypes: Record<OrgType, OrgType[]> = {
  working_committee: ['committee', 'general_branch', 'branch', 'branch'],
  committee: ['general_branch', 'branch', 'branch'],
  general_branch: ['branch'],
  branch: ['group'],
  group: [],
};

interface Tree {
  orgs: Array<{ id: number; type: OrgType }>;
  members: number[];
}

async function randomTree(t: TestApp, rng: Random, size: number): Promise<Tree> {
  const db = t.db.kysely;
  const root = await buildOrg(db, { type: 'working_committee' });
  const orgs: Tree['orgs'] = [{ id: root.id, type: 'working_committee' }];
  while (orgs.length < size) {
    const parent = rng.pick(orgs.filter((o) => childTypes[o.type].length > 0));
    const type = rng.pick(childTypes[parent.type]);
    orgs.push({ id: (await buildOrg(db, { parentId: parent.id, type })).id, type });
  }
  const members: number[] = [];
  for (const o of orgs.filter((x) => x.type === 'branch' || x.type === 'group')) {
    for (let i = rng.int(0, 2); i > 0; i--) members.push((await buildMember(db, t.ctx, { orgId: o.id })).id);
  }
  return { orgs, members };
}

interface Caller {
  label: string;
  client: Client;
}

describe.each(targets)('scope agreement on %s', (target) => {
  let t: TestApp;
  const trees: Tree[] = [];
  const callers: Caller[] = [];

  beforeAll(async () => {
    t = await createTestApp(target);
    const rng = new Random(7);
    for (const size of [14, 9]) trees.push(await randomTree(t, rng, size));
    const [a, b] = trees;
    const anywhere = () => rng.pick(rng.chance(0.5) ? a.orgs : b.orgs).id;
    const grantSets: Array<[string, Array<{ role: Role; orgId: number; validTo?: string }>]> = [
      ...roles.map((role) => [`${role} at a random organisation`, [{ role, orgId: anywhere() }]] as [string, Array<{ role: Role; orgId: number }>]),
      ...roles.map((role) => [`${role} at a root`, [{ role, orgId: a.orgs[0].id }]] as [string, Array<{ role: Role; orgId: number }>]),
      ['secretary of two organisations in different trees', [{ role: 'secretary', orgId: rng.pick(a.orgs.slice(1)).id }, { role: 'secretary', orgId: rng.pick(b.orgs.slice(1)).id }]],
      ['committee staff whose grant has ended', [{ role: 'committee_staff', orgId: a.orgs[0].id, validTo: addMs(nowIso(), -60_000) }]],
      ['inspector with a time-limited grant', [{ role: 'inspector', orgId: rng.pick(a.orgs).id, validTo: addMs(nowIso(), 86_400_000) }]],
    ];
    for (const [label, grants] of grantSets) {
      const user = await buildUser(t.db.kysely, { grants });
      const client = new Client(t.app);
      const res = await client.login(user.username, TEST_PASSWORD);
      if (res.statusCode !== 200) throw new Error(`login failed for ${label}: ${res.body}`);
      callers.push({ label, client });
    }
  });
  afterAll(async () => t.close());

  async function listedIds(c: Client, url: string): Promise<Set<number> | 'forbidden'> {
    const res = await c.get(url);
    if (res.statusCode === 403) return 'forbidden';
    expect(res.statusCode, url).toBe(200);
    const body = res.json() as { items: Array<{ id: number }>; total: number };
    expect(body.items.length, `${url}: one page holds everything`).toBe(body.total);
    return new Set(body.items.map((i) => i.id));
  }

  async function checkAgreement(kind: 'orgs' | 'members', ids: number[]) {
    let partial = 0;
    for (const { label, client } of callers) {
      const listed = await listedIds(client, `/api/v1/${kind}?pageSize=1000`);
      let readable = 0;
      for (const id of ids) {
        const status = (await client.get(`/api/v1/${kind}/${id}`)).statusCode;
        const inList = listed !== 'forbidden' && listed.has(id);
        expect(status === 200, `${label}: ${kind}/${id} answered ${status}, in list: ${inList}`).toBe(inList);
        if (status !== 200) expect([403, 404], `${label}: ${kind}/${id}`).toContain(status);
        if (status === 200) readable++;
      }
      if (readable > 0 && readable < ids.length) partial++;
    }
    // The property means little unless some callers see part of the data and not all of it.
    expect(partial).toBeGreaterThan(3);
  }

  it('for organisations', async () => {
    await checkAgreement('orgs', trees.flatMap((tr) => tr.orgs.map((o) => o.id)));
  });

  it('for members', async () => {
    await checkAgreement('members', trees.flatMap((tr) => tr.members));
  });
});
