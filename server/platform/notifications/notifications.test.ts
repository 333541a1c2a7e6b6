import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, targets, type TestApp } from '../../test/harness.js';
import { buildOrg } from '../../test/factories.js';
import { signedIn } from '../../test/accounts.js';
import { notify } from './notifications.service.js';

describe.each(targets)('notification centre on %s', (target) => {
  let t: TestApp;
  let alice: { client: Client; user: { id: number } };
  let bob: { client: Client; user: { id: number } };
  beforeAll(async () => {
    t = await createTestApp(target);
    const org = await buildOrg(t.db.kysely);
    alice = await signedIn(t, 'member', org.id);
    bob = await signedIn(t, 'secretary', org.id);
  });
  afterAll(async () => t.close());

  const count = async (c: Client) => (await c.get('/api/v1/notifications/unread-count')).json().count as number;

  it('delivers inside the caller transaction: a rolled-back change sends nothing', async () => {
    await t.db.kysely.transaction().execute(async (trx) => {
      await notify(trx, [alice.user.id, alice.user.id, bob.user.id], { kind: 'test.hello', title: '会议通知', body: '周五下午三点', link: '/admin/me' });
    });
    await t.db.kysely.transaction().execute(async (trx) => {
      await notify(trx, [alice.user.id], { kind: 'test.lost', title: '不会送达' });
      throw new Error('rollback');
    }).catch(() => undefined);
    expect(await count(alice.client)).toBe(1);
    expect(await count(bob.client)).toBe(1);
  });

  it('refuses links that leave the site', async () => {
    for (const link of ['https://evil.example/', '//evil.example/x', 'javascript:alert(1)', '/\\evil.example']) {
      await expect(notify(t.db.kysely, [alice.user.id], { kind: 'x', title: 'x', link })).rejects.toThrow(/path inside the site/);
    }
  });

  it('lists only the caller own notifications, newest first, paged, with an unread filter', async () => {
    for (const title of ['二', '三', '四']) await notify(t.db.kysely, [alice.user.id], { kind: 'test.more', title });
    const all = (await alice.client.get('/api/v1/notifications?pageSize=2')).json();
    expect(all.total).toBe(4);
    expect(all.items.map((n: { title: string }) => n.title)).toEqual(['四', '三']);
    expect(all.items[0]).toMatchObject({ kind: 'test.more', body: null, link: null, readAt: null });
    const page2 = (await alice.client.get('/api/v1/notifications?page=2&pageSize=2')).json();
    expect(page2.items.map((n: { title: string }) => n.title)).toEqual(['二', '会议通知']);
    expect(page2.items[1]).toMatchObject({ body: '周五下午三点', link: '/admin/me' });
    const bobs = (await bob.client.get('/api/v1/notifications')).json();
    expect(bobs.items.map((n: { title: string }) => n.title)).toEqual(['会议通知']);
  });

  it('marks one read (keeping the first read time), and another user id answers 404', async () => {
    const [newest] = (await alice.client.get('/api/v1/notifications')).json().items;
    const first = await alice.client.post(`/api/v1/notifications/${newest.id}/read`);
    expect(first.statusCode).toBe(200);
    expect(first.json().readAt).not.toBeNull();
    const again = await alice.client.post(`/api/v1/notifications/${newest.id}/read`);
    expect(again.json().readAt).toBe(first.json().readAt);
    expect(await count(alice.client)).toBe(3);

    const unread = (await alice.client.get('/api/v1/notifications?unreadOnly=true')).json();
    expect(unread.total).toBe(3);
    expect(unread.items.some((n: { id: number }) => n.id === newest.id)).toBe(false);
    expect((await alice.client.get('/api/v1/notifications?unreadOnly=false')).json().total).toBe(4);

    const bobsId = (await bob.client.get('/api/v1/notifications')).json().items[0].id;
    const theft = await alice.client.post(`/api/v1/notifications/${bobsId}/read`);
    expect(theft.statusCode).toBe(404);
    expect(await count(bob.client)).toBe(1);
    expect((await alice.client.post('/api/v1/notifications/999999/read')).statusCode).toBe(404);
  });

  it('marks all read for the caller only', async () => {
    const res = await alice.client.post('/api/v1/notifications/read-all');
    expect(res.json()).toEqual({ updated: 3 });
    expect(await count(alice.client)).toBe(0);
    expect(await count(bob.client)).toBe(1);
  });

  it('needs a signed-in user and the CSRF token', async () => {
    const anonymous = new Client(t.app);
    expect((await anonymous.get('/api/v1/notifications')).statusCode).toBe(401);
    expect((await anonymous.get('/api/v1/notifications/unread-count')).statusCode).toBe(401);
    const noToken = new Client(t.app);
    noToken.cookie = bob.client.cookie;
    expect((await noToken.post('/api/v1/notifications/read-all')).statusCode).toBe(403);
    expect(await count(bob.client)).toBe(1);
  });
});
