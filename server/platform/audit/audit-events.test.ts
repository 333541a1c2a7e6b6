import crypto from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, targets, type TestApp } from '../../test/harness.js';
import { buildOrg } from '../../test/factories.js';
import { signedIn } from '../../test/accounts.js';
import { writePolicy } from '../policies.js';

type Item = { id: number; at: string; username: string; action: string; objectId: string; outcome: string; orgId: number | null; details: Record<string, unknown>; chained: boolean };

describe.each(targets)('audit-log viewer on %s', (target) => {
  let t: TestApp;
  let auditor: Client;
  let auditorName: string;
  let root: { id: number; path: string };
  let branch: { id: number; path: string };
  let other: { id: number; path: string };

  /** A row of the log as the app would have written it, at a chosen instant. */
  async function fixture(o: { at: string; username?: string; action?: string; objectId?: string; outcome?: string; orgId?: number | null; details?: object }) {
    const row = await t.db.kysely.insertInto('audit_events').values({
      at: o.at,
      user_id: null,
      username: o.username ?? 'clerk',
      roles: 'secretary',
      ip: '10.1.2.3',
      action: o.action ?? 'member.update',
      object_type: 'fixture',
      object_id: o.objectId ?? '1',
      org_id: o.orgId ?? null,
      outcome: o.outcome ?? 'success',
      details: JSON.stringify(o.details ?? {}),
    }).returning('id').executeTakeFirstOrThrow();
    return row.id;
  }

  const list = async (c: Client, query: string) => {
    const res = await c.get(`/api/v1/audit-events?objectType=fixture&${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { items: Item[]; total: number };
  };

  let ids: Record<string, number>;
  beforeAll(async () => {
    t = await createTestApp(target);
    root = await buildOrg(t.db.kysely);
    branch = await buildOrg(t.db.kysely, { parentId: root.id });
    other = await buildOrg(t.db.kysely, { parentId: root.id });
    ids = {
      // 2024-03-01 23:59:59 and 2024-03-02 00:00:00 in Asia/Shanghai
      lateMar1: await fixture({ at: '2024-03-01T15:59:59.000Z', username: 'wang', objectId: '7', orgId: branch.id }),
      earlyMar2: await fixture({ at: '2024-03-01T16:00:00.000Z', username: 'li', action: 'member.reveal', orgId: other.id }),
      denied: await fixture({ at: '2024-03-05T02:00:00.000Z', username: 'wang', action: 'access.denied', outcome: 'denied' }),
      formula: await fixture({ at: '2024-03-06T02:00:00.000Z', username: '=cmd|calc', objectId: '=HYPERLINK("http://x")', details: { note: '+1' } }),
    };
    const signed = await signedIn(t, 'audit_admin', root.id);
    auditor = signed.client;
    auditorName = signed.user.username;
  });
  afterAll(async () => t.close());

  it('lists the whole log to the audit admin, newest first, paged', async () => {
    const all = await list(auditor, 'pageSize=1000');
    expect(all.items.map((i) => i.id)).toEqual([ids.formula, ids.denied, ids.earlyMar2, ids.lateMar1]);
    expect(all.total).toBe(4);
    const page2 = await list(auditor, 'page=2&pageSize=3');
    expect(page2).toMatchObject({ total: 4, items: [{ id: ids.lateMar1 }] });
    // Rows without an organisation (denials, admin actions) are part of the audit admin's view.
    expect(all.items.find((i) => i.id === ids.denied)).toMatchObject({ orgId: null, outcome: 'denied', username: 'wang' });
  });

  it('filters by day in Asia/Shanghai, user, action, object and outcome', async () => {
    const idsOf = async (q: string) => (await list(auditor, q)).items.map((i) => i.id);
    expect(await idsOf('from=2024-03-02&to=2024-03-02')).toEqual([ids.earlyMar2]);
    expect(await idsOf('to=2024-03-01')).toEqual([ids.lateMar1]);
    expect(await idsOf('from=2024-03-05')).toEqual([ids.formula, ids.denied]);
    expect(await idsOf('user=wang')).toEqual([ids.denied, ids.lateMar1]);
    expect(await idsOf('action=member.reveal')).toEqual([ids.earlyMar2]);
    expect(await idsOf('objectId=7')).toEqual([ids.lateMar1]);
    expect(await idsOf('outcome=denied')).toEqual([ids.denied]);
    expect(await idsOf('user=wang&outcome=success')).toEqual([ids.lateMar1]);
  });

  it('answers bad filters with a Chinese message naming the field', async () => {
    const bad = await auditor.get('/api/v1/audit-events?from=2024-02-30');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0]).toMatchObject({ path: 'from' });
    expect(bad.json().error.details[0].message).toContain('开始日期');
    const reversed = await auditor.get('/api/v1/audit-events?from=2024-03-05&to=2024-03-01');
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().error.message).toContain('结束日期不能早于开始日期');
    expect((await auditor.get('/api/v1/audit-events?outcome=maybe')).statusCode).toBe(400);
  });

  it('refuses the other two administrators and everyone else', async () => {
    for (const role of ['system_admin', 'security_admin', 'committee_staff', 'secretary'] as const) {
      const { client } = await signedIn(t, role, root.id);
      expect((await client.get('/api/v1/audit-events')).statusCode, role).toBe(403);
      expect((await client.get('/api/v1/audit-events/export?format=csv')).statusCode, role).toBe(403);
    }
    expect((await new Client(t.app).get('/api/v1/audit-events')).statusCode).toBe(401);
  });

  it('shows anyone else the security admin lets read the log only rows about their organisations', async () => {
    await writePolicy(t.db.kysely, 'permissionRoles', { 'audit.read': ['audit_admin', 'secretary'] }, null);
    try {
      const { client } = await signedIn(t, 'secretary', branch.id);
      expect((await list(client, '')).items.map((i) => i.id)).toEqual([ids.lateMar1]);
    } finally {
      await writePolicy(t.db.kysely, 'permissionRoles', {}, null);
    }
  });

  it('marks which rows the hash chain covers', async () => {
    expect((await list(auditor, '')).items.every((i) => !i.chained)).toBe(true);
    await t.ctx.scheduler.runOnce('audit-chain');
    expect((await list(auditor, '')).items.every((i) => i.chained)).toBe(true);
  });

  describe('export', () => {
    const exportRows = () => t.db.kysely.selectFrom('audit_events').selectAll().where('action', '=', 'audit.export').orderBy('id', 'desc').execute();

    it('writes CSV with a BOM, escapes formulas, downloads as an attachment, and is audited with count and hash', async () => {
      const res = await auditor.get('/api/v1/audit-events/export?format=csv&objectType=fixture&user=%3Dcmd%7Ccalc');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('text/csv');
      expect(res.headers['content-disposition']).toMatch(/^attachment; filename="audit-log-\d{8}-\d{6}\.csv"/);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      const bytes = res.rawPayload;
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const [header, line] = bytes.subarray(3).toString('utf8').trim().split('\r\n');
      expect(header.split(',').slice(0, 3)).toEqual(['序号', '时间', '用户名']);
      expect(line).toContain("'=cmd|calc");
      expect(line).toContain(`"'=HYPERLINK(""http://x"")"`);
      expect(line).toContain('2024-03-06 10:00:00.000 +08:00');

      const [record] = await exportRows();
      expect(JSON.parse(record.details)).toMatchObject({
        format: 'csv', rows: 1, sha256: crypto.createHash('sha256').update(bytes).digest('hex'), filters: { user: '=cmd|calc' },
      });
      expect(record.username).toBe(auditorName);
    });

    it('writes xlsx with text cells', async () => {
      const res = await auditor.get('/api/v1/audit-events/export?format=xlsx&objectType=fixture');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const sheet = book.worksheets[0];
      expect(sheet.rowCount).toBe(5);
      expect(sheet.getRow(1).getCell(12).value).toBe('详情');
      const formulaRow = sheet.getRow(2);
      expect(formulaRow.getCell(3).value).toBe("'=cmd|calc");
      expect(formulaRow.getCell(3).type).toBe(ExcelJS.ValueType.String);
      expect(formulaRow.getCell(9).value).toBe(`'=HYPERLINK("http://x")`);
      expect((await exportRows())[0].details).toContain('"format":"xlsx"');
    });

    it('is rate-limited per account', async () => {
      const { client } = await signedIn(t, 'audit_admin', root.id);
      const codes: number[] = [];
      for (let i = 0; i < 4; i++) codes.push((await client.get('/api/v1/audit-events/export?format=csv&objectType=none')).statusCode);
      expect(codes).toEqual([200, 200, 200, 429]);
      // Another account is not affected.
      expect((await auditor.get('/api/v1/audit-events/export?format=csv&objectType=none')).statusCode).toBe(200);
    });
  });
});
