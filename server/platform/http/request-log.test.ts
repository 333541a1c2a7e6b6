import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, targets, type TestApp } from '../../test/harness.js';
import { signedIn } from '../../test/accounts.js';
import { buildOrg } from '../../test/factories.js';
import { testIdNumber } from '../../registry/members/member.factory.js';
import { loggedUrl } from './request-log.js';

describe('request log addresses', () => {
  it('keep the path and the query parameters’ names, never their values', () => {
    expect(loggedUrl('/api/v1/members?q=430102198005200011&page=2&q=x')).toBe('/api/v1/members?q=…&page=…');
    expect(loggedUrl('/api/v1/members?')).toBe('/api/v1/members');
    expect(loggedUrl('/api/health')).toBe('/api/health');
  });
});

describe.each(targets)('request log on %s', (target) => {
  let t: TestApp;
  let logged = '';
  beforeAll(async () => {
    const stream = new PassThrough();
    stream.on('data', (chunk: Buffer) => (logged += chunk.toString('utf8')));
    t = await createTestApp(target, {}, { level: 'info', stream });
  });
  afterAll(async () => t.close());

  it('holds no ID number, phone or name that a member search carried', async () => {
    const root = await buildOrg(t.db.kysely);
    const { client: staff } = await signedIn(t, 'committee_staff', root.id);
    const id = testIdNumber('1980-05-20');
    for (const q of [id, '13812345678', '欧阳建国']) expect((await staff.get(`/api/v1/members?q=${encodeURIComponent(q)}`)).statusCode).toBe(200);
    expect(logged).toContain('/api/v1/members?q=…');
    for (const secret of [id, '13812345678', encodeURIComponent('欧阳建国'), '欧阳建国']) expect(logged).not.toContain(secret);
  });
});
