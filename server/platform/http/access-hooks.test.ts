import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, targets, type TestApp } from '../../test/harness.js';
import { signedIn } from '../../test/accounts.js';
import { buildOrg } from '../../test/factories.js';

describe.each(targets)('access before the body on %s', (target) => {
  let t: TestApp;
  let mine: { id: number };
  let other: { id: number };
  let secretary: Client;
  const malformed = (c: Client, orgId: number) => c.request({
    method: 'PATCH', url: `/api/v1/orgs/${orgId}`, payload: '{"name": "半截', headers: { 'content-type': 'application/json' },
  });

  beforeAll(async () => {
    t = await createTestApp(target);
    const root = await buildOrg(t.db.kysely);
    mine = await buildOrg(t.db.kysely, { parentId: root.id, type: 'branch' });
    other = await buildOrg(t.db.kysely, { parentId: root.id, type: 'branch' });
    ({ client: secretary } = await signedIn(t, 'secretary', mine.id));
  });
  afterAll(async () => t.close());

  it('answers an out-of-scope record 404 and a caller without a session 401, however malformed the body', async () => {
    expect((await malformed(secretary, other.id)).statusCode).toBe(404);
    expect((await malformed(new Client(t.app), other.id)).statusCode).toBe(401);
    // In scope, the same body is judged, and refused as malformed.
    expect((await malformed(secretary, mine.id)).statusCode).toBe(400);
  });
});
