import crypto from 'node:crypto';
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, targets, type TestApp } from '../../../test/harness.js';
import { buildOrg, buildUser, TEST_PASSWORD } from '../../../test/factories.js';
import type { Role } from '../../../platform/access/roles.js';
import { writePolicy } from '../../../platform/policies.js';
import { buildMember } from '../member.factory.js';
import { memberListQuery } from '../members.repository.js';
import { memberListEnv } from '../members.service.js';
import { makeScope } from '../../../platform/access/scope.js';
import { exportPages } from './roster-export.repository.js';
import { rosterTempDir } from './roster-files.js';
import { multipart } from './roster-test-files.js';

const MASKED_ID = /^\d{3}\*{11}[\dX]{4}$/;

describe.each(targets)('roster export on %s', (target) => {
  let t: TestApp;
  let root: { id: number; path: string };
  let finance: { id: number; path: string };
  let office: { id: number; path: string };
  let userSeq = 0;
  const ids: string[] = [];
  const db = () => t.db.kysely;

  /** Exports are rate-limited per user, so each test signs in a user of its own. */
  async function signIn(role: Role, orgId: number): Promise<Client> {
    const username = `exporter${++userSeq}`;
    await buildUser(db(), { username, grants: [{ role, orgId }] });
    const c = new Client(t.app);
    expect((await c.login(username, TEST_PASSWORD)).statusCode).toBe(200);
    return c;
  }

  async function sheetRows(bytes: Buffer): Promise<ExcelJS.Row[]> {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
    const rows: ExcelJS.Row[] = [];
    wb.worksheets[0].eachRow((r) => rows.push(r));
    return rows;
  }
  const csvLines = (body: Buffer) => body.toString('utf8').replace(/^\ufeff/, '').trim().split('\r\n');
  const lastAudit = async () => {
    const row = await db().selectFrom('audit_events').selectAll().where('action', '=', 'member.export').orderBy('id', 'desc').executeTakeFirstOrThrow();
    return { ...row, details: JSON.parse(row.details) };
  };

  beforeAll(async () => {
    t = await createTestApp(target);
    root = await buildOrg(db(), { name: '雁峰区直机关工委' });
    finance = await buildOrg(db(), { parentId: root.id, type: 'branch', name: '区财政局党支部' });
    office = await buildOrg(db(), { parentId: root.id, type: 'branch', name: '区委办公室党支部' });
    const a = await buildMember(db(), t.ctx, { orgId: finance.id, name: '赵一', phone: '13812345678', post: '=HYPERLINK("http://evil.test","点我")', notes: '@SUM(1)' });
    const b = await buildMember(db(), t.ctx, { orgId: finance.id, name: '钱二', notes: '-2+3', birthDate: '1975-01-31', gender: 'female' });
    const c = await buildMember(db(), t.ctx, { orgId: office.id, name: '孙三', phone: '0734-8123456' });
    ids.push(a.idNumber, b.idNumber, c.idNumber);
  });
  afterAll(async () => t.close());

  it('exports masked ID numbers and phones as text cells, with formula-like text escaped', async () => {
    const staff = await signIn('committee_staff', root.id);
    const res = await staff.get(`/api/v1/members/export?format=xlsx&orgId=${finance.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain("filename*=UTF-8''");
    const [header, ...rows] = await sheetRows(res.rawPayload);
    expect(header.getCell(5).value).toBe('身份证号');
    expect(rows.map((r) => r.getCell(1).value)).toEqual(['赵一', '钱二']);
    for (const r of rows) {
      expect(r.getCell(5).type).toBe(ExcelJS.ValueType.String);
      expect(String(r.getCell(5).value)).toMatch(MASKED_ID);
      expect(r.getCell(5).numFmt).toBe('@');
    }
    expect(rows[0].getCell(11).value).toBe('138****5678');
    expect(rows[0].getCell(12).value).toBe('\'=HYPERLINK("http://evil.test","点我")');
    expect(rows[0].getCell(12).type).toBe(ExcelJS.ValueType.String);
    expect(rows[0].getCell(13).value).toBe("'@SUM(1)");
    expect(rows[1].getCell(13).value).toBe("'-2+3");
    expect(res.body).not.toContain(ids[0]);
  });

  it('writes CSV in UTF-8 with a BOM, masked and escaped, and audits the row count and file hash', async () => {
    const staff = await signIn('committee_staff', root.id);
    const res = await staff.get('/api/v1/members/export?format=csv');
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = csvLines(res.rawPayload);
    expect(lines[0]).toBe('姓名,性别,民族,出生日期,身份证号,学历,入党时间,转正时间,党员类别,所在党组织,联系电话,工作单位及职务,备注');
    expect(lines).toHaveLength(4);
    for (const line of lines.slice(1)) expect(line.split(',')[4]).toMatch(MASKED_ID);
    expect(lines.find((l) => l.startsWith('赵一'))).toContain('"\'=HYPERLINK(""http://evil.test"",""点我"")"');
    for (const id of ids) expect(res.body).not.toContain(id);
    const audit = await lastAudit();
    expect(audit.details).toMatchObject({ format: 'csv', rows: 3, reveal: false, sha256: crypto.createHash('sha256').update(res.rawPayload).digest('hex') });
    // The file was written to disk to be hashed before sending; once sent it is gone.
    await expect.poll(() => fs.readdirSync(rosterTempDir(t.ctx.config))).toEqual([]);
  });

  it('exports the same members as the list, in the caller\'s scope only', async () => {
    const secretary = await signIn('secretary', finance.id);
    const res = await secretary.get('/api/v1/members/export?format=csv');
    expect(csvLines(res.rawPayload).slice(1).map((l) => l.split(',')[0])).toEqual(['赵一', '钱二']);
    const list = (await secretary.get('/api/v1/members?pageSize=1000')).json();
    expect(list.items.map((m: { name: string }) => m.name).sort()).toEqual(['赵一', '钱二'].sort());
    expect((await secretary.get(`/api/v1/members/export?format=csv&orgId=${office.id}`)).statusCode).toBe(404);
    const filtered = await secretary.get('/api/v1/members/export?format=csv&q=zy');
    expect(csvLines(filtered.rawPayload).slice(1).map((l) => l.split(',')[0])).toEqual(['赵一']);
  });

  it('reveals full values only with a reason and member.reveal, and audits the reason', async () => {
    const staff = await signIn('committee_staff', root.id);
    expect((await staff.get('/api/v1/members/export?format=csv&reveal=true')).statusCode).toBe(400);
    const res = await staff.get(`/api/v1/members/export?format=csv&reveal=true&reason=${encodeURIComponent('换届选举资格审查')}`);
    expect(res.statusCode).toBe(200);
    const cells = csvLines(res.rawPayload).slice(1).map((l) => l.split(','));
    expect(cells.map((c) => c[4]).sort()).toEqual([...ids].sort());
    expect(cells.find((c) => c[0] === '赵一')![10]).toBe('13812345678');
    const audit = await lastAudit();
    expect(audit.details).toMatchObject({ reveal: true, reason: '换届选举资格审查', rows: 3 });
    expect(audit.details.sha256).toBe(crypto.createHash('sha256').update(res.rawPayload).digest('hex'));
    expect(JSON.stringify(audit)).not.toContain(ids[0]);

    // The security admin narrows who may reveal: the secretary can still export, masked, but not reveal.
    await writePolicy(db(), 'permissionRoles', { 'member.reveal': ['committee_staff'] }, null);
    try {
      const secretary = await signIn('secretary', finance.id);
      expect((await secretary.get('/api/v1/members/export?format=csv&reveal=true&reason=核对信息')).statusCode).toBe(403);
      expect((await secretary.get('/api/v1/members/export?format=csv')).statusCode).toBe(200);
    } finally {
      await writePolicy(db(), 'permissionRoles', {}, null);
    }
  });

  it('keeps every 18-digit ID number through export and import again', async () => {
    const staff = await signIn('committee_staff', root.id);
    for (const format of ['xlsx', 'csv'] as const) {
      const exported = await staff.get(`/api/v1/members/export?format=${format}&reveal=true&reason=${encodeURIComponent('名册核对')}`);
      expect(exported.statusCode).toBe(200);
      const body = multipart(exported.rawPayload, `roster.${format}`);
      const res = await staff.request({ method: 'POST', url: '/api/v1/members/import?mode=dry-run', payload: body.payload, headers: body.headers });
      expect(res.json()).toMatchObject({ total: 3, created: 0, updated: 0, unchanged: 3, errors: [] });
    }
  });

  it('pages through every member exactly once, organisation by organisation', async () => {
    for (let i = 0; i < 9; i++) await buildMember(db(), t.ctx, { orgId: i % 2 ? finance.id : office.id, name: `分页${i}` });
    const q = await memberListQuery(db(), makeScope([root.path]), {}, await memberListEnv(t.ctx));
    const seen: Array<{ id: number; org_path: string }> = [];
    for await (const page of exportPages(q, 4)) seen.push(...page);
    const all = await q.select('members.id').execute();
    expect(seen.map((m) => m.id).sort((a, b) => a - b)).toEqual(all.map((m) => m.id).sort((a, b) => a - b));
    expect(seen.map((m) => m.org_path)).toEqual([...seen.map((m) => m.org_path)].sort());
  });

  it('limits exports per user', async () => {
    const staff = await signIn('committee_staff', root.id);
    const codes: number[] = [];
    for (let i = 0; i < 4; i++) codes.push((await staff.get('/api/v1/members/export?format=csv')).statusCode);
    expect(codes).toEqual([200, 200, 200, 429]);
  });

  it('is refused to roles without member.export', async () => {
    const liaison = await signIn('liaison_officer', root.id);
    expect((await liaison.get('/api/v1/members/export?format=csv')).statusCode).toBe(403);
  });
});
