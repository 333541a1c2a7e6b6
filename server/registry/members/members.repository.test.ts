import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDb, targets, TEST_SECRET } from '../../test/harness.js';
import { buildOrg } from '../../test/factories.js';
import { openDatabase, type Db } from '../../platform/db/database.js';
import { migrateToLatest } from '../../platform/db/migrate.js';
import { Keyring } from '../../platform/crypto/keyring.js';
import { AesGcmCipher, HmacBlindIndex } from '../../platform/crypto/field-cipher.js';
import { makeScope } from '../../platform/access/scope.js';
import { buildMember, testIdNumber } from './member.factory.js';
import { toMemberWrite } from './member-write.js';
import { countMemberRows, insertMembers, memberListQuery, memberReferenceColumns, memberRowsPage, updateMember } from './members.repository.js';
import { sql } from 'kysely';
import { moveMembersToOrg, orgOfMemberOn } from './placement.repository.js';

const keys = new Keyring(TEST_SECRET);
const crypto = { cipher: new AesGcmCipher(keys), blindIndex: new HmacBlindIndex(keys) };
const env = { ...crypto, today: '2024-06-30', veteranMinPartyYears: 50 };

describe.each(targets)('member data layer on %s', (target) => {
  let db: Db;
  let root: { id: number; path: string };
  let a: { id: number; path: string };
  let b: { id: number; path: string };
  beforeAll(async () => {
    db = await freshDb(target);
    await migrateToLatest(db);
    root = await buildOrg(db.kysely);
    a = await buildOrg(db.kysely, { parentId: root.id, type: 'branch' });
    b = await buildOrg(db.kysely, { parentId: root.id, type: 'branch' });
  });
  afterAll(async () => db.close());

  it('knows every column that refers to a member, so a deletion is refused by name and never by a foreign key', async () => {
    const rows = target === 'sqlite'
      ? await sql<{ tbl: string; col: string }>`select m.name as tbl, p."from" as col from sqlite_master m, pragma_foreign_key_list(m.name) p
          where m.type = 'table' and p."table" = 'members'`.execute(db.kysely)
      : await sql<{ tbl: string; col: string }>`select tc.table_name as tbl, kcu.column_name as col
          from information_schema.table_constraints tc
          join information_schema.key_column_usage kcu on kcu.constraint_name = tc.constraint_name and kcu.table_schema = tc.table_schema
          join information_schema.constraint_column_usage ccu on ccu.constraint_name = tc.constraint_name and ccu.table_schema = tc.table_schema
          where tc.constraint_type = 'FOREIGN KEY' and ccu.table_name = 'members' and tc.table_schema = current_schema()`.execute(db.kysely);
    const inSchema = rows.rows.map((r) => `${r.tbl}.${r.col}`).sort();
    // The member's own ledgers and placements go with the record.
    const known = ['member_ledgers.member_id', 'member_placements.member_id',
      ...Object.values(memberReferenceColumns).flat().map(([table, column]) => `${table}.${column}`)].sort();
    expect(inSchema).toEqual(known);
  });

  it('inserts many members set-based, in order, with placements and ledgers', async () => {
    const writes = Array.from({ length: 450 }, (_, i) => toMemberWrite(crypto, {
      name: `批量${i}`, ethnicity: '汉族', idNumber: testIdNumber('1990-01-01', i % 2 ? 'male' : 'female'),
      joinedOn: '2015-01-01', fullOn: '2016-01-01', status: 'full', orgId: i < 300 ? a.id : b.id,
      ledgers: i % 100 === 0 ? [{ ledger: 'hardship', reason: '困难', since: '2020-01-01' }] : [],
    }));
    const ids = await db.kysely.transaction().execute((trx) => insertMembers(trx, writes, '2024-01-01'));
    expect(new Set(ids).size).toBe(450);
    const rows = await db.kysely.selectFrom('members').select(['id', 'name']).where('id', 'in', ids).execute();
    const nameOf = new Map(rows.map((r) => [r.id, r.name]));
    expect(ids.map((id) => nameOf.get(id))).toEqual(writes.map((w) => w.row.name));
    const placements = await db.kysely.selectFrom('member_placements').select(['member_id', 'org_id']).where('member_id', 'in', ids).execute();
    expect(placements).toHaveLength(450);
    expect(placements.find((p) => p.member_id === ids[400])?.org_id).toBe(b.id);
    const ledgers = await db.kysely.selectFrom('member_ledgers').select('member_id').where('member_id', 'in', ids).execute();
    expect(ledgers.map((l) => l.member_id).sort()).toEqual([ids[0], ids[100], ids[200], ids[300], ids[400]].sort());
  });

  it('moves members with placement history and a version bump, leaving those already there alone', async () => {
    const m1 = await buildMember(db.kysely, crypto, { orgId: a.id });
    const m2 = await buildMember(db.kysely, crypto, { orgId: b.id });
    await db.kysely.transaction().execute((trx) => moveMembersToOrg(trx, [m1.id, m2.id], b.id, '2024-05-01'));
    const rows = await db.kysely.selectFrom('members').select(['id', 'org_id', 'version']).where('id', 'in', [m1.id, m2.id]).orderBy('id').execute();
    expect(rows).toEqual([{ id: m1.id, org_id: b.id, version: 2 }, { id: m2.id, org_id: b.id, version: 1 }]);
    expect(await orgOfMemberOn(db.kysely, m1.id, '2024-04-30')).toBe(a.id);
    expect(await orgOfMemberOn(db.kysely, m1.id, '2024-05-01')).toBe(b.id);
    expect(await orgOfMemberOn(db.kysely, m1.id, '2019-01-01')).toBeNull();
    // A second move the same day replaces the day's placement rather than leaving an empty interval.
    await moveMembersToOrg(db.kysely, [m1.id], a.id, '2024-05-01');
    const history = await db.kysely.selectFrom('member_placements').select(['org_id', 'from_date', 'to_date']).where('member_id', '=', m1.id).orderBy('id').execute();
    expect(history).toEqual([
      { org_id: a.id, from_date: '2020-01-01', to_date: '2024-05-01' },
      { org_id: a.id, from_date: '2024-05-01', to_date: null },
    ]);
  });

  it('refuses an update at a stale version', async () => {
    const m = await buildMember(db.kysely, crypto, { orgId: a.id });
    expect(await updateMember(db.kysely, m.id, 5, { row: { name: '改名' } }, '2024-06-01')).toBe(false);
    expect(await updateMember(db.kysely, m.id, 1, { row: { name: '改名' } }, '2024-06-01')).toBe(true);
    expect((await db.kysely.selectFrom('members').select(['name', 'version']).where('id', '=', m.id).executeTakeFirst())).toEqual({ name: '改名', version: 2 });
  });

  it('scopes the list query through the organisation path', async () => {
    const q = await memberListQuery(db.kysely, makeScope([a.path]), {}, env);
    const rows = await memberRowsPage(q, { page: 1, pageSize: 1000, sort: 'name', order: 'asc' });
    expect(await countMemberRows(q)).toBe(rows.length);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.org_id === a.id)).toBe(true);
    const none = await memberListQuery(db.kysely, makeScope([]), {}, env);
    expect(await countMemberRows(none)).toBe(0);
  });
});

describe('SQLite database file', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hongyan-members-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('holds no ID number or phone in plain text', async () => {
    const file = path.join(dir, 'plain.db');
    const db = openDatabase(`sqlite:${file}`);
    await migrateToLatest(db);
    const org = await buildOrg(db.kysely);
    const m = await buildMember(db.kysely, crypto, { orgId: org.id, phone: '13912348765' });
    await db.close();
    const bytes = fs.readdirSync(dir).map((f) => fs.readFileSync(path.join(dir, f)).toString('latin1')).join('');
    expect(bytes).toContain('测试党员'.length ? Buffer.from(m.input.name).toString('latin1') : '');
    expect(bytes).not.toContain(m.idNumber);
    expect(bytes).not.toContain('13912348765');
  });
});
