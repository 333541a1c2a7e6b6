import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { Client, createTestApp, targets, type TestApp } from '../../test/harness.js';
import { buildMember, buildOrg, buildUser, TEST_PASSWORD } from '../../test/factories.js';
import { auditRows } from '../../test/accounts.js';
import { countStatements } from '../../test/statements.js';
import type { Role } from '../../platform/access/roles.js';
import { today } from '../../platform/time.js';

const hoursFromNow = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();

describe.each(targets)('activities on %s', (target) => {
  let t: TestApp;
  let root: { id: number }, branch: { id: number }, other: { id: number };
  let secretary: Client;
  let hostId: number, recorderId: number, plainId: number, probationaryId: number, watchedId: number, outsiderId: number;
  let host: Client, recorder: Client, plain: Client, outsider: Client;

  async function clientFor(role: Role, orgId: number, memberId: number | null = null): Promise<Client> {
    const u = await buildUser(t.db.kysely, { grants: [{ role, orgId }], memberId });
    const c = new Client(t.app);
    expect((await c.login(u.username, TEST_PASSWORD)).statusCode).toBe(200);
    return c;
  }

  const base = () => ({
    orgId: branch.id, kind: 'branch_assembly', title: '第一季度党员大会', startsAt: hoursFromNow(-1), endsAt: hoursFromNow(1), place: '三楼会议室',
    hostMemberId: hostId, recorderMemberId: recorderId,
    topics: [{ title: '学习习近平总书记重要讲话精神', isFirstTopic: true }, { title: '讨论接收预备党员', isFirstTopic: false }],
  });
  async function create(body: Record<string, unknown> = {}) {
    const res = await secretary.post('/api/v1/activities', { ...base(), ...body });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: number; version: number; attendance: Array<{ memberId: number; voter: boolean; status: string }> };
  }
  async function markAll(id: number, version: number, status: Record<number, { status: string; reason?: string }>) {
    const rows = Object.entries(status).map(([memberId, s]) => ({ memberId: Number(memberId), status: s.status, reason: s.reason ?? null }));
    const res = await secretary.put(`/api/v1/activities/${id}/attendance`, { version, rows });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { version: number; counts: { expected: number; present: number; absent: number; guests: number } };
  }
  const allPresent = () => ({
    [hostId]: { status: 'present' }, [recorderId]: { status: 'present' }, [plainId]: { status: 'present' },
    [probationaryId]: { status: 'present' }, [watchedId]: { status: 'leave', reason: '外出学习' },
  });

  beforeAll(async () => {
    t = await createTestApp(target);
    root = await buildOrg(t.db.kysely, { name: '测试工委' });
    branch = await buildOrg(t.db.kysely, { parentId: root.id, type: 'branch', name: '财政局党支部' });
    other = await buildOrg(t.db.kysely, { parentId: root.id, type: 'branch', name: '审计局党支部' });
    const db = t.db.kysely;
    hostId = (await buildMember(db, { orgId: branch.id, name: '支部书记' })).id;
    recorderId = (await buildMember(db, { orgId: branch.id, name: '组织委员' })).id;
    plainId = (await buildMember(db, { orgId: branch.id, name: '普通党员' })).id;
    probationaryId = (await buildMember(db, { orgId: branch.id, name: '预备党员', status: 'probationary' })).id;
    watchedId = (await buildMember(db, { orgId: branch.id, name: '察看党员', disciplineStatus: '留党察看', disciplineUntil: '2099-12-31' })).id;
    outsiderId = (await buildMember(db, { orgId: other.id, name: '外支部党员' })).id;
    secretary = await clientFor('secretary', branch.id);
    host = await clientFor('member', branch.id, hostId);
    recorder = await clientFor('member', branch.id, recorderId);
    plain = await clientFor('member', branch.id, plainId);
    outsider = await clientFor('member', other.id, outsiderId);
  });
  afterAll(async () => t.close());

  it('expects the roster, and counts only full members not under 留党察看 as voters', async () => {
    const a = await create();
    const voters = Object.fromEntries(a.attendance.map((r) => [r.memberId, r.voter]));
    expect(voters).toEqual({ [hostId]: true, [recorderId]: true, [plainId]: true, [probationaryId]: false, [watchedId]: false });
    expect(a.attendance.every((r) => r.status === 'pending')).toBe(true);
    expect((await auditRows(t.db.kysely, 'activity.create')).at(-1)?.object_id).toBe(String(a.id));
  });

  it('refuses bad input with a Chinese message naming the field, writing nothing', async () => {
    const before = await t.db.kysely.selectFrom('activities').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const endBeforeStart = await secretary.post('/api/v1/activities', { ...base(), endsAt: hoursFromNow(-2) });
    expect(endBeforeStart.statusCode).toBe(400);
    expect(endBeforeStart.json().error).toMatchObject({ message: '结束时间须晚于开始时间', details: [{ path: 'endsAt' }] });
    const noVotes = await secretary.post('/api/v1/activities', { ...base(), kind: 'theme_day', votes: [{ motion: 'x', votesFor: 1, votesAgainst: 0, votesAbstain: 0 }] });
    expect(noVotes.statusCode).toBe(400);
    expect(noVotes.json().error.details[0].path).toBe('votes');
    const after = await t.db.kysely.selectFrom('activities').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));

    const a = await create();
    const outsiderPresent = await secretary.put(`/api/v1/activities/${a.id}/attendance`, { version: a.version, rows: [{ memberId: outsiderId, status: 'present' }] });
    expect(outsiderPresent.statusCode).toBe(400);
    expect(outsiderPresent.json().error.message).toContain('只能登记为列席');
    const guest = await markAll(a.id, a.version, { [outsiderId]: { status: 'guest' } });
    expect(guest.counts).toEqual({ expected: 5, present: 0, absent: 0, guests: 1 });

    // three voters present: four ballots are one too many
    const marked = await markAll(a.id, guest.version, allPresent());
    const tooMany = await secretary.patch(`/api/v1/activities/${a.id}`, { version: marked.version, votes: [{ motion: '接收张三为预备党员', votesFor: 3, votesAgainst: 1, votesAbstain: 0 }] });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().error.details[0]).toMatchObject({ path: 'votes.0.votesFor' });
    expect((await secretary.get(`/api/v1/activities/${a.id}`)).json().votes).toEqual([]);
    expect((await secretary.patch(`/api/v1/activities/${a.id}`, { title: '无版本' })).statusCode).toBe(400);
  });

  it('records, signs by host and recorder, locks, and corrects only with a reason', async () => {
    const a = await create();
    const marked = await markAll(a.id, a.version, allPresent());
    // 3 of 3 voters present: valid; 2 yes of 3 expected voters passes
    const voted = await secretary.patch(`/api/v1/activities/${a.id}`, { version: marked.version, content: '会议传达学习了讲话精神', votes: [{ motion: '接收张三为预备党员', votesFor: 2, votesAgainst: 1, votesAbstain: 0 }] });
    expect(voted.statusCode, voted.body).toBe(200);
    expect(voted.json().votes[0]).toMatchObject({ expectedVoters: 3, presentVoters: 3, valid: true, passed: true });
    expect(voted.json().problems.map((p: { path: string }) => p.path)).toEqual(['resolutions']);

    const held = await secretary.post(`/api/v1/activities/${a.id}/hold`, { version: voted.json().version });
    expect(held.statusCode, held.body).toBe(200);
    expect(held.json()).toMatchObject({ state: 'held', backfilled: false, recordedVia: 'entered' });
    const incomplete = await host.post(`/api/v1/activities/${a.id}/sign`, { version: held.json().version });
    expect(incomplete.statusCode).toBe(400);
    expect(incomplete.json().error.message).toContain('未填写决议');

    const done = await secretary.patch(`/api/v1/activities/${a.id}`, { version: held.json().version, resolutions: '同意接收张三为预备党员' });
    expect((await plain.post(`/api/v1/activities/${a.id}/sign`, { version: done.json().version })).statusCode).toBe(403);
    const first = await host.post(`/api/v1/activities/${a.id}/sign`, { version: done.json().version });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().state).toBe('held');
    const second = await recorder.post(`/api/v1/activities/${a.id}/sign`, { version: first.json().version });
    expect(second.json().state).toBe('signed');

    const edit = await secretary.patch(`/api/v1/activities/${a.id}`, { version: second.json().version, title: '改名' });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().error.message).toContain('更正');
    const noReason = await secretary.post(`/api/v1/activities/${a.id}/correct`, { version: second.json().version, changes: { place: '二楼会议室' } });
    expect(noReason.statusCode).toBe(400);
    const corrected = await secretary.post(`/api/v1/activities/${a.id}/correct`, { version: second.json().version, reason: '地点记录有误', changes: { place: '二楼会议室' } });
    expect(corrected.statusCode, corrected.body).toBe(200);
    expect(corrected.json()).toMatchObject({ state: 'signed', place: '二楼会议室', revision: 2, revisions: [{ revision: 1, reason: '地点记录有误' }] });
    const snapshot = await t.db.kysely.selectFrom('activity_revisions').select('snapshot').where('activity_id', '=', a.id).executeTakeFirstOrThrow();
    expect(JSON.parse(snapshot.snapshot).fields.place).toBe('三楼会议室');
    expect((await auditRows(t.db.kysely, 'activity.correct')).at(-1)?.details).toContain('地点记录有误');

    // a make-up is recorded after signing; any other attendance change is a correction
    const makeup = await secretary.put(`/api/v1/activities/${a.id}/attendance`, { version: corrected.json().version, rows: [{ memberId: watchedId, status: 'leave', reason: '外出学习', makeupOn: today(), makeupHow: '自学并提交心得' }] });
    expect(makeup.statusCode, makeup.body).toBe(200);
    const flip = await secretary.put(`/api/v1/activities/${a.id}/attendance`, { version: makeup.json().version, rows: [{ memberId: watchedId, status: 'present' }] });
    expect(flip.statusCode).toBe(400);
  });

  it('measures an assembly vote against the expected voters: exactly half present is invalid', async () => {
    const a = await create();
    // 3 voters expected (host, recorder, plain); only host present → 1 of 3; host + recorder → 2 of 3
    const m = await markAll(a.id, a.version, { [hostId]: { status: 'present' }, [recorderId]: { status: 'absent', reason: '病假' }, [plainId]: { status: 'absent', reason: '出差' }, [probationaryId]: { status: 'present' } });
    const res = await secretary.patch(`/api/v1/activities/${a.id}`, { version: m.version, votes: [{ motion: '表决事项', votesFor: 1, votesAgainst: 0, votesAbstain: 0 }] });
    expect(res.json().votes[0]).toMatchObject({ expectedVoters: 3, presentVoters: 1, valid: false, passed: false });
    expect(res.json().quorum).toMatchObject({ met: false, expectedVoters: 3, presentVoters: 1 });
  });

  it("keeps a self check-in through the host's list, and clears it when the host marks the person away", async () => {
    const a = await create();
    const { code } = (await secretary.get(`/api/v1/activities/${a.id}/checkin-code`)).json() as { code: string };
    const plainIn = (await plain.post(`/api/v1/activities/${a.id}/checkin`, { code })).json() as { checkedInAt: string };
    expect((await host.post(`/api/v1/activities/${a.id}/checkin`, { code })).json()).toMatchObject({ status: 'present' });
    const { version } = (await secretary.get(`/api/v1/activities/${a.id}`)).json() as { version: number };
    await markAll(a.id, version, {
      [plainId]: { status: 'present' }, [hostId]: { status: 'leave', reason: '临时公务' }, [recorderId]: { status: 'present' },
      [probationaryId]: { status: 'absent', reason: '病假' },
    });
    const items = (await secretary.get(`/api/v1/activities/${a.id}/attendance`)).json().items as Array<{ memberId: number; status: string; via: string | null; checkedInAt: string | null; reason: string | null }>;
    const row = (id: number) => items.find((r) => r.memberId === id);
    expect(row(plainId)).toMatchObject({ status: 'present', via: 'self', checkedInAt: plainIn.checkedInAt });
    expect(row(hostId)).toMatchObject({ status: 'leave', via: 'host', checkedInAt: null, reason: '临时公务' });
    expect(row(recorderId)).toMatchObject({ status: 'present', via: 'host', checkedInAt: null });
    expect(row(probationaryId)).toMatchObject({ status: 'absent', via: 'host', reason: '病假' });
    expect(row(watchedId)).toMatchObject({ status: 'pending', via: null });
  });

  it("saves a meeting's attendance in as many statements for 40 people as for 5", async () => {
    const large = await buildOrg(t.db.kysely, { parentId: root.id, type: 'branch', name: '教育局机关党支部' });
    const people = [];
    for (let i = 0; i < 40; i++) people.push((await buildMember(t.db.kysely, { orgId: large.id, name: `教育党员${i}` })).id);
    const largeSecretary = await clientFor('secretary', large.id);
    const statementsFor = async (c: Client, orgId: number, ids: readonly number[]) => {
      const created = await c.post('/api/v1/activities', { ...base(), orgId, hostMemberId: ids[0], recorderMemberId: ids[1] });
      expect(created.statusCode, created.body).toBe(201);
      const rows = ids.map((memberId, i) => ({ memberId, status: i % 4 === 3 ? 'leave' : 'present', reason: i % 4 === 3 ? '出差' : null }));
      return countStatements(async () => {
        const res = await c.put(`/api/v1/activities/${created.json().id}/attendance`, { version: created.json().version, rows });
        expect(res.statusCode, res.body).toBe(200);
      });
    };
    const small = await statementsFor(secretary, branch.id, [hostId, recorderId, plainId, probationaryId, watchedId]);
    expect(await statementsFor(largeSecretary, large.id, people)).toBe(small);
  });

  it('checks in only the caller, once, with the code inside the window; a stranger is a guest', async () => {
    const a = await create();
    const screen = await secretary.get(`/api/v1/activities/${a.id}/checkin-code`);
    expect(screen.statusCode).toBe(200);
    const { code, path } = screen.json() as { code: string; path: string };
    expect(code).toMatch(/^\d{6}$/);
    const wrong = await plain.post(`/api/v1/activities/${a.id}/checkin`, { code: code === '000000' ? '111111' : '000000' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.message).toBe('签到码不正确');
    const ok = await plain.post(`/api/v1/activities/${a.id}/checkin`, { code });
    expect(ok.json()).toMatchObject({ status: 'present', alreadyCheckedIn: false });
    const again = await plain.post(`/api/v1/activities/${a.id}/checkin`, { code });
    expect(again.json()).toMatchObject({ status: 'present', alreadyCheckedIn: true, checkedInAt: ok.json().checkedInAt });
    const token = decodeURIComponent(path.split('?t=')[1]);
    expect((await outsider.post(`/api/v1/activities/${a.id}/checkin`, { token })).json()).toMatchObject({ status: 'guest' });
    const list = (await secretary.get(`/api/v1/activities/${a.id}/attendance`)).json();
    expect(list.counts).toEqual({ expected: 5, present: 1, absent: 0, guests: 1 });
    expect(list.items.find((r: { memberId: number }) => r.memberId === plainId)).toMatchObject({ via: 'self', status: 'present' });
    expect((await auditRows(t.db.kysely, 'activity.checkin')).length).toBeGreaterThanOrEqual(2);

    const later = await create({ startsAt: hoursFromNow(48), endsAt: hoursFromNow(50) });
    const laterCode = (await secretary.get(`/api/v1/activities/${later.id}/checkin-code`)).json().code;
    const early = await plain.post(`/api/v1/activities/${later.id}/checkin`, { code: laterCode });
    expect(early.statusCode).toBe(400);
    expect(early.json().error.details[0].path).toBe('code');

    const mine = (await plain.get('/api/v1/me/activities')).json().items as Array<{ id: number; myStatus: string }>;
    expect(mine.find((x) => x.id === a.id)?.myStatus).toBe('present');
    expect(mine.find((x) => x.id === later.id)?.myStatus).toBe('pending');
  });

  it('marks an activity recorded more than 7 days after it ended as back-filled', async () => {
    const a = await create({ startsAt: hoursFromNow(-24 * 9), endsAt: hoursFromNow(-24 * 8) });
    const held = await secretary.post(`/api/v1/activities/${a.id}/hold`, { version: a.version });
    expect(held.json().backfilled).toBe(true);
    const recent = await create({ startsAt: hoursFromNow(-24 * 6), endsAt: hoursFromNow(-24 * 6 + 1) });
    expect((await secretary.post(`/api/v1/activities/${recent.id}/hold`, { version: recent.version })).json().backfilled).toBe(false);
    const future = await create({ startsAt: hoursFromNow(5), endsAt: hoursFromNow(6) });
    expect((await secretary.post(`/api/v1/activities/${future.id}/hold`, { version: future.version })).statusCode).toBe(400);
  });

  it('starts the organisation’s new term with a valid election, once signed', async () => {
    const a = await create({ kind: 'election', title: '支部换届选举', topics: [{ title: '选举新一届支部委员会', isFirstTopic: false }] });
    const m = await markAll(a.id, a.version, { [hostId]: { status: 'present' }, [recorderId]: { status: 'present' }, [plainId]: { status: 'present' }, [probationaryId]: { status: 'present' }, [watchedId]: { status: 'absent', reason: '不具有选举权' } });
    const v = await secretary.patch(`/api/v1/activities/${a.id}`, { version: m.version, content: '差额选举', resolutions: '选举产生新一届支委会', votes: [{ motion: '选举支部书记', votesFor: 3, votesAgainst: 0, votesAbstain: 0 }] });
    expect(v.json().votes[0]).toMatchObject({ valid: true, passed: true });
    const h = await secretary.post(`/api/v1/activities/${a.id}/hold`, { version: v.json().version });
    const s1 = await host.post(`/api/v1/activities/${a.id}/sign`, { version: h.json().version });
    await recorder.post(`/api/v1/activities/${a.id}/sign`, { version: s1.json().version });
    const org = await t.db.kysely.selectFrom('orgs').select(['term_start', 'term_end']).where('id', '=', branch.id).executeTakeFirstOrThrow();
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.parse(base().startsAt)));
    expect(org.term_start).toBe(day);
  });

  it('lists by subtree, kind and dates within scope; others get 404; exports xlsx', async () => {
    const list = await secretary.get(`/api/v1/activities?orgId=${branch.id}&kind=election`);
    expect(list.json().total).toBe(1);
    expect(list.json().items[0]).toMatchObject({ kind: 'election', state: 'signed', counts: { expected: 5, present: 4, absent: 1, guests: 0 } });
    const all = (await secretary.get('/api/v1/activities?pageSize=100')).json();
    expect(all.items.every((i: { orgId: number }) => i.orgId === branch.id)).toBe(true);
    const otherSecretary = await clientFor('secretary', other.id);
    expect((await otherSecretary.get('/api/v1/activities')).json().total).toBe(0);
    const id = all.items[0].id;
    expect((await otherSecretary.get(`/api/v1/activities/${id}`)).statusCode).toBe(404);
    expect((await otherSecretary.patch(`/api/v1/activities/${id}`, { bogus: 1 })).statusCode).toBe(404);

    const file = await secretary.get(`/api/v1/activities/export?orgId=${branch.id}&kind=election`);
    expect(file.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    expect(sheet.getRow(1).getCell(6).value).toBe('名称');
    expect(sheet.getRow(2).getCell(6).value).toBe('支部换届选举');
    expect(sheet.rowCount).toBe(2);
    const att = await secretary.get(`/api/v1/activities/${id}/attendance/export`);
    expect(att.statusCode).toBe(200);
    expect((await auditRows(t.db.kysely, 'activity.export')).length).toBe(1);
  });

  it('lists an uploaded sign-in sheet as an attachment, only the activity’s own file and only once', async () => {
    const a = await create();
    const fd = new FormData();
    fd.append('ownerKind', 'activity');
    fd.append('ownerId', String(a.id));
    fd.append('file', new Blob([Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n')], { type: 'application/pdf' }), '签到表.pdf');
    const up = await secretary.post('/api/v1/files', fd);
    expect(up.statusCode, up.body).toBe(201);
    const fileId = up.json().id as number;
    const linked = await secretary.post(`/api/v1/activities/${a.id}/attachments`, { fileId, category: 'signin_sheet' });
    expect(linked.statusCode, linked.body).toBe(200);
    expect(linked.json().attachments).toEqual([{ fileId, name: '签到表.pdf', contentType: 'application/pdf', category: 'signin_sheet' }]);
    expect((await secretary.post(`/api/v1/activities/${a.id}/attachments`, { fileId, category: 'photo' })).statusCode).toBe(400);
    const second = await create();
    expect((await secretary.post(`/api/v1/activities/${second.id}/attachments`, { fileId, category: 'photo' })).json().error.details[0].path).toBe('fileId');
    const otherSecretary = await clientFor('secretary', other.id);
    expect((await otherSecretary.get(`/api/v1/files/${fileId}`)).statusCode).toBe(404);
  });

  it('serves the kinds table with each kind’s rules', async () => {
    const kinds = (await plain.get('/api/v1/activity-kinds')).json().items as Array<{ code: string; quorum: { num: number; den: number } | null }>;
    expect(kinds.find((k) => k.code === 'election')?.quorum).toMatchObject({ num: 4, den: 5 });
    expect(kinds.map((k) => k.code)).toEqual(expect.arrayContaining(['branch_assembly', 'heart_to_heart_talk', 'committee_study', 'micro_lecture']));
  });
});
