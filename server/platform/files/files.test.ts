import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, targets, type TestApp } from '../../test/harness.js';
import { buildMember, buildOrg } from '../../test/factories.js';
import { signedIn } from '../../test/accounts.js';
import { registerFileOwner } from './file-owners.js';
import { safeFileName } from './files.service.js';

const UPLOAD_LIMIT = 64 * 1024;
const pdf = (pad = 0) => Buffer.concat([Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n'), Buffer.alloc(pad, 0x20), Buffer.from('%%EOF\n')]);
const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), Buffer.from('JFIF\0'), Buffer.alloc(64)]);
const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)]);

function form(fields: Record<string, string | number>, file?: { bytes: Buffer; name: string; type?: string }): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.append(k, String(v));
  if (file) fd.append('file', new Blob([file.bytes], { type: file.type ?? 'application/octet-stream' }), file.name);
  return fd;
}

describe.each(targets)('file store on %s', (target) => {
  let t: TestApp;
  let branchA: { id: number; path: string };
  let branchB: { id: number; path: string };
  let memberA: { id: number };
  let secretaryA: Client;
  let secretaryB: Client;
  let liaisonA: Client;

  const upload = (c: Client, ownerId: number, file: { bytes: Buffer; name: string; type?: string }, ownerKind = 'member') =>
    c.post('/api/v1/files', form({ ownerKind, ownerId }, file));
  const auditOf = (action: string) => t.db.kysely.selectFrom('audit_events').selectAll().where('action', '=', action).orderBy('id', 'desc').execute();

  beforeAll(async () => {
    t = await createTestApp(target, { HONGYAN_UPLOAD_MAX_BYTES: String(UPLOAD_LIMIT) });
    const root = await buildOrg(t.db.kysely);
    branchA = await buildOrg(t.db.kysely, { parentId: root.id });
    branchB = await buildOrg(t.db.kysely, { parentId: root.id });
    memberA = await buildMember(t.db.kysely, { orgId: branchA.id });
    secretaryA = (await signedIn(t, 'secretary', branchA.id)).client;
    secretaryB = (await signedIn(t, 'secretary', branchB.id)).client;
    liaisonA = (await signedIn(t, 'liaison_officer', branchA.id)).client;
  });
  afterAll(async () => t.close());

  it('stores a member document with the type sniffed from its bytes, audited', async () => {
    // The client claims a PNG; the bytes are a PDF, and the PDF is what is stored and served.
    const res = await upload(secretaryA, memberA.id, { bytes: pdf(), name: '入党申请书.png', type: 'image/png' });
    expect(res.statusCode, res.body).toBe(201);
    const file = res.json();
    expect(file).toMatchObject({ ownerKind: 'member', ownerId: memberA.id, name: '入党申请书.png.pdf', contentType: 'application/pdf', size: pdf().length });
    const [record] = await auditOf('file.upload');
    expect(record.object_id).toBe(String(file.id));
    expect(JSON.parse(record.details)).toMatchObject({ ownerKind: 'member', ownerId: memberA.id, sha256: file.sha256, size: file.size });

    const list = await secretaryA.get(`/api/v1/files?ownerKind=member&ownerId=${memberA.id}`);
    expect(list.json().items.map((f: { id: number }) => f.id)).toContain(file.id);
  });

  it('serves the bytes as an attachment that is never sniffed', async () => {
    const file = (await upload(secretaryA, memberA.id, { bytes: jpeg, name: '证件照.jpeg' })).json();
    const res = await liaisonA.get(`/api/v1/files/${file.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.equals(jpeg)).toBe(true);
    expect(res.headers['content-type']).toBe('image/jpeg');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="___.jpeg"; filename*=UTF-8''${encodeURIComponent('证件照.jpeg')}`);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('refuses content that is not an allowed type, whatever the name says (415)', async () => {
    const disguised = await upload(secretaryA, memberA.id, { bytes: exe, name: '简历.pdf', type: 'application/pdf' });
    expect(disguised.statusCode).toBe(415);
    expect(disguised.json().error.message).toContain('PDF');
    expect((await upload(secretaryA, memberA.id, { bytes: Buffer.from('plain text'), name: 'a.txt' })).statusCode).toBe(415);
  });

  it('limits the size: the configured upload limit, and each owner kind its own', async () => {
    const tooBig = await upload(secretaryA, memberA.id, { bytes: pdf(UPLOAD_LIMIT), name: 'big.pdf' });
    expect(tooBig.statusCode).toBe(413);
    registerFileOwner('test-note', {
      allowedTypes: ['application/pdf'], maxBytes: 100,
      orgPathOf: async (_ctx, id) => (id === branchA.id ? branchA.path : null),
      permissionToRead: 'org.read', permissionToWrite: 'org.write',
    });
    const overKind = await upload(secretaryA, branchA.id, { bytes: pdf(200), name: 'note.pdf' }, 'test-note');
    expect(overKind.statusCode).toBe(413);
    expect(overKind.json().error.message).toContain('MB');
    expect((await upload(secretaryA, branchA.id, { bytes: pdf(), name: 'note.pdf' }, 'test-note')).statusCode).toBe(201);
  });

  it('answers 404 for an owner out of scope or missing, 403 where the caller may only read', async () => {
    const outOfScope = await upload(secretaryB, memberA.id, { bytes: pdf(), name: 'x.pdf' });
    expect(outOfScope.statusCode).toBe(404);
    expect((await upload(secretaryA, 999_999, { bytes: pdf(), name: 'x.pdf' })).statusCode).toBe(404);
    expect((await upload(liaisonA, memberA.id, { bytes: pdf(), name: 'x.pdf' })).statusCode).toBe(403);
    expect((await secretaryB.get(`/api/v1/files?ownerKind=member&ownerId=${memberA.id}`)).statusCode).toBe(404);
    const denial = (await auditOf('access.denied')).find((r) => r.object_type === 'member' && r.object_id === String(memberA.id));
    expect(denial?.outcome).toBe('denied');
  });

  it('answers 400 for a malformed upload and 415 for one that is not multipart', async () => {
    expect((await upload(secretaryA, memberA.id, { bytes: pdf(), name: 'x.pdf' }, 'spaceship')).statusCode).toBe(400);
    const noFile = await secretaryA.post('/api/v1/files', form({ ownerKind: 'member', ownerId: memberA.id }));
    expect(noFile.statusCode).toBe(400);
    expect(noFile.json().error.details[0].path).toBe('file');
    const badId = await secretaryA.post('/api/v1/files', form({ ownerKind: 'member', ownerId: 'abc' }, { bytes: pdf(), name: 'x.pdf' }));
    expect(badId.statusCode).toBe(400);
    expect(badId.json().error.details[0].message).toContain('归属记录编号');
    expect((await secretaryA.post('/api/v1/files', { ownerKind: 'member', ownerId: memberA.id })).statusCode).toBe(415);
  });

  it('serves files only to those who may see the owner, following the member through a transfer', async () => {
    const member = await buildMember(t.db.kysely, { orgId: branchA.id });
    const file = (await upload(secretaryA, member.id, { bytes: pdf(), name: 'a.pdf' })).json();
    const sysAdmin = (await signedIn(t, 'system_admin', branchA.id)).client;
    expect((await secretaryB.get(`/api/v1/files/${file.id}`)).statusCode).toBe(404);
    expect((await sysAdmin.get(`/api/v1/files/${file.id}`)).statusCode).toBe(404);
    expect((await new Client(t.app).get(`/api/v1/files/${file.id}`)).statusCode).toBe(401);

    await t.db.kysely.updateTable('members').set({ org_id: branchB.id }).where('id', '=', member.id).execute();
    expect((await secretaryB.get(`/api/v1/files/${file.id}`)).statusCode).toBe(200);
    expect((await secretaryA.get(`/api/v1/files/${file.id}`)).statusCode).toBe(404);
  });

  it('deletes the record and the bytes, audited; readers and strangers cannot', async () => {
    const file = (await upload(secretaryA, memberA.id, { bytes: pdf(), name: 'old.pdf' })).json();
    const { storage_key } = await t.db.kysely.selectFrom('stored_files').select('storage_key').where('id', '=', file.id).executeTakeFirstOrThrow();
    const onDisk = path.join(t.ctx.config.fileRoot, storage_key);
    expect(fs.existsSync(onDisk)).toBe(true);

    expect((await secretaryB.delete(`/api/v1/files/${file.id}`)).statusCode).toBe(404);
    expect((await liaisonA.delete(`/api/v1/files/${file.id}`)).statusCode).toBe(403);
    expect((await secretaryA.delete(`/api/v1/files/${file.id}`)).statusCode).toBe(204);
    expect(fs.existsSync(onDisk)).toBe(false);
    expect((await secretaryA.get(`/api/v1/files/${file.id}`)).statusCode).toBe(404);
    const [record] = await auditOf('file.delete');
    expect(record.object_id).toBe(String(file.id));
    expect(JSON.parse(record.details)).toMatchObject({ ownerKind: 'member', name: 'old.pdf', sha256: file.sha256 });
  });
});

describe('download names', () => {
  it('strip folders and control characters, and carry the sniffed extension', () => {
    expect(safeFileName('..\\..\\C:\\Windows\\evil.exe', 'pdf')).toBe('evil.exe.pdf');
    expect(safeFileName('/etc/passwd', 'pdf')).toBe('passwd.pdf');
    expect(safeFileName('报告\r\n".PDF', 'pdf')).toBe('报告.PDF');
    expect(safeFileName('photo.jpeg', 'jpg')).toBe('photo.jpeg');
    expect(safeFileName('', 'png')).toBe('file.png');
  });
});
