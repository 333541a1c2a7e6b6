import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, targets, type TestApp } from '../../test/harness.js';
import { buildOrg } from '../../test/factories.js';
import { auditRows, signedIn } from '../../test/accounts.js';
import { sha256Hex } from '../../platform/crypto/field-cipher.js';
import { addDays, today } from '../../platform/time.js';

describe.each(targets)('work item export on %s', (target) => {
  let t: TestApp;
  beforeAll(async () => { t = await createTestApp(target); });
  afterAll(async () => t.close());

  it('audits the export with its row count and the SHA-256 of the downloaded file', async () => {
    const root = await buildOrg(t.db.kysely, { name: '测试工委' });
    const branch = await buildOrg(t.db.kysely, { parentId: root.id, type: 'branch', name: '财政局党支部' });
    const { client: staff } = await signedIn(t, 'committee_staff', root.id);
    for (const title of ['报送半年工作总结', '整改巡察反馈问题']) {
      const res = await staff.post('/api/v1/work-items', { title, ownerOrgId: branch.id, deadline: addDays(today(), 10), keepDeadline: true });
      expect(res.statusCode, res.body).toBe(201);
    }
    const res = await staff.get('/api/v1/work-items/export');
    expect(res.statusCode, res.body).toBe(200);
    const [row] = await auditRows(t.db.kysely, 'workitem.export');
    expect(JSON.parse(row.details)).toMatchObject({ rows: 2, sha256: sha256Hex(res.rawPayload) });
  });
});
