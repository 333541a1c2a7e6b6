import zlib from 'node:zlib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, targets, type TestApp } from '../../test/harness.js';
import { buildOrg } from '../../test/factories.js';
import { signedIn } from '../../test/accounts.js';
import { sha256Hex } from '../../platform/crypto/field-cipher.js';
import { THUMBNAIL_WIDTH, WEB_WIDTH } from './article-images.js';
import { form } from './test-forms.js';

/** A camera photo: 2,400 × 1,800, shot sideways (EXIF orientation 6), with the place it was taken in its GPS tags. */
const takePhoto = () => sharp({ create: { width: 2400, height: 1800, channels: 3, background: '#b3121b' } })
  .jpeg().withExif({ IFD0: { Make: 'HongyanCam' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '26/1 53/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '112/1 36/1 0/1' } })
  .withMetadata({ orientation: 6 })
  .toBuffer();

/** A PNG whose header declares 10,000 × 10,000 pixels (a decompression bomb's promise) over one pixel of data. */
async function pixelBomb(): Promise<Buffer> {
  const png = await sharp({ create: { width: 1, height: 1, channels: 3, background: '#000' } }).png().toBuffer();
  // The IHDR chunk follows the 8-byte signature: length, type, width, height, …, then its CRC over type and data.
  png.writeUInt32BE(10_000, 16);
  png.writeUInt32BE(10_000, 20);
  png.writeUInt32BE(zlib.crc32(png.subarray(12, 29)), 29);
  return png;
}

interface Uploaded { id: number; url: string; width: number; height: number; thumbnailId: number; originalId: number; contentType: string }

describe.each(targets)('article images on %s', (target) => {
  let t: TestApp;
  let staff: Client;
  let author: Client;
  let outsider: Client;
  let articleId: number;
  let version: number;
  let photo: () => Buffer;
  const fileCount = async () => Number((await t.db.kysely.selectFrom('stored_files').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const bytesOf = async (c: Client, id: number) => (await c.request({ method: 'GET', url: `/api/v1/files/${id}` })).rawPayload;
  const upload = (c: Client, bytes: Buffer, name = 'photo.jpg', id = articleId) => c.post(`/api/v1/articles/${id}/images`, form({}, { bytes, name }));

  beforeAll(async () => {
    t = await createTestApp(target);
    const root = await buildOrg(t.db.kysely);
    const branch = await buildOrg(t.db.kysely, { parentId: root.id });
    const other = await buildOrg(t.db.kysely, { parentId: root.id });
    staff = (await signedIn(t, 'committee_staff', root.id)).client;
    author = (await signedIn(t, 'portal_author', branch.id)).client;
    outsider = (await signedIn(t, 'portal_author', other.id)).client;
    const columnId = (await staff.post('/api/v1/columns', { name: '支部风采', slug: 'branch', orgId: branch.id })).json().id;
    const a = (await author.post('/api/v1/articles', { title: '支部开展主题党日', body: '<p>正文</p>', columnId })).json();
    articleId = a.id;
    version = a.version;
    const taken = await takePhoto();
    photo = () => taken;
  });
  afterAll(async () => t.close());

  it('keeps a photo upright at web width and as a thumbnail, with its metadata gone, and the original as uploaded', async () => {
    const original = photo();
    expect(await sharp(original).metadata()).toMatchObject({ orientation: 6, exif: expect.any(Buffer) });
    expect((await sharp(original).metadata()).exif!.toString('latin1')).toContain('HongyanCam');
    const res = await upload(author, original);
    expect(res.statusCode, res.body).toBe(201);
    const img = res.json() as Uploaded;
    // Turned upright by its orientation tag: the 2,400 × 1,800 sideways shot is 1,800 wide and 2,400 high.
    expect(img).toMatchObject({ url: `/api/v1/files/${img.id}`, contentType: 'image/jpeg', width: WEB_WIDTH, height: 2133 });
    for (const [id, width] of [[img.id, WEB_WIDTH], [img.thumbnailId, THUMBNAIL_WIDTH]]) {
      const meta = await sharp(await bytesOf(author, id)).metadata();
      expect(meta).toMatchObject({ format: 'jpeg', width });
      expect(meta.exif).toBeUndefined();
      expect(meta.orientation).toBeUndefined();
    }
    expect(sha256Hex(await bytesOf(author, img.originalId))).toBe(sha256Hex(original));
    const audit = await t.db.kysely.selectFrom('audit_events').select('details').where('action', '=', 'portal.article.image').executeTakeFirstOrThrow();
    expect(JSON.parse(audit.details as string)).toMatchObject({ fileId: img.id, width: WEB_WIDTH, height: 2133 });
  });

  it('keeps the format of a large PNG and never enlarges a small image', async () => {
    const png = await sharp({ create: { width: 2400, height: 1200, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0.5 } } }).png().toBuffer();
    const big = (await upload(author, png, '截图.png')).json() as Uploaded;
    expect(big).toMatchObject({ contentType: 'image/png', width: WEB_WIDTH, height: 800 });
    expect(await sharp(await bytesOf(author, big.id)).metadata()).toMatchObject({ format: 'png', width: WEB_WIDTH, hasAlpha: true });
    const small = await sharp({ create: { width: 300, height: 200, channels: 3, background: '#fff' } }).webp().toBuffer();
    const kept = (await upload(author, small, 'small.webp')).json() as Uploaded;
    expect(kept).toMatchObject({ contentType: 'image/webp', width: 300, height: 200 });
    expect((await sharp(await bytesOf(author, kept.thumbnailId)).metadata()).width).toBe(300);
  });

  it('refuses what is not an image, an image over the size limit, a canvas too large, and another scope’s article', async () => {
    const before = await fileCount();
    const pdf = await upload(author, Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n'), 'photo.jpg');
    expect(pdf.statusCode).toBe(415);
    expect(pdf.json().error).toMatchObject({ code: 'unsupported_media_type', details: [{ path: 'file' }] });
    const huge = await upload(author, Buffer.alloc(10 * 1024 * 1024 + 1, 0xff));
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error.message).toContain('10 MB');
    // Refused from its header, before 10,000 × 10,000 pixels are decoded.
    const refused = await upload(author, await pixelBomb(), 'bomb.png');
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details[0].message).toContain('百万像素');
    expect((await upload(outsider, photo())).statusCode).toBe(404);
    expect((await upload(author, photo(), 'a.jpg', 999_999)).statusCode).toBe(404);
    // The generic upload takes attachments for an article, not images, which would skip the resizing.
    const generic = await author.post('/api/v1/files', form({ ownerKind: 'article', ownerId: articleId }, { bytes: photo(), name: 'photo.jpg' }));
    expect(generic.statusCode).toBe(415);
    expect(await fileCount()).toBe(before);
  });

  it('shows the web copy and its thumbnail on the public site while the article is published, never the original', async () => {
    const img = (await upload(author, photo())).json() as Uploaded;
    const saved = await author.patch(`/api/v1/articles/${articleId}`, { body: `<p>现场：</p><p><img src="${img.url}" alt="现场"></p>`, coverFileId: img.id, version });
    expect(saved.statusCode, saved.body).toBe(200);
    const media = (id: number) => t.app.inject({ method: 'GET', url: `/media/${id}` });
    expect((await media(img.id)).statusCode).toBe(404);
    expect((await staff.post(`/api/v1/articles/${articleId}/transitions`, { to: 'published' })).statusCode).toBe(200);
    const page = (await t.app.inject({ method: 'GET', url: `/article/${articleId}` })).body;
    expect(page).toMatch(new RegExp(`<img src="/media/${img.id}" alt="现场"`));
    expect((await media(img.id)).statusCode).toBe(200);
    expect((await media(img.thumbnailId)).statusCode).toBe(200);
    expect((await media(img.originalId)).statusCode).toBe(404);
    const home = (await t.app.inject({ method: 'GET', url: '/' })).body;
    expect(home).toContain(`<img src="/media/${img.id}" srcset="/media/${img.thumbnailId} ${THUMBNAIL_WIDTH}w, /media/${img.id} ${WEB_WIDTH}w"`);
    expect((await staff.post(`/api/v1/articles/${articleId}/transitions`, { to: 'withdrawn', comment: '撤回' })).statusCode).toBe(200);
    expect((await media(img.thumbnailId)).statusCode).toBe(404);
  });
});
