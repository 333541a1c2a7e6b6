import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDb, targets, TEST_SECRET } from '../../../test/harness.js';
import { buildOrg, buildUser } from '../../../test/factories.js';
import type { Db } from '../../../platform/db/database.js';
import { migrateToLatest } from '../../../platform/db/migrate.js';
import { Keyring } from '../../../platform/crypto/keyring.js';
import { AesGcmCipher, HmacBlindIndex } from '../../../platform/crypto/field-cipher.js';
import { testIdNumber } from '../member.factory.js';
import { toMemberRow, type MemberRow } from '../member-write.js';
import { clearStaging, commitStagedCreates, commitStagedUpdates, countStaged, insertBatch, stageRows, type StagedRow } from './roster-import.repository.js';

const keys = new Keyring(TEST_SECRET);
const crypto = { cipher: new AesGcmCipher(keys), blindIndex: new HmacBlindIndex(keys) };
const ON = '2024-06-30';
const AT = '2024-06-30T08:00:00.000Z';

describe.each(targets)('roster staging columns on %s', (target) => {
  let db: Db;
  let a: { id: number };
  let b: { id: number };
  let userId: number;
  const newBatch = () => insertBatch(db.kysely, { userId, fileName: 'r.xlsx', sha256: 'x', clientRef: null, total: 0 });
  const stored = async (hash: string) => db.kysely.selectFrom('members').selectAll().where('id_number_hash', '=', hash).executeTakeFirstOrThrow();
  const asWritten = (row: MemberRow, m: Record<string, unknown>) => Object.fromEntries(Object.keys(row).map((k) => [k, m[k]]));

  beforeAll(async () => {
    db = await freshDb(target);
    await migrateToLatest(db);
    const root = await buildOrg(db.kysely);
    a = await buildOrg(db.kysely, { parentId: root.id, type: 'branch' });
    b = await buildOrg(db.kysely, { parentId: root.id, type: 'branch' });
    userId = (await buildUser(db.kysely)).id;
  });
  afterAll(async () => db.close());

  /** Every optional column filled, flags set. */
  const fullRow = () => toMemberRow(crypto, {
    name: '欧阳建国', gender: 'female', ethnicity: '土家族', birthDate: '1980-05-20', idNumber: testIdNumber('1980-05-20', 'female'),
    education: '研究生', joinedOn: '2005-07-01', fullOn: '2007-01-01', status: 'full', probationExtended: true,
    disciplineStatus: '留党察看', disciplineUntil: '2025-06-30', orgId: a.id, phone: '0731-12345678-801',
    // What an array literal would misread (PostgreSQL stages columns as arrays): the word NULL, quotes, braces, commas.
    post: 'NULL', notes: `=1+2 '引号 "双引号" \\反斜杠 {花括号}, 逗号`,
  });
  /** Every optional column empty. */
  const sparseRow = () => toMemberRow(crypto, {
    name: '李四', ethnicity: '汉族', idNumber: testIdNumber('1990-01-01'), joinedOn: '2024-01-01', status: 'probationary', orgId: b.id,
  });

  it('commits a staged create column for column, nulls and flags included, with its placement', async () => {
    const batch = await newBatch();
    const full = fullRow();
    const sparse = sparseRow();
    expect(Object.values(full).every((v) => v !== null)).toBe(true);
    // More rows than one staging statement holds, so two compiled statement sizes are used.
    const filler = Array.from({ length: 520 }, () => toMemberRow(crypto, {
      name: '填充', ethnicity: '汉族', idNumber: testIdNumber('1991-02-03'), joinedOn: '2024-01-01', status: 'probationary', orgId: b.id,
    }));
    const rows: StagedRow[] = [full, sparse, ...filler].map((row, i) => ({ rowNo: i + 3, action: 'create', row }));
    await stageRows(db.kysely, db.dialect, batch, rows);
    expect(await countStaged(db.kysely, batch, 'create')).toBe(rows.length);

    const created = await db.kysely.transaction().execute((trx) => commitStagedCreates(trx, db.dialect, batch, ON, AT));
    expect(created).toBe(rows.length);
    for (const row of [full, sparse]) {
      const m = await stored(row.id_number_hash);
      expect(asWritten(row, m)).toEqual(row);
      expect(m).toMatchObject({ version: 1, created_at: AT, exit_reason: null });
      const placements = await db.kysely.selectFrom('member_placements').select(['org_id', 'from_date', 'to_date']).where('member_id', '=', m.id).execute();
      expect(placements).toEqual([{ org_id: row.org_id, from_date: ON, to_date: null }]);
    }
    const placed = await db.kysely.selectFrom('member_placements').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(placed.n)).toBe(rows.length);
    await clearStaging(db.kysely, batch);
    expect(await countStaged(db.kysely, batch, 'create')).toBe(0);
  });

  it('writes exactly the columns an update carries, a null among them, and only at the version it read', async () => {
    const setup = await newBatch();
    const row = fullRow();
    await stageRows(db.kysely, db.dialect, setup, [{ rowNo: 2, action: 'create', row }]);
    await db.kysely.transaction().execute((trx) => commitStagedCreates(trx, db.dialect, setup, ON, AT));
    const before = await stored(row.id_number_hash);

    const batch = await newBatch();
    const changes: Partial<MemberRow> = { org_id: b.id, post: null, probation_extended: 0, full_on: '2006-07-01' };
    await stageRows(db.kysely, db.dialect, batch, [{ rowNo: 2, action: 'update', memberId: before.id, version: before.version, row: changes }]);
    const res = await db.kysely.transaction().execute((trx) => commitStagedUpdates(trx, batch, '2024-07-01T00:00:00.000Z'));
    expect(res.updated).toBe(1);
    expect([...res.moved]).toEqual([[b.id, [before.id]]]);
    const after = await stored(row.id_number_hash);
    expect(after).toEqual({ ...before, ...changes, version: before.version + 1, updated_at: '2024-07-01T00:00:00.000Z' });

    // The same update staged against the version it replaced changes nothing.
    const stale = await newBatch();
    await stageRows(db.kysely, db.dialect, stale, [{ rowNo: 2, action: 'update', memberId: before.id, version: before.version, row: { post: '处长' } }]);
    const again = await db.kysely.transaction().execute((trx) => commitStagedUpdates(trx, stale, AT));
    expect(again.updated).toBe(0);
    expect(await stored(row.id_number_hash)).toEqual(after);
  });
});
