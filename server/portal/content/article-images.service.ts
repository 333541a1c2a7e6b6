import type { Principal } from '../../platform/access/principal.js';
import { writeAudit, type Actor } from '../../platform/audit/audit-log.js';
import { sha256Hex } from '../../platform/crypto/field-cipher.js';
import type { Trx } from '../../platform/db/database.js';
import { AppError, badRequest } from '../../platform/errors.js';
import { insertFile, type StoredFile } from '../../platform/files/files.repository.js';
import { safeFileName } from '../../platform/files/files.service.js';
import type { AppContext } from '../../platform/http/context.js';
import { nowIso } from '../../platform/time.js';
import { renditionsOf, webImageTypes, type WebImageType } from './article-images.js';

/** An image file above this is refused before it is decoded (the configured upload limit may be lower still). */
export const ARTICLE_IMAGE_MAX_BYTES = 10 * 1024 * 1024;

/**
 * Owner kinds of an image's other copies (registered in portal-content.ts): the original belongs to the article
 * but is never public; the thumbnail belongs to the web copy (its owner id is that file's id), public with it.
 */
export const ORIGINAL_KIND = 'article_original';
export const THUMBNAIL_KIND = 'article_thumbnail';

export interface StoredImage {
  /** the web copy: what the body shows and a cover points to */
  image: StoredFile;
  thumbnail: StoredFile;
  original: StoredFile;
  /** of the web copy */
  width: number;
  height: number;
}

/** An image checked, resized and put into the file store, waiting for its records (`insert`) or removal. */
export interface PreparedImage {
  insert(trx: Trx, userId: number, articleId: number | null): Promise<StoredImage>;
  remove(): Promise<void>;
}

/** Sniffs the bytes: an image of a web type, or undefined. */
export async function imageTypeOf(bytes: Buffer): Promise<{ mime: WebImageType; ext: string } | undefined> {
  const { fileTypeFromBuffer } = await import('file-type');
  const type = await fileTypeFromBuffer(bytes);
  return type && (webImageTypes as readonly string[]).includes(type.mime) ? { mime: type.mime as WebImageType, ext: type.ext } : undefined;
}

export async function prepareImage(ctx: AppContext, fileName: string, bytes: Buffer, type: { mime: WebImageType; ext: string }): Promise<PreparedImage> {
  const { web, thumbnail } = await renditionsOf(bytes, type.mime);
  const name = safeFileName(fileName, type.ext);
  const copies = [
    { kind: 'article', name: safeFileName(fileName, web.ext), bytes: web.bytes, mime: web.mime },
    { kind: THUMBNAIL_KIND, name: `缩略图-${safeFileName(fileName, thumbnail.ext)}`, bytes: thumbnail.bytes, mime: thumbnail.mime },
    { kind: ORIGINAL_KIND, name: `原图-${name}`, bytes, mime: type.mime },
  ];
  const keys = await Promise.all(copies.map((c) => ctx.files.put(c.bytes)));
  return {
    async insert(trx, userId, articleId) {
      const at = nowIso();
      const row = (i: number, ownerId: number | null) => insertFile(trx, {
        owner_type: copies[i].kind, owner_id: ownerId, org_id: null, name: copies[i].name, content_type: copies[i].mime,
        size: copies[i].bytes.length, sha256: sha256Hex(copies[i].bytes), storage_key: keys[i], created_by: userId, created_at: at,
      });
      const image = await row(0, articleId);
      return { image, thumbnail: await row(1, image.id), original: await row(2, articleId), width: web.width, height: web.height };
    },
    async remove() {
      await Promise.all(keys.map((k) => ctx.files.remove(k)));
    },
  };
}

/**
 * An image uploaded for an article's body or cover: size and type checked by its bytes, then stored as the web copy
 * (at most 1,600 px wide), a thumbnail and the original, in one transaction with its audit row.
 */
export async function uploadArticleImage(ctx: AppContext, principal: Principal, actor: Actor, articleId: number, fileName: string, bytes: Buffer): Promise<StoredImage> {
  const limit = Math.min(ARTICLE_IMAGE_MAX_BYTES, ctx.config.uploadMaxBytes);
  if (bytes.length > limit) {
    const mb = (limit / 1024 / 1024).toFixed(1).replace(/\.0$/, '');
    throw new AppError(413, 'too_large', `图片过大：单张不得超过 ${mb} MB`, [{ path: 'file', message: `文件：不得超过 ${mb} MB` }]);
  }
  if (bytes.length === 0) throw badRequest('文件为空', [{ path: 'file', message: '文件：内容为空' }]);
  const type = await imageTypeOf(bytes);
  if (!type) {
    throw new AppError(415, 'unsupported_media_type', '文件内容不是图片，请上传 JPEG、PNG、GIF 或 WebP 图片',
      [{ path: 'file', message: '文件：仅支持 JPEG、PNG、GIF、WebP 图片' }]);
  }
  const prepared = await prepareImage(ctx, fileName, bytes, type);
  try {
    return await ctx.db.kysely.transaction().execute(async (trx) => {
      const stored = await prepared.insert(trx, principal.userId, articleId);
      await writeAudit(trx, actor, {
        action: 'portal.article.image', objectType: 'article', objectId: articleId,
        details: { fileId: stored.image.id, name: stored.image.name, size: bytes.length, sha256: stored.original.sha256, width: stored.width, height: stored.height },
      });
      return stored;
    });
  } catch (err) {
    await prepared.remove();
    throw err;
  }
}
