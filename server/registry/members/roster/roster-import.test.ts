import { createHash } from 'node:crypto';
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, targets, type TestApp } from '../../../test/harness.js';
import { buildOrg, buildUser, TEST_PASSWORD } from '../../../test/factories.js';
import type { Role } from '../../../platform/access/roles.js';
import { buildMember, testIdNumber } from '../member.factory.js';
import { LOST_DIGITS_MESSAGE } from './roster-cells.js';
import { rosterTempDir } from './roster-files.js';
import { OUTSIDE_SCOPE_MESSAGE, stagingCleared } from './roster-import.service.js';
import { orgOfMemberOn } from '../placement.repository.js';
import { today } from '../../../platform/time.js';
import { csvFile, deflated, multipart, xlsxFile, zerosEntry, zipFile, type CellInput } from './roster-test-files.js';

const HEADER = ['序号', '姓名', '性别', '民族', '身份证号码', '入党日期', '转正日期', '人员类别', '所在支部', '手机号码', '工作单位及职务', '备注'];

interface Person {
  name: string;
  id: string;
  joined?: CellInput;
  full?: CellInput;
  status?: string;
  org?: string;
  phone?: string | null;
  post?: string | null;
  notes?: CellInput;
}

describe.each(targets)('roster import on %s', (target) => {
  let t: TestApp;
  let root: { id: number; path: string };
  let finance: { id: number; path: string };
  let education: { id: number; path: string };
  let other: { id: number; path: string };
  let userSeq = 0;
  const db = () => t.db.kysely;

  /** Imports are rate-limited per user, so each test signs in a user of its own. */
  async function signIn(role: Role, orgId: number): Promise<Client> {
    const username = `importer${++userSeq}`;
    await buildUser(db(), { username, grants: [{ role, orgId }] });
    const c = new Client(t.app);
    expect((await c.login(username, TEST_PASSWORD)).statusCode).toBe(200);
    return c;
  }

  function upload(c: Client, bytes: Buffer, fileName: string, query: string, headers: Record<string, string> = {}) {
    const body = multipart(bytes, fileName);
    return c.request({ method: 'POST', url: `/api/v1/members/import?${query}`, payload: body.payload, headers: { ...body.headers, ...headers } });
  }

  const row = (p: Person, n: number): CellInput[] => [
    n, p.name, null, '汉族', p.id, p.joined ?? '2005-07-01', p.full === undefined ? '2006-07-01' : p.full, p.status ?? '正式党员',
    p.org ?? '区财政局党支部', p.phone === undefined ? '13812345678' : p.phone, p.post ?? null, p.notes ?? null,
  ];
  const roster = (people: Person[], opts: Parameters<typeof xlsxFile>[2] = {}) => xlsxFile(HEADER, people.map(row), opts);
  const person = (name: string, o: Partial<Person> = {}): Person => ({ name, id: testIdNumber('1980-05-20'), ...o });

  const memberByName = (name: string) => db().selectFrom('members').selectAll().where('name', '=', name).executeTakeFirst();
  const countMembers = async () => Number((await db().selectFrom('members').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const stagedCount = async () => Number((await db().selectFrom('import_rows').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

  beforeAll(async () => {
    t = await createTestApp(target);
    root = await buildOrg(db(), { name: '雁峰区直机关工委' });
    finance = await buildOrg(db(), { parentId: root.id, type: 'branch', name: '区财政局党支部' });
    education = await buildOrg(db(), { parentId: root.id, type: 'committee', name: '区教育局机关党委' });
    await buildOrg(db(), { parentId: education.id, type: 'branch', name: '机关第一党支部' });
    const civil = await buildOrg(db(), { parentId: root.id, type: 'committee', name: '区民政局机关党委' });
    await buildOrg(db(), { parentId: civil.id, type: 'branch', name: '机关第一党支部' });
    other = await buildOrg(db(), { parentId: root.id, type: 'branch', name: '区委办公室党支部' });
  });
  afterAll(async () => t.close());

  it('reads a real-world sheet: merged title, blank rows, header variants, every date format', async () => {
    const staff = await signIn('committee_staff', root.id);
    const people = [
      person('王  伟', { joined: new Date(Date.UTC(2001, 6, 1)), full: new Date(Date.UTC(2002, 6, 1)) }),
      person('李娜', { joined: '2003-03-12', full: '2004-03-12' }),
      person('张建国', { joined: '2003/3/12', full: '2004/3/12' }),
      person('刘芳', { joined: '2003.03.12', full: '2004.03.12' }),
      person(' 陈静 ', { joined: '2003年3月12日', full: '2004年3月12日', status: '预备党员', phone: '0734-8123456' }),
    ];
    people[4].full = null;
    people[4].joined = '2025年3月12日';
    const file = await roster(people, { title: '区财政局党支部党员花名册', blankRows: true, numFmt: { 6: 'yyyy-mm-dd', 7: 'yyyy-mm-dd' } });
    const res = await upload(staff, file, 'roster.xlsx', 'mode=commit');
    expect(res.statusCode).toBe(200);
    const report = res.json();
    expect(report.errors).toEqual([]);
    expect(report).toMatchObject({ total: 5, created: 5, updated: 0, unchanged: 0, committed: true });

    expect(await memberByName('王伟')).toMatchObject({ joined_on: '2001-07-01', full_on: '2002-07-01', gender: 'male', birth_date: '1980-05-20', org_id: finance.id });
    for (const name of ['李娜', '张建国', '刘芳']) expect(await memberByName(name)).toMatchObject({ joined_on: '2003-03-12', full_on: '2004-03-12', status: 'full' });
    expect(await memberByName('陈静')).toMatchObject({ joined_on: '2025-03-12', full_on: null, status: 'probationary', phone_mask: '0734-*****56' });
    // Placement history starts with the import.
    const m = await memberByName('李娜');
    expect(await db().selectFrom('member_placements').select('org_id').where('member_id', '=', m!.id).execute()).toEqual([{ org_id: finance.id }]);
  });

  it('reads GBK CSV (what Excel writes on Chinese Windows) and UTF-8 CSV with a BOM', async () => {
    const staff = await signIn('committee_staff', root.id);
    const lines = (name: string, id: string) => [
      ['区财政局党员名册', null, null, null, null, null],
      ['名字', '公民身份号码', '入党时间', '转正时间', '党员类别', '党组织名称', '民族'],
      [],
      [name, id, '2005-07-01', '2006-07-01', '正式党员', '区财政局党支部', '汉'],
    ];
    const gbk = await upload(staff, csvFile(lines('欧阳修远', testIdNumber()), 'gbk'), 'gbk.csv', 'mode=commit');
    expect(gbk.json()).toMatchObject({ total: 1, created: 1, errors: [] });
    expect(await memberByName('欧阳修远')).toMatchObject({ joined_on: '2005-07-01', ethnicity: '汉族' });

    const bom = await upload(staff, csvFile([['姓名', '身份证号', '入党时间', '转正时间', '党员类别', '所在党组织', '民族'], ['诸葛明', testIdNumber(), '2005-07-01', '2006-07-01', '正式党员', '区财政局党支部', '回族']], 'utf8-bom'), 'bom.csv', 'mode=commit');
    expect(bom.json()).toMatchObject({ total: 1, created: 1, errors: [] });
    expect(await memberByName('诸葛明')).toMatchObject({ ethnicity: '回族' });
  });

  it('refuses ID numbers a spreadsheet stored as numbers, saying how to fix the column', async () => {
    const staff = await signIn('committee_staff', root.id);
    const id = testIdNumber();
    const xlsx = await xlsxFile(HEADER, [row(person('数字甲', { id: Number(id.slice(0, 17)) as unknown as string }), 1)]);
    const res = await upload(staff, xlsx, 'numbers.xlsx', 'mode=dry-run');
    const lostDigits = `身份证号：${LOST_DIGITS_MESSAGE}`;
    expect(res.json().errors).toEqual([{ row: 2, column: '身份证号码', message: lostDigits }]);
    expect(LOST_DIGITS_MESSAGE).toContain('文本');

    const csv = csvFile([['姓名', '身份证号', '所在支部', '民族', '入党时间', '党员类别'],
      ['数字乙', '4.39901E+17', '区财政局党支部', '汉族', '2005-07-01', '预备党员'],
      ['数字丙', `${id.slice(0, 15)}000`, '区财政局党支部', '汉族', '2005-07-01', '预备党员']]);
    const r2 = (await upload(staff, csv, 'sci.csv', 'mode=dry-run')).json();
    expect(r2.errors.map((e: { row: number; message: string }) => [e.row, e.message])).toEqual([[2, lostDigits], [3, lostDigits]]);
  });

  it('stores formulas and formula-like text literally, never their results', async () => {
    const staff = await signIn('committee_staff', root.id);
    const file = await roster([person('公式甲', { notes: { formula: 'SUM(1,2)' }, post: '=HYPERLINK("http://x.test","点我")' }), person('公式乙', { post: '@cmd', notes: '+1-2' })]);
    expect((await upload(staff, file, 'formula.xlsx', 'mode=commit')).json()).toMatchObject({ created: 2, errors: [] });
    expect(await memberByName('公式甲')).toMatchObject({ notes: '=SUM(1,2)', post: '=HYPERLINK("http://x.test","点我")' });
    expect(await memberByName('公式乙')).toMatchObject({ post: '@cmd', notes: '+1-2' });
  });

  it('reports an ID registered outside the caller\'s scope without saying where', async () => {
    const elsewhere = await buildMember(db(), t.ctx, { orgId: other.id, name: '外单位甲' });
    const secretary = await signIn('secretary', finance.id);
    const res = await upload(secretary, await roster([person('冒名者', { id: elsewhere.idNumber })]), 'scope.xlsx', 'mode=dry-run');
    expect(res.json().errors).toEqual([{ row: 2, column: '身份证号码', message: OUTSIDE_SCOPE_MESSAGE }]);
    expect(res.body).not.toContain('区委办公室');
    expect(res.body).not.toContain('外单位甲');
  });

  it('marks an ID repeated in the file as an error on the later rows only', async () => {
    const staff = await signIn('committee_staff', root.id);
    const id = testIdNumber();
    const res = await upload(staff, await roster([person('重复甲', { id }), person('其他人'), person('重复乙', { id }), person('重复丙', { id })]), 'dup.xlsx', 'mode=dry-run');
    const report = res.json();
    expect(report.errors.map((e: { row: number }) => e.row)).toEqual([4, 5]);
    expect(report.errors[0]).toMatchObject({ column: '身份证号码', message: expect.stringContaining('第 2 行') });
    expect(report.created).toBe(2);
  });

  it('matches organisations by unique name or by path, never creates one, and places members only in branches and groups', async () => {
    const staff = await signIn('committee_staff', root.id);
    const file = await roster([
      person('路径甲', { org: '区教育局机关党委/机关第一党支部' }),
      person('同名乙', { org: '机关第一党支部' }),
      person('无此丙', { org: '不存在的党支部' }),
      person('党委丁', { org: '区教育局机关党委' }),
    ]);
    const orgsBefore = await db().selectFrom('orgs').select('id').execute();
    const report = (await upload(staff, file, 'orgs.xlsx', 'mode=commit&skipInvalid=true')).json();
    expect(report.created).toBe(1);
    expect(report.errors.map((e: { row: number; column: string }) => [e.row, e.column])).toEqual([[3, '所在支部'], [4, '所在支部'], [5, '所在支部']]);
    expect(report.errors[0].message).toContain('多个');
    expect(report.errors[2].message).toContain('党支部或党小组');
    expect(await db().selectFrom('orgs').select('id').execute()).toHaveLength(orgsBefore.length);
    const placed = await memberByName('路径甲');
    const branch = await db().selectFrom('orgs').select(['parent_id']).where('id', '=', placed!.org_id).executeTakeFirstOrThrow();
    expect(branch.parent_id).toBe(education.id);
  });

  it('writes nothing on a dry run, and leaves no staging rows', async () => {
    const staff = await signIn('committee_staff', root.id);
    const before = await countMembers();
    const file = await roster([person('试运行甲'), person('试运行乙', { joined: '2030-01-01' })]);
    const report = (await upload(staff, file, 'dry.xlsx', 'mode=dry-run')).json();
    expect(report).toMatchObject({ total: 2, created: 1, committed: false });
    expect(report.errors.map((e: { row: number }) => e.row)).toEqual([3, 3]);
    expect(await countMembers()).toBe(before);
    await stagingCleared();
    expect(await stagedCount()).toBe(0);
    expect(fs.readdirSync(rosterTempDir(t.ctx.config))).toEqual([]);
  });

  it('commits all or nothing, or with skipInvalid the valid rows only', async () => {
    const staff = await signIn('committee_staff', root.id);
    const before = await countMembers();
    const file = await roster([person('整体甲'), person('整体乙', { full: '2005-08-01' }), person('整体丙')]);
    const refused = (await upload(staff, file, 'all.xlsx', 'mode=commit')).json();
    expect(refused).toMatchObject({ committed: false, created: 2 });
    expect(refused.errors).toEqual([{ row: 3, column: '转正日期', message: expect.stringContaining('转正时间') }]);
    expect(await countMembers()).toBe(before);

    const partial = (await upload(staff, file, 'all.xlsx', 'mode=commit&skipInvalid=true')).json();
    expect(partial).toMatchObject({ committed: true, created: 2 });
    expect(partial.errors).toHaveLength(1);
    expect(await countMembers()).toBe(before + 2);
    expect(await memberByName('整体乙')).toBeUndefined();
    await stagingCleared();
    expect(await stagedCount()).toBe(0);
  });

  it('leaves nothing half-written when the commit fails part-way', async () => {
    const staff = await signIn('committee_staff', root.id);
    // A trigger fails the insert of one row that comes after several hundred others in the same transaction.
    if (target === 'sqlite') {
      await sql`create trigger roster_test_fail before insert on members when new.name = '中途失败' begin select raise(abort, 'injected'); end`.execute(db());
    } else {
      await sql`create function roster_test_fail() returns trigger language plpgsql as $$ begin if new.name = '中途失败' then raise exception 'injected'; end if; return new; end $$`.execute(db());
      await sql`create trigger roster_test_fail before insert on members for each row execute function roster_test_fail()`.execute(db());
    }
    try {
      const before = await countMembers();
      const placements = async () => (await db().selectFrom('member_placements').select('id').execute()).length;
      const placementsBefore = await placements();
      const people = Array.from({ length: 450 }, (_, i) => person(`批量${i}`));
      people.push(person('中途失败'));
      const res = await upload(staff, await roster(people), 'crash.xlsx', 'mode=commit', { 'x-import-id': 'crash-test-0001' });
      expect(res.statusCode).toBe(500);
      expect(await countMembers()).toBe(before);
      expect(await placements()).toBe(placementsBefore);
      expect(await stagedCount()).toBe(0);
      expect((await staff.get('/api/v1/members/import/progress/crash-test-0001')).json().status).toBe('failed');
    } finally {
      await sql`drop trigger roster_test_fail${sql.raw(target === 'postgres' ? ' on members' : '')}`.execute(db());
    }
  });

  it('changes nothing when the same file is imported again, and updates only what differs', async () => {
    const staff = await signIn('committee_staff', root.id);
    const people = [person('重导甲', { post: '科员' }), person('重导乙', { phone: '13900001111' })];
    const first = (await upload(staff, await roster(people), 'again.xlsx', 'mode=commit')).json();
    expect(first).toMatchObject({ created: 2, updated: 0, unchanged: 0 });
    const versions = async () => (await db().selectFrom('members').select(['name', 'version', 'updated_at']).where('name', 'in', ['重导甲', '重导乙']).orderBy('name').execute());
    const before = await versions();

    const second = (await upload(staff, await roster(people), 'again.xlsx', 'mode=commit')).json();
    expect(second).toMatchObject({ total: 2, created: 0, updated: 0, unchanged: 2, errors: [] });
    expect(await versions()).toEqual(before);

    people[0].post = '副科长';
    const third = (await upload(staff, await roster(people), 'again.xlsx', 'mode=commit')).json();
    expect(third).toMatchObject({ created: 0, updated: 1, unchanged: 1 });
    expect(await memberByName('重导甲')).toMatchObject({ post: '副科长', version: 2 });
  });

  it('sweeps what a crashed import left in staging, and never touches a running one', async () => {
    const staff = await signIn('committee_staff', root.id);
    const user = await db().selectFrom('users').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow();
    const batch = async (status: string, updatedAt: string) => {
      const b = await db().insertInto('import_batches').values({
        user_id: user.id, file_name: 'crashed.xlsx', file_sha256: 'x', client_ref: null, status, report: null, created_at: updatedAt, updated_at: updatedAt,
      }).returning('id').executeTakeFirstOrThrow();
      await db().insertInto('import_rows').values([2, 3].map((row_no) => ({ batch_id: b.id, row_no, action: 'create', member_id: null }))).execute();
      return b.id;
    };
    const crashed = await batch('validating', '2020-01-01T00:00:00.000Z');
    const diedAfterCommit = await batch('committed', '2020-01-01T00:00:00.000Z');
    const running = await batch('validating', new Date().toISOString());
    await upload(staff, await roster([person('清扫甲')]), 'sweep.xlsx', 'mode=dry-run');
    const rowsOf = async (id: number) => (await db().selectFrom('import_rows').select('row_no').where('batch_id', '=', id).execute()).length;
    expect([await rowsOf(crashed), await rowsOf(diedAfterCommit), await rowsOf(running)]).toEqual([0, 0, 2]);
    const statusOf = async (id: number) => (await db().selectFrom('import_batches').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;
    expect([await statusOf(crashed), await statusOf(diedAfterCommit), await statusOf(running)]).toEqual(['abandoned', 'committed', 'validating']);
    await db().deleteFrom('import_rows').where('batch_id', '=', running).execute();
    await db().updateTable('import_batches').set({ status: 'abandoned' }).where('id', '=', running).execute();
  });

  it('moves a member to the organisation the row names, keeping placement history', async () => {
    const staff = await signIn('committee_staff', root.id);
    const mover = person('调动甲');
    await upload(staff, await roster([mover]), 'move.xlsx', 'mode=commit');
    mover.org = '区委办公室党支部';
    const report = (await upload(staff, await roster([mover]), 'move.xlsx', 'mode=commit')).json();
    expect(report).toMatchObject({ updated: 1, errors: [] });
    const m = await memberByName('调动甲');
    expect(m).toMatchObject({ org_id: other.id, version: 2 });
    expect(await orgOfMemberOn(db(), m!.id, today())).toBe(other.id);
    expect(await db().selectFrom('member_placements').select('org_id').where('member_id', '=', m!.id).where('to_date', 'is', null).execute()).toEqual([{ org_id: other.id }]);
  });

  it('writes nothing when a member is edited between validation and commit', async () => {
    const staff = await signIn('committee_staff', root.id);
    const people = [person('并发甲', { post: '科员' }), person('并发乙')];
    await upload(staff, await roster(people), 'race.xlsx', 'mode=commit');
    people[0].post = '副科长';
    people.push(person('并发丙'));
    // Stands in for another user's edit: lands after validation has read the version, before the commit.
    if (target === 'sqlite') {
      await sql`create trigger roster_test_race after update of status on import_batches when new.status = 'committing'
        begin update members set version = version + 1 where name = '并发甲'; end`.execute(db());
    } else {
      await sql`create function roster_test_race() returns trigger language plpgsql as $$ begin
        if new.status = 'committing' then update members set version = version + 1 where name = '并发甲'; end if; return new; end $$`.execute(db());
      await sql`create trigger roster_test_race after update of status on import_batches for each row execute function roster_test_race()`.execute(db());
    }
    try {
      const res = await upload(staff, await roster(people), 'race.xlsx', 'mode=commit');
      expect(res.statusCode).toBe(409);
      expect(await memberByName('并发甲')).toMatchObject({ post: '科员', version: 2 });
      expect(await memberByName('并发丙')).toBeUndefined();
    } finally {
      await sql`drop trigger roster_test_race${sql.raw(target === 'postgres' ? ' on import_batches' : '')}`.execute(db());
    }
  });

  it('writes one audit row per import with mode, counts, file name and SHA-256', async () => {
    const staff = await signIn('committee_staff', root.id);
    const file = await roster([person('审计甲')]);
    await upload(staff, file, '审计.xlsx', 'mode=dry-run');
    const rows = await db().selectFrom('audit_events').selectAll().where('action', '=', 'member.import').orderBy('id', 'desc').limit(1).execute();
    const details = JSON.parse(rows[0].details);
    expect(details).toMatchObject({ mode: 'dry-run', fileName: '审计.xlsx', total: 1, created: 1, sha256: createHash('sha256').update(file).digest('hex') });
  });

  it('reports progress to the importing user only, under the id the client chose', async () => {
    const staff = await signIn('committee_staff', root.id);
    const res = await upload(staff, await roster([person('进度甲'), person('进度乙')]), 'p.xlsx', 'mode=commit', { 'x-import-id': 'client-ref-0001' });
    expect(res.statusCode).toBe(200);
    const progress = await staff.get('/api/v1/members/import/progress/client-ref-0001');
    expect(progress.json()).toMatchObject({ importId: 'client-ref-0001', status: 'committed', total: 2, processed: 2 });
    const someoneElse = await signIn('committee_staff', root.id);
    expect((await someoneElse.get('/api/v1/members/import/progress/client-ref-0001')).statusCode).toBe(404);
  });

  it('hands the importing user the report\'s problems as a sheet, errors first, and audits the download', async () => {
    const staff = await signIn('committee_staff', root.id);
    const id = testIdNumber();
    const people = [person('清单甲', { id }), person('清单乙', { org: '不存在的党支部' }), person('清单丙', { id })];
    const report = (await upload(staff, await roster(people), '五月名册.xlsx', 'mode=dry-run', { 'x-import-id': 'issues-ref-0001' })).json();
    expect(report.errors).toHaveLength(2);

    const res = await staff.get('/api/v1/members/import/issues/issues-ref-0001?format=xlsx');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('导入问题清单-五月名册.xlsx'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet('导入问题清单')!;
    const rows = ws.getSheetValues().slice(1).map((r) => (r as unknown[]).slice(1));
    expect(rows).toEqual([
      ['类别', '行号', '列', '问题说明'],
      ...report.errors.map((e: { row: number; column: string; message: string }) => ['错误', String(e.row), e.column, e.message]),
      ...report.warnings.map((e: { row: number; column: string; message: string }) => ['提示', String(e.row), e.column, e.message]),
    ]);
    expect(rows.slice(1, 3).map((r) => r[1])).toEqual(['3', '4']);

    const csv = await staff.get('/api/v1/members/import/issues/issues-ref-0001?format=csv');
    expect(csv.rawPayload.toString('utf8').split('\r\n')[0]).toBe('\ufeff类别,行号,列,问题说明');

    const audit = await db().selectFrom('audit_events').selectAll().where('action', '=', 'member.import_issues').orderBy('id', 'desc').limit(2).execute();
    expect(audit.map((a) => JSON.parse(a.details))).toEqual([
      expect.objectContaining({ importId: 'issues-ref-0001', format: 'csv', fileName: '五月名册.xlsx', rows: rows.length - 1 }),
      expect.objectContaining({ format: 'xlsx', sha256: createHash('sha256').update(res.rawPayload).digest('hex') }),
    ]);
  });

  it('gives an import\'s problem sheet to nobody but the importing user, and only once the import has finished', async () => {
    const staff = await signIn('committee_staff', root.id);
    await upload(staff, await roster([person('只给本人')]), 'own.xlsx', 'mode=dry-run', { 'x-import-id': 'issues-ref-0002' });
    expect((await staff.get('/api/v1/members/import/issues/issues-ref-0002')).statusCode).toBe(200);
    const someoneElse = await signIn('committee_staff', root.id);
    expect((await someoneElse.get('/api/v1/members/import/issues/issues-ref-0002')).statusCode).toBe(404);
    expect((await staff.get('/api/v1/members/import/issues/no-such-import')).statusCode).toBe(404);
    const running = await staff.get('/api/v1/members/import/issues/issues-ref-0002?format=pdf');
    expect(running.statusCode).toBe(400);
    expect(running.json().error.message).toContain('文件格式');
    await db().updateTable('import_batches').set({ status: 'validating', report: null }).where('client_ref', '=', 'issues-ref-0002').execute();
    const unfinished = await staff.get('/api/v1/members/import/issues/issues-ref-0002');
    expect(unfinished.statusCode).toBe(409);
    expect(unfinished.json().error.message).toBe('导入尚未完成，完成后才能下载问题清单');
  });

  it('refuses a zip bomb from its directory, quickly and without inflating it', async () => {
    const staff = await signIn('committee_staff', root.id);
    const bomb = zipFile([
      deflated('[Content_Types].xml', '<Types/>'),
      deflated('xl/workbook.xml', '<workbook/>'),
      zerosEntry('xl/worksheets/sheet1.xml', 1024),
    ]);
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    const rssBefore = process.memoryUsage().rss;
    const res = await upload(staff, bomb, 'bomb.xlsx', 'mode=dry-run');
    expect(res.statusCode).toBe(413);
    expect(res.json().error.message).toContain('压缩炸弹');
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(100 * 1024 * 1024);

    const many = zipFile([deflated('[Content_Types].xml', '<Types/>'), ...Array.from({ length: 1001 }, (_, i) => deflated(`xl/x${i}.xml`, 'x'))]);
    expect((await upload(staff, many, 'many.xlsx', 'mode=dry-run')).statusCode).toBe(413);

    // A directory that understates the entry: found while proving the sizes, long before the parser sees it.
    const lying = zipFile([deflated('[Content_Types].xml', '<Types/>'), deflated('xl/workbook.xml', '<workbook/>'), { ...zerosEntry('xl/worksheets/sheet1.xml', 1024), uncompressedSize: 10_000 }]);
    const lie = await upload(staff, lying, 'lying.xlsx', 'mode=dry-run');
    expect(lie.statusCode).toBe(413);
    expect(lie.json().error.message).toContain('声明');
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(100 * 1024 * 1024);
  });

  it('refuses archives whose names escape the archive or that hold links', async () => {
    const staff = await signIn('committee_staff', root.id);
    const base = [deflated('[Content_Types].xml', '<Types/>'), deflated('xl/workbook.xml', '<workbook/>')];
    for (const name of ['../../etc/cron.d/x', '/etc/passwd', 'xl\\..\\evil.xml', 'C:/evil.xml']) {
      const res = await upload(staff, zipFile([...base, deflated(name, 'x')]), 'slip.xlsx', 'mode=dry-run');
      expect(res.statusCode).toBe(400);
      expect(res.json().error.message).toContain('不安全');
    }
    const link = zipFile([...base, { ...deflated('xl/worksheets/sheet1.xml', '/etc/passwd'), unixMode: 0o120777 }]);
    const res = await upload(staff, link, 'link.xlsx', 'mode=dry-run');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('符号链接');
  });

  it('answers 415 for a file that is not what its name says', async () => {
    const staff = await signIn('committee_staff', root.id);
    const png = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.alloc(64)]);
    const ole = Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(512)]);
    const plainZip = zipFile([deflated('readme.txt', 'hello')]);
    const cases: Array<[Buffer, string, string]> = [
      [png, 'roster.xlsx', '不是 xlsx'],
      [ole, 'roster.xlsx', '.xls'],
      [plainZip, 'roster.xlsx', '不是 xlsx'],
      [png, 'roster.csv', '二进制'],
      [Buffer.from('姓名,身份证号\n'), 'roster.xls', '.xls'],
      [Buffer.from('姓名,身份证号\n'), 'roster.xlsm', '宏'],
      [Buffer.from('MZ\x90\x00'), 'roster.exe', '.xlsx 或 .csv'],
    ];
    for (const [bytes, name, says] of cases) {
      const res = await upload(staff, bytes, name, 'mode=dry-run');
      expect(res.statusCode, name).toBe(415);
      expect(res.json().error.message).toContain(says);
    }
  });

  it('answers 413 for a file over the upload limit and leaves no temp file behind', async () => {
    const staff = await signIn('committee_staff', root.id);
    const tmp = rosterTempDir(t.ctx.config);
    const res = await upload(staff, Buffer.alloc(t.ctx.config.uploadMaxBytes + 1, 0x41), 'big.csv', 'mode=dry-run');
    expect(res.statusCode).toBe(413);
    expect(fs.existsSync(tmp) ? fs.readdirSync(tmp) : []).toEqual([]);
  });

  it('refuses a file without the required columns, naming them', async () => {
    const staff = await signIn('committee_staff', root.id);
    const res = await upload(staff, csvFile([['姓名', '民族', '入党时间'], ['某人', '汉族', '2005-07-01']]), 'cols.csv', 'mode=dry-run');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/身份证号.*所在党组织/);
  });

  it('limits imports per user', async () => {
    const staff = await signIn('committee_staff', root.id);
    const file = csvFile([['姓名', '身份证号', '所在支部'], ['某人', 'x', '区财政局党支部']]);
    const codes: number[] = [];
    for (let i = 0; i < 11; i++) codes.push((await upload(staff, file, 'r.csv', 'mode=dry-run')).statusCode);
    expect(codes.slice(0, 10).every((c) => c === 200)).toBe(true);
    expect(codes[10]).toBe(429);
    const other = await signIn('committee_staff', root.id);
    expect((await upload(other, file, 'r.csv', 'mode=dry-run')).statusCode).toBe(200);
  });

  it('refuses more rows than the configured cap', async () => {
    const small = await createTestApp(target, { HONGYAN_IMPORT_ROW_CAP: '3' });
    try {
      const branch = await buildOrg(small.db.kysely, { name: '区财政局党支部' });
      await buildUser(small.db.kysely, { username: 'capper', grants: [{ role: 'secretary', orgId: branch.id }] });
      const c = new Client(small.app);
      await c.login('capper', TEST_PASSWORD);
      const body = multipart(await roster([person('甲'), person('乙'), person('丙'), person('丁')]), 'cap.xlsx');
      const res = await c.request({ method: 'POST', url: '/api/v1/members/import?mode=dry-run', payload: body.payload, headers: body.headers });
      expect(res.statusCode).toBe(413);
      expect(res.json().error.message).toContain('3 行');
      expect(await small.db.kysely.selectFrom('import_rows').selectAll().execute()).toEqual([]);
    } finally {
      await small.close();
    }
  });

  it('serves a template whose headers the import reads and whose example row is fictional', async () => {
    const staff = await signIn('committee_staff', root.id);
    const res = await staff.get('/api/v1/members/import-template?format=xlsx');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
    const ws = wb.worksheets[0];
    expect(ws.getRow(1).values).toEqual([undefined, '姓名', '性别', '民族', '出生日期', '身份证号', '学历', '入党时间', '转正时间', '党员类别', '所在党组织', '联系电话', '工作单位及职务', '备注']);
    expect(String(ws.getRow(2).getCell(5).value)).toMatch(/^4399\d{13}[\dX]$/);
    const dry = (await upload(staff, res.rawPayload, 'template.xlsx', 'mode=dry-run')).json();
    expect(dry).toMatchObject({ total: 1, created: 1, errors: [] });
  });
});
