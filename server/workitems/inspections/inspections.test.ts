import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, targets, type TestApp } from '../../test/harness.js';
import { addDays, setClockOffset, today } from '../../platform/time.js';
import { oversightDistrict } from '../oversight-fixture.js';

const DAY = 86_400_000;

describe.each(targets)('inspections on %s', (target) => {
  let t: TestApp;
  let d: Awaited<ReturnType<typeof oversightDistrict>>;

  beforeAll(async () => {
    t = await createTestApp(target);
    d = await oversightDistrict(t);
  });
  afterAll(async () => { setClockOffset(0); await t.close(); });

  const schedule = async (kind: string, startsOn = today(), endsOn = addDays(today(), 6)) => {
    const res = await d.staff.c.post('/api/v1/inspections', { orgId: d.root.id, kind, title: `${kind}检查`, startsOn, endsOn });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: number; version: number };
  };

  it('pairs units with inspector grants that end with the inspection, and findings signed off only by the inspector', async () => {
    const inspector = await d.login(null, null);
    const outsider = await d.login(null, null);
    const cross = await schedule('cross');
    const noInspector = await d.staff.c.post(`/api/v1/inspections/${cross.id}/pairs`, { inspectedUnitId: d.financeUnit, inspectingUnitId: d.auditUnit });
    expect(noInspector.statusCode).toBe(400);
    expect(noInspector.json().error.details[0].path).toBe('inspectorUserIds');
    const self = await d.staff.c.post(`/api/v1/inspections/${cross.id}/pairs`, { inspectedUnitId: d.financeUnit, inspectingUnitId: d.financeUnit, inspectorUserIds: [inspector.id] });
    expect(self.statusCode).toBe(400);
    const paired = await d.staff.c.post(`/api/v1/inspections/${cross.id}/pairs`, { inspectedUnitId: d.financeUnit, inspectingUnitId: d.auditUnit, inspectorUserIds: [inspector.id] });
    expect(paired.statusCode, paired.body).toBe(201);
    const grants = await t.db.kysely.selectFrom('grants').selectAll().where('user_id', '=', inspector.id).execute();
    expect(grants.map((g) => g.org_id)).toEqual([d.finance.id]);
    expect(grants.every((g) => g.role === 'inspector' && g.valid_to && g.valid_to > new Date().toISOString())).toBe(true);

    // During the inspection the inspector reads the inspected unit (not the other one) and records findings there.
    await inspector.relogin();
    expect((await inspector.c.get(`/api/v1/orgs/${d.finance.id}`)).statusCode).toBe(200);
    expect((await inspector.c.get(`/api/v1/orgs/${d.audit.id}`)).statusCode).toBe(404);
    const elsewhere = await inspector.c.post(`/api/v1/inspections/${cross.id}/findings`, { unitId: d.auditUnit, title: '越权', deadline: addDays(today(), 20) });
    expect(elsewhere.statusCode).toBe(400);
    const finding = await inspector.c.post(`/api/v1/inspections/${cross.id}/findings`, { unitId: d.financeUnit, title: '三会一课记录不全', deadline: addDays(today(), 20) });
    expect(finding.statusCode, finding.body).toBe(201);
    const f = finding.json() as { id: number; state: string; feedbackListId: number };
    expect(f.state).toBe('draft');
    expect((await outsider.c.get(`/api/v1/inspections/${cross.id}`)).statusCode).toBe(403);

    // 交办: the list goes down once, its findings become assigned, the unit's secretary is told.
    const detail = (await d.staff.c.get(`/api/v1/inspections/${cross.id}`)).json();
    const list = detail.feedbackLists[0];
    expect(list).toMatchObject({ unitId: d.financeUnit, findings: 1, issuedAt: null });
    const issued = await d.staff.c.post(`/api/v1/inspections/${cross.id}/feedback-lists/${list.id}/issue`, { version: list.version });
    expect(issued.statusCode, issued.body).toBe(200);
    expect((await d.staff.c.post(`/api/v1/inspections/${cross.id}/feedback-lists/${list.id}/issue`, { version: list.version + 1 })).statusCode).toBe(409);
    const notes = await t.db.kysely.selectFrom('notifications').select('user_id').where('kind', '=', 'inspection.feedback_list').execute();
    expect(notes.map((n) => n.user_id)).toContain(d.financeSecretary.id);

    // The unit rectifies and submits; the unit's secretary cannot sign off, the inspector can once the inspection is over.
    const move = (c: typeof d.staff.c, to: string, extra: Record<string, unknown> = {}) => c.post(`/api/v1/work-items/${f.id}/transitions`, { to, ...extra });
    expect((await move(d.financeSecretary.c, 'in_progress')).statusCode).toBe(200);
    expect((await move(d.financeSecretary.c, 'submitted', { evidence: { text: '已补齐记录' } })).statusCode).toBe(200);
    expect((await move(d.financeSecretary.c, 'signed_off', { comment: '自行销号' })).statusCode).toBe(403);
    expect((await move(outsider.c, 'signed_off', { comment: '无关人员' })).statusCode).toBe(404);

    setClockOffset(8 * DAY);
    await inspector.relogin();
    expect((await inspector.c.get(`/api/v1/orgs/${d.finance.id}`)).statusCode).toBe(403);
    const signed = await move(inspector.c, 'signed_off', { comment: '整改到位' });
    expect(signed.statusCode, signed.body).toBe(200);
    setClockOffset(0);

    const findings = (await d.staff.c.get(`/api/v1/inspections/${cross.id}/findings`)).json();
    expect(findings.items).toMatchObject([{ id: f.id, state: 'signed_off', timeliness: 'on_time' }]);
    const docx = await d.staff.c.get(`/api/v1/inspections/${cross.id}/summary.docx`);
    expect(docx.statusCode).toBe(200);
    expect(docx.headers['content-type']).toContain('wordprocessingml');
    expect(docx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('counts cross inspections per year against two, and feedback lists and findings handed down', async () => {
    const year = Number(today().slice(0, 4));
    const before = (await d.staff.c.get(`/api/v1/inspections/summary?year=${year}`)).json();
    await schedule('cross');
    const after = (await d.staff.c.get(`/api/v1/inspections/summary?year=${year}`)).json();
    expect(after.crossInspections).toBe(before.crossInspections + 1);
    expect(after.crossShortfall).toBe(Math.max(0, 2 - after.crossInspections));
    expect(after.feedbackLists).toBeGreaterThanOrEqual(1);
    expect(after.findingsByState.signed_off).toBeGreaterThanOrEqual(1);
    const none = (await d.staff.c.get(`/api/v1/inspections/summary?year=${year - 5}`)).json();
    expect(none).toMatchObject({ crossInspections: 0, crossShortfall: 2, feedbackLists: 0, findings: 0 });
  });

  it('lets each unit list its own risk points in a quarterly screening, and no one else’s', async () => {
    const start = today();
    const qEnd = (() => { const m = Number(start.slice(5, 7)); const endMonth = Math.ceil(m / 3) * 3; return addDays(`${start.slice(0, 4)}-${String(endMonth).padStart(2, '0')}-01`, 27); })();
    const across = await d.staff.c.post('/api/v1/inspections', { orgId: d.root.id, kind: 'risk_screening', title: '跨季度', startsOn: start, endsOn: addDays(start, 120) });
    expect(across.statusCode).toBe(400);
    const rs = await schedule('risk_screening', start, qEnd < start ? start : qEnd);
    for (const unit of [d.financeUnit, d.auditUnit]) expect((await d.staff.c.post(`/api/v1/inspections/${rs.id}/pairs`, { inspectedUnitId: unit })).statusCode).toBe(201);
    const own = await d.financeSecretary.c.post(`/api/v1/inspections/${rs.id}/risk-points`, { unitId: d.financeUnit, description: '意识形态阵地管理薄弱', level: 'high', measures: '建立台账，每月检查' });
    expect(own.statusCode, own.body).toBe(201);
    const other = await d.financeSecretary.c.post(`/api/v1/inspections/${rs.id}/risk-points`, { unitId: d.auditUnit, description: '代填', level: 'low', measures: '无' });
    expect(other.statusCode).toBe(403);
    const badLevel = await d.auditSecretary.c.post(`/api/v1/inspections/${rs.id}/risk-points`, { unitId: d.auditUnit, description: '党费收缴不及时', level: 'severe', measures: '按月收缴' });
    expect(badLevel.statusCode).toBe(400);
    expect((await d.auditSecretary.c.get(`/api/v1/inspections/${rs.id}/risk-points`)).json().items).toEqual([]);
    const all = (await d.staff.c.get(`/api/v1/inspections/${rs.id}/risk-points`)).json();
    expect(all.items).toMatchObject([{ unitId: d.financeUnit, level: 'high', quarter: `${start.slice(0, 4)}-Q${Math.ceil(Number(start.slice(5, 7)) / 3)}` }]);
  });
});
