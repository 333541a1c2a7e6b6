import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, targets, type TestApp } from '../../test/harness.js';
import { buildMember, buildOrg } from '../../test/factories.js';
import { auditRows, signedIn } from '../../test/accounts.js';
import { sha256Hex } from '../../platform/crypto/field-cipher.js';
import { nowIso } from '../../platform/time.js';
import { insertActivity } from '../activity/activity.repository.js';

describe.each(targets)('bound record export on %s', (target) => {
  let t: TestApp;
  beforeAll(async () => { t = await createTestApp(target); });
  afterAll(async () => t.close());

  it('audits the Word file with its activity count and the SHA-256 of the downloaded file', async () => {
    const db = t.db.kysely;
    const root = await buildOrg(db, { name: '测试工委' });
    const branch = await buildOrg(db, { parentId: root.id, type: 'branch', name: '财政局党支部' });
    const host = (await buildMember(db, { orgId: branch.id, name: '王书记' })).id;
    const at = nowIso();
    await insertActivity(db, {
      org_id: branch.id, kind: 'theme_day', also_counts_for: '[]', state: 'signed', title: '一月主题党日',
      starts_at: '2026-01-08T01:00:00.000Z', ends_at: '2026-01-08T03:00:00.000Z', place: '三楼会议室',
      host_member_id: host, recorder_member_id: host, content: '内容', resolutions: '一致通过', signed_at: at, created_at: at, updated_at: at,
    });
    const { client: secretary } = await signedIn(t, 'secretary', branch.id);
    const res = await secretary.get(`/api/v1/orgs/${branch.id}/bound-record?year=2026`);
    expect(res.statusCode, res.body).toBe(200);
    const [row] = await auditRows(db, 'bound_record.export');
    expect(JSON.parse(row.details)).toMatchObject({ year: 2026, rows: 1, sha256: sha256Hex(res.rawPayload) });
  });
});
