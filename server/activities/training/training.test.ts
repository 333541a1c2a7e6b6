import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, targets, type TestApp } from '../../test/harness.js';
import { buildMember, buildOrg, buildUser, TEST_PASSWORD } from '../../test/factories.js';
import { auditRows } from '../../test/accounts.js';
import type { Role } from '../../platform/access/roles.js';
import { nowIso } from '../../platform/time.js';
import { insertActivity, insertAttendance, replaceTopics } from '../activity/activity.repository.js';

describe.each(targets)('training, member review and talks on %s', (target) => {
  let t: TestApp;
  let root: { id: number }, branch: { id: number }, other: { id: number };
  let staff: Client, secretary: Client, otherSecretary: Client;
  let secretaryId: number, committeeId: number;
  const plain: number[] = [];
  let outsider: number;

  async function clientFor(role: Role, orgId: number): Promise<Client> {
    const u = await buildUser(t.db.kysely, { grants: [{ role, orgId }] });
    const c = new Client(t.app);
    expect((await c.login(u.username, TEST_PASSWORD)).statusCode).toBe(200);
    return c;
  }
  async function activity(kind: string, title: string, startsAt: string, state = 'signed') {
    const at = nowIso();
    return insertActivity(t.db.kysely, {
      org_id: branch.id, kind, also_counts_for: '[]', state, title, starts_at: startsAt, ends_at: startsAt.replace('T01', 'T03'),
      place: '三楼会议室', host_member_id: secretaryId, recorder_member_id: committeeId, content: `${title}的内容`, resolutions: '一致通过',
      signed_at: state === 'signed' ? at : null, created_at: at, updated_at: at,
    });
  }

  beforeAll(async () => {
    t = await createTestApp(target);
    const db = t.db.kysely;
    root = await buildOrg(db, { name: '测试工委' });
    branch = await buildOrg(db, { parentId: root.id, type: 'branch', name: '财政局党支部' });
    other = await buildOrg(db, { parentId: root.id, type: 'branch', name: '审计局党支部' });
    secretaryId = (await buildMember(db, { orgId: branch.id, name: '王书记' })).id;
    committeeId = (await buildMember(db, { orgId: branch.id, name: '李委员' })).id;
    for (const name of ['张一', '张二', '张三']) plain.push((await buildMember(db, { orgId: branch.id, name })).id);
    outsider = (await buildMember(db, { orgId: other.id, name: '赵外' })).id;
    await db.insertInto('org_officers').values([
      { org_id: branch.id, member_id: secretaryId, position: 'secretary', title: null, since: null },
      { org_id: branch.id, member_id: committeeId, position: 'committee_member', title: null, since: null },
    ]).execute();
    staff = await clientFor('committee_staff', root.id);
    secretary = await clientFor('secretary', branch.id);
    otherSecretary = await clientFor('secretary', other.id);
  });
  afterAll(async () => t.close());

  describe('training classes', () => {
    let classId: number;

    it('lets the working committee create a class, and refuses an end before the start or a branch secretary', async () => {
      const body = { orgId: root.id, name: '发展对象和积极分子培训班', startsOn: '2025-03-03', endsOn: '2025-03-07', hours: 40, place: '区委党校' };
      const bad = await staff.post('/api/v1/training-classes', { ...body, endsOn: '2025-03-02' });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.details[0].path).toBe('endsOn');
      expect((await secretary.post('/api/v1/training-classes', body)).statusCode).toBe(403);
      const res = await staff.post('/api/v1/training-classes', body);
      expect(res.statusCode, res.body).toBe(201);
      classId = res.json().id;
      expect(res.json()).toMatchObject({ orgName: '测试工委', hours: 40, enrolled: 0, version: 1 });
      expect((await auditRows(t.db.kysely, 'training_class.create')).map((a) => a.object_id)).toContain(String(classId));
    });

    it('enrols and completes members, earning the class hours, and counts coverage against the targets', async () => {
      const enrol = await staff.post(`/api/v1/training-classes/${classId}/enrolments`, { add: [secretaryId, committeeId, ...plain] });
      expect(enrol.statusCode, enrol.body).toBe(200);
      expect(enrol.json().enrolled).toBe(5);
      // completing someone not enrolled changes nothing
      const notEnrolled = await staff.post(`/api/v1/training-classes/${classId}/completion`, { memberIds: [secretaryId, outsider], completed: true });
      expect(notEnrolled.statusCode).toBe(400);
      expect((await staff.get(`/api/v1/training-classes/${classId}`)).json().completed).toBe(0);
      const tooMany = await staff.post(`/api/v1/training-classes/${classId}/completion`, { memberIds: [secretaryId], completed: true, hoursEarned: 41 });
      expect(tooMany.statusCode).toBe(400);
      // three of five complete: the officer with 40 h is below 56, the members with 40 h meet 32
      const done = await staff.post(`/api/v1/training-classes/${classId}/completion`, { memberIds: [secretaryId, plain[0], plain[1]], completed: true });
      expect(done.statusCode, done.body).toBe(200);
      expect(done.json().enrolments.find((e: { memberId: number }) => e.memberId === secretaryId)).toMatchObject({ completed: true, completedOn: '2025-03-07', hoursEarned: 40 });
      const cov = (await staff.get(`/api/v1/training-coverage?orgId=${branch.id}&year=2025`)).json();
      expect(cov.targets).toEqual({ memberHours: 32, officerHours: 56 });
      expect(cov.total).toEqual({ members: 5, completed: 3, completedShare: 60, meetingTarget: 2, meetingTargetShare: 40 });
      expect(cov.officers).toMatchObject({ members: 2, completed: 1, meetingTarget: 0 });
      expect(cov.branches).toEqual([expect.objectContaining({ orgId: branch.id, members: 5, completed: 3 })]);
      // counts only: no member appears in the coverage, so nothing can be ranked
      expect(JSON.stringify(cov)).not.toContain('王书记');
      // another year counts nothing
      expect((await staff.get(`/api/v1/training-coverage?orgId=${branch.id}&year=2024`)).json().total.completed).toBe(0);
      // a lower configurable officer target changes who meets it
      const settings = (await staff.get('/api/v1/training-settings')).json();
      const put = await staff.put('/api/v1/training-settings', { ...settings, officerHours: 40 });
      expect(put.statusCode, put.body).toBe(200);
      expect((await staff.get(`/api/v1/training-coverage?orgId=${branch.id}&year=2025`)).json().officers.meetingTarget).toBe(1);
      expect((await staff.put('/api/v1/training-settings', { ...settings, officerHours: 56 })).statusCode).toBe(409);
      await staff.put('/api/v1/training-settings', { ...settings, version: put.json().version, officerHours: 56 });
    });

    it('shows a branch secretary only the enrolments of their own members, and hides the class from other scopes', async () => {
      const sub = await staff.post('/api/v1/training-classes', { orgId: branch.id, name: '支部党务干部培训', startsOn: '2025-05-01', endsOn: '2025-05-01', hours: 4 });
      expect(sub.statusCode).toBe(201);
      await staff.post(`/api/v1/training-classes/${sub.json().id}/enrolments`, { add: [plain[2], outsider] });
      const mine = (await secretary.get(`/api/v1/training-classes/${sub.json().id}`)).json();
      expect(mine.enrolments.map((e: { memberId: number }) => e.memberId)).toEqual([plain[2]]);
      expect((await otherSecretary.get(`/api/v1/training-classes/${sub.json().id}`)).statusCode).toBe(404);
      expect((await secretary.get('/api/v1/training-classes')).json().items.map((c: { id: number }) => c.id)).toEqual([sub.json().id]);
      // a class with completions stays; one without can be removed
      expect((await staff.delete(`/api/v1/training-classes/${classId}`)).statusCode).toBe(409);
      expect((await secretary.delete(`/api/v1/training-classes/${sub.json().id}`)).statusCode).toBe(403);
      expect((await staff.delete(`/api/v1/training-classes/${sub.json().id}`)).statusCode).toBe(204);
      expect((await staff.get(`/api/v1/training-classes/${sub.json().id}`)).statusCode).toBe(404);
    });

    it('links only training_session activities as sessions', async () => {
      const lecture = await activity('party_lecture', '专题党课', '2025-03-04T01:00:00.000Z');
      expect((await staff.post(`/api/v1/training-classes/${classId}/sessions`, { activityId: lecture })).statusCode).toBe(400);
      const session = await activity('training_session', '第一讲：党章', '2025-03-03T01:00:00.000Z');
      const res = await staff.post(`/api/v1/training-classes/${classId}/sessions`, { activityId: session });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().sessions.map((s: { title: string }) => s.title)).toEqual(['第一讲：党章']);
    });
  });

  describe('member review', () => {
    let id: number;
    let version: number;
    const stage = async (s: string, action: 'start' | 'end') => {
      const res = await secretary.post(`/api/v1/member-reviews/${id}/stages`, { version, stage: s, action });
      if (res.statusCode === 200) version = res.json().version;
      return res;
    };

    it('is attached to a member_review activity, with the roster and the default grades', async () => {
      const lecture = await activity('party_lecture', '党课', '2025-01-10T01:00:00.000Z');
      expect((await secretary.post('/api/v1/member-reviews', { activityId: lecture })).statusCode).toBe(400);
      const review = await activity('member_review', '2024年度民主评议党员', '2025-01-15T01:00:00.000Z');
      expect((await otherSecretary.post('/api/v1/member-reviews', { activityId: review })).statusCode).toBe(404);
      const res = await secretary.post('/api/v1/member-reviews', { activityId: review, year: 2024 });
      expect(res.statusCode, res.body).toBe(201);
      ({ id, version } = res.json());
      expect(res.json()).toMatchObject({ year: 2024, grades: ['优秀', '合格', '基本合格', '不合格'], ballots: null });
      expect(res.json().entries).toHaveLength(5);
      expect((await secretary.post('/api/v1/member-reviews', { activityId: review })).statusCode).toBe(409);
    });

    it('runs the stages in order: none starts before the one before it ends', async () => {
      expect((await stage('peer_assessment', 'start')).statusCode).toBe(409);
      expect((await stage('self_assessment', 'start')).statusCode).toBe(200);
      // a peer assessment written during the self-assessment is refused
      const early = await secretary.patch(`/api/v1/member-reviews/${id}/entries`, { version, memberId: plain[0], peerAssessment: '表现良好' });
      expect(early.statusCode).toBe(409);
      const self = await secretary.patch(`/api/v1/member-reviews/${id}/entries`, { version, memberId: plain[0], selfAssessment: '认真学习，按时参加组织生活' });
      expect(self.statusCode, self.body).toBe(200);
      version = self.json().version;
      expect((await stage('peer_assessment', 'start')).statusCode).toBe(409);
      expect((await stage('self_assessment', 'end')).statusCode).toBe(200);
      expect((await stage('secret_vote', 'start')).statusCode).toBe(409);
      expect((await stage('peer_assessment', 'start')).statusCode).toBe(200);
      expect((await stage('peer_assessment', 'end')).statusCode).toBe(200);
      expect((await stage('secret_vote', 'start')).statusCode).toBe(200);
      // the vote cannot end before its tallies are in
      expect((await stage('secret_vote', 'end')).statusCode).toBe(400);
    });

    it('stores only tallies per grade, refusing more votes than ballots', async () => {
      const over = await secretary.put(`/api/v1/member-reviews/${id}/tallies`, { version, ballots: 5, tallies: [{ memberId: plain[0], votes: { 优秀: 4, 合格: 2 } }] });
      expect(over.statusCode).toBe(400);
      expect(over.json().error.details[0]).toMatchObject({ path: 'tallies.0.votes', row: 1 });
      const ok = await secretary.put(`/api/v1/member-reviews/${id}/tallies`, {
        version, ballots: 5, tallies: [{ memberId: plain[0], votes: { 优秀: 3, 合格: 2 } }, { memberId: plain[1], votes: { 合格: 5 } }],
      });
      expect(ok.statusCode, ok.body).toBe(200);
      version = ok.json().version;
      expect(ok.json().ballots).toBe(5);
      expect(ok.json().entries.find((e: { memberId: number }) => e.memberId === plain[0]).votes).toEqual({ 优秀: 3, 合格: 2 });
      const row = await t.db.kysely.selectFrom('member_review_tallies').selectAll().where('review_id', '=', id).orderBy('member_id').orderBy('grade').executeTakeFirstOrThrow();
      expect(Object.keys(row).sort()).toEqual(['grade', 'member_id', 'review_id', 'votes']);
      expect((await stage('secret_vote', 'end')).statusCode).toBe(200);
    });

    it('rates with the configured grades only, and ends the rating once everyone is rated', async () => {
      expect((await stage('rating', 'start')).statusCode).toBe(200);
      const bad = await secretary.patch(`/api/v1/member-reviews/${id}/entries`, { version, memberId: plain[0], rating: '良好' });
      expect(bad.statusCode).toBe(400);
      expect((await stage('rating', 'end')).statusCode).toBe(400);
      for (const m of [secretaryId, committeeId, ...plain]) {
        const res = await secretary.patch(`/api/v1/member-reviews/${id}/entries`, { version, memberId: m, rating: m === plain[0] ? '优秀' : '合格' });
        expect(res.statusCode, res.body).toBe(200);
        version = res.json().version;
      }
      expect((await secretary.patch(`/api/v1/member-reviews/${id}/entries`, { version: version - 1, memberId: plain[0], rating: '合格' })).statusCode).toBe(409);
      const end = await stage('rating', 'end');
      expect(end.statusCode).toBe(200);
      expect(end.json().stages.map((s: { stage: string }) => s.stage)).toEqual(['self_assessment', 'peer_assessment', 'secret_vote', 'rating']);
      expect((await auditRows(t.db.kysely, 'member_review.tally')).at(-1)?.details).not.toContain('优秀');
      const list = (await secretary.get(`/api/v1/member-reviews?orgId=${branch.id}`)).json();
      expect(list.items.map((r: { id: number }) => r.id)).toEqual([id]);
    });
  });

  describe('talks', () => {
    it('records pairs and reports coverage without forcing it', async () => {
      const talk = await activity('heart_to_heart_talk', '书记与委员谈心', '2025-02-10T01:00:00.000Z');
      expect((await secretary.post('/api/v1/talks', { orgId: branch.id, firstMemberId: secretaryId, secondMemberId: secretaryId, heldOn: '2025-02-10' })).statusCode).toBe(400);
      expect((await secretary.post('/api/v1/talks', { orgId: branch.id, firstMemberId: secretaryId, secondMemberId: outsider, heldOn: '2025-02-10' })).statusCode).toBe(400);
      const first = await secretary.post('/api/v1/talks', { orgId: branch.id, firstMemberId: committeeId, secondMemberId: secretaryId, activityId: talk });
      expect(first.statusCode, first.body).toBe(201);
      expect((await secretary.post('/api/v1/talks', { orgId: branch.id, firstMemberId: secretaryId, secondMemberId: plain[0], heldOn: '2025-03-01' })).statusCode).toBe(201);
      const cov = (await secretary.get(`/api/v1/talks?orgId=${branch.id}&year=2025`)).json();
      expect(cov.talks[0]).toMatchObject({ heldOn: '2025-02-10', activityId: talk });
      expect(cov.committeePairs).toMatchObject({ expected: 1, held: 1, missing: [] });
      expect(cov.committeeMemberPairs).toMatchObject({ expected: 6, held: 1 });
      expect(cov.membersWithoutTalk.map((m: { name: string }) => m.name).sort()).toEqual(['张三', '张二']);
      expect((await otherSecretary.get(`/api/v1/talks?orgId=${branch.id}`)).statusCode).toBe(404);
      expect((await otherSecretary.delete(`/api/v1/talks/${first.json().id}`)).statusCode).toBe(404);
      expect((await secretary.delete(`/api/v1/talks/${first.json().id}`)).statusCode).toBe(204);
      expect((await secretary.get(`/api/v1/talks?orgId=${branch.id}&year=2025`)).json().committeePairs.held).toBe(0);
    });
  });

  describe('bound record', () => {
    it('is a Word file with the year’s signed activities in order, their minutes and sign-in list', async () => {
      const later = await activity('branch_assembly', '第二季度党员大会', '2026-05-20T01:00:00.000Z');
      await activity('theme_day', '一月主题党日', '2026-01-08T01:00:00.000Z');
      await activity('branch_committee_meeting', '未签署的支委会', '2026-02-08T01:00:00.000Z', 'held');
      // 2025-12-31 20:00 in Shanghai is still 2025
      await activity('theme_day', '跨年前主题党日', '2025-12-31T12:00:00.000Z');
      await replaceTopics(t.db.kysely, later, [{ title: '学习党章', isFirstTopic: true, notes: null }]);
      const at = nowIso();
      await insertAttendance(t.db.kysely, [
        { activity_id: later, member_id: secretaryId, status: 'present', expected: 1, updated_at: at, checked_in_at: '2026-05-20T01:02:00.000Z', via: 'self' },
        { activity_id: later, member_id: plain[2], status: 'leave', expected: 1, reason: '出差', updated_at: at },
      ]);
      expect((await otherSecretary.get(`/api/v1/orgs/${branch.id}/bound-record?year=2026`)).statusCode).toBe(404);
      const res = await secretary.get(`/api/v1/orgs/${branch.id}/bound-record?year=2026`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-type']).toContain('wordprocessingml');
      const dir = mkdtempSync(join(tmpdir(), 'bound-'));
      writeFileSync(join(dir, 'r.docx'), res.rawPayload);
      const xml = execFileSync('unzip', ['-p', join(dir, 'r.docx'), 'word/document.xml']).toString('utf8');
      const text = xml.replace(/<[^>]+>/g, '');
      expect(text).toContain('2026年度组织生活记录');
      expect(text.indexOf('一月主题党日')).toBeGreaterThan(-1);
      expect(text.lastIndexOf('一月主题党日')).toBeLessThan(text.lastIndexOf('第二季度党员大会'));
      expect(text).not.toContain('未签署的支委会');
      expect(text).not.toContain('跨年前主题党日');
      expect(text).toContain('学习党章（第一议题）');
      expect(text).toContain('出差');
      expect(text).toContain('扫码');
      expect(xml).toContain('w:w="11906"');
      expect((await auditRows(t.db.kysely, 'bound_record.export')).length).toBeGreaterThan(0);
    });
  });
});
