import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, targets, type TestApp } from '../../test/harness.js';
import { buildMember, buildOrg } from '../../test/factories.js';
import { auditRows, signedIn } from '../../test/accounts.js';
import { sha256Hex } from '../../platform/crypto/field-cipher.js';
import { nowIso } from '../../platform/time.js';
import type { Client } from '../../test/harness.js';
import { insertActivity, insertAttendance } from './activity.repository.js';

describe.each(targets)('activity exports on %s', (target) => {
  let t: TestApp;
  let branch: { id: number };
  let secretary: Client;
  let activityId: number;

  beforeAll(async () => {
    t = await createTestApp(target);
    const db = t.db.kysely;
    const root = await buildOrg(db, { name: '测试工委' });
    branch = await buildOrg(db, { parentId: root.id, type: 'branch', name: '财政局党支部' });
    const host = (await buildMember(db, { orgId: branch.id, name: '王书记' })).id;
    const away = (await buildMember(db, { orgId: branch.id, name: '李委员' })).id;
    const at = nowIso();
    activityId = await insertActivity(db, {
      org_id: branch.id, kind: 'branch_assembly', also_counts_for: '[]', state: 'signed', title: '第一季度党员大会',
      starts_at: '2026-03-20T01:00:00.000Z', ends_at: '2026-03-20T03:00:00.000Z', place: '三楼会议室',
      host_member_id: host, recorder_member_id: host, content: '内容', resolutions: '一致通过', signed_at: at, created_at: at, updated_at: at,
    });
    await insertAttendance(db, [
      { activity_id: activityId, member_id: host, status: 'present', expected: 1, updated_at: at },
      { activity_id: activityId, member_id: away, status: 'leave', expected: 1, reason: '出差', updated_at: at },
    ]);
    secretary = (await signedIn(t, 'secretary', branch.id)).client;
  });
  afterAll(async () => t.close());

  // The file carries member names and absence reasons: its audit row must identify exactly the bytes that left.
  it('audits the activity list with its row count and the SHA-256 of the downloaded file', async () => {
    const res = await secretary.get(`/api/v1/activities/export?orgId=${branch.id}`);
    expect(res.statusCode, res.body).toBe(200);
    const [row] = await auditRows(t.db.kysely, 'activity.export');
    expect(JSON.parse(row.details)).toMatchObject({ rows: 1, sha256: sha256Hex(res.rawPayload) });
  });

  it('audits the attendance sheet with its row count and the SHA-256 of the downloaded file', async () => {
    const res = await secretary.get(`/api/v1/activities/${activityId}/attendance/export`);
    expect(res.statusCode, res.body).toBe(200);
    const [row] = await auditRows(t.db.kysely, 'activity.attendance_export');
    expect(row.object_id).toBe(String(activityId));
    expect(JSON.parse(row.details)).toMatchObject({ rows: 2, sha256: sha256Hex(res.rawPayload) });
  });
});
